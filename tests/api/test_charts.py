"""The history chart: valid SVG, one panel per price level, one bar per amount with its figure."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from budgetarkiv.api.charts import history_svg
from budgetarkiv.core.models import Document
from budgetarkiv.ingest.notes import parse_note
from budgetarkiv.ingest.readers import read_documents
from budgetarkiv.search.history import build_histories, find_history

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
SVG = "{http://www.w3.org/2000/svg}"


def _perspektiv():
    notes = [parse_note(d) for d in read_documents([CORPUS], 10**8) if isinstance(d, Document)]
    return find_history(build_histories(notes), "BI18-2024")


def test_chart_has_a_panel_per_price_level_and_a_bar_per_amount() -> None:
    h = _perspektiv()
    root = ET.fromstring(history_svg(h))
    panels = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "panel-title"]
    assert panels == ["1.000 kr., løbende p/l", "1.000 kr., 2024 p/l"]
    bars = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert len(bars) == len(h.points)
    tips = {r.find(f"{SVG}title").text for r in bars}
    assert "Budgetaftale 2020 2021: 4.200 1.000 kr. (løbende p/l)" in tips
    assert "Scenarie 1 2027: 4.600 1.000 kr. (2024 p/l)" in tips


def test_chart_is_scalable_for_phones() -> None:
    root = ET.fromstring(history_svg(_perspektiv()))
    assert root.get("width") == "100%" and root.get("viewBox", "").startswith("0 0 ")
