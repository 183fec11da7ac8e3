"""Every change to a disclosure application: one function per step, each audited.

接收 (submit / register) → 登记 (confirm) → 审核 (ask for a correction, or
accept) → 办理 (assign, transfer, consult, charge, extend) → 答复 (reply with a
letter) → 送达 (deliver) → 归档 (archive).

Services assume the caller may act (see permissions.py) and check that the
step is valid now: status, dates, deadlines. Each re-reads the case under a
row lock, moves it with `core.transitions.move` or writes a clock event,
recomputes the cached due date, and sends mail only after commit.
"""

import datetime
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass, fields

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core.audit import audit_record
from gongkai.core.transitions import TransitionNotAllowed, move
from gongkai.core.workdays import CalendarError, is_workday
from gongkai.foi import deadlines, notify
from gongkai.foi.letters import letter_issue
from gongkai.foi.models import (
    TRANSITIONS,
    Appeal,
    ApplicantKind,
    Channel,
    InfoRequest,
    Letter,
    LetterTemplate,
    Outcome,
    Pause,
)
from gongkai.orgs.models import Membership
from gongkai.privacy.checks import id15_valid, id18_valid, uscc_valid

Status = InfoRequest.Status

MAX_DESCRIPTION_CHARS = 2000
MAX_CORRECTION_WORKDAYS = (
    15  # a reasonable period (合理的补正期限, 《条例》第三十条); office policy
)
FEE_PAYMENT_WORKDAYS = 20  # 国办函〔2020〕109号 [K]: unpaid within 20 working days = abandoned
_MARKUP = re.compile(r"<\s*[a-zA-Z!/?]")
_MOBILE = re.compile(r"^(\+?86[- ]?)?1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^(0\d{2,3}[- ]?)?\d{7,8}([- ]?\d{1,5})?$")
_POSTCODE = re.compile(r"^\d{6}$")
# Unambiguous characters for codes people copy by hand (no 0/O, 1/I/L).
_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


@dataclass
class ApplicationData:
    """What an application says (《条例》第二十九条), from a form, the API or a ledger."""

    applicant_kind: str
    applicant_name: str
    id_type: str = ""
    id_number: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    postcode: str = ""
    description: str = ""
    doc_number: str = ""
    form_wanted: str = InfoRequest.Form.ELECTRONIC
    receive_by: str = InfoRequest.ReceiveBy.ONLINE

    def cleaned(self) -> "ApplicationData":
        values = {}
        for field in fields(self):
            value = getattr(self, field.name)
            values[field.name] = value.strip() if isinstance(value, str) else value
        values["id_number"] = values["id_number"].upper().replace(" ", "")
        return ApplicationData(**values)


def _has_markup(text: str) -> bool:
    return bool(_MARKUP.search(text))


