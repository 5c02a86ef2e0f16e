"""Amounts written in prose ("3,5 mio. kr. årligt", "ca. 88 mio. kr.", "400.000 kr.").

Budget notes and answer letters state many of their figures in sentences rather than tables. Each amount
is kept with the sentence it stands in, so a user is shown the figure in its own words and context.
Percentages ("56 pct.") and table unit heads ("1.000 kr., 2024 p/l") are not amounts.
"""
from __future__ import annotations

import bisect
import re

from budgetarkiv.core.models import ProseAmount
from budgetarkiv.core.numbers import parse_danish_number

# Whitespace allowed between the parts of an amount: PDF text splits "0,2 mio. \nkr." and "3,9 \n\nmio. kr.".
_GAP = r"\s{0,8}"
_AMOUNT_RE = re.compile(
    r"(?<![\w.,/-])"
    r"(?P<approx>(?:ca\.|cirka|omkring|knap|godt|op til|over|under)\s{1,4})?"
    r"(?P<number>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
    rf"(?:{_GAP}(?P<scale>mio\.|mia\.|mill\.|millioner|million|milliarder|milliard|mio\b|mia\b))?"
    rf"{_GAP}(?P<kr>kr\.|kr\b|kroner\b)",
    re.IGNORECASE,
)
# What follows a table's unit head: "1.000 kr., 2024 p/l", "(1.000 kr. – 2018 p/l )", "1.000 kr., løbende p/l".
_UNIT_HEAD_TAIL_RE = re.compile(r"[\s,.–—-]*(?:\d{4}|løbende|faste)\s*p/[l1]", re.IGNORECASE)
_SCALES: dict[str, float] = {
    "mio": 1e6,
    "mill": 1e6,
    "million": 1e6,
    "millioner": 1e6,
    "mia": 1e9,
    "milliard": 1e9,
    "milliarder": 1e9,
}

# Sentence ends: ". " before an uppercase letter or an opening quote; abbreviations that never end a
# sentence ("ca.", "bl.a.", "jf." ...) are excluded below. "mio." is followed by "kr." (lowercase), so it
# never splits; "kr.", "pct." and "mv." may end a sentence and do split before an uppercase letter.
_END_RE = re.compile(r"[.!?](?=[\s\u00a0]+[\"'’”«(]?[A-ZÆØÅ])")
_NO_END_ABBREVIATIONS = frozenset(
    {
        "ca", "bl.a", "jf", "f.eks", "fx", "dvs", "ift", "iht", "mht", "mhp", "pba", "vedr", "d", "nr",
        "stk", "kap", "hhv", "evt", "inkl", "ekskl", "pr", "mio", "mia", "mill", "ang", "vha", "jvf",
        "tlf", "el", "o.l", "s", "gl",
    }
)
_WORD_BEFORE_DOT_RE = re.compile(r"([\w.]+)$")
# A paragraph break (blank line) or a bullet/numbered item starting a line.
_BREAK_RE = re.compile(r"\n[ \t\u00a0]*\n(?=[ \t\u00a0]*[^\s])")
_ITEM_RE = re.compile(r"\n(?=[ \t\u00a0]*(?:[•\uf0b7▪◦·*-]\s|\d{1,2}\.\s+[A-ZÆØÅ]|Ad \d))")
# A short line without end punctuation followed by a line starting uppercase: a heading or a
# paragraph's last line; PDF text wraps full lines near 80-95 characters.
_SHORT_LINE_CHARS = 60
_WS_RE = re.compile(r"\s+")


def collapse_ws(text: str) -> str:
    """One space for every run of whitespace: the form shown to users and compared in tests."""
    return _WS_RE.sub(" ", text).strip()


def _ends_sentence(text: str, dot: int) -> bool:
    """False when the "." at `dot` closes an abbreviation that never ends a sentence."""
    if text[dot] != ".":
        return True
    m = _WORD_BEFORE_DOT_RE.search(text, max(0, dot - 12), dot)
    if not m:
        return True
    return m.group(1).lower() not in _NO_END_ABBREVIATIONS


def _short_line_breaks(text: str) -> list[int]:
    """Line ends after a short unpunctuated line when the next line starts uppercase (headings)."""
    out: list[int] = []
    pos = 0
    lines = text.split("\n")
    for i, line in enumerate(lines[:-1]):
        pos += len(line) + 1
        stripped = line.strip()
        nxt = lines[i + 1].lstrip()
        if (
            stripped
            and len(stripped) < _SHORT_LINE_CHARS
            and stripped[-1] not in ".,:;-–("
            and nxt[:1].isupper()
        ):
            out.append(pos)
    return out


def is_paragraph_break(text: str, start: int, end: int) -> bool:
    """A blank line ends a sentence unless the sentence plainly runs on ("afsætte \n\n3,5 mio.").

    Some PDF texts have a blank line after every line; there a lowercase or digit start after an
    unpunctuated line end means the same sentence continues.
    """
    before = text[:start].rstrip()
    after = text[end:].lstrip()
    if not before or not after:
        return True
    runs_on = before[-1] not in ".!?:;" and (after[0].islower() or after[0].isdigit())
    return not runs_on


def sentence_bounds(text: str) -> tuple[int, ...]:
    """Sorted offsets where sentences start (0 and len(text) included), for `sentence_at`."""
    bounds = {0, len(text)}
    bounds.update(m.end() for m in _END_RE.finditer(text) if _ends_sentence(text, m.start()))
    bounds.update(m.end() for m in _BREAK_RE.finditer(text) if is_paragraph_break(text, m.start(), m.end()))
    bounds.update(m.end() for m in _ITEM_RE.finditer(text))
    bounds.update(_short_line_breaks(text))
    return tuple(sorted(bounds))


def sentence_at(text: str, offset: int, bounds: tuple[int, ...] | None = None) -> str:
    """The sentence holding char `offset`, whitespace collapsed."""
    bounds = bounds if bounds is not None else sentence_bounds(text)
    i = bisect.bisect_right(bounds, offset)
    start = bounds[i - 1] if i > 0 else 0
    end = bounds[i] if i < len(bounds) else len(text)
    return collapse_ws(text[start:end])


def amount_in_kroner(number: str, scale: str | None) -> float | None:
    """ "3,5" and "mio." -> 3500000.0; None when `number` is not a Danish number."""
    value = parse_danish_number(number)
    if value is None:
        return None
    factor = _SCALES[scale.lower().rstrip(".")] if scale else 1.0
    return round(float(value) * factor, 6)


def extract_prose_amounts(text: str) -> tuple[ProseAmount, ...]:
    """Every kroner amount written in `text`, with its sentence and offset (page/section left None)."""
    bounds = sentence_bounds(text)
    found: list[ProseAmount] = []
    for m in _AMOUNT_RE.finditer(text):
        if _UNIT_HEAD_TAIL_RE.match(text, m.end()):
            continue  # "1.000 kr., 2024 p/l": a table's unit, not an amount
        kroner = amount_in_kroner(m.group("number"), m.group("scale"))
        if kroner is None:
            continue
        found.append(
            ProseAmount(
                text=collapse_ws(m.group(0)),
                amount_kr=kroner,
                sentence=sentence_at(text, m.start("number"), bounds),
                start=m.start(),
            )
        )
    return tuple(found)
