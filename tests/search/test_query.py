"""Question analysis: what a question asks, about what, and for which years — without an index."""
from __future__ import annotations

import re

import pytest

from budgetarkiv.search.query import (
    analyse,
    comparison_sides,
    proposal_words,
    route,
    subject_parts,
    subject_words,
)


def test_a_year_in_the_question_selects_amount_columns_not_the_budget_year():
    q = analyse("Hvad koster Perspektiv i 2026?")
    assert q.years == (2026,) and q.budget_year is None
    assert q.answer_type == "amount" and q.language == "da"
    assert "2026" not in q.search_text and "Perspektiv" in q.search_text


@pytest.mark.parametrize("question", [
    "Hvilke bevillinger udløber i Budget 2026?",
    "Hvad blev der foreslået i budgetåret 2026?",
])
def test_only_budget_or_budgetaaret_names_the_notes_budget_year(question):
    q = analyse(question)
    assert q.budget_year == 2026 and q.years == ()
    assert "2026" in q.search_text


@pytest.mark.parametrize("question", [
    "What was the net total of the 2026 proposal over its three years?",
    "Hvad kostede 2026-forslaget i alt?",
    "Hvad stod der i budgetnotatet fra 2026 om målgruppen?",
])
def test_a_year_naming_a_proposal_or_note_is_its_budget_year(question):
    q = analyse(question)
    assert q.budget_year == 2026 and q.years == ()


def test_a_year_after_a_proposals_amount_stays_an_amount_year():
    q = analyse("Hvor meget sparer forslaget i 2026?")
    assert q.years == (2026,) and q.budget_year is None


def test_a_period_selects_every_year_in_it():
    q = analyse("Hvad koster Perspektiv i alt i perioden 2024-2027?")
    assert q.years == (2024, 2025, 2026, 2027)
    assert q.whole_period


def test_an_agreement_year_is_an_earlier_grant_not_an_amount_column():
    q = analyse("Hvor mange penge fik Perspektiv med Budgetaftale 2020?")
    assert q.agreement_years == (2020,) and q.years == () and q.budget_year is None
    assert q.earlier


def test_dates_are_neither_amount_years_nor_budget_years():
    q = analyse("Hvor mange elever ventede på et specialskoletilbud pr. 1. februar 2023?")
    assert q.years == () and q.budget_year is None
    assert q.answer_type == "count"


def test_scenarios_named_make_a_comparison():
    q = analyse("Hvad koster scenarie 1 og scenarie 2 for Perspektiv i 2026?")
    assert q.scenarios == (1, 2) and q.years == (2026,)
    assert q.answer_type == "comparison"


@pytest.mark.parametrize("question, kind", [
    ("Hvad koster Perspektiv i 2026?", "amount"),
    ("Hvad koster alle indsatserne tilsammen i 2026?", "sum"),
    ("Hvad koster Sprogløft i 2022 og 2023 tilsammen?", "sum"),
    ("Hvor mange familier indgår i pilotforsøget?", "count"),
    ("Hvor stor en andel af deltagerne fik job?", "percent"),
    ("Hvad var målsætningen for ordinær beskæftigelse i Perspektiv?", "goal"),
    ("Nåede indsatsen sit mål? Hvad var målet, og hvad blev resultatet?", "result"),
    ("Hvem har underskrevet svaret til Gyda Heding?", "person"),
    ("Who signed the reply?", "person"),
    ("Hvornår åbner de nye klubtilbud?", "date"),
    ("Hvilke indsatser er rettet mod negativ social kontrol?", "list"),
    ("Hvad er der tidligere afsat til Perspektiv, og med hvilken budgetaftale?", "history"),
    ("Hvilke programmer har haft note-id BI18, og i hvilke budgetår?", "history"),
    ("How much would the two scenarios cost compared with each other?", "comparison"),
    ("Hvad går indsatsen ud på?", "fact"),
])
def test_answer_types(question, kind):
    assert analyse(question).answer_type == kind


def test_goal_and_result_are_told_apart():
    goal = analyse("Hvad var målsætningen for ordinær beskæftigelse i Perspektiv?")
    result = analyse("Hvor mange af deltagerne fik job?")
    assert goal.wants_goal and not goal.wants_result
    assert result.wants_result and not result.wants_goal


def test_language_and_note_ids():
    q = analyse("What does BI23 cost per year?")
    assert q.language == "en" and q.note_ids == ("BI23",)
    assert analyse("Hvad sparer SUF E3?").note_ids == ("SUF E3",)


def test_subject_words_leave_out_question_words():
    assert subject_words("Hvad koster Perspektiv om året?") == ("perspektiv",)
    assert subject_words("How many citizens took part in Perspektiv?") == ("citizens", "took", "part", "perspektiv")


@pytest.mark.parametrize("question, intents", [
    ("Hvilke indsatser er rettet mod negativ social kontrol, og hvad koster de?", ("list", "cost")),
    ("Hvad koster videreførelsen af Perspektiv om året?", ("cost",)),
    ("Hvilke resultater har indsatsen vist?", ("fact",)),
    ("Perspektiv", ("fact",)),
])
def test_route_says_which_parts_the_answer_shows(question, intents):
    assert route(question) == intents
    assert analyse(question).intents == intents


