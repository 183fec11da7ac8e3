"""The import reads catalogs laid out as Zhongshan towns publish them (DOMAIN.md §5)."""

from gongkai.catalogs.excel_import import read_catalog_xlsx
from gongkai.catalogs.tests.workbooks import (
    NANQU_ELEMENTS,
    NANQU_ROWS,
    NANQU_TITLE,
    SHENWAN_ROWS,
    SHENWAN_TITLE,
    published_workbook,
    xlsx_bytes,
)


def test_shenwan_agricultural_subsidies(zhongshan):
    """Merged 一级事项, ■/□ channels, 同上 in 要素/时限/主体, 市级/镇级 both ticked."""
    data = xlsx_bytes(published_workbook(SHENWAN_TITLE, SHENWAN_ROWS, levels=("市级", "镇级")))

    imported = read_catalog_xlsx(data)

    assert imported.title == SHENWAN_TITLE
    assert imported.rows_read == 2 and imported.skipped == [6]
    first, second = imported.items
    assert second.category == "农业生产发展资金"  # from the merged cell
    assert first.elements == [
        "政策依据",
        "申请指南（补贴对象、范围、标准、申请程序、材料、咨询电话、受理单位、办理时限、联系方式）",
        "补贴结果",
        "监督渠道（举报电话、地址）",
    ]
    assert second.elements == first.elements
    assert first.legal_basis == [
        "《农业机械化促进法》",
        "《农业生产发展资金管理办法》",
        "《2018-2020年农机购置补贴实施指导意见》",
    ]
    assert first.channels == ["gov_website"]  # □ marks offered channels that were not chosen
    assert second.publisher == "中山市农业农村局、神湾镇人民政府"
    assert second.time_limit_text == "同上"  # the wording is kept; its rule is inherited
    assert first.levels == second.levels == ["city", "town"]
    assert first.audience_public and first.mode_proactive and not first.mode_on_request
    assert imported.unparsed == []


def test_nanqu_household_registration_with_county_and_combined_level_headings(zhongshan):
    """县级 is Zhongshan's city level; a tick under “乡、村级” means both town and village."""
    data = xlsx_bytes(published_workbook(NANQU_TITLE, NANQU_ROWS, levels=("县级", "乡、村级")))

    imported = read_catalog_xlsx(data)

    assert [item.name for item in imported.items] == [
        "户政业务办理进度查询",
        "居民身份证办理进度查询",
        "居住证办理进度查询",
        "港澳台地区出生登记",
    ]
    assert all(item.levels == ["town", "village"] for item in imported.items)
    assert all(item.channels == ["gov_website", "door_to_door"] for item in imported.items)
    assert imported.items[1].elements == [NANQU_ELEMENTS]  # 、 inside an element is not a split
    assert imported.items[3].category == "出生登记"


def test_full_width_ticks_and_headings_with_line_breaks(zhongshan):
    rows = [list(row) for row in SHENWAN_ROWS]
    rows[0][7] = "✓"
    rows[1][12] = " √ "
    workbook = published_workbook(SHENWAN_TITLE, [tuple(r) for r in rows], levels=("市级", "镇级"))
    workbook.active["D2"] = "公开内容\n(要素)"

    imported = read_catalog_xlsx(xlsx_bytes(workbook))

    assert imported.items[0].audience_public
    assert imported.items[1].levels == ["city", "town"]
