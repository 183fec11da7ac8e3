"""A sheet the import cannot read is refused as a whole, naming the sheet, row and column of every problem.

Columns of the published layout (workbooks.py): A 序号, B 一级事项, C 二级事项,
D 公开内容（要素）, E 公开依据, F 公开时限, G 公开主体, H 公开渠道和载体,
I 全社会, J 特定群体, K 主动, L 依申请, M 市级, N 镇(街)级; data from row 4.
"""

import pytest
from openpyxl import Workbook

from gongkai.catalogs.excel_import import CatalogFileError, read_catalog_xlsx
from gongkai.catalogs.tests.workbooks import published_workbook, xlsx_bytes
from gongkai.core.errors import MAX_LISTED_ERRORS

TITLE = "坦洲镇义务教育领域基层政务公开标准目录"
SHEET = "义务教育"
GOOD = ("招生管理", "招生计划", "各校本年度招生计划", "《政府信息公开条例》",
        "信息形成或者变更之日起20个工作日内", "坦洲镇教体文旅局", "■政府网站",
        "√", "", "√", "", "", "√")  # fmt: skip
FLAT_HEADINGS = ["序号", "过程", "一级事项", "二级事项", "公开内容", "公开依据", "公开时限",
                 "公开主体", "公开渠道", "全社会", "特定群体", "主动", "依申请", "镇(街)级"]  # fmt: skip


def row(**changes) -> tuple:
    """GOOD with some columns changed, by the letter of the column in the published layout."""
    values = list(GOOD)
    for letter, value in changes.items():
        values["BCDEFGHIJKLMN".index(letter)] = value
    return tuple(values)


def refusal(rows, **options) -> list[str]:
    data = xlsx_bytes(published_workbook(TITLE, rows, sheet_title=SHEET))
    with pytest.raises(CatalogFileError) as caught:
        read_catalog_xlsx(data, **options)
    return caught.value.errors


def flat_refusal(headings: list[str], rows: list[list]) -> list[str]:
    """A sheet with one header row and no title, as some departments keep it."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    sheet.append(headings)
    for values in rows:
        sheet.append(values)
    with pytest.raises(CatalogFileError) as caught:
        read_catalog_xlsx(xlsx_bytes(workbook))
    return caught.value.errors


def test_unknown_channel_name(zhongshan):
    errors = refusal([GOOD, row(H="■政府网站\n■微博号码")])

    assert len(errors) == 1
    assert errors[0].startswith("工作表“义务教育”第5行“公开渠道和载体”列(H列):")
    assert "未知的公开渠道“微博号码”" in errors[0]
    assert "其他:名称" in errors[0]  # says how to write a channel that is not among the 13


def test_tick_cell_with_a_word(zhongshan):
    errors = refusal([row(I="有")])

    assert errors == ["工作表“义务教育”第4行“全社会”列(I列):无法识别“有”,选中请填“√”,不选请留空"]


def test_unknown_stage(zhongshan):
    errors = flat_refusal(
        FLAT_HEADINGS,
        [[1, "审批", *GOOD[:-2], "√"]],
    )

    assert len(errors) == 1
    assert errors[0].startswith("工作表“义务教育”第2行“过程”列(B列):")
    assert "无法识别的“五公开”环节“审批”" in errors[0]


def test_empty_second_level_matter(zhongshan):
    errors = refusal([GOOD, row(B="招生管理", C="")])

    assert errors == ["工作表“义务教育”第5行“二级事项”列(C列):不能为空"]


def test_same_as_above_in_the_first_data_row(zhongshan):
    errors = refusal([row(D="同上")])

    assert errors == [
        "工作表“义务教育”第4行“公开内容（要素）”列(D列):写了“同上”,但上方没有可参照的行"
    ]


def test_both_modes_ticked_where_the_guideline_allows_one(zhongshan):
    both = row(K="√", L="√")

    errors = refusal([GOOD, both], single_mode=True)

    assert len(errors) == 1
    assert errors[0].startswith("工作表“义务教育”第5行“依申请”列(L列):")
    assert "“主动”和“依申请”都打了“√”" in errors[0]


def test_both_modes_ticked_where_the_guideline_allows_both(zhongshan):
    data = xlsx_bytes(published_workbook(TITLE, [GOOD, row(K="√", L="√")]))

    imported = read_catalog_xlsx(data, single_mode=False)

    assert imported.items[1].mode_proactive and imported.items[1].mode_on_request


def test_missing_required_column(zhongshan):
    without_time_limit = [h for h in FLAT_HEADINGS if h != "公开时限"]
    values = [1, "", *GOOD[:4], *GOOD[5:-2], "√"]

    errors = flat_refusal(without_time_limit, [values])

    assert errors == ["工作表“义务教育”缺少必需的列:“公开时限”"]


def test_unrecognised_heading(zhongshan):
    workbook = published_workbook(TITLE, [GOOD], sheet_title=SHEET)
    workbook.active["O2"] = "联系电话"

    with pytest.raises(CatalogFileError) as caught:
        read_catalog_xlsx(xlsx_bytes(workbook))

    assert caught.value.errors == ["工作表“义务教育”第2行O列:无法识别表头“联系电话”"]


def test_sheet_without_a_catalog_header(zhongshan):
    workbook = Workbook()
    workbook.active.append(["姓名", "电话", "地址"])
    workbook.active.append(["陈晓文", "0760-00000000", "坦洲镇"])

    with pytest.raises(CatalogFileError) as caught:
        read_catalog_xlsx(xlsx_bytes(workbook))

    (error,) = caught.value.errors
    assert "找不到标准目录的表头" in error
    assert "“二级事项”" in error and "“公开时限”" in error  # says what a header looks like


@pytest.mark.parametrize("legend", [False, True])
def test_header_without_rows(zhongshan, legend):
    data = xlsx_bytes(published_workbook(TITLE, [], legend=legend, sheet_title=SHEET))

    with pytest.raises(CatalogFileError) as caught:
        read_catalog_xlsx(data)

    assert caught.value.errors == ["工作表“义务教育”表头下没有任何公开事项"]


def test_cell_longer_than_the_field(zhongshan):
    errors = refusal([row(C="招" * 300)])

    assert errors == ["工作表“义务教育”第4行“二级事项”列(C列):内容超过200字"]


def test_every_bad_row_is_listed(zhongshan):
    rows = [
        GOOD,
        row(I="有"),  # row 5
        GOOD,
        row(C="", H="微博号码"),  # row 7: two problems in one row
        row(K="√", L="√"),  # row 8
    ]

    errors = refusal(rows)

    assert [error.split(":")[0] for error in errors] == [
        "工作表“义务教育”第5行“全社会”列(I列)",
        "工作表“义务教育”第7行“二级事项”列(C列)",
        "工作表“义务教育”第7行“公开渠道和载体”列(H列)",
        "工作表“义务教育”第8行“依申请”列(L列)",
    ]


def test_more_than_a_hundred_problems_are_capped(zhongshan):
    rows = [row(C="", I="有") for _ in range(60)]  # two problems a row, 120 in all

    errors = refusal(rows)

    assert len(errors) == MAX_LISTED_ERRORS + 1
    assert errors[0].startswith("工作表“义务教育”第4行“二级事项”列(C列)")
    assert errors[MAX_LISTED_ERRORS - 1].startswith("工作表“义务教育”第53行“全社会”列(I列)")
    assert errors[-1] == "……另有20处问题未列出"
