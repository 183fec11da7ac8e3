"""reports suite: the city-wide annual report (issue 6) over 100,000 cases and 1,000,000 records.

Issue text: "The city-wide report over 100,000 cases and 1,000,000 records: figures in
docs/benchmarks.md". Goal (PERFORMANCE.md C4, "any annual-report table over one year of
a city's records ≤ 1 s"): `document.build_city` for one year of the whole city in ≤ 1 s.

Sizes: `--size N` cases (default 100,000) and 10 × N records (1,000,000 at the default).

1. **Inputs**, from `random.Random(seed)`, in the throwaway database, after `gongkai seed
   zhongshan` (its 49 units). Units get a skewed share of the work (weights 1/rank^0.9 in a
   seeded order; the biggest gets about 19%). Cases: received 2023-01-01..2025-12-31
   (5% within five days of a year end), 0.5% not yet confirmed (no 收到日期); the six
   applicant kinds in a 70/12/8/3/2/5 mix; the 21 outcomes in a realistic mix; replied
   1–30 days later (12% 31–90, 3% up to 400), 2% replied exactly on 31 December
   or 1 January; a reply after TODAY (2026-02-27) leaves the case open, and 1% have their
   letter issued but not yet delivered (outcome set, no 答复日期: still open). 3% of the
   replied cases have an appeal (行政复议 60%, 直接起诉 30%, 复议后起诉 10%), filed up to
   90 days after the reply, decided 30–200 days later or still pending, so some are decided
   after the year's end. Records: 98% published, published_at 10% in 2015–2022, 85% in
   2023–2025, 5% within minutes of a Beijing midnight on 31 December / 1 January (the
   UTC date differs); 0.3% 规章, 6% 行政规范性文件, of which 12% repealed, 10% expired and
   8% amended on a later date (5% of those exactly on a year's edge). A record has a
   title and a body of about 800 characters, as real ones do, so a scan reads real rows.
   The report year is 2024: cases carried in from 2023 and out to 2025 on both sides.
   Each unit has a submitted 2024 report with its four entered table-2 figures.
   Everything is bulk-created in batches; generation and insertion are timed apart.
2. **Correctness**, before any timing (exit 1 on any difference):
   - `annual_tables(units=<all 49 units>, year=2024)`: every cell of table 3 equal to a
     count in Python over the generated rows (the issue's rules, written here, not read
     from annual.py) and to one plain SQL GROUP BY; table 4 and table 2's documents
     block equal to counts over the generated appeals and records (Beijing dates);
     `checks` empty;
   - the city equals the sum of the per-unit tables (tables 2-documents, 3 and 4), for
     every unit;
   - `build_city` shows the same tables and the sums of the entered figures.
3. **Speed**, in R rounds (`--repeat`), medians and minima reported, ratios within a round:
   (a) the city's `annual_tables`; its parts `table3`, `table4` and `table2_documents`
   timed alone; (b) the biggest unit's `annual_tables`; (c) `build_city`; the city with
   the unit queryset the command line passes (`active_on` subquery) instead of a list;
   (d) baselines: table 3 as one SQL statement (CASE + GROUP BY over the same rows), a
   plain `GROUP BY applicant_kind, outcome`, table 2's documents block as one SQL
   statement, `SELECT COUNT(*)` of records, and a `GROUP BY doc_type, validity` that
   reads every record row. The city-wide queries are captured once with their times,
   and the database's plan of the slowest recorded (EXPLAIN on the captured SQL).
"""

from __future__ import annotations

import datetime
import gc
import hashlib
import io
import random
import statistics
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.measure import ratio_summary, timed
from gongkai.foi.models import Appeal, ApplicantKind, InfoRequest, Outcome
from gongkai.orgs.models import Unit
from gongkai.records.models import Record
from gongkai.reports import annual, document
from gongkai.reports.models import AnnualReport, EnteredFigure

DEFAULT_SIZE = 100_000
DEFAULT_SAMPLE = 0  # nothing is sampled: every row is checked
RECORDS_PER_CASE = 10
YEAR = 2024
GOAL_CASES = 100_000
GOAL_S = 1.0  # PERFORMANCE.md C4
CHUNK = 10_000  # instances built and bulk-created at a time, to bound memory
SLOWEST_KEPT = 8
MISMATCHES_KEPT = 20

BEIJING = ZoneInfo("Asia/Shanghai")
ONE_DAY = datetime.timedelta(days=1)
FIRST_RECEIVED = datetime.date(2023, 1, 1)
LAST_RECEIVED = datetime.date(2025, 12, 31)
TODAY = datetime.date(2026, 2, 27)
YEAR_ENDS = [datetime.date(y, 12, 31) for y in (2022, 2023, 2024, 2025)]

