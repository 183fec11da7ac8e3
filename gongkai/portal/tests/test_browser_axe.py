"""The public pages have no serious or critical accessibility violations (axe-core, WCAG 2.1 AA).

A citizen's path through the portal: the home page, the 标准目录 column, a unit's
column page, its published catalog and a catalog item, each unit's 政府信息公开
pages, a record and its interpretation, the search page, the
disclosure-on-request pages, the annual reports and the kiosk; on a desktop, and
on a phone with 大字版 and 高对比度 switched on, where no page may scroll
sideways. In 高对比度 text also meets WCAG's enhanced contrast (7:1). The data
are 坦洲镇's published records and 2024 report (the portal conftest). axe-core is
pinned and verified (tests/axe.py); the tests skip, saying why, when it cannot
be had.
"""

import pytest
from django.urls import Resolver404, resolve

from tests.axe import axe_source_or_skip, axe_violations, describe
from tests.browser import TIMEOUT_MS

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}
LARGE_FONT = "localStorage.setItem('gk-large-font', '1');"
HIGH_CONTRAST = "localStorage.setItem('gk-high-contrast', '1');"


@pytest.fixture
def axe_script():
    return axe_source_or_skip()


@pytest.fixture
def new_context(browser, live_server, zhongshan):
    """Contexts whose pages accept the injected axe script despite the site's CSP."""
    contexts = []

    def make(viewport=DESKTOP, init_script=""):
        context = browser.new_context(
            base_url=live_server.url, locale="zh-CN", viewport=viewport, bypass_csp=True
        )
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        if init_script:
            context.add_init_script(init_script)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def public_paths(tanzhou_records, published_2024_report):
    plan, item = tanzhou_records["plan"], tanzhou_records["item"]
    interpretation = plan.interpretations.get()
    return [
        "/",
        "/gongkai/",
        "/gongkai/tanzhou/",
        "/gongkai/tanzhou/compulsory-education/",
        f"/gongkai/tanzhou/compulsory-education/items/{item.pk}/",
        "/danwei/",
        "/danwei/tanzhou/",
        "/danwei/tanzhou/zhinan/",
        "/danwei/tanzhou/zhidu/",
        "/danwei/tanzhou/fdzdgknr/",
        "/danwei/tanzhou/nianbao/",
        "/xxgk/",
        f"/xxgk/{plan.pk}/",
        f"/xxgk/{plan.pk}/jiedu/{interpretation.pk}/",
        "/yisqgk/",
        "/yisqgk/query/",
        "/nianbao/",
        "/nianbao/tanzhou/2024/",
        "/zhuanqu/",
        "/staff/login/",
    ]


def check_pages(context, axe_script, paths, *, fits_width=None, **axe_options):
    """Visit each path; fail once, listing every page's findings."""
    page = context.new_page()
    found = {}
    for path in paths:
        response = page.goto(path)
        assert response.status == 200, (path, response.status)
        problems = describe(axe_violations(page, axe_script, **axe_options))
        if fits_width:
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > fits_width:
                problems += (
                    f"\n[serious] scrolls sideways: {width}px wide on a {fits_width}px screen"
                )
        if problems:
            found[path] = problems
    page.close()
    assert not found, "\n\n".join(f"{path}\n{text}" for path, text in found.items())


def test_public_pages_have_no_serious_violations(new_context, axe_script, public_paths):
    check_pages(new_context(), axe_script, public_paths)


def test_public_pages_on_a_phone_in_large_font_and_high_contrast(
    new_context, axe_script, public_paths
):
    """Also WCAG's enhanced contrast (7:1, AAA; axe rates its failures serious), which
    高对比度 exists to give."""
    context = new_context(PHONE, LARGE_FONT + HIGH_CONTRAST)
    check_pages(
        context,
        axe_script,
        public_paths,
        fits_width=PHONE["width"],
        also=("color-contrast-enhanced",),
    )


def test_not_found_page_has_no_serious_violations(new_context, axe_script):
    page = new_context().new_page()
    response = page.goto("/gongkai/no-such-unit/")
    assert response.status == 404
    violations = axe_violations(page, axe_script)
    assert not violations, describe(violations)


def test_search_page_has_no_serious_violations(new_context, axe_script, tanzhou_records):
    try:
        resolve("/sousuo/")
    except Resolver404:
        pytest.skip("the search page (/sousuo/, gongkai/search) is not routed yet")
    check_pages(new_context(), axe_script, ["/sousuo/", "/sousuo/?q=招生计划"])
