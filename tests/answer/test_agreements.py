"""Sums of what a budget agreement grants: a term per subject only when one row or one section names it,
prose amounts only with the document's price level, never a yearly or approximate amount."""
from __future__ import annotations

import pytest

from budgetarkiv.answer.agreements import (
    agreement_year,
    is_agreement,
    names_agreement,
    price_level,
    prose_term,
    row_term,
    sections,
    subject_text,
)
from budgetarkiv.answer.costs import written_amount
from budgetarkiv.ingest.amounts import extract_prose_amounts
from budgetarkiv.search.lookup import RowRecord

AGREEMENT = """Aftale om Budget 2031

Aftalen er indgået den 1. september 2030. Beløbene er angivet i 2031 p/l.

2. Børn og unge

2.1 Nye legepladser i Valby
Aftaleparterne afsætter 12,5 mio. kr. i 2031-2033 til tre nye legepladser, heraf 2,0 mio. kr. i 2031 til skitser.

2.2 Lektiecafeer
Der afsættes 4,0 mio. kr. i 2031-2032 til lektiecafeer på biblioteker.

3. Ældre

3.1 Besøgsvenner
Besøgsvennerne styrkes med 1,5 mio. kr. årligt i 2031-2034.

3.2 Seniorklubber
Der afsættes ca. 3 mio. kr. til seniorklubber.
"""


def _tokens(text: str) -> set[str]:
    return {w.lower().rstrip("s") for w in text.replace(".", " ").split()}


def _term(part: str, text: str = AGREEMENT, level: str | None = "2031 p/l"):
    return prose_term(text, extract_prose_amounts(text), _tokens(part), level, "aftale.txt", _tokens)


@pytest.mark.parametrize(("question", "year"), [
    ("Hvor mange penge giver budgetaftalen for 2025 i alt til X og Y?", 2025),
    ("Hvor mange penge afsætter Aftale om Budget 2026 i alt til X og Y?", 2026),
    ("According to the Budget 2026 agreement, what do X and Y cost together?", 2026),
    ("What does the budget agreement give X and Y in total?", None),
])
def test_a_question_naming_a_budget_agreement_and_its_year(question, year):
    assert names_agreement(question) and agreement_year(question) == year


def test_a_question_about_a_proposal_names_no_agreement():
    assert not names_agreement("Hvad koster forslaget om legepladser og lektiecafeer tilsammen i 2031?")


def test_the_words_naming_the_agreement_are_not_the_subject():
    assert subject_text("Hvor mange penge afsætter Aftale om Budget 2026 i alt til aflastning").split()[-1] == "aflastning"
    assert "afsætter" not in subject_text("Hvor mange penge afsætter Aftale om Budget 2026 i alt til aflastning")


def test_the_agreement_says_what_it_is_and_its_price_level():
    assert is_agreement(AGREEMENT) and not is_agreement("Budget 2031\nBUF12 Nye legepladser\n")
    assert price_level(AGREEMENT) == "2031 p/l"
    assert price_level("Aftale om Budget 2031\nDer afsættes 4,0 mio. kr.") is None


def test_numbered_headings_are_sections():
    assert [s.heading for s in sections(AGREEMENT)] == [
        "2. Børn og unge", "2.1 Nye legepladser i Valby", "2.2 Lektiecafeer", "3. Ældre", "3.1 Besøgsvenner",
        "3.2 Seniorklubber"]


def test_an_amount_as_written_keeps_its_unit():
    assert written_amount("27,2 mio. kr.") == (27.2, "mio. kr.")
    assert written_amount("600.000 kr.") == (600000, "kr.")


def test_the_first_amount_the_section_naming_the_subject_grants_is_its_term():
    t = _term("legepladser")
    assert t is not None and t.term.value == 12.5 and t.term.unit == "mio. kr." and t.term.price_level == "2031 p/l"
    assert t.term.label == "2.1 Nye legepladser i Valby, 2031-2033"  # the whole grant, not its "heraf" part
    assert "12,5 mio. kr." in t.sentence


