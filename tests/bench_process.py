"""Running `python -m bench` (or a script) as CI does: a real process, its exit code, its JSON."""

import json
import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def clean_env() -> dict[str, str]:
    """This environment without the settings the test run set: each process sets its own."""
    env = dict(os.environ)
    for name in ("DJANGO_SETTINGS_MODULE", "GONGKAI_VAR_DIR", "GONGKAI_DATABASE_URL"):
        env.pop(name, None)
    return env


def run_json(args: list[str], out: Path, *, env: dict | None = None, timeout: int = 300) -> dict:
    """Run `python ARGS`, require exit 0, and return the JSON it wrote to `out`."""
    result = subprocess.run(
        [sys.executable, *args],
        cwd=REPO_ROOT,
        env=clean_env() if env is None else env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(out.read_text(encoding="utf-8"))


def run_bench(suite: str, tmp_path: Path, *options: str) -> dict:
    """`python -m bench --suite SUITE OPTIONS --out …`; the whole results document."""
    out = tmp_path / "results.json"
    return run_json(["-m", "bench", "--suite", suite, *options, "--out", str(out)], out)
