"""What a budget agreement grants to the subjects a question names: a sum ("Hvor mange penge afsætter Aftale
om Budget 2026 i alt til aflastning og kulturpas?"), one subject's grant and the alternative of a note it
chose ("Hvilket scenarie valgte aftalen for X?"), or the items it funds ("Hvilke initiativer finansierer
aftalen?").

An agreement states its money in a table (a row per initiative, "Tabel 1. Nye initiativer") or in prose, one
section per initiative ("2.1 Aflastning til familier ...: Aftaleparterne afsætter 27,2 mio. kr. i 2026-2029
til ..."). Each subject counts only when exactly one row, or one section's heading (else its text), names it
best; its amount is the row's column of the year asked (its total when none is asked), or of the section's
granting sentences the one naming the subject best, read as a clause (`ingest.amount_clauses`: its period,
yearly or whole, the note and alternative it names). A yearly prose amount ("3,2 mio. kr. årligt"), an
approximate one ("ca. 12 mio. kr.") and a year asked of a prose amount give no term, so no sum. Prose terms
carry the price level their sentence or the document states; a document stating none has its prose added
only within itself, under words saying the level is not stated (the caller's), never to another level.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from budgetarkiv.answer.costs import Term, names
from budgetarkiv.core.models import ProseAmount
from budgetarkiv.ingest.amount_clauses import AmountClause, clause_of
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
# (the sentence may name the unit first: "Alle beløb er i mio. kr. i 2026 p/l")
_PRICE_LEVEL = re.compile(r"\b(?:beløb\w*|amounts?)\b(?:[^.\n]|\b(?:mio|mia|mill|kr|t)\.){0,60}?\b((?:19|20)\d\d)"
                          r"[\s-]*(?:p/l|priser|prices)", re.IGNORECASE)
# a numbered section heading on a line of its own: "3.1 Housing First for unge hjemløse", "2. Et socialt København"
_HEADING = re.compile(r"^[ \t]*(\d{1,2}(?:\.\d{1,2})*\.?)[ \t]+([A-ZÆØÅ][^\n]{0,80}?)[ \t]*$", re.MULTILINE)
_GRANTS = re.compile(r"\b(?:afsæt\w*|afsat\w*|bevilg\w*|tilfør\w*|sets? aside|allocat\w*|grant\w*)\b", re.IGNORECASE)
# words a question uses to name the agreement or the act of granting, not the subject granted to
_AGREEMENT_WORDS = re.compile(
    r"\b(?:budgetaftale\w*|aftale\w*|agreements?|afsæt\w*|afsat\w*|giver|gav|give[sn]?|gave|grant\w*|bevilg\w*|"
    r"according|ifølge|parterne|aftaleparterne|did|fik|amount|beløb\w*|asked|requested|applied|ansøgt\w*|"
    r"administration|forvaltning\w*)\b", re.IGNORECASE)


# "the amount the administration asked for", "det ansøgte beløb", "det, forvaltningen bad om"
_REQUEST = re.compile(r"\b(?:asked for|requested|applied for|the request\w*|ansøgt\w*|søgt om|bad om|ønsket|"
                      r"budgetønsket|foreslået|proposed)\b", re.IGNORECASE)


# "which scenario did the agreement choose", "hvilken model blev vedtaget", "den rettede version"
_ALTERNATIVE_ASKED = re.compile(r"\b(?:scenari\w*|model\w*|version\w*|alternativ\w*|options?|løsning\w*|variant\w*)\b",
                                re.IGNORECASE)
# a question that also asks what the note (its administration) proposed or recommended: the notes answer it
_NOTE_ASKED = re.compile(r"\b(?:anbefal\w*|indstill\w*|recommend\w*|forvaltning\w*|administration\w*|"
                         r"budgetnotat\w*|notat\w*|note)\b", re.IGNORECASE)
# words of a listing question that name no subject ("which proposals does the agreement fund")
_LISTING_WORDS = re.compile(
    r"\b(?:hvilke|hvilken|hvilket|which|what|forslag\w*|initiativ\w*|indsats\w*|tiltag\w*|projekt\w*|finansier\w*|"
    r"fund\w*|proposals?|initiatives?|items?|programm\w*|projects?|measures?|hvor|meget|mange|penge|money|much|how|"
    r"many|med|with|and|og|områd\w*|areas?|får|gets?|get|indeholder|contains?|includes?|indgår)\b",
    re.IGNORECASE)


_FINANCING = re.compile(r"\b(?:finansiering\w*|effektivisering\w*|besparelse\w*|omprioritering\w*|financ\w*|"
                        r"savings?|efficienc\w*)\b", re.IGNORECASE)


def asks_alternative(question: str) -> bool:
    """Whether the question asks which alternative of a note the agreement chose ("Hvilket scenarie valgte
    aftalen for X?"), and not also what the note itself recommends."""
    return bool(_ALTERNATIVE_ASKED.search(question)) and not _NOTE_ASKED.search(question)


_WHICH_AGREEMENT = re.compile(r"\b(?:hvilken|hvilke|which|what)\s+(?:\w+\s+)?(?:budgetaftale\w*|aftale\w*|agreements?)\b",
                              re.IGNORECASE)


# words asking about money ("hvor meget", "afsætter", "what did it give"): a question about something else in
# an agreement ("hvad skal evalueres") is answered by its sentences, not by its grants
_MONEY_ASKED = re.compile(
    r"\b(?:penge|beløb\w*|mio|mia|kr|kroner|afsæt\w*|afsat\w*|giver|gav|give[sn]?|gave|fik|får|bevilg\w*|finansier\w*|"
    r"tilfør\w*|koste\w*|money|amounts?|much|fund\w*|grant\w*|aside|allocat\w*|spend\w*|gets?|got|receiv\w*|"
    r"cost\w*|prioriter\w*)\b", re.IGNORECASE)


def asks_money(question: str) -> bool:
    """Whether the question asks about the money (an amount, a grant, what is funded)."""
    return bool(_MONEY_ASKED.search(question))


def asks_which_agreement(question: str) -> bool:
    """ "med hvilken budgetaftale?", "which budget agreement granted it?": the agreement is what is asked."""
    return bool(_WHICH_AGREEMENT.search(question))


def asks_note(question: str) -> bool:
    """Whether the question asks about the note or its administration too ("which scenario does the
    administration recommend, and which did the agreement pick"): the agreement alone does not answer it."""
    return bool(_NOTE_ASKED.search(question))


def listing_subject(subject: str) -> str:
    """A listing question's subject without the words asking for a list ("Which health and elderly care
    initiatives does it fund" → "health elderly care")."""
    return _LISTING_WORDS.sub(" ", subject)


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


def names_agreement_of(text: str, year: int | None) -> bool:
    """Whether a text names the agreement of that budget year ("Med Aftale om Budget 2030 er der afsat ...",
    "Budgetaftale 2030"); any agreement when no year is given."""
    if year is None:
        return bool(_AGREEMENT.search(text))
    return any(int(m.group(1) or m.group(2)) == year for m in _AGREEMENT_YEAR.finditer(text))


def is_agreement(text: str) -> bool:
    """A document that says in its head that it is a budget agreement."""
    return bool(_AGREEMENT_HEAD.search(text[:300]))


def subject_text(part: str) -> str:
    """A part of the question without the words naming the agreement or the granting ("Hvor mange penge
    afsætter Aftale om Budget 2026 i alt til aflastning" → "... aflastning")."""
    return _AGREEMENT_WORDS.sub(" ", _AGREEMENT.sub(" ", part))


def listed(parts: Sequence[str]) -> list[str]:
    """The subjects of a question's parts, an enumeration's commas split too ("til øvelokaler, nattevagter,
    aftenåbne dagcentre og læsevejledere": four subjects; the question splits only at "og")."""
    return [piece for part in parts for piece in re.split(r",\s+", part) if piece.strip(" ?.")]


def periods(terms: Sequence[ProseTerm]) -> list[str]:
    """The different periods prose terms cover ("2029-2032", "2029-2031"): more than one, and a sum adds
    amounts of different spans, which its answer must say."""
    return list(dict.fromkeys(t.clause.period for t in terms if t.clause is not None and t.clause.period))


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
    clause: AmountClause | None = None  # what the sentence says of the amount (its period, the note it funds)


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
    """The amount the one section best naming the part grants (its heading first, else its text): of the
    section's granting sentences ("afsætter 27,2 mio. kr. i 2026-2029"), the one naming most of the part, the
    first amount in it. None when no section or several equally name the part, when the amount is yearly or
    approximate, or when the document states no price level."""
    if level is None:
        return None
    found = grant_named(text, amounts, part, tokens)
    if found is None:
        return None
    g = found
    if g.clause.approximate or g.clause.yearly:
        return None  # an approximate amount is not added up; a yearly amount is not a grant's whole
    label = f"{g.section.heading}, {g.clause.period}" if g.clause.period else g.section.heading
    return ProseTerm(Term(label, g.clause.value, g.clause.unit, g.clause.price_level or level, source, g.amount.page),
                     g.amount.sentence, g.clause)


@dataclass(frozen=True)
class Grant:
    """An amount an agreement's section grants (or saves), read with its clause."""

    section: Section
    amount: ProseAmount
    clause: AmountClause


def section_named(text: str, part: set[str], tokens: Words) -> Section | None:
    """The one section best naming the part: by its heading first, else by its text; None when none names it or
    several name it equally."""
    parts = sections(text)
    for of in (lambda s: s.heading, lambda s: text[s.start:s.end]):
        scored = [(_named(tokens(of(s)), part), s) for s in parts]
        best = max((n for n, _ in scored), default=0)
        top = [s for n, s in scored if n == best]
        if best > 0:
            return top[0] if len(top) == 1 else None
    return None


def grants(text: str, amounts: Sequence[ProseAmount], within: Section | None = None) -> list[Grant]:
    """The amounts the document's sections grant or save, each in its innermost section (a sub-section's amounts
    are not its parent's own); only those of `within` and its sub-sections when given."""
    parts = sections(text)
    out = []
    for a in amounts:
        if within is not None and not within.start <= a.start < within.end:
            continue
        holding = [s for s in parts if s.start <= a.start < s.end]
        if not holding:
            continue
        inner = max(holding, key=lambda s: s.start)
        clause = clause_of(a.text, a.sentence)
        if clause is not None and (_GRANTS.search(a.sentence) or clause.change in ("grant", "saving")):
            out.append(Grant(inner, a, clause))
    return out


def grant_named(text: str, amounts: Sequence[ProseAmount], part: set[str], tokens: Words) -> Grant | None:
    """Of the one section best naming the part (its own amounts, not its sub-sections'), the grant whose
    sentence names most of the part (the first on a tie: "12,5 mio. kr. ..., heraf 2,0 mio. kr." is the 12,5)."""
    chosen = section_named(text, part, tokens)
    if chosen is None:
        return None
    inner = [s for s in sections(text) if s.start > chosen.start and s.end <= chosen.end]
    end = min((s.start for s in inner), default=chosen.end)
    own = [g for g in grants(text, amounts, chosen) if g.amount.start < end]
    if not own:
        return None
    best = max(_named(tokens(g.amount.sentence), part) for g in own)
    return next(g for g in own if _named(tokens(g.amount.sentence), part) == best)


def grants_listed(text: str, amounts: Sequence[ProseAmount], part: set[str], tokens: Words) -> list[Grant]:
    """The grants of the sections whose headings name the part's words ("Sundhed og ældre" for "health and
    elderly care"), sub-sections included; every grant when the part has no words. [] when words remain that
    no heading names."""
    every = [g for g in grants(text, amounts) if g.clause.change != "saving"]
    if not part:  # (what an agreement funds: not the savings of its financing sections)
        return [g for g in every if not _FINANCING.search(g.section.heading)]
    parts = sections(text)
    named = [extent(s, parts, len(text)) for s in parts if _named(tokens(s.heading), part) > 0]
    return [g for g in every if any(start <= g.amount.start < end for start, end in named)]


def extent(section: Section, parts: Sequence[Section], end: int) -> tuple[int, int]:
    """Where a section and its sub-sections stand: to the next heading of its own depth or higher ("2. Børn og
    unge" holds "2.1 ..." and "2.2 ...", up to "3. ...")."""
    depth = _depth(section)
    return section.start, next((s.start for s in parts if s.start > section.start and _depth(s) <= depth), end)


def _depth(section: Section) -> int:
    return len([p for p in section.heading.split(" ", 1)[0].split(".") if p])


def share_named(text: str, groups: Sequence[set[str]], tokens: Words) -> float:
    """The share of the subject's words (each a group: its stem, parts and translations) the text names: a
    section answering for a subject names most of it."""
    have = tokens(text)
    return sum(1 for g in groups if names(have, g)) / len(groups) if groups else 0.0


def grant_line(g: Grant, lang: str) -> str:
    """ "2. Unge med spiseforstyrrelser: 11,6 mio. kr. i alt i 2029-2032 (SOF23)": the amount as written with
    what its clause says of it; the note and alternative it names, never the note's own figures."""
    da = lang != "en"
    c = g.clause
    bits = [c.written]
    if c.yearly:
        bits.append("årligt" if da else "a year")
    elif c.total:
        bits.append("i alt" if da else "in total")
    if c.net:
        bits.append("netto" if da else "net")
    if c.period:
        bits.append((f"i {c.period}" if da else f"in {c.period}") if c.last_year else
                    (c.period if da else c.period.replace("fra", "from")))
    if c.change == "saving":
        bits.append("(besparelse)" if da else "(saving)")
    refs = [*c.note_ids, *([c.alternative] if c.alternative else [])]
    ref = f" ({', '.join(refs)})" if refs else ""
    funded = f" – {c.funded}" if c.funded else ""
    return f"{g.section.heading}: {' '.join(bits)}{ref}{funded}"


def _named(label: set[str], part: set[str]) -> int:
    """How well a label names the part's words: 2 per shared stem, 1 per word it names by a prefix ("Kultur og
    fritid" names "kulturpas" less than "Kulturpas til unge" does)."""
    return sum(2 if w in label else 1 if names(label, {w}) else 0 for w in part)


def _span(amounts) -> str:
    years = sorted(amounts)
    return years[0] if len(years) == 1 else f"{years[0]}-{years[-1]}" if years else ""
