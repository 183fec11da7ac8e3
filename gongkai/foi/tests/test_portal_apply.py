"""The public applies on the portal: explanation, units, "先查一查", and the code shown once."""

import datetime
import re
from dataclasses import asdict

import pytest
from django.utils import timezone

from gongkai.foi import services
from gongkai.foi.models import InfoRequest
from gongkai.foi.tests.conftest import zhang_wei
from gongkai.orgs.models import Unit
from gongkai.records.models import Record


def form_data(data=None, unit="tanzhou", **extra):
    return {"unit": unit, **asdict(data or zhang_wei()), **extra}


def published_record(title, *, status=Record.Status.PUBLISHED, n=1):
    return Record.objects.create(
        unit=Unit.objects.get(code="tanzhou"),
        index_number=f"TZ-2026-{n:04d}",
        title=title,
        status=status,
        disclosure=Record.Disclosure.PROACTIVE,
        published_at=timezone.now(),
    )


def test_the_page_explains_the_rules_and_offers_only_units_that_take_applications(
    client, zhongshan
):
    page = client.get("/yisqgk/").content.decode()

    assert "20个工作日" in page and "第二十九条" in page and "第三十一条" in page
    assert "双方确认之日" in page
    assert 'value="tanzhou"' in page and 'value="education"' in page
    # Public institutions (第五十五条) and merged units take no applications here.
    assert 'value="power-supply"' not in page


def test_a_merged_unit_is_not_offered(client, zhongshan):
    Unit.objects.filter(code="cuiheng").update(
        valid_to=timezone.localdate() - datetime.timedelta(days=1),
        successor=Unit.objects.get(code="tanzhou"),
    )
    assert 'value="cuiheng"' not in client.get("/yisqgk/").content.decode()


def test_a_valid_application_is_stored_and_the_code_shown_once_never_in_a_url(client, zhongshan):
    response = client.post("/yisqgk/", form_data(), REMOTE_ADDR="203.0.113.7")

    assert response.status_code == 302 and response["Location"] == "/yisqgk/done/"
    case = InfoRequest.objects.get()
    assert (case.unit.code, case.source, case.channel) == ("tanzhou", "portal", "online")
    assert case.status == "received" and case.received_on is None  # 第三十一条: confirmed later
    assert case.client_ip == "203.0.113.7"
    done = client.get("/yisqgk/done/")
    page = done.content.decode()
    code = re.search(r'id="query-code">([A-Z0-9]+)<', page).group(1)
    assert case.tracking_number in page and "只在本页显示这一次" in page
    assert services.query_code_matches(case, code)
    assert "no-store" in done["Cache-Control"]
    again = client.get("/yisqgk/done/").content.decode()
    assert code not in again and case.tracking_number not in again
    assert "只显示一次" in again


def test_look_first_lists_published_titles_sharing_a_chunk_of_the_query(client, zhongshan):
    published_record("坦洲镇2025年农村危房改造补助资金发放情况公示", n=1)
    published_record("坦洲镇农村危房改造补助草稿", status=Record.Status.DRAFT, n=2)
    published_record("坦洲镇2026年秋季义务教育招生计划", n=3)

    page = client.get("/yisqgk/", {"q": "农村危房改造补助"}).content.decode()

    assert "坦洲镇2025年农村危房改造补助资金发放情况公示" in page
    assert "补助草稿" not in page  # not published
    assert "招生计划" not in page


def test_matching_records_are_shown_before_anything_is_stored_then_confirm_submits(
    client, zhongshan
):
    record = published_record("坦洲镇2025年农村危房改造补助资金发放情况公示")

    first = client.post("/yisqgk/", form_data())

    assert first.status_code == 200
    assert f"/xxgk/{record.pk}/" in first.content.decode()
    assert "仍然提交申请" in first.content.decode()
    assert not InfoRequest.objects.exists()
    confirmed = client.post("/yisqgk/", form_data(confirmed="1"))
    assert confirmed.status_code == 302
    assert InfoRequest.objects.count() == 1


@pytest.mark.parametrize("unit", ["education", "city-office"])
def test_departments_and_the_city_government_take_applications(client, zhongshan, unit):
    assert client.post("/yisqgk/", form_data(unit=unit)).status_code == 302
    assert InfoRequest.objects.get().unit.code == unit
