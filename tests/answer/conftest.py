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
