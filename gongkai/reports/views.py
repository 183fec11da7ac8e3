"""Staff pages of the annual report: the progress board, the report page with its checks and
drill-down, the written sections, the entered figures and the workflow steps.

Every view starts from `reports.permissions`: a report the user may not see,
or a step the user may not take, answers 404 exactly like a missing report,
and changes nothing.
"""

import datetime
import json
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.foi.models import Appeal, InfoRequest
from gongkai.orgs.models import Unit
from gongkai.orgs.permissions import get_unit_for_member, is_office_admin, visible_units
from gongkai.records.models import Record
from gongkai.reports import annual, document, layout, permissions, rules, sections, services
from gongkai.reports.docx import report_docx
from gongkai.reports.models import AnnualReport, EnteredFigure

Status = AnnualReport.Status
Code = EnteredFigure.Code


def tables_context(doc: dict, link=None) -> dict:
    """What `_tables.html` needs to draw tables 2–4 of `doc`."""
    return {
        "doc": doc,
        "t2": layout.table2(doc, link),
        "t3": layout.table3(doc, link),
        "t4": layout.table4(doc, link),
        "t4_labels": [layout.TABLE4_COLUMN_LABELS[c] for _, c in layout.TABLE4_COLUMNS],
    }


def countdown(unit, year: int, today: datetime.date) -> dict:
    due = rules.due_on(unit, year)
    left = (due - today).days
    if left < 0:
        text, urgency = f"已逾期{-left}天", "overdue"
    elif left == 0:
        text, urgency = "今日截止", "due_today"
    else:
        text, urgency = f"距截止还有{left}天", "due_soon" if left <= 14 else "ok"
    return {"due_on": due, "days_left": left, "text": text, "urgency": urgency}


def _default_year(today: datetime.date) -> int:
    return today.year - 1


def _year_param(request, today: datetime.date) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return _default_year(today)
    return year if 2008 <= year <= today.year else _default_year(today)


@login_required
def board(request):
    """Which units have compiled, approved, submitted and published their report on a year."""
    today = timezone.localdate()
    year = _year_param(request, today)
    office = is_office_admin(request.user)
    units = visible_units(request.user).existing_in(year).exclude(kind=Unit.Kind.VILLAGE)
    reports = {r.unit_id: r for r in AnnualReport.objects.filter(year=year, unit__in=units)}
    only_unpublished = request.GET.get("state") == "unpublished"
    rows = []
    for unit in units.order_by("kind", "sort_order", "name"):
        report = reports.get(unit.pk)
        if only_unpublished and report is not None and report.status == Status.PUBLISHED:
            continue
        rows.append(
            {
                "unit": unit,
                "report": report,
                # The office sees a unit's report from submission on; before that only its state.
                "visible": report is not None and permissions.can_view(request.user, report),
                "countdown": countdown(unit, year, today),
                "can_start": report is None and permissions.can_write(request.user, unit),
            }
        )
    published = sum(1 for r in reports.values() if r.status == Status.PUBLISHED)
    return render(
        request,
        "reports/board.html",
        {
            "year": year,
            "years": list(range(today.year, max(2020, today.year - 6), -1)),
            "rows": rows,
            "office": office,
            "only_unpublished": only_unpublished,
            "published": published,
            "unit_count": units.count(),
        },
    )


@login_required
@require_POST
def start(request, unit_code: str):
    unit = get_unit_for_member(request.user, unit_code)
    if not permissions.can_write(request.user, unit):
        raise Http404
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        messages.error(request, "年度:请填写四位数字年份")
        return redirect("reports:board")
    try:
        report = services.start(unit, year, actor=request.user)
    except services.ReportRefused as refused:
        for message in refused.messages:
            messages.error(request, message)
        return redirect(f"{reverse('reports:board')}?year={year}")
    return redirect("reports:report", unit_code=unit.code, year=report.year)


def _drill_link(report: AnnualReport):
    def link(table: str, row: str, column: str) -> str:
        return reverse(
            "reports:cell",
            kwargs={
                "unit_code": report.unit.code,
                "year": report.year,
                "table": table,
                "row": row,
                "column": column,
            },
        )

    return link


