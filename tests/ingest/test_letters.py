"""Answer letters: who asked, when, what was asked and what was answered, question by question."""
from __future__ import annotations

from budgetarkiv.ingest.letters import find_dates, find_letter_date, is_answer_letter, parse_letter

LETTER = """
Kære Gyda Heding 
 
Tak for din henvendelse af d. 22/6 2021, hvor du har stillet spørgsmål til 
Beskæftigelses- og Integrationsforvaltningen vedr. lokalt forankrede beskæftigelsesindsatser. 
 
Spørgsmål 
Vi har jo bedt om et budget notat. I den forbindelse vil vi gerne spørge om nogle spørgsmål.  
  

1. Hvor mange borgere er der i København i alt i de to målgrupper 
som LFI henvender sig til i København i 2020? 

2. Hvor meget fylder gruppen i beskæftigelsesindsatsen? 
3. Hvor stor en del af midlerne/indsatsen ligger hos kommunen 

vs. anden aktør? 
 
 
Beskæftigelses- og Integrationsforvaltningens svar  
Ad 1: Målgruppen for de lokalt forankrede indsatser er defineret i rammeaftalen. 
 
Det kan derfor ikke udsøges. 
 
Ad 2: Det er ikke muligt at opgøre. 
 
Ad 3: Det samlede indsatsbudget er i 2021 på ca. 88 mio. kr.  
  
 
Med venlig hilsen 
 
Line Nørbæk 
Administrerende direktør  
"""


def test_a_letter_is_told_from_a_budget_note() -> None:
    assert is_answer_letter(LETTER)
    assert not is_answer_letter("Budget 2024 \nBI18 Perspektiv \n\nBaggrund \nMed venlig hilsen er ikke nok.")


def test_the_letter_date_is_the_inquiry_date_in_iso_form() -> None:
    assert parse_letter(LETTER).date == "2021-06-22"


def test_dates_in_several_danish_forms() -> None:
    assert [iso for _, iso in find_dates("d. 22/6 2021, 3. marts 2020 og 01-02-2019")] == [
        "2021-06-22",
        "2020-03-03",
        "2019-02-01",
    ]
    assert find_letter_date("Ingen dato her.") is None


def test_addressee_and_signatory() -> None:
    parts = parse_letter(LETTER)
    assert parts.addressee == "Gyda Heding"
    assert parts.signatory == "Line Nørbæk, Administrerende direktør"


def test_each_question_is_paired_with_its_answer() -> None:
    parts = parse_letter(LETTER)
    assert [q.number for q in parts.questions] == [1, 2, 3]
    first, second, third = parts.questions
    assert first.question == (
        "Hvor mange borgere er der i København i alt i de to målgrupper som LFI henvender sig til i København i 2020?"
    )
    assert first.answer == (
        "Målgruppen for de lokalt forankrede indsatser er defineret i rammeaftalen. Det kan derfor ikke udsøges."
    )
    assert second.question == "Hvor meget fylder gruppen i beskæftigelsesindsatsen?"
    assert second.answer == "Det er ikke muligt at opgøre."
    assert third.question == "Hvor stor en del af midlerne/indsatsen ligger hos kommunen vs. anden aktør?"
    assert third.answer == "Det samlede indsatsbudget er i 2021 på ca. 88 mio. kr."
    assert parts.errors == ()


def test_an_unanswered_question_is_reported_not_dropped() -> None:
    text = "Kære X \nTak for din henvendelse. \nSpørgsmål \n1. Hvorfor? \n2. Hvornår? \n\nAd 1: Derfor. \n"
    parts = parse_letter(text)
    assert [(q.number, q.answer) for q in parts.questions] == [(1, "Derfor."), (2, "")]
    assert parts.errors == ("no date found in letter", "questions without an answer: 2")
