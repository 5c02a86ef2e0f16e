"""Errors as JSON with a Danish message, the API key check, and no stack trace ever reaching a client."""
from __future__ import annotations

import logging

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from budgetarkiv.core.settings import Settings

log = logging.getLogger("budgetarkiv.api")
PUBLIC_PATHS = {"/", "/health", "/docs", "/openapi.json", "/redoc", "/tools", "/favicon.ico"}
PUBLIC_PREFIXES = ("/static",)


def error(status: int, message: str) -> JSONResponse:
    return JSONResponse(status_code=status, content={"detail": message})


def is_public(path: str) -> bool:
    return path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES)


def reject_unknown(request: Request, allowed: set[str]) -> None:
    """Query parameters nobody reads are a mistake (a misspelt filter): say which, instead of ignoring them."""
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        raise HTTPException(400, f"Ukendt parameter: {', '.join(unknown)}. Tilladte: {', '.join(sorted(allowed))}.")


def validation_message(exc: RequestValidationError) -> str:
    problems = []
    for e in exc.errors():
        where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("body", "query", "path"))
        problems.append(f"{where}: {e.get('msg')}" if where else str(e.get("msg")))
    return "Ugyldig forespørgsel: " + "; ".join(problems)


def install(app: FastAPI, settings: Settings) -> None:
    @app.middleware("http")
    async def api_key_and_errors(request: Request, call_next):
        if settings.api_key and not is_public(request.url.path):
            if request.headers.get("x-api-key") != settings.api_key:
                return error(401, "Manglende eller forkert API-nøgle (header X-API-Key).")
        try:
            return await call_next(request)
        except Exception:  # noqa: BLE001 - a bug must never show a stack trace to a client
            log.exception("unhandled error on %s", request.url.path)
            return error(500, "Intern fejl. Fejlen er logget.")

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        return error(422, validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return error(exc.status_code, str(exc.detail))
