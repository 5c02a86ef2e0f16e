"""Incremental, atomic indexing: files → notes → chunks → SQLite + FAISS + BM25, in a new generation.

Unchanged input (same files, same contents, same model) returns at once. Otherwise every file is parsed
again (parsing is cheap and pure) but only passages whose text is new are embedded: vectors of unchanged
passages are taken from the previous generation by a hash of model, prompt and text.
"""
from __future__ import annotations

import dataclasses
import fcntl
import hashlib
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from budgetarkiv.core.models import Chunk, Note, note_from_jsonable
from budgetarkiv.core.settings import Settings
from budgetarkiv.index.dense import DenseIndex
from budgetarkiv.index.lexical import DanishAnalyzer, LexicalIndex, known_parts
from budgetarkiv.index.store import (
    BM25_DIR,
    DB_NAME,
    FAISS_NAME,
    Store,
    new_generation,
    open_current,
    publish_generation,
    text_hash,
)
from budgetarkiv.ingest.chunking import chunk_note
from budgetarkiv.ingest.notes import parse_note
from budgetarkiv.ingest.readers import UnreadableFile, read_document, walk_files

PARSER_VERSION = 2  # bump when parsing or chunking changes, so an unchanged corpus is indexed again


class PassageEncoder(Protocol):
    dimension: int

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray: ...


@dataclass(frozen=True)
class BuildReport:
    unchanged: bool
    documents: int = 0
    chunks: int = 0
    embedded: int = 0  # passages that needed the model this time
    errors: tuple[tuple[str, str], ...] = ()
    seconds: float = 0.0
    generation: str = ""
    added: tuple[str, ...] = field(default=())
    removed: tuple[str, ...] = field(default=())


