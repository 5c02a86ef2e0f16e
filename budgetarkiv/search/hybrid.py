"""Hybrid retrieval: Danish BM25 and dense rankings fused into one score, over either stored index.

Fusion (`Settings.fusion`): by default "score", BM25 scaled by its best score plus a weighted, min-max
scaled cosine (measured best on the tuning questions: the gold file and the archive's dev split, see
benchmarks/bench_retrieval.py); "rrf", weighted reciprocal rank fusion, on request.

Filters (year, note id, document type, administration) apply inside both retrievers before their
top-k cut (a row mask over the files; WHERE clauses in PostgreSQL). Years and note ids named in the
query act as soft filters (a boost, never an exclusion): a note id boosts that note; a year boosts the
documents that hold it as the question means it (`year_fits`).
Passages repeated in several versions of one note are collapsed into the best-ranked one.
"""
from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Annotated, Literal

from pydantic import Field

from budgetarkiv.core.models import note_from_jsonable
from budgetarkiv.core.names import document_name, version_label, version_rank
from budgetarkiv.core.settings import Settings
from budgetarkiv.core.text import years_in
from budgetarkiv.index.backends import IndexMissing, open_index
from budgetarkiv.index.english import EnglishBridge
from budgetarkiv.index.queries import Filters
from budgetarkiv.search.history import ProgrammeHistory, agreement_years, build_histories, continuation_evidence
from budgetarkiv.search.query import Query, analyse

Mode = Literal["hybrid", "bm25", "dense"]
_NOTE_ID = re.compile(r"\b([A-ZÆØÅ]{2,4})\s?(\d{1,3}[a-z]?)\b")
_PERIOD = re.compile(r"\b((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d|\d\d)\b")
MAX_PERIOD = 20  # years a period in a head may span ("2026-2028"); longer is no period
SOFT_BOOST = 1.5
NEWEST_PREFERENCE = 1.1  # a note's newest version before its superseded drafts when no version is asked for
# a summary page or translation naming a note the archive holds restates it: the note itself, whose tables and
# sections are the source, ranks first when both match
RESTATEMENT_SHARE = 0.85
# ... and when the restatement still ranks above the note (an English summary matches an English question's own
# words, which the Danish note holds only through the dictionary), the note is lifted above it when it scores at
# least this share of it: the note holds everything its summary restates, and the tables and details it leaves out
RESTATED_NOTE_SHARE = 0.5
CANDIDATES = 100
CONTINUATION_SHARE = 0.8  # a continuation ranks before its earlier note when it scores at least this share of it
CONTINUATION_DOCUMENTS = 10  # ... among this many best-ranked documents


@dataclass(frozen=True)
class Version:
    """One version of a note, as a person names it."""

    doc_id: str
    source: Annotated[str, Field(description="The file (for links and tools, not for people)")]
    label: Annotated[str | None, Field(description='"udkast", "endelig version" or "version 2 af 2" (newest highest)')] = None
    name: Annotated[str, Field(description="The document as people name it: note id, title, budget year, version")] = ""


@dataclass(frozen=True)
class DocumentYears:
    """What a document says about years, for the soft year boost."""

    budget_year: int | None
    table_years: frozenset[int] = frozenset()  # the amount columns of its tables
    agreements: frozenset[int] = frozenset()  # budget agreements its "Tidligere afsatte midler" tables name
    headed: frozenset[int] = frozenset()  # the years the head of a document without amount tables names


def year_fits(doc: DocumentYears, query: Query) -> bool:
    """Whether a document holds the years the question names, as the question means them.

    "Budget 2026" names a note's budget year. "Budgetaftale 2021" names an agreement: the notes that list
    its grants fit. A plain year ("i 2026", "in 2021") names an amount column: every note whose tables hold
    that year fits, whatever its budget year (a 2019 note's table runs to 2022; the 2021 note of another
    programme must not win on its budget year alone). A document without tables (minutes, letters, an
    agreement) fits by its own year, and by the years its head names: a status note "... 2026-2028" reports
    on each of them.
    """
    own = {doc.budget_year} if doc.budget_year and not doc.table_years else set()
    if query.budget_year is not None:
        return doc.budget_year == query.budget_year
    if query.agreement_years:
        return bool(set(query.agreement_years) & (doc.agreements | own))
    return bool(set(query.years) & (doc.table_years | own | doc.headed))


