"""Browser fixtures, shared by every app's browser tests (loaded from the root conftest).

One headless Chromium per test session, a fresh page per test. The tests drive
Debian's Chromium (`apt-get install chromium`) through Playwright's sync API
against pytest-django's `live_server`. Playwright's own browser downloads are
never used: set GONGKAI_CHROMIUM to point at another Chromium binary. Without a
Chromium the browser tests skip, so the suite still passes.

`live_server` implies a transactional database, which is flushed after each test:
every browser test must request the root `zhongshan` fixture (the `browser_context`
fixture does) or a persona so that the reference data is re-seeded first.

Fixtures: `chromium` (session: starts Playwright and Chromium), `browser` (the
running Chromium), `browser_context` (fresh cookies and localStorage, based at the
live server) and `page`.
"""

import os
import re
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

# Every page is local: waiting longer than this is a failure, not a slow network.
TIMEOUT_MS = 10_000

ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"


class Chromium:
    """Playwright plus one headless Chromium, started once and stopped once.

    Playwright's sync API runs an asyncio event loop in this (the test) thread and
    leaves it marked as running between calls for as long as Playwright is started.
    Django sees that running loop and refuses every ORM call from this thread (the
    fixtures seeding data, the transactional flush) with SynchronousOnlyOperation,
    although nothing here is actually asynchronous: the calls still run one at a
    time, synchronously. So DJANGO_ALLOW_ASYNC_UNSAFE is set exactly while
    Playwright runs, and Playwright is stopped as soon as the last browser test is
    done (see `pytest_runtest_teardown` below), so that neither the running loop nor
    the variable (which `manage.py check --deploy` flags in subprocesses) leaks
    into the rest of the session.
    """

    def __init__(self, executable: Path):
        self.executable = executable
        self._playwright = None
        self._browser = None
        self._previous_env = None

    @property
    def browser(self):
        if self._browser is None:
            self.start()
        return self._browser

    def start(self):
        from playwright.sync_api import sync_playwright

        self._previous_env = os.environ.get(ASYNC_UNSAFE)
        os.environ[ASYNC_UNSAFE] = "true"
        try:
            self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.launch(
                executable_path=str(self.executable), headless=True, args=CHROMIUM_ARGS
            )
        except BaseException:
            self.stop()
            raise

    def stop(self):
        try:
            if self._browser is not None:
                self._browser.close()
        finally:
            self._browser = None
            if self._playwright is not None:
                self._playwright.stop()
                self._playwright = None
                if self._previous_env is None:
                    os.environ.pop(ASYNC_UNSAFE, None)
                else:
                    os.environ[ASYNC_UNSAFE] = self._previous_env


_running: Chromium | None = None


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the session; skips when there is none."""
    global _running
    executable = Path(CHROMIUM)
    if not (executable.is_file() and os.access(executable, os.X_OK)):
        pytest.skip(
            f"Chromium not found at {executable} (install it with `apt-get install chromium` "
            "or set GONGKAI_CHROMIUM to its path): browser tests skipped"
        )
    pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    _running = Chromium(executable)
    _running.start()
    try:
        yield _running
    finally:
        _running.stop()
        _running = None


@pytest.fixture
def browser(chromium):
    """The session's Chromium (restarted only if it was stopped between browser tests)."""
    return chromium.browser


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


def _uses_browser(item) -> bool:
    return item is not None and "chromium" in getattr(item, "fixturenames", ())


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Stop Playwright once the last browser test and its fixtures are torn down.

    pytest-django runs the live-server tests together, after the other database
    tests; what follows must not run beside Playwright's event loop (see Chromium).
    """
    try:
        return (yield)
    finally:
        if _running is not None and _uses_browser(item) and not _uses_browser(nextitem):
            _running.stop()


def sign_in(browser_context, username: str):
    """A new page signed in as `username` (the persona's password); the previous person signs out."""
    from playwright.sync_api import expect

    from conftest import PASSWORD

    browser_context.clear_cookies()
    page = browser_context.new_page()
    page.goto("/staff/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(re.compile(r"/staff/$"))
    return page
