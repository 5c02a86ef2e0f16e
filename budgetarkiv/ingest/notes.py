"""Interpret a document: a budget note's metadata, sections, scenarios and money, or an answer letter.

`parse_note` orchestrates; every part is a small pure function over normalized text so it can be
tested without files. What could not be recovered is said in `Note.errors` rather than guessed.

Decisions:
- Text before the first heading is the head (note id, title, "Budget 2024", administration); it is not a
  section, so amounts or tables there get section None.
- The Kategorisering box can sit in the middle of prose (000). Its section ends where the box ends and
  the prose after it becomes a second section under the heading that preceded the box.
- Sub-headings naming a scenario ("Videreførelse af Perspektiv (scenarie 1)") are sections; numbered
  sub-headings ("1. Styrket ...") are not, since numbered list items in prose look the same.
- Answer letters get sections "Spørgsmål", the "... svar" heading and one per answer ("Ad 1", "Ad 2" ...),
  so an amount in a letter is cited by the answer it stands in.
- A letter's own date (a dated line in its head or under the signature) is `date`; the date of the inquiry
  it answers ("henvendelse af d. 22/6 2021") is `inquiry_date`; its title comes from its subject ("Svar
  vedr. ..."); a letter has no budget year.
"""
from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable

from budgetarkiv.core.models import BudgetTable, DocType, Document, NormalizedText, Note, ProseAmount, Scenario, Section
from budgetarkiv.core.names import note_id_spelling, stated_version
from budgetarkiv.core.scenarios import KIND_WORDS, MARK, scenario_number
from budgetarkiv.core.text import (
    BODY_HEADINGS,
    canonical_heading,
    collapse_ws,
    is_paragraph_break,
    join_wrapped,
    sentence_bounds,
)
from budgetarkiv.ingest.amounts import extract_prose_amounts
from budgetarkiv.ingest.catalogue import (
    find_catalogue,
    proposal_scenarios,
    proposal_sections,
    with_proposals,
)
from budgetarkiv.ingest.letters import is_answer_letter, parse_letter
from budgetarkiv.ingest.normalize import normalize_document
from budgetarkiv.ingest.tables import UDVALG, distrust_unchecked, extract_tables, place_by_layout

CATEGORY_HEADING = "Kategorisering"
DISTRICT_HEADINGS = frozenset({"Bydele", "Bydel og adresse"})

