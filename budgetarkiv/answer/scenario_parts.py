"""The part of a sentence about one scenario, when the sentence goes through several.

A note often states each scenario's figure in one sentence ("Scenarie 1 giver 1.200 nye pladser, scenarie 2
giver 2.500 ... og scenarie 3 giver 4.000 ..." or "... skal falde fra 35 pct. til 20 pct. (scenarie 1), 15
pct. (scenarie 2) eller 10 pct. (scenarie 3) senest i 2028"). Quoted whole beside a question about scenario
2, the other scenarios' figures read as the answer; quoted as the scenario's part, the answer is exact.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from budgetarkiv.answer.model import Fact
from budgetarkiv.core.scenarios import (
    KIND_WORDS,
    MARK,
    SCENARIO_MENTION,
    alternatives_named,
    number_of,
    scenarios_mentioned,
)
from budgetarkiv.core.text import sentence_spans

# the figure a parenthesised scenario mark follows: "15 pct. (scenarie 2)"
_VALUE_BEFORE = re.compile(r"(?<![\w.,])\d[\d.,]*(?:\s*(?:pct\.|procent|%|mio\.\s*kr\.|mia\.\s*kr\.|kr\.))?\s*\($")
_CONNECTIVE_END = re.compile(r"(?:[,;]?\s*(?:og|samt|mens|eller|and|or|while|whereas)?\s*)$", re.IGNORECASE)
ELLIPSIS = " … "
# an item presenting one alternative: "Løsning 2: ...", "Model B – ..." (its mark followed by a colon or a dash)
_ITEM_HEAD = re.compile(rf"\b(?:{KIND_WORDS})[ \t]+({MARK})[ \t]*[:–—]")
# a sentence recommending one of the note's alternatives ("Forvaltningen anbefaler Løsning 2, fordi ...")
_RECOMMENDS = re.compile(r"\b(?:anbefaler|anbefales|indstiller|recommends?|is recommended)\b", re.IGNORECASE)
MIN_PART = 8  # characters: shorter parts say too little to be quoted alone


def scenarios_named(text: str) -> set[int]:
    """The scenarios a sentence names ("scenarie 3", "Model C" → 3)."""
    return scenarios_mentioned(text)


def scenarios_of(fact: Fact) -> set[int]:
    """The scenarios a quoted sentence is about: those it names, else the one whose item it stands in
    ("Løsning 2: Tandbussen kører fire dage om ugen. Forventet ca. 900 patienter om året." → 2 for the
    second sentence), read from its passage's line up to the sentence."""
    return scenarios_at(fact.passage, fact.highlight[0], fact.text)


def scenarios_at(passage: str, start: int, sentence: str) -> set[int]:
    """The scenarios the sentence at `start` of a passage is about: those it names, else the one whose item
    it stands in (read from the passage's line up to the sentence)."""
    mentions = list(SCENARIO_MENTION.finditer(sentence))
    # "Niveau 4: som Niveau 3 og desuden ...": a mention by reference is not what the sentence is about
    own = [m for m in mentions if not _REFERENCE.search(sentence[:m.start()])] or mentions
    named = {number_of(m.group(1)) for m in own}
    if len(own) == len(mentions):
        named |= alternatives_named(sentence)  # ("med Løsning 3 eller 4": both)
    if named:
        return named
    line = passage[passage.rfind("\n", 0, start) + 1:start]
    heads = list(_ITEM_HEAD.finditer(line))
    return {number_of(heads[-1].group(1))} if heads else set()


def recommended_in(text: str) -> int | None:
    """The alternative a note's text recommends ("Forvaltningen anbefaler Løsning 2, fordi ..."): the one
    named alone in its recommending sentences, when they agree; None otherwise."""
    named = {frozenset(scenarios_mentioned(text[a:b])) for a, b in sentence_spans(text) if _RECOMMENDS.search(text[a:b])}
    named = {n for n in named if len(n) == 1}
    return next(iter(next(iter(named)))) if len(named) == 1 else None


# "som Niveau 2 og desuden ...", "as Option A plus ...": an alternative defined by another it builds on
_BUILDS_ON = re.compile(rf"\b(?:som|ligesom|as|like|same as)\s+(?:{KIND_WORDS})\s+({MARK})\s*,?\s+"
                        r"(?:og desuden|og derudover|og også|og|samt|plus|and also|and in addition|and|with)\b",
                        re.IGNORECASE)
_REFERENCE = re.compile(r"\b(?:som|ligesom|as|like|same as|omfatter|includes?)\s+$", re.IGNORECASE)


def built_on(texts: Iterable[str], asked: set[int]) -> set[int]:
    """The alternatives the asked ones build on ("Niveau 3: som Niveau 2 og desuden Krøyers Plads" → 2): what
    the text says of those holds for the asked ones too."""
    out: set[int] = set()
    for text in texts:
        for m in _BUILDS_ON.finditer(text):
            before = scenarios_named(text[:m.start()]) | set(_heads(text[:m.start()]))
            if before & asked:
                out.add(number_of(m.group(1)))
    return out - asked


def _heads(text: str) -> list[int]:
    return [number_of(m.group(1)) for m in _ITEM_HEAD.finditer(text)]


def scenario_clause(fact: Fact, asked: set[int]) -> Fact:
    """The fact cut to the part about the one scenario asked; unchanged unless exactly one mention of an
    asked scenario stands among mentions of others (a mention by reference, "som Niveau 2", is not one)."""
    text = fact.text
    marks = [m for m in SCENARIO_MENTION.finditer(text) if not _REFERENCE.search(text[:m.start()])]
    mine = [i for i, m in enumerate(marks) if number_of(m.group(1)) in asked]
    if len(mine) != 1 or len({number_of(m.group(1)) for m in marks}) < 2:
        return fact
    i = mine[0]
    if all(text[:m.start()].endswith("(") for m in marks):
        return _parenthesised(fact, marks, i)
    start = marks[i].start()
    end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
    part = _CONNECTIVE_END.sub("", text[start:end].rstrip()).rstrip(" ,;")
    return _cut(fact, part, part)


def _parenthesised(fact: Fact, marks: list[re.Match], i: int) -> Fact:
    """ "fra 35 pct. til 20 pct. (scenarie 1), 15 pct. (scenarie 2) eller 10 pct. (scenarie 3) senest i 2028":
    the sentence's head, the asked figure with its mark, and what follows the last mark."""
    text = fact.text
    starts = []
    for m in marks:
        value = _VALUE_BEFORE.search(text[:m.start()])
        if value is None:
            return fact
        starts.append(value.start())
    close = [text.find(")", m.end()) for m in marks]
    if any(c < 0 for c in close):
        return fact
    head = text[:starts[0]].rstrip()
    part = text[starts[i]:close[i] + 1]
    tail = text[close[-1] + 1:].strip().lstrip(",;").strip()
    quoted = (head + " " if i == 0 else head + ELLIPSIS) + part + (ELLIPSIS + tail if tail and i < len(marks) - 1
                                                                  else text[close[i] + 1:] if i == len(marks) - 1
                                                                  else "")
    return _cut(fact, quoted.strip(), part)


def _cut(fact: Fact, text: str, highlighted: str) -> Fact:
    """The fact quoting `text`, with `highlighted` (a span of the passage) marked."""
    if len(highlighted) < MIN_PART:
        return fact
    offset = fact.passage.find(highlighted, fact.highlight[0])
    if offset < 0:
        offset = fact.passage.find(highlighted)
    if offset < 0:
        return fact
    return dataclasses.replace(fact, text=text, highlight=(offset, offset + len(highlighted)))
