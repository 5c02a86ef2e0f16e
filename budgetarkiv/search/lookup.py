"""Structured look-ups over the extracted table rows: parameterised queries, never text-to-SQL.

Amounts stay in their table's unit and price level; sums refuse to mix price levels silently (they are
returned per price level instead).
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from budgetarkiv.core.models import Amount
from budgetarkiv.index.store import Store

_OVERVIEW = re.compile(r"oversigt over ønskets aktiviteter|alle styringsområder", re.IGNORECASE)
_EARLIER = re.compile(r"tidligere afsatte", re.IGNORECASE)


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


@dataclass(frozen=True)
class RowQuery:
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


_ROW_SQL = """
SELECT r.row_id, r.doc_id, d.source, d.note_id, d.budget_year, d.title AS note_title, t.title AS table_title,
       t.number AS table_number, t.scenario, t.unit, t.price_level, t.page, t.section, t.checks_ok,
       r.label, r.styringsomraade, r.udvalg, r.bevilling, r.indtaegt_udgift, r.is_sum, r.total,
       r.amounts_json, r.cell_notes_json
FROM table_rows r JOIN budget_tables t ON t.table_id = r.table_id JOIN documents d ON d.doc_id = r.doc_id
"""


def find_rows(store: Store, q: RowQuery) -> list[RowRecord]:
    where, params = ["t.kind = 'money'"], []
    if q.doc_ids is not None:
        if not q.doc_ids:
            return []
        where.append(f"r.doc_id IN ({','.join('?' * len(q.doc_ids))})")
        params.extend(q.doc_ids)
    if q.note_id:
        where.append("UPPER(d.note_id) = UPPER(?)")
        params.append(q.note_id)
    if q.year is not None:
        where.append("d.budget_year = ?")
        params.append(q.year)
    if q.scenario:
        where.append("LOWER(t.scenario) LIKE LOWER(?)")
        params.append(f"%{q.scenario}%")
    for column, value in (("r.styringsomraade", q.styringsomraade), ("r.udvalg", q.udvalg), ("r.bevilling", q.bevilling)):
        if value:
            where.append(f"LOWER({column}) LIKE LOWER(?)")
            params.append(f"%{value}%")
    if q.text:
        for word in q.text.split():
            where.append("(LOWER(r.label) LIKE LOWER(?) OR LOWER(t.title) LIKE LOWER(?))")
            params.extend([f"%{word}%", f"%{word}%"])
    if not q.include_sums:
        where.append("r.is_sum = 0")
    if q.min_amount is not None:
        where.append("(r.total >= ? OR EXISTS (SELECT 1 FROM amounts a WHERE a.row_id = r.row_id AND a.amount >= ?))")
        params.extend([q.min_amount, q.min_amount])
    sql = _ROW_SQL + " WHERE " + " AND ".join(where) + " ORDER BY d.budget_year DESC, d.note_id, d.source, t.position, r.position"
    return [_record(r) for r in store.query(sql, params)]


def _record(r) -> RowRecord:
    return RowRecord(
        row_id=r["row_id"], doc_id=r["doc_id"], source=r["source"], note_id=r["note_id"], budget_year=r["budget_year"],
        note_title=r["note_title"], table_title=r["table_title"], table_number=r["table_number"],
        scenario=r["scenario"], unit=r["unit"], price_level=r["price_level"], page=r["page"], section=r["section"],
        label=r["label"], styringsomraade=r["styringsomraade"], udvalg=r["udvalg"], bevilling=r["bevilling"],
        indtaegt_udgift=r["indtaegt_udgift"], is_sum=bool(r["is_sum"]), amounts=_amounts(r["amounts_json"]),
        total=_int_if_whole(r["total"]), cell_notes=json.loads(r["cell_notes_json"] or "{}"),
        checks_ok=bool(r["checks_ok"]),
    )


def _amounts(raw: str) -> dict[str, Amount]:
    return {k: _int_if_whole(v) for k, v in json.loads(raw or "{}").items()}


def _int_if_whole(v):
    return int(v) if isinstance(v, float) and v.is_integer() else v


@dataclass(frozen=True)
class ScenarioCost:
    """What a note asks for in one scenario: the table's sum row, as the document states it."""

    name: str | None  # "Scenarie 1", or None when the note has one proposal
    amounts: Mapping[str, Amount]
    total: Amount | None
    unit: str | None
    price_level: str | None
    table: str
    page: int | None
    row_label: str
    rows: tuple[RowRecord, ...] = ()  # the activity rows behind the sum


def scenario_costs(rows: Sequence[RowRecord]) -> list[ScenarioCost]:
    """Per scenario, the overview table of all steering areas (or else the first money table).

    "Tidligere afsatte midler" (money granted earlier) is never a cost of the proposal.
    """
    by_table: dict[tuple[str, str], list[RowRecord]] = defaultdict(list)
    for r in rows:
        if not _EARLIER.search(r.table_title):
            by_table[(r.doc_id, r.table_title)].append(r)
    overview = [t for t in by_table.values() if _OVERVIEW.search(t[0].table_title)]
    by_scenario: dict[str | None, list[list[RowRecord]]] = defaultdict(list)
    for table_rows in overview or by_table.values():
        by_scenario[table_rows[0].scenario].append(table_rows)
    out = []
    for scenario, tables in by_scenario.items():
        tables.sort(key=lambda t: (not _OVERVIEW.search(t[0].table_title), t[0].row_id))
        best = tables[0]
        sums = [r for r in best if r.is_sum]
        target = sums[-1] if sums else (best[0] if len(best) == 1 else None)
        if target is None:
            continue
        out.append(ScenarioCost(
            name=scenario, amounts=target.amounts, total=target.total, unit=target.unit,
            price_level=target.price_level, table=target.table_title, page=target.page, row_label=target.label,
            rows=tuple(r for r in best if not r.is_sum),
        ))
    return sorted(out, key=lambda s: (s.name is None, s.name or ""))


def earlier_grants(rows: Sequence[RowRecord]) -> list[RowRecord]:
    """Rows of "Tidligere afsatte midler": money granted in earlier budgets (løbende p/l)."""
    return [r for r in rows if _EARLIER.search(r.table_title)]


def sum_by_price_level(rows: Sequence[RowRecord]) -> dict[str, dict[str, Amount]]:
    """Year sums of the rows, one sum per (unit, price level): amounts of different levels are never added."""
    out: dict[str, dict[str, Amount]] = defaultdict(dict)
    for r in rows:
        key = f"{r.unit or '?'}, {r.price_level or 'ukendt p/l'}"
        for year, v in r.amounts.items():
            out[key][year] = out[key].get(year, 0) + v
    return dict(out)
