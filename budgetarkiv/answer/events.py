"""What happens at a date: the event a date question asks about and the events a sentence dates.

"Hvornår starter bostøtteteamet?" asks for a start; "Udvalget behandler sagen på sit møde 3. maj 2029" dates a
meeting, "Teamet starter 1. april 2028" a start. A date answers a date question only when it is the date of the
event asked about: a meeting's date is not a programme's start, a follow-up meeting's date not the day an
agreement was made. The events are named in Danish and English alike, so an English question finds the
Danish sentence's event ("rolled out" — "udbredt", "concluded" — "indgået"). Pure functions over text.
"""
from __future__ import annotations

import re

# each event by the words that name it, in the question or in the sentence (stems: "åbne", "åbner", "åbningen")
_EVENTS: dict[str, re.Pattern[str]] = {
    "start": re.compile(
        r"\b(?:start\w*|begynd\w*|påbegynd\w*|igangsæt\w*|iværksæt\w*|opstart\w*|åbne[rst]?|åbning\w*|åbnes|"
        r"åbnede|open(?:s|ed|ing)?|launch\w*|commenc\w*|begin\w*|began|begun|ibrugtag\w*|tages? i brug|"
        r"taken? into use|udbred\w*|udrull\w*|"
        r"rolled out|roll(?:s|ing)? out|implementer\w*|implement\w*|gælde[rs]?|gældende|apply|applies|"
        r"take[sn]? effect|træde[rs]? i kraft|trådte i kraft|in force|fra hvornår|from (?:what|which) date|"
        r"from when|(?:fra(?: og med)?|from|starting|beginning)\s+(?:den\s+|d\.\s*|the\s+)?\d{1,2}\.?\s)", re.IGNORECASE),
    "end": re.compile(
        r"\b(?:udløb\w*|udløber|ophør\w*|slut(?:ter|te|tet)?|stopp?e[rst]?|lukke[rs]?|lukning\w*|lukkes|expir\w*|"
        r"end(?:s|ed|ing)?|clos(?:e|es|ed|ing|ure)|cease\w*|run(?:s)? out|ran out|til og med|frem til|until)\b",
        re.IGNORECASE),
    "occupancy": re.compile(r"\b(?:indflyt\w*|flytte\w* ind|flytter ind|move[sd]? in|moving in)\b",
                            re.IGNORECASE),
    "done": re.compile(
        r"\b(?:færdig\w*|klar til|fuldført\w*|gennemført\w*|afleve\w*|complet\w*|finish\w*|ready|delivered|"
        r"i drift|in operation|operational)\b", re.IGNORECASE),
    "meeting": re.compile(
        r"\b(?:møde\w*|mødes|meeting\w*|meets?|behandl\w*|vedt[ao]g\w*|vedtaget|vedtagelse\w*|beslut\w*|"
        r"godkend\w*|decid\w*|decision\w*|adopt\w*|approv\w*|reading|session|hearing|høring\w*|protokol\w*)\b",
        re.IGNORECASE),
    "agreement": re.compile(
        r"\b(?:indgå\w*|indgik|konklud\w*|conclud\w*|reached|struck|signed|underskrev\w*|underskrevet|"
        r"aftalt|agreed)\b", re.IGNORECASE),
    "report": re.compile(
        r"\b(?:forelæg\w*|fremlæg\w*|afrapport\w*|rapporter\w*|evaluer\w*|evaluat\w*|report\w*|present\w*|"
        r"status\w*|orienter\w*|submit\w*)\b", re.IGNORECASE),
    "deadline": re.compile(r"\b(?:frist\w*|deadline\w*|senest|no later than|at the latest)\b", re.IGNORECASE),
}
# close events: a question about one is answered by a sentence naming the other ("hvornår står vejen færdig":
# "vejen tages i brug 1. maj"; "when must it be ready": "fristen er 1. maj")
_KIN = {"done": {"start", "deadline"}, "start": {"done", "occupancy"}, "occupancy": {"start", "done"},
        "deadline": {"done", "end", "report"}, "end": {"deadline"}, "report": {"deadline", "meeting"},
        "meeting": {"report"}}


def events(text: str) -> set[str]:
    """The events a text names ("start", "end", "occupancy", "done", "meeting", "agreement", "report", "deadline")."""
    return {name for name, pattern in _EVENTS.items() if pattern.search(text)}


def event_fit(question: str, sentence: str) -> float:
    """1 when the sentence names the event the date question asks about (or a close one), -1 when it names
    other events only (a meeting's date for "when does it start"), 0 when either names none."""
    asked = events(question)
    if not asked:
        return 0.0
    named = events(sentence)
    if not named:
        return 0.0
    if asked & named:
        return 1.0
    if any(_KIN.get(a, set()) & named for a in asked):
        return 0.5
    return -1.0


__all__ = ["event_fit", "events"]
