"""Dense retrieval: exact and HNSW agree on the corpus; filters apply inside the search, before the cut."""
from __future__ import annotations

import json

import numpy as np
import pytest

import budgetarkiv.index.dense as dense_module
from budgetarkiv.index.dense import DenseIndex
from budgetarkiv.index.generations import current_generation
from budgetarkiv.index.store import DB_NAME, read_only

QUESTIONS = [
    "Hvad koster videreførelsen af Perspektiv om året?",
    "kvinder under pres fra familien",
    "hjemmegående koner uden indkomst",
    "Hvor mange social kontrol-vejledere er der på Jobcenter København?",
    "What does the negative social control programme cost per year?",
    "fritidsjob til unge fra familier på kontanthjælp",
    "indsatsbudget for aktivitetsparate kontanthjælpsmodtagere",
]


@pytest.fixture(scope="module")
def vectors(index_settings) -> np.ndarray:
    """The real embeddings of the corpus passages, as stored by the session index."""
    store = read_only(current_generation(index_settings.index_dir) / DB_NAME)
    try:
        return store.vectors(int(store.meta()["dimension"]))
    finally:
        store.close()


@pytest.fixture(scope="module")
def queries(embedder) -> np.ndarray:
    return np.stack([embedder.encode_query(q) for q in QUESTIONS])


@pytest.fixture(scope="module")
def exact(vectors) -> DenseIndex:
    return DenseIndex.build(vectors, exact_max=len(vectors), dimension=vectors.shape[1])


@pytest.fixture(scope="module")
def hnsw(vectors) -> DenseIndex:
    return DenseIndex.build(vectors, exact_max=len(vectors) - 1, dimension=vectors.shape[1])


def best(vectors: np.ndarray, q: np.ndarray, allowed: np.ndarray | None = None) -> int:
    scores = vectors @ q
    if allowed is not None:
        scores = np.where(allowed, scores, -np.inf)
    return int(np.argmax(scores))


def test_vectors_are_unit_length(vectors):
    assert len(vectors) > 50
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


def test_the_kind_follows_the_size_threshold(exact, hnsw, vectors):
    assert exact.kind == "exact" and hnsw.kind == "hnsw"
    assert exact.size == hnsw.size == len(vectors)


def test_exact_and_hnsw_agree_on_the_top_hit(exact, hnsw, vectors, queries):
    for question, q in zip(QUESTIONS, queries):
        (e_row, e_score), *_ = exact.search(q, 10)
        (h_row, h_score), *_ = hnsw.search(q, 10)
        top = best(vectors, q)  # identical passages of two versions have identical vectors: ties
        assert e_score == pytest.approx(h_score, abs=1e-5) == pytest.approx(float(vectors[top] @ q), abs=1e-5)
        assert e_row == h_row or np.allclose(vectors[e_row], vectors[h_row], atol=1e-6), question
        assert e_score == pytest.approx(float(vectors[e_row] @ q), abs=1e-5)


def test_a_passage_finds_itself(exact, hnsw, vectors):
    for row in range(0, len(vectors), 7):
        for index in (exact, hnsw):
            (_, score), *_ = index.search(vectors[row], 3)
            assert score == pytest.approx(1.0, abs=1e-4)  # itself, or an identical passage of another version


def test_results_are_ordered_and_k_long(exact, hnsw, queries):
    for index in (exact, hnsw):
        hits = index.search(queries[0], 10)
        assert len(hits) == 10 and len({r for r, _ in hits}) == 10
        scores = [s for _, s in hits]
        assert scores == sorted(scores, reverse=True)
    assert exact.search(queries[0], 0) == []


@pytest.mark.parametrize("selector_path", [False, True], ids=["exact-subset", "id-selector"])
@pytest.mark.parametrize("kind", ["exact", "hnsw"])
def test_a_filter_returns_only_allowed_rows_and_the_best_of_them(
    kind, selector_path, exact, hnsw, vectors, queries, monkeypatch
):
    if selector_path:  # force the FAISS ID-selector path that large archives take
        monkeypatch.setattr(dense_module, "SMALL_SUBSET", 0)
    index = exact if kind == "exact" else hnsw
    rng = np.random.default_rng(7)
    for q in queries:
        unfiltered_best = best(vectors, q)
        for size in (len(vectors) // 2, 5, 1):
            allowed = np.zeros(len(vectors), dtype=bool)
            choices = np.setdiff1d(np.arange(len(vectors)), [unfiltered_best])  # the overall best is excluded
            allowed[rng.choice(choices, size=size, replace=False)] = True
            hits = index.search(q, 10, allowed)
            assert hits, (kind, size)
            assert all(allowed[r] for r, _ in hits)
            assert len(hits) == min(10, size)  # the cut comes after the filter
            top = best(vectors, q, allowed)  # or a twin with the same vector
            assert hits[0][0] == top or np.allclose(vectors[hits[0][0]], vectors[top], atol=1e-6)


def test_an_empty_filter_finds_nothing(exact, queries, vectors):
    assert exact.search(queries[0], 5, np.zeros(len(vectors), dtype=bool)) == []


def test_save_and_load(hnsw, exact, tmp_path, queries):
    for name, index in (("e.faiss", exact), ("h.faiss", hnsw)):
        index.save(tmp_path / name)
        loaded = DenseIndex.load(tmp_path / name)
        assert loaded.kind == index.kind
        assert loaded.search(queries[1], 5) == index.search(queries[1], 5)


def test_the_session_index_is_exact(index_settings):
    store = read_only(current_generation(index_settings.index_dir) / DB_NAME)
    try:
        assert json.loads(json.dumps(store.meta()["dense_kind"])) == "exact"
    finally:
        store.close()
