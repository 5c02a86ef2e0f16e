"""Load test of the HTTP API: a real `budgetarkiv serve` on 127.0.0.1, hammered by 1 and 20 clients.

    python -m benchmarks.load                                   # both archives, 30 s per run (~12 min + builds)
    python -m benchmarks.load --archives sample --seconds 10 --clients 1,20
    python -m benchmarks.load --docs 10000 --json load.json

For each archive the script builds an index (or reuses the one in --workdir), starts the real server
command (`budgetarkiv serve --host 127.0.0.1 --port <free port>`, model loaded once and warmed), and for
/search and /ask runs a closed-loop load: each client sends its next request as soon as the previous one
is answered, for --seconds. The requests are the questions of tests/data/gold.jsonl, each client starting
at another question (/search?q=<question>&k=10, POST /ask {"question": ...}). Reported per run:
requests/s, latency p50/p95/p99/max (ms, measured by the client, including HTTP), and errors (any status
other than 200, or a transport error/timeout). It ends with PASS/FAIL for "/search p95 < 100 ms at 20
clients".

Archives:
- sample: the bundled corpus (5 documents), embedded with the real model.
- synthetic: benchmarks.synthetic.make_archive with --docs documents (default 10,000, ~19 chunks each).
  The bundled model embeds ~10-40 passages/s on this CPU, so 190k chunks would take hours: the passages
  get *recycled real vectors* (benchmarks.bench_index.RecycledEncoder: the real embeddings of the sample
  passages, perturbed and re-normalised). BM25, FAISS (HNSW above 50k vectors) and SQLite are real and
  full size, and queries are embedded with the real model by the server, so the latency is that of a
  real 10k-note archive. `--synthetic-real` embeds for real instead (slow). The build runs in its own
  subprocess with a time limit (--build-timeout).

The load generator runs in this process (asyncio + httpx) on the same 2 cores as the server, so it takes
CPU from it; its own CPU time is printed. Only 127.0.0.1 is ever contacted. Every loop is bounded in time
(--seconds) and in count (--max-requests per run).
"""
from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.wrk_script import nonsense_word

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "gold.jsonl"
HOST = "127.0.0.1"  # the only address this script ever sends to
TARGET_SEARCH_P95_MS = 100.0
TARGET_CLIENTS = 20


def _log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def gold_questions() -> list[str]:
    return [json.loads(line)["question"] for line in GOLD.read_text("utf-8").splitlines() if line.strip()]


def _env(index_dir: Path, corpus_dir: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BUDGETARKIV_")}
    env.update(BUDGETARKIV_INDEX_DIR=str(index_dir))
    if corpus_dir is not None:
        env["BUDGETARKIV_CORPUS_DIR"] = str(corpus_dir)
    return env


def _cli() -> list[str]:
    exe = Path(sys.executable).with_name("budgetarkiv")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "budgetarkiv.api.cli"]


# ----------------------------------------------------------------------------------------------- indexes


def build_sample(work: Path) -> Path:
    """Index the bundled corpus with the real model (incremental: instant when already built)."""
    index_dir = work / "sample-index"
    t0 = time.perf_counter()
    subprocess.run([*_cli(), "index", str(ROOT / "corpus"), "--quiet"], env=_env(index_dir, ROOT / "corpus"),
                   cwd=ROOT, check=True, timeout=1800, stdout=subprocess.DEVNULL)
    _log(f"sample index ready in {time.perf_counter() - t0:.1f} s: {index_dir}")
    return index_dir


def build_synthetic(work: Path, n_docs: int, real: bool, timeout: float) -> tuple[Path, dict]:
    """Write the synthetic archive and index it, in a subprocess bounded by `timeout` seconds."""
    index_dir = work / f"synthetic-{n_docs}-{'real' if real else 'recycled'}-index"
    info_file = index_dir.with_suffix(".json")
    if info_file.exists() and index_dir.exists():
        info = json.loads(info_file.read_text("utf-8"))
        _log(f"synthetic index reused: {info}")
        return index_dir, info
    archive = work / f"synthetic-{n_docs}-archive"
    cmd = [sys.executable, "-m", "benchmarks.load", "_build", "--dest", str(archive), "--index-dir", str(index_dir),
           "--docs", str(n_docs), "--info", str(info_file)] + (["--synthetic-real"] if real else [])
    _log(f"building the synthetic archive of {n_docs} notes ({'real' if real else 'recycled real'} vectors), "
         f"limit {timeout:.0f} s")
    try:
        subprocess.run(cmd, cwd=ROOT, check=True, timeout=timeout, env=_env(index_dir))
    except subprocess.TimeoutExpired:
        shutil.rmtree(index_dir, ignore_errors=True)
        raise RuntimeError(f"the synthetic build took more than {timeout:.0f} s; try fewer --docs") from None
    info = json.loads(info_file.read_text("utf-8"))
    return index_dir, info


