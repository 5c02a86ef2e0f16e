"""The HTTP API: JSON for chatbots, OpenAPI at /docs, tool schemas at /tools, MCP at /mcp, OpenAI-compatible
chat at /v1, and the web page at /.

This module only wires: the routes live in `routes/` by resource, the shared index and model in `Service`
(loaded once at start-up, handed to routes by a dependency), error handling and the API key in `errors`.
"""
from __future__ import annotations

import contextlib

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline

from budgetarkiv.api import errors
from budgetarkiv.api.limits import BodyLimit
from budgetarkiv.api.mcp_server import build_server
from budgetarkiv.api.routes import chat, health, inquiry, notes, page, programmes, search, tables
from budgetarkiv.api.service import Service, follow_index
from budgetarkiv.core.settings import Settings
from budgetarkiv.search.hybrid import Searcher

__all__ = ["Service", "create_app", "app_from_env", "open_index_or_fail"]


def create_app(service: Service, follow: bool = False) -> FastAPI:
    """The app over `service`; with `follow`, each newly published index generation is served as it comes."""
    # /docs (Swagger UI) from files installed with fastapi-offline: it renders with no network. ReDoc is left
    # out: its bundle fetches a logo from a CDN.
    app = FastAPIOffline(
        static_url=errors.DOCS_ASSETS, redoc_url=None, lifespan=_lifespan,
        title="budgetarkiv",
        version="0.1.0",
        description=(
            "Søgning og svar i Københavns Kommunes budgetnotater. Every figure in an answer is copied from a "
            "table cell or sentence of a cited document, with unit and price level. MCP (streamable HTTP) at "
            "/mcp; OpenAI-compatible chat at /v1/chat/completions."
        ),
        responses=errors.RESPONSES,
    )
    app.state.service = service
    if follow:
        app.state.live = follow_index(service)
    # MCP over streamable HTTP, stateless with JSON responses: any worker can answer any request. Bound to
    # 127.0.0.1, the SDK also checks Host and Origin headers against DNS rebinding. Each tool call gets the
    # newest index generation, as a request does.
    services = app.state.live.acquire if follow else (lambda: contextlib.nullcontext(service))
    app.state.mcp_app = build_server(services).streamable_http_app(
        streamable_http_path="/", stateless_http=True, json_response=True, host=service.settings.host)
    settings = service.settings
    errors.install(app, settings)
    app.add_middleware(BodyLimit, max_bytes=settings.max_request_kb * 1024, message=errors.too_large(settings))
    # Added after the API-key middleware so that it wraps it: a browser's preflight (which carries no
    # X-API-Key) is answered by CORS, and a 401 still carries the CORS headers the page needs to read it.
    if settings.cors_origins.strip():
        app.add_middleware(
            CORSMiddleware, allow_origins=[o.strip() for o in settings.cors_origins.split(",") if o.strip()],
            allow_methods=["GET", "POST"], allow_headers=["*"],
        )
    for module in (health, search, notes, tables, programmes, inquiry, chat, page):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=page.PAGE_DIR), name="static")
    app.mount("/mcp", app.state.mcp_app, name="mcp")
    return app


@contextlib.asynccontextmanager
async def _lifespan(app: FastAPI):
    mcp_app = app.state.mcp_app
    async with mcp_app.router.lifespan_context(mcp_app):  # the MCP session manager's task group
        yield


def open_index_or_fail(settings: Settings) -> None:
    """Fail before forking workers when there is no index (each worker would fail alone, less clearly)."""
    Searcher(settings).close()


def app_from_env() -> FastAPI:
    """App factory for `uvicorn --factory` and for `serve --workers N` (each worker loads its own model)."""
    return create_app(Service.load(Settings.from_env()), follow=True)
