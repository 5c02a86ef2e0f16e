"""A note's figures for an answer: its scenarios' costs, the activity rows asked about, earlier grants.

Everything is copied from table rows (`search.lookup`), in the table's unit and price level.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from budgetarkiv.answer.model import Programme, ScenarioOut
from budgetarkiv.answer.relevance import overlap
from budgetarkiv.index.lexical import DanishAnalyzer
from budgetarkiv.index.store import Store
from budgetarkiv.search.hybrid import Hit
from budgetarkiv.search.lookup import RowQuery, RowRecord, ScenarioCost, earlier_grants, scenario_costs


def programme(store: Store, analyzer: DanishAnalyzer, hit: Hit, wanted: set[str], earlier: bool) -> Programme | None:
    """The newest version's costs per scenario, the activity rows the question names, and earlier grants."""
    if hit.doc_type != "budget_note":
        return None
    doc_id = hit.versions[0].doc_id if hit.versions else hit.doc_id  # the newest version
    rows = store.find_rows(RowQuery(doc_ids=[doc_id]))
    if not rows:
        return None
    first = rows[0]
    costs = scenario_costs(rows)
    # each scenario's heading and description, from the note's own text
    described = {s.get("name"): s for s in (store.note_json(doc_id) or {}).get("scenarios") or ()}
    activities = []
    for cost in costs:
        for r in cost.rows:
            label = set(analyzer.tokens(f"{r.label} {r.styringsomraade or ''}"))
            if len(cost.rows) > 1 and overlap(label, wanted):
                activities.append(row_out(r, described))
    grants = [r for r in earlier_grants(rows) if r.is_sum or earlier]
    if earlier:
        named = [r for r in grants if set(analyzer.tokens(r.label)) & wanted or any(y in r.label for y in wanted)]
        grants = named or grants
    return Programme(
        note_id=first.note_id, budget_year=first.budget_year, title=first.note_title, source=first.source,
        doc_id=doc_id, scenarios=tuple(scenario_out(s, described) for s in costs),
        earlier_grants=tuple(row_out(r) for r in grants), activities=tuple(activities),
        versions=hit.versions,
    )


def scenario_out(s: ScenarioCost, described: Mapping[str | None, Mapping] | None = None) -> ScenarioOut:
    """A scenario's cost without its activity rows (the answer cites the sum row), with its heading."""
    found = (described or {}).get(s.name) if s.name else None
    return dataclasses.replace(s, amounts=dict(s.amounts), rows=(), title=found.get("title") if found else None,
                               description=found.get("description") if found else None)


def row_out(r: RowRecord, described: Mapping[str | None, Mapping] | None = None) -> ScenarioOut:
    """One table row (an activity, an earlier grant) in the shape of a scenario's cost."""
    cost = ScenarioCost(r.scenario, dict(r.amounts), r.total, r.unit, r.price_level, r.table_title, r.page, r.label)
    return scenario_out(cost, described)
