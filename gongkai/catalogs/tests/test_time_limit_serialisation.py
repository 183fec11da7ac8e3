"""to_dict() / from_dict(): a rule survives the catalog item's JSONField unchanged."""

import dataclasses
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.catalogs.tests.test_time_limit_phrasings import PHRASINGS
from gongkai.catalogs.time_limits import (
    ANCHORS,
    MAX_AMOUNT,
    Kind,
    PeriodUnit,
    SubRule,
    TimeLimit,
    parse_time_limit,
)

WORDINGS = [text for text, _ in PHRASINGS]


def through_json(rule: TimeLimit) -> TimeLimit:
    return TimeLimit.from_dict(json.loads(json.dumps(rule.to_dict(), ensure_ascii=False)))


@given(text=st.sampled_from(WORDINGS), previous=st.sampled_from(WORDINGS))
def test_every_parsed_phrasing_round_trips(text, previous):
    rule = parse_time_limit(text, previous=parse_time_limit(previous))
    assert TimeLimit.from_dict(rule.to_dict()) == rule
    assert through_json(rule) == rule


amounts = st.integers(min_value=1, max_value=MAX_AMOUNT)
units = st.sampled_from(list(PeriodUnit))
periods = st.builds(
    TimeLimit,
    text=st.text(max_size=20),
    kind=st.just(Kind.PERIOD),
    anchor=st.none() | st.sampled_from(list(ANCHORS)),
    amount=amounts,
    unit=units,
)
specials = st.builds(
    TimeLimit,
    text=st.text(max_size=20),
    kind=st.sampled_from([Kind.REALTIME, Kind.PROMPT, Kind.STANDING, Kind.UNPARSED]),
)
yearlies = st.builds(
    TimeLimit,
    text=st.text(max_size=20),
    kind=st.just(Kind.YEARLY),
    month=st.integers(1, 12),
    day=st.none() | st.integers(1, 28),
)
sub_rules = st.lists(
    st.builds(
        SubRule,
        st.lists(st.text(min_size=1, max_size=6), min_size=1, max_size=3).map(tuple),
        periods,
    ),
    max_size=2,
).map(tuple)
notices = st.just({"notice_amount": None, "notice_unit": None}) | st.fixed_dictionaries(
    {"notice_amount": amounts, "notice_unit": units}
)
rules = st.builds(
    lambda rule, notice, **more: dataclasses.replace(rule, **notice, **more),
    st.one_of(periods, specials, yearlies),
    notices,
    sub_rules=sub_rules,
    defers_to_law=st.booleans(),
    inherited=st.booleans(),
)


@given(rules)
def test_any_rule_round_trips(rule):
    assert through_json(rule) == rule


def test_stored_form_is_plain_json_types():
    rule = parse_time_limit(
        "信息形成20个工作日内公开；其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示"
    )
    data = rule.to_dict()
    assert data["kind"] == "period"
    assert data["unit"] == "workday"
    assert data["sub_rules"][0]["matters"] == ["行政许可", "行政处罚"]
    assert data["sub_rules"][0]["rule"]["anchor"] == "decision_made"
    assert type(data["kind"]) is str


def test_rows_stored_before_a_field_existed_still_load():
    assert TimeLimit.from_dict({"text": "长期", "kind": "standing"}) == TimeLimit(
        text="长期", kind=Kind.STANDING
    )


@pytest.mark.parametrize(
    "data",
    [
        {"text": "x", "kind": "soon"},
        {"text": "x", "kind": "period", "anchor": "moon_phase", "amount": 1, "unit": "workday"},
        {"text": "x", "kind": "period", "amount": 1, "unit": "fortnight"},
        {"text": "x", "kind": "standing", "colour": "red"},
        # Rules that due_on() could not compute.
        {"text": "x", "kind": "period", "unit": "workday"},
        {"text": "x", "kind": "period", "amount": -3, "unit": "day"},
        {"text": "x", "kind": "yearly", "month": 13},
        {"text": "x", "kind": "realtime", "notice_amount": 7},
    ],
)
def test_stored_data_outside_the_vocabulary_is_refused(data):
    with pytest.raises(ValueError):
        TimeLimit.from_dict(data)
