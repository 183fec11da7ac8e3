"""foi suite: disclosure on request (依申请公开): due dates, the workbench, the ledger import.

Issue text: "Workbench list of a unit with 10,000 cases; due-date computation for 100,000
cases; ledger import of 10,000 rows: figures in docs/benchmarks.md". The issue sets no
speed goal, so the suite states none: it prints ratios against baselines measured in the
same run, and absolute figures. A failed correctness check exits 1, as everywhere.

Sizes: `--size N` due-date cases (default 100,000); the workbench unit and the ledger get
N/10 each (10,000 at the default). `--sample K` cases (default 2,000) go through the
day-by-day reference.

1. **Due dates** (`gongkai/foi/deadlines.py`). N clock facts from `random.Random(seed)`:
   收到日期 65% uniform over 2024-01-01..2026-12-31 and 34% on holiday edges (the day
   before, of and after every holiday and 调休 working day chinese-calendar lists for
   2024–2026), 1% not yet confirmed (no date); 20% with a 补正 (asked 1–7 days after
   receipt, corrected 1–20 days later: the clock restarts there); 15% with a
   consultation (征询, starting 1–25 days after the clock's start, 1–30 days long), a
   quarter of them with a second one that may overlap the first; 10% with an approved
   extension of 1–20 working days. Candidate: `paused_workdays(intervals)` then
   `compute_due_on(...)` per case, as `deadlines.due_on` does. Reference: the statutory
   rule a day at a time with `chinese_calendar.is_workday` (weekends only, provisional, in
   2027, which the package does not cover), the union of the consultation days counted
   once. Correctness: the sample against the day-by-day loop; all N against a table built
   once from the same `is_workday` (itself checked against the loop on the sample); due
   date and provisional flag.
2. **Workbench** (`selectors.workbench`, `with_urgency`, `permissions.visible_cases`).
   N/10 open cases of 坦洲镇 (received, registered, awaiting 补正, in progress, replied and
   awaiting delivery; some with a closed or open consultation, some extended), N/50 closed
   (delivered, archived) ones, and N/20 cases of other units, bulk-created with the due date the services cache; a request handler of 坦洲镇
   and an administrator of the openness office. Timed: the first page of 50 with
   urgencies for the handler (the unit) and for the office (every unit), their queries
   counted, the count of the list (what a paginator adds), and, if the view lists cases
   already, the page `/staff/foi/` through `django.test.Client`. Baseline: the same WHERE,
   ORDER BY and LIMIT 50 as `.values_list` (the query floor). Correctness: the page holds
   the reference's first 50 in order, with the reference's urgency and working days left
   (day-by-day loop), for both users.
3. **Ledger import** (`ledger.read_ledger`, `ledger.ledger_import`). N/10 rows of a
   realistic ledger of 坦洲镇 (ledger numbers, 2024-01..2026-08 receipts incl. holiday
   edges, the six applicant kinds, names, descriptions with commas, quotes and line
   breaks, 补正, consultations (an end date after the ledger's last day left open),
   extensions, replies with outcome codes or labels, open cases), as a UTF-8 CSV (with BOM,
   10% of dates typed 2025/3/1 or 2025年3月1日) and as an .xlsx (date cells). Timed: reading
   each, the import (creates every case, its consultation and its event) and the unchanged
   re-import (from the xlsx rows). Baseline: `csv.reader` over the same bytes and
   openpyxl's read-only iteration over the xlsx (the parsing floors), and a bare
   `bulk_create` of the same cases (the write floor). Correctness, on the first import:
   both files read to the same rows, equal to what was generated; every case stored once
   with its fields, status and the reference due date (all rows against the table, the
   sample day by day); the re-import reports every row unchanged.

Each of the R rounds (`--repeat`) times every operation next to its baseline; the page
timings take the median of 15 hits per round. Medians of the rounds are reported, ratios
are taken within each round.
"""

from __future__ import annotations

import bisect
import csv
import datetime
import gc
import hashlib
import io
import random
import statistics
import time
from collections import Counter
from zoneinfo import ZoneInfo

import chinese_calendar
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from bench.catalog import trivial_page_urlconf
from bench.measure import ratio_summary, timed
from bench.timeliness import ReferenceCalendar, naive_add_workdays, naive_is_workday
from gongkai.core import workdays
from gongkai.foi import deadlines
from gongkai.foi.ledger import COLUMNS, ledger_import, outcome_from_text, read_ledger
from gongkai.foi.models import CLOSED, ApplicantKind, InfoRequest, Pause, RequestEvent
from gongkai.foi.permissions import visible_cases
from gongkai.foi.selectors import with_urgency, workbench
from gongkai.orgs.models import Membership, Unit
from gongkai.orgs.services import account_create
from gongkai.privacy.checks import id_check_character

DEFAULT_SIZE = 100_000
DEFAULT_SAMPLE = 2_000
SHARE = 10  # the workbench unit and the ledger each get size / SHARE cases
PAGE = 50
HITS = 15  # page timings per round; the round's figure is their median
MISMATCHES_KEPT = 20
# Open cases, by the model's own definition (not the selector's filter, which is tested).
OPEN = [status for status in InfoRequest.Status.values if status not in CLOSED]
# The reference's own rules, not read from deadlines.py (a changed constant must show).
REPLY_WORKDAYS = 20  # 《条例》第三十三条第二款
DUE_SOON_WORKDAYS = 5  # the workbench's "due soon": within 5 working days

BEIJING = ZoneInfo("Asia/Shanghai")
ONE_DAY = datetime.timedelta(days=1)
FIRST_RECEIVED = datetime.date(2024, 1, 1)
LAST_RECEIVED = datetime.date(2026, 12, 31)
# The workbench as it stands on a Friday; due dates run into 2027 (provisional).
TODAY = datetime.date(2026, 11, 27)
# The ledger's last day: every date in it is on or before, so it stays in the past
# (`read_ledger` refuses future dates) whenever the suite is run.
LEDGER_FIRST = datetime.date(2024, 1, 1)
LEDGER_LAST_RECEIVED = datetime.date(2026, 8, 31)
LEDGER_LAST = datetime.date(2026, 10, 31)
UNIT_CODE = "tanzhou"
OFFICE_CODE = "city-office"
HOST = "localhost"  # in ALLOWED_HOSTS outside production; "testserver" is not
PASSWORD = "bench-foi-Password-2026"

APPLICANT_KINDS = (
    ["自然人", "商业企业", "法律服务机构", "社会公益组织", "科研机构", "其他"],
    [70, 12, 8, 3, 2, 5],
)
SURNAMES = "陈李黄张梁刘吴何林郑杨冯罗谭周徐麦郭卢邓"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华嘉慧志文婷"
COMPANIES = ["中山市{}五金制品有限公司", "中山市{}电器有限公司", "广东{}建设工程有限公司"]
LAW_FIRMS = ["广东{}律师事务所", "中山市{}律师事务所"]
ORGS = ["中山市{}环保志愿者协会", "{}大学公共管理学院", "中山市{}业主委员会"]
FIRM_WORDS = ["明德", "坦洲", "南方", "华信", "金斗", "联合", "德诚", "同创"]
TOPICS = [
    "农村危房改造补助资金发放名单",
    "征地补偿安置方案",
    "集体土地征收补偿款发放明细",
    "旧村改造项目规划批复",
    "违法建设拆除决定书",
    "最低生活保障对象名单",
    "义务教育学校招生计划",
    "河道整治工程招标文件",
    "环境影响评价批复",
    "建设工程规划许可证",
    "“三公”经费预算执行情况",
    "道路改造工程竣工验收报告",
]
PLACES = ["坦洲村", "十四村", "合胜村", "新前进村", "同胜社区", "界狮南路", "金斗湾"]
DETAILS = [
    "包括文件全文、附件及有关会议纪要。",
    "请提供电子版本，如无电子版本可提供纸质复印件。",
    "具体为其中涉及本人房屋的部分，包括测量面积、补偿标准和计算依据。",
    "该文件曾在镇政府公告栏张贴，文号不详，时间约为当年三月。",
    "如该信息不属于贵单位掌握，请告知掌握该信息的机关名称和联系方式。",
    '需要的是"最终批复稿"，不是征求意见稿。',
]
# Outcome cells as units type them: labels (with a stray space now and then) and codes.
OUTCOMES = (
    [
        "予以公开",
        "部分公开",
        "不予公开/保护第三方合法权益",
        "refused.6",
        "无法提供/本机关不掌握相关政府信息",
        "无法提供 / 没有现成信息需要另行制作",
        "不予处理/信访举报投诉类申请",
        "not_processed.2",
        "其他处理/其他",
    ],
    [35, 10, 5, 3, 25, 5, 8, 4, 5],
)
UNCORRECTED_OUTCOME = "other.1"  # 逾期不补正、行政机关不再处理


