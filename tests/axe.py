"""axe-core for the browser tests: one pinned release, verified, cached, injected by Playwright.

The release is fetched once from the npm registry as its tarball, checked against
the sha512 integrity the registry published for it (hard-coded below, so a changed
or substituted tarball is refused), and `axe.min.js` is kept under the repository's
var/cache/ (git-ignored; GONGKAI_AXE_CACHE names another directory). Later runs, offline ones included, reuse that copy.
Offline without a cached copy, the accessibility tests skip and say why.

To move to a newer release, change VERSION and INTEGRITY together, taking the
integrity from `https://registry.npmjs.org/axe-core/<version>` → `dist.integrity`.
"""

import base64
import hashlib
import io
import os
import tarfile
import urllib.error
import urllib.request
from pathlib import Path

import pytest

VERSION = "4.14.1"
INTEGRITY = "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
TARBALL_URL = f"https://registry.npmjs.org/axe-core/-/axe-core-{VERSION}.tgz"
MEMBER = "package/axe.min.js"
CACHE_DIR = Path(
    os.environ.get("GONGKAI_AXE_CACHE", Path(__file__).resolve().parents[1] / "var" / "cache")
)
DOWNLOAD_TIMEOUT_S = 30

# The impacts that fail a page; "moderate" and "minor" findings are reported by
# axe but are advice, not barriers.
BLOCKING = ("serious", "critical")


class AxeUnavailable(Exception):
    """axe-core could not be fetched (offline, registry down) and is not cached."""


def _verify(data: bytes) -> None:
    algorithm, _, expected = INTEGRITY.partition("-")
    digest = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if digest != expected:
        # Never fall back to an unverified script: fail loudly instead of skipping.
        raise RuntimeError(
            f"axe-core {VERSION} tarball from {TARBALL_URL} does not match {INTEGRITY}"
        )


def axe_source() -> str:
    """The text of axe.min.js for VERSION, downloading and verifying it on first use."""
    cached = CACHE_DIR / f"axe-core-{VERSION}" / "axe.min.js"
    if cached.is_file():
        return cached.read_text(encoding="utf-8")
    try:
        with urllib.request.urlopen(TARBALL_URL, timeout=DOWNLOAD_TIMEOUT_S) as response:
            data = response.read()
    except (urllib.error.URLError, OSError) as exc:
        raise AxeUnavailable(f"cannot download {TARBALL_URL}: {exc}") from exc
    _verify(data)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        source = tar.extractfile(MEMBER).read().decode("utf-8")
    cached.parent.mkdir(parents=True, exist_ok=True)
    # Write then rename, so a concurrent or interrupted run never sees half a file.
    partial = cached.with_suffix(f".{os.getpid()}.part")
    partial.write_text(source, encoding="utf-8")
    partial.replace(cached)
    return source


def axe_source_or_skip() -> str:
    """axe.min.js, or a pytest skip naming what is missing."""
    try:
        return axe_source()
    except AxeUnavailable as exc:
        pytest.skip(
            f"axe-core {VERSION} is not cached in {CACHE_DIR} and {exc}; "
            "run the accessibility tests once with network access"
        )


WCAG_AA = {
    "type": "tag",
    "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
}


def axe_violations(
    page, axe_script: str, impacts=BLOCKING, run_only=WCAG_AA, also: tuple[str, ...] = ()
) -> list[dict]:
    """Run axe on the page as it stands; the violations of the given impacts.

    `also` names rules outside `run_only` to run as well (e.g. the AAA
    "color-contrast-enhanced"). The page's context must have been created with
    bypass_csp=True: the site's CSP (script-src 'self') rightly refuses the
    injected script otherwise.
    """
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_script)
    options = {"runOnly": run_only, "resultTypes": ["violations"]}
    if also:
        options["rules"] = {rule: {"enabled": True} for rule in also}
    result = page.evaluate("async (options) => await axe.run(document, options)", options)
    return [v for v in result["violations"] if v["impact"] in impacts]


def describe(violations: list[dict]) -> str:
    """A readable failure message: rule, impact, help and the first few offending nodes."""
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['failureSummary']}")
            lines.append(f"        {node['html'][:200]}")
    return "\n".join(lines)
