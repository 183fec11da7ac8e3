"""Who sees and changes a unit's workspace: persona by persona.

A denied request answers exactly like a unit that does not exist, and changes nothing.
"""

import pytest

from gongkai.core.models import AuditEvent
from gongkai.orgs.models import Unit

NEW_PROFILE = {
    "office_name": "坦洲镇党政办公室",
    "address": "中山市坦洲镇(演示地址)",
    "office_hours": "工作日 8:30-12:00, 14:30-17:30",
    "phone": "0760-00000000",
    "fax": "",
    "email": "",
    "postcode": "528467",
}


def profile(code):
    unit = Unit.objects.get(code=code)
    return {field: getattr(unit, field) for field in NEW_PROFILE}


def test_editor_views_and_edits_own_unit(client, tanzhou_editor):
    client.force_login(tanzhou_editor)
    assert client.get("/staff/units/tanzhou/").status_code == 200
    response = client.post("/staff/units/tanzhou/edit/", NEW_PROFILE)
    assert response.status_code == 302
    assert profile("tanzhou") == NEW_PROFILE
    event = AuditEvent.objects.get(action="unit.update_profile")
    assert event.actor == tanzhou_editor
    assert event.after["address"] == NEW_PROFILE["address"]
    assert event.before["address"] == ""


@pytest.mark.parametrize("path", ["/staff/units/tanzhou/", "/staff/units/tanzhou/edit/"])
def test_other_towns_editor_gets_the_missing_answer(client, xiaolan_editor, path):
    client.force_login(xiaolan_editor)
    denied = client.get(path)
    missing = client.get(path.replace("tanzhou", "no-such-unit"))
    assert denied.status_code == missing.status_code == 404
    assert denied.content == missing.content


def test_other_towns_editor_cannot_change_anything(client, xiaolan_editor):
    client.force_login(xiaolan_editor)
    before, events = profile("tanzhou"), AuditEvent.objects.count()
    response = client.post("/staff/units/tanzhou/edit/", NEW_PROFILE)
    assert response.status_code == 404
    assert profile("tanzhou") == before
    assert AuditEvent.objects.count() == events


def test_anonymous_is_sent_to_sign_in_and_changes_nothing(client, zhongshan):
    before = profile("tanzhou")
    response = client.post("/staff/units/tanzhou/edit/", NEW_PROFILE)
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/login/")
    assert profile("tanzhou") == before


def test_office_admin_sees_and_edits_every_unit(client, office_admin):
    client.force_login(office_admin)
    assert client.get("/staff/units/xiaolan/").status_code == 200
    assert client.post("/staff/units/tanzhou/edit/", NEW_PROFILE).status_code == 302
    assert profile("tanzhou") == NEW_PROFILE


def test_unit_list_shows_only_own_units(client, tanzhou_editor, office_admin):
    client.force_login(tanzhou_editor)
    page = client.get("/staff/units/").content.decode()
    assert "坦洲镇" in page and "小榄镇" not in page
    client.force_login(office_admin)
    page = client.get("/staff/units/").content.decode()
    assert "坦洲镇" in page and "小榄镇" in page


def test_secrecy_reviewer_may_view_but_not_edit(client, zhongshan):
    from conftest import make_staff

    reviewer = make_staff("he_lijuan", "何丽娟", "tanzhou", "secrecy_reviewer")
    client.force_login(reviewer)
    assert client.get("/staff/units/tanzhou/").status_code == 200
    assert client.post("/staff/units/tanzhou/edit/", NEW_PROFILE).status_code == 404
    assert profile("tanzhou")["address"] == ""
