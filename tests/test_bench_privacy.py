"""`python -m bench --suite privacy` as CI runs it: a real process, a small text, exit code and JSON.

Speed is not asserted (CI machines are shared and noisy); only that every planted
value is found, no decoy is flagged, and the timings are there.
"""

import pytest

from tests.bench_process import run_bench

pytestmark = pytest.mark.scripts


def test_privacy_suite_finds_every_planted_value_and_no_decoy(tmp_path):
    document = run_bench("privacy", tmp_path, "--size", "20000", "--seed", "3", "--repeat", "3")
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
