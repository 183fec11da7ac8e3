"""Outcomes are the result rows of the annual report's table 3 (国办公开办函〔2021〕30号).

Each application is counted in exactly one row (统计口径 4), so each row is
exactly one `Outcome` code, labelled "block/row" in the format's own words.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError

from gongkai.foi import services
from gongkai.foi.models import InfoRequest, LetterTemplate, Outcome
from gongkai.foi.tests.case_state import reload, state

D = datetime.date

# Table 3, 三、本年度办理结果, rows （一）–（六） as the format prints them (DOMAIN.md §2.3).
TABLE_3 = [
    ("disclosed", "予以公开", None),
    ("partly_disclosed", "部分公开", None),
    ("refused.1", "不予公开", "属于国家秘密"),
    ("refused.2", "不予公开", "其他法律行政法规禁止公开"),
    ("refused.3", "不予公开", "危及“三安全一稳定”"),
    ("refused.4", "不予公开", "保护第三方合法权益"),
    ("refused.5", "不予公开", "属于三类内部事务信息"),
    ("refused.6", "不予公开", "属于四类过程性信息"),
    ("refused.7", "不予公开", "属于行政执法案卷"),
    ("refused.8", "不予公开", "属于行政查询事项"),
    ("unavailable.1", "无法提供", "本机关不掌握相关政府信息"),
    ("unavailable.2", "无法提供", "没有现成信息需要另行制作"),
    ("unavailable.3", "无法提供", "补正后申请内容仍不明确"),
    ("not_processed.1", "不予处理", "信访举报投诉类申请"),
    ("not_processed.2", "不予处理", "重复申请"),
    ("not_processed.3", "不予处理", "要求提供公开出版物"),
    ("not_processed.4", "不予处理", "无正当理由大量反复申请"),
    ("not_processed.5", "不予处理", "要求行政机关确认或重新出具已获取信息"),
    (
        "other.1",
        "其他处理",
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ),
    (
        "other.2",
        "其他处理",
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    ),
    ("other.3", "其他处理", "其他"),
]
BLOCKS = {
    "予以公开": "disclosed",
    "部分公开": "partly_disclosed",
    "不予公开": "refused",
    "无法提供": "unavailable",
    "不予处理": "not_processed",
    "其他处理": "other",
}


def test_the_outcomes_are_exactly_the_result_rows():
    assert [code for code, _block, _row in TABLE_3] == list(Outcome.values)
    assert len(Outcome.values) == len(set(Outcome.values)) == 21


@pytest.mark.parametrize(("code", "block", "row"), TABLE_3)
def test_each_outcome_has_the_official_label(code, block, row):
    assert str(Outcome(code).label) == (f"{block}/{row}" if row else block)


@pytest.mark.parametrize(("code", "block", "row"), TABLE_3)
def test_group_of_gives_the_block(code, block, row):
    assert Outcome.group_of(code) == BLOCKS[block]


def test_there_are_six_blocks_in_the_format_order():
    groups = list(dict.fromkeys(Outcome.group_of(code) for code in Outcome.values))
    assert groups == list(BLOCKS.values())


@pytest.mark.parametrize("code", Outcome.values)
def test_each_outcome_has_one_reply_template(zhongshan, code):
    templates = [t for t in LetterTemplate.objects.all() if code in t.outcomes]
    assert len(templates) == 1
    if Outcome.group_of(code) not in ("disclosed", "partly_disclosed"):
        # The decision sentence with its article, filled into {ground}.
        assert templates[0].grounds[code]


def test_a_replied_case_has_exactly_one_outcome(received_case, tanzhou_handler):
    services.info_request_reply(
        info_request=received_case,
        actor=tanzhou_handler,
        outcome="partly_disclosed",
        issued_on=D(2026, 3, 20),
        provided_how="电子邮件发送可公开部分",
        reason="名单中的身份证号码和银行账号属于个人隐私,已作删除处理",
    )
    case = reload(received_case)
    assert case.outcome == "partly_disclosed"
    assert case.outcome_group == "partly_disclosed"
    before = state(case)
    with pytest.raises(ValidationError):
        services.info_request_reply(
            info_request=case,
            actor=tanzhou_handler,
            outcome="refused.4",
            issued_on=D(2026, 3, 21),
            reason="涉及个人隐私",
        )
    assert state(case) == before
    # Counted once, in one row.
    assert InfoRequest.objects.filter(pk=case.pk, outcome__in=Outcome.values).count() == 1
    assert case.letters.count() == 1
