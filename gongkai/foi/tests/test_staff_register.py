"""Registering an application at the counter, by post, fax or e-mail, and its receipt (回执).

Bad input is answered on the field that is wrong, in Chinese, and stores
nothing. The query code appears once, on the receipt, and never in a URL.
"""

import datetime

import pytest
from django.utils import timezone

from gongkai.foi import services
from gongkai.foi.models import InfoRequest, RequestEvent
from gongkai.foi.tests.conftest import ZHANG_WEI_ID
from gongkai.orgs.models import Membership, Unit


def _form(unit, **changes) -> dict:
    data = {
        "unit": unit.pk,
        "channel": "post_signed",
        "received_on": "2026-03-02",
        "applicant_kind": "natural_person",
        "applicant_name": "张伟",
        "id_type": "resident_id",
        "id_number": ZHANG_WEI_ID,
        "phone": "13800138000",
        "email": "zhangwei@example.cn",
        "address": "中山市坦洲镇界狮南路38号",
        "postcode": "528467",
        "description": "坦洲镇2025年农村危房改造补助资金发放名单",
        "doc_number": "",
        "form_wanted": "electronic",
        "receive_by": "email",
    }
    return data | changes


def _wrong_check_digit() -> str:
    last = ZHANG_WEI_ID[-1]
    return ZHANG_WEI_ID[:-1] + ("1" if last != "1" else "2")


def _tomorrow() -> str:
    return (timezone.localdate() + datetime.timedelta(days=1)).isoformat()


BAD_INPUT = {
    "bad ID check digit": (lambda: {"id_number": _wrong_check_digit()}, "id_number", "校验位"),
    "no contact at all": (
        lambda: {"phone": "", "email": "", "address": "", "postcode": "", "receive_by": "online"},
        "phone",
        "至少填写一种联系方式",
    ),
    "oversized description": (lambda: {"description": "名" * 2001}, "description", "2000"),
    "HTML in the description": (
        lambda: {"description": "<script>alert(1)</script>名单"},
        "description",
        "网页代码",
    ),
    "future received_on": (lambda: {"received_on": _tomorrow()}, "received_on", "不能晚于今天"),
}


@pytest.mark.parametrize("case", BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_bad_input_is_named_on_its_field_and_nothing_is_stored(
    client, official_calendar, tanzhou_handler, tanzhou, case
):
    changes, field, message = case
    client.force_login(tanzhou_handler)

    response = client.post("/staff/foi/new/", _form(tanzhou, **changes()))

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert any(message in error for error in errors[field]), errors
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    assert message in html
    assert "<script>alert(1)</script>" not in html
    assert not InfoRequest.objects.exists()
    assert not RequestEvent.objects.exists()


def test_a_registered_application_shows_its_query_code_once(
    client, official_calendar, tanzhou_handler, tanzhou
):
    client.force_login(tanzhou_handler)

    response = client.post("/staff/foi/new/", _form(tanzhou))

    case = InfoRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/staff/foi/{case.pk}/receipt/"
    assert case.status == InfoRequest.Status.REGISTERED
    assert case.channel == "post_signed"
    assert case.received_on == datetime.date(2026, 3, 2)
    assert case.due_on == datetime.date(2026, 3, 30)

    receipt = client.get(response["Location"])
    html = receipt.content.decode()
    code = receipt.context["code"]
    assert len(code) == 10
    assert services.query_code_matches(case, code)
    assert case.tracking_number in html
    assert code in html
    assert "no-store" in receipt["Cache-Control"]
    assert code not in response["Location"]

    again = client.get(response["Location"]).content.decode()
    assert code not in again
    assert case.tracking_number in again
    assert code not in client.get(f"/staff/foi/{case.pk}/").content.decode()


def test_the_handlers_only_unit_is_preselected_and_the_receipt_rules_are_explained(
    client, tanzhou_handler, tanzhou
):
    client.force_login(tanzhou_handler)

    response = client.get("/staff/foi/new/")

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<option value="{tanzhou.pk}" selected>' in html
    channels = [value for value, _label in response.context["form"].fields["channel"].choices]
    # Online applications arrive through the portal and are confirmed on the case page.
    assert channels == ["in_person", "post_signed", "post_unsigned", "fax", "email"]
    for channel in channels:
        assert str(services.RECEIPT_RULES[channel]) in html


def test_staff_who_handle_no_requests_cannot_register(client, tanzhou_editor, tanzhou):
    client.force_login(tanzhou_editor)

    assert client.get("/staff/foi/new/").status_code == 404
    assert client.post("/staff/foi/new/", _form(tanzhou)).status_code == 404
    assert not InfoRequest.objects.exists()
    assert "登记申请" not in client.get("/staff/foi/").content.decode()


def test_a_handler_cannot_register_for_a_unit_where_he_does_not_handle(
    client, official_calendar, tanzhou_handler, zhongshan
):
    xiaolan = Unit.objects.get(code="xiaolan")
    Membership.objects.create(user=tanzhou_handler, unit=xiaolan, role=Membership.Role.EDITOR)
    client.force_login(tanzhou_handler)

    response = client.post("/staff/foi/new/", _form(xiaolan))

    assert response.status_code == 400
    assert "unit" in response.context["form"].errors
    assert not InfoRequest.objects.exists()


def test_unsigned_post_may_wait_for_confirmation_and_in_person_may_not(
    client, official_calendar, tanzhou_handler, tanzhou
):
    client.force_login(tanzhou_handler)

    in_person = client.post("/staff/foi/new/", _form(tanzhou, channel="in_person", received_on=""))
    assert in_person.status_code == 400
    assert "请填写收到申请日期" in in_person.context["form"].errors["received_on"]
    assert not InfoRequest.objects.exists()

    letter = client.post("/staff/foi/new/", _form(tanzhou, channel="post_unsigned", received_on=""))
    case = InfoRequest.objects.get()
    assert letter.status_code == 302
    assert (case.status, case.received_on, case.due_on) == (InfoRequest.Status.RECEIVED, None, None)
    assert "以与申请人确认之日为收到申请之日" in client.get(letter["Location"]).content.decode()

    page = client.get(f"/staff/foi/{case.pk}/")
    assert str(services.RECEIPT_RULES["post_unsigned"]) in page.content.decode()
    today = timezone.localdate()
    confirmed = client.post(f"/staff/foi/{case.pk}/confirm/", {"confirmed_on": today.isoformat()})
    assert confirmed.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.received_on) == (InfoRequest.Status.REGISTERED, today)
    assert case.due_on is not None
