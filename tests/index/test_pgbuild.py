"""Indexing into PostgreSQL: incremental (only a changed file is rewritten, no rebuild), one transaction per
file (readers, and a killed indexer, leave the old or the new version, never a mix), BM25 statistics kept
exact, and searchers that see new documents without a restart.

Each test works on a private copy of the session's indexed sample archive and a copy of the corpus.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import psycopg
import pytest
from psycopg.rows import dict_row

from budgetarkiv.index.build import build_index
from budgetarkiv.index.english import EnglishBridge
from budgetarkiv.index.pgserver import stop_server
from budgetarkiv.ingest.chunking import chunk_note
from budgetarkiv.ingest.notes import parse_note
from budgetarkiv.ingest.readers import read_document
from budgetarkiv.search.hybrid import Searcher
from tests.conftest import CORPUS
from tests.live_server import settings_env
from tests.no_embedding import NeverEncodes

F002, F003, F004 = "002_e7f046dac8aab057.txt", "003_830cee1fd0b10859.txt", "004_8ec66430a271036e.txt"
CLI = Path(sys.executable).with_name("budgetarkiv")
NEW_PARAGRAPH = ("\n\nSupplerende bemærkning: Forvaltningen vil desuden afprøve cykelværksteder for unge "
                 "i udsatte boligområder som en del af indsatsen.\n")


@pytest.fixture(scope="module")
def never_called(embedder) -> NeverEncodes:
    """The real encoder's identity; embedding fails: every vector is already in the database."""
    return NeverEncodes(embedder)


@pytest.fixture
def archive(archive_copy, tmp_path, never_called):
    """(settings, corpus folder): a copy of the corpus, indexed (moved) into a private copy of the archive."""
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    settings = replace(archive_copy, corpus_dir=corpus)
    moved = build_index([corpus], settings, never_called, show_progress=False)
    assert moved.documents == 5 and moved.embedded == 0 and not moved.errors
    return settings, corpus


def db(settings) -> psycopg.Connection:
    return psycopg.connect(settings.database_url, autocommit=True, row_factory=dict_row)


def holdings(settings, source: Path) -> tuple[str | None, int, int]:
    """(doc_id, passages, table rows) stored for one file."""
    with db(settings) as c:
        doc = c.execute("SELECT doc_id FROM documents WHERE source = %s", (str(source),)).fetchone()
        if doc is None:
            return None, 0, 0
        n = c.execute("SELECT count(*) AS n FROM chunks WHERE doc_id = %s", (doc["doc_id"],)).fetchone()["n"]
        rows = c.execute("SELECT count(*) AS n FROM table_rows WHERE doc_id = %s", (doc["doc_id"],)).fetchone()["n"]
        return doc["doc_id"], n, rows


def assert_statistics_exact(settings) -> None:
    """The BM25 statistics kept incrementally equal what the passages say now."""
    with db(settings) as c:
        state = c.execute("SELECT passages, tokens FROM corpus_state").fetchone()
        real = c.execute("SELECT count(*) AS n, coalesce(sum(token_count), 0) AS t FROM chunks").fetchone()
        assert (state["passages"], state["tokens"]) == (real["n"], real["t"])
        wrong = c.execute(
            "SELECT count(*) AS n FROM (SELECT u.lexeme, count(*) AS df FROM chunks, unnest(lexemes) u"
            " GROUP BY u.lexeme) r FULL JOIN lexicon l ON l.token = r.lexeme WHERE l.df IS DISTINCT FROM r.df"
        ).fetchone()["n"]
        assert wrong == 0
        wrong = c.execute(  # the posting lists BM25 reads say what the passages' tsvectors say
            "SELECT count(*) AS n FROM (SELECT u.lexeme, c.row, cardinality(u.positions) AS tf, c.token_count AS dl"
            " FROM chunks c, unnest(c.lexemes) u) r FULL JOIN postings p ON p.token = r.lexeme AND p.row = r.row"
            " WHERE (p.tf, p.dl) IS DISTINCT FROM (r.tf, r.dl)"
        ).fetchone()["n"]
        assert wrong == 0


def parsed(path: Path) -> tuple[str, int, int]:
    note = parse_note(read_document(path, 50_000_000))
    return note.doc_id, len(chunk_note(note, 120)), sum(len(t.rows) for t in note.tables)


