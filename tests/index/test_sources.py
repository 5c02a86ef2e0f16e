"""Sources never overlap, a typo never reaches the index, and old indexes keep their files as sources."""
from __future__ import annotations

from pathlib import Path

import pytest

from budgetarkiv.index.sources import (
    IndexRefused,
    Source,
    check_exist,
    from_meta,
    normalise,
    owner,
    plan_removal,
    plan_update,
    to_meta,
)


def _sources(*paths: str) -> dict[str, Source]:
    return {p: Source(p, "folder", 1.0) for p in paths}


def test_a_source_is_known_by_its_absolute_normalised_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert normalise("corpus") == normalise("./corpus/") == str(tmp_path / "corpus")


def test_a_new_path_becomes_a_source_and_the_others_stay():
    targets, absorbed = plan_update([Path("/a/b")], _sources("/a/c"))
    assert targets == ["/a/b"] and absorbed == []


def test_a_path_inside_a_source_updates_that_source():
    targets, absorbed = plan_update([Path("/a/c/x.pdf"), Path("/a/c/sub")], _sources("/a/c"))
    assert targets == ["/a/c"] and absorbed == []


def test_a_folder_around_sources_takes_them_over():
    targets, absorbed = plan_update([Path("/a")], _sources("/a/c", "/a/d/x.txt", "/ab"))
    assert targets == ["/a"] and sorted(absorbed) == ["/a/c", "/a/d/x.txt"]  # /ab is not inside /a


def test_nested_requests_become_one_source():
    targets, _ = plan_update([Path("/a/b/c"), Path("/a/b")], {})
    assert targets == ["/a/b"]


def test_a_file_belongs_to_the_source_that_contains_it():
    assert owner("/a/c/x.pdf", ["/a/b", "/a/c"]) == "/a/c"
    assert owner("/a/cc/x.pdf", ["/a/c"]) is None


def test_missing_and_dangling_paths_are_refused_by_name(tmp_path):
    (tmp_path / "link").symlink_to(tmp_path / "gone")
    with pytest.raises(IndexRefused) as refused:
        check_exist([tmp_path, tmp_path / "korpus", tmp_path / "link"])
    message = str(refused.value)
    assert "korpus findes ikke" in message and "link er et link" in message and "uændret" in message


def test_removing_needs_a_known_source_and_must_leave_one():
    existing = _sources("/a/b", "/a/c")
    assert plan_removal([Path("/a/b")], existing) == ["/a/b"]
    with pytest.raises(IndexRefused, match="Ikke en kilde i indekset: /a/b/x"):
        plan_removal([Path("/a/b/x")], existing)
    with pytest.raises(IndexRefused, match="tomt indeks"):
        plan_removal([Path("/a/b"), Path("/a/c")], existing)


def test_sources_survive_the_metadata_round_trip():
    sources = [Source("/a/b", "folder", 12.5, 3, (("/a/b/x.pdf", "is empty"),), (("/a/b/y.txt", "ab12"),))]
    assert list(from_meta({"sources": to_meta(sources)}).values()) == sources


def test_an_index_from_before_sources_lists_its_files_as_sources():
    meta = {"built_at": 7.0, "signature": {"inputs": [["/c/x.txt", "f1"], ["/c/gone.txt", "missing"]]}}
    assert from_meta(meta) == {"/c/x.txt": Source("/c/x.txt", "file", 7.0, 1, (), (("/c/x.txt", "f1"),))}
