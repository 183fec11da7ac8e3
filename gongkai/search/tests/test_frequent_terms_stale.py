"""A dictionary the index was not built with is never trusted (tantivy).

The frequent terms live in a file beside the index (search/frequent.py). If it
changes without the index being rebuilt with it (a rebuild that stopped after
saving it, a hand edit), records indexed before hold other terms than it lists:
searching through them would miss those records. The engine uses the terms only
while every record carries the dictionary's digest, so results stay exact,
updates in between included, and the next rebuild brings the terms back.
"""

import datetime

import pytest

from gongkai.search import services
from gongkai.search.backends import get_backend
from gongkai.search.frequent import FrequentTerms
from gongkai.search.tests.conftest import holding, publish

QUERIES = ["最低生活保障", "粤商通", "群众可到窗口"]


@pytest.fixture
def indexed(tantivy):
    rows = [
        {
            "title": f"第{n}批最低生活保障名单公示",
            "body": "企业可通过粤商通办理，群众可到窗口办理。" if n % 2 else "按月发放。",
            "published_on": datetime.date(2024, 1, 1) + datetime.timedelta(days=n),
        }
        for n in range(60)
    ]
    publish("tanzhou", rows)
    services.index_rebuild()


def exact(query: str) -> bool:
    expected = holding(query)
    found = services.search(query=query, per_page=100)
    return found.total == expected.count() and {hit.record.pk for hit in found.results} == set(
        expected.values_list("pk", flat=True)
    )


def learnt() -> frozenset[str]:
    backend = get_backend()
    return backend._frequent_terms(backend.index.searcher()).terms


def test_a_changed_dictionary_is_ignored_until_the_next_rebuild(indexed):
    first = learnt()
    # 粤商通 is only ever inside a longer frequent string, 企业可通过粤商通办理: not learnt.
    assert "最低生活保障" in first and "粤商通" not in first
    assert all(exact(query) for query in QUERIES)

    # A rebuild saved a dictionary of other terms and stopped before indexing anything:
    # no record indexed so far holds 粤商通 as a frequent term.
    get_backend().frequent.save(FrequentTerms(frozenset({"粤商通", "群众可到窗口"})))
    assert learnt() == frozenset()
    assert all(exact(query) for query in QUERIES)

    # Records indexed since carry the new dictionary; the older ones still do not.
    [added] = publish(
        "tanzhou", [{"title": "粤商通群众可到窗口办理的事项", "body": "最低生活保障申请。"}]
    )
    services.index_update([added.pk])
    assert learnt() == frozenset()
    assert all(exact(query) for query in QUERIES)

    services.index_rebuild()
    assert "最低生活保障" in learnt()
    assert all(exact(query) for query in QUERIES)
