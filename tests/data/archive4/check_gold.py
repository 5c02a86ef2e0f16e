"""Check the fourth unseen archive's gold (tests/data/archive4) against its documents with the first archive's
checker (tests/data/archive/check_gold.py: same rules, same gold format).

Usage: `python tests/data/archive4/check_gold.py` (exit status 1 and one line per problem).
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
_CHECKER = HERE.parent / "archive" / "check_gold.py"


def _checker():
    spec = importlib.util.spec_from_file_location("archive_check_gold", _CHECKER)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def check(folder: Path | None = None) -> list[str]:
    """Every disagreement between this archive's gold and its documents."""
    return _checker().check(folder, HERE)


if __name__ == "__main__":
    problems = check()
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s)" if problems else "gold agrees with the documents")
    sys.exit(1 if problems else 0)
