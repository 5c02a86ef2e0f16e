"""The questions of issue 10, each answered over the real index of the sample corpus.

A year in the question selects amount columns; the note the subject names is the answer and others come
after it; the sentence quoted carries what was asked (a count, a goal rather than a result, a name); a
letter's answer is evidence, the council member's question is not; sums never add price levels.
"""
from __future__ import annotations

import re

import httpx
import pytest

from budgetarkiv.answer.figures import unsupported_numbers
from tests.live_server import serve_service


def _cited(answer) -> None:
    """Every figure of the answer stands in its evidence or in the passages it shows."""
    assert not unsupported_numbers(answer.answer, [*answer.evidence, *(h.text for h in answer.sources)]), answer.answer


def test_a_year_selects_the_amount_column_not_the_budget_year(answerer):
    answer = answerer.ask("Hvad koster Perspektiv i 2026?")
    assert answer.answered, answer.answer
    assert answer.programmes[0].note_id == "BI18" and answer.programmes[0].budget_year == 2024
    assert "2026: 4.600" in answer.answer and "2024 p/l" in answer.answer
    _cited(answer)


def test_a_year_outside_every_table_is_said(answerer):
    answer = answerer.ask("Hvad koster Perspektiv i 2031?")
    assert not answer.answered
    assert "2024-2027" in answer.answer and "2031" in answer.answer


def test_all_programmes_together_sum_per_price_level(answerer):
    answer = answerer.ask("Hvad koster alle indsatserne tilsammen i 2026?")
    assert answer.answered, answer.answer
    sums = [line for line in answer.answer.splitlines() if line.startswith("I alt")]
    assert sums and all(len(re.findall(r"\d{4} p/l", line)) == 1 for line in sums)  # one price level per sum
    assert "4.600" in answer.answer and "3.490" in answer.answer
    assert "8.090" not in answer.answer  # 4.600 (2024 p/l) + 3.490 (2026 p/l) is never added
    _cited(answer)


def test_participants_and_jobs_come_from_perspektiv_not_bi23(answerer):
    answer = answerer.ask("How many citizens took part in Perspektiv and how many found a job?")
    assert "320" in answer.answer and "56 pct." in answer.answer
    assert "26 pct." not in answer.answer  # BI23's result
    assert all(f.note_id == "BI18" for f in answer.facts)


def test_a_goal_question_gets_the_goal_not_the_result(answerer):
    answer = answerer.ask("Hvad var målsætningen for ordinær beskæftigelse i Perspektiv?")
    assert "60 pct." in answer.facts[0].text
    assert not any("56 pct." in f.text for f in answer.facts)


def test_a_count_question_quotes_the_count(answerer):
    answer = answerer.ask("Hvor mange familier indgår i pilotforsøget?")
    assert "130 familier" in answer.facts[0].text


@pytest.mark.parametrize("question", ["Hvem har underskrevet svaret til Gyda Heding?",
                                      "Hvem har skrevet under på svaret til Gyda Heding?"])
def test_the_signatory_of_a_letter(answerer, question):
    answer = answerer.ask(question)
    assert "Line Nørbæk" in answer.answer
    assert "Line Nørbæk" in answer.facts[0].passage


def test_a_cost_answer_does_not_append_another_programme(answerer):
    answer = answerer.ask("Hvad koster Perspektiv i 2025?")
    assert [p.note_id for p in answer.programmes] == ["BI18"]
    assert "BI23" not in answer.answer and "3.490" not in answer.answer


def test_a_misspelt_programme_name_is_found(answerer):
    answer = answerer.ask("Hvad koster Perspecktiv?")
    assert answer.answered and "4.600" in answer.answer
    assert answer.programmes[0].note_id == "BI18"


def test_comparing_scenarios_shows_both_amounts_and_the_difference(answerer):
    answer = answerer.ask("Hvad koster scenarie 1 og scenarie 2 for Perspektiv i 2026?")
    assert answer.answered, answer.answer
    assert "4.600" in answer.answer and "5.250" in answer.answer
    assert "5.250 − 4.600 = 650" in answer.answer
    _cited(answer)


def test_ask_on_the_letter_quotes_the_administrations_answer(index_settings, searcher, answerer):
    from budgetarkiv.api.app import Service

    question = "Hvor stor en del af midlerne/indsatsen ligger hos kommunen vs. anden aktør?"
    with serve_service(Service(index_settings, searcher, answerer)) as url, httpx.Client(base_url=url, timeout=120) as c:
        r = c.post("/ask", json={"question": question})
    assert r.status_code == 200, r.text
    data = r.json()
    assert "ca. 88 mio. kr." in data["answer"] and "ca. 53 mio. kr." in data["answer"]
    assert data["facts"] and all(not f["text"].rstrip().endswith("?") for f in data["facts"])
    assert all(not (f["section"] or "").startswith("Spørgsmål") for f in data["facts"])
    assert "Hvor stor en del af midlerne" not in data["answer"]  # the member's question is not quoted back


def test_a_figure_named_in_the_question_keeps_the_draft_that_states_it(answerer):
    """The draft of BI18 has the 50 pct. goal, the final version 60 pct.: the draft is what was asked about."""
    answer = answerer.ask("Hvilken version af Perspektiv-notatet har en målsætning på 50 pct. i ordinært arbejde?")
    assert answer.answered, answer.answer
    assert "50 pct." in answer.answer
    quoted = next(f for f in answer.facts if "50 pct." in f.text)
    assert any(h.doc_id == quoted.doc_id and h.versions and h.doc_id != h.versions[0].doc_id for h in answer.sources)
    _cited(answer)


def test_a_goal_asked_beside_a_result_is_the_goal_that_result_is_measured_on(answerer):
    """BI18's goal table has several goals; the result is about ordinary work, so is the goal quoted."""
    answer = answerer.ask("Hvad var målsætningen for Perspektiv, og hvad blev resultatet?")
    assert answer.answered, answer.answer
    assert "60 pct." in answer.answer and "56 pct." in answer.answer
    assert "80 pct." not in answer.answer
    _cited(answer)
