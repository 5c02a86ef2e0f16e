"""Follow the index while serving: each request gets the newest published generation and keeps it.

A long-running server would otherwise answer from the generation it started with forever. `LiveIndex`
checks the `current` link (one readlink, at most every `check_every` seconds); when a build has published
a new generation it loads it in a background thread while requests go on being answered from the old
one, then swaps. A request holds what it acquired until it ends, so it never sees two generations, and an
old generation is closed (its lease released, its files free to be pruned) when its last request ends.
If loading the new generation fails, the old one keeps serving and the failure is logged and reported.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from budgetarkiv.index.generations import current_name

T = TypeVar("T")
log = logging.getLogger("budgetarkiv.live")


@dataclass
class _Held(Generic[T]):
    value: T
    name: str
    users: int = 0
    retired: bool = False


class LiveIndex(Generic[T]):
    """Hands out the newest generation's `T` (a searcher, a service) and closes superseded ones when unused."""

    def __init__(
        self, index_dir: Path, first: T, first_name: str, load: Callable[[], tuple[T, str]],
        close: Callable[[T], None], check_every: float = 0.5,
    ) -> None:
        self._index_dir = index_dir
        self._load = load
        self._close = close
        self._check_every = check_every
        self._lock = threading.Lock()
        self._current: _Held[T] = _Held(first, first_name)
        self._loading: threading.Thread | None = None
        self._next_check = 0.0
        self.last_error: str | None = None  # why the newest generation could not be loaded, if it could not
        self._failed: str | None = None  # that generation's name: not tried again until another is published
        self.loaded_at = time.time()

    @contextmanager
    def acquire(self) -> Iterator[T]:
        """The newest loaded generation, held until the block ends."""
        self._maybe_reload()
        with self._lock:
            held = self._current
            held.users += 1
        try:
            yield held.value
        finally:
            self._release(held)

    @property
    def name(self) -> str:
        return self._current.name

    def wait_loaded(self, timeout: float = 60.0) -> None:
        """Block until a reload in progress has finished (tests, and a clean shutdown)."""
        loader = self._loading
        if loader is not None:
            loader.join(timeout)

    def close(self) -> None:
        self.wait_loaded()
        with self._lock:
            held = self._current
            held.retired = True
            idle = held.users == 0
        if idle:
            self._close(held.value)

    def _release(self, held: _Held[T]) -> None:
        with self._lock:
            held.users -= 1
            done = held.retired and held.users == 0
        if done:
            self._close(held.value)

    def _maybe_reload(self) -> None:
        now = time.monotonic()
        if now < self._next_check:
            return
        self._next_check = now + self._check_every
        newest = current_name(self._index_dir)
        if newest is None or newest == self._current.name or newest == self._failed:
            return
        with self._lock:
            if self._loading is not None and self._loading.is_alive():
                return
            self._loading = threading.Thread(target=self._reload, name="budgetarkiv-reload", daemon=True)
            self._loading.start()

    def _reload(self) -> None:
        wanted = current_name(self._index_dir)
        try:
            value, name = self._load()
        except Exception as exc:  # noqa: BLE001 - a broken new generation must not stop the server
            log.exception("could not load the new index generation")
            self.last_error = f"{type(exc).__name__}: {exc}"
            self._failed = wanted
            return
        with self._lock:
            old = self._current
            self._current = _Held(value, name)
            old.retired = True
            idle = old.users == 0
            self.last_error = self._failed = None
            self.loaded_at = time.time()
        if idle:
            self._close(old.value)
        log.info("now serving index generation %s (was %s)", name, old.name)


def check_searcher(searcher) -> list[str]:
    """What is wrong with the generation a searcher serves (empty when it is sound), read afresh.

    Run in the caller's thread, so it opens that thread's own database connection: the failure a
    server used to hit when its generation was deleted under it.
    """
    problems = []
    files = searcher.generation is not None  # (a PostgreSQL index has no generation on disk)
    if files and not searcher.generation.is_dir():
        problems.append(f"generationen {searcher.generation.name} findes ikke længere på disken")
    try:
        meta = searcher.store.meta()
    except Exception as exc:  # noqa: BLE001 - reported, not raised: this is the health check
        return [*problems, f"databasen kan ikke læses: {exc}"]
    chunks = int(meta.get("chunks") or 0)
    if chunks == 0:
        problems.append("indekset har ingen passager")
    sizes = {"vektorindekset": searcher.dense.size, "BM25": searcher.lexical.size} if files else {}
    wrong = [f"{k} har {v}" for k, v in sizes.items() if v != chunks]
    if wrong:
        problems.append(f"indekset siger {chunks} passager, men " + ", ".join(wrong))
    return problems
