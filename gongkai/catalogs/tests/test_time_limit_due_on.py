"""due_on(): when information under a rule is due, on real holiday edges (国务院节假日安排)."""

import datetime

import pytest

from gongkai.catalogs.time_limits import due_on, parse_time_limit
from gongkai.core.workdays import CalendarNotOfficial, is_provisional

D = datetime.date

WORKDAY_CASES = [
    # National Day 2024: 10-1..10-7 off, 9-29 (Sun) and 10-12 (Sat) worked.
    ("信息形成或者变更之日起20个工作日内", D(2024, 9, 27), D(2024, 10, 30)),
    ("自作出行政决定之日起7个工作日内", D(2024, 9, 30), D(2024, 10, 15)),
    # Spring Festival 2025: 1-28..2-4 off, 1-26 (Sun) and 2-8 (Sat) worked.
    ("制定或获取信息之日起10个工作日内", D(2025, 1, 24), D(2025, 2, 13)),
    # National Day and Mid-autumn 2025: 10-1..10-8 off, 9-28 (Sun) and 10-11 (Sat) worked.
    ("制定或获取信息之日起十个工作日内", D(2025, 9, 26), D(2025, 10, 16)),
    # Spring Festival 2026: 2-15..2-23 off, 2-14 (Sat) and 2-28 (Sat) worked.
    ("分配结果确定后20个工作日内", D(2026, 2, 13), D(2026, 3, 19)),
    # No anchor event named: counted from the date given.
    ("20个工作日内", D(2024, 9, 27), D(2024, 10, 30)),
]


@pytest.mark.parametrize(("text", "anchor_date", "expected"), WORKDAY_CASES)
def test_working_day_periods(official_calendar, text, anchor_date, expected):
    due = due_on(parse_time_limit(text), anchor_date)
    assert due == expected
    assert not is_provisional(due)


def test_sub_rule_has_its_own_due_date(official_calendar):
    """双公示 across New Year 2026: 1-1..1-3 off, 1-4 (Sun) worked."""
    rule = parse_time_limit(
        "信息形成20个工作日内公开；其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示"
    )
    [(_, sub_rule)] = rule.sub_rules
    assert due_on(sub_rule, D(2025, 12, 30)) == D(2026, 1, 9)
    assert due_on(rule, D(2025, 12, 30)) == D(2026, 1, 28)


@pytest.mark.parametrize(
    ("text", "anchor_date", "expected"),
    [
        # 《预算法》第十四条's 二十日 are calendar days: the holiday is not skipped.
        ("本级人民代表大会或其常务委员会批准后20日内", D(2025, 1, 10), D(2025, 1, 30)),
        ("本级政府财政部门批复后二十日内", D(2024, 2, 20), D(2024, 3, 11)),
        ("信息形成之日起7天内", D(2024, 2, 26), D(2024, 3, 4)),
        # Calendar days need no calendar: into 2027 is fine.
        ("本级政府财政部门批复后20日内", D(2026, 12, 20), D(2027, 1, 9)),
    ],
)
def test_calendar_day_periods(text, anchor_date, expected):
    assert due_on(parse_time_limit(text), anchor_date) == expected


def test_a_notice_period_does_not_move_the_due_date(official_calendar):
    with_notice = parse_time_limit("制定或获取信息之日起10个工作日内，公示7个工作日")
    without = parse_time_limit("制定或获取信息之日起10个工作日内")
    assert due_on(with_notice, D(2025, 1, 24)) == due_on(without, D(2025, 1, 24))


def test_working_days_into_2027_fail_closed(official_calendar):
    rule = parse_time_limit("信息形成或者变更之日起20个工作日内")
    with pytest.raises(CalendarNotOfficial, match="2027"):
        due_on(rule, D(2026, 12, 20))


def test_working_days_into_2027_estimated_when_asked(official_calendar):
    rule = parse_time_limit("信息形成或者变更之日起20个工作日内")
    due = due_on(rule, D(2026, 12, 20), provisional=True)
    assert is_provisional(due)
    # Weekends only: 2027's New Year holiday is not known yet.
    assert due == D(2027, 1, 15)


def test_same_as_above_is_due_like_the_row_it_copies(official_calendar):
    previous = parse_time_limit("信息形成或者变更之日起20个工作日内")
    rule = parse_time_limit("同上", previous=previous)
    assert due_on(rule, D(2024, 9, 27)) == D(2024, 10, 30)


def test_realtime_is_due_the_same_day_even_on_a_holiday():
    assert due_on(parse_time_limit("实时"), D(2024, 10, 1)) == D(2024, 10, 1)


@pytest.mark.parametrize("text", ["及时公开", "长期", "按有关规定", "同上"])
def test_no_fixed_date(text):
    assert due_on(parse_time_limit(text), D(2024, 10, 1)) is None


@pytest.mark.parametrize(
    ("text", "anchor_date", "expected"),
    [
        ("每年3月31日前", D(2025, 2, 10), D(2025, 3, 31)),
        # The day itself is still in time.
        ("每年3月31日前", D(2025, 3, 31), D(2025, 3, 31)),
        ("每年3月31日前", D(2025, 4, 1), D(2026, 3, 31)),
        ("每年3月底前", D(2025, 12, 31), D(2026, 3, 31)),
        ("每年2月底前", D(2024, 1, 5), D(2024, 2, 29)),
        ("每年2月底前", D(2025, 1, 5), D(2025, 2, 28)),
        # 2月29日 in a year without one: 2月28日.
        ("每年2月29日前", D(2025, 1, 5), D(2025, 2, 28)),
        ("每年1月31日前", D(2026, 6, 1), D(2027, 1, 31)),
    ],
)
def test_yearly_dates(text, anchor_date, expected):
    assert due_on(parse_time_limit(text), anchor_date) == expected
