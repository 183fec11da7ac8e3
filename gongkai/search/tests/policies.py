"""A 行政规范性文件 of 坦洲镇 with its 政策解读, taken through the records workflow.

陈晓文 (`tanzhou_editor`) drafts the policy and its interpretations, 周明珠 does
the 保密审查, 梁志强 (`tanzhou_approver`) approves and publishes. The records
hooks run after the (captured) commit and only enqueue; `run_queued` then does
what the worker does with the search tasks (its loop is tested in test_freshness).
"""

import datetime

from django.contrib.auth import get_user_model
from django.test import TestCase

from conftest import make_staff
from gongkai.orgs.models import Unit
from gongkai.records import services as records
from gongkai.records.models import Record
from gongkai.records.services import InterpretationData, RecordData
from gongkai.search.tests.worker import run_queued

POLICY = "坦洲镇城乡居民临时救助实施办法"
POLICY_BODY = "<p>第一条 为规范临时救助工作，制定本办法。</p><p>第二条 本办法自发布之日起施行。</p>"

# Words that are in the interpretations only, never in the policy itself.
TEXT_INTERPRETATION = InterpretationData(
    title="图文解读：临时救助为何实行“先行救助”",
    kind="text",
    body="<p>对<b>急难型</b>救助对象，镇人民政府可<i>先行救助</i>，事后补齐审批手续。</p>",
)
QA_INTERPRETATION = InterpretationData(
    title="一问一答：临时救助怎样申请",
    kind="qa",
    qa=[
        {"q": "外来务工人员能否申请？", "a": "持有本镇居住证满一年的可以申请。"},
        {"q": "救助金多久到账？", "a": "审批通过后5个工作日内发放至申请人社保卡。"},
    ],
)


def draft_policy(editor, interpretations: list[InterpretationData]) -> Record:
    """The editor's draft of the policy, with these interpretations drafted alongside."""
    policy = records.record_create(
        unit=Unit.objects.get(code="tanzhou"),
        actor=editor,
        data=RecordData(
            title=POLICY,
            doc_number="坦府规〔2026〕2号",
            doc_type=Record.DocType.NORMATIVE,
            formed_on=datetime.date(2026, 11, 2),
            body=POLICY_BODY,
            channels=["gov_website"],
        ),
    )
    for data in interpretations:
        records.interpretation_save(policy=policy, actor=editor, data=data)
    return policy


def published_policy(editor, approver, interpretations: list[InterpretationData]) -> Record:
    """Drafted with its interpretations, approved and published, search tasks run."""
    policy = draft_policy(editor, interpretations)
    approve(policy, editor, approver)
    return publish(policy, approver)


def approve(policy: Record, editor, approver) -> Record:
    """Submitted, passed by the secrecy reviewer and approved, not yet published."""
    reviewer = _secrecy_reviewer()
    records.record_submit(record=policy, actor=editor)
    records.record_secrecy_review(record=policy, actor=reviewer, passed=True, note="")
    records.record_approve(record=policy, actor=approver, approve=True)
    policy.refresh_from_db()
    return policy


def publish(policy: Record, approver) -> Record:
    """The approver publishes; the search task the hook enqueues is then run."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        records.record_publish(record=policy, actor=approver)
    run_queued()
    policy.refresh_from_db()
    return policy


def _secrecy_reviewer():
    existing = get_user_model().objects.filter(username="zhou_mingzhu").first()
    return existing or make_staff("zhou_mingzhu", "周明珠", "tanzhou", "secrecy_reviewer")
