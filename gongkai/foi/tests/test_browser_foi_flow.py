"""Disclosure on request, end to end in the browser: apply, track, handle, reply, read.

张伟 opens the portal, follows 依申请公开 and applies to 坦洲镇 for an online
reply. He first forgets the description: the error summary names the field and
the field's own message is its accessible description. On the done page he
copies the tracking number and the query code; a mistyped code is refused,
the right one shows his case 待确认接收.

坦洲镇's handler 何嘉慧 signs in, finds the case on the workbench (its urgency
in words, not colour alone), confirms receipt today (the confirmation date is
the receipt date, 《条例》第三十一条), accepts it, previews the 予以公开 reply,
issues it, and delivers it 网上送达 today.

张伟 queries again: 已送达, the reply letter with its 文号, which he reads on the
page and downloads as Word.
"""

import re

import pytest
from django.utils import timezone
from docx import Document
from playwright.sync_api import expect

from gongkai.foi.tests.conftest import ZHANG_WEI_ID
from tests.browser import sign_in

pytestmark = pytest.mark.browser

DESCRIPTION = "坦洲镇2025年农村危房改造补助资金发放名单"
PROVIDED_HOW = "所申请信息见附件《坦洲镇2025年农村危房改造补助资金发放名单》,请在网上查看。"
URGENCY_WORDS = re.compile("^(逾期|今日到期|即将到期|计时暂停|待补正|正常)$")


def citizen_page(browser_context):
    browser_context.clear_cookies()
    return browser_context.new_page()


def query(page, tracking_number, query_code):
    page.goto("/yisqgk/query/")
    page.get_by_label("申请编号").fill(tracking_number)
    page.get_by_label("查询码").fill(query_code)
    page.get_by_role("button", name="查询").click()


def apply_as_zhang_wei(page) -> tuple[str, str]:
    """Apply through the portal, once without a description; return (number, code)."""
    page.goto("/")
    page.get_by_role("navigation").get_by_role("link", name="依申请公开").click()
    expect(page.get_by_role("heading", name="政府信息公开申请", level=1)).to_be_visible()

    page.get_by_label("受理机关").select_option(label="坦洲镇")
    page.get_by_label("申请人类型").select_option(label="自然人")
    page.get_by_label("姓名或名称").fill("张伟")
    page.get_by_label("证件类型").select_option(label="居民身份证")
    page.get_by_label("证件号码").fill(ZHANG_WEI_ID)
    page.get_by_label("联系电话").fill("13800138000")
    page.get_by_label("电子邮箱").fill("zhangwei@example.cn")
    page.get_by_label("信息的载体形式").select_option(label="电子")
    page.get_by_label("获取信息的方式").select_option(label="网上查看")
    page.get_by_role("button", name="提交申请").click()

    # Nothing is stored; the summary links to the field, which carries its own message.
    summary = page.get_by_role("alert").filter(has_text="申请未提交")
    expect(summary).to_be_visible()
    summary.get_by_role("link", name=re.compile("^所需信息的内容描述:")).click()
    description = page.get_by_label("所需信息的内容描述")
    expect(description).to_be_focused()
    expect(description).to_have_attribute("aria-invalid", "true")
    error = page.locator("#id_description_error")
    expect(error).to_be_visible()
    expect(description).to_have_accessible_description(re.compile(re.escape(error.inner_text())))
    # What he typed is kept.
    expect(page.get_by_label("姓名或名称")).to_have_value("张伟")
    expect(page.get_by_label("获取信息的方式")).to_have_value("online")

    description.fill(DESCRIPTION)
    page.get_by_role("button", name="提交申请").click()
    if page.get_by_role("button", name="仍然提交申请").count():
        # "先查一查" found published records with similar titles; none answer it.
        page.get_by_role("button", name="仍然提交申请").click()

    expect(page.get_by_role("heading", name="申请已提交")).to_be_visible()
    expect(page.get_by_text("坦洲镇已收到您的政府信息公开申请")).to_be_visible()
    tracking_number = page.locator("#tracking-number").inner_text().strip()
    query_code = page.locator("#query-code").inner_text().strip()
    assert tracking_number and query_code
    return tracking_number, query_code