# ---------------------------------------------------------------------------
# The reference: the statutory rule, from chinese-calendar
# ---------------------------------------------------------------------------


def naive_between(a: datetime.date, b: datetime.date) -> int:
    """Working days d with a < d <= b, a day at a time."""
    count, day = 0, a
    while day < b:
        day += ONE_DAY
        count += naive_is_workday(day)[0]
    return count


def naive_paused(pauses) -> int:
    """Working days inside the union of (start, end] intervals, each day counted once."""
    days = set()
    for start, end in pauses:
        day = start
        while day < end:
            day += ONE_DAY
            days.add(day)
    return sum(1 for day in days if naive_is_workday(day)[0])


def naive_due(clock) -> tuple[datetime.date | None, bool, int]:
    """(due date, provisional, paused working days), a day at a time."""
    received, corrected, extension, pauses = clock
    base = corrected or received
    if base is None:
        return None, False, 0
    paused = naive_paused(pauses)
    due, estimated = naive_add_workdays(base, REPLY_WORKDAYS + extension + paused)
    return due, estimated, paused


class Reference(ReferenceCalendar):
    """The same rule as a table of `naive_is_workday` answers (bisect), for all N cases."""

    def between(self, a: datetime.date, b: datetime.date) -> int:
        return bisect.bisect_right(self.workdays, b.toordinal()) - bisect.bisect_right(
            self.workdays, a.toordinal()
        )

    def paused(self, pauses) -> int:
        total, current = 0, None
        for start, end in sorted(pauses):
            if current is not None and start <= current[1]:
                current = (current[0], max(current[1], end))
                continue
            if current is not None:
                total += self.between(*current)
            current = (start, end)
        if current is not None:
            total += self.between(*current)
        return total

    def clock_due(self, clock) -> tuple[datetime.date | None, bool]:
        received, corrected, extension, pauses = clock
        base = corrected or received
        if base is None:
            return None, False
        n = REPLY_WORKDAYS + extension + self.paused(pauses)
        return self.add_workdays(base, n)


def holiday_edges(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """The day before, of and after every holiday and 调休 working day in [first, last]."""
    marked = set(chinese_calendar.holidays) | set(chinese_calendar.workdays)
    edges = {day + ONE_DAY * k for day in marked for k in (-1, 0, 1)}
    return sorted(day for day in edges if first <= day <= last)


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _days(rng: random.Random, low: int, high: int) -> datetime.timedelta:
    return ONE_DAY * rng.randint(low, high)


# ---------------------------------------------------------------------------
# 1. Due dates for N cases
# ---------------------------------------------------------------------------


def plan_clocks(size: int, seed: int) -> list[tuple]:
    """(received_on, corrected_on, extension_workdays, ((start, end), ...)) per case."""
    rng = random.Random(seed)
    edges = holiday_edges(FIRST_RECEIVED, LAST_RECEIVED)
    first, last = FIRST_RECEIVED.toordinal(), LAST_RECEIVED.toordinal()
    clocks = []
    for _ in range(size):
        r = rng.random()
        if r < 0.01:
            clocks.append((None, None, 0, ()))
            continue
        if r < 0.66:
            received = datetime.date.fromordinal(rng.randint(first, last))
        else:
            received = rng.choice(edges)
        corrected = None
        if rng.random() < 0.20:
            asked = received + _days(rng, 1, 7)
            corrected = asked + _days(rng, 1, 20)
        base = corrected or received
        pauses: tuple = ()
        if rng.random() < 0.15:
            start = base + _days(rng, 1, 25)
            end = start + _days(rng, 1, 30)
            pauses = ((start, end),)
            if rng.random() < 0.25:
                # A co-producing agency consulted too: overlapping the first, or after it.
                second = start + _days(rng, 0, 40)
                pauses += ((second, second + _days(rng, 1, 20)),)
        extension = rng.randint(1, 20) if rng.random() < 0.10 else 0
        clocks.append((received, corrected, extension, pauses))
    return clocks


def clocks_hash(clocks: list[tuple]) -> str:
    digest = hashlib.sha256()
    for received, corrected, extension, pauses in clocks:
        spans = ",".join(f"{a}/{b}" for a, b in pauses)
        digest.update(f"{received} {corrected} {extension} {spans}\n".encode())
    return digest.hexdigest()


def due_dates_run(clocks: list[tuple]) -> list:
    """The candidate: what `deadlines.due_on` does for each case, without the ORM."""
    compute, paused_of = deadlines.compute_due_on, deadlines.paused_workdays
    return [
        compute(
            received_on=received,
            corrected_on=corrected,
            extension_workdays=extension,
            paused=paused_of(pauses),
        )
        for received, corrected, extension, pauses in clocks
    ]


def due_only_run(clocks: list[tuple], paused: list[int]) -> int:
    """`compute_due_on` alone, the paused days given."""
    compute = deadlines.compute_due_on
    count = 0
    for (received, corrected, extension, _pauses), days in zip(clocks, paused, strict=True):
        count += (
            compute(
                received_on=received,
                corrected_on=corrected,
                extension_workdays=extension,
                paused=days,
            )
            is not None
        )
    return count


def _nothing(*args, **kwargs):
    return None


def loop_floor(clocks: list[tuple]) -> list:
    """The same loop with two empty calls: what any per-case Python API costs at least."""
    return [
        _nothing(
            received_on=received,
            corrected_on=corrected,
            extension_workdays=extension,
            paused=_nothing(pauses),
        )
        for received, corrected, extension, pauses in clocks
    ]


def naive_run(clocks: list[tuple]) -> int:
    return sum(naive_due(clock)[0] is not None for clock in clocks)


def check_due_dates(clocks: list[tuple], sample_size: int, reference: Reference) -> dict:
    examples: list[dict] = []
    counts = Counter()

    def keep(kind, index, clock, expected, got):
        counts[kind] += 1
        if len(examples) < MISMATCHES_KEPT:
            received, corrected, extension, pauses = clock
            examples.append(
                {
                    "check": kind,
                    "case": index,
                    "received_on": _iso(received),
                    "corrected_on": _iso(corrected),
                    "extension": extension,
                    "pauses": [[_iso(a), _iso(b)] for a, b in pauses],
                    "expected": [str(v) for v in expected],
                    "got": [str(v) for v in got],
                }
            )

    def candidate(clock):
        received, corrected, extension, pauses = clock
        try:
            paused = deadlines.paused_workdays(pauses)
            due = deadlines.compute_due_on(
                received_on=received,
                corrected_on=corrected,
                extension_workdays=extension,
                paused=paused,
            )
        except Exception as exc:  # a crash is a wrong answer, reported like one
            return f"{type(exc).__name__}: {exc}", None, None
        return due, workdays.is_provisional(due), paused

    provisional = 0
    for index, clock in enumerate(clocks[:sample_size]):
        want = naive_due(clock)
        got = candidate(clock)
        provisional += want[1]
        if got != want:
            keep("sample_vs_day_by_day", index, clock, want, got)
        if reference.clock_due(clock) != want[:2]:
            keep("bench_table_vs_day_by_day", index, clock, want[:2], reference.clock_due(clock))
    for index, clock in enumerate(clocks):
        want = reference.clock_due(clock)
        got = candidate(clock)[:2]
        if got != want:
            keep("all_vs_table", index, clock, want, got)
    return {
        "sample": min(sample_size, len(clocks)),
        "all": len(clocks),
        "sample_provisional": provisional,
        "mismatches": dict(counts),
        "examples": examples,
        "ok": not counts,
    }


def measure_due_dates(clocks: list[tuple], naive_clocks: list[tuple], rounds: int) -> dict:
    size = len(clocks)
    paused = [deadlines.paused_workdays(pauses) for *_facts, pauses in clocks]
    chunks = [naive_clocks[r::rounds] for r in range(rounds)]
    runs: dict[str, list[float]] = {"candidate": [], "due_only": [], "loop_floor": []}
    naive_us: list[float] = []
    ratios: dict[str, list[float]] = {"naive_vs_candidate": [], "candidate_vs_loop_floor": []}
    for chunk in chunks:
        runs["candidate"].append(timed(due_dates_run, clocks)[0])
        runs["due_only"].append(timed(due_only_run, clocks, paused)[0])
        runs["loop_floor"].append(timed(loop_floor, clocks)[0])
        seconds, _count = timed(naive_run, chunk)
        naive_us.append(seconds / len(chunk) * 1e6)
        candidate_us = runs["candidate"][-1] / size * 1e6
        ratios["naive_vs_candidate"].append(naive_us[-1] / candidate_us)
        ratios["candidate_vs_loop_floor"].append(runs["candidate"][-1] / runs["loop_floor"][-1])
    timing = {name: summary(values, size) for name, values in runs.items()}
    median_us = statistics.median(naive_us)
    timing["naive"] = {
        "cases": len(naive_clocks),
        "rounds_us_per_case": naive_us,
        "us_per_case_median": median_us,
        "spread": max(naive_us) / min(naive_us),
        "scaled_s_for_all": median_us * size / 1e6,
    }
    return {
        "timing": timing,
        "ratio": {name: ratio_summary(values) for name, values in ratios.items()},
    }


# ---------------------------------------------------------------------------
# 2. The workbench of a unit with N/10 open cases
# ---------------------------------------------------------------------------


def at(day: datetime.date, hour: int, minute: int, second: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=BEIJING)


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.randint(1, 2)))


