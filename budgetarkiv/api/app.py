"""The HTTP API: JSON for chatbots, OpenAPI at /docs, tool schemas at /tools, and the web page at /.

The index and the model are loaded once at start-up (`Service`), never per request. Errors are JSON with a
Danish message; malformed requests get a 4xx, and no response ever carries a stack trace.
"""
from __future__ import annotations

import csv
import io
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from budgetarkiv.answer.compose import Answerer
from budgetarkiv.answer.inquiry import answer_inquiry
from budgetarkiv.api.schemas import AnswerOut, AskIn, FiltersIn, SearchOut, answer_to_dict, hit_to_dict, inquiry_to_dict
from budgetarkiv.api.tools import TOOLS
from budgetarkiv.core.settings import Settings
from budgetarkiv.search.hybrid import Filters, Searcher
from budgetarkiv.search.lookup import RowQuery
from budgetarkiv.search.versions import diff_versions

log = logging.getLogger("budgetarkiv.api")
PUBLIC_PATHS = {"/", "/health", "/docs", "/openapi.json", "/redoc", "/tools", "/favicon.ico"}
SEARCH_PARAMS = {"q", "k", "year", "note_id", "doc_type", "administration"}
TABLE_PARAMS = {"note_id", "year", "q", "scenario", "styringsomraade", "udvalg", "bevilling", "min_amount", "format"}
CSV_COLUMNS = [
    "note_id", "budget_year", "note_title", "source", "table_title", "scenario", "unit", "price_level", "page",
    "label", "styringsomraade", "udvalg", "bevilling", "indtaegt_udgift", "is_sum", "year", "amount", "total",
]


@dataclass
class Service:
    """What every request shares: loaded once."""

    settings: Settings
    searcher: Searcher
    answerer: Answerer

    @classmethod
    def load(cls, settings: Settings) -> Service:
        from budgetarkiv.index.encoders import BatchingQueryEncoder, Embedder

        # concurrent requests share model calls (see BatchingQueryEncoder)
        searcher = Searcher(settings, embedder=BatchingQueryEncoder(Embedder(settings)))
        searcher.embedder.encode_query("opvarmning")  # load and warm the model before the first request
        return cls(settings, searcher, Answerer(searcher))


PAGE_DIR = Path(__file__).resolve().parent / "page"  # the web page: static files, no build step


class InquiryIn(BaseModel):
    """A council member's written inquiry, pasted whole: salutation, preamble and numbered questions."""

    model_config = {"extra": "forbid"}
    text: str = Field(min_length=1, max_length=20000, description="The whole inquiry as plain text")
    filters: FiltersIn = Field(default_factory=FiltersIn)


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse(status_code=status, content={"detail": message})


