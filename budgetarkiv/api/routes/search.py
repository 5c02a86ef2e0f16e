"""Passages: GET /search (hybrid retrieval) and POST /ask (a cited answer)."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from budgetarkiv.api import tools
from budgetarkiv.api.errors import UNKNOWN_NOTE, reject_unknown
from budgetarkiv.api.schemas import Answer, AskIn, SearchQuery, SearchResult
from budgetarkiv.api.service import ServiceDep

router = APIRouter()
SEARCH_PARAMS = set(SearchQuery.model_fields)


@router.get("/search", response_model=SearchResult, summary="Hybrid search (BM25 + dense) over the passages",
            responses=UNKNOWN_NOTE)
def search(request: Request, query: Annotated[SearchQuery, Query()], service: ServiceDep) -> JSONResponse:
    reject_unknown(request, SEARCH_PARAMS)
    # the domain types are serialised once, by the tool: skip FastAPI's second validation pass
    return JSONResponse(tools.BY_NAME["search"].call(service, query))


@router.post("/ask", response_model=Answer, summary="Answer a question with cited figures and passages",
             responses=UNKNOWN_NOTE)
def ask(body: AskIn, service: ServiceDep) -> JSONResponse:
    return JSONResponse(tools.BY_NAME["ask"].call(service, body))
