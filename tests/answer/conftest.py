"""Fixtures of the answer tests: the tuning archive (tests/data/archive) indexed once per session.

The archive's notes, letter and minutes are shaped unlike the five samples, so answers over it show
whether a rule is general."""
from __future__ import annotations

import importlib.util
import sys

import pytest

from tests.conftest import ROOT

ARCHIVE = ROOT / "tests" / "data" / "archive"


@pytest.fixture(scope="session")
def archive_settings(tmp_path_factory, embedder):
    """The archive materialised (Word and PDF files built) and indexed (files backend, default encoder)."""
    from budgetarkiv.core.settings import Settings
    from budgetarkiv.index.build import build_index

    spec = importlib.util.spec_from_file_location("archive_materialize", ARCHIVE / "materialize.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    base = tmp_path_factory.mktemp("archive")
    module.materialize(base / "docs")
    settings = Settings.from_env({}, index_dir=base / "idx")
    report = build_index([base / "docs"], settings, embedder, show_progress=False)
    assert report.documents == 18 and not report.errors
    return settings


@pytest.fixture(scope="session")
def archive_answerer(archive_settings):
    from budgetarkiv.answer.compose import Answerer
    from budgetarkiv.search.hybrid import Searcher

    return Answerer(Searcher(archive_settings))
