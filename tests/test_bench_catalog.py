"""`python -m bench --suite catalog` as CI runs it: a real process, a tiny catalog, exit code and JSON.

Speed is never asserted here (CI machines are shared and noisy); only that the export →
import round trip gave back every item and that the public page shows them all.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.scripts
REPO_ROOT = Path(__file__).resolve().parent.parent
ITEMS = 60


def test_catalog_suite_round_trips_and_renders_every_item(tmp_path):
    out = tmp_path / "results.json"
    env = dict(os.environ)
    # The bench sets these itself; make sure nothing from the test run leaks in.
    for name in ("DJANGO_SETTINGS_MODULE", "GONGKAI_VAR_DIR", "GONGKAI_DATABASE_URL"):
        env.pop(name, None)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench",
            "--suite",
            "catalog",
            "--items",
            str(ITEMS),
            "--repeat",
            "3",
            "--seed",
            "1",
            "--out",
            str(out),
        ],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr

    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["correct"] is True
    catalog = document["suites"]["catalog"]
    assert catalog["correct"] is True
    assert catalog["inputs"]["items"] == ITEMS
    assert catalog["inputs"]["xlsx_bytes"] > 0
    checks = catalog["correctness"]
    for name in ("stored", "read_back", "imported", "time_limit_rules"):
        assert checks[name]["ok"] is True, checks[name]
        assert checks[name]["mismatches"] == 0
    page = checks["page"]
    assert page["status"] == 200
    assert page["names_missing"] == 0
    assert page["rows"] == ITEMS
    assert page["revalidated_status"] == 304
    assert page["cached_identical"] is True
    # Every operation was timed with its baseline, in every round (figures not judged).
    assert len(catalog["timing"]["import_total"]["runs_s"]) == 3
    assert set(catalog["ratio"]) == {
        "export_vs_plain_workbook",
        "import_vs_read_floor",
        "page_uncached_vs_trivial",
        "page_cached_vs_trivial",
        "page_304_vs_trivial",
    }
    assert {goal["id"] for goal in catalog["goals"]} == {
        "catalog-import",
        "catalog-export",
        "page-uncached",
        "page-cached",
    }
