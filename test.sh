#!/usr/bin/env bash
# One command: install the project with its test extras into .venv and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/install.sh test
# The page's end-to-end tests drive Debian's chromium (Playwright cannot download its own browser here).
if ! command -v chromium >/dev/null && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "budgetarkiv: installerer chromium til browsertestene (ca. 80 s) ..." >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1 \
    || echo "note: could not install chromium; the browser tests will skip (or fail when CI is set)" >&2
fi
echo "lint: ruff check" >&2
.venv/bin/ruff check .
set +e
.venv/bin/python -m pytest "$@"
code=$?
set -e
# pytest exits 5 when it collected no test: that is a failure of the suite, not a pass.
if [ "$code" -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi
exit "$code"
