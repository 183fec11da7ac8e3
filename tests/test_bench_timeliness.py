"""`python -m bench --suite timeliness` as CI runs it: a real process, 500 records, exit code and JSON.

Speed is never asserted here (CI machines are shared and noisy); only that every
sampled due date and state equals the day-by-day reference, that the board holds
exactly the expected rows in its order, and that every timing was taken.
"""

import pytest

from tests.bench_process import run_bench

pytestmark = pytest.mark.scripts
RECORDS = 500
SAMPLE = 200


def test_timeliness_suite_matches_the_day_by_day_reference(tmp_path):
    document = run_bench(
        "timeliness",
        tmp_path,
        "--size",
        str(RECORDS),
        "--sample",
        str(SAMPLE),
        "--repeat",
        "3",
        "--seed",
        "2",
    )
    assert document["correct"] is True
    suite = document["suites"]["timeliness"]
    assert suite["correct"] is True
    inputs = suite["inputs"]
    assert (inputs["records"], inputs["sample"], inputs["towns"]) == (RECORDS, SAMPLE, 25)
    assert inputs["links"] > 0
    # Every wording was read as the bench reads it (the same kind of rule).
    assert len(inputs["rules"]) == 9

    sample = suite["correctness"]["sample"]
    assert sample["checked"] == SAMPLE
    assert sample["proactive"] > 0
    for name in (
        "due_mismatches",
        "provisional_mismatches",
        "state_mismatches",
        "reference_table_mismatches",
    ):
        assert sample[name] == 0, sample
    board = suite["correctness"]["board"]
    assert board["ok"] is True, board
    assert board["rows"] == board["expected_rows"] > 0
    assert (board["missing"], board["extra"], board["wrong"], board["out_of_order"]) == (0, 0, 0, 0)
    # The board holds every state except the one it leaves out.
    states = inputs["states"]
    assert sum(states.values()) == RECORDS
    assert board["rows"] == sum(
        count for state, count in states.items() if state not in ("no_deadline", "not_proactive")
    )

    # Every timing and ratio was taken in every round (figures not judged).
    for name in ("board", "values_floor", "instances_load", "calculation"):
        assert len(suite["timing"][name]["runs_s"]) == 3
    assert len(suite["timing"]["naive"]["rounds_us_per_record"]) == 3
    assert set(suite["ratio"]) == {
        "board_vs_values_floor",
        "board_vs_instances_load",
        "naive_vs_calculation",
        "naive_scaled_vs_board",
    }
    assert [goal["id"] for goal in suite["goals"]] == ["timeliness-board"]
    assert suite["goals"][0]["scaled_from_size"] == RECORDS
