"""History answers: every amount of every series with its price level and source, price levels kept apart."""
from __future__ import annotations

from pathlib import Path

import pytest

from budgetarkiv.answer.figures import unsupported_numbers
from budgetarkiv.answer.history import history_answer
from budgetarkiv.core.models import Document
from budgetarkiv.ingest.notes import parse_note
from budgetarkiv.ingest.readers import read_documents
from budgetarkiv.search.history import build_histories, find_history

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture(scope="module")
def histories():
    return build_histories(parse_note(d) for d in read_documents([CORPUS], 10**8) if isinstance(d, Document))


def test_perspektiv_history_cites_grants_and_proposal(histories) -> None:
    text, evidence = history_answer(find_history(histories, "BI18-2024"), "da")
    lines = text.splitlines()
    assert lines[1].startswith("- Bevilget (Budgetaftale 2020, 1.000 kr., løbende p/l): 4.200 om året i 2020-2023")
    assert "Tidligere afsatte midler" in lines[1]
    assert any("Scenarie 1 (1.000 kr., 2024 p/l): 4.600 om året i 2024-2027" in ln for ln in lines)
    assert "prisniveauer kan ikke lægges sammen" in text
    assert not unsupported_numbers(text, evidence)


def test_a_single_year_is_written_as_year_and_amount_and_the_title_is_evidence(histories) -> None:
    """'2021: 5.200', not '5.200 om året i 2021'; figures in the programme's title are cited too."""
    history = find_history(histories, "BI18-2024")
    text, evidence = history_answer(history, "da")
    assert " om året i 2020-2023" in text and not any(f"om året i {y};" in text for y in range(2018, 2030))
    assert history.title in evidence


def test_social_control_history_keeps_changing_grants_apart(histories) -> None:
    text, _ = history_answer(find_history(histories, "BI23-2026"), "en")
    assert "Granted (Budgetaftale 2021, 1.000 kr., løbende p/l): 3.000 a year in 2021-2022" in text
    assert "Granted (Budgetaftale 2023, 1.000 kr., løbende p/l): 3.200 a year in 2023-2025" in text
    assert "Scenarie 2 (1.000 kr., 2026 p/l): 3.882 a year in 2026-2029" in text


@pytest.mark.parametrize("question", [
    "Hvad har Perspektiv kostet over årene?",
    "What has Perspektiv cost over the years?",
])
def test_history_question_is_answered_from_the_history_with_every_amount_cited(answerer, question) -> None:
    a = answerer.ask(question)
    assert a.answered
    assert "4.200" in a.answer and "4.600" in a.answer and "løbende p/l" in a.answer and "2024 p/l" in a.answer
    assert "Tidligere afsatte midler" in a.answer
    assert "3.490" not in a.answer  # another programme's figure is not presented
    assert not unsupported_numbers(a.answer, a.evidence)


def test_every_programme_that_carried_a_note_id_is_listed_with_its_budget_year(archive_answerer) -> None:
    a = archive_answerer.ask("Hvilke programmer har haft note-id SUF09, og i hvilke budgetår?")
    assert a.answered
    lines = [ln for ln in a.answer.splitlines() if ln.startswith("• SUF09")]
    assert len(lines) == 2 and "(Budget 2020)" in lines[0] and "(Budget 2027)" in lines[1]
    assert not unsupported_numbers(a.answer, a.evidence)


def test_what_became_of_a_proposal_quotes_the_decision_document(archive_answerer) -> None:
    """After the note: the budget agreement's sentence that grants money to the programme."""
    a = archive_answerer.ask("Hvad skete der med forslaget om flere klubpladser efter budgetnotatet?")
    assert a.answered and "15,3 mio. kr." in a.answer and "a10" in a.answer
    assert not unsupported_numbers(a.answer, a.evidence)
