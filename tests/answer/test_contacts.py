"""A note's contact person, read from its "Kontaktperson" line or heading without an index."""
from __future__ import annotations

import pytest

from budgetarkiv.answer.contacts import Contacts, contact_span
from budgetarkiv.search.query import analyse


@pytest.mark.parametrize("text, contact", [
    ("Økonomi\nTal.\n\n## Kontaktperson\n\nFritidskonsulent Anna Bech Holm, Kultur- og Fritidsforvaltningen.\n",
     "Fritidskonsulent Anna Bech Holm, Kultur- og Fritidsforvaltningen."),
    ("Proces\nStart 2028.\n\nKontaktperson\nSpecialkonsulent Per Holt, Center for Økonomi.\n\nBilag 1\n",
     "Specialkonsulent Per Holt, Center for Økonomi."),
    ("Kontaktperson: Specialkonsulent Birthe Lund, Sundheds- og\nOmsorgsforvaltningen.\n\nSide 3 af 3",
     "Specialkonsulent Birthe Lund, Sundheds- og\nOmsorgsforvaltningen."),
    ("Kontaktperson for kataloget: Ida Kjær Lund, økonomichef\n", "Ida Kjær Lund, økonomichef"),
])
def test_the_contact_is_the_line_after_kontaktperson(text, contact):
    start, end = contact_span(text)
    assert text[start:end] == contact


@pytest.mark.parametrize("text", [
    "Jobspor giver den unge en fast kontaktperson i jobcentret. I 2025 starter 90 unge.",
    "Kontaktperson\n\n",
    "Kontaktperson: følger\n",  # no name
])
def test_a_contact_mentioned_in_prose_or_without_a_name_is_none(text):
    assert contact_span(text) is None


@pytest.mark.parametrize("question, asks", [
    ("Who is the contact for the sauna levels?", True),
    ("Who should I contact about the interpreter booking?", True),
    ("Hvem er kontaktperson for svømmeløftet?", True),
    ("Hvem har underskrevet svaret?", False),
    ("Hvor mange kontakter har tandbussen om året?", False),
])
def test_a_person_question_about_contact_asks_for_the_contact(question, asks):
    assert Contacts.asks_contact(analyse(question)) is asks
