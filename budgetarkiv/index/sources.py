"""The sources of an index: the files and folders it was asked to hold, each with its state.

`index A` then `index B` holds both A and B; `index --remove A` takes A out. Sources never overlap: a
path inside an existing source updates that source, and a folder that contains existing sources takes
them over. Every file of the index belongs to exactly one source, so each source's documents, errors
and last indexing time can be told apart, and a run over one source leaves the others untouched.

Pure functions over paths and stored metadata; the build (index/build.py) does the reading and writing.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path


class IndexRefused(ValueError):
    """The run would lose sources or cannot do what was asked; the index stays as it was."""


@dataclass(frozen=True)
class Source:
    """One indexed file or folder and what the index holds of it."""

    path: str  # absolute, normalised (not resolved: a symlinked folder keeps the name the user gave)
    kind: str  # "folder" or "file"
    indexed_at: float  # when its files were last read into a published generation (Unix time)
    documents: int = 0
    errors: tuple[tuple[str, str], ...] = ()  # (file, reason) of its files that could not be indexed
    inputs: tuple[tuple[str, str], ...] = field(default=(), repr=False)  # (file as stored, fingerprint)


def normalise(path: Path | str) -> str:
    """The key a source is known by: absolute and normalised, so `corpus`, `./corpus/` and its full path agree."""
    return os.path.abspath(os.fspath(path))


def contains(outer: str, inner: str) -> bool:
    return inner == outer or inner.startswith(outer.rstrip(os.sep) + os.sep)


def owner(path: str, sources: Iterable[str]) -> str | None:
    """The source a file belongs to (sources do not overlap, so at most one matches)."""
    key = normalise(path)
    return next((s for s in sources if contains(s, key)), None)


def check_exist(paths: Sequence[Path]) -> None:
    """A path that does not exist is a typo until proven otherwise: refuse before anything changes."""
    missing = [str(p) for p in paths if not os.path.lexists(p)]
    dangling = [str(p) for p in paths if os.path.lexists(p) and not os.path.exists(p)]
    problems = [f"{m} findes ikke" for m in missing] + [f"{d} er et link til noget, der ikke findes" for d in dangling]
    if problems:
        raise IndexRefused(
            "; ".join(problems) + ". Indekset er uændret. (Brug `index --remove STI` for at fjerne en kilde.)"
        )


def plan_update(requested: Sequence[Path], existing: Mapping[str, Source]) -> tuple[list[str], list[str]]:
    """(sources to read again, existing sources they take over).

    A path inside an existing source means that source; a folder around existing sources absorbs them.
    """
    targets: list[str] = []
    for path in requested:
        key = normalise(path)
        enclosing = next((s for s in existing if contains(s, key)), None)
        target = enclosing or key
        if target not in targets:
            targets.append(target)
    targets = [t for t in targets if not any(o != t and contains(o, t) for o in targets)]  # nested requests
    absorbed = [s for s in existing if s not in targets and any(contains(t, s) for t in targets)]
    return targets, absorbed


def plan_removal(requested: Sequence[Path], existing: Mapping[str, Source]) -> list[str]:
    keys = [normalise(p) for p in requested]
    unknown = [str(p) for p, k in zip(requested, keys) if k not in existing]
    if unknown:
        known = ", ".join(existing) or "ingen"
        raise IndexRefused(f"Ikke en kilde i indekset: {', '.join(unknown)}. Kilderne er: {known}.")
    if set(keys) >= set(existing):
        raise IndexRefused("Det ville fjerne alle kilder og efterlade et tomt indeks; indekset er uændret.")
    return keys


def to_meta(sources: Iterable[Source]) -> list[dict]:
    return [
        {"path": s.path, "kind": s.kind, "indexed_at": s.indexed_at, "documents": s.documents,
         "errors": [list(e) for e in s.errors], "inputs": [list(i) for i in s.inputs]}
        for s in sorted(sources, key=lambda s: s.path)
    ]


def from_meta(meta: Mapping[str, object]) -> dict[str, Source]:
    """The sources stored in a generation's metadata.

    An index built before sources existed lists only its input files: each becomes a file source, and
    indexing a folder that holds them takes them over.
    """
    stored = meta.get("sources")
    if isinstance(stored, list):
        return {
            d["path"]: Source(d["path"], d["kind"], float(d["indexed_at"]), int(d["documents"]),
                              tuple(tuple(e) for e in d["errors"]), tuple(tuple(i) for i in d["inputs"]))
            for d in stored
        }
    signature = meta.get("signature") or {}
    built = float(meta.get("built_at") or 0.0)
    out: dict[str, Source] = {}
    for path, fingerprint in signature.get("inputs") or ():  # type: ignore[union-attr]
        if fingerprint != "missing":
            key = normalise(path)
            out[key] = Source(key, "file", built, 1, (), ((path, fingerprint),))
    return out
