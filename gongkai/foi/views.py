"""Staff pages of disclosure on request: the workbench, registration, the case page and its steps.

Every view starts from permissions.py: lists from `visible_cases`, a case from
`get_case_for_viewer`, a step from its `can_*` predicate. A step the user may
not take answers 404 exactly like a case that does not exist, and changes
nothing. Then form → service → redirect, or the case page again with the
service's reasons on the form that was sent.
"""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from gongkai.core.errors import InputErrors
from gongkai.foi import deadlines, forms, letters, permissions, selectors, services
from gongkai.foi.models import CLOSED, Appeal, InfoRequest, Letter, LetterTemplate
from gongkai.orgs.models import Membership, Unit

Status = InfoRequest.Status
PAGE_SIZE = 50
RECEIPT_SESSION_KEY = "foi_receipt"

# Urgency is shown as text as well as colour (信息无障碍: never colour alone).
URGENCY_LABELS = {
    "overdue": _("逾期"),
    "due_today": _("今日到期"),
    "due_soon": _("即将到期"),
    "paused": _("计时暂停"),
    "stopped": _("待补正"),
    "ok": _("正常"),
    "closed": _("已办结"),
}

EVENT_LABELS = {
    "assigned": _("分配经办人"),
    "transferred": _("转办"),
    "pause.third_party": _("征求第三方意见"),
    "pause.co_producer": _("征求其他机关意见"),
    "pause.fee": _("发出收费通知"),
    "pause_end.third_party": _("征求第三方意见结束"),
    "pause_end.co_producer": _("征求其他机关意见结束"),
    "pause_end.fee": _("收费事项结束"),
    "extended": _("延期答复"),
    "signed": _("登记签收"),
}


def _form_errors(form, exc: ValidationError | InputErrors) -> None:
    """A service's problems on the fields they name; the rest on the form as a whole."""
    if isinstance(exc, InputErrors):
        form.add_error(None, exc.errors)
        return
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for name, errors in exc.message_dict.items():
        form.add_error(name if name in form.fields else None, errors)


def _handler_units(user):
    return (
        Unit.objects.filter(
            memberships__user=user, memberships__role=Membership.Role.REQUEST_HANDLER
        )
        .distinct()
        .order_by("kind", "sort_order", "name")
    )


def _int(text) -> int | None:
    return int(text) if text and str(text).isdecimal() else None


# ---------------------------------------------------------------- workbench


@login_required
def workbench(request):
    """Open cases, earliest due date first, with urgency in words and colour."""
    user = request.user
    identity = permissions.IdentityRule(user)
    status = request.GET.get("status", "")
    if status not in Status.values:
        status = ""
    mine = request.GET.get("handler") == "me"
    include_closed = request.GET.get("closed") == "1" or status in CLOSED
    unit_id = _int(request.GET.get("unit")) if identity.office else None
    cases = selectors.workbench(
        permissions.visible_cases(user),
        status=status,
        handler_id=user.pk if mine else None,
        unit_id=unit_id,
        open_only=not include_closed,
    )
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    rows = [
        (row, identity.name(row.case), URGENCY_LABELS[row.urgency])
        for row in selectors.with_urgency(page.object_list, today)
    ]
    member_units = Membership.objects.filter(user=user).values("unit_id").distinct().count()
    return render(
        request,
        "foi/staff/workbench.html",
        {
            "page": page,
            "rows": rows,
            "today": today,
            "statuses": Status.choices,
            "status": status,
            "mine": mine,
            "include_closed": include_closed,
            "office": identity.office,
            "units": Unit.objects.filter(pk__in=InfoRequest.objects.values("unit_id")).order_by(
                "kind", "sort_order", "name"
            )
            if identity.office
            else [],
            "unit_id": unit_id,
            "show_unit": identity.office or member_units > 1,
            "can_register": _handler_units(user).exists(),
        },
    )


# ---------------------------------------------------------------- registration


