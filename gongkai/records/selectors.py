"""Reads over records: timeliness against the catalog, and lists for staff.

Timeliness is computed, never stored (STYLE.md): a proactive record linked to
catalog items is due by the earliest of the items' 公开时限, counted from its
formation or change date (《条例》第二十六条: 20 working days unless a law sets
another period) on the official working-day calendar.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from gongkai.catalogs.models import CatalogItem
from gongkai.catalogs.time_limits import TimeLimit, due_on
from gongkai.core.workdays import CalendarNotOfficial, add_workdays
from gongkai.records.models import Record

# “Due soon”: within this many working days (a week and a bit, so a unit sees
# next week's work on Friday).
DUE_SOON_WORKDAYS = 5


class State:
    ON_TIME = "on_time"
    LATE = "late"
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    PENDING = "pending"
    NO_DEADLINE = "no_deadline"


STATE_LABELS = {
    State.ON_TIME: "按时公开",
    State.LATE: "逾期公开",
    State.OVERDUE: "已超期未公开",
    State.DUE_SOON: "即将到期",
    State.PENDING: "未到期",
    State.NO_DEADLINE: "无固定时限",
}


@dataclass(frozen=True)
class Timeliness:
    record: Record
    due_on: datetime.date | None
    state: str
    provisional: bool = False

    @property
    def label(self) -> str:
        return STATE_LABELS[self.state]


def record_due_on(record: Record) -> tuple[datetime.date | None, bool]:
    """(due date, provisional): the earliest due date among the linked items' rules."""
    if record.disclosure != Record.Disclosure.PROACTIVE or record.formed_on is None:
        return None, False
    dates, provisional = [], False
    for item in record.catalog_items.all():
        if not item.time_limit:
            continue
        rule = TimeLimit.from_dict(item.time_limit)
        try:
            date = due_on(rule, record.formed_on)
        except CalendarNotOfficial:
            # A year without an official calendar: an estimate, marked as such;
            # beyond any calendar at all (a mistyped year): no date rather than a crash.
            try:
                date, provisional = due_on(rule, record.formed_on, provisional=True), True
            except CalendarNotOfficial:
                continue
        if date is not None:
            dates.append(date)
    return (min(dates) if dates else None), provisional


def timeliness(record: Record, *, today: datetime.date) -> Timeliness:
    due, provisional = record_due_on(record)
    if due is None:
        return Timeliness(record, None, State.NO_DEADLINE)
    if record.published_at is not None:
        published = timezone.localtime(record.published_at).date()
        state = State.ON_TIME if published <= due else State.LATE
        return Timeliness(record, due, state, provisional)
    if today > due:
        return Timeliness(record, due, State.OVERDUE, provisional)
    soon = add_workdays(today, DUE_SOON_WORKDAYS, provisional=True)
    state = State.DUE_SOON if due <= soon else State.PENDING
    return Timeliness(record, due, state, provisional)


def timeliness_board(records, *, today: datetime.date) -> list[Timeliness]:
    """Every proactive record with a deadline, the most urgent first."""
    records = records.filter(disclosure=Record.Disclosure.PROACTIVE).prefetch_related(
        Prefetch("catalog_items", queryset=CatalogItem.objects.only("pk", "time_limit"))
    )
    rows = [timeliness(record, today=today) for record in records]
    order = [State.OVERDUE, State.DUE_SOON, State.PENDING, State.LATE, State.ON_TIME]
    rows = [row for row in rows if row.state != State.NO_DEADLINE]
    return sorted(rows, key=lambda r: (order.index(r.state), r.due_on))


def work_for(user) -> list[tuple[str, list[Record]]]:
    """What waits for `user` in their units, by role: the staff home page's to-do list."""
    from gongkai.orgs.models import Membership

    Role, Status = Membership.Role, Record.Status
    roles = Membership.objects.filter(user=user).values_list("unit_id", "role")
    units_by_role: dict[str, list[int]] = {}
    for unit_id, role in roles:
        units_by_role.setdefault(role, []).append(unit_id)
    queues = [
        ("退回修改的政府信息", Role.EDITOR, Status.RETURNED),
        ("待保密审查", Role.SECRECY_REVIEWER, Status.SECRECY_REVIEW),
        ("待审批", Role.APPROVER, Status.APPROVAL),
        ("已审批待发布", Role.APPROVER, Status.APPROVED),
    ]
    work = []
    for label, role, status in queues:
        if role not in units_by_role:
            continue
        records = Record.objects.filter(unit_id__in=units_by_role[role], status=status)
        if status == Status.APPROVED:
            records = records.filter(disclosure=Record.Disclosure.PROACTIVE)
        records = list(records.select_related("unit").order_by("created_at")[:50])
        if records:
            work.append((label, records))
    return work
