"""Incremental, atomic indexing: files → notes → chunks → SQLite + FAISS + BM25, in a new generation.

Unchanged input (same files, same contents, same encoder) returns at once. Otherwise every file is parsed
again (parsing is cheap and pure) but only passages whose text is new are embedded: vectors of unchanged
passages are taken from the previous generation by a hash of the encoder's identity and the text, so a
different encoder (another model, or the fallback) re-embeds everything. Passages longer than the
encoder's window are counted and named in the report, not silently cut.
"""
from __future__ import annotations

import dataclasses
import hashlib
import time
from collections.abc import Sequence
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
from budgetarkiv.index.generations import build_lock, new_generation, publish_generation
from budgetarkiv.index.lexical import DanishAnalyzer, LexicalIndex, known_parts
from budgetarkiv.index.sources import (
    IndexRefused,
    Source,
    check_exist,
    from_meta,
    normalise,
    owner,
    plan_removal,
    plan_update,
    to_meta,
)
from budgetarkiv.index.store import BM25_DIR, DB_NAME, FAISS_NAME, DocumentEntry, Store, open_current, text_hash
from budgetarkiv.ingest.chunking import chunk_note
from budgetarkiv.ingest.notes import parse_note
from budgetarkiv.ingest.readers import UnreadableFile, read_document, walk_files

PARSER_VERSION = 37  # bump when parsing or chunking changes, so an unchanged corpus is indexed again


class PassageEncoder(Protocol):
    """The part of index.encoders.Encoder that indexing needs (a fake one serves the benchmarks).

    Its `name` is asked for first; a model that is slow to load should load only when a passage needs it.
    """

    name: str
    dimension: int
    max_tokens: int
    beyond_window: str

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray: ...

    def passage_tokens(self, text: str) -> int: ...


@dataclass(frozen=True)
class LongPassage:
    """A passage longer than the encoder's window: where it is and how many tokens it has."""

    source: str
    section: str | None
    tokens: int


@dataclass(frozen=True)
class BuildReport:
    unchanged: bool
    documents: int = 0
    chunks: int = 0
    embedded: int = 0  # passages that needed the model this time
    errors: tuple[tuple[str, str], ...] = ()  # files of this run's sources that could not be indexed
    seconds: float = 0.0
    generation: str = ""
    added: tuple[str, ...] = field(default=())
    removed: tuple[str, ...] = field(default=())
    sources: tuple[Source, ...] = ()  # every source of the index after the run
    kept_previous: tuple[str, ...] = ()  # sources with no readable document this time: their old ones kept
    refused: tuple[str, ...] = ()  # new sources with no readable document: not added
    requested: tuple[str, ...] = ()  # the sources this run read
    encoder: str = ""
    window: int = 0  # the encoder's window in tokens
    long_passages: tuple[LongPassage, ...] = ()  # longer than the window (the BM25 side reads them whole)
    beyond_window: str = ""  # what the encoder does with the rest

    @property
    def failed(self) -> bool:
        """Nothing of what was asked could be indexed: every source read kept its old state or was refused."""
        return bool(self.requested) and set(self.requested) <= {*self.kept_previous, *self.refused}


def build_index(
    paths: Sequence[Path],
    settings: Settings,
    encoder: PassageEncoder,
    console: Console | None = None,
    show_progress: bool = True,
) -> BuildReport:
    """Add or update the given files and folders as sources of the index; every other source is kept.

    Raises IndexRefused (index unchanged) when a path does not exist; IndexDirUnusable when the index
    directory cannot be used.
    """
    check_exist(paths)
    if settings.database_url:  # the PostgreSQL backend: incremental, one transaction per file
        from budgetarkiv.index.pgbuild import build_database

        return build_database(paths, settings, encoder, console, show_progress)
    return _update(settings, encoder, console or Console(stderr=True), show_progress, add=paths)


def remove_sources(
    paths: Sequence[Path], settings: Settings, encoder: PassageEncoder,
    console: Console | None = None, show_progress: bool = True,
) -> BuildReport:
    """Take sources out of the index (their documents leave it); the other sources are kept as they are."""
    if settings.database_url:
        from budgetarkiv.index.pgbuild import remove_from_database

        return remove_from_database(paths, settings)
    return _update(settings, encoder, console or Console(stderr=True), show_progress, remove=paths)


