"""Writes to the working-day calendar. Each one is audited and invalidates the index."""

import datetime
from collections.abc import Callable, Iterable

from django.db import models, transaction
from django.utils import timezone

from gongkai.core import workdays
from gongkai.core.audit import audit_record
from gongkai.core.calendar_files import Notice, NoticeDay
from gongkai.core.models import CalendarException, CalendarYear

# The chinese-calendar package names holidays in English; the portal speaks Chinese.
PACKAGE_HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}

# Functions called, in the task worker, with the set of years whose calendar
# changed; apps whose stored deadlines derive from the calendar register here
# (in AppConfig.ready) so those deadlines can be recomputed.
_recompute_hooks: list[Callable[[set[int]], object]] = []


def register_recompute_hook(hook: Callable[[set[int]], object]) -> None:
    if hook not in _recompute_hooks:
        _recompute_hooks.append(hook)


def unregister_recompute_hook(hook: Callable[[set[int]], object]) -> None:
    if hook in _recompute_hooks:
        _recompute_hooks.remove(hook)


def run_recompute_hooks(years: Iterable[int]) -> int:
    workdays.reset_index()
    year_set = set(years)
    for hook in list(_recompute_hooks):
        hook(year_set)
    return len(_recompute_hooks)


def _exception_rows(calendar_year: CalendarYear) -> list[list[str]]:
    return [
        [row.date.isoformat(), row.kind, row.name]
        for row in calendar_year.exceptions.order_by("date")
    ]


def _after_change(years: set[int]) -> None:
    workdays.reset_index()

    def enqueue() -> None:
        from gongkai.core.tasks import recompute_after_calendar_change

        workdays.reset_index()
        recompute_after_calendar_change.enqueue(sorted(years))

    transaction.on_commit(enqueue)


@transaction.atomic
def calendar_year_replace(
    *,
    year: int,
    days: list[NoticeDay],
    status: str,
    source: str,
    notice: str,
    actor,
    notify: bool = True,
) -> tuple[CalendarYear, bool]:
    """Set a year's status and replace its exceptions; return (year, changed).

    Re-entering identical data changes nothing and writes no event. With
    `notify` false the caller enqueues the recompute task itself (once for
    many years).
    """
    calendar_year = CalendarYear.objects.select_for_update().filter(year=year).first()
    created = calendar_year is None
    if created:
        calendar_year = CalendarYear.objects.create(
            year=year, status=status, source=source, notice=notice
        )
        before = None
    else:
        before = {
            "status": calendar_year.status,
            "source": calendar_year.source,
            "notice": calendar_year.notice,
            "days": _exception_rows(calendar_year),
        }
    new_days = [[d.date.isoformat(), d.kind, d.name] for d in days]
    after = {"status": status, "source": source, "notice": notice, "days": new_days}
    if before == after:
        return calendar_year, False
    if not created:
        calendar_year.exceptions.all().delete()
        calendar_year.status = status
        calendar_year.source = source
        calendar_year.notice = notice
        calendar_year.revision += 1
        calendar_year.updated_at = timezone.now()
        calendar_year.save()
    CalendarException.objects.bulk_create(
        CalendarException(calendar_year=calendar_year, date=d.date, kind=d.kind, name=d.name)
        for d in days
    )
    audit_record(
        actor=actor,
        action="calendar.year_replace",
        obj=calendar_year,
        before=before,
        after=after,
        object_repr=f"{year} 年工作日历",
    )
    if notify:
        _after_change({year})
    return calendar_year, True


def calendar_import_notice(
    *, notice: Notice, actor, official: bool = True
) -> tuple[CalendarYear, bool]:
    """Enter a year from the State Council notice (as parsed from a file)."""
    return calendar_year_replace(
        year=notice.year,
        days=notice.days,
        status=CalendarYear.Status.OFFICIAL if official else CalendarYear.Status.DRAFT,
        source=CalendarYear.Source.NOTICE,
        notice=notice.notice,
        actor=actor,
    )


