"""A year without an official calendar fails closed, unless a provisional estimate is asked for."""

import datetime

import pytest

from gongkai.core.calendar_files import Notice, NoticeDay
from gongkai.core.models import CalendarException, CalendarYear
from gongkai.core.services import calendar_import_notice
from gongkai.core.workdays import (
    CalendarNotOfficial,
    ProvisionalDate,
    add_workdays,
    is_provisional,
    workdays_between,
)

D = datetime.date
HOLIDAY = CalendarException.Kind.HOLIDAY


def test_deadline_into_2027_names_the_missing_year(official_calendar):
    with pytest.raises(CalendarNotOfficial) as raised:
        add_workdays(D(2026, 12, 15), 20)
    assert raised.value.year == 2027
    assert "2027" in str(raised.value)


def test_counting_across_into_2027_fails_too(official_calendar):
    with pytest.raises(CalendarNotOfficial, match="2027"):
        workdays_between(D(2026, 12, 1), D(2027, 1, 10))


def test_dates_before_the_first_official_year_fail(official_calendar):
    with pytest.raises(CalendarNotOfficial, match="2003"):
        add_workdays(D(2003, 6, 1), 5)


def test_provisional_estimate_counts_weekends_only_and_is_marked(official_calendar):
    due = add_workdays(D(2026, 12, 15), 20, provisional=True)
    assert due == D(2027, 1, 12)
    assert isinstance(due, ProvisionalDate)
    assert is_provisional(due)
    assert due.unofficial_years == (2027,)
    count = workdays_between(D(2026, 12, 15), D(2027, 1, 12), provisional=True)
    assert count == 20 and is_provisional(count)


def test_official_results_are_not_marked_provisional(official_calendar):
    due = add_workdays(D(2024, 9, 27), 20, provisional=True)
    assert due == D(2024, 10, 30)
    assert not is_provisional(due)


def _notice_2027(*days):
    return Notice(
        year=2027,
        notice="测试用 2027 年安排(非真实通知)",
        days=[NoticeDay(day, kind, name, "") for day, kind, name in days],
    )


def test_a_draft_year_is_not_used(official_calendar):
    calendar_import_notice(
        notice=_notice_2027((D(2027, 1, 1), HOLIDAY, "元旦")), actor=None, official=False
    )
    assert CalendarYear.objects.get(year=2027).status == CalendarYear.Status.DRAFT
    with pytest.raises(CalendarNotOfficial):
        add_workdays(D(2026, 12, 15), 20)


def test_entering_2027_officially_takes_effect_at_once(official_calendar):
    calendar_import_notice(notice=_notice_2027((D(2027, 1, 1), HOLIDAY, "元旦")), actor=None)
    # Weekends-only gave 2027-01-12; the 元旦 holiday on Friday 1-1 pushes it a day.
    assert add_workdays(D(2026, 12, 15), 20) == D(2027, 1, 13)
    assert not is_provisional(add_workdays(D(2026, 12, 15), 20))


def test_a_reversed_provisional_count_stays_marked(official_calendar):
    count = workdays_between(D(2027, 1, 12), D(2026, 12, 15), provisional=True)
    assert count == -20 and is_provisional(count)
    assert count.unofficial_years == (2027,)
