"""The answer's words, in Danish or English: phrases, citations, and the lines of a composed answer.

Each line that states a figure comes with the evidence it copies it from (table cells or a sentence),
so the figure check can hold every answer to its sources.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from budgetarkiv.answer.model import Fact, Programme, ScenarioOut
from budgetarkiv.answer.sentences import KRONER
from budgetarkiv.core.models import Amount
from budgetarkiv.core.names import document_name
from budgetarkiv.core.numbers import format_danish_number
from budgetarkiv.search.hybrid import Hit

PHRASES: dict[str, dict[str, str]] = {
    "da": {
        "none": "Arkivet indeholder ikke et svar på spørgsmålet. Nærmeste passager er vist nedenfor.",
        "list": "Arkivet har {n} budgetnotat(er), der svarer på spørgsmålet:",
        "per_year": "{v} om året i {period}",
        "total": "i alt",
        "page": "s.",
        "proposal": "Forslaget",
        "versions": "{n} versioner af notatet findes; tallene er fra den nyeste ({newest}).",
        "earlier": "Tidligere afsat",
        "in_text": "I teksten",
        "no_figures": "De fundne notater har ingen budgettabel med beløb for dette.",
        "nearest": "Se de fundne passager nedenfor.",
    },
    "en": {
        "none": "The archive holds no answer to this question. The nearest passages are shown below.",
        "list": "The archive has {n} budget note(s) that answer the question:",
        "per_year": "{v} a year in {period}",
        "total": "total",
        "page": "p.",
        "proposal": "The proposal",
        "versions": "{n} versions of the note exist; the figures are from the newest ({newest}).",
        "earlier": "Granted earlier",
        "in_text": "In the text",
        "no_figures": "The notes found have no budget table with amounts for this.",
        "nearest": "See the passages found below.",
    },
}


def phrase(lang: str, key: str, **values) -> str:
    text = PHRASES[lang][key]
    return text.format(**values) if values else text


def note_name(note_id: str | None, title: str | None, year: int | None) -> str:
    return document_name(note_id, title, year)


def where(lang: str, note_id, title, year, section, page, source) -> str:
    """Where a sentence stands: note and budget year (or the file), section, page."""
    parts = [document_name(note_id, title, year, source=source, short=True)]
    if section:
        parts.append(section)
    if page:
        parts.append(f"{PHRASES[lang]['page']} {page}")
    return ", ".join(parts)


def fact_where(lang: str, f: Fact) -> str:
    return where(lang, f.note_id, f.title, f.budget_year, f.section, f.page, f.source)


def period(amounts: Mapping[str, Amount]) -> str:
    years = sorted(amounts)
    return years[0] if len(years) == 1 else f"{years[0]}-{years[-1]}"


def scenario_line(lang: str, s: ScenarioOut, activity: bool = False) -> tuple[str, str]:
    """One scenario's cost (or one activity row) as a sentence, and the table cells it cites."""
    t = PHRASES[lang]
    name = (f"{s.row_label} ({s.name})" if s.name else s.row_label) if activity else (s.name or t["proposal"])
    head = ", ".join(x for x in (s.unit, s.price_level) if x)
    values = list(s.amounts.values())
    if values and all(v == values[0] for v in values):
        amount = t["per_year"].format(v=format_danish_number(values[0]), period=period(s.amounts))
    else:
        amount = ", ".join(f"{y}: {format_danish_number(v)}" for y, v in s.amounts.items())
    total = f", {t['total']} {format_danish_number(s.total)}" if s.total is not None else ""
    page = f", {t['page']} {s.page}" if s.page else ""
    cells = " ".join(f"{y} {format_danish_number(v)}" for y, v in s.amounts.items())
    cited = f"{s.table} {head} {s.row_label} {cells} {format_danish_number(s.total) if s.total is not None else ''} {s.page or ''}"
    return f"{name}: {amount}{total} ({head}) [{s.table}{page}]", cited


def compose_text(
    lang: str, intents: Sequence[str], programmes: Sequence[Programme], facts: Sequence[Fact], notes: Sequence[Hit],
) -> tuple[str, tuple[str, ...]]:
    """The answer's lines (programmes with their figures, then quoted sentences) and their evidence."""
    t = PHRASES[lang]
    lines: list[str] = []
    evidence: list[str] = []
    if "list" in intents or "cost" in intents:
        named = [h for h in notes if h.doc_type == "budget_note"]
        if "list" in intents and named:
            lines.append(t["list"].format(n=len(named)))
        for h in named:
            prog = next((p for p in programmes if p.note_id == h.note_id and p.budget_year == h.budget_year), None)
            lines.append(f"• {note_name(h.note_id, h.title, h.budget_year)}")
            evidence.append(f"{h.note_id} {h.title} Budget {h.budget_year}")
            if prog is None:
                continue
            for s in prog.scenarios:
                line, cited = scenario_line(lang, s)
                lines.append(f"  – {line}")
                evidence.append(cited)
            for a in prog.activities:
                line, cited = scenario_line(lang, a, activity=True)
                lines.append(f"  – {line}")
                evidence.append(cited)
            for g in prog.earlier_grants:
                line, cited = scenario_line(lang, g, activity=True)
                lines.append(f"  – {t['earlier']}: {line}")
                evidence.append(cited)
            if len(prog.versions) > 1:
                newest = prog.versions[0].label or prog.versions[0].name
                lines.append("  " + t["versions"].format(n=len(prog.versions), newest=newest))
                evidence.append(newest)
        if "cost" in intents and not any(p.scenarios for p in programmes):
            money = [f for f in facts if re.search(r"kr\.", f.text)]
            if not money:
                lines.append(t["no_figures"])
    if "fact" in intents or ("cost" in intents and not any(p.scenarios for p in programmes)):
        for f in facts[: (3 if "fact" in intents else 2)]:
            place = fact_where(lang, f)
            lines.append(f"«{f.text}» ({place})")
            evidence.append(f"{f.text} {place}")
    elif "cost" in intents:
        # the tables give the proposal's amounts; an amount the text states (an increase, a share)
        # may be what was asked: quote the best sentence with kroner in it
        money = next((f for f in facts if KRONER.search(f.text)), None)
        if money is not None:
            place = fact_where(lang, money)
            lines.append(f"{t['in_text']}: «{money.text}» ({place})")
            evidence.append(f"{money.text} {place}")
    if not lines:
        lines.append(t["nearest"])
    return "\n".join(lines), tuple(evidence)
