"""The annual report's tables (国办公开办函〔2021〕30号), computed from the system's own data.

Table 3 counts disclosure applications by applicant kind:
- `new`: received in the year; `carried_in`: received before it and not replied
  before it; each outcome row: replied in the year with that outcome; `total`:
  the sum of the outcome rows; `carried_out`: received by the year's end and not
  replied by then. "Replied" is the day that counts against the deadline
  (`InfoRequest.replied_on`: posted, signed or sent), so a letter issued in
  December and posted in January belongs to January.
Table 4 counts 行政复议 and 行政诉讼 filed in the year, by result as at the year's end.
Table 2's first block counts 规章 and 行政规范性文件 from the records; the other
blocks (许可, 处罚, 强制, 收费) live in other systems and are entered by the unit
(not yet built: reported as missing).

`checks` applies the format's cross-checks (统计口径); a report with a failing
check cannot be submitted.
"""

import datetime

from django.db.models import Q

from gongkai.foi.models import Appeal, ApplicantKind, InfoRequest, Outcome
from gongkai.records.models import Record

COLUMNS = [*ApplicantKind.values, "total"]
OUTCOME_ROWS = list(Outcome.values)
ROWS = ["new", "carried_in", *OUTCOME_ROWS, "total", "carried_out"]
APPEAL_BLOCKS = [
    Appeal.Kind.REVIEW,
    Appeal.Kind.LITIGATION_DIRECT,
    Appeal.Kind.LITIGATION_AFTER_REVIEW,
]
APPEAL_COLUMNS = [*Appeal.Result.values, "total"]


def _empty_row() -> dict[str, int]:
    return dict.fromkeys(COLUMNS, 0)


def table3(cases, year: int) -> dict[str, dict[str, int]]:
    """Table 3 for the cases of `cases` (a queryset of InfoRequest) in `year`."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    table = {row: _empty_row() for row in ROWS}
    rows = cases.filter(received_on__lte=last).filter(
        Q(replied_on__isnull=True) | Q(replied_on__gte=first)
    )
    for kind, received_on, replied_on, outcome in rows.values_list(
        "applicant_kind", "received_on", "replied_on", "outcome"
    ).iterator(chunk_size=5000):
        if received_on >= first:
            table["new"][kind] += 1
        else:
            table["carried_in"][kind] += 1
        if replied_on is not None and replied_on <= last and outcome:
            table[outcome][kind] += 1
            table["total"][kind] += 1
        else:
            table["carried_out"][kind] += 1
    for row in table.values():
        row["total"] = sum(row[kind] for kind in ApplicantKind.values)
    return table


def table4(cases, year: int) -> dict[str, dict[str, int]]:
    """Table 4: appeals filed in `year` about `cases`, by result as at the year's end."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    table = {block: dict.fromkeys(APPEAL_COLUMNS, 0) for block in APPEAL_BLOCKS}
    appeals = Appeal.objects.filter(
        info_request__in=cases, filed_on__gte=first, filed_on__lte=last
    ).values_list("kind", "result", "decided_on")
    for kind, result, decided_on in appeals:
        decided = result != Appeal.Result.PENDING and decided_on is not None and decided_on <= last
        table[kind][result if decided else Appeal.Result.PENDING] += 1
        table[kind]["total"] += 1
    return table


def table2_documents(records, year: int) -> dict[str, dict[str, int]]:
    """Table 2, block 第二十条第(一)项: 规章 and 行政规范性文件 issued, repealed, in force."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    published = records.filter(status=Record.Status.PUBLISHED)
    table = {}
    for doc_type in (Record.DocType.RULE, Record.DocType.NORMATIVE):
        mine = published.filter(doc_type=doc_type)
        ended = Q(validity__in=[Record.Validity.REPEALED, Record.Validity.EXPIRED])
        table[doc_type] = {
            "issued": mine.filter(published_at__date__gte=first, published_at__date__lte=last).count(),
            "repealed": mine.filter(ended, validity_changed_on__gte=first, validity_changed_on__lte=last).count(),
            "in_force": mine.filter(published_at__date__lte=last)
            .exclude(ended & Q(validity_changed_on__lte=last))
            .count(),
        }  # fmt: skip
    return table


def checks(t3: dict, t4: dict) -> list[str]:
    """The format's cross-checks; each failure named by its column or block."""
    failures = []
    labels = dict(ApplicantKind.choices) | {"total": "总计"}
    for column in COLUMNS:
        label = labels[column]
        if (
            t3["new"][column] + t3["carried_in"][column]
            != t3["total"][column] + t3["carried_out"][column]
        ):
            failures.append(f"表三“{label}”列:本年新收+上年结转 ≠ 办理结果总计+结转下年度")
        if t3["total"][column] != sum(t3[row][column] for row in OUTCOME_ROWS):
            failures.append(f"表三“{label}”列:总计 ≠ 各办理结果之和")
    for row, values in t3.items():
        if values["total"] != sum(values[kind] for kind in ApplicantKind.values):
            failures.append(f"表三“{row}”行:总计 ≠ 各类申请人之和")
    for block, values in t4.items():
        if values["total"] != sum(values[result] for result in Appeal.Result.values):
            failures.append(f"表四“{Appeal.Kind(block).label}”:总计 ≠ 各结果之和")
    return failures


def annual_tables(*, units, year: int) -> dict:
    """Tables 2 (documents block), 3 and 4 for `units` (one unit, or the whole city) in `year`."""
    cases = InfoRequest.objects.filter(unit__in=units)
    records = Record.objects.filter(unit__in=units)
    t3, t4 = table3(cases, year), table4(cases, year)
    return {
        "year": year,
        "table2": {
            "documents": table2_documents(records, year),
            # Figures kept in other systems, entered by the unit (not yet built).
            "entered": {
                "licensing": None,
                "penalty": None,
                "enforcement": None,
                "fees_10k_yuan": None,
            },
        },
        "table3": t3,
        "table4": t4,
        "checks": checks(t3, t4),
    }