# "BI18 Perspektiv – ...", "BI18: Styrket ...", "BI23 -Videreførelse ...", "BUU12a ...", and savings
# proposals (effektiviseringsforslag) "SUF E3 ...", "SOF E05 ...": letters, an optional space and capital, digits;
# some administrations write a space before the digits ("TMF 57 ...", "ØKF E 8 ...") or a hyphen ("KF-B17 ...");
# a joint note names both administrations ("BUF/KFF 03 ..."). A head may lead in with what the paper is
# ("Notat nr. BUF 12", "Budgetnotat: SOF-4", "Nr. TMF 7"). Any run of capitals is an administration's short
# name; written in lower case ("buf12") only a known short name (`NOTE_ID_PREFIXES`) is, since a lower-case word
# followed by a number is ordinary text.
_ID_LEAD = r"(?:(?:Budget)?[Nn]otat(?:[ \t]+[Nn]r\.?)?[ \t]*:?[ \t]+|[Nn]r\.[ \t]*)?"
_ID_TAIL = r"[ \t-]?\d{1,3}[a-z]?)(?![\w/.,])"
_NOTE_ID_RE = re.compile(
    rf"^[ \t]*{_ID_LEAD}(?P<id>[A-ZÆØÅ]{{2,4}}(?:/[A-ZÆØÅ]{{2,4}})?(?:[ \t-][A-ZÆØÅ])?{_ID_TAIL}(?P<rest>.*)$",
    re.MULTILINE,
)
_TITLE_LEAD_RE = re.compile(r"^[\s:–—-]+")
# The head's own year: "Budget 2024" as a line, or as one part of a head line whose parts are separated
# ("Budget 2027 · Beskæftigelses- og Integrationsforvaltningen", "Effektiviseringsstrategi – Budget 2024",
# "Aftale om Budget 2026", "Budgetnotat til Budget 2025", or set apart by a tab or a run of spaces: a right-aligned
# "Socialforvaltningen            Budget 2028"). A year inside a sentence ("Bevillingen fra Budget
# 2023 udløber") or a span ("Budget 2024-2027") is no head year.
_HEAD_YEAR_RE = re.compile(
    r"^[ \t]*(?:[^\n]*?(?:[·•|:,–—]|[ \t]-|\bAftale[ \t]+om|\btil|\S(?=\t|[ \t]{2}))[ \t]+)?"
    r"Budget(?:forslag)?[ \t]+(\d{4})(?=[ \t]*(?:$|[·•|:,]|[–—-](?!\d)))",
    re.MULTILINE | re.IGNORECASE,
)
_HEAD_PART_SPLIT_RE = re.compile(r"[ \t]*(?:[·•|,–—]|[ \t]-)[ \t]*")  # "Budget 2026 · Socialforvaltningen"
_TEXT_YEAR_RE = re.compile(
    r"(?:forhandling(?:erne)?\s+om|til|i\s+forbindelse\s+med|forud\s+for)\s+[Bb]udget\s+(\d{4})(?!\d)"
)
_PRICE_LEVEL_RE = re.compile(r"(?<!\d)(\d{4})\s*p/[l1]\b")
_ADMINISTRATION_RE = re.compile(
    r"\b((?:[A-ZÆØÅ][a-zæøå]+-\s+og\s+)?[A-ZÆØÅ][a-zæøå]*?[a-zæøå]forvaltning)(?:ens|en)\b"
)
# Short names of the administrations, used when a text names its administration only so ("... i BIF").
_ADMINISTRATION_ABBREVIATIONS: dict[str, str] = {
    "BIF": "Beskæftigelses- og Integrationsforvaltningen",
    "BUF": "Børne- og Ungdomsforvaltningen",
    "SOF": "Socialforvaltningen",
    "SUF": "Sundheds- og Omsorgsforvaltningen",
    "KFF": "Kultur- og Fritidsforvaltningen",
    "TMF": "Teknik- og Miljøforvaltningen",
    "ØKF": "Økonomiforvaltningen",
}
# The short names a note id starts with: the administrations' and the committees' ("BUU12a"), and the older
# two-letter forms ("BI18", "KF-B17").
NOTE_ID_PREFIXES: tuple[str, ...] = (*_ADMINISTRATION_ABBREVIATIONS, *UDVALG, "BI", "KF")
_KNOWN = "|".join(sorted(NOTE_ID_PREFIXES, key=len, reverse=True))
_LOWER_NOTE_ID_RE = re.compile(
    rf"^[ \t]*{_ID_LEAD}(?P<id>(?i:(?:{_KNOWN})(?:/(?:{_KNOWN}))?(?:[ \t-][a-zæøå])?){_ID_TAIL}(?P<rest>.*)$",
    re.MULTILINE,
)
# An abbreviation that starts a note id ("SUF E3", "SUF09") refers to a note, not to the text's own administration.
_ABBREVIATION_RE = re.compile(
    r"(?<![\w-])(" + "|".join(_ADMINISTRATION_ABBREVIATIONS) + r")(?![\w-])(?![ \t][A-ZÆØÅ]\d)"
)
_COMMITTEE_RE = re.compile(r"\b((?:[A-ZÆØÅ][a-zæøå]+-\s+og\s+)?[A-ZÆØÅ][a-zæøå]*?[a-zæøå]udvalget)s?\b")
_ORDERED_AFTER_RE = re.compile(r"^\s+har\s+(?:bestilt|anmodet\s+om|bedt\s+om)")
_ORDERED_BEFORE_RE = re.compile(r"(?:bestilt|anmodet|ønsket)\s+af\s+$")
# A sub-heading naming a scenario: "Videreførelse af Perspektiv (scenarie 1)" on a line of its own.
_SCENARIO_HEADING_RE = re.compile(
    r"^[ \t]*(?P<title>[A-ZÆØÅ][^\n]{2,160}?)[ \t]*\([Ss]cenarie[ \t]*(?P<n>\d{1,2})\)[ \t]*$", re.MULTILINE
)
# "• Scenarie 1 – Videreførelse af indsats: Der skal ...", "Scenarie 2 - Opskalering ...", "Scenarie 1: ...".
_SCENARIO_ITEM_RE = re.compile(
    rf"^[ \t]*(?:[•\uf0b7▪◦*–-][ \t]*)?(?P<kind>{KIND_WORDS})[ \t]+"
    rf"(?P<n>{MARK})[ \t]*[–—:-][ \t]*", re.MULTILINE
)
_SCENARIO_SECTION_RE = re.compile(r"(?P<title>.+?) \(scenarie (?P<n>\d{1,2})\)")
_PARAGRAPH_END_RE = re.compile(
    r"\n[ \t]*\n(?=[ \t]*\S)|\n(?=[ \t]*(?:[•\uf0b7▪◦*]|(?:[-–][ \t]+)?(?:" + KIND_WORDS + r")[ \t]+" + MARK
    + r"|Tabel\b))")
