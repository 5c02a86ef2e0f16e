"""The two stored indexes behind one reading interface: what a searcher needs, whichever backend holds it.

- `FileIndex`: one generation of the files (SQLite + FAISS + BM25), loaded once; filters are row masks.
- `DatabaseIndex`: PostgreSQL; every query goes to the database (filters in SQL), and what is cached
  (analyzer parts, vocabulary) is reloaded when the database's revision moves.

Both give: `store` (documents, notes, rows), `lexical` (analyzer, bridge, vocabulary), `dense.kind`,
`lexical_search`/`dense_search` → (row, score) lists, `passages(rows)` → the rows' fields, `revision()`.
"""
from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from budgetarkiv.core.settings import Settings
from budgetarkiv.index.dense import DenseIndex
from budgetarkiv.index.english import EnglishBridge
from budgetarkiv.index.lexical import DanishAnalyzer, LexicalIndex, Respeller
from budgetarkiv.index.queries import Filters
from budgetarkiv.index.store import BM25_DIR, FAISS_NAME, open_current


class IndexMissing(RuntimeError):
    """No index has been built in the configured directory or database."""


class FileIndex:
    """Everything a query needs from the files backend, loaded once from the current generation."""

    def __init__(self, settings: Settings, bridge: EnglishBridge | None) -> None:
        opened = open_current(settings.index_dir)
        if opened is None:
            raise IndexMissing(
                f"No index in {settings.index_dir}: run `budgetarkiv index` (or `bash run.sh`) first."
            )
        self.generation, self.store = opened
        self.name = self.generation.name
        self.meta = self.store.meta()
        self.dense = DenseIndex.load(self.generation / FAISS_NAME)
        self.lexical = LexicalIndex.load(self.generation / BM25_DIR, bridge)
        rows = list(self.store.chunk_rows())
        self._rows = rows
        self._years = np.array([r["budget_year"] or 0 for r in rows], dtype=np.int32)
        self._note_ids = np.array([(r["note_id"] or "").upper() for r in rows], dtype=object)
        self._doc_types = np.array([r["doc_type"] or "" for r in rows], dtype=object)
        admin_of = {d["doc_id"]: (d["administration"] or "").lower() for d in self.store.documents()}
        self._administrations = np.array([admin_of.get(r["doc_id"], "") for r in rows], dtype=object)

    def revision(self) -> int:
        return 0  # a generation never changes; a new one is a new FileIndex

    def refresh(self) -> None:
        """Nothing to reload: a generation never changes."""

    def mask(self, filters: Filters | None) -> np.ndarray | None:
        if filters is None or filters.is_empty():
            return None
        m = np.ones(len(self._rows), dtype=bool)
        if filters.year is not None:
            m &= self._years == filters.year
        if filters.note_id:
            m &= self._note_ids == filters.note_id.upper()
        if filters.doc_type:
            m &= self._doc_types == filters.doc_type
        if filters.administration:
            wanted = filters.administration.lower()
            m &= np.fromiter((wanted in a for a in self._administrations), dtype=bool, count=len(self._rows))
        return m

    def lexical_search(self, query: str, k: int, filters: Filters | None) -> list[tuple[int, float]]:
        return self.lexical.search(query, k, self.mask(filters))

    def dense_search(self, vector: np.ndarray, k: int, filters: Filters | None) -> list[tuple[int, float]]:
        return self.dense.search(vector, k, self.mask(filters))

    def passages(self, rows: Sequence[int]) -> dict[int, object]:
        """The stored passages of these rows; rows that do not exist are left out (as the database does)."""
        return {r: self._rows[r] for r in rows if 0 <= r < len(self._rows)}

    def close(self) -> None:
        self.store.close()


@dataclass(frozen=True)
class DenseKind:
    kind: str


class DatabaseLexical:
    """The analysis side of the database's lexical search: analyzer, English bridge, vocabulary."""

    def __init__(self, store, bridge: EnglishBridge | None) -> None:
        self._store = store
        self.bridge = bridge
        self.analyzer = DanishAnalyzer(store.parts(), bridge)
        self.vocabulary = store.vocabulary()
        self.respell = Respeller(self.vocabulary)

    def search(self, query: str, k: int, filters: Filters | None = None) -> list[tuple[int, float]]:
        tokens = self.respell.query(self.analyzer.query_tokens(query), query)
        return self._store.bm25(tokens, k, filters.conditions() if filters else ())


class DatabaseIndex:
    """The PostgreSQL backend: searches in SQL, reads from DATABASE_READ_URL when set (a replica)."""

    dense = DenseKind("hnsw (pgvector)")
    generation = None

    def __init__(self, settings: Settings, bridge: EnglishBridge | None) -> None:
        from budgetarkiv.index.pgstore import PgStore

        self.store = PgStore(settings.database_read_url or settings.database_url)
        self.name = "postgresql"
        self._bridge = bridge
        self._lock = threading.Lock()
        if self.store.schema_version() == 0 or not self.store.meta().get("model"):
            raise IndexMissing(
                "The database holds no index yet: run `budgetarkiv index` with BUDGETARKIV_DATABASE_URL set."
            )
        self._revision = self.store.revision()
        self.lexical = DatabaseLexical(self.store, bridge)

    @property
    def meta(self) -> dict[str, object]:
        return self.store.meta()

    def revision(self) -> int:
        return self.store.revision()

    def refresh(self) -> None:
        """Reload the analyzer parts and vocabulary when another process changed the archive."""
        revision = self.store.revision()
        if revision != self._revision:
            with self._lock:
                self.lexical = DatabaseLexical(self.store, self._bridge)
                self._revision = revision

    def lexical_search(self, query: str, k: int, filters: Filters | None) -> list[tuple[int, float]]:
        return self.lexical.search(query, k, filters)

    def dense_search(self, vector: np.ndarray, k: int, filters: Filters | None) -> list[tuple[int, float]]:
        return self.store.nearest(vector, k, filters.conditions() if filters else ())

    def passages(self, rows: Sequence[int]) -> dict[int, object]:
        return self.store.passages(list(rows))

    def close(self) -> None:
        self.store.close()


def open_index(settings: Settings, bridge: EnglishBridge | None) -> FileIndex | DatabaseIndex:
    """The index the settings name: PostgreSQL when DATABASE_URL is set, else the files in INDEX_DIR."""
    if settings.database_url:
        return DatabaseIndex(settings, bridge)
    return FileIndex(settings, bridge)

