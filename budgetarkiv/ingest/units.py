"""A money table's unit and price level, in the spellings notes use, each read into one canonical form.

Notes of the whole municipality write thousands of kroner as "1.000 kr.", "1000 kr.", "tkr.", "t.kr.",
"t. kr.", "tusind kr." or "DKK 1,000"; millions as "mio. kr.", "mio kr", "mill. kr.", "DKK million", "DKK m";
billions as "mia. kr."; whole kroner as "kr." ("Beløb i kr."). Price levels come as "2026 p/l", "p/l 2028",
"PL 2027", "2027-pl", "(2027-priser)", "2027-prisniveau", "prisniveau 2027", "faste 2026-priser", "løbende
priser", "2026 prices". The rest of the code knows one form of each: units "1.000 kr.", "mio. kr.", "mia. kr.",
"kr." (`core.numbers.UNIT_KRONER`) and price levels "2026 p/l", "løbende p/l", so sums, conversions and
answers treat "tkr., 2026-priser" and "1.000 kr., 2026 p/l" alike.

A number right before a unit makes it an amount ("3,5 mio. kr."), never a table's unit.
"""
from __future__ import annotations

import re

_KR = r"(?:kr\.?|kroner)(?![\w])"
_THOUSAND = r"(?:1\.000|1000|1 000)"
# Alternatives in order of preference at one position: the longest spelling first, a bare "kr."/"DKK" last.
UNIT_RE = re.compile(
    r"(?<![\w.,])(?:"
    rf"(?P<thousand>{_THOUSAND}\s*{_KR}|t\.?\s?kr\.?(?![\w])|tusinde?\s*{_KR}"
    r"|DKK\s*(?:1[.,]000|'000|thousands?)(?![\w])|(?:1[.,]000|thousands? of)\s*DKK(?![\w]))"
    rf"|(?P<million>(?:mio|mill|millioner|million)\.?\s*{_KR}"
    r"|DKK\s*(?:millions?|mio\.?|mill\.?|mn|m)(?![\w])|DKKm(?![\w])|(?:millions?|mio\.?|mn)\s*DKK(?![\w]))"
    rf"|(?P<billion>(?:mia|mrd|milliarder|milliard)\.?\s*{_KR}"
    r"|DKK\s*(?:billions?|bn|mia\.?)(?![\w])|(?:billions?|bn)\s*DKK(?![\w]))"
    rf"|(?P<kroner>{_KR}|DKK(?![\w]))"
    r")",
    re.IGNORECASE,
)
CANONICAL_UNIT = {"thousand": "1.000 kr.", "million": "mio. kr.", "billion": "mia. kr.", "kroner": "kr."}

_YEAR = r"(?P<year>(?:19|20)\d{2})"
_PL = r"p\s*/\s*[l1](?![\w])"  # "p/l", "p / l", and the source's "p/1" typo
_LEVEL_WORDS = r"(?:prisniveau|pris-\s*og\s*lønniveau|p/l-niveau|pl-niveau)"
PRICE_LEVEL_RE = re.compile(
    r"(?<![\w/])(?:"
    rf"(?P<current>løbende\s*(?:{_PL}|pl(?![\w])|priser|prisniveau|pris-\s*og\s*lønniveau)|current\s+prices)"
    r"|(?:"
    rf"{_YEAR}\s*-?\s*(?:{_PL}|pl(?![\w])|priser(?![\w])|{_LEVEL_WORDS}|prices(?![\w])|price\s+level(?![\w]))"
    rf"|(?:{_PL}|pl|{_LEVEL_WORDS}|price\s+level|prices\s+of)\.?\s*:?\s*(?:i\s+)?{_YEAR.replace('year', 'year2')}"
    r"|faste\s+priser,?\s*\(?" + _YEAR.replace("year", "year3") +
    r"))(?![\d])",
    re.IGNORECASE,
)

