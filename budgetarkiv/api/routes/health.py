"""Is the service up, and what does it serve; the tool schemas for chatbot front-ends."""
from __future__ import annotations

import datetime

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from budgetarkiv.api.service import ServiceDep
from budgetarkiv.api.tools import openai_functions
from budgetarkiv.index.generations import current_name
from budgetarkiv.search.live import check_searcher

router = APIRouter()


@router.get(
    "/health", summary="Is the service up, and what does it serve?",
    responses={503: {"description": "The index being served is damaged or gone (`problems` says how)"}},
)
def health(request: Request, service: ServiceDep) -> JSONResponse:
    """The generation served and when it was built, checked afresh: 503 when it cannot answer."""
    s = service.searcher
    problems = check_searcher(s)
    built = s.meta.get("built_at")
    live = getattr(request.app.state, "live", None)
    body = {
        "status": "ok" if not problems else "fejl", "generation": s.index.name,
        "built_at": datetime.datetime.fromtimestamp(float(built), datetime.UTC).isoformat(timespec="seconds")
        if built else None,
        "newest_generation": current_name(service.settings.index_dir), "follows_index": live is not None,
        "documents": s.meta.get("documents"), "chunks": s.meta.get("chunks"), "model": s.meta.get("model"),
        "dense_index": s.dense.kind, "problems": problems, "reload_error": live.last_error if live else None,
    }
    return JSONResponse(body, status_code=503 if problems else 200)


@router.get("/tools", summary="OpenAI function-calling schemas for chatbot front-ends")
def tools() -> list[dict]:
    return openai_functions()
