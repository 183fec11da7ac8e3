"""Several common terms are counted by the records lacking one, and the count stays exact (tantivy).

A rebuild also learns the terms nearly every record holds (search/frequent.py,
common terms: bigrams and frequent terms) and each record lists those it lacks. A
search for several of them counts every record minus those lacking any: the
count must equal the database's, in both orders, for bigrams, frequent terms,
their mixes and mixes with terms that are not common, and still after a record is withdrawn while its
deleted document waits for a merge. Beside a rarer term or a filter, a common term
is matched as "not lacking it": the records found must be the same, filtered too.
"""

import datetime

import pytest

from gongkai.records import hooks
from gongkai.records.models import Record
from gongkai.search import services
from gongkai.search.backends import get_backend
from gongkai.search.tests.conftest import holding, publish
from gongkai.search.tests.test_withdrawn import withdraw
from gongkai.search.tests.worker import run_queued

# Each of 低保, 标准 and 最低生活保障 is missing from a different few records.
QUERIES = ["低保 标准", "保 标准", "最低生活保障 标准", "低保 标准 发放", "标准 粤商通"]


def body(n: int) -> str:
    parts = [
        "" if n % 9 == 0 else "城乡低保",
        "" if n % 7 == 0 else "补助标准",
        "" if n % 11 == 0 else "最低生活保障",
        "按月发放。",
        "粤商通可查。" if n % 13 == 0 else "",
    ]
    return "，".join(part for part in parts if part)


@pytest.fixture
def lists_missing_terms(tantivy):
    start = datetime.date(2024, 11, 1)  # into 2025: a year filter keeps some
    rows = [
        {"title": f"第{n}批名单", "body": body(n), "published_on": start + datetime.timedelta(n)}
        for n in range(120)
    ]
    publish("tanzhou", rows)
    services.index_rebuild()


def assert_exact(query: str) -> None:
    for year in (None, 2025):
        records = holding(query)
        if year:
            records = records.filter(published_at__year=year)
        expected = set(records.values_list("pk", flat=True))
        for order in ("relevance", "newest"):
            found = get_backend().search(
                query.split(), services.Filters(year=year), order=order, offset=0, limit=200
            )
            assert found.total == len(expected), (query, year, order)
            assert {pk for pk, _ in found.hits} == expected, (query, year, order)


def test_common_terms_count_exactly(lists_missing_terms):
    backend = get_backend()
    common = backend._frequent_terms(backend.index.searcher()).common
    assert {"低保", "标准", "最低生活保障"} <= common
    assert "粤商通" not in common and "保" not in common

    for query in QUERIES:
        assert_exact(query)


def test_counts_hold_while_a_withdrawn_record_waits_for_a_merge(lists_missing_terms):
    record = Record.objects.filter(body__contains="低保").filter(body__contains="标准").first()
    withdraw(record)
    hooks.record_withdrawn(record.pk)
    run_queued()

    for query in QUERIES:
        assert_exact(query)
