"""How a count is written: whether a sentence states a count of something, as a count question needs it.

A count is a number with the thing it counts after it: "ca. 320 borgere", "1.200 elever", "1,200 pupils",
"12 årsværk", "10,5 årsværk", "2.5 FTEs", "about 320 citizens", or a number in words ("tre medarbejdere",
"three staff"). Not a count: an amount ("4,8 mio. kr."), a share ("61 pct."), a year, a duration or measure
("20 ugers forløb", "12 months", "200 meter", "55 m²", "kl. 22", "18-29 år") unless the question counts
that very unit ("hvor mange timer"), nor a figure the question itself names ("kunne ikke svømme 200 meter"
asks how many pupils, not how many metres).
"""
from __future__ import annotations

import re

from budgetarkiv.index.english import looks_english

WORD_COUNT = 0.8  # a count in words ("tre medarbejdere") is one, though a figure is the likelier answer

_NUMBER = r"(?:\d{1,3}(?:[.,]\d{3})+|\d+(?:[.,]\d{1,2})?)"
_NOT_COUNTS = r"(?:pct|procent|%|percent|kr|kroner|dkk|mio|mia|mill|million|billion|euro|€)"
# durations and measures: what they number is time or size, not things or people
_UNITS = (r"(?:uger?s?|ugen|måned\w*|mdr|dage?s?|døgn|timer?s?|minutter?|sekunder?|år|års|årig\w*|meter|m2|m²|km|kvm|"
          r"kilometer|kg|ton|liter|grader|weeks?|months?|days?|hours?|minutes?|seconds?|years?|metres?|meters?|"
          r"sq|square|kilos?|tonnes?|litres?|degrees?)\b")
_COUNT = re.compile(rf"(?<![\w.,/-])(?<!kl\. )(?<!kl )({_NUMBER})(?![\d.,]*\d)(?!\s*{_NOT_COUNTS})\s+(?:[-–]\s*)?"
                    rf"(?:(?:nye|flere|new|more|extra|ekstra|faste|full-time)\s+)?([^\W\d_][\w-]*)", re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d\d")
_WORDS_DA = ("tre|fem|seks|syv|otte|ni|ti|elleve|tolv|tretten|fjorten|femten|seksten|sytten|atten|nitten|tyve|"
             "tredive|fyrre|halvtreds|tres|halvfjerds|firs|halvfems|hundrede")
_WORDS_EN = ("two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
             "eighteen|nineteen|twenty|thirty|forty|fifty|sixty|hundred|dozen")
# ("fire" is Danish four and an English noun: read as a count in Danish text only)
_IN_WORDS = re.compile(rf"\b(?:{_WORDS_DA}|{_WORDS_EN})\s+(?:nye\s+|flere\s+|ekstra\s+|new\s+|more\s+|extra\s+)?"
                       r"([^\W\d_][\w-]*)", re.IGNORECASE)
_FOUR_DA = re.compile(r"\bfire\s+(?:nye\s+|flere\s+|ekstra\s+)?([^\W\d_][\w-]*)", re.IGNORECASE)
_FIGURE = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*")
_ASKED_UNIT = re.compile(rf"\b(?:hvor mange|how many)\s+{_UNITS}", re.IGNORECASE)


def count_fit(sentence: str, question: str = "") -> float:
    """1 when the sentence states a count in figures, WORD_COUNT when only in words, 0 when none (a duration,
    a measure or a figure the question names is none, unless the question counts that unit)."""
    named = {f for f in _FIGURE.findall(question) if not _YEAR.fullmatch(f)}
    units_asked = bool(_ASKED_UNIT.search(question))
    for m in _COUNT.finditer(sentence):
        if _YEAR.fullmatch(m.group(1)) or m.group(1) in named:
            continue
        if not units_asked and re.fullmatch(_UNITS, m.group(2), re.IGNORECASE):
            continue
        return 1.0
    found = [*_IN_WORDS.finditer(sentence), *(() if looks_english(sentence) else _FOUR_DA.finditer(sentence))]
    if any(units_asked or not re.fullmatch(_UNITS, m.group(1), re.IGNORECASE) for m in found):
        return WORD_COUNT
    return 0.0


__all__ = ["WORD_COUNT", "count_fit"]
