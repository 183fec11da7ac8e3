"""Browser fixtures: one headless Chromium per test session, a fresh page per test.

The tests drive Debian's Chromium (`apt-get install chromium`) through Playwright's
sync API against pytest-django's `live_server`. Playwright's own browser downloads
are never used: set GONGKAI_CHROMIUM to point at another Chromium binary.
Without a Chromium the browser tests skip, so the suite still passes.

`live_server` implies a transactional database, which is flushed after each test:
every browser test must request the root `zhongshan` fixture (the `page` fixture
does) or a persona so that the reference data is re-seeded first.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("GONGKAI_CHROMIUM", "/usr/bin/chromium")

# The networking flags keep Chromium from calling home (updates, sync, field
# trials, QUIC probes): on a closed network those requests only flood the logs.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Short timeouts: every page is local, so a wait longer than this is a failure.
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    executable = Path(CHROMIUM)
    if not (executable.is_file() and os.access(executable, os.X_OK)):
        pytest.skip(
            f"Chromium not found at {executable} (install it with `apt-get install chromium` "
            "or set GONGKAI_CHROMIUM to its path): browser tests skipped"
        )
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")

    # Playwright's sync API runs an asyncio event loop in this (the test) thread and
    # leaves it marked as running between calls, for as long as the browser lives.
    # Django sees that running loop and refuses every ORM call from this thread with
    # SynchronousOnlyOperation, although nothing here is actually asynchronous: the
    # fixtures' and tests' ORM calls still run synchronously, one at a time. Hence
    # the variable stays set until the browser is closed at the end of the session
    # (pytest-django runs live-server tests after the other database tests).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_api.sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=str(executable), headless=True, args=CHROMIUM_ARGS
            )
            try:
                yield chromium
            finally:
                chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def browser_context(browser, live_server, zhongshan):
    """A fresh context (no cookies, no localStorage) pointed at the live server."""
    context = browser.new_context(
        base_url=live_server.url,
        locale="zh-CN",
        viewport={"width": 1280, "height": 800},
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def page(browser_context):
    """A page in a fresh context; an uncaught JavaScript error fails the test."""
    page = browser_context.new_page()
    js_errors = []
    page.on("pageerror", lambda error: js_errors.append(str(error)))
    yield page
    if js_errors:
        pytest.fail("JavaScript errors on the page: " + "; ".join(js_errors))
