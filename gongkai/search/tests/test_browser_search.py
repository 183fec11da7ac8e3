"""A citizen searches in the browser: from the home page's box, then filters and re-sorts.

She types 低保 on the home page, finds the 低保标准 notice with the term
highlighted, narrows to 坦洲镇's records, sorts by date, and opens a result.
"""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_search_filter_and_open(page, corpus):
    page.goto("/")
    page.get_by_role("searchbox", name="搜索政府信息").fill("低保")
    page.get_by_role("button", name="搜索").click()
    expect(page.get_by_role("heading", name="站内搜索", level=1)).to_be_visible()
    status = page.get_by_role("status")
    expect(status).to_contain_text("“低保”:共找到")
    everywhere = int(status.inner_text().split("共找到")[1].split("条")[0])
    first = page.locator(".search-results li").first
    expect(first.locator("mark").first).to_have_text("低保")

    page.get_by_label("发布机构").select_option(label="坦洲镇")
    page.get_by_label("排序").select_option(label="按发布日期")
    page.get_by_role("button", name="搜索").click()
    expect(status).to_contain_text("共找到")
    in_tanzhou = int(status.inner_text().split("共找到")[1].split("条")[0])
    assert 0 < in_tanzhou <= everywhere
    for meta in page.locator(".search-results .meta").all_inner_texts():
        assert meta.startswith("坦洲镇")

    page.get_by_role("link", name="关于提高城乡低保标准的通知").click()
    expect(page.get_by_role("heading", name="关于提高城乡低保标准的通知", level=1)).to_be_visible()
