"""Amounts written in prose ("3,5 mio. kr. årligt", "ca. 88 mio. kr.", "400.000 kr.").

Budget notes and answer letters state many of their figures in sentences rather than tables. Each amount
is kept with the sentence it stands in, so a user is shown the figure in its own words and context.
Percentages ("56 pct."), table unit heads ("1.000 kr., 2024 p/l", "1.000 kr. (2026-priser)") and sentences
stating a table's unit ("Beløbene er angivet i 1.000 kr.") are not amounts.
"""
from __future__ import annotations

import re

from budgetarkiv.core.models import ProseAmount
from budgetarkiv.core.numbers import parse_danish_number
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
# What follows a table's unit head: "1.000 kr., 2024 p/l", "(1.000 kr. – 2018 p/l )", "1.000 kr., løbende p/l",
# "1.000 kr. (2026-priser)", "1.000 kr., p/l 2028" (any price-level spelling, see ingest.units).
_UNIT_HEAD_TAIL_RE = re.compile(r"[\s,.–—-]*(?:faste\s+)?(?:(?<=1\.000 kr\.)\s*\(\s*)?(?:" + PRICE_LEVEL_RE.pattern + ")",
                                re.IGNORECASE)
# "Beløbene er angivet i 1.000 kr.": the figures' unit. A thousand kroner "i 1.000 kr." is a unit, unless
# the sentence goes on "pr. ..." (a price per person).
_UNIT_STATEMENT_BEFORE_RE = re.compile(r"(?:(?<![\w])(?:i|in)\s+|\(\s*)$", re.IGNORECASE)
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
}


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
    for m in amount_matches(text):
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


def amount_matches(text: str) -> list[re.Match[str]]:
    """The `AMOUNT_RE` matches of `text` that are amounts: not a table's unit head ("1.000 kr., 2024 p/l") nor
    a sentence stating the figures' unit ("Beløbene er angivet i 1.000 kr.")."""
    return [m for m in AMOUNT_RE.finditer(text)
            if not _UNIT_HEAD_TAIL_RE.match(text, m.end()) and not _is_unit_statement(text, m)]


def _is_unit_statement(text: str, m: re.Match[str]) -> bool:
    """Is this "1.000 kr." the unit a sentence states for the figures below ("Beløbene er i 1.000 kr.")?"""
    if m.group("scale") or m.group("approx") or m.group("number").replace(".", "") != "1000":
        return False
    return (_UNIT_STATEMENT_BEFORE_RE.search(text, 0, m.start()) is not None
            and _PER_AFTER_RE.match(text, m.end()) is None)