@pytest.mark.parametrize("part", [
    "besøgsvenner",  # a yearly amount is not the grant's whole
    "seniorklubber",  # an approximate amount is not added up
    "skøjtebaner",  # no section names it
])
def test_no_term_when_the_amount_cannot_be_added_or_no_section_names_the_subject(part):
    assert _term(part) is None


def test_no_prose_term_without_a_stated_price_level():
    assert _term("lektiecafeer", level=None) is None
    assert _term("lektiecafeer").term.value == 4.0


def _row(label, amounts, total, is_sum=False):
    return RowRecord(row_id=1, doc_id="d", source="aftale.txt", note_id=None, budget_year=2031, note_title=None,
                     table_title="Tabel 1. Nye initiativer", table_number="1", scenario=None, unit="mio. kr.",
                     price_level="2031 p/l", page=None, section=None, label=label, styringsomraade=None, udvalg=None,
                     bevilling=None, indtaegt_udgift=None, is_sum=is_sum, amounts=amounts, total=total)


def test_a_row_of_the_agreements_table_gives_the_year_asked_or_its_total():
    rows = [_row("Legepladser i Valby", {"2031": 2.0, "2032": 5.5}, 7.5), _row("Lektiecafeer", {"2031": 1.0}, 1.0),
            _row("I alt", {"2031": 3.0, "2032": 5.5}, 8.5, is_sum=True)]
    assert row_term(rows, _tokens("legepladser"), [2032], _tokens).value == 5.5
    assert row_term(rows, _tokens("legepladser"), [], _tokens).value == 7.5
    assert row_term(rows, _tokens("skøjtebaner"), [2032], _tokens) is None
    assert row_term(rows, _tokens("alt"), [2031], _tokens) is None  # the sum row is no subject's


def test_a_sum_of_what_an_agreement_grants_two_subjects_cites_each_section(archive4_answerer):
    """archive4's agreement states its grants in prose, one numbered section each, with one price level."""
    from budgetarkiv.answer.figures import unsupported_numbers

    a = archive4_answerer.ask("Hvor meget afsætter Aftale om Budget 2026 samlet til varmestuer og aflastning?")
    assert a.answered and not unsupported_numbers(a.answer, a.evidence), a.answer
    assert "(mio. kr., 2026 p/l): 33,2 = 6,0 (2.2 Varmestuer, 2026-2027) + 27,2" in a.answer
    assert "«Der afsættes 6,0 mio. kr. i 2026-2027" in a.answer


def test_no_agreement_sum_when_the_agreement_does_not_grant_to_every_subject(archive4_answerer):
    a = archive4_answerer.ask("Hvor meget afsætter Aftale om Budget 2026 samlet til varmestuer og skøjtebaner?")
    assert "6,0 (2.2 Varmestuer" not in a.answer


@pytest.mark.parametrize(("question", "asks"), [
    ("Did the Budget 2026 agreement give X the amount the administration asked for?", True),
    ("Fik X det ansøgte beløb med budgetaftalen?", True),
    ("Hvad giver budgetaftalen til X?", False),
])
def test_a_grant_weighed_against_what_was_asked_for(question, asks):
    from budgetarkiv.answer.agreements import asks_request

    assert asks_request(question) == asks


def test_the_agreements_grant_is_compared_with_the_notes_request(money_answerer):
    """The note asks 23,8 mio. kr. in 2026-2029 (its table); the agreement's table grants the same."""
    from budgetarkiv.answer.figures import unsupported_numbers

    a = money_answerer.ask("Did the swimming lessons for third graders get the amount the administration asked for "
                           "in the Budget 2026 agreement?")
    assert a.answered and not unsupported_numbers(a.answer, a.evidence), a.answer
    assert "KFF09 (Budget 2026), total 2026-2029: 23,8" in a.answer
    assert "Svømmeundervisning i 3. klasse, 2026-2029: 23,8" in a.answer and "= 0,0" in a.answer
