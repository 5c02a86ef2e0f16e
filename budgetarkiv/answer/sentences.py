"""Fact selection: the sentences of the best passages that answer the question, best first."""
from __future__ import annotations

import re
from collections.abc import Sequence

from budgetarkiv.answer.model import Fact
from budgetarkiv.answer.relevance import overlap
from budgetarkiv.core.numbers import NUMBER_RE
from budgetarkiv.core.text import sentence_bounds
from budgetarkiv.index.lexical import DanishAnalyzer
from budgetarkiv.search.hybrid import Hit

MAX_FACTS = 4
KRONER = re.compile(r"\bkr\.|\bmio\.|\bmia\.")
_WANTS_NUMBER = re.compile(r"hvor mange|hvor stor|hvor meget|how many|how much|pct|procent|percent", re.IGNORECASE)


def select_facts(
    analyzer: DanishAnalyzer, question: str, wanted: set[str], hits: Sequence[Hit], intents: Sequence[str]
) -> tuple[Fact, ...]:
    """Sentences sharing the question's words, ranked by overlap, figures asked for and passage rank."""
    wanted = wanted or set(analyzer.query_tokens(question))
    wants_number = bool(_WANTS_NUMBER.search(question)) or "cost" in intents
    scored: list[tuple[float, int, Fact]] = []
    for rank, h in enumerate(hits[:6]):
        if h.kind == "table":
            continue
        spans = sentence_spans(h.text)
        for i, (start, end) in enumerate(spans):
            sentence = h.text[start:end]
            shared = overlap(set(analyzer.tokens(sentence)), wanted)
            if shared == 0:
                continue
            if wants_number and not KRONER.search(sentence) and i + 1 < len(spans):
                # "... er steget. Der er tale om stigning på 400.000 kr. pr. år": the amount often
                # stands in the sentence right after the one that matches the question
                nxt_start, nxt_end = spans[i + 1]
                if KRONER.search(h.text[nxt_start:nxt_end]) and len(h.text[nxt_start:nxt_end].split()) <= 25:
                    end = nxt_end
                    sentence = h.text[start:end]
            value = shared + (0.5 if wants_number and NUMBER_RE.search(sentence) else 0) - 0.15 * rank
            if "cost" in intents and KRONER.search(sentence):
                value += 1.0
            scored.append((value, rank, fact_at(h, start, end)))
    scored.sort(key=lambda x: (-x[0], x[1]))
    out: list[Fact] = []
    for _, _, fact in scored:
        if all(fact.text != f.text for f in out):
            out.append(fact)
        if len(out) >= MAX_FACTS:
            break
    return tuple(out)


def fact_at(h: Hit, start: int, end: int) -> Fact:
    return Fact(
        text=h.text[start:end], passage=h.text, highlight=(start, end), source=h.source, doc_id=h.doc_id,
        note_id=h.note_id, budget_year=h.budget_year, title=h.title, section=h.section, page=h.page,
    )


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences of a passage as offsets, by the same rules that cut prose amounts' sentences."""
    bounds = sentence_bounds(text)
    spans = []
    for a, b in zip(bounds, bounds[1:]):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if len(text[a:b].split()) >= 3:
            spans.append((a, b))
    return spans
