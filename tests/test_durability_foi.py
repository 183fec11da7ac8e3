"""scripts/durability_foi.py as it is run: a real granian killed with SIGKILL under load.

Small (4 clients, 150 applications, one kill) so it stays under a minute; the
figures are never asserted, only that every acknowledged application was found
stored exactly once with its content, and that the kill really happened under load.
"""

import os
from pathlib import Path

import pytest

from tests.bench_process import REPO_ROOT, run_json

pytestmark = pytest.mark.scripts
SCRIPT = REPO_ROOT / "scripts" / "durability_foi.py"


def test_every_acknowledged_application_survives_a_sigkill(tmp_path):
    out = tmp_path / "durability.json"
    # No GONGKAI_* at all: the script gives its server its own database and settings.
    env = {key: value for key, value in os.environ.items() if not key.startswith("GONGKAI_")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    options = ["--clients", "4", "--max-submissions", "150", "--duration", "20", "--kills", "1",
               "--baseline-seconds", "0", "--out", str(out)]  # fmt: skip
    document = run_json([str(SCRIPT), *options], out, env=env)
    assert document["ok"] is True
    load, check = document["load"], document["check"]
    assert len(load["kills"]) == 1
    # The kill came while applications were still being submitted.
    assert 0 < load["kills"][0]["acknowledged_before"] < load["acknowledged"]
    assert load["acknowledged"] == load["started"] == 150
    assert load["clean"] is True  # nothing refused, nothing given up
    assert check["acknowledged"] == 150
    assert check["acknowledged_missing"] == check["acknowledged_with_wrong_content"] == 0
    assert check["duplicate_tracking_numbers"] == 0
    assert check["stored_for_this_run"] >= 150
    assert check["sqlite_integrity_check"] == ["ok"]
    assert check["violations"] == []
    # The temporary directory (database, server log) is removed afterwards.
    assert not Path(document["var_dir"]).exists()
