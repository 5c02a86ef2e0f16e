"""Date answers: the notations a date is written in, the event a date question asks about, and the sentence
chosen for it (a meeting's date is not a programme's start; a letter's own date answers only about the letter)."""
from __future__ import annotations

import bm25s
import pytest

from budgetarkiv.answer.clauses import DATE
from budgetarkiv.answer.events import event_fit, events
from budgetarkiv.answer.relevance import Relevance
from budgetarkiv.answer.sentences import Candidate, SentencePicker, carries_type, type_fit
from budgetarkiv.index.english import EnglishBridge
from budgetarkiv.index.lexical import DanishAnalyzer, LexicalIndex
from budgetarkiv.search.hybrid import Hit
from budgetarkiv.search.query import analyse


@pytest.mark.parametrize("sentence, date", [
    ("Mødet holdes d. 3. september 2029 på rådhuset.", "3. september 2029"),
    ("Ansøgningsfristen er 3/9-2029.", "3/9-2029"),
    ("Kontrakten gælder fra 3.9.2029.", "3.9.2029"),
    ("Tilbuddet lukker 31.12.2031.", "31.12.2031"),
    ("Byggeriet afleveres 03/09/2030.", "03/09/2030"),
    ("The contract was signed on 2029-09-03.", "2029-09-03"),
    ("Anlægget forventes færdigt primo 2030.", "primo 2030"),
    ("Udbuddet sendes ud ultimo marts 2030.", "ultimo marts 2030"),
    ("Evalueringen foreligger i 1. kvartal 2031.", "1. kvartal 2031"),
    ("Evalueringen foreligger i 2. halvår 2031.", "2. halvår 2031"),
    ("Skolerne får besked i uge 12.", "uge 12"),
    ("The pilot starts in week 34 of 2030.", "week 34 of 2030"),
    ("The service opened on 14 June 2029.", "14 June 2029"),
    ("The first residents move in on 1st March 2031.", "1st March 2031"),
    ("The board met on March 1st, 2030.", "March 1st, 2030"),
    ("The review is due in Q1 2030.", "Q1 2030"),
    ("The scheme ends by the end of 2031.", "the end of 2031"),
    ("Bevillingen udløber med udgangen af 2029.", "udgangen af 2029"),
    ("Høringen slutter 3. sep. 2029.", "3. sep. 2029"),
    ("Ordningen indføres fra skoleåret 2030/31.", "skoleåret 2030/31"),
])
def test_a_date_is_read_in_each_notation(sentence, date):
    assert [m.group(0) for m in DATE.finditer(sentence)] == [date]


@pytest.mark.parametrize("sentence", [
    "Der bygges 1.200 boliger i 2030.",  # a count and a year
    "Udgiften er 3,2 mio. kr. i 2030 og 12.400.000 kr. i alt.",
    "Indsatsen når ca. 320 borgere om året.",
    "Of the 12 teams, 3 will start in 2030.",
])
def test_counts_amounts_and_bare_years_are_no_dates(sentence):
    assert DATE.search(sentence) is None


@pytest.mark.parametrize("text, named", [
    ("Hvornår starter bostøtteteamet?", {"start"}),
    ("When was the scheme rolled out to every district?", {"start"}),
    ("Fra hvornår gælder den nye kontrakt?", {"start"}),
    ("Hvornår udløber bevillingen?", {"end"}),
    ("When does the grant expire?", {"end"}),
    ("Hvornår står svømmehallen færdig?", {"done"}),
    ("When will the first residents move in?", {"occupancy"}),
    ("When was the budget agreement concluded?", {"agreement"}),
    ("Hvornår forelægges evalueringen for udvalget?", {"report"}),
    ("Udvalget behandlede sagen på sit møde 3. maj 2029.", {"meeting"}),
])
def test_the_event_a_date_is_of(text, named):
    assert named <= events(text)


@pytest.mark.parametrize("question, right, wrong", [
    # a meeting's date is not a programme's start
    ("Hvornår starter bostøtteteamet?", "Teamet starter 1. april 2029.",
     "Bostøtteteamet behandles på udvalgets møde 12. marts 2029."),
    # an English question, a Danish note: the event is named in both languages
    ("When was the tenancy support rolled out to the whole city?",
     "Med budgetaftalen blev bostøtten udbredt til hele byen fra 1. marts 2027.",
     "Partierne mødes i marts 2029 for at følge op på bostøtten."),
    ("When was the budget agreement for 2030 concluded?", "Aftalen blev indgået den 2. september 2029.",
     "Aftalepartierne mødes i marts 2030 for at følge op på aftalen."),
    ("Hvornår udløber bevillingen til gældsrådgivningen?", "Bevillingen udløber med udgangen af 2029.",
     "Gældsrådgivningen blev evalueret i foråret 2028."),
])
def test_a_date_of_the_event_asked_about_fits(question, right, wrong):
    assert event_fit(question, right) > 0 > event_fit(question, wrong)