@pytest.mark.parametrize("question", [
    "What do the two programmes cost together in 2028 (both in 2025 prices)?",
    "Hvad koster indsatsen i 2028 i 2025-priser?",
    "Hvad koster indsatsen i 2028 (2025 p/l)?",
    "Hvad koster indsatsen i 2028 i pris- og lønniveau 2025?",
])
def test_a_price_level_year_is_not_a_year_asked(question):
    q = analyse(question)
    assert q.years == (2028,) and q.budget_year is None


def test_together_in_english_asks_for_a_sum():
    assert analyse("What do the youth clubs and the team cost together in 2028?").answer_type == "sum"
    assert analyse("What do the clubs and the team cost combined in 2028?").answer_type == "sum"


def test_a_net_financial_effect_is_an_amount():
    q = analyse("What is the net financial effect of the proposal over 2024-2027?")
    assert q.answer_type == "amount" and q.years == (2024, 2025, 2026, 2027)


def test_budget_vocabulary_says_nothing_about_the_subject():
    """Words every money question may use (forslag, udgift, save, net) are not the subject."""
    assert subject_words("Hvad er den årlige udgift til forslaget om lektiecafeer?") == ("lektiecafeer",)
    assert subject_words("How much does the proposal to merge night watches save?") == ("merge", "night", "watches")


@pytest.mark.parametrize("question, asks", [
    ("Nåede indsatsen sit mål? Hvad var målet, og hvad blev resultatet?",
     ("Nåede indsatsen sit mål", "Hvad var målet", "hvad blev resultatet")),
    ("How much office space does the municipality rent, and what is the yearly rent?",
     ("How much office space does the municipality rent", "what is the yearly rent")),
    ("Hvor mange deltog i forløbet og hvor mange fik job?", ("Hvor mange deltog i forløbet", "hvor mange fik job")),
    ("Hvad koster Perspektiv og BI23 tilsammen?", ()),  # one thing asked about two notes
    ("Hvad er der tidligere afsat til Perspektiv, og med hvilken budgetaftale?", ()),
])
def test_a_question_asking_several_things_is_split_into_its_asks(question, asks):
    assert analyse(question).asks == asks


def test_meeting_a_target_asks_for_the_goal_and_the_result():
    q = analyse("Did the team meet its target for keeping the flat?")
    assert q.wants_goal and q.wants_result and q.answer_type == "result"


@pytest.mark.parametrize("question, kind, left_out, kept", [
    ("Which council member asked about waiting times for special schools?", "person",
     ("council", "member", "asked"), ("waiting", "special")),
    ("What is the job title of the person who signed the letter on waiting times?", "person",
     ("job", "title", "signed", "letter"), ("waiting", "times")),
    ("Hvornår holdt udvalget møde om budgetnotaterne?", "date", ("holdt", "møde"), ("udvalget", "budgetnotaterne")),
    ("Hvad koster mødet i lokaludvalget?", "amount", (), ("mødet",)),  # only a person's or a date's type words
])
def test_the_subject_text_leaves_out_the_words_that_say_what_kind_of_answer_is_wanted(question, kind, left_out, kept):
    q = analyse(question)
    assert q.answer_type == kind
    words = q.subject_text.lower().split()
    assert not set(left_out) & set(words)
    assert all(any(w.startswith(k) for w in words) for k in kept)


@pytest.mark.parametrize("question", [
    "Which council member asked about the waiting lists?",
    "Hvilken forening søgte puljen om penge til motion?",
    "Which organisation applied for the grant?",
])
def test_which_member_or_association_is_a_person_not_a_list(question):
    q = analyse(question)
    assert q.answer_type == "person" and "list" not in q.intents


@pytest.mark.parametrize("question, version", [
    ("Hvad er målet i den endelige version af notatet?", "final"),
    ("What is the target in the final budget note?", "final"),
    ("Hvad koster forslaget ifølge den opdaterede version?", "final"),
    ("What does the revised note say Option 2 costs?", "final"),
    ("Hvilket beløb står der i det rettede notat?", "final"),
    ("Hvad stod der i udkastet?", "draft"),
    ("What did the draft say about the target?", "draft"),
    ("Hvad blev endelig besluttet om klubberne?", None),  # "endelig" as "in the end", not a version
    ("Hvad koster Perspektiv?", None),
])
def test_a_version_named_in_the_question(question, version):
    assert analyse(question).version == version


def test_a_question_naming_two_subjects_is_split_into_parts():
    from budgetarkiv.search.query import subject_parts

    assert subject_parts("Hvad koster klubberne og Housing First-teamet tilsammen?") == (
        "Hvad koster klubberne", "Housing First-teamet tilsammen?")
    assert subject_parts("Hvad koster Sprogløft i 2022 og 2023 tilsammen?") == ()  # one subject, two years


@pytest.mark.parametrize("question", [
    "Hvad skete der med forslaget om flere klubpladser efter budgetnotatet?",
    "What happened to the proposal for more youth clubs?",
])
def test_what_became_of_a_proposal_is_a_history_question(question):
    assert analyse(question).answer_type == "history"


