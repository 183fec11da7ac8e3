"""Reminders before the 31 January deadline go, once per listed day, to units that have not published."""

import datetime

import pytest
from django.core import mail

from gongkai.reports import reminders, services

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def mailable(tanzhou_editor, tanzhou_approver):
    for user, address in (
        (tanzhou_editor, "chen@tanzhou.example.cn"),
        (tanzhou_approver, "liang@tanzhou.example.cn"),
    ):
        user.email = address
        user.save(update_fields=["email"])


def tanzhou_mails():
    return [m for m in mail.outbox if "坦洲镇" in m.subject]


def test_seven_days_before_the_deadline(mailable, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        reminders.send_reminders(D(2026, 1, 24))
    [message] = tanzhou_mails()
    assert message.subject == "【年度报告提醒】坦洲镇2025年度报告距发布期限还有7天"
    assert sorted(message.to) == ["chen@tanzhou.example.cn", "liang@tanzhou.example.cn"]
    assert "未开始编制" in message.body and "第四十九条" in message.body


def test_a_second_run_the_same_day_sends_nothing(mailable, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        reminders.send_reminders(D(2026, 1, 31))
        reminders.send_reminders(D(2026, 1, 31))
    assert [m.subject for m in tanzhou_mails()] == ["【年度报告提醒】坦洲镇2025年度报告今日到期"]


def test_no_reminder_on_an_unlisted_day_or_once_published(
    mailable, complete_2025, tanzhou_approver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reminders.send_reminders(D(2026, 1, 20))
    assert tanzhou_mails() == []
    for step in (services.approve, services.submit, services.publish):
        step(complete_2025, actor=tanzhou_approver)
    with django_capture_on_commit_callbacks(execute=True):
        reminders.send_reminders(D(2026, 1, 30))
    assert tanzhou_mails() == []
