"""When the State Council's 2027 notice is entered, provisional 2027 due dates become official.

Until then a due date in 2027 is a weekends-only estimate: 2027-01-01 (元旦,
a Friday) counts as a working day. `clock.recompute_due_dates` is registered as
a calendar recompute hook and runs in the task the change enqueues after it commits.
"""

import datetime

import pytest
import time_machine
from django_tasks_db.models import DBTaskResult

from gongkai.core import services as calendar_services
from gongkai.core.calendar_files import Notice, NoticeDay
from gongkai.core.models import CalendarException
from gongkai.core.tasks import recompute_after_calendar_change
from gongkai.core.workdays import is_provisional
from gongkai.foi import clock, deadlines, services
from gongkai.foi.tests.case_state import reload
from gongkai.foi.tests.conftest import register

D = datetime.date
SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))
HOLIDAY = CalendarException.Kind.HOLIDAY
NOTICE_2027 = Notice(
    year=2027,
    notice="国务院办公厅关于2027年部分节假日安排的通知(测试数据)",
    days=[NoticeDay(D(2027, 1, 1), HOLIDAY, "元旦", "")],
)


@pytest.fixture
def december(official_calendar):
    with time_machine.travel(datetime.datetime(2026, 12, 11, 10, tzinfo=SHANGHAI), tick=False):
        yield


@pytest.fixture
def cases(december, tanzhou_handler, tanzhou_approver):
    """Three open cases of 坦洲镇 and one answered, as of Fri 2026-12-11."""
    into_january = register(tanzhou_handler, D(2026, 12, 10))
    extended = register(tanzhou_handler, D(2026, 11, 20))
    services.info_request_extend(
        info_request=extended, actor=tanzhou_approver, workdays=20, reason="需会同市住建局核实",
        decided_on=D(2026, 12, 11),
    )  # fmt: skip
    in_2026 = register(tanzhou_handler, D(2026, 11, 2))
    return {"into_january": into_january, "extended": extended, "in_2026": in_2026}


def test_before_the_notice_the_dates_are_provisional(cases):
    assert reload(cases["into_january"]).due_on == D(2027, 1, 7)
    assert reload(cases["extended"]).due_on == D(2027, 1, 15)
    assert is_provisional(deadlines.due_on(reload(cases["into_january"])))


def test_the_hook_is_registered():
    assert clock.recompute_due_dates in calendar_services._recompute_hooks


def test_entering_2027_moves_the_provisional_dates(cases, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        calendar_services.calendar_import_notice(notice=NOTICE_2027, actor=None)
    # The task the commit enqueued, run as the worker runs it (the worker itself, which
    # closes the test's database connection on PostgreSQL, is core's test to drive).
    queued = DBTaskResult.objects.filter(
        task_path__endswith="recompute_after_calendar_change"
    ).latest("enqueued_at")
    recompute_after_calendar_change.call(*queued.args_kwargs["args"])
    # 2027-01-01 is a holiday now: one working day later each.
    assert reload(cases["into_january"]).due_on == D(2027, 1, 8)
    assert reload(cases["extended"]).due_on == D(2027, 1, 18)
    assert reload(cases["in_2026"]).due_on == D(2026, 11, 30)
    assert not is_provisional(deadlines.due_on(reload(cases["into_january"])))


def test_recompute_counts_the_cases_it_changed(cases):
    calendar_services.calendar_import_notice(notice=NOTICE_2027, actor=None)
    assert clock.recompute_due_dates({2027}) == 2
    assert clock.recompute_due_dates({2027}) == 0  # nothing left to change
    assert clock.recompute_due_dates(set()) == 0
