"""The 高对比度 (high-contrast) toggle turns the site black on white and the choice follows the reader.

Like 大字版 it lives in the browser (localStorage, no cookie), so the public pages
stay cacheable; it is a button operable from the keyboard, shown only when
JavaScript can make it work. Its contrast is checked with axe in test_browser_axe.py.
"""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

HIGH = re.compile(r"(^|\s)high-contrast(\s|$)")


def colour(page, selector: str, prop: str) -> str:
    return page.locator(selector).first.evaluate(f"el => getComputedStyle(el).{prop}")


def test_contrast_toggle_by_keyboard_changes_colours_and_persists(page):
    page.goto("/")
    html = page.locator("html")
    toggle = page.get_by_role("button", name="高对比度")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    expect(html).not_to_have_class(HIGH)
    assert colour(page, ".site-footer", "color") != "rgb(0, 0, 0)"

    toggle.focus()
    page.keyboard.press("Space")
    expect(html).to_have_class(HIGH)
    expect(toggle).to_have_attribute("aria-pressed", "true")
    assert colour(page, ".site-footer", "color") == "rgb(0, 0, 0)"
    assert colour(page, ".site-header", "backgroundColor") == "rgb(0, 0, 0)"
    # The focused button shows a focus ring in the mode too.
    assert colour(page, "[data-contrast-toggle]", "outlineStyle") == "solid"
    # Kept in the browser, not in a cookie, so the cached home page serves everyone.
    assert page.context.cookies() == []

    # The choice follows the reader to another page.
    page.goto("/staff/login/")
    expect(html).to_have_class(HIGH)
    expect(page.get_by_role("button", name="高对比度")).to_have_attribute("aria-pressed", "true")

    page.get_by_role("button", name="高对比度").click()
    expect(html).not_to_have_class(HIGH)
    page.reload()
    expect(html).not_to_have_class(HIGH)
    expect(page.get_by_role("button", name="高对比度")).to_have_attribute("aria-pressed", "false")


def test_contrast_toggle_is_hidden_without_javascript(browser, live_server, zhongshan):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert page.locator("[data-contrast-toggle]").is_hidden()
    finally:
        context.close()