_TITLE_SPLIT_RE = re.compile(r":\s+")
# a scenario's name on a line of its own: a few words, no digits, no sentence end, no "title: text"
_NAME_LINE_RE = re.compile(r"[^\W\d_][^\d:.!?]{0,60}")
_AMOUNT_IN_TITLE_RE = re.compile(r"\d\s*(?:mio\.|mia\.|kr\.)|\bi alt\b", re.IGNORECASE)
_CATEGORY_MARK_RE = re.compile(r"^(?P<label>.+?)[ \t]+[Xx✓☒][ \t]*$")
_CATEGORY_LINE_MAX = 45
_TARGET_GROUP_RE = re.compile(r"Målgruppen\s+(?:er|vil\s+være)\s")
_TARGET_GROUP_CUT_RE = re.compile(r",\s+men\s|;\s")
_TARGET_GROUP_MAX = 200
_HEAD_FALLBACK_LINES = 15
_SCENARIO_DESCRIPTION_SENTENCES = 2
_DISTRICTS: tuple[tuple[str, str], ...] = (
    ("Bydækkende", r"Bydækkende"),
    ("Bispebjerg", r"Bispebjerg"),
    ("Indre by", r"Indre\s+[Bb]y"),
    ("Vesterbro/Kgs. Enghave", r"Vesterbro\s*/\s*[Kk]gs\.\s*Eng-?\s*have"),
    ("Valby", r"Valby"),
    ("Amager Øst", r"Amager\s+Øst"),
    ("Udenbys", r"Udenbys"),
    ("Nørrebro", r"Nørrebro"),
    ("Østerbro", r"Østerbro"),
    ("Brønshøj/Husum", r"Brønshøj\s*/\s*Husum"),
    ("Vanløse", r"Vanløse"),
    ("Amager Vest", r"Amager\s+Vest"),
)
_DISTRICT_RES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(rf"{pattern}[ \t]*(?:\(X\))?[ \t]*:?[ \t]*X(?!\w)")) for name, pattern in _DISTRICTS
)
_LETTER_SVAR_RE = re.compile(r"^[ \t]*(?P<h>[^\n]{0,80}\bsvar)[ \t]*:?[ \t]*$", re.MULTILINE | re.IGNORECASE)
_LETTER_QUESTIONS_RE = re.compile(r"^[ \t]*(?P<h>Spørgsmål)[ \t]*:?[ \t]*$", re.MULTILINE)
_LETTER_ANSWER_RE = re.compile(r"^[ \t]*(?P<h>Ad[ \t]+\d{1,2})[ \t]*[:.]", re.MULTILINE)
_LETTER_QUESTION_N_RE = re.compile(r"^[ \t]*(?P<h>Spørgsmål[ \t]+(?P<n>\d{1,2}))\b", re.MULTILINE)
_LINE_RE = re.compile(r"[^\n]*(?:\n|$)")


@dataclasses.dataclass(frozen=True)
class _Heading:
    """A heading found in the text: where it starts and where its body starts."""

    heading: str
    start: int
    body_start: int


# ---------------------------------------------------------------- lines and headings


def _lines(text: str) -> Iterable[tuple[int, str]]:
    """(offset, line without newline) for every line."""
    for m in _LINE_RE.finditer(text):
        if m.start() == len(text) and not m.group(0):
            return
        yield m.start(), m.group(0).rstrip("\n")


def _starts_paragraph(text: str, offset: int) -> bool:
    """True when the line at `offset` follows a blank line, a sentence end or the text's start."""
    before = text[:offset].rstrip(" \t")
    if not before.rstrip():
        return True
    if before.endswith("\n"):
        prev_line = before[:-1].rsplit("\n", 1)[-1]
        return not prev_line.strip() or prev_line.rstrip()[-1] in ".:!?"
    return False


