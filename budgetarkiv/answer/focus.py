"""Focus: which note(s) the question is about, and the archive's own spelling of a misspelt name.

Search ranks passages; an answer must speak of the note the subject identifies. A note is in focus when
it ranks first, or names the subject in its title (or note id) as well as the first one does and scores
nearly as well. Other notes appear only when they match nearly as well, after the focused one, marked as
also relevant. Questions that ask for several notes ("hvilke", "alle", "tilsammen") keep every note that
scores near the best.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from budgetarkiv.answer.relevance import RELATIVE_SCORE, Relevance, note_key, overlap
from budgetarkiv.search.hybrid import Hit
from budgetarkiv.search.query import GENERIC_WORDS, Query

NEAR_SCORE = 0.85  # another note is "also relevant" when its best passage scores this share of the focus
MAX_NOTES = 4
TITLE_SCORE = 0.6  # a note whose title names the subject is preferred over a better-ranked one down to this share
FUZZY_TITLE = 80  # rapidfuzz ratio for a misspelt word against a title word
FUZZY_TERM = 86  # ... against any stemmed term of the index (stricter: many more candidates)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_ALL = re.compile(r"\b(alle|samtlige|hver|hvert|tilsammen|all|every|each|combined|together)\b", re.IGNORECASE)


@dataclass(frozen=True)
class NoteInFocus:
    hit: Hit  # the note's best passage
    also: bool = False  # shown after the focused note(s), marked as also relevant


def wants_several(query: Query) -> bool:
    """Questions that ask for several notes: lists, histories, "alle ... tilsammen"."""
    return query.answer_type in ("list", "history") or ("list" in query.intents and query.answer_type != "count") \
        or bool(_ALL.search(query.text))


def focus(query: Query, hits: Sequence[Hit], relevance: Relevance,
          similar: Callable[[Sequence[str]], Sequence[float]] | None = None) -> list[NoteInFocus]:
    """The notes the answer speaks of, focused first; the rest marked as also relevant.

    `similar` (the encoder's similarity of the question to each of some texts) decides whether a lower
    ranked note's title names the subject better than the first one's: one shared word ("team",
    "administration") does not, above all for English questions over Danish titles."""
    best: dict[tuple, Hit] = {}
    for h in hits:
        best.setdefault(note_key(h), h)
    notes = list(best.values())
    if not notes:
        return []
    top = notes[0].score
    if wants_several(query):
        return [NoteInFocus(h) for h in notes if h.score >= RELATIVE_SCORE * top][:MAX_NOTES]
    # the question's own words say which other notes name the subject as well as the first ...
    analyzer = relevance.analyzer
    wanted = {t for w in analyzer.words(query.text) if w not in GENERIC_WORDS and not w.isdigit()
              for t in analyzer.tokens(w)} - relevance.generic_stems
    # ... and, with an English question's Danish translations (titles are Danish), which note is first: a
    # translation matches loosely, so it does not make a second note "as well named" (two notes each naming
    # a part of "a new ice rink on Amager" are no answer together)
    translated = wanted | set(relevance.content_tokens(query.text))
    named = {n.replace(" ", "").upper() for n in query.note_ids}

    def title_match(h: Hit, words: set[str]) -> int:
        if h.note_id and h.note_id.replace(" ", "").upper() in named:
            return 100
        return overlap(set(relevance.analyzer.tokens(h.title or "")), words) if h.title else 0

    matches = {note_key(h): title_match(h, wanted) for h in notes}
    first_matches = {note_key(h): title_match(h, translated) for h in notes}
    # the best-ranked note, unless its title does not name the subject and a close one's title does
    first = notes[0]
    if first.title and first_matches[note_key(first)] == 0:  # (a letter or minutes have no title to compare)
        named_too = [h for h in notes[1:3] if h.score >= TITLE_SCORE * top and first_matches[note_key(h)] > 0]
        if named_too and similar is not None:
            # a title naming two or more of the question's words names the subject; one shared word
            # must also read more like the question than the first note's title
            sims = list(similar([first.title, *(h.title or "" for h in named_too)]))
            named_too = [h for h, s in zip(named_too, sims[1:]) if s > sims[0] or first_matches[note_key(h)] >= 2]
        first = named_too[0] if named_too else first
    out = [NoteInFocus(first)]
    for h in notes:
        if h is first or h.score < NEAR_SCORE * first.score:
            continue
        m, fm = matches[note_key(h)], matches[note_key(first)]
        if m >= fm and m > 0:
            out.append(NoteInFocus(h))  # names the subject as well as the focused one: also in focus
        elif fm == 0 and h.score >= NEAR_SCORE * first.score:
            out.append(NoteInFocus(h, also=True))
    focused = [n for n in out if not n.also]
    return (focused + [n for n in out if n.also])[:MAX_NOTES]


class Speller:
    """Misspelt subject words → the archive's own spelling (titles first, then the index's terms)."""

    def __init__(self, relevance: Relevance, titles: Iterable[str]) -> None:
        self.relevance = relevance
        words = {w for t in titles for w in _WORD.findall(t or "") if len(w) >= 4}
        self.title_words = sorted(words, key=str.lower)
        self._lower = [w.lower() for w in self.title_words]
        self.vocabulary = sorted(t for t in relevance.lexical.vocabulary if t.isalpha() and len(t) >= 5)

    def known(self, word: str) -> bool:
        lexical = self.relevance.lexical
        stems = set(self.relevance.analyzer.tokens(word))
        if not stems or stems & lexical.vocabulary:  # a stopword ("ville", "skulle") is no misspelling
            return True
        bridge = lexical.bridge
        return bool(bridge is not None and bridge.translate(word))

    def correct(self, query: Query) -> dict[str, str]:
        """{misspelt word as written: the archive's spelling} for subject words the index does not know."""
        out: dict[str, str] = {}
        words = list(_WORD.finditer(query.text))
        split: set[str] = set()
        for a, b in zip(words, words[1:]):
            # a name split in two ("Lerbjerg parken", "Skovly-huset") that a title writes as one word
            between = query.text[a.end():b.start()]
            joined = (a.group(0) + b.group(0)).lower()
            at = bisect.bisect_left(self._lower, joined)
            if between in (" ", "-") and at < len(self._lower) and self._lower[at] == joined:
                out[query.text[a.start():b.end()]] = self.title_words[at]
                split |= {a.group(0), b.group(0)}
        for raw in dict.fromkeys(_WORD.findall(query.text)):
            if raw in split:
                continue
            w = raw.lower()
            if len(w) < 5 or w in GENERIC_WORDS or self.known(w):
                continue
            m = process.extractOne(w, self._lower, scorer=fuzz.ratio, score_cutoff=FUZZY_TITLE)
            if m is not None:
                out[raw] = self.title_words[m[2]]
                continue
            m = process.extractOne(w, self.vocabulary, scorer=fuzz.ratio, score_cutoff=FUZZY_TERM)
            if m is not None:
                out[raw] = m[0]
        return out


def respelt(text: str, corrections: dict[str, str]) -> str:
    for wrong, right in corrections.items():
        text = re.sub(rf"\b{re.escape(wrong)}\b", right, text)
    return text
