"""Small text rules every stage shares: sentences, line-end hyphens, section headings, letter marks.

Each rule lives here once, so the parser, the chunker, the answer composer and the inquiry helper split a
sentence or join a hyphenated word the same way.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Iterable

# a year in running text: "i 2026", "2023-2025"; not part of an amount ("2.026", "12.2026") or a longer number
YEAR_IN_TEXT = re.compile(r"(?<![\d.,])((?:19|20)\d\d)(?![\d.,]\d)")


def years_in(text: str) -> set[int]:
    """The years a text names."""
    return {int(y) for y in YEAR_IN_TEXT.findall(text)}

# --- whitespace -------------------------------------------------------------------------------------

_WS_RE = re.compile(r"\s+")


def collapse_ws(text: str) -> str:
    """One space for every run of whitespace: the form shown to users and compared in tests."""
    return _WS_RE.sub(" ", text).strip()


# --- sentences --------------------------------------------------------------------------------------

# Sentence ends: ". " before an uppercase letter or an opening quote; abbreviations that never end a
# sentence ("ca.", "bl.a.", "jf." ...) are excluded below. "mio." is followed by "kr." (lowercase), so it
# never splits; "kr.", "pct." and "mv." may end a sentence and do split before an uppercase letter.
_END_RE = re.compile(r"[.!?](?=[\s\u00a0]+[\"'’”«“(]?[A-ZÆØÅ])")
NO_END_ABBREVIATIONS = frozenset(
    {
        "ca", "bl.a", "jf", "f.eks", "fx", "dvs", "ift", "iht", "mht", "mhp", "pba", "vedr", "d", "nr",
        "stk", "kap", "hhv", "evt", "inkl", "ekskl", "pr", "mio", "mia", "mill", "ang", "vha", "jvf",
        "tlf", "el", "o.l", "s", "gl", "iflg", "jvnf",
    }
)
# Where a too-long passage may be cut: also after a colon and before a number or a bullet.
_CUT_RE = re.compile(r"[.!?:](?=[\s\u00a0]+[\"'’”«“(]?[A-ZÆØÅ0-9•])")
_WORD_BEFORE_DOT_RE = re.compile(r"([\w.]+)$")
# A paragraph break (blank line) or a bullet/numbered item or a letter's answer mark starting a line.
_BREAK_RE = re.compile(r"\n[ \t\u00a0]*\n(?=[ \t\u00a0]*[^\s])")
# A bullet or numbered item opening a line: "• ", "- ", "– ", "* ", "1. " before a capital, "1) ", "a) ".
_BULLET = r"[•\uf0b7▪◦·*\-–]"
_ITEM_START = rf"[ \t\u00a0]*(?:{_BULLET}\s|\d{{1,2}}\.\s+[A-ZÆØÅ]|(?:\d{{1,2}}|[a-zæøå])\)\s)"
_ITEM_START_RE = re.compile(_ITEM_START)
_ITEM_RE = re.compile(rf"\n(?={_ITEM_START}|[ \t\u00a0]*Ad \d)")
_LEADING_BULLET_RE = re.compile(rf"{_BULLET}\s+")
# An email's header line ("From: ...", "Subject: ...", "Emne: ..."): each is a statement of its own, never the
# start of the greeting or body under it
_HEADER_START = r"[ \t]*(?:From|To|Cc|Sent|Date|Subject|Fra|Til|Sendt|Dato|Emne)[ \t]*:[ \t]*\S"
_HEADER_LINE_RE = re.compile(rf"(?:^|(?<=\n)){_HEADER_START}[^\n]*", re.MULTILINE)
_HEADER_START_RE = re.compile(_HEADER_START)
# A short line without end punctuation followed by a line starting uppercase: a heading or a
# paragraph's last line; PDF text wraps full lines near 80-95 characters.
_SHORT_LINE_CHARS = 60


def starts_header(line: str) -> bool:
    """Whether a line is an email's header line ("From: ...", "Subject: ...", "Emne: ..."): a line of its own."""
    return _HEADER_START_RE.match(line) is not None


def starts_item(line: str) -> bool:
    """Whether a line opens a bullet or numbered item ("• ...", "- ...", "– ...", "1) ...", "a) ..."): each
    item is a sentence of its own, whatever punctuation the item before it ends with."""
    return _ITEM_START_RE.match(line) is not None


def _ends_sentence(text: str, dot: int) -> bool:
    """False when the "." at `dot` closes an abbreviation that never ends a sentence."""
    if text[dot] != ".":
        return True
    m = _WORD_BEFORE_DOT_RE.search(text, max(0, dot - 12), dot)
    if not m:
        return True
    return m.group(1).lower() not in NO_END_ABBREVIATIONS


