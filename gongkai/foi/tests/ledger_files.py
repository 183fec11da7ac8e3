"""Builders of real ledger files (CSV and .xlsx) for the `gongkai foi import` tests.

A row is a dict keyed by the ledger's Chinese headings; missing cells are empty.
Values may be dates (written as date cells in .xlsx, ISO text in CSV) or text.
"""

import csv
import datetime
import io
import json
from pathlib import Path

from django.core.management import call_command
from openpyxl import Workbook

from gongkai.foi.ledger import COLUMNS

HEADER = list(COLUMNS.values())


def row(ledger_no: str, received_on, **cells) -> dict:
    """A ledger row for 张伟 unless told otherwise; `cells` by Chinese heading."""
    return {
        "申请编号": ledger_no,
        "收到日期": received_on,
        "申请人类型": "自然人",
        "申请人": "张伟",
        "申请内容": "坦洲镇2025年农村危房改造补助资金发放名单",
        **cells,
    }


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def write_csv(path: Path, rows: list[dict], *, header=HEADER, bom=False, encoding="utf-8") -> Path:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for cells in rows:
        writer.writerow([_text(cells.get(heading)) for heading in header])
    data = out.getvalue().encode(encoding)
    path.write_bytes(("\ufeff".encode() if bom else b"") + data)
    return path


def write_xlsx(path: Path, rows: list[dict], *, header=HEADER) -> Path:
    """Dates stay date cells (Excel's own format), text stays text."""
    book = Workbook()
    sheet = book.active
    sheet.title = "依申请公开台账"
    sheet.append(header)
    for cells in rows:
        sheet.append([cells.get(heading) for heading in header])
    for column in sheet.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, datetime.date):
                cell.number_format = "yyyy-mm-dd"
    book.save(path)
    return path


def import_ledger(path: Path, unit: str = "坦洲镇") -> str:
    out = io.StringIO()
    call_command("foi", "import", str(path), "--unit", unit, stdout=out)
    return out.getvalue()


def list_ledger(unit: str = "坦洲镇") -> list[dict]:
    out = io.StringIO()
    call_command("foi", "list", "--unit", unit, "--format", "json", stdout=out)
    return json.loads(out.getvalue())
