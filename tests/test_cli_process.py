"""The `gongkai` console command as operators and scripts use it: real processes, exit codes, stdout.

One throwaway SQLite database is migrated and seeded for the module.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.scripts
GONGKAI = str(Path(sys.executable).parent / "gongkai")


@pytest.fixture(scope="module")
def cli_env(tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    env = {
        **os.environ,
        "GONGKAI_VAR_DIR": str(var),
        "GONGKAI_DATABASE_URL": f"sqlite:///{var / 'cli.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "gongkai.settings",
    }
    env.pop("GONGKAI_TEST_DATABASE_URL", None)
    for args in (["migrate", "-v0"], ["seed", "zhongshan"]):
        subprocess.run([GONGKAI, *args], env=env, check=True, capture_output=True)
    return env


def gk(env, *args):
    return subprocess.run([GONGKAI, *args], env=env, capture_output=True, text=True)


def test_add_prints_the_iso_date(cli_env):
    result = gk(cli_env, "workdays", "add", "2024-09-27", "20")
    assert (result.returncode, result.stdout) == (0, "2024-10-30\n")


def test_between_prints_the_count(cli_env):
    result = gk(cli_env, "workdays", "between", "2024-09-27", "2024-10-30")
    assert (result.returncode, result.stdout) == (0, "20\n")


def test_a_year_without_official_calendar_exits_3_with_one_line(cli_env):
    result = gk(cli_env, "workdays", "add", "2026-12-15", "20")
    assert result.returncode == 3
    assert result.stdout == ""
    assert result.stderr.strip().count("\n") == 0
    assert "2027" in result.stderr


def test_provisional_marks_the_answer(cli_env):
    result = gk(cli_env, "workdays", "add", "2026-12-15", "20", "--provisional")
    assert result.returncode == 0
    assert result.stdout == "2027-01-12\tprovisional\n"
    assert "2027" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["add", "2024-13-01", "20"],
        ["add", "27/09/2024", "20"],
        ["add", "2024-09-27", "-1"],
        ["add", "2024-09-27", "twenty"],
        ["between", "2024-09-27", "tomorrow"],
    ],
)
def test_malformed_input_exits_2(cli_env, args):
    result = gk(cli_env, "workdays", *args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr


def test_seed_twice_changes_nothing(cli_env):
    result = gk(cli_env, "seed", "zhongshan")
    assert result.returncode == 0
    assert "无变化" in result.stdout


def test_production_settings_pass_the_deploy_check(cli_env):
    env = {
        **cli_env,
        "GONGKAI_ENV": "production",
        "GONGKAI_SECRET_KEY": secrets.token_urlsafe(60),
        "GONGKAI_ALLOWED_HOSTS": "gongkai.zs.example.cn",
    }
    result = gk(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr


def test_production_without_secret_key_refuses_to_start(cli_env):
    env = {**cli_env, "GONGKAI_ENV": "production", "GONGKAI_ALLOWED_HOSTS": "gongkai.zs.example.cn"}
    env.pop("GONGKAI_SECRET_KEY", None)
    result = gk(env, "check")
    assert result.returncode != 0
    assert "GONGKAI_SECRET_KEY" in result.stderr


def test_local_sqlite_runs_in_wal_mode(cli_env):
    code = (
        "from django.db import connection; c = connection.cursor(); "
        "c.execute('PRAGMA journal_mode'); print(c.fetchone()[0])"
    )
    result = gk(cli_env, "shell", "--no-imports", "-c", code)
    assert result.stdout.strip() == "wal", result.stderr


def test_local_secret_key_is_generated_once(cli_env):
    key_file = Path(cli_env["GONGKAI_VAR_DIR"]) / "secret_key"
    env = {key: value for key, value in cli_env.items() if key != "GONGKAI_SECRET_KEY"}
    gk(env, "check")
    first = key_file.read_text()
    gk(env, "check")
    assert key_file.read_text() == first and len(first) >= 50
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
