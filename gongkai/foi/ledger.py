"""Moving a unit's Excel/CSV ledger of applications in (`gongkai foi import`).

Columns (a header row, in any order; UTF-8 CSV or .xlsx):
申请编号, 收到日期, 申请人类型, 申请人, 申请内容, 补正告知日期, 补正收到日期,
征询开始日期, 征询结束日期, 延期工作日, 答复日期, 办理结果.

The due date follows `deadlines.compute_due_on`: base = 补正收到日期 or
收到日期; due = base + 20 + 延期工作日 + the working days of the consultation.
All or nothing: every bad row is listed with its row number and column, and
nothing is stored. Rows already imported with the same content change
nothing; a row whose case moved on since (now replied) updates it.
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass
from functools import cache

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from gongkai.core.audit import audit_record
from gongkai.core.cells import cell_date, cell_text
from gongkai.core.errors import InputErrors, capped
from gongkai.core.workdays import CalendarError
from gongkai.foi import deadlines
from gongkai.foi.models import ApplicantKind, InfoRequest, Outcome, Pause, RequestEvent
from gongkai.foi.services import MAX_DESCRIPTION_CHARS, has_markup, new_tracking_number

MAX_FILE_BYTES = 20 * 1024 * 1024
COLUMNS = {
    "ledger_no": "申请编号",
    "received_on": "收到日期",
    "applicant_kind": "申请人类型",
    "applicant_name": "申请人",
    "description": "申请内容",
    "correction_asked_on": "补正告知日期",
    "corrected_on": "补正收到日期",
    "consultation_start": "征询开始日期",
    "consultation_end": "征询结束日期",
    "extension_workdays": "延期工作日",
    "replied_on": "答复日期",
    "outcome": "办理结果",
}
REQUIRED = ("ledger_no", "received_on", "applicant_kind", "applicant_name", "description")
DATES = (
    "received_on",
    "correction_asked_on",
    "corrected_on",
    "consultation_start",
    "consultation_end",
    "replied_on",
)
Status = InfoRequest.Status


# The events an import writes itself; any other event means staff handled the case here.
LEDGER_EVENT_KINDS = ("ledger_import", "ledger_update")


class LedgerError(InputErrors):
    pass


@cache
def applicant_kinds() -> dict[str, str]:
    """申请人类型 as the ledger writes it (the table-3 column label) → code.

    Built once: the labels are the fixed Chinese wording of the 2021 format, and
    translating them per row took most of a 10,000-row read (docs/benchmarks.md).
    """
    return {str(label): value for value, label in ApplicantKind.choices}


@cache
def _outcome_codes() -> dict[str, str]:
    return {str(label): value for value, label in Outcome.choices} | {
        value: value for value in Outcome.values
    }


def outcome_from_text(text: str) -> str | None:
    """An outcome code (refused.4) or its label: 予以公开, 不予公开/保护第三方合法权益."""
    return _outcome_codes().get(re.sub(r"\s+", "", text).replace("／", "/"))


@dataclass
class LedgerRow:
    row: int
    ledger_no: str
    received_on: datetime.date
    applicant_kind: str
    applicant_name: str
    description: str
    correction_asked_on: datetime.date | None
    corrected_on: datetime.date | None
    consultation_start: datetime.date | None
    consultation_end: datetime.date | None
    extension_workdays: int
    replied_on: datetime.date | None
    outcome: str

    @property
    def status(self) -> str:
        if self.outcome:
            return Status.ARCHIVED
        if self.correction_asked_on and not self.corrected_on:
            return Status.AWAITING_CORRECTION
        return Status.IN_PROGRESS

    @property
    def due_on(self) -> datetime.date | None:
        if self.correction_asked_on and not self.corrected_on:
            return None
        paused = deadlines.paused_workdays([(self.consultation_start, self.consultation_end)])
        return deadlines.compute_due_on(
            received_on=self.received_on,
            corrected_on=self.corrected_on,
            extension_workdays=self.extension_workdays,
            paused=paused if self.consultation_start else 0,
        )

    def case_fields(self) -> dict:
        return {
            "received_on": self.received_on,
            "applicant_kind": self.applicant_kind,
            "applicant_name": self.applicant_name,
            "description": self.description,
            "correction_asked_on": self.correction_asked_on,
            "corrected_on": self.corrected_on,
            "extension_workdays": self.extension_workdays,
            "replied_on": self.replied_on,
            "outcome": self.outcome,
            "status": self.status,
            "due_on": self.due_on,
        }


def read_ledger(name: str, data: bytes) -> list[LedgerRow]:
    """Parse and check a whole ledger file; raise LedgerError listing every problem."""
    if len(data) > MAX_FILE_BYTES:
        raise LedgerError([_("文件超过 20 MB,请分批导入")])
    rows = _xlsx_rows(data) if name.lower().endswith(".xlsx") else _csv_rows(data)
    if not rows:
        raise LedgerError([_("文件是空的")])
    header = [re.sub(r"\s+", "", cell_text(cell)) for cell in rows[0]]
    index, errors = {}, []
    labels = {label: key for key, label in COLUMNS.items()}
    for position, heading in enumerate(header):
        if heading in labels:
            index[labels[heading]] = position
        elif heading:
            errors.append(
                _("第1行第%(c)s列:无法识别表头“%(h)s”") % {"c": position + 1, "h": heading}
            )
    missing = [COLUMNS[key] for key in COLUMNS if key not in index]
    if missing:
        errors.append(_("第1行(表头):缺少列:%(m)s") % {"m": "、".join(missing)})
    if errors:
        raise LedgerError(errors)
    result, seen = [], {}
    for number, cells in enumerate(rows[1:], start=2):
        values = {key: cells[i] if i < len(cells) else None for key, i in index.items()}
        if all(cell_text(v) == "" for v in values.values()):
            continue
        row, problems = _row(number, values)
        errors.extend(
            _("第%(r)s行“%(h)s”列:%(m)s") % {"r": number, "h": COLUMNS[key], "m": message}
            for key, message in problems
        )
        if row is None:
            continue
        if row.ledger_no in seen:
            errors.append(
                _("第%(r)s行“申请编号”列:“%(n)s”与第%(o)s行重复")
                % {"r": number, "n": row.ledger_no, "o": seen[row.ledger_no]}
            )
            continue
        seen[row.ledger_no] = number
        result.append(row)
    if not result and not errors:
        errors.append(_("文件没有任何数据行"))
    if errors:
        raise LedgerError(capped(errors))
    return result


def _csv_rows(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise LedgerError([_("CSV 文件须为 UTF-8 编码(Excel 中另存为“CSV UTF-8”)")]) from None
    return [row for row in csv.reader(io.StringIO(text))]


def _xlsx_rows(data: bytes) -> list[list]:
    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    except Exception:  # openpyxl raises many kinds of errors on damaged files
        raise LedgerError([_("文件不是有效的 Excel(.xlsx)工作簿,可能已损坏")]) from None


def _row(number: int, values: dict) -> tuple[LedgerRow | None, list[tuple[str, str]]]:
    problems: list[tuple[str, str]] = []
    text = {key: cell_text(values.get(key)) for key in COLUMNS}
    for key in REQUIRED:
        if not text[key]:
            problems.append((key, _("不能为空")))
    dates: dict[str, datetime.date | None] = {}
    for key in DATES:
        try:
            dates[key] = cell_date(values.get(key))
        except ValueError:
            problems.append((key, _("“%(v)s”不是日期,请写作2025-03-01") % {"v": text[key]}))
            dates[key] = None
    today = timezone.localdate()
    for key in DATES:
        if dates[key] and dates[key] > today:
            problems.append((key, _("不能晚于今天")))
    kinds = applicant_kinds()
    kind = kinds.get(text["applicant_kind"])
    if text["applicant_kind"] and kind is None:
        problems.append(
            ("applicant_kind", _("“%(v)s”不是申请人类型,应为%(k)s") % {"v": text["applicant_kind"], "k": "/".join(kinds)})
        )  # fmt: skip
    if len(text["ledger_no"]) > 60:
        problems.append(("ledger_no", _("超过60字")))
    if len(text["applicant_name"]) > 100:
        problems.append(("applicant_name", _("超过100字")))
    if len(text["description"]) > MAX_DESCRIPTION_CHARS:
        problems.append(("description", _("超过%(n)s字") % {"n": MAX_DESCRIPTION_CHARS}))
    for key in ("applicant_name", "description"):
        if has_markup(text[key]):
            problems.append((key, _("含有网页代码(HTML 标记)")))
    extension = 0
    if text["extension_workdays"]:
        try:
            extension = int(text["extension_workdays"])
        except ValueError:
            problems.append(("extension_workdays", _("应为0至20的整数")))
        else:
            if not 0 <= extension <= deadlines.MAX_EXTENSION_WORKDAYS:
                problems.append(
                    ("extension_workdays", _("“%(v)s”超出范围:延期最长20个工作日(《条例》第三十三条)") % {"v": extension})
                )  # fmt: skip
    outcome = ""
    if text["outcome"]:
        outcome = outcome_from_text(text["outcome"]) or ""
        if not outcome:
            problems.append(
                ("outcome", _("“%(v)s”不是办理结果,应为代码(如 refused.4)或“分类/子项”(如 不予公开/保护第三方合法权益)") % {"v": text["outcome"]})
            )  # fmt: skip
    problems.extend(_order_problems(dates, text))
    if problems:
        return None, problems
    row = LedgerRow(
        row=number,
        ledger_no=text["ledger_no"],
        received_on=dates["received_on"],
        applicant_kind=kind,
        applicant_name=text["applicant_name"],
        description=text["description"],
        correction_asked_on=dates["correction_asked_on"],
        corrected_on=dates["corrected_on"],
        consultation_start=dates["consultation_start"],
        consultation_end=dates["consultation_end"],
        extension_workdays=extension,
        replied_on=dates["replied_on"],
        outcome=outcome,
    )
    try:
        row.due_on  # noqa: B018 - a year typo (1926) lies outside the working-day calendar
    except CalendarError as exc:
        return None, [("corrected_on" if row.corrected_on else "received_on", str(exc))]
    return row, []


def _order_problems(dates: dict, text: dict) -> list[tuple[str, str]]:
    """Dates out of order, and facts that need another (an answer needs its outcome)."""
    problems = []
    received = dates["received_on"]

    def before(key, earlier_key):
        if dates[key] and dates[earlier_key] and dates[key] < dates[earlier_key]:
            problems.append(
                (
                    key,
                    _("不能早于%(e)s(%(d)s)")
                    % {"e": COLUMNS[earlier_key], "d": dates[earlier_key]},
                )
            )

    for key in ("correction_asked_on", "consultation_start", "replied_on"):
        before(key, "received_on")
    before("corrected_on", "correction_asked_on")
    before("consultation_end", "consultation_start")
    before("replied_on", "corrected_on")
    if dates["corrected_on"] and not dates["correction_asked_on"]:
        problems.append(("corrected_on", _("有补正收到日期,但没有补正告知日期")))
    if dates["consultation_end"] and not dates["consultation_start"]:
        problems.append(("consultation_end", _("有征询结束日期,但没有征询开始日期")))
    if dates["replied_on"] and dates["consultation_start"] and not dates["consultation_end"]:
        # A replied case cannot still wait for an opinion: the decision ends the
        # consultation (《条例》第三十二条: no answer in time, the agency decides).
        # Stored open, it would leave a paused clock on a closed case.
        problems.append(
            ("consultation_end", _("已答复的申请须填写征询结束日期(未收到意见的可填答复日期)"))
        )
    try:
        last = deadlines.correction_notice_due(received) if received else None
    except CalendarError:
        last = None  # a year outside the calendar: reported with the due date
    if last and dates["correction_asked_on"]:
        if dates["correction_asked_on"] > last:
            problems.append(
                ("correction_asked_on", _("补正告知须在收到申请后7个工作日内(%(d)s前)(《条例》第三十条)") % {"d": last})
            )  # fmt: skip
    outcome = outcome_from_text(text["outcome"]) if text["outcome"] else ""
    if outcome == Outcome.OTHER_1 and not (
        dates["correction_asked_on"] and not dates["corrected_on"]
    ):
        problems.append(("outcome", _("“逾期不补正”须有补正告知日期,且没有补正收到日期")))
    if outcome == Outcome.UNAVAILABLE_3 and not dates["corrected_on"]:
        problems.append(("outcome", _("“补正后申请内容仍不明确”须有补正收到日期")))
    if dates["replied_on"] and not text["outcome"]:
        problems.append(("outcome", _("有答复日期,但没有办理结果")))
    if text["outcome"] and not dates["replied_on"]:
        problems.append(("replied_on", _("有办理结果,但没有答复日期")))
    return problems


@dataclass
class LedgerReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@transaction.atomic
def ledger_import(*, unit, rows: list[LedgerRow], actor) -> LedgerReport:
    """Store checked rows for `unit`: all of them, or (on any conflict) none."""
    report = LedgerReport()
    existing = {
        case.ledger_no: case
        for case in InfoRequest.objects.select_for_update()
        .filter(unit=unit, ledger_no__in=[row.ledger_no for row in rows])
        .prefetch_related("pauses")
    }
    # A case imported earlier and worked on here since (a letter, a step) is the
    # platform's now: overwriting it from the spreadsheet would undo a reply or
    # delete its pauses behind the letters that announced them.
    handled_here = set(
        RequestEvent.objects.filter(info_request__in=existing.values())
        # A status move has no "kind" at all; NOT IN alone would skip it (NULL).
        .filter(Q(data__kind__isnull=True) | ~Q(data__kind__in=LEDGER_EVENT_KINDS))
        .values_list("info_request_id", flat=True)
    )
    conflicts = [
        _("第%(r)s行“申请编号”列:“%(n)s”已是本平台受理的申请,不能用台账覆盖")
        % {"r": row.row, "n": row.ledger_no}
        for row in rows
        if row.ledger_no in existing
        and (
            existing[row.ledger_no].source != "ledger" or existing[row.ledger_no].pk in handled_here
        )
    ]
    if conflicts:
        raise LedgerError(capped(conflicts))
    new_cases, pauses = [], []
    tracking_numbers = _fresh_tracking_numbers(len(rows))
    for row in rows:
        fields = row.case_fields()
        case = existing.get(row.ledger_no)
        if case is None:
            case = InfoRequest(
                unit=unit,
                ledger_no=row.ledger_no,
                tracking_number=tracking_numbers.pop(),
                channel="in_person",
                source="ledger",
                submitted_at=timezone.make_aware(
                    datetime.datetime.combine(row.received_on, datetime.time(9))
                ),
                **fields,
            )
            new_cases.append((case, row))
            continue
        changed = [name for name, value in fields.items() if getattr(case, name) != value]
        if not changed and _same_pause(case, row):
            report.unchanged += 1
            continue
        for name in changed:
            setattr(case, name, fields[name])
        case.save(update_fields=changed or None)
        case.pauses.all().delete()
        if row.consultation_start:
            Pause.objects.create(
                info_request=case,
                kind=Pause.Kind.THIRD_PARTY,
                started_on=row.consultation_start,
                ended_on=row.consultation_end,
            )
        case.events.create(
            actor=actor, old_status=case.status, new_status=case.status,
            note=_("台账导入更新"), data={"kind": "ledger_update", "fields": changed},
        )  # fmt: skip
        report.updated += 1
    created = InfoRequest.objects.bulk_create([case for case, _row in new_cases], batch_size=1000)
    events = []
    for case, row in zip(created, (row for _case, row in new_cases), strict=True):
        if row.consultation_start:
            pauses.append(
                Pause(
                    info_request=case,
                    kind=Pause.Kind.THIRD_PARTY,
                    started_on=row.consultation_start,
                    ended_on=row.consultation_end,
                )
            )
        events.append(
            RequestEvent(
                info_request=case,
                actor=actor if actor is not None and actor.is_authenticated else None,
                old_status="",
                new_status=case.status,
                note=_("自台账导入(第%(r)s行)") % {"r": row.row},
                data={"kind": "ledger_import"},
            )
        )
    Pause.objects.bulk_create(pauses, batch_size=1000)
    RequestEvent.objects.bulk_create(events, batch_size=1000)
    report.created = len(created)
    audit_record(
        actor=actor,
        action="inforequest.ledger_import",
        obj=unit,
        after={"created": report.created, "updated": report.updated, "unchanged": report.unchanged},
    )
    return report


def _fresh_tracking_numbers(count: int) -> list[str]:
    """`count` tracking numbers used by no case yet (drawn again on a collision)."""
    drawn: set[str] = set()
    while len(drawn) < count:
        batch = {new_tracking_number() for _ in range(count - len(drawn))} - drawn
        taken = set(
            InfoRequest.objects.filter(tracking_number__in=batch).values_list(
                "tracking_number", flat=True
            )
        )
        drawn |= batch - taken
    return list(drawn)


def _same_pause(case: InfoRequest, row: LedgerRow) -> bool:
    pauses = [(p.started_on, p.ended_on) for p in case.pauses.all()]
    wanted = [(row.consultation_start, row.consultation_end)] if row.consultation_start else []
    return pauses == wanted
