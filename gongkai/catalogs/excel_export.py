"""Writing catalogs (and the progress board) as xlsx in the layout officials print.

`version_workbook` writes the layout excel_layout.py describes, which
excel_import.py reads back field for field.
"""

import datetime
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from gongkai.catalogs import excel_layout as layout
from gongkai.catalogs.models import CatalogItem, CatalogVersion, Channel, DisclosureLevel, Stage

THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADING_FONT = Font(bold=True)
TITLE_FONT = Font(bold=True, size=14)
HEADING_FILL = PatternFill("solid", fgColor="EDEDED")
WRAP = Alignment(wrap_text=True, vertical="center")
CENTRE = Alignment(wrap_text=True, vertical="center", horizontal="center")
FIRST_DATA_ROW = 4
LEGEND = "注:“■”表示选用的公开渠道,“□”表示可选但未选用的渠道;“√”表示适用。"


def catalog_columns(items: list[CatalogItem], levels: list[DisclosureLevel]) -> list[layout.Column]:
    """The table's columns; 过程, 三级事项 and 备注 only when some item uses them."""
    columns = [layout.Column(layout.SEQ, "序号")]
    if any(item.stage for item in items):
        columns.append(layout.Column(layout.STAGE, "过程"))
    columns += [
        layout.Column(layout.CATEGORY, "一级事项", layout.GROUP_MATTER),
        layout.Column(layout.NAME, "二级事项", layout.GROUP_MATTER),
    ]
    if any(item.sub_name for item in items):
        columns.append(layout.Column(layout.SUB_NAME, "三级事项", layout.GROUP_MATTER))
    columns += [
        layout.Column(layout.ELEMENTS, "公开内容（要素）"),
        layout.Column(layout.LEGAL_BASIS, "公开依据"),
        layout.Column(layout.TIME_LIMIT, "公开时限"),
        layout.Column(layout.PUBLISHER, "公开主体"),
        layout.Column(layout.CHANNELS, "公开渠道和载体"),
        layout.Column(layout.AUDIENCE_PUBLIC, "全社会", layout.GROUP_AUDIENCE),
        layout.Column(layout.AUDIENCE_SPECIFIC, "特定群体", layout.GROUP_AUDIENCE),
        layout.Column(layout.MODE_PROACTIVE, "主动", layout.GROUP_MODE),
        layout.Column(layout.MODE_ON_REQUEST, "依申请", layout.GROUP_MODE),
    ]
    columns += [
        layout.Column(layout.LEVEL_PREFIX + level.code, level.label, layout.GROUP_LEVEL)
        for level in levels
    ]
    if any(item.remarks for item in items):
        columns.append(layout.Column(layout.REMARKS, "备注"))
    return columns


def channels_text(item: CatalogItem) -> str:
    """One channel a line, each marked chosen; free-text channels on one “其他:” line."""
    lines = [
        layout.CHOSEN + str(Channel(code).label) for code in item.channels if code != Channel.OTHER
    ]
    if item.channels_other:
        lines.append(f"{layout.CHOSEN}其他：{item.channels_other}")
    elif Channel.OTHER in item.channels:
        lines.append(f"{layout.CHOSEN}其他")
    return "\n".join(lines)


def cell_value(item: CatalogItem, key: str, seq: int):
    if key == layout.SEQ:
        return seq
    if key == layout.STAGE:
        return str(Stage(item.stage).label) if item.stage else None
    if key in (layout.ELEMENTS, layout.LEGAL_BASIS):
        return "\n".join(getattr(item, key)) or None
    if key == layout.CHANNELS:
        return channels_text(item) or None
    if key in layout.TICK_COLUMNS:
        return layout.TICK if getattr(item, key) else None
    if key.startswith(layout.LEVEL_PREFIX):
        return layout.TICK if key.removeprefix(layout.LEVEL_PREFIX) in item.levels else None
    return getattr(item, key) or None


def _write_headings(sheet: Worksheet, columns: list[layout.Column]) -> None:
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        if column.group:
            sheet.cell(row=3, column=index, value=column.heading)
        else:
            sheet.cell(row=2, column=index, value=column.heading)
            sheet.merge_cells(start_row=2, end_row=3, start_column=index, end_column=index)
    # Group headings span their sub-columns (consecutive by construction).
    index = 1
    while index <= len(columns):
        group = columns[index - 1].group
        end = index
        while end < len(columns) and group and columns[end].group == group:
            end += 1
        if group:
            sheet.cell(row=2, column=index, value=group)
            if end > index:
                sheet.merge_cells(start_row=2, end_row=2, start_column=index, end_column=end)
        index = end + 1
    for row in sheet.iter_rows(min_row=2, max_row=3, max_col=len(columns)):
        for cell in row:
            cell.font, cell.fill, cell.alignment, cell.border = (
                HEADING_FONT,
                HEADING_FILL,
                CENTRE,
                BORDER,
            )


