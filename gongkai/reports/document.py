"""The whole annual report as one dict: what the JSON, HTML and .docx outputs show.

`build(report)` computes it live from cases, records and the entered figures;
approval freezes that dict into `AnnualReport.snapshot`, and `current(report)`
returns the snapshot of a frozen report, so every output of a published report
shows exactly what was approved.

Blocks (`failures`, the report cannot be approved) are the format's cross-checks,
missing table-2 figures, an unexplained difference from last year's published
carried-out figures, bad placeholders and unwritten sections. Warnings (`warnings`)
ask for a second look: everything zero, figures or text identical to last year's,
large swings.
"""

import datetime
import hashlib
import json
from decimal import Decimal

from django.db.models import Count, Sum

from gongkai.foi.models import ApplicantKind, Outcome, Pause
from gongkai.records.models import Record
from gongkai.reports import annual, rules, sections
from gongkai.reports.models import AnnualReport, EnteredFigure

Code = EnteredFigure.Code
DECISION_CODES = [Code.LICENSING, Code.PENALTY, Code.ENFORCEMENT]
COLUMN_LABELS = dict(ApplicantKind.choices) | {"total": "总计"}
ROW_LABELS = {
    "new": "本年新收",
    "carried_in": "上年结转",
    "total": "办理结果总计",
    "carried_out": "结转下年度继续办理",
} | {value: str(label) for value, label in Outcome.choices}


def title(unit, year: int) -> str:
    return f"{unit.name_on(datetime.date(year, 12, 31))}{year}年政府信息公开工作年度报告"


def value_key(code: str) -> str:
    """The JSON key of an entered figure: a count of decisions, or 万元 of fees."""
    return "decisions" if code in DECISION_CODES else "amount_10k_yuan"


def _figure_value(code: str, value: Decimal | None):
    if value is None:
        return None
    if code in DECISION_CODES:
        return int(value)
    # 万元 as written, without trailing zeros ("3.25", not "3.2500").
    return format(value.normalize(), "f")


def table2(documents: dict, figures: dict[str, EnteredFigure]) -> dict:
    """Table 2 in the JSON shape: the documents block plus the entered figures with sources."""
    block = {doc_type: dict(values) for doc_type, values in documents.items()}
    for code in Code.values:
        figure = figures.get(code)
        key = value_key(code)
        block[code] = {
            key: _figure_value(code, figure.value if figure else None),
            "source": figure.source if figure else "",
        }
    return block


def _fees_charged(units, year: int) -> tuple[int, Decimal]:
    """Fee notices paid in `year` (a fee wait that ended without the case closing as other.2)."""
    paid = (
        Pause.objects.filter(
            info_request__unit__in=units,
            kind=Pause.Kind.FEE,
            amount_yuan__isnull=False,
            ended_on__year=year,
        )
        .exclude(info_request__outcome="other.2")
        .aggregate(cases=Count("info_request", distinct=True), amount=Sum("amount_yuan"))
    )
    return paid["cases"] or 0, paid["amount"] or Decimal(0)


def facts(unit, year: int, tables: dict, t2: dict) -> dict:
    """The figures the written sections may cite, by placeholder name."""
    t3, t4 = tables["table3"], tables["table4"]
    published = Record.objects.filter(
        unit=unit, status=Record.Status.PUBLISHED, published_at__year=year
    ).count()
    fee_cases, fee_amount = _fees_charged([unit], year)
    return {
        "年度": year,
        "单位": unit.name_on(datetime.date(year, 12, 31)),
        "主动公开信息数": published,
        "本年制发规范性文件数": t2[Record.DocType.NORMATIVE]["issued"],
        "新收申请数": t3["new"]["total"],
        "上年结转申请数": t3["carried_in"]["total"],
        "办结申请数": t3["total"]["total"],
        "结转下年申请数": t3["carried_out"]["total"],
        "予以公开数": t3["disclosed"]["total"],
        "部分公开数": t3["partly_disclosed"]["total"],
        "行政复议数": t4["review"]["total"],
        "行政诉讼数": t4["litigation_direct"]["total"] + t4["litigation_after_review"]["total"],
        "收费申请件数": fee_cases,
        "收费金额元": format(fee_amount.quantize(Decimal("0.01")), "f"),
    }


def last_published(unit, year: int) -> dict | None:
    """The snapshot of `unit`'s published report on `year`, if the platform has one."""
    report = AnnualReport.objects.filter(
        unit=unit, year=year, status=AnnualReport.Status.PUBLISHED
    ).first()
    return report.snapshot if report else None


def _section_failures(texts: dict[str, str]) -> list[str]:
    failures = []
    for name, label in sections.SECTIONS.items():
        text = texts[name]
        if not text.strip():
            failures.append(f"“{label}”尚未填写")
        if bad := sections.unknown_placeholders(text):
            failures.append(f"“{label}”含有无法识别的占位符:{'、'.join(bad)}")
        if sections.TO_BE_WRITTEN in text:
            failures.append(f"“{label}”仍有“{sections.TO_BE_WRITTEN}”处未写")
    return failures


def _carried_in_difference(t3: dict, last: dict | None) -> list[str]:
    """Per column, where this year's carried-in differs from last year's published carried-out."""
    if last is None:
        return []
    before = last["table3"]["carried_out"]
    return [
        f"{COLUMN_LABELS[column]}:本年报告{t3['carried_in'][column]}件,上年报告{before[column]}件"
        for column in annual.COLUMNS
        if t3["carried_in"][column] != before.get(column, 0)
    ]


