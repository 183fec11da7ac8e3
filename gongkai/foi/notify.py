"""Mail to applicants and staff, sent after the transaction that caused it commits.

Applicants get: the acknowledgment with the tracking number, the 补正 notice,
the extension notice and "your reply is available". Staff get the deadline
reminders (`gongkai foi remind`). The query code is never mailed back after
the acknowledgment: it is shown once, and mailed once, to the applicant only.
A mail server that is down must not undo a registered case: failures are logged.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string

log = logging.getLogger(__name__)

APPLICANT_MAILS = {
    "acknowledged": "政府信息公开申请已收到",
    "correction": "政府信息公开申请补正告知",
    "extension": "政府信息公开申请延期答复告知",
    "replied": "政府信息公开申请答复已出具",
}


def send_logged(subject: str, body: str, to: list[str]) -> None:
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)
    except Exception as exc:  # noqa: BLE001 - any SMTP or socket failure; the case stands
        # Only the kind of failure: smtplib's errors carry the refused addresses
        # (an applicant's e-mail), and a log line is read by people who must not see it.
        log.error("mail %r to %d recipient(s) not sent: %s", subject, len(to), type(exc).__name__)


def applicant_mail(info_request, kind: str, **context) -> None:
    """Queue a mail to the applicant for after commit; nothing if no address was given."""
    if not info_request.email:
        return
    subject = f"【{info_request.unit.name}】{APPLICANT_MAILS[kind]}({info_request.tracking_number})"
    body = render_to_string(
        f"foi/mail/{kind}.txt",
        {"case": info_request, "site_url": settings.GONGKAI_SITE_URL, **context},
    )
    to = [info_request.email]
    transaction.on_commit(lambda: send_logged(subject, body, to))


def staff_reminder(info_request, recipients: list[str], workdays_left: int) -> None:
    subject = f"【答复期限提醒】{info_request.tracking_number} " + (
        f"还剩{workdays_left}个工作日" if workdays_left else "今日到期"
    )
    body = render_to_string(
        "foi/mail/reminder.txt",
        {
            "case": info_request,
            "workdays_left": workdays_left,
            "site_url": settings.GONGKAI_SITE_URL,
        },
    )
    transaction.on_commit(lambda: send_logged(subject, body, recipients))
