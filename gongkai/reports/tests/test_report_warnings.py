"""Warnings ask for a second look and never block: all zero, copied from last year, large swings."""

import datetime

import pytest

from gongkai.reports import document, services
from gongkai.reports.tests.conftest import FIGURES, TEXTS, case

pytestmark = pytest.mark.django_db


def test_an_all_zero_report_is_flagged(tanzhou, tanzhou_editor):
    report = services.start(tanzhou, 2025, actor=tanzhou_editor)
    zeros = {code: ("0", "业务系统查询") for code in FIGURES}
    services.enter_figures(report, zeros, actor=tanzhou_editor)
    assert "表二至表四全部为零,请核实是否漏统" in document.build(report)["warnings"]


def test_figures_and_text_identical_to_last_year_are_flagged(published_2024, complete_2025):
    warnings = document.build(complete_2025)["warnings"]
    assert "表二“行政许可 本年处理决定数量”与2024年度报告相同(312),请核实" in warnings
    assert "“五、存在的主要问题及改进情况”与2024年度报告一字不差,请按本年情况撰写" in warnings


def test_a_large_swing_is_flagged(published_2024, complete_2025, tanzhou, tanzhou_editor):
    services.enter_figures(
        complete_2025, {"licensing": ("40", "许可系统 2026-01-06 导出")}, actor=tanzhou_editor
    )
    for number in range(12):
        case(
            tanzhou,
            number,
            "natural_person",
            datetime.date(2025, 4, 1),
            datetime.date(2025, 4, 9),
            "disclosed",
        )
    warnings = document.build(complete_2025)["warnings"]
    assert "表二“行政许可 本年处理决定数量”由2024年的312变为40,变化较大,请核实" in warnings
    assert "表三“本年新收”总计由2024年的0变为12,变化较大,请核实" in warnings


def test_placeholders_carry_the_new_years_figures_into_the_copied_text(
    published_2024, tanzhou, tanzhou_editor
):
    case(
        tanzhou,
        1,
        "natural_person",
        datetime.date(2025, 4, 1),
        datetime.date(2025, 4, 9),
        "disclosed",
    )
    report = services.start(tanzhou, 2025, actor=tanzhou_editor)
    assert report.overview == TEXTS["overview"]
    rendered = document.build(report)["sections"]["overview"]
    assert rendered == "2025年,坦洲镇新收申请1件,办结1件。"
    assert published_2024.snapshot["sections"]["overview"] == "2024年,坦洲镇新收申请0件,办结0件。"
