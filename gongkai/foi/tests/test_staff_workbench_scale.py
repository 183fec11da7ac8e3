"""The workbench stays one page of 50 and a fixed number of queries, at 10,000 open cases.

Pauses come prefetched by `selectors.workbench`, the identity rule is asked per
unit, not per row, so the count of queries does not grow with the cases shown.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.foi.models import InfoRequest, Pause
from gongkai.orgs.models import Unit

D = datetime.date
MAX_QUERIES = 16


def _bulk_cases(unit, n: int) -> None:
    """n open cases of `unit`, every third with a consultation still open (fast: no services)."""
    cases = []
    for i in range(n):
        received = D(2026, 1, 5) + datetime.timedelta(days=i % 300)
        number = f"2026-{unit.code[:3].upper()}{i:06d}"
        cases.append(
            InfoRequest(
                unit=unit,
                tracking_number=number,
                ledger_no=number,
                channel="email",
                received_on=received,
                due_on=received + datetime.timedelta(days=28),
                status="in_progress" if i % 2 else "registered",
                applicant_kind="natural_person",
                applicant_name=f"申请人{i}",
                id_type="resident_id",
                phone="13800138000",
                description=f"第{i}件申请的内容",
            )
        )
    InfoRequest.objects.bulk_create(cases, batch_size=2000)
    ids = InfoRequest.objects.filter(unit=unit).values_list("pk", "received_on")
    Pause.objects.bulk_create(
        [
            Pause(info_request_id=pk, kind="third_party", party="某公司", started_on=received)
            for index, (pk, received) in enumerate(ids)
            if index % 3 == 0
        ],
        batch_size=2000,
    )


def _queries(client, url: str) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


@pytest.fixture
def two_units(zhongshan):
    return Unit.objects.get(code="tanzhou"), Unit.objects.get(code="xiaolan")


def test_the_query_count_does_not_grow_with_the_cases_on_the_page(
    client, official_calendar, office_admin, two_units, django_assert_max_num_queries
):
    tanzhou, xiaolan = two_units
    _bulk_cases(tanzhou, 3)
    client.force_login(office_admin)
    client.get("/staff/foi/")  # warm the session and the working-day index
    few, _response = _queries(client, "/staff/foi/")

    _bulk_cases(xiaolan, 120)
    with django_assert_max_num_queries(MAX_QUERIES):
        many, response = _queries(client, "/staff/foi/")

    assert len(response.context["rows"]) == 50
    assert many == few
    assert "计时暂停" in response.content.decode()


def test_ten_thousand_cases_are_paged_by_50_without_per_row_queries(
    client, official_calendar, tanzhou_handler, two_units, django_assert_max_num_queries
):
    tanzhou, _xiaolan = two_units
    _bulk_cases(tanzhou, 10_000)
    client.force_login(tanzhou_handler)
    client.get("/staff/foi/")

    with django_assert_max_num_queries(MAX_QUERIES):
        first = client.get("/staff/foi/")
    with django_assert_max_num_queries(MAX_QUERIES):
        last = client.get("/staff/foi/?page=200")

    assert first.context["page"].paginator.count == 10_000
    assert len(first.context["rows"]) == 50
    assert len(last.context["rows"]) == 50
    due = [row.case.due_on for row, _name, _label in first.context["rows"]]
    assert due == sorted(due)
    assert due[-1] <= last.context["rows"][0][0].case.due_on
    assert 'rel="next"' in first.content.decode()
    assert 'rel="prev"' in last.content.decode()
