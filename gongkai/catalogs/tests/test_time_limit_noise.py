"""Real-world noise in pasted catalogs does not change the rule read."""

import pytest

from gongkai.catalogs.time_limits import Kind, PeriodUnit, parse_time_limit

WORKDAY, DAY = PeriodUnit.WORKDAY, PeriodUnit.DAY

# (noisy wording, anchor, amount, unit)
NOISY = [
    # Full-width digits, punctuation and parentheses.
    ("信息形成或者变更之日起２０个工作日内", "formed_or_changed", 20, WORKDAY),
    ("信息形成（变更）之日起20个工作日内", "formed_or_changed", 20, WORKDAY),
    ("信息形成或者变更之日起20个工作日内。", "formed_or_changed", 20, WORKDAY),
    ("信息形成或者变更之日起20个工作日内；", "formed_or_changed", 20, WORKDAY),
    # Spaces, an ideographic space, line breaks, a zero-width space from Word.
    ("信息形成或者变更之日起 20 个工作日内", "formed_or_changed", 20, WORKDAY),
    ("\u3000信息形成或者变更之日起20个工作日内 ", "formed_or_changed", 20, WORKDAY),
    ("信息形成或者变更\n之日起20个\r\n工作日内", "formed_or_changed", 20, WORKDAY),
    ("信息形成或者变更之日起\u200b20个工作日内", "formed_or_changed", 20, WORKDAY),
    # 或者 / 或 / 、
    ("信息形成或变更之日起20个工作日内", "formed_or_changed", 20, WORKDAY),
    ("信息形成、变更之日起20个工作日内", "formed_or_changed", 20, WORKDAY),
    ("制定或者获取信息之日起10个工作日内", "made_or_obtained", 10, WORKDAY),
    # 自 / 从 … 起, 之日起 / 之日 / 后, and a comma after 起.
    ("从信息形成之日起20个工作日内", "formed", 20, WORKDAY),
    ("自信息形成起20个工作日内", "formed", 20, WORKDAY),
    ("信息形成后20个工作日内", "formed", 20, WORKDAY),
    ("自信息形成之日起，20个工作日内", "formed", 20, WORKDAY),
    # 以内 / 内 / 之内, and the endings.
    ("信息形成或变更之日起20个工作日以内", "formed_or_changed", 20, WORKDAY),
    ("信息形成或变更之日起20个工作日之内", "formed_or_changed", 20, WORKDAY),
    ("信息形成或变更之日起20个工作日内公示", "formed_or_changed", 20, WORKDAY),
    ("信息形成或变更之日起20个工作日内主动公开", "formed_or_changed", 20, WORKDAY),
    ("信息形成或变更之日起20个工作日内向社会公开", "formed_or_changed", 20, WORKDAY),
    ("应在信息形成之日起20个工作日内公开", "formed", 20, WORKDAY),
    # Chinese numerals.
    ("信息形成或者变更之日起二十个工作日内", "formed_or_changed", 20, WORKDAY),
    ("制定或获取信息之日起十个工作日内", "made_or_obtained", 10, WORKDAY),
    ("信息形成之日起十五个工作日内", "formed", 15, WORKDAY),
    ("自作出行政决定之日起七个工作日内", "decision_made", 7, WORKDAY),
    ("自作出行政决定之日起两个工作日内", "decision_made", 2, WORKDAY),
    ("信息形成之日起二十五日内", "formed", 25, DAY),
    # Calendar days: 日, 天, 自然日.
    ("信息形成之日起20天内", "formed", 20, DAY),
    ("信息形成之日起30个自然日内", "formed", 30, DAY),
    # Shortened names of the approving bodies.
    ("本级人大或其常委会批准后二十日内", "approved", 20, DAY),
    ("经本级人民代表大会批准后20日内", "approved", 20, DAY),
    ("本级人民代表大会或者本级人民代表大会常务委员会批准后20日内", "approved", 20, DAY),
    ("财政部门批复后20日内", "budget_approved", 20, DAY),
    ("自作出行政许可决定之日起7个工作日内", "decision_made", 7, WORKDAY),
]


@pytest.mark.parametrize(("text", "anchor", "amount", "unit"), NOISY, ids=[n[0] for n in NOISY])
def test_noise_does_not_change_the_rule(text, anchor, amount, unit):
    rule = parse_time_limit(text)
    assert (rule.kind, rule.anchor, rule.amount, rule.unit) == (Kind.PERIOD, anchor, amount, unit)
    assert rule.text == text


def test_full_width_notice_period_and_proviso():
    rule = parse_time_limit(
        "制定或获取信息之日起１０个工作日内，公示期为７天；法律法规另有规定的除外。"
    )
    assert (rule.anchor, rule.amount, rule.unit) == ("made_or_obtained", 10, WORKDAY)
    assert (rule.notice_amount, rule.notice_unit) == (7, DAY)
    assert rule.defers_to_law


@pytest.mark.parametrize("text", ["实时", "实时公开", " 实时更新 ", "应及时公开。", "长期公开"])
def test_special_words_with_endings(text):
    assert parse_time_limit(text).is_parsed