def handle_as_he_jiahui(browser_context, tracking_number, today):
    page = sign_in(browser_context, "he_jiahui")
    page.get_by_role("navigation").get_by_role("link", name="依申请公开").click()
    expect(page.get_by_role("heading", name="依申请公开", level=1)).to_be_visible()

    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=tracking_number))
    expect(row).to_contain_text("张伟")
    expect(row).to_contain_text("待确认接收")
    expect(row).to_contain_text("未确认")
    # Urgency in words, in its own column (信息无障碍: never colour alone).
    expect(page.get_by_role("columnheader", name="紧急程度")).to_be_visible()
    expect(row.get_by_role("cell").last).to_have_text(URGENCY_WORDS)
    row.get_by_role("link", name=tracking_number).click()
    expect(page.get_by_role("heading", name=re.compile(f"申请 {tracking_number}"))).to_be_visible()

    confirm = page.get_by_role("region", name="确认接收", exact=True)
    expect(confirm.get_by_label("确认日期")).to_have_value(today.isoformat())
    expect(confirm).to_contain_text("以双方确认之日为收到申请之日")
    confirm.get_by_label("确认日期").fill(today.isoformat())
    confirm.get_by_role("button", name="确认接收").click()
    expect(page.get_by_text("已确认接收,答复期限开始计算。")).to_be_visible()
    expect(page.locator("dl.facts").first).to_contain_text("已登记待审核")

    accept = page.get_by_role("region", name="审核通过,进入办理", exact=True)
    accept.get_by_role("button", name="审核通过").click()
    expect(page.get_by_text("已审核通过,进入办理。")).to_be_visible()

    reply = page.get_by_role("region", name="答复", exact=True)
    reply.get_by_label("办理结果").select_option(label="予以公开")
    reply.get_by_label("信息提供方式或已公开的位置").fill(PROVIDED_HOW)
    expect(reply.get_by_label("答复书出具日期")).to_have_value(today.isoformat())
    reply.get_by_role("button", name="预览").click()
    preview = page.get_by_role("region", name="答复书预览")
    expect(preview).to_contain_text("以下为预览,尚未出具")
    expect(preview).to_contain_text("坦洲镇政府信息公开申请答复书(予以公开)")
    expect(preview).to_contain_text(f"申请编号:{tracking_number}")
    expect(preview).to_contain_text(f"获取方式:{PROVIDED_HOW}")
    expect(preview).to_contain_text("张伟:")
    # The form keeps what was previewed; issuing it numbers the letter.
    reply = page.get_by_role("region", name="答复", exact=True)
    expect(reply.get_by_label("办理结果")).to_have_value("disclosed")
    expect(reply.get_by_label("信息提供方式或已公开的位置")).to_have_value(PROVIDED_HOW)
    reply.get_by_role("button", name="出具答复书").click()
    expect(page.get_by_text("已出具答复书。")).to_be_visible()
    letters = page.get_by_role("region", name="文书", exact=True)
    number = re.compile(rf"^坦洲公复〔{today.year}〕\d+号$")
    expect(letters.get_by_role("rowheader")).to_have_text(number)

    deliver = page.get_by_role("region", name="送达", exact=True)
    deliver.get_by_label("送达方式").select_option(label="网上送达(以发布之日为准)")
    deliver.get_by_label("发送或发布日期").fill(today.isoformat())
    deliver.get_by_role("button", name="登记送达").click()
    expect(page.get_by_text("已登记送达。")).to_be_visible()
    expect(page.locator("dl.facts").first).to_contain_text("已送达")
    page.close()


def test_application_from_portal_to_reply_read_online(
    browser_context, live_server, official_calendar, tanzhou_handler, tmp_path
):
    today = timezone.localdate()

    page = citizen_page(browser_context)
    tracking_number, query_code = apply_as_zhang_wei(page)

    wrong = query_code[:-1] + ("0" if query_code[-1] != "0" else "1")
    query(page, tracking_number, wrong)
    expect(page.get_by_role("alert")).to_have_text("申请编号或查询码不正确")
    expect(page.get_by_label("申请编号")).to_have_value(tracking_number)
    expect(page.get_by_label("查询码")).to_have_value("")
    query(page, tracking_number, query_code)
    expect(page.get_by_role("heading", name=re.compile(tracking_number))).to_be_visible()
    expect(page.locator("dd.status")).to_have_text("待确认接收")
    expect(page.get_by_text("确认收到申请后计算")).to_be_visible()
    page.close()

    handle_as_he_jiahui(browser_context, tracking_number, today)

    page = citizen_page(browser_context)
    query(page, tracking_number, query_code)
    expect(page.locator("dd.status")).to_have_text("已送达")
    expect(page.get_by_role("definition").filter(has_text="予以公开")).to_be_visible()
    letter_link = page.get_by_role("link", name="坦洲镇政府信息公开申请答复书(予以公开)")
    item = page.get_by_role("listitem").filter(has=letter_link)
    match = re.search(rf"坦洲公复〔{today.year}〕\d+号", item.inner_text())
    assert match, item.inner_text()
    number = match.group()

    letter_link.click()
    letter = page.get_by_role("article")
    expect(letter.get_by_role("heading", level=1)).to_have_text(
        "坦洲镇政府信息公开申请答复书(予以公开)"
    )
    expect(letter).to_contain_text(number)
    expect(letter).to_contain_text(f"获取方式:{PROVIDED_HOW}")

    with page.expect_download() as info:
        page.get_by_role("link", name="下载 Word 文档").click()
    download = info.value
    assert download.suggested_filename == f"{number}.docx"
    path = tmp_path / "reply.docx"
    download.save_as(path)
    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    assert number in text
    assert PROVIDED_HOW in text
