"""`python -m bench --suite calendar` as CI runs it: a real process, tiny sizes, exit code and JSON.

Speed is not asserted here (CI machines are shared and noisy); only that the run is
correct and that the index beats the day-by-day loop at all.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.scripts
REPO_ROOT = Path(__file__).resolve().parent.parent


def test_calendar_suite_is_correct_and_faster_than_the_naive_loop(tmp_path):
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
            "calendar",
            "--size",
            "5000",
            "--sample",
            "300",
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
