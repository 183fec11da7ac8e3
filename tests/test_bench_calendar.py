"""`python -m bench --suite calendar` as CI runs it: a real process, tiny sizes, exit code and JSON.

Speed is not asserted here (CI machines are shared and noisy); only that the run is
correct and that the index beats the day-by-day loop at all.
"""

import pytest

from tests.bench_process import run_bench

pytestmark = pytest.mark.scripts


def test_calendar_suite_is_correct_and_faster_than_the_naive_loop(tmp_path):
    document = run_bench("calendar", tmp_path, "--size", "5000", "--sample", "300", "--seed", "1")
    calendar = document["suites"]["calendar"]
    assert document["correct"] is True
    assert calendar["correctness"]["ok"] is True
    assert calendar["correctness"]["checked"] == 300
    assert calendar["correctness"]["add_workdays_mismatches"] == 0
    assert calendar["ratio"]["median"] > 1
    assert calendar["inputs"]["size"] == 5000
    # The library's own arithmetic is off exactly on non-working starts (information only).
    find = calendar["find_workday"]
    assert find["differs"] == find["non_working_starts"] > 0
    assert find["differs_on_working_start"] == 0