def validate_application(data: ApplicationData) -> dict[str, str]:
    """Problems by field name; empty when the application may be stored."""
    errors: dict[str, str] = {}
    if data.applicant_kind not in ApplicantKind.values:
        errors["applicant_kind"] = _("请选择申请人类型")
    if not data.applicant_name:
        errors["applicant_name"] = _("请填写申请人姓名或名称")
    elif len(data.applicant_name) > 100:
        errors["applicant_name"] = _("姓名或名称不能超过100字")
    person = data.applicant_kind == ApplicantKind.NATURAL_PERSON
    if data.id_type not in InfoRequest.IdType.values:
        errors["id_type"] = _("请选择证件类型")
    elif person and data.id_type == InfoRequest.IdType.ORG_CODE:
        errors["id_type"] = _("自然人请填写身份证件,不是统一社会信用代码")
    elif not person and data.applicant_kind and data.id_type != InfoRequest.IdType.ORG_CODE:
        errors["id_type"] = _("法人或其他组织请填写统一社会信用代码")
    if not data.id_number:
        errors["id_number"] = _("请填写证件号码")
    elif data.id_type == InfoRequest.IdType.RESIDENT_ID and not (
        (len(data.id_number) == 18 and id18_valid(data.id_number))
        or (len(data.id_number) == 15 and id15_valid(data.id_number))
    ):
        errors["id_number"] = _("居民身份证号码无效(位数、出生日期或校验位不对)")
    elif data.id_type == InfoRequest.IdType.ORG_CODE and not uscc_valid(data.id_number):
        errors["id_number"] = _("统一社会信用代码无效(应为18位,校验位须正确)")
    elif len(data.id_number) > 40:
        errors["id_number"] = _("证件号码过长")
    if not (data.phone or data.email or data.address):
        errors["phone"] = _("请至少填写一种联系方式(电话、电子邮箱或通信地址),以便送达答复")
    if data.phone and not (_MOBILE.match(data.phone) or _LANDLINE.match(data.phone)):
        errors["phone"] = _("电话号码格式不对(手机11位,或区号加座机号码)")
    if len(data.email) > 254:
        errors["email"] = _("电子邮箱过长(不超过254个字符)")
    elif data.email:
        try:
            validate_email(data.email)
        except ValidationError:
            errors["email"] = _("电子邮箱格式不对")
    if data.postcode and not _POSTCODE.match(data.postcode):
        errors["postcode"] = _("邮政编码应为6位数字")
    if len(data.address) > 200:
        errors["address"] = _("通信地址不能超过200字")
    if data.receive_by == InfoRequest.ReceiveBy.EMAIL and not data.email and "email" not in errors:
        errors["email"] = _("选择电子邮件获取信息时,请填写电子邮箱")
    if data.receive_by == InfoRequest.ReceiveBy.POST and not data.address:
        errors["address"] = _("选择邮寄获取信息时,请填写通信地址")
    if data.form_wanted not in InfoRequest.Form.values:
        errors["form_wanted"] = _("请选择信息的载体形式")
    if data.receive_by not in InfoRequest.ReceiveBy.values:
        errors["receive_by"] = _("请选择获取信息的方式")
    if not data.description:
        errors["description"] = _("请描述所需政府信息的名称、文号或便于查询的其他特征")
    elif len(data.description) > MAX_DESCRIPTION_CHARS:
        errors["description"] = _("内容描述不能超过%(n)s字(当前%(m)s字);多项信息可分别申请") % {
            "n": MAX_DESCRIPTION_CHARS,
            "m": len(data.description),
        }
    if len(data.doc_number) > 200:
        errors["doc_number"] = _("文件名称或文号不能超过200字")
    for name in ("applicant_name", "description", "doc_number", "address"):
        if name not in errors and _has_markup(getattr(data, name)):
            errors[name] = _("不能包含网页代码(HTML 标记),请只填写文字")
    return errors


def _new_code(length: int) -> str:
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(length))


