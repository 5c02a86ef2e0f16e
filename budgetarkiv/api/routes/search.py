"""Passages: GET /search (hybrid retrieval) and POST /ask (a cited answer)."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse

from budgetarkiv.api.errors import UNKNOWN_NOTE, reject_unknown
from budgetarkiv.api.schemas import Answer, AskIn, SearchQuery, SearchResult, jsonable
from budgetarkiv.api.service import ServiceDep

router = APIRouter()
SEARCH_PARAMS = set(SearchQuery.model_fields)


@router.get("/search", response_model=SearchResult, summary="Hybrid search (BM25 + dense) over the passages",
            responses=UNKNOWN_NOTE)
def search(request: Request, query: Annotated[SearchQuery, Query()], service: ServiceDep) -> JSONResponse:
    reject_unknown(request, SEARCH_PARAMS)
    if not query.q.strip():
        raise HTTPException(422, "Ugyldig forespørgsel: q er tom.")
    filters = query.filters()
    service.check_note(filters.note_id)
    hits = service.searcher.search(query.q, k=query.k, filters=filters)
    # the domain types are serialised once here: skip FastAPI's second validation pass
    return JSONResponse(jsonable(SearchResult(query.q, tuple(hits)), SearchResult))


@router.post("/ask", response_model=Answer, summary="Answer a question with cited figures and passages",
             responses=UNKNOWN_NOTE)
def ask(body: AskIn, service: ServiceDep) -> JSONResponse:
    if not body.question.strip():
        raise HTTPException(422, "Ugyldig forespørgsel: question er tom.")
    service.check_note(body.filters.note_id)
    return JSONResponse(jsonable(service.answerer.ask(body.question, body.filters, k=body.k), Answer))