KINDS = (
    ["natural_person", "business", "legal_service", "nonprofit", "research", "other_org"],
    [70, 12, 8, 3, 2, 5],
)
OUTCOME_WEIGHTS = {
    "disclosed": 30,
    "partly_disclosed": 10,
    **dict(zip([f"refused.{i}" for i in range(1, 9)], [1, 1, 1, 3, 1, 3, 1, 1], strict=True)),
    "unavailable.1": 25,
    "unavailable.2": 4,
    "unavailable.3": 2,
    **dict(zip([f"not_processed.{i}" for i in range(1, 6)], [5, 3, 1, 1, 1], strict=True)),
    "other.1": 3,
    "other.2": 1,
    "other.3": 2,
}
OPEN_STATUSES = ["registered", "awaiting_correction", "in_progress"]
APPEAL_KINDS = (["review", "litigation_direct", "litigation_after_review"], [60, 30, 10])
APPEAL_RESULTS = (["upheld", "corrected", "other"], [65, 20, 15])
DOC_TYPES = (["rule", "normative", "other"], [3, 60, 937])
ENDINGS = (["in_force", "repealed", "expired", "amended"], [70, 12, 10, 8])
ENDED = {"repealed", "expired"}
TOPICS = [
    "农村危房改造补助资金",
    "征地补偿安置方案",
    "最低生活保障标准",
    "义务教育学校招生",
    "河道整治工程",
    "建设工程规划许可",
    "城乡居民医疗保险",
    "安全生产专项整治",
]
BODY_CHARS = 800
BODY_TEXT = (
    "为进一步规范政府信息公开工作，提高行政机关工作透明度，根据《中华人民共和国政府信息公开条例》"
    "有关规定，结合本地实际，现就有关事项通知如下。一、各单位要高度重视，明确责任分工，"
    "落实专人负责。二、严格执行保密审查制度，未经审查不得公开。三、加强监督检查，"
    "对工作不力的单位予以通报。"
)


# ---------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------


def unit_weights(rng: random.Random, unit_ids: list[int]) -> tuple[list[int], list[float]]:
    """A seeded order of the units and cumulative weights 1/rank^0.9 (a few big units)."""
    order = list(unit_ids)
    rng.shuffle(order)
    cumulative, total = [], 0.0
    for rank in range(len(order)):
        total += 1 / (rank + 1) ** 0.9
        cumulative.append(total)
    return order, cumulative


def near_year_end(rng: random.Random) -> datetime.date:
    return rng.choice(YEAR_ENDS) + ONE_DAY * rng.randint(-4, 5)


def plan_cases(size: int, seed: int, unit_ids: list[int]) -> tuple[list[tuple], list[tuple]]:
    """Cases as (unit_id, kind, received_on, replied_on, outcome, status) and appeals as
    (case index, kind, filed_on, result, decided_on)."""
    rng = random.Random(seed)
    order, cumulative = unit_weights(rng, unit_ids)
    outcomes, weights = list(OUTCOME_WEIGHTS), list(OUTCOME_WEIGHTS.values())
    span = (LAST_RECEIVED - FIRST_RECEIVED).days
    cases, appeals = [], []
    for index in range(size):
        unit_id = rng.choices(order, cum_weights=cumulative)[0]
        kind = rng.choices(*KINDS)[0]
        if rng.random() < 0.005:
            # Not yet confirmed: no 收到日期, so in no year's table.
            cases.append((unit_id, kind, None, None, "", "received"))
            continue
        if rng.random() < 0.05:
            received = min(max(near_year_end(rng), FIRST_RECEIVED), LAST_RECEIVED)
        else:
            received = FIRST_RECEIVED + ONE_DAY * rng.randint(0, span)
        r = rng.random()
        delay = rng.randint(1, 30) if r < 0.85 else rng.randint(31, 90) if r < 0.97 else 0
        if delay == 0:
            delay = rng.randint(91, 400)  # long consultations, stalled cases
        replied = received + ONE_DAY * delay
        if rng.random() < 0.02:
            # On a year's edge exactly: the last day of the year, or the first of the next.
            edge = datetime.date(received.year, 12, 31) + ONE_DAY * rng.randint(0, 1)
            replied = max(edge, received)
        outcome = rng.choices(outcomes, weights)[0]
        if replied > TODAY:
            status = rng.choice(OPEN_STATUSES)
            cases.append((unit_id, kind, received, None, "", status))
            continue
        if rng.random() < 0.01:
            # The letter is issued (outcome known) but not delivered: not yet replied.
            cases.append((unit_id, kind, received, None, outcome, "replied"))
            continue
        status = rng.choice(["delivered", "archived"])
        cases.append((unit_id, kind, received, replied, outcome, status))
        if rng.random() < 0.03:
            filed = replied + ONE_DAY * rng.randint(1, 90)
            if filed > TODAY:
                continue
            appeal_kind = rng.choices(*APPEAL_KINDS)[0]
            result, decided = "pending", None
            if rng.random() < 0.8:
                decided = filed + ONE_DAY * rng.randint(30, 200)
                if decided <= TODAY:
                    result = rng.choices(*APPEAL_RESULTS)[0]
                else:
                    decided = None
            appeals.append((index, appeal_kind, filed, result, decided))
    return cases, appeals


