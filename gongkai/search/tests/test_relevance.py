"""On a fixed Chinese corpus, the record whose title holds the query comes first (20+ queries)."""

from gongkai.search import services
from gongkai.search.tests.conftest import titles
from gongkai.search.tests.corpus import RELEVANCE


def test_right_record_first(corpus):
    wrong = []
    for query, first in RELEVANCE:
        page = services.search(query=query)
        if titles(page)[:1] != [first]:
            wrong.append((query, titles(page)[:3]))
    assert wrong == []
