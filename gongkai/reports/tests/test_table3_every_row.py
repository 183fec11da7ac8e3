"""Every one of the 21 outcome rows and every applicant kind, counted by hand.

坦洲镇 replies in 2025 to one case per outcome, the applicant kinds taken in
turn (row n goes to kind n mod 6); two more cases per kind stay open at the
year's end, one received in 2024 (carried in and out) and one in 2025 (new).
"""

import datetime

import pytest

from gongkai.foi.models import ApplicantKind, Outcome
from gongkai.reports import annual
from gongkai.reports.tests.conftest import case

pytestmark = pytest.mark.django_db
D = datetime.date
KINDS = list(ApplicantKind.values)


def test_each_outcome_row_and_each_kind(tanzhou):
    number = 0
    for index, outcome in enumerate(Outcome.values):
        number += 1
        case(tanzhou, number, KINDS[index % 6], D(2025, 2, 3), D(2025, 3, 3), outcome)
    for kind in KINDS:
        number += 1
        case(tanzhou, number, kind, D(2024, 10, 8))
        number += 1
        case(tanzhou, number, kind, D(2025, 11, 20))
    t3 = annual.table3(tanzhou.info_requests.all(), 2025)

    for index, outcome in enumerate(Outcome.values):
        expected = dict.fromkeys(annual.COLUMNS, 0) | {KINDS[index % 6]: 1, "total": 1}
        assert t3[outcome] == expected, outcome
    # 21 outcomes over 6 kinds: the first three kinds got 4 replies, the others 3.
    replied = {kind: 4 if i < 3 else 3 for i, kind in enumerate(KINDS)}
    assert t3["total"] == replied | {"total": 21}
    assert t3["new"] == {kind: replied[kind] + 1 for kind in KINDS} | {"total": 27}
    assert t3["carried_in"] == dict.fromkeys(KINDS, 1) | {"total": 6}
    assert t3["carried_out"] == dict.fromkeys(KINDS, 2) | {"total": 12}
    assert annual.checks(t3, annual.table4(tanzhou.info_requests.all(), 2025)) == []
