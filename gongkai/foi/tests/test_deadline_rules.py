"""The reply deadline as a table, on the real 2024–2026 holidays and 调休 working days.

《条例》第三十三条: 20 working days from receipt, plus an approved extension of at
most 20; 第三十条: after a 补正 the clock restarts from the corrected application;
第三十三条第三款: consultation time is not counted. The start day itself is
never counted, whatever day of the week it is.
"""

import datetime

import pytest

from gongkai.core.workdays import is_provisional
from gongkai.foi import deadlines

D = datetime.date

# (received_on, corrected_on, extension, consultations, expected due date)
ROWS = [
    # Saturday receipt, the day before the Spring Festival 2025 makeup Sunday 01-26:
    # the makeup Sunday is working day 1, 01-28–02-04 are skipped, Sat 02-08 counts.
    (D(2025, 1, 25), None, 0, [], D(2025, 2, 27)),
    # Receipt ON the makeup Sunday 2025-01-26: the start day is not counted even so.
    (D(2025, 1, 26), None, 0, [], D(2025, 2, 28)),
    # Monday 2025-01-27, the day before the Spring Festival holiday (01-28–02-04).
    (D(2025, 1, 27), None, 0, [], D(2025, 3, 3)),
    # Friday 2024-09-27 before National Day 2024 (10-01–10-07; makeup Sun 09-29, Sat 10-12).
    (D(2024, 9, 27), None, 0, [], D(2024, 10, 30)),
    # Receipt on the National Day 2024 makeup Sunday 09-29.
    (D(2024, 9, 29), None, 0, [], D(2024, 10, 31)),
    # Tuesday 2025-09-30, the day before National Day + Mid-autumn 2025 (10-01–10-08;
    # makeup Sat 10-11).
    (D(2025, 9, 30), None, 0, [], D(2025, 11, 4)),
    # Friday 2026-02-13 before Spring Festival 2026 (02-15–02-23; makeup Sat 02-14, Sat 02-28).
    (D(2026, 2, 13), None, 0, [], D(2026, 3, 19)),
    # Receipt on the makeup Saturday 2026-02-14 itself.
    (D(2026, 2, 14), None, 0, [], D(2026, 3, 20)),
    # Friday 2025-04-25 before Labour Day 2025 (05-01–05-05; makeup Sun 04-27).
    (D(2025, 4, 25), None, 0, [], D(2025, 5, 27)),
    # Friday 2026-04-03 before 清明 2026 (04-04–04-06) and with Labour Day 2026
    # (05-01–05-05) inside the window.
    (D(2026, 4, 3), None, 0, [], D(2026, 5, 7)),
    # Saturday 2026-04-04, inside the 清明 holiday: same due date as the Friday before.
    (D(2026, 4, 4), None, 0, [], D(2026, 5, 7)),
    # 补正: received 2025-01-20, corrected Fri 2025-02-07 (the day before makeup Sat
    # 02-08): 20 working days from 02-07, not from 01-20.
    (D(2025, 1, 20), D(2025, 2, 7), 0, [], D(2025, 3, 6)),
    # 补正 received Mon 2024-09-30, the last working day before National Day 2024.
    (D(2024, 9, 23), D(2024, 9, 30), 0, [], D(2024, 11, 1)),
    # A consultation 2025-09-25 → 10-10 across National Day 2025: only 6 working days
    # (09-26, makeup Sun 09-28, 09-29, 09-30, 10-09, 10-10) are not counted.
    (D(2025, 9, 15), None, 0, [(D(2025, 9, 25), D(2025, 10, 10))], D(2025, 10, 27)),
    # Third party 03-05 → 03-12 and co-producer 03-10 → 03-17 overlap: the union
    # (03-05, 03-17] is 8 working days, counted once (not 5 + 5).
    (
        D(2026, 3, 2),
        None,
        0,
        [(D(2026, 3, 5), D(2026, 3, 12)), (D(2026, 3, 10), D(2026, 3, 17))],
        D(2026, 4, 10),
    ),
    # A co-producer consultation inside a third-party one adds nothing (11 days, not 13).
    (
        D(2026, 3, 2),
        None,
        0,
        [(D(2026, 3, 5), D(2026, 3, 20)), (D(2026, 3, 10), D(2026, 3, 12))],
        D(2026, 4, 15),
    ),
    # Back-to-back consultations (the second starts the day the first ends): 5 + 5.
    (
        D(2026, 3, 2),
        None,
        0,
        [(D(2026, 3, 5), D(2026, 3, 12)), (D(2026, 3, 12), D(2026, 3, 19))],
        D(2026, 4, 14),
    ),
    # The full 20-day extension across National Day 2024: 40 working days.
    (D(2024, 9, 2), None, 20, [], D(2024, 11, 1)),
    # A 10-day extension across Spring Festival 2026 (02-14 and 02-28 makeup Saturdays).
    (D(2026, 1, 26), None, 10, [], D(2026, 3, 13)),
    # Everything at once across Labour Day 2025: 补正 restart on 04-18, 10 days'
    # extension, a consultation 04-25 → 05-09 of 8 working days (incl. makeup Sun 04-27).
    (D(2025, 4, 10), D(2025, 4, 18), 10, [(D(2025, 4, 25), D(2025, 5, 9))], D(2025, 6, 16)),
]


