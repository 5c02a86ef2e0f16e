"""Amounts written in prose ("3,5 mio. kr. årligt", "ca. 88 mio. kr.", "400.000 kr.").

Budget notes and answer letters state many of their figures in sentences rather than tables. Each amount
is kept with the sentence it stands in, so a user is shown the figure in its own words and context.
Percentages ("56 pct.") and table unit heads ("1.000 kr., 2024 p/l") are not amounts.
"""
from __future__ import annotations

import re

from budgetarkiv.core.models import ProseAmount
from budgetarkiv.core.numbers import parse_danish_number
from budgetarkiv.core.text import collapse_ws, sentence_at, sentence_bounds

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
