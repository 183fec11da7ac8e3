"""The city-wide report is the sum of the units' reports, cell by cell.

Tables 3 and 4 sum every unit's cases; entered figures sum only the reports an
approver has signed (a draft's figures may still change), and say how many.
"""

import datetime

import pytest

from gongkai.orgs.models import Unit
from gongkai.reports import document, services
from gongkai.reports.models import AnnualReport
from gongkai.reports.tests.conftest import case

pytestmark = pytest.mark.django_db
D = datetime.date


def test_city_equals_the_sum_of_units(complete_2025, tanzhou, xiaolan_editor, tanzhou_approver):
    xiaolan = Unit.objects.get(code="xiaolan")
    case(tanzhou, 1, "natural_person", D(2025, 3, 1), D(2025, 3, 20), "disclosed")
    case(tanzhou, 2, "business", D(2024, 11, 3))
    case(xiaolan, 3, "other_org", D(2025, 5, 1), D(2025, 5, 20), "not_processed.2")
    case(xiaolan, 4, "natural_person", D(2025, 12, 30), D(2026, 1, 6), "disclosed")
    other = services.start(xiaolan, 2025, actor=xiaolan_editor)
    services.enter_figures(other, {"licensing": ("405", "许可系统"), "fees": ("0.75", "财政")},
                           actor=xiaolan_editor)  # fmt: skip
    services.approve(complete_2025, actor=tanzhou_approver)
    units = Unit.objects.all()
    city = document.build_city(units, 2025)
    parts = [document.build(AnnualReport(unit=unit, year=2025)) for unit in units]
    parts[[u.code for u in units].index("tanzhou")] = document.build(complete_2025)
    parts[[u.code for u in units].index("xiaolan")] = document.build(other)
    for row, columns in city["table3"].items():
        for column, value in columns.items():
            assert value == sum(p["table3"][row][column] for p in parts), (row, column)
    for block, columns in city["table4"].items():
        for column, value in columns.items():
            assert value == sum(p["table4"][block][column] for p in parts)
    assert city["table2"]["licensing"] == {
        "decisions": 312,
        "source": "1个单位已审核报告的填报数合计",
    }  # fmt: skip (小榄镇's 405 is in a draft)
    assert city["table2"]["fees"]["amount_10k_yuan"] == "1.25"
    assert city["table3"]["new"]["total"] == 3 and city["checks"] == []
