"""A follow-up's under- or overspend and transfers in prose: the figure stands in a paragraph that names the
programme, often not in the sentence with the figure."""
from __future__ import annotations

import pytest

from budgetarkiv.answer.followups import asked_change, change_named, paragraph_at, quoted, subject_of
from budgetarkiv.ingest.amounts import extract_prose_amounts

pytestmark = pytest.mark.fast

FOLLOW_UP = """Budgetopfølgning pr. 31. august 2031 – Kultur- og Fritidsforvaltningen

Ungdomsguiden: Færre unge end ventet har brugt guiden i foråret. Der forventes et
mindreforbrug på 0,8 mio. kr., som søges overført til 2032.

Natteravnene: Ekstra vagter i sommerferien giver et forventet merforbrug på 0,4 mio. kr.

Lektiecaféerne: Mindreforbruget er 1,1 mio. kr., fordi to caféer åbnede senere end planlagt.
"""


def _tokens(text: str) -> set[str]:
    return {w.strip(".,:;«»").lower() for w in text.split()}


def _change(kind: str, subject: str):
    groups = [{w} for w in _tokens(subject_of(subject)) if w]
    return change_named(FOLLOW_UP, extract_prose_amounts(FOLLOW_UP), kind, groups, _tokens)


@pytest.mark.parametrize(("question", "kind"), [
    ("Hvor stort er det forventede mindreforbrug på Ungdomsguiden?", "underspend"),
    ("How much is expected to be underspent on the homework cafés?", "underspend"),
    ("Hvor stort er merforbruget hos Natteravnene?", "overspend"),
    ("Hvor meget overføres til 2032?", "transfer"),
    ("Hvad koster Natteravnene?", None),
])
def test_the_change_a_question_asks_about(question, kind):
    assert asked_change(question) == kind


def test_the_paragraph_naming_the_programme_gives_the_figure_even_when_its_sentence_does_not():
    found = _change("underspend", "Hvor stort er mindreforbruget på Lektiecaféerne?")
    assert found is not None and found.clause.written == "1,1 mio. kr." and found.clause.value == -1.1
    assert quoted(found).startswith("Lektiecaféerne: Mindreforbruget er 1,1 mio. kr.")


def test_an_overspend_is_not_an_underspend_and_a_programme_not_named_gives_nothing():
    assert _change("overspend", "merforbruget Natteravnene").clause.written == "0,4 mio. kr."
    assert _change("underspend", "Natteravnene") is None  # its paragraph has an overspend only
    assert _change("underspend", "Svømmehallerne") is None


def test_a_paragraph_is_the_text_between_blank_lines():
    start, end = paragraph_at(FOLLOW_UP, FOLLOW_UP.index("0,8 mio"))
    assert FOLLOW_UP[start:end].startswith("Ungdomsguiden:") and FOLLOW_UP[start:end].endswith("til 2032.")