def _short_line_breaks(text: str) -> list[int]:
    """Line ends after a short unpunctuated line when the next line starts uppercase (headings)."""
    out: list[int] = []
    pos = 0
    lines = text.split("\n")
    for i, line in enumerate(lines[:-1]):
        pos += len(line) + 1
        stripped = line.strip()
        nxt = lines[i + 1].lstrip()
        if stripped and len(stripped) < _SHORT_LINE_CHARS and stripped[-1] not in ".,:;-–(" and nxt[:1].isupper():
            out.append(pos)
    return out


def is_paragraph_break(text: str, start: int, end: int) -> bool:
    """A blank line ends a sentence unless the sentence plainly runs on ("afsætte \\n\\n3,5 mio.").

    Some PDF texts have a blank line after every line; there a lowercase or digit start after an
    unpunctuated line end means the same sentence continues.
    """
    before = text[:start].rstrip()
    after = text[end:].lstrip()
    if not before or not after:
        return True
    runs_on = before[-1] not in ".!?:;" and (after[0].islower() or after[0].isdigit())
    return not runs_on


def sentence_ends(text: str, start: int = 0, end: int | None = None, loose: bool = False) -> list[int]:
    """Offsets right after each sentence-ending punctuation mark in text[start:end] (abbreviations skipped).

    `loose` also ends at a colon and before a number or bullet: the places a passage too long for the
    encoder may be cut even where the sentence goes on.
    """
    end = len(text) if end is None else end
    pattern = _CUT_RE if loose else _END_RE
    return [m.end() for m in pattern.finditer(text, start, end) if _ends_sentence(text, m.start())]


def sentence_bounds(text: str) -> tuple[int, ...]:
    """Sorted offsets where sentences start (0 and len(text) included), for `sentence_at`."""
    bounds = {0, len(text)}
    bounds.update(sentence_ends(text))
    bounds.update(m.end() for m in _BREAK_RE.finditer(text) if is_paragraph_break(text, m.start(), m.end()))
    bounds.update(m.end() for m in _ITEM_RE.finditer(text))
    bounds.update(_short_line_breaks(text))
    for m in _HEADER_LINE_RE.finditer(text):  # (the line is a sentence: bounds at its start and its end)
        bounds.update((m.start(), m.end()))
    return tuple(sorted(bounds))


def sentence_at(text: str, offset: int, bounds: tuple[int, ...] | None = None) -> str:
    """The sentence holding char `offset`, whitespace collapsed."""
    bounds = bounds if bounds is not None else sentence_bounds(text)
    i = bisect.bisect_right(bounds, offset)
    start = bounds[i - 1] if i > 0 else 0
    end = bounds[i] if i < len(bounds) else len(text)
    return collapse_ws(text[start:end])


def trimmed_spans(text: str, spans: Iterable[tuple[int, int]], min_words: int = 1) -> list[tuple[int, int]]:
    """`spans` without their surrounding whitespace or a leading bullet glyph ("• ", "- "), keeping those
    of at least `min_words` words."""
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        if (m := _LEADING_BULLET_RE.match(text, a, b)) is not None:
            a = m.end()
        while b > a and text[b - 1].isspace():
            b -= 1
        if len(text[a:b].split()) >= min_words:
            out.append((a, b))
    return out


def sentence_spans(text: str, min_words: int = 1) -> list[tuple[int, int]]:
    """(start, end) of every sentence of `text` with at least `min_words` words, whitespace trimmed."""
    bounds = sentence_bounds(text)
    return trimmed_spans(text, zip(bounds, bounds[1:]), min_words)


def split_sentences(text: str) -> list[str]:
    """The sentences of `text`, whitespace collapsed."""
    return [collapse_ws(text[a:b]) for a, b in sentence_spans(text)]


# --- line-end hyphens -------------------------------------------------------------------------------

# Lower-case words after a line-end hyphen that continue a suspended compound ("Beskæftigelses- og ...").
SUSPENDED_CONTINUATIONS = frozenset({"og", "eller", "samt", "til", "and", "or"})
_HYPHENS = "-\u00ad\u2010"
_FIRST_WORD_RE = re.compile(r"[^\W_]+")


