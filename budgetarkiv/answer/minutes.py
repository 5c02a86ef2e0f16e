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

from budgetarkiv.answer.model import Fact, note_reader, page_at, quoted
from budgetarkiv.answer.relevance import Relevance, overlap
from budgetarkiv.core.text import sentence_spans
from budgetarkiv.index.store import Store
from budgetarkiv.search.hybrid import Hit
from budgetarkiv.search.query import Query

_DECIDED = re.compile(r"\b(beslut\w*|besluttede|vedt\w*|decid\w*|decisions?|resolved?|approved?|godkendte|afgørelse\w*|"
                      r"valgt|valgte|chosen|chose|"
                      r"ændringsforslag\w*|amendments?)\b",
                      re.IGNORECASE)
# "4. Ansøgning om ...", "Punkt 2  Fordeling af ...", "Pkt. 3: Status ...", "Sag 5 – ...": alone on its line between
# blank lines, or followed at once by the item's first part ("Indstilling: ...")
_ITEM = re.compile(r"(?:^|\n[ \t]*\n)[ \t]*(?:(?:Punkt|Pkt\.?|Sag|Dagsordenspunkt)[ \t]+(\d{1,2})\.?[ \t]*[:–-]?|"
                   r"(\d{1,2})\.)[ \t]+(\S[^\n]*?)[ \t]*"
                   r"(?=\n[ \t]*\n|\n[ \t]*(?:Resumé|Resume|Sagsfremstilling|Indstilling|Beslutning)[ \t]*:)", re.IGNORECASE)
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
# a part's heading alone on its line, or leading its text ("Beslutning: Indstillingen blev godkendt.")
_PART = re.compile(r"^[ \t]*(Resumé|Resume|Sagsfremstilling|Indstilling|Beslutning)(?:[ \t]*:?[ \t]*$|[ \t]*:[ \t]*(?=\S))",
                   re.MULTILINE | re.IGNORECASE)
# a motion voted on within an item ("Ændringsforslag nr. 2 stillet af ...:", "Amendment 1"): its paragraph
# holds what it proposes, the votes per side and its fate
_MOTION = re.compile(r"^[ \t]*(?:Ændringsforslag|Amendment|Motion)[ \t]+(?:(?:nr\.?[ \t]*|no\.?[ \t]*)?(\d{1,2})\b|"
                     r"(?:stillet|fremsat|fra|proposed|moved|tabled|from|by)\b)",
                     re.MULTILINE | re.IGNORECASE)
# the paragraphs after a motion's that still belong to it: its vote ("Afstemning om ændringsforslaget:", "For: V,
# C (2)") and its fate ("Ændringsforslaget blev forkastet.")
_MOTION_MORE = re.compile(r"[ \t]*(?:Afstemning\w*|For[ \t]*:|Imod[ \t]*:|Undl\w*|For stemte|Imod stemte|"
                          r"(?:Ændrings)?forslaget blev|Votes?|The amendment was)", re.IGNORECASE)
# a decision that approves the recommendation ("Indstillingen blev godkendt") says what was decided through it
_APPROVES_RECOMMENDATION = re.compile(r"\bindstilling\w*\b|\brecommendation\b", re.IGNORECASE)
MAX_SENTENCES = 2
W_SIMILAR = 5.0  # the encoder's similarity (cosines differ by hundredths) against the share of words


@dataclass(frozen=True)
class AgendaItem:
    number: int
    title: str
    start: int  # offsets of the whole item (its title line to the next item) in the minutes' text
    end: int
    decision: tuple[int, int] | None  # offsets of its "Beslutning" paragraph's text
    motions: tuple[tuple[int, int], ...] = ()  # offsets of each motion's paragraph, voted on within the item


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
        out.append(AgendaItem(number, title, start, end, _decision(text, start, end), _motions(text, start, end)))
    return out


