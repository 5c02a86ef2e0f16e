"""OpenAI-compatible chat: a conversation in, the archive's cited answer out (as Markdown and as JSON).

The archive is not a language model: it answers the last user message. Earlier turns count only as far as
the answer needs them: a follow-up that names no subject of its own ("Og scenarie 2?", "Hvad med 2018?"),
or one that finds no answer alone, is asked together with the user's previous message; the latter only
counts when the passages it rests on hold the new message's own subject words.
"""
from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from budgetarkiv.answer.model import Answer
from budgetarkiv.api.markdown import answer_markdown
from budgetarkiv.api.schemas import AskIn, jsonable
from budgetarkiv.api.service import Invalid, Service
from budgetarkiv.api.tools import ask
from budgetarkiv.search.hybrid import Filters
from budgetarkiv.search.query import analyse

MODEL_ID = "budgetarkiv"
MAX_QUESTION = 2000  # as AskIn.question
_STRUCTURAL = {"scenarie", "scenariet", "scenarier", "scenario", "scenarios"}  # words that point back


class ContentPart(BaseModel):
    model_config = ConfigDict(extra="allow")
    type: str = Field(max_length=50)
    text: str | None = Field(None, max_length=20000)


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")  # name, tool_calls ...: accepted, not used
    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: str | list[ContentPart] | None = Field(None, max_length=20000)

    def text(self) -> str:
        if isinstance(self.content, list):
            return "\n".join(p.text or "" for p in self.content if p.type == "text")
        return self.content or ""


class ChatRequest(BaseModel):
    """An OpenAI chat-completions request. Sampling options are accepted and ignored: answers are extractive."""

    model_config = ConfigDict(extra="allow")
    model: str = Field(min_length=1, max_length=200, description=f"'{MODEL_ID}'")
    messages: list[ChatMessage] = Field(min_length=1, max_length=500)
    stream: bool = False
    filters: Filters = Field(default_factory=Filters, description="budgetarkiv's own filters (an extra field)")


class OpenAIErrorDetail(BaseModel):
    message: str = Field(description="What was wrong, in Danish")
    type: str = Field(description="invalid_request_error, authentication_error, not_found_error or server_error")
    param: str | None = None
    code: str | None = None


class OpenAIError(BaseModel):
    """The error shape OpenAI clients read (under /v1/ instead of `{"detail": ...}`)."""

    error: OpenAIErrorDetail


def _documented(description: str) -> dict:
    return {"model": OpenAIError, "description": description}


ERRORS: dict[int | str, dict] = {
    400: _documented("Malformed or invalid request (no user message, too long, unknown role ...)"),
    401: _documented("Missing or wrong API key (send it as the client's api_key: Authorization: Bearer)"),
    404: _documented("Unknown model, or an unknown note id in `filters`"),
    413: _documented("Request body over BUDGETARKIV_MAX_REQUEST_KB"),
    500: _documented("Internal error (logged; no stack trace is ever sent)"),
}


def answer_chat(service: Service, request: ChatRequest) -> Answer:
    users = [m.text().strip() for m in request.messages if m.role == "user" and m.text().strip()]
    if not users or request.messages[-1].role != "user":
        raise Invalid("Samtalen skal slutte med en besked fra brugeren (role 'user') med tekst.")
    question = users[-1]
    if len(question) > MAX_QUESTION:
        raise Invalid(f"Spørgsmålet er for langt ({len(question)} tegn; højst {MAX_QUESTION}).")
    together = f"{users[-2]}\n{question}" if len(users) > 1 else ""
    if together and len(together) <= MAX_QUESTION and is_follow_up(question):
        return ask(service, AskIn(question=together, filters=request.filters))
    answer = ask(service, AskIn(question=question, filters=request.filters))
    if not answer.answered and together and len(together) <= MAX_QUESTION:
        followed = ask(service, AskIn(question=together, filters=request.filters))
        if followed.answered and _covers_new_subject(question, users[-2], followed):
            return followed
    return answer


def _covers_new_subject(question: str, previous: str, answer: Answer) -> bool:
    """An answer found only with the earlier turn counts when it is about what the new message adds.

    "Hvad koster den nye svømmehal i Valby?" after a question on Perspektiv must not be answered with
    Perspektiv passages that happen to name Valby: every subject word the new message brings in has to
    stand in the passages the answer rests on (compared by its first five letters, so inflections match).
    """
    new = set(analyse(question).subject) - set(analyse(previous).subject) - _STRUCTURAL
    if not new:
        return True
    passages = " ".join(h.text for h in answer.sources).lower()
    return all(w.lower()[:5] in passages for w in new)


def is_follow_up(question: str) -> bool:
    """True when the message names no subject or note of its own, only e.g. a scenario or a year."""
    q = analyse(question)
    return not q.note_ids and not set(q.subject) - _STRUCTURAL


def completion(answer: Answer, model: str) -> dict:
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex}", "object": "chat.completion", "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": answer_markdown(answer)},
                     "finish_reason": "stop"}],
        "answer": jsonable(answer, Answer),
    }


def completion_chunks(answer: Answer, model: str) -> Iterator[str]:
    """Server-sent events as OpenAI streams them: role, the text line by line, the end with the JSON answer."""
    base = {"id": f"chatcmpl-{uuid.uuid4().hex}", "object": "chat.completion.chunk", "created": int(time.time()),
            "model": model}

    def event(delta: dict, finish: str | None = None, **extra) -> str:
        body = {**base, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}], **extra}
        return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"

    yield event({"role": "assistant", "content": ""})
    for line in answer_markdown(answer).splitlines(keepends=True):
        yield event({"content": line})
    yield event({}, "stop", answer=jsonable(answer, Answer))
    yield "data: [DONE]\n\n"


def models() -> dict:
    return {"object": "list", "data": [{"id": MODEL_ID, "object": "model", "created": 0, "owned_by": "budgetarkiv"}]}
