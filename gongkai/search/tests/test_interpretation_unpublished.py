"""Words of an interpretation that is not published find nothing.

An interpretation goes out with its policy (records.record_publish sets both
dates); until then neither is searchable, and an interpretation without a
publication date is never part of its policy's text, even when the policy is
published, just as the record page does not show it.
"""

from gongkai.records.models import Interpretation
from gongkai.search import services
from gongkai.search.tests.conftest import titles
from gongkai.search.tests.policies import (
    POLICY,
    QA_INTERPRETATION,
    TEXT_INTERPRETATION,
    approve,
    draft_policy,
    published_policy,
)


def test_an_approved_policy_awaiting_publication_is_not_found(
    engine, official_calendar, tanzhou_editor, tanzhou_approver
):
    policy = draft_policy(tanzhou_editor, [QA_INTERPRETATION])
    approve(policy, tanzhou_editor, tanzhou_approver)
    services.index_update([policy.pk])  # even when asked to index it
    assert services.search(query="外来务工人员").total == 0


def test_an_unpublished_interpretation_of_a_published_policy_is_not_found(
    engine, official_calendar, tanzhou_editor, tanzhou_approver
):
    policy = published_policy(tanzhou_editor, tanzhou_approver, [TEXT_INTERPRETATION])
    # No service adds an interpretation to a published policy; a data fix could.
    Interpretation.objects.create(
        policy=policy, kind="qa", title=QA_INTERPRETATION.title, qa=QA_INTERPRETATION.qa
    )
    services.index_update([policy.pk])

    assert services.search(query="外来务工人员").total == 0
    assert titles(services.search(query="先行救助")) == [POLICY]