def test_a_changed_file_replaces_only_its_own_rows(archive, embedder, never_called):
    settings, corpus = archive
    reader = Searcher(settings, embedder=embedder, bridge=EnglishBridge({}))  # opened before the change
    try:
        with db(settings) as c:
            others_before = c.execute("SELECT row, chunk_id FROM chunks WHERE source <> %s ORDER BY row",
                                      (str(corpus / F002),)).fetchall()
        assert build_index([corpus], settings, never_called, show_progress=False).unchanged

        with (corpus / F002).open("a", encoding="utf-8") as f:
            f.write(NEW_PARAGRAPH)
        report = build_index([corpus], settings, embedder, show_progress=False)
        assert not report.unchanged and report.documents == 5
        assert 0 < report.embedded <= 3  # the changed passages only, not the file, not the archive

        with db(settings) as c:  # no rebuild: the other files' passages keep their rows
            assert c.execute("SELECT row, chunk_id FROM chunks WHERE source <> %s ORDER BY row",
                             (str(corpus / F002),)).fetchall() == others_before
        assert holdings(settings, corpus / F002) == parsed(corpus / F002)
        assert_statistics_exact(settings)

        hits = reader.search("cykelværksteder for unge", k=1)  # the old searcher sees it, no restart
        assert Path(hits[0].source).name == F002 and "cykelværksteder" in hits[0].text

        (corpus / F004).unlink()  # a file gone from an indexed folder leaves the database
        report = build_index([corpus], settings, never_called, show_progress=False)
        assert report.removed == (str(corpus / F004),) and report.documents == 4
        assert holdings(settings, corpus / F004) == (None, 0, 0)
        assert F004 not in {Path(d["source"]).name for d in reader.store.documents()}
        assert_statistics_exact(settings)
    finally:
        reader.close()


def test_a_broken_file_is_reported_and_its_old_version_removed(archive, never_called):
    settings, corpus = archive
    (corpus / F003).write_bytes(b"\x00\x01\x02 binary \xff\xfe" * 50)
    report = build_index([corpus], settings, never_called, show_progress=False)
    assert [Path(src).name for src, _ in report.errors] == [F003]
    assert holdings(settings, corpus / F003) == (None, 0, 0) and report.documents == 4
    assert_statistics_exact(settings)


def test_a_killed_indexer_leaves_the_old_or_the_new_version_never_a_mix(archive, embedder):
    """The indexer is stopped inside a file's transaction (held at its last statement by a lock this test
    takes), a reader checks what it sees, then the indexer is killed with SIGKILL."""
    settings, corpus = archive
    target = corpus / F003
    old = holdings(settings, target)
    text = target.read_text("utf-8")
    target.write_text(text.replace("social kontrol", "social kontrol (ændret)", 3) + NEW_PARAGRAPH, "utf-8")
    new = parsed(target)
    assert old[0] is not None and new[0] != old[0]

    blocker = db(settings)
    blocker.autocommit = False
    blocker.execute("SELECT * FROM corpus_state FOR UPDATE")  # the file's transaction waits here, at its end
    child = subprocess.Popen([str(CLI), "index", str(corpus), "--quiet"], env=settings_env(settings),
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        with db(settings) as c:
            deadline = time.monotonic() + 180
            while True:
                waiting = c.execute(
                    "SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'budgetarkiv-index'"
                    " AND wait_event_type = 'Lock'").fetchone()["n"]
                if waiting or child.poll() is not None or time.monotonic() > deadline:
                    break
                time.sleep(0.1)
        assert waiting, f"the indexer never reached the file's commit: {child.stderr.read()[-2000:]!r}"
        assert holdings(settings, target) == old  # a reader meanwhile: the old version, whole
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            os.kill(child.pid, signal.SIGKILL)
            child.wait()
        blocker.rollback()
        blocker.close()

    assert holdings(settings, target) == old  # the killed transaction is gone, the old version stands
    assert_statistics_exact(settings)
    report = build_index([corpus], settings, embedder, show_progress=False)
    assert not report.unchanged
    assert holdings(settings, target) == new  # the next run puts the new version in whole
    assert_statistics_exact(settings)


def test_a_streaming_replica_answers_searches(archive, postgres_server, embedder):
    """A replica made with pg_basebackup serves the searches (BUDGETARKIV_DATABASE_READ_URL), follows the
    primary's changes, and refuses writes."""
    from budgetarkiv.answer.compose import Answerer
    from budgetarkiv.index.pgserver import start_replica

    settings, corpus = archive
    base = Path(tempfile.mkdtemp(prefix="budgetarkiv-replica-"))  # outside pytest's folder: see conftest
    replica = start_replica(postgres_server.url, base / "data")
    try:
        read_url = replica.url.rsplit("/", 1)[0] + "/" + settings.database_url.rsplit("/", 1)[1]
        reader = Searcher(replace(settings, database_read_url=read_url), embedder=embedder)
        try:
            with psycopg.connect(read_url) as c:
                assert c.execute("SELECT pg_is_in_recovery()").fetchone()[0]
                with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
                    c.execute("DELETE FROM documents")
            answer = Answerer(reader).ask("Hvad koster social kontrol-vejlederne på Jobcenter København?")
            assert answer.answered and Path(answer.sources[0].source).name == F003

            with (corpus / F002).open("a", encoding="utf-8") as f:
                f.write(NEW_PARAGRAPH)
            build_index([corpus], settings, embedder, show_progress=False)  # on the primary
            deadline = time.monotonic() + 30
            while not (hits := reader.search("cykelværksteder for unge", k=1)) or \
                    "cykelværksteder" not in hits[0].text:
                assert time.monotonic() < deadline, "the replica did not receive the change"
                time.sleep(0.2)
            assert Path(hits[0].source).name == F002
        finally:
            reader.close()
    finally:
        stop_server(replica.data_dir)
        shutil.rmtree(base, ignore_errors=True)
