"""A running server follows the index: new generations are served without a restart and without a failed
request, a request keeps the generation it started with, and old generations go once nobody uses them.

Real uvicorn on 127.0.0.1, the real model, real builds in this process while clients keep asking. The
index starts as a copy of the session's, so only the passages these tests add need the model.
"""
from __future__ import annotations

import shutil
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest

from budgetarkiv.core.settings import Settings
from budgetarkiv.index.build import build_index, remove_sources
from budgetarkiv.index.generations import current_name, prune
from tests.live_server import serve_app
from tests.no_embedding import NeverEncodes

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
F000, F001, F002, F003, F004 = sorted(p.name for p in CORPUS.glob("0*.txt"))


def _seed(tmp_path: Path, index_settings: Settings, names: list[str], never) -> Settings:
    """An index of copies of `names` in tmp_path/c, taking every vector from a copy of the session index."""
    shutil.copytree(index_settings.index_dir, tmp_path / "idx", symlinks=True)
    (tmp_path / "c").mkdir()
    for name in names:
        shutil.copy(CORPUS / name, tmp_path / "c" / name)
    settings = Settings.from_env({}, index_dir=tmp_path / "idx", corpus_dir=tmp_path / "c")
    build_index([tmp_path / "c"], settings, never, show_progress=False)
    remove_sources([index_settings.corpus_dir], settings, never, show_progress=False)
    return settings


class Load:
    """`n` client threads asking `requests` round-robin until stopped; every status and error counted."""

    def __init__(self, url: str, n: int, requests: list[tuple[str, str, dict]]) -> None:
        self.statuses: Counter[int] = Counter()
        self.failures: list[str] = []
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads = [threading.Thread(target=self._run, args=(url, requests, i)) for i in range(n)]

    def _run(self, url: str, requests: list[tuple[str, str, dict]], offset: int) -> None:
        with httpx.Client(base_url=url, timeout=60) as client:
            i = offset
            while not self._stop.is_set():
                method, path, kwargs = requests[i % len(requests)]
                i += 1
                try:
                    status = client.request(method, path, **kwargs).status_code
                except httpx.HTTPError as exc:
                    with self._lock:
                        self.failures.append(f"{method} {path}: {type(exc).__name__}: {exc}")
                    continue
                with self._lock:
                    self.statuses[status] += 1
                    if status >= 500:
                        self.failures.append(f"{method} {path}: {status}")

    def __enter__(self) -> Load:
        for t in self._threads:
            t.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        for t in self._threads:
            t.join(timeout=120)


def _serve(settings: Settings, embedder):
    from budgetarkiv.api.app import Service, create_app

    return serve_app(create_app(Service.load(settings, embedder=embedder), follow=True))


def _control(url: str) -> httpx.Client:
    """The test's own checks between builds: a fresh connection each time.

    A build takes longer than uvicorn's keep-alive (5 s), and a request sent on a kept-alive connection just
    as the server closes it is reset: an HTTP race every client must retry, not a server fault.
    """
    return httpx.Client(base_url=url, timeout=60, limits=httpx.Limits(max_keepalive_connections=0))


