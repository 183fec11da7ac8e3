"""Under the real CSP, Chromium refuses nothing on the main pages, the staff workspace or the admin.

A refused script or style is logged to the console as an error naming the
"Content Security Policy"; any such message fails the test. The display toggles
are clicked on every public page, since their script is the one the policy
would break first.
"""

import re

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from gongkai.orgs.models import Unit

pytestmark = pytest.mark.browser

PUBLIC_PAGES = [
    "/",
    "/gongkai/",
    "/danwei/",
    "/danwei/tanzhou/",
    "/danwei/tanzhou/zhinan/",
    "/zhuanqu/",  # the kiosk, with its own idle-reset script
    "/xxgk/",
    "/yisqgk/",
    "/yisqgk/query/",
    "/nianbao/",
    "/sousuo/",
    "/staff/login/",
    "/gongkai/no-such-unit/",  # the 404 page
]


def watch_csp(page) -> list[str]:
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(f"{page.url}: {message.text}")
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    return refused


def sign_in(page, username):
    page.goto("/staff/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(re.compile(r"/staff/$"))


def test_public_pages_run_their_scripts_under_the_policy(page):
    refused = watch_csp(page)
    for path in PUBLIC_PAGES:
        response = page.goto(path)
        assert response.headers["content-security-policy"].startswith("default-src 'self'")
        # The toggles are shown and work only if site.js ran.
        toggle = page.get_by_role("button", name="高对比度")
        expect(toggle).to_be_visible()
        toggle.click()
        expect(page.locator("html")).to_have_class(re.compile(r"(^|\s)high-contrast(\s|$)"))
        toggle.click()
    assert not refused, "\n".join(refused)


def test_inline_script_is_refused(page):
    """The policy is enforced, not just sent: an injected inline script does not run."""
    page.goto("/")
    with page.expect_console_message(
        lambda message: "Content Security Policy" in message.text
    ) as refusal:
        page.evaluate(
            """() => {
                const s = document.createElement("script");
                s.textContent = "window.injected = true";
                document.body.append(s);
            }"""
        )
    assert "inline script" in refusal.value.text
    assert page.evaluate("window.injected") is None


def test_staff_workspace_and_admin_under_the_policy(page, office_admin, tanzhou_editor):
    refused = watch_csp(page)
    sign_in(page, office_admin.username)
    for path in (
        "/staff/",
        "/staff/calendar/",
        "/staff/audit/",
        "/admin/",
        "/admin/core/calendaryear/",
        "/admin/core/calendaryear/add/",
        "/admin/orgs/unit/",
        f"/admin/orgs/unit/{Unit.objects.get(code='tanzhou').pk}/change/",
    ):
        response = page.goto(path)
        assert response.status == 200, path
    # The admin's own scripts ran: the inline formset offers to add a row.
    page.goto("/admin/core/calendaryear/add/")
    add_row = page.locator(".add-row a").first
    expect(add_row).to_be_visible()
    add_row.click()
    page.context.clear_cookies()

    sign_in(page, tanzhou_editor.username)
    for path in (
        "/staff/",
        "/staff/records/",
        "/staff/records/units/tanzhou/new/",
        "/staff/catalogs/",
    ):
        page.goto(path)
    assert not refused, "\n".join(refused)
