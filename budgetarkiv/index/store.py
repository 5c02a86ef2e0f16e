"""The index on disk: one generation directory per build, swapped in atomically.

    <index_dir>/current -> gen-000007/      (a symlink, replaced with os.replace: readers see old or new)
    <index_dir>/gen-000007/index.sqlite     documents, notes (JSON), chunks (+ vectors), tables, rows
    <index_dir>/gen-000007/vectors.faiss    FAISS index, row i = chunks.row i
    <index_dir>/gen-000007/bm25/            bm25s files, row i = chunks.row i

A build writes a new generation beside the current one and swaps the link only when it is complete, so
a crash or kill mid-build leaves the previous index in use (index/generations.py: publishing, reader
leases, pruning). All SQL of the project lives here.
"""
from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from budgetarkiv.core.models import Chunk, Note, to_jsonable
from budgetarkiv.index.generations import Lease, lease_current
from budgetarkiv.index.queries import ROW_ORDER, ROW_SELECT, RowQuery, RowRecord, compile_filters, row_record

DB_NAME = "index.sqlite"
FAISS_NAME = "vectors.faiss"
BM25_DIR = "bm25"

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
    doc_id TEXT PRIMARY KEY, source TEXT NOT NULL, fmt TEXT, size INTEGER, mtime REAL,
    doc_type TEXT, note_id TEXT, budget_year INTEGER, title TEXT, administration TEXT,
    note_json TEXT NOT NULL
);
CREATE TABLE errors (source TEXT PRIMARY KEY, reason TEXT NOT NULL);
CREATE TABLE chunks (
    row INTEGER PRIMARY KEY, chunk_id TEXT UNIQUE NOT NULL, doc_id TEXT NOT NULL, source TEXT,
    doc_type TEXT, kind TEXT, note_id TEXT, budget_year INTEGER, title TEXT, section TEXT,
    scenario TEXT, page INTEGER, start INTEGER, "end" INTEGER, table_index INTEGER,
    text TEXT NOT NULL, index_text TEXT NOT NULL, text_hash TEXT NOT NULL, vector BLOB
);
CREATE INDEX chunks_doc ON chunks(doc_id);
CREATE INDEX chunks_hash ON chunks(text_hash);
CREATE TABLE budget_tables (
    table_id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL, position INTEGER NOT NULL, number TEXT,
    title TEXT, kind TEXT, scenario TEXT, unit TEXT, price_level TEXT, page INTEGER, section TEXT,
    checks_ok INTEGER, years_json TEXT
);
CREATE TABLE table_rows (
    row_id INTEGER PRIMARY KEY, table_id INTEGER NOT NULL, doc_id TEXT NOT NULL, position INTEGER,
    label TEXT, styringsomraade TEXT, udvalg TEXT, bevilling TEXT, indtaegt_udgift TEXT,
    is_sum INTEGER, total REAL, amounts_json TEXT, cell_notes_json TEXT
);
CREATE INDEX rows_table ON table_rows(table_id);
CREATE TABLE amounts (row_id INTEGER NOT NULL, year TEXT NOT NULL, amount REAL NOT NULL);
CREATE INDEX amounts_row ON amounts(row_id);
"""


@dataclass(frozen=True)
class DocumentEntry:
    doc_id: str
    source: str
    size: int
    mtime: float


def text_hash(model: str, passage_prompt: str, index_text: str) -> str:
    import hashlib

    return hashlib.sha256(f"{model}\x00{passage_prompt}\x00{index_text}".encode()).hexdigest()[:24]


class Store:
    """SQLite of one generation. Opened read-only by searchers, read-write by a build."""

    def __init__(self, path: Path, readonly: bool = True) -> None:
        self.path = path
        self._readonly = readonly
        self._local = threading.local()  # one connection per thread: the API reads from a thread pool
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self.lease: Lease | None = None  # held while open: the generation's files are not pruned

    @property
    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            if self._readonly:
                db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            else:
                db = sqlite3.connect(self.path, check_same_thread=False)
            db.row_factory = sqlite3.Row
            self._local.db = db
            with self._lock:
                self._connections.append(db)
        return db

    @classmethod
    def create(cls, path: Path) -> Store:
        store = cls(path, readonly=False)
        store._db.executescript(SCHEMA)
        return store

    def close(self) -> None:
        with self._lock:
            for db in self._connections:
                db.close()
            self._connections.clear()
        self._local = threading.local()
        if self.lease is not None:
            self.lease.release()

    # --- writing (a build) -------------------------------------------------------------------
    def set_meta(self, **values: object) -> None:
        self._db.executemany(
            "INSERT OR REPLACE INTO meta VALUES (?, ?)", [(k, json.dumps(v)) for k, v in values.items()]
        )

    def add_error(self, source: str, reason: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO errors VALUES (?, ?)", (source, reason))

    def add_note(self, note: Note, fmt: str, size: int, mtime: float) -> None:
        data = to_jsonable(note)
        self._db.execute(
            "INSERT OR REPLACE INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (note.doc_id, note.source, fmt, size, mtime, note.doc_type, note.note_id, note.budget_year,
             note.title, note.administration, json.dumps(data, ensure_ascii=False)),
        )
        for position, table in enumerate(note.tables):
            cur = self._db.execute(
                "INSERT INTO budget_tables (doc_id, position, number, title, kind, scenario, unit, price_level,"
                " page, section, checks_ok, years_json) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (note.doc_id, position, table.number, table.title, table.kind, table.scenario, table.unit,
                 table.price_level, table.page, table.section, int(table.checks_ok), json.dumps(list(table.years))),
            )
            table_id = cur.lastrowid
            for r_pos, row in enumerate(table.rows):
                cur = self._db.execute(
                    "INSERT INTO table_rows (table_id, doc_id, position, label, styringsomraade, udvalg, bevilling,"
                    " indtaegt_udgift, is_sum, total, amounts_json, cell_notes_json) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    (table_id, note.doc_id, r_pos, row.label, row.styringsomraade, row.udvalg, row.bevilling,
                     row.indtaegt_udgift, int(row.is_sum), row.total, json.dumps(dict(row.amounts)),
                     json.dumps(dict(row.cell_notes))),
                )
                self._db.executemany(
                    "INSERT INTO amounts VALUES (?,?,?)", [(cur.lastrowid, y, v) for y, v in row.amounts.items()]
                )

    def add_chunks(self, chunks: Sequence[Chunk], hashes: Sequence[str], vectors: np.ndarray, first_row: int) -> None:
        self._db.executemany(  # a generator: no second copy of every vector in memory
            "INSERT INTO chunks VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                (first_row + i, c.chunk_id, c.doc_id, c.source, c.doc_type, c.kind, c.note_id, c.budget_year,
                 c.title, c.section, c.scenario, c.page, c.start, c.end, c.table_index, c.text, c.index_text,
                 h, np.asarray(v, dtype=np.float32).tobytes())
                for i, (c, h, v) in enumerate(zip(chunks, hashes, vectors))
            ),
        )

    def commit(self) -> None:
        self._db.commit()

    # --- reading ------------------------------------------------------------------------------
    def meta(self) -> dict[str, object]:
        return {r["key"]: json.loads(r["value"]) for r in self._db.execute("SELECT key, value FROM meta")}

    def document_entries(self) -> list[DocumentEntry]:
        return [
            DocumentEntry(r["doc_id"], r["source"], r["size"], r["mtime"])
            for r in self._db.execute("SELECT doc_id, source, size, mtime FROM documents ORDER BY source")
        ]

    def stored_notes(self, doc_ids: set[str]) -> dict[str, tuple[dict, str]]:
        """doc_id → (the note as stored, its file format) for the given documents."""
        out: dict[str, tuple[dict, str]] = {}
        for r in self._db.execute("SELECT doc_id, fmt, note_json FROM documents"):
            if r["doc_id"] in doc_ids:
                out[r["doc_id"]] = (json.loads(r["note_json"]), r["fmt"])
        return out

    def errors(self) -> list[tuple[str, str]]:
        return [(r["source"], r["reason"]) for r in self._db.execute("SELECT source, reason FROM errors ORDER BY source")]

    def vectors_by_hash(self, hashes: Iterable[str], dimension: int) -> dict[str, np.ndarray]:
        """Stored vectors of passages already embedded: an unchanged passage is never re-embedded."""
        wanted = list(set(hashes))
        found: dict[str, np.ndarray] = {}
        for i in range(0, len(wanted), 500):
            batch = wanted[i:i + 500]
            marks = ",".join("?" * len(batch))
            for r in self._db.execute(f"SELECT text_hash, vector FROM chunks WHERE text_hash IN ({marks})", batch):
                vec = np.frombuffer(r["vector"], dtype=np.float32)
                if vec.size == dimension:
                    found[r["text_hash"]] = vec
        return found

    def chunk_rows(self) -> Iterator[sqlite3.Row]:
        yield from self._db.execute(
            "SELECT row, chunk_id, doc_id, source, doc_type, kind, note_id, budget_year, title, section, scenario,"
            " page, start, \"end\", table_index, text FROM chunks ORDER BY row"
        )

    def vectors(self, dimension: int) -> np.ndarray:
        """All passage vectors in row order (row i of the dense index is row i here)."""
        blobs = [r[0] for r in self._db.execute("SELECT vector FROM chunks ORDER BY row")]
        return np.frombuffer(b"".join(blobs), dtype=np.float32).reshape(-1, dimension)

    def documents(self) -> list[sqlite3.Row]:
        return list(self._db.execute(
            "SELECT doc_id, source, fmt, size, mtime, doc_type, note_id, budget_year, title, administration,"
            " json_extract(note_json, '$.budget_year_from') AS year_from FROM documents ORDER BY budget_year DESC, note_id, source"
        ))

    def note_json(self, doc_id: str) -> dict | None:
        r = self._db.execute("SELECT note_json FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return json.loads(r["note_json"]) if r else None

    def find_rows(self, query: RowQuery) -> list[RowRecord]:
        """Table rows matching a structured query: parameterised SQL compiled from its filters."""
        where, params = compile_filters(query.conditions(), "?")
        return [row_record(r) for r in self._db.execute(ROW_SELECT + " WHERE " + where + ROW_ORDER, params)]


def open_current(index_dir: Path) -> tuple[Path, Store] | None:
    """The current generation and its store, leased until the store is closed."""
    lease = lease_current(index_dir)
    if lease is None:
        return None
    if not (lease.path / DB_NAME).exists():
        lease.release()
        return None
    store = Store(lease.path / DB_NAME)
    store.lease = lease
    return lease.path, store


def read_only(path: Path) -> Store:
    return Store(path, readonly=True)
