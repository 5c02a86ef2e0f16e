"""What every request shares, and the dependency that hands it to a route.

A `Service` is one index generation with the model: the searcher and the answerer over it, never loaded
per request. A server that follows the index (`follow_index`) hands each request the newest generation's
Service through `search.live.LiveIndex` and keeps it for the request's whole life.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from budgetarkiv.answer.compose import Answerer
from budgetarkiv.core.settings import Settings
from budgetarkiv.search.hybrid import Searcher
from budgetarkiv.search.live import LiveIndex


class NotFound(LookupError):
    """A note or document the archive does not hold (HTTP 404; an error result for a tool)."""


class Invalid(ValueError):
    """A request the schema lets through but that asks nothing, e.g. a question of blanks (HTTP 422)."""


@dataclass
class Service:
    """The settings, the searcher (index + model) and the answerer of one index generation."""

    settings: Settings
    searcher: Searcher
    answerer: Answerer

    @classmethod
    def load(cls, settings: Settings, embedder=None) -> Service:
        if embedder is None:
            from budgetarkiv.index.encoders import BatchingQueryEncoder, load_encoder

            embedder = BatchingQueryEncoder(load_encoder(settings))  # concurrent requests share model calls
            embedder.encode_query("opvarmning")  # load and warm the model before the first request
        return cls.of(Searcher(settings, embedder=embedder))

    @classmethod
    def of(cls, searcher: Searcher) -> Service:
        return cls(searcher.settings, searcher, Answerer(searcher))

    def close(self) -> None:
        self.searcher.close()

    def check_note(self, note_id: str | None) -> None:
        """A filter on a note the archive does not hold is a mistake worth saying, not an empty result."""
        if note_id and note_id.upper() not in self.searcher.known_note_ids:
            raise NotFound(f"Ukendt notat-id: {note_id}. Se /notes for de kendte.")


def follow_index(service: Service, check_every: float = 0.5) -> LiveIndex[Service]:
    """From now on, serve each newly published generation (same model and word lists, new index files)."""
    searcher = service.searcher

    def load() -> tuple[Service, str]:
        fresh = Service.of(Searcher(service.settings, embedder=searcher.embedder, bridge=searcher.lexical.bridge))
        return fresh, fresh.searcher.index.name

    return LiveIndex(service.settings.index_dir, service, searcher.index.name, load, Service.close, check_every)


def get_service(request: Request) -> Iterator[Service]:
    live: LiveIndex[Service] | None = getattr(request.app.state, "live", None)
    if live is None:
        yield request.app.state.service
        return
    with live.acquire() as service:  # held until the response is done: one generation per request
        yield service


ServiceDep = Annotated[Service, Depends(get_service)]
