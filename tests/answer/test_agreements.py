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
    assert price_level("Alle beløb er i mio. kr. i 2031 p/l, hvis intet andet er anført.") == "2031 p/l"
    assert price_level("Beløbene er små. Budget 2031 p/l.") is None  # (another sentence's level)


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


def test_an_enumeration_with_commas_names_each_subject():
    from budgetarkiv.answer.agreements import listed

    assert listed(("Hvor meget afsætter aftalen til skolehaver, lektiecafeer, natcaféer", "besøgsvenner?")) == [
        "Hvor meget afsætter aftalen til skolehaver", "lektiecafeer", "natcaféer", "besøgsvenner?"]


def test_a_terms_period_is_its_clauses_and_different_periods_are_told():
    from budgetarkiv.answer.agreements import periods

    play, homework = _term("legepladser"), _term("lektiecafeer")
    assert (play.clause.period, homework.clause.period) == ("2031-2033", "2031-2032")
    assert homework.term.label == "2.2 Lektiecafeer, 2031-2032"
    assert periods([play, homework]) == ["2031-2033", "2031-2032"] and periods([play, play]) == ["2031-2033"]


def test_a_saving_in_an_agreements_prose_is_a_negative_term():
    text = "Aftale om Budget 2031\n\n4. Effektiviseringer\n\n4.1 Færre konsulenter\nForbruget af konsulenter " \
           "nedbringes med 6,0 mio. kr. i 2031-2034.\n"
    t = prose_term(text, extract_prose_amounts(text), _tokens("konsulenter"), "2031 p/l", "aftale.txt", _tokens)
    assert t is not None and t.term.value == -6.0 and t.clause.change == "saving"


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


FUNDING = """Aftale om Budget 2031

Aftalen er indgået den 1. september 2030.

2. Børn og unge

2.1 Skolehaver
Der afsættes 7,5 mio. kr. i 2031-2034 til skolehaver på ti skoler, svarende til scenarie 3 i budgetnotatet BUF 12.

2.2 Lektiecafeer
Partierne afsætter 1,0 mio. kr. i 2031 og 2,0 mio. kr. årligt fra 2032 til lektiecafeer på biblioteker.

3. Finansiering
Administrationen reduceres med 4,0 mio. kr. årligt fra 2031.
"""


def _grants_of(part: str):
    from budgetarkiv.answer.agreements import grants_listed

    return grants_listed(FUNDING, extract_prose_amounts(FUNDING), _tokens(part) if part else set(), _tokens)


def test_what_an_agreement_funds_is_every_grant_but_its_financing():
    listed = _grants_of("")
    assert [g.clause.written for g in listed] == ["7,5 mio. kr.", "1,0 mio. kr.", "2,0 mio. kr."]
    assert [g.clause.period for g in listed] == ["2031-2034", "2031", "fra 2032"]


def test_the_grants_of_the_sections_a_listing_question_names():
    assert [g.section.heading for g in _grants_of("børn")] == ["2.1 Skolehaver", "2.2 Lektiecafeer", "2.2 Lektiecafeer"]
    assert _grants_of("ældre") == []  # words no heading names: no list


def test_a_grant_line_says_the_amount_as_written_its_period_the_note_and_alternative_and_the_object():
    from budgetarkiv.answer.agreements import grant_line

    first, cafe, yearly = _grants_of("")
    assert grant_line(first, "da") == ("2.1 Skolehaver: 7,5 mio. kr. i 2031-2034 (BUF12, scenarie 3) – skolehaver på ti "
                                       "skoler")
    assert grant_line(yearly, "en") == "2.2 Lektiecafeer: 2,0 mio. kr. a year from 2032 – lektiecafeer på biblioteker"
    assert grant_line(cafe, "da").startswith("2.2 Lektiecafeer: 1,0 mio. kr. i 2031")


@pytest.mark.parametrize(("question", "alternative", "note"), [
    ("Hvilket scenarie valgte budgetaftalen for skolehaverne?", True, False),
    ("Which option did the Budget 2031 agreement pick for the cycle lanes?", True, False),
    ("Which scenario does the administration recommend, and which did the agreement pick?", True, True),
    ("Hvad giver budgetaftalen til skolehaver?", False, False),
])
def test_a_question_about_the_alternative_chosen_and_one_about_the_note(question, alternative, note):
    from budgetarkiv.answer.agreements import asks_alternative, asks_note

    assert asks_alternative(question) == (alternative and not note) and asks_note(question) == note


def test_a_listing_questions_own_words_name_no_subject():
    from budgetarkiv.answer.agreements import listing_subject

    assert listing_subject("Which health and elderly care initiatives does it fund, and with how much?").split()[:4] \
        == ["health", "elderly", "care", "does"]


def test_what_the_agreement_gives_one_subject_is_its_sentence_with_the_note_and_model_it_names(archive4_answerer):
    """archive4's agreement grants relief care in prose "svarende til Model B i budgetnotatet SOF46"."""
    from budgetarkiv.answer.figures import unsupported_numbers

    a = archive4_answerer.ask("Hvilken model for aflastning valgte Aftale om Budget 2026?")
    assert a.answered and not unsupported_numbers(a.answer, a.evidence), a.answer
    assert "Aftalen valgte Model B (SOF46)." in a.answer and "27,2 mio. kr. i 2026-2029" in a.answer
    b = archive4_answerer.ask("Hvad giver Aftale om Budget 2026 til varmestuer?")
    assert "2.2 Varmestuer: 6,0 mio. kr. i 2026-2027" in b.answer and "«Der afsættes 6,0 mio. kr." in b.answer


@pytest.mark.parametrize(("question", "which"), [
    ("Hvad er der tidligere afsat til natcaféerne, og med hvilken budgetaftale?", True),
    ("Which budget agreement granted the night cafés their money?", True),
    ("Hvad giver budgetaftalen for 2031 til natcaféerne?", False),
])
def test_a_question_asking_which_agreement(question, which):
    from budgetarkiv.answer.agreements import asks_which_agreement

    assert asks_which_agreement(question) == which


@pytest.mark.parametrize(("question", "money"), [
    ("Hvad giver budgetaftalen for 2031 til natcaféerne?", True),
    ("How much does the agreement set aside for cycle lanes?", True),
    ("Hvilke initiativer finansierer aftalen?", True),
    ("Hvad skal evalueres ifølge budgetaftalen for 2031?", False),
    ("Hvornår mødes aftalepartierne for at følge op på aftalen?", False),
])
def test_a_question_about_an_agreements_money_or_about_something_else_in_it(question, money):
    from budgetarkiv.answer.agreements import asks_money

    assert asks_money(question) == money


@pytest.mark.parametrize(("question", "earlier"), [
    ("Hvad er der tidligere afsat til natcaféerne?", True),
    ("How much had already been granted to the night cafés?", True),
    ("Hvad giver budgetaftalen for 2031 til natcaféerne?", False),  # (the agreement named is no earlier grant)
])
def test_a_question_about_earlier_grants(question, earlier):
    from budgetarkiv.search.query import analyse

    assert analyse(question).granted_before == earlier
