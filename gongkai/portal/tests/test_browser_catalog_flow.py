"""A batch-2 town's catalog, end to end in the browser (seed 三(一), 四(三)).

小榄镇's editor 李婉婷 imports the town's Excel catalog; approver 黄国伟 submits it;
苏文静 of 市教育体育局 (the counterpart for 义务教育) approves it with a written
opinion; 黎秀芳 of the openness office files it; 黄国伟 publishes it; a citizen
reads it on the portal and downloads nothing but the public page.
"""

import pytest
from playwright.sync_api import expect

from conftest import make_staff
from gongkai.catalogs.tests.workbooks import published_workbook, xlsx_bytes
from tests.browser import sign_in

pytestmark = pytest.mark.browser

TITLE = "小榄镇义务教育领域基层政务公开标准目录"
ROWS = [
    ("政策文件", "规范性文件", "部门和地方政府规章\n各类教育政策文件", "《政府信息公开条例》",
     "信息形成或者变更之日起20个工作日内", "小榄镇教体文旅局", "■政府网站",
     "√", "", "√", "", "", "√"),
    ("招生管理", "招生计划", "各校本年度招生计划", "同上", "同上", "小榄镇教体文旅局", "■政府网站",
     "√", "", "√", "", "", "√"),
    ("招生管理", "招生范围", "招生范围、学区划分详细情况", "同上", "同上", "小榄镇教体文旅局",
     "■政府网站 □两微一端", "√", "", "√", "", "", "√"),
]  # fmt: skip


def sign_out(page):
    page.context.clear_cookies()
    page.close()


def test_batch_two_town_catalog_from_excel_to_portal(
    browser_context, live_server, xiaolan_editor, office_admin, tmp_path
):
    approver = make_staff("huang_guowei", "黄国伟", "xiaolan", "approver")
    make_staff("su_wenjing", "苏文静", "education", "approver")
    workbook = tmp_path / "小榄镇义务教育.xlsx"
    workbook.write_bytes(xlsx_bytes(published_workbook(TITLE, ROWS, levels=("市级", "镇(街)级"))))

    # 李婉婷 imports the Excel catalog.
    page = sign_in(browser_context, "li_wanting")
    page.get_by_role("link", name="标准目录").first.click()
    page.get_by_role("link", name="从 Excel 导入标准目录").click()
    page.get_by_label("领域").select_option(label="义务教育")
    page.get_by_label("Excel 文件(.xlsx)").set_input_files(str(workbook))
    page.get_by_role("button", name="导入").click()
    expect(page.get_by_text("读取 3 行,公开事项 3 项,无法识别的公开时限 0 处")).to_be_visible()
    version_url = page.url
    expect(page.get_by_role("cell", name="招生范围")).to_be_visible()
    sign_out(page)

    # 黄国伟 submits it for the counterpart's review.
    page = sign_in(browser_context, approver.username)
    page.goto(version_url)
    page.get_by_role("button", name="提交对口部门审核").click()
    expect(page.get_by_text("已提交。")).to_be_visible()
    sign_out(page)

    # 苏文静 approves it with a written opinion.
    page = sign_in(browser_context, "su_wenjing")
    page.goto(version_url)
    page.get_by_label("审核通过").check()
    page.get_by_label("书面审核意见").fill("符合义务教育领域标准指引,同意报备。")
    page.get_by_role("button", name="提交审核意见").click()
    expect(page.get_by_text("已审核通过。")).to_be_visible()
    sign_out(page)

    # 黎秀芳 files it with the openness office.
    page = sign_in(browser_context, office_admin.username)
    page.goto(version_url)
    page.get_by_role("button", name="备案").click()
    expect(page.get_by_text("已备案。")).to_be_visible()
    sign_out(page)

    # 黄国伟 publishes it.
    page = sign_in(browser_context, approver.username)
    page.goto(version_url)
    page.get_by_role("button", name="发布").click()
    expect(page.get_by_text("已发布。")).to_be_visible()
    sign_out(page)

    # A citizen reads it on the portal.
    page = browser_context.new_page()
    page.goto("/gongkai/")
    page.get_by_role("link", name="小榄镇").first.click()
    page.get_by_role("link", name="义务教育").first.click()
    table = page.get_by_role("table")
    expect(table).to_contain_text("第1版")
    expect(table.get_by_role("cell", name="招生范围")).to_be_visible()
