"""Newest first reads recent days first and still returns exactly the newest (tantivy).

The engine reads the last few days, then older slices of days, until a page is
full (`_newest`). Records spread over six years, a few in the last days, several
published at the same moment: every page must equal the database's own
newest-first order of the matching records (ties by pk, newest pk first), from
the smallest first slice (forced) and as sized by the engine.
"""

import datetime

import pytest
from django.utils import timezone

from gongkai.records.models import Record
from gongkai.search import services
from gongkai.search.backends import tantivy_backend
from gongkai.search.tests.conftest import holding, publish


@pytest.fixture
def six_years(tantivy):
    today = timezone.localdate()
    rows = [
        {
            "title": f"第{n}期防汛物资采购公告" if n % 2 else f"第{n}期道路养护通知",
            "body": "防汛" * (n % 3) + "道路施工期间请绕行。",
            # Same day, same moment for several records: the order breaks ties by pk.
            "published_on": today - datetime.timedelta(days=n * n % 2200 + (n % 5)),
        }
        for n in range(150)
    ]
    publish("tanzhou", rows)
    services.index_rebuild()


def database_newest(term: str) -> list[int]:
    return list(holding(term).order_by("-published_at", "-pk").values_list("pk", flat=True))


def newest_pages(query: str) -> tuple[int, list[int]]:
    found = []
    for number in range(1, 10):
        page = services.search(query=query, order="newest", page=number, per_page=20)
        found += [hit.record.pk for hit in page.results]
        if number >= page.num_pages:
            return page.total, found
    raise AssertionError("more pages than the corpus holds")


def test_newest_pages_equal_the_database_order(six_years, monkeypatch):
    moments = list(Record.objects.values_list("published_at", flat=True))
    assert len(set(moments)) < len(moments), "the corpus must hold ties"
    # Small counts would be sorted whole; force the slices for every query.
    monkeypatch.setattr(tantivy_backend, "SORT_ALL", 0)
    monkeypatch.setattr(tantivy_backend, "SORT_ALL_PHRASES", 0)
    for first_slice in ("sized", "one day"):
        if first_slice == "one day":
            monkeypatch.setattr(tantivy_backend, "FIRST_SLACK", 1e-9)
            monkeypatch.setattr(tantivy_backend, "SLICE_SLACK", 1e-9)
        for query in ("防汛", "防", "道路", "采购公告", "施工期间"):
            expected = database_newest(query)
            total, found = newest_pages(query)
            assert total == len(expected) > 20, (first_slice, query)
            assert found == expected, (first_slice, query)
