"""What a budget follow-up or status note says in prose about a programme's under- or overspend or a transfer
("Hvor stort er mindreforbruget på Jobspor Autisme?", "How much is expected to be underspent on X?").

A follow-up explains each deviation in a paragraph of its own ("Jobspor Autisme: To af de planlagte seks hold
er udskudt ... Mindreforbruget er 0,5 mio. kr."): the sentence with the figure often does not name the
programme, its paragraph does. So the answer is the amount whose clause is the change asked
(`ingest.amount_clauses`) in the paragraph naming the programme best, that paragraph quoted.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from budgetarkiv.answer.costs import names
from budgetarkiv.core.models import ProseAmount
from budgetarkiv.ingest.amount_clauses import AmountClause, clause_of

_ASKED: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("underspend", re.compile(r"\b(?:mindreforbrug\w*|underskrid\w*|underspen\w*|unspent)\b", re.IGNORECASE)),
    ("overspend", re.compile(r"\b(?:merforbrug\w*|overskrid\w*|overspen\w*)\b", re.IGNORECASE)),
    ("transfer", re.compile(r"\b(?:overfør\w*|transferr?\w*|carr(?:y|ied) (?:over|forward))\b", re.IGNORECASE)),
)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
MAX_QUOTE = 600  # a longer paragraph is quoted by its sentence alone

Words = Callable[[str], set[str]]


@dataclass(frozen=True)
class Change:
    """A follow-up's amount of the change asked, with the paragraph that names its programme."""

    amount: ProseAmount
    clause: AmountClause
    paragraph: str  # whitespace collapsed


# words of a follow-up question that name no programme ("hvor stort er det forventede mindreforbrug")
_QUESTION_WORDS = re.compile(r"\b(?:hvor|stort?|store|meget|forvent\w*|expect\w*|how|much|large|big|what|hvad|"
                             r"is|er|the|det|den|be|to|til|on|på|i|in|of|af)\b", re.IGNORECASE)


def subject_of(question: str) -> str:
    """The question without the change asked and its question words: what names the programme."""
    for _, pattern in _ASKED:
        question = pattern.sub(" ", question)
    return _QUESTION_WORDS.sub(" ", question)


def asked_change(question: str) -> str | None:
    """ "underspend", "overspend" or "transfer" when the question asks about one (the first it names)."""
    found = [(m.start(), kind) for kind, pattern in _ASKED for m in [pattern.search(question)] if m]
    return min(found)[1] if found else None


def paragraph_at(text: str, offset: int) -> tuple[int, int]:
    """The paragraph (between blank lines) holding `offset`."""
    start = max((m.end() for m in _PARAGRAPH_BREAK.finditer(text, 0, offset)), default=0)
    following = _PARAGRAPH_BREAK.search(text, offset)
    return start, following.start() if following else len(text)


def change_named(text: str, amounts: Sequence[ProseAmount], kind: str, groups: Sequence[set[str]],
                 tokens: Words) -> Change | None:
    """The amount of the change asked whose paragraph names most of the subject's words (each a group of a
    stem and its translations), at least half of them; the first on a tie. None when no paragraph does."""
    best: tuple[int, Change] | None = None
    for a in amounts:
        clause = clause_of(a.text, a.sentence)
        if clause is None or clause.change != kind or clause.approximate:
            continue
        start, end = paragraph_at(text, a.start)
        paragraph = " ".join(text[start:end].split())
        have = tokens(paragraph)
        named = sum(1 for g in groups if names(have, g))
        if named * 2 < len(groups) or named == 0:
            continue
        if best is None or named > best[0]:
            best = (named, Change(a, clause, paragraph))
    return best[1] if best else None


def quoted(change: Change) -> str:
    """What to quote: the paragraph when short, else the amount's sentence."""
    return change.paragraph if len(change.paragraph) <= MAX_QUOTE else change.amount.sentence
