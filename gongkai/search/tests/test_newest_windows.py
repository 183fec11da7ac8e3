"""Newest first reads recent days first and still returns exactly the newest (tantivy).

The engine looks at the last few days, then 4× as many, … until a page is full
(`_newest`). Records spread over six years, a few in the last days: every page
must equal the database's own newest-first order of the matching records, from
the smallest first window (forced) and as sized by the engine.
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
    published = dict(Record.objects.values_list("pk", "published_at"))
    # Small counts would be sorted whole; force the windows for every query.
    monkeypatch.setattr(tantivy_backend, "FEW", 0)
    for first_window in ("sized", "one day"):
        if first_window == "one day":
            monkeypatch.setattr(tantivy_backend, "WINDOW_SLACK", 1e-9)
        for query in ("防汛", "防", "道路", "采购公告", "施工期间"):
            expected = database_newest(query)
            total, found = newest_pages(query)
            assert total == len(expected) > 20, (first_window, query)
            assert [published[pk] for pk in found] == [published[pk] for pk in expected]
            assert sorted(found) == sorted(expected), (first_window, query)
