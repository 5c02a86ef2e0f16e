"""What callers ask a store for, as typed values, and how a row query becomes parameterised SQL.

A `RowQuery` compiles to datasette-style filters (`column__op=value`: exact, iexact, icontains, gte,
in, isfalse) over a fixed set of named columns, and the filters compile to a WHERE clause with
placeholders. Values are only ever parameters, never SQL text: there is no text-to-SQL anywhere. The
same compilation serves both stores (SQLite `?`, PostgreSQL `%s`).
"""
from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from budgetarkiv.core.models import Amount

Op = Literal["exact", "iexact", "icontains", "gte", "in", "isfalse"]


@dataclass(frozen=True)
class RowQuery:
    """Which table rows to return; every field left at its default filters nothing."""

    doc_ids: Sequence[str] | None = None
    note_id: str | None = None
    year: int | None = None  # the note's budget year
    scenario: str | None = None
    styringsomraade: str | None = None
    udvalg: str | None = None
    bevilling: str | None = None
    text: str | None = None  # words in the row label or table title
    min_amount: float | None = None  # any year's amount or the total at least this (table unit)
    include_sums: bool = True

    def conditions(self) -> list[Filter]:
        """The query as datasette-style filters; only money tables are ever rows."""
        out = [Filter("table_kind", "exact", "money")]
        if self.doc_ids is not None:
            out.append(Filter("doc_id", "in", tuple(self.doc_ids)))
        if self.note_id:
            out.append(Filter("note_id", "iexact", self.note_id))
        if self.year is not None:
            out.append(Filter("year", "exact", self.year))
        for column in ("scenario", "styringsomraade", "udvalg", "bevilling"):
            if value := getattr(self, column):
                out.append(Filter(column, "icontains", value))
        for word in (self.text or "").split():
            out.append(Filter("label_or_title", "icontains", word))
        if not self.include_sums:
            out.append(Filter("is_sum", "isfalse", True))
        if self.min_amount is not None:
            out.append(Filter("amount", "gte", self.min_amount))
        return out


class Filters(BaseModel):
    """Limits a search, question or inquiry to a budget year, a note, a document type or an administration."""

    # Built and checked once for HTTP, MCP and the CLI, and compiled to each store's conditions here.
    # Unknown keys are refused, so a misspelt filter is an error instead of a silently wider search.

    model_config = ConfigDict(frozen=True, extra="forbid")
    year: int | None = Field(None, ge=1990, le=2100, description="The note's budget year, e.g. 2024")
    note_id: str | None = Field(None, min_length=1, max_length=20, pattern=r"^[A-Za-zÆØÅæøå]{1,6}\s?\d{1,4}[a-zA-Z]?$",
                                description="Note id, e.g. BI18")
    doc_type: Literal["budget_note", "answer", "other"] | None = Field(
        None, description="budget_note, answer (to a council member's question) or other")
    administration: str | None = Field(None, min_length=1, max_length=200,
                                       description="Administration (forvaltning), or a part of its name")

    def is_empty(self) -> bool:
        return self.year is None and self.note_id is None and self.doc_type is None and not self.administration

    def conditions(self) -> list[Filter]:
        out = []
        if self.year is not None:
            out.append(Filter("year", "exact", self.year))
        if self.note_id:
            out.append(Filter("note_id", "iexact", self.note_id))
        if self.doc_type:
            out.append(Filter("doc_type", "exact", self.doc_type))
        if self.administration:
            out.append(Filter("administration", "icontains", self.administration))
        return out


@dataclass(frozen=True)
class Filter:
    """One `column__op=value` condition over a named column of ROW_COLUMNS."""

    column: str
    op: Op
    value: object


@dataclass(frozen=True)
class RowRecord:
    """One table row with the table and note it belongs to: enough to cite it."""

    row_id: int
    doc_id: str
    source: str
    note_id: str | None
    budget_year: int | None
    note_title: str | None
    table_title: str
    table_number: str | None
    scenario: str | None
    unit: str | None
    price_level: str | None
    page: int | None
    section: str | None
    label: str
    styringsomraade: str | None
    udvalg: str | None
    bevilling: str | None
    indtaegt_udgift: str | None
    is_sum: bool
    amounts: Mapping[str, Amount]
    total: Amount | None
    cell_notes: Mapping[str, str] = field(default_factory=dict)
    checks_ok: bool = True


