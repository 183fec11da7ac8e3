"""接收 and 登记: applications arriving online or registered by staff, and their receipt date."""

import datetime
from dataclasses import fields

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core.audit import audit_record
from gongkai.foi import notify
from gongkai.foi.models import (
    Channel,
    InfoRequest,
)
from gongkai.foi.services._common import (
    Status,
    _expect,
    _locked,
    _move,
    _not_future,
    _refresh_due,
)
from gongkai.foi.services.application import (
    ApplicationData,
    new_code,
    new_tracking_number,
    query_code_hash,
    validate_application,
)


def _create_case(
    *, unit, data: ApplicationData, channel: str, source: str, **extra
) -> tuple[InfoRequest, str]:
    """Insert with a fresh tracking number and query code; returns the case and the code.

    Only the code's keyed hash is stored. A tracking-number collision (vanishingly
    rare) draws again.
    """
    code = new_code(10)
    for _attempt in range(5):
        tracking = new_tracking_number()
        try:
            with transaction.atomic():
                case = InfoRequest.objects.create(
                    unit=unit,
                    tracking_number=tracking,
                    query_code_hash=query_code_hash(tracking, code),
                    ledger_no=extra.pop("ledger_no", None) or tracking,
                    channel=channel,
                    source=source,
                    **{f.name: getattr(data, f.name) for f in fields(data)},
                    **extra,
                )
                return case, code
        except IntegrityError:
            if InfoRequest.objects.filter(tracking_number=tracking).exists():
                continue
            raise
    raise RuntimeError("could not draw a unique tracking number")


@transaction.atomic
def info_request_submit(
    *, unit, data: ApplicationData, source: str = "portal", client_ip: str | None = None
) -> tuple[InfoRequest, str]:
    """An online application (接收). Returns the case and its query code, shown once.

    The receipt date is the day the unit confirms it (《条例》第三十一条第三项),
    so it stays empty until `info_request_confirm`.
    """
    data = data.cleaned()
    errors = validate_application(data)
    if errors:
        raise ValidationError(errors)
    info_request, code = _create_case(
        unit=unit, data=data, channel=Channel.ONLINE, source=source, client_ip=client_ip
    )
    info_request.events.create(
        old_status="", new_status=Status.RECEIVED, note=_("网上提交申请"), public=True
    )
    audit_record(actor=None, action="inforequest.received", obj=info_request, note=source)
    notify.applicant_mail(info_request, "acknowledged", query_code=code)
    return info_request, code


RECEIPT_RULES = {
    Channel.IN_PERSON: _("当面提交的,以提交之日为收到申请之日"),
    Channel.POST_SIGNED: _("邮寄需签收的,以签收之日为收到申请之日"),
    Channel.POST_UNSIGNED: _("平常信函等无需签收的,以与申请人确认之日为收到申请之日"),
    Channel.FAX: _("传真提交的,以双方确认之日为收到申请之日"),
    Channel.EMAIL: _("通过公布的电子邮箱提交的,以邮件系统收到之日为收到申请之日"),
    Channel.ONLINE: _("网上提交的,以双方确认之日为收到申请之日"),
}


# Channels whose receipt date is the day the unit confirms with the applicant
# (《条例》第三十一条); until then the case waits, unconfirmed, without a clock.
CONFIRMED_CHANNELS = {Channel.ONLINE, Channel.POST_UNSIGNED, Channel.FAX}


@transaction.atomic
def info_request_register(
    *, unit, actor, data: ApplicationData, channel: str, received_on: datetime.date | None
) -> tuple[InfoRequest, str]:
    """Staff register an application that came in person, by post, fax or e-mail (登记).

    `received_on` is the date the channel's rule gives (《条例》第三十一条;
    国办公开办函〔2015〕207号 for e-mail). For unsigned post and fax it may be left
    empty when the applicant could not be reached yet: the case then waits for
    `info_request_confirm`, and the clock starts when contact is made. The
    applicant still gets a query code.
    """
    if channel not in Channel.values or channel == Channel.ONLINE:
        raise ValidationError({"channel": _("请选择申请渠道(当面、邮寄、传真或电子邮件)")})
    data = data.cleaned()
    errors = validate_application(data)
    if received_on is None and channel not in CONFIRMED_CHANNELS:
        errors["received_on"] = _("请填写收到申请日期")
    if errors:
        raise ValidationError(errors)
    if received_on is not None:
        _not_future(received_on, _("收到申请日期"))
    status = Status.REGISTERED if received_on else Status.RECEIVED
    info_request, code = _create_case(
        unit=unit,
        data=data,
        channel=channel,
        source="staff",
        received_on=received_on,
        status=status,
    )
    info_request.events.create(
        actor=actor,
        old_status="",
        new_status=status,
        note=RECEIPT_RULES[channel],
        data={"received_on": received_on.isoformat() if received_on else None},
        public=True,
    )
    audit_record(actor=actor, action=f"inforequest.{status}", obj=info_request)
    _refresh_due(info_request)
    notify.applicant_mail(info_request, "acknowledged", query_code=code)
    return info_request, code


@transaction.atomic
def info_request_confirm(*, info_request, actor, confirmed_on: datetime.date) -> InfoRequest:
    """登记 an application confirmed with the applicant: online, fax or unsigned post.

    The confirmation date is the receipt date (《条例》第三十一条), and the clock starts.
    """
    info_request = _locked(info_request)
    _expect(info_request, Status.RECEIVED)
    _not_future(confirmed_on, _("确认日期"))
    if confirmed_on < timezone.localtime(info_request.submitted_at).date():
        raise ValidationError(_("确认日期不能早于申请提交日期"))
    info_request.received_on = confirmed_on
    info_request.save(update_fields=["received_on"])
    _move(info_request, Status.REGISTERED, actor, RECEIPT_RULES[info_request.channel])
    _refresh_due(info_request)
    return info_request
