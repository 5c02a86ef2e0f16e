"""Is the service up, and what does it serve; the tool schemas for chatbot front-ends."""
from __future__ import annotations

from fastapi import APIRouter

from budgetarkiv.api.service import ServiceDep
from budgetarkiv.api.tools import TOOLS

router = APIRouter()


@router.get("/health", summary="Is the service up, and what does it serve?")
def health(service: ServiceDep) -> dict:
    s = service.searcher
    return {
        "status": "ok", "generation": s.generation.name, "documents": s.meta.get("documents"),
        "chunks": s.meta.get("chunks"), "model": s.meta.get("model"), "dense_index": s.dense.kind,
    }


@router.get("/tools", summary="OpenAI function-calling schemas for chatbot front-ends")
def tools() -> list[dict]:
    return TOOLS
