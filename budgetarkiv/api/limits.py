"""A ceiling on request bodies, enforced before they are read (a 1 GB body once cost 3.45 GB of memory).

A declared Content-Length over the limit is answered 413 at once, without reading a byte of the body. A
body sent without a length (chunked) is counted as it arrives; past the limit the app is told the client
left, and whatever it would answer is replaced by the 413. (Starlette's own limit answers in English
plain text; every error of this API is JSON with a Danish message.)
"""
from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class BodyLimit:
    """ASGI middleware: 413 (JSON, Danish) for request bodies over `max_bytes`."""

    def __init__(self, app: ASGIApp, max_bytes: int, message: str) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.message = message

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None:
            try:
                too_large = int(declared) > self.max_bytes
            except ValueError:
                await _reply(send, 400, "Ugyldig Content-Length.")
                return
            if too_large:
                await _reply(send, 413, self.message)
                return
        state = {"received": 0, "over": False, "replied": False}

        async def counted() -> Message:
            if state["over"]:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                state["received"] += len(message.get("body", b""))
                if state["received"] > self.max_bytes:
                    state["over"] = True
                    return {"type": "http.disconnect"}  # the app stops reading; we answer below
            return message

        async def guarded(message: Message) -> None:
            if not state["over"]:
                await send(message)
            elif not state["replied"]:
                state["replied"] = True
                await _reply(send, 413, self.message)

        try:
            await self.app(scope, counted, guarded)
        except Exception:
            if not state["over"]:
                raise
        if state["over"] and not state["replied"]:
            state["replied"] = True
            await _reply(send, 413, self.message)


async def _reply(send: Send, status: int, message: str) -> None:
    body = json.dumps({"detail": message}, ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),
    ]})
    await send({"type": "http.response.body", "body": body})
