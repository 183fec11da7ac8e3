"""`python -m bench --suite reports` as CI runs it: a real process, 1,000 cases, exit code and JSON.

Speed is never asserted (CI machines are shared and noisy); only that the city-wide
annual report equals the counts over the generated rows cell for cell, that the city
equals the sum of its units, that no cross-check failed, and that every timing was taken.
"""

import pytest

from tests.bench_process import run_bench

pytestmark = pytest.mark.scripts
CASES = 1000


def test_reports_suite_matches_the_counts_over_the_generated_rows(tmp_path):
    document = run_bench("reports", tmp_path, "--size", str(CASES), "--repeat", "3", "--seed", "2")
    suite = document["suites"]["reports"]
    assert document["correct"] is suite["correct"] is True
    inputs = suite["inputs"]
    assert (inputs["cases"], inputs["records"], inputs["units"]) == (CASES, 10 * CASES, 49)
    # The inputs reach every kind of cell: all 21 outcomes, open and unconfirmed cases,
    # every appeal kind, repealed or expired documents.
    assert inputs["outcomes_used"] == 21
    assert inputs["open"] > 0 and inputs["unconfirmed"] > 0
    assert set(inputs["appeal_kinds"]) == {"review", "litigation_direct", "litigation_after_review"}
    assert inputs["ended_documents"] > 0

    checks = suite["correctness"]
    assert checks["ok"] is True
    assert (checks["mismatches"], checks["checks"], checks["unit_checks"]) == (0, [], [])
    assert checks["units_summed"] == 49
    totals = checks["table3_totals"]
    assert totals["new"] > 0 and totals["carried_in"] > 0 and totals["carried_out"] > 0

    # Every timing and ratio was taken in every round (figures not judged).
    for name in ("city", "biggest_unit", "build_city", "sql_table3", "records_count"):
        assert len(suite["timing"][name]["runs_s"]) == 3
    assert len(suite["ratio"]["city_vs_sql_table3"]["rounds"]) == 3
    assert [goal["id"] for goal in suite["goals"]] == ["annual-report-city"]
    assert suite["goals"][0]["scaled_from_size"] == CASES