def list_sources(settings: Settings) -> tuple[Source, ...]:
    if settings.database_url:
        raise ValueError("`sources` lister kun kilderne i et indeks af filer; databasen har ingen kildeliste endnu.")
    opened = open_current(settings.index_dir)
    if opened is None:
        return ()
    store = opened[1]
    try:
        meta = store.meta()
        documents: dict[str, int] = {}
        stored = from_meta(meta)
        for entry in store.document_entries():  # counted afresh: an old index stores no counts
            key = owner(entry.source, stored)
            if key is not None:
                documents[key] = documents.get(key, 0) + 1
        return tuple(dataclasses.replace(s, documents=documents.get(k, 0)) for k, s in sorted(stored.items()))
    finally:
        store.close()


def _update(
    settings: Settings, encoder: PassageEncoder, console: Console, show_progress: bool,
    add: Sequence[Path] = (), remove: Sequence[Path] = (),
) -> BuildReport:
    started = time.perf_counter()
    index_dir = settings.index_dir
    with build_lock(index_dir):
        previous = open_current(index_dir)
        old_store = previous[1] if previous else None
        try:
            old_meta = old_store.meta() if old_store else {}
            existing = from_meta(old_meta)
            if remove:
                dropped = plan_removal(remove, existing)
                targets: list[str] = []
            else:
                targets, dropped = plan_update(add, existing)
            given = {normalise(p): p for p in add}
            kept = {k: s for k, s in existing.items() if k not in targets and k not in dropped}

            files, walk_errors = walk_files([given.get(t, Path(t)) for t in targets])
            fingerprints = {p: _safe_fingerprint(p) for p in files}
            run_errors = [(e.source, e.reason) for e in walk_errors]
            base = {"encoder": encoder.name, "parser_version": PARSER_VERSION, "chunk_words": settings.chunk_words}
            if old_store is not None and not dropped:  # the quick answer: nothing changed, nothing is loaded
                inputs = {k: list(s.inputs) for k, s in kept.items()} | {
                    t: [(str(f), fingerprints[f]) for f in files if owner(str(f), [t])] for t in targets}
                quick = {"sources": [[k, [list(i) for i in inputs[k]]] for k in sorted(inputs)], **base}
                if old_meta.get("signature") == quick:
                    return BuildReport(
                        unchanged=True, documents=int(old_meta.get("documents", 0)),
                        chunks=int(old_meta.get("chunks", 0)), errors=tuple(e for t in targets for e in existing[t].errors),
                        seconds=time.perf_counter() - started, generation=previous[0].name,
                        sources=tuple(existing[k] for k in sorted(existing)), requested=tuple(targets),
                        encoder=encoder.name, **_stored_long_passages(old_meta),
                    )
            reusable = (old_meta.get("signature") or {}).get("parser_version") == PARSER_VERSION
            old_documents = {e.source: e for e in old_store.document_entries()} if old_store else {}
            wanted = set(fingerprints.values()) | {fp for k in [*kept, *targets] for _, fp in _inputs(existing, k)}
            stored = old_store.stored_notes(wanted) if (old_store is not None and reusable) else {}
            entries = {e.doc_id: e for e in old_documents.values()}

            carried = _stored_notes([i for k in kept for i in kept[k].inputs], stored, entries, set())
            notes, errors, formats = _parse_all(files, fingerprints, stored, settings, console, show_progress,
                                                seen={n.doc_id for n, _ in carried})
            errors = run_errors + errors
            sources, notes, kept_previous, refused = _settle_sources(
                targets, given, existing, files, fingerprints, notes, errors, stored, entries, carried)
            kept_sources = [_without_fixed_errors(kept[k], {n.source for n in notes}) for k in kept]
            sources = sorted([*kept_sources, *sources], key=lambda s: s.path)
            for note, _ in carried:
                notes.append(note)
            for note in notes:  # notes taken from the previous generation: its format, size and time
                if note.doc_id not in formats:
                    entry = entries[note.doc_id]
                    formats[note.doc_id] = (stored[note.doc_id][1], entry.size, entry.mtime)
            if not notes:
                raise IndexRefused("Ingen læsbare dokumenter i " + ", ".join(targets) + "; intet er indekseret.")

            signature = {"sources": [[s.path, [list(i) for i in s.inputs]] for s in sources], **base}
            if old_store is not None and old_meta.get("signature") == signature:
                return BuildReport(
                    unchanged=True, documents=int(old_meta.get("documents", 0)),
                    chunks=int(old_meta.get("chunks", 0)), errors=tuple(errors),
                    seconds=time.perf_counter() - started, generation=previous[0].name, sources=tuple(sources),
                    kept_previous=tuple(kept_previous), refused=tuple(refused), requested=tuple(targets),
                    encoder=encoder.name, **_stored_long_passages(old_meta),
                )

            chunks = [c for n in notes for c in chunk_note(n, settings.chunk_words)]
            hashes = [text_hash(encoder.name, "", c.index_text) for c in chunks]
            known: dict[str, np.ndarray] = {}
            dimension = int(old_meta.get("dimension", 0)) if old_store else 0
            if old_store is not None and dimension:
                known = old_store.vectors_by_hash(hashes, dimension)
            todo = [i for i, h in enumerate(hashes) if h not in known]
            if todo or not dimension:
                dimension = encoder.dimension  # a lazily loaded model loads here, only when needed
            vectors = np.zeros((len(chunks), dimension), dtype=np.float32)
            for i, h in enumerate(hashes):
                if h in known:
                    vectors[i] = known[h]
            del known  # the copies now live in `vectors`: at 100k passages this is ~200 MB less at the peak
            lengths = _long_passage_tokens(old_meta, set(hashes), encoder.name)
            if todo:
                _embed(encoder, chunks, todo, vectors, settings, console, show_progress)
                counted = {hashes[i]: encoder.passage_tokens(chunks[i].index_text) for i in todo}
                lengths |= {h: n for h, n in counted.items() if n > encoder.max_tokens}
            long_meta = {  # without new passages the encoder is the previous one (same hashes)
                "window": encoder.max_tokens if todo else int(old_meta.get("window", 0) or 0),
                "beyond_window": encoder.beyond_window if todo else old_meta.get("beyond_window", ""),
                "long_passages": [[h, c.source, c.section, lengths[h]] for c, h in zip(chunks, hashes) if h in lengths],
            }
        finally:
            if old_store is not None:
                old_store.close()  # before publishing: our own lease must not keep the old generation
        stored_errors = [e for s in sources for e in s.errors]
        generation = _write_generation(index_dir, notes, formats, chunks, hashes, vectors, stored_errors,
                                       signature, settings, dimension, sources, encoder.name, long_meta)
        new_docs = {n.source for n in notes}
        return BuildReport(
            unchanged=False, documents=len(notes), chunks=len(chunks), embedded=len(todo),
            errors=tuple(errors), seconds=time.perf_counter() - started, generation=generation.name,
            added=tuple(sorted(new_docs - set(old_documents))), removed=tuple(sorted(set(old_documents) - new_docs)),
            sources=tuple(sources), kept_previous=tuple(kept_previous), refused=tuple(refused), requested=tuple(targets),
            encoder=encoder.name, **_stored_long_passages(long_meta),
        )


