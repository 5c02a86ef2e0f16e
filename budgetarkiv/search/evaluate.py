"""Retrieval quality on a gold file: recall@1, recall@5 and MRR@10 per retriever, per language.

A question is answered at rank r when the r-th hit comes from one of its relevant files (document
level); the passage level additionally needs the gold evidence snippet inside the hit's text (counted
over the questions that have one). A gold file may split its questions into "dev" (tune on these) and
"heldout" (report on these).
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from budgetarkiv.search.hybrid import Hit, Mode, Searcher

T = TypeVar("T")

MODES: tuple[Mode, ...] = ("dense", "bm25", "hybrid")


@dataclass(frozen=True)
class GoldQuestion:
    id: str
    question: str
    lang: str
    kind: str
    relevant: tuple[str, ...]
    evidence: str
    figures: tuple[str, ...]
    note_id: str | None = None
    budget_year: int | None = None
    split: str = ""


@dataclass(frozen=True)
class Scores:
    questions: int
    recall_at_1: float
    recall_at_5: float
    mrr_at_10: float
    passage_recall_at_5: float | None  # None when no question has an evidence snippet


def read_gold_lines(path: Path, make: Callable[[dict], T]) -> list[T]:
    """Each question line of a JSONL gold file made into a typed value; a bad line is named by its number."""
    out = []
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            out.append(make(json.loads(line)))
        except (ValueError, KeyError, AttributeError) as exc:
            raise ValueError(f"{path}:{n}: not a gold question ({exc})") from exc
    return out


def load_gold(path: Path, split: str | None = None) -> list[GoldQuestion]:
    """The questions of a gold file (only those of `split` when given); the archive's `facts` are figures."""
    out = read_gold_lines(path, lambda d: GoldQuestion(
        id=d["id"], question=d["question"], lang=d.get("lang", "da"), kind=d.get("kind", "fact"),
        relevant=tuple(d.get("relevant", ())), evidence=d.get("evidence", ""),
        figures=tuple(d.get("figures", d.get("facts", ()))), note_id=d.get("note_id"),
        budget_year=d.get("budget_year"), split=d.get("split", ""),
    ))
    return [q for q in out if split is None or q.split == split]


def _squash(text: str) -> str:
    return re.sub(r"\W+", "", text.lower())


def first_relevant_rank(hits: Sequence[Hit], q: GoldQuestion, passage: bool = False) -> int | None:
    for rank, hit in enumerate(hits, 1):
        sources = {Path(hit.source).name, *(Path(v.source).name for v in hit.also_in)}
        if sources & set(q.relevant) and (not passage or _squash(q.evidence) in _squash(hit.text)):
            return rank
    return None


def score(searcher: Searcher, questions: Iterable[GoldQuestion], mode: Mode) -> Scores:
    qs = [q for q in questions if q.relevant]
    r1 = r5 = mrr = p5 = 0.0
    with_evidence = sum(bool(q.evidence) for q in qs)
    for q in qs:
        hits = searcher.search(q.question, k=10, mode=mode)
        rank = first_relevant_rank(hits, q)
        if rank is not None:
            r1 += rank == 1
            r5 += rank <= 5
            mrr += 1.0 / rank
        if q.evidence:
            p5 += first_relevant_rank(hits[:5], q, passage=True) is not None
    n = max(1, len(qs))
    return Scores(len(qs), r1 / n, r5 / n, mrr / n, p5 / with_evidence if with_evidence else None)


def evaluate(searcher: Searcher, gold: Sequence[GoldQuestion]) -> dict[str, dict[str, Scores]]:
    """{lang: {mode: Scores}} for "all", "da" and "en"."""
    groups = {"all": list(gold), "da": [q for q in gold if q.lang == "da"], "en": [q for q in gold if q.lang == "en"]}
    return {lang: {mode: score(searcher, qs, mode) for mode in MODES} for lang, qs in groups.items() if qs}


def format_report(results: dict[str, dict[str, Scores]]) -> str:
    lines = [f"{'questions':<10} {'retriever':<8} {'n':>3} {'R@1':>6} {'R@5':>6} {'MRR@10':>7} {'passage R@5':>12}"]
    for lang, by_mode in results.items():
        for mode, s in by_mode.items():
            lines.append(
                f"{lang:<10} {mode:<8} {s.questions:>3} {s.recall_at_1:>6.2f} {s.recall_at_5:>6.2f} "
                f"{s.mrr_at_10:>7.2f} "
                + (f"{s.passage_recall_at_5:>12.2f}" if s.passage_recall_at_5 is not None else f"{'-':>12}")
            )
    return "\n".join(lines)
