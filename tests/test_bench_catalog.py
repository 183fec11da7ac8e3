"""`python -m bench --suite catalog` as CI runs it: a real process, a tiny catalog, exit code and JSON.

Speed is never asserted here (CI machines are shared and noisy); only that the export →
import round trip gave back every item and that the public page shows them all.
"""

import pytest

from tests.bench_process import run_bench

pytestmark = pytest.mark.scripts
ITEMS = 60


def test_catalog_suite_round_trips_and_renders_every_item(tmp_path):
    document = run_bench("catalog", tmp_path, "--items", str(ITEMS), "--repeat", "3", "--seed", "1")
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
