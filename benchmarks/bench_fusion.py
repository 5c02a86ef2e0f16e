"""Retrieval over every tuning set, the fusion settings side by side, and the fusion grid chosen by leave-one-set-out.

    python -m benchmarks.bench_fusion --workdir /tmp/fusion            # old vs new settings, per set and language
    python -m benchmarks.bench_fusion --workdir /tmp/fusion --grid     # + every candidate setting, leave-one-set-out
    python -m benchmarks.bench_fusion --sets gold,archive9             # some sets only

The sets are the sample gold over corpus/ and the fictional archives tests/data/archive .. archive9, each
materialised and indexed once into the work dir (reused afterwards). archive10 is never read: it is the unseen
measure. Per set and question language it prints document-level R@1 / R@5 / MRR@10 of BM25 alone, dense alone
and hybrid search under the old and the new fusion settings; then the same for the questions with one typo
(the longest word's two middle letters swapped), a robustness check no set was written for.
"""
from __future__ import annotations

import argparse
import contextlib
import importlib.util
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
ARCHIVES = ("archive", "archive2", "archive3", "archive4", "archive5", "archive6", "archive7", "archive8", "archive9")
SETS = ("gold", *ARCHIVES)  # never archive10: the unseen measure
# the search before this benchmark (scaled-score fusion, dense weight 1.5; no head years) and now (the defaults)
OLD = {"fusion": "score", "dense_weight": 1.5, "head_years": False, "respell": False}


def _log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


@dataclass(frozen=True)
class QuestionSet:
    name: str
    corpus: Path
    questions: tuple  # search.evaluate.GoldQuestion, answerable ones only


def question_sets(work: Path, names: Sequence[str]) -> list[QuestionSet]:
    from budgetarkiv.search.evaluate import load_gold

    out = []
    for name in names:
        if name not in SETS:
            raise SystemExit(f"unknown set {name!r}; known: {', '.join(SETS)}")
        if name == "gold":
            corpus, gold = ROOT / "corpus", DATA / "gold.jsonl"
        else:
            corpus, gold = _materialize(DATA / name, work / name / "docs"), DATA / name / "gold_questions.jsonl"
        out.append(QuestionSet(name, corpus, tuple(q for q in load_gold(gold) if q.relevant)))
    return out


