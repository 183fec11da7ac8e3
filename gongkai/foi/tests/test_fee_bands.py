"""The fee bands of 国办函〔2020〕109号: free up to 10 requests a month or 30 pages."""

import datetime
from decimal import Decimal

import pytest

from gongkai.foi import fees, services
from gongkai.foi.tests.conftest import register, zhang_wei


@pytest.mark.parametrize(
    ("nth", "yuan"),
    [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (51, 400)],
)
def test_per_request_fee_by_the_applicants_count_this_month(nth, yuan):
    assert fees.per_request_fee(nth) == Decimal(yuan)


@pytest.mark.parametrize(
    ("pages", "yuan"),
    [(1, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740)],
)
def test_per_page_fee_is_progressive_on_the_excess(pages, yuan):
    assert fees.per_page_fee(pages) == Decimal(yuan)


def test_the_count_is_per_applicant_and_calendar_month(official_calendar, tanzhou_handler):
    for day in (2, 3, 4):
        case = register(tanzhou_handler, datetime.date(2026, 3, day))
    other = register(
        tanzhou_handler,
        datetime.date(2026, 3, 5),
        zhang_wei(id_number="E12345678", id_type="passport"),
    )
    april = register(tanzhou_handler, datetime.date(2026, 4, 1))
    assert fees.nth_this_month(case) == 3
    assert fees.nth_this_month(april) == 1
    assert fees.nth_this_month(other) == 1


def test_the_fee_notice_form_suggests_the_per_request_fee(
    client, official_calendar, tanzhou_handler
):
    for day in range(2, 13):  # the 11th application of March is the first one charged
        case = register(tanzhou_handler, datetime.date(2026, 3, day))
    services.info_request_accept(info_request=case, actor=tanzhou_handler)
    client.force_login(tanzhou_handler)

    html = client.get(f"/staff/foi/{case.pk}/").content.decode()

    assert "本申请为该申请人本月第11件,按件计收参考金额100元" in html
