"""What every step shares: the row lock, the status move, clock events, date checks.

Package-private: the step modules use these; nothing outside `services` should.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core.audit import audit_record
from gongkai.core.transitions import TransitionNotAllowed, move
from gongkai.core.workdays import CalendarError, is_workday
from gongkai.foi import deadlines
from gongkai.foi.models import (
    TRANSITIONS,
    InfoRequest,
)
from gongkai.orgs.models import Membership

MAX_CORRECTION_WORKDAYS = (
    15  # a reasonable period (合理的补正期限, 《条例》第三十条); office policy
)
FEE_PAYMENT_WORKDAYS = 20  # 国办函〔2020〕109号 [K]: unpaid within 20 working days = abandoned

Status = InfoRequest.Status


def _event(info_request, actor, kind: str, note: str = "", *, public: bool = False, **data):
    """A clock or handling event that does not change the status."""
    info_request.events.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        old_status=info_request.status,
        new_status=info_request.status,
        note=note,
        data={"kind": kind, **data},
        public=public,
    )
    audit_record(actor=actor, action=f"inforequest.{kind}", obj=info_request, note=note)


def _move(info_request, to, actor, note: str = "", *, public: bool = True, **data):
    try:
        event = move(info_request, to, table=TRANSITIONS, actor=actor, note=note, data=data)
    except TransitionNotAllowed:
        raise ValidationError(
            _("申请当前状态为“%(status)s”,不能执行此操作")
            % {"status": info_request.get_status_display()}
        ) from None
    if public:
        event.public = True
        event.save(update_fields=["public"])
    return event


def _refresh_due(info_request) -> None:
    new = deadlines.due_on(info_request)
    if new != info_request.due_on:
        info_request.due_on = new
        info_request.save(update_fields=["due_on"])


def _locked(info_request: InfoRequest) -> InfoRequest:
    return InfoRequest.objects.select_for_update().select_related("unit").get(pk=info_request.pk)


def _expect(info_request, *statuses) -> None:
    if info_request.status not in statuses:
        raise ValidationError(
            _("申请当前状态为“%(status)s”,不能执行此操作")
            % {"status": info_request.get_status_display()}
        )


def _not_future(day: datetime.date, label: str) -> None:
    """A date of a step: not in the future, and inside the working-day calendar (a typo
    like 1926 would otherwise surface as a calendar error)."""
    if day > timezone.localdate():
        raise ValidationError(_("%(label)s不能晚于今天") % {"label": label})
    try:
        is_workday(day, provisional=True)
    except CalendarError:
        raise ValidationError(
            _("%(label)s(%(day)s)超出工作日历的范围,请检查年份") % {"label": label, "day": day}
        ) from None


def _not_before_clock(info_request, day: datetime.date, label: str) -> None:
    """A step's date: not before the application arrived (or its 补正 did)."""
    start = info_request.corrected_on or info_request.received_on
    if start is not None and day < start:
        since = _("收到补正日期") if info_request.corrected_on else _("收到申请日期")
        raise ValidationError(
            _("%(label)s不能早于%(since)s(%(day)s)")
            % {"label": label, "since": since, "day": f"{start:%Y-%m-%d}"}
        )


def _check_handler(info_request, handler) -> None:
    """Only the unit's active request handlers can be 经办人; the form offers no one else,
    so this guards every other caller."""
    if not (
        handler.is_active
        and Membership.objects.filter(
            user=handler, unit_id=info_request.unit_id, role=Membership.Role.REQUEST_HANDLER
        ).exists()
    ):
        raise ValidationError({"handler": _("经办人须为本单位的依申请公开经办人")})
