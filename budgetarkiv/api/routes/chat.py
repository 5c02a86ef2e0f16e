"""OpenAI-compatible endpoints, so chat front-ends that speak that protocol can use the archive as a model."""
from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse, StreamingResponse

from budgetarkiv.api import chat
from budgetarkiv.api.errors import error
from budgetarkiv.api.service import ServiceDep

router = APIRouter(prefix="/v1", tags=["openai"], responses=chat.ERRORS)


@router.get("/models", summary="OpenAI-compatible: the one model this server offers")
def models() -> dict:
    return chat.models()


@router.post("/chat/completions", summary="OpenAI-compatible chat: the last user message answered, with citations")
def completions(body: chat.ChatRequest, service: ServiceDep):
    if body.model != chat.MODEL_ID:
        return error(404, f"Ukendt model: {body.model}. Brug '{chat.MODEL_ID}' (se /v1/models).",
                     path="/v1/chat/completions", param="model", code="model_not_found")
    answer = chat.answer_chat(service, body)  # before any byte is sent: errors still get their status
    if body.stream:
        return StreamingResponse(chat.completion_chunks(answer, body.model), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache"})
    return JSONResponse(chat.completion(answer, body.model))
