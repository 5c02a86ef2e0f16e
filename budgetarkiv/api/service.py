"""What every request shares, loaded once at start-up, and the dependency that hands it to a route."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from budgetarkiv.answer.compose import Answerer
from budgetarkiv.core.settings import Settings
from budgetarkiv.search.hybrid import Searcher


@dataclass
class Service:
    """The settings, the searcher (index + model) and the answerer: never loaded per request."""

    settings: Settings
    searcher: Searcher
    answerer: Answerer

    @classmethod
    def load(cls, settings: Settings) -> Service:
        from budgetarkiv.index.encoders import BatchingQueryEncoder, Embedder

        # concurrent requests share model calls (see BatchingQueryEncoder)
        searcher = Searcher(settings, embedder=BatchingQueryEncoder(Embedder(settings)))
        searcher.embedder.encode_query("opvarmning")  # load and warm the model before the first request
        return cls(settings, searcher, Answerer(searcher))

    def check_note(self, note_id: str | None) -> None:
        """A filter on a note the archive does not hold is a mistake worth a 404, not an empty result."""
        if note_id and note_id.upper() not in self.searcher.known_note_ids:
            raise HTTPException(404, f"Ukendt notat-id: {note_id}. Se /notes for de kendte.")


def get_service(request: Request) -> Service:
    return request.app.state.service


ServiceDep = Annotated[Service, Depends(get_service)]
