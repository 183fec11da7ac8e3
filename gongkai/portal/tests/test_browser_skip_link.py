"""Keyboard users can jump past the header straight to the page's content."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_first_tab_reveals_skip_link_and_enter_focuses_main(page):
    page.goto("/")
    skip_link = page.get_by_role("link", name="跳到主要内容")
    main = page.locator("main#main")

    # Parked off-screen until it receives focus.
    expect(skip_link).not_to_be_in_viewport()

    page.keyboard.press("Tab")
    expect(skip_link).to_be_focused()
    # Playwright's "visible" ignores off-screen positioning, so check the viewport.
    expect(skip_link).to_be_in_viewport(ratio=1)
    assert skip_link.evaluate("el => getComputedStyle(el).outlineStyle") == "solid"

    page.keyboard.press("Enter")
    expect(main).to_be_focused()
    assert page.url.endswith("/#main")
    # Focus left the link, so it is parked off-screen again.
    expect(skip_link).not_to_be_in_viewport()
