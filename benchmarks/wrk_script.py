"""Writes a wrk Lua script that cycles through the gold questions as /search requests and prints p50/p95/p99.

wrk (Debian package `wrk`, written in C) loads the server far more lightly than a Python client, which on
a 2-core machine otherwise takes most of a core itself:

    python -m benchmarks.wrk_script > /tmp/search.lua            # repeated questions
    python -m benchmarks.wrk_script --unique > /tmp/unique.lua   # every request a new query (no cache)
    budgetarkiv serve --port 8799 --workers 2 &
    wrk -t1 -c20 -d20s -s /tmp/search.lua http://127.0.0.1:8799
"""
from __future__ import annotations

import argparse
import json
import urllib.parse
from pathlib import Path

GOLD = Path(__file__).resolve().parent.parent / "tests" / "data" / "gold.jsonl"

DONE = """
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  requests %d  errors %d\\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests, e.connect + e.read + e.write + e.status + e.timeout))
end
"""


def nonsense_word(n: int) -> str:
    """A made-up word per number: makes a query new without changing what it asks."""
    out = ""
    while n:
        n, r = divmod(n, 26)
        out += "bcdfghjklmnpqrstvwxzaeiouy"[r]
    return "zq" + out


def lua(unique: bool, count: int = 30_000) -> str:
    questions = [json.loads(line)["question"] for line in GOLD.read_text("utf-8").splitlines() if line.strip()]
    queries = (
        [f"{questions[i % len(questions)]} {nonsense_word(i + 1)}" for i in range(count)] if unique else questions
    )
    paths = ",\n".join(f'  "/search?k=10&q={urllib.parse.quote(q)}"' for q in queries)
    return "paths = {\n" + paths + "\n}\n" + DONE


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--unique", action="store_true", help="every request a new query")
    print(lua(parser.parse_args().unique))


if __name__ == "__main__":
    main()
