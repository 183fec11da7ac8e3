"""What finds a policy follows its interpretations as published, withdrawn or changed.

Interpretations are locked with their policy from approval on (the content
hash), so one changed or removed after a return reaches the index only when the
policy is published again; a withdrawn policy takes them off with it; and if
the database changes under the index (a data fix), the search drops the hit at
once and repairs the entry, because it re-checks each hit against the same text.
"""

from django.test import TestCase

from gongkai.records import services as records
from gongkai.records.models import Interpretation, Record
from gongkai.records.services import InterpretationData
from gongkai.search import services
from gongkai.search.backends import Filters, get_backend
from gongkai.search.tests.conftest import titles
from gongkai.search.tests.policies import (
    POLICY,
    QA_INTERPRETATION,
    TEXT_INTERPRETATION,
    approve,
    draft_policy,
    publish,
    published_policy,
)
from gongkai.search.tests.worker import run_queued


def engine_hits(term: str) -> list[int]:
    found = get_backend().search([term], Filters(), order="relevance", offset=0, limit=10)
    return [pk for pk, _score in found.hits]


def test_interpretations_changed_after_a_return_are_found_as_published(
    engine, official_calendar, tanzhou_editor, tanzhou_approver
):
    policy = draft_policy(tanzhou_editor, [TEXT_INTERPRETATION, QA_INTERPRETATION])
    approve(policy, tanzhou_editor, tanzhou_approver)
    records.record_approve(
        record=policy, actor=tanzhou_approver, approve=False, note="问答须写明到账方式"
    )
    text, qa = policy.interpretations.order_by("id")
    records.interpretation_delete(interpretation=text, actor=tanzhou_editor)
    records.interpretation_save(
        policy=policy,
        actor=tanzhou_editor,
        interpretation=qa,
        data=InterpretationData(
            title=QA_INTERPRETATION.title,
            kind="qa",
            qa=[{"q": "救助金多久到账？", "a": "审批通过后5个工作日内转入申请人银行账户。"}],
        ),
    )
    approve(policy, tanzhou_editor, tanzhou_approver)
    publish(policy, tanzhou_approver)

    assert titles(services.search(query="银行账户")) == [POLICY]
    assert services.search(query="社保卡").total == 0  # the answer as first written
    assert services.search(query="先行救助").total == 0  # the removed interpretation


def test_a_withdrawn_policy_is_not_found_by_its_interpretation(
    engine, official_calendar, tanzhou_editor, tanzhou_approver
):
    policy = published_policy(tanzhou_editor, tanzhou_approver, [QA_INTERPRETATION])
    assert titles(services.search(query="社保卡")) == [POLICY]

    with TestCase.captureOnCommitCallbacks(execute=True):
        records.record_withdraw(record=policy, actor=tanzhou_approver, reason="解读有误,撤回更正")
    run_queued()

    assert policy.pk not in engine_hits("社保卡")
    assert services.search(query="社保卡").total == 0


def test_an_interpretation_changed_under_the_index_is_dropped_then_repaired(
    engine, official_calendar, tanzhou_editor, tanzhou_approver
):
    policy = published_policy(tanzhou_editor, tanzhou_approver, [QA_INTERPRETATION])
    assert Record.objects.get(pk=policy.pk).status == Record.Status.PUBLISHED
    # Changed in the database directly, so no hook runs and the index is stale.
    Interpretation.objects.filter(policy=policy).update(
        qa=[{"q": "救助金多久到账？", "a": "审批通过后转入申请人银行账户。"}]
    )

    assert policy.pk in engine_hits("社保卡")  # stale
    page = services.search(query="社保卡")
    assert page.results == [] and page.total == 0  # the re-check reads today's text

    run_queued()  # the repair the search queued
    assert policy.pk not in engine_hits("社保卡")
    assert titles(services.search(query="银行账户")) == [POLICY]
