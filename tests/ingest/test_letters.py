"""Answer letters: who asked, when, what was asked and what was answered, question by question."""
from __future__ import annotations

import pytest

from budgetarkiv.ingest.letters import (
    find_dates,
    find_inquiry_date,
    find_own_date,
    find_title,
    is_answer_letter,
    own_date_line,
    parse_letter,
)

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


def test_the_inquiry_date_is_told_apart_from_the_letters_own_date() -> None:
    parts = parse_letter(LETTER)
    assert (parts.inquiry_date, parts.date) == ("2021-06-22", None)  # this letter has no dated line
    dated = "Dato: 3. juli 2021\nSagsnr.: 2021-0042\n" + LETTER
    assert (parse_letter(dated).date, parse_letter(dated).inquiry_date) == ("2021-07-03", "2021-06-22")


def test_a_dated_line_under_the_signature_is_the_letters_date() -> None:
    assert find_own_date(LETTER + "\nKøbenhavn, 5/7 2021\n") == "2021-07-05"
    assert parse_letter(LETTER + "\nKøbenhavn, 5/7 2021\n").signatory == "Line Nørbæk, Administrerende direktør"


def test_the_dated_line_is_found_where_it_is_written_so_it_can_be_quoted() -> None:
    head = "Socialforvaltningen\n\nMedlem af Borgerrepræsentationen\nAnna Berg\n\n  25. november 2025\nSagsnummer 2025-1\n\n"
    text = head + LETTER
    start, end, iso = own_date_line(text)
    assert (text[start:end], iso) == ("25. november 2025", "2025-11-25")
    assert own_date_line(LETTER) is None


def test_a_date_in_a_sentence_is_no_letter_date() -> None:
    body = "Kære X\n\nSvar\nPr. 1. februar 2023 var 148 elever visiteret.\n\nMed venlig hilsen\nY\n"
    assert find_own_date(body) is None
    assert find_inquiry_date(body) is None


def test_the_inquiry_date_follows_the_word_for_what_was_sent() -> None:
    assert find_inquiry_date("Tak for din mail af 27. februar 2023, hvor du spørger om ventetid.") == "2023-02-27"
    assert find_inquiry_date("Dine spørgsmål modtaget den 3/5-2022 besvares her.") == "2022-05-03"
    assert find_inquiry_date("Budgettet blev vedtaget 3. oktober 2022.") is None


def test_the_inquiry_date_after_har_den_when_the_sentence_names_what_was_asked() -> None:
    asked = "Du har den 16. september 2031 stillet forvaltningen\nfire spørgsmål om praktik."
    assert find_inquiry_date(asked) == "2031-09-16"
    assert find_inquiry_date("Udvalget har den 3. maj 2031 holdt møde. Der kom spørgsmål.") is None


def test_a_letter_restating_each_question_after_its_mark_gives_question_and_answer_apart() -> None:
    text = ("Kære A\n\nDu har stillet to spørgsmål.\n\nAd 1) Hvor mange er i praktik,\nog hvor længe?\n\n"
            "120 borgere, i 13 uger.\n\nAd 2) Hvad koster det?\n\nCa. 4 mio. kr.\n\nMed venlig hilsen\nB\n")
    parts = parse_letter(text)
    assert [(q.number, q.question, q.answer) for q in parts.questions] == [
        (1, "Hvor mange er i praktik, og hvor længe?", "120 borgere, i 13 uger."),
        (2, "Hvad koster det?", "Ca. 4 mio. kr."),
    ]
    assert parts.errors == ("no date found in letter",)


def test_a_date_opening_a_line_is_no_numbered_question() -> None:
    text = "9. oktober 2031\n\nKære A\n\nAd 1) Hvorfor?\n\nDerfor.\n"
    assert [(q.number, q.question) for q in parse_letter(text).questions] == [(1, "Hvorfor?")]


def test_dates_in_several_danish_forms() -> None:
    assert [iso for _, iso in find_dates("d. 22/6 2021, 3. marts 2020 og 01-02-2019")] == [
        "2021-06-22",
        "2020-03-03",
        "2019-02-01",
    ]
    assert find_dates("Ingen dato her.") == ()


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


def test_the_title_comes_from_the_subject_of_the_opening_sentence() -> None:
    assert parse_letter(LETTER).title == "Svar vedr. lokalt forankrede beskæftigelsesindsatser"
    opening = "Kære A\n\nTak for din mail af 2. maj 2023, hvor du spørger til forvaltningen om ventetid på skoler.\n"
    assert find_title(opening) == "Svar om ventetid på skoler"


def test_a_subject_line_in_the_head_gives_the_title() -> None:
    for line, title in (
        ("Vedr.: Ventetid på specialskoler", "Svar vedr. ventetid på specialskoler"),
        ("Emne: Klubpladser i Nordvest", "Svar om Klubpladser i Nordvest"),
        ("Om: LFI-indsatsen", "Svar om LFI-indsatsen"),
    ):
        text = f"{line}\n\nKære A\n\nDer er ventetid på specialskoler.\n"
        assert find_title(text) == title
    assert find_title("Kære A\n\nTak for din henvendelse.\n") is None


@pytest.mark.parametrize(
    ("head_line", "title"),
    [
        ("Besvarelse af spørgsmål om klubpladser i Nordvest", "Besvarelse af spørgsmål om klubpladser i Nordvest"),
        ("Svar på spørgsmål om ventetid på specialskoler.", "Svar på spørgsmål om ventetid på specialskoler"),
        ("Svar vedr. LFI-indsatsen", "Svar vedr. LFI-indsatsen"),
    ],
)
def test_a_head_line_that_is_the_replys_subject_is_the_title_as_written(head_line: str, title: str) -> None:
    text = f"Medlem af Borgerrepræsentationen\nA B\n\n3. maj 2031\n\n{head_line}\n\nKære A B\n\nDu har spurgt.\n"
    assert find_title(text) == title


