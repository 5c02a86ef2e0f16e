"""A parsed note as a short readable text (the `parse` command without --json)."""
from __future__ import annotations

from budgetarkiv.core.models import Note
from budgetarkiv.core.numbers import format_danish_number


def note_summary(note: Note) -> str:
    lines = [f"{note.source}  [{note.doc_type}]  id {note.doc_id}"]
    head = " ".join(x for x in (note.note_id, note.title) if x)
    if head:
        lines.append(f"  {head}")
    if note.budget_year:
        lines.append(f"  Budget {note.budget_year} (fundet i: {note.budget_year_from})")
    if note.administration:
        lines.append(f"  {note.administration}")
    if note.sections:
        lines.append("  Afsnit: " + ", ".join(s.heading for s in note.sections))
    for s in note.scenarios:
        lines.append(f"  {s.name}: {s.title}")
    if note.categories:
        lines.append("  Kategorisering: " + ", ".join(note.categories))
    for t in note.tables:
        status = "" if t.kind != "money" else (" ✓ tal stemmer" if t.checks_ok else " ✗ tal stemmer ikke")
        lines.append(f"  {t.title} [{', '.join(x for x in (t.unit, t.price_level) if x)}]{status}")
        for r in t.rows:
            cells = " ".join(f"{y}:{format_danish_number(v)}" for y, v in r.amounts.items())
            total = f" I alt {format_danish_number(r.total)}" if r.total is not None else ""
            lines.append(f"    {r.label}: {cells}{total}")
        for raw in t.unreadable:
            lines.append(f"    (ulæselig række) {raw}")
    for qa in note.questions:
        lines.append(f"  Spørgsmål {qa.number}: {qa.question}")
    if note.prose_amounts:
        lines.append("  Beløb i teksten: " + "; ".join(a.text for a in note.prose_amounts))
    for e in note.errors:
        lines.append(f"  ! {e}")
    return "\n".join(lines)