@contextmanager
def _build_lock(index_dir: Path) -> Iterator[None]:
    """One build at a time per index directory (a second one waits)."""
    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _fingerprint(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()[:16]


def build_index(
    paths: Sequence[Path],
    settings: Settings,
    encoder_factory: Callable[[], PassageEncoder],
    console: Console | None = None,
    show_progress: bool = True,
) -> BuildReport:
    started = time.perf_counter()
    console = console or Console(stderr=True)
    index_dir = settings.index_dir
    with _build_lock(index_dir):
        missing = [str(p) for p in paths if not p.exists()]
        files, walk_errors = walk_files([p for p in paths if p.exists()])
        fingerprints = {p: _safe_fingerprint(p) for p in files}
        inputs = sorted([str(p), fp] for p, fp in fingerprints.items()) + [[m, "missing"] for m in missing]
        signature = {"inputs": inputs, "model": settings.model, "passage_prompt": settings.passage_prompt,
                     "parser_version": PARSER_VERSION, "chunk_words": settings.chunk_words}
        previous = open_current(index_dir)
        old_store = previous[1] if previous else None
        old_meta = old_store.meta() if old_store else {}
        if old_store is not None and old_meta.get("signature") == signature:
            report = BuildReport(
                unchanged=True, documents=int(old_meta.get("documents", 0)), chunks=int(old_meta.get("chunks", 0)),
                errors=tuple(tuple(e) for e in old_store.errors()), seconds=time.perf_counter() - started,
                generation=previous[0].name,
            )
            old_store.close()
            return report

        reusable = old_store is not None and (old_meta.get("signature") or {}).get("parser_version") == PARSER_VERSION
        stored = old_store.stored_notes(set(fingerprints.values())) if reusable else {}
        notes, errors, formats = _parse_all(files, fingerprints, stored, settings, console, show_progress)
        errors += [(e.source, e.reason) for e in walk_errors] + [(m, "does not exist") for m in missing]
        chunks = [c for n in notes for c in chunk_note(n, settings.chunk_words)]
        hashes = [text_hash(settings.model, settings.passage_prompt, c.index_text) for c in chunks]

        encoder: PassageEncoder | None = None
        known: dict[str, np.ndarray] = {}
        dimension = int(old_meta.get("dimension", 0)) if old_store else 0
        if old_store is not None and dimension:
            known = old_store.vectors_by_hash(hashes, dimension)
        todo = [i for i, h in enumerate(hashes) if h not in known]
        if todo or not dimension:
            encoder = encoder_factory()
            dimension = encoder.dimension
        vectors = np.zeros((len(chunks), dimension), dtype=np.float32)
        for i, h in enumerate(hashes):
            if h in known:
                vectors[i] = known[h]
        del known  # the copies now live in `vectors`: at 100k passages this is ~200 MB less at the peak
        if todo and encoder is not None:
            _embed(encoder, chunks, todo, vectors, settings, console, show_progress)

        old_docs = {e.source for e in old_store.document_entries()} if old_store else set()
        if old_store is not None:
            old_store.close()
        generation = _write_generation(index_dir, notes, formats, chunks, hashes, vectors, errors, signature,
                                       settings, dimension)
        new_docs = {n.source for n in notes}
        return BuildReport(
            unchanged=False, documents=len(notes), chunks=len(chunks), embedded=len(todo),
            errors=tuple(errors), seconds=time.perf_counter() - started, generation=generation.name,
            added=tuple(sorted(new_docs - old_docs)), removed=tuple(sorted(old_docs - new_docs)),
        )


def _safe_fingerprint(path: Path) -> str:
    try:
        return _fingerprint(path)
    except OSError as exc:
        return f"unreadable: {exc.strerror}"


def _parse_all(
    files: Sequence[Path], fingerprints: dict[Path, str], stored: dict[str, tuple[dict, str]],
    settings: Settings, console: Console, show_progress: bool,
) -> tuple[list[Note], list[tuple[str, str]], dict[str, tuple[str, int, float]]]:
    """Notes of all files: an unchanged file's note comes from the previous index, the rest are parsed."""
    notes: list[Note] = []
    errors: list[tuple[str, str]] = []
    formats: dict[str, tuple[str, int, float]] = {}
    seen: set[str] = set()
    max_bytes = int(settings.max_file_mb * 1_000_000)
    with _progress(console, show_progress) as progress:
        task = progress.add_task("Læser filer", total=len(files), unit="filer")
        for path in files:
            try:
                fingerprint = fingerprints.get(path, "")
                if fingerprint in stored and fingerprint not in seen:
                    seen.add(fingerprint)
                    data, fmt = stored[fingerprint]
                    notes.append(dataclasses.replace(note_from_jsonable(data), source=str(path)))
                    stat = path.stat()
                    formats[fingerprint] = (fmt, stat.st_size, stat.st_mtime)
                    progress.advance(task)
                    continue
                doc = read_document(path, max_bytes)
                if doc.doc_id in seen:
                    errors.append((str(path), "is an exact copy of another indexed file; indexed once"))
                else:
                    seen.add(doc.doc_id)
                    note = parse_note(doc)
                    notes.append(note)
                    stat = path.stat()
                    formats[doc.doc_id] = (doc.fmt, stat.st_size, stat.st_mtime)
            except UnreadableFile as exc:
                errors.append((str(path), exc.reason))
            except Exception as exc:  # noqa: BLE001 - one bad file must not stop the others
                errors.append((str(path), f"could not be parsed ({type(exc).__name__}: {exc})"))
            progress.advance(task)
    return notes, errors, formats


def _embed(
    encoder: PassageEncoder, chunks: Sequence[Chunk], todo: list[int], vectors: np.ndarray,
    settings: Settings, console: Console, show_progress: bool,
) -> None:
    batch = max(1, settings.embed_batch_size)
    with _progress(console, show_progress) as progress:
        task = progress.add_task("Indlejrer passager", total=len(todo), unit="passager")
        for i in range(0, len(todo), batch):
            rows = todo[i:i + batch]
            vectors[rows] = encoder.encode_passages([chunks[r].index_text for r in rows])
            progress.advance(task, len(rows))


def _write_generation(
    index_dir: Path, notes: Sequence[Note], formats: dict[str, tuple[str, int, float]], chunks: Sequence[Chunk],
    hashes: Sequence[str], vectors: np.ndarray, errors: Sequence[tuple[str, str]], signature: dict,
    settings: Settings, dimension: int,
) -> Path:
    building = new_generation(index_dir)
    store = Store.create(building / DB_NAME)
    try:
        for note in notes:
            fmt, size, mtime = formats[note.doc_id]
            store.add_note(note, fmt, size, mtime)
        store.add_chunks(chunks, hashes, vectors, first_row=0)
        for source, reason in errors:
            store.add_error(source, reason)
        dense = DenseIndex.build(vectors, settings.exact_search_max, dimension)
        store.set_meta(signature=signature, documents=len(notes), chunks=len(chunks), dimension=dimension,
                       model=settings.model, dense_kind=dense.kind, built_at=time.time())
        store.commit()
    finally:
        store.close()
    dense.save(building / FAISS_NAME)
    analyzer = DanishAnalyzer(known_parts(c.index_text for c in chunks))
    LexicalIndex.build([c.index_text for c in chunks], analyzer).save(building / BM25_DIR)
    return publish_generation(index_dir, building)


class _RateColumn(ProgressColumn):
    """Items per second ("12,3 passager/s"): the figure that tells how long a big archive will take."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        unit = task.fields.get("unit", "")
        return Text(f"{speed:,.1f} {unit}/s".replace(",", "X").replace(".", ",").replace("X", ".") if speed else "")


def _progress(console: Console, show: bool) -> Progress:
    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[unit]}"),
        _RateColumn(), TimeElapsedColumn(), console=console, disable=not show, transient=False,
    )
