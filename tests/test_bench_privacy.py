"""`python -m bench --suite privacy` as CI runs it: a real process, a small text, exit code and JSON.

Speed is not asserted (CI machines are shared and noisy); only that every planted
value is found, no decoy is flagged, and the timings are there.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.scripts
REPO_ROOT = Path(__file__).resolve().parent.parent


def test_privacy_suite_finds_every_planted_value_and_no_decoy(tmp_path):
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
            "privacy",
            "--size",
            "20000",
            "--seed",
            "3",
            "--repeat",
            "3",
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
    privacy = document["suites"]["privacy"]
    text, xlsx = privacy["correctness"]["text"], privacy["correctness"]["xlsx"]
    assert document["correct"] is True
    assert (text["ok"], text["missed"], text["extra"]) == (True, 0, 0)
    assert set(text["planted_by_kind"]) == {"id_number", "mobile", "bank_card", "email", "address"}
    assert len(privacy["inputs"]["decoys_by_family"]) == 14
    assert (xlsx["ok"], xlsx["planted"], xlsx["found"]) == (True, 4000, 4000)
    assert privacy["inputs"]["characters"] >= 20000
    assert privacy["timing"]["scan_text"]["mb_per_s_median"] > 0
    assert [goal["id"] for goal in privacy["goals"]] == ["privacy-scan", "privacy-xlsx"]
