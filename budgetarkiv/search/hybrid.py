"""Hybrid retrieval: Danish BM25 and dense (FAISS) rankings fused into one score.

Fusion (`Settings.fusion`): by default "score", BM25 scaled by its best score plus a weighted, min-max
scaled cosine (measured best on the gold questions); "rrf", weighted reciprocal rank fusion, on request.

Filters (year, note id, document type) become a row mask applied inside both retrievers before their
top-k cut. Years and note ids named in the query act as soft filters (a boost, never an exclusion).
Passages repeated in several versions of one note are collapsed into the best-ranked one.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Annotated, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from budgetarkiv.core.models import note_from_jsonable
from budgetarkiv.core.settings import Settings
from budgetarkiv.index.dense import DenseIndex
from budgetarkiv.index.english import EnglishBridge
from budgetarkiv.index.lexical import LexicalIndex
from budgetarkiv.index.store import BM25_DIR, FAISS_NAME, open_current
from budgetarkiv.search.history import ProgrammeHistory, build_histories

Mode = Literal["hybrid", "bm25", "dense"]
_YEAR = re.compile(r"\b(20[0-4]\d)\b")
_NOTE_ID = re.compile(r"\b([A-ZÆØÅ]{2,4})\s?(\d{1,3}[a-z]?)\b")
SOFT_BOOST = 1.5
CANDIDATES = 100


class IndexMissing(RuntimeError):
    """No index has been built in the configured directory."""


class Filters(BaseModel):
    """Limits a search, question or inquiry to a budget year, a note, a document type or an administration."""

    # Built and checked here once for HTTP, MCP and the CLI. Unknown keys are refused, so a misspelt filter
    # is an error instead of a silently wider search.

    model_config = ConfigDict(frozen=True, extra="forbid")
    year: int | None = Field(None, ge=1990, le=2100, description="The note's budget year, e.g. 2024")
    note_id: str | None = Field(None, min_length=1, max_length=20, pattern=r"^[A-Za-zÆØÅæøå]{1,6}\s?\d{1,4}[a-zA-Z]?$",
                                description="Note id, e.g. BI18")
    doc_type: Literal["budget_note", "answer", "other"] | None = Field(
        None, description="budget_note, answer (to a council member's question) or other")
    administration: str | None = Field(None, min_length=1, max_length=200,
                                       description="Administration (forvaltning), or a part of its name")

    def is_empty(self) -> bool:
        return self.year is None and self.note_id is None and self.doc_type is None and not self.administration


@dataclass(frozen=True)
class Version:
    doc_id: str
    source: str


Internal = Field(exclude=True)  # a field the search needs that JSON (HTTP, MCP, CLI) leaves out


@dataclass(frozen=True)
class Hit:
    """One retrieved passage with everything a citation needs."""

    row: Annotated[int, Internal]
    chunk_id: str
    doc_id: Annotated[str, Field(description="Content hash of the file")]
    source: Annotated[str, Field(description="The file the passage comes from")]
    doc_type: Annotated[str, Internal]
    kind: Annotated[str, Field(description="prose, table or answer")]
    note_id: Annotated[str | None, Field(description="Note id, e.g. BI23")]
    budget_year: int | None
    title: str | None
    section: Annotated[str | None, Field(description="Section heading the passage stands under")]
    scenario: str | None
    page: int | None
    text: str
    score: Annotated[float, Field(description="Fused score (higher is better; comparable within one query)")]
    retrievers: Annotated[tuple[str, ...], Field(description="Which retrievers found it: bm25, dense")]
    table_index: Annotated[int | None, Internal] = None
    start: Annotated[int, Internal] = 0
    end: Annotated[int, Internal] = 0
    bm25_score: Annotated[float, Internal] = 0.0
    dense_score: Annotated[float, Internal] = 0.0
    also_in: Annotated[tuple[str, ...], Field(description="Other versions holding the same passage")] = ()
    versions: Annotated[tuple[Version, ...], Field(description="All versions of the note, newest first")] = field(
        default=())


class Searcher:
    """Everything a query needs, loaded once from the current index generation."""

    def __init__(self, settings: Settings, embedder=None, bridge: EnglishBridge | None = None) -> None:
        opened = open_current(settings.index_dir)
        if opened is None:
            raise IndexMissing(
                f"No index in {settings.index_dir}: run `budgetarkiv index` (or `bash run.sh`) first."
            )
        self.generation, self.store = opened
        self.settings = settings
        self._embedder = embedder
        self.meta = self.store.meta()
        self.dense = DenseIndex.load(self.generation / FAISS_NAME)
        self.lexical = LexicalIndex.load(self.generation / BM25_DIR, bridge if bridge is not None else EnglishBridge.from_system())
        rows = list(self.store.chunk_rows())
        self._rows = rows
        self._years = np.array([r["budget_year"] or 0 for r in rows], dtype=np.int32)
        self._note_ids = np.array([(r["note_id"] or "").upper() for r in rows], dtype=object)
        self._doc_types = np.array([r["doc_type"] or "" for r in rows], dtype=object)
        admin_of = {d["doc_id"]: (d["administration"] or "").lower() for d in self.store.documents()}
        self._administrations = np.array([admin_of.get(r["doc_id"], "") for r in rows], dtype=object)
        self.versions = self._version_groups()
        self.known_note_ids = frozenset(n for n in self._note_ids if n)
        self.known_years = frozenset(int(y) for y in self._years if y)

    @functools.cached_property
    def histories(self) -> list[ProgrammeHistory]:
        """Every programme's history in this generation (built on first use: it reads every note)."""
        notes = (self.store.note_json(d["doc_id"]) for d in self.store.documents())
        return build_histories(note_from_jsonable(n) for n in notes if n)

    @property
    def embedder(self):
        if self._embedder is None:
            from budgetarkiv.index.encoders import Embedder

            self._embedder = Embedder(self.settings)
        return self._embedder

    def close(self) -> None:
        self.store.close()

    def _version_groups(self) -> dict[str, tuple[Version, ...]]:
        """doc_id → all versions of its note (same budget year and note id), most recent first.

        The archive holds no version dates, and file times are not reliable (a copy or a clone resets
        them), so: a version with the full head ("Budget 2024" on top) before one without (a draft), then
        file order.
        """
        groups: dict[tuple[int, str], list] = {}
        for d in self.store.documents():
            if d["note_id"] and d["budget_year"]:
                groups.setdefault((d["budget_year"], d["note_id"].upper()), []).append(d)
        out: dict[str, tuple[Version, ...]] = {}
        for docs in groups.values():
            docs.sort(key=lambda d: (d["year_from"] != "head", d["source"]))
            versions = tuple(Version(d["doc_id"], d["source"]) for d in docs)
            for d in docs:
                out[d["doc_id"]] = versions
        return out

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

    def search(self, query: str, k: int = 10, filters: Filters | None = None, mode: Mode = "hybrid") -> list[Hit]:
        allowed = self.mask(filters)
        n = max(CANDIDATES, 3 * k)
        lexical = self.lexical.search(query, n, allowed) if mode in ("hybrid", "bm25") else []
        dense = (
            self.dense.search(self.embedder.encode_query(query), n, allowed) if mode in ("hybrid", "dense") else []
        )
        fused = fuse(lexical, dense, self.settings.fusion, self.settings.dense_weight if mode == "hybrid" else 1.0,
                     self.settings.rrf_k)
        found: dict[int, set[str]] = {}
        scores: dict[int, dict[str, float]] = {}
        for name, ranking in (("bm25", lexical), ("dense", dense)):
            for row, score in ranking:
                found.setdefault(row, set()).add(name)
                scores.setdefault(row, {})[name] = score
        boost_years, boost_notes = self._soft_filters(query)
        for row in fused:
            if boost_years and self._years[row] in boost_years:
                fused[row] *= SOFT_BOOST
            if boost_notes and self._note_ids[row] in boost_notes:
                fused[row] *= SOFT_BOOST
        ranked = sorted(fused, key=lambda r: (-fused[r], r))
        return self._collapse_versions(  # lazily: only the hits up to the k-th kept one are built
            (self._hit(r, fused[r], found[r], scores[r]) for r in ranked), k
        )

    def _soft_filters(self, query: str) -> tuple[set[int], set[str]]:
        years = {int(y) for y in _YEAR.findall(query)} & set(self.known_years)
        notes = {f"{a}{b}".upper() for a, b in _NOTE_ID.findall(query)} & set(self.known_note_ids)
        return years, notes

    def _hit(self, row: int, score: float, found: set[str], scores: dict[str, float]) -> Hit:
        r = self._rows[row]
        return Hit(
            row=row, chunk_id=r["chunk_id"], doc_id=r["doc_id"], source=r["source"], doc_type=r["doc_type"],
            kind=r["kind"], note_id=r["note_id"], budget_year=r["budget_year"], title=r["title"],
            section=r["section"], scenario=r["scenario"], page=r["page"], text=r["text"], score=float(score),
            retrievers=tuple(sorted(found)), table_index=r["table_index"], start=r["start"], end=r["end"],
            bm25_score=float(scores.get("bm25", 0.0)), dense_score=float(scores.get("dense", 0.0)),
            versions=self.versions.get(r["doc_id"], ()),
        )

    def _collapse_versions(self, hits: Iterable[Hit], k: int) -> list[Hit]:
        """Keep the best-ranked of near-identical passages from versions of the same note."""
        kept: list[Hit] = []
        for hit in hits:
            twin = next((i for i, h in enumerate(kept) if self._same_passage(h, hit)), None)
            if twin is None:
                kept.append(hit)
                if len(kept) >= k:
                    break
            else:
                h = kept[twin]
                kept[twin] = replace(h, also_in=h.also_in + (hit.source,))
        return kept

    def _same_passage(self, a: Hit, b: Hit) -> bool:
        if a.doc_id == b.doc_id or not a.versions or a.versions != b.versions:
            return False
        wa, wb = _word_set(a.text), _word_set(b.text)
        union = len(wa | wb)
        return union > 0 and len(wa & wb) / union >= 0.8


def _word_set(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", text.lower()))


def fuse(
    lexical: list[tuple[int, float]], dense: list[tuple[int, float]], method: str, dense_weight: float, rrf_k: int
) -> dict[int, float]:
    """Combine the two rankings.

    "score": BM25 scaled by its best score plus `dense_weight` times the min-max scaled cosine - measured
    best on the gold questions (it keeps Danish BM25 rankings and lets the dense side break ties and
    rescue English questions). "rrf": weighted reciprocal rank fusion, 1/(rrf_k + rank).
    """
    fused: dict[int, float] = {}
    if method == "rrf":
        for weight, ranking in ((1.0, lexical), (dense_weight, dense)):
            for rank, (row, _) in enumerate(ranking):
                fused[row] = fused.get(row, 0.0) + weight / (rrf_k + rank + 1)
        return fused
    top = max((s for _, s in lexical), default=0.0)
    for row, s in lexical:
        fused[row] = s / top if top > 0 else 0.0
    if dense:
        values = [s for _, s in dense]
        lo, hi = min(values), max(values)
        for row, s in dense:
            fused[row] = fused.get(row, 0.0) + dense_weight * ((s - lo) / (hi - lo) if hi > lo else 1.0)
    return fused
