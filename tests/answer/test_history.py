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
    assert lines[1].startswith("- Bevilget (Budgetaftale 2020, løbende p/l): 4.200 1.000 kr. om året i 2020-2023")
    assert "Tidligere afsatte midler" in lines[1]
    assert any("Scenarie 1 (2024 p/l): 4.600 1.000 kr. om året i 2024-2027" in ln for ln in lines)
    assert "prisniveauer kan ikke lægges sammen" in text
    assert not unsupported_numbers(text, evidence)


def test_social_control_history_keeps_changing_grants_apart(histories) -> None:
    text, _ = history_answer(find_history(histories, "BI23-2026"), "en")
    assert "Granted (Budgetaftale 2021, løbende p/l): 3.000 1.000 kr. a year in 2021-2022" in text
    assert "Granted (Budgetaftale 2023, løbende p/l): 3.200 1.000 kr. a year in 2023-2025" in text
    assert "Scenarie 2 (2026 p/l): 3.882 1.000 kr. a year in 2026-2029" in text


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
