"""Mail to applicants and staff, through a real SMTP server (aiosmtpd on 127.0.0.1).

Each mail is sent after commit; `django_capture_on_commit_callbacks(execute=True)`
runs those callbacks as a commit would. A server that is down loses the mail
(logged) but never the case.
"""

import datetime
import email
import email.policy
import re
import socket
from dataclasses import asdict

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.test import override_settings

from gongkai.foi import services
from gongkai.foi.models import InfoRequest
from gongkai.foi.tests.conftest import zhang_wei
from gongkai.orgs.models import Unit

D = datetime.date
APPLICANT = "zhangwei@example.cn"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Inbox:
    """An aiosmtpd handler keeping every message it accepts."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def only(self):
        assert len(self.messages) == 1, [m["Subject"] for _to, m in self.messages]
        recipients, message = self.messages[0]
        # Django folds a non-ASCII subject after "Subject:"; the unfolded value starts with a space.
        return recipients, str(message["Subject"]).strip(), message.get_content()


def smtp_settings(port):
    return override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
        EMAIL_USE_TLS=False,
        EMAIL_TIMEOUT=5,
    )


@pytest.fixture
def inbox():
    port = free_port()
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with smtp_settings(port):
            yield handler
    finally:
        controller.stop()


@pytest.fixture
def registered(official_calendar, tanzhou_handler):
    """张伟's application, received in person on Monday 2026-03-02: (case, query code)."""
    return services.info_request_register(
        unit=Unit.objects.get(code="tanzhou"),
        actor=tanzhou_handler,
        data=zhang_wei(),
        channel="in_person",
        received_on=D(2026, 3, 2),
    )


def test_the_acknowledgment_of_a_portal_application_has_the_number_and_the_code(
    client, zhongshan, inbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/yisqgk/", {"unit": "tanzhou", **asdict(zhang_wei())})
    assert response.status_code == 302
    shown = re.search(r'id="query-code">(\w+)<', client.get("/yisqgk/done/").content.decode())

    recipients, subject, body = inbox.only()

    case = InfoRequest.objects.get()
    assert recipients == [APPLICANT]
    assert subject == f"【坦洲镇】政府信息公开申请已收到({case.tracking_number})"
    assert f"申请编号:{case.tracking_number}" in body
    assert f"查询码:{shown.group(1)}" in body
    assert "以双方确认之日为收到申请之日" in body and "张伟" in body


def test_the_correction_notice_lists_what_to_fix_and_not_the_code(
    registered, tanzhou_handler, inbox, django_capture_on_commit_callbacks
):
    case, code = registered
    with django_capture_on_commit_callbacks(execute=True):
        letter = services.info_request_ask_correction(
            info_request=case,
            actor=tanzhou_handler,
            items="请写明所需补助资金名单的年份和村(社区)",
            asked_on=D(2026, 3, 4),
            period_workdays=10,
        )

    recipients, subject, body = inbox.only()

    case.refresh_from_db()
    assert recipients == [APPLICANT] and "补正告知" in subject
    assert "请写明所需补助资金名单的年份和村(社区)" in body
    assert letter.number in body
    due = case.correction_due_on
    assert f"请于{due.year}年{due.month}月{due.day}日前提交补正" in body
    assert code not in body  # the code is mailed once, with the acknowledgment


def test_the_extension_notice_gives_the_new_due_date(
    registered, tanzhou_handler, tanzhou_approver, inbox, django_capture_on_commit_callbacks
):
    case, code = registered
    services.info_request_accept(info_request=case, actor=tanzhou_handler)
    with django_capture_on_commit_callbacks(execute=True):
        letter = services.info_request_extend(
            info_request=case,
            actor=tanzhou_approver,
            workdays=10,
            reason="需要调取档案",
            decided_on=D(2026, 3, 20),
        )

    recipients, subject, body = inbox.only()

    assert recipients == [APPLICANT] and "延期答复告知" in subject
    # 3-30 plus 10 working days, skipping 清明 (4-04 to 4-06).
    assert "延长答复期限10个工作日" in body and "2026年4月14日前作出答复" in body
    assert letter.number in body and code not in body


def test_the_reply_mail_points_to_the_tracking_page(
    registered, tanzhou_handler, inbox, django_capture_on_commit_callbacks
):
    case, code = registered
    with django_capture_on_commit_callbacks(execute=True):
        letter = services.info_request_reply(
            info_request=case,
            actor=tanzhou_handler,
            outcome="disclosed",
            issued_on=D(2026, 3, 10),
            provided_how="电子版已发送至申请人邮箱",
        )

    recipients, subject, body = inbox.only()

    assert recipients == [APPLICANT] and "答复已出具" in subject
    assert f"《{letter.title}》({letter.number})" in body
    assert "/yisqgk/query/" in body and code not in body


def test_the_deadline_reminder_reaches_the_handler_without_the_applicants_data(
    registered, inbox, django_capture_on_commit_callbacks
):
    case, _code = registered
    with django_capture_on_commit_callbacks(execute=True):
        call_command("foi", "remind", "--date", "2026-03-23")  # due 3-30: 5 working days left

    recipients, subject, body = inbox.only()

    assert "hejiahui@tanzhou.example.cn" in recipients
    assert subject == f"【答复期限提醒】{case.tracking_number} 还剩5个工作日"
    assert "2026年3月30日" in body and f"/staff/foi/{case.pk}/" in body
    assert "张伟" not in body and "13800138000" not in body


def test_a_server_that_is_down_loses_the_mail_not_the_case(
    client, zhongshan, caplog, django_capture_on_commit_callbacks
):
    with smtp_settings(free_port()), django_capture_on_commit_callbacks(execute=True):
        response = client.post("/yisqgk/", {"unit": "tanzhou", **asdict(zhang_wei())})

    assert response.status_code == 302
    case = InfoRequest.objects.get()
    assert case.status == "received" and case.events.count() == 1
    assert case.tracking_number in client.get("/yisqgk/done/").content.decode()
    failures = [r for r in caplog.records if r.name == "gongkai.foi.notify"]
    assert failures and "not sent" in failures[0].getMessage()
    assert failures[0].levelname == "ERROR"