def test_how_amounts_are_put_together_is_not_what_the_archive_must_speak_of():
    """'Sammenlign', 'tilsammen' say how to combine amounts: the coverage check reads the rest."""
    assert "Sammenlign" not in analyse("Sammenlign udgiften til Sprogløft i 2022 og 2025").subject_text
    assert "tilsammen" not in analyse("Hvad koster klubberne og teamet tilsammen i 2028?").subject_text
    assert "Sprogløft" in analyse("Sammenlign udgiften til Sprogløft i 2022 og 2025").subject_text


def test_money_set_aside_for_a_year_is_the_proposal_not_an_earlier_grant():
    """'er der afsat ... i 2028' asks for the 2028 column; 'blev der afsat', 'tidligere', 'Budgetaftale' ask
    for money granted before."""
    q = analyse("Hvor meget er der afsat til lokaludvalgenes pulje i 2028?")
    assert not q.earlier and q.years == (2028,)
    assert analyse("Hvor meget blev der afsat til puljen i 2020?").earlier
    assert analyse("Hvad er der tidligere afsat til puljen?").earlier


def test_capital_and_investment_are_money_words():
    assert analyse("How much capital investment does the street lighting need?").answer_type == "amount"


def test_a_comparison_of_two_subjects_is_split_at_its_connective():
    from budgetarkiv.search.query import subject_parts

    assert subject_parts("Hvad koster skøjtebanen i forhold til lektiecaféerne?") == (
        "Hvad koster skøjtebanen", "lektiecaféerne?")
    assert subject_parts("What does the rink cost compared with the homework cafés?") == (
        "What does the rink cost", "the homework cafés?")


@pytest.mark.parametrize("question", [
    "What is the difference between the two scenarios for the acute team in 2027?",
    "Hvad er forskellen på de to scenarier for akutteamet?",
])
def test_a_difference_between_unnumbered_scenarios_is_a_comparison(question):
    assert analyse(question).answer_type == "comparison"


def test_money_from_budget_agreements_in_total_is_a_sum_of_earlier_grants():
    q = analyse("Hvor meget har Sprogløft fået i alt fra tidligere budgetaftaler?")
    assert q.answer_type == "sum" and q.earlier


def test_the_first_year_asks_for_the_first_column_not_a_year_named():
    """'det første år' / 'in its first year' names no year: the note's first table year answers it."""
    q = analyse("What was the net cost of the shelter in its first year?")
    assert q.first_year and q.years == ()
    assert analyse("Hvad koster forslaget det første år?").first_year
    assert not analyse("Hvad koster forslaget i 2026?").first_year


def test_a_steering_area_asked_in_total_is_a_money_question():
    """'hvor meget skal der i alt bruges på anlæg': anlæg is budget vocabulary (capital), 'skal' no goal."""
    q = analyse("Hvor meget skal der i alt bruges på anlæg i scenarie 3 for parkeringen?")
    assert q.answer_type == "amount" and q.says_total
    assert not analyse("Hvad koster scenarie 2 i 2027?").says_total


def test_several_agreements_named_together_are_agreement_years_not_columns():
    q = analyse("Hvor meget blev der samlet afsat til puljen med budgetaftalerne for 2024 og 2026?")
    assert q.agreement_years == (2024, 2026) and q.years == () and q.answer_type == "sum"
    assert analyse("What did the budget agreements of 2019 and 2023 grant the programme?").agreement_years == (2019, 2023)
    # the singular may be the agreement deciding that budget's notes: a year of amounts, no earlier grant named
    assert analyse("Hvor mange penge giver budgetaftalen for 2025 til klubberne?").agreement_years == ()


@pytest.mark.parametrize("question", [
    "Has the note id BUF04 been used before, and for what?",
    "Hvornår blev der første gang afsat penge til puljen?",
])
def test_a_note_ids_earlier_use_or_the_first_grant_is_a_history_question(question):
    assert analyse(question).answer_type == "history"


def test_the_highest_amount_of_a_year_is_one_amount_not_a_list():
    q = analyse("Which scenario has the highest running costs in 2028, and how high are they?")
    assert q.answer_type == "amount" and q.extreme == "max" and q.years == (2028,)
    assert analyse("Hvilket scenarie er billigst i 2026?").extreme is None  # 'billigst' is no superlative form here
    assert analyse("Hvilket scenarie er det billigste i 2026?").extreme == "min"


def test_which_of_two_named_alternatives_costs_or_saves_most_is_a_comparison_of_both():
    from budgetarkiv.search.query import subject_parts

    question = "Hvilket forslag sparer mest om året: grønne tage på skolerne eller nye cykelstier?"
    assert analyse(question).answer_type == "comparison"
    assert subject_parts(question) == ("grønne tage på skolerne", "nye cykelstier?")
    assert analyse("Which costs most, the ferry or the bridge?").answer_type == "comparison"
    assert analyse("Hvilket forslag koster mest?").answer_type != "comparison"  # no alternatives named
    assert subject_parts("Hvad koster cykelstier eller busbaner?") == ()  # no 'which ... most'


def test_fully_phased_in_asks_for_the_lasting_level_not_a_year():
    q = analyse("Hvilket forslag sparer mest om året, når det er fuldt indfaset: parkerne eller vaskeriet?")
    assert q.fully_phased_in and q.years == ()
    assert analyse("What does it save a year once fully phased in?").fully_phased_in
    assert not analyse("Hvad sparer forslaget i 2026?").fully_phased_in