def query_code_hash(tracking_number: str, code: str) -> str:
    """Keyed hash of a query code: a database copy alone cannot be used to read cases."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"{tracking_number}:{code}".encode(), hashlib.sha256).hexdigest()


def query_code_matches(info_request: InfoRequest | None, code: str) -> bool:
    """Constant-time check; a missing case is checked against a dummy, taking the same time."""
    tracking = info_request.tracking_number if info_request else "-"
    expected = info_request.query_code_hash if info_request else "0" * 64
    return hmac.compare_digest(query_code_hash(tracking, code.strip().upper()), expected) and bool(
        info_request
    )


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


def _create_case(*, unit, data: ApplicationData, channel: str, source: str, **extra):
    """Insert with a fresh tracking number; a collision (vanishingly rare) draws again."""
    year = timezone.localdate().year
    for _attempt in range(5):
        tracking = f"{year}-{_new_code(8)}"
        try:
            with transaction.atomic():
                return InfoRequest.objects.create(
                    unit=unit,
                    tracking_number=tracking,
                    ledger_no=extra.pop("ledger_no", None) or tracking,
                    channel=channel,
                    source=source,
                    **{f.name: getattr(data, f.name) for f in fields(data)},
                    **extra,
                )
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
    code = _new_code(10)
    info_request = _create_case(
        unit=unit, data=data, channel=Channel.ONLINE, source=source, client_ip=client_ip
    )
    info_request.query_code_hash = query_code_hash(info_request.tracking_number, code)
    info_request.save(update_fields=["query_code_hash"])
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
    code = _new_code(10)
    info_request = _create_case(
        unit=unit,
        data=data,
        channel=channel,
        source="staff",
        received_on=received_on,
        status=status,
    )
    info_request.query_code_hash = query_code_hash(info_request.tracking_number, code)
    info_request.save(update_fields=["query_code_hash"])
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


@transaction.atomic
def info_request_ask_correction(
    *, info_request, actor, items: str, asked_on: datetime.date, period_workdays: int
) -> Letter:
    """审核: the application is incomplete; tell the applicant once what to fix (第三十条).

    The notice must go out within 7 working days of receipt; the clock stops
    until the corrected application arrives.
    """
    info_request = _locked(info_request)
    _expect(info_request, Status.REGISTERED)
    if info_request.correction_asked_on:
        raise ValidationError(_("补正只能一次性告知(《条例》第三十条),本申请已告知过补正"))
    if not items.strip():
        raise ValidationError({"items": _("请写明需要补正的内容")})
    if not 1 <= period_workdays <= MAX_CORRECTION_WORKDAYS:
        raise ValidationError(
            {"period_workdays": _("补正期限应为1至%(n)s个工作日") % {"n": MAX_CORRECTION_WORKDAYS}}
        )
    _not_future(asked_on, _("补正告知日期"))
    if asked_on < info_request.received_on:
        raise ValidationError(_("补正告知日期不能早于收到申请日期"))
    last_day = deadlines.correction_notice_due(info_request.received_on)
    if asked_on > last_day:
        raise ValidationError(
            _("补正告知须在收到申请之日起7个工作日内(%(day)s前)作出(《条例》第三十条)")
            % {"day": f"{last_day:%Y-%m-%d}"}
        )
    info_request.correction_asked_on = asked_on
    info_request.correction_note = items.strip()
    info_request.correction_due_on = deadlines.add_workdays(
        asked_on, period_workdays, provisional=True
    )
    info_request.save(update_fields=["correction_asked_on", "correction_note", "correction_due_on"])
    letter = letter_issue(
        info_request=info_request,
        template_code="correction",
        actor=actor,
        issued_on=asked_on,
        extra={"correction_items": info_request.correction_note},
    )
    _move(info_request, Status.AWAITING_CORRECTION, actor, letter.number, letter=letter.number)
    _refresh_due(info_request)
    notify.applicant_mail(info_request, "correction", letter=letter)
    return letter


@transaction.atomic
def info_request_receive_correction(
    *, info_request, actor, corrected_on: datetime.date, description: str = ""
) -> InfoRequest:
    """The corrected application arrived: the 20 working days start again from it (第三十条)."""
    info_request = _locked(info_request)
    _expect(info_request, Status.AWAITING_CORRECTION)
    _not_future(corrected_on, _("补正收到日期"))
    if corrected_on < info_request.correction_asked_on:
        raise ValidationError(_("补正收到日期不能早于补正告知日期"))
    description = description.strip()
    if description:
        if len(description) > MAX_DESCRIPTION_CHARS or _has_markup(description):
            raise ValidationError({"description": _("补正后的内容描述过长或含有网页代码")})
        info_request.description = description
    info_request.corrected_on = corrected_on
    info_request.save(update_fields=["corrected_on", "description"])
    _move(info_request, Status.REGISTERED, actor, _("收到补正后的申请,答复期限重新计算"))
    _refresh_due(info_request)
    return info_request


@transaction.atomic
def info_request_accept(*, info_request, actor, handler=None) -> InfoRequest:
    """审核 passed: the application is complete; handling starts (办理)."""
    info_request = _locked(info_request)
    _expect(info_request, Status.REGISTERED)
    _check_handler(info_request, handler or actor)
    info_request.handler = handler or actor
    info_request.save(update_fields=["handler"])
    _move(info_request, Status.IN_PROGRESS, actor, _("审核通过,进入办理"))
    return info_request


@transaction.atomic
def info_request_assign(*, info_request, actor, handler) -> InfoRequest:
    info_request = _locked(info_request)
    _expect(info_request, Status.REGISTERED, Status.IN_PROGRESS)
    _check_handler(info_request, handler)
    info_request.handler = handler
    info_request.save(update_fields=["handler"])
    _event(info_request, actor, "assigned", handler.get_full_name() or handler.username)
    return info_request


@transaction.atomic
def info_request_transfer(*, info_request, actor, to_unit, note: str) -> InfoRequest:
    """Send the case to the unit that holds the information; the clock keeps running."""
    info_request = _locked(info_request)
    _expect(info_request, Status.RECEIVED, Status.REGISTERED, Status.IN_PROGRESS)
    if to_unit.pk == info_request.unit_id:
        raise ValidationError({"to_unit": _("请选择另一个单位")})
    if not note.strip():
        raise ValidationError({"note": _("请说明转办理由")})
    if InfoRequest.objects.filter(unit=to_unit, ledger_no=info_request.ledger_no).exists():
        raise ValidationError(_("目标单位已有相同编号的申请"))
    if info_request.pauses.filter(ended_on__isnull=True).exists():
        # The consultation or fee notice went out under this unit's name and number;
        # its answer comes back here. Moving the case would leave the clock paused
        # at a unit that never asked.
        raise ValidationError(_("征求意见或收费事项尚未结束,请先登记结果再转办"))
    old = info_request.unit
    info_request.unit = to_unit
    info_request.handler = None
    info_request.save(update_fields=["unit", "handler"])
    _event(
        info_request,
        actor,
        "transferred",
        note.strip(),
        public=True,
        **{"from": old.name, "to": to_unit.name},
    )
    return info_request


@transaction.atomic
def pause_start(
    *,
    info_request,
    actor,
    kind: str,
    started_on: datetime.date,
    party: str = "",
    amount_yuan=None,
    reason: str = "",
) -> Pause:
    """Consult a third party or co-producer, or send a fee notice: the clock pauses."""
    info_request = _locked(info_request)
    _expect(info_request, Status.IN_PROGRESS)
    _not_future(started_on, _("开始日期"))
    if started_on < (info_request.corrected_on or info_request.received_on):
        raise ValidationError(_("开始日期不能早于收到申请日期"))
    if kind not in Pause.Kind.values:
        raise ValidationError({"kind": _("请选择类型")})
    extra = {"reason": reason.strip()}
    if kind == Pause.Kind.FEE:
        if info_request.pauses.filter(kind=Pause.Kind.FEE).exists():
            raise ValidationError(_("本申请已发出过收费通知"))
        if amount_yuan is None or amount_yuan <= 0:
            raise ValidationError({"amount_yuan": _("请填写大于0的收费金额")})
        extra["fee_amount"] = f"{amount_yuan:.2f}"
        extra["fee_due_on"] = deadlines.add_workdays(
            started_on, FEE_PAYMENT_WORKDAYS, provisional=True
        )
        template_code = "fee"
    else:
        if not party.strip():
            raise ValidationError({"party": _("请填写征求意见对象")})
        extra["third_party"] = party.strip()
        extra["reply_by_on"] = deadlines.add_workdays(
            started_on, deadlines.CONSULTATION_WORKDAYS, provisional=True
        )
        template_code = kind
    pause = info_request.pauses.create(
        kind=kind, party=party.strip(), started_on=started_on, amount_yuan=amount_yuan
    )
    letter = letter_issue(
        info_request=info_request,
        template_code=template_code,
        actor=actor,
        issued_on=started_on,
        extra=extra,
    )
    _event(
        info_request,
        actor,
        f"pause.{kind}",
        letter.number,
        public=True,
        started_on=started_on.isoformat(),
        letter=letter.number,
    )
    return pause


@transaction.atomic
def pause_end(*, pause: Pause, actor, ended_on: datetime.date, result: str) -> Pause:
    """The answer came (or the period ran out, or the fee was paid): the clock runs again."""
    info_request = _locked(pause.info_request)
    # Pauses start only while handling; a reply waits for them (or closes a fee
    # notice) and a transfer waits, so an open pause belongs to a case in progress.
    _expect(info_request, Status.IN_PROGRESS)
    pause = Pause.objects.select_for_update().get(pk=pause.pk)
    if pause.ended_on:
        raise ValidationError(_("该事项已结束"))
    _not_future(ended_on, _("结束日期"))
    if ended_on < pause.started_on:
        raise ValidationError({"ended_on": _("结束日期不能早于开始日期")})
    if not result.strip():
        raise ValidationError({"result": _("请填写结果(如第三方意见、已缴费)")})
    pause.ended_on = ended_on
    pause.result = result.strip()
    pause.save(update_fields=["ended_on", "result"])
    _event(
        info_request,
        actor,
        f"pause_end.{pause.kind}",
        pause.result,
        public=True,
        ended_on=ended_on.isoformat(),
        workdays=deadlines.workdays_between(pause.started_on, ended_on, provisional=True),
    )
    _refresh_due(info_request)
    return pause


@transaction.atomic
def info_request_extend(
    *, info_request, actor, workdays: int, reason: str, decided_on: datetime.date
) -> Letter:
    """延期: the approver extends the deadline by at most 20 working days in all (第三十三条)."""
    info_request = _locked(info_request)
    _expect(info_request, Status.REGISTERED, Status.IN_PROGRESS)
    if not reason.strip():
        raise ValidationError({"reason": _("请写明延期理由")})
    total = info_request.extension_workdays + workdays
    if workdays < 1 or total > deadlines.MAX_EXTENSION_WORKDAYS:
        raise ValidationError(
            {
                "workdays": _("延长期限最长不得超过20个工作日(已延期%(done)s个)")
                % {"done": info_request.extension_workdays}
            }
        )
    _not_future(decided_on, _("批准日期"))
    _not_before_clock(info_request, decided_on, _("批准日期"))
    due = deadlines.due_on_as_of(info_request, decided_on)
    if due and decided_on > due:
        raise ValidationError(_("答复期限已过,不能再延期;延期须在期限届满前决定并告知申请人"))
    info_request.extension_workdays = total
    info_request.extension_reason = reason.strip()
    info_request.extension_approved_by = actor
    info_request.save(
        update_fields=["extension_workdays", "extension_reason", "extension_approved_by"]
    )
    _refresh_due(info_request)
    letter = letter_issue(
        info_request=info_request,
        template_code="extension",
        actor=actor,
        issued_on=decided_on,
        # The notice states this extension; the case keeps the total (at most 20).
        extra={"reason": info_request.extension_reason, "extension_workdays": str(workdays)},
    )
    _event(
        info_request,
        actor,
        "extended",
        reason.strip(),
        public=True,
        workdays=workdays,
        letter=letter.number,
    )
    notify.applicant_mail(info_request, "extension", letter=letter)
    return letter


def _check_outcome(info_request, outcome: str, today: datetime.date) -> None:
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("请选择办理结果")})
    if outcome == Outcome.OTHER_1:
        if info_request.status != Status.AWAITING_CORRECTION:
            raise ValidationError({"outcome": _("只有待补正的申请才能以“逾期不补正”终止")})
        if today <= info_request.correction_due_on:
            raise ValidationError(
                {
                    "outcome": _("补正期限(%(day)s)尚未届满")
                    % {"day": f"{info_request.correction_due_on:%Y-%m-%d}"}
                }
            )
    elif info_request.status == Status.AWAITING_CORRECTION:
        raise ValidationError(
            {"outcome": _("申请待补正:收到补正后再答复,逾期未补正的选择“逾期不补正”")}
        )
    if outcome == Outcome.UNAVAILABLE_3 and not info_request.corrected_on:
        raise ValidationError({"outcome": _("“补正后申请内容仍不明确”只适用于已补正的申请")})
    if outcome == Outcome.OTHER_2:
        fee = info_request.pauses.filter(kind=Pause.Kind.FEE).first()
        if fee is None or fee.ended_on is not None:
            raise ValidationError({"outcome": _("没有未缴费的收费通知,不能以“逾期未缴费”终止")})
        pay_by = deadlines.add_workdays(fee.started_on, FEE_PAYMENT_WORKDAYS, provisional=True)
        if today <= pay_by:
            raise ValidationError(
                {"outcome": _("缴费期限(%(day)s)尚未届满") % {"day": f"{pay_by:%Y-%m-%d}"}}
            )


NEEDS_REASON = ("partly_disclosed", "refused", "unavailable", "not_processed", "other")


@transaction.atomic
def info_request_reply(
    *,
    info_request,
    actor,
    outcome: str,
    issued_on: datetime.date,
    provided_how: str = "",
    reason: str = "",
) -> Letter:
    """答复: decide the outcome and issue the reply letter, which is then locked.

    The reply counts against the deadline from the day it is delivered (posted,
    signed or sent; see `info_request_deliver`).
    """
    info_request = _locked(info_request)
    _expect(info_request, Status.REGISTERED, Status.IN_PROGRESS, Status.AWAITING_CORRECTION)
    _not_future(issued_on, _("答复日期"))
    _not_before_clock(info_request, issued_on, _("答复日期"))
    last = info_request.letters.order_by("-issued_on", "-id").first()
    if last is not None and issued_on < last.issued_on:
        # The reply closes the case: it cannot predate a notice the case already sent
        # (补正, 延期, 征求意见, 收费), and delivery is checked against it.
        raise ValidationError(
            {
                "issued_on": _("答复日期不能早于本案已出具的%(number)s(%(day)s)")
                % {"number": last.number, "day": f"{last.issued_on:%Y-%m-%d}"}
            }
        )
    _check_outcome(info_request, outcome, issued_on)
    if info_request.pauses.filter(ended_on__isnull=True).exclude(kind=Pause.Kind.FEE).exists():
        raise ValidationError(_("征求意见尚未结束,请先登记意见结果"))
    group = Outcome.group_of(outcome)
    if group in ("disclosed", "partly_disclosed") and not provided_how.strip():
        raise ValidationError({"provided_how": _("请写明信息的提供方式或已公开的位置")})
    if group in NEEDS_REASON and not reason.strip():
        raise ValidationError({"reason": _("请写明理由")})
    for name, text in (("provided_how", provided_how), ("reason", reason)):
        if _has_markup(text) or len(text) > MAX_DESCRIPTION_CHARS:
            raise ValidationError({name: _("内容过长或含有网页代码")})
    info_request.outcome = outcome
    info_request.save(update_fields=["outcome"])
    fee = info_request.pauses.filter(kind=Pause.Kind.FEE, ended_on__isnull=True).first()
    if fee is not None:
        # The case ends here either way; an unpaid fee notice is closed with it.
        fee.ended_on = issued_on
        fee.result = _("逾期未缴费") if outcome == Outcome.OTHER_2 else _("随答复结束")
        fee.save(update_fields=["ended_on", "result"])
        # The wait for the fee is not counted (国办函〔2020〕109号) even when unpaid.
        _refresh_due(info_request)
    letter = letter_issue(
        info_request=info_request,
        template_code=reply_template_code(outcome),
        actor=actor,
        issued_on=issued_on,
        extra={"provided_how": provided_how.strip(), "reason": reason.strip(), "outcome": outcome},
    )
    _move(
        info_request,
        Status.REPLIED,
        actor,
        letter.number,
        outcome=outcome,
        letter=letter.number,
    )
    notify.applicant_mail(info_request, "replied", letter=letter)
    return letter


def reply_template_code(outcome: str) -> str:
    """The reply template that lists this outcome (the office may split them further)."""
    for code, outcomes in LetterTemplate.objects.values_list("code", "outcomes"):
        if outcome in outcomes:
            return code
    return Outcome.group_of(outcome)


DELIVERY_METHODS = {
    "direct": _("直接送达(以签收之日为准)"),
    "post": _("邮政寄送(以交邮之日为准)"),
    "email": _("电子邮件(以发送之日为准)"),
    "online": _("网上送达(以发布之日为准)"),
    "entrusted": _("委托其他行政机关代为送达(以签收之日为准)"),
}


@transaction.atomic
def info_request_deliver(
    *,
    info_request,
    actor,
    method: str,
    posted_on: datetime.date | None = None,
    signed_on: datetime.date | None = None,
    sent_on: datetime.date | None = None,
) -> InfoRequest:
    """送达: the day that counts is the posting day by post, the signing day by hand.

    国办公开办函〔2016〕235号: post must go through a postal enterprise; posted
    and signed dates are kept apart, and the posted date meets the deadline.
    """
    info_request = _locked(info_request)
    _expect(info_request, Status.REPLIED)
    if method not in DELIVERY_METHODS:
        raise ValidationError({"method": _("请选择送达方式")})
    letter = info_request.letters.order_by("-issued_on", "-id").first()
    if method == "post":
        counted = posted_on
        if posted_on is None:
            raise ValidationError({"posted_on": _("邮政寄送请填写交邮日期")})
    elif method in ("direct", "entrusted"):
        counted = signed_on
        if signed_on is None:
            raise ValidationError({"signed_on": _("请填写签收日期")})
    else:
        counted = sent_on
        if sent_on is None:
            raise ValidationError({"sent_on": _("请填写发送日期")})
    for day in (posted_on, signed_on, sent_on):
        if day is not None:
            _not_future(day, _("送达日期"))
            if letter is not None and day < letter.issued_on:
                raise ValidationError(_("送达日期不能早于答复书出具日期"))
    if posted_on and signed_on and signed_on < posted_on:
        raise ValidationError({"signed_on": _("签收日期不能早于交邮日期")})
    info_request.delivery_method = method
    info_request.posted_on = posted_on
    info_request.signed_on = signed_on
    info_request.replied_on = counted
    info_request.save(update_fields=["delivery_method", "posted_on", "signed_on", "replied_on"])
    _move(
        info_request,
        Status.DELIVERED,
        actor,
        DELIVERY_METHODS[method],
        replied_on=counted.isoformat(),
    )
    return info_request


@transaction.atomic
def info_request_record_signature(*, info_request, actor, signed_on: datetime.date) -> InfoRequest:
    """A postal receipt came back: keep the signing date (the posted date still counts)."""
    info_request = _locked(info_request)
    _expect(info_request, Status.DELIVERED, Status.ARCHIVED)
    if info_request.posted_on is None or signed_on < info_request.posted_on:
        raise ValidationError({"signed_on": _("签收日期不能早于交邮日期")})
    _not_future(signed_on, _("签收日期"))
    info_request.signed_on = signed_on
    info_request.save(update_fields=["signed_on"])
    _event(info_request, actor, "signed", signed_on=signed_on.isoformat())
    return info_request


@transaction.atomic
def info_request_archive(*, info_request, actor) -> InfoRequest:
    """归档: the case file is complete; nothing changes after this except appeals."""
    info_request = _locked(info_request)
    info_request.archived_at = timezone.now()
    info_request.save(update_fields=["archived_at"])
    _move(info_request, Status.ARCHIVED, actor, _("归档"))
    return info_request


@transaction.atomic
def appeal_record(
    *,
    info_request,
    actor,
    kind: str,
    filed_on: datetime.date,
    result: str,
    decided_on=None,
    note="",
) -> Appeal:
    """Record a 行政复议 or 行政诉讼 about a replied case, for table 4 of the annual report."""
    info_request = _locked(info_request)
    _expect(info_request, Status.REPLIED, Status.DELIVERED, Status.ARCHIVED)
    if kind not in Appeal.Kind.values:
        raise ValidationError({"kind": _("请选择类型")})
    if result not in Appeal.Result.values:
        raise ValidationError({"result": _("请选择结果")})
    _not_future(filed_on, _("申请或起诉日期"))
    if decided_on is not None:
        _not_future(decided_on, _("审结日期"))
    if result != Appeal.Result.PENDING and decided_on is None:
        raise ValidationError({"decided_on": _("已审结的请填写审结日期")})
    if decided_on is not None and decided_on < filed_on:
        raise ValidationError({"decided_on": _("审结日期不能早于申请或起诉日期")})
    appeal = info_request.appeals.create(
        kind=kind, filed_on=filed_on, result=result, decided_on=decided_on, note=note.strip()
    )
    _event(info_request, actor, f"appeal.{kind}", appeal.get_result_display())
    return appeal


@transaction.atomic
def appeal_decide(*, appeal: Appeal, actor, result: str, decided_on: datetime.date) -> Appeal:
    appeal = Appeal.objects.select_for_update().select_related("info_request").get(pk=appeal.pk)
    if appeal.result != Appeal.Result.PENDING:
        raise ValidationError({"appeal": _("该复议或诉讼已登记审结结果")})
    if result not in Appeal.Result.values or result == Appeal.Result.PENDING:
        raise ValidationError({"result": _("请选择审结结果")})
    if decided_on < appeal.filed_on:
        raise ValidationError({"decided_on": _("审结日期不能早于申请或起诉日期")})
    _not_future(decided_on, _("审结日期"))
    appeal.result = result
    appeal.decided_on = decided_on
    appeal.save(update_fields=["result", "decided_on"])
    _event(appeal.info_request, actor, f"appeal_decided.{appeal.kind}", appeal.get_result_display())
    return appeal
