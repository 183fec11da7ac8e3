"""Deadline reminders: 5 and 2 working days before the due date and on the day, once each.

They go to the case's 经办人 and the unit's approvers (every handler while the
case has none), after commit, and never for a clock that is paused or stopped.
"""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command

from conftest import make_staff
from gongkai.foi import reminders, services
from gongkai.foi.tests.case_state import accepted, consult
from gongkai.foi.tests.conftest import register
from gongkai.orgs.models import Membership

D = datetime.date
HANDLER = "hejiahui@tanzhou.example.cn"
APPROVER = "liangzhiqiang@tanzhou.example.cn"
OTHER_HANDLER = "huangli@tanzhou.example.cn"


@pytest.fixture
def approver_mail(tanzhou_approver):
    tanzhou_approver.email = APPROVER
    tanzhou_approver.save(update_fields=["email"])
    return tanzhou_approver


@pytest.fixture
def other_handler(zhongshan):
    """黄丽, another 经办人 of 坦洲镇: reminded only about cases nobody has taken."""
    user = make_staff("huang_li", "黄丽", "tanzhou", Membership.Role.REQUEST_HANDLER)
    user.email = OTHER_HANDLER
    user.save(update_fields=["email"])
    return user


@pytest.fixture
def running_case(received_case, tanzhou_handler, approver_mail, other_handler):
    """张伟's case taken by 何嘉慧, due Mon 2026-03-30."""
    return accepted(received_case, tanzhou_handler)


def remind(today, capture) -> int:
    with capture(execute=True):
        return reminders.send_reminders(today)


@pytest.mark.parametrize(
    ("today", "subject_end"),
    [
        (D(2026, 3, 23), "还剩5个工作日"),  # Mon: 03-24…03-27, 03-30
        (D(2026, 3, 26), "还剩2个工作日"),  # Thu: 03-27, 03-30
        (D(2026, 3, 30), "今日到期"),
    ],
)
def test_reminded_on_the_days(running_case, django_capture_on_commit_callbacks, today, subject_end):
    assert remind(today, django_capture_on_commit_callbacks) == 1
    (message,) = mail.outbox
    assert sorted(message.to) == sorted([HANDLER, APPROVER])
    assert message.subject == f"【答复期限提醒】{running_case.tracking_number} {subject_end}"
    assert "2026年3月30日" in message.body
    assert "第三十三条" in message.body


@pytest.mark.parametrize(
    "today",
    [
        D(2026, 3, 20),  # 6 working days left
        D(2026, 3, 24),  # 4
        D(2026, 3, 25),  # 3
        D(2026, 3, 28),  # Saturday, 1 left
        D(2026, 3, 31),  # overdue
    ],
)
def test_not_reminded_on_other_days(running_case, django_capture_on_commit_callbacks, today):
    assert remind(today, django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_running_twice_sends_nothing_new(running_case, django_capture_on_commit_callbacks):
    assert remind(D(2026, 3, 23), django_capture_on_commit_callbacks) == 1
    assert remind(D(2026, 3, 23), django_capture_on_commit_callbacks) == 0
    # The 2-day reminder is a reminder of its own, sent once too.
    assert remind(D(2026, 3, 26), django_capture_on_commit_callbacks) == 1
    assert remind(D(2026, 3, 26), django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 2


def test_a_new_due_date_is_reminded_again(
    running_case, approver_mail, django_capture_on_commit_callbacks
):
    assert remind(D(2026, 3, 23), django_capture_on_commit_callbacks) == 1
    services.info_request_extend(
        info_request=running_case, actor=approver_mail, workdays=5, reason="需调取档案",
        decided_on=D(2026, 3, 24),
    )  # fmt: skip
    # Due Tue 04-07 now (清明 04-06 skipped): 5 working days before it is Mon 03-30.
    assert remind(D(2026, 3, 30), django_capture_on_commit_callbacks) == 1
    assert mail.outbox[-1].subject.endswith("还剩5个工作日")


def test_a_case_nobody_has_taken_goes_to_every_handler(
    official_calendar, tanzhou_handler, approver_mail, other_handler,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    register(tanzhou_handler, D(2026, 3, 2))
    assert remind(D(2026, 3, 30), django_capture_on_commit_callbacks) == 1
    assert sorted(mail.outbox[0].to) == sorted([HANDLER, APPROVER, OTHER_HANDLER])


def test_a_handler_who_left_is_replaced_by_every_handler(
    running_case, tanzhou_handler, django_capture_on_commit_callbacks
):
    tanzhou_handler.is_active = False
    tanzhou_handler.save(update_fields=["is_active"])
    assert remind(D(2026, 3, 30), django_capture_on_commit_callbacks) == 1
    assert sorted(mail.outbox[0].to) == sorted([APPROVER, OTHER_HANDLER])


def test_no_reminder_while_a_consultation_is_open(
    running_case, tanzhou_handler, django_capture_on_commit_callbacks
):
    consult(running_case, tanzhou_handler, D(2026, 3, 20))
    assert remind(D(2026, 3, 23), django_capture_on_commit_callbacks) == 0
    assert remind(D(2026, 3, 30), django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_no_reminder_while_awaiting_correction(
    received_case, tanzhou_handler, approver_mail, django_capture_on_commit_callbacks
):
    services.info_request_ask_correction(
        info_request=received_case, actor=tanzhou_handler, items="请写明年份",
        asked_on=D(2026, 3, 4), period_workdays=10,
    )  # fmt: skip
    for today in (D(2026, 3, 23), D(2026, 3, 30)):
        assert remind(today, django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_reminded_until_the_reply_is_delivered(
    running_case, tanzhou_handler, django_capture_on_commit_callbacks
):
    """An issued letter not yet delivered has not met the deadline: the reminder still goes."""
    services.info_request_reply(
        info_request=running_case, actor=tanzhou_handler, outcome="disclosed",
        issued_on=D(2026, 3, 20), provided_how="电子邮件发送",
    )  # fmt: skip
    mail.outbox.clear()
    assert remind(D(2026, 3, 23), django_capture_on_commit_callbacks) == 1
    services.info_request_deliver(
        info_request=running_case, actor=tanzhou_handler, method="email", sent_on=D(2026, 3, 23)
    )
    mail.outbox.clear()
    assert remind(D(2026, 3, 26), django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_the_remind_command(running_case, django_capture_on_commit_callbacks):
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("foi", "remind", "--date", "2026-03-23", stdout=out)
    assert "已发送 1 件申请的期限提醒" in out.getvalue()
    assert len(mail.outbox) == 1
