"""A citizen finds a policy by words that are only in its published 政策解读.

The record page shows a policy with its interpretations, so their title, body
(without HTML) and each question and answer are part of the policy's
searchable text, and the hit shows a snippet around the words found there.
"""

import pytest

from gongkai.search import services
from gongkai.search.tests.conftest import titles
from gongkai.search.tests.policies import (
    POLICY,
    QA_INTERPRETATION,
    TEXT_INTERPRETATION,
    published_policy,
)


@pytest.fixture
def policy(engine, official_calendar, tanzhou_editor, tanzhou_approver):
    """陈晓文's policy with a text and a Q&A interpretation, published by 梁志强."""
    return published_policy(
        tanzhou_editor, tanzhou_approver, [TEXT_INTERPRETATION, QA_INTERPRETATION]
    )


@pytest.mark.parametrize(
    "query",
    [
        "先行救助",  # the text interpretation's title and body
        "急难型救助对象",  # across the body's inline tags (<b>急难型</b>救助对象)
        "外来务工人员",  # a question
        "社保卡",  # an answer
        "一问一答 居住证",  # an interpretation's title and an answer: every term, anywhere
    ],
)
def test_citizen_finds_the_policy_by_its_interpretation(policy, query):
    page = services.search(query=query)
    assert titles(page) == [POLICY]
    assert page.total == 1


def test_a_question_and_its_answer_are_apart(policy):
    # Like the policy's other parts, no term matches across the end of a question
    # and the start of its answer.
    assert services.search(query="申请？持有").total == 0


def test_the_snippet_shows_the_interpretation(client, policy):
    html = client.get("/sousuo/", {"q": "居住证"}).content.decode()
    assert f'href="/xxgk/{policy.pk}/"' in html
    assert "持有本镇<mark>居住证</mark>满一年的可以申请" in html
