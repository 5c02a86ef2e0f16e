"""How a note and a question name one of a proposal's alternatives: "Scenarie 2", "scenario 3", "Model B",
"Variant 1", "Alternativ 2", "Alternativ II", "Løsning 3", "Option A", "Niveau 2", "Forslag 1", "Mulighed 3" (an
English "option 3"). One number per
alternative, so a question's "model B" finds the table of "Model B" and a sentence's "scenarie 2" the second
scenario.
"""
from __future__ import annotations

import re

# The words a note names its alternatives by, for patterns elsewhere ("Løsning 2", "Option A" as a table's title).
KIND_WORDS = r"Scenarie|Model|Variant|Alternativ|Løsning|Option|Mulighed|Niveau|Forslag"
# An alternative's mark: a number, a capital letter (A = 1, B = 2, ...) or a roman numeral up to IV; not the
# start of a figure ("forslaget 1.000 kr.").
MARK = r"(?:\d{1,2}|(?-i:[A-F]|IV|V?I{1,3}|V))(?![\w]|[.,]\d)"
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8}
# the kind word as a question or a list writes it, plurals and English included ("Option A og B", "levels 1-3")
_KIND_ANY = (r"\b(?:scenari(?:e|o|et|er|erne|os)?|model(?:len|ler)?|variant(?:en|er)?|alternativ(?:et|er)?|alternatives?|"
             r"løsning(?:en|er)?|solutions?|option(?:en|er|s)?|mulighed(?:en|erne|er)?|niveau(?:et|er)?|levels?|forslag(?:et)?|proposals?)")
# one alternative named ("Niveau 5", "Option C", "Alternativ II"), and every alternative of a range or list
# ("Niveau 1-4", "Model A, B og C", "Option A og B", "scenarie 1, 2 eller 3")
ALTERNATIVE_NAMED = re.compile(rf"{_KIND_ANY}\s+({MARK})", re.IGNORECASE)
_ALTERNATIVE_LIST = re.compile(rf"{_KIND_ANY}\s+({MARK}(?:\s*(?:,|-|–|/|og|and|eller|or|&)\s*{MARK})*)",
                               re.IGNORECASE)

# the kind word, then a number or a capital letter (A = 1, B = 2, ...) or a roman numeral
SCENARIO_MENTION = re.compile(
    r"\b(?:scenari(?:e|o|et)|model(?:len)?|variant(?:en)?|alternativ(?:et)?|løsning(?:en)?|option(?:en)?|mulighed(?:en)?"
    rf"|niveau(?:et)?|forslag(?:et)?)\s*({MARK})",
    re.IGNORECASE,
)


def number_of(mark: str) -> int:
    """ "2" → 2, "B" → 2, "II" → 2: the alternatives' numbering, whatever its notation."""
    if mark.isdigit():
        return int(mark)
    return _ROMAN.get(mark) or ord(mark.upper()) - ord("A") + 1


def alternatives_named(text: str) -> set[int]:
    """The alternatives a text names, a range ("Niveau 1-4") or a list ("Option A og B") as every one in it."""
    out: set[int] = set()
    for m in _ALTERNATIVE_LIST.finditer(text):
        marks = re.findall(r"\d{1,2}|[A-Z]+", m.group(1))
        out.update(number_of(x) for x in marks if x.isdigit() or x in _ROMAN or re.fullmatch("[A-F]", x))
        for a, b in re.findall(rf"({MARK})\s*[-–]\s*({MARK})", m.group(1)):
            out.update(range(number_of(a), number_of(b) + 1))
    return out


def scenario_number(name: str | None) -> int | None:
    """The number of an alternative's name ("Scenarie 2", "Model B" → 2); None for a name without one
    ("Grundmodel")."""
    m = SCENARIO_MENTION.search(name or "")
    return number_of(m.group(1)) if m else None


def scenarios_mentioned(text: str) -> set[int]:
    """The alternatives a text names by number or letter."""
    return {number_of(m.group(1)) for m in SCENARIO_MENTION.finditer(text)}
