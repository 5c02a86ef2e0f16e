"""Danish lexical retrieval: Snowball stemming, compound splitting, Danish numbers, BM25 (bm25s).

Words are lower-cased, Danish stopwords dropped and stemmed with PyStemmer's Danish Snowball stemmer.
Compounds ("beskæftigelsesindsats") also yield their known parts ("beskæftigelse", "indsats") as extra
tokens, at index and query time alike, so "indsats" finds the compound. Known parts come from the
indexed text itself plus the system's Danish word list when installed (Debian `wdanish`).
Numbers are matched without thousands separators: "4.400" and "4400" are the same token.
"""
from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import bm25s
import numpy as np
import Stemmer
from bm25s.stopwords import STOPWORDS_DANISH, STOPWORDS_EN
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from budgetarkiv.index.english import EnglishBridge, compound_candidates, looks_english

SYSTEM_WORDLIST = Path("/usr/share/dict/danish")
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[a-zæøåéü]+", re.IGNORECASE)
_STOPWORDS = frozenset(STOPWORDS_DANISH) | {"kr", "mio", "pct", "ca"}
# English function words (bm25s lists few): they would match English pages (a summary, a letter in English) on the
# question's grammar alone, "Who can I call for more information about ..." an unrelated English letter
_STOPWORDS_EN = frozenset(STOPWORDS_EN) | frozenset(
    "much many does did do what which who whom whose how why when where can could would should shall may might "
    "must has have had been being i me my we our us you your he she his her its them those than also about more "
    "some any were from".split())
MIN_PART = 4  # shorter parts ("af", "sen") split too eagerly
MIN_TAIL = 5  # shorter tails are mostly suffixes: bekæmp+else, indsats→ind+sats
MIN_COMPOUND = 8
MIN_RESPELT = 5  # shorter query words have too many neighbours one letter away to be respelt
LONG_RESPELT = 9  # from this length a word may be two slips (transposed letters count as one) from the index's
LINKING = ("s", "e")  # Danish linking letters: beskæftigelse-s-indsats


class DanishAnalyzer:
    """Text → BM25 tokens; the same analyzer must serve indexing and querying."""

    def __init__(self, parts: Iterable[str] = (), bridge: EnglishBridge | None = None) -> None:
        self._stemmer = Stemmer.Stemmer("danish")
        self._parts = frozenset(p for p in parts if len(p) >= MIN_PART)
        self._bridge = bridge

    @property
    def parts(self) -> frozenset[str]:
        return self._parts

    def words(self, text: str) -> list[str]:
        out = []
        for m in _TOKEN.finditer(text.lower()):
            w = m.group(0)
            if w[0].isdigit():
                w = w.replace(".", "")  # Danish thousands separator
            out.append(w)
        return out

    def tokens(self, text: str) -> list[str]:
        """Stems of the words, plus the stems of compound parts."""
        out: list[str] = []
        for w in self.words(text):
            if w in _STOPWORDS:
                continue
            stem = self._stem(w)
            out.append(stem)
            if w.isalpha():
                out.extend(p for p in map(self._stem, self.split_compound(w)) if p != stem)
        return out

    def query_tokens(self, text: str) -> list[str]:
        """Like `tokens`, plus Danish translations of the words of an English question."""
        if not looks_english(text):
            return list(dict.fromkeys(self.tokens(text)))
        words = self.words(text)
        translated = self._bridge.translate_words(words) if self._bridge is not None else [(w, ()) for w in words]
        tokens: list[str] = []
        for i, (w, danish) in enumerate(translated):
            if w in _STOPWORDS_EN:
                continue  # English function words are noise here ("is" is Danish for ice)
            tokens.extend(self.tokens(w))
            tokens.extend(t for da in danish for t in self.tokens(da))
            if i + 1 < len(translated) and translated[i + 1][0] not in _STOPWORDS_EN:
                # two English words Danish writes as one ("day centre" → dagcenter): their joined translations,
                # the compound's stem only (its parts are the words' own tokens); the index keeps the real ones
                after, danish_after = translated[i + 1]
                joined = compound_candidates((w, *danish) if w.isalpha() else danish, (after, *danish_after))
                tokens.extend(self._stem(c) for c in joined)
        return list(dict.fromkeys(tokens))

    def split_compound(self, word: str) -> list[str]:
        """Known parts of a compound word ([] for a simple word); the most balanced split wins."""
        if len(word) < MIN_COMPOUND or not self._parts:
            return []
        best: list[str] = []
        for i in range(MIN_PART, len(word) - MIN_TAIL + 1):
            head, tail = word[:i], word[i:]
            if tail not in self._parts:
                continue
            if head not in self._parts:
                if head[-1] in LINKING and head[:-1] in self._parts:
                    head = head[:-1]
                else:
                    continue
            if not best or min(len(head), len(tail)) > min(len(best[0]), len(best[1])):
                best = [head, tail]
        return best

    def _stem(self, word: str) -> str:
        return self._stemmer.stemWord(word) if word.isalpha() else word