@login_required
def register(request):
    """登记 an application received in person, by post, fax or e-mail; then show its receipt."""
    units = _handler_units(request.user)
    if not units.exists():
        raise Http404
    form = forms.RegisterForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        unit = form.cleaned_data["unit"]
        if not permissions.can_register_for(request.user, unit):
            raise Http404
        try:
            case, code = services.info_request_register(
                unit=unit,
                actor=request.user,
                data=form.application_data(),
                channel=form.cleaned_data["channel"],
                received_on=form.cleaned_data["received_on"],
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            # The query code is shown once, on the receipt that follows; it never
            # goes into a URL, and the session forgets it as soon as it is shown.
            request.session[RECEIPT_SESSION_KEY] = {"pk": case.pk, "code": code}
            return redirect("foi:receipt", pk=case.pk)
    status = 400 if form.errors else 200
    return render(
        request,
        "foi/staff/register.html",
        {"form": form, "receipt_rules": forms.RegisterForm.receipt_rules()},
        status=status,
    )


@login_required
def receipt(request, pk):
    """The 回执 to hand or send to the applicant; the query code appears on its first view only."""
    case = permissions.get_case_for_viewer(request.user, pk)
    pending = request.session.get(RECEIPT_SESSION_KEY)
    code = ""
    if pending and pending.get("pk") == case.pk:
        code = pending["code"]
        del request.session[RECEIPT_SESSION_KEY]
    response = render(
        request,
        "foi/staff/receipt.html",
        {
            "case": case,
            "code": code,
            "applicant": permissions.applicant_for(request.user, case),
            "portal_path": reverse("foi_portal:query"),
        },
    )
    add_never_cache_headers(response)
    return response


# ---------------------------------------------------------------- the case page


@dataclass(frozen=True)
class Step:
    """One action on a case: who may take it, when it is offered, and which service it calls."""

    title: str
    button: str
    form: type
    allowed: Callable
    offered: Callable
    run: Callable
    done: str


def _pending_appeals(case):
    return [a for a in case.appeals.all() if a.result == Appeal.Result.PENDING]


def _in(*statuses):
    return lambda case: case.status in statuses


S = services
STEPS: dict[str, Step] = {
    "confirm": Step(
        _("确认接收"), _("确认接收"), forms.ConfirmForm, permissions.can_handle,
        _in(Status.RECEIVED),
        lambda u, c, d: S.info_request_confirm(info_request=c, actor=u, **d),
        _("已确认接收,答复期限开始计算。"),
    ),
    "accept": Step(
        _("审核通过,进入办理"), _("审核通过"), forms.AcceptForm, permissions.can_handle,
        _in(Status.REGISTERED),
        lambda u, c, d: S.info_request_accept(info_request=c, actor=u, handler=d["handler"]),
        _("已审核通过,进入办理。"),
    ),
    "ask_correction": Step(
        _("告知补正"), _("出具补正告知书"), forms.AskCorrectionForm, permissions.can_handle,
        lambda c: c.status == Status.REGISTERED and not c.correction_asked_on,
        lambda u, c, d: S.info_request_ask_correction(info_request=c, actor=u, **d),
        _("已出具补正告知书,计时停止。"),
    ),
    "receive_correction": Step(
        _("收到补正"), _("登记补正"), forms.ReceiveCorrectionForm, permissions.can_handle,
        _in(Status.AWAITING_CORRECTION),
        lambda u, c, d: S.info_request_receive_correction(info_request=c, actor=u, **d),
        _("已登记补正,答复期限重新计算。"),
    ),
    "assign": Step(
        _("分配经办人"), _("分配"), forms.AssignForm, permissions.can_handle,
        _in(Status.REGISTERED, Status.IN_PROGRESS),
        lambda u, c, d: S.info_request_assign(info_request=c, actor=u, handler=d["handler"]),
        _("已分配经办人。"),
    ),
    "pause_start": Step(
        _("征求意见或收费(不计入答复期限)"), _("开始"), forms.PauseStartForm,
        permissions.can_handle,
        _in(Status.IN_PROGRESS),
        lambda u, c, d: S.pause_start(info_request=c, actor=u, **d),
        _("已出具文书,期间不计入答复期限。"),
    ),
    "pause_end": Step(
        _("征求意见或收费结束"), _("登记结束"), forms.PauseEndForm, permissions.can_handle,
        lambda c: deadlines.open_pause(c) is not None,
        lambda u, c, d: S.pause_end(actor=u, **d),
        _("已登记结果,答复期限已重新计算。"),
    ),
    "extend": Step(
        _("延期答复(审核人批准)"), _("批准延期"), forms.ExtendForm,
        permissions.can_approve_extension,
        _in(Status.REGISTERED, Status.IN_PROGRESS),
        lambda u, c, d: S.info_request_extend(info_request=c, actor=u, **d),
        _("已批准延期并出具延期答复告知书。"),
    ),
    "reply": Step(
        _("答复"), _("出具答复书"), forms.ReplyForm, permissions.can_handle,
        _in(Status.REGISTERED, Status.IN_PROGRESS, Status.AWAITING_CORRECTION),
        lambda u, c, d: S.info_request_reply(info_request=c, actor=u, **d),
        _("已出具答复书。"),
    ),
    "transfer": Step(
        _("转办"), _("转办"), forms.TransferForm, permissions.can_handle,
        _in(Status.RECEIVED, Status.REGISTERED, Status.IN_PROGRESS),
        lambda u, c, d: S.info_request_transfer(info_request=c, actor=u, **d),
        _("已转办。"),
    ),
    "deliver": Step(
        _("送达"), _("登记送达"), forms.DeliverForm, permissions.can_handle, _in(Status.REPLIED),
        lambda u, c, d: S.info_request_deliver(info_request=c, actor=u, **d),
        _("已登记送达。"),
    ),
    "signature": Step(
        _("登记签收"), _("登记签收"), forms.SignatureForm, permissions.can_handle,
        lambda c: c.status in (Status.DELIVERED, Status.ARCHIVED)
        and c.posted_on is not None
        and c.signed_on is None,
        lambda u, c, d: S.info_request_record_signature(info_request=c, actor=u, **d),
        _("已登记签收日期。"),
    ),
    "archive": Step(
        _("归档"), _("归档"), forms.ArchiveForm, permissions.can_handle, _in(Status.DELIVERED),
        lambda u, c, d: S.info_request_archive(info_request=c, actor=u),
        _("已归档。"),
    ),
    "appeal": Step(
        _("登记行政复议或行政诉讼"), _("登记"), forms.AppealForm, permissions.can_record_appeal,
        _in(Status.REPLIED, Status.DELIVERED, Status.ARCHIVED),
        lambda u, c, d: S.appeal_record(info_request=c, actor=u, **d),
        _("已登记。"),
    ),
    "appeal_decide": Step(
        _("登记复议或诉讼结果"), _("登记结果"), forms.AppealDecideForm,
        permissions.can_record_appeal,
        lambda c: bool(_pending_appeals(c)),
        lambda u, c, d: S.appeal_decide(actor=u, **d),
        _("已登记审结结果。"),
    ),
}  # fmt: skip


def _step_form(name: str, case, data=None):
    return STEPS[name].form(data, case=case, auto_id=f"id_{name}_%s")


def _timeline(case) -> list[tuple]:
    rows = []
    for event in case.events.select_related("actor"):
        kind = event.data.get("kind", "")
        if kind.startswith(("appeal.", "appeal_decided.")):
            label = _("登记复议或诉讼") if kind.startswith("appeal.") else _("复议或诉讼审结")
        elif kind:
            label = EVENT_LABELS.get(kind, kind)
        else:
            label = Status(event.new_status).label if event.new_status in Status.values else ""
        rows.append((event, label))
    return rows


def _days_text(left: int | None) -> str:
    if left is None:
        return ""
    if left < 0:
        return _("已超过答复期限 %(n)s 个工作日") % {"n": -left}
    return _("剩余 %(n)s 个工作日") % {"n": left}


def _case_page(request, case, *, sent=None, preview=None, status=200):
    """The case page; `sent` is {step name: bound form} for a step that failed or is previewed."""
    user = request.user
    sent = sent or {}
    today = timezone.localdate()
    may: dict[Callable, bool] = {}
    steps = []
    for name, step in STEPS.items():
        if name in sent:
            form = sent[name]
        elif step.offered(case):
            if step.allowed not in may:
                may[step.allowed] = step.allowed(user, case)
            if not may[step.allowed]:
                continue
            form = _step_form(name, case)
        else:
            continue
        steps.append(
            {
                "name": name,
                "step": step,
                "form": form,
                "url": reverse(f"foi:{name}", args=[case.pk]),
            }
        )
    identity = permissions.IdentityRule(user)
    sees_identity = identity.allows(case)
    duplicates = []
    if sees_identity:
        # Only cases whose applicant this user may see: listing a case where the
        # applicant is masked as "the same person" would unmask them by association.
        duplicates = [
            other for other in selectors.possible_duplicates(case) if identity.allows(other)
        ]
    urgency = deadlines.urgency(case, today)
    response = render(
        request,
        "foi/staff/case.html",
        {
            "case": case,
            "applicant": identity.applicant(case),
            "sees_identity": sees_identity,
            "clock": deadlines.explain(case, today),
            "urgency": urgency,
            "urgency_label": URGENCY_LABELS[urgency],
            "days_text": _days_text(deadlines.workdays_left(case, today)),
            "delivery_label": services.DELIVERY_METHODS.get(case.delivery_method, ""),
            "timeline": _timeline(case),
            "pauses": case.pauses.all(),
            "letters": case.letters.select_related("template"),
            "appeals": case.appeals.all(),
            "duplicates": duplicates,
            "similar": selectors.similar_requests(case),
            "steps": steps,
            "failed": next(iter(sent), None) if status != 200 else None,
            "preview": preview,
        },
        status=status,
    )
    return response


def _case(request, pk):
    return permissions.get_case_for_viewer(request.user, pk)


@login_required
def case_detail(request, pk):
    return _case_page(request, _case(request, pk))


def _allowed_case(request, pk, name: str):
    """The case, if this user may take this step on it; 404 otherwise, as for a missing case."""
    case = _case(request, pk)
    if not STEPS[name].allowed(request.user, case):
        raise Http404
    return case


@login_required
@require_POST
def case_step(request, pk, step: str):
    """Any step but the reply's preview: access → form → service → redirect."""
    case = _allowed_case(request, pk, step)
    form = _step_form(step, case, request.POST)
    if form.is_valid():
        try:
            STEPS[step].run(request.user, case, form.cleaned_data)
        except (ValidationError, InputErrors) as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, STEPS[step].done)
            case.refresh_from_db()
            if not permissions.can_view_case(request.user, case):
                # Transferred to a unit this user does not belong to.
                return redirect("foi:workbench")
            return redirect("foi:case", pk=case.pk)
    return _case_page(request, case, sent={step: form}, status=400)