@pytest.mark.parametrize("question, whole", [
    ("Hvor meget dyrere er scenarie 3 end scenarie 1, set over hele perioden?", True),
    ("Hvad koster det over de fire år?", True),
    ("Hvad koster det i alle årene?", True),
    ("Over its three years, what was the net total of the proposal?", True),
    ("What does it cost across the whole period?", True),
    ("Hvad koster Niveau 2 i alt for begge vintre?", True),
    ("What does the pilot cost for both years?", True),
    ("Hvad koster det i 2027?", False),
    ("Hvad koster det i de første år?", False),  # the first years are a part, not the whole
    ("What is the total for the years 2026-2028?", False),  # the years asked say which
])
def test_the_whole_period_is_asked_in_several_phrasings(question, whole):
    assert analyse(question).whole_period is whole


@pytest.mark.parametrize("question, count, scenarios", [
    ("How many new parking spaces would the medium scenario create?", 3, (2,)),
    ("Hvad koster det mellemste ambitionsniveau i 2026?", 3, (2,)),
    ("What would the most ambitious model cost?", 4, (4,)),
    ("Hvad koster den mindste model?", 3, (1,)),
    ("How many spaces would the medium scenario create?", 4, ()),  # no single middle of four
    ("Hvad koster scenarie 3 i 2026?", 3, (3,)),  # a number named wins
    ("Hvad koster forslaget i 2026?", 3, ()),
])
def test_a_scenario_named_by_its_place_among_the_notes_scenarios(question, count, scenarios):
    assert analyse(question).with_ranked_scenario(count).scenarios == scenarios


@pytest.mark.parametrize("question", [
    "How much had already been set aside for the programme for 2026, before the Budget 2027 proposal?",
    "Hvor meget var der allerede afsat til indsatsen i 2026?",
    "Hvad har indsatsen hidtil fået?",
    "How much has been allocated to the programme so far?",
])
def test_money_already_set_aside_is_an_earlier_grant(question):
    assert analyse(question).earlier


@pytest.mark.parametrize("question, kind", [
    ("Hvad vil de faste teams koste i 2028 efter budgetnotatet til Budget 2027?", "amount"),  # according to it
    ("Hvad skete der med forslaget efter budgetnotatet?", "history"),
    ("What happened after the budget note?", "history"),
])
def test_after_the_note_is_history_but_according_to_the_note_of_a_year_is_not(question, kind):
    assert analyse(question).answer_type == kind


@pytest.mark.parametrize("question", [
    "Hvad koster mest i 2029: ombygningen af naturfagslokalerne eller de nye madkundskabslokaler?",
    "In 2029, which costs more: rebuilding the science labs or the new food technology rooms?",
    "Hvilket scenarie er dyrest, scenarie 1 eller scenarie 2?",
])
def test_a_choice_between_two_named_things_is_a_comparison(question):
    assert analyse(question).answer_type == "comparison"


@pytest.mark.parametrize("question, scenarios", [
    ("Hvad koster model B i 2027?", (2,)),
    ("What would Model C cost in 2028?", (3,)),
    ("Hvad er forskellen på variant 1 og variant 2?", (1, 2)),
    ("Hvad koster den udvidede model?", ()),  # named by its heading, not by number: the note says which
])
def test_alternatives_named_model_or_variant_are_scenarios(question, scenarios):
    assert analyse(question).scenarios == scenarios


@pytest.mark.parametrize("question, kind", [
    ("Hvor mange regnbede skal der anlægges i Bispebjerg?", "count"),  # "skal" and "anlægges": no goal, no money
    ("Hvor mange skal i job ifølge målet?", "goal"),
    ("Hvad er anlægsudgiften?", "amount"),
])
def test_how_many_with_skal_is_a_count_unless_a_goal_is_named(question, kind):
    assert analyse(question).answer_type == kind


@pytest.mark.parametrize("question, kind", [
    ("Hvor mange stillinger nedlægger spareforslaget?", "count"),  # a thing counted, though "spare" is money
    ("How many posts does the efficiency proposal save?", "count"),
    ("Hvor mange penge sparer spareforslaget?", "amount"),
    ("Hvor mange kroner koster det i 2031?", "amount"),
    ("Hvor mange pladser er der, og hvad koster de om året?", "amount"),  # a second ask for money
])
def test_how_many_things_is_a_count_even_when_the_subject_speaks_of_money(question, kind):
    assert analyse(question).answer_type == kind


@pytest.mark.parametrize("question, kind", [
    ("Hvor skal forsinkelsesbassinet placeres?", "fact"),  # a place, though "skal"
    ("Where will the basin be placed?", "fact"),
    ("Hvor stor en andel skal bestå prøven?", "goal"),
])
def test_where_something_shall_be_is_a_fact_not_a_goal(question, kind):
    assert analyse(question).answer_type == kind


