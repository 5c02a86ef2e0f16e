"""The archive in PostgreSQL: documents, notes, table rows and passages with vectors (pgvector) and lexemes.

The second store beside the files of `store.py`, with the same reading methods. All SQL of this backend
lives here. What differs from the files:

- Incremental and transactional: a file's rows (document, tables, rows, amounts, passages) are replaced
  in one transaction, so a reader sees the old or the new version of a file, never a mix; a killed indexer
  leaves the last committed files.
- Lexical search keeps the project's own Danish analysis (stems, compound parts, numbers, from
  `lexical.DanishAnalyzer`): each passage's tokens are stored as a `tsvector` (one position per token, so
  the positions count the term frequency), expanded into `postings` (token, passage, tf, length) and
  ranked with the same BM25 formula as bm25s (Lucene idf, k1 1.5, b 0.75) in SQL; document frequencies
  and lengths are kept in `lexicon` and `corpus_state` in the same transactions. PostgreSQL's own
  `ts_rank` is not BM25 and has no idf.
- Dense search is pgvector HNSW (inner product on unit vectors = cosine) with iterative index scans, so
  a filtered top-k stays complete; filters are WHERE clauses.
- `corpus_state.revision` grows with every committed change: searchers in other processes reload what
  they cache (versions, analyzer parts, vocabulary) when it moves, without a restart.
"""
from __future__ import annotations

import json
import threading
import warnings
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np

from budgetarkiv.core.models import Chunk, Note, to_jsonable
from budgetarkiv.index.queries import (
    ROW_SELECT,
    Filter,
    RowQuery,
    RowRecord,
    compile_filters,
    row_record,
)

BM25_K1 = 1.5
BM25_B = 0.75
HNSW_M = 16
HNSW_EF_CONSTRUCTION = 64
HNSW_EF_SEARCH = 256  # as the FAISS HNSW of the files backend
MAX_SCAN_TUPLES = 50_000  # iterative scans stop here (a very selective filter then falls short of k)
BUILD_LOCK = 7_246_317  # advisory lock id: one indexer at a time per database
ROW_ORDER = (' ORDER BY d.budget_year DESC NULLS LAST, d.note_id COLLATE "C" NULLS FIRST, d.source COLLATE "C",'
             " t.position, r.position")

