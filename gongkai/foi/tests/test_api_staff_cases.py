"""GET /api/v1/staff/cases: a staff session sees its units' cases, identities masked by role."""

import datetime

import pytest

from gongkai.foi import services
from gongkai.foi.tests.conftest import ZHANG_WEI_ID, law_firm, zhang_wei
from gongkai.orgs.models import Unit

URL = "/api/v1/staff/cases"
D = datetime.date


def register(handler, data, unit="tanzhou", received_on=None):
    case, _code = services.info_request_register(
        unit=Unit.objects.get(code=unit),
        actor=handler,
        data=data,
        channel="in_person",
        received_on=received_on or D(2026, 11, 2),
    )
    return case


@pytest.fixture
def cases(official_calendar, tanzhou_handler, xiaolan_handler):
    """Two of 坦洲镇's cases (one due soon, one replied and delivered) and one of 小榄镇's."""
    soon = register(tanzhou_handler, zhang_wei())
    replied = register(tanzhou_handler, law_firm(), received_on=D(2026, 10, 12))
    services.info_request_reply(
        info_request=replied,
        actor=tanzhou_handler,
        outcome="disclosed",
        issued_on=D(2026, 10, 20),
        provided_how="电子邮件发送",
    )
    services.info_request_deliver(
        info_request=replied, actor=tanzhou_handler, method="email", sent_on=D(2026, 10, 20)
    )
    other = register(xiaolan_handler, zhang_wei(), unit="xiaolan")
    return soon, replied, other


def listed(client, user, **params):
    client.force_login(user)
    response = client.get(URL, params)
    assert response.status_code == 200, response.content
    return response.json()


def test_the_public_gets_401_in_chinese(client, cases):
    response = client.get(URL)

    assert response.status_code == 401
    assert response.json() == {"detail": "请先登录工作人员账号"}


def test_a_handler_sees_their_units_cases_in_full_by_due_date(client, cases, tanzhou_handler):
    soon, replied, other = cases

    result = listed(client, tanzhou_handler)

    assert result["count"] == 2
    numbers = [item["tracking_number"] for item in result["items"]]
    assert set(numbers) == {soon.tracking_number, replied.tracking_number}
    item = next(i for i in result["items"] if i["tracking_number"] == soon.tracking_number)
    assert item["applicant"]["applicant_name"] == "张伟"
    assert item["applicant"]["id_number"] == ZHANG_WEI_ID
    assert item["due_on"] == soon.due_on.isoformat()
    assert item["urgency"] in {"due_soon", "ok", "overdue", "due_today"}
    closed = next(i for i in result["items"] if i["tracking_number"] == replied.tracking_number)
    assert closed["urgency"] == "closed"


def test_staff_without_the_identity_role_see_applicants_masked(client, cases, tanzhou_editor):
    result = listed(client, tanzhou_editor, status="registered")

    (item,) = result["items"]
    assert item["applicant"]["applicant_name"] == "张*"
    assert ZHANG_WEI_ID not in str(result) and "13800138000" not in str(result)


def test_another_units_handler_sees_none_of_them(client, cases, xiaolan_handler):
    soon, replied, other = cases

    result = listed(client, xiaolan_handler)

    assert [i["tracking_number"] for i in result["items"]] == [other.tracking_number]


def test_the_office_filters_by_unit_and_pages(client, cases, office_admin):
    assert listed(client, office_admin)["count"] == 3
    by_unit = listed(client, office_admin, unit="xiaolan")
    assert by_unit["count"] == 1 and by_unit["items"][0]["unit"] == "xiaolan"
    page = listed(client, office_admin, limit=1, offset=1)
    assert page["count"] == 3 and len(page["items"]) == 1


@pytest.mark.parametrize(
    "params, field",
    [({"limit": 0}, "limit"), ({"limit": 201}, "limit"), ({"offset": -1}, "offset"),
     ({"limit": "many"}, "limit"), ({"status": "lost"}, "status")],
)  # fmt: skip
def test_bad_parameters_are_400_in_chinese(client, cases, tanzhou_handler, params, field):
    client.force_login(tanzhou_handler)

    response = client.get(URL, params)

    assert response.status_code == 400
    assert field in response.json()["errors"]