def _materialize(archive: Path, dest: Path) -> Path:
    if not dest.exists():
        spec = importlib.util.spec_from_file_location("archive_materialize", DATA / "archive" / "materialize.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
        module.materialize(dest, archive)
    return dest


def searcher_for(qs: QuestionSet, work: Path, encoder):
    """A Searcher over the set's index in the work dir, built when missing."""
    from rich.console import Console

    from budgetarkiv.core.settings import Settings
    from budgetarkiv.index.build import build_index
    from budgetarkiv.search.hybrid import Searcher

    index_dir = work / qs.name / "index"
    settings = Settings.from_env({}, index_dir=index_dir)
    if not (index_dir / "current").exists():
        t0 = time.perf_counter()
        build_index([qs.corpus], settings, encoder, console=Console(stderr=True), show_progress=False)
        _log(f"{qs.name}: indexed in {time.perf_counter() - t0:.0f} s")
    return Searcher(settings, embedder=encoder)


def with_settings(searcher, **changes):
    """The same loaded searcher with other retrieval settings (Settings is frozen: a copy)."""
    copy = object.__new__(type(searcher))
    copy.__dict__.update(searcher.__dict__)
    copy.settings = replace(searcher.settings, **changes)
    return copy


def typo(question: str) -> str:
    """The question with its longest word misspelt: two middle letters swapped (a general slip of the keys)."""
    words = question.split()
    i = max(range(len(words)), key=lambda j: (sum(c.isalpha() for c in words[j]), -j))
    w = words[i]
    if sum(c.isalpha() for c in w) < 6:
        return question
    m = len(w) // 2
    words[i] = w[:m - 1] + w[m] + w[m - 1] + w[m + 1:]
    return " ".join(words)


def ranks(searcher, questions: Sequence, mode: str, perturb: Callable[[str], str] | None = None,
          setting: dict | None = None) -> list[int | None]:
    """The rank of each question's first relevant hit among ten (None: not found), under a candidate setting."""
    from budgetarkiv.search.evaluate import first_relevant_rank

    out: dict[int, int | None] = {}
    for lang in sorted({q.lang for q in questions}):
        with candidate(searcher, setting, lang) as s:
            for i, q in enumerate(questions):
                if q.lang == lang:
                    text = perturb(q.question) if perturb else q.question
                    out[i] = first_relevant_rank(s.search(text, k=10, mode=mode), q)
    return [out[i] for i in range(len(questions))]


@contextlib.contextmanager
def candidate(searcher, setting: dict | None, lang: str):
    """The searcher under a candidate setting for questions of one language: Settings fields, and for the while
    the benchmark-only knobs: a weight per language (by the gold's language label), the candidate depth of each
    retriever, "rerank_depth" (dense re-ranks BM25's best passages only), and the rules before this benchmark:
    "head_years": False (a document without amount tables fits no year its head names) and "respell": False
    (a misspelt query word matches nothing in BM25)."""
    from budgetarkiv.index.lexical import Respeller
    from budgetarkiv.search import hybrid

    setting = dict(setting or {})
    weight_en = setting.pop("dense_weight_en", None)
    depth = setting.pop("candidates", None)
    rerank = setting.pop("rerank_depth", None)
    heads = setting.pop("head_years", True)
    respell = setting.pop("respell", True)
    if weight_en is not None and lang == "en":
        setting["dense_weight"] = weight_en
    saved = hybrid.CANDIDATES, hybrid.fuse, hybrid.head_years, Respeller.query
    if depth:
        hybrid.CANDIDATES = depth
    if rerank:
        def reranked(lexical, dense, method, dense_weight, rrf_k):
            if lexical:
                keep = {row for row, _ in lexical[:rerank]}
                lexical, dense = lexical[:rerank], [(row, x) for row, x in dense if row in keep]
            return saved[1](lexical, dense, method, dense_weight, rrf_k)
        hybrid.fuse = reranked
    if not heads:
        hybrid.head_years = lambda text: set()
    if not respell:
        Respeller.query = lambda self, tokens, question: [t for t in dict.fromkeys(tokens) if t in self._vocabulary]
    copy = with_settings(searcher, **setting)
    if not heads:
        copy._document_years = {}  # the years are cached per document: read again without the rule
    try:
        yield copy
    finally:
        hybrid.CANDIDATES, hybrid.fuse, hybrid.head_years, Respeller.query = saved


def figures(found: Sequence[int | None]) -> tuple[float, float, float]:
    """R@1, R@5, MRR@10."""
    n = max(1, len(found))
    return (sum(r == 1 for r in found) / n, sum(r is not None and r <= 5 for r in found) / n,
            sum(1 / r for r in found if r) / n)


def _cell(found: Sequence[int | None]) -> str:
    r1, r5, mrr = figures(found)
    return f"{r1:.2f}/{r5:.2f}/{mrr:.2f}"


def table(sets: list[QuestionSet], runs: dict[str, dict[str, list]], columns: Sequence[str], title: str) -> None:
    """One line per set and language (and the totals): R@1/R@5/MRR per column."""
    print(f"\n{title}: R@1/R@5/MRR@10")
    print(f"{'set':<10} {'lang':<4} {'n':>4} " + " ".join(f"{c:>15}" for c in columns))
    totals: dict[str, dict[str, list]] = {}
    for qs in sets:
        for lang in ("da", "en"):
            idx = [i for i, q in enumerate(qs.questions) if q.lang == lang]
            if not idx:
                continue
            cells = []
            for c in columns:
                found = [runs[c][qs.name][i] for i in idx]
                totals.setdefault(lang, {}).setdefault(c, []).extend(found)
                cells.append(_cell(found))
            print(f"{qs.name:<10} {lang:<4} {len(idx):>4} " + " ".join(f"{x:>15}" for x in cells))
    for lang, by_col in totals.items():
        n = len(next(iter(by_col.values())))
        print(f"{'all':<10} {lang:<4} {n:>4} " + " ".join(f"{_cell(by_col[c]):>15}" for c in columns))
    every = {c: [r for lang in totals for r in totals[lang][c]] for c in columns}
    print(f"{'all':<10} {'all':<4} {len(every[columns[0]]):>4} " + " ".join(f"{_cell(every[c]):>15}" for c in columns))


def run_settings(searchers: dict, sets: list[QuestionSet], setting: dict | None, mode: str,
                 perturb: Callable[[str], str] | None = None) -> dict[str, list]:
    return {qs.name: ranks(searchers[qs.name], qs.questions, mode, perturb, setting) for qs in sets}


def grid_settings() -> dict[str, dict]:
    """The candidate fusions: scaled scores at several dense weights (per language too), candidate depths,
    reciprocal rank fusion, and dense only re-ranking BM25's best."""
    out: dict[str, dict] = {}
    for w in (0.5, 0.75, 1.0, 1.5, 2.0):
        out[f"score w{w}"] = {"fusion": "score", "dense_weight": w}
    for w_da, w_en in ((0.75, 1.5), (1.0, 1.5), (0.5, 1.0), (0.75, 1.0), (1.0, 2.0)):
        out[f"score da{w_da} en{w_en}"] = {"fusion": "score", "dense_weight": w_da, "dense_weight_en": w_en}
    for n in (30, 50):
        for w in (1.0, 1.5):
            out[f"score w{w} n{n}"] = {"fusion": "score", "dense_weight": w, "candidates": n}
    for k in (10, 30, 60):
        for w in (0.5, 1.0):
            out[f"rrf k{k} w{w}"] = {"fusion": "rrf", "rrf_k": k, "dense_weight": w}
    for n in (10, 20, 50):
        for w in (1.0, 1.5):
            out[f"rerank{n} w{w}"] = {"fusion": "score", "rerank_depth": n, "dense_weight": w}
    return out


def leave_one_set_out(sets: list[QuestionSet], grid: dict[str, dict[str, list]], baseline: str) -> None:
    """For each set: the setting best on all the other sets (by mean MRR over sets), and its figures on this set,
    against the baseline's. Then each setting's change per set against the baseline, in questions first-hit."""
    def mean_mrr(name: str, names: Sequence[str]) -> float:
        return sum(figures(grid[name][s])[2] for s in names) / len(names)

    print(f"\nLeave-one-set-out (choice by mean MRR@10 over the other sets; baseline {baseline!r})")
    print(f"{'held out':<10} {'chosen':<22} {'R@1 base→chosen':>18} {'MRR base→chosen':>18}")
    for qs in sets if len(sets) > 1 else ():
        others = [s.name for s in sets if s.name != qs.name]
        chosen = max(grid, key=lambda n: (round(mean_mrr(n, others), 6), n == baseline))
        b, c = figures(grid[baseline][qs.name]), figures(grid[chosen][qs.name])
        print(f"{qs.name:<10} {chosen:<22} {b[0]:>8.3f} → {c[0]:.3f} {b[2]:>8.3f} → {c[2]:.3f}")
    print("\nPer setting: mean MRR@10 over sets; first hits won (+) and lost (-) per set against the baseline")
    print(f"{'setting':<22} {'mean MRR':>8} {'R@1 all':>7} " + " ".join(f"{s.name[-8:]:>9}" for s in sets))
    names = [s.name for s in sets]
    for name in sorted(grid, key=lambda n: -mean_mrr(n, names)):
        cells = []
        every = []
        for s in names:
            base, new = grid[baseline][s], grid[name][s]
            won = sum(a != 1 and b == 1 for a, b in zip(base, new))
            lost = sum(a == 1 and b != 1 for a, b in zip(base, new))
            cells.append(f"+{won}/-{lost}")
            every.extend(new)
        print(f"{name:<22} {mean_mrr(name, names):>8.3f} {figures(every)[0]:>7.3f} " + " ".join(f"{c:>9}" for c in cells))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/budgetarkiv-fusion"),
                    help="materialised archives and their indexes (reused)")
    ap.add_argument("--sets", default=",".join(SETS), help="comma-separated: gold, archive, archive2 .. archive9")
    ap.add_argument("--grid", action="store_true", help="also every candidate fusion, chosen by leave-one-set-out")
    ap.add_argument("--no-typos", action="store_true", help="skip the misspelt-question table")
    args = ap.parse_args(argv)

    from budgetarkiv.core.settings import Settings
    from budgetarkiv.index.encoders import BatchingQueryEncoder, load_encoder

    args.workdir.mkdir(parents=True, exist_ok=True)
    encoder = BatchingQueryEncoder(load_encoder(Settings.from_env({})))  # caches query vectors across settings
    sets = question_sets(args.workdir, args.sets.split(","))
    searchers = {qs.name: searcher_for(qs, args.workdir, encoder) for qs in sets}
    runs = {"bm25": run_settings(searchers, sets, None, "bm25"), "dense": run_settings(searchers, sets, None, "dense"),
            "hybrid old": run_settings(searchers, sets, OLD, "hybrid"),
            "hybrid new": run_settings(searchers, sets, None, "hybrid")}
    table(sets, runs, list(runs), "Retrieval per set (document level)")
    if not args.no_typos:
        typos = {"bm25": run_settings(searchers, sets, None, "bm25", typo),
                 "dense": run_settings(searchers, sets, None, "dense", typo),
                 "hybrid old": run_settings(searchers, sets, OLD, "hybrid", typo),
                 "hybrid new": run_settings(searchers, sets, None, "hybrid", typo)}
        table(sets, typos, list(typos), "The same questions with one typo in their longest word")
    if args.grid:
        grid = {"new (defaults)": runs["hybrid new"], "old": runs["hybrid old"]}
        for name, settings in grid_settings().items():
            _log(name)
            grid[name] = run_settings(searchers, sets, settings, "hybrid")
        leave_one_set_out(sets, grid, "new (defaults)")


if __name__ == "__main__":
    main()
