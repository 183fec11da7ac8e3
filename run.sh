#!/usr/bin/env bash
# Run Gongkai with Zhongshan's reference data and the demo accounts on the
# embedded SQLite database (var/): web server on http://127.0.0.1:8000 and the
# background task worker. Safe to run again: it only does what is missing.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/venv.sh
ensure_venv base

export GONGKAI_DEBUG="${GONGKAI_DEBUG:-false}"
# Without a mail server, the demo's mail (acknowledgments, notices, reminders) is
# written to var/mail/; set GONGKAI_EMAIL_BACKEND=smtp and GONGKAI_EMAIL_HOST to send.
export GONGKAI_EMAIL_BACKEND="${GONGKAI_EMAIL_BACKEND:-file}"
PORT="${GONGKAI_PORT:-8000}"
GK=.venv/bin/gongkai

echo "==> 数据库迁移"
$GK migrate --no-input -v0
echo "==> 载入中山市参考数据和演示数据"
$GK seed demo
# An upgrade may bring a new search index layout, empty until rebuilt.
$GK search ensure
$GK collectstatic --no-input -v0
echo "==> 发送今日依申请公开答复期限提醒(生产环境请每日定时运行 gongkai foi remind)"
$GK foi remind
echo "==> 发送年度报告发布期限提醒(生产环境请每日定时运行 gongkai report remind)"
$GK report remind

echo "==> 启动后台任务进程"
$GK db_worker --no-startup-delay &
WORKER=$!
trap 'kill "$WORKER" 2>/dev/null || true' EXIT INT TERM

echo "==> 启动网站 http://127.0.0.1:$PORT/ (Ctrl+C 停止)"
.venv/bin/granian gongkai.wsgi:application \
  --interface wsgi \
  --host 127.0.0.1 --port "$PORT" \
  --workers "${GONGKAI_WEB_WORKERS:-2}" \
  --blocking-threads 1 \
  --access-log \
  --workers-kill-timeout 5
