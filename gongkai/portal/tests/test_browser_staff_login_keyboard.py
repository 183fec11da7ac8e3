"""A member of staff can sign in with the keyboard alone; a wrong password is announced."""

import re

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from gongkai.orgs.models import Membership

pytestmark = pytest.mark.browser

MAX_TABS = 15  # generous: the header holds a handful of links and buttons


def has_focus(locator) -> bool:
    return locator.evaluate("el => el === document.activeElement")


def tab_to(page, locator):
    """Press Tab until `locator` has focus, as a keyboard user would.

    The username field has `autofocus`, so usually no Tab is needed at all.
    """
    for _ in range(MAX_TABS):
        if has_focus(locator):
            return
        page.keyboard.press("Tab")
    if has_focus(locator):
        return
    raise AssertionError(f"{locator} not reached within {MAX_TABS} presses of Tab")


def sign_in_by_keyboard(page, username, password):
    page.goto("/staff/login/")
    username_field = page.get_by_label("用户名")
    password_field = page.get_by_label("密码", exact=True)
    tab_to(page, username_field)
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    expect(password_field).to_be_focused()
    page.keyboard.type(password)
    page.keyboard.press("Enter")


def test_keyboard_sign_in_then_wrong_password_is_announced(page, live_server, tanzhou_editor):
    sign_in_by_keyboard(page, "chen_xiaowen", PASSWORD)

    expect(page).to_have_url(f"{live_server.url}/staff/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("陈晓文")
    roles = page.get_by_role("region", name="我的岗位")
    expect(roles).to_be_visible()
    row = roles.get_by_role("row").filter(has_text="坦洲镇")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(str(Membership.Role.EDITOR.label))

    # Sign out with the keyboard too, then come back with a wrong password.
    tab_to(page, page.get_by_role("button", name=re.compile("^退出")))
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/")

    sign_in_by_keyboard(page, "chen_xiaowen", PASSWORD + "-wrong")

    alert = page.get_by_role("alert")
    expect(alert).to_have_count(1)
    expect(alert).to_contain_text("用户名或密码不正确")
    expect(page).to_have_url(re.compile(r"/staff/login/(\?.*)?$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("工作人员登录")
    expect(page.get_by_label("用户名")).to_have_value("chen_xiaowen")
    expect(page.get_by_label("密码", exact=True)).to_have_value("")
    expect(page.get_by_role("region", name="我的岗位")).to_have_count(0)
