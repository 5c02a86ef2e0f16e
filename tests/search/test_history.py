"""Programme histories: notes linked across budget years by checkable evidence, amounts with their sources."""
from __future__ import annotations

from pathlib import Path

import pytest

from budgetarkiv.core.models import Document, Note
from budgetarkiv.ingest.notes import parse_note
from budgetarkiv.ingest.readers import read_documents
from budgetarkiv.search.history import ProgrammeHistory, build_histories, find_history

ROOT = Path(__file__).resolve().parents[2]


def _notes(*folders: Path) -> list[Note]:
    return [parse_note(d) for d in read_documents(list(folders), 10**8) if isinstance(d, Document)]


@pytest.fixture(scope="module")
def histories() -> list[ProgrammeHistory]:
    return build_histories(_notes(ROOT / "corpus", ROOT / "tests" / "data" / "archive" / "docs"))


def _series(h: ProgrammeHistory, kind: str) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for p in h.points:
        if p.kind == kind:
            out.setdefault(p.series, {})[p.year] = p.amount
    return out


def test_perspektiv_shows_earlier_grants_and_the_proposal_with_their_price_levels(histories) -> None:
    h = find_history(histories, "BI18-2024")
    assert h is not None and h.title.startswith("Perspektiv")
    assert _series(h, "granted") == {"Budgetaftale 2020": {y: 4200 for y in ("2020", "2021", "2022", "2023")}}
    assert _series(h, "proposed")["Scenarie 1"] == {y: 4600 for y in ("2024", "2025", "2026", "2027")}
    levels = {(p.kind, p.price_level) for p in h.points}
    assert levels == {("granted", "løbende p/l"), ("proposed", "2024 p/l")}
    assert len(h.versions) == 2  # the draft and the final note


def test_every_point_names_its_source_table_and_row(histories) -> None:
    h = find_history(histories, "BI18-2024")
    assert all(p.source.endswith(".txt") and p.table and p.row and p.unit == "1.000 kr." for p in h.points)
    grant = next(p for p in h.points if p.kind == "granted")
    assert grant.table == "Tidligere afsatte midler" and grant.row == "Budgetaftale 2020"


def test_social_control_history_has_both_scenarios(histories) -> None:
    h = find_history(histories, "BI23-2026")
    granted = _series(h, "granted")
    assert granted["Budgetaftale 2021"] == {"2021": 3000, "2022": 3000}
    assert granted["Budgetaftale 2023"] == {"2023": 3200, "2024": 3200, "2025": 3200}
    proposed = _series(h, "proposed")
    assert proposed["Scenarie 1"]["2029"] == 3490 and proposed["Scenarie 2"]["2029"] == 3882


def test_a_reused_note_id_is_another_programme(histories) -> None:
    old = find_history(histories, "BI18-2018")
    assert old is not None and old is not find_history(histories, "BI18-2024")
    assert find_history(histories, "BUF07-2022") is not find_history(histories, "BUF07-2025")


def test_a_continuation_is_linked_with_its_evidence(histories) -> None:
    later = [h for h in histories if any(ln.kind == "continuation" for ln in h.links)]
    assert later, "the archive's continuation note should link to its earlier note"
    h = later[0]
    link = next(ln for ln in h.links if ln.kind == "continuation")
    assert len(h.doc_ids) == 2 and link.earlier in h.doc_ids and link.later in h.doc_ids
    assert any("videreførelse" in e or "udløb" in e for e in link.evidence)
    budget_years = {p.budget_year for p in h.points}
    assert len(budget_years) == 2  # both notes' own tables appear, each at its own price level
    assert len({p.price_level for p in h.points}) >= 3


def test_letters_are_not_programmes(histories) -> None:
    assert all(not h.programme_id.startswith("None") for h in histories)