def _build_worker(args: argparse.Namespace) -> None:
    """Subprocess: make_archive + build_index (recycled real vectors unless --synthetic-real)."""
    import hashlib
    import io

    import numpy as np
    from rich.console import Console

    from benchmarks.synthetic import make_archive
    from budgetarkiv.core.settings import Settings
    from budgetarkiv.index.build import build_index
    from budgetarkiv.index.encoders import load_encoder

    dest, index_dir = Path(args.dest), Path(args.index_dir)
    shutil.rmtree(index_dir, ignore_errors=True)
    t0 = time.perf_counter()
    files = make_archive(dest, args.docs, seed=0)
    archive_s = time.perf_counter() - t0
    _log(f"archive: {len(files)} files in {archive_s:.1f} s")
    settings = Settings.from_env({}, index_dir=index_dir)
    embedder = load_encoder(settings)
    if args.synthetic_real:
        encoder = embedder
    else:
        from benchmarks.bench_index import NOISE, RecycledEncoder, sample_passages

        texts = sample_passages()
        key = hashlib.sha256(chr(0).join([embedder.name, *texts]).encode()).hexdigest()[:12]
        cache = Path(args.dest).parent / f"sample-vectors-{key}.npy"
        if cache.exists():
            base = np.load(cache)
        else:
            base = embedder.encode_passages(texts)
            np.save(cache, base)
        encoder = RecycledEncoder(base, NOISE, 0, model=embedder)
    t0 = time.perf_counter()
    report = build_index([dest], settings, encoder, console=Console(file=io.StringIO()), show_progress=False)
    build_s = time.perf_counter() - t0
    info = {"docs": report.documents, "chunks": report.chunks, "errors": len(report.errors),
            "archive_s": round(archive_s, 1), "build_s": round(build_s, 1),
            "vectors": "real" if args.synthetic_real else "recycled real (RecycledEncoder)"}
    _log(f"synthetic index: {info}")
    Path(args.info).write_text(json.dumps(info), "utf-8")


# ----------------------------------------------------------------------------------------------- server


class Server:
    """`budgetarkiv serve` in a subprocess on a free port of 127.0.0.1."""

    def __init__(self, index_dir: Path, log_path: Path, startup_timeout: float = 300) -> None:
        with socket.socket() as s:
            s.bind((HOST, 0))
            self.port = s.getsockname()[1]
        self.url = f"http://{HOST}:{self.port}"
        self.log = log_path.open("w")
        t0 = time.perf_counter()
        self.proc = subprocess.Popen([*_cli(), "serve", "--host", HOST, "--port", str(self.port),
                                      "--workers", str(WORKERS)], cwd=ROOT,
                                     env=_env(index_dir), stdout=self.log, stderr=subprocess.STDOUT)
        import httpx

        deadline = time.monotonic() + startup_timeout
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}; see {log_path}")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"server not up after {startup_timeout:.0f} s; see {log_path}")
            try:
                r = httpx.get(self.url + "/health", timeout=5)
                if r.status_code == 200:
                    self.health = r.json()
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.25)
        self.startup_s = time.perf_counter() - t0

    def rss_mb(self) -> float | None:
        try:
            for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            return None
        return None

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self.log.close()


# ----------------------------------------------------------------------------------------------- load


def _percentile(sorted_ms: list[float], p: float) -> float:
    if not sorted_ms:
        return float("nan")
    k = (len(sorted_ms) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(sorted_ms) - 1)
    return sorted_ms[lo] + (sorted_ms[hi] - sorted_ms[lo]) * (k - lo)


UNIQUE = False
WORKERS = 1
unique_counter = itertools.count(1)


