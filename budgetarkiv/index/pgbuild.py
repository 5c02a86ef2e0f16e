"""Incremental indexing into PostgreSQL: only changed files are parsed, embedded and written, one
transaction per file.

`index PATHS` brings the database in line with the files under PATHS: a new or changed file replaces
what its path held (readers see the old or the new version, never a mix), a file gone from a folder
that was given is removed, and documents from other paths stay (the database is shared: other machines
may have indexed other folders). A file counts as changed when its content hash differs or when it was
indexed with other build settings (model, prompt, parser version, chunk size).
"""
from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from rich.console import Console

from budgetarkiv.core.models import Note
from budgetarkiv.core.settings import Settings
from budgetarkiv.index.build import (
    PARSER_VERSION,
    BuildReport,
    PassageEncoder,
    _embed,
    _parse_all,
    _progress,
    _safe_fingerprint,
)
from budgetarkiv.index.lexical import DanishAnalyzer, known_parts
from budgetarkiv.index.pgstore import PassageWrite, PgStore
from budgetarkiv.index.store import text_hash
from budgetarkiv.ingest.chunking import chunk_note
from budgetarkiv.ingest.readers import walk_files


def build_settings_key(settings: Settings, encoder: str) -> str:
    """What a document's stored rows depend on besides its content (the encoder's identity among them)."""
    data = {"encoder": encoder, "parser_version": PARSER_VERSION, "chunk_words": settings.chunk_words}
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


def build_database(
    paths: Sequence[Path],
    settings: Settings,
    encoder: PassageEncoder,
    console: Console | None = None,
    show_progress: bool = True,
) -> BuildReport:
    started = time.perf_counter()
    console = console or Console(stderr=True)
    store = PgStore(settings.database_url, application_name="budgetarkiv-index")
    try:
        store.migrate()
        with store.build_lock():
            return _build(store, paths, settings, encoder, console, show_progress, started)
    finally:
        store.close()


def _build(
    store: PgStore, paths: Sequence[Path], settings: Settings, encoder: PassageEncoder,
    console: Console, show_progress: bool, started: float,
) -> BuildReport:
    missing = [str(p) for p in paths if not p.exists()]
    files, walk_errors = walk_files([p for p in paths if p.exists()])
    fingerprints = {p: _safe_fingerprint(p) for p in files}
    build = build_settings_key(settings, encoder.name)
    stored = store.stored_documents()
    changed = [p for p in files if (s := stored.get(str(p))) is None or (s.doc_id, s.build) != (fingerprints[p], build)]
    present = {str(p) for p in files}
    folders = [p.resolve() for p in paths if p.is_dir()]
    gone = sorted(
        source for source in set(stored) | {source for source, _ in store.errors()}
        if source not in present and (any(_under(Path(source), f) for f in folders) or source in map(str, paths))
    )
    errors = [(e.source, e.reason) for e in walk_errors] + [(m, "does not exist") for m in missing]
    if not changed and not gone:
        meta = store.meta()
        return BuildReport(unchanged=True, documents=int(meta["documents"]), chunks=int(meta["chunks"]),
                           errors=tuple(errors) + tuple(store.errors()), seconds=time.perf_counter() - started,
                           generation="postgresql")

    notes, parse_errors, formats = _parse_all(changed, fingerprints, {}, settings, console, show_progress,
                                                      seen=set())
    notes, copy_errors = _without_copies(notes, stored, present)
    for source, reason in parse_errors + copy_errors:
        store.set_error(source, reason)
    chunked = [(n, chunk_note(n, settings.chunk_words)) for n in notes]
    all_texts = [c.index_text for _, chunks in chunked for c in chunks]
    parts = known_parts(all_texts) if all_texts else set()
    store.add_parts(parts)  # before the files: a part nobody uses yet is harmless, a missing one is not
    analyzer = DanishAnalyzer(store.parts())

    embedded = 0
    dimension = store.dimension()
    with _progress(console, show_progress) as progress:
        task = progress.add_task("Skriver dokumenter", total=len(chunked), unit="filer")
        for note, chunks in chunked:
            hashes = [text_hash(encoder.name, "", c.index_text) for c in chunks]
            known = store.vectors_by_hash(hashes, dimension) if dimension else {}
            todo = [i for i, h in enumerate(hashes) if h not in known]
            if todo and dimension != encoder.dimension:
                store.ensure_dimension(encoder.dimension)
                dimension = encoder.dimension
            vectors = np.zeros((len(chunks), dimension), dtype=np.float32)
            for i, h in enumerate(hashes):
                if h in known:
                    vectors[i] = known[h]
            if todo:
                _embed(encoder, chunks, todo, vectors, settings, console, show_progress=False)
                embedded += len(todo)
            fmt, size, mtime = formats[note.doc_id]
            store.replace_document(
                note, fmt, size, mtime, build,
                [PassageWrite(c, h, v, analyzer.tokens(c.index_text)) for c, h, v in zip(chunks, hashes, vectors)],
            )
            progress.advance(task)
    store.remove_sources(gone)
    store.ensure_vector_index()
    store.analyze()
    store.set_meta(model=settings.model, encoder=encoder.name, built_at=time.time())
    meta = store.meta()
    return BuildReport(
        unchanged=False, documents=int(meta["documents"]), chunks=int(meta["chunks"]), embedded=embedded,
        errors=tuple(errors + parse_errors + copy_errors), seconds=time.perf_counter() - started,
        generation="postgresql",
        added=tuple(sorted(n.source for n in notes if n.source not in stored)), removed=tuple(gone),
    )


def remove_from_database(paths: Sequence[Path], settings: Settings) -> BuildReport:
    """`index --remove PATH`: the documents of files at or under the paths leave the database."""
    started = time.perf_counter()
    store = PgStore(settings.database_url, application_name="budgetarkiv-index")
    try:
        store.migrate()
        with store.build_lock():
            targets = [p.resolve() for p in paths]
            gone = sorted(s for s in store.stored_documents()
                          if any(Path(s).resolve() == t or _under(Path(s), t) for t in targets))
            store.remove_sources(gone)
            meta = store.meta()
            return BuildReport(unchanged=not gone, documents=int(meta["documents"]), chunks=int(meta["chunks"]),
                               seconds=time.perf_counter() - started, generation="postgresql", removed=tuple(gone))
    finally:
        store.close()


def _under(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder)
    except ValueError:
        return False
    return True


def _without_copies(
    notes: Sequence[Note], stored: dict, present: set[str]
) -> tuple[list[Note], list[tuple[str, str]]]:
    """A file whose content another still present file already holds is indexed once (as in the files)."""
    held = {s.doc_id: source for source, s in stored.items() if source in present}
    kept, errors = [], []
    for note in notes:
        other = held.get(note.doc_id)
        if other is not None and other != note.source:
            errors.append((note.source, "is an exact copy of another indexed file; indexed once"))
        else:
            kept.append(note)
    return kept, errors
