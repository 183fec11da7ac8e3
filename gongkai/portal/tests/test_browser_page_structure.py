"""The public home and the staff sign-in share an accessible page structure."""

import struct

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# Inputs a person fills in or ticks (hidden fields and buttons need no <label>).
FORM_CONTROLS = (
    "input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset])"
    ":not([type=image]), select, textarea"
)
UNLABELLED_CONTROLS_JS = """
els => els
  .filter(el => el.labels.length === 0
               || [...el.labels].every(label => !label.textContent.trim()))
  .map(el => el.outerHTML)
"""


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize(
    ("path", "title", "min_controls"),
    [("/", "基层政务公开标准化规范化", 0), ("/staff/login/", "工作人员登录", 2)],
    ids=["portal-home", "staff-login"],
)
def test_page_structure_and_screenshot(page, tmp_path, path, title, min_controls):
    response = page.goto(path)
    assert response.status == 200

    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    expect(page.locator("h1")).to_have_count(1)
    expect(page.get_by_role("heading", level=1)).to_have_text(title)

    # One of each landmark: <header>, <main>, <footer>; a <nav> only where it has links
    # (the sign-in page has none for an anonymous visitor).
    for role in ("banner", "main", "contentinfo"):
        expect(page.get_by_role(role)).to_have_count(1)
    expect(page.get_by_role("navigation")).to_have_count(1 if path == "/" else 0)
    expect(page.locator("main#main")).to_have_count(1)

    # Every control is tied to a non-empty <label> (for=/id or wrapping).
    controls = page.locator(FORM_CONTROLS)
    assert controls.count() >= min_controls
    assert controls.evaluate_all(UNLABELLED_CONTROLS_JS) == []

    # The stylesheet loaded: the header carries the brand colour.
    header_bg = page.get_by_role("banner").evaluate("el => getComputedStyle(el).backgroundColor")
    assert header_bg == "rgb(166, 27, 27)"

    shot = tmp_path / f"{path.strip('/').replace('/', '-') or 'home'}.png"
    page.screenshot(path=shot, full_page=True)
    data = shot.read_bytes()
    width, height = png_size(data)
    assert width == 1280 and height >= 800
    # Non-trivial: at least twice the size of a blank page shot at the same size.
    blank = page.context.new_page()
    blank.set_content("<!DOCTYPE html><html><body></body></html>")
    blank_size = len(blank.screenshot(full_page=True))
    blank.close()
    assert len(data) > 2 * blank_size, f"{shot}: {len(data)} bytes, blank {blank_size}"
