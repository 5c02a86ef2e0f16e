#!/usr/bin/env bash
# One command: install into .venv, index the bundled corpus (incremental), then serve it
# (or run any other subcommand: `bash run.sh ask "Hvad koster Perspektiv?"`).
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/install.sh
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
if [ $# -eq 0 ]; then set -- serve; fi
if [ "$1" != "index" ] && [ "$1" != "parse" ]; then .venv/bin/budgetarkiv index corpus; fi
exec .venv/bin/budgetarkiv "$@"