def find_headings(text: str) -> tuple[_Heading, ...]:
    """Fixed headings and scenario sub-headings, each on a line of its own, in text order."""
    found: list[_Heading] = []
    for offset, line in _lines(text):
        heading = canonical_heading(line)
        if heading:
            lead = len(line) - len(line.lstrip())
            found.append(_Heading(heading, offset + lead, offset + len(line) + 1))
    for m in _SCENARIO_HEADING_RE.finditer(text):
        title = m.group("title").strip()
        if title.startswith("Tabel") or title.endswith((".", ",")) or not _starts_paragraph(text, m.start()):
            continue
        found.append(_Heading(f"{title} (scenarie {m.group('n')})", m.start("title"), min(m.end() + 1, len(text))))
    return tuple(sorted(found, key=lambda h: h.start))


def find_letter_headings(text: str) -> tuple[_Heading, ...]:
    """ "Spørgsmål", the "... svar" heading and "Ad N:" answer starts of an answer letter."""
    found: list[_Heading] = []
    for pattern in (_LETTER_QUESTIONS_RE, _LETTER_SVAR_RE):
        for m in pattern.finditer(text):
            found.append(_Heading(collapse_ws(m.group("h")), m.start("h"), min(m.end() + 1, len(text))))
    for m in _LETTER_ANSWER_RE.finditer(text):
        found.append(_Heading(collapse_ws(m.group("h")), m.start("h"), m.end()))
    for m in _LETTER_QUESTION_N_RE.finditer(text):
        found.append(_Heading(collapse_ws(m.group("h")), m.start("h"), m.end()))
    return _number_answers(sorted(found, key=lambda h: h.start))


def _number_answers(headings: list[_Heading]) -> tuple[_Heading, ...]:
    """A bare "Svar" after "Spørgsmål 2" becomes "Svar 2", so each answer can be cited apart."""
    out: list[_Heading] = []
    asked: str | None = None
    for h in headings:
        if h.heading.startswith("Spørgsmål "):
            asked = h.heading.split()[-1]
        elif h.heading.casefold() == "svar" and asked:
            h = dataclasses.replace(h, heading=f"Svar {asked}")
            asked = None
        out.append(h)
    return tuple(out)


def is_category_line(line: str) -> bool:
    """A Kategorisering box line: short, capitalised, no sentence punctuation ("Bevillingsudløb X")."""
    s = line.strip()
    if not s:
        return True  # blank lines sit between the box's lines
    return len(s) <= _CATEGORY_LINE_MAX and s[0].isupper() and s[-1] not in ".,;:"


def category_box_end(text: str, body_start: int, limit: int) -> int:
    """Offset where the Kategorisering box starting at `body_start` ends (first non-category line)."""
    for offset, line in _lines(text[body_start:limit]):
        if not is_category_line(line):
            return body_start + offset
    return limit


def _body(text: str, start: int, end: int) -> str:
    """A section's text without its surrounding blank lines."""
    return text[start:end].strip()


def build_sections(text: str, headings: tuple[_Heading, ...]) -> tuple[Section, ...]:
    """Sections from headings: each runs to the next heading; a mid-prose Kategorisering box is cut out."""
    sections: list[Section] = []
    for i, h in enumerate(headings):
        end = headings[i + 1].start if i + 1 < len(headings) else len(text)
        if h.heading == CATEGORY_HEADING:
            box_end = category_box_end(text, h.body_start, end)
            sections.append(Section(h.heading, _body(text, h.body_start, box_end), h.start, box_end))
            rest = text[box_end:end]
            previous = sections[-2].heading if len(sections) > 1 else None
            if rest.strip() and previous:
                lead = len(rest) - len(rest.lstrip())
                sections.append(Section(previous, rest.strip(), box_end + lead, end))
            continue
        sections.append(Section(h.heading, _body(text, h.body_start, end), h.start, end))
    return tuple(sections)


def find_sections(text: str, letter: bool = False) -> tuple[Section, ...]:
    """The sections of a note (or of an answer letter when `letter`), pages not yet set."""
    headings = find_headings(text)
    if letter and not any(h.heading in BODY_HEADINGS for h in headings):
        headings = find_letter_headings(text)
    return build_sections(text, headings)


