"""Property: counting back the days just added gives n; and the index agrees with a naive loop."""

import datetime

import chinese_calendar
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.core.workdays import add_workdays, workdays_between

starts = st.dates(min_value=datetime.date(2004, 1, 1), max_value=datetime.date(2026, 9, 30))
counts = st.integers(min_value=0, max_value=60)
fixture_ok = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def naive_add_workdays(start: datetime.date, n: int) -> datetime.date:
    """The statutory rule day by day, with the package as an independent oracle."""
    day, counted = start, 0
    while counted < n:
        day += datetime.timedelta(days=1)
        if chinese_calendar.is_workday(day):
            counted += 1
    return day


@fixture_ok
@given(start=starts, n=counts)
def test_between_inverts_add(official_calendar, start, n):
    assert workdays_between(start, add_workdays(start, n)) == n


@fixture_ok
@given(start=starts, n=counts)
def test_index_equals_day_by_day_rule(official_calendar, start, n):
    assert add_workdays(start, n) == naive_add_workdays(start, n)
