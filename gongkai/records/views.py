"""Staff pages for records: thin views over permissions → form → service."""

import datetime
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core.transitions import TransitionNotAllowed
from gongkai.orgs.models import Unit
from gongkai.orgs.permissions import get_unit_for_member, is_office_admin
from gongkai.records import (
    cleanup,
    permissions,
    privacy_gate,
    reassessment,
    selectors,
    services,
)
from gongkai.records.forms import (
    AttachmentForm,
    ExemptionForm,
    InterpretationForm,
    RecordForm,
    ValidityForm,
    WaiverForm,
)
from gongkai.records.models import Attachment, Interpretation, ReassessmentDecision, Record

Status = Record.Status


def _record_for(request, pk, predicate=None) -> Record:
    record = permissions.get_record_for_viewer(request.user, pk)
    if predicate is not None and not predicate(request.user, record):
        raise Http404
    return record


def _errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _form_errors(form, exc: ValidationError) -> None:
    """A service's problems on the form fields they name (others on the form)."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for name, errors in exc.message_dict.items():
        target = name.removesuffix("_id") if name.removesuffix("_id") in form.fields else None
        form.add_error(target if target in form.fields else None, errors)


def _back(record: Record):
    return redirect("records:detail", pk=record.pk)


@login_required
def record_list(request):
    records = permissions.visible_records(request.user)
    status = request.GET.get("status", "")
    if status in Status.values:
        records = records.filter(status=status)
    units = Unit.objects.filter(memberships__user=request.user).distinct()
    return render(
        request,
        "records/list.html",
        {
            "records": records[:200],
            "status": status,
            "statuses": Status.choices,
            "creatable_units": [u for u in units if permissions.can_create_record(request.user, u)],
        },
    )


@login_required
def record_new(request, unit_code):
    unit = get_unit_for_member(request.user, unit_code)
    if not permissions.can_create_record(request.user, unit):
        raise Http404
    form = RecordForm(request.POST or None, unit=unit, initial={"disclosure": "proactive"})
    if request.method == "POST" and form.is_valid():
        try:
            record = services.record_create(unit=unit, actor=request.user, data=form.record_data())
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, f"已创建,索引号 {record.index_number}。")
            return _back(record)
    return render(request, "records/form.html", {"form": form, "unit": unit, "record": None})


@login_required
def record_edit(request, pk):
    record = _record_for(request, pk, permissions.can_edit_record)
    form = RecordForm(
        request.POST or None, unit=record.unit, initial=RecordForm.initial_from(record)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_update(record=record, actor=request.user, data=form.record_data())
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, "已保存。")
            return _back(record)
    return render(
        request, "records/form.html", {"form": form, "unit": record.unit, "record": record}
    )


@login_required
def record_detail(request, pk):
    record = _record_for(request, pk)
    user = request.user
    findings = privacy_gate.record_findings(record)
    today = timezone.localdate()
    return render(
        request,
        "records/detail.html",
        {
            "record": record,
            "attachments": record.attachments.select_related("manually_checked_by"),
            "interpretations": record.interpretations.all(),
            "findings": findings,
            "open_findings": [f for f in findings if not f.exempted],
            "exemptions": record.exemptions.select_related("decided_by"),
            "blockers": services.publish_blockers(record, findings)
            if record.status != Status.PUBLISHED
            else [],
            "timeliness": selectors.timeliness(record, today=today),
            "events": record.events.select_related("actor"),
            "can_edit": permissions.can_edit_record(user, record),
            "can_secrecy_review": permissions.can_secrecy_review(user, record),
            "can_approve": permissions.can_approve(user, record),
            "can_publish": permissions.can_publish(user, record),
            "can_withdraw": permissions.can_withdraw(user, record),
            "can_decide": permissions.can_decide_privacy(user, record),
            "can_send_back": permissions.can_send_back(user, record),
            "can_change_validity": permissions.can_change_validity(user, record),
            "attachment_form": AttachmentForm(),
            "waiver_form": WaiverForm(),
            "validity_form": ValidityForm(record=record)
            if record.status == Status.PUBLISHED
            else None,
        },
    )


@login_required
@require_POST
def attachment_upload(request, pk):
    record = _record_for(request, pk, permissions.can_edit_record)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        for error in form.errors.get("file", []):
            messages.error(request, error)
        return _back(record)
    upload = form.cleaned_data["file"]
    try:
        attachment = services.attachment_add(
            record=record, actor=request.user, name=upload.name, data=upload.read()
        )
    except ValidationError as exc:
        _errors(request, exc)
    else:
        if not attachment.cleared_for_publishing:
            messages.warning(
                request,
                f"附件“{attachment.name}”{attachment.check_note},发布前须由审批人人工核对。",
            )
        else:
            messages.success(request, f"已上传“{attachment.name}”。")
    return _back(record)


@login_required
@require_POST
def attachment_delete(request, pk, attachment_pk):
    record = _record_for(request, pk, permissions.can_edit_record)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, record=record)
    services.attachment_remove(attachment=attachment, actor=request.user)
    messages.success(request, f"已删除附件“{attachment.name}”。")
    return _back(record)


@login_required
def attachment_download(request, pk, attachment_pk):
    record = _record_for(request, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, record=record)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


@login_required
@require_POST
def attachment_checked(request, pk, attachment_pk):
    record = _record_for(request, pk, permissions.can_decide_privacy)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, record=record)
    services_call(request, lambda: privacy_gate.attachment_confirm_checked(
        attachment=attachment, actor=request.user), f"已确认“{attachment.name}”经人工核对无个人信息。")  # fmt: skip
    return _back(record)


def services_call(request, run, done: str) -> bool:
    try:
        run()
    except ValidationError as exc:
        _errors(request, exc)
        return False
    except TransitionNotAllowed:
        messages.error(request, "该信息的状态已经改变(可能已被他人处理),请刷新页面后重试。")
        return False
    messages.success(request, done)
    return True


@login_required
@require_POST
def record_mask(request, pk):
    record = _record_for(request, pk, permissions.can_edit_record)
    try:
        report = privacy_gate.record_mask(record=record, actor=request.user)
    except ValidationError as exc:
        _errors(request, exc)
        return _back(record)
    counts = "、".join(
        f"{privacy_gate.KIND_LABELS.get(kind, kind)}{n}处" for kind, n in report.masked.items()
    )
    messages.success(request, f"已遮蔽:{counts}。" if counts else "没有需要遮蔽的内容。")
    for problem in report.problems:
        messages.error(request, problem)
    return _back(record)


@login_required
@require_POST
def record_exempt(request, pk):
    record = _record_for(request, pk, permissions.can_decide_privacy)
    form = ExemptionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "豁免须写明理由和依据。")
        return _back(record)
    services_call(
        request,
        lambda: privacy_gate.privacy_exempt(record=record, actor=request.user, **form.cleaned_data),
        "已登记豁免。",
    )
    return _back(record)


@login_required
@require_POST
def record_submit(request, pk):
    record = _record_for(request, pk, permissions.can_edit_record)
    services_call(
        request,
        lambda: services.record_submit(record=record, actor=request.user),
        "已提交保密审查。",
    )
    return _back(record)


@login_required
@require_POST
def record_secrecy_review(request, pk):
    record = _record_for(request, pk, permissions.can_secrecy_review)
    passed = request.POST.get("decision") == "pass"
    note = request.POST.get("note", "")
    services_call(
        request,
        lambda: services.record_secrecy_review(
            record=record, actor=request.user, passed=passed, note=note
        ),
        "保密审查通过,已送审批。" if passed else "已退回修改。",
    )
    return _back(record)


@login_required
@require_POST
def record_approve(request, pk):
    record = permissions.get_record_for_viewer(request.user, pk)
    approve = request.POST.get("decision") == "approve"
    allowed = permissions.can_approve(request.user, record) or (
        not approve and permissions.can_send_back(request.user, record)
    )
    if not allowed:
        raise Http404
    note = request.POST.get("note", "")
    services_call(
        request,
        lambda: services.record_approve(
            record=record, actor=request.user, approve=approve, note=note
        ),
        "已审批通过,内容已锁定。" if approve else "已退回修改。",
    )
    return _back(record)


@login_required
@require_POST
def record_publish(request, pk):
    record = _record_for(request, pk, permissions.can_publish)
    services_call(
        request, lambda: services.record_publish(record=record, actor=request.user), "已发布。"
    )
    return _back(record)


@login_required
@require_POST
def record_withdraw(request, pk):
    record = _record_for(request, pk, permissions.can_withdraw)
    reason = request.POST.get("reason", "")
    services_call(
        request,
        lambda: services.record_withdraw(record=record, actor=request.user, reason=reason),
        "已撤回,门户网站和搜索中不再显示。",
    )
    return _back(record)


@login_required
@require_POST
def record_waive(request, pk):
    record = _record_for(request, pk, permissions.can_decide_privacy)
    form = WaiverForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    services_call(
        request,
        lambda: services.record_waive_interpretation(
            record=record, actor=request.user, reason=reason
        ),
        "已记录不作解读的理由。",
    )
    return _back(record)


@login_required
@require_POST
def record_validity(request, pk):
    record = _record_for(request, pk, permissions.can_change_validity)
    form = ValidityForm(request.POST, record=record)
    if not form.is_valid():
        for field_name, errors in form.errors.items():
            label = form.fields[field_name].label if field_name in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}:{error}" if label else error)
        return _back(record)
    services_call(
        request,
        lambda: services.record_set_validity(
            record=record,
            actor=request.user,
            validity=form.cleaned_data["validity"],
            on=form.cleaned_data["on"],
            replaced_by=form.cleaned_data["replaced_by"],
        ),
        "已更新有效性。",
    )
    return _back(record)


@login_required
def interpretation_edit(request, pk, interpretation_pk=None):
    record = _record_for(request, pk, permissions.can_edit_record)
    interpretation = (
        get_object_or_404(Interpretation, pk=interpretation_pk, policy=record)
        if interpretation_pk
        else None
    )
    form = InterpretationForm(
        request.POST or None,
        initial=InterpretationForm.initial_from(interpretation) if interpretation else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.interpretation_save(
                policy=record,
                actor=request.user,
                data=form.interpretation_data(),
                interpretation=interpretation,
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, "已保存政策解读。")
            return _back(record)
    return render(
        request,
        "records/interpretation_form.html",
        {"record": record, "interpretation": interpretation, "form": form},
    )


@login_required
@require_POST
def interpretation_delete(request, pk, interpretation_pk):
    record = _record_for(request, pk, permissions.can_edit_record)
    interpretation = get_object_or_404(Interpretation, pk=interpretation_pk, policy=record)
    services.interpretation_delete(interpretation=interpretation, actor=request.user)
    messages.success(request, f"已删除解读“{interpretation.title}”。")
    return _back(record)


@login_required
def timeliness_board(request):
    """What is due soon and what is overdue: a unit's own, or every unit's for the office."""
    records = permissions.visible_records(request.user)
    unit_code = request.GET.get("unit", "")
    if unit_code and is_office_admin(request.user):
        records = records.filter(unit__code=unit_code)
    rows = selectors.timeliness_board(records, today=timezone.localdate())
    state = request.GET.get("state", "")
    if state:
        rows = [row for row in rows if row.state == state]
    return render(
        request,
        "records/timeliness.html",
        {"rows": rows, "state": state, "states": selectors.STATE_LABELS.items()},
    )


def _year(text: str) -> int:
    """A four-digit year from the query, else this year (bad input never reaches int())."""
    return int(text) if re.fullmatch(r"[0-9]{4}", text or "") else timezone.localdate().year


@login_required
def reassessment_page(request):
    """The year's 动态调整: progress per unit; a unit's approver decides its records."""
    year = _year(request.GET.get("year", ""))
    office = is_office_admin(request.user)
    units = None if office else Unit.objects.filter(memberships__user=request.user)
    decisions = (
        ReassessmentDecision.objects.filter(
            reassessment__year=year, reassessment__unit__memberships__user=request.user
        )
        .select_related("record", "reassessment__unit", "decided_by")
        .distinct()
    )
    return render(
        request,
        "records/reassessment.html",
        {
            "year": year,
            "office": office,
            "progress": reassessment.reassessment_progress(year, units=units),
            "decisions": [
                (d, permissions.can_reassess(request.user, d.reassessment.unit)) for d in decisions
            ],
        },
    )


@login_required
@require_POST
def reassessment_open(request):
    if not is_office_admin(request.user):
        raise Http404
    year = _year(request.POST.get("year", ""))
    try:
        opened = reassessment.reassessment_open(year=year, actor=request.user)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, f"已开启{year}年度动态调整:{len(opened)} 个单位有待评估的信息。")
    return redirect(f"{reverse('records:reassessment')}?year={year}")


@login_required
@require_POST
def reassessment_decide(request, decision_pk):
    decision = (
        ReassessmentDecision.objects.select_related("reassessment__unit")
        .filter(pk=decision_pk)
        .first()
    )
    if decision is None or not permissions.can_reassess(request.user, decision.reassessment.unit):
        raise Http404
    disclose = request.POST.get("decision") == "disclose"
    services_call(
        request,
        lambda: reassessment.reassessment_decide(
            decision=decision,
            actor=request.user,
            disclose=disclose,
            reason=request.POST.get("reason", ""),
        ),
        "已转为主动公开,退回编辑人员按流程发布。" if disclose else "已记录维持的理由。",
    )
    return redirect(f"{reverse('records:reassessment')}?year={decision.reassessment.year}")


@login_required
def cleanup_page(request, unit_code):
    """A unit's 清理: mark published records expired/repealed in a batch, then draft the result."""
    unit = get_unit_for_member(request.user, unit_code)
    if not permissions.can_clean_up(request.user, unit):
        raise Http404
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "mark":
                chosen = [pk for pk in request.POST.getlist("records") if pk.isdecimal()]
                records = list(
                    Record.objects.filter(unit=unit, status=Status.PUBLISHED, pk__in=chosen)
                )
                on = _posted_date(request.POST.get("on"), "变更日期")
                count = cleanup.records_set_validity_batch(
                    unit=unit, records=records, actor=request.user,
                    validity=request.POST.get("validity", ""), on=on,
                )  # fmt: skip
                messages.success(request, f"已标记 {count} 份文件。")
            elif action == "result":
                record = cleanup.cleanup_result_draft(
                    unit=unit,
                    actor=request.user,
                    since=_posted_date(request.POST.get("since"), "起始日期"),
                    until=_posted_date(request.POST.get("until"), "截止日期"),
                )
                messages.success(request, "已生成清理结果草稿,请按流程审核发布。")
                return _back(record)
        except ValidationError as exc:
            _errors(request, exc)
        return redirect("records:cleanup", unit_code=unit.code)
    return render(
        request,
        "records/cleanup.html",
        {
            "unit": unit,
            "in_force": Record.objects.filter(
                unit=unit, status=Status.PUBLISHED, validity=Record.Validity.IN_FORCE
            ).order_by("-published_at")[:500],
            "validities": [c for c in Record.Validity.choices if c[0] != "in_force"],
        },
    )


def _posted_date(text, label: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat((text or "").strip())
    except ValueError:
        raise ValidationError(f"请填写{label}(如 2026-11-30)") from None
