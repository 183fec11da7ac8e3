"""The official working-day calendar: statutory deadlines counted in 工作日.

Deadlines in 《政府信息公开条例》 are counted in working days (e.g. 第三十三条:
reply within 20 working days of receipt). Working days are Monday–Friday,
minus public holidays, plus the weekend days made working days (调休), as set
each year by the State Council's holiday notice and held in `CalendarYear` /
`CalendarException`.

The start day is never counted (《民法典》第二百零一条: a period counted in days
starts on the next day), whether or not the start day is itself a working day.
Note that `chinese_calendar.find_workday(n, d)` counts differently (day 0 is
the first working day on or after `d`) and must not be used for deadlines.

Every computation reads a precomputed index (O(1) per call) built from the
tables. A computation that touches a year without an official calendar fails
with `CalendarNotOfficial`, unless the caller asks for a provisional,
weekends-only estimate, which is then returned marked as provisional.
"""

from __future__ import annotations

import datetime
import threading
import time
from dataclasses import dataclass
from itertools import accumulate

from django.db.models import Count, Max, Sum
from django.utils.translation import gettext as _

# Years past the last official year (or this year) still covered by the index,
# so provisional estimates far into the future have somewhere to land.
HORIZON_YEARS = 10
# How often a long-running process re-reads the calendar's version from the
# database, so a year entered by the office in another process takes effect.
RECHECK_SECONDS = 5.0


class CalendarError(Exception):
    """A working-day computation that cannot be answered."""


class CalendarNotOfficial(CalendarError):
    """The computation touches a year whose official calendar has not been entered."""

    def __init__(self, year: int):
        self.year = year
        super().__init__(
            _(
                "%(year)s 年的工作日历尚未正式录入(需依据国务院当年节假日安排通知),无法计算法定工作日期限"
            )
            % {"year": year}
        )


class ProvisionalDate(datetime.date):
    """A date computed with a weekends-only estimate for years not yet official."""

    provisional = True
    unofficial_years: tuple[int, ...] = ()


class ProvisionalCount(int):
    """A working-day count computed with a weekends-only estimate for some years."""

    provisional = True
    unofficial_years: tuple[int, ...] = ()


@dataclass(frozen=True)
class WorkdayIndex:
    """Working days as arrays over ordinals, from `base` (1 January of the first year)."""

    base: int
    first_year: int
    last_year: int
    # cumulative[i]: number of working days d with base <= d <= base + i.
    cumulative: list[int]
    # ordinals of the working days, ascending, and the same days as date
    # objects (immutable, so shared answers are safe and no per-call fromordinal).
    workdays: list[int]
    workday_dates: list[datetime.date]
    # unofficial_from[i]: ordinal of the first day >= base + i that lies in a
    # year without an official calendar (past the end if there is none).
    unofficial_from: list[int]
    official_years: frozenset[int]
    version: tuple = ()

    def is_workday(self, day: datetime.date) -> bool:
        i = day.toordinal() - self.base
        if i < 0 or i >= len(self.cumulative):
            raise CalendarNotOfficial(day.year)
        previous = self.cumulative[i - 1] if i else 0
        return self.cumulative[i] != previous

    def unofficial_years_between(self, first: int, last: int) -> tuple[int, ...]:
        return tuple(year for year in range(first, last + 1) if year not in self.official_years)


def build_index(
    official: dict[int, dict[datetime.date, str]],
    *,
    through_year: int,
    version: tuple = (),
) -> WorkdayIndex:
    """Build the index from each official year's exceptions (date → kind).

    Years between the first official year and `through_year` that are not in
    `official` get the weekends-only rule and are marked unofficial.
    """
    first_year = min(official) if official else through_year
    last_year = max(through_year, max(official) if official else through_year)
    base = datetime.date(first_year, 1, 1).toordinal()
    end = datetime.date(last_year, 12, 31).toordinal()
    flags: list[int] = []
    for ordinal in range(base, end + 1):
        day = datetime.date.fromordinal(ordinal)
        working = day.weekday() < 5
        kind = official.get(day.year, {}).get(day)
        if kind == "holiday":
            working = False
        elif kind == "makeup_workday":
            working = True
        flags.append(1 if working else 0)
    cumulative = list(accumulate(flags))
    workdays = [base + i for i, flag in enumerate(flags) if flag]
    unofficial_from = [0] * len(flags)
    next_unofficial = end + 1
    for i in range(len(flags) - 1, -1, -1):
        if datetime.date.fromordinal(base + i).year not in official:
            next_unofficial = base + i
        unofficial_from[i] = next_unofficial
    return WorkdayIndex(
        base=base,
        first_year=first_year,
        last_year=last_year,
        cumulative=cumulative,
        workdays=workdays,
        workday_dates=[datetime.date.fromordinal(o) for o in workdays],
        unofficial_from=unofficial_from,
        official_years=frozenset(official),
        version=version,
    )


