"""GET /tables: budget table rows by parameterised look-up, as JSON or as CSV for a spreadsheet."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from budgetarkiv.api import tools
from budgetarkiv.api.errors import reject_unknown
from budgetarkiv.api.schemas import TableQuery, TableRows, jsonable
from budgetarkiv.api.service import ServiceDep
from budgetarkiv.api.spreadsheet import csv_text

router = APIRouter()
TABLE_PARAMS = {*TableQuery.model_fields, "format"}
CSV_COLUMNS = [
    "note_id", "budget_year", "note_title", "source", "table_title", "scenario", "unit", "price_level", "page",
    "label", "styringsomraade", "udvalg", "bevilling", "indtaegt_udgift", "is_sum", "year", "amount", "total",
]


@router.get(
    "/tables", response_model=TableRows, summary="Budget table rows; CSV with Accept: text/csv or format=csv",
    responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}},
                     "description": "The rows as JSON, or as CSV (semicolon-separated, one line per row and year)"},
               404: {"description": "Unknown note id"}},
)
def tables(
    request: Request,
    service: ServiceDep,
    query: Annotated[TableQuery, Query()],
    format: Literal["json", "csv"] | None = None,  # noqa: A002 - the public parameter name
) -> Response:
    reject_unknown(request, TABLE_PARAMS)
    rows = tools.find_table_rows(service, query)
    wants_csv = format == "csv" or (format is None and "text/csv" in request.headers.get("accept", ""))
    if wants_csv:
        return Response(to_csv(rows.rows), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="budgettabeller.csv"'})
    return JSONResponse(jsonable(rows, TableRows))


def to_csv(rows) -> str:
    """One line per row and year, so a spreadsheet can sum and pivot without parsing."""
    return csv_text(CSV_COLUMNS, (
        [r.note_id, r.budget_year, r.note_title, Path(r.source).name, r.table_title, r.scenario, r.unit,
         r.price_level, r.page, r.label, r.styringsomraade, r.udvalg, r.bevilling, r.indtaegt_udgift,
         int(r.is_sum), year, amount, r.total]
        for r in rows for year, amount in (r.amounts.items() or [("", "")])
    ))