# Each entry migrates the schema one version up; applied in order, in one transaction each.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE EXTENSION IF NOT EXISTS vector;
    CREATE TABLE meta (key text PRIMARY KEY, value jsonb NOT NULL);
    CREATE TABLE corpus_state (
        id integer PRIMARY KEY CHECK (id = 1), revision bigint NOT NULL, passages bigint NOT NULL,
        tokens bigint NOT NULL
    );
    INSERT INTO corpus_state VALUES (1, 0, 0, 0);
    CREATE TABLE documents (
        doc_id text PRIMARY KEY, source text NOT NULL UNIQUE, fmt text, size bigint, mtime double precision,
        doc_type text, note_id text, budget_year integer, title text, administration text, year_from text,
        note_json text NOT NULL, build text NOT NULL
    );
    CREATE INDEX documents_note ON documents (budget_year, upper(note_id));
    CREATE TABLE errors (source text PRIMARY KEY, reason text NOT NULL);
    CREATE TABLE chunks (
        row bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, chunk_id text NOT NULL,
        doc_id text NOT NULL REFERENCES documents ON DELETE CASCADE, source text, doc_type text, kind text,
        note_id text, budget_year integer, administration text, title text, section text, scenario text,
        page integer, start integer, "end" integer, table_index integer, text text NOT NULL,
        index_text text NOT NULL, text_hash text NOT NULL, vector vector, lexemes tsvector NOT NULL,
        token_count integer NOT NULL
    );
    CREATE INDEX chunks_doc ON chunks (doc_id);
    CREATE INDEX chunks_hash ON chunks (text_hash);
    CREATE INDEX chunks_year ON chunks (budget_year);
    CREATE INDEX chunks_lexemes ON chunks USING gin (lexemes);
    CREATE TABLE lexicon (token text PRIMARY KEY, df integer NOT NULL);
    CREATE TABLE analyzer_parts (part text PRIMARY KEY);
    CREATE TABLE budget_tables (
        table_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        doc_id text NOT NULL REFERENCES documents ON DELETE CASCADE, position integer NOT NULL, number text,
        title text, kind text, scenario text, unit text, price_level text, page integer, section text,
        checks_ok boolean, years_json text
    );
    CREATE INDEX tables_doc ON budget_tables (doc_id);
    CREATE TABLE table_rows (
        row_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        table_id bigint NOT NULL REFERENCES budget_tables ON DELETE CASCADE,
        doc_id text NOT NULL REFERENCES documents ON DELETE CASCADE, position integer, label text,
        styringsomraade text, udvalg text, bevilling text, indtaegt_udgift text, is_sum boolean,
        total double precision, amounts_json text, cell_notes_json text
    );
    CREATE INDEX rows_table ON table_rows (table_id);
    CREATE INDEX rows_doc ON table_rows (doc_id);
    CREATE TABLE amounts (
        row_id bigint NOT NULL REFERENCES table_rows ON DELETE CASCADE, year text NOT NULL,
        amount double precision NOT NULL
    );
    CREATE INDEX amounts_row ON amounts (row_id);
    """,
    # 2: BM25 from postings. Scoring by unnesting every matching passage's tsvector cost ~0.5 s per query at
    # 10k passages (most passages match a common word); a posting list per token is read by its index.
    """
    CREATE TABLE postings (
        token text NOT NULL, row bigint NOT NULL, tf integer NOT NULL, dl integer NOT NULL,
        PRIMARY KEY (token, row)
    );
    INSERT INTO postings SELECT u.lexeme, c.row, cardinality(u.positions), c.token_count
        FROM chunks c, unnest(c.lexemes) u;
    DROP INDEX chunks_lexemes;
    ANALYZE postings;
    """,
)

PASSAGE_COLUMNS = {
    "year": ("c.budget_year",), "note_id": ("c.note_id",), "doc_type": ("c.doc_type",),
    "administration": ("c.administration",),
}
PASSAGE_FIELDS = ('row, chunk_id, doc_id, source, doc_type, kind, note_id, budget_year, title, section, scenario,'
                  ' page, start, "end", table_index, text')


def _psycopg():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import psycopg
    return psycopg


def tsvector_literal(tokens: Sequence[str]) -> str:
    """The tokens as a tsvector, one position per token (so a lexeme's positions count its frequency)."""
    positions: dict[str, list[int]] = {}
    for i, token in enumerate(tokens, start=1):
        positions.setdefault(token, []).append(min(i, 16383))
    return " ".join(f"{_quote(t)}:{','.join(map(str, sorted(set(p))))}" for t, p in positions.items())


def _array(value) -> np.ndarray:
    """A stored vector as float32 (pgvector's loader gives a Vector object in recent versions)."""
    return np.asarray(value.to_numpy() if hasattr(value, "to_numpy") else value, dtype=np.float32)


def _quote(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


@dataclass(frozen=True)
class StoredDocument:
    doc_id: str
    source: str
    build: str  # the build settings its rows were made with (model, prompt, parser, chunk size)


@dataclass(frozen=True)
class PassageWrite:
    """One passage as it is written: the chunk, its text hash, vector and analysed tokens."""

    chunk: Chunk
    text_hash: str
    vector: np.ndarray
    tokens: Sequence[str]


class PgStore:
    """One PostgreSQL database; one connection per thread (the API reads from a thread pool)."""

    def __init__(self, url: str, application_name: str = "budgetarkiv") -> None:
        self.url = url
        self._application_name = application_name
        self._local = threading.local()
        self._connections: list = []
        self._lock = threading.Lock()

    @property
    def _db(self):
        db = getattr(self._local, "db", None)
        if db is None or db.closed or db.broken:  # a server restart breaks it: connect again
            from pgvector.psycopg import register_vector
            from psycopg.rows import dict_row

            db = _psycopg().connect(self.url, autocommit=True, row_factory=dict_row,
                                    application_name=self._application_name)
            db.execute(f"SET hnsw.ef_search = {HNSW_EF_SEARCH}")
            db.execute("SET hnsw.iterative_scan = relaxed_order")
            db.execute(f"SET hnsw.max_scan_tuples = {MAX_SCAN_TUPLES}")
            if self._has_vector(db):
                register_vector(db)
            self._local.db = db
            with self._lock:
                self._connections.append(db)
        return db

    @staticmethod
    def _has_vector(db) -> bool:
        return db.execute("SELECT 1 FROM pg_extension WHERE extname = 'vector'").fetchone() is not None

    def close(self) -> None:
        with self._lock:
            for db in self._connections:
                db.close()
            self._connections.clear()
        self._local = threading.local()

    # --- schema -------------------------------------------------------------------------------------
    def migrate(self) -> int:
        """Create or bring the schema up to date (under a lock, so concurrent starts agree); its version."""
        db = self._db
        with db.transaction():
            db.execute("SELECT pg_advisory_xact_lock(%s)", (BUILD_LOCK + 1,))
            db.execute("CREATE TABLE IF NOT EXISTS budgetarkiv_schema (version integer NOT NULL)")
            row = db.execute("SELECT version FROM budgetarkiv_schema").fetchone()
            version = row["version"] if row else 0
            for number, sql in enumerate(MIGRATIONS, start=1):
                if number > version:
                    db.execute(sql)
            if row is None:
                db.execute("INSERT INTO budgetarkiv_schema VALUES (%s)", (len(MIGRATIONS),))
            else:
                db.execute("UPDATE budgetarkiv_schema SET version = %s", (len(MIGRATIONS),))
        from pgvector.psycopg import register_vector

        register_vector(db)
        return len(MIGRATIONS)

    def schema_version(self) -> int:
        exists = self._db.execute("SELECT to_regclass('budgetarkiv_schema') AS t").fetchone()["t"]
        if exists is None:
            return 0
        row = self._db.execute("SELECT version FROM budgetarkiv_schema").fetchone()
        return row["version"] if row else 0

    def ensure_dimension(self, dimension: int) -> None:
        """Give the vector column its dimension (needed by HNSW); a different model's vectors are refused."""
        current = self.dimension()
        if current == dimension:
            return
        if current:
            raise ValueError(
                f"The database holds {current}-dimensional vectors, the model gives {dimension}: index into a new "
                "database (or drop this one's tables) to change the model."
            )
        with self._db.transaction():
            self._db.execute(f"ALTER TABLE chunks ALTER COLUMN vector TYPE vector({int(dimension)})")
            self._set_meta(dimension=dimension)

    def ensure_vector_index(self) -> None:
        """The HNSW index, built once over what is there (faster than growing it from empty)."""
        if not self.dimension():
            return
        self._db.execute("SET maintenance_work_mem = '512MB'")
        self._db.execute(
            f"CREATE INDEX IF NOT EXISTS chunks_vector ON chunks USING hnsw (vector vector_ip_ops)"
            f" WITH (m = {HNSW_M}, ef_construction = {HNSW_EF_CONSTRUCTION})"
        )

    def analyze(self) -> None:
        """Fresh planner statistics after an indexing run: without them a query over a grown `postings`
        may scan the whole table instead of its index (measured 160 ms against 36 ms at 10k passages)."""
        self._db.execute("ANALYZE postings, lexicon, chunks, documents")

    def dimension(self) -> int:
        row = self._db.execute(
            "SELECT atttypmod FROM pg_attribute WHERE attrelid = 'chunks'::regclass AND attname = 'vector'"
        ).fetchone()
        return max(int(row["atttypmod"]), 0) if row else 0

    # --- writing (an indexer) -------------------------------------------------------------------------
    @contextmanager
    def build_lock(self) -> Iterator[None]:
        """One indexer at a time per database (a second one waits); released if the process dies."""
        self._db.execute("SELECT pg_advisory_lock(%s)", (BUILD_LOCK,))
        try:
            yield
        finally:
            self._db.execute("SELECT pg_advisory_unlock(%s)", (BUILD_LOCK,))

    def set_meta(self, **values: object) -> None:
        with self._db.transaction():
            self._set_meta(**values)

    def _set_meta(self, **values: object) -> None:
        for key, value in values.items():
            self._db.execute(
                "INSERT INTO meta VALUES (%s, %s::jsonb) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                (key, json.dumps(value)),
            )

    def stored_documents(self) -> dict[str, StoredDocument]:
        """source → what is stored for it."""
        return {
            r["source"]: StoredDocument(r["doc_id"], r["source"], r["build"])
            for r in self._db.execute("SELECT doc_id, source, build FROM documents")
        }

    def add_parts(self, parts: Iterable[str]) -> None:
        """Compound parts the analyzer knows (they only grow: stored tokens were made with them)."""
        new_parts = sorted(set(parts))
        if new_parts:
            self._db.execute("INSERT INTO analyzer_parts SELECT unnest(%s::text[]) ON CONFLICT DO NOTHING",
                             (new_parts,))

    def replace_document(
        self, note: Note, fmt: str, size: int, mtime: float, build: str, passages: Sequence[PassageWrite]
    ) -> None:
        """Put one file's note, tables, rows and passages in place of what its source held, atomically.

        The shared counters are updated last, so the row lock on `corpus_state` (which serialises
        writers) is held only for the moment before the commit.
        """
        db = self._db
        with db.transaction():
            gone, gone_tokens = self._delete_documents(
                [r["doc_id"] for r in db.execute(
                    "SELECT doc_id FROM documents WHERE source = %s OR doc_id = %s FOR UPDATE",
                    (note.source, note.doc_id))]
            )
            self._insert_note(note, fmt, size, mtime, build)
            self._insert_passages(note, passages)
            db.execute(
                "INSERT INTO postings SELECT u.lexeme, c.row, cardinality(u.positions), c.token_count"
                " FROM chunks c, unnest(c.lexemes) u WHERE c.doc_id = %s",
                (note.doc_id,),
            )
            db.execute(
                "INSERT INTO lexicon (token, df) SELECT u.lexeme, count(*) FROM chunks c, unnest(c.lexemes) u"
                " WHERE c.doc_id = %s GROUP BY u.lexeme"
                " ON CONFLICT (token) DO UPDATE SET df = lexicon.df + EXCLUDED.df",
                (note.doc_id,),
            )
            db.execute("DELETE FROM errors WHERE source = %s", (note.source,))
            db.execute(
                "UPDATE corpus_state SET revision = revision + 1, passages = passages + %s, tokens = tokens + %s",
                (len(passages) - gone, sum(max(1, len(p.tokens)) for p in passages) - gone_tokens),
            )

    def remove_sources(self, sources: Iterable[str]) -> int:
        """Delete the documents (and errors) of files that are gone, in one transaction; how many."""
        sources = list(sources)
        if not sources:
            return 0
        with self._db.transaction():
            doc_ids = [r["doc_id"] for r in self._db.execute(
                "SELECT doc_id FROM documents WHERE source = ANY(%s) FOR UPDATE", (sources,))]
            gone, tokens = self._delete_documents(doc_ids)
            self._db.execute("DELETE FROM errors WHERE source = ANY(%s)", (sources,))
            self._db.execute("UPDATE corpus_state SET revision = revision + 1, passages = passages - %s,"
                             " tokens = tokens - %s", (gone, tokens))
        return len(doc_ids)

    def set_error(self, source: str, reason: str) -> None:
        """A file that cannot be read: its reason recorded, and what an older version of it left removed."""
        with self._db.transaction():
            doc_ids = [r["doc_id"] for r in self._db.execute(
                "SELECT doc_id FROM documents WHERE source = %s FOR UPDATE", (source,))]
            gone, tokens = self._delete_documents(doc_ids)
            self._db.execute(
                "INSERT INTO errors VALUES (%s, %s) ON CONFLICT (source) DO UPDATE SET reason = EXCLUDED.reason",
                (source, reason),
            )
            self._db.execute("UPDATE corpus_state SET revision = revision + 1, passages = passages - %s,"
                             " tokens = tokens - %s", (gone, tokens))

    def _delete_documents(self, doc_ids: Sequence[str]) -> tuple[int, int]:
        """Inside a transaction: documents and everything hanging off them, with their document
        frequencies; (passages, tokens) removed, for the caller to take off `corpus_state`."""
        if not doc_ids:
            return 0, 0
        db = self._db
        gone = db.execute(
            "SELECT count(*) AS n, coalesce(sum(token_count), 0) AS tokens FROM chunks WHERE doc_id = ANY(%s)",
            (list(doc_ids),),
        ).fetchone()
        db.execute(
            "UPDATE lexicon l SET df = l.df - g.n FROM (SELECT u.lexeme, count(*) AS n FROM chunks c,"
            " unnest(c.lexemes) u WHERE c.doc_id = ANY(%s) GROUP BY u.lexeme) g WHERE l.token = g.lexeme",
            (list(doc_ids),),
        )
        db.execute("DELETE FROM lexicon WHERE df <= 0")
        db.execute(
            "DELETE FROM postings p USING (SELECT u.lexeme, c.row FROM chunks c, unnest(c.lexemes) u"
            " WHERE c.doc_id = ANY(%s)) g WHERE p.token = g.lexeme AND p.row = g.row",
            (list(doc_ids),),
        )
        db.execute("DELETE FROM documents WHERE doc_id = ANY(%s)", (list(doc_ids),))
        return int(gone["n"]), int(gone["tokens"])

    def _insert_note(self, note: Note, fmt: str, size: int, mtime: float, build: str) -> None:
        db = self._db
        data = to_jsonable(note)
        db.execute(
            "INSERT INTO documents VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)",
            (note.doc_id, note.source, fmt, size, mtime, note.doc_type, note.note_id, note.budget_year, note.title,
             note.administration, data.get("budget_year_from"), json.dumps(data, ensure_ascii=False), build),
        )
        for position, table in enumerate(note.tables):
            table_id = db.execute(
                "INSERT INTO budget_tables (doc_id, position, number, title, kind, scenario, unit, price_level,"
                " page, section, checks_ok, years_json) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)"
                " RETURNING table_id",
                (note.doc_id, position, table.number, table.title, table.kind, table.scenario, table.unit,
                 table.price_level, table.page, table.section, bool(table.checks_ok), json.dumps(list(table.years))),
            ).fetchone()["table_id"]
            for r_pos, row in enumerate(table.rows):
                row_id = db.execute(
                    "INSERT INTO table_rows (table_id, doc_id, position, label, styringsomraade, udvalg, bevilling,"
                    " indtaegt_udgift, is_sum, total, amounts_json, cell_notes_json)"
                    " VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s) RETURNING row_id",
                    (table_id, note.doc_id, r_pos, row.label, row.styringsomraade, row.udvalg, row.bevilling,
                     row.indtaegt_udgift, bool(row.is_sum), row.total, json.dumps(dict(row.amounts)),
                     json.dumps(dict(row.cell_notes))),
                ).fetchone()["row_id"]
                if row.amounts:
                    with db.cursor() as cur:
                        cur.executemany("INSERT INTO amounts VALUES (%s,%s,%s)",
                                        [(row_id, y, v) for y, v in row.amounts.items()])

    def _insert_passages(self, note: Note, passages: Sequence[PassageWrite]) -> None:
        columns = ("chunk_id, doc_id, source, doc_type, kind, note_id, budget_year, administration, title, section,"
                   ' scenario, page, start, "end", table_index, text, index_text, text_hash, vector, lexemes,'
                   " token_count")
        with self._db.cursor() as cur, cur.copy(f"COPY chunks ({columns}) FROM STDIN") as copy:
            for p in passages:
                c = p.chunk
                copy.write_row((
                    c.chunk_id, c.doc_id, c.source, c.doc_type, c.kind, c.note_id, c.budget_year, note.administration,
                    c.title, c.section, c.scenario, c.page, c.start, c.end, c.table_index, c.text, c.index_text,
                    p.text_hash, np.asarray(p.vector, dtype=np.float32), tsvector_literal(p.tokens) or None,
                    max(1, len(p.tokens)),
                ))

    # --- reading --------------------------------------------------------------------------------------
    def revision(self) -> int:
        return int(self._db.execute("SELECT revision FROM corpus_state").fetchone()["revision"])

    def meta(self) -> dict[str, object]:
        out = {r["key"]: r["value"] for r in self._db.execute("SELECT key, value FROM meta")}
        state = self._db.execute(
            "SELECT passages, (SELECT count(*) FROM documents) AS documents FROM corpus_state").fetchone()
        out.update(documents=int(state["documents"]), chunks=int(state["passages"]), dense_kind="hnsw (pgvector)")
        return out

    def document_entries(self) -> list[StoredDocument]:
        return list(self.stored_documents().values())

    def errors(self) -> list[tuple[str, str]]:
        return [(r["source"], r["reason"]) for r in
                self._db.execute('SELECT source, reason FROM errors ORDER BY source COLLATE "C"')]

    def vectors_by_hash(self, hashes: Iterable[str], dimension: int) -> dict[str, np.ndarray]:
        """Stored vectors of passages already embedded: an unchanged passage is never re-embedded."""
        wanted = list(set(hashes))
        found: dict[str, np.ndarray] = {}
        for i in range(0, len(wanted), 5000):
            for r in self._db.execute(
                "SELECT DISTINCT ON (text_hash) text_hash, vector FROM chunks WHERE text_hash = ANY(%s)",
                (wanted[i:i + 5000],),
            ):
                vec = _array(r["vector"])
                if vec.size == dimension:
                    found[r["text_hash"]] = vec
        return found

    def chunk_rows(self) -> list[dict]:
        return list(self._db.execute(f"SELECT {PASSAGE_FIELDS} FROM chunks ORDER BY row"))

    def passages(self, rows: Sequence[int]) -> dict[int, dict]:
        if not rows:
            return {}
        return {r["row"]: r for r in self._db.execute(
            f"SELECT {PASSAGE_FIELDS} FROM chunks WHERE row = ANY(%s)", (list(rows),))}

    def documents(self) -> list[dict]:
        return list(self._db.execute(
            "SELECT doc_id, source, fmt, size, mtime, doc_type, note_id, budget_year, title, administration,"
            ' year_from FROM documents ORDER BY budget_year DESC NULLS LAST, note_id COLLATE "C" NULLS FIRST,'
            ' source COLLATE "C"'
        ))

    def note_json(self, doc_id: str) -> dict | None:
        r = self._db.execute("SELECT note_json FROM documents WHERE doc_id = %s", (doc_id,)).fetchone()
        return json.loads(r["note_json"]) if r else None

    def find_rows(self, query: RowQuery) -> list[RowRecord]:
        """Table rows matching a structured query: parameterised SQL compiled from its filters."""
        where, params = compile_filters(query.conditions(), "%s")
        return [row_record(r) for r in self._db.execute(ROW_SELECT + " WHERE " + where + ROW_ORDER, params)]

    def parts(self) -> set[str]:
        return {r["part"] for r in self._db.execute("SELECT part FROM analyzer_parts")}

    def vocabulary(self) -> frozenset[str]:
        return frozenset(r["token"] for r in self._db.execute("SELECT token FROM lexicon"))

    # --- retrieval ------------------------------------------------------------------------------------
    def bm25(self, tokens: Sequence[str], k: int, filters: Sequence[Filter] = ()) -> list[tuple[int, float]]:
        """Top-k (row, BM25 score) for the analysed query tokens, computed as bm25s computes it: the query
        tokens' posting lists, read by their index, summed per passage."""
        tokens = list(dict.fromkeys(tokens))
        if not tokens or k <= 0:
            return []
        where, params = compile_filters(filters, "%s", PASSAGE_COLUMNS)
        join = f" JOIN chunks c ON c.row = p.row AND {where}" if filters else ""
        sql = f"""
            WITH s AS (SELECT passages::float8 AS n, tokens::float8 / greatest(passages, 1) AS avgdl
                       FROM corpus_state),
                 q AS (SELECT l.token, ln(1 + (s.n - l.df + 0.5) / (l.df + 0.5)) AS idf
                       FROM lexicon l, s WHERE l.token = ANY(%s) AND l.df > 0)
            SELECT p.row, sum(q.idf * p.tf / ({BM25_K1} * ((1 - {BM25_B}) + {BM25_B} * p.dl / s.avgdl) + p.tf))
                   AS score
            FROM q JOIN postings p ON p.token = q.token CROSS JOIN s{join}
            GROUP BY p.row ORDER BY score DESC, p.row LIMIT %s
        """
        rows = self._db.execute(sql, [tokens, *params, k])
        return [(int(r["row"]), float(r["score"])) for r in rows if r["score"] > 0]

    def nearest(self, vector: np.ndarray, k: int, filters: Sequence[Filter] = ()) -> list[tuple[int, float]]:
        """Top-k (row, cosine) by the HNSW index; the filters are part of the index scan."""
        if k <= 0:
            return []
        where, params = compile_filters(filters, "%s", PASSAGE_COLUMNS)
        q = np.asarray(vector, dtype=np.float32).reshape(-1)
        sql = (f"SELECT row, score FROM (SELECT c.row, -(c.vector <#> %s) AS score FROM chunks c"
               f" WHERE c.vector IS NOT NULL AND {where} ORDER BY c.vector <#> %s LIMIT %s) AS hits"
               " ORDER BY score DESC, row")  # relaxed_order scans may return nearly sorted hits
        rows = self._db.execute(sql, [q, *params, q, k])
        return [(int(r["row"]), float(r["score"])) for r in rows]