def document_years(note) -> DocumentYears:
    """The years a stored note holds (`core.models.Note`)."""
    years = {int(y) for t in note.tables for y in t.years if str(y).isdigit()}
    headed = set() if years else head_years(note.text)
    return DocumentYears(note.budget_year, frozenset(years), frozenset(agreement_years(note)), frozenset(headed))


def head_years(text: str) -> set[int]:
    """The years a document's first line names, a period ("2026-2028", "2026–28") as all its years."""
    head = next((line for line in text.splitlines() if line.strip()), "")
    years = years_in(head)
    for a, b in _PERIOD.findall(head):
        lo, hi = int(a), int(b if len(b) == 4 else a[:2] + b)
        if 0 < hi - lo <= MAX_PERIOD:
            years.update(range(lo, hi + 1))
    return years


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
    also_in: Annotated[tuple[Version, ...], Field(description="Other versions holding the same passage")] = ()
    versions: Annotated[tuple[Version, ...], Field(description="All versions of the note, newest first")] = field(
        default=())
    version: Annotated[str | None, Field(description='Which version this is: "udkast", "version 2 af 2" ...')] = None
    document: Annotated[str, Field(description="The document as people name it: note id, title, budget year, "
                                               "version (the file name only when it has none of these)")] = ""

    def version_doc(self, wanted: str | None = None) -> str:
        """The document whose figures answer: the note's oldest version when the question asks for the draft
        ("udkastet", "the first draft"), else its newest (a draft's figures are superseded)."""
        if not self.versions:
            return self.doc_id
        return self.versions[-1 if wanted == "draft" else 0].doc_id