@pytest.mark.parametrize("question, first_years, first_year", [
    ("Hvor meget sparer forslaget i alt over de første to år?", 2, False),
    ("Hvad koster indsatsen i de to første år?", 2, False),
    ("What does it cost in total in the first three years?", 3, False),
    ("Hvad koster indsatsen det første år?", 0, True),
    ("Hvad koster indsatsen?", 0, False),
])
def test_the_first_years_of_a_table_asked_by_count(question, first_years, first_year):
    q = analyse(question)
    assert (q.first_years, q.first_year) == (first_years, first_year)


@pytest.mark.parametrize("question", [
    "Adding up 2026 and 2027, how much would Model A cost?",
    "What do Model A's 2026 and 2027 amounts add up to?",
    "Hvad bliver udgifterne i 2026 og 2027 lagt sammen?",
])
def test_adding_up_asks_for_a_sum(question):
    assert analyse(question).answer_type == "sum"


def test_named_rows_added_up_are_a_sum_without_a_money_word():
    q = analyse("In the rehabilitation proposal, what do the staff row and the home visits row add up to in 2028?")
    assert q.answer_type == "sum" and q.years == (2028,)


def test_which_is_larger_of_two_named_amounts_is_a_comparison():
    q = analyse("Which is larger: the net cost in 2027 under the original note, or in 2028 under the continuation?")
    assert q.answer_type == "comparison" and q.years == (2027, 2028)


def test_the_difference_of_two_alternatives_named_by_heading_is_a_comparison_of_one_proposal():
    q = analyse("Hvad er forskellen på grundmodellen og den udvidede model for ordningen i 2027?")
    assert q.answer_type == "comparison" and q.years == (2027,)
    assert subject_parts(q.search_text) == ()  # two alternatives of one proposal, not two programmes
    assert subject_parts("Hvad koster klubberne og Housing First-teamet tilsammen?")  # two subjects


def test_a_first_year_compared_with_a_full_year_asks_for_the_first_and_the_lasting_column():
    q = analyse("How much does the proposal save in its first year compared with a full year?")
    assert q.first_year and q.fully_phased_in and q.answer_type == "comparison"
    assert not analyse("Hvad koster forslaget det første hele år?").fully_phased_in


@pytest.mark.parametrize(("question", "words"), [
    ("Hvad koster udeskole-forslaget og Jobspor tilsammen i 2026?", ("udeskole",)),
    ("Hvad koster naturvejlederne i forslaget om udeskole i 2025?", ("udeskole",)),
    ("How much does the printer proposal save in its first year?", ("printer",)),
    ("What does the proposal for a culture pass cost in 2026?", ("culture", "pass")),
    ("Hvad koster forslaget i 2026?", ()),
])
def test_the_words_naming_the_proposal_itself_are_found(question, words):
    assert proposal_words(question) == words


def test_a_change_from_the_draft_to_the_final_version_compares_the_versions():
    q = analyse("Hvordan har budgetønsket ændret sig fra første udkast i april 2023 til den endelige version?")
    assert q.compares_versions and q.answer_type == "comparison" and q.years == ()
    assert not analyse("Hvad stod der i udkastet om målgruppen?").compares_versions


def test_the_two_sides_of_a_comparison():
    assert comparison_sides("How much was granted compared with what was applied for?") == (
        "How much was granted", "what was applied for")
    assert comparison_sides("Hvad koster X?") == ()


@pytest.mark.parametrize("question, recommended", [
    ("Hvor mange patienter behandler tandbussen i den løsning, forvaltningen anbefaler?", True),
    ("How much does the recommended option cost per year?", True),
    ("Hvad koster den indstillede model i 2027?", True),
    ("Hvad koster Løsning 2 i 2027?", False),
])
def test_the_recommended_alternative_is_asked_for(question, recommended):
    assert analyse(question).recommended is recommended


@pytest.mark.parametrize("question, kind", [
    ("SUF61 løsning 3 2030?", "amount"),
    ("KFF12 2028", "amount"),
    ("tandbus Løsning 2 2029", "amount"),
    ("Hvem er kontaktperson for SUF61 i 2028?", "person"),
    ("SUF61 mål 2030?", "goal"),
])
def test_a_search_box_question_of_a_note_and_a_year_asks_its_amount(question, kind):
    q = analyse(question)
    assert q.answer_type == kind
    assert ("cost" in q.intents) is (kind == "amount")


@pytest.mark.parametrize("question, kind", [
    ("Hvor mange procent af deltagerne var kvinder i 2026?", "percent"),  # a share, asked as "hvor mange"
    ("How many percent of the pupils could swim?", "percent"),
    ("Hvor mange af deltagerne var kvinder?", "count"),
    # "who" after a noun is a relative pronoun, not a question for a person
    ("What share of the young people who got a culture pass used it three times?", "percent"),
    ("Who signed the reply?", "person"),
    ("To whom was the reply sent?", "person"),
    ("What is Perspektiv and who is it for?", "person"),
])
def test_a_share_asked_as_how_many_and_a_relative_who(question, kind):
    assert analyse(question).answer_type == kind


def test_the_word_percent_says_what_kind_of_figure_not_what_about():
    """The notes write "pct.": "procent" in the question is no subject word the archive must hold."""
    q = analyse("Hvor mange procent af deltagerne i Jobspor var kvinder i 2026?")
    assert "procent" not in q.subject_text.lower() and "kvinder" in q.subject_text


