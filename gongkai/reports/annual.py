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
(`EnteredFigure`, put together with these in `reports.document`).
Each count has a twin returning the cases, appeals or records behind one cell,
sharing its classification, for the staff page's drill-down.

`checks` applies the format's cross-checks (统计口径); a report with a failing
check cannot be submitted.
"""

import datetime

from django.db.models import Q
from django.utils import timezone

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


def _rows_of(received_on, replied_on, outcome, first, last) -> tuple[str, str]:
    """The two rows one case counts in: (new | carried_in, its outcome | carried_out)."""
    arrival = "new" if received_on >= first else "carried_in"
    if replied_on is not None and replied_on <= last and outcome:
        return arrival, outcome
    return arrival, "carried_out"


def _year_cases(cases, year: int):
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return (
        first,
        last,
        cases.filter(received_on__lte=last).filter(
            Q(replied_on__isnull=True) | Q(replied_on__gte=first)
        ),
    )


def table3(cases, year: int) -> dict[str, dict[str, int]]:
    """Table 3 for the cases of `cases` (a queryset of InfoRequest) in `year`."""
    first, last, rows = _year_cases(cases, year)
    table = {row: _empty_row() for row in ROWS}
    for kind, received_on, replied_on, outcome in rows.values_list(
        "applicant_kind", "received_on", "replied_on", "outcome"
    ).iterator(chunk_size=5000):
        arrival, result = _rows_of(received_on, replied_on, outcome, first, last)
        table[arrival][kind] += 1
        table[result][kind] += 1
        if result != "carried_out":
            table["total"][kind] += 1
    for row in table.values():
        row["total"] = sum(row[kind] for kind in ApplicantKind.values)
    return table


def table3_case_ids(cases, year: int, row: str, column: str) -> list[int]:
    """The cases behind one cell of table 3 (the drill-down), classified as `table3` counts."""
    if row not in ROWS or column not in COLUMNS:
        return []
    first, last, rows = _year_cases(cases, year)
    if column != "total":
        rows = rows.filter(applicant_kind=column)
    found = []
    for pk, received_on, replied_on, outcome in rows.values_list(
        "pk", "received_on", "replied_on", "outcome"
    ).iterator(chunk_size=5000):
        arrival, result = _rows_of(received_on, replied_on, outcome, first, last)
        if row in (arrival, result) or (row == "total" and result != "carried_out"):
            found.append(pk)
    return found


def _year_appeals(cases, year: int):
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return last, Appeal.objects.filter(
        info_request__in=cases, filed_on__gte=first, filed_on__lte=last
    )


def _appeal_column(result: str, decided_on, last) -> str:
    # A decision taken after the year's end does not count: still pending at the year's end.
    decided = result != Appeal.Result.PENDING and decided_on is not None and decided_on <= last
    return result if decided else Appeal.Result.PENDING


def table4(cases, year: int) -> dict[str, dict[str, int]]:
    """Table 4: appeals filed in `year` about `cases`, by result as at the year's end."""
    last, appeals = _year_appeals(cases, year)
    table = {block: dict.fromkeys(APPEAL_COLUMNS, 0) for block in APPEAL_BLOCKS}
    for kind, result, decided_on in appeals.values_list("kind", "result", "decided_on"):
        table[kind][_appeal_column(result, decided_on, last)] += 1
        table[kind]["total"] += 1
    return table


def table4_appeal_ids(cases, year: int, block: str, column: str) -> list[int]:
    """The appeals behind one cell of table 4 (the drill-down)."""
    if block not in APPEAL_BLOCKS or column not in APPEAL_COLUMNS:
        return []
    last, appeals = _year_appeals(cases, year)
    return [
        pk
        for pk, result, decided_on in appeals.filter(kind=block).values_list(
            "pk", "result", "decided_on"
        )
        if column == "total" or _appeal_column(result, decided_on, last) == column
    ]


DOCUMENT_TYPES = [Record.DocType.RULE, Record.DocType.NORMATIVE]
DOCUMENT_COLUMNS = ["issued", "repealed", "in_force"]


def _year_start(year: int) -> datetime.datetime:
    # Midnight of 1 January in the platform's time zone (Beijing time): a range on
    # the stored instant uses the index, where `published_at__date` would convert
    # every row (on SQLite, a Python call per row).
    return timezone.make_aware(datetime.datetime(year, 1, 1))


def table2_records(records, year: int, doc_type: str, column: str):
    """The records behind one cell of table 2's 第二十条第(一)项 block."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    start, end = _year_start(year), _year_start(year + 1)
    mine = records.filter(status=Record.Status.PUBLISHED, doc_type=doc_type)
    ended = Q(validity__in=[Record.Validity.REPEALED, Record.Validity.EXPIRED])
    if column == "issued":
        return mine.filter(published_at__gte=start, published_at__lt=end)
    if column == "repealed":
        return mine.filter(ended, validity_changed_on__gte=first, validity_changed_on__lte=last)
    if column == "in_force":
        return mine.filter(published_at__lt=end).exclude(ended & Q(validity_changed_on__lte=last))
    return records.none()


def table2_documents(records, year: int) -> dict[str, dict[str, int]]:
    """Table 2, block 第二十条第(一)项: 规章 and 行政规范性文件 issued, repealed, in force."""
    return {
        doc_type: {
            column: table2_records(records, year, doc_type, column).count()
            for column in DOCUMENT_COLUMNS
        }
        for doc_type in DOCUMENT_TYPES
    }


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
    """Table 2's documents block and tables 3 and 4 for `units` (one unit, or the whole city)."""
    cases = InfoRequest.objects.filter(unit__in=units)
    records = Record.objects.filter(unit__in=units)
    t3, t4 = table3(cases, year), table4(cases, year)
    return {
        "year": year,
        "documents": table2_documents(records, year),
        "table3": t3,
        "table4": t4,
        "checks": checks(t3, t4),
    }
