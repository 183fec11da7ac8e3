"""Ranking only the title matches gives the same pages as ranking every match (tantivy).

For a common term the engine ranks the records whose title holds it, when the
last of a page among them provably outscores any record without a title match
(backends/tantivy_backend.py, `_ranked`). Taking that bound away forces the
whole ranking; both must give the same records in the same order, page by page.
"""

import datetime

import pytest

from gongkai.search import services
from gongkai.search.backends import tantivy_backend
from gongkai.search.tests.conftest import publish

QUERIES = ["补", "生活", "补贴", "生活 补贴", "最低生活保障", "补贴 坦洲"]


@pytest.fixture
def common_terms(settings, tmp_path, zhongshan):
    settings.GONGKAI_SEARCH_BACKEND = "tantivy"
    settings.GONGKAI_SEARCH_INDEX_DIR = str(tmp_path / "search-index")
    start = datetime.date(2024, 1, 1)
    rows = []
    for n in range(90):
        # Every body holds the terms, 1 to 4 times; a third of the titles hold them too.
        body = "坦洲镇最低生活保障补贴发放。" * (1 + n % 4) + f"第{n}批名单。" * (n % 7)
        title = f"第{n}批最低生活保障补贴名单公示" if n % 3 == 0 else f"第{n}批资金公示"
        rows.append({"title": title, "body": body, "published_on": start + datetime.timedelta(n)})
    publish("tanzhou", rows)
    services.index_rebuild()


def pages(query: str) -> list[list[int]]:
    return [
        [hit.record.pk for hit in services.search(query=query, page=n, per_page=10).results]
        for n in (1, 2, 3)
    ]


def test_title_narrowing_ranks_exactly_like_the_whole_query(common_terms, monkeypatch):
    narrowed = {query: pages(query) for query in QUERIES}

    monkeypatch.setattr(tantivy_backend, "_bm25_bound", lambda documents, frequency: float("inf"))
    whole = {query: pages(query) for query in QUERIES}

    assert narrowed == whole
    assert {query: [len(page) for page in p] for query, p in whole.items()} == {
        query: [10, 10, 10] for query in QUERIES
    }


def test_title_narrowing_is_taken_for_a_common_term(common_terms, monkeypatch):
    calls = []
    original = tantivy_backend._all_of

    def spy(clauses):
        calls.append(len(clauses))
        return original(clauses)

    monkeypatch.setattr(tantivy_backend, "_all_of", spy)
    page = services.search(query="补贴", per_page=10)
    assert page.total == 90
    # The narrowed query (term AND a title match) was built, and ten title matches came first.
    assert 2 in calls
    assert all("最低生活保障补贴" in hit.record.title for hit in page.results)