@pytest.mark.parametrize("question, goal, result", [
    ("What share of children who get their fees paid should still be active a year later?", True, False),
    ("Hvor stor en andel boede stadig i boligen et år efter?", False, True),
    ("What share of the refugees are supposed to pass the test?", True, False),
])
def test_still_with_a_goals_modal_asks_for_the_goal(question, goal, result):
    q = analyse(question)
    assert (q.wants_goal, q.wants_result) == (goal, result)


@pytest.mark.parametrize("question", [
    "How many course participants a year is it sized for once it is fully running?",
    "Hvor mange borgere kan få et forløb, når ordningen er i fuld drift?",
])
def test_fully_running_asks_for_the_lasting_level(question):
    assert analyse(question).fully_phased_in
def test_alternatives_named_as_solutions_or_options_are_one_proposals():
    q = analyse("What is the difference between the small solution and the full solution in 2027?")
    assert q.answer_type == "comparison" and subject_parts(q.search_text) == ()
    assert subject_parts("Hvad koster Option A og Option B tilsammen?") == ()




@pytest.mark.parametrize("question, per_year", [
    ("Hvor meget koster Niveau 3 i havnebadene om året?", True),
    ("How much does the recommended option cost per year?", True),
    ("Hvad er den årlige udgift?", False),  # (an adjective: the note's yearly row may be asked)
    ("Hvad koster det i alt over perioden?", False),
])
def test_amounts_asked_per_year(question, per_year):
    assert analyse(question).per_year is per_year


def test_earlier_says_what_kind_of_answer_not_what_about():
    """ "Er der tidligere givet penge til tandbussen?": the archive must speak of the bus, not of 'tidligere'."""
    q = analyse("Er der tidligere givet penge til tandbussen?")
    assert q.earlier and "tidligere" not in q.subject and "tandbussen" in q.subject


@pytest.mark.parametrize("question, scenarios", [
    ("Forskel på Forslag 1 og 2 i 2027 for tandplejen?", (1, 2)),
    ("What is the difference between Option A and B in 2029?", (1, 2)),
    ("Hvad koster Løsning 2 eller 3 i 2028?", (2, 3)),
])
def test_alternatives_listed_after_one_kind_word_are_each_named(question, scenarios):
    """ "Forslag 1 og 2" names both proposals, as "Forslag 1 og Forslag 2" does."""
    q = analyse(question)
    assert q.scenarios == scenarios


@pytest.mark.parametrize("question, excluded, gross, kind", [
    ("Hvad koster ombygningen i alt, uden rådgivning og tilsyn?", "rådgivning og tilsyn", False, "sum"),
    ("What does the depot cost in total excluding demolition in 2027?", "demolition", False, "sum"),
    ("Hvad er bruttoudgiften til vejledningen i 2026-2028?", "", True, "sum"),
    ("What are the gross costs of Model B, before the savings on housing benefit?", "", True, "sum"),
    ("Hvad koster forslaget i alt før besparelserne?", "", True, "sum"),
    ("Hvad koster tilbuddet til unge uden uddannelse?", "uddannelse", False, "amount"),  # a group, no sum asked
    ("Hvad koster tilbuddet til unge uden uddannelse i alt i 2027?", "uddannelse", False, "sum"),
])
def test_rows_left_out_of_a_sum_and_gross_costs(question, excluded, gross, kind):
    """ "uden X" / "excluding X" names rows a sum leaves out (the year after it says when, not which rows);
    "brutto", "gross", "før besparelserne" ask for the expenditure rows without the savings."""
    q = analyse(question)
    assert (q.excluded, q.gross, q.answer_type) == (excluded, gross, kind)


@pytest.mark.parametrize("question", [
    "Hvor meget steg Model B i alt fra udkastet til den opdaterede version?",
    "Hvad er forskellen mellem udkastet og den reviderede version af notatet i 2028?",
    "How much did the proposal rise from the draft to the updated version?",
])
def test_an_updated_or_revised_version_against_the_draft_compares_the_versions(question):
    q = analyse(question)
    assert q.compares_versions and q.answer_type == "comparison"


def test_what_a_version_changed_without_amounts_is_no_amount_comparison():
    q = analyse("What did the updated version change compared with the draft?")
    assert q.compares_versions and q.answer_type != "comparison"


@pytest.mark.parametrize("question, choice", [
    ("Er Model A eller Model B billigst over hele perioden?", "min"),
    ("Which costs more in 2027: the depot or the workshop?", "max"),
    ("Hvad sparer mest i 2028 – SOF R2 eller SOF R5?", "max"),
    ("Hvad koster Model A og Model B i 2027?", None),  # no choice: both asked
])
def test_a_choice_between_two_things_says_which_one_is_asked_for(question, choice):
    assert analyse(question).choice == choice


@pytest.mark.parametrize("question, over", [
    ("How much more does Model C cost than Model B over 2027-2030?", True),
    ("Hvor meget dyrere er Model C end Model B samlet set?", True),
    ("Hvad er forskellen på Model B og C i 2028?", False),
    ("Hvad koster Model B og C i 2027 og 2028?", False),  # two years named: each of them
    ("Hvad koster Model B og C om året i 2027-2030?", False),  # per year
])
def test_a_period_asked_as_one_span_compares_the_periods_amounts(question, over):
    assert analyse(question).over_period is over


