"""Each kind of 公开时限 gives its due date: working days across 调休, calendar days, 实时, 长期."""

import datetime

import chinese_calendar
import pytest

from gongkai.catalogs.models import CatalogItem
from gongkai.catalogs.time_limits import parse_time_limit
from gongkai.records.selectors import State, record_due_on, timeliness

D = datetime.date


def naive_workdays(start: datetime.date, n: int) -> datetime.date:
    """The statutory count done by hand: the start day is not counted (民法典第二百零一条)."""
    day = start
    while n:
        day += datetime.timedelta(days=1)
        n -= chinese_calendar.is_workday(day)
    return day


def _with_rule(record, item: CatalogItem, text: str):
    item.time_limit = parse_time_limit(text).to_dict()
    item.save(update_fields=["time_limit"])
    record.catalog_items.set([item])
    return record


@pytest.mark.parametrize(
    "formed_on",
    [
        D(2026, 2, 13),  # the Friday before the Spring Festival holiday
        D(2026, 2, 14),  # a 调休 Saturday that is a working day in the 2026 notice
        D(2026, 10, 1),  # National Day itself
        D(2025, 12, 31),  # across the new year
    ],
)
def test_working_days_match_the_count_by_hand(draft, catalog_items, formed_on):
    draft.formed_on = formed_on
    _with_rule(draft, catalog_items[0], "信息形成或者变更之日起20个工作日内")

    assert record_due_on(draft) == (naive_workdays(formed_on, 20), False)


def test_calendar_days_realtime_and_standing(draft, catalog_items):
    draft.formed_on = D(2026, 9, 30)
    _with_rule(draft, catalog_items[0], "本级人民代表大会或其常务委员会批准后20日内")
    assert record_due_on(draft)[0] == D(2026, 10, 20)

    _with_rule(draft, catalog_items[0], "实时公开")
    assert record_due_on(draft)[0] == D(2026, 9, 30)

    _with_rule(draft, catalog_items[0], "长期")
    assert timeliness(draft, today=D(2027, 1, 1)).state == State.NO_DEADLINE
