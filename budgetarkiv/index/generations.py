"""Generations of the embedded index on disk: building, publishing, leasing to readers, pruning.

    <index_dir>/current -> gen-000007/      a symlink, replaced with os.replace: readers see old or new
    <index_dir>/gen-000008.building/        a build in progress (or the leftover of a killed one)
    <index_dir>/.lock                       held by the one build that may run at a time

A reader (a searcher, a server) holds a *lease* on the generation it opened: a shared `flock` on the
generation's directory, kept until it closes it. Pruning takes an exclusive lock without waiting and
deletes only generations nobody holds, so a server that still answers from an older generation never
loses its files, whichever process built the new one. Locks die with their process: a killed reader
leaves nothing behind.
"""
from __future__ import annotations

import errno
import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CURRENT = "current"
LOCK_NAME = ".lock"
BUILDING = ".building"


class IndexDirUnusable(RuntimeError):
    """The index directory cannot be created, read or written; the message is one line for the user."""


def describe_os_error(path: Path, exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    if exc.errno in (errno.EACCES, errno.EPERM):
        reason = "ingen adgang (permission denied)"
    elif exc.errno == errno.ENOTDIR:
        reason = "en del af stien er en fil, ikke en mappe"
    elif exc.errno == errno.EROFS:
        reason = "filsystemet er skrivebeskyttet"
    elif exc.errno == errno.ENOSPC:
        reason = "disken er fuld"
    return f"Indeksmappen {path} kan ikke bruges: {reason}."


def current_generation(index_dir: Path) -> Path | None:
    """The generation directory in use, or None when nothing was indexed yet."""
    link = index_dir / CURRENT
    try:
        target = os.readlink(link)
    except FileNotFoundError:
        return None
    except OSError:  # not a symlink (an old layout or a copy): take it as it is
        return link.resolve() if link.exists() else None
    path = (index_dir / target).resolve()
    return path if path.exists() else None


def current_name(index_dir: Path) -> str | None:
    """The current generation's name with one syscall: cheap enough to ask on every request."""
    try:
        return Path(os.readlink(index_dir / CURRENT)).name
    except OSError:
        return None


@contextmanager
def build_lock(index_dir: Path) -> Iterator[None]:
    """One build at a time per index directory (a second one waits). On entry, leftovers of killed builds
    and generations their readers have released since the last build are deleted."""
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        handle = open(index_dir / LOCK_NAME, "w")  # noqa: SIM115 - closed below, after the unlock
    except OSError as exc:
        raise IndexDirUnusable(describe_os_error(index_dir, exc)) from exc
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            remove_leftovers(index_dir)
            prune(index_dir)
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def remove_leftovers(index_dir: Path) -> list[str]:
    """Delete `gen-N.building/` folders of killed builds. Call only while holding the build lock."""
    removed = []
    for stale in index_dir.glob(f"gen-*{BUILDING}"):
        shutil.rmtree(stale, ignore_errors=True)
        removed.append(stale.name)
    return removed


def tidy(index_dir: Path) -> None:
    """At a server's start: remove killed builds' leftovers and unused generations, if no build runs now."""
    try:
        handle = open(index_dir / LOCK_NAME, "a")  # noqa: SIM115
    except OSError:
        return  # a read-only index directory: nothing to tidy, and nothing we could
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return  # a build is running: it tidies when it publishes
        try:
            remove_leftovers(index_dir)
            prune(index_dir)
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def new_generation(index_dir: Path) -> Path:
    """A fresh, empty directory for a build, named after the next generation number."""
    index_dir.mkdir(parents=True, exist_ok=True)
    numbers = [int(p.name[4:10]) for p in index_dir.glob("gen-*") if p.name[4:10].isdigit()]
    path = index_dir / f"gen-{max(numbers, default=0) + 1:06d}{BUILDING}"
    if path.exists():
        shutil.rmtree(path)
    path.mkdir()
    return path


def publish_generation(index_dir: Path, building: Path) -> Path:
    """Make a finished build current with an atomic rename and link swap; prune unused generations."""
    final = building.with_name(building.name.removesuffix(BUILDING))
    building.rename(final)
    tmp_link = index_dir / f".{CURRENT}.tmp"
    if tmp_link.is_symlink() or tmp_link.exists():
        tmp_link.unlink()
    tmp_link.symlink_to(final.name)
    os.replace(tmp_link, index_dir / CURRENT)
    _fsync_dir(index_dir)
    prune(index_dir)
    return final


def prune(index_dir: Path) -> list[str]:
    """Delete every generation but the current one that no reader holds a lease on; returns their names."""
    current = current_name(index_dir)
    deleted = []
    for gen in sorted(index_dir.glob("gen-*")):
        if gen.name == current or gen.name.endswith(BUILDING) or not gen.is_dir() or gen.is_symlink():
            continue
        try:
            fd = os.open(gen, os.O_RDONLY | os.O_DIRECTORY)
        except OSError:
            continue
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                continue  # a reader still uses it: the next build (or server start) tries again
            doomed = gen.with_name(gen.name + ".deleting")
            gen.rename(doomed)  # while locked: a reader that opened it before sees it gone and retries
            shutil.rmtree(doomed, ignore_errors=True)
            deleted.append(gen.name)
        finally:
            os.close(fd)
    return deleted


class Lease:
    """A reader's hold on one generation: its files stay on disk until `release()`."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops the flock
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def __del__(self) -> None:  # a reader that failed half-way through opening must not pin its generation
        self.release()


def lease_current(index_dir: Path, attempts: int = 20) -> Lease | None:
    """Lease the current generation; None when nothing was indexed yet.

    Between reading the link and locking the directory a build may publish and prune; then the
    directory is gone (or renamed) once the lock is ours, and we simply read the link again.
    """
    for _ in range(attempts):
        gen = current_generation(index_dir)
        if gen is None:
            return None
        try:
            fd = os.open(gen, os.O_RDONLY | os.O_DIRECTORY)
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise IndexDirUnusable(describe_os_error(gen, exc)) from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)  # being pruned right now
            continue
        if gen.is_dir():
            return Lease(gen, fd)
        os.close(fd)
    raise IndexDirUnusable(f"Indeksmappen {index_dir} skifter generation hele tiden; prøv igen.")


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