# A number (an amount) right before a unit: "3,5 mio. kr.", "400 kr.", "DKK 3.5 million" is not a unit head.
_NUMBER_BEFORE_RE = re.compile(r"\d(?:[\d.,]*\d)?\s*$")
_NUMBER_AFTER_DKK_RE = re.compile(r"\s*\d")


def unit_matches(text: str) -> list[re.Match[str]]:
    """The unit spellings in `text` that are a unit, not part of an amount ("3,5 mio. kr.", "DKK 3.5m")."""
    found = []
    for m in UNIT_RE.finditer(text):
        if m.lastgroup != "thousand" and _NUMBER_BEFORE_RE.search(text, 0, m.start()):
            continue
        if m.group(0).upper() == "DKK" and _NUMBER_AFTER_DKK_RE.match(text, m.end()):
            continue  # "DKK 400": an amount
        found.append(m)
    return found


def canonical_unit(match: re.Match[str]) -> str:
    """A `UNIT_RE` match in its canonical form: "tkr." -> "1.000 kr.", "DKK million" -> "mio. kr."."""
    assert match.lastgroup is not None
    return CANONICAL_UNIT[match.lastgroup]


def find_unit(text: str) -> str | None:
    """The first unit `text` states, canonical; None when it states none."""
    found = unit_matches(text)
    return canonical_unit(found[0]) if found else None


def canonical_price_level(match: re.Match[str]) -> str:
    """A `PRICE_LEVEL_RE` match in its canonical form: "(2027-priser)" -> "2027 p/l", "løbende priser" ->
    "løbende p/l"."""
    if match.group("current"):
        return "løbende p/l"
    year = match.group("year") or match.group("year2") or match.group("year3")
    return f"{year} p/l"


def find_price_level(text: str) -> str | None:
    """The first price level `text` states, canonical; None when it states none."""
    m = PRICE_LEVEL_RE.search(text)
    return canonical_price_level(m) if m else None


def without_unit_and_price_level(text: str) -> str:
    """`text` with every unit and price-level spelling taken out (what else a title's bracket says)."""
    for m in reversed(unit_matches(text)):
        text = text[: m.start()] + text[m.end():]
    return PRICE_LEVEL_RE.sub("", text)


# A sentence stating the unit of the figures below it: "Beløbene er angivet i 1.000 kr. (2026-priser)",
# "Alle beløb i mio. kr.", "Amounts in DKK million". The unit follows "i"/"in" or an opening bracket, or
# opens the line; an amount ("på 3,5 mio. kr.") is no statement.
_STATEMENT_CUE_RE = re.compile(r"(?:(?<![\w])(?:i|in|angivet|opgjort)\s+|\(\s*|^\s*)$", re.IGNORECASE)
_PER_AFTER_RE = re.compile(r"\s*(?:pr\.|per|om året|årligt|hver)(?![\w])", re.IGNORECASE)


_BRACKETED_LEVEL_RE = re.compile(rf"\s*\(\s*(?:{PRICE_LEVEL_RE.pattern})\s*\)\.?\s*", re.IGNORECASE)


def stated_unit_and_price_level(text: str) -> tuple[str | None, str | None]:
    """(unit, price level) that prose just above a table states for its figures, canonical.

    A price level counts only in a text that also states a unit or speaks of amounts ("Beløbene er i
    2027-priser"), so a year's prices mentioned in passing are not taken for the table's."""
    unit = None
    for m in unit_matches(text):
        if _STATEMENT_CUE_RE.search(text, 0, m.start()) and not _PER_AFTER_RE.match(text, m.end()):
            unit = canonical_unit(m)
            break
    if unit is None and _BRACKETED_LEVEL_RE.fullmatch(text):
        return None, find_price_level(text)  # "(PL 2029)." after "Beløbene er i kr.", cut off as a sentence of its own
    speaks_of_amounts = unit is not None or re.search(r"\b(?:beløb\w*|tal(?:lene)?|amounts?|figures?)\b", text,
                                                      re.IGNORECASE) is not None
    return unit, find_price_level(text) if speaks_of_amounts else None
