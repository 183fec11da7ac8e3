"""Tracking with the query code: only the verified browser sees the case, and only its public side.

A forged code and an unknown tracking number get the same page; the page for
the verified case shows public timeline entries (no staff names, no internal
notes) and the letters addressed to the applicant.
"""

import datetime
import io
import re

import docx
import pytest
from django.test import Client

from gongkai.foi import services
from gongkai.foi.models import Pause
from gongkai.foi.tests.conftest import law_firm, zhang_wei
from gongkai.orgs.models import Unit

D = datetime.date


def register(handler, data):
    return services.info_request_register(
        unit=Unit.objects.get(code="tanzhou"),
        actor=handler,
        data=data,
        channel="in_person",
        received_on=D(2026, 3, 2),
    )


@pytest.fixture
def tracked(official_calendar, tanzhou_handler, tanzhou_approver):
    """张伟's case, consulted with a third party and extended; returns (case, query code)."""
    case, code = register(tanzhou_handler, zhang_wei())
    services.info_request_accept(info_request=case, actor=tanzhou_handler)
    pause = services.pause_start(
        info_request=case,
        actor=tanzhou_handler,
        kind=Pause.Kind.THIRD_PARTY,
        party="坦洲镇某建筑公司",
        started_on=D(2026, 3, 5),
    )
    services.pause_end(
        pause=pause, actor=tanzhou_handler, ended_on=D(2026, 3, 12), result="第三方内部意见甲"
    )
    services.info_request_extend(
        info_request=case,
        actor=tanzhou_approver,
        workdays=10,
        reason="需要调取档案",
        decided_on=D(2026, 3, 20),
    )
    case.refresh_from_db()
    return case, code


def verify(client, tracking_number, code):
    return client.post("/yisqgk/query/", {"tracking_number": tracking_number, "query_code": code})


def normalized(response, tracking_number):
    page = response.content.decode().replace(tracking_number, "<NUMBER>")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def test_the_right_code_opens_the_case_page_with_its_public_side_only(client, tracked):
    case, code = tracked

    response = verify(client, case.tracking_number, f" {code.lower()} ")

    assert response.status_code == 302 and response["Location"] == "/yisqgk/query/case/"
    page = client.get("/yisqgk/query/case/").content.decode()
    assert case.tracking_number in page and "办理中" in page
    assert "2026年3月2日" in page and "2026年4月21日" in page  # received, due after extension
    assert "登记受理" in page and "审核通过,进入办理" in page
    assert "征求第三方意见" in page and "经批准延长答复期限10个工作日" in page
    for staff_only in ("何嘉慧", "梁志强", "坦洲镇某建筑公司", "第三方内部意见甲"):
        assert staff_only not in page
    extension = case.letters.get(template__code="extension")
    consultation = case.letters.get(template__code="third_party")
    assert extension.number in page
    assert consultation.number not in page  # addressed to the third party, names it


def test_a_forged_code_and_an_unknown_number_get_the_same_answer(client, tracked):
    case, code = tracked
    forged = verify(client, case.tracking_number, "ABCDEFGHJK")
    unknown = verify(client, "2026-ZZZZZZZZ", code)

    assert forged.status_code == unknown.status_code == 200
    assert "申请编号或查询码不正确" in forged.content.decode()
    assert normalized(forged, case.tracking_number) == normalized(unknown, "2026-ZZZZZZZZ")
    for case_data in ("张伟", case.unit.name, "办理中", "2026年4月21日", "2026年3月2日"):
        assert case_data not in forged.content.decode()
    assert client.get("/yisqgk/query/case/")["Location"] == "/yisqgk/query/"


def test_the_verified_case_stays_in_that_browser_and_leaving_forgets_it(client, tracked):
    case, code = tracked
    verify(client, case.tracking_number, code)
    other_browser = Client()

    assert other_browser.get("/yisqgk/query/case/").status_code == 302
    assert client.get("/yisqgk/query/case/").status_code == 200
    assert client.post("/yisqgk/query/leave/").status_code == 302
    assert client.get("/yisqgk/query/case/")["Location"] == "/yisqgk/query/"


def test_letters_open_as_a_page_and_as_word_only_for_the_verified_case(
    client, tracked, tanzhou_handler
):
    case, code = tracked
    extension = case.letters.get(template__code="extension")
    consultation = case.letters.get(template__code="third_party")
    other_case, _code = register(tanzhou_handler, law_firm())
    other_letter = services.info_request_reply(
        info_request=other_case,
        actor=tanzhou_handler,
        outcome="disclosed",
        issued_on=D(2026, 3, 10),
        provided_how="见附件",
    )
    assert client.get(f"/yisqgk/query/case/letters/{extension.pk}/").status_code == 404

    verify(client, case.tracking_number, code)

    page = client.get(f"/yisqgk/query/case/letters/{extension.pk}/").content.decode()
    assert extension.title in page and "需要调取档案" in page
    download = client.get(f"/yisqgk/query/case/letters/{extension.pk}/docx/")
    assert download["Content-Type"].endswith("wordprocessingml.document")
    assert "attachment" in download["Content-Disposition"]
    document = docx.Document(io.BytesIO(download.content))
    assert document.paragraphs[0].text == extension.title
    for hidden in (consultation, other_letter):
        assert client.get(f"/yisqgk/query/case/letters/{hidden.pk}/").status_code == 404
        assert client.get(f"/yisqgk/query/case/letters/{hidden.pk}/docx/").status_code == 404


def test_an_online_application_not_yet_confirmed_shows_the_receipt_date_pending(client, zhongshan):
    case, code = services.info_request_submit(
        unit=Unit.objects.get(code="tanzhou"), data=zhang_wei()
    )
    verify(client, case.tracking_number, code)

    page = client.get("/yisqgk/query/case/").content.decode()

    assert "待确认接收" in page and "待确认" in page and "网上提交申请" in page


def test_a_reply_shows_its_outcome(client, official_calendar, tanzhou_handler):
    case, code = register(tanzhou_handler, law_firm())
    services.info_request_reply(
        info_request=case,
        actor=tanzhou_handler,
        outcome="refused.4",
        issued_on=D(2026, 3, 10),
        reason="涉及第三方个人隐私",
    )
    verify(client, case.tracking_number, code)

    page = client.get("/yisqgk/query/case/").content.decode()

    assert "不予公开/保护第三方合法权益" in page and "出具答复" in page
