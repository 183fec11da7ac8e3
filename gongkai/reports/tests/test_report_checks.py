"""Each check that blocks approval fails on purpose, named, and the report stays a draft.

The format's cross-checks (tables tampered with directly, since computed
tables always hold), missing figures, an unexplained difference from last
year's published carried-out figures, bad placeholders and unwritten text.
"""

import copy
import datetime

import pytest

from gongkai.reports import annual, document, services
from gongkai.reports.tests.conftest import case

pytestmark = pytest.mark.django_db


@pytest.fixture
def tables(tanzhou):
    case(
        tanzhou,
        1,
        "natural_person",
        datetime.date(2025, 3, 1),
        datetime.date(2025, 3, 20),
        "disclosed",
    )
    case(tanzhou, 2, "business", datetime.date(2025, 5, 1))
    return annual.annual_tables(units=[tanzhou], year=2025)


def test_computed_tables_pass_every_cross_check(tables):
    assert tables["checks"] == []


def test_column_balance_fails(tables):
    t3 = copy.deepcopy(tables["table3"])
    t3["new"]["business"] += 1
    t3["new"]["total"] += 1
    assert "表三“商业企业”列:本年新收+上年结转 ≠ 办理结果总计+结转下年度" in annual.checks(
        t3, tables["table4"]
    )


def test_outcome_sum_fails(tables):
    t3 = copy.deepcopy(tables["table3"])
    t3["disclosed"]["natural_person"] += 1
    t3["disclosed"]["total"] += 1
    t3["carried_out"]["natural_person"] -= 1
    t3["carried_out"]["total"] -= 1
    failures = annual.checks(t3, tables["table4"])
    assert "表三“自然人”列:总计 ≠ 各办理结果之和" in failures


def test_row_sum_fails(tables):
    t3 = copy.deepcopy(tables["table3"])
    t3["new"]["total"] += 1
    assert "表三“new”行:总计 ≠ 各类申请人之和" in annual.checks(t3, tables["table4"])


def test_table4_block_sum_fails(tables):
    t4 = copy.deepcopy(tables["table4"])
    t4["review"]["total"] = 3
    assert "表四“行政复议”:总计 ≠ 各结果之和" in annual.checks(tables["table3"], t4)


def test_missing_figures_are_named_and_block_approval(draft_2025, tanzhou_approver):
    with pytest.raises(services.ReportRefused) as refused:
        services.approve(draft_2025, actor=tanzhou_approver)
    assert "表二“行政强制 本年处理决定数量”未填报" in refused.value.messages
    assert "表二“行政事业性收费 本年收费金额(万元)”未填报" in refused.value.messages
    draft_2025.refresh_from_db()
    assert draft_2025.status == "draft"


def test_carried_in_differing_from_last_years_report_needs_an_explanation(
    published_2024, complete_2025, tanzhou, tanzhou_editor, tanzhou_approver
):
    # A 2024 case registered after the 2024 report was published: 2025 carries it in.
    case(tanzhou, 7, "research", datetime.date(2024, 12, 30))
    failures = document.build(complete_2025)["checks"]
    assert failures == [
        "表三“上年结转”与2024年度已发布报告的“结转下年度继续办理”不一致"
        "(科研机构:本年报告1件,上年报告0件;总计:本年报告1件,上年报告0件),请书面说明原因"
    ]
    with pytest.raises(services.ReportRefused):
        services.approve(complete_2025, actor=tanzhou_approver)
    services.save_text(
        complete_2025, actor=tanzhou_editor,
        carried_in_explanation="该申请于2024年12月30日邮寄送达,2025年1月补登记。",
    )  # fmt: skip
    report = services.approve(complete_2025, actor=tanzhou_approver)
    assert report.snapshot["carried_in"]["explanation"].startswith("该申请于2024年12月30日")


def test_a_bad_placeholder_is_refused_on_save(draft_2025, tanzhou_editor):
    with pytest.raises(services.ReportRefused) as refused:
        services.save_text(draft_2025, actor=tanzhou_editor, overview="新收{新收数}件,{年度:%Y}")
    assert "{新收数}" in refused.value.messages[0] and "{年度:%Y}" in refused.value.messages[0]
    draft_2025.refresh_from_db()
    assert "{新收数}" not in draft_2025.overview


def test_unwritten_sections_block(tanzhou, tanzhou_editor):
    report = services.start(tanzhou, 2025, actor=tanzhou_editor)
    services.save_text(report, actor=tanzhou_editor, other_matters="")
    failures = document.build(report)["checks"]
    assert "“六、其他需要报告的事项”尚未填写" in failures
    assert "“五、存在的主要问题及改进情况”仍有“(请填写)”处未写" in failures
