"""Deadline reminders: to the handler and the unit's approvers, 5 and 2 working days
before the due date and on the day. Run daily (`gongkai foi remind`, from cron or
the task worker); each reminder is sent once per due date, so running twice is harmless.
"""

import datetime

from django.db import IntegrityError, transaction

from gongkai.foi import deadlines, notify
from gongkai.foi.models import CLOSED, InfoRequest, Reminder
from gongkai.orgs.models import Membership


def _recipients(case: InfoRequest) -> list[str]:
    # A 经办人 whose account was closed (left the unit) reads no mail: the
    # case then counts as untaken and goes to every handler of the unit.
    handler = case.handler if case.handler is not None and case.handler.is_active else None
    roles = {Membership.Role.APPROVER}
    if handler is None:
        roles.add(Membership.Role.REQUEST_HANDLER)
    addresses = set(
        Membership.objects.filter(unit_id=case.unit_id, role__in=roles, user__is_active=True)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    if handler is not None and handler.email:
        addresses.add(handler.email)
    return sorted(addresses)


def send_reminders(today: datetime.date) -> int:
    """Send the reminders due today; returns how many cases were reminded."""
    latest = deadlines.add_workdays(today, max(deadlines.REMINDER_WORKDAYS), provisional=True)
    cases = (
        InfoRequest.objects.exclude(status__in=CLOSED)
        .exclude(status=InfoRequest.Status.AWAITING_CORRECTION)
        .filter(due_on__gte=today, due_on__lte=latest)
        .select_related("unit", "handler")
        .prefetch_related("pauses")
    )
    sent = 0
    for case in cases:
        if deadlines.open_pause(case) is not None:
            continue
        left = deadlines.workdays_between(today, case.due_on, provisional=True)
        if left not in deadlines.REMINDER_WORKDAYS:
            continue
        recipients = _recipients(case)
        if not recipients:
            continue
        try:
            with transaction.atomic():
                Reminder.objects.create(info_request=case, due_on=case.due_on, days_before=left)
                notify.staff_reminder(case, recipients, left)
        except IntegrityError:
            continue  # already reminded for this due date
        sent += 1
    return sent
