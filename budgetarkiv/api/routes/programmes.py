"""A programme's money over time: GET /programmes, /programmes/{id}/history (JSON or CSV) and its SVG chart."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response

from budgetarkiv.api.charts import history_svg
from budgetarkiv.api.schemas import jsonable
from budgetarkiv.api.service import Service, ServiceDep
from budgetarkiv.api.spreadsheet import safe_cell
from budgetarkiv.search.history import ProgrammeHistory, find_history

router = APIRouter()
HISTORY_CSV_COLUMNS = [
    "programme_id", "kind", "series", "year", "amount", "unit", "price_level", "budget_year", "note_id",
    "source", "table", "row", "page",
]


@dataclass(frozen=True)
class ProgrammeSummary:
    programme_id: str
    title: str
    budget_years: tuple[int, ...]
    doc_ids: tuple[str, ...]
    price_levels: tuple[str, ...]


def _history(service: Service, programme_id: str) -> ProgrammeHistory:
    found = find_history(service.searcher.histories, programme_id)
    if found is None:
        raise HTTPException(404, f"Ukendt program: {programme_id}. Se /programmes for de kendte.")
    return found


@router.get("/programmes", response_model=list[ProgrammeSummary], summary="Programmes with their linked notes")
def programmes(service: ServiceDep) -> list[ProgrammeSummary]:
    return [
        ProgrammeSummary(
            h.programme_id, h.title, tuple(sorted({p.budget_year for p in h.points if p.budget_year}, reverse=True)),
            h.doc_ids, h.price_levels,
        )
        for h in service.searcher.histories
    ]


@router.get(
    "/programmes/{programme_id}/history",
    response_model=ProgrammeHistory,
    summary="Granted and proposed amounts per year, each with price level, scenario and source cell",
    responses={200: {"content": {"text/csv": {}}}, 404: {"description": "Unknown programme"}},
)
def history(
    programme_id: str,
    request: Request,
    service: ServiceDep,
    format: Annotated[Literal["json", "csv"] | None, Query()] = None,  # noqa: A002 - the public parameter name
) -> Response:
    h = _history(service, programme_id)
    if format == "csv" or (format is None and "text/csv" in request.headers.get("accept", "")):
        return Response(history_csv(h), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="historik-{h.programme_id}.csv"'})
    return JSONResponse(jsonable(h, ProgrammeHistory))


@router.get(
    "/programmes/{programme_id}/history.svg",
    summary="The history as a chart (one panel per price level)",
    responses={200: {"content": {"image/svg+xml": {}}}, 404: {"description": "Unknown programme"}},
    response_class=Response,
)
def history_chart(programme_id: str, service: ServiceDep) -> Response:
    return Response(history_svg(_history(service, programme_id)), media_type="image/svg+xml")


def history_csv(h: ProgrammeHistory) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(HISTORY_CSV_COLUMNS)
    for p in h.points:
        amount = str(p.amount).replace(".", ",")  # a number (negative for savings): never escaped
        text = (h.programme_id, p.kind, p.series, p.year)
        rest = (p.unit, p.price_level, p.budget_year, p.note_id, Path(p.source).name, p.table, p.row, p.page)
        writer.writerow([*map(safe_cell, text), amount, *map(safe_cell, rest)])
    return out.getvalue()
