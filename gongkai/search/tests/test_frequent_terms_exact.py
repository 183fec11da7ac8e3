"""Frequent terms are indexed as single terms, and a search for one stays exact (tantivy).

A rebuild learns the strings of 3–6 characters most records hold and indexes
each as one term (search/frequent.py), so a search for one needs no positions.
Every learnt term, and strings around them that were not learnt, must find
exactly the records the database finds, with the same count, in both orders;
including a term split between a title and its body, which no record holds.
"""

import datetime

import pytest

from gongkai.records.models import Record
from gongkai.search import services
from gongkai.search.backends import get_backend
from gongkai.search.tests.conftest import holding, publish

# 最低生活保障 nearly everywhere, 生活保障 also alone, 粤商通 in a few records only.
BODIES = [
    "镇民政办审核最低生活保障申请，按月发放。",
    "困难群众的生活保障由镇统筹，临时救助同步办理。",
    "最低生活保障与特困供养不得重复享受；生活保障金按季复核。",
    "企业可通过粤商通办理，群众可到窗口办理。",
]


@pytest.fixture
def social_assistance(tantivy):
    start = datetime.date(2023, 1, 1)
    rows = [
        {
            "title": f"坦洲镇第{n}批最低生活" + ("保障名单公示" if n % 5 else ""),
            # Every fifth title ends …最低生活 and its body starts 保障… and holds no
            # 最低生活保障: the record does not hold it, though both halves are there.
            "body": "保障对象名单见附件。" + BODIES[1] if n % 5 == 0 else BODIES[n % len(BODIES)],
            "published_on": start + datetime.timedelta(days=n * 3),
        }
        for n in range(80)
    ]
    publish("tanzhou", rows)
    services.index_rebuild()


def test_learnt_terms_find_what_the_database_finds(social_assistance):
    backend = get_backend()
    learnt = backend._frequent_terms(backend.index.searcher()).terms
    assert {"最低生活保障", "生活保障"} <= learnt
    # Found almost only inside a longer frequent term: left to the phrase path.
    assert "低生活保" not in learnt
    assert "粤商通" not in learnt  # in too few records

    for query in [
        *sorted(learnt),
        "低生活保",
        "活保障名",
        "粤商通",
        "生活保障金",
        "最低生活保障名",
    ]:
        expected = set(holding(query).values_list("pk", flat=True))
        for order in ("relevance", "newest"):
            found = backend.search([query], services.Filters(), order=order, offset=0, limit=200)
            assert {pk for pk, _ in found.hits} == expected, (query, order)
            assert found.total == len(expected), (query, order)


def test_the_title_body_join_holds_no_frequent_term(social_assistance):
    split = Record.objects.filter(title__endswith="最低生活")
    assert split.count() == 16
    found = services.search(query="最低生活保障", per_page=100)
    assert found.total == 80 - 16
    assert not {hit.record.pk for hit in found.results} & set(split.values_list("pk", flat=True))
