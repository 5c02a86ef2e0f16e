"""Amounts written in prose ("3,5 mio. kr. årligt", "ca. 88 mio. kr.", "400.000 kr.").

Budget notes and answer letters state many of their figures in sentences rather than tables. Each amount
is kept with the sentence it stands in, so a user is shown the figure in its own words and context.
Percentages ("56 pct."), table unit heads ("1.000 kr., 2024 p/l", "1.000 kr. (2026-priser)") and sentences
stating a table's unit ("Beløbene er angivet i 1.000 kr.") are not amounts.

English documents write "DKK 2.95 million", "DKK 86,000", "DKK 2.95m", "2.4 mDKK": read in English notation,
unless the number can only be Danish ("DKK 2,5 mio."). A Danish-shaped "2,450 kr." reads in its document's
language. Amounts in other currencies ("EUR 1.2 million") are not kroner and not read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from budgetarkiv.core.language import is_english
from budgetarkiv.core.models import Amount, ProseAmount
from budgetarkiv.core.numbers import parse_number
from budgetarkiv.core.text import collapse_ws, sentence_at, sentence_bounds
from budgetarkiv.ingest.units import PRICE_LEVEL_RE

# Whitespace allowed between the parts of an amount: PDF text splits "0,2 mio. \nkr." and "3,9 \n\nmio. kr.".
_GAP = r"\s{0,8}"
AMOUNT_RE = re.compile(
    r"(?<![\w.,/-])"
    r"(?P<approx>(?:ca\.|cirka|omkring|knap|godt|op til|over|under)\s{1,4})?"
    r"(?P<number>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
    rf"(?:{_GAP}(?P<scale>mio\.|mia\.|mill\.|millioner|million|milliarder|milliard|mio\b|mia\b|tusinde?\b"
    r"|t\.?(?=\s?kr\b)))?"
    rf"{_GAP}(?P<kr>kr\.|kr\b|kroner\b)",
    re.IGNORECASE,
)
_APPROX_EN = r"about|around|approximately|roughly|some|almost|nearly|up to|over|under|ca\."
_NUMBER_EN = r"\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_SCALE_EN = r"million|mill\.|mn\b|m\b|billion|bn\b|thousand|k\b|mio\.|mia\."
# "DKK 2.95 million", "DKK 86,000", "DKK2.95m"; "2.4 mDKK", "2.4 million DKK", "86 tDKK"
ENGLISH_AMOUNT_RE = re.compile(
    r"(?<![\w.,/-])"
    rf"(?P<approx>(?:{_APPROX_EN})\s{{1,4}})?"
    rf"(?:(?P<kr>DKK)\s?(?P<number>{_NUMBER_EN})(?:\s?(?P<scale>{_SCALE_EN}))?(?![\w]|[.,]\d)"
    rf"|(?P<number2>{_NUMBER_EN})\s?(?P<scale2>million|mn|m|billion|bn|thousand|t|k)\s?(?P<kr2>DKK)\b)",
    re.IGNORECASE,
)
# What follows a table's unit head: "1.000 kr., 2024 p/l", "(1.000 kr. – 2018 p/l )", "1.000 kr., løbende p/l",
# "1.000 kr. (2026-priser)", "1.000 kr., p/l 2028" (any price-level spelling, see ingest.units).
_UNIT_HEAD_TAIL_RE = re.compile(r"[\s,.–—-]*(?:faste\s+)?(?:(?<=1\.000 kr\.)\s*\(\s*)?(?:" + PRICE_LEVEL_RE.pattern + ")",
                                re.IGNORECASE)
# "Beløbene er angivet i 1.000 kr.": the figures' unit. A thousand kroner "i 1.000 kr." is a unit, unless
# the sentence goes on "pr. ..." (a price per person).
_UNIT_STATEMENT_BEFORE_RE = re.compile(r"(?:(?<![\w])(?:i|in)\s+|\(\s*)$", re.IGNORECASE)
_ENGLISH_UNIT_TAIL_RE = re.compile(r"\s*(?:\)|,?\s*\(?(?:(?:19|20)\d\d[\s-]?(?:prices|p/l|pl)|current prices|constant prices))",
                                   re.IGNORECASE)
_PER_AFTER_RE = re.compile(r"\s*(?:pr\.|per|om året|årligt)(?![\w])", re.IGNORECASE)
_SCALES: dict[str, float] = {
    "mio": 1e6,
    "mill": 1e6,
    "million": 1e6,
    "millioner": 1e6,
    "mia": 1e9,
    "milliard": 1e9,
    "milliarder": 1e9,
    "t": 1e3,
    "tusind": 1e3,
    "tusinde": 1e3,
    "mn": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "thousand": 1e3,
    "k": 1e3,
}


def amount_in_kroner(number: str, scale: str | None, english: bool = False) -> float | None:
    """ "3,5" and "mio." -> 3500000.0; "2.95" and "million" -> 2950000.0; None when `number` is no number.
    `english`: the notation of the amount's context, for a number that reads both ways ("2,450")."""
    value = parse_number(number, english)
    if value is None:
        return None
    factor = _SCALES[scale.lower().rstrip(".")] if scale else 1.0
    return round(float(value) * factor, 6)


