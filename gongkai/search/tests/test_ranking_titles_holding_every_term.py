"""Several terms: ranking the titles that hold all of them gives the same pages (tantivy).

For a query of several terms the engine first ranks only the records whose title
holds every term, and keeps that page when its last record provably outscores
any record whose title lacks one of them (backends/tantivy_backend.py, `_ranked`).
Every body here holds both 生活 and 补贴. 30 short titles hold both and come first;
12 short titles holding only 生活 outrank 12 very long ones holding both, so the
fourth page must not be taken from the titles holding both. Every page must be
exactly what ranking the whole query gives.
"""

import datetime

from gongkai.search import services
from gongkai.search.backends import tantivy_backend
from gongkai.search.tests.conftest import publish

QUERY = "生活 补贴"


def pages() -> list[list[str]]:
    return [
        [hit.record.title for hit in services.search(query=QUERY, page=n, per_page=10).results]
        for n in (1, 2, 3, 4)
    ]


def publish_lists():
    start = datetime.date(2024, 1, 1)
    rows = []
    long = "关于进一步做好第{}批困难群众基本生活保障和残疾人两项补贴资金发放工作的实施方案及有关事项的通知"
    for n in range(102):
        if n < 30:
            title = f"第{n}批生活补贴"
        elif n < 42:
            title = long.format(n) * 2
        elif n < 54:
            title = f"生活{n}"
        elif n < 74:
            title = f"第{n}批补贴资金发放名单公示"
        else:
            title = f"第{n}批资金发放名单公示"
        body = "最低生活保障补贴按月发放。" * (1 + n % 4)
        rows.append({"title": title, "body": body, "published_on": start + datetime.timedelta(n)})
    publish("tanzhou", rows)
    services.index_rebuild()


def test_titles_holding_every_term_rank_exactly_like_the_whole_query(tantivy, monkeypatch):
    publish_lists()
    taken = []
    original = tantivy_backend.TantivyBackend._narrowed

    def spy(searcher, query, titles, occur, want):
        hits = original(searcher, query, titles, occur, want)
        taken.append((occur, len(hits)))
        return hits

    monkeypatch.setattr(tantivy_backend.TantivyBackend, "_narrowed", staticmethod(spy))
    narrowed = pages()
    # Pages 1 to 3 were answered from the titles holding both terms; page 4 was not,
    # though 42 such titles were there to fill it.
    must = [hits for occur, hits in taken if occur == tantivy_backend.Occur.Must]
    assert must == [10, 20, 30, 40]
    assert taken[3:] == [(tantivy_backend.Occur.Must, 40), (tantivy_backend.Occur.Should, 40)]
    assert all(title.endswith("批生活补贴") for page in narrowed[:3] for title in page)
    assert all(title.startswith("生活") for title in narrowed[3])

    monkeypatch.setattr(tantivy_backend, "_bm25_bound", lambda documents, frequency: float("inf"))
    whole = pages()

    assert narrowed == whole
    assert [len(page) for page in whole] == [10, 10, 10, 10]
