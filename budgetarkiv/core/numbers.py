"""Danish number format: "4.400" is 4400, "0,65" is 0.65, "-500" (or "÷500", the Danish minus sign) is minus 500.

English documents (emails, summaries) write "2,450.5" for the Danish "2.450,5": `parse_number` reads a number in
the notation of the context the caller knows."""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from budgetarkiv.core.models import Amount

# A Danish number: optional sign, digits grouped by "." in threes, optional ",decimals".
NUMBER_RE = re.compile(r"[-−–÷]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?")
_FULL_RE = re.compile(rf"^{NUMBER_RE.pattern}$")


def parse_danish_number(text: str) -> Amount | None:
    """The value of one Danish-formatted number, or None when `text` is not one.

    Keeps ints as ints so table amounts print as the source wrote them.
    """
    s = text.strip().replace("\u00a0", "").replace(" ", "")
    if not _FULL_RE.match(s):
        return None
    negative = s[0] in "-−–÷"
    s = s.lstrip("-−–÷").replace(".", "")
    value: Amount = float(s.replace(",", ".")) if "," in s else int(s)
    return -value if negative else value


# An English number: digits grouped by "," in threes, optional ".decimals".
ENGLISH_NUMBER_RE = re.compile(r"[-−–]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_ENGLISH_FULL_RE = re.compile(rf"^{ENGLISH_NUMBER_RE.pattern}$")


def parse_english_number(text: str) -> Amount | None:
    """The value of one English-formatted number ("2,450.5" -> 2450.5, "86,000" -> 86000, "2.95" -> 2.95)."""
    s = text.strip().replace("\u00a0", "").replace(" ", "")
    if not _ENGLISH_FULL_RE.match(s):
        return None
    negative = s[0] in "-−–"
    s = s.lstrip("-−–").replace(",", "")
    value: Amount = float(s) if "." in s else int(s)
    return -value if negative else value


def parse_number(text: str, english: bool = False) -> Amount | None:
    """A number in the notation of its context, which the caller knows (an English document, "DKK" before the
    figure). In English "2,450" is 2450 and "2.450" is 2.45; a number only Danish can read ("2,45", "2.450,5",
    "1.234.567") keeps its Danish value there too, since English documents quote the Danish notes. In a Danish
    context only Danish notation is read: "2.95" is no number there, not a guess."""
    s = text.strip().replace("\u00a0", "").replace(" ", "")
    danish = parse_danish_number(s)
    if not english:
        return danish
    value = parse_english_number(s)
    return danish if value is None else value


def format_danish_number(value: Amount) -> str:
    """4400 -> "4.400"; 0.65 -> "0,65"; the inverse of `parse_danish_number`.

    A whole float keeps one decimal (3.0 -> "3,0"): amounts are ints unless the source wrote decimals,
    so a cell printed "3,0" is shown as printed."""
    negative = value < 0
    value = abs(value)
    if isinstance(value, float) and value.is_integer():
        whole, frac = str(int(value)), "0"
    elif isinstance(value, float):
        whole, frac = f"{value:.10f}".rstrip("0").split(".")
    else:
        whole, frac = str(int(value)), ""
    grouped = f"{int(whole):,}".replace(",", ".")
    out = grouped + ("," + frac if frac else "")
    return ("-" if negative else "") + out


# Kroner per unit of a money table's head.
UNIT_KRONER: dict[str, int] = {"kr.": 1, "1.000 kr.": 1_000, "mio. kr.": 1_000_000, "mia. kr.": 1_000_000_000}


def readable_amount(value: Amount, unit: str | None) -> str | None:
    """An amount as a reply letter writes it, derived from the exact figure and its unit only:
    3.490 (1.000 kr.) -> "ca. 3,5 mio. kr."; 4.600 -> "4,6 mio. kr." (exact, so no "ca."); 737 -> "737.000 kr.".
    One decimal in mio./mia.; "ca." whenever that rounds. None for a unit that is not kroner."""
    per = UNIT_KRONER.get((unit or "").strip())
    if per is None:
        return None
    kroner = Decimal(str(value)) * per  # exact decimals: 5.250 is 5,25 mio., rounded half up to 5,3
    for size, word in ((1_000_000_000, "mia."), (1_000_000, "mio.")):
        if abs(kroner) >= size:
            shown = (kroner / size).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
            text = format_danish_number(int(shown) if shown == shown.to_integral() else float(shown))
            return f"{'' if shown * size == kroner else 'ca. '}{text} {word} kr."
    whole = kroner.quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    return f"{'' if whole == kroner else 'ca. '}{format_danish_number(int(whole))} kr."


def price_level_words(price_level: str | None) -> str | None:
    """ "2026 p/l" -> "2026-priser"; "løbende p/l" -> "løbende priser"."""
    if not price_level:
        return None
    level = price_level.replace("p/l", "").strip()
    if level.isdigit():
        return f"{level}-priser"
    return f"{level} priser" if level else None