def _long_passage_tokens(meta: dict, hashes: set[str], encoder: str) -> dict[str, int]:
    """Token counts of the previous generation's over-long passages still in the index (same encoder)."""
    if (meta.get("signature") or {}).get("encoder") != encoder:
        return {}
    return {h: int(n) for h, _, _, n in meta.get("long_passages") or () if h in hashes}


def _stored_long_passages(meta: dict) -> dict:
    """The report's fields on over-long passages, from a generation's meta."""
    return {"window": int(meta.get("window", 0) or 0), "beyond_window": str(meta.get("beyond_window", "")),
            "long_passages": tuple(LongPassage(s, sec, int(n)) for _, s, sec, n in meta.get("long_passages") or ())}


def _inputs(sources: dict[str, Source], key: str) -> tuple[tuple[str, str], ...]:
    return sources[key].inputs if key in sources else ()


def _stored_notes(
    inputs: Sequence[tuple[str, str]], stored: dict[str, tuple[dict, str]], entries: dict[str, DocumentEntry],
    seen: set[str],
) -> list[tuple[Note, DocumentEntry]]:
    """Notes exactly as the previous generation stored them, by content: the files are not read again.

    Found by fingerprint, so a copy that was skipped while its twin in another source was indexed takes
    its place when that source is removed.
    """
    out = []
    for path, fingerprint in sorted(inputs):
        if fingerprint in stored and fingerprint in entries and fingerprint not in seen:
            seen.add(fingerprint)
            note = dataclasses.replace(note_from_jsonable(stored[fingerprint][0]), source=path)
            out.append((note, entries[fingerprint]))
    return out