def plan_records(size: int, seed: int, unit_ids: list[int]) -> list[tuple]:
    """Records as (unit_id, status, published_at, doc_type, validity, validity_changed_on)."""
    rng = random.Random(seed + 1)
    order, cumulative = unit_weights(rng, unit_ids)
    old_first = datetime.date(2015, 1, 1).toordinal()
    old_last = datetime.date(2022, 12, 31).toordinal()
    first, last = FIRST_RECEIVED.toordinal(), LAST_RECEIVED.toordinal()
    records = []
    for _ in range(size):
        unit_id = rng.choices(order, cum_weights=cumulative)[0]
        doc_type = rng.choices(*DOC_TYPES)[0]
        r = rng.random()
        if r < 0.10:
            day = datetime.date.fromordinal(rng.randint(old_first, old_last))
        elif r < 0.95:
            day = datetime.date.fromordinal(rng.randint(first, last))
        else:
            day = None
        if day is None:
            # Minutes around a Beijing midnight at a year's end: the UTC date is the day before.
            end = rng.choice(YEAR_ENDS)
            moment = datetime.datetime(end.year, 12, 31, 23, 55, tzinfo=BEIJING)
            published = moment + datetime.timedelta(seconds=rng.randint(0, 600))
        else:
            published = datetime.datetime(
                day.year, day.month, day.day, rng.randint(7, 22), rng.randint(0, 59), tzinfo=BEIJING
            )
        status = "published"
        if rng.random() < 0.02:
            status, published = rng.choice(["draft", "approval", "returned"]), None
        validity, changed = "in_force", None
        if doc_type != "other":
            validity = rng.choices(*ENDINGS)[0]
            if validity != "in_force":
                base = (published or datetime.datetime(2024, 6, 1, tzinfo=BEIJING)).date()
                changed = base + ONE_DAY * rng.randint(30, 2000)
                if rng.random() < 0.05:
                    changed = max(base, rng.choice(YEAR_ENDS) + ONE_DAY * rng.randint(0, 1))
                if changed > TODAY:
                    validity, changed = "in_force", None
        records.append((unit_id, status, published, doc_type, validity, changed))
    return records


def inputs_hash(cases: list[tuple], appeals: list[tuple], records: list[tuple]) -> str:
    digest = hashlib.sha256()
    for rows in (cases, appeals, records):
        for row in rows:
            digest.update(repr(row).encode())
        digest.update(b"|")
    return digest.hexdigest()


def store_cases(cases: list[tuple], appeals: list[tuple]) -> None:
    pks: list[int] = []
    for start in range(0, len(cases), CHUNK):
        batch = []
        for number, (unit_id, kind, received, replied, outcome, status) in enumerate(
            cases[start : start + CHUNK], start + 1
        ):
            tracking = f"B-{number:07d}"
            day = received or TODAY
            batch.append(
                InfoRequest(
                    unit_id=unit_id,
                    tracking_number=tracking,
                    ledger_no=tracking,
                    channel="online",
                    submitted_at=datetime.datetime(day.year, day.month, day.day, 9, tzinfo=BEIJING),
                    received_on=received,
                    applicant_kind=kind,
                    applicant_name="陈伟" if kind == "natural_person" else "中山市明德电器有限公司",
                    description=f"申请公开{day.year}年{TOPICS[number % len(TOPICS)]}的有关文件",
                    status=status,
                    outcome=outcome,
                    replied_on=replied,
                    source="ledger",
                )
            )
        pks += [case.pk for case in InfoRequest.objects.bulk_create(batch)]
    Appeal.objects.bulk_create(
        [
            Appeal(
                info_request_id=pks[index],
                kind=kind,
                filed_on=filed,
                result=result,
                decided_on=decided,
            )
            for index, kind, filed, result, decided in appeals
        ],
        batch_size=CHUNK,
    )