def test_a_sentence_naming_no_event_neither_fits_nor_misfits():
    assert event_fit("Hvornår starter teamet?", "Teamet: 1. april 2029.") == 0.0
    assert event_fit("Hvilken dato har svaret?", "Svaret er dateret 3. maj 2029.") == 0.0  # (no event asked)


def test_a_letters_own_date_line_answers_only_about_the_letter():
    line = "From: Jobcentret To: Fonden Date: 14 June 2029 Subject: Debt counselling - status"
    about_scheme = analyse("When did the debt counselling start?")
    about_letter = analyse("What date is the letter about debt counselling?")
    assert type_fit(about_scheme, line) < type_fit(about_scheme, "The debt counselling started on 1 March 2026.")
    assert type_fit(about_letter, line) >= 1.0
    assert carries_type(about_scheme, "Dato: 3. maj 2029")  # (still a date: ranked after, not dropped)


@pytest.mark.parametrize("question, kind", [
    ("Hvornår holder udvalget næste møde efter mødet om anlægsbevillingen?", "date"),
    ("Hvornår udløber bevillingen til natcaféen?", "date"),
    ("When does the grant for the night café expire?", "date"),
    ("Hvornår blev Budgetaftale 2030 indgået?", "date"),
    ("Hvad koster tandbussen, og hvornår starter den?", "amount"),  # an amount asked too
    ("How much will the bus cost and when will it start?", "amount"),
])
def test_a_when_question_asks_for_a_date_though_it_names_money(question, kind):
    assert analyse(question).answer_type == kind


class _NoEncoder:
    """A searcher without an encoder: the picker ranks on words, type and event alone."""
    embedder = None


def _hit(n: int, text: str) -> Hit:
    return Hit(row=n, chunk_id=f"d{n}:0", doc_id=f"d{n}", source=f"d{n}.txt", doc_type="other", kind="prose",
               note_id=None, budget_year=2030, title=None, section=None, scenario=None, page=None, text=text,
               score=1.0, retrievers=("bm25",))


@pytest.fixture(scope="module")
def picker() -> SentencePicker:
    bridge = EnglishBridge.from_system()
    analyzer = DanishAnalyzer(["aftale", "budgetaftale", "partier", "bostøtte"], bridge)
    return SentencePicker(_NoEncoder(), Relevance(LexicalIndex(bm25s.BM25(), analyzer, 0, bridge)))


def _picked(picker: SentencePicker, question: str, texts: list[str]) -> str:
    hits = [_hit(n, t) for n, t in enumerate(texts)]
    candidates = [Candidate(h, 0, len(h.text), n, False) for n, h in enumerate(hits)]
    return picker.pick(analyse(question), set(), candidates)[0].text


def test_the_year_naming_the_budget_does_not_choose_the_date(picker):
    # "for 2030" names the budget the agreement is about; the date asked lies in the year before
    question = "When was the budget agreement for 2030 concluded?"
    texts = ["Aftalepartierne mødes i marts 2030 for at følge op på budgetaftalen.",
             "Budgetaftalen blev indgået den 2. september 2029 mellem partierne."]
    assert _picked(picker, question, texts) == texts[1]


def test_the_start_asked_about_is_not_the_meeting_that_treats_it(picker):
    question = "Hvornår starter bostøtten i Valby?"
    texts = ["Udvalget behandler bostøtten i Valby på mødet 12. marts 2029.",
             "Bostøtten i Valby starter 1. august 2029."]
    assert _picked(picker, question, texts) == texts[1]


def test_a_year_said_as_a_time_is_a_coarse_date():
    q = analyse("Hvornår står svømmehallen færdig?")
    coarse = type_fit(q, "Svømmehallen forventes at stå færdig i 2031.")
    assert 0 < coarse < type_fit(q, "Svømmehallen står færdig 1. maj 2031.")
    assert type_fit(q, "Svømmehallen koster 2,1 mio. kr. (2030-priser).") == 0.0
    assert not carries_type(q, "Svømmehallen forventes at stå færdig i 2031.")  # (a dated sentence ranks first)


@pytest.mark.parametrize("question, kind", [
    ("What does the electric cargo bike for the nurseries cost per year when it is fully running?", "amount"),
    ("How many places will the club have when it is fully running?", "count"),
    ("When does the new club open?", "date"),
    ("The new club: when does it open?", "date"),
])
def test_when_asks_for_a_date_as_a_question_word_not_as_a_conjunction(question, kind):
    assert analyse(question).answer_type == kind