def _actions(user, report: AnnualReport) -> list[str]:
    unit, status = report.unit, report.status
    found = []
    if status == Status.DRAFT and permissions.can_write(user, unit):
        found += ["edit"]
    if permissions.can_approve(user, unit):
        found += {
            Status.DRAFT: ["approve"],
            Status.APPROVED: ["submit", "withdraw"],
            Status.SUBMITTED: ["publish"],
        }.get(status, [])
    if permissions.can_return(user, report):
        found.append("return")
    return found


@login_required
def report_page(request, unit_code: str, year: int):
    report = permissions.get_report_for(request.user, unit_code, year)
    doc = document.current(report)
    today = timezone.localdate()
    live_differs = False
    if report.is_frozen:
        live = document.build(report)
        live_differs = any(live[t] != doc[t] for t in ("table2", "table3", "table4"))
    context = tables_context(doc, _drill_link(report)) | {
        "report": report,
        "countdown": countdown(report.unit, year, today),
        "actions": _actions(request.user, report),
        "events": [
            (event, Status(event.new_status).label)
            for event in report.events.select_related("actor").order_by("-at", "-id")
        ],
        "live_differs": live_differs,
        "show_sources": True,
        "figures": report.figures.select_related("entered_by").order_by("code"),
    }
    return render(request, "reports/report.html", context)


def _writable(request, unit_code: str, year: int) -> AnnualReport:
    report = permissions.get_report_for(request.user, unit_code, year)
    if not permissions.can_write(request.user, report.unit) or report.status != Status.DRAFT:
        raise Http404
    return report


@login_required
def edit_text(request, unit_code: str, year: int):
    report = _writable(request, unit_code, year)
    values = {name: getattr(report, name) for name in services.TEXT_FIELDS}
    errors = []
    if request.method == "POST":
        values = {name: request.POST.get(name, "") for name in services.TEXT_FIELDS}
        try:
            services.save_text(report, actor=request.user, **values)
        except services.ReportRefused as refused:
            errors = refused.messages
        else:
            messages.success(request, "已保存")
            return redirect("reports:report", unit_code=unit_code, year=year)
    fields = [(name, label, values[name]) for name, label in sections.SECTIONS.items()] + [
        (
            "carried_in_explanation",
            "上年结转数与上年报告不一致的说明",
            values["carried_in_explanation"],
        )
    ]
    return render(
        request,
        "reports/text_form.html",
        {
            "report": report,
            "fields": fields,
            "errors": errors,
            "placeholders": sections.PLACEHOLDERS,
        },
        status=400 if errors else 200,
    )


@login_required
def edit_figures(request, unit_code: str, year: int):
    report = _writable(request, unit_code, year)
    entered = {f.code: f for f in report.figures.all()}
    values = {
        code: (
            format(entered[code].value.normalize(), "f") if code in entered else "",
            entered[code].source if code in entered else "",
        )
        for code in Code.values
    }
    errors = []
    if request.method == "POST":
        values = {
            code: (request.POST.get(f"{code}-value", ""), request.POST.get(f"{code}-source", ""))
            for code in Code.values
        }
        try:
            services.enter_figures(report, values, actor=request.user)
        except services.ReportRefused as refused:
            errors = refused.messages
        else:
            messages.success(request, "已保存表二填报数")
            return redirect("reports:report", unit_code=unit_code, year=year)
    rows = [(code, Code(code).label, *values[code]) for code in Code.values]
    return render(
        request,
        "reports/figures_form.html",
        {"report": report, "rows": rows, "errors": errors},
        status=400 if errors else 200,
    )


STEP_DONE = {
    "approve": "已审核,报告内容已定稿",
    "withdraw": "已撤回审核,报告回到草稿",
    "submit": "已报送政务公开办",
    "publish": "已发布到门户网站年报栏目",
    "return": "已退回单位修改",
}


