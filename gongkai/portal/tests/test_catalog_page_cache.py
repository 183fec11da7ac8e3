"""Catalog pages are cacheable: ETag/Last-Modified answer 304, and a new publication shows at once.

The ETag and the table's cache key are made from the version's pk and
published_at, so publishing a new version changes both; nothing is purged.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.portal.tests.catalogs import catalog_row

URL = "/gongkai/tanzhou/compulsory-education/"


@pytest.fixture
def v1(catalog_desk, education, empty_cache):
    return catalog_desk.publish("tanzhou", education, [catalog_row("招生管理", "招生计划")])


def test_page_carries_validators_and_may_be_stored_by_anyone(client, v1):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["ETag"].startswith('"catalog-')
    assert response.has_header("Last-Modified")
    assert set(response["Cache-Control"].split(", ")) == {"public", "no-cache"}
    assert not response.cookies


def test_unchanged_page_answers_304_to_its_etag(client, v1):
    etag = client.get(URL)["ETag"]
    response = client.get(URL, headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_unchanged_page_answers_304_to_if_modified_since(client, v1):
    last_modified = client.get(URL)["Last-Modified"]
    assert client.get(URL, headers={"if-modified-since": last_modified}).status_code == 304


def test_new_publication_shows_at_once_under_a_new_etag(client, catalog_desk, education, v1):
    first = client.get(URL)
    assert "招生计划" in first.content.decode()
    catalog_desk.publish("tanzhou", education, [catalog_row("招生管理", "招生范围")])

    response = client.get(URL, headers={"if-none-match": first["ETag"]})
    page = response.content.decode()
    assert response.status_code == 200
    assert response["ETag"] != first["ETag"]
    assert "招生范围" in page and "第2版 · " in page


def test_earlier_version_page_changes_when_a_newer_one_is_published(
    client, catalog_desk, education, v1
):
    """Its list of versions and its 'current version' link depend on the newest version."""
    catalog_desk.publish("tanzhou", education, [catalog_row("招生管理", "招生范围")])
    before = client.get(f"{URL}v1/")
    catalog_desk.publish("tanzhou", education, [catalog_row("招生管理", "招生结果")])

    response = client.get(f"{URL}v1/", headers={"if-none-match": before["ETag"]})
    assert response.status_code == 200
    assert "查看现行版本(第3版)" in response.content.decode()


def test_table_is_rendered_once_per_version(client, v1):
    with CaptureQueriesContext(connection) as first:
        client.get(URL)
    with CaptureQueriesContext(connection) as second:
        page = client.get(URL).content.decode()
    assert "招生计划" in page
    item_queries = [q for q in first.captured_queries if "catalogs_catalogitem" in q["sql"]]
    assert len(item_queries) == 1
    assert not [q for q in second.captured_queries if "catalogs_catalogitem" in q["sql"]]