def store_records(records: list[tuple], names: dict[int, str]) -> None:
    body = (BODY_TEXT * (BODY_CHARS // len(BODY_TEXT) + 1))[:BODY_CHARS]
    for start in range(0, len(records), CHUNK):
        batch = []
        for number, (unit_id, status, published, doc_type, validity, changed) in enumerate(
            records[start : start + CHUNK], start + 1
        ):
            topic = TOPICS[number % len(TOPICS)]
            batch.append(
                Record(
                    unit_id=unit_id,
                    index_number=f"B/{number:08d}",
                    title=f"{names[unit_id]}关于{topic}的通知（第{number}号）",
                    doc_number=f"中府〔{number % 9 + 2017}〕{number % 997}号",
                    published_at=published,
                    doc_type=doc_type,
                    status=status,
                    validity=validity,
                    validity_changed_on=changed,
                    summary=f"{topic}有关事项。",
                    body=body,
                    channels=["gov_website"] if published else [],
                    created_at=published or datetime.datetime(2025, 1, 1, tzinfo=BEIJING),
                )
            )
        Record.objects.bulk_create(batch)


def store_figures(units: list[Unit], seed: int) -> dict[str, Decimal]:
    """A submitted 2024 report per unit with its four entered table-2 figures; their sums.

    Submitted (signed by the unit's approver): the state of every unit's report when the
    city's is compiled in March, and one whose figures the city sums whichever statuses
    `build_city` counts.
    """
    rng = random.Random(seed + 2)
    reports = AnnualReport.objects.bulk_create(
        [AnnualReport(unit=u, year=YEAR, status=AnnualReport.Status.SUBMITTED) for u in units]
    )
    figures, totals = [], Counter()
    for report in reports:
        for code in EnteredFigure.Code.values:
            if code == EnteredFigure.Code.FEES:
                value = Decimal(rng.randint(0, 500_000)) / 100
            else:
                value = Decimal(rng.randint(0, 3_000))
            totals[code] += value
            figures.append(
                EnteredFigure(report=report, code=code, value=value, source="审批系统导出")
            )
    EnteredFigure.objects.bulk_create(figures)
    return dict(totals)


# ---------------------------------------------------------------------------
# References
# ---------------------------------------------------------------------------


def reference_table3(cases: list[tuple], year: int) -> dict:
    """Table 3 by the issue's rules, counted in Python over the generated cases."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    columns = ApplicantKind.values
    table = {row: dict.fromkeys([*columns, "total"], 0) for row in annual.ROWS}
    for _unit, kind, received, replied, outcome, _status in cases:
        if received is None or received > last:
            continue
        replied_by_end = replied is not None and replied <= last
        if first <= received:
            table["new"][kind] += 1
        elif replied is None or replied >= first:
            table["carried_in"][kind] += 1
        if replied_by_end and replied >= first:
            table[outcome][kind] += 1
            table["total"][kind] += 1
        elif not replied_by_end:
            table["carried_out"][kind] += 1
    for row in table.values():
        row["total"] = sum(row[kind] for kind in columns)
    return table


TABLE3_SQL = """
SELECT applicant_kind,
       CASE WHEN received_on >= %(first)s THEN 'new' ELSE 'carried_in' END,
       CASE WHEN replied_on IS NOT NULL AND replied_on <= %(last)s AND outcome <> ''
            THEN outcome ELSE 'carried_out' END,
       COUNT(*)
FROM {table}
WHERE received_on <= %(last)s AND (replied_on IS NULL OR replied_on >= %(first)s)
GROUP BY 1, 2, 3
"""


def sql_table3(year: int) -> dict:
    """Table 3 in one SQL statement: the baseline, and a second reference."""
    ops = connection.ops
    params = {
        "first": ops.adapt_datefield_value(datetime.date(year, 1, 1)),
        "last": ops.adapt_datefield_value(datetime.date(year, 12, 31)),
    }
    sql = TABLE3_SQL.format(table=ops.quote_name(InfoRequest._meta.db_table))
    table = {row: dict.fromkeys([*ApplicantKind.values, "total"], 0) for row in annual.ROWS}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for kind, arrival, result, count in cursor.fetchall():
            table[arrival][kind] += count
            table[result][kind] += count
            if result != "carried_out":
                table["total"][kind] += count
    for row in table.values():
        row["total"] = sum(row[kind] for kind in ApplicantKind.values)
    return table


def group_by_floor() -> int:
    """The plainest aggregate over the cases: one GROUP BY of kind and outcome."""
    table = connection.ops.quote_name(InfoRequest._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT applicant_kind, outcome, COUNT(*) FROM {table} GROUP BY 1, 2")
        return len(cursor.fetchall())


def records_count() -> int:
    table = connection.ops.quote_name(Record._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table}")
        return cursor.fetchone()[0]


def records_scan() -> int:
    """A GROUP BY that reads a column of every record row (COUNT(*) may use an index)."""
    table = connection.ops.quote_name(Record._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT doc_type, validity, COUNT(*) FROM {table} GROUP BY 1, 2")
        return len(cursor.fetchall())


DOCUMENTS_SQL = """
SELECT doc_type,
       SUM(CASE WHEN published_at >= %(start)s AND published_at < %(end)s THEN 1 ELSE 0 END),
       SUM(CASE WHEN validity IN ('repealed', 'expired') AND validity_changed_on >= %(first)s
                 AND validity_changed_on <= %(last)s THEN 1 ELSE 0 END),
       SUM(CASE WHEN published_at < %(end)s AND NOT (validity IN ('repealed', 'expired')
                 AND validity_changed_on IS NOT NULL AND validity_changed_on <= %(last)s)
            THEN 1 ELSE 0 END)
FROM {table}
WHERE status = 'published' AND doc_type IN ('rule', 'normative')
GROUP BY doc_type
"""


def sql_documents(year: int) -> dict:
    """Table 2's documents block in one SQL statement (Beijing days as UTC instants)."""
    ops = connection.ops
    start = datetime.datetime(year, 1, 1, tzinfo=BEIJING)
    end = datetime.datetime(year + 1, 1, 1, tzinfo=BEIJING)
    params = {
        "start": ops.adapt_datetimefield_value(start),
        "end": ops.adapt_datetimefield_value(end),
        "first": ops.adapt_datefield_value(datetime.date(year, 1, 1)),
        "last": ops.adapt_datefield_value(datetime.date(year, 12, 31)),
    }
    block = {t: dict.fromkeys(annual.DOCUMENT_COLUMNS, 0) for t in annual.DOCUMENT_TYPES}
    with connection.cursor() as cursor:
        cursor.execute(DOCUMENTS_SQL.format(table=ops.quote_name(Record._meta.db_table)), params)
        for doc_type, issued, repealed, in_force in cursor.fetchall():
            block[doc_type] = {"issued": issued, "repealed": repealed, "in_force": in_force}
    return block


def reference_table4(appeals: list[tuple], year: int) -> dict:
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    table = {block: dict.fromkeys(annual.APPEAL_COLUMNS, 0) for block in annual.APPEAL_BLOCKS}
    for _case, kind, filed, result, decided in appeals:
        if not first <= filed <= last:
            continue
        # As at the year's end: a decision taken later is still pending then.
        column = result if decided is not None and decided <= last else "pending"
        table[kind][column] += 1
        table[kind]["total"] += 1
    return table


def reference_documents(records: list[tuple], year: int) -> dict:
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    block = {t: dict.fromkeys(annual.DOCUMENT_COLUMNS, 0) for t in annual.DOCUMENT_TYPES}
    for _unit, status, published, doc_type, validity, changed in records:
        if status != "published" or doc_type not in block:
            continue
        day = published.astimezone(BEIJING).date()  # the report counts Beijing days
        ended_by_end = validity in ENDED and changed <= last
        block[doc_type]["issued"] += first <= day <= last
        block[doc_type]["repealed"] += validity in ENDED and first <= changed <= last
        block[doc_type]["in_force"] += day <= last and not ended_by_end
    return block


def differences(name: str, want: dict, got: dict) -> list[dict]:
    """Every cell where `got` differs from `want` (two-level dicts)."""
    found = []
    for row in want.keys() | got.keys():
        for column in want.get(row, {}).keys() | got.get(row, {}).keys():
            a, b = want.get(row, {}).get(column), got.get(row, {}).get(column)
            if a != b:
                found.append({"table": name, "row": row, "column": column, "want": a, "got": b})
    return found


def add_into(total: dict, part: dict) -> None:
    for row, values in part.items():
        target = total.setdefault(row, {})
        for column, value in values.items():
            target[column] = target.get(column, 0) + value


# ---------------------------------------------------------------------------
# Correctness
# ---------------------------------------------------------------------------


def check(units, cases, appeals, records, figure_totals) -> dict:
    city = annual.annual_tables(units=units, year=YEAR)
    want3 = reference_table3(cases, YEAR)
    wrong: list[dict] = []
    wrong += differences("table3_vs_python", want3, city["table3"])
    wrong += differences("table3_sql_vs_python", want3, sql_table3(YEAR))
    wrong += differences("table4_vs_python", reference_table4(appeals, YEAR), city["table4"])
    want_documents = reference_documents(records, YEAR)
    wrong += differences("documents_vs_python", want_documents, city["documents"])
    wrong += differences("documents_sql_vs_python", want_documents, sql_documents(YEAR))

    summed: dict[str, dict] = {"table3": {}, "table4": {}, "documents": {}}
    units_checks: list[str] = []
    for unit in units:
        tables = annual.annual_tables(units=[unit], year=YEAR)
        for name in summed:
            add_into(summed[name], tables[name])
        units_checks += [f"{unit.code}: {failure}" for failure in tables["checks"]]
    for name in summed:
        wrong += differences(f"{name}_city_vs_sum_of_units", summed[name], city[name])

    built = document.build_city(units, YEAR)
    wrong += differences("build_city_table3", city["table3"], built["table3"])
    wrong += differences("build_city_table4", city["table4"], built["table4"])
    for code, total in figure_totals.items():
        # Decisions are whole numbers; 万元 is written without trailing zeros.
        if code == EnteredFigure.Code.FEES:
            key, want = "amount_10k_yuan", format(total.normalize(), "f")
        else:
            key, want = "decisions", int(total)
        if built["table2"][code][key] != want:
            wrong.append({"table": "build_city_table2", "row": code, "want": want,
                          "got": built["table2"][code][key]})  # fmt: skip

    return {
        "table3_cells": len(annual.ROWS) * len(annual.COLUMNS),
        "table3_nonzero_cells": sum(1 for row in want3.values() for v in row.values() if v),
        "table3_totals": {row: want3[row]["total"] for row in ("new", "carried_in", "total")}
        | {"carried_out": want3["carried_out"]["total"]},
        "units_summed": len(units),
        "mismatches": len(wrong),
        "examples": wrong[:MISMATCHES_KEPT],
        "checks": city["checks"],
        "unit_checks": units_checks[:MISMATCHES_KEPT],
        "build_city_checks": built["checks"],
        "ok": not wrong and not city["checks"] and not units_checks and not built["checks"],
    }


# ---------------------------------------------------------------------------
# Speed
# ---------------------------------------------------------------------------


def captured_queries(function, *args) -> list[dict]:
    """The queries one call runs, slowest first, with their times (a second call: warm)."""
    function(*args)
    with CaptureQueriesContext(connection) as queries:
        function(*args)
    rows = [{"s": float(q["time"]), "full_sql": q["sql"]} for q in queries.captured_queries]
    for row in rows:
        row["sql"] = row["full_sql"][:600]
    return sorted(rows, key=lambda row: -row["s"])


def query_plans(queries: list[dict]) -> list[dict]:
    """The database's plan of each query one call ran (why a part is slow, without editing it).

    Read from the captured SQL, so the bench does not depend on how annual.py builds it.
    """
    explain = {"sqlite": "EXPLAIN QUERY PLAN ", "postgresql": "EXPLAIN "}.get(connection.vendor)
    if explain is None:
        return []
    plans = []
    for query in queries:
        with connection.cursor() as cursor:
            cursor.execute(explain + query["full_sql"])
            plan = [str(row[-1]).strip() for row in cursor.fetchall()]
        plans.append({"s": query["s"], "sql": query["sql"][:200], "plan": plan})
    return plans


def summary(runs: list[float]) -> dict:
    return {
        "runs_s": runs,
        "median_s": statistics.median(runs),
        "best_s": min(runs),
        "spread": max(runs) / min(runs) if min(runs) else None,
    }


def measure(units, biggest: Unit, cli_units, rounds: int) -> dict:
    cases = InfoRequest.objects.filter(unit__in=units)
    records = Record.objects.filter(unit__in=units)
    candidates = {
        "city": lambda: annual.annual_tables(units=units, year=YEAR),
        "city_table3": lambda: annual.table3(cases, YEAR),
        "city_table4": lambda: annual.table4(cases, YEAR),
        "city_documents": lambda: annual.table2_documents(records, YEAR),
        "biggest_unit": lambda: annual.annual_tables(units=[biggest], year=YEAR),
        "build_city": lambda: document.build_city(units, YEAR),
        "city_cli_queryset": lambda: annual.annual_tables(units=cli_units, year=YEAR),
        "sql_table3": lambda: sql_table3(YEAR),
        "sql_group_by": group_by_floor,
        "sql_documents": lambda: sql_documents(YEAR),
        "records_count": records_count,
        "records_scan": records_scan,
    }
    for function in candidates.values():
        function()  # warm-up: page cache and prepared connection, outside the timings
    runs: dict[str, list[float]] = {name: [] for name in candidates}
    for _ in range(rounds):
        for name, function in candidates.items():
            runs[name].append(timed(function)[0])
    ratios = {
        "city_vs_sql_table3": ("city", "sql_table3"),
        "city_vs_sql_table3_plus_documents": ("city", ("sql_table3", "sql_documents")),
        "city_vs_records_count": ("city", "records_count"),
        "city_vs_records_scan": ("city", "records_scan"),
        "table3_vs_sql_table3": ("city_table3", "sql_table3"),
        "documents_vs_sql_documents": ("city_documents", "sql_documents"),
        "build_city_vs_city": ("build_city", "city"),
    }
    ratio_rounds = {}
    for label, (top, bottom) in ratios.items():
        parts = bottom if isinstance(bottom, tuple) else (bottom,)
        ratio_rounds[label] = ratio_summary(
            [
                runs[top][i] / sum(runs[part][i] for part in parts)
                for i in range(rounds)
            ]
        )  # fmt: skip
    city_queries = captured_queries(candidates["city"])
    unit_queries = captured_queries(candidates["biggest_unit"])
    return {
        "timing": {name: summary(values) for name, values in runs.items()},
        "ratio": ratio_rounds,
        "city_queries": query_plans(city_queries[:SLOWEST_KEPT]),
        "city_query_count": len(city_queries),
        "biggest_unit_queries": [
            {"s": q["s"], "sql": q["sql"]} for q in unit_queries[:SLOWEST_KEPT]
        ],
    }


def goals(build_city_s: float, size: int) -> list[dict]:
    # Stated for 100,000 cases and 1,000,000 records; other sizes scaled linearly.
    measured = build_city_s * GOAL_CASES / size
    return [
        {
            "id": "annual-report-city",
            "goal": f"build_city over {GOAL_CASES:,} cases and {GOAL_CASES * RECORDS_PER_CASE:,} "
            f"records (one year) <= {GOAL_S:g} s (PERFORMANCE.md C4)",
            "measured": measured,
            "unit": " s",
            "scaled_from_size": size if size != GOAL_CASES else None,
            "met": measured <= GOAL_S,
        }
    ]


# ---------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------


def run(options) -> dict:
    size = options.size
    rounds = options.repeat
    setup: dict[str, float] = {}

    started = time.perf_counter()
    call_command("seed", "zhongshan", stdout=io.StringIO())
    setup["seed_zhongshan_s"] = time.perf_counter() - started
    units = list(Unit.objects.order_by("sort_order", "code"))
    unit_ids = [unit.pk for unit in units]
    names = {unit.pk: unit.name for unit in units}

    # Setup only: the cyclic GC rescans the growing input lists again and again otherwise.
    gc.disable()
    try:
        started = time.perf_counter()
        cases, appeals = plan_cases(size, options.seed, unit_ids)
        records = plan_records(size * RECORDS_PER_CASE, options.seed, unit_ids)
        setup["generate_s"] = time.perf_counter() - started
        started = time.perf_counter()
        store_cases(cases, appeals)
        setup["insert_cases_s"] = time.perf_counter() - started
        started = time.perf_counter()
        store_records(records, names)
        setup["insert_records_s"] = time.perf_counter() - started
        figure_totals = store_figures(units, options.seed)
    finally:
        gc.enable()
    if connection.vendor == "postgresql":
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # what autovacuum does after a bulk load
        setup["vacuum_analyze_s"] = time.perf_counter() - started

    per_unit = Counter(row[0] for row in cases)
    biggest = next(unit for unit in units if unit.pk == per_unit.most_common(1)[0][0])
    statuses = Counter(row[5] for row in cases)
    result: dict = {
        "suite": "reports",
        "inputs": {
            "cases": size,
            "records": len(records),
            "appeals": len(appeals),
            "units": len(units),
            "year": YEAR,
            "seed": options.seed,
            "rounds": rounds,
            "today": TODAY.isoformat(),
            "unconfirmed": sum(row[2] is None for row in cases),
            "open": sum(row[3] is None and row[2] is not None for row in cases),
            "statuses": dict(sorted(statuses.items())),
            "outcomes_used": len({row[4] for row in cases} & set(Outcome.values)),
            "appeal_kinds": dict(Counter(row[1] for row in appeals)),
            "appeals_decided_after_year": sum(
                1 for row in appeals if row[2].year == YEAR and row[4] and row[4].year > YEAR
            ),
            "published_records": sum(row[1] == "published" for row in records),
            "doc_types": dict(Counter(row[3] for row in records)),
            "ended_documents": sum(row[4] in ENDED for row in records),
            "biggest_unit": {"code": biggest.code, "cases": per_unit[biggest.pk]},
            "sha256": inputs_hash(cases, appeals, records),
        },
        "settings": {
            "database": f"{connection.vendor} ({settings.DATABASES['default']['ENGINE']})",
            "time_zone": settings.TIME_ZONE,
            "record_body_chars": BODY_CHARS,
            # annual.py and document.py change often: which version was measured.
            "sources_sha256": {
                module.__name__: hashlib.sha256(Path(module.__file__).read_bytes()).hexdigest()
                for module in (annual, document)
            },
        },
        "setup": setup,
    }

    started = time.perf_counter()
    try:
        checks = check(units, cases, appeals, records, figure_totals)
    except Exception as exc:  # a crash is a wrong answer, reported like one
        checks = {"ok": False, "error": f"{type(exc).__name__}: {str(exc)[:2000]}"}
    setup["check_s"] = time.perf_counter() - started
    result["correctness"] = checks
    result["correct"] = checks["ok"]
    result["goals"] = []
    if not result["correct"]:
        return result
    del cases, appeals, records
    gc.collect()

    cli_units = (
        Unit.objects.active_on(datetime.date(YEAR, 1, 1))
        | Unit.objects.active_on(datetime.date(YEAR, 12, 31))
    ).distinct()
    result.update(measure(units, biggest, cli_units, rounds))
    result["goals"] = goals(result["timing"]["build_city"]["median_s"], size)
    return result


# ---------------------------------------------------------------------------
# The table
# ---------------------------------------------------------------------------

TIMING_LABELS = [
    ("city", "(a) annual_tables, city (49 units as a list)"),
    ("city_table3", "    of which table3 alone"),
    ("city_table4", "    of which table4 alone"),
    ("city_documents", "    of which table2_documents alone"),
    ("city_cli_queryset", "    the same with the CLI's unit queryset"),
    ("biggest_unit", "(b) annual_tables, the biggest unit"),
    ("build_city", "(c) document.build_city"),
    ("sql_table3", "(d) baseline: table 3 as one SQL GROUP BY"),
    ("sql_group_by", "    baseline: GROUP BY kind, outcome"),
    ("sql_documents", "    baseline: documents block as one SQL"),
    ("records_count", "    baseline: SELECT COUNT(*) of records"),
    ("records_scan", "    baseline: GROUP BY doc_type, validity"),
]


def report(result: dict) -> str:
    inputs, checks = result["inputs"], result["correctness"]
    lines = [
        "",
        f"reports suite: {inputs['cases']:,} cases ({inputs['open']:,} open at "
        f"{inputs['today']}, {inputs['unconfirmed']:,} unconfirmed, {inputs['outcomes_used']} "
        f"outcomes), {inputs['appeals']:,} appeals, {inputs['records']:,} records "
        f"({inputs['published_records']:,} published, {inputs['ended_documents']:,} repealed or "
        f"expired) in {inputs['units']} units; year {inputs['year']}; biggest unit "
        f"{inputs['biggest_unit']['code']} ({inputs['biggest_unit']['cases']:,} cases); seed "
        f"{inputs['seed']}, rounds {inputs['rounds']}, inputs sha256 {inputs['sha256'][:12]}",
        "setup (not timed as part of any goal): "
        + ", ".join(
            f"{name.removesuffix('_s')} {seconds:.2f} s"
            for name, seconds in result["setup"].items()
        ),
        "",
        "correctness: " + ("OK" if result["correct"] else "FAILED"),
    ]
    if "error" in checks:
        lines.append(f"  ERROR {checks['error']}")
    else:
        lines += [
            f"  table 3 ({checks['table3_cells']} cells, {checks['table3_nonzero_cells']} "
            f"non-zero; totals {checks['table3_totals']}) against Python and one SQL GROUP "
            f"BY, table 4 and the documents block against Python, the city against the sum "
            f"of {checks['units_summed']} units, build_city: {checks['mismatches']} "
            "mismatches",
            f"  checks of the city: {checks['checks'] or 'none failed'}; of the units: "
            f"{checks['unit_checks'] or 'none failed'}",
        ]
        for example in checks["examples"]:
            lines.append(f"    MISMATCH {example}")
    if not result["correct"]:
        lines += ["", "speed not measured: a check failed", ""]
        return "\n".join(lines)

    timing = result["timing"]
    lines += ["", f"{'(rounds: ' + str(inputs['rounds']) + ')':<52}{'median s':>10}"
              f"{'best s':>10}{'spread':>8}"]  # fmt: skip
    for name, label in TIMING_LABELS:
        row = timing[name]
        lines.append(
            f"{label:<52}{row['median_s']:>10.4f}{row['best_s']:>10.4f}{row['spread']:>7.2f}x"
        )
    lines.append("")
    for name, row in result["ratio"].items():
        rounds = ", ".join(f"{r:,.2f}" for r in row["rounds"])
        lines.append(f"ratio {name:<36} median {row['median']:>8.2f}x (rounds: {rounds})")
    lines += [
        "",
        f"slowest of the {result['city_query_count']} queries of the city's annual_tables "
        "(one warm call), with the database's plan:",
    ]
    for query in result["city_queries"][:5]:
        lines.append(f"  {query['s']:.3f} s  {query['sql'][:150]}")
        lines.append(f"           plan: {' / '.join(query['plan'])[:300]}")
    lines += ["spread = slowest / fastest round; well above 1.1x means the machine was busy", ""]
    for goal in result["goals"]:
        scaled = (
            f", scaled linearly from {goal['scaled_from_size']:,} cases"
            if goal["scaled_from_size"]
            else ""
        )
        lines.append(
            f"{'PASS' if goal['met'] else 'FAIL'}  {goal['id']}: {goal['goal']} "
            f"(measured {goal['measured']:,.3f} s, median round{scaled})"
        )
    lines.append("")
    return "\n".join(lines)
