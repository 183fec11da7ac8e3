# Shared by run.sh and test.sh: create .venv with Python 3.11 and install the
# locked dependencies (hash-checked) once per change of the lock file.
# Usage: ensure_venv base|dev

find_python() {
  for candidate in "${GONGKAI_PYTHON:-}" python3.11 python3; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)' 2>/dev/null; then
      command -v "$candidate"
      return 0
    fi
  done
  return 1
}

ensure_venv() {
  local lock="requirements/$1.txt"
  local stamp=".venv/.installed-$1"
  if [ ! -x .venv/bin/python ]; then
    local python
    if ! python=$(find_python); then
      echo "错误: 需要 Python 3.11(可用 GONGKAI_PYTHON=/path/to/python3.11 指定)。" >&2
      exit 1
    fi
    echo "==> 创建虚拟环境 .venv ($python)"
    "$python" -m venv .venv
  fi
  local want
  want=$(sha256sum "$lock" pyproject.toml | sha256sum | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "==> 安装锁定的依赖 ($lock)"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r "$lock"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
    echo "$want" > "$stamp"
  fi
}
