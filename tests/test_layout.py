"""The package layout is the data flow: no module of an earlier stage imports a later one."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "budgetarkiv"
STAGES = ("core", "ingest", "index", "search", "answer", "api")


def _stage_of(module: str) -> int | None:
    parts = module.split(".")
    if parts[0] != "budgetarkiv" or len(parts) < 2 or parts[1] not in STAGES:
        return None
    return STAGES.index(parts[1])


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every budgetarkiv module `path` imports, at any depth (function-level imports too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_imports_a_later_stage(path: Path) -> None:
    rel = path.relative_to(PACKAGE).parts
    if len(rel) < 2:
        return  # budgetarkiv/__init__.py
    own = STAGES.index(rel[0])
    later = [f"line {line}: {mod}" for line, mod in _imports(path) if (_stage_of(mod) or 0) > own]
    assert not later, f"{path.relative_to(PACKAGE)} imports a later stage: {later}"


def test_the_old_top_level_packages_are_gone() -> None:
    root = PACKAGE.parent
    assert not any((root / old).exists() for old in ("indexer", "search", "api"))


def test_every_stage_exists() -> None:
    assert all((PACKAGE / s / "__init__.py").is_file() for s in STAGES)
