"""What table rows say a note costs: per scenario the overview's sum row, and earlier grants apart.

The rows themselves come from the store (`store.find_rows(RowQuery(...))`, parameterised SQL); amounts
stay in their table's unit and price level, as the document states them.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated

from pydantic import Field

from budgetarkiv.core.models import Amount
from budgetarkiv.index.queries import RowQuery, RowRecord

_OVERVIEW = re.compile(r"oversigt over ønskets aktiviteter|alle styringsområder", re.IGNORECASE)
_EARLIER = re.compile(r"tidligere afsatte", re.IGNORECASE)
_AGREEMENT = re.compile(r"\bbudgetaftale(?:n)?\s+((?:19|20)\d\d)\b", re.IGNORECASE)  # "Budgetaftale 2027"


@dataclass(frozen=True)
class ScenarioCost:
    """What a note asks for in one scenario: the table's sum row, as the document states it."""

    name: Annotated[str | None, Field(description="Scenarie 1, Scenarie 2 ... or null when the note has one proposal")]
    amounts: Annotated[Mapping[str, Amount], Field(description="Year → amount in `unit`, copied from the table")]
    total: Annotated[Amount | None, Field(description="The table's 'I alt' cell")]
    unit: Annotated[str | None, Field(description="e.g. '1.000 kr.'")]
    price_level: Annotated[str | None, Field(description="e.g. '2024 p/l' or 'løbende p/l'")]
    table: Annotated[str, Field(description="Title of the table the figures come from")]
    page: int | None
    row_label: str
    rows: Annotated[tuple[RowRecord, ...], Field(exclude=True)] = ()  # the activity rows behind the sum
    title: Annotated[str | None, Field(description="The scenario's heading in the note")] = None
    description: Annotated[str | None, Field(description="What the scenario buys, from the note's own text")] = None


def scenario_costs(rows: Sequence[RowRecord]) -> list[ScenarioCost]:
    """Per scenario, the overview table of all steering areas (or else the first money table).

    "Tidligere afsatte midler" (money granted earlier) is never a cost of the proposal.
    """
    # one printed table may hold several scenarios' rows under one title (alternatives as rows, see
    # `ingest.tables.alternatives_as_rows`): a table is its title within one scenario
    by_table: dict[tuple[str, str, str | None], list[RowRecord]] = defaultdict(list)
    for r in rows:
        if not _EARLIER.search(r.table_title):
            by_table[(r.doc_id, r.table_title, r.scenario)].append(r)
    # a follow-up's table by named columns ("Korr. budget | Forv. forbrug"), no year amounts: no cost of a proposal
    by_table = {k: t for k, t in by_table.items() if any(r.amounts or r.total is not None for r in t)}
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
    """Rows of "Tidligere afsatte midler": money granted in earlier budgets (løbende p/l). The table's title
    says so, or the section it stands under ("Tidligere afsatte midler" over "Tabel 3: Forsøg, Budgetaftale
    2027"), or its title names an agreement of a year before the note's budget year."""
    def earlier(r: RowRecord) -> bool:
        agreed = [int(y) for y in _AGREEMENT.findall(r.table_title)]
        return bool(_EARLIER.search(r.table_title) or _EARLIER.search(r.section or "")
                    or agreed and r.budget_year is not None and max(agreed) < r.budget_year)
    return [r for r in rows if earlier(r)]


__all__ = ["RowQuery", "RowRecord", "ScenarioCost", "scenario_costs", "earlier_grants"]
