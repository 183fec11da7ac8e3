"""A frequent term ranks records exactly as its phrase does (tantivy).

A learnt frequent term is matched as one term of the title's and of "all"'s
frequent fields instead of a phrase of bigrams (search/frequent.py). Its score
is made equal to the phrase's: each field holds the term once per occurrence
and is filled to the length of its part, and the query is boosted by the
phrase's idf over the term's (backends/tantivy_backend.py, `_phrase_weight`). Ranking with the dictionary
and without it must give the same records, in the same order, with the same
scores.
"""

import datetime

import pytest

from gongkai.search import frequent, services
from gongkai.search.backends import get_backend, tantivy_backend
from gongkai.search.tests.conftest import publish

QUERIES = ["最低生活保障", "最低生活保障 补贴", "生活保障 名单"]


@pytest.fixture
def common_terms(settings, tmp_path, zhongshan):
    settings.GONGKAI_SEARCH_BACKEND = "tantivy"
    settings.GONGKAI_SEARCH_INDEX_DIR = str(tmp_path / "search-index")
    start = datetime.date(2024, 1, 1)
    rows = []
    for n in range(90):
        # The term 1 to 4 times in bodies of different lengths, and in a third of the titles.
        body = "坦洲镇最低生活保障补贴发放。" * (1 + n % 4) + f"第{n}批名单。" * (n % 7)
        title = f"第{n}批最低生活保障补贴名单公示" if n % 3 == 0 else f"第{n}批资金公示"
        rows.append({"title": title, "body": body, "published_on": start + datetime.timedelta(n)})
    publish("tanzhou", rows)
    services.index_rebuild()


def ranked(query: str) -> list[tuple[int, float]]:
    found = get_backend().search(
        query.split(), services.Filters(), order="relevance", offset=0, limit=100
    )
    return found.hits


def test_a_frequent_term_scores_like_its_phrase(common_terms, monkeypatch):
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
