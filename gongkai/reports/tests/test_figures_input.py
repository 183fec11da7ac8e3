"""Entered table-2 figures: bad input is named by field, and nothing changes (all or nothing)."""

import pytest
from django.urls import reverse

from gongkai.reports import services
from gongkai.reports.tests.conftest import FIGURES

pytestmark = pytest.mark.django_db

SOURCE = "业务系统 2026-01-06 导出"


def refused(report, editor, entries) -> list[str]:
    with pytest.raises(services.ReportRefused) as caught:
        services.enter_figures(report, entries, actor=editor)
    return caught.value.messages


@pytest.mark.parametrize(
    ("code", "raw", "message"),
    [
        ("licensing", "-3", "“行政许可 本年处理决定数量”:不能为负数"),
        ("penalty", "十二", "“行政处罚 本年处理决定数量”:“十二”不是数字"),
        ("enforcement", "2.5", "“行政强制 本年处理决定数量”:处理决定数量应为整数"),
        ("fees", "1.23456", "“行政事业性收费 本年收费金额(万元)”:最多保留4位小数(单位:万元)"),
        ("fees", "NaN", "“行政事业性收费 本年收费金额(万元)”:“NaN”不是数字"),
        ("fees", "1e12", "“行政事业性收费 本年收费金额(万元)”:数值过大,请确认单位为万元"),
    ],
)
def test_a_bad_value_is_named(draft_2025, tanzhou_editor, code, raw, message):
    assert refused(draft_2025, tanzhou_editor, {code: (raw, SOURCE)}) == [message]
    assert draft_2025.figures.count() == 0


def test_a_figure_needs_its_source(draft_2025, tanzhou_editor):
    assert refused(draft_2025, tanzhou_editor, {"licensing": ("12", " ")}) == [
        "“行政许可 本年处理决定数量”:请注明数据来源(如某业务系统某日导出)"
    ]


def test_one_bad_figure_keeps_the_good_ones_out_too(complete_2025, tanzhou_editor):
    before = sorted(complete_2025.figures.values_list("code", "value", "source"))
    messages = refused(
        complete_2025, tanzhou_editor, {"licensing": ("500", SOURCE), "penalty": ("-1", SOURCE)}
    )
    assert messages == ["“行政处罚 本年处理决定数量”:不能为负数"]
    assert sorted(complete_2025.figures.values_list("code", "value", "source")) == before


def test_thousands_separators_are_accepted(draft_2025, tanzhou_editor):
    services.enter_figures(draft_2025, {"licensing": ("1,234", SOURCE)}, actor=tanzhou_editor)
    assert draft_2025.figures.get().value == 1234


def test_the_form_shows_every_error_and_keeps_what_was_typed(client, draft_2025, tanzhou_editor):
    client.force_login(tanzhou_editor)
    response = client.post(
        reverse("reports:figures", args=["tanzhou", 2025]),
        {"licensing-value": "abc", "licensing-source": SOURCE, "penalty-value": "-2",
         "penalty-source": SOURCE, "fees-value": "", "fees-source": "财政分局"},
    )  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 400
    assert "“行政许可 本年处理决定数量”:“abc”不是数字" in page
    assert "“行政处罚 本年处理决定数量”:不能为负数" in page
    assert "“行政事业性收费 本年收费金额(万元)”:填写了数据来源但没有填数值" in page
    assert 'value="abc"' in page
    assert draft_2025.figures.count() == 0


def test_clearing_a_figure_removes_it(complete_2025, tanzhou_editor):
    services.enter_figures(complete_2025, {"fees": ("", "")}, actor=tanzhou_editor)
    assert set(complete_2025.figures.values_list("code", flat=True)) == set(FIGURES) - {"fees"}
