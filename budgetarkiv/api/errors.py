"""Errors as JSON with a Danish message, the API key check, and no stack trace ever reaching a client.

Under /v1/ (the OpenAI-compatible chat) errors take OpenAI's shape, `{"error": {"message", "type", ...}}`,
because the clients that call it read that shape and nothing else; there a bad request is a 400.
"""
from __future__ import annotations

import logging

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from budgetarkiv.api.service import Invalid, NotFound
from budgetarkiv.core.settings import Settings

log = logging.getLogger("budgetarkiv.api")
DOCS_ASSETS = "/docs-assets"  # Swagger UI's files
PUBLIC_PATHS = {"/", "/health", "/docs", "/docs/oauth2-redirect", "/openapi.json", "/tools", "/favicon.ico"}
PUBLIC_PREFIXES = ("/static/", DOCS_ASSETS + "/")
OPENAI_PREFIX = "/v1/"
OPENAI_TYPES = {400: "invalid_request_error", 401: "authentication_error", 403: "permission_error",
                404: "not_found_error", 405: "invalid_request_error", 413: "invalid_request_error",
                429: "rate_limit_error"}


class ValidationProblem(BaseModel):
    loc: list[str]
    type: str
    msg: str


class ErrorOut(BaseModel):
    """Every error the API returns: one Danish sentence saying what was wrong and what to do."""

    detail: str
    errors: list[ValidationProblem] | None = Field(
        default=None, description="422 only: each problem as pydantic states it (English), for developers")


def _documented(description: str) -> dict:
    return {"model": ErrorOut, "description": description}


# Documented on every operation: what any route may answer besides its success (routes add their own 404s).
RESPONSES: dict[int | str, dict] = {
    400: _documented("Unknown query parameter, or a malformed request"),
    401: _documented("Missing or wrong API key in X-API-Key or Authorization: Bearer (only when "
                     "BUDGETARKIV_API_KEY is set)"),
    405: {**_documented("Method not allowed; the `Allow` header lists the allowed ones"),
          "headers": {"Allow": {"description": "The methods this path accepts", "schema": {"type": "string"}}}},
    413: _documented("Request body over BUDGETARKIV_MAX_REQUEST_KB; refused before it is read"),
    422: _documented("Invalid parameters or body; `detail` names each problem"),
    500: _documented("Internal error (logged; no stack trace is ever sent)"),
}
UNKNOWN_NOTE: dict[int | str, dict] = {404: _documented("Unknown note id in the filters (see /notes)")}


def error(status: int, message: str, headers: dict[str, str] | None = None, path: str = "",
          param: str | None = None, code: str | None = None) -> JSONResponse:
    """`{"detail": message}`, or OpenAI's error shape for a path under /v1/."""
    if path.startswith(OPENAI_PREFIX):
        kind = OPENAI_TYPES.get(status, "invalid_request_error" if status < 500 else "server_error")
        body = {"error": {"message": message, "type": kind, "param": param, "code": code}}
        return JSONResponse(status_code=status, content=body, headers=headers)
    return JSONResponse(status_code=status, content={"detail": message}, headers=headers)


def presented_key(request: Request) -> str | None:
    """The key from X-API-Key, or from `Authorization: Bearer` (what OpenAI and MCP clients send)."""
    key = request.headers.get("x-api-key")
    if key is None:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        key = token.strip() if scheme.lower() == "bearer" else None
    return key


def is_public(path: str) -> bool:
    return path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES)


def reject_unknown(request: Request, allowed: set[str]) -> None:
    """Query parameters nobody reads are a mistake (a misspelt filter): say which, instead of ignoring them."""
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        raise HTTPException(400, f"Ukendt parameter: {', '.join(unknown)}. Tilladte: {', '.join(sorted(allowed))}.")


