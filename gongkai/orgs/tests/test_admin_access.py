"""The Django admin is open to the openness office only, and its edits are audited."""

from gongkai.core.models import AuditEvent
from gongkai.orgs.models import Domain


def test_office_admin_reaches_reference_data(client, office_admin):
    client.force_login(office_admin)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/orgs/unit/").status_code == 200
    assert client.get("/admin/core/calendaryear/").status_code == 200
    assert client.get("/admin/core/auditevent/").status_code == 200


def test_town_editor_is_kept_out(client, tanzhou_editor):
    client.force_login(tanzhou_editor)
    response = client.get("/admin/orgs/unit/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_admin_edit_writes_an_audit_event(client, office_admin):
    client.force_login(office_admin)
    domain = Domain.objects.get(code="poverty-alleviation")
    response = client.post(
        f"/admin/orgs/domain/{domain.pk}/change/",
        {
            "code": domain.code,
            "name": domain.name,
            "issuer": "国家乡村振兴局",
            "sort_order": domain.sort_order,
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.get(action="domain.admin_change")
    assert event.actor == office_admin
    assert event.after == {"issuer": "国家乡村振兴局"}


def test_audit_events_cannot_be_edited_in_the_admin(client, office_admin):
    client.force_login(office_admin)
    event = AuditEvent.objects.first()
    assert client.get("/admin/core/auditevent/add/").status_code == 403
    response = client.post(f"/admin/core/auditevent/{event.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()
