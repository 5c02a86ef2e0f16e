"""What differs between two versions of one note, at the level a reader cares about.

Sentences are matched by shared word trigrams (so layout, hyphenation, tags and table cell order do not
count as differences). A matched pair whose numbers differ is a change ("60 pct." vs "50 pct."); a
sentence without a match in the other version exists only in its own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from budgetarkiv.core.text import sentence_bounds

_WORDS = re.compile(r"\w+")
_NUMBERS = re.compile(r"\d+(?:[.,]\d+)*")
MATCH = 0.5  # share of a sentence's trigrams found in its best counterpart to call them the same sentence


@dataclass(frozen=True)
class ChangedSentence:
    here: str
    there: str


@dataclass(frozen=True)
class VersionDiff:
    changed: tuple[ChangedSentence, ...]  # same sentence, other numbers
    only_here: tuple[str, ...]
    only_there: tuple[str, ...]


def _sentences(text: str) -> list[str]:
    text = text.replace("*", "")
    bounds = sentence_bounds(text)
    out = []
    for a, b in zip(bounds, bounds[1:]):
        s = " ".join(text[a:b].split())
        if len(_WORDS.findall(s)) >= 4:
            out.append(s)
    return out


def _trigrams(sentence: str) -> set[tuple[str, ...]]:
    words = _WORDS.findall(sentence.lower())
    return {tuple(words[i:i + 3]) for i in range(max(1, len(words) - 2))}


def _best(grams: set, candidates: list[tuple[str, set]]) -> tuple[str | None, float]:
    best, score = None, 0.0
    for sentence, other in candidates:
        if grams and other:
            s = len(grams & other) / len(grams)
            if s > score:
                best, score = sentence, s
    return best, score


def diff_versions(text: str, other: str, limit: int = 20) -> VersionDiff:
    mine = [(s, _trigrams(s)) for s in _sentences(text)]
    theirs = [(s, _trigrams(s)) for s in _sentences(other)]
    their_grams = set().union(*(g for _, g in theirs)) if theirs else set()
    my_grams = set().union(*(g for _, g in mine)) if mine else set()
    changed: list[ChangedSentence] = []
    only_here: list[str] = []
    for s, grams in mine:
        if grams and len(grams & their_grams) / len(grams) < MATCH:
            only_here.append(s)
            continue
        match, _ = _best(grams, theirs)
        if match is not None and _numbers(s) != _numbers(match) and _numbers(s) - _numbers(match):
            pair = ChangedSentence(s, match)
            if pair not in changed:
                changed.append(pair)
    only_there = [s for s, grams in theirs if grams and len(grams & my_grams) / len(grams) < MATCH]
    return VersionDiff(tuple(changed[:limit]), tuple(only_here[:limit]), tuple(only_there[:limit]))


def _numbers(sentence: str) -> set[str]:
    return {n.replace(".", "") for n in _NUMBERS.findall(sentence)}