# Named columns a row filter may use → the SQL expressions they stand for (several: any may match).
ROW_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "table_kind": ("t.kind",),
    "doc_id": ("r.doc_id",),
    "note_id": ("d.note_id",),
    "year": ("d.budget_year",),
    "scenario": ("t.scenario",),
    "styringsomraade": ("r.styringsomraade",),
    "udvalg": ("r.udvalg",),
    "bevilling": ("r.bevilling",),
    "label_or_title": ("r.label", "t.title"),
    "is_sum": ("r.is_sum",),
    "amount": ("r.total", "(SELECT MAX(a.amount) FROM amounts a WHERE a.row_id = r.row_id)"),
}

ROW_SELECT = """
SELECT r.row_id, r.doc_id, d.source, d.note_id, d.budget_year, d.title AS note_title, t.title AS table_title,
       t.number AS table_number, t.scenario, t.unit, t.price_level, t.page, t.section, t.checks_ok,
       r.label, r.styringsomraade, r.udvalg, r.bevilling, r.indtaegt_udgift, r.is_sum, r.total,
       r.amounts_json, r.cell_notes_json
FROM table_rows r JOIN budget_tables t ON t.table_id = r.table_id JOIN documents d ON d.doc_id = r.doc_id
"""
# Newest budget year first, then note and file order (NULLs placed the same way in SQLite and PostgreSQL).
ROW_ORDER = " ORDER BY d.budget_year DESC NULLS LAST, d.note_id NULLS FIRST, d.source, t.position, r.position"


def compile_filters(
    filters: Sequence[Filter], mark: str = "?", columns: Mapping[str, tuple[str, ...]] = ROW_COLUMNS
) -> tuple[str, list[object]]:
    """A WHERE clause (without the keyword) and its parameters; `mark` is the driver's placeholder."""
    clauses: list[str] = []
    params: list[object] = []
    for f in filters:
        expressions = columns.get(f.column)
        if expressions is None:
            raise ValueError(f"Unknown column {f.column!r}; known: {', '.join(columns)}")
        parts = []
        for expr in expressions:
            sql, values = _condition(expr, f.op, f.value, mark)
            parts.append(sql)
            params.extend(values)
        clauses.append(parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")")
    return " AND ".join(clauses) or "1 = 1", params


def _condition(expr: str, op: Op, value: object, mark: str) -> tuple[str, list[object]]:
    if op == "exact":
        return f"{expr} = {mark}", [value]
    if op == "iexact":
        return f"UPPER({expr}) = UPPER({mark})", [value]
    if op == "icontains":
        return f"LOWER({expr}) LIKE LOWER({mark}) ESCAPE '\\'", [f"%{_escape_like(str(value))}%"]
    if op == "gte":
        return f"{expr} >= {mark}", [value]
    if op == "in":
        values = list(value)  # type: ignore[call-overload]
        if not values:
            return "1 = 0", []
        return f"{expr} IN ({', '.join([mark] * len(values))})", values
    if op == "isfalse":
        return f"NOT {expr}", []
    raise ValueError(f"Unknown filter operation {op!r}")


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def row_record(r: Mapping[str, object]) -> RowRecord:
    """A result row of ROW_SELECT (either store) as a RowRecord. Amounts keep their JSON type ("3,0" in the
    source stays 3.0, "3" stays 3); the total's SQL column is a number, so a whole total becomes an int again,
    unless every amount of the row is written with decimals: "4,8 3,4 3,4 3,4 | 15,0" keeps its total as 15,0."""
    amounts = dict(_json(r["amounts_json"]))
    decimals = bool(amounts) and all(isinstance(v, float) for v in amounts.values())
    total = r["total"] if decimals else _int_if_whole(r["total"])
    return RowRecord(
        row_id=r["row_id"], doc_id=r["doc_id"], source=r["source"], note_id=r["note_id"], budget_year=r["budget_year"],
        note_title=r["note_title"], table_title=r["table_title"], table_number=r["table_number"],
        scenario=r["scenario"], unit=r["unit"], price_level=r["price_level"], page=r["page"], section=r["section"],
        label=r["label"], styringsomraade=r["styringsomraade"], udvalg=r["udvalg"], bevilling=r["bevilling"],
        indtaegt_udgift=r["indtaegt_udgift"], is_sum=bool(r["is_sum"]),
        amounts=amounts, total=total, cell_notes=_json(r["cell_notes_json"]), checks_ok=bool(r["checks_ok"]),
    )


def _json(raw: object) -> dict:
    if isinstance(raw, dict):
        return raw
    return json.loads(raw or "{}")  # type: ignore[arg-type]


def _int_if_whole(v):
    return int(v) if isinstance(v, float) and v.is_integer() else v
