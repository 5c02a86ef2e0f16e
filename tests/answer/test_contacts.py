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


# ------------------------------------------------------------------ roles: contact forms, caseworker, minutes' people

from budgetarkiv.answer.contacts import ROLES, _best, committee_of, role_asked, role_spans  # noqa: E402


def _role(name: str):
    return next(r for r in ROLES if r.name == name)


@pytest.mark.parametrize("role, text, named", [
    ("contact", "Kontakt\nYderligere oplysninger: Mikkel Aas Brandt, chefkonsulent, tlf. 1234 5678\n",
     "Mikkel Aas Brandt"),
    ("contact", "Further information: Ruth Okafor Lind, adviser, phone +45 1111 2222.\n\nYours sincerely\n",
     "Ruth Okafor Lind"),
    ("contact", "Økonomi\nTal.\n\nFlere oplysninger: Pia Munk Krogh, tlf. 3333 4444\n", "Pia Munk Krogh"),
    ("caseworker", "Center for Byrum\n\nSagsbehandler: Anton Lykke Friis\nDato: 3. maj 2029\n", "Anton Lykke Friis"),
    ("chair", "**Formand:** Karla Høst Bjerre (F)\n**Til stede:** ...\n", "Karla Høst Bjerre"),
    ("chair", "BESLUTNINGSPROTOKOL\n\nMødeleder: Overborgmester Peder Dam Lund (A)\n", "Peder Dam Lund"),
    ("rapporteur", "Sagen blev drøftet.\n\nOrdfører for sagen: Yasmin Kofod (Ø).\n", "Yasmin Kofod"),
    ("absent", "Til stede: alle\nAfbud: Bo Sand Riis (V)\n", "Bo Sand Riis"),
    ("presenter", "Beslutning\nSagen blev forelagt af sundhedsborgmester Lise Bang Holm (B). Den blev godkendt.",
     "Lise Bang Holm"),
])
def test_a_role_is_read_from_its_labelled_line_or_sentence(role, text, named):
    spans = role_spans(text, _role(role))
    assert spans and named in text[spans[0][0]:spans[0][1]]


@pytest.mark.parametrize("role, text, named", [
    ("asker", "Budgetspørgsmål nr. 12\nStillet af: Enhedslisten (Karl Munk Friis)\nBesvaret af: Teknik- og "
              "Miljøforvaltningen\n", "Karl Munk Friis"),
    ("asker", "Question 4\nAsked by: Nora Juhl Bang (B)\n", "Nora Juhl Bang"),
    ("answerer", "Stillet af: Alternativet (Åse Krogh)\nBesvaret af: Teknik- og Miljøforvaltningen i samarbejde med "
                 "Økonomiforvaltningen\n", "Teknik- og Miljøforvaltningen"),
    ("answerer", "Answered by: the Health and Care Administration\n", "Health and Care Administration"),
])
def test_who_asked_and_who_answered_are_read_from_their_labelled_lines(role, text, named):
    """An administration answers too: its name is no person's, yet it is who answered."""
    spans = role_spans(text, _role(role))
    assert len(spans) == 1 and named in text[spans[0][0]:spans[0][1]]
    assert "\n" not in text[spans[0][0]:spans[0][1]]  # the one line: not the asker's beside who answered


def test_an_administration_is_no_asker():
    assert role_spans("Stillet af: Økonomiforvaltningen\n", _role("asker")) == []


@pytest.mark.parametrize("role, text", [
    ("chair", "Udvalget drøftede formandens forslag om nye regler.\n"),  # a role word in prose names nobody
    ("contact", "Kontakt\n\n"),
    ("absent", "Afbud: ingen\n"),
])
def test_a_role_without_a_name_is_not_read(role, text):
    assert role_spans(text, _role(role)) == []


CONTACT_TABLE = "Kontakt\nKontakt\tNavn\tMail\nFaglig kontakt\tIrma Dahl Brix\tID3X@kk.dk\nØkonomi\tOtto Vang Møller\tOV9M@kk.dk\n"


@pytest.mark.parametrize("question, named", [
    ("Hvem er faglig kontakt på forslaget?", "Irma Dahl Brix"),
    ("Who do I contact about the budget figures?", "Otto Vang Møller"),
    ("Hvem kan jeg kontakte om økonomien?", "Otto Vang Møller"),
    ("Hvem er kontaktperson?", "Irma Dahl Brix"),  # no qualifier named: the first row
])
def test_a_contact_table_answers_with_the_row_the_question_names(question, named):
    spans = role_spans(CONTACT_TABLE, _role("contact"))
    assert len(spans) == 2  # a row each, the head and the heading above it no contact
    start, end, _ = _best(spans, question)
    assert named in CONTACT_TABLE[start:end]


@pytest.mark.parametrize("question, role", [
    ("Hvem kan give yderligere oplysninger om forslaget?", "contact"),
    ("Who can I call about the scheme?", "contact"),
    ("Hvem er sagsbehandler på svaret?", "caseworker"),
    ("Who chaired the meeting?", "chair"),
    ("Hvem var formand for udvalgets møde?", "chair"),
    ("Hvem var ordfører for sagen?", "rapporteur"),
    ("Hvem havde meldt afbud til mødet?", "absent"),
    ("Hvem forelagde sagen?", "presenter"),
    ("Hvem har underskrevet svaret?", None),
    ("Hvem stillede spørgsmålet?", "asker"),
    ("Which council member asked about the ferry berths?", "asker"),
    ("Hvem besvarede budgetspørgsmålet om færgelejerne?", "answerer"),
])
def test_the_role_a_person_question_asks_for(question, role):
    found = role_asked(question)
    assert (found.name if found else None) == role


def test_the_committee_of_minutes_is_named_in_their_head():
    assert committee_of("# Referat – Sundheds- og Omsorgsudvalget\n\nMødedato: ...") == "omsorgsudvalg"
    assert committee_of("KØBENHAVNS KOMMUNE\nBorgerrepræsentationen\n\nREFERAT") is None


def test_a_contact_line_labelled_by_an_administrations_short_name_answers_for_it():
    """A joint note's "Kontakt TMF: ..." and "Kontakt SOF: ..." lines: a question naming the Teknik- og
    Miljøforvaltningen in full asks for the TMF line."""
    from budgetarkiv.answer.contacts import short_names

    assert short_names("Hvem i Kultur- og Fritidsforvaltningen?") == {"KFF"}
    assert short_names("the Børne- og Ungdomsudvalget's contact") == {"BUU"}
    text = "Kontakt BIF: Kamilla Rye Holm, specialist\nKontakt TMF: Otto Brink Lund, ingeniør\n"
    spans = role_spans(text, _role("contact"))
    start, end, _ = _best(spans, "Hvem er kontaktperson i Teknik- og Miljøforvaltningen for cykelbroen?")
    assert "Otto Brink Lund" in text[start:end]
    start, end, _ = _best(spans, "Hvem er kontaktperson for cykelbroen?")
    assert "Kamilla Rye Holm" in text[start:end]  # none named: the first