def create_app(service: Service) -> FastAPI:
    app = FastAPI(
        title="budgetarkiv",
        version="0.1.0",
        description=(
            "Søgning og svar i Københavns Kommunes budgetnotater. Every figure in an answer is copied from a "
            "table cell or sentence of a cited document, with unit and price level."
        ),
    )
    app.state.service = service
    settings = service.settings

    @app.middleware("http")
    async def api_key_and_errors(request: Request, call_next):
        if settings.api_key and request.url.path not in PUBLIC_PATHS and not request.url.path.startswith("/static"):
            if request.headers.get("x-api-key") != settings.api_key:
                return _error(401, "Manglende eller forkert API-nøgle (header X-API-Key).")
        try:
            return await call_next(request)
        except Exception:  # noqa: BLE001 - a bug must never show a stack trace to a client
            log.exception("unhandled error on %s", request.url.path)
            return _error(500, "Intern fejl. Fejlen er logget.")

    # Added after the API-key middleware so that it wraps it: a browser's preflight (which carries no
    # X-API-Key) is answered by CORS, and a 401 still carries the CORS headers the page needs to read it.
    if settings.cors_origins.strip():
        app.add_middleware(
            CORSMiddleware, allow_origins=[o.strip() for o in settings.cors_origins.split(",") if o.strip()],
            allow_methods=["GET", "POST"], allow_headers=["*"],
        )

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for e in exc.errors():
            where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("body", "query", "path"))
            problems.append(f"{where}: {e.get('msg')}" if where else str(e.get("msg")))
        return JSONResponse(status_code=422, content={"detail": "Ugyldig forespørgsel: " + "; ".join(problems)})

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail))

    def reject_unknown(request: Request, allowed: set[str]) -> None:
        unknown = sorted(set(request.query_params) - allowed)
        if unknown:
            raise HTTPException(400, f"Ukendt parameter: {', '.join(unknown)}. Tilladte: {', '.join(sorted(allowed))}.")

    @app.get("/health", summary="Is the service up, and what does it serve?")
    def health() -> dict:
        s = service.searcher
        return {
            "status": "ok", "generation": s.generation.name, "documents": s.meta.get("documents"),
            "chunks": s.meta.get("chunks"), "model": s.meta.get("model"), "dense_index": s.dense.kind,
        }

    @app.get("/search", response_model=SearchOut, summary="Hybrid search (BM25 + dense) over the passages")
    def search(
        request: Request,
        q: Annotated[str, Query(min_length=1, max_length=1000, description="Query, Danish or English")],
        k: Annotated[int, Query(ge=1, le=50)] = 10,
        year: Annotated[int | None, Query(ge=1990, le=2100)] = None,
        note_id: Annotated[str | None, Query(min_length=1, max_length=20)] = None,
        doc_type: Literal["budget_note", "answer", "other"] | None = None,
        administration: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
    ) -> dict:
        reject_unknown(request, SEARCH_PARAMS)
        if not q.strip():
            raise HTTPException(422, "Ugyldig forespørgsel: q er tom.")
        _known_note(note_id)
        hits = service.searcher.search(q, k=k, filters=Filters(year, note_id, doc_type, administration))
        # hit_to_dict already validated each hit against HitOut: skip FastAPI's second validation pass
        return JSONResponse({"query": q, "hits": [hit_to_dict(h) for h in hits]})

    @app.post("/ask", response_model=AnswerOut, summary="Answer a question with cited figures and passages")
    def ask(body: AskIn) -> dict:
        if not body.question.strip():
            raise HTTPException(422, "Ugyldig forespørgsel: question er tom.")
        _known_note(body.filters.note_id)
        f = body.filters
        answer = service.answerer.ask(body.question, Filters(f.year, f.note_id, f.doc_type, f.administration), k=body.k)
        return JSONResponse(answer_to_dict(answer, service.searcher.store.note_json))  # validated by AnswerOut

    def _known_note(note_id: str | None) -> None:
        if note_id and note_id.upper() not in service.searcher.known_note_ids:
            raise HTTPException(404, f"Ukendt notat-id: {note_id}. Se /notes for de kendte.")

    @app.get("/notes", summary="All documents in the index, versions grouped")
    def notes() -> list[dict]:
        versions = service.searcher.versions
        return [
            {
                "doc_id": d["doc_id"], "source": d["source"], "doc_type": d["doc_type"], "note_id": d["note_id"],
                "budget_year": d["budget_year"], "title": d["title"], "administration": d["administration"],
                "versions": [v.doc_id for v in versions.get(d["doc_id"], ())],
            }
            for d in service.searcher.store.documents()
        ]

    @app.get("/notes/{doc_id}", summary="One parsed note with its tables, versions and what differs between them")
    def note(doc_id: str, request: Request, response: Response) -> dict:
        response.headers["Vary"] = "Accept"  # one URL, two representations: caches must keep them apart
        if _prefers_html(request.headers.get("accept", "")):  # a browser: the readable page, which fetches JSON
            if service.searcher.store.note_json(doc_id) is None:
                return HTMLResponse(_NOT_FOUND_HTML, status_code=404, headers={"Vary": "Accept"})
            return FileResponse(PAGE_DIR / "note.html", media_type="text/html; charset=utf-8",
                                headers={"Vary": "Accept", "Cache-Control": "no-cache"})
        data = _note_json(doc_id)
        data.pop("page_starts", None)
        versions = service.searcher.versions.get(doc_id, ())
        data["versions"] = []
        for v in versions:
            entry = {"doc_id": v.doc_id, "source": v.source, "current": v.doc_id == doc_id}
            if v.doc_id != doc_id:
                other = service.searcher.store.note_json(v.doc_id) or {}
                d = diff_versions(data.get("text", ""), other.get("text", ""))
                entry["changed"] = [{"here": c.here, "there": c.there} for c in d.changed]
                entry["only_here"] = list(d.only_here)
                entry["only_there"] = list(d.only_there)
            data["versions"].append(entry)
        return data

    def _note_json(doc_id: str) -> dict:
        data = service.searcher.store.note_json(doc_id)
        if data is None:
            raise HTTPException(404, f"Ukendt dokument: {doc_id}. Se /notes for de kendte.")
        return data

    @app.get("/tables", summary="Budget table rows; CSV with Accept: text/csv or format=csv")
    def tables(
        request: Request,
        note_id: Annotated[str | None, Query(max_length=20)] = None,
        year: Annotated[int | None, Query(ge=1990, le=2100)] = None,
        q: Annotated[str | None, Query(max_length=200)] = None,
        scenario: Annotated[str | None, Query(max_length=50)] = None,
        styringsomraade: Annotated[str | None, Query(max_length=50)] = None,
        udvalg: Annotated[str | None, Query(max_length=20)] = None,
        bevilling: Annotated[str | None, Query(max_length=20)] = None,
        min_amount: Annotated[float | None, Query(ge=-1e12, le=1e12)] = None,
        format: Literal["json", "csv"] | None = None,  # noqa: A002 - the public parameter name
    ):
        reject_unknown(request, TABLE_PARAMS)
        _known_note(note_id)
        rows = service.searcher.store.find_rows(RowQuery(
            note_id=note_id, year=year, text=q, scenario=scenario, styringsomraade=styringsomraade, udvalg=udvalg,
            bevilling=bevilling, min_amount=min_amount,
        ))
        wants_csv = format == "csv" or (format is None and "text/csv" in request.headers.get("accept", ""))
        if wants_csv:
            return Response(_csv(rows), media_type="text/csv; charset=utf-8",
                            headers={"Content-Disposition": 'attachment; filename="budgettabeller.csv"'})
        from budgetarkiv.core.models import to_jsonable

        return {"rows": to_jsonable(rows)}

    @app.get("/tools", summary="OpenAI function-calling schemas for chatbot front-ends")
    def tools() -> list[dict]:
        return TOOLS

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(PAGE_DIR / "index.html", media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=PAGE_DIR), name="static")

    @app.post("/inquiry", summary="Split a written inquiry into its questions, answer each, draft the reply")
    def inquiry(body: InquiryIn) -> dict:
        if not body.text.strip():
            raise HTTPException(422, "Ugyldig forespørgsel: text er tom.")
        _known_note(body.filters.note_id)
        f = body.filters
        result = answer_inquiry(service.answerer, body.text, Filters(f.year, f.note_id, f.doc_type, f.administration))
        return inquiry_to_dict(result, service.searcher.store.note_json)

    return app


