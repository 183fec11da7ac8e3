"""`python -m bench --suite search --database postgres --search-backend postgres`: the
PostgreSQL engine through the same suite, on a database the run creates and drops.

Runs where the tests themselves run on PostgreSQL (CI's second run, which leaves out the
`scripts` marker, so this test has none), against the same server. Speed is never
asserted; only that every result set equalled LIKE's, that the PostgreSQL engine was
the one measured, and that nothing was left on the server.
"""

import psycopg
import pytest
from django.db import connection

from tests.bench_process import run_bench

SIZE = 300


@pytest.fixture
def server_url() -> str:
    if connection.vendor != "postgresql":
        pytest.skip("只在 PostgreSQL 测试库上运行 (设置 GONGKAI_TEST_DATABASE_URL)")
    settings = connection.settings_dict
    user = settings["USER"] or "postgres"
    return (
        f"postgres://{user}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/postgres"
    )


def bench_databases(url: str) -> set[str]:
    with psycopg.connect(url, autocommit=True) as server:
        rows = server.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE 'gongkai_bench_%'"
        ).fetchall()
    return {name for (name,) in rows}


def test_postgres_engine_matches_like_and_leaves_no_database(tmp_path, server_url):
    before = bench_databases(server_url)
    document = run_bench(
        "search", tmp_path, "--size", str(SIZE), "--repeat", "3", "--database", "postgres",
        "--postgres-url", server_url, "--search-backend", "postgres",
    )  # fmt: skip
    search = document["suites"]["search"]
    assert document["correct"] is True and search["correct"] is True
    assert search["correctness"]["problems"] == []
    assert search["settings"]["backend"] == "postgres"
    assert search["settings"]["database"].startswith("postgresql")
    assert "PostgreSQL" in document["environment"]["database"]
    assert search["inputs"]["indexed"] == SIZE
    assert bench_databases(server_url) == before