def known_parts(texts: Iterable[str], wordlist: Path = SYSTEM_WORDLIST) -> set[str]:
    """Words that count as compound parts: the texts' own words, and the words of the system word list
    that split one of the texts' compounds (kept small: the index stores them)."""
    own = {w for t in texts for w in re.findall(r"[a-zæøå]+", t.lower()) if len(w) >= MIN_PART} - _STOPWORDS
    if not wordlist.exists():
        return own
    listed = {
        w for w in wordlist.read_text("utf-8", "replace").lower().split()
        if MIN_PART <= len(w) <= 14 and w.isalpha()
    } - _STOPWORDS
    splitter = DanishAnalyzer(own | listed)
    used = {p for w in own for p in splitter.split_compound(w)}
    return own | used


class Respeller:
    """Misspelt query tokens mapped to the index's nearest token ("gældsrådgvining" → "gældsrådgivning"): one
    slip (a wrong, missing, extra or transposed letter), two in a long word; words of at least MIN_RESPELT
    letters whose first letter is right (compared only with index tokens of that letter and a near length, so a
    large vocabulary stays fast)."""

    def __init__(self, vocabulary: Iterable[str]) -> None:
        self._vocabulary = frozenset(vocabulary)

    @functools.cached_property
    def _buckets(self) -> dict[tuple[str, int], list[str]]:
        """(first letter, length) → the index's tokens (built on the first misspelt word)."""
        buckets: dict[tuple[str, int], list[str]] = {}
        for token in self._vocabulary:
            if token.isalpha():
                buckets.setdefault((token[0], len(token)), []).append(token)
        return buckets

    def query(self, tokens: Iterable[str], question: str) -> list[str]:
        """The question's tokens the index holds. A Danish question's misspelt word is replaced by its nearest
        token; an English question's words are not (its English words would be "respelt" into unrelated Danish
        ones; measured, that lost first hits where the Danish respelling only won: benchmarks/bench_fusion.py)."""
        if looks_english(question):
            return [t for t in dict.fromkeys(tokens) if t in self._vocabulary]
        return self(tokens)

    def __call__(self, tokens: Iterable[str]) -> list[str]:
        """The tokens the index holds, a misspelt one replaced by its nearest; one with none dropped."""
        out: list[str] = []
        for token in tokens:
            if token in self._vocabulary:
                out.append(token)
            elif token.isalpha() and len(token) >= MIN_RESPELT:
                slips = 2 if len(token) >= LONG_RESPELT else 1
                near = [t for n in range(len(token) - slips, len(token) + slips + 1)
                        for t in self._buckets.get((token[0], n), ())]
                best = process.extractOne(token, near, scorer=DamerauLevenshtein.distance, score_cutoff=slips)
                if best is not None:
                    out.append(best[0])
        return list(dict.fromkeys(out))


class LexicalIndex:
    """BM25 over the chunks' index texts; chunk number i is row i of the index."""

    def __init__(
        self, retriever: bm25s.BM25, analyzer: DanishAnalyzer, size: int, bridge: EnglishBridge | None = None
    ) -> None:
        self._retriever = retriever
        self.analyzer = analyzer
        self.size = size
        self.bridge = bridge
        self.vocabulary = frozenset(getattr(retriever, "vocab_dict", None) or {})
        self.respell = Respeller(self.vocabulary)

    @classmethod
    def build(cls, texts: Sequence[str], analyzer: DanishAnalyzer) -> LexicalIndex:
        retriever = bm25s.BM25()
        corpus = [analyzer.tokens(t) or ["\u2205"] for t in texts]
        if corpus:
            retriever.index(corpus, show_progress=False)
        return cls(retriever, analyzer, len(texts))

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        if self.size:
            self._retriever.save(str(directory), show_progress=False)
        (directory / "analyzer.json").write_text(
            json.dumps({"parts": sorted(self.analyzer.parts), "size": self.size}), "utf-8"
        )

    @classmethod
    def load(cls, directory: Path, bridge: EnglishBridge | None = None) -> LexicalIndex:
        meta = json.loads((directory / "analyzer.json").read_text("utf-8"))
        analyzer = DanishAnalyzer(meta["parts"], bridge)
        retriever = (
            bm25s.BM25.load(str(directory), mmap=False, show_progress=False) if meta["size"] else bm25s.BM25()
        )
        return cls(retriever, analyzer, meta["size"], bridge)

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every chunk (0 where no query word occurs)."""
        if not self.size:
            return np.zeros(0, dtype=np.float32)
        tokens = self.respell.query(self.analyzer.query_tokens(query), query)
        if not tokens:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._retriever.get_scores(tokens), dtype=np.float32)

    def search(self, query: str, k: int, allowed: np.ndarray | None = None) -> list[tuple[int, float]]:
        """Top-k (row, score) among `allowed` rows (a boolean mask); zero scores are no match."""
        scores = self.scores(query)
        if allowed is not None:
            scores = np.where(allowed, scores, 0.0)
        return top_k(scores, k)


def top_k(scores: np.ndarray, k: int) -> list[tuple[int, float]]:
    """Indices of the k largest positive scores, best first."""
    positive = np.flatnonzero(scores > 0)
    if positive.size == 0:
        return []
    if positive.size > k:
        part = np.argpartition(-scores[positive], k - 1)[:k]
        positive = positive[part]
    order = positive[np.argsort(-scores[positive], kind="stable")]
    return [(int(i), float(scores[i])) for i in order]