def _prefers_html(accept: str) -> bool:
    """True when the Accept header ranks text/html above JSON (a browser); */* alone means JSON."""
    def quality(wanted: str) -> float:
        best, best_specific = 0.0, -1
        for part in accept.split(","):
            media, _, params = part.strip().partition(";")
            media = media.strip().lower()
            q = 1.0
            for p in params.split(";"):
                k, _, v = p.strip().partition("=")
                if k.strip() == "q":
                    try:
                        q = float(v)
                    except ValueError:
                        q = 0.0
            kind, _, sub = media.partition("/")
            w_kind, _, w_sub = wanted.partition("/")
            specific = 2 if media == wanted else 1 if (kind == w_kind and sub == "*") else 0 if media == "*/*" else -1
            if specific > best_specific:
                best, best_specific = q, specific
        return best if best_specific >= 0 else 0.0

    return quality("text/html") > quality("application/json")


_NOT_FOUND_HTML = """<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Ukendt dokument</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="stylesheet" href="/static/style.css">
</head><body><main class="wrap"><h1>Ukendt dokument</h1><p>Dokumentet findes ikke i arkivet.</p>
<p><a href="/">Til forsiden</a></p></main></body></html>"""


def _csv(rows) -> str:
    """One line per row and year, so a spreadsheet can sum and pivot without parsing."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(CSV_COLUMNS)
    for r in rows:
        for year, amount in (r.amounts.items() or [("", "")]):
            writer.writerow([
                r.note_id, r.budget_year, r.note_title, Path(r.source).name, r.table_title, r.scenario, r.unit,
                r.price_level, r.page, r.label, r.styringsomraade, r.udvalg, r.bevilling, r.indtaegt_udgift,
                int(r.is_sum), year, amount, r.total,
            ])
    return "\ufeff" + out.getvalue()  # BOM: Excel then reads æøå right


def open_index_or_fail(settings: Settings) -> None:
    """Fail before forking workers when there is no index (each worker would fail alone, less clearly)."""
    Searcher(settings).close()


def app_from_env() -> FastAPI:
    """App factory for `uvicorn --factory` and for `serve --workers N` (each worker loads its own model)."""
    return create_app(Service.load(Settings.from_env()))