def hyphen_joint(first: str, second: str, vocabulary: Collection[str] = (), soft: bool = False) -> str:
    """What joins "first-" at a line end to the next line's first word `second`.

    "" (one word: "beskæftigel-" + "sesindsats"), "-" (a hyphenated word: "kontrol-vejledere" when the
    document writes it so, "EU-" + "Borgere"), or "- " (a suspended compound: "Beskæftigelses-" + "og").
    `vocabulary` holds the document's own lower-cased words; `soft` marks a soft hyphen (always joins).
    """
    if soft:
        return ""
    if vocabulary:
        if (first + second).lower() in vocabulary:
            return ""
        if f"{first}-{second}".lower() in vocabulary:
            return "-"
    if second.lower() in SUSPENDED_CONTINUATIONS:
        return "- "
    if not second[:1].islower():
        return "-"
    return ""


def join_wrapped(parts: Iterable[str], vocabulary: Collection[str] = ()) -> str:
    """Lines of one cell or heading joined into one string, undoing line-end hyphenation.

    "herun-" + "der" -> "herunder", "AMU-kur-" + "ser" -> "AMU-kurser", "2026–" + "2029" -> "2026–2029",
    "Beskæftigelses-" + "og ..." keeps its hyphen.
    """
    out = ""
    for part in parts:
        piece = " ".join(part.split())
        if not piece:
            continue
        if not out:
            out = piece
        elif out[-1] in "-–" and len(out) > 1 and out[-2].isdigit() and piece[:1].isdigit():
            out += piece
        elif len(out) >= 2 and out[-1] in _HYPHENS and out[-2].isalpha() and (m := _FIRST_WORD_RE.match(piece)):
            first = re.search(r"[^\W_]+$", out[:-1])
            joint = hyphen_joint(first.group(0) if first else "", m.group(0), vocabulary, soft=out[-1] == "\u00ad")
            out = out[:-1] + joint + piece
        else:
            out += " " + piece
    return out


_LINE_END_HYPHEN_RE = re.compile(r"([^\W\d_]+)-[ \t]*\n(?:[ \t]*\n)?[ \t]*(?=[^\W\d_])")


def dehyphenate(text: str, vocabulary: Collection[str] = ()) -> str:
    """Words a PDF hyphenated across lines joined in running text ("forankre-\\nde" → "forankrede").

    Line breaks elsewhere stay; the rule per joint is `hyphen_joint`.
    """

    def joint(m: re.Match[str]) -> str:
        nxt = _FIRST_WORD_RE.match(text, m.end())
        return m.group(1) + hyphen_joint(m.group(1), nxt.group(0) if nxt else "", vocabulary)

    return _LINE_END_HYPHEN_RE.sub(joint, text)


# --- section headings -------------------------------------------------------------------------------

SECTION_HEADINGS: tuple[str, ...] = (
    "Resume",
    "Beslutning",
    "Baggrund",
    "Indhold",
    "Forventet effekt og opfølgning",
    "Økonomi",
    "Risikovurdering",
    "Risikovurdering og proces",
    "Tekniske oplysninger",
    "Bevillingstekniske oplysninger",
    "Administrativt bilag",
    "Øvrige tekniske oplysninger",
    "Bydele",
    "Bydel og adresse",
    "Tidligere afsatte midler",
    "Kategorisering",
)
# A heading that is also the title of the table under it: a table runs past it.
TABLE_TITLE_HEADINGS = frozenset({"Tidligere afsatte midler"})
# Headings of a note's own content (not the appendix boxes): they tell a budget note.
BODY_HEADINGS = frozenset(SECTION_HEADINGS[:12])
_HEADINGS_BY_KEY: dict[str, str] = {h.casefold(): h for h in SECTION_HEADINGS} | {"resumé": "Resume"}


def canonical_heading(line: str) -> str | None:
    """The fixed section heading a line consists of ("Økonomi:  " -> "Økonomi"), or None."""
    key = " ".join(line.split()).rstrip(":").strip().casefold()
    return _HEADINGS_BY_KEY.get(key)


# --- letters ----------------------------------------------------------------------------------------

# "Ad 1:" / "Ad 2." / "Ad 3)" at a line start: the administration's answer to question N of a council member's letter.
# "Ad 2: ...", "Ad 2) ...", or "Ad 2" alone on its line with the answer under it
ANSWER_MARK_RE = re.compile(r"^[ \t]*Ad[ \t]*(\d{1,2})(?:[ \t]*[:.)][ \t]*|[ \t]*\n[ \t]*(?=\S))",
                            re.MULTILINE | re.IGNORECASE)


def strip_answer_mark(text: str) -> str:
    """The answer without its leading "Ad N:" mark."""
    return ANSWER_MARK_RE.sub("", text.lstrip(), count=1)