def test_how_much_goes_to_something_is_a_money_question():
    assert analyse("How much goes to the reading groups in Valby and Vanløse together per year?").answer_type == "sum"


@pytest.mark.parametrize(("question", "budget"), [
    ("Hvad kostede BI18 i 2018?", True),  # the note named by its id
    ("How much was budgeted in 2018 for the family programme?", True),
    ("Hvor meget blev der afsat til lektiecaféerne i 2026?", True),
    ("How much does merging the two music schools' administration save in 2028?", False),
    ("Hvad koster lønnen til værterne i 2028?", False),
])
def test_a_year_may_name_a_budget_when_the_question_speaks_of_budgeting_or_names_the_note(question, budget):
    assert analyse(question).speaks_of_a_budget is budget


@pytest.mark.parametrize("question", [
    "Hvordan er parkløbet blevet finansieret tidligere?",
    "When was money first set aside for the bridge study?",
])
def test_how_a_scheme_was_paid_for_before_is_a_history_question(question):
    assert analyse(question).answer_type == "history"


@pytest.mark.parametrize("question", [
    "What are the four measures in the proposal?",
    "Hvad er de tre dele af forløbet?",
    "Hvad skal pengene til haverne bruges til?",
])
def test_the_parts_of_one_thing_are_a_list_question(question):
    assert "list" in analyse(question).intents


@pytest.mark.parametrize("question", [
    "Hvem kan give yderligere oplysninger om haverne?",
    "Who chaired the meeting about the harbour bus?",
    "Hvem har skrevet under på svaret om haverne?",
])
def test_the_word_for_the_role_asked_is_no_subject_word(question):
    subject = analyse(question).subject_text.lower()
    assert not any(w in subject for w in ("oplysninger", "chaired", "skrevet under"))


@pytest.mark.parametrize(("question", "note_ids"), [
    ("Hvad koster KFF 31 i 2031?", ("KFF31",)),
    ("What does BIF E 6 save?", ("BIF E6",)),
    ("Hvad koster KFF31 og BIF E6 tilsammen?", ("KFF31", "BIF E6")),
])
def test_a_note_id_written_with_a_space_before_its_digits_is_the_same_id(question, note_ids):
    assert analyse(question).note_ids == note_ids


@pytest.mark.parametrize(("question", "offsets"), [
    ("Hvad koster vinterberedskabet i BO2?", (2,)),
    ("Hvad er forskellen på udgiften i budgetåret og i BO1?", (0, 1)),
    ("Hvor meget er afsat i 3. overslagsår?", (3,)),
    ("Hvad er nettoudgiften i andet overslagsår?", (2,)),
    ("What does the programme cost in the second outlook year?", (2,)),
    ("Hvad koster det i budgetåret 2031?", ()),  # a budget year by its number: the note's year, not a column
    ("Hvad koster BO12-projektet?", ()),
])
def test_a_year_named_by_its_place_in_the_budget_period_is_an_offset(question: str, offsets: tuple[int, ...]) -> None:
    assert analyse(question).period_years == offsets


@pytest.mark.parametrize("question", [
    "Hvad stod der i den første version af MIF 12 om antal tage?",
    "What did the original note on green roofs say about the number of roofs?",
])
def test_the_first_version_of_a_corrected_note_is_its_draft_and_names_no_subject(question):
    """A note corrected later: its first version is the one asked, and "den første version" says which version,
    not what the note must speak of."""
    q = analyse(question)
    assert q.version == "draft"
    assert not re.search(r"første|original|version|note\b", q.subject_text, re.IGNORECASE)


def test_a_corrected_version_against_the_first_compares_the_versions():
    q = analyse("By how much did the corrected version of MIF 12 raise the cost compared with the first version?")
    assert q.compares_versions and "corrected" not in q.subject_text


@pytest.mark.parametrize("question, kind", [
    ("Hvilke biblioteker skal have søndagsåbent?", "list"),
    ("Which libraries should open on Sundays?", "list"),
    ("Hvilke mål skal bibliotekerne nå?", "goal"),  # a goal named: still a goal
])
def test_shall_in_a_which_question_asks_for_a_list_not_a_goal(question, kind):
    assert analyse(question).answer_type == kind


def test_a_first_year_written_with_a_hyphen_is_the_first_year():
    assert analyse("Compare the first-year cost of the two models for the bike sheds.").first_year


def test_a_share_compared_with_another_asks_for_both_figures():
    """ "compared with the city as a whole": the sentence's clause with the other figure is part of the answer
    (`SentencePicker._clause` does not cut it away)."""
    assert analyse("What share of the pupils at the 9 schools swim 200 m today, compared with the city as a whole?").compares
    assert not analyse("What share of the pupils at the 9 schools swim 200 m today?").compares


