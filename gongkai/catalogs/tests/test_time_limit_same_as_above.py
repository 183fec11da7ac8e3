"""“同上” takes the rule of the row above, and says so; with no row above it is unparsed."""

import dataclasses

import pytest

from gongkai.catalogs.time_limits import Kind, parse_time_limit

ABOVE = "制定或获取信息之日起10个工作日内，公示7个工作日"


@pytest.mark.parametrize("text", ["同上", "同上。", " 同 上 ", "同上；", "同\n上", "同上."])
def test_same_as_above_inherits_the_previous_rule(text):
    previous = parse_time_limit(ABOVE)
    rule = parse_time_limit(text, previous=previous)
    assert rule.inherited
    assert rule.text == text
    assert dataclasses.replace(rule, text=ABOVE, inherited=False) == previous
    assert rule.describe() == previous.describe()


def test_same_as_above_without_a_previous_row_is_unparsed():
    rule = parse_time_limit("同上")
    assert rule.kind == Kind.UNPARSED
    assert not rule.inherited
    assert rule.text == "同上"


def test_same_as_above_down_a_column_of_rows():
    """民众镇 义务教育 (DOMAIN.md §5.1): one wording, then 同上 five times."""
    column = ["信息形成或者变更之日起20个工作日内"] + ["同上"] * 5
    rules, previous = [], None
    for text in column:
        previous = parse_time_limit(text, previous=previous)
        rules.append(previous)
    assert [r.anchor for r in rules] == ["formed_or_changed"] * 6
    assert [r.inherited for r in rules] == [False] + [True] * 5
    assert [r.text for r in rules] == column


def test_same_as_above_an_unparsed_row_stays_unparsed():
    previous = parse_time_limit("按有关规定")
    rule = parse_time_limit("同上", previous=previous)
    assert rule.kind == Kind.UNPARSED
    assert rule.text == "同上"


def test_a_new_wording_ignores_the_previous_row():
    previous = parse_time_limit("长期")
    rule = parse_time_limit("实时", previous=previous)
    assert rule.kind == Kind.REALTIME
    assert not rule.inherited


@pytest.mark.parametrize("text", ["同上同上", "如上", "同上，公示7个工作日", "同上条"])
def test_near_misses_are_not_same_as_above(text):
    rule = parse_time_limit(text, previous=parse_time_limit("长期"))
    assert rule.kind == Kind.UNPARSED
    assert not rule.inherited
