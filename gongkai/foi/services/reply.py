"""答复, 送达, 归档: the outcome and its letter, delivery, archive, and appeals."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.foi import deadlines, notify
from gongkai.foi.letters import letter_issue
from gongkai.foi.models import (
    Appeal,
    InfoRequest,
    Letter,
    LetterTemplate,
    Outcome,
    Pause,
)
from gongkai.foi.services._common import (
    FEE_PAYMENT_WORKDAYS,
    Status,
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
        if has_markup(text) or len(text) > MAX_DESCRIPTION_CHARS:
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
