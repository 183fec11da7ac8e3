"""`python -m bench --suite search` as CI runs it: a real process, a tiny corpus, exit code and JSON.

Speed is never asserted here (CI machines are shared and noisy); only that every
query's result set equalled the LIKE reference and that every goal was reported.
"""

import pytest

from tests.bench_process import run_bench

pytestmark = pytest.mark.scripts
SIZE = 300


def test_search_suite_matches_like_and_reports_every_goal(tmp_path):
    document = run_bench("search", tmp_path, "--size", str(SIZE), "--repeat", "3", "--seed", "1")
    assert document["correct"] is True
    search = document["suites"]["search"]
    assert search["correct"] is True
    assert search["inputs"]["records"] == search["inputs"]["indexed"] == SIZE
    checks = search["correctness"]
    assert checks["problems"] == []
    assert checks["queries"] == 20
    assert checks["document_frequency"]["粤商通"] >= 0
    for cls in ("1-char", "2-char", "3-char", "4+-char", "multi-word"):
        assert search["timing"][cls]["page"]["n"] >= 3
    assert search["index"]["bytes"] > 0
    assert {goal["id"] for goal in search["goals"]} == {
        "S1", "page-p95", "page-p50", "S2", "S3-p95", "S3-p50", "S4", "S4-abs", "S5",
        "S6-size", "S6-build",
    }  # fmt: skip
