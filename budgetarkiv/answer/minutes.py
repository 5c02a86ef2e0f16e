"""Minutes as evidence: what a committee decided on an agenda item, quoted from that item's "Beslutning".

Minutes are numbered agenda items ("4. Ansøgning om midler ..."), each with "Resumé", "Indstilling" and
"Beslutning" paragraphs. A question about a decision ("hvad besluttede udvalget om ...", "what did the
committee decide") is answered by the decision of the item the question names, not by its summary nor by
another item's decision.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from budgetarkiv.answer.model import Fact, page_at, quoted
from budgetarkiv.answer.relevance import Relevance, overlap
from budgetarkiv.core.text import sentence_spans
from budgetarkiv.index.store import Store
from budgetarkiv.search.hybrid import Hit
from budgetarkiv.search.query import Query

_DECIDED = re.compile(r"\b(beslut\w*|besluttede|vedt\w*|decid\w*|decisions?|resolved?|approved?|godkendte|afgørelse\w*)\b",
                      re.IGNORECASE)
# "4. Ansøgning om ...", "Punkt 2  Fordeling af ...", "Pkt. 3: Status ...", "Sag 5 – ..."
_ITEM = re.compile(r"(?:^|\n[ \t]*\n)[ \t]*(?:(?:Punkt|Pkt\.?|Sag|Dagsordenspunkt)[ \t]+(\d{1,2})\.?[ \t]*[:–-]?|"
                   r"(\d{1,2})\.)[ \t]+(\S[^\n]*?)[ \t]*(?=\n[ \t]*\n)", re.IGNORECASE)
# a vote asked about, and which side: the decision's sentence on that side answers
_VOTE = re.compile(r"\b(stemte|stemt|stemmer|stemmerne|stemmeafgivning\w*|voted?|votes|voting|undlod|abstain\w*)\b",
                   re.IGNORECASE)
# per side: how a question asks for it, how a sentence states who voted so (strictly, then loosely)
_SIDES = (
    (re.compile(r"\b(imod|against|opposed)\b", re.IGNORECASE),
     re.compile(r"\bimod stemte\b|\bstemte imod\b|\bvoted against\b|\bimod\s*:|\bagainst\s*:", re.IGNORECASE),
     re.compile(r"\bimod\b|\bagainst\b", re.IGNORECASE)),
    (re.compile(r"\b(undl\w*|abstain\w*)\b", re.IGNORECASE),
     re.compile(r"\bundlod\b[^.]*\bstemme\b|\babstained\b", re.IGNORECASE),
     re.compile(r"\bundl\w*|\babstain", re.IGNORECASE)),
    (re.compile(r"\b(stemte for|for stemte|voted for|in favou?r|for)\b", re.IGNORECASE),
     re.compile(r"\bfor stemte\b|\bstemte for\b|\bvoted for\b|\bfor\s*:", re.IGNORECASE),
     re.compile(r"\bin favou?r\b|\bstemmer for\b", re.IGNORECASE)),
)
_PART = re.compile(r"^[ \t]*(Resumé|Resume|Sagsfremstilling|Indstilling|Beslutning)[ \t]*:?[ \t]*$",
                   re.MULTILINE | re.IGNORECASE)
MAX_SENTENCES = 2
W_SIMILAR = 5.0  # the encoder's similarity (cosines differ by hundredths) against the share of words


@dataclass(frozen=True)
class AgendaItem:
    number: int
    title: str
    start: int  # offsets of the whole item (its title line to the next item) in the minutes' text
    end: int
    decision: tuple[int, int] | None  # offsets of its "Beslutning" paragraph's text


def agenda_items(text: str) -> list[AgendaItem]:
    """The numbered agenda items of minutes, in order: a numbered line standing alone between blank lines,
    numbered on from the one before (a numbered list inside an "Indstilling" is not an item)."""
    heads = []
    for m in _ITEM.finditer(text):
        group = 1 if m.group(1) else 2
        number = int(m.group(group))
        if not heads and number == 1 or heads and number == heads[-1][0] + 1:
            heads.append((number, m.group(3), m.start(group)))
    out = []
    for i, (number, title, start) in enumerate(heads):
        end = heads[i + 1][2] if i + 1 < len(heads) else len(text)
        out.append(AgendaItem(number, title, start, end, _decision(text, start, end)))
    return out


def _decision(text: str, start: int, end: int) -> tuple[int, int] | None:
    parts = [m for m in _PART.finditer(text, start, end)]
    for i, m in enumerate(parts):
        if m.group(1).lower() == "beslutning":
            stop = parts[i + 1].start() if i + 1 < len(parts) else end
            body = text[m.end():stop]
            lead = len(body) - len(body.lstrip())
            return m.end() + lead, m.end() + len(body.rstrip())
    return None


class Minutes:
    def __init__(self, store: Store, relevance: Relevance) -> None:
        self.store = store
        self.relevance = relevance
        self.note = lru_cache(maxsize=256)(self._note)

    def _note(self, doc_id: str) -> dict:
        return self.store.note_json(doc_id) or {}

    def decision(self, query: Query, hits: Sequence[Hit],
                 similar: Callable[[Sequence[str]], Sequence[float]] | None = None) -> Fact | None:
        """The decision on the agenda item the question names, when it asks what was decided: the item whose
        title and text share the most of the question's words, and (with `similar`, the encoder's similarity
        to the question) read most like it."""
        if query.answer_type == "date" or not _DECIDED.search(query.text) and not _VOTE.search(query.text):
            return None  # (when it was decided: the meeting's date, not the decision's text)
        groups = self.relevance.word_groups(query.text)
        analyzer = self.relevance.analyzer
        found: list[tuple[Hit, dict, AgendaItem, int]] = []
        for h in {h.doc_id: h for h in reversed(hits) if h.doc_type == "other"}.values():
            data = self.note(h.doc_id)
            text = data.get("text") or ""
            for item in agenda_items(text):
                if item.decision is not None:
                    tokens = set(analyzer.tokens(text[item.start:item.end]))
                    found.append((h, data, item, sum(1 for g in groups if overlap(tokens, g))))
        found = [f for f in found if f[3] > 0]
        if not found:
            return None
        scores = [float(shared) for *_, shared in found]
        if similar is not None:
            sims = similar([data["text"][item.start:item.end] for _, data, item, _ in found])
            scores = [s / max(scores) + W_SIMILAR * float(d) for s, d in zip(scores, sims)]
        h, data, item, _ = found[max(range(len(found)), key=scores.__getitem__)]
        text = data["text"]
        a, b = item.decision
        spans = sentence_spans(text[a:b], 3)
        side = vote_side(query.text, [text[a + x:a + y] for x, y in spans])
        if side is not None:
            a, b = a + spans[side][0], a + spans[side][1]
        elif spans:
            b = a + spans[:MAX_SENTENCES][-1][1]
        return quoted(h, text[a:b], page_at(data.get("page_starts") or [0], a), section=f"{item.number}. {item.title}")


def vote_side(question: str, sentences: Sequence[str]) -> int | None:
    """Of a decision's sentences, the one stating the side of the vote the question asks about ("hvilke partier
    stemte imod" → "Imod stemte 4: ..."); None when the question asks of no side or no sentence states it."""
    if not _VOTE.search(question):
        return None
    for asked, strictly, loosely in _SIDES:
        if asked.search(question):
            for stated in (strictly, loosely):
                found = next((i for i, sentence in enumerate(sentences) if stated.search(sentence)), None)
                if found is not None:
                    return found
            return None
    return None
