"""The report's Word file has the format's layout, and every number sits in its cell.

Most tests build the report dict by hand with a different number in every
cell, so a figure printed one row or column off cannot match by chance; one
test goes through `document.build_city` on real cases.
"""

import datetime
import io

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from gongkai.orgs.models import Unit
from gongkai.reports import annual, document
from gongkai.reports.docx import report_docx
from gongkai.reports.tests.conftest import case

D = datetime.date
TITLE = "中山市坦洲镇人民政府2025年政府信息公开工作年度报告"
RESULTS = "三、本年度办理结果"
REFUSED, UNAVAILABLE = "（三）不予公开", "（四）无法提供"
NOT_PROCESSED, OTHER = "（五）不予处理", "（六）其他处理"

# 国办公开办函〔2021〕30号, table 3: the three label cells of each row as merged cells repeat them.
TABLE3_LABELS = {
    "new": ("一、本年新收政府信息公开申请数量",) * 3,
    "carried_in": ("二、上年结转政府信息公开申请数量",) * 3,
    "disclosed": (RESULTS, "（一）予以公开", "（一）予以公开"),
    "partly_disclosed": (RESULTS, *["（二）部分公开（区分处理的，只计这一情形，不计其他情形）"] * 2),
    "refused.1": (RESULTS, REFUSED, "1.属于国家秘密"),
    "refused.2": (RESULTS, REFUSED, "2.其他法律行政法规禁止公开"),
    "refused.3": (RESULTS, REFUSED, "3.危及“三安全一稳定”"),
    "refused.4": (RESULTS, REFUSED, "4.保护第三方合法权益"),
    "refused.5": (RESULTS, REFUSED, "5.属于三类内部事务信息"),
    "refused.6": (RESULTS, REFUSED, "6.属于四类过程性信息"),
    "refused.7": (RESULTS, REFUSED, "7.属于行政执法案卷"),
    "refused.8": (RESULTS, REFUSED, "8.属于行政查询事项"),
    "unavailable.1": (RESULTS, UNAVAILABLE, "1.本机关不掌握相关政府信息"),
    "unavailable.2": (RESULTS, UNAVAILABLE, "2.没有现成信息需要另行制作"),
    "unavailable.3": (RESULTS, UNAVAILABLE, "3.补正后申请内容仍不明确"),
    "not_processed.1": (RESULTS, NOT_PROCESSED, "1.信访举报投诉类申请"),
    "not_processed.2": (RESULTS, NOT_PROCESSED, "2.重复申请"),
    "not_processed.3": (RESULTS, NOT_PROCESSED, "3.要求提供公开出版物"),
    "not_processed.4": (RESULTS, NOT_PROCESSED, "4.无正当理由大量反复申请"),
    "not_processed.5": (RESULTS, NOT_PROCESSED, "5.要求行政机关确认或重新出具已获取信息"),
    "other.1": (RESULTS, OTHER, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    "other.2": (RESULTS, OTHER, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    "other.3": (RESULTS, OTHER, "3.其他"),
    "total": (RESULTS, "（七）总计", "（七）总计"),
    "carried_out": ("四、结转下年度继续办理",) * 3,
}  # fmt: skip


def unit_document() -> dict:
    """A unit's report dict with a different number in every cell of tables 2, 3 and 4."""
    return {
        "unit": {"code": "tanzhou", "name": "中山市坦洲镇人民政府"},
        "year": 2025,
        "title": TITLE,
        "status": "draft",
        "sections": {
            "overview": "2025年,坦洲镇新收申请175件。\n\n  办结申请170件。  \n",
            "problems": "公开栏更新不及时。",
            "other_matters": "本年度未收取信息处理费。",
        },
        "table2": {
            "rule": {"issued": 11, "repealed": 12, "in_force": 13},
            "normative": {"issued": 21, "repealed": 22, "in_force": 23},
            "licensing": {"decisions": 31, "source": "许可系统"},
            "penalty": {"decisions": 32, "source": "执法平台"},
            "enforcement": {"decisions": 33, "source": "执法平台"},
            "fees": {"amount_10k_yuan": "4.56", "source": "财政分局"},
        },
        "table3": {
            row: {column: 100 * (i + 1) + j for j, column in enumerate(annual.COLUMNS)}
            for i, row in enumerate(annual.ROWS)
        },
        "table4": {
            block: {column: 900 + 10 * i + j for j, column in enumerate(annual.APPEAL_COLUMNS)}
            for i, block in enumerate(annual.APPEAL_BLOCKS)
        },
        "carried_in": {"last_year_published": False, "differences": [], "explanation": ""},
        "checks": [],
        "warnings": [],
    }


def opened(report: dict):
    return docx.Document(io.BytesIO(report_docx(report)))


def grid(table) -> list[list[str]]:
    """Each row's text by grid column; a merged cell repeats its text in every column it covers."""
    return [[cell.text for cell in row.cells] for row in table.rows]


def same_cell(table, first: tuple[int, int], second: tuple[int, int]) -> bool:
    return table.cell(*first)._tc is table.cell(*second)._tc


def test_title_is_centred_bold_and_in_the_properties():
    word = opened(unit_document())
    title = word.paragraphs[0]
    assert title.text == TITLE
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert title.runs[0].bold and title.runs[0].font.size == Pt(22)
    assert word.core_properties.title == TITLE


def test_unit_report_has_six_sections_in_order_with_indented_paragraphs():
    word = opened(unit_document())
    texts = [p.text for p in word.paragraphs]
    assert texts == [
        TITLE,
        "一、总体情况",
        "2025年,坦洲镇新收申请175件。",
        "办结申请170件。",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "公开栏更新不及时。",
        "六、其他需要报告的事项",
        "本年度未收取信息处理费。",
    ]
    assert all(p.paragraph_format.first_line_indent == Pt(32) for p in word.paragraphs[1:])
    assert len(word.tables) == 3


def test_table2_has_the_four_blocks_with_each_figure_in_place():
    table = opened(unit_document()).tables[0]
    assert grid(table) == [
        ["第二十条第（一）项"] * 4,
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "11", "12", "13"],
        ["行政规范性文件", "21", "22", "23"],
        ["第二十条第（五）项"] * 4,
        ["信息内容", *["本年处理决定数量"] * 3],
        ["行政许可", "31", "31", "31"],
        ["第二十条第（六）项"] * 4,
        ["信息内容", *["本年处理决定数量"] * 3],
        ["行政处罚", "32", "32", "32"],
        ["行政强制", "33", "33", "33"],
        ["第二十条第（八）项"] * 4,
        ["信息内容", *["本年收费金额（单位：万元）"] * 3],
        ["行政事业性收费", "4.56", "4.56", "4.56"],
    ]
    assert same_cell(table, (0, 0), (0, 3))
    assert same_cell(table, (6, 1), (6, 3)) and not same_cell(table, (6, 0), (6, 1))


def test_table2_prints_a_missing_figure_as_a_blank_cell():
    report = unit_document()
    report["table2"]["licensing"]["decisions"] = None
    report["table2"]["fees"]["amount_10k_yuan"] = None
    rows = grid(opened(report).tables[0])
    assert rows[6] == ["行政许可", "", "", ""]
    assert rows[13] == ["行政事业性收费", "", "", ""]


def test_table3_header_is_merged_as_the_format_prints_it():
    table = opened(unit_document()).tables[1]
    note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert grid(table)[:3] == [
        [note] * 3 + ["申请人情况"] * 7,
        [note] * 3 + ["自然人"] + ["法人或其他组织"] * 5 + ["总计"],
        [note] * 3 + ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"],
    ]  # fmt: skip
    assert same_cell(table, (0, 0), (2, 2))
    assert same_cell(table, (0, 3), (0, 9))
    assert same_cell(table, (1, 3), (2, 3)) and same_cell(table, (1, 9), (2, 9))
    assert same_cell(table, (1, 4), (1, 8)) and not same_cell(table, (2, 4), (2, 5))


def test_table3_puts_each_number_under_its_row_label_and_applicant_column():
    report = unit_document()
    rows = grid(opened(report).tables[1])[3:]
    assert len(rows) == len(TABLE3_LABELS) == 25
    for cells, (code, labels) in zip(rows, TABLE3_LABELS.items(), strict=True):
        expected = [str(report["table3"][code][column]) for column in annual.COLUMNS]
        assert cells == [*labels, *expected], code


def test_table3_label_cells_are_merged_over_their_rows():
    table = opened(unit_document()).tables[1]
    first = 3  # the data rows start below the three header rows
    row = {code: first + i for i, code in enumerate(TABLE3_LABELS)}
    assert same_cell(table, (row["new"], 0), (row["new"], 2))
    assert same_cell(table, (row["disclosed"], 0), (row["total"], 0))
    assert not same_cell(table, (row["total"], 0), (row["carried_out"], 0))
    assert same_cell(table, (row["refused.1"], 1), (row["refused.8"], 1))
    assert same_cell(table, (row["unavailable.1"], 1), (row["unavailable.3"], 1))
    assert same_cell(table, (row["not_processed.1"], 1), (row["not_processed.5"], 1))
    assert same_cell(table, (row["other.1"], 1), (row["other.3"], 1))
    assert not same_cell(table, (row["refused.8"], 1), (row["unavailable.1"], 1))
    assert not same_cell(table, (row["refused.1"], 2), (row["refused.2"], 2))
    assert same_cell(table, (row["total"], 1), (row["total"], 2))


def test_table4_has_the_three_blocks_and_fifteen_numbers_in_order():
    report = unit_document()
    table = opened(report).tables[2]
    results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    t4 = report["table4"]
    numbers = [
        str(t4[block][column])
        for block in ("review", "litigation_direct", "litigation_after_review")
        for column in ("upheld", "corrected", "other", "pending", "total")
    ]
    assert grid(table) == [
        ["行政复议"] * 5 + ["行政诉讼"] * 10,
        ["行政复议"] * 5 + ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5,
        results * 3,
        numbers,
    ]
    assert same_cell(table, (0, 0), (1, 4)) and same_cell(table, (0, 5), (0, 14))
    assert same_cell(table, (1, 5), (1, 9)) and same_cell(table, (1, 10), (1, 14))
    assert not same_cell(table, (1, 9), (1, 10))


def test_tables_are_fangsong_with_centred_headers():
    word = opened(unit_document())
    normal = word.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == "仿宋"
    t2, t3, t4 = word.tables
    assert all(table.style.name == "Table Grid" for table in word.tables)
    for cell, size in [(t2.cell(1, 1), 12), (t3.cell(1, 4), 10.5), (t4.cell(2, 0), 10.5)]:
        assert cell.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert cell.paragraphs[0].runs[0].font.size == Pt(size)


@pytest.mark.django_db
def test_city_summary_from_real_cases_has_the_tables_and_no_written_sections(zhongshan):
    tanzhou, xiaolan = Unit.objects.get(code="tanzhou"), Unit.objects.get(code="xiaolan")
    case(tanzhou, 1, "natural_person", D(2025, 3, 1), D(2025, 3, 20), "disclosed")
    case(tanzhou, 2, "business", D(2024, 11, 3))
    case(xiaolan, 3, "other_org", D(2025, 5, 1), D(2025, 5, 20), "not_processed.2")
    city = document.build_city(Unit.objects.all(), 2025)
    word = opened(city)
    assert [p.text for p in word.paragraphs] == [
        "全市2025年政府信息公开工作年度报告数据汇总",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
    ]
    rows = grid(word.tables[1])[3:]
    for cells, code in zip(rows, TABLE3_LABELS, strict=True):
        assert cells[3:] == [str(city["table3"][code][c]) for c in annual.COLUMNS], code
    assert rows[0][3:] == ["1", "0", "0", "0", "0", "1", "2"]  # new: a citizen and an organisation
    assert grid(word.tables[0])[6][1] == ""  # no unit entered 行政许可
