"""A citizen browses from the home page to 坦洲镇's catalog item, a record under it and its interpretation.

On the way: the unit's 政府信息公开 pages, the catalog table whose item names
link to the item's page, the on-time mark, and the record's link back to its item.
"""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_home_to_item_to_record_to_interpretation(page, tanzhou_records):
    page.goto("/")
    page.get_by_role("navigation", name="门户导航").get_by_role("link", name="各单位").click()
    page.get_by_role("link", name="坦洲镇", exact=True).click()
    expect(page.get_by_role("heading", name="坦洲镇政府信息公开", level=1)).to_be_visible()
    page.get_by_role("link", name="法定主动公开内容").click()
    page.get_by_role("link", name="义务教育", exact=True).click()
    page.get_by_role("link", name="招生计划", exact=True).click()
    expect(page.get_by_role("heading", name="招生计划", level=1)).to_be_visible()
    row = page.get_by_role("row").filter(has_text="2027年春季义务教育招生计划")
    expect(row).to_contain_text("按时公开")
    row.get_by_role("link").click()
    expect(
        page.get_by_role("heading", name="坦洲镇2027年春季义务教育招生计划", level=1)
    ).to_be_visible()
    expect(page.get_by_role("link", name="义务教育 › 招生管理 › 招生计划")).to_be_visible()
    page.get_by_role("link", name="一图读懂坦洲镇2027年春季招生计划").click()
    expect(page.get_by_role("heading", name="一图读懂坦洲镇2027年春季招生计划")).to_be_visible()
