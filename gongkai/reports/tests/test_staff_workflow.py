"""坦洲镇 compiles, approves, submits and publishes its 2025 report through the staff pages.

陈晓文 (editor) starts it and writes it; 梁志强 (approver) cannot approve while a
check fails, then approves, submits and publishes; the portal shows the
published report. Every step leaves an event with its actor and an audit event.
"""

import pytest
from django.urls import reverse

from gongkai.core.models import AuditEvent
from gongkai.reports.models import AnnualReport
from gongkai.reports.tests.conftest import FIGURES, TEXTS

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


def url(name, **kwargs):
    return reverse(f"reports:{name}", kwargs={"unit_code": "tanzhou", "year": 2025} | kwargs)


def test_the_editor_starts_writes_and_enters_figures(client, tanzhou, tanzhou_editor):
    login(client, tanzhou_editor)
    response = client.post(reverse("reports:start", args=["tanzhou"]), {"year": "2025"})
    assert response.status_code == 302
    report = AnnualReport.objects.get(unit=tanzhou, year=2025)
    # No earlier report: the starting text of the data file, with its (请填写) marks.
    assert "(请填写)" in report.problems
    page = client.get(url("report")).content.decode()
    assert "“五、存在的主要问题及改进情况”仍有“(请填写)”处未写" in page
    assert "表二“行政许可 本年处理决定数量”未填报" in page

    client.post(url("text"), TEXTS | {"carried_in_explanation": ""})
    values = {}
    for code, (value, source) in FIGURES.items():
        values |= {f"{code}-value": value, f"{code}-source": source}
    client.post(url("figures"), values)
    report.refresh_from_db()
    assert report.problems == TEXTS["problems"]
    assert {f.code: str(f.value.normalize()) for f in report.figures.all()} == {
        "licensing": "312", "penalty": "87", "enforcement": "9", "fees": "1.25",
    }  # fmt: skip
    page = client.get(url("report")).content.decode()
    assert "各项勾稽关系和填报检查均已通过" in page
    # Placeholders are filled on the page.
    assert "2025年,坦洲镇新收申请0件" in page


def test_the_approver_cannot_approve_a_report_that_fails_a_check(
    client, draft_2025, tanzhou_approver
):
    login(client, tanzhou_approver)
    response = client.post(url("approve"), follow=True)
    assert "未填报" in response.content.decode()
    draft_2025.refresh_from_db()
    assert draft_2025.status == "draft" and draft_2025.snapshot == {}


def test_approve_submit_publish(client, complete_2025, tanzhou_approver):
    login(client, tanzhou_approver)
    for step, status in (
        ("approve", "approved"),
        ("submit", "submitted"),
        ("publish", "published"),
    ):
        assert client.post(url(step)).status_code == 302
        complete_2025.refresh_from_db()
        assert complete_2025.status == status
    assert complete_2025.snapshot["table2"]["fees"] == {
        "amount_10k_yuan": "1.25", "source": "镇财政分局 2026-01-07 确认",
    }  # fmt: skip
    events = list(complete_2025.events.values_list("new_status", "actor__username"))
    assert events == [(s, "liang_zhiqiang") for s in ("approved", "submitted", "published")]
    audited = AuditEvent.objects.filter(action__startswith="annualreport.").values_list(
        "action", flat=True
    )
    assert {"annualreport.approved", "annualreport.submitted", "annualreport.published"} <= set(
        audited
    )
    client.logout()
    public = client.get(reverse("reports_portal:report", args=["tanzhou", 2025]))
    assert public.status_code == 200
    assert "坦洲镇2025年政府信息公开工作年度报告" in public.content.decode()


def test_the_approver_withdraws_approval_to_correct_a_figure(
    client, complete_2025, tanzhou_approver, tanzhou_editor
):
    login(client, tanzhou_approver)
    client.post(url("approve"))
    client.post(url("withdraw"), {"note": "行政处罚数需按执法平台更正"})
    complete_2025.refresh_from_db()
    assert complete_2025.status == "draft" and complete_2025.snapshot == {}
    assert complete_2025.events.last().note == "行政处罚数需按执法平台更正"
    login(client, tanzhou_editor)
    assert client.get(url("figures")).status_code == 200
