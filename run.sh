#!/usr/bin/env bash
# One command: install into .venv, index the corpus folder (BUDGETARKIV_CORPUS_DIR, default corpus/;
# incremental, other sources of the index are kept), then serve it (or run any other subcommand:
# `bash run.sh ask "Hvad koster Perspektiv?"`).
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/install.sh
if [ $# -eq 0 ]; then set -- serve; fi
case "$1" in
  index|parse|sources) ;;
  *)
    # exit status 3: indexed, but some files could not be read (named above); serving is still right
    status=0; .venv/bin/budgetarkiv index || status=$?
    if [ "$status" -ne 0 ] && [ "$status" -ne 3 ]; then exit "$status"; fi
    ;;
esac
exec .venv/bin/budgetarkiv "$@"
