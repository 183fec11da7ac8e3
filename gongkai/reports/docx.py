"""The annual report as .docx, in the layout of 国办公开办函〔2021〕30号.

It takes the dict of `document.build` / `document.build_city` (or a frozen
snapshot), so the Word file of a published report says exactly what was
approved. Row order and merged label cells come from `layout`, the same source
as the HTML pages, so screen and paper cannot drift apart. The city summary has
no written sections: only 二、三、四 with their tables.
"""

import io

import docx
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from gongkai.reports import annual, layout, sections

BODY_FONT = "仿宋"
HEADING_FONT = "黑体"  # GB/T 9704: first-level headings in 黑体
TITLE_SIZE = Pt(22)  # 二号
BODY_SIZE = Pt(16)  # 三号
INDENT = Pt(32)  # two characters of 三号
TABLE_SIZE = Pt(12)  # 小四, table 2 (four columns)
DENSE_TABLE_SIZE = Pt(10.5)  # 五号, tables 3 and 4 (ten and fifteen columns)

TABLE2_TITLE = "二、主动公开政府信息情况"
TABLE3_TITLE = "三、收到和处理政府信息公开申请情况"
TABLE4_TITLE = "四、政府信息公开行政复议、行政诉讼情况"
TABLE3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
ORGANISATION_KINDS = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]