def _without_fixed_errors(source: Source, indexed: set[str]) -> Source:
    return dataclasses.replace(source, errors=tuple(e for e in source.errors if e[0] not in indexed))


def _settle_sources(
    targets: Sequence[str], given: dict[str, Path], existing: dict[str, Source], files: Sequence[Path],
    fingerprints: dict[Path, str], notes: list[Note], errors: list[tuple[str, str]],
    stored: dict[str, tuple[dict, str]], entries: dict[str, DocumentEntry], carried: list,
) -> tuple[list[Source], list[Note], list[str], list[str]]:
    """The new state of each source read in this run, and the notes they contribute.

    A source in which this run found no readable document keeps what it had (or, if new, is not added):
    a typo, an unmounted disk or a folder of broken files must never empty a source.
    """
    now = time.time()
    sources: list[Source] = []
    out: list[Note] = []
    kept_previous: list[str] = []
    refused: list[str] = []
    indexed_ids = {n.doc_id for n in notes} | {n.doc_id for n, _ in carried}
    for target in targets:
        mine = [n for n in notes if owner(n.source, [target])]
        their_files = [f for f in files if owner(str(f), [target])]
        copies = [f for f in their_files if fingerprints[f] in indexed_ids and f not in {Path(n.source) for n in mine}]
        their_errors = tuple(e for e in errors if owner(e[0], [target]))
        if mine or copies:
            kind = "folder" if Path(given.get(target, target)).is_dir() else "file"
            inputs = tuple((str(f), fingerprints[f]) for f in their_files)
            sources.append(Source(target, kind, now, len(mine), their_errors, inputs))
            out += mine
        elif existing.get(target) and existing[target].inputs:
            old = existing[target]
            kept_previous.append(target)
            sources.append(dataclasses.replace(old, errors=their_errors))
            out += [n for n, _ in _stored_notes(old.inputs, stored, entries, set(indexed_ids))]
            errors.append((target, "ingen læsbare dokumenter denne gang; kildens tidligere dokumenter beholdes"))
        else:
            refused.append(target)
            errors.append((target, "ingen læsbare dokumenter; kilden er ikke tilføjet"))
    return sources, out, kept_previous, refused


def _fingerprint(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()[:16]


def _safe_fingerprint(path: Path) -> str:
    try:
        return _fingerprint(path)
    except OSError as exc:
        return f"unreadable: {exc.strerror}"


def _parse_all(
    files: Sequence[Path], fingerprints: dict[Path, str], stored: dict[str, tuple[dict, str]],
    settings: Settings, console: Console, show_progress: bool, seen: set[str],
) -> tuple[list[Note], list[tuple[str, str]], dict[str, tuple[str, int, float]]]:
    """Notes of all files: an unchanged file's note comes from the previous index, the rest are parsed.

    `seen`: documents already in the index from other sources (a copy of one is indexed once)."""
    notes: list[Note] = []
    errors: list[tuple[str, str]] = []
    formats: dict[str, tuple[str, int, float]] = {}
    seen = set(seen)
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
                doc = None if fingerprint in seen else read_document(path, max_bytes)
                if doc is None or doc.doc_id in seen:
                    errors.append((str(path), "is an exact copy of another indexed file; indexed once"))
                else:
                    seen.add(doc.doc_id)
                    note = parse_note(doc)
                    notes.append(note)
                    errors += [(str(path), warning) for warning in doc.warnings]  # indexed, but say what was off
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
    settings: Settings, dimension: int, sources: Sequence[Source], encoder: str, long_meta: dict,
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
                       model=settings.model, encoder=encoder, dense_kind=dense.kind, built_at=time.time(),
                       sources=to_meta(_counted(sources, notes)), **long_meta)
        store.commit()
    finally:
        store.close()
    dense.save(building / FAISS_NAME)
    analyzer = DanishAnalyzer(known_parts(c.index_text for c in chunks))
    LexicalIndex.build([c.index_text for c in chunks], analyzer).save(building / BM25_DIR)
    return publish_generation(index_dir, building)


def _counted(sources: Sequence[Source], notes: Sequence[Note]) -> list[Source]:
    keys = [s.path for s in sources]
    counts: dict[str | None, int] = {}
    for note in notes:
        key = owner(note.source, keys)
        counts[key] = counts.get(key, 0) + 1
    return [dataclasses.replace(s, documents=counts.get(s.path, 0)) for s in sources]


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