@pytest.mark.parametrize(("received", "corrected", "extension", "consultations", "expected"), ROWS)
def test_due_date(official_calendar, received, corrected, extension, consultations, expected):
    due = deadlines.compute_due_on(
        received_on=received,
        corrected_on=corrected,
        extension_workdays=extension,
        paused=deadlines.paused_workdays(consultations),
    )
    assert due == expected
    assert not is_provisional(due)


# (consultations, working days not counted)
PAUSES = [
    ([], 0),
    # Spring Festival 2025: (01-24, 02-10] holds makeup Sun 01-26, 01-27, 02-05–02-07,
    # makeup Sat 02-08 and 02-10.
    ([(D(2025, 1, 24), D(2025, 2, 10))], 7),
    # Same day start and end: nothing paused.
    ([(D(2026, 3, 5), D(2026, 3, 5))], 0),
    # The same consultation entered twice counts once.
    ([(D(2026, 3, 5), D(2026, 3, 12)), (D(2026, 3, 5), D(2026, 3, 12))], 5),
    # Order does not matter.
    ([(D(2026, 3, 10), D(2026, 3, 17)), (D(2026, 3, 5), D(2026, 3, 12))], 8),
    # An open consultation (no end) counts nothing until it ends.
    ([(D(2026, 3, 5), None)], 0),
]


@pytest.mark.parametrize(("consultations", "expected"), PAUSES)
def test_paused_workdays(official_calendar, consultations, expected):
    assert deadlines.paused_workdays(consultations) == expected


def test_open_consultation_counts_up_to_the_given_day(official_calendar):
    # 清明 2026: Mon 04-06 is a holiday, so (04-02, 04-08] holds 04-03, 04-07, 04-08.
    assert deadlines.paused_workdays([(D(2026, 4, 2), None)], until=D(2026, 4, 8)) == 3


def test_no_receipt_date_no_due_date(official_calendar):
    assert deadlines.compute_due_on(received_on=None) is None


# A due date in 2027, whose holidays are not official yet: weekends-only, marked provisional.
PROVISIONAL = [
    # Thu 2026-12-10: 2027-01-01 (Friday) counts as a working day on the estimate.
    (D(2026, 12, 10), 0, D(2027, 1, 7)),
    # Fri 2026-11-20 with the full extension: 40 working days.
    (D(2026, 11, 20), 20, D(2027, 1, 15)),
]


@pytest.mark.parametrize(("received", "extension", "expected"), PROVISIONAL)
def test_due_date_in_2027_is_provisional(official_calendar, received, extension, expected):
    due = deadlines.compute_due_on(received_on=received, extension_workdays=extension)
    assert due == expected
    assert is_provisional(due)
    assert 2027 in due.unofficial_years


def test_due_date_inside_2026_is_official(official_calendar):
    # Mon 2026-11-02 → Mon 2026-11-30: inside the official year, not provisional.
    due = deadlines.compute_due_on(received_on=D(2026, 11, 2))
    assert due == D(2026, 11, 30)
    assert not is_provisional(due)