def _set_font(run, name: str, size: Pt, *, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = size
    run.bold = bold
    # Word picks Chinese glyphs from eastAsia; font.name alone sets only the Latin fonts.
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _new_document(title: str):
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = BODY_FONT
    style.font.size = BODY_SIZE
    style.element.rPr.rFonts.set(qn("w:eastAsia"), BODY_FONT)
    # A4 with the GB/T 9704 margins: a 156 mm text width the tables are sized to.
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    document.core_properties.title = title
    return document


def _heading(document, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.first_line_indent = INDENT
    _set_font(paragraph.add_run(text), HEADING_FONT, BODY_SIZE)


def _section(document, heading: str, text: str) -> None:
    _heading(document, heading)
    for line in sections.paragraphs(text):
        document.add_paragraph(line).paragraph_format.first_line_indent = INDENT


def _table(document, rows: int, widths_mm: list[float]):
    """A bordered table and its cells by (row, column), read once.

    `table.cell()` walks the whole table on every call, which made table 3 take a
    second; the cells read here stay valid for writing and for merging rectangles
    that do not overlap.
    """
    table = document.add_table(rows=rows, cols=len(widths_mm))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    cells = [row.cells for row in table.rows]
    # Word reads each cell's width, LibreOffice the grid's: set both.
    for index, (column, width) in enumerate(zip(table.columns, widths_mm, strict=True)):
        column.width = Mm(width)
        for row in cells:
            row[index].width = Mm(width)
    return table, cells


def _write(cell, value, size: Pt, *, center: bool = True) -> None:
    """Put one label or number in a cell; a missing figure (None) stays blank."""
    paragraph = cell.paragraphs[0]
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    run = paragraph.add_run("" if value is None else str(value))
    run.font.size = size


def _merged(cells, top: int, left: int, bottom: int, right: int):
    return cells[top][left].merge(cells[bottom][right])


def _narrow_margins(table) -> None:
    """1 mm cell padding instead of Word's 1.9 mm, so a four-digit count fits its column."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), "57")  # twips
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    # The schema orders tblPr's children: tblCellMar comes just before tblLook.
    properties = table._tbl.tblPr
    look = properties.find(qn("w:tblLook"))
    if look is None:
        properties.append(margins)
    else:
        look.addprevious(margins)


def _repeat_header(table, rows: int) -> None:
    """Repeat the header rows on every page the table runs over."""
    for row in table.rows[:rows]:
        row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _table2(document, t2: dict) -> None:
    blocks = layout.TABLE2_ENTERED
    rows = 2 + len(annual.DOCUMENT_TYPES) + sum(2 + len(entries) for _, _, entries in blocks)
    _, cells = _table(document, rows, [48, 36, 36, 36])
    _write(_merged(cells, 0, 0, 0, 3), "第二十条第（一）项", TABLE_SIZE)
    headings = ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    for column, heading in enumerate(headings):
        _write(cells[1][column], heading, TABLE_SIZE)
    row = 2
    for doc_type in annual.DOCUMENT_TYPES:
        _write(cells[row][0], layout.TABLE2_DOCUMENT_LABELS[doc_type], TABLE_SIZE)
        for column, key in enumerate(annual.DOCUMENT_COLUMNS, start=1):
            _write(cells[row][column], t2[doc_type][key], TABLE_SIZE)
        row += 1
    # The entered blocks have one figure per row: its cell spans the three value columns.
    for title, heading, entries in blocks:
        _write(_merged(cells, row, 0, row, 3), title, TABLE_SIZE)
        _write(cells[row + 1][0], "信息内容", TABLE_SIZE)
        _write(_merged(cells, row + 1, 1, row + 1, 3), heading, TABLE_SIZE)
        row += 2
        for code, label in entries:
            entry = t2[code]
            value = entry["decisions"] if "decisions" in entry else entry["amount_10k_yuan"]
            _write(cells[row][0], label, TABLE_SIZE)
            _write(_merged(cells, row, 1, row, 3), value, TABLE_SIZE)
            row += 1


def _table3(document, t3: dict) -> None:
    header = 3
    table, cells = _table(document, header + len(layout.TABLE3_LABELS), [14, 18, 40] + [12] * 7)
    _narrow_margins(table)
    _write(_merged(cells, 0, 0, 2, 2), TABLE3_NOTE, DENSE_TABLE_SIZE)
    _write(_merged(cells, 0, 3, 0, 9), "申请人情况", DENSE_TABLE_SIZE)
    _write(_merged(cells, 1, 3, 2, 3), "自然人", DENSE_TABLE_SIZE)
    _write(_merged(cells, 1, 4, 1, 8), "法人或其他组织", DENSE_TABLE_SIZE)
    _write(_merged(cells, 1, 9, 2, 9), "总计", DENSE_TABLE_SIZE)
    for column, kind in enumerate(ORGANISATION_KINDS, start=4):
        _write(cells[2][column], kind, DENSE_TABLE_SIZE)
    _repeat_header(table, header)
    # Each label takes the first of the three label columns not already covered
    # by a label merged down from a row above (三、本年度办理结果, （三）不予公开, …).
    covered: set[tuple[int, int]] = set()
    for offset, (row_code, labels) in enumerate(layout.TABLE3_LABELS):
        row = header + offset
        for label in labels:
            column = next(c for c in range(3) if (row, c) not in covered)
            bottom, right = row + label.rowspan - 1, column + label.colspan - 1
            covered |= {(r, c) for r in range(row, bottom + 1) for c in range(column, right + 1)}
            cell = _merged(cells, row, column, bottom, right)
            _write(cell, label.text, DENSE_TABLE_SIZE, center=False)
        for column, key in enumerate(annual.COLUMNS, start=3):
            _write(cells[row][column], t3[row_code][key], DENSE_TABLE_SIZE)


def _table4(document, t4: dict) -> None:
    table, cells = _table(document, 4, [156 / 15] * 15)
    _narrow_margins(table)
    _write(_merged(cells, 0, 0, 1, 4), "行政复议", DENSE_TABLE_SIZE)
    _write(_merged(cells, 0, 5, 0, 14), "行政诉讼", DENSE_TABLE_SIZE)
    _write(_merged(cells, 1, 5, 1, 9), "未经复议直接起诉", DENSE_TABLE_SIZE)
    _write(_merged(cells, 1, 10, 1, 14), "复议后起诉", DENSE_TABLE_SIZE)
    for column, (block, key) in enumerate(layout.TABLE4_COLUMNS):
        _write(cells[2][column], layout.TABLE4_COLUMN_LABELS[key], DENSE_TABLE_SIZE)
        _write(cells[3][column], t4[block][key], DENSE_TABLE_SIZE)


def report_docx(document: dict) -> bytes:
    """The report (a unit's, with sections 一、五、六, or the city's tables only) as .docx."""
    out = _new_document(document["title"])
    title = out.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _set_font(title.add_run(document["title"]), BODY_FONT, TITLE_SIZE, bold=True)
    texts = document.get("sections")
    if texts is not None:
        _section(out, sections.SECTIONS["overview"], texts["overview"])
    _heading(out, TABLE2_TITLE)
    _table2(out, document["table2"])
    _heading(out, TABLE3_TITLE)
    _table3(out, document["table3"])
    _heading(out, TABLE4_TITLE)
    _table4(out, document["table4"])
    if texts is not None:
        _section(out, sections.SECTIONS["problems"], texts["problems"])
        _section(out, sections.SECTIONS["other_matters"], texts["other_matters"])
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()
