"""POST /api/v1/applications/status: the applicant's view by query code; wrong and unknown alike."""

import datetime

import pytest

from gongkai.foi import services
from gongkai.foi.tests.conftest import zhang_wei
from gongkai.orgs.models import Unit

URL = "/api/v1/applications/status"
D = datetime.date


def status(client, tracking_number, code):
    return client.post(
        URL,
        {"tracking_number": tracking_number, "query_code": code},
        content_type="application/json",
    )


@pytest.fixture
def registered(official_calendar, tanzhou_handler):
    return services.info_request_register(
        unit=Unit.objects.get(code="tanzhou"),
        actor=tanzhou_handler,
        data=zhang_wei(),
        channel="in_person",
        received_on=D(2026, 3, 2),
    )


def test_an_open_case_has_its_dates_and_no_outcome_yet(client, registered):
    case, code = registered

    response = status(client, case.tracking_number, code.lower())

    assert response.status_code == 200
    assert response.json() == {
        "tracking_number": case.tracking_number,
        "unit": "坦洲镇",
        "status": "registered",
        "status_label": "已登记待审核",
        "received_on": "2026-03-02",
        "due_on": "2026-03-30",
        "replied_on": None,
        "outcome": None,
        "outcome_label": None,
        "letters": [],
    }


def test_a_replied_case_has_its_outcome_and_letters(client, registered, tanzhou_handler):
    case, code = registered
    letter = services.info_request_reply(
        info_request=case,
        actor=tanzhou_handler,
        outcome="unavailable.1",
        issued_on=D(2026, 3, 10),
        reason="经检索,本机关未制作或获取该信息",
    )
    services.info_request_deliver(
        info_request=case, actor=tanzhou_handler, method="post", posted_on=D(2026, 3, 11)
    )

    result = status(client, case.tracking_number, code).json()

    assert result["status"] == "delivered" and result["replied_on"] == "2026-03-11"
    assert result["outcome"] == "unavailable.1"
    assert result["outcome_label"] == "无法提供/本机关不掌握相关政府信息"
    assert result["letters"] == [
        {"number": letter.number, "title": letter.title, "issued_on": "2026-03-10"}
    ]


def test_an_online_application_before_confirmation_has_no_dates(client, zhongshan):
    case, code = services.info_request_submit(
        unit=Unit.objects.get(code="tanzhou"), data=zhang_wei()
    )

    result = status(client, case.tracking_number, code).json()

    assert (result["status"], result["received_on"], result["due_on"]) == ("received", None, None)


def test_a_forged_code_and_an_unknown_number_get_identical_404s(client, registered):
    case, code = registered

    forged = status(client, case.tracking_number, "ABCDEFGHJK")
    unknown = status(client, "2026-ZZZZZZZZ", code)

    assert forged.status_code == unknown.status_code == 404
    assert forged.content == unknown.content
    assert forged.json() == {"detail": "申请编号或查询码不正确"}
    assert forged.headers == unknown.headers


def test_missing_credentials_are_a_400_in_chinese(client, zhongshan):
    response = client.post(URL, {"tracking_number": "2026-X"}, content_type="application/json")

    assert response.status_code == 400
    assert response.json() == {"errors": {"query_code": "缺少必填项“查询码”"}}
