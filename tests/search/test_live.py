"""LiveIndex: a request keeps what it acquired; a newly published generation is loaded beside the old one
and swapped in; the old one is closed when its last request ends; a broken one never replaces a good one."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from budgetarkiv.search.live import LiveIndex


def _point_current_at(index_dir: Path, name: str) -> None:
    (index_dir / name).mkdir(exist_ok=True)
    tmp = index_dir / ".current.tmp"
    tmp.symlink_to(name)
    os.replace(tmp, index_dir / "current")


class Loader:
    def __init__(self, index_dir: Path) -> None:
        self.index_dir = index_dir
        self.closed: list[str] = []
        self.fail = False

    def load(self) -> tuple[str, str]:
        if self.fail:
            raise OSError("the new generation is broken")
        name = os.readlink(self.index_dir / "current")
        return f"searcher of {name}", name

    def close(self, value: str) -> None:
        self.closed.append(value)


@pytest.fixture
def live(tmp_path):
    _point_current_at(tmp_path, "gen-000001")
    loader = Loader(tmp_path)
    return LiveIndex(tmp_path, "searcher of gen-000001", "gen-000001", loader.load, loader.close, 0.0), loader


def _acquire_after_reload(live: LiveIndex) -> str:
    with live.acquire():  # notices the new generation and starts loading it
        pass
    live.wait_loaded()
    with live.acquire() as value:
        return value


def test_a_request_keeps_its_generation_and_the_old_one_closes_when_it_ends(live, tmp_path):
    index, loader = live
    with index.acquire() as during:
        _point_current_at(tmp_path, "gen-000002")
        assert _acquire_after_reload(index) == "searcher of gen-000002"
        assert during == "searcher of gen-000001" and loader.closed == []  # still in use
    assert loader.closed == ["searcher of gen-000001"]
    assert index.name == "gen-000002"


def test_an_idle_old_generation_is_closed_at_the_swap(live, tmp_path):
    index, loader = live
    _point_current_at(tmp_path, "gen-000002")
    _acquire_after_reload(index)
    assert loader.closed == ["searcher of gen-000001"]


def test_a_generation_that_fails_to_load_leaves_the_old_one_serving(live, tmp_path):
    index, loader = live
    loader.fail = True
    _point_current_at(tmp_path, "gen-000002")
    assert _acquire_after_reload(index) == "searcher of gen-000001"
    assert "broken" in (index.last_error or "") and loader.closed == []
    loader.fail = False
    _point_current_at(tmp_path, "gen-000003")  # the next build is tried again
    assert _acquire_after_reload(index) == "searcher of gen-000003" and index.last_error is None


def test_the_link_is_read_at_most_once_per_interval(tmp_path):
    _point_current_at(tmp_path, "gen-000001")
    loader = Loader(tmp_path)
    index = LiveIndex(tmp_path, "searcher of gen-000001", "gen-000001", loader.load, loader.close, 60.0)
    with index.acquire():
        pass
    _point_current_at(tmp_path, "gen-000002")
    time.sleep(0.05)
    assert _acquire_after_reload(index) == "searcher of gen-000001"  # checked again only after 60 s
