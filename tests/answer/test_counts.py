"""Count answers: the notations a count is written in, what is no count (a duration, a measure, a figure the
question names), a total summing up the counts before it, and the year a quoted clause is of."""
from __future__ import annotations

import bm25s
import pytest

from budgetarkiv.answer.clauses import answering, clauses, counted_noun, lead_of
from budgetarkiv.answer.counts import WORD_COUNT, count_fit
from budgetarkiv.answer.model import Fact
from budgetarkiv.answer.relevance import Relevance, overlap
from budgetarkiv.answer.sentences import clause_years, one_figure, type_fit
from budgetarkiv.index.english import EnglishBridge
from budgetarkiv.index.lexical import DanishAnalyzer, LexicalIndex
from budgetarkiv.search.query import analyse


@pytest.mark.parametrize("sentence", [
    "Ordningen når ca. 320 borgere om året.",
    "Forslaget kræver 12 årsværk.",
    "Model B kræver 10,5 årsværk i alt.",
    "Botilbuddet får 24 boliger og fællesarealer.",
    "I skoleåret deltog 1.200 elever.",
    "About 1,200 pupils took part in the trial.",
    "The scheme needs 2.5 FTEs from 2031.",
    "The service reaches about 320 citizens a year.",
    "Der ansættes 4 nye rådgivere.",
])
def test_a_count_in_figures_is_a_count(sentence):
    assert count_fit(sentence) == 1.0


@pytest.mark.parametrize("sentence", [
    "Der ansættes tre medarbejdere i teamet.",
    "Kommunen opretter fire nye klubber.",
    "Three counsellors will be hired.",
])
def test_a_count_in_words_is_a_count_though_a_figure_is_likelier(sentence):
    assert count_fit(sentence) == WORD_COUNT


@pytest.mark.parametrize("sentence", [
    "Forløbet består af 20 ugers undervisning med praktik.",  # a duration
    "The course lasts 12 months.",
    "Stien er 800 meter lang.",  # a measure
    "Lyset slukkes kl. 22 på hverdage.",  # a time of day
    "Tilbuddet er for unge på 18-29 år.",  # an age span
    "Indsatsen koster 4,8 mio. kr. om året.",  # an amount
    "Andelen steg til 61 pct. i 2029.",  # a share and a year
    "The fire station opens in 2031.",  # (English "fire" is no four)
])
def test_durations_measures_amounts_and_shares_are_no_counts(sentence):
    assert count_fit(sentence) == 0.0


def test_a_unit_the_question_counts_is_a_count():
    assert count_fit("Forløbet varer 12 måneder.", "Hvor mange måneder varer forløbet?") == 1.0


def test_a_figure_the_question_names_is_not_the_count_asked():
    question = "Hvor mange elever kunne ikke løbe 800 meter ved testen?"
    assert count_fit("Ved testen kunne 58 pct. af eleverne løbe 800 meter.", question) == 0.0
    assert count_fit("Heraf kunne ca. 1.900 ikke løbe 800 meter.", question) == 1.0
    q = analyse(question)
    assert type_fit(q, "Heraf kunne ca. 1.900 ikke løbe 800 meter.") > type_fit(
        q, "Ved testen kunne 58 pct. af eleverne løbe 800 meter.")


def test_one_count_answers_alone_only_when_it_counts():
    q = analyse("How many counsellors does the team have?")
    assert one_figure(q, "The team has 14 counsellors.")
    assert not one_figure(q, "The course lasts 12 months.")


@pytest.fixture(scope="module")
def relevance() -> Relevance:
    bridge = EnglishBridge.from_system()
    return Relevance(LexicalIndex(bm25s.BM25(), DanishAnalyzer(["jordemødre", "sundhedsplejersker"], bridge), 0, bridge))


def test_a_total_after_the_counts_it_sums_is_the_count_asked_with_its_lead(relevance):
    question = "Hvor mange sundhedsplejersker skal der ansættes i alt, hvis ordningen gælder hele kommunen?"
    sentence = "Det kræver 9 sundhedsplejersker ud over de 6 i dag, altså 15 i alt."
    groups = relevance.word_groups(question)
    noun = counted_noun(question)
    found = answering(analyse(question), sentence, groups, [1.0] * len(groups),
                      lambda t: set(relevance.analyzer.tokens(t)), overlap, relevance.word_groups(noun))
    assert found is not None and sentence[found.start:found.end] == "altså 15 i alt."
    assert lead_of(sentence, found) == "Det kræver"


def _clause_fact(passage: str, clause: str) -> Fact:
    a = passage.index(clause)
    return Fact(text=clause, passage=passage, highlight=(a, a + len(clause)), source="n.txt", doc_id="n",
                note_id=None, budget_year=2030, title=None, section=None, page=None)


def test_a_clause_is_of_its_leads_year_not_of_a_later_clauses_year():
    later = "Antallet af værestedspladser øges fra 40 til 60 om året; i opstartsåret 2030 er der 48 pladser."
    first = [later[c.start:c.end] for c in clauses(later)][0]
    assert clause_years(_clause_fact(later, first)) == set()  # 2030 is the start year's 48, not the 60
    lead = "I 2029 deltog 140 borgere, heraf 38 pct. kvinder."
    assert clause_years(_clause_fact(lead, "heraf 38 pct. kvinder")) == {2029}
    spanned = "Model B: aflastning i plejefamilier for 20 familier, i alt 27,2 mio. kr. i 2030-2033."
    assert {2030, 2033} <= clause_years(_clause_fact(spanned, "aflastning i plejefamilier for 20 familier"))
