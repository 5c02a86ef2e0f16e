"""Incremental, atomic indexing with the real model, in temporary folders with copies of the corpus.

Only new or changed passages are embedded; deleted files leave the index; a broken file is reported
while the rest is indexed; a killed build leaves the previous generation in use; a searcher opened
before a rebuild keeps answering.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from budgetarkiv.core.settings import Settings
from budgetarkiv.index.build import build_index, list_sources, remove_sources
from budgetarkiv.index.english import EnglishBridge
from budgetarkiv.index.generations import CURRENT, current_generation
from budgetarkiv.index.sources import IndexRefused
from budgetarkiv.ingest.chunking import chunk_note
from budgetarkiv.ingest.notes import parse_note
from budgetarkiv.ingest.readers import read_document
from budgetarkiv.search.hybrid import Searcher
from tests.no_embedding import NeverEncodes

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
F002, F003, F004 = "002_e7f046dac8aab057.txt", "003_830cee1fd0b10859.txt", "004_8ec66430a271036e.txt"
CLI = Path(sys.executable).with_name("budgetarkiv")
NO_BRIDGE = EnglishBridge({})


@pytest.fixture(scope="module")
def base(tmp_path_factory, embedder) -> Path:
    """An index of two corpus files (002, 004), built once; each test works on a copy of it."""
    root = tmp_path_factory.mktemp("build-base")
    (root / "corpus").mkdir()
    for name in (F002, F004):
        shutil.copy(CORPUS / name, root / "corpus" / name)
    report = build_index([root / "corpus"], _settings(root), embedder, show_progress=False)
    assert not report.unchanged and report.documents == 2 and not report.errors
    return root


def _settings(root: Path) -> Settings:
    return Settings.from_env({}, index_dir=root / "idx", corpus_dir=root / "corpus")


@pytest.fixture
def work(base, tmp_path, never_called) -> Path:
    """A private copy of the base corpus and index (the `current` link is relative, so it survives).

    The copy's files have other paths, so the first build re-indexes them, but takes every vector from
    the copied index: moving files never needs the model.
    """
    shutil.copytree(base / "corpus", tmp_path / "corpus")
    shutil.copytree(base / "idx", tmp_path / "idx", symlinks=True)
    build_index([tmp_path / "corpus"], _settings(tmp_path), never_called, show_progress=False)
    moved = remove_sources([base / "corpus"], _settings(tmp_path), never_called, show_progress=False)
    assert not moved.unchanged and moved.embedded == 0 and moved.documents == 2
    assert [s.path for s in moved.sources] == [str(tmp_path / "corpus")]
    return tmp_path


def build(root: Path, embedder):
    return build_index([root / "corpus"], _settings(root), embedder, show_progress=False)


def searcher(root: Path, embedder) -> Searcher:
    return Searcher(_settings(root), embedder=embedder, bridge=NO_BRIDGE)


def sources(hits) -> set[str]:
    return {Path(h.source).name for h in hits}


def chunk_count(path: Path) -> int:
    return len(chunk_note(parse_note(read_document(path, 50_000_000)), Settings().chunk_words))


@pytest.fixture(scope="module")
def never_called(embedder) -> NeverEncodes:
    return NeverEncodes(embedder)


def test_an_unchanged_corpus_returns_at_once_and_embeds_nothing(work, never_called):
    before = current_generation(work / "idx")
    started = time.perf_counter()
    report = build_index([work / "corpus"], _settings(work), never_called, show_progress=False)
    assert report.unchanged and report.embedded == 0
    assert report.documents == 2 and report.chunks == chunk_count(CORPUS / F002) + chunk_count(CORPUS / F004)
    assert time.perf_counter() - started < 2.0
    assert current_generation(work / "idx") == before  # no new generation


def test_an_added_file_embeds_only_its_passages(work, embedder, never_called):
    shutil.copy(CORPUS / F003, work / "corpus" / F003)
    report = build(work, embedder)
    assert not report.unchanged
    assert report.embedded == chunk_count(CORPUS / F003)
    assert report.documents == 3 and report.added == (str(work / "corpus" / F003),) and report.removed == ()
    s = searcher(work, embedder)
    try:
        hits = s.search("social kontrol-vejledere på Jobcenter København", k=3)
        assert sources(hits[:1]) == {F003}
    finally:
        s.close()
    again = build_index([work / "corpus"], _settings(work), never_called, show_progress=False)
    assert again.unchanged


def test_a_changed_file_reembeds_only_the_changed_passages(work, embedder):
    path = work / "corpus" / F002
    path.write_text(
        path.read_text("utf-8")
        + "\n\nForsøget evalueres af Zyxqvartetten, som afleverer en rapport om familiernes forløb.\n",
        "utf-8",
    )
    report = build(work, embedder)
    assert not report.unchanged
    assert 1 <= report.embedded <= 2 < chunk_count(path)  # the last passage (and perhaps a new one)
    assert report.added == () and report.removed == ()
    s = searcher(work, embedder)
    try:
        hits = s.search("Zyxqvartetten", k=3, mode="bm25")
        assert hits and "Zyxqvartetten" in hits[0].text and sources(hits[:1]) == {F002}
        assert s.store.meta()["documents"] == 2
        assert len({r["doc_id"] for r in s.store.chunk_rows()}) == 2  # the old version of 002 is gone
    finally:
        s.close()


def test_a_deleted_file_leaves_the_index(work, embedder, never_called):
    (work / "corpus" / F004).unlink()
    report = build_index([work / "corpus"], _settings(work), never_called, show_progress=False)
    assert not report.unchanged and report.embedded == 0
    assert report.removed == (str(work / "corpus" / F004),)
    assert report.documents == 1 and report.chunks == chunk_count(CORPUS / F002)
    s = searcher(work, embedder)
    try:
        hits = s.search("indsatsbudget for aktivitetsparate kontanthjælpsmodtagere lokalt forankret", k=10)
        assert F004 not in sources(hits)
        assert {Path(d["source"]).name for d in s.store.documents()} == {F002}
    finally:
        s.close()


def test_corrupt_files_are_reported_and_the_rest_is_indexed(work, embedder, never_called):
    (work / "corpus" / "empty.txt").write_bytes(b"")
    (work / "corpus" / "garbage.pdf").write_bytes(os.urandom(3000))
    (work / "corpus" / "broken.docx").write_bytes(b"PK\x03\x04" + os.urandom(500))
    report = build_index([work / "corpus"], _settings(work), never_called, show_progress=False)
    failed = {Path(source).name: reason for source, reason in report.errors}
    assert set(failed) == {"empty.txt", "garbage.pdf", "broken.docx"}
    assert all(reason.strip() for reason in failed.values())
    assert report.documents == 2 and report.embedded == 0
    s = searcher(work, embedder)
    try:
        assert {Path(src).name for src, _ in s.store.errors()} == set(failed)
        assert sources(s.search("fritidsjob til unge", k=1)) == {F002}
    finally:
        s.close()


_COPY_WORDS = ("beskæftigelse", "integration", "kontanthjælp", "praktik", "uddannelse", "mentor", "familie")


def _copy_word(i: int, k: int) -> str:
    return f"{_COPY_WORDS[(i + k) % len(_COPY_WORDS)]}{i}x{k}"


def _copies(folder: Path, n: int) -> None:
    """n new notes with their own text, so every passage of every one of them needs the model."""
    for i in range(n):
        text = f"Notat {i} om forsøg nummer {i}: " + " ".join(_copy_word(i, k) for k in range(60))
        (folder / f"kopi_{i:03d}.txt").write_text(f"Budget 2030\n\nForsøg {i}\n\n{text}\n", "utf-8")


def test_a_killed_build_leaves_the_previous_index_in_use(work, embedder):
    index_dir = work / "idx"
    old_generation = current_generation(index_dir)
    _copies(work / "corpus", 16)
    env = {k: v for k, v in os.environ.items() if not k.startswith("BUDGETARKIV_")}
    env.update(BUDGETARKIV_INDEX_DIR=str(index_dir))
    child = subprocess.Popen(
        [str(CLI), "index", str(work / "corpus"), "--quiet"], env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        # the new generation directory appears once the passages are embedded; kill it while it is
        # being written, or, on a slow machine, while it is still embedding
        deadline = time.monotonic() + 25
        while time.monotonic() < deadline and child.poll() is None:
            if any(index_dir.glob("gen-*.building")):
                break
            time.sleep(0.02)
        assert child.poll() is None, "the build finished before it could be killed"
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            os.kill(child.pid, signal.SIGKILL)
            child.wait()

    assert (index_dir / CURRENT).is_symlink()
    assert current_generation(index_dir) == old_generation
    s = searcher(work, embedder)
    try:
        assert s.generation == old_generation
        assert sources(s.search("fritidsjob til unge", k=1)) == {F002}
        assert not any(Path(d["source"]).name.startswith("kopi_") for d in s.store.documents())
    finally:
        s.close()

    report = build(work, embedder)  # a normal run after the kill completes and publishes
    assert not report.unchanged and report.documents == 18 and not report.errors
    new_generation = current_generation(index_dir)
    assert new_generation != old_generation and new_generation.name == report.generation
    assert not any(index_dir.glob("gen-*.building"))  # the killed build's leftovers are gone
    s = searcher(work, embedder)
    try:
        assert sources(s.search(_copy_word(7, 3), k=1, mode="bm25")) == {"kopi_007.txt"}
    finally:
        s.close()


def test_a_searcher_keeps_answering_during_and_after_a_rebuild(work, embedder, never_called):
    reader = searcher(work, embedder)
    query = "fritidsjob til teenagere fra familier på kontanthjælp"
    expected = reader.search(query, k=3)
    assert sources(expected[:1]) == {F002}
    shutil.copy(CORPUS / F003, work / "corpus" / F003)
    result: dict = {}
    builder = threading.Thread(target=lambda: result.setdefault("report", build(work, embedder)))
    try:
        builder.start()
        answered = 0
        while builder.is_alive():
            hits = reader.search(query, k=3)
            assert [h.chunk_id for h in hits] == [h.chunk_id for h in expected]
            answered += 1
        builder.join()
        assert answered >= 1
        assert result["report"].documents == 3
        assert current_generation(work / "idx") != reader.generation  # the swap happened
        # after the swap the old searcher still answers from its own generation
        assert [h.chunk_id for h in reader.search(query, k=3)] == [h.chunk_id for h in expected]
        assert reader.store.meta()["documents"] == 2
        # a second rebuild prunes old generations, but not the one the reader holds: new threads of the
        # reader (a server's worker pool) can still open its database
        (work / "corpus" / F004).unlink()
        build(work, embedder)
        assert reader.generation.is_dir()
        assert [h.chunk_id for h in reader.search(query, k=3)] == [h.chunk_id for h in expected]
        in_thread: dict = {}
        worker = threading.Thread(target=lambda: in_thread.setdefault("meta", reader.store.meta()))
        worker.start()
        worker.join()
        assert in_thread["meta"]["documents"] == 2
    finally:
        builder.join()
        reader.close()
    (work / "corpus" / F002).write_text((CORPUS / F002).read_text("utf-8"), "utf-8")  # same text: no model
    build_index([work / "corpus"], _settings(work), never_called, show_progress=False)
    assert not reader.generation.exists()  # released: the next build deleted it
    fresh = searcher(work, embedder)
    try:
        assert fresh.store.meta()["documents"] == 2
        assert sources(fresh.search("social kontrol-vejledere på Jobcenter København", k=1)) == {F003}
    finally:
        fresh.close()


def _bm25_sources(root: Path, query: str) -> set[str]:
    s = searcher(root, None)
    try:
        return sources(s.search(query, k=5, mode="bm25"))
    finally:
        s.close()


Q002, Q004 = "fritidsjob", "aktivitetsparate kontanthjælpsmodtagere"


def test_a_second_source_is_added_beside_the_first_and_can_be_removed(work, embedder, never_called):
    (work / "b").mkdir()
    (work / "corpus" / F004).rename(work / "b" / F004)
    build_index([work / "corpus"], _settings(work), never_called, show_progress=False)
    assert F004 not in _bm25_sources(work, Q004)
    report = build_index([work / "b"], _settings(work), embedder, show_progress=False)
    assert report.documents == 2 and report.added == (str(work / "b" / F004),)
    assert {s.path: s.documents for s in report.sources} == {str(work / "b"): 1, str(work / "corpus"): 1}
    assert F002 in _bm25_sources(work, Q002) and F004 in _bm25_sources(work, Q004)

    listed = {s.path: s for s in list_sources(_settings(work))}
    assert {k: (s.kind, s.documents) for k, s in listed.items()} == {
        str(work / "b"): ("folder", 1), str(work / "corpus"): ("folder", 1)}
    assert listed[str(work / "b")].indexed_at > listed[str(work / "corpus")].indexed_at

    removed = remove_sources([work / "corpus"], _settings(work), never_called, show_progress=False)
    assert removed.removed == (str(work / "corpus" / F002),) and removed.documents == 1
    assert F002 not in _bm25_sources(work, Q002) and F004 in _bm25_sources(work, Q004)
    assert [s.path for s in list_sources(_settings(work))] == [str(work / "b")]


def test_a_path_inside_a_source_updates_that_source(work, never_called):
    report = build_index([work / "corpus" / F002], _settings(work), never_called, show_progress=False)
    assert [s.path for s in report.sources] == [str(work / "corpus")] and report.documents == 2


def test_a_path_that_does_not_exist_changes_nothing(work, never_called):
    before = current_generation(work / "idx")
    with pytest.raises(IndexRefused, match="findes ikke"):
        build_index([work / "corpus", work / "korpus"], _settings(work), never_called, show_progress=False)
    assert current_generation(work / "idx") == before
    assert F002 in _bm25_sources(work, Q002) and F004 in _bm25_sources(work, Q004)


def test_removing_an_unknown_source_or_every_source_is_refused(work, never_called):
    before = current_generation(work / "idx")
    with pytest.raises(IndexRefused, match="Ikke en kilde"):
        remove_sources([work / "andet"], _settings(work), never_called, show_progress=False)
    with pytest.raises(IndexRefused, match="tomt indeks"):
        remove_sources([work / "corpus"], _settings(work), never_called, show_progress=False)
    assert current_generation(work / "idx") == before


def test_a_source_left_without_readable_documents_keeps_its_previous_ones(work, never_called):
    before = current_generation(work / "idx")
    for name in (F002, F004):
        (work / "corpus" / name).write_bytes(b"")
    report = build_index([work / "corpus"], _settings(work), never_called, show_progress=False)
    assert report.failed and report.kept_previous == (str(work / "corpus"),)
    assert {Path(f).name for f, _ in report.errors} == {F002, F004, "corpus"}
    assert current_generation(work / "idx") == before
    assert F002 in _bm25_sources(work, Q002) and F004 in _bm25_sources(work, Q004)


def test_a_new_source_without_readable_documents_is_not_added(work, never_called):
    (work / "tom").mkdir()
    (work / "tom" / "x.pdf").write_bytes(b"%PDF-1.4 broken")
    report = build_index([work / "tom"], _settings(work), never_called, show_progress=False)
    assert report.failed and report.refused == (str(work / "tom"),)
    assert [s.path for s in list_sources(_settings(work))] == [str(work / "corpus")]


def test_leftovers_of_killed_builds_are_removed_when_the_next_build_starts(work, never_called):
    (work / "idx" / "gen-000099.building").mkdir()
    (work / "idx" / "gen-000099.building" / "index.sqlite").write_bytes(b"half")
    report = build_index([work / "corpus"], _settings(work), never_called, show_progress=False)
    assert report.unchanged and not any((work / "idx").glob("gen-*.building"))


def _cli(*args: str, index_dir: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BUDGETARKIV_")}
    env.update(BUDGETARKIV_INDEX_DIR=str(index_dir))
    return subprocess.run([sys.executable, "-m", "budgetarkiv.api.cli", *args], env=env, capture_output=True,
                          text=True, timeout=120)


def test_index_exit_codes_tell_total_failure_from_some_failed_files(work):
    before = current_generation(work / "idx")
    missing = _cli("index", str(work / "no" / "such" / "path"), "--quiet", index_dir=work / "idx")
    assert missing.returncode == 1 and "findes ikke" in missing.stderr and "Traceback" not in missing.stderr
    assert current_generation(work / "idx") == before
    (work / "corpus" / "tom.txt").write_bytes(b"")
    partial = _cli("index", str(work / "corpus"), "--quiet", index_dir=work / "idx")
    assert partial.returncode == 3 and "tom.txt" in partial.stderr
    ok = _cli("index", str(work / "corpus" / F002), "--quiet", index_dir=work / "idx")
    assert ok.returncode == 3  # the same source, its empty file still fails
    (work / "corpus" / "tom.txt").unlink()
    assert _cli("index", str(work / "corpus"), "--quiet", index_dir=work / "idx").returncode == 0
    listed = _cli("sources", index_dir=work / "idx")
    assert listed.returncode == 0 and f"{work / 'corpus'} (mappe): 2 dokumenter, 0 fejl" in listed.stdout


def test_an_unusable_index_directory_is_a_one_line_error(work):
    blocker = work / "fil"
    blocker.write_text("ikke en mappe")
    result = _cli("index", str(work / "corpus"), "--quiet", index_dir=blocker / "idx")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0 and "kan ikke bruges" in result.stderr
