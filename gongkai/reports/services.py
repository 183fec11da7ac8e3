"""Every change to an annual report: start, write, enter figures, approve, submit, publish.

Each function checks what it is given, changes everything or nothing
(`ReportRefused` carries the messages, each naming its field), and writes an
audit event with the actor. Permission checks are the caller's (views and
commands go through `reports.permissions`).
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from gongkai.core.audit import audit_record
from gongkai.core.transitions import move
from gongkai.reports import document, rules, sections
from gongkai.reports.models import AnnualReport, EnteredFigure

Status = AnnualReport.Status
Code = EnteredFigure.Code
TEXT_FIELDS = [*sections.SECTIONS, "carried_in_explanation"]
MAX_FEES_10K_YUAN = Decimal("9999999999")


class ReportRefused(Exception):
    """The change was refused; `messages` say why, each naming its field or check."""

    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__(";".join(messages))


def year_problem(unit, year: int, today: datetime.date) -> str | None:
    """Why no report on `year` can exist for `unit`, or None."""
    if year > today.year:
        return f"{year}年尚未到来,不能编制该年度报告"
    if year < 2008:
        # 《条例》 took effect on 2008-05-01: there are no earlier annual reports.
        return f"{year}年早于《政府信息公开条例》施行,没有年度报告"
    if not unit.existed_in(year):
        return f"{unit.name}在{year}年不存在(设立或撤并日期之外)"
    return None


def _locked(report: AnnualReport) -> AnnualReport:
    """`report` itself, locked and re-read: callers holding it see every change made."""
    AnnualReport.objects.select_for_update().filter(pk=report.pk).exists()
    report.refresh_from_db()
    return report


def start(unit, year: int, *, actor, today: datetime.date | None = None) -> AnnualReport:
    """The unit's report on `year`, created from last year's text if it does not exist yet."""
    if problem := year_problem(unit, year, today or timezone.localdate()):
        raise ReportRefused([problem])
    with transaction.atomic():
        report = AnnualReport.objects.filter(unit=unit, year=year).first()
        if report is not None:
            return report
        earlier = AnnualReport.objects.filter(unit=unit, year__lt=year).order_by("-year").first()
        texts = (
            {name: getattr(earlier, name) for name in sections.SECTIONS}
            if earlier is not None
            else rules.starting_sections()
        )
        report = AnnualReport.objects.create(unit=unit, year=year, **texts)
        audit_record(
            actor=actor,
            action="annualreport.created",
            obj=report,
            after={"year": year, "from_year": earlier.year if earlier else None},
        )
    return report


def _require_draft(report: AnnualReport) -> None:
    if report.status != Status.DRAFT:
        raise ReportRefused([f"报告当前状态为“{report.get_status_display()}”,只有草稿可以修改"])


def save_text(report: AnnualReport, *, actor, **texts: str) -> AnnualReport:
    """Save sections 一、五、六 and the carried-in explanation (only those given)."""
    unknown = set(texts) - set(TEXT_FIELDS)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    errors = []
    for name, text in texts.items():
        if name in sections.SECTIONS and (bad := sections.unknown_placeholders(text)):
            errors.append(
                f"“{sections.SECTIONS[name]}”含有无法识别的占位符:{'、'.join(bad)}"
                f"(可用:{'、'.join('{' + p + '}' for p in sections.PLACEHOLDERS)})"
            )
    if errors:
        raise ReportRefused(errors)
    with transaction.atomic():
        report = _locked(report)
        _require_draft(report)
        before = {name: getattr(report, name) for name in texts}
        for name, text in texts.items():
            setattr(report, name, text.replace("\r\n", "\n").strip())
        report.save(update_fields=[*texts, "updated_at"])
        audit_record(
            actor=actor,
            action="annualreport.text_saved",
            obj=report,
            before=before,
            after={name: getattr(report, name) for name in texts},
        )
    return report


def parse_figure(code: str, raw: str) -> Decimal:
    """A table-2 figure as typed (整数 for decisions, up to 4 decimals of 万元 for fees)."""
    label = Code(code).label
    text = (raw or "").strip().replace(",", "").replace(",", "").replace(" ", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ReportRefused([f"“{label}”:“{raw}”不是数字"]) from None
    if not value.is_finite():
        raise ReportRefused([f"“{label}”:“{raw}”不是数字"])
    if value < 0:
        raise ReportRefused([f"“{label}”:不能为负数"])
    if code in document.DECISION_CODES:
        if value != value.to_integral_value():
            raise ReportRefused([f"“{label}”:处理决定数量应为整数"])
        return value.to_integral_value()
    if value.as_tuple().exponent < -4:
        raise ReportRefused([f"“{label}”:最多保留4位小数(单位:万元)"])
    if value > MAX_FEES_10K_YUAN:
        raise ReportRefused([f"“{label}”:数值过大,请确认单位为万元"])
    return value


def enter_figures(report: AnnualReport, entries: dict[str, tuple[str, str]], *, actor) -> None:
    """Enter table-2 figures: {code: (value as typed, source)}; all or nothing.

    An empty value with an empty source clears the figure; a value needs its source.
    """
    values, errors = {}, []
    for code, (raw, source) in entries.items():
        if code not in Code.values:
            errors.append(f"未知的表二项目“{code}”")
            continue
        label, source = Code(code).label, (source or "").strip()
        if not (raw or "").strip():
            if source:
                errors.append(f"“{label}”:填写了数据来源但没有填数值")
            values[code] = None
            continue
        try:
            values[code] = parse_figure(code, raw)
        except ReportRefused as refused:
            errors += refused.messages
            continue
        if not source:
            errors.append(f"“{label}”:请注明数据来源(如某业务系统某日导出)")
        elif len(source) > 200:
            errors.append(f"“{label}”:数据来源不能超过200字")
        else:
            values[code] = (values[code], source)
    if errors:
        raise ReportRefused(errors)
    with transaction.atomic():
        report = _locked(report)
        _require_draft(report)
        existing = {figure.code: figure for figure in report.figures.all()}
        before = {code: [str(f.value), f.source] for code, f in existing.items()}
        for code, entry in values.items():
            if entry is None:
                if code in existing:
                    existing[code].delete()
                continue
            value, source = entry
            EnteredFigure.objects.update_or_create(
                report=report,
                code=code,
                defaults={
                    "value": value,
                    "source": source,
                    "entered_by": actor,
                    "entered_at": timezone.now(),
                },
            )
        report.save(update_fields=["updated_at"])
        audit_record(
            actor=actor,
            action="annualreport.figures_entered",
            obj=report,
            before=before,
            after={
                code: [str(entry[0]), entry[1]] if entry else None for code, entry in values.items()
            },
        )


def approve(report: AnnualReport, *, actor) -> AnnualReport:
    """The approver signs: the report must pass every check; its content is frozen."""
    with transaction.atomic():
        report = _locked(report)
        _require_draft(report)
        content = document.build(report)
        if content["checks"]:
            raise ReportRefused(content["checks"])
        content.pop("status")
        report.snapshot = content
        report.snapshot_hash = document.digest(content)
        report.save(update_fields=["snapshot", "snapshot_hash", "updated_at"])
        move(
            report,
            Status.APPROVED,
            table=AnnualReport.TRANSITIONS,
            actor=actor,
            data={"hash": report.snapshot_hash, "warnings": content["warnings"]},
        )
    return report


def _back_to_draft(report: AnnualReport, *, expected: str, actor, note: str) -> AnnualReport:
    with transaction.atomic():
        report = _locked(report)
        if report.status != expected:
            raise ReportRefused([f"报告当前状态为“{report.get_status_display()}”,不能退回"])
        report.snapshot, report.snapshot_hash = {}, ""
        report.save(update_fields=["snapshot", "snapshot_hash", "updated_at"])
        move(report, Status.DRAFT, table=AnnualReport.TRANSITIONS, actor=actor, note=note)
    return report


def withdraw_approval(report: AnnualReport, *, actor, note: str = "") -> AnnualReport:
    """The approver takes the approval back (to correct something); the snapshot goes."""
    return _back_to_draft(report, expected=Status.APPROVED, actor=actor, note=note)


def return_report(report: AnnualReport, *, actor, opinion: str) -> AnnualReport:
    """The openness office returns a submitted report with its written opinion."""
    if not opinion.strip():
        raise ReportRefused(["退回时请填写退回意见"])
    return _back_to_draft(report, expected=Status.SUBMITTED, actor=actor, note=opinion.strip())


def _step(report: AnnualReport, to: str, *, actor) -> AnnualReport:
    with transaction.atomic():
        report = _locked(report)
        if to not in AnnualReport.TRANSITIONS[report.status]:
            raise ReportRefused(
                [f"报告当前状态为“{report.get_status_display()}”,不能{Status(to).label}"]
            )
        if to == Status.PUBLISHED:
            report.published_at = timezone.now()
            report.save(update_fields=["published_at", "updated_at"])
        move(report, to, table=AnnualReport.TRANSITIONS, actor=actor)
    return report


def submit(report: AnnualReport, *, actor) -> AnnualReport:
    """Send the approved report to the openness office (《条例》第四十九条)."""
    return _step(report, Status.SUBMITTED, actor=actor)


def publish(report: AnnualReport, *, actor) -> AnnualReport:
    """Publish the submitted report to the portal's 年报 column; final."""
    return _step(report, Status.PUBLISHED, actor=actor)