def _merge_runs(sheet: Worksheet, column: int, values: list[str]) -> None:
    """Merge 一级事项 over consecutive rows with the same value, as printed catalogs do."""
    start = 0
    for index in range(1, len(values) + 1):
        if index == len(values) or values[index] != values[start]:
            if index - start > 1:
                sheet.merge_cells(
                    start_row=FIRST_DATA_ROW + start,
                    end_row=FIRST_DATA_ROW + index - 1,
                    start_column=column,
                    end_column=column,
                )
            start = index


def version_workbook(version: CatalogVersion) -> Workbook:
    catalog = version.catalog
    items = list(version.items.all())
    levels = list(DisclosureLevel.objects.all())
    columns = catalog_columns(items, levels)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = catalog.domain.name[:31]
    width = len(columns)

    sheet.cell(row=1, column=1, value=layout.title_for(catalog.unit.name, catalog.domain.name))
    sheet.merge_cells(start_row=1, end_row=1, start_column=1, end_column=width)
    sheet["A1"].font, sheet["A1"].alignment = TITLE_FONT, CENTRE
    sheet.row_dimensions[1].height = 30
    _write_headings(sheet, columns)

    # Named styles are registered once and assigned by name: setting border and
    # alignment cell by cell costs most of the export time for a large catalog.
    workbook.add_named_style(NamedStyle("gk_text", border=BORDER, alignment=WRAP))
    workbook.add_named_style(NamedStyle("gk_centre", border=BORDER, alignment=CENTRE))
    styles = ["gk_centre" if c.is_tick or c.key == layout.SEQ else "gk_text" for c in columns]
    for seq, item in enumerate(items, start=1):
        row = FIRST_DATA_ROW + seq - 1
        for index, column in enumerate(columns, start=1):
            cell = sheet.cell(row=row, column=index, value=cell_value(item, column.key, seq))
            cell.style = styles[index - 1]
    category_column = next(i for i, c in enumerate(columns, 1) if c.key == layout.CATEGORY)
    _merge_runs(sheet, category_column, [item.category for item in items])

    legend_row = FIRST_DATA_ROW + len(items)
    sheet.cell(row=legend_row, column=1, value=LEGEND)
    sheet.merge_cells(start_row=legend_row, end_row=legend_row, start_column=1, end_column=width)

    sheet.freeze_panes = sheet.cell(row=FIRST_DATA_ROW, column=1)
    sheet.print_title_rows = "2:3"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    return workbook


def to_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def version_filename(version: CatalogVersion) -> str:
    catalog = version.catalog
    return f"{catalog.unit.name}-{catalog.domain.name}-标准目录-第{version.number}版.xlsx"


def board_workbook(rows, *, today: datetime.date, state: str = "") -> Workbook:
    """The progress board as a sheet: one row per unit, one column per domain."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "编制进度"
    domains = [cell.domain for cell in rows[0][1]] if rows else []
    sheet.append([f"标准目录编制进度(截至{today:%Y年%m月%d日})"])
    sheet.append(["单位", "批次", "期限", *(d.name for d in domains)])
    for unit, cells in rows:
        due = unit.batch.catalog_due_on if unit.batch_id else None
        values = [unit.name, unit.batch.name if unit.batch_id else "", due]
        for cell in cells:
            if state and cell.state != state:
                values.append(None)
                continue
            text = str(cell.state_label)
            if cell.latest:
                text += f" 第{cell.latest.number}版"
            if cell.first_filed_on:
                text += f" {cell.first_filed_on:%Y-%m-%d}备案"
            if cell.late:
                text += " 逾期"
            values.append(text)
        sheet.append(values)
    sheet.merge_cells(start_row=1, end_row=1, start_column=1, end_column=3 + len(domains))
    sheet["A1"].font = TITLE_FONT
    for cell in sheet[2]:
        cell.font, cell.fill, cell.alignment = HEADING_FONT, HEADING_FILL, CENTRE
    for row in sheet.iter_rows(min_row=3, min_col=3, max_col=3):
        row[0].number_format = "yyyy-mm-dd"
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["C"].width = 12
    for index in range(4, 4 + len(domains)):
        sheet.column_dimensions[get_column_letter(index)].width = 16
    sheet.freeze_panes = "B3"
    return workbook
