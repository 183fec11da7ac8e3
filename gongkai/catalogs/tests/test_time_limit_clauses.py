"""The clauses beside the main rule: a 公示期, 条例第二十六条's proviso, and 其中 sub-rules."""

import pytest

from gongkai.catalogs.time_limits import Kind, PeriodUnit, SubRule, parse_time_limit

WORKDAY, DAY = PeriodUnit.WORKDAY, PeriodUnit.DAY


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("制定或获取信息之日起10个工作日内，公示7个工作日", 7, WORKDAY),
        ("制定或获取信息之日起10个工作日内，公示期7个工作日", 7, WORKDAY),
        ("制定或获取信息之日起10个工作日内，公示期为7天", 7, DAY),
        ("制定或获取信息之日起10个工作日内并公示七日", 7, DAY),
        ("制定或获取信息之日起10个工作日内公示，公示时间为5个工作日", 5, WORKDAY),
    ],
)
def test_notice_period(text, amount, unit):
    rule = parse_time_limit(text)
    assert (rule.anchor, rule.amount, rule.unit) == ("made_or_obtained", 10, WORKDAY)
    assert (rule.notice_amount, rule.notice_unit) == (amount, unit)


@pytest.mark.parametrize(
    "text",
    [
        "信息形成或者变更之日起20个工作日内。法律、法规对政府信息公开的期限另有规定的，从其规定。",
        "信息形成或者变更之日起20个工作日内，法律法规另有规定的从其规定",
        "信息形成或者变更之日起20个工作日内（法律、法规另有规定的除外）",
        "信息形成或者变更之日起20个工作日内；法规另有规定的，依其规定",
    ],
)
def test_proviso_defers_to_law(text):
    rule = parse_time_limit(text)
    assert (rule.kind, rule.anchor, rule.amount) == (Kind.PERIOD, "formed_or_changed", 20)
    assert rule.defers_to_law


def test_no_proviso_does_not_defer():
    assert not parse_time_limit("信息形成或者变更之日起20个工作日内").defers_to_law


def test_shuang_gongshi_sub_rule_names_its_matters():
    rule = parse_time_limit(
        "信息形成20个工作日内公开；其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示"
    )
    assert (rule.anchor, rule.amount) == ("formed", 20)
    [(matters, sub)] = rule.sub_rules
    assert matters == ("行政许可", "行政处罚")
    assert (sub.kind, sub.anchor, sub.amount, sub.unit) == (
        Kind.PERIOD,
        "decision_made",
        7,
        WORKDAY,
    )


@pytest.mark.parametrize(
    ("text", "matters", "kind"),
    [
        (
            "信息形成之日起20个工作日内，其中行政许可事项自作出行政决定之日起7个工作日内",
            ("行政许可",),
            Kind.PERIOD,
        ),
        (
            "信息形成之日起20个工作日内；其中行政许可和行政处罚信息7个工作日内",
            ("行政许可", "行政处罚"),
            Kind.PERIOD,
        ),
        ("信息形成之日起20个工作日内；其中办事指南实时公开", ("办事指南",), Kind.REALTIME),
    ],
)
def test_sub_rule_wordings(text, matters, kind):
    [sub_rule] = parse_time_limit(text).sub_rules
    assert isinstance(sub_rule, SubRule)
    assert sub_rule.matters == matters
    assert sub_rule.rule.kind == kind


def test_two_sub_rules():
    rule = parse_time_limit(
        "信息形成之日起20个工作日内；其中行政许可事项自作出行政决定之日起7个工作日内；"
        "其中办事指南实时公开"
    )
    assert [m for m, _ in rule.sub_rules] == [("行政许可",), ("办事指南",)]


@pytest.mark.parametrize(
    "text",
    [
        # A sub-rule that cannot be read: no half rule is kept.
        "信息形成20个工作日内；其中行政许可事项尽快公开",
        # A sub-rule without its matters.
        "信息形成20个工作日内；其中自作出行政决定之日起7个工作日内",
        # Clauses with no main rule.
        "其中行政许可事项应自作出行政决定之日起7个工作日内公示",
        "公示7个工作日",
        "法律、法规另有规定的，从其规定",
        # Two notice periods.
        "制定或获取信息之日起10个工作日内，公示7个工作日，公示7个工作日",
    ],
)
def test_unreadable_clauses_make_the_whole_text_unparsed(text):
    rule = parse_time_limit(text)
    assert rule.kind == Kind.UNPARSED
    assert rule.text == text
