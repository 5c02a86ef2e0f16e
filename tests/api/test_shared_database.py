"""Two `budgetarkiv serve` processes on one PostgreSQL database, as behind a load balancer.

A new note is indexed into the shared database by a third process (`budgetarkiv index`, as an indexing
job on any machine would run it) while both servers are up; both find it at once, without a restart.
"""
from __future__ import annotations

import subprocess
import sys
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx

from budgetarkiv.index.pgserver import free_port
from tests.live_server import settings_env

CLI = Path(sys.executable).with_name("budgetarkiv")
STARTUP_SECONDS = 180
NEW_NOTE = """Budget 2027

BI77 Cykelværksteder for unge i udsatte boligområder

Integrationsforvaltningen

Forvaltningen foreslår at oprette tre cykelværksteder, hvor unge reparerer cykler sammen med frivillige
mekanikere og får et første fritidsjob. Værkstederne drives i samarbejde med boligsociale helhedsplaner.
"""


@contextmanager
def serving(settings, log: Path):
    """A real `budgetarkiv serve` subprocess on a free port; yields its base URL once /health answers."""
    port = free_port()
    with log.open("w+") as out:
        proc = subprocess.Popen([str(CLI), "serve", "--host", "127.0.0.1", "--port", str(port)],
                                env=settings_env(settings), stdout=out, stderr=subprocess.STDOUT)
        try:
            yield f"http://127.0.0.1:{port}", proc
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def wait_healthy(url: str, proc: subprocess.Popen, log: Path) -> dict:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        assert proc.poll() is None, log.read_text()
        try:
            return httpx.get(url + "/health", timeout=5).json()
        except httpx.TransportError:
            time.sleep(0.3)
    raise AssertionError(f"server did not start: {log.read_text()[-2000:]}")


def test_two_servers_share_one_database_and_see_new_notes_at_once(archive_copy, tmp_path):
    settings = archive_copy
    with ExitStack() as stack:
        servers = [stack.enter_context(serving(settings, tmp_path / f"serve{i}.log")) for i in (1, 2)]
        for i, (url, proc) in enumerate(servers, start=1):
            health = wait_healthy(url, proc, tmp_path / f"serve{i}.log")
            assert health["generation"] == "postgresql" and health["documents"] == 5
        query = {"q": "cykelværksteder for unge", "k": 3}
        before = [httpx.get(url + "/search", params=query, timeout=60).json()["hits"] for url, _ in servers]
        assert all("BI77" not in {h["note_id"] for h in hits} for hits in before)

        folder = tmp_path / "nye"
        folder.mkdir()
        (folder / "bi77.txt").write_text(NEW_NOTE, "utf-8")
        done = subprocess.run([str(CLI), "index", str(folder), "--quiet"], env=settings_env(settings),
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr[-2000:]

        for url, _ in servers:  # both servers, neither restarted
            assert httpx.get(url + "/health", timeout=30).json()["documents"] == 6
            hits = httpx.get(url + "/search", params=query, timeout=60).json()["hits"]
            assert hits[0]["note_id"] == "BI77" and Path(hits[0]["source"]).name == "bi77.txt"
            notes = httpx.get(url + "/notes", timeout=60).json()
            assert "BI77" in {n["note_id"] for n in notes}
            # the five sample notes indexed from elsewhere stay: the database is shared, not replaced
            assert len(notes) == 6