def test_an_answer_heading_is_no_subject() -> None:
    text = "Svar på spørgsmål 1\nDer er ventetid.\n\nSvar\nJa.\n"
    assert find_title(text) is None


HEADED = """Dato: 14. marts 2023

Kære B

Tak for din mail af 27. februar 2023 om ventetid.

Spørgsmål 1
Hvor mange venter?

Svar
Der venter 148.

Spørgsmål 2: Hvad koster det?
Svar
Ca. 1,9 mia. kr.

Med venlig hilsen

C
Direktør
"""


def test_questions_headed_spørgsmål_n_with_svar_answers() -> None:
    parts = parse_letter(HEADED)
    assert [(q.number, q.question, q.answer) for q in parts.questions] == [
        (1, "Hvor mange venter?", "Der venter 148."),
        (2, "Hvad koster det?", "Ca. 1,9 mia. kr."),
    ]
    assert (parts.date, parts.inquiry_date, parts.title) == ("2023-03-14", "2023-02-27", "Svar om ventetid")
    assert parts.signatory == "C, Direktør"
    assert parts.errors == ()


def test_an_answer_starting_on_the_svar_line_is_split_from_its_question() -> None:
    """ "Svar: <text>" on the line after a wrapped question: the question ends at the mark, the answer follows it."""
    text = HEADED.replace("Spørgsmål 2: Hvad koster det?\nSvar\nCa. 1,9 mia. kr.",
                          "Spørgsmål 2: Hvad koster\ndet?\nSvar: Ca. 1,9\nmia. kr.")
    assert text != HEADED
    parts = parse_letter(text)
    assert [(q.number, q.question, q.answer) for q in parts.questions] == [
        (1, "Hvor mange venter?", "Der venter 148."),
        (2, "Hvad koster det?", "Ca. 1,9 mia. kr."),
    ]


def test_a_lead_in_after_the_last_question_is_no_part_of_it() -> None:
    text = ("Kære A\n\nDu har stillet to spørgsmål:\n\n1) Hvor mange venter?\n2) Hvad koster en plads?\n\n"
            "Forvaltningen svarer således:\n\nAd 1)\nDer venter 81.\n\nAd 2)\nEn plads koster 1,4 mio. kr.\n")
    assert [(q.number, q.question) for q in parse_letter(text).questions] == [
        (1, "Hvor mange venter?"), (2, "Hvad koster en plads?")]


ENGLISH = """City of Copenhagen
Date: 4 May 2028

Dear Amal Farouk

Thank you for your letter of 20 April 2028 about the night library.

The night library opened in 2026.

Yours sincerely

Jonas Brink Holm
Head of Libraries
"""


def test_an_english_reply_is_a_letter_with_its_addressee_and_signatory() -> None:
    assert is_answer_letter(ENGLISH)
    parts = parse_letter(ENGLISH)
    assert parts.addressee == "Amal Farouk"
    assert parts.signatory == "Jonas Brink Holm, Head of Libraries"


def test_an_ad_mark_alone_on_its_line_heads_the_answer_under_it() -> None:
    text = ("Kære Eva Holm\n\nTak for din henvendelse.\n\nSpørgsmål:\n1. Hvor mange?\n2. Hvornår?\n\n"
            "Ad 1\nDer er 40 pladser.\n\nAd 2\nDe åbner i maj.\n\nMed venlig hilsen\n\nKim Lund")
    answers = {q.number: q.answer for q in parse_letter(text).questions}
    assert answers == {1: "Der er 40 pladser.", 2: "De åbner i maj."}


PARAGRAPH_16 = """Kultur- og Fritidsforvaltningen

Til medlem af Borgerrepræsentationen Sofie Lindhardt

4. marts 2031

Svar på spørgsmål efter § 16 i lov om kommunernes styrelse om havnebadet i Sydhavnen

Kære Sofie Lindhardt

Du har den 18. februar 2031 stillet spørgsmål om havnebadet, som forvaltningen hermed besvarer.

Svar på spørgsmål 1
Havnebadet har haft 41.000 besøgende i 2030.

Venlig hilsen

Rasmus Okonkwo Friis
Kultur- og Fritidsborgmester
"""


def test_a_paragraph_16_reply_is_a_letter_with_its_signatory() -> None:
    """A § 16 reply closes "Venlig hilsen" (no "Med") and heads its answers "Svar på spørgsmål 1"."""
    assert is_answer_letter(PARAGRAPH_16)
    assert parse_letter(PARAGRAPH_16).signatory == "Rasmus Okonkwo Friis, Kultur- og Fritidsborgmester"


def test_a_budget_note_answering_a_question_is_no_letter_by_its_heads_alone() -> None:
    note = ("Budget 2031\nKFF 12 Havnebade\n\nSvar på spørgsmål 2\nHavnebadet koster 1,2 mio. kr.\n\n"
            "Økonomi\nTabel 1 viser udgifterne.")
    assert not is_answer_letter(note)


EMAIL = """From: Ida Brandt, Kultur- og Fritidsforvaltningen
To: The Harbour Trust, att. Mark Ellis
Date: 3 February 2031
Subject: Evening opening of the harbour baths

Dear Mr Ellis,

Thank you for your letter about the harbour baths. The evening opening costs DKK 1.2 million a year.

Kind regards,

Ida Brandt
"""


def test_an_english_email_has_its_date_and_its_subject_as_title() -> None:
    parts = parse_letter(EMAIL)
    assert parts.date == "2031-02-03"
    assert parts.title == "Evening opening of the harbour baths"
    assert find_dates("Sent on March 3rd, 2030.") == ((8, "2030-03-03"),)