@login_required
@require_POST
def step(request, unit_code: str, year: int, action: str):
    report = permissions.get_report_for(request.user, unit_code, year)
    if action not in _actions(request.user, report) or action == "edit":
        raise Http404
    note = request.POST.get("note", "")
    run = {
        "approve": lambda: services.approve(report, actor=request.user),
        "withdraw": lambda: services.withdraw_approval(report, actor=request.user, note=note),
        "submit": lambda: services.submit(report, actor=request.user),
        "publish": lambda: services.publish(report, actor=request.user),
        "return": lambda: services.return_report(report, actor=request.user, opinion=note),
    }[action]
    try:
        run()
    except services.ReportRefused as refused:
        for message in refused.messages:
            messages.error(request, message)
    else:
        messages.success(request, STEP_DONE[action])
    if action == "return":
        return redirect(f"{reverse('reports:board')}?year={year}")
    return redirect("reports:report", unit_code=unit_code, year=year)


TABLE3_ROW_LABELS = {row: labels[-1].text for row, labels in layout.TABLE3_LABELS}


@login_required
def cell(request, unit_code: str, year: int, table: str, row: str, column: str):
    """The cases, appeals or records behind one number of the report (as computed now)."""
    report = permissions.get_report_for(request.user, unit_code, year)
    unit = report.unit
    context = {"report": report, "table": table, "cases": None, "appeals": None, "records": None}
    cases = InfoRequest.objects.filter(unit=unit)
    if table == "table3" and row in annual.ROWS and column in annual.COLUMNS:
        ids = annual.table3_case_ids(cases, year, row, column)
        context["cases"] = InfoRequest.objects.filter(pk__in=ids).order_by("received_on", "pk")
        column_label = document.COLUMN_LABELS[column]
        context["title"] = f"表三 · {TABLE3_ROW_LABELS[row]} · {column_label}"
    elif table == "table4" and row in annual.APPEAL_BLOCKS and column in annual.APPEAL_COLUMNS:
        ids = annual.table4_appeal_ids(cases, year, row, column)
        context["appeals"] = (
            Appeal.objects.filter(pk__in=ids).select_related("info_request").order_by("filed_on")
        )
        context["title"] = (
            f"表四 · {Appeal.Kind(row).label} · {layout.TABLE4_COLUMN_LABELS[column]}"
        )
    elif table == "table2" and row in annual.DOCUMENT_TYPES and column in annual.DOCUMENT_COLUMNS:
        records = Record.objects.filter(unit=unit)
        context["records"] = annual.table2_records(records, year, row, column).order_by(
            "-published_at"
        )
        labels = {"issued": "本年制发件数", "repealed": "本年废止件数", "in_force": "现行有效件数"}
        context["title"] = f"表二 · {layout.TABLE2_DOCUMENT_LABELS[row]} · {labels[column]}"
    elif table == "table2" and row in Code.values and column == "value":
        context["figure"] = report.figures.select_related("entered_by").filter(code=row).first()
        context["title"] = f"表二 · {Code(row).label}"
    else:
        raise Http404
    return render(request, "reports/cell.html", context)


def _filename(doc: dict, extension: str) -> str:
    # A downloaded draft must not pass for the published report once it leaves the system.
    marked = (
        "" if doc.get("status") == AnnualReport.Status.PUBLISHED else f"({doc['status_label']})"
    )
    return f"{doc['title']}{marked}.{extension}"


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


@login_required
def export(request, unit_code: str, year: int, fmt: str):
    report = permissions.get_report_for(request.user, unit_code, year)
    doc = document.current(report) | {"status_label": report.get_status_display()}
    if fmt == "json":
        return _download(
            json.dumps(doc, ensure_ascii=False, indent=1).encode(),
            "application/json; charset=utf-8",
            _filename(doc, "json"),
        )
    if fmt == "docx":
        return _download(
            report_docx(doc),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            _filename(doc, "docx"),
        )
    raise Http404


@login_required
def city(request, year: int):
    """The office's city-wide sum of every unit's figures."""
    if not is_office_admin(request.user):
        raise Http404
    today = timezone.localdate()
    if not 2008 <= year <= today.year:
        raise Http404
    doc = document.build_city(Unit.objects.existing_in(year), year)
    return render(
        request,
        "reports/city.html",
        tables_context(doc) | {"year": year, "show_sources": True},
    )
