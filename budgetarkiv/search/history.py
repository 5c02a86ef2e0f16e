"""A programme's money across budget years: notes linked into programmes, amounts as a history.

Notes are linked by evidence a person can check, never by note id alone (ids are reused for other
programmes in other years):
- versions: the same (budget year, note id);
- continuation: a later note that asks to continue ("videreførelse", "udløb", "forlængelse") and whose
  title matches the earlier note's title, or whose "Tidligere afsatte midler" table names the budget
  agreement of the earlier note's year while its text names the earlier programme.
Each amount keeps its price level, unit, scenario and source cell; amounts of different price levels are
never merged into one series.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from budgetarkiv.core.models import Amount, BudgetTable, Note
from budgetarkiv.core.text import collapse_ws

EARLIER_GRANTS_RE = re.compile(r"tidligere\s+afsatte\s+midler", re.IGNORECASE)
_AGREEMENT_RE = re.compile(r"budget(?:aftale|forlig|vedtagelse)\w*\s+(?:for\s+)?(\d{4})", re.IGNORECASE)
_CONTINUATION_RE = re.compile(
    r"videreførelse|videreføre|\budløb|bevillingsudløb|forlængelse|forlænge|fortsættelse|permanentgørelse",
    re.IGNORECASE,
)
_TITLE_NOISE_RE = re.compile(r"\((?:bevillings)?udløb\)|videreførelse\s+af|[’'‘\"“”()–—-]", re.IGNORECASE)
TITLE_MATCH = 80  # rapidfuzz token_set_ratio of two titles that name one programme
NAMED_IN_TEXT = 85  # partial_ratio of an earlier title inside the later note's text


@dataclass(frozen=True)
class Link:
    """Why two notes belong to one programme: shown to the user as the link's evidence."""

    kind: str  # "version" | "continuation"
    earlier: str  # doc_id
    later: str  # doc_id
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class HistoryPoint:
    """One amount of one year, with everything its citation needs."""

    year: str
    amount: Amount
    kind: str  # "granted" (earlier budget agreements) | "proposed" (the note's own request)
    series: str  # "Budgetaftale 2020" | "Scenarie 1" | "Forslag"
    price_level: str | None
    unit: str | None
    budget_year: int | None  # the note's budget year
    note_id: str | None
    doc_id: str
    source: str
    table: str
    row: str
    page: int | None


@dataclass(frozen=True)
class ProgrammeHistory:
    programme_id: str  # "<note id>-<budget year>" of the newest note, e.g. "BI18-2024"
    title: str
    doc_ids: tuple[str, ...]  # newest version of each linked note, newest budget year first
    versions: tuple[str, ...]  # every doc_id of every linked note, versions included
    links: tuple[Link, ...]
    points: tuple[HistoryPoint, ...]

    @property
    def price_levels(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.price_level or "ukendt p/l" for p in self.points))


def programme_id(note: Note) -> str:
    return f"{note.note_id or note.doc_id}-{note.budget_year or 'x'}"


def _clean_title(title: str | None) -> str:
    return collapse_ws(_TITLE_NOISE_RE.sub(" ", title or "")).lower()


def agreement_years(note: Note) -> set[int]:
    """Budget years named in the note's earlier-grants tables ("Budgetaftale 2020" -> 2020)."""
    years: set[int] = set()
    for table in note.tables:
        if EARLIER_GRANTS_RE.search(table.title) or table.section == "Tidligere afsatte midler":
            for row in table.rows:
                years.update(int(y) for y in _AGREEMENT_RE.findall(row.label))
    return years


def continuation_evidence(earlier: Note, later: Note) -> tuple[str, ...]:
    """The reasons `later` continues `earlier`'s programme; empty when it does not."""
    if not earlier.budget_year or not later.budget_year or later.budget_year <= earlier.budget_year:
        return ()
    if earlier.doc_type != "budget_note" or later.doc_type != "budget_note":
        return ()
    continues = _CONTINUATION_RE.search(f"{later.title or ''}\n{later.text[:4000]}")
    if not continues:
        return ()
    evidence = [f"{later.note_id} ({later.budget_year}) beder om {continues.group(0).lower()}"]
    a, b = _clean_title(earlier.title), _clean_title(later.title)
    title_score = fuzz.token_set_ratio(a, b) if a and b else 0.0
    if title_score >= TITLE_MATCH:
        evidence.append(f"titlerne ligner hinanden ({title_score:.0f} %): »{earlier.title}« / »{later.title}«")
        return tuple(evidence)
    if earlier.budget_year in agreement_years(later):
        named = fuzz.partial_ratio(a, _clean_title(later.text)) if a else 0.0
        if named >= NAMED_IN_TEXT:
            evidence.append(f"»Tidligere afsatte midler« nævner Budgetaftale {earlier.budget_year}")
            evidence.append(f"teksten nævner »{earlier.title}« ({named:.0f} %)")
            return tuple(evidence)
    return ()