def reply_template(outcome: str) -> LetterTemplate | None:
    """The template the reply would be issued on (as `services.info_request_reply` chooses)."""
    return LetterTemplate.objects.filter(code=services.reply_template_code(outcome)).first()


@login_required
@require_POST
def case_reply(request, pk):
    """答复, or its 预览: the letter text as it would be issued, without issuing anything."""
    if "preview" not in request.POST:
        return case_step(request, pk, step="reply")
    case = _allowed_case(request, pk, "reply")
    form = _step_form("reply", case, request.POST)
    if not form.is_valid():
        return _case_page(request, case, sent={"reply": form}, status=400)
    data = form.cleaned_data
    template = reply_template(data["outcome"])
    if template is None:
        form.add_error(None, _("缺少对应的答复书模板,请公开办在后台补充"))
        return _case_page(request, case, sent={"reply": form}, status=400)
    # render() reads the outcome from the case, or from extra while it is not yet decided.
    draft = letters.render(
        template,
        case,
        {
            "outcome": data["outcome"],
            "provided_how": data["provided_how"],
            "reason": data["reason"],
        },
    )
    preview = {
        "title": draft.title,
        "addressee": permissions.applicant_for(request.user, case)["applicant_name"],
        "paragraphs": letters.full_text(case, draft).splitlines(),
        "unit": case.unit.name,
        "issued_on": data["issued_on"],
    }
    return _case_page(request, case, sent={"reply": form}, preview=preview)


