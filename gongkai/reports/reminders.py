"""Reminders before the annual report's publication deadline (《条例》第四十九条).

Run daily (`gongkai report remind`, from cron or the task worker). On each day
listed in the data file (30, 14, 7, 3, 1 and 0 days before the deadline) every
unit whose report on last year is not yet published gets one mail to its
approvers and editors; a unit is reminded once per day listed, so running twice
is harmless, and a missed day is not sent late (the next one will come).
"""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from gongkai.foi.notify import send_logged
from gongkai.orgs.models import Membership, Unit
from gongkai.reports import rules
from gongkai.reports.models import AnnualReport, ReportReminder

ROLES = {Membership.Role.APPROVER, Membership.Role.EDITOR}


def _recipients(unit: Unit) -> list[str]:
    return sorted(
        set(
            Membership.objects.filter(unit=unit, role__in=ROLES, user__is_active=True)
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
    )


def send_reminders(today: datetime.date) -> int:
    """Send the reminders due today for the report on last year; returns how many units."""
    year = today.year - 1
    days = set(rules.reminder_days())
    units = Unit.objects.existing_in(year).exclude(kind=Unit.Kind.VILLAGE)
    published = set(
        AnnualReport.objects.filter(year=year, status=AnnualReport.Status.PUBLISHED).values_list(
            "unit_id", flat=True
        )
    )
    statuses = dict(AnnualReport.objects.filter(year=year).values_list("unit_id", "status"))
    sent = 0
    for unit in units:
        if unit.pk in published:
            continue
        due = rules.due_on(unit, year)
        left = (due - today).days
        if left not in days:
            continue
        recipients = _recipients(unit)
        if not recipients:
            continue
        try:
            with transaction.atomic():
                ReportReminder.objects.create(unit=unit, year=year, days_before=left)
                subject = f"【年度报告提醒】{unit.name}{year}年度报告" + (
                    f"距发布期限还有{left}天" if left else "今日到期"
                )
                body = render_to_string(
                    "reports/mail/reminder.txt",
                    {
                        "unit": unit,
                        "year": year,
                        "due_on": due,
                        "days_left": left,
                        "status": AnnualReport.Status(statuses[unit.pk]).label
                        if unit.pk in statuses
                        else "未开始编制",
                        "site_url": settings.GONGKAI_SITE_URL,
                    },
                )
                transaction.on_commit(lambda s=subject, b=body, r=recipients: send_logged(s, b, r))
        except IntegrityError:
            continue  # already reminded today
        sent += 1
    return sent
