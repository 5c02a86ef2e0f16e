#!/usr/bin/env bash
# Creates .venv and installs the project into it (idempotent: skipped when pyproject.toml is unchanged).
# Usage: scripts/install.sh [EXTRAS]   e.g. scripts/install.sh test
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
bash scripts/system-packages.sh
python="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$python" -m venv .venv
stamp=".venv/.installed-$(sha256sum pyproject.toml | cut -c1-12)-${extras:-base}"
if [ ! -f "$stamp" ]; then
  spec="."
  [ -n "$extras" ] && spec=".[$extras]"
  # torch is pinned to the CPU build in pyproject.toml; pip takes it from the local wheel cache.
  # (this machine's pip configuration names index folders that do not exist; pip warns about each)
  .venv/bin/pip install --disable-pip-version-check -q -e "$spec" 2>&1 \
    | { grep -v "is ignored: it is neither a file nor a directory" || true; }
  touch "$stamp"
fi
