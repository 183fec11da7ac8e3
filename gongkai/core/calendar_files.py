"""Reading a year's holiday notice from a CSV or JSON file, with row-level errors.

CSV: a header `date,kind,name`, one day a row; `kind` is `holiday` / `休` or
`makeup_workday` / `班`.

JSON: {"year": 2027, "notice": "国办发明电〔2026〕N号",
       "days": [{"date": "2027-01-01", "kind": "holiday", "name": "元旦"},
                {"from": "2027-02-06", "to": "2027-02-14", "kind": "holiday", "name": "春节"}]}

Every problem is collected with its row number; the file is accepted only when
there is none (the import then replaces the year as a whole).
"""

import csv
import datetime
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from gongkai.core.errors import InputErrors
from gongkai.core.models import CalendarException

Kind = CalendarException.Kind
KIND_ALIASES = {
    "holiday": Kind.HOLIDAY,
    "休": Kind.HOLIDAY,
    "makeup_workday": Kind.MAKEUP_WORKDAY,
    "班": Kind.MAKEUP_WORKDAY,
}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
WEEKDAYS = "一二三四五六日"
# A holiday period longer than this is almost certainly a typo in the range.
MAX_RANGE_DAYS = 15


class CalendarFileError(InputErrors):
    """The file cannot be imported; `errors` lists every problem found, by row."""


@dataclass
class NoticeDay:
    date: datetime.date
    kind: str
    name: str
    row: str


@dataclass
class Notice:
    """One year's exceptions, validated."""

    year: int
    notice: str = ""
    days: list[NoticeDay] = field(default_factory=list)


def parse_iso_date(text: str) -> datetime.date:
    """Parse YYYY-MM-DD strictly; raise ValueError with a Chinese message otherwise."""
    text = (text or "").strip()
    if not ISO_DATE.match(text):
        raise ValueError(_("日期“%(text)s”格式不对,应为 YYYY-MM-DD") % {"text": text})
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise ValueError(_("日期“%(text)s”不存在") % {"text": text}) from None


def _expand(entry: dict, row: str, errors: list[str]) -> list[datetime.date]:
    if "date" in entry:
        try:
            return [parse_iso_date(str(entry["date"]))]
        except ValueError as exc:
            errors.append(f"{row}: {exc}")
            return []
    if "from" in entry and "to" in entry:
        try:
            first = parse_iso_date(str(entry["from"]))
            last = parse_iso_date(str(entry["to"]))
        except ValueError as exc:
            errors.append(f"{row}: {exc}")
            return []
        if last < first or (last - first).days >= MAX_RANGE_DAYS:
            errors.append(
                _("%(row)s: 日期范围 %(first)s 至 %(last)s 不合理")
                % {"row": row, "first": first, "last": last}
            )
            return []
        return [first + datetime.timedelta(days=k) for k in range((last - first).days + 1)]
    errors.append(_("%(row)s: 缺少 date,或 from 与 to") % {"row": row})
    return []


def _rows_from_csv(text: str) -> tuple[list[tuple[str, dict]], dict]:
    reader = csv.DictReader(io.StringIO(text))
    missing = {"date", "kind"} - set(reader.fieldnames or [])
    if missing:
        raise CalendarFileError(
            [
                _("CSV 表头缺少列: %(cols)s(应为 date,kind,name)")
                % {"cols": ", ".join(sorted(missing))}
            ]
        )
    rows = []
    for number, record in enumerate(reader, start=2):
        rows.append((_("第%(n)s行") % {"n": number}, record))
    return rows, {}


def _rows_from_json(text: str) -> tuple[list[tuple[str, dict]], dict]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CalendarFileError(
            [_("JSON 格式错误: 第%(line)s行第%(col)s列") % {"line": exc.lineno, "col": exc.colno}]
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("days"), list):
        raise CalendarFileError([_("JSON 顶层应为对象,且包含 days 列表")])
    rows = []
    for number, entry in enumerate(data["days"], start=1):
        label = _("days 第%(n)s项") % {"n": number}
        if not isinstance(entry, dict):
            raise CalendarFileError([_("%(row)s: 应为对象") % {"row": label}])
        rows.append((label, entry))
    return rows, data


def parse_notice(text: str, *, fmt: str, year: int | None = None, notice: str = "") -> Notice:
    """Validate a year's notice; raise CalendarFileError listing every problem."""
    rows, meta = _rows_from_json(text) if fmt == "json" else _rows_from_csv(text)
    errors: list[str] = []
    if meta.get("year") is not None:
        if not isinstance(meta["year"], int):
            errors.append(_("year 应为整数年份"))
        elif year is not None and year != meta["year"]:
            errors.append(
                _("文件中的年份 %(a)s 与指定的年份 %(b)s 不一致") % {"a": meta["year"], "b": year}
            )
        else:
            year = meta["year"]
    notice = notice or str(meta.get("notice") or "")
    days: list[NoticeDay] = []
    for row, entry in rows:
        kind = KIND_ALIASES.get(str(entry.get("kind") or "").strip())
        if kind is None:
            errors.append(
                _("%(row)s: 类型“%(kind)s”无法识别,应为 holiday(休)或 makeup_workday(班)")
                % {"row": row, "kind": entry.get("kind") or ""}
            )
            continue
        for day in _expand(entry, row, errors):
            days.append(NoticeDay(day, kind, str(entry.get("name") or "").strip(), row))
    if not days and not errors:
        errors.append(_("文件中没有任何日期"))
    years = sorted({day.date.year for day in days})
    if year is None and len(years) == 1:
        year = years[0]
    for day in days:
        if year is not None and day.date.year != year:
            errors.append(
                _("%(row)s: %(date)s 不属于 %(year)s 年")
                % {"row": day.row, "date": day.date, "year": year}
            )
        if day.kind == Kind.MAKEUP_WORKDAY and day.date.weekday() < 5:
            errors.append(
                _("%(row)s: %(date)s 是星期%(wd)s,调休上班日只能是周六或周日")
                % {"row": day.row, "date": day.date, "wd": WEEKDAYS[day.date.weekday()]}
            )
    if year is None and not errors:
        errors.append(
            _("文件中的日期跨越多个年份(%(years)s),一次只能导入一年")
            % {"years": "、".join(str(y) for y in years)}
        )
    seen: dict[datetime.date, NoticeDay] = {}
    for day in days:
        earlier = seen.get(day.date)
        if earlier is None:
            seen[day.date] = day
        elif earlier.kind != day.kind:
            errors.append(
                _("%(row)s: %(date)s 同时被列为放假日和调休上班日(另见%(other)s)")
                % {"row": day.row, "date": day.date, "other": earlier.row}
            )
        else:
            errors.append(
                _("%(row)s: %(date)s 重复出现(另见%(other)s)")
                % {"row": day.row, "date": day.date, "other": earlier.row}
            )
    if errors:
        raise CalendarFileError(errors)
    return Notice(year=year, notice=notice, days=sorted(seen.values(), key=lambda d: d.date))


def read_notice_file(path: Path, *, year: int | None = None, notice: str = "") -> Notice:
    """Read a .csv or .json notice file; raise CalendarFileError with a clear message."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".json"):
        raise CalendarFileError([_("只支持 .csv 或 .json 文件: %(path)s") % {"path": path}])
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CalendarFileError([_("文件不存在: %(path)s") % {"path": path}]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CalendarFileError(
            [_("无法读取文件 %(path)s: %(err)s") % {"path": path, "err": exc}]
        ) from None
    return parse_notice(text, fmt=suffix[1:], year=year, notice=notice)
