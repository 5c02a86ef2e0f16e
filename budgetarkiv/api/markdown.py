"""An answer as Markdown for chat front-ends: the cited text, the cost table, and the sources.

Only presentation: every figure is the answer's own (copied from a table cell or sentence), printed with
its unit, price level and table; nothing is added up or converted here.
"""
from __future__ import annotations

from budgetarkiv.answer.model import Answer, Programme, ScenarioOut
from budgetarkiv.answer.sources import sources_by_document
from budgetarkiv.answer.wording import note_name
from budgetarkiv.core.numbers import format_danish_number

HEADINGS = {
    "da": {"costs": "Beløb", "sources": "Kilder", "columns": ("Notat", "Hvad", "Beløb pr. år", "I alt", "Enhed",
                                                              "Prisniveau", "Tabel"),
           "earlier": "Tidligere afsat", "page": "s.", "proposal": "Forslaget"},
    "en": {"costs": "Amounts", "sources": "Sources", "columns": ("Note", "What", "Amount per year", "Total", "Unit",
                                                                 "Price level", "Table"),
           "earlier": "Granted earlier", "page": "p.", "proposal": "The proposal"},
}


def answer_markdown(answer: Answer) -> str:
    lang = answer.language if answer.language in HEADINGS else "da"
    parts = [_text(answer.answer)]
    table = cost_table(answer.programmes, lang)
    if table:
        parts.append(f"### {HEADINGS[lang]['costs']}\n\n{table}")
    if answer.sources:
        lines = [
            f"{i}. {name}" + (f" — {'; '.join(places)}" if places else "")
            for i, (name, places) in enumerate(sources_by_document(answer.sources, HEADINGS[lang]["page"]), 1)
        ]
        parts.append(f"### {HEADINGS[lang]['sources']}\n\n" + "\n".join(lines))
    return "\n\n".join(parts) + "\n"


def _text(text: str) -> str:
    """The answer's bullets ("•", "–") as Markdown lists; other lines as they are."""
    out = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("•"):
            out.append("- " + stripped[1:].strip())
        elif stripped.startswith("–"):
            out.append("  - " + stripped[1:].strip())
        else:
            out.append(stripped)
    return "\n".join(out)


def cost_table(programmes: tuple[Programme, ...], lang: str) -> str:
    """One row per scenario, named activity and earlier grant, each with its unit, price level and table."""
    h = HEADINGS[lang]
    rows = []
    for p in programmes:
        note = note_name(p.note_id, None if p.note_id else p.title, p.budget_year)  # the text has the title
        for kind, items in (("scenario", p.scenarios), ("activity", p.activities), ("earlier", p.earlier_grants)):
            for s in items:
                rows.append([note, _what(kind, s, h), _per_year(s), _amount(s.total), s.unit or "",
                             s.price_level or "", s.table + (f", {h['page']} {s.page}" if s.page else "")])
    if not rows:
        return ""
    head = "| " + " | ".join(h["columns"]) + " |\n|" + "---|" * len(h["columns"])
    return head + "\n" + "\n".join("| " + " | ".join(_cell(c) for c in r) + " |" for r in rows)


def _what(kind: str, s: ScenarioOut, h: dict) -> str:
    if kind == "scenario":
        return s.name or h["proposal"]
    if kind == "activity":
        return f"{s.row_label} ({s.name})" if s.name else s.row_label
    return f"{h['earlier']}: {s.row_label}"


def _per_year(s: ScenarioOut) -> str:
    return "; ".join(f"{year}: {format_danish_number(v)}" for year, v in s.amounts.items())


def _amount(v) -> str:
    return "" if v is None else format_danish_number(v)


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")