def package_years() -> dict[int, list[NoticeDay]]:
    """The years the chinese-calendar package knows, as exception lists.

    The package is a data source only; its own date arithmetic is not used.
    """
    from chinese_calendar import constants

    years: dict[int, list[NoticeDay]] = {}
    for day, name in constants.holidays.items():
        years.setdefault(day.year, []).append(
            NoticeDay(
                day, CalendarException.Kind.HOLIDAY, PACKAGE_HOLIDAY_NAMES.get(name, name), ""
            )
        )
    for day, name in constants.workdays.items():
        years.setdefault(day.year, []).append(
            NoticeDay(
                day,
                CalendarException.Kind.MAKEUP_WORKDAY,
                PACKAGE_HOLIDAY_NAMES.get(name, name),
                "",
            )
        )
    return {year: sorted(days, key=lambda d: d.date) for year, days in years.items()}


@transaction.atomic
def calendar_sync_package(*, actor) -> list[int]:
    """Load every year the package knows, except years the office has entered itself.

    Returns the years created or changed. Running it again changes nothing.
    """
    from importlib.metadata import version

    notice = f"chinese-calendar {version('chinesecalendar')}"
    entered_by_office = set(
        CalendarYear.objects.filter(source=CalendarYear.Source.NOTICE).values_list(
            "year", flat=True
        )
    )
    changed = []
    for year, days in sorted(package_years().items()):
        if year in entered_by_office:
            continue
        _, did_change = calendar_year_replace(
            year=year,
            days=days,
            status=CalendarYear.Status.OFFICIAL,
            source=CalendarYear.Source.PACKAGE,
            notice=notice,
            actor=actor,
            notify=False,
        )
        if did_change:
            changed.append(year)
    if changed:
        _after_change(set(changed))
    return changed


def calendar_status(today: datetime.date | None = None) -> list[dict]:
    """Each known year with its status and counts, for the staff page and the CLI."""
    rows = []
    for calendar_year in CalendarYear.objects.all():
        counts = {CalendarException.Kind.HOLIDAY: 0, CalendarException.Kind.MAKEUP_WORKDAY: 0}
        for kind in calendar_year.exceptions.values_list("kind", flat=True):
            counts[kind] += 1
        rows.append(
            {
                "year": calendar_year.year,
                "status": calendar_year.status,
                "status_label": calendar_year.get_status_display(),
                "source": calendar_year.get_source_display(),
                "notice": calendar_year.notice,
                "holidays": counts[CalendarException.Kind.HOLIDAY],
                "makeup_workdays": counts[CalendarException.Kind.MAKEUP_WORKDAY],
                "revision": calendar_year.revision,
            }
        )
    return rows


def calendar_year_state(year: int) -> dict | None:
    """A year's status and exceptions as plain data, for audit before/after."""
    calendar_year = CalendarYear.objects.filter(year=year).first()
    if calendar_year is None:
        return None
    return {
        "status": calendar_year.status,
        "source": calendar_year.source,
        "notice": calendar_year.notice,
        "days": _exception_rows(calendar_year),
    }


@transaction.atomic
def calendar_after_admin_edit(
    *, year: int, before: dict | None, actor, deleted: bool = False
) -> None:
    """Finish an edit made in the admin: bump the revision, audit, invalidate the index."""
    after = None if deleted else calendar_year_state(year)
    if before == after:
        return
    if not deleted:
        CalendarYear.objects.filter(year=year).update(
            revision=models.F("revision") + (1 if before is not None else 0),
            updated_at=timezone.now(),
        )
    audit_record(
        actor=actor,
        action="calendar.admin_delete" if deleted else "calendar.admin_edit",
        obj=None if deleted else CalendarYear.objects.get(year=year),
        before=before,
        after=after,
        object_repr=f"{year} 年工作日历",
    )
    _after_change({year})
