#!/usr/bin/env bash
# Creates .venv and installs the project into it (idempotent: skipped when pyproject.toml is unchanged).
# Usage: scripts/install.sh [EXTRAS]   e.g. scripts/install.sh test
# Prints what it is doing and, during the long pip step, a line every 15 s so nobody wonders if it hangs.
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
say() { echo "budgetarkiv: $*" >&2; }
bash scripts/system-packages.sh
python="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  say "opretter Python-miljøet .venv ..."
  "$python" -m venv .venv
fi
stamp=".venv/.installed-$(sha256sum pyproject.toml | cut -c1-12)-${extras:-base}"
if [ ! -f "$stamp" ]; then
  spec="."
  [ -n "$extras" ] && spec=".[$extras]"
  say "installerer Python-pakker${extras:+ (med $extras)}: torch (CPU), sprogmodeller, FAISS, FastAPI ..."
  say "første gang tager det 2-4 minutter; senere springes trinnet over."
  started=$(date +%s)
  ( while sleep 15; do say "  installerer stadig ... $(( $(date +%s) - started )) s"; done ) &
  ticker=$!
  trap 'kill "$ticker" 2>/dev/null || true' EXIT
  # torch is pinned to the CPU build in pyproject.toml; pip takes it from the local wheel cache.
  # (this machine's pip configuration names index folders that do not exist; pip warns about each)
  .venv/bin/pip install --disable-pip-version-check -q -e "$spec" 2>&1 \
    | { grep -v "is ignored: it is neither a file nor a directory" || true; }
  kill "$ticker" 2>/dev/null || true
  touch "$stamp"
  say "pakkerne er installeret ($(( $(date +%s) - started )) s)."
fi
