"""A field's error message is tied to the field, so a screen reader reads it with the field."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_empty_sign_in_errors_describe_their_fields(page):
    page.goto("/staff/login/")
    page.get_by_role("button", name="登录").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("工作人员登录")
    for label in ("用户名", "密码"):
        field = page.get_by_label(label, exact=True)
        expect(field).to_have_attribute("aria-invalid", "true")
        # Every id in aria-describedby must exist, and the description must be the error.
        missing = field.evaluate(
            """el => (el.getAttribute("aria-describedby") || "").split(/\\s+/)
                       .filter(id => id && !document.getElementById(id))"""
        )
        assert missing == [], f"{label}: aria-describedby names missing ids {missing}"
        expect(field).to_have_accessible_description(re.compile("必填"), timeout=2_000)