# pydantic's error types in the users' language; the English original stays in the response's `errors`.
DANISH_ERRORS: dict[str, str] = {
    "missing": "skal angives",
    "extra_forbidden": "er ikke et kendt felt",
    "string_too_short": "er for kort (mindst {min_length} tegn)",
    "string_too_long": "er for lang (højst {max_length} tegn)",
    "string_type": "skal være tekst",
    "int_parsing": "skal være et heltal",
    "int_type": "skal være et heltal",
    "int_from_float": "skal være et heltal",
    "float_parsing": "skal være et tal",
    "float_type": "skal være et tal",
    "bool_parsing": "skal være true eller false",
    "greater_than_equal": "skal være mindst {ge}",
    "greater_than": "skal være større end {gt}",
    "less_than_equal": "må højst være {le}",
    "less_than": "skal være mindre end {lt}",
    "literal_error": "skal være en af: {expected}",
    "enum": "skal være en af: {expected}",
    "json_invalid": "er ikke gyldig JSON",
    "dict_type": "skal være et JSON-objekt",
    "model_attributes_type": "skal være et JSON-objekt",
    "model_type": "skal være et JSON-objekt",
    "list_type": "skal være en liste",
    "too_long": "har for mange elementer (højst {max_length})",
}


def _danish(error: dict) -> str:
    template = DANISH_ERRORS.get(str(error.get("type")), "er ugyldig")
    try:
        return template.format(**(error.get("ctx") or {}))
    except (KeyError, IndexError):
        return template


def validation_message(exc: RequestValidationError) -> str:
    problems = []
    for e in exc.errors():
        where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("body", "query", "path"))
        where = "" if e.get("type") == "json_invalid" else where
        problems.append(f"{where} {_danish(e)}" if where else f"forespørgslen {_danish(e)}")
    return "Ugyldig forespørgsel: " + "; ".join(problems) + "."


def validation_details(exc: RequestValidationError) -> list[dict]:
    """The technical detail behind the Danish message, for developers (English, as pydantic says it)."""
    return [
        {"loc": [str(x) for x in e.get("loc", ())], "type": str(e.get("type")), "msg": str(e.get("msg"))}
        for e in exc.errors()
    ]


def too_large(settings: Settings) -> str:
    return f"Forespørgslen er for stor: højst {settings.max_request_kb} KB (BUDGETARKIV_MAX_REQUEST_KB)."


def install(app: FastAPI, settings: Settings) -> None:
    @app.middleware("http")
    async def api_key_and_errors(request: Request, call_next):
        path = request.url.path
        if settings.api_key and not is_public(path) and presented_key(request) != settings.api_key:
            return error(401, "Manglende eller forkert API-nøgle (header X-API-Key eller Authorization: Bearer).",
                         path=path, code="invalid_api_key")
        try:
            return await call_next(request)
        except Exception:  # noqa: BLE001 - a bug must never show a stack trace to a client
            log.exception("unhandled error on %s", path)
            return error(500, "Intern fejl. Fejlen er logget.", path=path)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        path = request.url.path
        if path.startswith(OPENAI_PREFIX):
            first = exc.errors()[0] if exc.errors() else {}
            param = ".".join(str(x) for x in first.get("loc", ()) if x not in ("body", "query", "path")) or None
            return error(400, validation_message(exc), path=path, param=param)
        return JSONResponse(status_code=422,
                            content={"detail": validation_message(exc), "errors": validation_details(exc)})

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> JSONResponse:
        return error(404, str(exc), path=request.url.path)

    @app.exception_handler(Invalid)
    async def invalid(request: Request, exc: Invalid) -> JSONResponse:
        path = request.url.path
        return error(400 if path.startswith(OPENAI_PREFIX) else 422, str(exc), path=path)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        path = request.url.path
        if exc.status_code == 405:  # Starlette's English "Method Not Allowed"; its Allow header is kept
            allowed = (exc.headers or {}).get("Allow", "")
            return error(405, f"Metoden er ikke tilladt her. Tilladt: {allowed}.", exc.headers, path=path)
        return error(exc.status_code, str(exc.detail), exc.headers, path=path)
