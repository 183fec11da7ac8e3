"""The notices carry their facts: 补正告知书, 延期答复告知书, 征求意见书, 收费通知书."""

import datetime
from decimal import Decimal

from gongkai.foi import services
from gongkai.foi.models import Pause
from gongkai.foi.tests.case_state import accepted, consult
from gongkai.foi.tests.letter_files import docx_paragraphs

D = datetime.date


def test_correction_notice(received_case, tanzhou_handler):
    letter = services.info_request_ask_correction(
        info_request=received_case,
        actor=tanzhou_handler,
        items="请写明所需发放名单的年份和村(社区)",
        asked_on=D(2026, 3, 4),
        period_workdays=10,
    )
    paragraphs = docx_paragraphs(letter)
    text = "\n".join(paragraphs)
    assert paragraphs[0] == "坦洲镇政府信息公开申请补正告知书"
    assert paragraphs[2] == "张伟:"
    assert "第三十条" in text
    assert "请写明所需发放名单的年份和村(社区)" in text
    # 10 working days from Wed 03-04.
    assert "请于2026年3月18日前提交补正后的申请" in text
    assert "答复期限自本机关收到补正后的申请之日起计算" in text
    assert paragraphs[-1] == "2026年3月4日"


def test_extension_notice(received_case, tanzhou_approver):
    letter = services.info_request_extend(
        info_request=received_case,
        actor=tanzhou_approver,
        workdays=10,
        reason="涉及多个村(社区)的档案需逐一调取",
        decided_on=D(2026, 3, 20),
    )
    text = "\n".join(docx_paragraphs(letter))
    assert docx_paragraphs(letter)[0] == "坦洲镇政府信息公开申请延期答复告知书"
    assert "因涉及多个村(社区)的档案需逐一调取" in text
    assert "第三十三条第二款" in text
    assert "答复期限延长10个工作日" in text
    # Mon 03-02 + 30 working days, 清明 (04-06) skipped: the new date, not the old 03-30.
    assert "本机关将于2026年4月14日前作出答复" in text


def test_third_party_consultation_is_addressed_to_the_third_party(received_case, tanzhou_handler):
    case = accepted(received_case, tanzhou_handler)
    consult(case, tanzhou_handler, D(2026, 3, 5))
    letter = case.letters.get()
    paragraphs = docx_paragraphs(letter)
    text = "\n".join(paragraphs)
    assert paragraphs[0] == "坦洲镇政府信息公开征求意见书(第三方)"
    assert letter.addressee == "中山市坦洲某建筑工程有限公司"
    assert paragraphs[2] == "中山市坦洲某建筑工程有限公司:"
    assert "第三十二条" in text
    assert "申请公开的内容:坦洲镇2025年农村危房改造补助资金发放名单" in text
    # 15 working days from Thu 03-05.
    assert "15个工作日内(即2026年3月26日前)" in text
    # The third party is not told who applied.
    assert "张伟" not in text
    assert case.tracking_number not in text
    assert "收到您提出的" not in text


def test_co_producer_consultation(received_case, tanzhou_handler):
    case = accepted(received_case, tanzhou_handler)
    consult(case, tanzhou_handler, D(2026, 3, 5), kind=Pause.Kind.CO_PRODUCER)
    paragraphs = docx_paragraphs(case.letters.get())
    text = "\n".join(paragraphs)
    assert paragraphs[0] == "坦洲镇政府信息公开征求意见书(共同制作机关)"
    assert paragraphs[2] == "市住房城乡建设局:"
    assert paragraphs.count("市住房城乡建设局:") == 1
    assert "第三十四条" in text
    assert "逾期未提出意见的,视为同意公开" in text
    assert "张伟" not in text


def test_fee_notice(received_case, tanzhou_handler):
    case = accepted(received_case, tanzhou_handler)
    services.pause_start(
        info_request=case,
        actor=tanzhou_handler,
        kind=Pause.Kind.FEE,
        started_on=D(2026, 3, 5),
        amount_yuan=Decimal("300"),
        reason="本月第41件申请,按件计收300元",
    )
    paragraphs = docx_paragraphs(case.letters.get())
    text = "\n".join(paragraphs)
    assert paragraphs[0] == "坦洲镇政府信息公开信息处理费收费通知书"
    assert paragraphs[2] == "张伟:"
    assert "收取信息处理费300.00元" in text
    assert "计费说明:本月第41件申请,按件计收300元" in text
    assert "国办函〔2020〕109号" in text
    # 20 working days from Thu 03-05.
    assert "20个工作日内(即2026年4月2日前)缴纳" in text