def _wait_for(client: httpx.Client, check, seconds: float = 20.0) -> float:
    """Seconds until check(client) holds (fails the test after `seconds`)."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if check(client):
            return time.monotonic() - started
        time.sleep(0.1)
    pytest.fail(f"the server did not follow the index within {seconds} s: {client.get('/health').json()}")


def _sources_listed(client: httpx.Client) -> set[str]:
    return {Path(d["source"]).name for d in client.get("/notes").json()}


EVERY_ROUTE = [
    ("GET", "/health", {}),
    ("GET", "/search", {"params": {"q": "negativ social kontrol", "k": 5}}),
    ("POST", "/ask", {"json": {"question": "Hvad koster videreførelsen af Perspektiv om året?"}}),
    ("GET", "/notes", {}),
    ("GET", "/tables", {"params": {"note_id": "BI23"}}),
    ("GET", "/tables", {"params": {"note_id": "BI18", "format": "csv"}}),
    ("POST", "/inquiry", {"json": {"text": "Spørgsmål 1: Hvad koster indsatsen mod negativ social kontrol?"}}),
    ("GET", "/search", {"params": {"q": "fritidsjob til unge", "year": 2018}}),
    ("GET", "/tools", {}),
    ("GET", "/", {}),
    ("GET", "/openapi.json", {}),
]


def test_ten_reindexes_under_thirty_clients_give_no_5xx_and_end_on_the_newest(tmp_path, index_settings, embedder):
    settings = _seed(tmp_path, index_settings, [F000, F001, F002, F003], NeverEncodes(embedder))
    changed = tmp_path / "c" / F002
    with _serve(settings, embedder) as url, _control(url) as client:
        doc_ids = [d["doc_id"] for d in client.get("/notes").json() if F003 in d["source"]]
        routes = [*EVERY_ROUTE, ("GET", f"/notes/{doc_ids[0]}", {})]
        served: set[str] = set()
        with Load(url, 30, routes) as load:
            for i in range(10):  # each run adds a sentence: one or two passages to embed, a new generation
                changed.write_text(changed.read_text("utf-8") + f"\n\nTilføjelse {i}: kvartalsrapport nr. {i}.\n")
                report = build_index([tmp_path / "c"], settings, embedder, show_progress=False)
                assert not report.unchanged
                served.add(client.get("/health").json()["generation"])
        newest = current_name(settings.index_dir)
        _wait_for(client, lambda c: c.get("/health").json()["generation"] == newest)
        health = client.get("/health").json()
        assert health["status"] == "ok" and health["problems"] == [] and health["built_at"]
        hits = client.get("/search", params={"q": "kvartalsrapport nr. 9", "k": 3}).json()["hits"]
        assert "nr. 9" in hits[0]["text"]
    assert not load.failures, load.failures[:10]
    assert sum(load.statuses.values()) >= 100 and all(s < 500 for s in load.statuses)
    assert len(served) >= 2  # the server moved on while the builds ran, not only at the end
    left = sorted(p.name for p in settings.index_dir.glob("gen-*"))
    assert len(left) < 10, left  # the builds pruned released generations as they went (ten were published)
    # Generations still held by a request when the last build ran had to stay; once every request has
    # ended they are released, and the prune each build runs removes all but the current one.
    prune(settings.index_dir)
    assert sorted(p.name for p in settings.index_dir.glob("gen-*")) == [newest]


def test_sources_added_and_removed_are_followed_within_seconds_without_failed_requests(
    tmp_path, index_settings, embedder,
):
    settings = _seed(tmp_path, index_settings, [F000, F001, F002], NeverEncodes(embedder))
    for folder, name in (("a", F004), ("b", F003)):
        (tmp_path / folder).mkdir()
        shutil.copy(CORPUS / name, tmp_path / folder / name)
    light = [("GET", "/search", {"params": {"q": "negativ social kontrol", "k": 5}}), ("GET", "/notes", {}),
             ("GET", "/health", {}), ("POST", "/ask", {"json": {"question": "Hvad koster Perspektiv?"}})]
    with _serve(settings, embedder) as url, _control(url) as client, \
            Load(url, 4, light) as load:
        assert _sources_listed(client) == {F000, F001, F002}

        build_index([tmp_path / "a"], settings, embedder, show_progress=False)
        seconds_a = _wait_for(client, lambda c: F004 in _sources_listed(c))
        build_index([tmp_path / "b"], settings, embedder, show_progress=False)
        seconds_b = _wait_for(client, lambda c: F003 in _sources_listed(c))
        assert _sources_listed(client) == {F000, F001, F002, F003, F004}  # A kept when B came
        hits = client.get("/search", params={"q": "social kontrol-vejledere på Jobcenter København", "k": 1})
        assert Path(hits.json()["hits"][0]["source"]).name == F003

        remove_sources([tmp_path / "a"], settings, NeverEncodes(embedder), show_progress=False)
        seconds_removed = _wait_for(client, lambda c: F004 not in _sources_listed(c))
        assert _sources_listed(client) == {F000, F001, F002, F003}
    assert max(seconds_a, seconds_b, seconds_removed) < 10
    assert not load.failures, load.failures[:10]
    assert sum(load.statuses.values()) > 0 and all(s < 500 for s in load.statuses)


def test_a_path_that_does_not_exist_leaves_the_served_index_as_it_was(tmp_path, index_settings, embedder):
    from budgetarkiv.index.sources import IndexRefused

    settings = _seed(tmp_path, index_settings, [F002, F003], NeverEncodes(embedder))
    with _serve(settings, embedder) as url, _control(url) as client:
        before = client.get("/health").json()
        answer = client.post("/ask", json={"question": "Hvad koster indsatsen mod negativ social kontrol?"}).json()
        with pytest.raises(IndexRefused):
            build_index([tmp_path / "no" / "such" / "path"], settings, NeverEncodes(embedder), show_progress=False)
        time.sleep(1.0)  # longer than the server's check interval
        after = client.get("/health").json()
        assert after["generation"] == before["generation"] and after["documents"] == before["documents"] == 2
        again = client.post("/ask", json={"question": "Hvad koster indsatsen mod negativ social kontrol?"}).json()
        assert again["answer"] == answer["answer"]
