"""Table 3 and table 4 against a hand-counted fixture, and the format's cross-checks.

坦洲镇 in 2025 (each case's place in the table is written beside it):
- a 2024 case of a citizen replied in January 2025: carried in, 予以公开;
- a 2024 case replied in 2024: not in 2025 at all;
- a company's March case refused to protect a third party: new, 不予公开/4;
- a research institute's 25 December case replied on 8 January 2026: new, carried out;
- a law firm's June case still open: new, carried out;
- a nonprofit's October 2024 case still open: carried in, carried out;
- a case received in January 2026: not in 2025.
小榄镇 has one 2025 case of another organisation, 不予处理/重复申请 (city only).
"""

import datetime

import pytest
from django.core.management import call_command

from gongkai.foi.models import Appeal
from gongkai.orgs.models import Unit
from gongkai.reports.annual import annual_tables, checks
from gongkai.reports.tests.conftest import case

D = datetime.date


@pytest.fixture
def cases(zhongshan):
    tanzhou, xiaolan = Unit.objects.get(code="tanzhou"), Unit.objects.get(code="xiaolan")
    made = {
        "carried_in_replied": case(tanzhou, 1, "natural_person", D(2024, 12, 20), D(2025, 1, 10), "disclosed"),
        "done_2024": case(tanzhou, 2, "natural_person", D(2024, 11, 1), D(2024, 11, 20), "disclosed"),
        "refused": case(tanzhou, 3, "business", D(2025, 3, 1), D(2025, 3, 20), "refused.4"),
        "over_new_year": case(tanzhou, 4, "research", D(2025, 12, 25), D(2026, 1, 8), "other.3"),
        "open": case(tanzhou, 5, "legal_service", D(2025, 6, 1)),
        "open_since_2024": case(tanzhou, 6, "nonprofit", D(2024, 10, 1)),
        "next_year": case(tanzhou, 7, "natural_person", D(2026, 1, 5)),
        "xiaolan": case(xiaolan, 8, "other_org", D(2025, 2, 1), D(2025, 2, 10), "not_processed.2"),
    }  # fmt: skip
    Appeal.objects.create(
        info_request=made["refused"], kind="review", filed_on=D(2025, 5, 6),
        result="corrected", decided_on=D(2025, 8, 1),
    )  # fmt: skip
    # Decided only in 2026: still 尚未审结 in the 2025 report.
    Appeal.objects.create(
        info_request=made["refused"], kind="litigation_after_review", filed_on=D(2025, 11, 3),
        result="upheld", decided_on=D(2026, 2, 1),
    )  # fmt: skip
    return made


def test_table3_counts_each_case_in_its_rows(cases):
    t3 = annual_tables(units=Unit.objects.filter(code="tanzhou"), year=2025)["table3"]
    nonzero = {
        (row, column): value
        for row, values in t3.items()
        for column, value in values.items()
        if value and column != "total"
    }
    assert nonzero == {
        ("new", "business"): 1, ("new", "research"): 1, ("new", "legal_service"): 1,
        ("carried_in", "natural_person"): 1, ("carried_in", "nonprofit"): 1,
        ("disclosed", "natural_person"): 1, ("refused.4", "business"): 1,
        ("total", "natural_person"): 1, ("total", "business"): 1,
        ("carried_out", "research"): 1, ("carried_out", "legal_service"): 1,
        ("carried_out", "nonprofit"): 1,
    }  # fmt: skip
    assert [t3[row]["total"] for row in ("new", "carried_in", "total", "carried_out")] == [
        3,
        2,
        2,
        3,
    ]


def test_the_replied_day_not_the_received_year_decides_the_row(cases):
    t3_2026 = annual_tables(units=Unit.objects.filter(code="tanzhou"), year=2026)["table3"]
    assert t3_2026["carried_in"]["total"] == 3  # the three still open at the end of 2025
    assert t3_2026["other.3"]["research"] == 1
    assert t3_2026["new"]["natural_person"] == 1


def test_table4_counts_appeals_filed_in_the_year_by_result_at_its_end(cases):
    t4 = annual_tables(units=Unit.objects.filter(code="tanzhou"), year=2025)["table4"]
    assert t4["review"] == {"upheld": 0, "corrected": 1, "other": 0, "pending": 0, "total": 1}
    assert t4["litigation_after_review"]["pending"] == 1
    assert t4["litigation_direct"]["total"] == 0


def test_every_cross_check_holds_and_each_fails_when_broken(cases):
    report = annual_tables(units=Unit.objects.filter(code="tanzhou"), year=2025)
    assert report["checks"] == []
    t3, t4 = report["table3"], report["table4"]
    t3["new"]["business"] += 1  # column balance and the row's total both break
    t4["review"]["upheld"] += 1
    failures = checks(t3, t4)
    assert "表三“商业企业”列:本年新收+上年结转 ≠ 办理结果总计+结转下年度" in failures
    assert "表三“new”行:总计 ≠ 各类申请人之和" in failures
    assert "表四“行政复议”:总计 ≠ 各结果之和" in failures


def test_the_city_is_the_sum_of_its_units(cases):
    city = annual_tables(units=Unit.objects.all(), year=2025)["table3"]
    tanzhou = annual_tables(units=Unit.objects.filter(code="tanzhou"), year=2025)["table3"]
    xiaolan = annual_tables(units=Unit.objects.filter(code="xiaolan"), year=2025)["table3"]
    for row in city:
        for column in city[row]:
            assert city[row][column] == tanzhou[row][column] + xiaolan[row][column]
    assert city["not_processed.2"]["other_org"] == 1


def test_the_command_prints_json_and_refuses_a_future_year(cases, capsys):
    call_command("report", "annual", "--unit", "坦洲镇", "--year", "2025")
    out = capsys.readouterr().out
    assert '"name": "坦洲镇"' in out and '"table3"' in out and '"carried_out"' in out
    with pytest.raises(Exception) as refused:
        call_command("report", "annual", "--unit", "坦洲镇", "--year", "2099")
    assert "尚未到来" in str(refused.value)
    with pytest.raises(Exception) as unknown:
        call_command("report", "annual", "--unit", "不存在镇", "--year", "2025")
    assert "未知单位" in str(unknown.value)
