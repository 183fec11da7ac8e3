"""`gongkai seed demo` shows records in every situation, through the real workflow."""

import datetime

from django.core.management import call_command

from gongkai.records import privacy_gate
from gongkai.records.models import Record
from gongkai.records.selectors import State, timeliness


def test_demo_records(zhongshan, official_calendar, client):
    call_command("seed", "demo", verbosity=0)
    call_command("seed", "demo", verbosity=0)  # idempotent

    records = {r.title: r for r in Record.objects.filter(unit__code="tanzhou")}
    assert len(records) == 6
    assert records["坦洲镇政府信息公开工作制度"].topic == "政务公开制度"  # the 制度 page's
    by_status = {r.status for r in records.values()}
    assert {"published", "draft", "approved", "secrecy_review"} <= by_status

    roster = next(r for r in records.values() if "最低生活保障" in r.title)
    assert any("未遮蔽的身份证号码" in p for p in privacy_gate.gate_problems(roster))

    late = next(r for r in records.values() if "派位" in r.title)
    assert timeliness(late, today=datetime.date(2026, 11, 27)).state == State.OVERDUE

    policy = next(r for r in records.values() if r.interpretations.exists())
    assert policy.status == Record.Status.PUBLISHED
    assert client.get(f"/xxgk/{policy.pk}/").status_code == 200
