"""Public pages are cacheable, and a cached record page changes as soon as its record does.

Anonymous visitors get no cookie and `Cache-Control: public, no-cache` with an
ETag, so browsers and the nginx micro-cache may keep the page and revalidate it
with a 304. The record page is also kept rendered in Django's cache under a key
made from the record's state, so publishing, a validity change or a withdrawal
shows on the next request without any purge.
"""

import datetime

import pytest
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.records import hooks, services
from gongkai.records.models import Record
from gongkai.records.services import RecordData
from gongkai.records.tests.conftest import (  # noqa: F401 (fixtures)
    catalog_items,
    draft,
    take_to,
    tanzhou_secrecy_reviewer,
)


@pytest.fixture
def publish(tanzhou_editor, tanzhou_secrecy_reviewer, tanzhou_approver):  # noqa: F811
    def publish(record):
        return take_to(record, Record.Status.PUBLISHED, editor=tanzhou_editor,
                       reviewer=tanzhou_secrecy_reviewer, approver=tanzhou_approver)  # fmt: skip

    return publish


@pytest.fixture
def published(draft, publish, empty_cache):  # noqa: F811
    return publish(draft)


@pytest.fixture
def successor(published, publish, tanzhou_editor, catalog_items):  # noqa: F811
    """A second record of 坦洲镇, published after the first and meant to replace it."""
    record = services.record_create(
        unit=published.unit,
        actor=tanzhou_editor,
        data=RecordData(
            title="坦洲镇2026年秋季义务教育招生计划(修订)",
            doc_number="坦教〔2026〕15号",
            written_on=datetime.date(2026, 10, 9),
            formed_on=datetime.date(2026, 10, 9),
            body="<p>初中一年级计划招生调整为1,020人。</p>",
            channels=["gov_website"],
            catalog_item_ids=[catalog_items[0].pk],
        ),
    )
    return publish(record)


def url(record) -> str:
    return f"/xxgk/{record.pk}/"


def cache_control(response) -> set[str]:
    return set(response["Cache-Control"].split(", "))


def test_anonymous_record_page_sets_no_cookie_and_may_be_stored(client, published):
    response = client.get(url(published))

    assert response.status_code == 200
    assert not response.cookies
    assert cache_control(response) == {"public", "no-cache"}
    assert response["ETag"].startswith('"record-')
    assert "Cookie" not in response.get("Vary", "")


def test_unchanged_record_page_answers_304_to_its_etag(client, published):
    etag = client.get(url(published))["ETag"]

    response = client.get(url(published), headers={"if-none-match": etag})

    assert response.status_code == 304
    assert response.content == b""


def test_repeated_record_page_is_served_from_the_cache(client, published):
    first = client.get(url(published))
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url(published))

    assert second.content == first.content
    # One query for the record's version; the interpretations, attachments and
    # replaced records are not read again.
    assert len(queries.captured_queries) == 1


def test_a_validity_change_shows_at_once_on_both_cached_pages(
    client, published, successor, tanzhou_approver
):
    old_page, new_page = client.get(url(published)), client.get(url(successor))
    assert "本文件已" not in old_page.content.decode()

    services.record_set_validity(
        record=published,
        actor=tanzhou_approver,
        validity=Record.Validity.REPEALED,
        on=datetime.date(2026, 10, 10),
        replaced_by=successor,
    )

    old = client.get(url(published), headers={"if-none-match": old_page["ETag"]})
    new = client.get(url(successor), headers={"if-none-match": new_page["ETag"]})
    assert old.status_code == new.status_code == 200
    assert "本文件已" in old.content.decode() and successor.title in old.content.decode()
    assert "本文件替代" in new.content.decode() and published.title in new.content.decode()


def test_a_newly_published_record_is_listed_at_once(client, published, draft, publish):  # noqa: F811
    listing = client.get("/xxgk/")
    assert listing.status_code == 200 and not listing.cookies
    assert cache_control(listing) == {"public", "no-cache"}
    other = services.record_create(
        unit=published.unit, actor=None, data=RecordData(title="坦洲镇2026年第三季度财政收支情况")
    )
    assert client.get("/xxgk/").content == listing.content  # a draft is not public

    publish(other)

    response = client.get("/xxgk/", headers={"if-none-match": listing["ETag"]})
    assert response.status_code == 200
    assert other.title in response.content.decode()


def test_a_withdrawn_record_is_gone_from_its_cached_page(client, published):
    assert client.get(url(published)).status_code == 200
    # No records service withdraws yet (see records.hooks); this is what one must do:
    # take the record off the portal, then call the hook after its commit.
    Record.objects.filter(pk=published.pk).update(status=Record.Status.RETURNED)
    hooks.record_withdrawn(published.pk)

    assert client.get(url(published)).status_code == 404


def test_a_signed_in_visitor_gets_a_private_page(client, published, tanzhou_editor):
    client.force_login(tanzhou_editor)

    response = client.get(url(published))

    assert response.status_code == 200
    assert cache_control(response) == {"private", "no-cache"}


def test_a_flash_message_is_never_stored_for_others(client, published):
    client.cookies[CookieStorage.cookie_name] = "pending"

    response = client.get(url(published))

    assert cache_control(response) == {"private", "no-cache"}
    client.cookies.clear()
    assert cache_control(client.get(url(published))) == {"public", "no-cache"}


@pytest.mark.parametrize("path", ["/", "/gongkai/", "/xxgk/"])
def test_other_public_pages_set_no_cookie_and_answer_304(client, zhongshan, path):
    first = client.get(path)

    assert first.status_code == 200
    assert not first.cookies
    assert cache_control(first) == {"public", "no-cache"}
    assert client.get(path, headers={"if-none-match": first["ETag"]}).status_code == 304