# ---------------------------------------------------------------- letters


def _letter(request, pk, letter_pk) -> Letter:
    case = _case(request, pk)
    letter = Letter.objects.filter(pk=letter_pk, info_request=case).first()
    if letter is None:
        raise Http404
    letter.info_request = case
    if not permissions.can_see_identity(request.user, case):
        # Staff without the right see the applicant masked here too; the copy is never saved.
        masked = permissions.masked_applicant(case)["applicant_name"]
        letter.addressee = letter.addressee.replace(case.applicant_name, masked)
        letter.body = letter.body.replace(case.applicant_name, masked)
    return letter


@login_required
def letter_detail(request, pk, letter_pk):
    letter = _letter(request, pk, letter_pk)
    return render(
        request,
        "foi/staff/letter.html",
        {
            "case": letter.info_request,
            "letter": letter,
            "paragraphs": letters.letter_paragraphs(letter),
        },
    )


@login_required
def letter_download(request, pk, letter_pk):
    letter = _letter(request, pk, letter_pk)
    response = HttpResponse(
        letters.letter_docx(letter),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    # An ASCII name for old clients, the letter's number (UTF-8, RFC 6266) for the rest.
    ascii_name = f"{letter.info_request.tracking_number}-{letter.pk}.docx"
    response["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(letter.number + '.docx')}"
    )
    return response
