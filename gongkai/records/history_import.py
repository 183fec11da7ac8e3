"""Moving a unit's already-published list in from its old website (`gongkai records import`).

One row per record, headed 标题 / 文号 / 发布日期 / 成文日期 / 索引号 / 有效性 /
链接 / 正文 (and optionally 内容概述, 主题分类, 文件类型). Rows become published
records with their original dates and index numbers. All or nothing: any
problem, listed with its row and column, stores nothing. Personal data is not
let in this way either: a row whose text holds an unmasked ID, mobile or bank
card number is refused, to be masked at the source first.
"""

import datetime
import html
import io
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from gongkai.core.audit import audit_record
from gongkai.core.cells import cell_date as _date
from gongkai.core.cells import cell_text as _text
from gongkai.core.errors import InputErrors, capped
from gongkai.orgs.models import Unit
from gongkai.privacy.detectors import KIND_LABELS, drop_invisible, scan_as_read
from gongkai.records import hooks
from gongkai.records.models import Record
from gongkai.records.sanitize import clean_html
from gongkai.records.services import next_index_number

MAX_FILE_BYTES = 20 * 1024 * 1024
COLUMNS = {
    "title": ("标题", "名称", "信息名称"),
    "doc_number": ("文号", "发文字号"),
    "published_on": ("发布日期", "公开日期"),
    "written_on": ("成文日期", "生成日期"),
    "index_number": ("索引号",),
    "validity": ("有效性", "效力状态"),
    "source_url": ("链接", "网址", "原文链接"),
    "body": ("正文", "内容"),
    "summary": ("内容概述", "摘要"),
    "topic": ("主题分类", "主题"),
    "doc_type": ("文件类型", "类型"),
}
REQUIRED = ("title", "published_on")
# The model's field lengths, checked per row so that no database refuses a row later.
LIMITS = {"title": 300, "doc_number": 100, "index_number": 60, "topic": 50, "source_url": 500}
VALIDITY = {label: value for value, label in Record.Validity.choices} | {"": "in_force"}
DOC_TYPES = {label: value for value, label in Record.DocType.choices} | {"": "other"}


class HistoryFileError(InputErrors):
    pass


@dataclass
class HistoryRow:
    row: int
    title: str
    published_on: datetime.date
    doc_number: str = ""
    written_on: datetime.date | None = None
    index_number: str = ""
    validity: str = "in_force"
    source_url: str = ""
    body: str = ""
    summary: str = ""
    topic: str = ""
    doc_type: str = "other"


def read_history_xlsx(data: bytes, *, sheet_label: str = "") -> list[HistoryRow]:
    if len(data) > MAX_FILE_BYTES:
        raise HistoryFileError([_("文件超过 20 MB,请分批导入")])
    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    except Exception:  # openpyxl raises many kinds of errors on damaged files
        raise HistoryFileError(
            [_("文件不是有效的 Excel(.xlsx)工作簿,可能已损坏或不是 Excel 文件")]
        ) from None
    name = sheet_label or sheet.title
    if not rows:
        raise HistoryFileError([_("工作表“%(s)s”是空的") % {"s": name}])
    header = [re.sub(r"\s+", "", str(cell or "")) for cell in rows[0]]
    columns, errors = {}, []
    for index, heading in enumerate(header):
        key = next((k for k, names in COLUMNS.items() if heading in names), None)
        if key:
            columns[key] = index
        elif heading:
            errors.append(
                _("工作表“%(s)s”第1行%(c)s列:无法识别表头“%(h)s”")
                % {"s": name, "c": get_column_letter(index + 1), "h": heading}
            )
    missing = [COLUMNS[key][0] for key in REQUIRED if key not in columns]
    if missing:
        errors.append(_("缺少必需的列:%(m)s") % {"m": "、".join(missing)})
    if errors:
        raise HistoryFileError(errors)
    result, seen = [], {}
    for number, cells in enumerate(rows[1:], start=2):
        values = {
            key: cells[index] if index < len(cells) else None for key, index in columns.items()
        }
        if all(value in (None, "") for value in values.values()):
            continue
        row, problems = _row(number, values)
        for key, message in problems:
            errors.append(
                _("工作表“%(s)s”第%(r)s行“%(h)s”列(%(c)s列):%(m)s")
                % {"s": name, "r": number, "h": COLUMNS[key][0],
                   "c": get_column_letter(columns[key] + 1), "m": message}
            )  # fmt: skip
        if row is not None and row.index_number:
            if row.index_number in seen:
                errors.append(
                    _("工作表“%(s)s”第%(r)s行:索引号“%(i)s”与第%(o)s行重复")
                    % {"s": name, "r": number, "i": row.index_number, "o": seen[row.index_number]}
                )
            seen[row.index_number] = number
        if row is not None:
            result.append(row)
    taken = set(Record.objects.filter(index_number__in=seen).values_list("index_number", flat=True))
    for index_number in sorted(taken):
        errors.append(
            _("第%(r)s行:索引号“%(i)s”已存在") % {"r": seen[index_number], "i": index_number}
        )
    if not result and not errors:
        errors.append(_("工作表“%(s)s”没有任何数据行") % {"s": name})
    if errors:
        raise HistoryFileError(capped(errors))
    return result


