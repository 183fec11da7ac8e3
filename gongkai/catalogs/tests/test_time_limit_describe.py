"""describe(): a short Chinese rendering of the rule, which reads back as the same rule."""

import dataclasses

import pytest

from gongkai.catalogs.tests.test_time_limit_phrasings import PHRASINGS
from gongkai.catalogs.time_limits import parse_time_limit

DESCRIPTIONS = [
    ("自信息形成或者变更之日起２０个工作日内予以公开", "信息形成或变更之日起20个工作日内"),
    ("信息形成之日起二十个工作日内", "信息形成之日起20个工作日内"),
    (
        "制定或获取信息之日起10个工作日内，公示7个工作日",
        "制定或获取信息之日起10个工作日内，公示7个工作日",
    ),
    ("本级人大或其常委会批准后二十日内", "本级人民代表大会或其常务委员会批准后20日内"),
    ("本级政府财政部门批复后20日内", "本级政府财政部门批复后20日内"),
    ("分配结果确定后20个工作日内", "分配结果确定后20个工作日内"),
    ("20个工作日", "20个工作日内"),
    ("实时公开", "实时"),
    ("及时公开", "及时"),
    ("长期", "长期"),
    ("每年3月31日前", "每年3月31日前"),
    ("每年三月底前公开", "每年3月底前"),
    (
        "信息形成或者变更之日起20个工作日内。法律、法规对政府信息公开的期限另有规定的，从其规定。",
        "信息形成或变更之日起20个工作日内；法律、法规另有规定的，从其规定",
    ),
    (
        "信息形成20个工作日内公开；其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示",
        "信息形成之日起20个工作日内；其中行政许可、行政处罚事项自作出行政决定之日起7个工作日内",
    ),
    # Unparsed wording is shown as written.
    ("按有关规定", "按有关规定"),
    (" 待定 ", " 待定 "),
]


@pytest.mark.parametrize(("text", "description"), DESCRIPTIONS)
def test_describe(text, description):
    assert parse_time_limit(text).describe() == description


def test_is_parsed():
    assert parse_time_limit("长期").is_parsed
    assert not parse_time_limit("按有关规定").is_parsed


def test_same_as_above_is_described_as_the_rule_it_inherits():
    previous = parse_time_limit("分配结果确定后20个工作日内")
    assert parse_time_limit("同上", previous=previous).describe() == "分配结果确定后20个工作日内"


@pytest.mark.parametrize("text", [p[0] for p in PHRASINGS if p[0] != "同上"])
def test_description_reads_back_as_the_same_rule(text):
    """What the portal shows is itself a wording the parser accepts, with the same meaning."""
    rule = parse_time_limit(text)
    again = parse_time_limit(rule.describe())
    assert _without_text(again) == _without_text(rule)


def _without_text(rule):
    return dataclasses.replace(
        rule,
        text="",
        sub_rules=tuple((matters, _without_text(sub)) for matters, sub in rule.sub_rules),
    )
