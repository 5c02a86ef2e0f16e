"""Server-side SVG charts of a programme's money: no CDN, no script, readable on a phone.

Amounts of different price levels are never drawn on one axis: each price level gets its own panel with
the level in its heading, so "4.200 (løbende p/l)" and "4.600 (2024 p/l)" are not read as comparable.
"""
from __future__ import annotations

from collections.abc import Sequence
from html import escape

from budgetarkiv.core.numbers import format_danish_number
from budgetarkiv.search.history import HistoryPoint, ProgrammeHistory

PALETTE = ("#1f5f8b", "#d9822b", "#3b8f4f", "#8e44ad", "#b03a2e", "#5d6d7e")
WIDTH = 640
PANEL_HEIGHT = 220
MARGIN_LEFT, MARGIN_TOP, MARGIN_BOTTOM = 56, 44, 52


def _panel(points: Sequence[HistoryPoint], top: int, heading: str, colour_of: dict[str, str]) -> list[str]:
    years = sorted({p.year for p in points})
    series = list(dict.fromkeys(p.series for p in points))
    high = max((float(p.amount) for p in points), default=0.0)
    low = min((float(p.amount) for p in points), default=0.0)
    span = (max(high, 0.0) - min(low, 0.0)) or 1.0
    plot_h = PANEL_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    zero_y = top + MARGIN_TOP + plot_h * max(high, 0.0) / span
    slot = (WIDTH - MARGIN_LEFT - 10) / max(len(years), 1)
    bar_w = max(4.0, (slot * 0.8) / max(len(series), 1))
    out = [
        f'<text x="{MARGIN_LEFT}" y="{top + 18}" class="panel-title">{escape(heading)}</text>',
        f'<line x1="{MARGIN_LEFT}" x2="{WIDTH - 10}" y1="{zero_y:.1f}" y2="{zero_y:.1f}" class="axis"/>',
    ]
    by_key = {(p.year, p.series): p for p in points}
    for i, year in enumerate(years):
        x0 = MARGIN_LEFT + i * slot + slot * 0.1
        out.append(
            f'<text x="{x0 + slot * 0.4:.1f}" y="{top + PANEL_HEIGHT - MARGIN_BOTTOM + 16}" '
            f'text-anchor="middle" class="year">{year}</text>'
        )
        for j, name in enumerate(series):
            p = by_key.get((year, name))
            if p is None:
                continue
            h = plot_h * abs(float(p.amount)) / span
            y = zero_y - h if p.amount >= 0 else zero_y
            x = x0 + j * bar_w
            label = f"{name} {year}: {format_danish_number(p.amount)} {p.unit or ''} ({p.price_level or 'ukendt p/l'})"
            out.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w - 1:.1f}" height="{max(h, 1):.1f}" '
                f'fill="{colour_of[name]}"><title>{escape(label)}</title></rect>'
            )
    legend_y = top + PANEL_HEIGHT - 14
    for j, name in enumerate(series):
        x = MARGIN_LEFT + j * 150
        out.append(f'<rect x="{x}" y="{legend_y - 9}" width="10" height="10" fill="{colour_of[name]}"/>')
        out.append(f'<text x="{x + 14}" y="{legend_y}" class="legend">{escape(name)}</text>')
    return out


def history_svg(history: ProgrammeHistory) -> str:
    """Bars per year and series, one panel per price level; every bar carries its figure as a tooltip."""
    levels = history.price_levels
    series = list(dict.fromkeys(p.series for p in history.points))
    colour_of = {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(series)}
    height = max(1, len(levels)) * PANEL_HEIGHT
    body: list[str] = []
    for k, level in enumerate(levels):
        points = [p for p in history.points if (p.price_level or "ukendt p/l") == level]
        unit = next((p.unit for p in points if p.unit), "")
        body += _panel(points, k * PANEL_HEIGHT, f"{unit}, {level}".strip(", "), colour_of)
    if not levels:
        body.append('<text x="10" y="30">Ingen beløb fundet for programmet.</text>')
    title = f"Økonomi over årene: {history.title}"
    desc = "; ".join(
        f"{p.series} {p.year}: {format_danish_number(p.amount)} ({p.price_level})" for p in history.points
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-labelledby="chart-title chart-desc" preserveAspectRatio="xMinYMin meet">'
        f'<title id="chart-title">{escape(title)}</title><desc id="chart-desc">{escape(desc)}</desc>'
        "<style>.panel-title{font:600 14px sans-serif}.year,.legend{font:12px sans-serif}"
        ".axis{stroke:#555;stroke-width:1}</style>"
        + "".join(body)
        + "</svg>"
    )