def _database_version() -> tuple:
    from gongkai.core.models import CalendarYear

    row = CalendarYear.objects.aggregate(
        count=Count("year"), revisions=Sum("revision"), updated=Max("updated_at")
    )
    return (row["count"], row["revisions"], row["updated"])


def _load_index(version: tuple) -> WorkdayIndex:
    from gongkai.core.models import CalendarException, CalendarYear

    official: dict[int, dict[datetime.date, str]] = {
        year: {}
        for year in CalendarYear.objects.filter(status=CalendarYear.Status.OFFICIAL).values_list(
            "year", flat=True
        )
    }
    for day, kind in CalendarException.objects.filter(
        calendar_year__status=CalendarYear.Status.OFFICIAL
    ).values_list("date", "kind"):
        official[day.year][day] = kind
    through = max([datetime.date.today().year, *official]) + HORIZON_YEARS
    return build_index(official, through_year=through, version=version)


_lock = threading.Lock()
_index: WorkdayIndex | None = None
_valid_until = 0.0
_monotonic = time.monotonic


def get_index() -> WorkdayIndex:
    """The current index, rebuilt when the calendar tables have changed."""
    global _index, _valid_until
    index = _index
    now = _monotonic()
    if now < _valid_until and index is not None:
        return index
    with _lock:
        version = _database_version()
        if _index is None or _index.version != version:
            _index = _load_index(version)
        _valid_until = now + RECHECK_SECONDS
        return _index


def reset_index() -> None:
    """Forget the cached index; the next computation rebuilds it from the tables."""
    global _index, _valid_until
    with _lock:
        _index = None
        _valid_until = 0.0


def _check_official(
    index: WorkdayIndex, first: int, last: int, provisional: bool
) -> tuple[int, ...]:
    """Raise unless every day in [first, last] (ordinals) lies in an official year.

    Returns the unofficial years touched when `provisional` allows them.
    """
    i = first - index.base
    if i < 0:
        raise CalendarNotOfficial(datetime.date.fromordinal(first).year)
    if last - index.base >= len(index.cumulative):
        raise CalendarNotOfficial(datetime.date.fromordinal(last).year)
    if index.unofficial_from[i] > last:
        return ()
    if not provisional:
        raise CalendarNotOfficial(datetime.date.fromordinal(index.unofficial_from[i]).year)
    return index.unofficial_years_between(
        datetime.date.fromordinal(first).year, datetime.date.fromordinal(last).year
    )


def add_workdays(start: datetime.date, n: int, *, provisional: bool = False) -> datetime.date:
    """Return the n-th working day after `start`; `start` itself is never counted.

    With n == 0 the answer is `start`. Raises CalendarNotOfficial when a year
    from `start` to the answer has no official calendar, unless `provisional`
    is true; the answer is then a `ProvisionalDate`.
    """
    if n < 0:
        raise ValueError(_("工作日数不能为负数: %(n)s") % {"n": n})
    index = get_index()
    ordinal = start.toordinal()
    i = ordinal - index.base
    if i < 0 or i >= len(index.cumulative):
        raise CalendarNotOfficial(start.year)
    if n == 0:
        result = ordinal
        answer = start
    else:
        j = index.cumulative[i] + n - 1
        if j >= len(index.workdays):
            raise CalendarNotOfficial(index.last_year + 1)
        result = index.workdays[j]
        answer = index.workday_dates[j]
    if index.unofficial_from[i] > result:
        return answer
    years = _check_official(index, ordinal, result, provisional)
    answer = ProvisionalDate.fromordinal(result)
    answer.unofficial_years = years
    return answer


def workdays_between(a: datetime.date, b: datetime.date, *, provisional: bool = False) -> int:
    """Return the number of working days d with a < d <= b (negative when b < a)."""
    if b < a:
        forward = workdays_between(b, a, provisional=provisional)
        if not is_provisional(forward):
            return -forward
        answer = ProvisionalCount(-forward)
        answer.unofficial_years = forward.unofficial_years
        return answer
    index = get_index()
    first, last = a.toordinal(), b.toordinal()
    years = _check_official(index, first, last, provisional)
    count = index.cumulative[last - index.base] - index.cumulative[first - index.base]
    if not years:
        return count
    answer = ProvisionalCount(count)
    answer.unofficial_years = years
    return answer


def is_workday(day: datetime.date, *, provisional: bool = False) -> bool:
    """Whether `day` is a working day on the official calendar."""
    index = get_index()
    _check_official(index, day.toordinal(), day.toordinal(), provisional)
    return index.is_workday(day)


def is_provisional(value) -> bool:
    """Whether a date or count came from a provisional (weekends-only) estimate."""
    return bool(getattr(value, "provisional", False))