@pytest.mark.fast
@pytest.mark.parametrize("question, kind", [
    # English asks for a list with "what" and a plural noun, or "what does X include", where Danish says "hvilke"
    ("What are the duties of the tenancy advisers in TMF 12?", "fact"),
    ("What are the tasks of the tenancy advisers in TMF 12?", "list"),
    ("What activities does the allotment garden proposal fund?", "list"),
    ("What does the harbour clean-up in ØKF 4 include?", "list"),
    ("Besides the lifeguards, what does KFF 31 pay for?", "list"),
    # a result asked as "achieve"
    ("What did the tenancy advice pilot in Valby achieve?", "result"),
    ("What has the homework club accomplished so far?", "result"),
    # money granted before, in English word order
    ("Was money granted before for tenancy advice in Valby?", "history"),
    ("Since when has the lido had a winter opening?", "history"),
    ("Siden hvornår har kolonihaverne haft fælleshuse?", "history"),
])
def test_english_wordings_of_answer_types(question, kind):
    assert analyse(question).answer_type == kind


@pytest.mark.fast
@pytest.mark.parametrize("question", [
    "How much did the Budget 2027 agreement set aside for harbour baths in 2028?",
    "What did the 2027 budget agreement give the harbour baths for 2028?",
])
def test_an_english_agreement_year_is_an_earlier_grant_not_the_notes_budget_year(question):
    """English puts the year inside the name ("the Budget 2027 agreement"): it is the agreement's, not a note's."""
    q = analyse(question)
    assert q.agreement_years == (2027,) and q.budget_year is None and q.years == (2028,)
    assert q.earlier


@pytest.mark.fast
def test_money_that_was_set_aside_is_an_earlier_grant_in_english_too():
    assert analyse("How much was actually set aside for the harbour baths in 2026?").earlier
    assert not analyse("How much is set aside for the harbour baths in 2032?").earlier


@pytest.mark.fast
@pytest.mark.parametrize(("question", "offsets"), [
    ("What does KFF 12 cost in the 2nd outlook year?", (2,)),
    ("What does KFF 12 cost in the third outlook year?", (3,)),
    ("What does KFF 12 cost in the 1st forecast year?", (1,)),
])
def test_an_outlook_year_is_named_by_its_place_in_words_or_figures(question, offsets):
    assert analyse(question).period_years == offsets


@pytest.mark.fast
@pytest.mark.parametrize(("question", "scenarios"), [
    ("What does the second scenario cost in 2031?", (2,)),
    ("Hvad koster det tredje scenarie i 2031?", (3,)),
    ("How much more does option two cost than option one?", (1, 2)),
    ("Hvad koster mulighed 3 om året?", (3,)),
    ("What does the first year cost?", ()),
])
def test_an_alternative_named_by_an_ordinal_or_a_number_word(question, scenarios):
    assert analyse(question).scenarios == scenarios


@pytest.mark.fast
def test_annual_asks_for_a_yearly_amount():
    assert analyse("What is the annual cost of the harbour baths?").per_year
    assert not analyse("What is the cost of the harbour baths in 2031?").per_year


@pytest.mark.fast
def test_the_agreement_on_a_budget_is_that_budgets_agreement_not_an_earlier_grant():
    """ "the Agreement on Budget 2027", like "Aftale om Budget 2027", is the agreement deciding Budget 2027's notes."""
    q = analyse("How much does the Agreement on Budget 2027 set aside for harbour baths?")
    assert q.agreement_years == () and q.budget_year == 2027


@pytest.mark.fast
@pytest.mark.parametrize("question", [
    "What is the net cost of the harbour baths in the second outlook year?",
    "Hvad er nettoudgiften til havnebadene i andet overslagsår?",
    "What does the harbour bath cost a year when it is fully running?",
])
def test_words_naming_a_column_or_the_full_year_are_not_the_subject(question):
    q = analyse(question)
    assert not set(q.subject) & {"second", "outlook", "andet", "overslagsår", "when", "fully"}
    assert not {"outlook", "overslagsår"} & set(q.subject_text.lower().split())
    assert {"harbour", "havnebadene"} & set(q.subject)


@pytest.mark.fast
@pytest.mark.parametrize("question, agreements, budget_year", [
    # the agreement as the subject of a date or a person: a paper of that budget year
    ("On what date was the Budget 2031 agreement reached?", (), 2031),
    ("Who signed the Budget 2031 agreement?", (), 2031),
    # the agreement as the source of a grant: its year selects the earlier grants' tables
    ("What did the Budget 2031 agreement grant the harbour buses?", (2031,), None),
])
def test_an_english_budget_agreement_is_a_grants_source_only_when_money_is_asked(question, agreements, budget_year):
    q = analyse(question)
    assert (q.agreement_years, q.budget_year) == (agreements, budget_year)


@pytest.mark.parametrize("question, asks", [
    ("Hvilken model anbefaler forvaltningen, og hvilken ønsker ældrerådet?",
     ("Hvilken model anbefaler forvaltningen", "hvilken model ønsker ældrerådet")),
    ("Which option does the administration recommend, and which does the council prefer?",
     ("Which option does the administration recommend", "which option does the council prefer")),
    ("Hvilke skoler er med, og hvilke skoler venter?", ("Hvilke skoler er med", "hvilke skoler venter")),
])
def test_a_later_ask_leaving_out_the_noun_gets_the_first_asks_noun(question, asks):
    from budgetarkiv.search.query import split_asks

    assert split_asks(question) == asks