async def _run_load(url: str, endpoint: str, clients: int, seconds: float, questions: list[str],
                    max_requests: int) -> dict:
    import httpx

    latencies: list[float] = []
    errors: dict[str, int] = {}
    counter = itertools.count()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=30, limits=limits) as client:
        deadline = time.perf_counter() + seconds

        async def worker(i: int) -> None:
            for j in itertools.count():
                if time.perf_counter() >= deadline or next(counter) >= max_requests:
                    return
                q = questions[(i * 7 + j) % len(questions)]
                if UNIQUE:  # a nonsense word makes every query new: no cache helps
                    q = f"{q} {nonsense_word(next(unique_counter))}"
                t0 = time.perf_counter()
                try:
                    if endpoint == "search":
                        r = await client.get("/search", params={"q": q, "k": 10})
                    else:
                        r = await client.post("/ask", json={"question": q})
                    ok = r.status_code == 200
                    kind = f"HTTP {r.status_code}"
                except httpx.HTTPError as exc:
                    ok, kind = False, type(exc).__name__
                latencies.append((time.perf_counter() - t0) * 1000)
                if not ok:
                    errors[kind] = errors.get(kind, 0) + 1

        cpu0, t0 = time.process_time(), time.perf_counter()
        await asyncio.gather(*(worker(i) for i in range(clients)))
        wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    ms = sorted(latencies)
    return {
        "endpoint": f"/{endpoint}", "clients": clients, "seconds": round(wall, 2), "requests": len(ms),
        "rps": len(ms) / wall if wall else 0.0, "p50": _percentile(ms, 50), "p95": _percentile(ms, 95),
        "p99": _percentile(ms, 99), "max": ms[-1] if ms else float("nan"), "errors": sum(errors.values()),
        "error_kinds": errors, "client_cpu_s": round(cpu, 2),
    }


def _row(archive: str, r: dict) -> str:
    return (f"{archive:<10} {r['endpoint']:<8} {r['clients']:>7} {r['requests']:>8} {r['rps']:>8.1f} "
            f"{r['p50']:>8.1f} {r['p95']:>8.1f} {r['p99']:>8.1f} {r['max']:>8.1f} {r['errors']:>6} "
            f"{r['client_cpu_s']:>8.1f}")


HEADER = (f"{'archive':<10} {'endpoint':<8} {'clients':>7} {'requests':>8} {'req/s':>8} {'p50 ms':>8} "
          f"{'p95 ms':>8} {'p99 ms':>8} {'max ms':>8} {'errors':>6} {'cli cpu':>8}")


