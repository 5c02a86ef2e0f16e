"""Is the archive's best passage about what was asked? Word coverage, shared stems, the notes near the best.

Ranks alone cannot tell "the best of nothing relevant" from an answer, so relevance is measured on the
question's own words (question words like "hvad koster" excluded), stemmed the way the index stems them.
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property

from budgetarkiv.index.english import looks_english
from budgetarkiv.index.lexical import LexicalIndex
from budgetarkiv.search.hybrid import Hit
from budgetarkiv.search.query import GENERIC_WORDS

MAX_PROGRAMMES = 4
RELATIVE_SCORE = 0.5  # a note is relevant when its best passage scores at least this share of the best


class Relevance:
    """The lexical view of relevance, with the index's own analyzer and English bridge."""

    def __init__(self, lexical: LexicalIndex) -> None:
        self.lexical = lexical
        self.analyzer = lexical.analyzer

    @cached_property
    def generic_stems(self) -> frozenset[str]:
        return frozenset(t for w in GENERIC_WORDS for t in self.analyzer.tokens(w))

    def coverage(self, question: str, hits: Sequence[Hit]) -> float:
        """Share of the question's own words (not question words) found in the best passages.

        A word counts as found when its stem, a compound part or (for English) one of its Danish
        translations occurs. English words the bridge cannot translate say nothing and are skipped;
        an unknown Danish word ("svømmehal") counts as missing: the archive does not speak of it.
        """
        analyzer, bridge = self.analyzer, self.lexical.bridge
        english = looks_english(question)
        generic = self.generic_stems
        have: set[str] = set()
        for h in hits:
            have |= set(analyzer.tokens(f"{h.title or ''} {h.section or ''} {h.text}"))
        found = total = 0
        for w in dict.fromkeys(analyzer.words(question)):
            if w in GENERIC_WORDS or w.isdigit() or len(w) < 3:
                continue
            options = set(analyzer.tokens(w)) - generic
            if english and bridge is not None:
                translated = {t for da in bridge.translate(w) for t in analyzer.tokens(da)} - generic
                if not translated and not (options & self.lexical.vocabulary):
                    continue
                options |= translated
            if not options:
                continue
            total += 1
            found += bool(options & have)
        if total == 0:
            return 1.0 if hits else 0.0
        return found / total

    def content_tokens(self, question: str) -> list[str]:
        """Stems of the question's own words (and their Danish translations for English questions)."""
        analyzer = self.analyzer
        words = [w for w in analyzer.words(question) if w not in GENERIC_WORDS and not w.isdigit()]
        tokens = dict.fromkeys(t for w in words for t in analyzer.query_tokens(w))
        return [t for t in tokens if t not in self.generic_stems]


    def word_groups(self, question: str) -> list[set[str]]:
        """Per question word (question words left out), its stems, compound parts and translations."""
        analyzer, bridge = self.analyzer, self.lexical.bridge
        english = looks_english(question)
        out = []
        for w in dict.fromkeys(analyzer.words(question)):
            if w in GENERIC_WORDS or w.isdigit() or len(w) < 3:
                continue
            group = set(analyzer.tokens(w))
            if english and bridge is not None:  # (one word alone does not look English to query_tokens)
                group |= {t for da in bridge.translate(w) for t in analyzer.tokens(da)}
            group -= self.generic_stems
            if group:
                out.append(group)
        return out


def overlap(a: set[str], b: set[str]) -> int:
    """Shared stems; stems of 6+ letters also match on a 6-letter prefix (koordinerende ~ koordinering)."""
    exact = a & b
    prefixes = {t[:6] for t in b if len(t) >= 6} - {t[:6] for t in exact}
    return len(exact) + sum(1 for t in a - exact if len(t) >= 6 and t[:6] in prefixes)


def note_key(hit: Hit) -> tuple:
    """Versions of one note count as one note: (budget year, note id), else the document."""
    return (hit.budget_year, (hit.note_id or "").upper()) if hit.note_id else (hit.doc_id,)


def relevant_notes(hits: Sequence[Hit]) -> list[Hit]:
    """The best hit of each note that scores near the best."""
    best: dict[tuple, Hit] = {}
    for h in hits:
        best.setdefault(note_key(h), h)
    top = hits[0].score
    return [h for h in best.values() if h.score >= RELATIVE_SCORE * top][:MAX_PROGRAMMES]
