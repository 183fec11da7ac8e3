"""Staff see only their own unit's records; a denied step answers like a missing record and changes nothing."""

import pytest

from gongkai.core.models import AuditEvent
from gongkai.records.models import Record, RecordEvent

STEPS = ["edit/", "submit/", "mask/", "secrecy/", "approve/", "publish/", "waive/"]


def _state():
    return (
        list(Record.objects.values_list("pk", "status", "title", "body")),
        RecordEvent.objects.count(),
        AuditEvent.objects.count(),
    )


def test_another_towns_editor_cannot_see_the_draft(client, draft, xiaolan_editor):
    client.force_login(xiaolan_editor)

    denied = client.get(f"/staff/records/{draft.pk}/")
    missing = client.get("/staff/records/999999/")

    assert denied.status_code == missing.status_code == 404
    assert denied.content == missing.content


@pytest.mark.parametrize("step", STEPS)
def test_another_towns_editor_cannot_act(client, draft, xiaolan_editor, step):
    client.force_login(xiaolan_editor)
    before = _state()

    response = client.post(
        f"/staff/records/{draft.pk}/{step}", {"title": "改", "decision": "approve"}
    )

    assert response.status_code == 404
    assert _state() == before


def test_the_editor_cannot_approve_or_publish_and_the_reviewer_cannot_edit(
    client, draft, tanzhou_editor, tanzhou_secrecy_reviewer
):
    client.force_login(tanzhou_editor)
    client.post(f"/staff/records/{draft.pk}/submit/")
    before = _state()

    assert (
        client.post(f"/staff/records/{draft.pk}/secrecy/", {"decision": "pass"}).status_code == 404
    )
    assert (
        client.post(f"/staff/records/{draft.pk}/approve/", {"decision": "approve"}).status_code
        == 404
    )
    client.force_login(tanzhou_secrecy_reviewer)
    assert client.post(f"/staff/records/{draft.pk}/edit/", {"title": "改"}).status_code == 404
    assert _state() == before


def test_the_office_sees_every_unit_but_cannot_edit(client, draft, office_admin):
    client.force_login(office_admin)

    assert client.get(f"/staff/records/{draft.pk}/").status_code == 200
    assert client.post(f"/staff/records/{draft.pk}/edit/", {"title": "改"}).status_code == 404
