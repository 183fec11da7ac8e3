"""A calendar change enqueues a background task that runs the registered recompute hooks."""

import datetime

import pytest
from django.core.management import call_command

from gongkai.core.calendar_files import Notice, NoticeDay
from gongkai.core.models import CalendarException
from gongkai.core.services import (
    calendar_import_notice,
    register_recompute_hook,
    unregister_recompute_hook,
)


@pytest.fixture
def recorder():
    seen: list[set[int]] = []
    register_recompute_hook(seen.append)
    yield seen
    unregister_recompute_hook(seen.append)


@pytest.mark.django_db(transaction=True)
def test_worker_runs_hooks_for_the_changed_year(official_calendar, recorder):
    """Real commits: the task is enqueued on commit and the real worker loop runs it."""
    drain = ["db_worker", "--batch", "--no-startup-delay", "--no-reload"]
    call_command(*drain)  # tasks left by the session's seeding
    recorder.clear()
    notice = Notice(
        year=2027,
        notice="测试",
        days=[NoticeDay(datetime.date(2027, 1, 1), CalendarException.Kind.HOLIDAY, "元旦", "")],
    )
    calendar_import_notice(notice=notice, actor=None)
    assert recorder == []  # nothing runs inside the request; the worker does it
    call_command(*drain)
    assert recorder == [{2027}]