def merge_sections(text: str, sections: tuple[Section, ...], more: tuple[Section, ...]) -> tuple[Section, ...]:
    """Two sets of sections as one, in text order: a section ends where the next one starts (its text cut
    there, its heading line left out)."""
    merged = sorted([*sections, *more], key=lambda s: s.start)
    out = []
    for i, s in enumerate(merged):
        end = min(s.end, merged[i + 1].start) if i + 1 < len(merged) else s.end
        if end < s.end:
            body = text[s.start:end].split("\n", 1)
            s = dataclasses.replace(s, text=body[1].strip() if len(body) > 1 else "", end=end)
        out.append(s)
    return tuple(out)


def section_at(sections: tuple[Section, ...], offset: int) -> str | None:
    """Heading of the section holding `offset`; None in the head before the first heading."""
    found: str | None = None
    for s in sections:
        if s.start <= offset < max(s.end, s.start + 1):
            found = s.heading
    return found


# ---------------------------------------------------------------- head: id, title, year, who


def head_text(text: str, sections: tuple[Section, ...]) -> str:
    """Text before the first section, or the first lines when there is no section."""
    if sections:
        return text[: sections[0].start]
    return "\n".join(text.splitlines()[:_HEAD_FALLBACK_LINES])


def find_note_id_and_title(head: str) -> tuple[str | None, str | None]:
    """Note id at the start of a head line, and the title after it (up to a blank line)."""
    m = _NOTE_ID_RE.search(head) or _LOWER_NOTE_ID_RE.search(head)
    if not m:
        return None, None
    lines = [m.group("rest")]
    for line in head[m.end():].split("\n")[1:]:
        if not line.strip() or canonical_heading(line) or not _continues_title(lines, line):
            break
        lines.append(line)
    title = _TITLE_LEAD_RE.sub("", join_wrapped(lines)).strip()
    return _upper_prefix(note_id_spelling(m.group("id"))), (title or None)


def _upper_prefix(note_id: str) -> str:
    """ "buf12" -> "BUF12", "suf e3" -> "SUF E3": the letters before the digits in capitals, a suffix ("12a") kept."""
    digits = next((k for k, c in enumerate(note_id) if c.isdigit()), len(note_id))
    return note_id[:digits].upper() + note_id[digits:]


_TITLE_MAX = 200  # a longer "title" has run into the text below it
_SENTENCE_END_RE = re.compile(r"[.!?]\s+[A-ZÆØÅ]|[.!?]$")


def _continues_title(lines: list[str], line: str) -> bool:
    """Whether `line` is more of the title in `lines` rather than the paragraph after it: a title does not run on
    past a sentence's end, nor into a line holding one, nor beyond _TITLE_MAX characters (a word processor's
    export has no blank line between the title and the first paragraph)."""
    if _SENTENCE_END_RE.search(lines[-1].strip()) or _SENTENCE_END_RE.search(line.strip()[:-1]):
        return False
    return len(join_wrapped([*lines, line])) <= _TITLE_MAX


def find_budget_year(head: str, text: str) -> tuple[int | None, str | None]:
    """The budget year and how it was found: "head" ("Budget 2024"), "text" or "price_level"."""
    m = _HEAD_YEAR_RE.search(head)
    if m:
        return int(m.group(1)), "head"
    phrase_years = [int(y) for y in _TEXT_YEAR_RE.findall(text)]
    if phrase_years:
        return max(phrase_years), "text"  # earlier budgets are history ("Med Budget 2021 ..."); the latest is asked for
    levels = Counter(int(y) for y in _PRICE_LEVEL_RE.findall(text))
    if levels:
        year = max(levels, key=lambda y: (levels[y], y))
        return year, "price_level"
    return None, None


def find_administration(head: str, text: str, doc_type: DocType = "budget_note") -> str | None:
    """The administration named in the head, else the one the text names most often (full name, else "BIF").

    Only a budget note or a letter is written by one administration, so only they read it from sentences.
    Minutes are a committee's and a budget agreement is the parties': the administrations their text names
    are what they decide about ("Økonomiforvaltningen indstiller, at ...", "Parterne tilslutter sig
    Socialforvaltningens forslag"), not who wrote them, so such a document has an administration only when a
    head line is one (a letterhead: "Socialforvaltningen", "Budget 2026 · Socialforvaltningen")."""
    if doc_type == "other":
        return _letterhead_administration(head)
    in_head = [m.group(1) for m in _ADMINISTRATION_RE.finditer(head)]
    if in_head:
        return collapse_ws(in_head[0]) + "en"
    counts = Counter(collapse_ws(m.group(1)) + "en" for m in _ADMINISTRATION_RE.finditer(text))
    if not counts:
        counts = Counter(_ADMINISTRATION_ABBREVIATIONS[m.group(1)] for m in _ABBREVIATION_RE.finditer(text))
    return counts.most_common(1)[0][0] if counts else None