def _motions(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """Each motion's paragraph in an item: from its "Ændringsforslag nr. N" line to the paragraph's end."""
    out = []
    for m in _MOTION.finditer(text, start, end):
        stop = text.find("\n\n", m.start(), end)
        stop = end if stop < 0 else stop
        while stop < end and _MOTION_MORE.match(text, stop + 2):
            more = text.find("\n\n", stop + 2, end)
            stop = end if more < 0 else more
        out.append((m.start() + len(m.group(0)) - len(m.group(0).lstrip()), len(text[:stop].rstrip())))
    return tuple(out)


def _paragraph_before(text: str, at: int, floor: int) -> tuple[int, int] | None:
    """The paragraph ending before offset `at` (not above `floor`), skipping a part's heading line."""
    head = text.rfind("\n", floor, at)
    end = len(text[:head if head > floor else at].rstrip())
    start = text.rfind("\n\n", floor, end)
    start = floor if start < 0 else start + 2
    start += len(text[start:end]) - len(text[start:end].lstrip())
    return (start, end) if end > start else None


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
        self.note = note_reader(store)


    @staticmethod
    def asks_decision(query: Query) -> bool:
        """Whether the question asks what was decided or voted (and not when: that is the meeting's date)."""
        return query.answer_type != "date" and bool(_DECIDED.search(query.text) or _VOTE.search(query.text))

    def decision(self, query: Query, hits: Sequence[Hit],
                 similar: Callable[[Sequence[str]], Sequence[float]] | None = None) -> Fact | None:
        """The decision on the agenda item the question names, when it asks what was decided: the item whose
        title and text share the most of the question's words, and (with `similar`, the encoder's similarity
        to the question) read most like it."""
        if not self.asks_decision(query):
            return None
        groups = self.relevance.word_groups(query.text)
        analyzer = self.relevance.analyzer
        # (hit, data, item, the span decided, the text it is matched on, its motion's number or None, words shared)
        found: list[tuple[Hit, dict, AgendaItem, tuple[int, int], str, int | None, int]] = []
        for h in {h.doc_id: h for h in reversed(hits) if h.doc_type == "other"}.values():
            data = self.note(h.doc_id)
            text = data.get("text") or ""
            for item in agenda_items(text):
                candidates = []
                if item.decision is not None:
                    # the item's text, its motions left out: they are matched on their own
                    own, at = [], item.start
                    for a, b in item.motions:
                        own.append(text[at:a])
                        at = b
                    candidates.append((item.decision, "".join([*own, text[at:item.end]]), None))
                for n, (a, b) in enumerate(item.motions, 1):
                    candidates.append(((a, b), f"{item.title}\n{text[a:b]}", n))
                for span, matched, motion in candidates:
                    tokens = set(analyzer.tokens(matched))
                    shared = sum(1 for g in groups if overlap(tokens, g))
                    if shared:
                        found.append((h, data, item, span, matched, motion, shared))
        if not found:
            return None
        scores = [float(f[-1]) for f in found]
        if similar is not None:
            sims = similar([f[4] for f in found])
            scores = [s / max(scores) + W_SIMILAR * float(d) for s, d in zip(scores, sims)]
        h, data, item, (a, b), _, motion, _ = found[max(range(len(found)), key=scores.__getitem__)]
        text = data["text"]
        section = f"{item.number}. {item.title}"
        if motion is not None:
            # a motion's lines: the side asked ("For stemte: A, B, F (31)"), else the whole motion and its fate
            lines = [(a + m.start(), a + m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text[a:b])]
            side = vote_side(query.text, [text[x:y] for x, y in lines])
            if side is not None:
                a, b = lines[side]
            first = text[lines[0][0]:lines[0][1]].split(":")[0].split(" stillet")[0].strip()
            return quoted(h, text[a:b].strip(), page_at(data.get("page_starts") or [0], a), section=f"{section}, {first}")
        spans = sentence_spans(text[a:b], 3)
        side = vote_side(query.text, [text[a + x:a + y] for x, y in spans])
        if side is not None:
            a, b = a + spans[side][0], a + spans[side][1]
        else:
            if spans:
                b = a + spans[:MAX_SENTENCES][-1][1]
            before = _paragraph_before(text, a, item.start)
            if _APPROVES_RECOMMENDATION.search(text[a:b]) and before is not None and not _VOTE.search(query.text):
                a = before[0]  # "Indstillingen blev godkendt": the recommendation says what was decided
        return quoted(h, text[a:b], page_at(data.get("page_starts") or [0], a), section=section)


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
