"""In the admin the office edits the legal bases; records are only shown, never changed."""

from gongkai.core.models import AuditEvent
from gongkai.records.models import LegalBasis, Record


def test_office_edits_a_legal_basis_and_it_is_audited(client, office_admin):
    basis = LegalBasis.objects.get(code="art16-process")
    client.force_login(office_admin)

    response = client.post(
        f"/admin/records/legalbasis/{basis.pk}/change/",
        {"article": basis.article, "summary": "过程性信息(讨论记录、请示报告等)",
         "applies_to": '["withheld"]', "sort_order": 6},
    )  # fmt: skip

    assert response.status_code == 302
    basis.refresh_from_db()
    assert basis.summary == "过程性信息(讨论记录、请示报告等)"
    assert AuditEvent.objects.filter(action="legalbasis.admin_change", actor=office_admin).exists()


def test_records_are_read_only_in_the_admin(client, office_admin, draft):
    client.force_login(office_admin)

    assert client.get(f"/admin/records/record/{draft.pk}/change/").status_code == 200
    response = client.post(f"/admin/records/record/{draft.pk}/change/", {"title": "改"})
    deleted = client.post(f"/admin/records/record/{draft.pk}/delete/", {"post": "yes"})

    assert response.status_code == deleted.status_code == 403
    assert Record.objects.get(pk=draft.pk).title == draft.title
