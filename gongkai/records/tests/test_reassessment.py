"""动态调整: each year every withheld or on-request record gets a recorded decision."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from gongkai.records import reassessment, services
from gongkai.records.models import LegalBasis, ReassessmentDecision, Record
from gongkai.records.tests.conftest import take_to


@pytest.fixture
def withheld(draft, tanzhou_editor, tanzhou_secrecy_reviewer, tanzhou_approver):
    data = services.record_to_data(draft)
    data.disclosure = Record.Disclosure.WITHHELD
    data.disclosure_reason = "招生计划讨论稿,属于过程性信息"
    data.disclosure_basis_id = LegalBasis.objects.get(code="art16-process").pk
    services.record_update(record=draft, actor=tanzhou_editor, data=data)
    return take_to(draft, Record.Status.APPROVED, editor=tanzhou_editor,
                   reviewer=tanzhou_secrecy_reviewer, approver=tanzhou_approver)  # fmt: skip


def test_opening_twice_lists_each_record_once(withheld, office_admin):
    reassessment.reassessment_open(year=2026, actor=office_admin)
    reassessment.reassessment_open(year=2026, actor=office_admin)

    decision = ReassessmentDecision.objects.get()
    assert decision.record == withheld and decision.disclosure == "withheld"
    (progress,) = reassessment.reassessment_progress(2026)
    assert (progress.total, progress.decided, progress.done) == (1, 0, False)


def test_keep_needs_a_reason(withheld, office_admin, tanzhou_approver):
    reassessment.reassessment_open(year=2026, actor=office_admin)
    decision = ReassessmentDecision.objects.get()

    with pytest.raises(ValidationError):
        reassessment.reassessment_decide(
            decision=decision, actor=tanzhou_approver, disclose=False, reason=" "
        )
    reassessment.reassessment_decide(
        decision=decision, actor=tanzhou_approver, disclose=False, reason="讨论尚未结束"
    )

    withheld.refresh_from_db()
    assert withheld.disclosure == "withheld" and withheld.status == "approved"
    (progress,) = reassessment.reassessment_progress(2026)
    assert progress.done


def test_disclosing_sends_the_record_through_the_normal_path(
    withheld, office_admin, tanzhou_editor, tanzhou_secrecy_reviewer, tanzhou_approver
):
    reassessment.reassessment_open(year=2026, actor=office_admin)
    decision = ReassessmentDecision.objects.get()

    reassessment.reassessment_decide(
        decision=decision, actor=tanzhou_approver, disclose=True, reason="招生工作已结束,可以公开"
    )

    withheld.refresh_from_db()
    assert withheld.disclosure == "proactive" and withheld.status == "returned"
    assert withheld.disclosure_basis is None
    take_to(withheld, Record.Status.PUBLISHED, editor=tanzhou_editor,
            reviewer=tanzhou_secrecy_reviewer, approver=tanzhou_approver)  # fmt: skip
    with pytest.raises(ValidationError):  # decided once a year
        reassessment.reassessment_decide(
            decision=decision, actor=tanzhou_approver, disclose=False, reason="x"
        )


def test_the_command_opens_and_prints_progress(withheld, capsys):
    call_command("records", "reassess", "--year", "2026")

    out = capsys.readouterr().out
    assert "2026年度动态调整:1 个单位" in out and "坦洲镇\t待评估 1\t已评估 0" in out


def test_another_towns_approver_cannot_decide(client, withheld, office_admin, zhongshan):
    from conftest import make_staff

    reassessment.reassessment_open(year=2026, actor=office_admin)
    decision = ReassessmentDecision.objects.get()
    client.force_login(make_staff("huang_guowei", "黄国伟", "xiaolan", "approver"))

    response = client.post(
        f"/staff/records/reassessment/decide/{decision.pk}/",
        {"decision": "disclose", "reason": "x"},
    )

    assert response.status_code == 404
    decision.refresh_from_db()
    assert decision.decision == "" and Record.objects.get().disclosure == "withheld"
