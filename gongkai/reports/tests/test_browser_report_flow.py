"""坦洲镇's 2025 report, end to end in the browser: start, write, enter figures, check, approve,
submit, publish, read on the portal.

陈晓文 (editor) opens 年度报告, starts 2025, sees what blocks it, writes the
sections with the year's placeholders, enters the four table-2 figures (first
with a negative number, which is refused and named), follows a number of table
3 to the cases behind it. 梁志强 (approver) approves, submits and publishes. A
citizen opens the portal's 年度报告 column and reads it, and downloads Word.
"""

import datetime
import re

import pytest
from playwright.sync_api import expect

from gongkai.reports.tests.conftest import FIGURES, TEXTS, case
from tests.browser import sign_in

pytestmark = pytest.mark.browser


def test_tanzhou_compiles_and_publishes_its_2025_report(
    browser_context, tanzhou, tanzhou_editor, tanzhou_approver
):
    case(
        tanzhou,
        1,
        "natural_person",
        datetime.date(2025, 3, 2),
        datetime.date(2025, 3, 20),
        "disclosed",
    )

    page = sign_in(browser_context, tanzhou_editor.username)
    page.get_by_role("navigation").get_by_role("link", name="年度报告").click()
    page.get_by_label("年度").select_option(label="2025年度")
    page.get_by_role("button", name="筛选").click()
    row = page.get_by_role("row").filter(has_text="坦洲镇")
    row.get_by_role("button", name="开始编制").click()
    expect(
        page.get_by_role("heading", name="坦洲镇2025年政府信息公开工作年度报告", level=1)
    ).to_be_visible()
    expect(page.get_by_text("表二“行政许可 本年处理决定数量”未填报")).to_be_visible()

    page.get_by_role("link", name="编写第一、五、六部分").click()
    for name, label in (("overview", "一、总体情况"), ("problems", "五、存在的主要问题及改进情况"),
                        ("other_matters", "六、其他需要报告的事项")):  # fmt: skip
        page.get_by_label(label).fill(TEXTS[name])
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("2025年,坦洲镇新收申请1件,办结1件。")).to_be_visible()

    page.get_by_role("link", name="填报表二数据").click()
    for code, (value, source) in FIGURES.items():
        group = page.get_by_role("group", name=str(code.label))
        group.get_by_label("数值").fill("-5" if code == "penalty" else value)
        group.get_by_label("数据来源").fill(source)
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("alert")).to_contain_text("“行政处罚 本年处理决定数量”:不能为负数")
    page.get_by_role("group", name=re.compile("行政处罚")).get_by_label("数值").fill("87")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("各项勾稽关系和填报检查均已通过")).to_be_visible()

    # The 自然人 column of 予以公开 leads to the case behind it.
    disclosed = page.get_by_role("row").filter(has_text="（一）予以公开")
    disclosed.get_by_role("link").first.click()
    expect(page.get_by_role("link", name="T-tanzhou-1")).to_be_visible()

    page = sign_in(browser_context, tanzhou_approver.username)
    page.goto("/staff/reports/tanzhou/2025/")
    for button, done in (
        ("审核定稿", "已审核"),
        ("报送公开办", "已报送公开办"),
        ("发布到门户网站", "已发布"),
    ):
        page.get_by_role("button", name=button).click()
        expect(page.locator(".status")).to_have_text(done)

    browser_context.clear_cookies()
    citizen = browser_context.new_page()
    citizen.goto("/")
    citizen.get_by_role("navigation").get_by_role("link", name="年度报告").click()
    citizen.get_by_role("link", name="坦洲镇2025年政府信息公开工作年度报告").click()
    expect(
        citizen.get_by_role("heading", name="三、收到和处理政府信息公开申请情况")
    ).to_be_visible()
    with citizen.expect_download() as download:
        citizen.get_by_role("link", name="下载 Word 版").click()
    assert download.value.suggested_filename == "坦洲镇2025年政府信息公开工作年度报告.docx"
