"""Reads of disclosure applications: the workbench, duplicates, ledgers, yearly counts."""

import datetime
from dataclasses import dataclass

from django.db.models import F, Q, QuerySet

from gongkai.foi import deadlines
from gongkai.foi.models import CLOSED, InfoRequest

OPEN = [s for s in InfoRequest.Status.values if s not in CLOSED]


def workbench(
    cases: QuerySet[InfoRequest],
    *,
    status: str = "",
    handler_id: int | None = None,
    unit_id: int | None = None,
    open_only: bool = True,
) -> QuerySet[InfoRequest]:
    """Open cases sorted by due date, earliest first; cases without one (not yet
    received, awaiting 补正) after them, oldest submission first."""
    if open_only:
        cases = cases.filter(status__in=OPEN)
    if status:
        cases = cases.filter(status=status)
    if handler_id:
        cases = cases.filter(handler_id=handler_id)
    if unit_id:
        cases = cases.filter(unit_id=unit_id)
    return (
        cases.select_related("unit", "handler")
        .prefetch_related("pauses")
        .order_by(F("due_on").asc(nulls_last=True), "submitted_at", "id")
    )


@dataclass(frozen=True)
class Row:
    case: InfoRequest
    urgency: str
    workdays_left: int | None


def with_urgency(cases, today: datetime.date) -> list[Row]:
    return [
        Row(case, deadlines.urgency(case, today), deadlines.workdays_left(case, today))
        for case in cases
    ]


def possible_duplicates(info_request: InfoRequest, *, limit: int = 10) -> QuerySet[InfoRequest]:
    """The applicant's earlier applications to any unit (same ID number, or same name and phone).

    Staff judge whether it is a 重复申请 (《条例》第三十六条第六项); the system only points.
    """
    same = Q(id_number=info_request.id_number) if info_request.id_number else Q(pk__in=[])
    if info_request.phone:
        same |= Q(applicant_name=info_request.applicant_name, phone=info_request.phone)
    return (
        InfoRequest.objects.filter(same)
        .exclude(pk=info_request.pk)
        .select_related("unit")
        .order_by("-submitted_at")[:limit]
    )


def similar_requests(info_request: InfoRequest, *, limit: int = 10) -> list[InfoRequest]:
    """Other applicants' cases in the unit asking for the same document (by 文号 or wording).

    Several applicants asking for the same information is the cue to publish it
    proactively (《条例》第四十四条).
    """
    cases = InfoRequest.objects.filter(unit_id=info_request.unit_id).exclude(pk=info_request.pk)
    if info_request.id_number:
        cases = cases.exclude(id_number=info_request.id_number)
    match = Q(description=info_request.description)
    if info_request.doc_number:
        match |= Q(doc_number=info_request.doc_number)
    return list(cases.filter(match).order_by("-submitted_at")[:limit])


def ledger_rows(unit) -> list[dict]:
    """Every case of a unit as `gongkai foi list --format json` prints it."""
    rows = []
    cases = InfoRequest.objects.filter(unit=unit).order_by("received_on", "ledger_no")
    for case in cases.iterator(chunk_size=2000):
        rows.append(
            {
                "ledger_no": case.ledger_no,
                "received_on": case.received_on.isoformat() if case.received_on else None,
                "due_on": case.due_on.isoformat() if case.due_on else None,
                "replied_on": case.replied_on.isoformat() if case.replied_on else None,
                "outcome": case.outcome or None,
                "on_time": deadlines.on_time(case),
                "status": case.status,
            }
        )
    return rows