def _letterhead_administration(head: str) -> str | None:
    """The administration a head line consists of, alone or as one part of a separated line."""
    for line in head.splitlines():
        for part in _HEAD_PART_SPLIT_RE.split(line):
            m = _ADMINISTRATION_RE.fullmatch(collapse_ws(part))
            if m:
                return collapse_ws(m.group(1)) + "en"
    return None


def find_committee(text: str) -> str | None:
    """The committee that ordered the note ("Beskæftigelses- og Integrationsudvalget har bestilt ...")."""
    for m in _COMMITTEE_RE.finditer(text):
        after = text[m.end(): m.end() + 40]
        before = text[max(0, m.start() - 30): m.start()]
        if _ORDERED_AFTER_RE.match(after) or _ORDERED_BEFORE_RE.search(before):
            return collapse_ws(m.group(1))
    return None


# ---------------------------------------------------------------- boxes: categories, districts


def find_categories(sections: tuple[Section, ...]) -> tuple[str, ...]:
    """Kategorisering lines marked with X, in box order."""
    found: list[str] = []
    for s in sections:
        if s.heading != CATEGORY_HEADING:
            continue
        for line in s.text.splitlines():
            m = _CATEGORY_MARK_RE.match(line.strip())
            if m and collapse_ws(m.group("label")) not in found:
                found.append(collapse_ws(m.group("label")))
    return tuple(found)


def find_districts(sections: tuple[Section, ...]) -> tuple[str, ...]:
    """Districts marked with X in the Bydele / "Bydel og adresse" box ("Bydækkende: X")."""
    found: list[str] = []
    for s in sections:
        if s.heading not in DISTRICT_HEADINGS:
            continue
        for name, pattern in _DISTRICT_RES:
            if name not in found and pattern.search(s.text):
                found.append(name)
    return tuple(found)


# ---------------------------------------------------------------- content: scenarios, target group


def first_sentences(text: str, count: int) -> str:
    """The first `count` sentences of `text`, whitespace collapsed."""
    bounds = [b for b in sentence_bounds(text) if b > 0]
    cut = bounds[min(count, len(bounds)) - 1] if bounds else len(text)
    return collapse_ws(text[:cut])


# A line this long was never wrapped: the text comes from a word processor, a line is a paragraph.
UNWRAPPED_LINE = 160


def _paragraph_from(text: str, start: int, unwrapped: bool = False) -> str:
    """Text from `start` to the end of its paragraph (blank line, bullet, next scenario or table, or a section
    heading on a line of its own). In `unwrapped` text (no blank lines between paragraphs) a line ending a
    sentence ends the paragraph too ("Option B: ... fra 2029." then "Forvaltningen anbefaler Option A ...")."""
    end = len(text)
    for m in _PARAGRAPH_END_RE.finditer(text, start):
        if m.group(0).count("\n") == 1 or is_paragraph_break(text, m.start(), m.end()):
            end = m.start()
            break
    lines = text[start:end].split("\n")
    stop = next((k for k, line in enumerate(lines) if k and canonical_heading(line.strip())), len(lines))
    if unwrapped:
        stop = min(stop, next((k + 1 for k, line in enumerate(lines) if line.rstrip().endswith((".", "!", "?"))),
                              len(lines)))
    return join_wrapped(lines[:stop])


