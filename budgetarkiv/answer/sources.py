"""An answer's sources as a reader wants them: each document once, by its people's name, with the sections
and pages its passages come from (several passages of one document are one source, not one line each)."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from budgetarkiv.search.hybrid import Hit


def sources_by_document(hits: Iterable[Hit], page_word: str = "s.") -> list[tuple[str, list[str]]]:
    """(document name, ["Baggrund", "Økonomi, s. 3, 4"]) per document, in the order first cited."""
    places: dict[str, dict[str, list[int]]] = {}
    for h in hits:
        pages = places.setdefault(h.document or Path(h.source).name, {}).setdefault(h.section or "", [])
        if h.page and h.page not in pages:
            pages.append(h.page)
    out = []
    for name, sections in places.items():
        where = [", ".join(x for x in (section, f"{page_word} " + ", ".join(map(str, sorted(pages))) if pages else "")
                           if x) for section, pages in sections.items()]
        out.append((name, [w for w in where if w]))
    return out
