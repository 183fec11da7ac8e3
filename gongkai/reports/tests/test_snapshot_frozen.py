"""A published report is a frozen snapshot: later changes to cases, figures or units never alter it.

After 坦洲镇 publishes its 2025 report, a late-registered 2025 case changes
the live tables but not the portal page, the JSON, the .docx or the command
line's output; the staff page says the live data now differ.
"""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from gongkai.reports import document, services
from gongkai.reports.tests.conftest import case

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(complete_2025, tanzhou_approver):
    report = complete_2025
    for step in (services.approve, services.submit, services.publish):
        report = step(report, actor=tanzhou_approver)
    return report


def cli_json() -> dict:
    out = io.StringIO()
    call_command("report", "annual", "--unit", "tanzhou", "--year", "2025", stdout=out)
    return json.loads(out.getvalue())


def test_later_cases_do_not_change_the_published_report(client, published, tanzhou):
    page_before = client.get(reverse("reports_portal:report", args=["tanzhou", 2025])).content
    json_before = cli_json()
    hash_before = published.snapshot_hash

    case(
        tanzhou, 99, "business", datetime.date(2025, 6, 1), datetime.date(2025, 6, 20), "disclosed"
    )
    tanzhou.name = "坦洲镇(更名测试)"
    tanzhou.save()

    assert document.build(published)["table3"]["new"]["total"] == 1  # live data moved
    published.refresh_from_db()
    assert published.snapshot_hash == hash_before
    assert document.digest(published.snapshot) == hash_before
    assert (
        client.get(reverse("reports_portal:report", args=["tanzhou", 2025])).content == page_before
    )
    assert cli_json() == json_before
    assert json_before["table3"]["new"]["total"] == 0


def test_the_staff_page_says_the_live_data_differ(client, published, tanzhou, tanzhou_editor):
    case(
        tanzhou, 99, "business", datetime.date(2025, 6, 1), datetime.date(2025, 6, 20), "disclosed"
    )
    client.force_login(tanzhou_editor)
    page = client.get(reverse("reports:report", args=["tanzhou", 2025])).content.decode()
    assert "定稿之后,平台上的案件或信息数据已有变化" in page


def test_a_published_report_cannot_move_again(published, tanzhou_approver, office_admin):
    for attempt in (
        lambda: services.withdraw_approval(published, actor=tanzhou_approver),
        lambda: services.return_report(published, actor=office_admin, opinion="退回"),
        lambda: services.publish(published, actor=tanzhou_approver),
    ):
        with pytest.raises(services.ReportRefused):
            attempt()
    published.refresh_from_db()
    assert published.status == "published"


def test_the_portal_answers_304_to_a_known_etag(client, published):
    address = reverse("reports_portal:report", args=["tanzhou", 2025])
    first = client.get(address)
    again = client.get(address, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert "no-cache" in first["Cache-Control"] and "public" in first["Cache-Control"]