def _scenario_from_item(paragraph: str, number: str, line: str = "", kind: str = "Scenarie") -> Scenario:
    """ "Videreførelse af indsats: Der skal ..." -> title before the first ": ", description after.

    A short name alone on the heading's line ("Scenarie 3 – Fuld udbygning", then "4.000 nye pladser ...")
    is the title and the lines below it the description; a bullet that only states the scenario's amount
    ("Scenarie 1: i alt 13,05 mio. kr. ...") has no title, its text is a description."""
    name = f"{kind.capitalize()} {number}"
    line = line.strip()
    rest = paragraph[len(line):].strip() if line and paragraph.startswith(line) else ""
    if rest and _NAME_LINE_RE.fullmatch(line) and (rest[0].isupper() or rest[0].isdigit()):
        return Scenario(name, line, rest)
    parts = _TITLE_SPLIT_RE.split(paragraph, maxsplit=1)
    title = parts[0].strip().rstrip(":").strip()
    description = parts[1].strip() if len(parts) > 1 else ""
    if _AMOUNT_IN_TITLE_RE.search(title):
        return Scenario(name, "", paragraph.strip())
    return Scenario(name, title, description)


def find_scenarios(text: str, sections: tuple[Section, ...] = ()) -> tuple[Scenario, ...]:
    """One Scenario per number: the first title found, and the first description found."""
    candidates: list[tuple[int, Scenario]] = []
    unwrapped = any(len(line) > UNWRAPPED_LINE and "\t" not in line for line in text.split("\n"))
    for m in _SCENARIO_ITEM_RE.finditer(text):
        line = text[m.end():text.find("\n", m.end()) if "\n" in text[m.end():] else len(text)]
        candidates.append((m.start(), _scenario_from_item(_paragraph_from(text, m.end(), unwrapped), m.group("n"), line,
                                                          m.group("kind"))))
    for s in sections:
        m = _SCENARIO_SECTION_RE.fullmatch(s.heading)
        if m:
            description = first_sentences(s.text, _SCENARIO_DESCRIPTION_SENTENCES)
            scenario = Scenario(f"Scenarie {m.group('n')}", m.group("title"), description)
            candidates.append((s.start, scenario))
    best: dict[str, Scenario] = {}
    for _, scenario in sorted(candidates, key=lambda c: c[0]):
        if not scenario.title:
            continue
        known = best.get(scenario.name)
        if known is None:
            best[scenario.name] = scenario
        elif not known.description and scenario.description:
            best[scenario.name] = dataclasses.replace(known, description=scenario.description)
    return tuple(sorted(best.values(), key=lambda s: (s.name.split()[0], scenario_number(s.name) or 0)))


def shorten(sentence: str, limit: int = _TARGET_GROUP_MAX) -> str:
    """A sentence cut at ", men"/";" and at a word boundary within `limit` characters."""
    m = _TARGET_GROUP_CUT_RE.search(sentence)
    if m:
        sentence = sentence[: m.start()]
    if len(sentence) > limit:
        sentence = sentence[:limit].rsplit(" ", 1)[0] + " …"
    return sentence.rstrip()


def find_target_group(text: str, tables: tuple[BudgetTable, ...] = ()) -> str | None:
    """ "Målgruppen er ..." (first such sentence, kept short), else the goals table's Målgruppe cell."""
    m = _TARGET_GROUP_RE.search(text)
    if m:
        bounds = [b for b in sentence_bounds(text) if b > m.start()]
        end = bounds[0] if bounds else len(text)
        return shorten(join_wrapped(text[m.start():end].split("\n")))
    for table in tables:
        heads = [c.strip().casefold() for c in table.columns]
        if table.kind == "text" and "målgruppe" in heads and table.text_rows:
            row = table.text_rows[0]
            cell = row[heads.index("målgruppe")] if heads.index("målgruppe") < len(row) else ""
            if cell.strip():
                return shorten(collapse_ws(cell))
    return None


# ---------------------------------------------------------------- classification and assembly


def classify(text: str, note_id: str | None, headings: Iterable[str], has_money_table: bool) -> DocType:
    """ "budget_note" (note id head and budget sections/tables), "answer" (letter) or "other"."""
    budget = {h for h in headings if h in BODY_HEADINGS}
    if note_id and (len(budget) >= 2 or has_money_table):
        return "budget_note"
    if is_answer_letter(text):
        return "answer"
    if len(budget) >= 3 and has_money_table:
        return "budget_note"  # a note whose id is missing; reported in errors
    return "other"


def place_tables(
    tables: tuple[BudgetTable, ...], norm: NormalizedText, sections: tuple[Section, ...]
) -> tuple[BudgetTable, ...]:
    """Each table with the page and section its start lies in."""
    return tuple(
        dataclasses.replace(t, page=norm.page_at(t.start), section=section_at(sections, t.start)) for t in tables
    )


