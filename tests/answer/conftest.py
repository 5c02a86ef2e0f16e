"""Fixtures of the answer tests: the tuning archive (tests/data/archive) indexed once per session.

The archive's notes, letter and minutes are shaped unlike the five samples, so answers over it show
whether a rule is general."""
from __future__ import annotations

import pytest

from tests.conftest import ROOT

ARCHIVE = ROOT / "tests" / "data" / "archive"


@pytest.fixture(scope="session")
def archive_settings(archive_index):
    """The archive materialised and indexed (files backend, default encoder): the session's shared index."""
    return archive_index


@pytest.fixture(scope="session")
def archive_answerer(archive_settings):
    from budgetarkiv.answer.compose import Answerer
    from budgetarkiv.search.hybrid import Searcher

    return Answerer(Searcher(archive_settings))


@pytest.fixture(scope="session")
def continuation_answerer(tmp_path_factory, embedder):
    """archive2's programme BI31 in its Budget 2023 note and its Budget 2027 continuation (same note id), indexed
    on their own: a programme followed across two notes."""
    import shutil

    from budgetarkiv.answer.compose import Answerer
    from budgetarkiv.core.settings import Settings
    from budgetarkiv.index.build import build_index
    from budgetarkiv.search.hybrid import Searcher

    base = tmp_path_factory.mktemp("continuation")
    (base / "docs").mkdir()
    for name in ("b01.txt", "b02.md"):
        shutil.copy(ROOT / "tests" / "data" / "archive2" / "docs" / name, base / "docs" / name)
    settings = Settings.from_env({}, index_dir=base / "idx")
    build_index([base / "docs"], settings, embedder, show_progress=False)
    return Answerer(Searcher(settings))


@pytest.fixture(scope="session")
def archive4_answerer(tmp_path_factory, embedder):
    """Six text documents of archive4 indexed on their own: a proposal with alternatives named "Model A/B/C"
    (d01), a programme's original note and its continuation (d02, d03), an efficiency proposal whose first
    year differs from its lasting level (d08), a council member's letter about d01's subject (d09) and a budget
    agreement stating its amounts in prose (d11)."""
    import shutil

    from budgetarkiv.answer.compose import Answerer
    from budgetarkiv.core.settings import Settings
    from budgetarkiv.index.build import build_index
    from budgetarkiv.search.hybrid import Searcher

    base = tmp_path_factory.mktemp("archive4")
    (base / "docs").mkdir()
    for name in ("d01.txt", "d02.txt", "d03.md", "d08.txt", "d09.txt", "d11.txt"):
        shutil.copy(ROOT / "tests" / "data" / "archive4" / "docs" / name, base / "docs" / name)
    settings = Settings.from_env({}, index_dir=base / "idx")
    build_index([base / "docs"], settings, embedder, show_progress=False)
    return Answerer(Searcher(settings))


@pytest.fixture(scope="session")
def money_answerer(tmp_path_factory, embedder):
    """Documents of archives 2 and 3 indexed on their own: a note with a money table (b04), a note stating its
    one amount in a sentence (b12), a budget agreement with a table of initiatives (b13), a note whose title
    enumerates two parts, each a row of its table (c04), and a note's draft (b07, a PDF built from its source)
    and final version (b16)."""
    import importlib.util
    import shutil
    import sys

    from budgetarkiv.answer.compose import Answerer
    from budgetarkiv.core.settings import Settings
    from budgetarkiv.index.build import build_index
    from budgetarkiv.search.hybrid import Searcher

    base = tmp_path_factory.mktemp("money")
    (base / "docs").mkdir()
    for archive, name in (("archive2", "b04.html"), ("archive2", "b12.txt"), ("archive2", "b13.txt"),
                          ("archive2", "b16.txt"), ("archive3", "c04.html")):
        shutil.copy(ROOT / "tests" / "data" / archive / "docs" / name, base / "docs" / name)
    spec = importlib.util.spec_from_file_location("archive_materialize", ROOT / "tests" / "data" / "archive" / "materialize.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)
    spec.loader.exec_module(module)
    source = (ROOT / "tests" / "data" / "archive2" / "sources" / "b07.pdf.src").read_text(encoding="utf-8")
    (base / "docs" / "b07.pdf").write_bytes(module.build_pdf(module.parse_source(source)))
    settings = Settings.from_env({}, index_dir=base / "idx")
    build_index([base / "docs"], settings, embedder, show_progress=False)
    return Answerer(Searcher(settings))
