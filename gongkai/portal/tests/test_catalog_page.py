"""A published catalog is shown to the public as the standard table officials print."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.utils import timezone

from gongkai.catalogs.models import CatalogVersion
from gongkai.portal.tests.catalogs import catalog_row

URL = "/gongkai/tanzhou/compulsory-education/"
TICK = '<span aria-hidden="true">√</span><span class="visually-hidden">是</span>'

ROWS = [
    catalog_row(
        "政策文件",
        "规范性文件",
        elements=["部门和地方政府规章", "各类教育政策文件"],
        legal_basis=["《政府信息公开条例》", "《义务教育法》"],
        channels=["gov_website", "notice_board"],
    ),
    catalog_row("招生管理", "招生政策", levels=["city", "town"]),
    catalog_row("招生管理", "招生计划", audience_public=False, audience_specific=True),
    catalog_row(
        "招生管理",
        "招生范围",
        mode_proactive=False,
        mode_on_request=True,
        channels=["other"],
        channels_other="坦洲镇人民政府网站",
    ),
    catalog_row("政策文件", "政策解读"),
]


def headings(row: str) -> list[str]:
    return re.findall(r"<th [^>]*>(.*?)</th>", row)


def rows_of(page: str) -> list[str]:
    body = page.split("</thead>", 1)[1].split("</table>", 1)[0]
    return re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)


@pytest.fixture
def published(catalog_desk, education, empty_cache):
    return catalog_desk.publish("tanzhou", education, ROWS)


def test_caption_names_unit_domain_version_and_date(client, published):
    published_on = timezone.localdate(published.published_at)
    response = client.get(URL)
    page = response.content.decode()
    assert response.status_code == 200
    caption = re.search(r"<caption[^>]*>(.*?)</caption>", page, flags=re.S).group(1)
    assert caption == (
        f"坦洲镇义务教育领域基层政务公开标准目录 · 第1版 · "
        f"{published_on.year}年{published_on.month}月{published_on.day}日发布"
    )
    assert "<h1>坦洲镇义务教育领域基层政务公开标准目录</h1>" in page


def test_two_header_rows_with_the_standard_columns(client, published):
    page = client.get(URL).content.decode()
    head = page.split("<thead>", 1)[1].split("</thead>", 1)[0]
    first, second = re.findall(r"<tr>(.*?)</tr>", head, flags=re.S)
    assert headings(first) == [
        "序号",
        "公开事项",
        "公开内容(要素)",
        "公开依据",
        "公开时限",
        "公开主体",
        "公开渠道和载体",
        "公开对象",
        "公开方式",
        "公开层级",
    ]
    assert headings(second) == [
        "一级事项",
        "二级事项",
        "全社会",
        "特定群体",
        "主动",
        "依申请",
        "市级",
        "镇(街)级",
        "村(社区)级",
    ]
    assert '<th scope="colgroup" colspan="2">公开事项</th>' in first
    assert '<th scope="colgroup" colspan="3">公开层级</th>' in first
    assert '<th scope="col" rowspan="2">序号</th>' in first


def test_optional_columns_are_absent_when_no_item_uses_them(client, published):
    page = client.get(URL).content.decode()
    assert "过程" not in page
    assert "三级事项" not in page
    assert "备注" not in page


def test_consecutive_items_of_one_category_share_a_merged_cell(client, published):
    rows = rows_of(client.get(URL).content.decode())
    assert len(rows) == 5
    categories = [re.search(r'<th scope="rowgroup" rowspan="(\d)">(.*?)</th>', r) for r in rows]
    # 政策文件 ×1, 招生管理 ×3 (merged), then 政策文件 again: it is not consecutive.
    assert [(m.group(2), m.group(1)) if m else None for m in categories] == [
        ("政策文件", "1"),
        ("招生管理", "3"),
        None,
        None,
        ("政策文件", "1"),
    ]
    numbers = [re.search(r'<td class="number">(\d+)</td>', r).group(1) for r in rows]
    assert numbers == ["1", "2", "3", "4", "5"]


def test_ticks_mark_audience_mode_and_levels(client, published):
    rows = rows_of(client.get(URL).content.decode())
    ticks = [[TICK in cell for cell in re.findall(r'<td class="tick">(.*?)</td>', r)] for r in rows]
    #          全社会 特定群体 主动  依申请 市级  镇级  村级
    assert ticks[0] == [True, False, True, False, False, True, False]
    assert ticks[1] == [True, False, True, False, True, True, False]
    assert ticks[2] == [False, True, True, False, False, True, False]
    assert ticks[3] == [True, False, False, True, False, True, False]
    # Unticked cells say so to screen readers instead of being read as blank.
    assert '<td class="tick"><span class="visually-hidden">否</span></td>' in rows[0]


def test_list_fields_are_printed_one_per_line(client, published):
    rows = rows_of(client.get(URL).content.decode())
    assert "<td>部门和地方政府规章<br>各类教育政策文件</td>" in rows[0]
    assert "<td>《政府信息公开条例》<br>《义务教育法》</td>" in rows[0]
    assert "<td>政府网站<br>社区/企事业单位/村公示栏(电子屏)</td>" in rows[0]
    assert "<td>坦洲镇人民政府网站</td>" in rows[3]
    assert '">招生计划</a></th>' in rows[2]


def test_stage_sub_item_and_remarks_columns_appear_when_used(
    client, catalog_desk, education, empty_cache
):
    catalog_desk.publish(
        "tanzhou",
        education,
        [
            catalog_row("招生管理", "招生政策", stage="decision", sub_name="随迁子女入学"),
            catalog_row("招生管理", "招生计划", stage="decision", remarks="每年6月前"),
            catalog_row("招生管理", "招生结果", stage="result"),
        ],
    )
    page = client.get(URL).content.decode()
    head = page.split("<thead>", 1)[1].split("</thead>", 1)[0]
    assert '<th scope="col" rowspan="2">过程</th>' in head
    assert '<th scope="colgroup" colspan="3">公开事项</th>' in head
    assert '<th scope="col">三级事项</th>' in head
    assert '<th scope="col" rowspan="2">备注</th>' in head
    rows = rows_of(page)
    # A change of 过程 starts a new merged group even within one 一级事项.
    assert '<td rowspan="2">决策</td><th scope="rowgroup" rowspan="2">招生管理</th>' in rows[0]
    assert '<td rowspan="1">结果</td><th scope="rowgroup" rowspan="1">招生管理</th>' in rows[2]
    assert "<td>随迁子女入学</td>" in rows[0]
    assert "<td>每年6月前</td>" in rows[1]


def test_page_is_printable(client, published):
    # The print rules live in the site stylesheet (the CSP allows no inline <style>),
    # scoped to the catalog page by its body class.
    page = client.get(URL).content.decode()
    assert '<body class="catalog-page">' in page
    css = Path(finders.find("gongkai/site.css")).read_text(encoding="utf-8")
    print_rules = css[css.index("@page catalog") :]
    assert "size: A4 landscape" in print_rules
    assert "body.catalog-page { page: catalog; }" in print_rules
    assert "display: table-header-group" in print_rules
    assert "body.catalog-page :is(.site-header, .site-footer" in print_rules


@pytest.mark.parametrize(
    "url",
    [
        "/gongkai/no-such-unit/compulsory-education/",
        "/gongkai/tanzhou/no-such-domain/",
        "/gongkai/xiaolan/compulsory-education/",  # a real unit without this catalog
    ],
)
def test_unknown_unit_or_domain_is_the_normal_404_page(client, published, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_catalog_with_only_a_draft_is_not_shown(client, catalog_desk, education, empty_cache):
    version = catalog_desk.draft("tanzhou", education, ROWS)
    catalog_desk.advance(version, CatalogVersion.Status.FILED)
    assert client.get(URL).status_code == 404
