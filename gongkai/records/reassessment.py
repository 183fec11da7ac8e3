"""动态调整 (《条例》第十八条): every year each unit reviews what it does not publish.

Opening a year's review lists, per unit, every approved record whose attribute
is 依申请公开 or 不予公开. The unit's approver records a decision on each: keep
it so, with the reason, or disclose it, which sends the record back to its
editor as 主动公开 to go through the normal path (masking, secrecy review,
approval, publishing).
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core.audit import audit_record
from gongkai.core.transitions import move
from gongkai.records.models import (
    TRANSITIONS,
    Reassessment,
    ReassessmentDecision,
    Record,
)

Decision = ReassessmentDecision.Decision
UNDER_REVIEW = [Record.Disclosure.ON_REQUEST, Record.Disclosure.WITHHELD]


@transaction.atomic
def reassessment_open(*, year: int, actor) -> list[Reassessment]:
    """Open (or complete) the year's review for every unit with records to review; idempotent."""
    if not 2000 <= year <= timezone.localdate().year + 1:
        raise ValidationError(_("年度“%(y)s”不在有效范围内") % {"y": year})
    records = Record.objects.filter(
        disclosure__in=UNDER_REVIEW, status=Record.Status.APPROVED
    ).select_related("unit")
    opened = {}
    for record in records:
        reassessment = opened.get(record.unit_id)
        if reassessment is None:
            reassessment, created = Reassessment.objects.get_or_create(
                unit=record.unit, year=year, defaults={"opened_by": actor}
            )
            opened[record.unit_id] = reassessment
            if created:
                audit_record(
                    actor=actor,
                    action="reassessment.open",
                    obj=reassessment,
                    after={"unit": record.unit.code, "year": year},
                )
        ReassessmentDecision.objects.get_or_create(
            reassessment=reassessment, record=record, defaults={"disclosure": record.disclosure}
        )
    return list(opened.values())


@transaction.atomic
def reassessment_decide(
    *, decision: ReassessmentDecision, actor, disclose: bool, reason: str
) -> ReassessmentDecision:
    decision = ReassessmentDecision.objects.select_for_update().get(pk=decision.pk)
    if decision.decision != Decision.PENDING:
        raise ValidationError(_("该条信息本年度已评估"))
    if not reason.strip():
        raise ValidationError({"reason": _("请写明评估理由")})
    record = Record.objects.select_for_update().get(pk=decision.record_id)
    if disclose:
        if record.status != Record.Status.APPROVED or record.disclosure not in UNDER_REVIEW:
            raise ValidationError(_("该信息当前状态不能转为主动公开"))
        before = {"disclosure": record.disclosure, "basis": record.disclosure_basis_id}
        record.disclosure = Record.Disclosure.PROACTIVE
        record.disclosure_reason, record.disclosure_basis = "", None
        record.approved_hash = ""
        record.save(
            update_fields=["disclosure", "disclosure_reason", "disclosure_basis", "approved_hash"]
        )
        audit_record(
            actor=actor,
            action="record.disclosure_decision",
            obj=record,
            before=before,
            after={"disclosure": record.disclosure, "reassessment": decision.reassessment_id},
            note=reason,
        )
        # Back to the editor: a disclosed record is checked and approved like any other.
        move(record, Record.Status.RETURNED, table=TRANSITIONS, actor=actor,
             note=_("年度动态调整:转为主动公开。") + reason.strip())  # fmt: skip
    decision.decision = Decision.DISCLOSE if disclose else Decision.KEEP
    decision.reason = reason.strip()
    decision.decided_by, decision.decided_at = actor, timezone.now()
    decision.save()
    audit_record(
        actor=actor,
        action="reassessment.decide",
        obj=decision.reassessment,
        after={"record": record.index_number, "decision": decision.decision, "reason": reason},
    )
    return decision


@dataclass(frozen=True)
class Progress:
    reassessment: Reassessment
    total: int
    decided: int
    disclosed: int

    @property
    def done(self) -> bool:
        return self.decided == self.total


def reassessment_progress(year: int, *, units=None) -> list[Progress]:
    reassessments = Reassessment.objects.filter(year=year).select_related("unit")
    if units is not None:
        reassessments = reassessments.filter(unit__in=units)
    reassessments = reassessments.annotate(
        total=Count("decisions"),
        decided=Count("decisions", filter=~Q(decisions__decision=Decision.PENDING)),
        disclosed=Count("decisions", filter=Q(decisions__decision=Decision.DISCLOSE)),
    )
    return [Progress(r, r.total, r.decided, r.disclosed) for r in reassessments]