def resident_id(rng: random.Random) -> str:
    """A valid 18-digit resident ID of 中山 (check character per GB 11643)."""
    born = datetime.date(1950, 1, 1) + _days(rng, 0, 20_000)
    body = f"442000{born:%Y%m%d}{rng.randint(0, 999):03d}"
    return body + id_check_character(body)


def applicant(rng: random.Random, kind_label: str) -> str:
    word = rng.choice(FIRM_WORDS)
    if kind_label == "自然人":
        return person_name(rng)
    if kind_label == "商业企业":
        return rng.choice(COMPANIES).format(word)
    if kind_label == "法律服务机构":
        return rng.choice(LAW_FIRMS).format(word)
    return rng.choice(ORGS).format(word)


def description(rng: random.Random, year: int) -> str:
    text = f"申请公开{rng.choice(PLACES)}{year}年{rng.choice(TOPICS)}"
    if rng.random() < 0.6:
        text += "，" + "".join(rng.sample(DETAILS, rng.randint(1, 3)))
    if rng.random() < 0.1:
        text += "\n另：" + rng.choice(DETAILS)  # a line break inside the cell
    return text


def plan_workbench(count: int, seed: int, tanzhou: Unit, others: list[Unit], handler) -> dict:
    """Open and closed cases of 坦洲镇, and cases of other units, as unsaved instances.

    Returns the instances with their planned pauses (closed ones are in the due date,
    open ones stop the clock's display: urgency "paused").
    """
    rng = random.Random(seed + 1)
    cases: list[InfoRequest] = []
    pauses: list[list[tuple[datetime.date, datetime.date | None]]] = []
    kinds = ["natural_person", "business", "legal_service", "nonprofit"]

    def one(unit: Unit, number: int, open_case: bool) -> None:
        closed_pauses: list[tuple[datetime.date, datetime.date]] = []
        open_pause: list[tuple[datetime.date, None]] = []
        fields: dict = {}
        if open_case:
            # "replied": the letter is issued, the case stays open until it is delivered
            # (the delivery date is the one that counts against the deadline).
            status = rng.choices(
                ["received", "registered", "awaiting_correction", "in_progress", "replied"],
                [10, 14, 8, 63, 5],
            )[0]
            received = None if status == "received" else TODAY - _days(rng, 0, 40)
            submitted = at((received or TODAY - _days(rng, 0, 5)) - _days(rng, 0, 2), 8, 0)
        else:
            status = rng.choice(["delivered", "archived"])
            received = datetime.date(2025, 1, 2) + _days(rng, 0, 600)
            submitted = at(received, 8, 0)
        submitted += datetime.timedelta(seconds=rng.randint(0, 10 * 3600))
        corrected = None
        if status == "awaiting_correction":
            fields["correction_asked_on"] = received + _days(rng, 0, 5)
            fields["correction_due_on"] = fields["correction_asked_on"] + _days(rng, 15, 21)
        elif received and rng.random() < 0.1:
            fields["correction_asked_on"] = received + _days(rng, 0, 5)
            corrected = fields["correction_asked_on"] + _days(rng, 1, 10)
            corrected = min(corrected, TODAY)
        base = corrected or received
        extension = 0
        if status in ("in_progress", "replied", "delivered", "archived") and base:
            if rng.random() < 0.10:
                start = base + _days(rng, 1, 10)
                end = start + _days(rng, 3, 21)
                if open_case and end >= TODAY:
                    if status == "in_progress":  # a reply ends every consultation
                        open_pause.append((min(start, TODAY), None))
                else:
                    closed_pauses.append((start, end))
            elif status == "in_progress" and rng.random() < 0.05:
                open_pause.append((TODAY - _days(rng, 0, 10), None))
            if rng.random() < 0.05:
                extension = rng.randint(5, 20)
        due = None
        if base and status != "awaiting_correction":
            due = deadlines.compute_due_on(
                received_on=received,
                corrected_on=corrected,
                extension_workdays=extension,
                paused=deadlines.paused_workdays(closed_pauses),
            )
        if status in ("replied", "delivered", "archived"):
            fields["outcome"] = rng.choice(["disclosed", "unavailable.1", "partly_disclosed"])
        if not open_case:
            fields["replied_on"] = due - _days(rng, 0, 10) if due else received
        kind = rng.choice(kinds)
        tracking = f"2026-W{number:07d}"
        cases.append(
            InfoRequest(
                unit=unit,
                tracking_number=tracking,
                ledger_no=tracking,
                channel=rng.choice(["online", "in_person", "post_signed", "email"]),
                submitted_at=submitted,
                received_on=received,
                applicant_kind=kind,
                applicant_name=applicant(rng, "自然人" if kind == "natural_person" else "商业企业"),
                id_type="resident_id" if kind == "natural_person" else "org_code",
                id_number=resident_id(rng),
                phone=f"138{rng.randint(10_000_000, 99_999_999)}",
                address=f"中山市坦洲镇{rng.choice(PLACES)}{rng.randint(1, 99)}号",
                description=description(rng, (received or TODAY).year),
                status=status,
                handler=handler if status == "in_progress" and rng.random() < 0.6 else None,
                corrected_on=corrected,
                extension_workdays=extension,
                due_on=due,
                source="staff",
                **fields,
            )
        )
        pauses.append(closed_pauses + open_pause)

    number = 0
    for _ in range(count):
        number += 1
        one(tanzhou, number, True)
    for _ in range(count // 5):
        number += 1
        one(tanzhou, number, False)
    for _ in range(count // 2):
        number += 1
        one(rng.choice(others), number, rng.random() < 0.7)
    # Shuffled, so primary-key order says nothing about due-date order.
    order = list(range(len(cases)))
    rng.shuffle(order)
    return {"cases": [cases[i] for i in order], "pauses": [pauses[i] for i in order]}


def store_workbench(plan: dict) -> None:
    created = InfoRequest.objects.bulk_create(plan["cases"], batch_size=1000)
    Pause.objects.bulk_create(
        [
            Pause(info_request=case, kind="third_party", started_on=start, ended_on=end)
            for case, spans in zip(created, plan["pauses"], strict=True)
            for start, end in spans
        ],
        batch_size=1000,
    )


def ordered(cases: list[InfoRequest]) -> list[InfoRequest]:
    """The workbench's order: due date, earliest first, none last; then submission, id."""
    return sorted(
        cases,
        key=lambda c: (c.due_on is None, c.due_on or datetime.date.max, c.submitted_at, c.pk),
    )


def reference_urgency(
    case: InfoRequest, has_open_pause: bool, between=None
) -> tuple[str, int | None]:
    """(urgency, working days left) as deadlines.py states them; day by day unless a
    faster `between(a, b)` of the same reference is given."""
    between = between or naive_between
    left = between(TODAY, case.due_on) if case.due_on else None
    if case.due_on and case.due_on < TODAY:
        left = -between(case.due_on, TODAY)
    if case.status == "awaiting_correction":
        return "stopped", left
    if has_open_pause:
        return "paused", left
    if case.due_on is None:
        return "ok", left
    if case.due_on < TODAY:
        return "overdue", left
    if case.due_on == TODAY:
        return "due_today", left
    if left <= DUE_SOON_WORKDAYS:
        return "due_soon", left
    return "ok", left


def expected_list(
    plan: dict, unit_id: int | None, limit: int | None = PAGE, between=None
) -> list[tuple[str, str, int | None]]:
    """The reference's workbench: (tracking number, urgency, working days left) in order."""
    chosen = [
        (case, spans)
        for case, spans in zip(plan["cases"], plan["pauses"], strict=True)
        if case.status in OPEN and (unit_id is None or case.unit_id == unit_id)
    ]
    open_pause = {case.pk: any(end is None for _start, end in spans) for case, spans in chosen}
    rows = ordered([case for case, _spans in chosen])[:limit]
    return [
        (case.tracking_number, *reference_urgency(case, open_pause[case.pk], between))
        for case in rows
    ]


def page_rows(user) -> list:
    return with_urgency(workbench(visible_cases(user))[:PAGE], TODAY)


def page_floor(user) -> list:
    """The page's own query, WHERE, ORDER BY and LIMIT, as plain tuples: nothing else."""
    cases = InfoRequest.objects.filter(status__in=OPEN)
    if not Membership.objects.filter(user=user, role="office_admin").exists():
        cases = cases.filter(unit_id__in=Membership.objects.filter(user=user).values("unit_id"))
    return list(
        cases.order_by(F("due_on").asc(nulls_last=True), "submitted_at", "id").values_list(
            "pk", "tracking_number", "due_on", "status"
        )[:PAGE]
    )


def list_count(user) -> int:
    return workbench(visible_cases(user)).count()


def check_page(user, expected: list[tuple], whole: bool = False) -> dict:
    """The first page (or, `whole`, the entire list) against the reference, in order."""
    try:
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            if whole:
                rows = with_urgency(workbench(visible_cases(user)), TODAY)
            else:
                rows = page_rows(user)
            seconds = time.perf_counter() - started
        got = [(row.case.tracking_number, row.urgency, row.workdays_left) for row in rows]
    except Exception as exc:
        return {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
    wrong = [
        {"position": i, "expected": list(e), "got": list(g) if g else None}
        for i, (e, g) in enumerate(zip(expected, got + [None] * len(expected), strict=False))
        if e != g
    ]
    return {
        "rows": len(got),
        "expected_rows": len(expected),
        "wrong": len(wrong),
        "examples": wrong[:MISMATCHES_KEPT],
        "queries": len(queries),
        "seconds": seconds,
        "urgencies": dict(Counter(row[1] for row in got)),
        "ok": not wrong and len(got) == len(expected),
    }


def query_plan(user) -> list[str]:
    """SQLite's plan for the page's main query (one line per step)."""
    if connection.vendor != "sqlite":
        return []
    queryset = workbench(visible_cases(user))[:PAGE]
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return [row[-1] for row in cursor.fetchall()]


def probe_http_page(client: Client, url: str, expected: list[tuple]) -> dict:
    """Whether /staff/foi/ lists the cases yet (the view is being built beside the suite)."""
    response = client.get(url)
    body = response.content.decode("utf-8", "replace") if response.status_code == 200 else ""
    listed = sum(1 for tracking, *_rest in expected if tracking in body)
    return {
        "status": response.status_code,
        "bytes": len(response.content),
        "first_page_listed": listed,
        "lists_cases": listed > 0,
    }


def hits(function, *args) -> float:
    """Median seconds over HITS calls (one warm-up call first)."""
    function(*args)
    seconds = []
    for _ in range(HITS):
        started = time.perf_counter()
        function(*args)
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds)


def measure_workbench(users: dict, clients: dict[str, Client], url: str, rounds: int) -> dict:
    """The selector pages and floors; with `clients`, the HTTP pages and the framework floor."""
    names = ["unit_page", "unit_floor", "unit_count", "office_page", "office_floor", "office_count"]
    names += [f"{who}_http" for who in clients]
    ratios: dict[str, list[float]] = {"unit_page_vs_floor": [], "office_page_vs_floor": []}
    trivial = None
    if clients:
        names.append("http_floor")
        ratios.update({f"{who}_http_vs_page": [] for who in clients})
        ratios["unit_http_vs_http_floor"] = []
        # The framework floor: a view returning the unit page's own bytes, same client.
        body = clients["unit"].get(url).content
        trivial = trivial_page_urlconf(body, "text/html; charset=utf-8")
    runs: dict[str, list[float]] = {name: [] for name in names}
    for _round in range(rounds):
        gc.collect()
        for who in ("unit", "office"):
            user = users[who]
            runs[f"{who}_page"].append(hits(page_rows, user))
            runs[f"{who}_floor"].append(hits(page_floor, user))
            runs[f"{who}_count"].append(hits(list_count, user))
            ratios[f"{who}_page_vs_floor"].append(
                runs[f"{who}_page"][-1] / runs[f"{who}_floor"][-1]
            )
        for who, client in clients.items():
            runs[f"{who}_http"].append(hits(client.get, url))
            ratios[f"{who}_http_vs_page"].append(runs[f"{who}_http"][-1] / runs[f"{who}_page"][-1])
        if clients:
            with override_settings(ROOT_URLCONF=trivial):
                runs["http_floor"].append(hits(clients["unit"].get, "/bench/same-bytes/"))
            ratios["unit_http_vs_http_floor"].append(runs["unit_http"][-1] / runs["http_floor"][-1])
    timing = {}
    for name, values in runs.items():
        timing[name] = {
            "rounds_ms": [v * 1000 for v in values],
            "median_ms": statistics.median(values) * 1000,
            "best_ms": min(values) * 1000,
            "spread": max(values) / min(values),
        }
    return {
        "timing": timing,
        "ratio": {name: ratio_summary(values) for name, values in ratios.items()},
    }


# ---------------------------------------------------------------------------
# 3. The ledger import of N/10 rows
# ---------------------------------------------------------------------------


def typed_date(rng: random.Random, day: datetime.date | None) -> str:
    """A date cell as officials type it in a CSV: mostly ISO, now and then 2025/3/1 or 年月日."""
    if day is None:
        return ""
    r = rng.random()
    if r < 0.05:
        return f"{day.year}/{day.month}/{day.day}"
    if r < 0.10:
        return f"{day.year}年{day.month}月{day.day}日"
    return day.isoformat()


def plan_ledger(count: int, seed: int, reference: Reference) -> list[dict]:
    """The ledger's rows as the reference knows them (dates, kinds, outcome codes)."""
    rng = random.Random(seed + 2)
    edges = holiday_edges(LEDGER_FIRST, LEDGER_LAST_RECEIVED)
    first, last = LEDGER_FIRST.toordinal(), LEDGER_LAST_RECEIVED.toordinal()
    per_year: Counter = Counter()
    rows = []
    for _ in range(count):
        if rng.random() < 0.8:
            received = datetime.date.fromordinal(rng.randint(first, last))
        else:
            received = rng.choice(edges)
        per_year[received.year] += 1
        kind_label = rng.choices(*APPLICANT_KINDS)[0]
        row = {
            "ledger_no": f"坦洲依申〔{received.year}〕{per_year[received.year]:05d}号",
            "received_on": received,
            "applicant_kind_label": kind_label,
            "applicant_name": applicant(rng, kind_label),
            "description": description(rng, received.year - rng.randint(0, 2)),
            "correction_asked_on": None,
            "corrected_on": None,
            "consultation_start": None,
            "consultation_end": None,
            "extension_workdays": 0,
            "replied_on": None,
            "outcome_text": "",
        }
        if rng.random() < 0.20:
            row["correction_asked_on"] = received + _days(rng, 1, 7)
            if rng.random() < 0.92:
                row["corrected_on"] = row["correction_asked_on"] + _days(rng, 1, 15)
        waiting = row["correction_asked_on"] and not row["corrected_on"]
        base = row["corrected_on"] or received
        if not waiting and rng.random() < 0.15:
            row["consultation_start"] = base + _days(rng, 1, 15)
            end = row["consultation_start"] + _days(rng, 5, 30)
            row["consultation_end"] = end if end <= LEDGER_LAST else None  # still consulting
        if not waiting and rng.random() < 0.10:
            row["extension_workdays"] = rng.randint(1, 20)
        if waiting:
            if rng.random() < 0.7:  # never corrected: closed as 逾期不补正
                row["replied_on"] = row["correction_asked_on"] + _days(rng, 16, 25)
                row["outcome_text"] = UNCORRECTED_OUTCOME
        elif rng.random() < 0.9:
            due, _provisional = reference.clock_due(ledger_clock(row))
            replied = due - _days(rng, 0, 15) if rng.random() < 0.95 else due + _days(rng, 1, 10)
            replied = max(replied, base, row["consultation_end"] or base)
            if row["consultation_start"] and not row["consultation_end"]:
                replied = None
            if replied is not None and replied <= LEDGER_LAST:
                row["replied_on"] = replied
                row["outcome_text"] = rng.choices(*OUTCOMES)[0]
        if row["replied_on"] and row["replied_on"] > LEDGER_LAST:
            row["replied_on"], row["outcome_text"] = None, ""
        rows.append(row)
    return rows


def ledger_clock(row: dict) -> tuple:
    """A ledger row's clock facts in the reference's shape; an open consultation adds nothing."""
    pauses = ()
    if row["consultation_start"] and row["consultation_end"]:
        pauses = ((row["consultation_start"], row["consultation_end"]),)
    return row["received_on"], row["corrected_on"], row["extension_workdays"], pauses


def expected_due(row: dict, reference: Reference) -> tuple[datetime.date | None, bool]:
    if row["correction_asked_on"] and not row["corrected_on"]:
        return None, False
    return reference.clock_due(ledger_clock(row))


def expected_status(row: dict) -> str:
    if row["outcome_text"]:
        return InfoRequest.Status.ARCHIVED
    if row["correction_asked_on"] and not row["corrected_on"]:
        return InfoRequest.Status.AWAITING_CORRECTION
    return InfoRequest.Status.IN_PROGRESS


def ledger_files(rows: list[dict], seed: int) -> tuple[bytes, bytes]:
    """The same ledger as a UTF-8 CSV (with BOM, as Excel saves it) and as an .xlsx."""
    rng = random.Random(seed + 3)
    header = list(COLUMNS.values())
    keys = list(COLUMNS)
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(header)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("依申请公开台账")
    sheet.append(header)
    for row in rows:
        cells = []
        xlsx_cells = []
        for key in keys:
            source = {
                "applicant_kind": "applicant_kind_label",
                "outcome": "outcome_text",
            }.get(key, key)
            value = row[source]
            if isinstance(value, datetime.date):
                cells.append(typed_date(rng, value))
                xlsx_cells.append(value)
            elif key == "extension_workdays":
                cells.append(str(value) if value else "")
                xlsx_cells.append(value or None)
            else:
                cells.append(value or "")
                xlsx_cells.append(value or None)
        writer.writerow(cells)
        sheet.append(xlsx_cells)
    xlsx = io.BytesIO()
    book.save(xlsx)
    return ("\ufeff" + text.getvalue()).encode("utf-8"), xlsx.getvalue()


def ledger_hash(rows: list[dict]) -> str:
    digest = hashlib.sha256()
    for row in rows:
        digest.update(("|".join(str(row[key]) for key in sorted(row)) + "\n").encode())
    return digest.hexdigest()


def check_read(parsed: list, rows: list[dict]) -> dict:
    """The parsed rows equal what was generated, field by field."""
    kinds = {str(label): value for value, label in ApplicantKind.choices}
    wrong = []
    for got, want in zip(parsed, rows, strict=False):
        expected = {
            "ledger_no": want["ledger_no"],
            "received_on": want["received_on"],
            "applicant_kind": kinds[want["applicant_kind_label"]],
            "applicant_name": want["applicant_name"],
            "description": want["description"],
            "correction_asked_on": want["correction_asked_on"],
            "corrected_on": want["corrected_on"],
            "consultation_start": want["consultation_start"],
            "consultation_end": want["consultation_end"],
            "extension_workdays": want["extension_workdays"],
            "replied_on": want["replied_on"],
            "outcome": outcome_from_text(want["outcome_text"]) if want["outcome_text"] else "",
        }
        fields = [name for name, value in expected.items() if getattr(got, name) != value]
        if fields:
            wrong.append({"ledger_no": want["ledger_no"], "fields": fields})
    return {"rows": len(parsed), "expected": len(rows), "wrong": wrong[:MISMATCHES_KEPT]}


def check_import(
    unit: Unit, rows: list[dict], report, sample_size: int, reference: Reference
) -> dict:
    stored = {
        case.ledger_no: case
        for case in InfoRequest.objects.filter(unit=unit, source="ledger").prefetch_related(
            "pauses"
        )
    }
    problems: Counter = Counter()
    examples: list[dict] = []
    for index, row in enumerate(rows):
        case = stored.get(row["ledger_no"])
        if case is None:
            problems["missing"] += 1
            continue
        want_due, want_provisional = expected_due(row, reference)
        if index < sample_size:
            if want_due is None:
                naive = (None, False)
            else:
                naive = naive_due(ledger_clock(row))[:2]
            if naive != (want_due, want_provisional):
                problems["bench_table_vs_day_by_day"] += 1
        checks = {
            "due_on": (case.due_on, want_due),
            "status": (case.status, expected_status(row)),
            "received_on": (case.received_on, row["received_on"]),
            "applicant_name": (case.applicant_name, row["applicant_name"]),
            "description": (case.description, row["description"]),
            "replied_on": (case.replied_on, row["replied_on"]),
            "extension_workdays": (case.extension_workdays, row["extension_workdays"]),
            "pauses": (
                [(p.started_on, p.ended_on) for p in case.pauses.all()],
                [(row["consultation_start"], row["consultation_end"])]
                if row["consultation_start"]
                else [],
            ),
        }
        for name, (got, want) in checks.items():
            if got != want:
                problems[name] += 1
                if len(examples) < MISMATCHES_KEPT:
                    examples.append({"ledger_no": row["ledger_no"], name: [str(got), str(want)]})
    tracking = [case.tracking_number for case in stored.values()]
    events = RequestEvent.objects.filter(
        info_request__unit=unit, info_request__source="ledger"
    ).count()
    result = {
        "stored": len(stored),
        "expected": len(rows),
        "created": report.created,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "events": events,
        "duplicate_tracking_numbers": len(tracking) - len(set(tracking)),
        "mismatches": dict(problems),
        "examples": examples,
        "open_consultations": sum(
            1 for row in rows if row["consultation_start"] and not row["consultation_end"]
        ),
    }
    result["ok"] = (
        not problems
        and len(stored) == len(rows) == report.created == events
        and report.updated == report.unchanged == 0
        and result["duplicate_tracking_numbers"] == 0
    )
    return result


def delete_imported(unit: Unit) -> None:
    InfoRequest.objects.filter(unit=unit, source__in=["ledger", "bench-floor"]).delete()


def csv_floor(data: bytes) -> int:
    """The least a CSV import reads: decode and split into cells."""
    return len(list(csv.reader(io.StringIO(data.decode("utf-8-sig")))))


def xlsx_floor(data: bytes) -> int:
    """The least an xlsx import reads: openpyxl's read-only rows, as the importer opens it."""
    sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
    return len([list(row) for row in sheet.iter_rows(values_only=True)])


def floor_cases(unit: Unit, parsed: list) -> list[InfoRequest]:
    """The imported cases as bare instances, every field already known (built untimed)."""
    submitted = {row.ledger_no: at(row.received_on, 9, 0) for row in parsed}
    return [
        InfoRequest(
            unit=unit,
            ledger_no=row.ledger_no,
            tracking_number=f"FLOOR-{index:07d}",
            channel="in_person",
            source="bench-floor",
            submitted_at=submitted[row.ledger_no],
            **row.case_fields(),
        )
        for index, row in enumerate(parsed)
    ]


def bulk_floor(cases: list[InfoRequest]) -> int:
    for case in cases:
        case.pk = None  # each round inserts them afresh
    return len(InfoRequest.objects.bulk_create(cases, batch_size=1000))


def import_rows(unit: Unit, rows: list, actor):
    return ledger_import(unit=unit, rows=rows, actor=actor)


def measure_ledger(
    unit: Unit, actor, csv_bytes: bytes, xlsx_bytes: bytes, parsed: list, rounds: int
) -> dict:
    names = ["csv_read", "xlsx_read", "import", "reimport", "csv_floor", "xlsx_floor", "bulk_floor"]
    runs: dict[str, list[float]] = {name: [] for name in names}
    ratios: dict[str, list[float]] = {
        "csv_read_vs_floor": [],
        "xlsx_read_vs_floor": [],
        "import_vs_bulk_floor": [],
        "csv_read_and_import_vs_floors": [],
        "reimport_vs_import": [],
    }
    cases = floor_cases(unit, parsed)
    for _round in range(rounds):
        seconds, csv_rows = timed(read_ledger, "台账.csv", csv_bytes)
        runs["csv_read"].append(seconds)
        seconds, xlsx_rows = timed(read_ledger, "台账.xlsx", xlsx_bytes)
        runs["xlsx_read"].append(seconds)
        runs["import"].append(timed(import_rows, unit, csv_rows, actor)[0])
        runs["reimport"].append(timed(import_rows, unit, xlsx_rows, actor)[0])
        delete_imported(unit)
        del csv_rows, xlsx_rows
        runs["csv_floor"].append(timed(csv_floor, csv_bytes)[0])
        runs["xlsx_floor"].append(timed(xlsx_floor, xlsx_bytes)[0])
        runs["bulk_floor"].append(timed(bulk_floor, cases)[0])
        delete_imported(unit)

        last = {name: values[-1] for name, values in runs.items()}
        ratios["csv_read_vs_floor"].append(last["csv_read"] / last["csv_floor"])
        ratios["xlsx_read_vs_floor"].append(last["xlsx_read"] / last["xlsx_floor"])
        ratios["import_vs_bulk_floor"].append(last["import"] / last["bulk_floor"])
        ratios["csv_read_and_import_vs_floors"].append(
            (last["csv_read"] + last["import"]) / (last["csv_floor"] + last["bulk_floor"])
        )
        ratios["reimport_vs_import"].append(last["reimport"] / last["import"])
    rows = len(parsed)
    return {
        "timing": {name: summary(values, rows) for name, values in runs.items()},
        "ratio": {name: ratio_summary(values) for name, values in ratios.items()},
    }


# ---------------------------------------------------------------------------
# Shared helpers
# ---------------------------------------------------------------------------


def summary(runs: list[float], items: int) -> dict:
    best, median = min(runs), statistics.median(runs)
    return {
        "runs_s": runs,
        "median_s": median,
        "best_s": best,
        "per_s_median": items / median if median else None,
        "us_per_item_median": median / items * 1e6 if items else None,
        "spread": max(runs) / best if best else None,
    }


def staff(username: str, full_name: str, unit: Unit, role: str):
    from django.contrib.auth import get_user_model

    existing = get_user_model().objects.filter(username=username).first()
    if existing is not None:
        return existing
    return account_create(
        username=username,
        full_name=full_name,
        password=PASSWORD,
        unit=unit,
        roles=[role],
        actor=None,
    )


# ---------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------


def run(options) -> dict:
    size = options.size
    sample_size = min(options.sample, size)
    share = max(size // SHARE, 1)
    rounds = options.repeat
    setup: dict[str, float] = {}

    started = time.perf_counter()
    call_command("seed", "zhongshan", stdout=io.StringIO())
    setup["seed_zhongshan_s"] = time.perf_counter() - started
    started = time.perf_counter()
    call_command("collectstatic", interactive=False, verbosity=0)
    setup["collectstatic_s"] = time.perf_counter() - started
    workdays.get_index()

    started = time.perf_counter()
    reference = Reference(datetime.date(2023, 12, 1), datetime.date(2028, 12, 31))
    setup["reference_table_s"] = time.perf_counter() - started

    tanzhou = Unit.objects.get(code=UNIT_CODE)
    office = Unit.objects.get(code=OFFICE_CODE)
    others = list(Unit.objects.exclude(pk__in=[tanzhou.pk, office.pk]).order_by("code"))
    handler = staff("bench-foi-handler", "何嘉慧", tanzhou, Membership.Role.REQUEST_HANDLER)
    admin = staff("bench-foi-office", "公开办管理员", office, Membership.Role.OFFICE_ADMIN)

    result: dict = {
        "suite": "foi",
        "settings": {
            "database": f"{connection.vendor} ({settings.DATABASES['default']['ENGINE']})",
            "time_zone": settings.TIME_ZONE,
            "page": PAGE,
            "hits_per_round": HITS,
        },
        "setup": setup,
        "goals": [],  # the issue asks for figures, not limits
    }
    checks: dict[str, dict] = {}

    # 1. Due dates ----------------------------------------------------------------
    started = time.perf_counter()
    clocks = plan_clocks(size, options.seed)
    setup["due_dates_generate_s"] = time.perf_counter() - started
    result["due_dates"] = {
        "inputs": {
            "cases": size,
            "sample": sample_size,
            "seed": options.seed,
            "rounds": rounds,
            "unconfirmed": sum(c[0] is None for c in clocks),
            "corrected": sum(c[1] is not None for c in clocks),
            "extended": sum(c[2] > 0 for c in clocks),
            "with_consultation": sum(bool(c[3]) for c in clocks),
            "with_two_consultations": sum(len(c[3]) == 2 for c in clocks),
            "sha256": clocks_hash(clocks),
        }
    }
    started = time.perf_counter()
    checks["due_dates"] = check_due_dates(clocks, sample_size, reference)
    setup["due_dates_check_s"] = time.perf_counter() - started

    # 2. Workbench -----------------------------------------------------------------
    gc.disable()  # setup only: the cyclic GC rescans the growing input lists otherwise
    try:
        started = time.perf_counter()
        plan = plan_workbench(share, options.seed, tanzhou, others, handler)
        setup["workbench_generate_s"] = time.perf_counter() - started
        started = time.perf_counter()
        store_workbench(plan)
        setup["workbench_insert_s"] = time.perf_counter() - started
    finally:
        gc.enable()
    statuses = Counter((case.unit_id == tanzhou.pk, case.status in OPEN) for case in plan["cases"])
    expected = {
        "unit": expected_list(plan, tanzhou.pk),
        "office": expected_list(plan, None),
    }
    users = {"unit": handler, "office": admin}
    result["workbench"] = {
        "inputs": {
            "unit_open": statuses[(True, True)],
            "unit_closed": statuses[(True, False)],
            "other_units_open": statuses[(False, True)],
            "other_units_closed": statuses[(False, False)],
            "open_pauses": sum(1 for spans in plan["pauses"] for _s, end in spans if end is None),
            "today": TODAY.isoformat(),
        },
        "queries": {},
        "query_plan": query_plan(handler),
    }
    checks["workbench"] = {who: check_page(users[who], expected[who]) for who in users}
    # The whole list of the unit too (order and every urgency), against the table.
    whole = expected_list(plan, tanzhou.pk, limit=None, between=reference.between)
    checks["workbench"]["unit_whole_list"] = check_page(handler, whole, whole=True)
    checks["workbench"]["ok"] = all(check["ok"] for check in checks["workbench"].values())
    for who in users:
        # Counted on a second call: the first one after 5 s also re-reads the calendar's
        # version (core.workdays.RECHECK_SECONDS), one query more.
        with CaptureQueriesContext(connection) as queries:
            page_rows(users[who])
        result["workbench"]["queries"][f"{who}_page"] = len(queries)
    del plan
    url = reverse("foi:workbench")
    clients, http = {}, {}
    for who in users:
        client = Client(HTTP_HOST=HOST)
        client.force_login(users[who])
        http[who] = probe_http_page(client, url, expected[who])
        if http[who]["lists_cases"]:
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            http[who]["queries"] = len(queries)
            clients[who] = client
    if "unit" not in clients:
        clients = {}  # the view does not list cases yet: nothing to time over HTTP
    result["workbench"]["http_pages"] = http

    # 3. Ledger --------------------------------------------------------------------
    started = time.perf_counter()
    ledger_rows = plan_ledger(share, options.seed, reference)
    csv_bytes, xlsx_bytes = ledger_files(ledger_rows, options.seed)
    setup["ledger_generate_s"] = time.perf_counter() - started
    result["ledger"] = {
        "inputs": {
            "rows": len(ledger_rows),
            "csv_bytes": len(csv_bytes),
            "xlsx_bytes": len(xlsx_bytes),
            "corrections": sum(bool(r["correction_asked_on"]) for r in ledger_rows),
            "consultations": sum(bool(r["consultation_start"]) for r in ledger_rows),
            "extensions": sum(r["extension_workdays"] > 0 for r in ledger_rows),
            "replied": sum(bool(r["replied_on"]) for r in ledger_rows),
            "sha256": ledger_hash(ledger_rows),
        }
    }
    ledger_check: dict = {}
    try:
        parsed_csv = read_ledger("台账.csv", csv_bytes)
        parsed_xlsx = read_ledger("台账.xlsx", xlsx_bytes)
        ledger_check["csv"] = check_read(parsed_csv, ledger_rows)
        ledger_check["xlsx_equals_csv"] = parsed_xlsx == parsed_csv
        started = time.perf_counter()
        report = ledger_import(unit=tanzhou, rows=parsed_csv, actor=handler)
        setup["ledger_first_import_s"] = time.perf_counter() - started
        ledger_check["import"] = check_import(tanzhou, ledger_rows, report, sample_size, reference)
        again = ledger_import(unit=tanzhou, rows=parsed_xlsx, actor=handler)
        ledger_check["reimport"] = {
            "created": again.created,
            "updated": again.updated,
            "unchanged": again.unchanged,
        }
        ledger_check["ok"] = (
            ledger_check["csv"]["rows"] == len(ledger_rows)
            and not ledger_check["csv"]["wrong"]
            and ledger_check["xlsx_equals_csv"]
            and ledger_check["import"]["ok"]
            and (again.created, again.updated, again.unchanged) == (0, 0, len(ledger_rows))
        )
    except Exception as exc:
        ledger_check["error"] = f"{type(exc).__name__}: {str(exc)[:2000]}"
        ledger_check["ok"] = False
        parsed_csv = []
    delete_imported(tanzhou)
    checks["ledger"] = ledger_check

    result["correctness"] = checks
    result["correct"] = all(check["ok"] for check in checks.values())
    if not result["correct"]:
        return result

    # Speed ------------------------------------------------------------------------
    naive_clocks = clocks[:sample_size]
    result["due_dates"].update(measure_due_dates(clocks, naive_clocks, rounds))
    del clocks
    gc.collect()
    result["workbench"].update(measure_workbench(users, clients, url, rounds))
    result["ledger"].update(
        measure_ledger(tanzhou, handler, csv_bytes, xlsx_bytes, parsed_csv, rounds)
    )
    return result


# ---------------------------------------------------------------------------
# The table
# ---------------------------------------------------------------------------


def _ratio_line(label: str, row: dict) -> str:
    rounds = ", ".join(f"{r:,.2f}" for r in row["rounds"])
    return f"ratio {label:<44} median {row['median']:>9,.2f}x (rounds: {rounds})"


def report(result: dict) -> str:
    checks = result["correctness"]
    due, bench, ledger = result["due_dates"], result["workbench"], result["ledger"]
    di, wi, li = due["inputs"], bench["inputs"], ledger["inputs"]
    lines = [
        "",
        f"foi suite: due dates for {di['cases']:,} cases (sample {di['sample']:,}, seed "
        f"{di['seed']}, rounds {di['rounds']}, sha256 {di['sha256'][:12]}); workbench of "
        f"{wi['unit_open']:,} open cases of 坦洲镇 (+{wi['unit_closed']:,} closed, "
        f"{wi['other_units_open']:,}+{wi['other_units_closed']:,} of other units); ledger of "
        f"{li['rows']:,} rows (CSV {li['csv_bytes'] / 1e6:.1f} MB, xlsx "
        f"{li['xlsx_bytes'] / 1e6:.1f} MB, sha256 {li['sha256'][:12]})",
        f"due-date inputs: {di['corrected']:,} corrected, {di['with_consultation']:,} with a "
        f"consultation ({di['with_two_consultations']:,} with two), {di['extended']:,} extended, "
        f"{di['unconfirmed']:,} unconfirmed",
        "setup: "
        + ", ".join(
            f"{name.removesuffix('_s')} {seconds:.2f} s"
            for name, seconds in result["setup"].items()
        ),
        "",
        "correctness: " + ("OK" if result["correct"] else "FAILED"),
    ]
    c = checks["due_dates"]
    lines.append(
        f"  due dates: sample of {c['sample']:,} day by day ({c['sample_provisional']} "
        f"provisional), all {c['all']:,} against the table: mismatches {c['mismatches'] or 0}"
    )
    for example in c["examples"]:
        lines.append(f"    MISMATCH {example}")
    for who in ("unit", "office"):
        w = checks["workbench"][who]
        if "error" in w:
            lines.append(f"  workbench ({who}): ERROR {w['error']}")
            continue
        lines.append(
            f"  workbench ({who}): first page {w['rows']} rows (expected {w['expected_rows']}), "
            f"wrong {w['wrong']}, {w['queries']} queries; urgencies {w['urgencies']}"
        )
        for example in w["examples"]:
            lines.append(f"    MISMATCH {example}")
    w = checks["workbench"]["unit_whole_list"]
    if "error" in w:
        lines.append(f"  workbench (unit, whole list): ERROR {w['error']}")
    else:
        lines.append(
            f"  workbench (unit, whole list against the table): {w['rows']:,} rows (expected "
            f"{w['expected_rows']:,}), wrong {w['wrong']}, {w['queries']} queries, "
            f"{w['seconds']:.2f} s; urgencies {w['urgencies']}"
        )
        for example in w["examples"]:
            lines.append(f"    MISMATCH {example}")
    lc = checks["ledger"]
    if "error" in lc:
        lines.append(f"  ledger: ERROR {lc['error']}")
    else:
        i = lc["import"]
        lines.append(
            f"  ledger: read {lc['csv']['rows']:,} rows (wrong {len(lc['csv']['wrong'])}), "
            f"xlsx = csv: {lc['xlsx_equals_csv']}; import created {i['created']:,}, stored "
            f"{i['stored']:,}, events {i['events']:,}, duplicates "
            f"{i['duplicate_tracking_numbers']}, mismatches {i['mismatches'] or 0}; re-import "
            f"unchanged {lc['reimport']['unchanged']:,}, updated {lc['reimport']['updated']}"
        )
        for example in lc["csv"]["wrong"] + i["examples"]:
            lines.append(f"    MISMATCH {example}")
    if not result["correct"]:
        lines += ["", "speed not measured: a check failed", ""]
        return "\n".join(lines)

    t, r = due["timing"], due["ratio"]
    lines += [
        "",
        f"{'due dates (median of the rounds, all ' + format(di['cases'], ',') + ' cases)':<56}"
        f"{'s':>8}{'best s':>8}{'µs/case':>9}{'spread':>8}",
    ]
    for name, label in [
        ("candidate", "paused_workdays + compute_due_on"),
        ("due_only", "compute_due_on alone (paused days given)"),
        ("loop_floor", "loop floor: the same loop, empty calls"),
    ]:
        row = t[name]
        lines.append(
            f"{label:<56}{row['median_s']:>8.3f}{row['best_s']:>8.3f}"
            f"{row['us_per_item_median']:>9.2f}{row['spread']:>7.2f}x"
        )
    naive = t["naive"]
    lines += [
        f"{'naive day-by-day loop, µs per case':<56}{naive['us_per_case_median']:>25.1f}"
        f"  (on {naive['cases']:,} sampled cases; scaled to all: "
        f"{naive['scaled_s_for_all']:,.0f} s)",
        _ratio_line("naive loop / candidate, per case", r["naive_vs_candidate"]),
        _ratio_line("candidate / loop floor", r["candidate_vs_loop_floor"]),
    ]

    t, r = bench["timing"], bench["ratio"]
    q = bench["queries"]
    lines += [
        "",
        f"{'workbench (median of the rounds, each the median of 15 hits)':<56}"
        f"{'ms':>8}{'best ms':>9}{'spread':>8}",
    ]
    labels = [
        ("unit_page", f"unit: first page of 50 + urgency ({q['unit_page']} queries)"),
        ("unit_floor", "unit: query floor (values_list, same ORDER BY/LIMIT)"),
        ("unit_count", "unit: count of the list"),
        ("office_page", f"office, all units: first page + urgency ({q['office_page']} q.)"),
        ("office_floor", "office: query floor"),
        ("office_count", "office: count of the list"),
    ]
    http = bench["http_pages"]
    for who in ("unit", "office"):
        if f"{who}_http" in t:
            labels.append(
                (f"{who}_http", f"{who}: GET /staff/foi/, test Client ({http[who]['queries']} q.)")
            )
    if "http_floor" in t:
        labels.append(("http_floor", "HTTP floor: a view returning the same bytes"))
    for name, label in labels:
        row = t[name]
        lines.append(
            f"{label:<56}{row['median_ms']:>8.2f}{row['best_ms']:>9.2f}{row['spread']:>7.2f}x"
        )
    if "unit_http" not in t:
        lines.append(
            f"GET /staff/foi/ not timed: it answers {http['unit']['status']} with "
            f"{http['unit']['bytes']} bytes and lists none of the cases yet"
        )
    lines.append(f"query plan (unit): {' | '.join(bench['query_plan'])}")
    for name, label in [
        ("unit_page_vs_floor", "unit page / query floor"),
        ("office_page_vs_floor", "office page / query floor"),
        ("unit_http_vs_page", "unit HTTP page / unit page (selector)"),
        ("office_http_vs_page", "office HTTP page / office page (selector)"),
        ("unit_http_vs_http_floor", "unit HTTP page / HTTP floor"),
    ]:
        if name in r:
            lines.append(_ratio_line(label, r[name]))

    t, r = ledger["timing"], ledger["ratio"]
    lines += [
        "",
        f"{'ledger (median of the rounds, ' + format(li['rows'], ',') + ' rows)':<56}"
        f"{'s':>8}{'best s':>8}{'rows/s':>9}{'spread':>8}",
    ]
    for name, label in [
        ("csv_read", "read_ledger(CSV)"),
        ("xlsx_read", "read_ledger(xlsx)"),
        ("import", "ledger_import (all new)"),
        ("reimport", "ledger_import again (all unchanged)"),
        ("csv_floor", "floor: csv.reader over the bytes"),
        ("xlsx_floor", "floor: openpyxl read-only rows"),
        ("bulk_floor", "floor: bare bulk_create of the same cases"),
    ]:
        row = t[name]
        lines.append(
            f"{label:<56}{row['median_s']:>8.3f}{row['best_s']:>8.3f}"
            f"{row['per_s_median']:>9,.0f}{row['spread']:>7.2f}x"
        )
    for name, label in [
        ("csv_read_vs_floor", "read_ledger(CSV) / csv.reader"),
        ("xlsx_read_vs_floor", "read_ledger(xlsx) / openpyxl rows"),
        ("import_vs_bulk_floor", "ledger_import / bare bulk_create"),
        ("csv_read_and_import_vs_floors", "CSV read + import / both floors"),
        ("reimport_vs_import", "unchanged re-import / import"),
    ]:
        lines.append(_ratio_line(label, r[name]))
    lines += [
        "spread = slowest / fastest round; well above 1.1x means the machine was busy",
        "(the issue sets no speed goal for this suite: figures and ratios only)",
        "",
    ]
    return "\n".join(lines)
