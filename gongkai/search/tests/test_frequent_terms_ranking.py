"""A frequent term ranks records exactly as its phrase does (tantivy).

A learnt frequent term is matched as one term of the title's and of "all"'s
frequent fields instead of a phrase of bigrams (search/frequent.py). Its score
is made equal to the phrase's: each field holds the term once per occurrence
and is filled to the length of its part, and the query is boosted by the
phrase's idf over the term's (backends/tantivy_backend.py, `_phrase_weight`). Ranking with the dictionary
and without it must give the same records, in the same order, with the same
scores.
"""

import pytest

from gongkai.search import frequent, services
from gongkai.search.backends import get_backend, tantivy_backend

QUERIES = ["最低生活保障", "最低生活保障 补贴", "生活保障 名单"]


def ranked(query: str) -> list[tuple[int, float]]:
    found = get_backend().search(
        query.split(), services.Filters(), order="relevance", offset=0, limit=100
    )
    return found.hits


def test_a_frequent_term_scores_like_its_phrase(subsidy_lists, monkeypatch):
    backend = get_backend()
    assert {"最低生活保障", "生活保障"} & backend._frequent_terms(backend.index.searcher()).terms
    with_terms = {query: ranked(query) for query in QUERIES}

    monkeypatch.setattr(
        tantivy_backend.TantivyBackend, "_frequent_terms", lambda self, searcher: frequent.NONE
    )
    phrases = {query: ranked(query) for query in QUERIES}

    for query in QUERIES:
        assert len(with_terms[query]) == len(phrases[query]) > 20, query
        assert [pk for pk, _ in with_terms[query]] == [pk for pk, _ in phrases[query]], query
        assert [score for _, score in with_terms[query]] == pytest.approx(
            [score for _, score in phrases[query]], rel=1e-4
        ), query
