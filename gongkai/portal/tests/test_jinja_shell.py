"""The portal shell printed by Jinja2 (the catalog page) is the one Django templates print.

The catalog page is rendered by Jinja2 for speed (gongkai/portal/jinja.py), every
other portal page by Django's portal/base.html over base.html. Both shells must stay
the same page: the same landmarks, navigation with aria-current, display toggles,
scripts and styles, and the visitor's flash messages. Each case renders one child
page through both engines for the same request and compares the bytes.
"""

import pytest
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.template import engines
from django.test import RequestFactory, override_settings
from django.urls import resolve

DJANGO_CHILD = (
    '{% extends "portal/base.html" %}'
    "{% block title %}标题 · {{ site_name }}{% endblock %}"
    "{% block body_class %}some-page{% endblock %}"
    '{% block head %}{{ block.super }}\n<link rel="canonical" href="/x/">{% endblock %}'
    "{% block content %}<h1>正文</h1>{% endblock %}"
)
JINJA_CHILD = (
    '{% extends "portal/base.html" %}'
    "{% block title %}标题 · {{ site_name }}{% endblock %}"
    "{% block body_class %}some-page{% endblock %}"
    '{% block head %}{{ super() }}\n<link rel="canonical" href="/x/">{% endblock %}'
    "{% block content %}<h1>正文</h1>{% endblock %}"
)


def visitor_request(path: str, flash: str = ""):
    """A request as the middleware leaves it for an anonymous visitor."""
    request = RequestFactory().get(path)
    request.resolver_match = resolve(path)
    request.session = SessionStore()
    request.user = AnonymousUser()
    request._messages = FallbackStorage(request)
    if flash:
        messages.success(request, flash)
    return request


def both(path: str, flash: str = "", **context) -> tuple[str, str]:
    django_page = engines["django"].from_string(DJANGO_CHILD)
    jinja_page = engines["jinja2"].from_string(JINJA_CHILD)
    return (
        django_page.render(context, visitor_request(path, flash)),
        jinja_page.render(context, visitor_request(path, flash)),
    )


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/gongkai/",
        "/gongkai/tanzhou/compulsory-education/",
        "/yisqgk/",
        "/nianbao/",
        "/danwei/",
        "/sousuo/",
    ],
)
def test_same_shell_on_every_section(path):
    django_html, jinja_html = both(path)
    assert jinja_html == django_html
    assert '<main id="main"' in jinja_html and "data-contrast-toggle" in jinja_html


def test_a_unit_section_marks_the_units_entry_in_both():
    django_html, jinja_html = both("/danwei/tanzhou/", section="home")
    assert jinja_html == django_html
    assert '<a href="/danwei/" aria-current="page">各单位</a>' in jinja_html


def test_flash_messages_show_in_both():
    django_html, jinja_html = both("/gongkai/", flash="目录已发布")
    assert jinja_html == django_html
    assert '<p class="message message-success">目录已发布</p>' in jinja_html


@override_settings(SITE_NAME="中山市<政务>公开&平台")
def test_site_name_is_escaped_alike():
    django_html, jinja_html = both("/")
    assert jinja_html == django_html
    assert "中山市&lt;政务&gt;公开&amp;平台" in jinja_html
