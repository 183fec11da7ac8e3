"""The cells of an .xlsx, as the personal-data gate reads and rewrites them.

Every worksheet is read, hidden ones included: a hidden sheet is still
published with the file. A sheet is a line "[title]", then one line per row with
the cells separated by tabs, then a line per cell comment. Numbers are written
out in full (13812345678, not 1.38e10), so a mobile number stored as a number
is found like one typed as text.

The workbook is read with cached values (data_only), and the masked copy is
saved that way too: it holds values, not formulas, so what was scanned is
exactly what is published and no formula can rebuild a masked value. openpyxl
does not keep images or charts; the masked copy has none.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Callable

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.comments import Comment


def read(data: bytes) -> tuple[str, str]:
    """All cell text of the workbook, and what could not be checked (images)."""
    workbook = load_workbook(io.BytesIO(data), data_only=True)
    lines = []
    for sheet in workbook.worksheets:
        lines.append(f"[{sheet.title}]")
        comments = []
        for row in sheet.iter_rows():
            lines.append("\t".join(cell_text(cell.value) for cell in row).rstrip("\t"))
            comments += [
                f"批注 {cell.coordinate}: {cell.comment.text}"
                for cell in row
                if getattr(cell, "comment", None)
            ]
        lines += comments
    return "\n".join(lines), _note(data)


def rewrite(data: bytes, mask: Callable[[str], str]) -> bytes:
    """The workbook with every cell, comment and sheet title replaced by `mask(text)`.

    A number that holds personal data (a mobile number typed as a number)
    becomes the masked string.
    """
    workbook = load_workbook(io.BytesIO(data), data_only=True)
    for sheet in workbook.worksheets:
        title = mask(sheet.title)
        if title != sheet.title:
            # Excel forbids "*" in sheet names; the full-width asterisk is allowed.
            sheet.title = title.replace("*", "＊")
        for row in sheet.iter_rows():
            for cell in row:
                _mask_cell(cell, mask)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def cell_text(value) -> str:
    """A cell value as text: integral numbers in full, dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def _mask_cell(cell, mask: Callable[[str], str]) -> None:
    value = cell.value
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        text = cell_text(value)
        masked = mask(text)
        if masked != text:
            cell.value = masked
            # A masked text that starts with "=" must not turn into a formula.
            cell.data_type = "s"
            cell.number_format = "@"
    comment = getattr(cell, "comment", None)
    if comment:
        masked = mask(comment.text)
        if masked != comment.text:
            cell.comment = Comment(masked, comment.author)


def _note(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        images = sum(1 for name in archive.namelist() if name.startswith("xl/media/"))
    if not images:
        return ""
    return _("工作簿中有 %(n)s 张图片,图片中的文字未能检查") % {"n": images}
