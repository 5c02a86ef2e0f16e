"""'What has X cost over the years?': a programme's history (search.history) worded with every amount cited.

Each line is one series (an earlier budget agreement's grant, or a scenario of a proposal) at its own price
level; a run of equal yearly amounts is written once ("4.200 om året i 2020-2023"). Amounts of different
price levels are never added or compared, and the answer says so.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from budgetarkiv.core.numbers import format_danish_number
from budgetarkiv.search.history import HistoryPoint, ProgrammeHistory

_WORDS = {
    "da": {
        "head": "{title} over årene (beløb som i kilderne, hvert prisniveau for sig):",
        "granted": "Bevilget ({series}, {unit}, {level})",
        "proposed": "Foreslået i budget {year}, {series} ({unit}, {level})",
        "per_year": "{amount} om året i {span}",
        "levels": "Beløb i forskellige prisniveauer kan ikke lægges sammen eller sammenlignes direkte.",
        "page": "s. {page}",
    },
    "en": {
        "head": "{title} over the years (amounts as in the sources, each price level on its own):",
        "granted": "Granted ({series}, {unit}, {level})",
        "proposed": "Proposed for budget {year}, {series} ({unit}, {level})",
        "per_year": "{amount} a year in {span}",
        "levels": "Amounts at different price levels cannot be added or compared directly.",
        "page": "p. {page}",
    },
}


def _runs(points: Sequence[HistoryPoint]) -> list[tuple[str, str, HistoryPoint]]:
    """Consecutive years with the same amount, as (first year, last year, a point)."""
    runs: list[tuple[str, str, HistoryPoint]] = []
    for p in sorted(points, key=lambda p: p.year):
        if runs and runs[-1][2].amount == p.amount and p.year.isdigit() and int(p.year) == int(runs[-1][1]) + 1:
            runs[-1] = (runs[-1][0], p.year, runs[-1][2])
        else:
            runs.append((p.year, p.year, p))
    return runs


def _citation(p: HistoryPoint, lang: str) -> str:
    where = [f"{p.note_id} Budget {p.budget_year}" if p.note_id else Path(p.source).name, p.table]
    if p.page:
        where.append(_WORDS[lang]["page"].format(page=p.page))
    return "[" + ", ".join(w for w in where if w) + "]"


def history_answer(history: ProgrammeHistory, lang: str = "da") -> tuple[str, tuple[str, ...]]:
    """The answer text and its evidence (the cited cells), one line per series, granted before proposed."""
    words = _WORDS.get(lang, _WORDS["da"])
    series: dict[tuple[str, str, str | None, int | None], list[HistoryPoint]] = {}
    for p in history.points:
        series.setdefault((p.kind, p.series, p.price_level, p.budget_year), []).append(p)
    order = sorted(series, key=lambda k: (k[0] != "granted", k[3] or 0, k[1]))
    lines = [words["head"].format(title=history.title)]
    evidence: list[str] = [history.title]
    for kind, name, level, year in order:
        points = series[(kind, name, level, year)]
        unit = points[0].unit or "?"
        label = words[kind].format(series=name, level=level or "ukendt p/l", year=year, unit=unit)
        parts = []
        for first, last, p in _runs(points):
            amount = format_danish_number(p.amount)
            parts.append(f"{first}: {amount}" if first == last else
                         words["per_year"].format(amount=amount, span=f"{first}-{last}"))
        cite = _citation(points[0], lang)
        lines.append(f"- {label}: {'; '.join(parts)} {cite}")
        evidence.append(cite)
        evidence += [f"{p.table}: {p.row} {p.year} {format_danish_number(p.amount)} ({p.unit}, {p.price_level})"
                     for p in points]
    if len({p.price_level for p in history.points}) > 1:
        lines.append(words["levels"])
    return "\n".join(lines), tuple(evidence)