def load_archive(name: str, index_dir: Path, args: argparse.Namespace, work: Path) -> list[dict]:
    questions = gold_questions()
    server = Server(index_dir, work / f"serve-{name}.log")
    results = []
    try:
        _log(f"{name}: server up on {server.url} in {server.startup_s:.1f} s "
             f"({server.health.get('documents')} documents, {server.health.get('chunks')} chunks, "
             f"dense index {server.health.get('dense_index')}, RSS {server.rss_mb() or 0:.0f} MB)")
        for endpoint in args.endpoints:  # warm-up: every question once, not measured
            asyncio.run(_run_load(server.url, endpoint, 1, args.warmup, questions, len(questions)))
        for endpoint in args.endpoints:
            for clients in args.clients:
                _log(f"{name}: /{endpoint} with {clients} client(s) for {args.seconds:.0f} s")
                r = asyncio.run(_run_load(server.url, endpoint, clients, args.seconds, questions, args.max_requests))
                r["archive"] = name
                r["server_rss_mb"] = server.rss_mb()
                print(_row(name, r), flush=True)
                results.append(r)
    finally:
        if server.proc.poll() is not None:
            _log(f"{name}: the server died (exit {server.proc.returncode}); see {work / f'serve-{name}.log'}")
        server.stop()
    log_text = (work / f"serve-{name}.log").read_text("utf-8", "replace")
    if "Traceback" in log_text:
        _log(f"{name}: the server log holds a Traceback: {work / f'serve-{name}.log'}")
    for r in results:
        r["server_log_traceback"] = "Traceback" in log_text
        r["health"] = server.health
    return results


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["_build"]:
        ap = argparse.ArgumentParser()
        ap.add_argument("--dest", required=True)
        ap.add_argument("--index-dir", required=True)
        ap.add_argument("--docs", type=int, required=True)
        ap.add_argument("--info", required=True)
        ap.add_argument("--synthetic-real", action="store_true")
        _build_worker(ap.parse_args(argv[1:]))
        return 0

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=30.0, help="Duration of each measured run (default 30)")
    ap.add_argument("--clients", default="1,20", help="Concurrent clients, comma-separated (default 1,20)")
    ap.add_argument("--endpoints", default="search,ask", help="search, ask or both (default)")
    ap.add_argument("--archives", default="sample,synthetic", help="sample, synthetic or both (default)")
    ap.add_argument("--docs", type=int, default=10_000, help="Notes in the synthetic archive (default 10000)")
    ap.add_argument("--synthetic-real", action="store_true", help="Embed the synthetic archive with the model")
    ap.add_argument("--build-timeout", type=float, default=1800, help="Limit of the synthetic build (s)")
    ap.add_argument("--warmup", type=float, default=5.0, help="Unmeasured warm-up per endpoint (s)")
    ap.add_argument("--max-requests", type=int, default=1_000_000, help="Cap on requests per run")
    ap.add_argument("--workdir", default="/tmp/budgetarkiv-load", help="Indexes and logs (kept for reuse)")
    ap.add_argument("--json", help="Write all results to this file")
    ap.add_argument("--workers", type=int, default=1, help="Server processes (serve --workers)")
    ap.add_argument("--unique", action="store_true",
                    help="Make every query unique (a nonsense word appended), so no query-vector cache helps")
    args = ap.parse_args(argv)
    global UNIQUE, WORKERS
    UNIQUE, WORKERS = args.unique, args.workers
    args.clients = [int(c) for c in args.clients.split(",") if c.strip()]
    args.endpoints = [e.strip().lstrip("/") for e in args.endpoints.split(",") if e.strip()]
    archives = [a.strip() for a in args.archives.split(",") if a.strip()]
    if not all(c >= 1 for c in args.clients) or set(args.endpoints) - {"search", "ask"} \
            or set(archives) - {"sample", "synthetic"}:
        ap.error("bad --clients, --endpoints or --archives")
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)

    print(f"budgetarkiv load test: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at start; "
          f"{args.seconds:.0f} s per run; closed loop (no think time); {len(gold_questions())} gold questions; "
          f"server and load generator share the machine", flush=True)
    results: list[dict] = []
    infos: dict[str, dict] = {}
    for name in archives:
        if name == "sample":
            index_dir = build_sample(work)
            infos[name] = {"docs": 5, "vectors": "real"}
        else:
            index_dir, infos[name] = build_synthetic(work, args.docs, args.synthetic_real, args.build_timeout)
            print(f"synthetic archive: {infos[name]['docs']} notes, {infos[name]['chunks']} chunks, vectors: "
                  f"{infos[name]['vectors']}; archive written in {infos[name]['archive_s']} s, indexed in "
                  f"{infos[name]['build_s']} s", flush=True)
        print(HEADER, flush=True)
        results += load_archive(name, index_dir, args, work)

    print("\nSummary")
    print(HEADER)
    for r in results:
        print(_row(r["archive"], r))
    total_errors = sum(r["errors"] for r in results)
    print(f"\nerrors in all runs: {total_errors}"
          + ("" if not total_errors else f" ({[(r['archive'], r['endpoint'], r['clients'], r['error_kinds']) for r in results if r['errors']]})"))
    verdicts = []
    for r in results:
        if r["endpoint"] == "/search" and r["clients"] == TARGET_CLIENTS:
            ok = r["p95"] < TARGET_SEARCH_P95_MS and r["errors"] == 0
            verdicts.append(ok)
            print(f"{'PASS' if ok else 'FAIL'}: /search p95 < {TARGET_SEARCH_P95_MS:.0f} ms at {TARGET_CLIENTS} clients, "
                  f"{r['archive']} archive: p95 {r['p95']:.1f} ms, {r['errors']} errors, {r['rps']:.1f} req/s")
    if not verdicts:
        print(f"(no /search run with {TARGET_CLIENTS} clients: no verdict)")
    if args.json:
        Path(args.json).write_text(json.dumps({"archives": infos, "results": results}, indent=2), "utf-8")
    return 0 if all(verdicts) and total_errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
