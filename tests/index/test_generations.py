"""Generations on disk: a reader's lease keeps its generation, pruning takes only what nobody holds,
and killed builds' leftovers go at the next start."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from budgetarkiv.index.generations import (
    current_generation,
    lease_current,
    new_generation,
    prune,
    publish_generation,
    tidy,
)


def _publish(index_dir: Path) -> Path:
    building = new_generation(index_dir)
    (building / "index.sqlite").write_text(building.name)
    return publish_generation(index_dir, building)


def test_publishing_swaps_current_and_deletes_generations_nobody_reads(tmp_path):
    first = _publish(tmp_path)
    second = _publish(tmp_path)
    assert current_generation(tmp_path) == second and second.name == "gen-000002"
    assert not first.exists()


def test_a_leased_generation_survives_later_publishes_until_released(tmp_path):
    _publish(tmp_path)
    lease = lease_current(tmp_path)
    assert lease is not None
    _publish(tmp_path)
    _publish(tmp_path)
    assert lease.path.is_dir() and (lease.path / "index.sqlite").read_text() == "gen-000001.building"
    assert sorted(p.name for p in tmp_path.glob("gen-*")) == ["gen-000001", "gen-000003"]
    lease.release()
    assert prune(tmp_path) == ["gen-000001"]
    assert not lease.path.exists()


def test_a_lease_held_by_another_process_is_respected(tmp_path):
    _publish(tmp_path)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; "
         "from budgetarkiv.index.generations import lease_current; "
         f"lease = lease_current(Path({str(tmp_path)!r})); print('held', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        _publish(tmp_path)
        assert (tmp_path / "gen-000001").is_dir()
    finally:
        holder.communicate("", timeout=30)
    assert prune(tmp_path) == ["gen-000001"]


def test_no_index_yet_means_no_lease(tmp_path):
    assert lease_current(tmp_path) is None and current_generation(tmp_path) is None


def test_leftovers_of_killed_builds_are_removed_at_start(tmp_path):
    _publish(tmp_path)
    stale = new_generation(tmp_path)  # a build that was killed
    (stale / "index.sqlite").write_bytes(b"x" * 1000)
    tidy(tmp_path)
    assert not stale.exists() and current_generation(tmp_path).name == "gen-000001"


def test_a_lease_nobody_references_any_more_is_released(tmp_path):
    _publish(tmp_path)
    lease_current(tmp_path)  # dropped at once, as by a reader that failed while opening
    _publish(tmp_path)
    assert sorted(p.name for p in tmp_path.glob("gen-*")) == ["gen-000002"]
