"""Catalog workbooks laid out as Zhongshan towns publish them, written cell by cell.

These are built independently of excel_export, so that the import is tested
against the published layout and not only against our own output: a title
row, two header rows (group headings merged across their sub-columns, single
headings merged down), 一级事项 merged over its rows, and a legend row.
"""

import io

from openpyxl import Workbook

HEAD = ["序号", "公开事项", None, "公开内容（要素）", "公开依据", "公开时限", "公开主体",
        "公开渠道和载体", "公开对象", None, "公开方式", None, "公开层级"]  # fmt: skip
SUB = [None, "一级事项", "二级事项", None, None, None, None, None, "全社会", "特定群体",
       "主动", "依申请"]  # fmt: skip


def published_workbook(
    title: str,
    rows: list[tuple],
    *,
    levels: tuple[str, ...] = ("市级", "镇(街)级"),
    merge_category: bool = True,
    legend: bool = True,
    sheet_title: str = "Sheet1",
) -> Workbook:
    """`rows`: (一级, 二级, 要素, 依据, 时限, 主体, 渠道, 全, 特, 主, 依, *one tick per level)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    width = len(SUB) + len(levels) + 1
    sheet.append([title])
    sheet.merge_cells(start_row=1, end_row=1, start_column=1, end_column=width)
    sheet.append(HEAD + [None] * (len(levels) - 1))
    sheet.append(SUB + list(levels))
    for col in (1, 4, 5, 6, 7, 8):
        sheet.merge_cells(start_row=2, end_row=3, start_column=col, end_column=col)
    for start, end in ((2, 3), (9, 10), (11, 12), (13, 12 + len(levels))):
        if end > start:
            sheet.merge_cells(start_row=2, end_row=2, start_column=start, end_column=end)
    first = 4
    for number, row in enumerate(rows, start=1):
        sheet.append([number, *row])
    if merge_category:
        start = 0
        for index in range(1, len(rows) + 1):
            if index == len(rows) or rows[index][0] != rows[start][0]:
                if index - start > 1:
                    for r in range(first + start + 1, first + index):
                        sheet.cell(row=r, column=2).value = None
                    sheet.merge_cells(
                        start_row=first + start,
                        end_row=first + index - 1,
                        start_column=2,
                        end_column=2,
                    )
                start = index
    if legend:
        sheet.append(["注：“■”表示必选项，“□”表示可选项。"])
        last = sheet.max_row
        sheet.merge_cells(start_row=last, end_row=last, start_column=1, end_column=width)
    return workbook


def xlsx_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# DOMAIN.md §5.6, 神湾镇 涉农补贴 as published (层级 headings 市级 / 镇级, both ticked).
SHENWAN_TITLE = "神湾镇涉农补贴领域基层政务公开标准目录"
SHENWAN_ROWS = [
    (
        "农业生产发展资金",
        "农机购置补贴",
        "政策依据；申请指南（补贴对象、范围、标准、申请程序、材料、咨询电话、受理单位、办理时限、联系方式）；补贴结果；监督渠道（举报电话、地址）",
        "《农业机械化促进法》、《农业生产发展资金管理办法》、《2018-2020年农机购置补贴实施指导意见》",
        "信息形成或者变更之日起20个工作日内。法律、法规另有规定的从其规定",
        "中山市农业农村局、神湾镇人民政府",
        "■政府网站 □两微一端 □公开查阅点",
        "√", "", "√", "", "√", "√",
    ),
    (
        "农业生产发展资金",
        "耕地地力保护",
        "同上",
        "《农业生产发展资金管理办法》、《财政部 农业部关于全面推开农业“三项补贴”改革工作的通知》",
        "同上",
        "同上",
        "■政府网站",
        "√", "", "√", "", "√", "√",
    ),
]  # fmt: skip

# DOMAIN.md §5.3, 南区 户籍管理 (2024年): headings 县级 / 乡、村级, channels as plain names.
NANQU_TITLE = "南区街道户籍管理领域基层政务公开标准目录（2024年）"
NANQU_ELEMENTS = "受理部门、办理条件、办理流程、所需材料、办理时限、收费依据及标准"
NANQU_ROWS = [
    ("查询服务", "户政业务办理进度查询", NANQU_ELEMENTS, "《户口登记条例》",
     "形成或者变更之日起20个工作日内予以公开", "公安机关", "政府网站、入户/现场",
     "√", "", "√", "", "", "√"),
    ("查询服务", "居民身份证办理进度查询", "同上", "《户口登记条例》", "同上", "公安机关", "同上",
     "√", "", "√", "", "", "√"),
    ("查询服务", "居住证办理进度查询", "同上", "《户口登记条例》、《居住证暂行条例》", "同上",
     "公安机关", "同上", "√", "", "√", "", "", "√"),
    ("出生登记", "港澳台地区出生登记", "受理部门、办理条件、办理流程、所需材料", "《户口登记条例》",
     "同上", "公安机关", "同上", "√", "", "√", "", "", "√"),
]  # fmt: skip
