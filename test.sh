#!/usr/bin/env bash
# Run the whole test suite on SQLite, then again on PostgreSQL when
# GONGKAI_TEST_DATABASE_URL is set (e.g. postgres://postgres@127.0.0.1:5432/gongkai).
# Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/venv.sh
ensure_venv dev

PG_URL="${GONGKAI_TEST_DATABASE_URL:-}"
unset GONGKAI_TEST_DATABASE_URL

echo "==> 测试: SQLite"
.venv/bin/pytest "$@"

if [ -z "$PG_URL" ]; then
  echo "==> PostgreSQL run skipped: GONGKAI_TEST_DATABASE_URL is not set (未设置,跳过 PostgreSQL 测试)."
  exit 0
fi

echo "==> 测试: PostgreSQL"
if ! .venv/bin/python - "$PG_URL" <<'PY'
import sys
import dj_database_url
import psycopg
cfg = dj_database_url.parse(sys.argv[1])
try:
    psycopg.connect(dbname="postgres", user=cfg["USER"] or None, host=cfg["HOST"] or None,
                    port=cfg["PORT"] or None, password=cfg["PASSWORD"] or None, connect_timeout=5).close()
except Exception as exc:
    print(f"错误: 无法连接 GONGKAI_TEST_DATABASE_URL 指定的 PostgreSQL: {exc}", file=sys.stderr)
    sys.exit(1)
PY
then
  exit 1
fi
# The scripts tests start their own processes on SQLite; once is enough.
GONGKAI_TEST_DATABASE_URL="$PG_URL" .venv/bin/pytest --create-db -m "not scripts" "$@"
