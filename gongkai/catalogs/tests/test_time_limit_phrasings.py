"""Every 公开时限 phrasing of DOMAIN.md §4.3, and the §5 sample rows, read into its rule."""

import pytest

from gongkai.catalogs.time_limits import Kind, PeriodUnit, SubRule, TimeLimit, parse_time_limit

WORKDAY, DAY = PeriodUnit.WORKDAY, PeriodUnit.DAY


def period(text, anchor, amount, unit=WORKDAY, **more):
    return TimeLimit(text=text, kind=Kind.PERIOD, anchor=anchor, amount=amount, unit=unit, **more)


def special(text, kind):
    return TimeLimit(text=text, kind=kind)


def yearly(text, month, day):
    return TimeLimit(text=text, kind=Kind.YEARLY, month=month, day=day)


SHUANG_GONGSHI = (
    "信息形成20个工作日内公开；其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示"
)

# (phrasing as published, the rule it means), in the order of the §4.3 table.
PHRASINGS = [
    # Most domains; 中山 义务教育, 户籍. 条例第二十六条.
    ("信息形成或者变更之日起20个工作日内", period("", "formed_or_changed", 20)),
    # 卫生健康 (锡林浩特), 户籍 (中山南区).
    ("自信息形成或者变更之日起20个工作日内予以公开", period("", "formed_or_changed", 20)),
    ("形成或者变更之日起20个工作日内予以公开", period("", "formed_or_changed", 20)),
    # 公共资源交易, 本级政府文件.
    ("信息形成之日起20个工作日内", period("", "formed", 20)),
    # 就业.
    ("公开事项信息形成或变更之日起20个工作日内公开", period("", "formed_or_changed", 20)),
    # 涉农补贴 (中山神湾镇), with 条例第二十六条's proviso.
    (
        "信息形成或者变更之日起20个工作日内。法律、法规对政府信息公开的期限另有规定的，从其规定。",
        period("", "formed_or_changed", 20, defers_to_law=True),
    ),
    # 社会救助 (民政部 guide; 中山古镇/港口/大涌/横栏).
    ("制定或获取信息之日起10个工作日内", period("", "made_or_obtained", 10)),
    # 低保/特困 初审对象名单: published, then posted for 7 working days.
    (
        "制定或获取信息之日起10个工作日内，公示7个工作日",
        period("", "made_or_obtained", 10, notice_amount=7, notice_unit=WORKDAY),
    ),
    # 临时救助 审核审批信息 (中山大涌镇); 就业 (凌源).
    ("长期", special("", Kind.STANDING)),
    # 重大建设项目 办事指南.
    ("实时公开", special("", Kind.REALTIME)),
    ("实时", special("", Kind.REALTIME)),
    # 重大建设项目 办理过程信息.
    ("及时公开", special("", Kind.PROMPT)),
    # 重大建设项目: refers to the row above; alone, there is nothing to refer to.
    ("同上", TimeLimit(text="")),
    # 政府预算/政府决算 (中山三角镇): calendar days, 《预算法》第十四条.
    ("本级人民代表大会或其常务委员会批准后20日内", period("", "approved", 20, DAY)),
    # 部门预算/部门决算.
    ("本级政府财政部门批复后20日内", period("", "budget_approved", 20, DAY)),
    # 农村危房改造 任务分配.
    ("分配结果确定后20个工作日内", period("", "result_fixed", 20)),
    # 重大建设项目, with the 双公示 rule for 行政许可 and 行政处罚.
    (
        SHUANG_GONGSHI,
        period(
            "",
            "formed",
            20,
            sub_rules=(
                SubRule(
                    ("行政许可", "行政处罚"),
                    period("应自作出行政决定之日起7个工作日内公示", "decision_made", 7),
                ),
            ),
        ),
    ),
    # A fixed yearly date: not seen in the sampled rows, supported all the same.
    ("每年3月底前", yearly("", 3, None)),
    ("每年3月31日前", yearly("", 3, 31)),
    # §5.6 神湾镇 涉农补贴, the proviso in its short form.
    (
        "信息形成或者变更之日起20个工作日内。法律、法规另有规定的从其规定",
        period("", "formed_or_changed", 20, defers_to_law=True),
    ),
]


@pytest.mark.parametrize(("text", "expected"), PHRASINGS, ids=[p[0] for p in PHRASINGS])
def test_published_phrasing_reads_as_its_rule(text, expected):
    rule = parse_time_limit(text)
    assert rule == TimeLimit(**{**vars(expected), "text": text})


@pytest.mark.parametrize(("text", "expected"), PHRASINGS, ids=[p[0] for p in PHRASINGS])
def test_the_wording_is_kept_verbatim(text, expected):
    assert parse_time_limit(text).text == text


def test_the_statute_itself_reads_as_the_default_rule():
    """条例第二十六条, word for word."""
    text = (
        "应当自该政府信息形成或者变更之日起20个工作日内及时公开。"
        "法律、法规对政府信息公开的期限另有规定的，从其规定。"
    )
    assert parse_time_limit(text) == period(text, "formed_or_changed", 20, defers_to_law=True)
