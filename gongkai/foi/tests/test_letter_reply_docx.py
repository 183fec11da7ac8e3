"""The reply letter (答复书) as Word: the national 参考文本 layout, the article, the remedy clause.

Since 2024-01-01 a refusal to disclose must go to 行政复议 first (复议前置,
《行政复议法》(2023) 第二十三条); other replies offer 行政复议 (60 日) or 行政诉讼 (6 个月).
"""

import datetime
import re

import pytest

from gongkai.foi import services
from gongkai.foi.tests.conftest import register, zhang_wei
from gongkai.foi.tests.letter_files import docx_paragraphs, docx_properties
from gongkai.orgs.models import Unit

D = datetime.date
NUMBER = re.compile(r"^.+公复〔2026〕\d+号$")

REVIEW_FIRST = "review_first"
CHOICE = "choice"

# (outcome, title suffix, article cited in the decision, remedy)
REPLIES = [
    ("disclosed", "予以公开", "第三十六条第(一)项、第(二)项", CHOICE),
    ("partly_disclosed", "部分公开", "第三十七条", REVIEW_FIRST),
    ("refused.1", "不予公开", "第十四条", REVIEW_FIRST),
    ("refused.4", "不予公开", "第十五条", REVIEW_FIRST),
    ("refused.6", "不予公开", "第十六条第二款", REVIEW_FIRST),
    ("unavailable.1", "无法提供", "第三十六条第(四)项、第(五)项", CHOICE),
    ("unavailable.2", "无法提供", "第三十八条", CHOICE),
    ("not_processed.1", "不予处理", "第三十九条第一款", CHOICE),
    ("not_processed.2", "不予处理", "第三十六条第(六)项", CHOICE),
]


REPLY_DAY = D(2026, 3, 20)


def reply(case, handler, outcome, issued_on=REPLY_DAY):
    return services.info_request_reply(
        info_request=case,
        actor=handler,
        outcome=outcome,
        issued_on=issued_on,
        provided_how="电子邮件发送至 zhangwei@example.cn",
        reason="名单含有村民身份证号码、银行账号等个人信息",
    )


@pytest.mark.parametrize(("outcome", "kind", "article", "remedy"), REPLIES)
def test_reply_letter_docx(received_case, tanzhou_handler, outcome, kind, article, remedy):
    letter = reply(received_case, tanzhou_handler, outcome)
    paragraphs = docx_paragraphs(letter)
    text = "\n".join(paragraphs)

    assert paragraphs[0] == f"坦洲镇政府信息公开申请答复书({kind})"
    assert NUMBER.match(paragraphs[1])
    assert paragraphs[1] == letter.number
    assert paragraphs[2] == "张伟:"
    # The receipt sentence with the date, and the request restated.
    assert paragraphs[3].startswith("本机关于2026年3月2日收到您提出的政府信息公开申请")
    assert "坦洲镇2025年农村危房改造补助资金发放名单" in paragraphs[3]
    assert f"《中华人民共和国政府信息公开条例》{article}" in text
    if remedy == REVIEW_FIRST:
        assert "应当先申请行政复议" in text
        assert "第二十三条" in text
        assert "六十日内向中山市人民政府申请行政复议" in text
        assert "六个月内" not in text  # no free choice of going to court first
    else:
        assert "六十日内向中山市人民政府申请行政复议,或者" in text
        assert "六个月内依法向人民法院提起行政诉讼" in text
        assert "先申请行政复议" not in text
    assert paragraphs[-2:] == ["坦洲镇", "2026年3月20日"]
    assert docx_properties(letter).identifier == letter.number


def test_the_reason_and_the_way_to_get_the_information_are_in_the_letter(
    received_case, tanzhou_handler
):
    letter = reply(received_case, tanzhou_handler, "partly_disclosed")
    text = "\n".join(docx_paragraphs(letter))
    assert "获取方式:电子邮件发送至 zhangwei@example.cn" in text
    assert "不予公开部分的理由:名单含有村民身份证号码、银行账号等个人信息" in text


def test_the_receipt_sentence_of_a_corrected_application(received_case, tanzhou_handler):
    services.info_request_ask_correction(
        info_request=received_case,
        actor=tanzhou_handler,
        items="请写明所需名单的年份",
        asked_on=D(2026, 3, 4),
        period_workdays=10,
    )
    services.info_request_receive_correction(
        info_request=received_case,
        actor=tanzhou_handler,
        corrected_on=D(2026, 3, 9),
        description="坦洲镇2025年度农村危房改造补助资金发放名单(十四村)",
    )
    letter = reply(received_case, tanzhou_handler, "unavailable.3")
    paragraphs = docx_paragraphs(letter)
    # The receipt date stays 03-02 (第三十一条); the 补正 date is added, and the
    # reply restates the corrected request, the one it answers.
    assert paragraphs[3].startswith(
        "本机关于2026年3月2日收到您提出的政府信息公开申请,于2026年3月9日收到补正后的申请"
    )
    assert "坦洲镇2025年度农村危房改造补助资金发放名单(十四村)" in paragraphs[3]
    assert "第三十条" in "\n".join(paragraphs)


def test_letters_are_numbered_per_unit_and_year(official_calendar, tanzhou_handler):
    first = register(tanzhou_handler, D(2026, 3, 2))
    second = register(tanzhou_handler, D(2026, 3, 3))
    last_year = register(tanzhou_handler, D(2025, 12, 1))
    numbers = [
        reply(first, tanzhou_handler, "disclosed", D(2026, 3, 10)).number,
        reply(second, tanzhou_handler, "refused.4", D(2026, 3, 11)).number,
        reply(last_year, tanzhou_handler, "disclosed", D(2025, 12, 15)).number,
    ]
    assert numbers == ["坦洲公复〔2026〕1号", "坦洲公复〔2026〕2号", "坦洲公复〔2025〕1号"]


def test_another_unit_has_its_own_numbers(received_case, tanzhou_handler, xiaolan_handler):
    reply(received_case, tanzhou_handler, "disclosed", D(2026, 3, 10))
    xiaolan_case, _code = services.info_request_register(
        unit=Unit.objects.get(code="xiaolan"),
        actor=xiaolan_handler,
        data=zhang_wei(description="小榄镇2025年低保对象名单"),
        channel="in_person",
        received_on=D(2026, 3, 2),
    )
    letter = reply(xiaolan_case, xiaolan_handler, "disclosed", D(2026, 3, 12))
    assert letter.number == "小榄公复〔2026〕1号"
    assert docx_paragraphs(letter)[0] == "小榄镇政府信息公开申请答复书(予以公开)"
