"""Whatever a citizen types or puts in the address bar, the search page answers sensibly."""

import pytest

from gongkai.search import services
from gongkai.search.tests.conftest import publish

BAD = [
    "", "   ", "低" * 2000, "\"", "'", "低保\"", "' OR 1=1 --", "1; DROP TABLE records_record;",
    "AND", "OR NOT", "低保 AND 标准", "title:低保", "低保*", "(低保", ")", "[]{}", "^~!",
    "NEAR(低保 标准)", "%", "_", "\\", "<script>alert(1)</script>", "\x00", "\ue000", "\u3000",
]  # fmt: skip


@pytest.fixture
def indexed(engine):
    publish(
        "tanzhou", [{"title": "关于提高城乡低保标准的通知", "body": "' OR 1=1 -- 与 AND 是文字"}]
    )
    services.index_rebuild()


def test_query_text_never_breaks_the_page(client, indexed):
    for query in BAD:
        response = client.get("/sousuo/", {"q": query})
        assert response.status_code == 200, query
        assert b"<script>alert" not in response.content


@pytest.mark.parametrize(
    "params",
    [
        {"q": "低保", "page": "99999999999999999999999"},
        {"q": "低保", "page": "-3"},
        {"q": "低保", "page": "abc"},
        {"page": "7"},
        {"unit": "no-such-unit", "domain": "nope", "year": "abc", "item": "-1"},
        {"doc_type": "x", "validity": "y", "sort": "z", "year": "99999999999"},
    ],
)
def test_odd_parameters_give_a_sensible_page(client, indexed, params):
    response = client.get("/sousuo/", params)
    assert response.status_code == 200
