"""Ranking only the title matches gives the same pages as ranking every match (tantivy).

For a common term the engine ranks the records whose title holds it, when the
last of a page among them provably outscores any record without a title match
(backends/tantivy_backend.py, `_ranked`). Taking that bound away forces the
whole ranking; both must give the same records in the same order, page by page.
"""

from gongkai.search import services
from gongkai.search.backends import tantivy_backend

QUERIES = ["补", "生活", "补贴", "生活 补贴", "最低生活保障", "补贴 坦洲"]


def pages(query: str) -> list[list[int]]:
    return [
        [hit.record.pk for hit in services.search(query=query, page=n, per_page=10).results]
        for n in (1, 2, 3)
    ]


def test_title_narrowing_ranks_exactly_like_the_whole_query(subsidy_lists, monkeypatch):
    narrowed = {query: pages(query) for query in QUERIES}

    monkeypatch.setattr(tantivy_backend, "_bm25_bound", lambda documents, frequency: float("inf"))
    whole = {query: pages(query) for query in QUERIES}

    assert narrowed == whole
    assert {query: [len(page) for page in p] for query, p in whole.items()} == {
        query: [10, 10, 10] for query in QUERIES
    }


def test_title_narrowing_is_taken_for_a_common_term(subsidy_lists, monkeypatch):
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
