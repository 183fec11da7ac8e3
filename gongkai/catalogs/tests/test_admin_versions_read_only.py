"""Catalogs and versions are only shown in the admin; they change through the staff workflow."""

import pytest

from gongkai.catalogs import services
from gongkai.catalogs.models import Catalog, CatalogItem, CatalogVersion, ReviewOpinion
from gongkai.core.models import AuditEvent
from gongkai.orgs.models import Unit


@pytest.fixture
def reviewed(xiaolan_draft, xiaolan_approver, jiaoti_approver):
    """小榄镇's 义务教育 catalog, submitted and approved by 市教育体育局 (events and an opinion)."""
    version = services.version_submit(version=xiaolan_draft, actor=xiaolan_approver)
    services.version_review(
        version=version,
        actor=jiaoti_approver,
        reviewer_unit=Unit.objects.get(code="education"),
        approve=True,
        text="符合标准指引,同意报备。",
    )
    version.refresh_from_db()
    return version


def state(version):
    """Everything a successful admin edit could touch."""
    return (
        CatalogVersion.objects.filter(pk=version.pk).values_list("status", "number").first(),
        list(CatalogItem.objects.filter(version=version).values_list("category", "name")),
        CatalogVersion.objects.count(),
        Catalog.objects.count(),
        AuditEvent.objects.count(),
    )


def test_office_admin_sees_the_list_and_the_version(client, office_admin, reviewed):
    client.force_login(office_admin)
    listing = client.get("/admin/catalogs/catalogversion/?status__exact=approved")
    assert listing.status_code == 200
    assert "小榄镇" in listing.content.decode() and "对口部门审核通过" in listing.content.decode()

    response = client.get(f"/admin/catalogs/catalogversion/{reviewed.pk}/change/")
    assert response.status_code == 200
    page = response.content.decode()
    for text in (
        "规范性文件",
        "招生计划",
        "各类教育政策文件",
        "镇(街)级",
        "符合标准指引,同意报备。",
    ):
        assert text in page
    assert f'href="/staff/catalogs/v/{reviewed.pk}/"' in page
    assert 'name="_save"' not in page and 'name="items-0-category"' not in page

    catalog_page = client.get(f"/admin/catalogs/catalog/{reviewed.catalog_id}/change/")
    assert catalog_page.status_code == 200 and 'name="_save"' not in catalog_page.content.decode()


def test_office_admin_cannot_change_a_version(client, office_admin, reviewed):
    before = state(reviewed)
    client.force_login(office_admin)
    response = client.post(
        f"/admin/catalogs/catalogversion/{reviewed.pk}/change/",
        {"catalog": reviewed.catalog_id, "number": "1", "status": "published"},
    )
    assert response.status_code == 403
    assert state(reviewed) == before


def test_office_admin_cannot_add_versions_or_catalogs(client, office_admin, reviewed):
    before = state(reviewed)
    client.force_login(office_admin)
    assert client.get("/admin/catalogs/catalogversion/add/").status_code == 403
    response = client.post(
        "/admin/catalogs/catalogversion/add/",
        {"catalog": reviewed.catalog_id, "number": "2", "status": "draft"},
    )
    assert response.status_code == 403
    response = client.post(
        "/admin/catalogs/catalog/add/",
        {"unit": Unit.objects.get(code="tanzhou").pk, "domain": reviewed.catalog.domain_id},
    )
    assert response.status_code == 403
    assert state(reviewed) == before


def test_office_admin_cannot_delete(client, office_admin, reviewed):
    before = state(reviewed)
    client.force_login(office_admin)
    for url in (
        f"/admin/catalogs/catalogversion/{reviewed.pk}/delete/",
        f"/admin/catalogs/catalog/{reviewed.catalog_id}/delete/",
    ):
        assert client.post(url, {"post": "yes"}).status_code == 403
    # The bulk action is not offered either; asking for it deletes nothing.
    client.post(
        "/admin/catalogs/catalogversion/",
        {"action": "delete_selected", "_selected_action": [reviewed.pk], "post": "yes"},
    )
    assert state(reviewed) == before
    assert ReviewOpinion.objects.filter(version=reviewed).count() == 1


def test_town_editor_cannot_reach_the_admin(client, tanzhou_editor, reviewed):
    before = state(reviewed)
    client.force_login(tanzhou_editor)
    for url in (
        "/admin/catalogs/catalogversion/",
        f"/admin/catalogs/catalogversion/{reviewed.pk}/change/",
        "/admin/catalogs/guideline/add/",
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    response = client.post(f"/admin/catalogs/catalogversion/{reviewed.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert state(reviewed) == before