class Searcher:
    """Hybrid search over the stored index the settings name (files or PostgreSQL)."""

    def __init__(self, settings: Settings, embedder=None, bridge: EnglishBridge | None = None) -> None:
        self.index = open_index(settings, bridge if bridge is not None else EnglishBridge.from_system())
        self.settings = settings
        self._embedder = embedder
        self._revision = self.index.revision()
        self._load_catalog()

    def _load_catalog(self) -> None:
        """What the searcher keeps of the documents: version groups, known note ids and years."""
        documents = list(self.store.documents())
        self._versions = self._version_groups(documents)
        self._names = self._names_of(documents)
        self._known_note_ids = frozenset((d["note_id"] or "").upper() for d in documents if d["note_id"])
        self._budget_note_ids = frozenset(
            (d["note_id"] or "").upper() for d in documents if d["note_id"] and d["doc_type"] == "budget_note")
        self._known_years = frozenset(int(d["budget_year"]) for d in documents if d["budget_year"])
        self._document_years: dict[str, DocumentYears] = {}  # filled as documents come up in results
        self._continues: dict[tuple[str, str], bool] = {}  # (earlier, later) doc_id → later continues earlier
        self.__dict__.pop("histories", None)  # built again on first use

    def refresh(self) -> None:
        """Pick up documents another process indexed (PostgreSQL); a no-op for a files generation."""
        revision = self.index.revision()
        if revision != self._revision:
            self.index.refresh()
            self._load_catalog()
            self._revision = revision

    @property
    def versions(self) -> dict[str, tuple[Version, ...]]:
        """doc_id → all versions of its note, most recent first."""
        self.refresh()
        return self._versions

    @property
    def names(self) -> dict[str, Version]:
        """doc_id → the document as people name it (`core.names`), with its version label."""
        self.refresh()
        return self._names

    @property
    def known_note_ids(self) -> frozenset[str]:
        self.refresh()
        return self._known_note_ids

    @property
    def known_years(self) -> frozenset[int]:
        self.refresh()
        return self._known_years

    @property
    def store(self):
        return self.index.store

    @property
    def lexical(self):
        return self.index.lexical

    @property
    def dense(self):
        return self.index.dense

    @property
    def meta(self) -> dict[str, object]:
        return self.index.meta

    @property
    def generation(self):
        return self.index.generation

    @functools.cached_property
    def histories(self) -> list[ProgrammeHistory]:
        """Every programme's history in the archive (built on first use: it reads every note)."""
        notes = (self.store.note_json(d["doc_id"]) for d in self.store.documents())
        return build_histories(note_from_jsonable(n) for n in notes if n)

    @property
    def embedder(self):
        if self._embedder is None:
            from budgetarkiv.index.encoders import load_encoder

            self._embedder = load_encoder(self.settings)
        return self._embedder

    @functools.cached_property
    def dense_usable(self) -> bool:
        """The query encoder is the one the index was embedded with (else its vectors mean nothing here)."""
        built_with = self.meta.get("encoder")
        if built_with is None or built_with == self.embedder.name:
            return True
        logging.getLogger("budgetarkiv.search").warning(
            "Indekset er indlejret med %s, men %s er indlæst: den semantiske søgning er slået fra, indtil "
            "indekset bygges igen (budgetarkiv index).", built_with, self.embedder.name)
        return False

    def close(self) -> None:
        self.index.close()

    def _version_groups(self, documents) -> dict[str, tuple[Version, ...]]:
        """doc_id → all versions of its note (same budget year and note id), most recent first.

        The archive holds no version dates, and file times are not reliable (a copy or a clone resets
        them), so: a version whose head says "endelig version" or "rettet version" first and one saying "udkast"
        or "1. version" last (`version_rank`), then one
        with the full head ("Budget 2024" on top) before one without (a draft), then file order. Each is
        labelled by what its head says, else by its place ("version 1 af 2" is the oldest).
        """
        groups: dict[tuple[int, str], list] = {}
        for d in documents:
            # only budget notes are versions of a note: a summary page or a letter naming its id is not
            if d["note_id"] and d["budget_year"] and d["doc_type"] == "budget_note":
                groups.setdefault((d["budget_year"], d["note_id"].upper()), []).append(d)
        out: dict[str, tuple[Version, ...]] = {}
        for docs in groups.values():
            stated = {d["doc_id"]: (self.store.note_json(d["doc_id"]) or {}).get("stated_version")
                      for d in docs} if len(docs) > 1 else {}  # one version needs no label: no note is read
            docs.sort(key=lambda d: (version_rank(stated.get(d["doc_id"])), d["year_from"] != "head", d["source"]))
            n = len(docs)
            versions = []
            for i, d in enumerate(docs):
                label = version_label(n - i, n, stated.get(d["doc_id"]))
                name = document_name(d["note_id"], d["title"], d["budget_year"], label, source=d["source"])
                versions.append(Version(d["doc_id"], d["source"], label, name))
            for d in docs:
                out[d["doc_id"]] = tuple(versions)
        return out

    def _names_of(self, documents) -> dict[str, Version]:
        """doc_id → the document as people name it (every document, versions or not)."""
        out: dict[str, Version] = {}
        for d in documents:
            own = next((v for v in self._versions.get(d["doc_id"], ()) if v.doc_id == d["doc_id"]), None)
            out[d["doc_id"]] = own or Version(d["doc_id"], d["source"], None, document_name(
                d["note_id"], d["title"], d["budget_year"], source=d["source"]))
        return out

    def search(self, query: str, k: int = 10, filters: Filters | None = None, mode: Mode = "hybrid") -> list[Hit]:
        self.refresh()
        n = max(CANDIDATES, 3 * k)
        asked, boost_notes = self._soft_filters(query)
        lexical = self.index.lexical_search(asked.search_text, n, filters) if mode in ("hybrid", "bm25") else []
        dense = (
            self.index.dense_search(self.embedder.encode_query(query), n, filters)
            if mode in ("hybrid", "dense") and self.dense_usable else []
        )
        fused = fuse(lexical, dense, self.settings.fusion, self.settings.dense_weight if mode == "hybrid" else 1.0,
                     self.settings.rrf_k)
        found: dict[int, set[str]] = {}
        scores: dict[int, dict[str, float]] = {}
        for name, ranking in (("bm25", lexical), ("dense", dense)):
            for row, score in ranking:
                found.setdefault(row, set()).add(name)
                scores.setdefault(row, {})[name] = score
        passages = self.index.passages(list(fused))
        fused = {row: score for row, score in fused.items() if row in passages}  # gone since (another process)
        dated = bool(asked.years or asked.budget_year or asked.agreement_years)
        for row in fused:
            p = passages[row]
            if dated and year_fits(self._years_of(p["doc_id"]), asked):
                fused[row] *= SOFT_BOOST
            if boost_notes and (p["note_id"] or "").upper() in boost_notes:
                fused[row] *= SOFT_BOOST
            if asked.version and self._is_version(p["doc_id"], asked.version):
                fused[row] *= SOFT_BOOST
            elif not asked.version and self._is_version(p["doc_id"], "final"):
                fused[row] *= NEWEST_PREFERENCE
            if p["doc_type"] != "budget_note" and (p["note_id"] or "").upper() in self._budget_note_ids:
                fused[row] *= RESTATEMENT_SHARE
        self._notes_before_restatements(fused, passages)
        self._continuations_first(fused, passages, asked, boost_notes)
        ranked = sorted(fused, key=lambda r: (-fused[r], r))
        return self._collapse_versions(  # lazily: only the hits up to the k-th kept one are built
            (self._hit(passages[r], fused[r], found[r], scores[r]) for r in ranked), k
        )

    def neighbours(self, hit: Hit, span: int = 60) -> list[Hit]:
        """The passages of the hit's document stored around it, in order, unscored (a document's passages are
        stored together): for reading a whole note once the answer knows which note it is about."""
        rows = self.index.passages(list(range(max(0, hit.row - span), hit.row + span + 1)))
        return [self._hit(rows[r], 0.0, set(), {}) for r in sorted(rows) if rows[r]["doc_id"] == hit.doc_id]

    def _soft_filters(self, query: str) -> tuple[Query, set[str]]:
        """The years the question names (`search.query`) and the known note ids it names. A budget year no
        note has ("afsat i Budget 2021" with no Budget 2021 note) is taken as an amount year."""
        asked = analyse(query)
        if asked.budget_year is not None and asked.budget_year not in self._known_years:
            asked = replace(asked, budget_year=None, years=tuple(sorted({*asked.years, asked.budget_year})))
        notes = {f"{a}{b}".upper() for a, b in _NOTE_ID.findall(query)} & self._known_note_ids
        return asked, notes

    def _is_version(self, doc_id: str, wanted: str) -> bool:
        """Whether the document is the version asked for: "final" the newest, "draft" the oldest of several."""
        versions = self._versions.get(doc_id, ())
        if len(versions) < 2:
            return False
        return versions[0 if wanted == "final" else -1].doc_id == doc_id

    def _notes_before_restatements(self, fused: dict[int, float], passages) -> None:
        """A note's passages lifted just above a summary or translation restating it (in place)."""
        ranked: list[Ranked] = []
        for row in sorted(fused, key=lambda r: (-fused[r], r)):
            p = passages[row]
            if all(r.doc_id != p["doc_id"] for r in ranked):
                if len(ranked) >= CONTINUATION_DOCUMENTS:
                    break
                ranked.append(Ranked(p["doc_id"], fused[row], p["doc_type"], (p["note_id"] or "").upper()))
        lifts = restated_note_lifts(ranked)
        for row in fused:
            fused[row] *= lifts.get(passages[row]["doc_id"], 1.0)

    def _continuations_first(self, fused: dict[int, float], passages, asked: Query, boost_notes: set[str]) -> None:
        """A programme's later note before its earlier one (in place), unless the question tells them apart.

        A continuation ("videreførelse", `search.history.continuation_evidence`) restates the earlier note's
        programme, lists its grants and reports its results, so a question about the programme is answered
        by the later note. When the later note scores at least CONTINUATION_SHARE of the earlier one, its
        passages are lifted just above the earlier note's best. A year, note id or version in the question
        that fits one of the two and not the other has already decided (the soft boosts) and is left alone.
        """
        best: dict[str, float] = {}
        for row in sorted(fused, key=lambda r: (-fused[r], r)):
            doc = passages[row]["doc_id"]
            if doc not in best:
                if len(best) >= CONTINUATION_DOCUMENTS:
                    break
                best[doc] = fused[row]
        meta = {d: next(passages[r] for r in fused if passages[r]["doc_id"] == d) for d in best}
        notes = [d for d in best if meta[d]["doc_type"] == "budget_note" and meta[d]["budget_year"]]
        for i, earlier in enumerate(notes):
            for later in notes[i + 1:]:
                if meta[later]["budget_year"] <= meta[earlier]["budget_year"]:
                    continue
                if best[later] < CONTINUATION_SHARE * best[earlier] or best[later] >= best[earlier]:
                    continue
                if self._told_apart(meta[earlier], meta[later], asked, boost_notes):
                    continue
                if not self._continues_from(earlier, later):
                    continue
                lift = best[earlier] / best[later] * 1.001
                for row in fused:
                    if passages[row]["doc_id"] == later:
                        fused[row] *= lift
                best[later] *= lift

    def _told_apart(self, a, b, asked: Query, boost_notes: set[str]) -> bool:
        dated = bool(asked.years or asked.budget_year or asked.agreement_years)
        if dated and year_fits(self._years_of(a["doc_id"]), asked) != year_fits(self._years_of(b["doc_id"]), asked):
            return True
        return bool(boost_notes) and (((a["note_id"] or "").upper() in boost_notes)
                                      != ((b["note_id"] or "").upper() in boost_notes))

    def _continues_from(self, earlier: str, later: str) -> bool:
        if (earlier, later) not in self._continues:
            a, b = self.store.note_json(earlier), self.store.note_json(later)
            self._continues[earlier, later] = bool(a and b and continuation_evidence(
                note_from_jsonable(a), note_from_jsonable(b)))
        return self._continues[earlier, later]

    def _years_of(self, doc_id: str) -> DocumentYears:
        if doc_id not in self._document_years:
            data = self.store.note_json(doc_id)
            self._document_years[doc_id] = document_years(note_from_jsonable(data)) if data else DocumentYears(None)
        return self._document_years[doc_id]

    def _hit(self, r, score: float, found: set[str], scores: dict[str, float]) -> Hit:
        name = self._names.get(r["doc_id"])
        return Hit(
            row=int(r["row"]), chunk_id=r["chunk_id"], doc_id=r["doc_id"], source=r["source"], doc_type=r["doc_type"],
            kind=r["kind"], note_id=r["note_id"], budget_year=r["budget_year"], title=r["title"],
            section=r["section"], scenario=r["scenario"], page=r["page"], text=r["text"], score=float(score),
            retrievers=tuple(sorted(found)), table_index=r["table_index"], start=r["start"], end=r["end"],
            bm25_score=float(scores.get("bm25", 0.0)), dense_score=float(scores.get("dense", 0.0)),
            versions=self._versions.get(r["doc_id"], ()), version=name.label if name else None,
            document=name.name if name else document_name(r["note_id"], r["title"], r["budget_year"], source=r["source"]),
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
                kept[twin] = replace(h, also_in=h.also_in + (self._names.get(hit.doc_id) or Version(hit.doc_id, hit.source),))
        return kept

    def _same_passage(self, a: Hit, b: Hit) -> bool:
        if a.doc_id == b.doc_id or not a.versions or a.versions != b.versions:
            return False
        wa, wb = _word_set(a.text), _word_set(b.text)
        union = len(wa | wb)
        return union > 0 and len(wa & wb) / union >= 0.8


@dataclass(frozen=True)
class Ranked:
    """A document among the best-ranked: its best passage's score, its type and note id."""

    doc_id: str
    score: float
    doc_type: str
    note_id: str


def restated_note_lifts(ranked: Iterable[Ranked]) -> dict[str, float]:
    """doc_id → the factor that lifts a budget note just above a document restating it (a summary page or
    translation with the note's id) that ranks above it, when the note scores at least RESTATED_NOTE_SHARE of
    the restatement. The note holds all its summary says, and the tables and details the summary leaves out; an
    English summary ranks high on an English question because it shares the question's own words. The best-
    ranked budget note of an id is the one lifted (the newest version, when versions were ranked already)."""
    docs = list(ranked)
    notes: dict[str, Ranked] = {}
    for d in docs:
        if d.doc_type == "budget_note" and d.note_id:
            notes.setdefault(d.note_id, d)
    lifts: dict[str, float] = {}
    for d in docs:
        note = notes.get(d.note_id) if d.doc_type != "budget_note" else None
        if note is None:
            continue
        score = note.score * lifts.get(note.doc_id, 1.0)
        if RESTATED_NOTE_SHARE * d.score <= score < d.score:
            lifts[note.doc_id] = d.score / note.score * 1.001
    return lifts


def _word_set(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", text.lower()))


def fuse(
    lexical: list[tuple[int, float]], dense: list[tuple[int, float]], method: str, dense_weight: float, rrf_k: int
) -> dict[int, float]:
    """Combine the two rankings.

    "score": BM25 scaled by its best score plus `dense_weight` times the min-max scaled cosine. With
    multilingual-e5 a weight of 1.5 was best for English questions (first hit on the tuning questions 18
    of 19, 15 at 0.3-0.5) and about equal for Danish from 0.3 to 3 (69-70 of 75). RRF (k=60) lost Danish first
    hits on the archive (0.68-0.70 against 0.86). "rrf": weighted reciprocal rank fusion, 1/(rrf_k + rank).
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


__all__ = ["Searcher", "Hit", "Filters", "Version", "IndexMissing", "Ranked", "fuse", "restated_note_lifts"]
