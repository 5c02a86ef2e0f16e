"""Materialize the fourth unseen test archive (tests/data/archive4): copy docs/* and build the Word and PDF files from
sources/*.src with the first archive's builder (tests/data/archive/materialize.py, same source format).

Usage: `python tests/data/archive4/materialize.py DEST` or `materialize(Path(DEST))` from a test.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
_BUILDER = HERE.parent / "archive" / "materialize.py"


def _builder():
    spec = importlib.util.spec_from_file_location("archive_materialize_builder", _BUILDER)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def materialize(dest: Path) -> list[Path]:
    """The 12 files of this archive written into `dest`; the written paths, sorted."""
    return _builder().materialize(Path(dest), HERE)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python materialize.py DEST")
    for path in materialize(Path(sys.argv[1])):
        print(path)
