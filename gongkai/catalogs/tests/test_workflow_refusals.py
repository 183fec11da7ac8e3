"""Every step refused to the wrong persona answers 404 and changes nothing."""

import pytest

from gongkai.catalogs.models import CatalogItem, CatalogVersion
from gongkai.core.models import AuditEvent

Status = CatalogVersion.Status


def attempt(client, user, url, data=None):
    client.force_login(user)
    return client.post(url, data or {})


def unchanged(version, status, items):
    version.refresh_from_db()
    return version.status == status and version.items.count() == items


@pytest.mark.parametrize(
    "persona", ["tanzhou_editor", "tanzhou_approver", "jiaoti_approver", "office_admin"]
)
def test_only_the_units_editor_edits_a_draft(client, request, xiaolan_draft, persona):
    user = request.getfixturevalue(persona)
    events = AuditEvent.objects.count()
    url = f"/staff/catalogs/v/{xiaolan_draft.pk}/items/new/"
    response = attempt(client, user, url, {"category": "x", "name": "y", "mode": ["proactive"]})
    assert response.status_code == 404
    assert unchanged(xiaolan_draft, Status.DRAFT, 2)
    assert AuditEvent.objects.count() == events


def test_other_towns_staff_cannot_even_see_the_draft(client, xiaolan_draft, tanzhou_approver):
    client.force_login(tanzhou_approver)
    denied = client.get(f"/staff/catalogs/v/{xiaolan_draft.pk}/")
    missing = client.get("/staff/catalogs/v/999999/")
    assert denied.status_code == missing.status_code == 404
    assert denied.content == missing.content


def test_counterpart_does_not_see_drafts(client, xiaolan_draft, jiaoti_approver):
    client.force_login(jiaoti_approver)
    assert client.get(f"/staff/catalogs/v/{xiaolan_draft.pk}/").status_code == 404


@pytest.mark.parametrize("persona", ["xiaolan_editor", "tanzhou_approver", "jiaoti_approver"])
def test_only_the_units_approver_submits(client, request, xiaolan_draft, persona):
    response = attempt(
        client, request.getfixturevalue(persona), f"/staff/catalogs/v/{xiaolan_draft.pk}/submit/"
    )
    assert response.status_code == 404
    assert unchanged(xiaolan_draft, Status.DRAFT, 2)


@pytest.mark.parametrize("persona", ["xiaolan_approver", "minzheng_approver", "tanzhou_approver"])
def test_only_the_counterpart_approves(client, request, xiaolan_draft, xiaolan_approver, persona):
    attempt(client, xiaolan_approver, f"/staff/catalogs/v/{xiaolan_draft.pk}/submit/")
    response = attempt(
        client,
        request.getfixturevalue(persona),
        f"/staff/catalogs/v/{xiaolan_draft.pk}/review/",
        {"decision": "approve", "text": "同意"},
    )
    assert response.status_code == 404
    assert unchanged(xiaolan_draft, Status.SUBMITTED, 2)


def test_the_office_cannot_approve_in_the_counterparts_place(
    client, xiaolan_draft, xiaolan_approver, office_admin
):
    attempt(client, xiaolan_approver, f"/staff/catalogs/v/{xiaolan_draft.pk}/submit/")
    response = attempt(
        client,
        office_admin,
        f"/staff/catalogs/v/{xiaolan_draft.pk}/review/",
        {"decision": "approve", "text": "同意"},
    )
    assert response.status_code == 404
    assert unchanged(xiaolan_draft, Status.SUBMITTED, 2)


def test_a_town_catalog_is_not_filed_before_review(
    client, xiaolan_draft, xiaolan_approver, office_admin
):
    attempt(client, xiaolan_approver, f"/staff/catalogs/v/{xiaolan_draft.pk}/submit/")
    attempt(client, office_admin, f"/staff/catalogs/v/{xiaolan_draft.pk}/file/")
    assert unchanged(xiaolan_draft, Status.SUBMITTED, 2)


@pytest.mark.parametrize("persona", ["xiaolan_approver", "jiaoti_approver"])
def test_only_the_office_files(
    client, request, xiaolan_draft, xiaolan_approver, jiaoti_approver, persona
):
    v = xiaolan_draft
    attempt(client, xiaolan_approver, f"/staff/catalogs/v/{v.pk}/submit/")
    attempt(
        client,
        jiaoti_approver,
        f"/staff/catalogs/v/{v.pk}/review/",
        {"decision": "approve", "text": "同意"},
    )
    response = attempt(client, request.getfixturevalue(persona), f"/staff/catalogs/v/{v.pk}/file/")
    assert response.status_code == 404
    assert unchanged(v, Status.APPROVED, 2)


def test_a_submitted_version_cannot_be_edited_by_anyone(
    client, xiaolan_draft, xiaolan_editor, xiaolan_approver
):
    attempt(client, xiaolan_approver, f"/staff/catalogs/v/{xiaolan_draft.pk}/submit/")
    item = CatalogItem.objects.filter(version=xiaolan_draft).first()
    response = attempt(
        client, xiaolan_editor, f"/staff/catalogs/v/{xiaolan_draft.pk}/items/{item.pk}/delete/"
    )
    assert response.status_code == 404
    assert unchanged(xiaolan_draft, Status.SUBMITTED, 2)
