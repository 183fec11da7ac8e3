"""Reads over records: timeliness against the catalog, and lists for staff.

Timeliness is computed, never stored (STYLE.md): a proactive record linked to
catalog items is due by the earliest of the items' 公开时限, counted from its
formation or change date (《条例》第二十六条: 20 working days unless a law sets
another period) on the official working-day calendar.
"""

import datetime
from dataclasses import dataclass, replace

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
    rules = [_rule(item.time_limit) for item in record.catalog_items.all() if item.time_limit]
    return _earliest(rules, record.formed_on, {})


def _rule(time_limit: dict) -> TimeLimit:
    # Without its wording the rule is shared by every town's copy of the same
    # 公开时限, so due dates are memoised per rule, not per catalog item.
    return replace(TimeLimit.from_dict(time_limit), text="", inherited=False)


def _rule_due(rule: TimeLimit, formed_on: datetime.date) -> tuple[datetime.date | None, bool]:
    try:
        return due_on(rule, formed_on), False
    except CalendarNotOfficial:
        # A year without an official calendar: an estimate, marked as such;
        # beyond any calendar at all (a mistyped year): no date rather than a crash.
        try:
            return due_on(rule, formed_on, provisional=True), True
        except CalendarNotOfficial:
            return None, False


def _earliest(rules, formed_on: datetime.date, memo: dict) -> tuple[datetime.date | None, bool]:
    """The earliest due date of `rules`; provisional if any estimate is.

    `memo` keeps (rule, formation date) → due date across records: on a board of
    thousands of records the same few rules meet the same dates again and again.
    """
    dates, provisional = [], False
    for rule in rules:
        key = (rule, formed_on)
        if key not in memo:
            memo[key] = _rule_due(rule, formed_on)
        date, estimated = memo[key]
        if date is not None:
            dates.append(date)
            provisional = provisional or estimated
    return (min(dates) if dates else None), provisional


def _state(record: Record, due, provisional: bool, today, soon) -> Timeliness:
    if due is None:
        return Timeliness(record, None, State.NO_DEADLINE)
    if record.published_at is not None:
        published = timezone.localtime(record.published_at).date()
        state = State.ON_TIME if published <= due else State.LATE
        return Timeliness(record, due, state, provisional)
    if today > due:
        return Timeliness(record, due, State.OVERDUE, provisional)
    state = State.DUE_SOON if due <= soon else State.PENDING
    return Timeliness(record, due, state, provisional)


def _due_soon_limit(today: datetime.date) -> datetime.date:
    return add_workdays(today, DUE_SOON_WORKDAYS, provisional=True)


def timeliness(record: Record, *, today: datetime.date) -> Timeliness:
    due, provisional = record_due_on(record)
    return _state(record, due, provisional, today, _due_soon_limit(today))


def timeliness_board(records, *, today: datetime.date) -> list[Timeliness]:
    """Every proactive record with a deadline, the most urgent first.

    Read in three plain queries (records, their item links, the distinct items'
    rules), each rule parsed once: a unit's board and the office's board of
    every unit cost the same per record.
    """
    records = (
        records.filter(disclosure=Record.Disclosure.PROACTIVE, formed_on__isnull=False)
        .select_related("unit")
        .only("pk", "title", "formed_on", "published_at", "disclosure", "unit__name")
    )
    Link = Record.catalog_items.through
    links = Link.objects.filter(record__in=records.values("pk"))
    rules = {
        pk: _rule(time_limit)
        for pk, time_limit in CatalogItem.objects.filter(
            pk__in=links.values("catalogitem_id")
        ).values_list("pk", "time_limit")
        if time_limit
    }
    rules_by_record: dict[int, list] = {}
    for record_id, item_id in links.values_list("record_id", "catalogitem_id"):
        if item_id in rules:
            rules_by_record.setdefault(record_id, []).append(rules[item_id])
    soon, memo, rows = _due_soon_limit(today), {}, []
    for record in records.iterator(chunk_size=2000):
        item_rules = rules_by_record.get(record.pk)
        if not item_rules:
            continue
        due, provisional = _earliest(item_rules, record.formed_on, memo)
        row = _state(record, due, provisional, today, soon)
        if row.state != State.NO_DEADLINE:
            rows.append(row)
    order = [State.OVERDUE, State.DUE_SOON, State.PENDING, State.LATE, State.ON_TIME]
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
