"""A proactive record is due by its catalog item's 公开时限, counted on the working-day calendar.

The draft was formed on Friday 2026-09-25, so its 20 working days run across the
National Day holiday: the due date is what the official calendar says, never a
plain 28 days.
"""

import datetime

import time_machine

from gongkai.core.workdays import add_workdays
from gongkai.records import services
from gongkai.records.models import Record
from gongkai.records.selectors import State, record_due_on, timeliness
from gongkai.records.tests.conftest import take_to

D = datetime.date


def test_due_date_follows_the_items_rule_on_the_calendar(draft):
    due, provisional = record_due_on(draft)

    assert due == add_workdays(D(2026, 9, 25), 20)
    assert due > D(2026, 9, 25) + datetime.timedelta(days=28)  # the holiday week is not counted
    assert provisional is False


def test_the_earliest_of_several_items_counts(draft, catalog_items, tanzhou_editor):
    data = services.record_to_data(draft)
    data.catalog_item_ids = [item.pk for item in catalog_items]
    services.record_update(record=draft, actor=tanzhou_editor, data=data)

    due, _provisional = record_due_on(draft)

    assert due == add_workdays(D(2026, 9, 25), 10)


def test_states_before_and_after_publishing(
    draft, tanzhou_editor, tanzhou_secrecy_reviewer, tanzhou_approver
):
    due, _ = record_due_on(draft)
    assert timeliness(draft, today=D(2026, 9, 28)).state == State.PENDING
    assert timeliness(draft, today=due).state == State.DUE_SOON
    assert timeliness(draft, today=due + datetime.timedelta(days=1)).state == State.OVERDUE

    with time_machine.travel(datetime.datetime(2026, 10, 20, 9, tzinfo=datetime.UTC)):
        take_to(draft, Record.Status.PUBLISHED, editor=tanzhou_editor,
                reviewer=tanzhou_secrecy_reviewer, approver=tanzhou_approver)  # fmt: skip
    assert timeliness(draft, today=D(2027, 1, 4)).state == State.ON_TIME  # 10月20日 ≤ due

    draft.published_at = datetime.datetime(2026, 11, 2, 9, tzinfo=datetime.UTC)
    assert timeliness(draft, today=D(2027, 1, 4)).state == State.LATE


def test_no_deadline_without_formation_date_or_catalog_item(draft, tanzhou_editor):
    data = services.record_to_data(draft)
    data.catalog_item_ids = []
    services.record_update(record=draft, actor=tanzhou_editor, data=data)

    assert timeliness(draft, today=D(2026, 12, 1)).state == State.NO_DEADLINE
