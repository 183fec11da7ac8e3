"""Earlier published versions stay readable; versions never published are not found.

A draft, a version under review or a filed one gets the same 404 page as a
number that does not exist, so the portal does not reveal what is in the works.
"""

import pytest

from gongkai.catalogs.models import CatalogVersion
from gongkai.portal.tests.catalogs import catalog_row

Status = CatalogVersion.Status
URL = "/gongkai/tanzhou/compulsory-education/"


@pytest.fixture
def two_versions(catalog_desk, education, empty_cache):
    """Version 1 (招生计划) superseded by version 2 (招生范围)."""
    v1 = catalog_desk.publish("tanzhou", education, [catalog_row("招生管理", "招生计划")])
    v2 = catalog_desk.publish("tanzhou", education, [catalog_row("招生管理", "招生范围")])
    v1.refresh_from_db()
    assert (v1.status, v2.status) == (Status.SUPERSEDED, Status.PUBLISHED)
    return v1, v2


def test_current_page_shows_the_new_version_and_links_the_earlier_one(client, two_versions):
    page = client.get(URL).content.decode()
    assert "第2版 · " in page and "招生范围" in page
    assert "招生计划" not in page
    assert f'<a href="{URL}v1/">第1版</a>' in page
    assert '<strong aria-current="page">第2版</strong>' in page


def test_superseded_version_is_shown_and_says_it_was_replaced(client, two_versions):
    response = client.get(f"{URL}v1/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "招生计划" in page and "招生范围" not in page
    assert "· 第1版 · " in page
    assert "已被取代的历史版本" in page
    assert f'<a href="{URL}">查看现行版本(第2版)</a>' in page
    assert 'rel="canonical"' not in page


def test_current_version_by_number_is_the_current_page(client, two_versions):
    page = client.get(f"{URL}v2/").content.decode()
    assert "招生范围" in page and "已被取代" not in page.split("<table", 1)[0]
    assert f'<link rel="canonical" href="{URL}">' in page


def test_a_single_version_says_there_is_no_earlier_one(
    client, catalog_desk, education, empty_cache
):
    catalog_desk.publish("tanzhou", education, [catalog_row("招生管理", "招生计划")])
    assert "本目录尚无更早的版本" in client.get(URL).content.decode()


@pytest.mark.parametrize("status", [Status.DRAFT, Status.SUBMITTED, Status.APPROVED, Status.FILED])
def test_unpublished_version_is_as_missing_as_a_number_never_used(
    client, catalog_desk, education, two_versions, status
):
    v3 = catalog_desk.draft("tanzhou", education, [catalog_row("招生管理", "招生结果")])
    if status != Status.DRAFT:
        catalog_desk.advance(v3, status)
    v3.refresh_from_db()
    assert (v3.number, v3.status) == (3, status)

    unpublished = client.get(f"{URL}v3/")
    missing = client.get(f"{URL}v4/")
    assert unpublished.status_code == missing.status_code == 404
    assert unpublished.content == missing.content
    assert not unpublished.has_header("ETag") and not missing.has_header("ETag")
    assert "招生结果" not in unpublished.content.decode()
    # Nor does the current page list or link it.
    current = client.get(URL).content.decode()
    assert "第3版" not in current and "招生结果" not in current
