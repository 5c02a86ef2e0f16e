"""The documents: GET /notes (all, versions grouped) and GET /notes/{doc_id} (one, as JSON or as a page)."""
from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import FileResponse, HTMLResponse

from budgetarkiv.api import tools
from budgetarkiv.api.errors import ErrorOut
from budgetarkiv.api.routes.page import NOT_FOUND_HTML, PAGE_DIR, prefers_html
from budgetarkiv.api.schemas import NoteRef
from budgetarkiv.api.service import ServiceDep

router = APIRouter()


@router.get("/notes", summary="All documents in the index, versions grouped")
def notes(service: ServiceDep) -> list[dict]:
    versions, names = service.searcher.versions, service.searcher.names
    return [
        {
            "doc_id": d["doc_id"], "source": d["source"], "doc_type": d["doc_type"], "note_id": d["note_id"],
            "budget_year": d["budget_year"], "title": d["title"], "administration": d["administration"],
            "versions": [v.doc_id for v in versions.get(d["doc_id"], ())],
            "name": names[d["doc_id"]].name, "version": names[d["doc_id"]].label,
        }
        for d in service.searcher.store.documents()
    ]


@router.get(
    "/notes/{doc_id}", summary="One parsed note with its tables, versions and what differs between them",
    responses={200: {"content": {"text/html": {"schema": {"type": "string"}}},
                     "description": "JSON, or the readable page when the Accept header prefers text/html"},
               404: {"model": ErrorOut, "description": "Unknown document (an HTML page for browsers)",
                     "content": {"text/html": {"schema": {"type": "string"}}}}},
)
def note(doc_id: str, request: Request, response: Response, service: ServiceDep) -> dict:
    response.headers["Vary"] = "Accept"  # one URL, two representations: caches must keep them apart
    store = service.searcher.store
    if prefers_html(request.headers.get("accept", "")):  # a browser: the readable page, which fetches JSON
        if store.note_json(doc_id) is None:
            return HTMLResponse(NOT_FOUND_HTML, status_code=404, headers={"Vary": "Accept"})
        return FileResponse(PAGE_DIR / "note.html", media_type="text/html; charset=utf-8",
                            headers={"Vary": "Accept", "Cache-Control": "no-cache"})
    return tools.get_note(service, NoteRef(doc_id=doc_id))
