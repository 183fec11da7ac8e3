"""`python -m bench --suite foi` as CI runs it: a real process, small sizes, exit code and JSON.

Speed is never asserted (CI machines are shared and noisy); only that every due
date equals the day-by-day reference, that the workbench lists exactly the
reference's cases in its order with their urgencies, that the ledger round trip
stores every row once with the reference due date, and that every timing was taken.
"""

import pytest

from tests.bench_process import run_bench

pytestmark = pytest.mark.scripts
CASES = 2000
SAMPLE = 200


def test_foi_suite_matches_the_day_by_day_reference(tmp_path):
    document = run_bench(
        "foi",
        tmp_path,
        "--size",
        str(CASES),
        "--sample",
        str(SAMPLE),
        "--repeat",
        "3",
        "--seed",
        "2",
    )
    suite = document["suites"]["foi"]
    assert document["correct"] is suite["correct"] is True
    checks = suite["correctness"]

    due = checks["due_dates"]
    assert (due["sample"], due["all"], due["mismatches"]) == (SAMPLE, CASES, {})
    inputs = suite["due_dates"]["inputs"]
    assert inputs["corrected"] and inputs["with_two_consultations"] and inputs["extended"]

    for who in ("unit", "office"):
        page = checks["workbench"][who]
        assert (page["rows"], page["wrong"]) == (50, 0), page
    whole = checks["workbench"]["unit_whole_list"]
    assert whole["rows"] == whole["expected_rows"] == suite["workbench"]["inputs"]["unit_open"]
    assert whole["wrong"] == 0
    # Every urgency the workbench knows occurs, so each branch was compared.
    assert set(whole["urgencies"]) >= {"overdue", "due_soon", "ok", "paused", "stopped"}

    ledger = checks["ledger"]
    assert ledger["ok"] is True and ledger["xlsx_equals_csv"] is True
    rows = CASES // 10
    assert ledger["import"]["created"] == ledger["import"]["stored"] == rows
    assert ledger["reimport"] == {"created": 0, "updated": 0, "unchanged": rows}

    # Every timing and ratio was taken in every round (figures not judged).
    for part, names in (
        ("due_dates", ["candidate", "due_only", "loop_floor"]),
        ("ledger", ["csv_read", "xlsx_read", "import", "reimport", "csv_floor", "bulk_floor"]),
    ):
        for name in names:
            assert len(suite[part]["timing"][name]["runs_s"]) == 3
    for name in ("unit_page", "unit_floor", "office_page", "office_floor"):
        assert len(suite["workbench"]["timing"][name]["rounds_ms"]) == 3
    assert suite["due_dates"]["ratio"]["naive_vs_candidate"]["median"] > 1
    assert suite["goals"] == []
