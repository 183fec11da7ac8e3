"""Every page carries the security headers: CSP without inline scripts, no framing, a referrer policy.

Public pages for the anonymous visitor (the catalog page too, rendered by Jinja2),
the staff workspace for 陈晓文, the admin for the openness office's 黎秀芳, and
error pages alike. HSTS is switched on by
the production settings, checked in a process started with GONGKAI_ENV=production.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

import gongkai
from gongkai.core.security import CONTENT_SECURITY_POLICY
from gongkai.portal.tests.catalogs import catalog_row

pytestmark = pytest.mark.django_db

EXPECTED_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


def assert_secure_headers(response):
    assert response["Content-Security-Policy"] == EXPECTED_CSP
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_policy_allows_no_inline_script_or_style():
    directives = dict(d.split(" ", 1) for d in CONTENT_SECURITY_POLICY.split("; "))
    for name in ("script-src", "style-src"):
        assert directives[name] == "'self'"
    assert "unsafe" not in CONTENT_SECURITY_POLICY


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/", 200),
        ("/gongkai/", 200),
        ("/xxgk/", 200),
        ("/yisqgk/", 200),
        ("/yisqgk/query/", 200),
        ("/nianbao/", 200),
        ("/staff/login/", 200),
        ("/gongkai/no-such-unit/", 404),
        ("/staff/", 302),  # to the sign-in page
    ],
)
def test_public_responses(client, zhongshan, path, status):
    response = client.get(path)
    assert response.status_code == status
    assert_secure_headers(response)


def test_catalog_page(client, catalog_desk, education, empty_cache):
    """The catalog page, rendered by Jinja2 rather than Django templates, is no exception."""
    catalog_desk.publish("tanzhou", education, [catalog_row("招生管理", "招生计划")])
    for path in (
        "/gongkai/tanzhou/compulsory-education/",
        "/gongkai/tanzhou/compulsory-education/v1/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert_secure_headers(response)
    assert client.get("/gongkai/tanzhou/compulsory-education/v9/").status_code == 404


def test_staff_pages(client, tanzhou_editor):
    client.force_login(tanzhou_editor)
    for path in ("/staff/", "/staff/records/", "/staff/catalogs/", "/staff/foi/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert_secure_headers(response)


def test_admin_pages(client, office_admin):
    client.force_login(office_admin)
    for path in ("/admin/", "/admin/core/calendaryear/", "/admin/core/calendaryear/add/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert_secure_headers(response)


def test_api_responses(client, zhongshan):
    # JSON is never rendered as a page, but a browser opening it directly gets the policy too.
    response = client.get("/api/v1/staff/cases")
    assert response.status_code == 401
    assert response["Content-Security-Policy"] == EXPECTED_CSP


def test_templates_have_no_inline_script_or_style():
    """Guards the CSP: an inline block or attribute added later would be refused by browsers."""
    root = Path(gongkai.__file__).parent
    offenders = []
    # Django templates, and the Jinja2 ones of the portal's hottest pages.
    templates = [*root.glob("**/templates/**/*.html"), *root.glob("**/jinja2/**/*.html")]
    assert any("jinja2" in template.parts for template in templates)
    for template in templates:
        # The report's standalone HTML is a file written by the CLI, never served.
        if template.name == "standalone.html":
            continue
        text = template.read_text(encoding="utf-8")
        for needle in ("<style", 'style="', " onclick=", " onload=", "javascript:"):
            if needle in text:
                offenders.append(f"{template.relative_to(root)}: {needle}")
        for chunk in text.split("<script")[1:]:
            if " src=" not in chunk.split(">", 1)[0]:
                offenders.append(f"{template.relative_to(root)}: inline <script>")
    assert not offenders, offenders


PRODUCTION_PROBE = """
import json
import django
django.setup()
from django.http import HttpResponse
from django.test import RequestFactory
from django.middleware.security import SecurityMiddleware
from django.conf import settings
request = RequestFactory().get("/", secure=True, headers={"host": "gongkai.zs.example.cn"})
response = SecurityMiddleware(lambda r: HttpResponse("ok"))(request)
redirect = SecurityMiddleware(lambda r: HttpResponse("ok"))(
    RequestFactory().get("/", headers={"host": "gongkai.zs.example.cn"})
)
print(json.dumps({
    "hsts": response.headers.get("Strict-Transport-Security"),
    "redirect": redirect.status_code,
    "session_secure": settings.SESSION_COOKIE_SECURE,
    "csrf_secure": settings.CSRF_COOKIE_SECURE,
}))
"""


def test_production_settings_send_hsts_and_redirect_to_https(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "gongkai.settings",
        "GONGKAI_ENV": "production",
        "GONGKAI_DEBUG": "false",
        "GONGKAI_SECRET_KEY": secrets.token_urlsafe(60),
        "GONGKAI_ALLOWED_HOSTS": "gongkai.zs.example.cn",
        "GONGKAI_VAR_DIR": str(tmp_path),
    }
    env.pop("GONGKAI_SSL_REDIRECT", None)
    env.pop("GONGKAI_HSTS_SECONDS", None)
    result = subprocess.run(
        [sys.executable, "-c", PRODUCTION_PROBE], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    facts = json.loads(result.stdout.strip().splitlines()[-1])
    assert facts == {
        "hsts": "max-age=31536000; includeSubDomains",
        "redirect": 301,
        "session_secure": True,
        "csrf_secure": True,
    }
