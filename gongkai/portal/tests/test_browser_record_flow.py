"""A record, end to end in the browser: draft, mask, review, approve, publish with its interpretation.

坦洲镇's editor 陈晓文 drafts a 低保 公示 against the published catalog item and
attaches the 补贴发放表; the gate lists the ID and mobile numbers; one click
masks the text and the xlsx file itself; 周明珠 passes the 保密审查; 梁志强
approves and publishes; a citizen sees the masked values only.
"""

import re

import pytest
from playwright.sync_api import expect

from conftest import make_staff
from gongkai.privacy.tests.files import ID_CHEN, subsidy_sheet
from gongkai.records.tests.conftest import published_catalog_items
from tests.browser import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def catalog_items(zhongshan, official_calendar):
    return published_catalog_items()


def test_record_from_draft_to_portal_with_masking(
    browser_context,
    live_server,
    tanzhou_editor,
    tanzhou_approver,
    catalog_items,
    tmp_path,
):
    make_staff("zhou_mingzhu", "周明珠", "tanzhou", "secrecy_reviewer")
    sheet = tmp_path / "补贴发放表.xlsx"
    sheet.write_bytes(subsidy_sheet())

    page = sign_in(browser_context, tanzhou_editor.username)
    page.get_by_role("link", name="政府信息").first.click()
    page.get_by_role("link", name="坦洲镇:新建政府信息").click()
    page.get_by_label("标题").fill("坦洲镇2026年第三季度低保对象公示")
    page.get_by_label("对应标准目录事项").select_option(label="义务教育 · 招生管理 / 招生计划")
    page.get_by_label("形成或变更日期").fill("2026-11-20")
    page.get_by_label("正文").fill(f"陈阿婆,身份证号{ID_CHEN},联系电话13812345678。")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("已创建,索引号")).to_be_visible()
    record_url = page.url

    page.get_by_label("附件", exact=True).and_(page.locator("input[type=file]")).set_input_files(
        str(sheet)
    )
    page.get_by_role("button", name="上传").click()
    expect(page.get_by_text("已上传“补贴发放表.xlsx”")).to_be_visible()
    expect(page.get_by_role("heading", name="发布前须处理")).to_be_visible()
    expect(page.get_by_text("正文中有1处未遮蔽的身份证号码")).to_be_visible()

    page.get_by_role("button", name="一键遮蔽个人信息").click()
    expect(page.get_by_text(re.compile("已遮蔽:身份证号码"))).to_be_visible()
    expect(page.get_by_text("未发现身份证号、手机号、银行卡号等个人信息。")).to_be_visible()
    page.get_by_role("button", name="提交保密审查").click()
    expect(page.get_by_text("已提交保密审查。")).to_be_visible()
    page.close()

    page = sign_in(browser_context, "zhou_mingzhu")
    page.goto(record_url)
    page.get_by_label("通过,送审批").check()
    page.get_by_role("button", name="提交审查意见").click()
    expect(page.get_by_text("保密审查通过,已送审批。")).to_be_visible()
    page.close()

    page = sign_in(browser_context, tanzhou_approver.username)
    page.goto(record_url)
    page.get_by_label("审批通过(锁定内容)").check()
    page.get_by_role("button", name="提交").click()
    expect(page.get_by_text("已审批通过,内容已锁定。")).to_be_visible()
    page.get_by_role("button", name="发布").click()
    expect(page.get_by_text("已发布。")).to_be_visible()
    page.close()

    browser_context.clear_cookies()
    page = browser_context.new_page()
    page.goto("/xxgk/")
    page.get_by_role("link", name="坦洲镇2026年第三季度低保对象公示").click()
    expect(page.get_by_text("4420**********")).to_be_visible()
    assert ID_CHEN not in page.content()
    assert "13812345678" not in page.content()
