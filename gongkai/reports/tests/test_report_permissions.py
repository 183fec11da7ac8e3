"""Who sees and acts on a report. A denial is a 404 like a missing report, and changes nothing.

- 李婉婷 (小榄镇) sees nothing of 坦洲镇's report.
- 黎秀芳 (公开办) sees 坦洲镇's state on the board but not its draft; she sees a
  submitted report and may return it with an opinion, never approve or publish.
- 陈晓文 (editor) writes but cannot approve, submit or publish.
"""

import pytest
from django.urls import reverse

from gongkai.reports import services

pytestmark = pytest.mark.django_db

PAGES = ["report", "text", "figures"]
STEPS = ["approve", "withdraw", "submit", "publish", "return"]


def login(client, user):
    client.force_login(user)


def url(name, year=2025):
    return reverse(f"reports:{name}", kwargs={"unit_code": "tanzhou", "year": year})


def state(report):
    report.refresh_from_db()
    return report.status, report.snapshot_hash, report.figures.count(), report.overview


def test_another_units_staff_get_404_and_change_nothing(client, complete_2025, xiaolan_editor):
    login(client, xiaolan_editor)
    before = state(complete_2025)
    missing = [client.get(url(page, year=2019)).status_code for page in PAGES]
    assert missing == [404, 404, 404]
    assert [client.get(url(page)).status_code for page in PAGES] == missing
    assert [client.post(url(step)).status_code for step in STEPS] == [404] * len(STEPS)
    assert client.post(url("text"), {"overview": "改写"}).status_code == 404
    cell = reverse("reports:cell", args=["tanzhou", 2025, "table3", "new", "total"])
    assert client.get(cell).status_code == 404
    assert client.get(reverse("reports:export", args=["tanzhou", 2025, "json"])).status_code == 404
    assert state(complete_2025) == before


def test_the_office_sees_a_draft_only_as_its_state(client, complete_2025, office_admin):
    login(client, office_admin)
    assert client.get(url("report")).status_code == 404
    board = client.get(reverse("reports:board") + "?year=2025").content.decode()
    assert "坦洲镇" in board and "草稿" in board


def test_the_office_returns_a_submitted_report_with_an_opinion(
    client, complete_2025, office_admin, tanzhou_approver
):
    services.approve(complete_2025, actor=tanzhou_approver)
    services.submit(complete_2025, actor=tanzhou_approver)
    login(client, office_admin)
    assert client.get(url("report")).status_code == 200
    assert client.post(url("publish")).status_code == 404
    before = state(complete_2025)
    client.post(url("return"), {"note": "  "})
    assert state(complete_2025) == before  # an opinion is required
    client.post(url("return"), {"note": "第五部分问题分析不具体,请补充"})
    complete_2025.refresh_from_db()
    assert complete_2025.status == "draft"
    assert complete_2025.events.last().actor == office_admin


def test_the_editor_cannot_take_the_approvers_steps(client, complete_2025, tanzhou_editor):
    login(client, tanzhou_editor)
    before = state(complete_2025)
    assert [client.post(url(step)).status_code for step in STEPS] == [404] * len(STEPS)
    assert state(complete_2025) == before


def test_nobody_edits_a_frozen_report(client, complete_2025, tanzhou_approver, tanzhou_editor):
    services.approve(complete_2025, actor=tanzhou_approver)
    login(client, tanzhou_editor)
    before = state(complete_2025)
    assert client.get(url("text")).status_code == 404
    assert (
        client.post(url("figures"), {"licensing-value": "1", "licensing-source": "x"}).status_code
        == 404
    )
    assert state(complete_2025) == before
    with pytest.raises(services.ReportRefused):
        services.save_text(complete_2025, actor=tanzhou_editor, overview="改写")


def test_the_public_never_reaches_an_unpublished_report(client, complete_2025):
    assert client.get(reverse("reports_portal:report", args=["tanzhou", 2025])).status_code == 404
    assert client.get(url("report")).status_code == 302  # to the sign-in page
