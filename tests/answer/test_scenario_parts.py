"""A sentence that goes through several scenarios is quoted as the part about the scenario asked."""
from __future__ import annotations

import pytest

from budgetarkiv.answer.model import Fact
from budgetarkiv.answer.scenario_parts import recommended_in, scenario_clause, scenarios_named, scenarios_of

LISTED = ("Scenarie 1 giver 1.200 nye pladser ved fire stationer, scenarie 2 giver 2.500 nye pladser ved otte "
          "stationer, og scenarie 3 giver 4.000 nye pladser.")
MARKED = ("Andelen af cykler uden for et stativ skal falde fra 35 pct. til 20 pct. (scenarie 1), 15 pct. (scenarie 2) "
          "eller 10 pct. (scenarie 3) senest i 2028.")


def _fact(text: str, before: str = "Resumé. ") -> Fact:
    passage = before + text
    return Fact(text=text, passage=passage, highlight=(len(before), len(passage)), source="n.txt", doc_id="d",
                note_id="TMF14", budget_year=2025, title="t", section=None, page=1)


@pytest.mark.parametrize("asked, part", [
    (1, "Scenarie 1 giver 1.200 nye pladser ved fire stationer"),
    (2, "scenarie 2 giver 2.500 nye pladser ved otte stationer"),
    (3, "scenarie 3 giver 4.000 nye pladser."),
])
def test_each_scenario_gets_its_own_part_of_a_listing_sentence(asked, part):
    cut = scenario_clause(_fact(LISTED), {asked})
    assert cut.text == part
    assert cut.passage[cut.highlight[0]:cut.highlight[1]] == part  # the part is a span of the passage


@pytest.mark.parametrize("asked, kept, left_out", [
    (1, "til 20 pct. (scenarie 1)", ["15 pct.", "10 pct."]),
    (2, "15 pct. (scenarie 2) … senest i 2028", ["20 pct.", "10 pct."]),
    (3, "10 pct. (scenarie 3) senest i 2028", ["20 pct.", "15 pct."]),
])
def test_a_figure_marked_with_its_scenario_keeps_the_sentences_head_and_end(asked, kept, left_out):
    cut = scenario_clause(_fact(MARKED), {asked})
    assert cut.text.startswith("Andelen af cykler uden for et stativ skal falde fra 35 pct.")
    assert kept in cut.text and not any(x in cut.text for x in left_out)


def test_a_sentence_about_one_scenario_or_about_several_asked_is_kept_whole():
    one = _fact("Scenarie 2 kræver en lokalaftale.")
    assert scenario_clause(one, {2}) == one
    assert scenario_clause(_fact(LISTED), {1, 2}).text == LISTED
    assert scenarios_named(LISTED) == {1, 2, 3}


def test_models_named_by_letter_are_cut_the_same_way():
    text = "Model A giver 6 ekstra pladser, model B giver 20 plejefamilier, og model C giver et nyt hus med 8 pladser."
    assert scenario_clause(_fact(text), {2}).text == "model B giver 20 plejefamilier"


@pytest.mark.parametrize("before, sentence, scenarios", [
    ("Løsningerne Løsning 1: Bussen kører to dage. ", "Forventet ca. 450 patienter om året.", {1}),
    ("Løsning 1: To dage. Forventet 450.\nLøsning 2: Fire dage om ugen. ", "Forventet ca. 900 patienter om året.", {2}),
    ("Niveau 3 – tre havnebade. ", "Ca. 26.000 besøg pr. vinter.", {3}),
    ("Løsning 3: Som Løsning 2 med klinik.\n", "Forvaltningen anbefaler Løsning 2.", {2}),  # it names its own
    ("Løsning 3: Som Løsning 2 med klinik.\n", "Pilotforløbet nåede 312 borgere.", set()),  # a new paragraph
    ("Resumé. ", "Forventet ca. 900 patienter om året.", set()),
])
def test_a_sentence_in_an_alternatives_item_is_about_that_alternative(before, sentence, scenarios):
    assert scenarios_of(_fact(sentence, before)) == scenarios


@pytest.mark.parametrize("text, number", [
    ("Løsning 1: to dage. Løsning 2: fire dage. Forvaltningen anbefaler Løsning 2, fordi den dækker flest.", 2),
    ("Økonomiforvaltningen anbefaler Alternativ I, fordi besparelsen er større.", 1),
    ("Forvaltningen anbefaler Option A. Option B kan vælges senere.", 1),
    ("Forvaltningen anbefaler, at udvalget vælger mellem Model A og Model B.", None),  # two named: no choice
    ("Model A og Model B koster forskelligt.", None),
])
def test_the_alternative_a_note_recommends(text, number):
    assert recommended_in(text) == number


@pytest.mark.parametrize("sentence, about", [
    ("Med Model 1 og 2 ventes en stigning til 40 pct.", {1, 2}),  # a list of alternatives: each of them
    ("Ventes at nå 70 pct. i 2030 med Variant B eller C.", {2, 3}),
    ("Variant D: som Variant C og desuden en ekstra bus om lørdagen.", {4}),  # "som Variant C": a reference
    ("Alternativ 3 omfatter Alternativ 2 og en ny rampe.", {3}),
    ("Pladserne indrettes i kælderen.", set()),
])
def test_the_alternatives_a_sentence_is_about(sentence, about):
    from budgetarkiv.answer.scenario_parts import scenarios_at
    assert scenarios_at(sentence, 0, sentence) == about


def test_an_alternative_built_on_another_shares_what_is_said_of_it():
    from budgetarkiv.answer.scenario_parts import built_on
    texts = ["Model 2: to værksteder i Valby og Vanløse.", "Model 3: som Model 2 og desuden et værksted i Sydhavn.",
             "Model 4: som Model 3 og desuden et værksted på Amager."]
    assert built_on(texts, {3}) == {2}
    assert built_on(texts, {2}) == set()


def test_a_mention_by_reference_does_not_cut_the_sentence():
    text = "Variant C: som Variant B og desuden natåbent i weekenden, i alt 14 timer om ugen."
    assert scenario_clause(_fact(text), {3}).text == text
