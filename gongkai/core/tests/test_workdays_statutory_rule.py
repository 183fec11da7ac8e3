"""add_workdays / workdays_between on real holiday edges (国务院节假日安排 2024–2026)."""

import datetime

import pytest

from gongkai.core.workdays import add_workdays, workdays_between

D = datetime.date

CASES = [
    # The example of the issue: National Day 2024, 调休 Sunday 9-29 and Saturday 10-12.
    (D(2024, 9, 27), 20, D(2024, 10, 30)),
    # Start on a 调休 Sunday (a working day): it is still not counted.
    (D(2024, 9, 29), 1, D(2024, 9, 30)),
    # Start inside the holiday: the first working day after it is day 1.
    (D(2024, 10, 3), 1, D(2024, 10, 8)),
    # 调休 Saturday 2024-10-12 counts as a working day.
    (D(2024, 10, 11), 1, D(2024, 10, 12)),
    # Spring Festival 2024: 2-10..2-17 off, 2-4 (Sun) and 2-18 (Sun) worked.
    (D(2024, 2, 8), 1, D(2024, 2, 9)),
    (D(2024, 2, 9), 1, D(2024, 2, 18)),
    (D(2024, 2, 3), 1, D(2024, 2, 4)),
    # Spring Festival 2025: 1-28..2-4 off, 1-26 (Sun) and 2-8 (Sat) worked.
    (D(2025, 1, 24), 2, D(2025, 1, 27)),
    (D(2025, 1, 27), 1, D(2025, 2, 5)),
    (D(2025, 2, 7), 1, D(2025, 2, 8)),
    # National Day 2025 (with Mid-autumn): 10-1..10-8 off, 9-28 (Sun) and 10-11 (Sat) worked.
    (D(2025, 9, 26), 1, D(2025, 9, 28)),
    (D(2025, 9, 30), 1, D(2025, 10, 9)),
    # Spring Festival 2026: 2-15..2-23 off, 2-14 (Sat) and 2-28 (Sat) worked.
    (D(2026, 2, 13), 1, D(2026, 2, 14)),
    (D(2026, 2, 14), 1, D(2026, 2, 24)),
    (D(2026, 2, 27), 1, D(2026, 2, 28)),
    # New Year 2026: 1-1..1-3 off, 1-4 (Sun) worked.
    (D(2025, 12, 31), 1, D(2026, 1, 4)),
    # A weekend start is not counted either (民法典第二百零一条).
    (D(2026, 3, 7), 1, D(2026, 3, 9)),
    (D(2026, 3, 7), 20, D(2026, 4, 3)),
    # Zero days: the start itself.
    (D(2026, 3, 7), 0, D(2026, 3, 7)),
]


@pytest.mark.parametrize(("start", "n", "expected"), CASES)
def test_add_workdays_on_holiday_edges(official_calendar, start, n, expected):
    assert add_workdays(start, n) == expected


@pytest.mark.parametrize(("start", "n", "expected"), [c for c in CASES if c[1] > 0])
def test_workdays_between_counts_the_same_days(official_calendar, start, n, expected):
    assert workdays_between(start, expected) == n
    # The day before the answer is one working day short.
    assert workdays_between(start, expected - datetime.timedelta(days=1)) == n - 1


def test_workdays_between_is_antisymmetric(official_calendar):
    a, b = D(2024, 9, 27), D(2024, 10, 30)
    assert workdays_between(b, a) == -workdays_between(a, b) == -20
    assert workdays_between(a, a) == 0


def test_negative_count_is_refused(official_calendar):
    with pytest.raises(ValueError, match="不能为负数"):
        add_workdays(D(2024, 9, 27), -1)