def _row(number: int, values: dict) -> tuple[HistoryRow | None, list[tuple[str, str]]]:
    problems = []
    title = drop_invisible(_text(values.get("title")))
    if not title:
        problems.append(("title", _("不能为空")))
    dates = {}
    for key in ("published_on", "written_on"):
        try:
            dates[key] = _date(values.get(key))
        except ValueError:
            problems.append((key, _("“%(v)s”不是日期,请写作2024-03-01") % {"v": values[key]}))
    if "published_on" in dates and dates["published_on"] is None:
        problems.append(("published_on", _("不能为空")))
    validity = _text(values.get("validity"))
    if validity not in VALIDITY:
        problems.append(("validity", _("应为有效、失效、废止或已修订")))
    doc_type = _text(values.get("doc_type"))
    if doc_type not in DOC_TYPES:
        problems.append(("doc_type", _("应为规章、行政规范性文件或其他")))
    url = _text(values.get("source_url"))
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            problems.append(("source_url", _("“%(u)s”不是有效的网址") % {"u": url}))
    body_text = drop_invisible(_text(values.get("body")))
    for key in COLUMNS:
        text = body_text if key == "body" else _text(values.get(key))
        for kind, count in _personal_data(text).items():
            problems.append(
                (key, _("含%(n)s处未遮蔽的%(k)s,请在源数据中遮蔽后再导入") % {"n": count, "k": KIND_LABELS[kind]})
            )  # fmt: skip
    for key, limit in LIMITS.items():
        if len(_text(values.get(key))) > limit:
            problems.append((key, _("超过%(n)s字") % {"n": limit}))
    if dates.get("published_on") and dates["published_on"] > timezone.localdate():
        problems.append(("published_on", _("发布日期不能晚于今天")))
    if problems:
        return None, problems
    body = "".join(f"<p>{html.escape(line)}</p>" for line in body_text.splitlines() if line.strip())
    return (
        HistoryRow(
            row=number,
            title=title,
            published_on=dates["published_on"],
            written_on=dates.get("written_on"),
            doc_number=_text(values.get("doc_number")),
            index_number=_text(values.get("index_number")),
            validity=VALIDITY[validity],
            source_url=url,
            body=clean_html(body),
            summary=_text(values.get("summary")),
            topic=_text(values.get("topic")),
            doc_type=DOC_TYPES[doc_type],
        ),
        [],
    )


def _personal_data(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for finding in scan_as_read(text):
        counts[finding.kind] = counts.get(finding.kind, 0) + 1
    return counts


@transaction.atomic
def history_import(*, unit: Unit, rows: list[HistoryRow], actor, source_name: str) -> list[Record]:
    """Store the rows as published records of `unit`, with their original dates."""
    records = []
    for row in rows:
        published_at = timezone.make_aware(
            datetime.datetime.combine(row.published_on, datetime.time(9, 0))
        )
        record = Record.objects.create(
            unit=unit,
            index_number=row.index_number or next_index_number(unit, row.published_on.year),
            title=row.title,
            doc_number=row.doc_number,
            written_on=row.written_on,
            published_at=published_at,
            topic=row.topic,
            doc_type=row.doc_type,
            summary=row.summary,
            body=row.body,
            source_url=row.source_url,
            validity=row.validity,
            status=Record.Status.PUBLISHED,
            created_by=actor,
        )
        record.events.create(
            actor=actor if actor is not None and actor.is_authenticated else None,
            old_status="",
            new_status=Record.Status.PUBLISHED,
            note=_("从 %(f)s 第%(r)s行导入的历史信息") % {"f": source_name, "r": row.row},
        )
        records.append(record)
    for record in records:
        transaction.on_commit(lambda pk=record.pk: hooks.record_published(pk))
    audit_record(
        actor=actor,
        action="record.history_import",
        obj=unit,
        after={"file": source_name, "records": len(records)},
    )
    return records
