"""Sums of what a budget agreement grants to the subjects a question names ("Hvor mange penge afsætter Aftale
om Budget 2026 i alt til aflastning og kulturpas?").

An agreement states its money in a table (a row per initiative, "Tabel 1. Nye initiativer") or in prose, one
section per initiative ("2.1 Aflastning til familier ...: Aftaleparterne afsætter 27,2 mio. kr. i 2026-2029
til ..."). Each subject counts only when exactly one row, or one section's heading (else its text), names it
best; its amount is the row's column of the year asked (its total when none is asked), or the first amount
the section grants (afsætter, afsættes, bevilger). A yearly prose amount ("3,2 mio. kr. årligt"), an
approximate one ("ca. 12 mio. kr."), a year asked of a prose amount, and a document stating no price level
for its prose all give no term, so no sum: terms of unknown price level are never added.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from budgetarkiv.answer.costs import Term, names, written_amount
from budgetarkiv.core.models import ProseAmount
from budgetarkiv.search.lookup import RowRecord

# "budgetaftalen for 2025", "Aftale om Budget 2026", "the Budget 2026 agreement", "the budget agreement"
_AGREEMENT = re.compile(
    r"\b(?:budgetaftale\w*|aftale(?:n)? om budget(?:\s+(?:19|20)\d\d)?|budget\s+(?:19|20)\d\d[\s-]+(?:aftale\w*|"
    r"agreement)|(?:the\s+)?budget agreement|agreement on (?:the )?budget(?:\s+(?:19|20)\d\d)?)\b", re.IGNORECASE)
# the year of the agreement named: it says which agreement, not which column ("budgetaftalen for 2025")
_AGREEMENT_YEAR = re.compile(
    r"\b(?:budgetaftale[n]?|aftale(?:n)? om budget|budget agreement|agreement on (?:the )?budget)\s+"
    r"(?:for\s+|of\s+|fra\s+)?((?:19|20)\d\d)\b|\bbudget\s+((?:19|20)\d\d)[\s-]+(?:aftale\w*|agreement)\b",
    re.IGNORECASE)
# a document that is an agreement says so in its head
_AGREEMENT_HEAD = re.compile(r"\b(?:aftale om budget|budgetaftale|budget agreement|agreement on the budget)\b",
                             re.IGNORECASE)
# "Beløbene er angivet i 2025 p/l", "Alle beløb er i mio. kr. i 2026 p/l": the price level of the prose amounts
_PRICE_LEVEL = re.compile(r"\b(?:beløb\w*|amounts?)\b[^.\n]{0,60}?\b((?:19|20)\d\d)[\s-]*(?:p/l|priser|prices)",
                          re.IGNORECASE)
# a numbered section heading on a line of its own: "3.1 Housing First for unge hjemløse", "2. Et socialt København"
_HEADING = re.compile(r"^[ \t]*(\d{1,2}(?:\.\d{1,2})*\.?)[ \t]+([A-ZÆØÅ][^\n]{0,80}?)[ \t]*$", re.MULTILINE)
_GRANTS = re.compile(r"\b(?:afsæt\w*|afsat\w*|bevilg\w*|tilfør\w*|sets? aside|allocat\w*|grant\w*)\b", re.IGNORECASE)
_YEARLY = re.compile(r"\b(?:årlig\w*|om året|pr\.\s*år|per year|a year|annually|yearly)\b", re.IGNORECASE)
_PERIOD = re.compile(r"\b((?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?)\b")
# words a question uses to name the agreement or the act of granting, not the subject granted to
_AGREEMENT_WORDS = re.compile(
    r"\b(?:budgetaftale\w*|aftale\w*|agreements?|afsæt\w*|afsat\w*|giver|gav|give[sn]?|gave|grant\w*|bevilg\w*|"
    r"according|ifølge|parterne|aftaleparterne|did|fik|amount|beløb\w*|asked|requested|applied|ansøgt\w*|"
    r"administration|forvaltning\w*)\b", re.IGNORECASE)


# "the amount the administration asked for", "det ansøgte beløb", "det, forvaltningen bad om"
_REQUEST = re.compile(r"\b(?:asked for|requested|applied for|the request\w*|ansøgt\w*|søgt om|bad om|ønsket|"
                      r"budgetønsket|foreslået|proposed)\b", re.IGNORECASE)


def asks_request(question: str) -> bool:
    """Whether the question weighs a grant against what was asked for ("the amount the administration asked
    for", "det ansøgte beløb")."""
    return bool(_REQUEST.search(question))


def names_agreement(question: str) -> bool:
    """Whether the question asks what a budget agreement gives ("budgetaftalen for 2025", "the Budget 2026
    agreement")."""
    return bool(_AGREEMENT.search(question))


def agreement_year(question: str) -> int | None:
    """The budget year of the agreement a question names ("Aftale om Budget 2026" → 2026)."""
    m = _AGREEMENT_YEAR.search(question)
    return int(m.group(1) or m.group(2)) if m else None


def is_agreement(text: str) -> bool:
    """A document that says in its head that it is a budget agreement."""
    return bool(_AGREEMENT_HEAD.search(text[:300]))


def subject_text(part: str) -> str:
    """A part of the question without the words naming the agreement or the granting ("Hvor mange penge
    afsætter Aftale om Budget 2026 i alt til aflastning" → "... aflastning")."""
    return _AGREEMENT_WORDS.sub(" ", _AGREEMENT.sub(" ", part))


def price_level(text: str) -> str | None:
    """The price level an agreement states for its amounts ("Beløbene er angivet i 2025 p/l" → "2025 p/l")."""
    m = _PRICE_LEVEL.search(text)
    return f"{m.group(1)} p/l" if m else None


@dataclass(frozen=True)
class Section:
    heading: str  # "3.1 Housing First for unge hjemløse"
    start: int
    end: int


def sections(text: str) -> list[Section]:
    """The numbered sections of a document, the innermost heading first for any offset (see `section_at`)."""
    found = [(m.start(), f"{m.group(1)} {m.group(2)}".strip()) for m in _HEADING.finditer(text)]
    return [Section(h, s, found[i + 1][0] if i + 1 < len(found) else len(text)) for i, (s, h) in enumerate(found)]


@dataclass(frozen=True)
class ProseTerm:
    """A term read from an agreement's prose, with the sentence that states it (quoted beside the sum)."""

    term: Term
    sentence: str


Words = Callable[[str], set[str]]  # a text's stems (and, for a question, their Danish translations)


def row_term(rows: Sequence[RowRecord], part: set[str], years: Sequence[int], tokens: Words) -> Term | None:
    """The one non-sum row of the agreement's tables whose label names most of the part's words: its amount in
    the year asked, else its total. None when no row, or several equally, name it."""
    scored = [(_named(tokens(r.label), part), r) for r in rows if not r.is_sum]
    best = max((s for s, _ in scored), default=0)
    top = [r for s, r in scored if s == best]
    if best == 0 or len(top) != 1:
        return None
    r = top[0]
    if len(years) > 1:
        return None  # (several years of a row: a sum of its own, not one term)
    if years:
        value = r.amounts.get(str(years[0]))
        label = f"{r.label}, {years[0]}"
    else:
        value, label = r.total, f"{r.label}, {_span(r.amounts)}"
    if value is None or not r.unit or not r.price_level:
        return None
    return Term(label, value, r.unit, r.price_level, r.table_title or "", r.page)


def prose_term(text: str, amounts: Sequence[ProseAmount], part: set[str], level: str | None, source: str,
               tokens: Words) -> ProseTerm | None:
    """The amount the one section best naming the part grants (its heading first, else its text): the first
    amount in a sentence that grants ("afsætter 27,2 mio. kr. i 2026-2029"). None when no section or several
    equally name the part, when the amount is yearly or approximate, or when the document states no price
    level."""
    if level is None:
        return None
    parts = sections(text)
    chosen = None
    for of in (lambda s: s.heading, lambda s: text[s.start:s.end]):
        scored = [(_named(tokens(of(s)), part), s) for s in parts]
        best = max((n for n, _ in scored), default=0)
        top = [s for n, s in scored if n == best]
        if best > 0:
            chosen = top[0] if len(top) == 1 else None
            break
    if chosen is None:
        return None
    # the innermost section: a sub-section's amounts are not its parent's own
    inner = [s for s in parts if s.start > chosen.start and s.end <= chosen.end]
    end = min((s.start for s in inner), default=chosen.end)
    granted = [a for a in amounts if chosen.start <= a.start < end and _GRANTS.search(a.sentence)]
    if not granted:
        return None
    a = granted[0]
    read = written_amount(a.text)
    if read is None or re.match(r"(?:ca\.|cirka|omkring|knap|godt|op til|over|under)\s", a.text, re.IGNORECASE):
        return None
    after = a.sentence[a.sentence.find(a.text) + len(a.text):] if a.text in a.sentence else a.sentence
    if _YEARLY.search(after[:40]):
        return None  # a yearly amount is not a grant's whole
    period = _PERIOD.search(after[:40])
    value, unit = read
    label = f"{chosen.heading}, {period.group(1)}" if period else chosen.heading
    return ProseTerm(Term(label, value, unit, level, source, a.page), a.sentence)


def _named(label: set[str], part: set[str]) -> int:
    """How well a label names the part's words: 2 per shared stem, 1 per word it names by a prefix ("Kultur og
    fritid" names "kulturpas" less than "Kulturpas til unge" does)."""
    return sum(2 if w in label else 1 if names(label, {w}) else 0 for w in part)


def _span(amounts) -> str:
    years = sorted(amounts)
    return years[0] if len(years) == 1 else f"{years[0]}-{years[-1]}" if years else ""