def _newest_first(versions: Sequence[Note]) -> list[Note]:
    """A version with the full head ("Budget 2024" on top) before a draft, then archive order."""
    return sorted(versions, key=lambda n: (n.budget_year_from != "head", n.source))


def _proposal_tables(note: Note) -> list[BudgetTable]:
    """The note's own overview tables, one per scenario (sub-tables per steering area left out)."""
    money = [t for t in note.tables if t.kind == "money" and t.years and any(r.is_sum for r in t.rows)]
    money = [t for t in money if not EARLIER_GRANTS_RE.search(t.title) and t.section != "Tidligere afsatte midler"]
    economy = [t for t in money if t.section == "Økonomi"] or money
    chosen: dict[str, BudgetTable] = {}
    for t in economy:
        key = t.scenario or "Forslag"
        if " og " in key.lower():
            continue  # "Scenarie 1 og 2": a shared sub-table, not a scenario's own total
        chosen.setdefault(key, t)
    return list(chosen.values())


def _points(note: Note) -> list[HistoryPoint]:
    out: list[HistoryPoint] = []

    def add(table: BudgetTable, label: str, amounts: dict, kind: str, series: str) -> None:
        for year, amount in sorted(amounts.items()):
            out.append(HistoryPoint(
                year=year, amount=amount, kind=kind, series=series, price_level=table.price_level,
                unit=table.unit, budget_year=note.budget_year, note_id=note.note_id, doc_id=note.doc_id,
                source=note.source, table=table.title, row=label, page=table.page,
            ))

    for table in note.tables:
        if table.kind == "money" and (EARLIER_GRANTS_RE.search(table.title) or table.section == "Tidligere afsatte midler"):
            for row in table.rows:
                if not row.is_sum:
                    add(table, row.label, dict(row.amounts), "granted", collapse_ws(row.label))
    for table in _proposal_tables(note):
        total = next(r for r in table.rows if r.is_sum)
        add(table, total.label, dict(total.amounts), "proposed", table.scenario or "Forslag")
    return out


def build_histories(notes: Iterable[Note]) -> list[ProgrammeHistory]:
    """Every budget note's programme with its linked notes and amounts, newest programme first."""
    groups: dict[tuple[int | None, str], list[Note]] = {}
    for n in notes:
        if n.doc_type == "budget_note" and n.note_id:
            groups.setdefault((n.budget_year, n.note_id), []).append(n)
    heads = {key: _newest_first(vs)[0] for key, vs in groups.items()}
    # union-find over notes (by group key), linked by continuation evidence
    parent = {key: key for key in heads}

    def root(k: tuple[int | None, str]) -> tuple[int | None, str]:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    links: list[Link] = []
    for ka, a in heads.items():
        for kb, b in heads.items():
            evidence = continuation_evidence(a, b)
            if evidence:
                links.append(Link("continuation", a.doc_id, b.doc_id, evidence))
                parent[root(ka)] = root(kb)
    for key, versions in groups.items():
        newest = heads[key]
        links += [
            Link("version", v.doc_id, newest.doc_id, (f"samme notat-id {key[1]} i budget {key[0]}",))
            for v in versions if v is not newest
        ]
    members: dict[tuple[int | None, str], list[tuple[int | None, str]]] = {}
    for key in heads:
        members.setdefault(root(key), []).append(key)
    histories = []
    for keys in members.values():
        keys.sort(key=lambda k: (k[0] or 0, k[1]), reverse=True)
        newest = heads[keys[0]]
        doc_ids = tuple(heads[k].doc_id for k in keys)
        versions = tuple(v.doc_id for k in keys for v in _newest_first(groups[k]))
        points = tuple(p for k in keys for p in _points(heads[k]))
        own = tuple(ln for ln in links if ln.later in versions or ln.earlier in versions)
        histories.append(ProgrammeHistory(programme_id(newest), newest.title or "", doc_ids, versions, own, points))
    histories.sort(key=lambda h: h.programme_id)
    return histories


def find_history(histories: Sequence[ProgrammeHistory], key: str) -> ProgrammeHistory | None:
    """The programme named by its id ("BI18-2024"), or holding the document `key`."""
    for h in histories:
        if h.programme_id.casefold() == key.casefold() or key in h.versions:
            return h
    return None
