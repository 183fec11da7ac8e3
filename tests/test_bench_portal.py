"""The shipped nginx configuration is valid, and `python -m bench --suite portal` runs end to end.

Both need nginx (and the suite wrk); where they are missing the tests are skipped
and say how to install them. Speed is never asserted (CI machines are shared and
noisy), only that every check passed and every figure was taken.
"""

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.bench_process import REPO_ROOT, clean_env, run_json

pytestmark = pytest.mark.scripts
SITE_CONF = REPO_ROOT / "deploy" / "nginx" / "gongkai.conf"
INSTALL = "install with: sudo apt-get install -y nginx wrk"


def nginx() -> str | None:
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/sbin")


def test_shipped_nginx_site_is_valid(tmp_path: Path):
    """`nginx -t` on the site file as shipped, with only the cache directory moved here."""
    binary = nginx()
    if binary is None:
        pytest.skip(f"nginx is not installed; {INSTALL}")
    mime_types = Path("/etc/nginx/mime.types")
    site = SITE_CONF.read_text(encoding="utf-8")
    shipped_cache = "proxy_cache_path /var/cache/nginx/gongkai "
    assert site.count(shipped_cache) == 1
    (tmp_path / "site.conf").write_text(
        site.replace(shipped_cache, f"proxy_cache_path {tmp_path / 'cache'} "), encoding="utf-8"
    )
    (tmp_path / "logs").mkdir()
    (tmp_path / "nginx.conf").write_text(
        f"""pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log;
events {{}}
http {{
    {"include " + str(mime_types) + ";" if mime_types.exists() else ""}
    access_log off;
    include {tmp_path}/site.conf;
}}
""",
        encoding="utf-8",
    )

    done = subprocess.run(
        [binary, "-t", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)],
        capture_output=True,
        text=True,
    )

    assert done.returncode == 0, done.stderr
    assert "syntax is ok" in done.stderr


def test_portal_suite_serves_every_page_and_measures_every_goal(tmp_path: Path):
    if nginx() is None or shutil.which("wrk") is None:
        pytest.skip(f"the portal suite needs nginx and wrk; {INSTALL}")
    env = clean_env()
    env["GONGKAI_BENCH_PORTAL_SECONDS"] = "1"
    out = tmp_path / "results.json"
    document = run_json(
        ["-m", "bench", "--suite", "portal", "--size", "10", "--sample", "10", "--out", str(out)],
        out,
        env=env,
    )

    suite = document["suites"]["portal"]
    assert document["correct"] is suite["correct"] is True
    checks = suite["correctness"]
    assert checks["record_cached"]["cache_status"] == ["MISS", "HIT"]
    assert checks["record_cached"]["identical_bytes"] is True
    assert checks["bypass"]["session_record_page"] == "BYPASS"
    assert checks["publish"]["tasks_enqueued"] == 1
    timing = suite["timing"]
    runs = [timing["catalog_uncached"], timing["catalog_uncached_4"]]
    for round_ in timing["p1"]["rounds"]:
        runs += [round_["static"], round_["cached"]]
    no_errors = dict.fromkeys(("connect", "read", "write", "status", "timeout"), 0)
    for run in runs:
        assert run["requests"] > 0 and run["errors"] == no_errors, run
    for run in (timing["catalog_uncached"], timing["catalog_uncached_4"]):
        assert run["server_cpu_ms_per_request"] > 0, run
    assert timing["publish"]["queued"]["n"] == timing["publish"]["empty"]["n"] > 0
    assert max(timing["publish"]["queue_depth"]["queued"]) >= 10_000
    assert [goal["id"] for goal in suite["goals"]] == ["P1-req/s", "P1-p99", "P2", "Q1"]
