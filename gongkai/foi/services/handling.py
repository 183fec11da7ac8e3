"""审核 and 办理: 补正, acceptance, assignment, transfer, consultations, fees, extension."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.foi import deadlines, notify
from gongkai.foi.letters import letter_issue
from gongkai.foi.models import (
    InfoRequest,
    Letter,
    Pause,
)
from gongkai.foi.services._common import (
    FEE_PAYMENT_WORKDAYS,
    MAX_CORRECTION_WORKDAYS,
    Status,
    _check_handler,
    _event,
    _expect,
    _locked,
    _move,
    _not_before_clock,
    _not_future,
    _refresh_due,
)
from gongkai.foi.services.application import (
    MAX_DESCRIPTION_CHARS,
    has_markup,
)


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
        if len(description) > MAX_DESCRIPTION_CHARS or has_markup(description):
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