def _swing(label: str, now: int | str, before: int | str, year: int) -> str | None:
    """A warning when a figure moved a lot; figures are ints or 万元 strings, shown as written."""
    ratio, minimum = rules.swing_thresholds()
    change = abs(float(now) - float(before))
    if change >= minimum and change > ratio * max(float(before), 1):
        return f"{label}由{year - 1}年的{before}变为{now},变化较大,请核实"
    return None


def _warnings(document: dict, last: dict | None, year: int) -> list[str]:
    t2, t3, t4 = document["table2"], document["table3"], document["table4"]
    found = []
    numbers = [v for row in t3.values() for v in row.values()]
    numbers += [v for block in t4.values() for v in block.values()]
    numbers += [t2[d][c] for d in annual.DOCUMENT_TYPES for c in annual.DOCUMENT_COLUMNS]
    numbers += [float(t2[c]["decisions"] or 0) for c in DECISION_CODES]
    numbers += [float(t2[Code.FEES]["amount_10k_yuan"] or 0)]
    if not any(numbers):
        found.append("表二至表四全部为零,请核实是否漏统")
    if last is None:
        return found
    if any(any(row.values()) for row in t3.values()) and t3 == last["table3"]:
        found.append(f"表三与{year - 1}年度报告完全相同,请核实是否照抄上年")
    for code in Code.values:
        key = value_key(code)
        now, before = t2[code][key], last["table2"].get(code, {}).get(key)
        if now is None or before is None:
            continue
        if now == before and float(now) != 0:
            found.append(f"表二“{Code(code).label}”与{year - 1}年度报告相同({now}),请核实")
        elif warning := _swing(f"表二“{Code(code).label}”", now, before, year):
            found.append(warning)
    for row in ("new", "total"):
        if warning := _swing(
            f"表三“{ROW_LABELS[row]}”总计", t3[row]["total"], last["table3"][row]["total"], year
        ):
            found.append(warning)
    for name, label in sections.SECTIONS.items():
        text = document["sections"][name]
        if text.strip() and text == last["sections"].get(name):
            found.append(f"“{label}”与{year - 1}年度报告一字不差,请按本年情况撰写")
    return found


def build(report: AnnualReport) -> dict:
    """The report computed now from the platform's data and the unit's entries."""
    unit, year = report.unit, report.year
    tables = annual.annual_tables(units=[unit], year=year)
    # An unsaved report (the command line's view of a unit that has not started one) has no figures.
    figures = {f.code: f for f in report.figures.all()} if report.pk else {}
    t2 = table2(tables["documents"], figures)
    texts = {name: getattr(report, name) for name in sections.SECTIONS}
    filled = facts(unit, year, tables, t2)
    last = last_published(unit, year - 1)
    failures = list(tables["checks"])
    for code in Code.values:
        key = value_key(code)
        if t2[code][key] is None:
            failures.append(f"表二“{Code(code).label}”未填报")
    failures += _section_failures(texts)
    difference = _carried_in_difference(tables["table3"], last)
    if difference and not report.carried_in_explanation.strip():
        failures.append(
            f"表三“上年结转”与{year - 1}年度已发布报告的“结转下年度继续办理”不一致"
            f"({';'.join(difference)}),请书面说明原因"
        )
    document = {
        "unit": {"code": unit.code, "name": filled["单位"]},
        "year": year,
        "title": title(unit, year),
        "status": report.status,
        "sections": {name: sections.render(text, filled) for name, text in texts.items()},
        "table2": t2,
        "table3": tables["table3"],
        "table4": tables["table4"],
        "carried_in": {
            "last_year_published": last is not None,
            "differences": difference,
            "explanation": report.carried_in_explanation.strip(),
        },
        "checks": failures,
    }
    document["warnings"] = _warnings(document, last, year)
    return document


def build_city(units, year: int) -> dict:
    """The whole city (all `units` summed): tables only.

    Entered figures are summed from the units' approved, submitted or published
    reports, the ones an approver has signed; the source says how many units that is.
    """
    tables = annual.annual_tables(units=units, year=year)
    signed = EnteredFigure.objects.filter(
        report__unit__in=units, report__year=year, report__status__in=AnnualReport.FROZEN
    )
    reports = signed.values("report").distinct().count()
    totals: dict[str, Decimal] = {}
    for code, value in signed.values_list("code", "value"):
        totals[code] = totals.get(code, Decimal(0)) + value
    t2 = table2(tables["documents"], {})
    for code, value in totals.items():
        key = value_key(code)
        t2[code] = {
            key: _figure_value(code, value),
            "source": f"{reports}个单位已审核报告的填报数合计",
        }
    return {
        "city": True,
        "year": year,
        "title": f"全市{year}年政府信息公开工作年度报告数据汇总",
        "table2": t2,
        "table3": tables["table3"],
        "table4": tables["table4"],
        "checks": tables["checks"],
    }


def current(report: AnnualReport) -> dict:
    """What the report says now: its frozen snapshot once approved, else computed live."""
    if report.is_frozen and report.snapshot:
        return report.snapshot | {"status": report.status}
    return build(report)


def digest(document: dict) -> str:
    frozen = {key: value for key, value in document.items() if key != "status"}
    text = json.dumps(frozen, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()
