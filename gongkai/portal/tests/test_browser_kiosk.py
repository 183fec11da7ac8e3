"""The 政务公开专区 kiosk: switched on once per device, big touch targets, back home when idle.

The kiosk is set up at /zhuanqu/?kiosk=on&idle=2 (2 seconds for the test;
120 by default). A visitor taps 各单位信息公开 and then 坦洲镇; left alone, the
screen returns to the kiosk's start page by itself. Nothing is stored in a cookie.
"""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_kiosk_mode_returns_home_when_idle(page, tanzhou):
    page.goto("/zhuanqu/?kiosk=on&idle=2")
    expect(page.locator("html")).to_have_class("kiosk")
    tile = page.get_by_role("link", name="各单位信息公开")
    assert tile.bounding_box()["height"] >= 48  # a finger, not a mouse pointer
    tile.click()
    page.get_by_role("link", name="坦洲镇", exact=True).click()
    expect(page.get_by_role("link", name="返回专区首页")).to_be_visible()
    page.wait_for_url("**/zhuanqu/", timeout=8000)
    expect(page.get_by_role("heading", name="政务公开专区", level=1)).to_be_visible()
    assert page.context.cookies() == []


def test_kiosk_mode_is_off_until_switched_on(page, zhongshan):
    page.goto("/zhuanqu/")
    expect(page.locator("html")).not_to_have_class("kiosk")
    page.goto("/zhuanqu/?kiosk=on")
    page.goto("/zhuanqu/?kiosk=off")
    page.goto("/danwei/")
    expect(page.get_by_role("link", name="返回专区首页")).to_have_count(0)
