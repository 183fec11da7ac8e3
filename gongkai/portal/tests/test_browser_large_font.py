"""The 大字版 (large-font) toggle enlarges the text and the choice follows the reader."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

LARGE = re.compile(r"(^|\s)large-font(\s|$)")


def body_font_px(page) -> float:
    return float(page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)"))


def test_large_font_toggle_enlarges_text_and_persists(page):
    page.goto("/")
    html = page.locator("html")
    toggle = page.get_by_role("button", name="大字版")

    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-pressed", "false")
    expect(html).not_to_have_class(LARGE)
    normal = body_font_px(page)

    toggle.click()
    expect(html).to_have_class(LARGE)
    expect(toggle).to_have_attribute("aria-pressed", "true")
    large = body_font_px(page)
    assert large > normal * 1.2, (normal, large)

    # The choice follows the reader to another page (the staff sign-in).
    page.goto("/staff/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text("工作人员登录")
    toggle = page.get_by_role("button", name="大字版")
    expect(html).to_have_class(LARGE)
    expect(toggle).to_have_attribute("aria-pressed", "true")
    assert body_font_px(page) == large

    toggle.click()
    expect(html).not_to_have_class(LARGE)
    expect(toggle).to_have_attribute("aria-pressed", "false")
    assert body_font_px(page) == normal

    # Turning it off is remembered too.
    page.reload()
    expect(toggle).to_have_attribute("aria-pressed", "false")
    expect(html).not_to_have_class(LARGE)


def test_toggle_is_hidden_without_javascript(browser, live_server, zhongshan):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        toggle = page.locator("[data-large-font-toggle]")
        expect(toggle).to_have_attribute("hidden", "")
        # Without JavaScript the button could do nothing: it must not be shown.
        assert toggle.is_hidden(), "大字版 is shown although JavaScript is off"
    finally:
        context.close()