def place_amounts(
    amounts: tuple[ProseAmount, ...], norm: NormalizedText, sections: tuple[Section, ...]
) -> tuple[ProseAmount, ...]:
    """Each prose amount with the page and section it stands in."""
    return tuple(
        dataclasses.replace(a, page=norm.page_at(a.start), section=section_at(sections, a.start)) for a in amounts
    )


def place_sections(sections: tuple[Section, ...], norm: NormalizedText) -> tuple[Section, ...]:
    """Each section with the page its heading is on."""
    return tuple(dataclasses.replace(s, page=norm.page_at(s.start)) for s in sections)


def _budget_errors(
    note_id: str | None, title: str | None, year: int | None, sections: tuple[Section, ...]
) -> list[str]:
    """What a budget note should have but this one did not yield."""
    errors: list[str] = []
    if not note_id:
        errors.append("no note id found")
    if not title:
        errors.append("no title found")
    if year is None:
        errors.append("no budget year found")
    if not sections:
        errors.append("no section headings found")
    return errors


def parse_note(doc: Document) -> Note:
    """Interpret a read document: normalize, find its parts, tables and amounts, and say what failed."""
    norm = normalize_document(doc)
    text = norm.text
    letter = is_answer_letter(text)
    sections = place_sections(find_sections(text, letter=letter), norm)
    head = head_text(text, sections)
    note_id, title = find_note_id_and_title(head)
    budget_year, year_from = find_budget_year(head, text)
    errors: list[str] = list(doc.warnings)  # what reading had to repair (bad bytes, unreadable pages)
    try:
        tables = extract_tables(text, budget_year)
    except Exception as exc:  # noqa: BLE001 - one failing stage must not lose the whole document
        tables = ()
        errors.append(f"tables could not be read: {type(exc).__name__}: {exc}")
    layout = "\n\n".join(p.layout for p in doc.pages if p.layout)
    if layout and tables:  # a PDF: cells placed by where they stand on the page (see place_by_layout)
        tables = place_by_layout(tables, extract_tables(layout, budget_year))
    catalogue = None if letter else find_catalogue(text, tables)
    if catalogue is not None:  # several proposals, each with its id (see ingest.catalogue)
        sections = place_sections(merge_sections(text, sections, proposal_sections(text, catalogue)), norm)
        head = head_text(text, sections)
        note_id, title = find_note_id_and_title(head)  # a catalogue with an id of its own keeps it
        title = title if note_id else catalogue.title
        budget_year, year_from = find_budget_year(head, text)
        tables = with_proposals(tables, catalogue)
    tables = place_tables(tables, norm, sections)
    ocr_pages = {p.number for p in doc.pages if p.ocr}
    if ocr_pages:  # OCR'd figures count only when their arithmetic holds
        tables = tuple(distrust_unchecked(t) if t.page in ocr_pages else t for t in tables)
    doc_type = "budget_note" if catalogue else classify(text, note_id, (s.heading for s in sections),
                                                         any(t.kind == "money" for t in tables))
    amounts = place_amounts(extract_prose_amounts(text), norm, sections)
    note = Note(
        doc_id=doc.doc_id,
        source=doc.source,
        doc_type=doc_type,
        text=text,
        page_starts=norm.page_starts,
        administration=find_administration(head, text, doc_type),
        stated_version=stated_version(head),
        sections=sections,
        tables=tables,
        prose_amounts=amounts,
    )
    if doc_type == "answer":
        parts = parse_letter(text)
        return dataclasses.replace(
            note,
            title=parts.title,
            date=parts.date,
            inquiry_date=parts.inquiry_date,
            addressee=parts.addressee,
            signatory=parts.signatory,
            questions=parts.questions,
            errors=tuple(errors) + parts.errors,
        )
    if doc_type == "budget_note":
        found = _budget_errors(note_id, title, budget_year, sections)
        if catalogue is not None:  # a catalogue has no id of its own: its proposals have
            found = [e for e in found if e != "no note id found"]
        errors = found + errors
    return dataclasses.replace(
        note,
        note_id=note_id,
        title=title,
        budget_year=budget_year,
        budget_year_from=year_from,
        committee=find_committee(text),
        scenarios=proposal_scenarios(catalogue) if catalogue else find_scenarios(text, sections),
        categories=find_categories(sections),
        districts=find_districts(sections),
        target_group=find_target_group(text, tables),
        errors=tuple(errors),
    )