@dataclass(frozen=True)
class AmountMatch:
    """One amount found in a text: where it stands, its parts as written and the notation it is read in."""

    start: int
    end: int
    written: str  # as printed: "DKK 2.95 million", "3,5 mio. kr."
    number: str  # "2.95"
    number_start: int
    scale: str | None  # "million", "mio.", "m"
    approx: bool
    english: bool  # read in English notation ("DKK 2,450" is 2450)

    @property
    def value(self) -> Amount | None:
        """The number in its notation ("2.95" -> 2.95), in the amount's own scale."""
        return parse_number(self.number, self.english)

    @property
    def kroner(self) -> float | None:
        return amount_in_kroner(self.number, self.scale, self.english)


def extract_prose_amounts(text: str) -> tuple[ProseAmount, ...]:
    """Every kroner amount written in `text`, with its sentence and offset (page/section left None)."""
    bounds = sentence_bounds(text)
    found: list[ProseAmount] = []
    for m in find_amounts(text):
        kroner = m.kroner
        if kroner is None:
            continue
        found.append(
            ProseAmount(
                text=collapse_ws(m.written),
                amount_kr=kroner,
                sentence=sentence_at(text, m.number_start, bounds),
                start=m.start,
            )
        )
    return tuple(found)


def find_amounts(text: str, english: bool | None = None) -> list[AmountMatch]:
    """Every amount of `text` in order, Danish ("3,5 mio. kr.") and English ("DKK 3.5 million"), each read in
    the notation its shape says, else `english` (None: the text's own language)."""
    if english is None:
        english = is_english(text)
    out = [AmountMatch(m.start(), m.end(), m.group(0), m.group("number"), m.start("number"), m.group("scale"),
                       bool(m.group("approx")), english) for m in amount_matches(text)]
    taken = [(a.start, a.end) for a in out]
    for m in ENGLISH_AMOUNT_RE.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken) or _is_english_unit(text, m):
            continue
        key = "number" if m.group("number") else "number2"
        scale = m.group("scale") if key == "number" else m.group("scale2")
        out.append(AmountMatch(m.start(), m.end(), m.group(0), m.group(key), m.start(key), scale,
                               bool(m.group("approx")), True))
    return sorted(out, key=lambda a: a.start)


def amount_matches(text: str) -> list[re.Match[str]]:
    """The Danish `AMOUNT_RE` matches of `text` that are amounts: not a table's unit head ("1.000 kr., 2024 p/l")
    nor a sentence stating the figures' unit ("Beløbene er angivet i 1.000 kr.")."""
    return [m for m in AMOUNT_RE.finditer(text)
            if not _UNIT_HEAD_TAIL_RE.match(text, m.end()) and not _is_unit_statement(text, m)]


def _is_english_unit(text: str, m: re.Match[str]) -> bool:
    """Is this "DKK 1,000" a table's unit ("(DKK 1,000, 2030 prices)", "Amounts in DKK 1,000")?"""
    if m.group("number") is None or m.group("scale") or m.group("approx"):
        return False
    if m.group("number").replace(",", "").replace(".", "") != "1000":
        return False
    return (_UNIT_STATEMENT_BEFORE_RE.search(text, 0, m.start()) is not None
            or _ENGLISH_UNIT_TAIL_RE.match(text, m.end()) is not None)


def _is_unit_statement(text: str, m: re.Match[str]) -> bool:
    """Is this "1.000 kr." the unit a sentence states for the figures below ("Beløbene er i 1.000 kr.")?"""
    if m.group("scale") or m.group("approx") or m.group("number").replace(".", "") != "1000":
        return False
    return (_UNIT_STATEMENT_BEFORE_RE.search(text, 0, m.start()) is not None
            and _PER_AFTER_RE.match(text, m.end()) is None)
