"""Nonsense and tricky wording: unparsed with the text kept verbatim, never a guess, never an error."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.catalogs.time_limits import Kind, PeriodUnit, TimeLimit, parse_time_limit

UNPARSED = [
    "",
    "   ",
    "\n",
    "按规定",
    "按有关规定公开",
    "20",
    "二十",
    # “20日” alone may be the 20th of a month.
    "20日",
    # Numbers that are no time limit.
    "-20个工作日内",
    "0个工作日内",
    "零个工作日内",
    "99999个工作日内",
    "367日内",
    "1" * 5000 + "个工作日内",
    "一百个工作日内",
    "二五个工作日内",
    "十十个工作日内",
    # Units the rule does not count in.
    "信息形成之日起3个月内",
    "信息形成之日起1年内",
    # An anchor event outside the vocabulary.
    "项目竣工验收后20个工作日内",
    "信息20个工作日内",
    # Mixed text.
    "信息形成或者变更之日起20个工作日内，请关注政府网站",
    "请关注政府网站，20个工作日内",
    "20个工作日内或30日内",
    "信息形成之日起20个工作日内信息形成之日起20个工作日内",
    # Yearly wording that is ambiguous or impossible.
    "每年3月前",
    "每年13月底前",
    "每年2月30日前",
    "每年4月31日前",
    "每年0月1日前",
    # Not a special word.
    "即时",
    "永久",
    "长期有效",
    # Prose longer than any time limit.
    "信息形成之日起20个工作日内" * 30,
]


@pytest.mark.parametrize("text", UNPARSED)
def test_not_understood_is_unparsed_and_kept_verbatim(text):
    rule = parse_time_limit(text)
    assert rule == TimeLimit(text=text)
    assert not rule.is_parsed
    assert rule.describe() == text


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("20个工作日", PeriodUnit.WORKDAY),
        ("20个工作日内", PeriodUnit.WORKDAY),
        ("20日内", PeriodUnit.DAY),
    ],
)
def test_period_without_anchor_keeps_anchor_empty(text, unit):
    """The amount and unit are clear; the event is not filled in by guesswork."""
    rule = parse_time_limit(text)
    assert (rule.kind, rule.anchor, rule.amount, rule.unit) == (Kind.PERIOD, None, 20, unit)


@given(st.text(max_size=400))
def test_any_text_gives_a_rule_and_keeps_its_wording(text):
    rule = parse_time_limit(text)
    assert rule.text == text
    assert isinstance(rule.describe(), str)


# Fragments of real wordings, recombined into near misses.
PIECES = (
    "信息 形成 或者 变更 之日起 自 后 内 以内 20 ２０ 二十 十 个 工作日 日 天 ， 。 ； 其中 行政许可 、"
    " 作出行政决定 公示 7 公开 法律、法规另有规定的 从其规定 同上 实时 长期 每年 3月 底 前 - （ ）"
).split() + [" ", "\n"]


@given(st.lists(st.sampled_from(PIECES), max_size=25).map("".join))
def test_near_miss_wording_never_raises(text):
    rule = parse_time_limit(text, previous=parse_time_limit("长期"))
    assert rule.text == text
    assert isinstance(rule.describe(), str)
