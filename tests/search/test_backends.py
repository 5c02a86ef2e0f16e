"""The two stores rank alike: PostgreSQL (pgvector + tsvector BM25 in SQL) against the files (FAISS + bm25s).

Same corpus, same model, same analysis: the BM25 scores computed in SQL equal bm25s's, the dense
neighbours equal FAISS's exact ones, and the gold questions find their note first as often (within 0.02).
"""
from __future__ import annotations

import pytest

from budgetarkiv.search.evaluate import load_gold, score
from budgetarkiv.search.hybrid import Filters, Searcher
from tests.conftest import GOLD

QUERIES = [
    "Hvad koster videreførelsen af Perspektiv om året?",
    "kvinder under pres fra familien",
    "hjemmegående koner uden indkomst",
    "What does the negative social control programme cost per year?",
    "beskæftigelsesindsats 4.400",
]


@pytest.fixture(scope="module")
def both(files_index_settings, postgres_index_settings, embedder):
    searchers = {name: Searcher(s, embedder=embedder)
                 for name, s in (("files", files_index_settings), ("postgres", postgres_index_settings))}
    yield searchers
    for s in searchers.values():
        s.close()


def _by_chunk(searcher: Searcher, ranking: list[tuple[int, float]]) -> list[tuple[str, float]]:
    passages = searcher.index.passages([row for row, _ in ranking])
    return [(passages[row]["chunk_id"], score) for row, score in ranking]


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("filters", [None, Filters(year=2024), Filters(note_id="bi23", doc_type="budget_note")])
def test_bm25_in_sql_scores_as_bm25s(both, query, filters):
    files, pg = (_by_chunk(s, s.index.lexical_search(query, 20, filters)) for s in both.values())
    assert files or filters is not None, "unfiltered, every query matches something"
    assert [round(s, 3) for _, s in pg] == [round(s, 3) for _, s in files]
    # the same passages at each score (equal scores may come in either order, and the cut may split a tie)
    last = round(files[-1][1], 3) if files else 0
    assert {(c, round(s, 3)) for c, s in pg if round(s, 3) > last} == \
        {(c, round(s, 3)) for c, s in files if round(s, 3) > last}


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("filters", [None, Filters(year=2018), Filters(administration="integration")])
def test_dense_neighbours_are_the_same(both, embedder, query, filters):
    vector = embedder.encode_query(query)
    files, pg = (_by_chunk(s, s.index.dense_search(vector, 10, filters)) for s in both.values())
    assert files and len(pg) == len(files)
    assert all(abs(a - b) < 1e-4 for (_, a), (_, b) in zip(pg, files))
    assert {c for c, _ in pg[:-1]} <= {c for c, _ in files}  # (the last may be a tie cut differently)


def test_gold_first_hit_within_two_points_of_the_files(both):
    gold = [q for q in load_gold(GOLD) if q.kind != "none"]
    first = {name: score(s, gold, "hybrid").recall_at_1 for name, s in both.items()}
    assert first["files"] >= 0.9
    assert abs(first["postgres"] - first["files"]) <= 0.02, first
