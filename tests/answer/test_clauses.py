"""Which clause of a sentence answers the question: clauses, the figures bound to them, the clause chosen."""
from __future__ import annotations

import bm25s
import pytest

from budgetarkiv.answer.clauses import answering, clauses, counted_noun, figures, lead_of, time_fit
from budgetarkiv.answer.relevance import Relevance, overlap
from budgetarkiv.index.english import EnglishBridge
from budgetarkiv.index.lexical import DanishAnalyzer, LexicalIndex
from budgetarkiv.search.query import analyse

SENTENCE = "I 2025 deltog 140 borgere, heraf 38 pct. kvinder, og 61 kom i job."
GOAL_AND_RESULT = "Målet var 60 pct., og resultatet blev 56 pct."
BULLETS = ("Målsætning • 60 pct. af kursisterne skal bestå Prøve i Dansk 2 inden for 18 måneder. • 45 pct. af "
           "kursisterne skal være i ordinært job eller uddannelse to år efter forløbets start.")
SCENARIOS = ("Målsætning: Andelen af cykler uden for et stativ skal falde fra 35 pct. til 20 pct. (scenarie 1), "
             "15 pct. (scenarie 2) eller 10 pct. (scenarie 3) senest i 2028.")


@pytest.fixture(scope="module")
def relevance() -> Relevance:
    bridge = EnglishBridge.from_system()
    analyzer = DanishAnalyzer(["kvinder", "borgere", "kursister", "job", "klasse", "lokaler", "skoler"], bridge)
    return Relevance(LexicalIndex(bm25s.BM25(), analyzer, 0, bridge))


def chosen(relevance: Relevance, question: str, sentence: str) -> str | None:
    groups = relevance.word_groups(question)
    noun = counted_noun(question)
    found = answering(analyse(question), sentence, groups, [1.0] * len(groups),
                      lambda t: set(relevance.analyzer.tokens(t)), overlap,
                      relevance.word_groups(noun) if noun else [])
    return None if found is None else sentence[found.start:found.end]


def test_a_sentence_is_cut_into_clauses_each_with_a_figure_of_its_own():
    assert [SENTENCE[c.start:c.end] for c in clauses(SENTENCE)] == [
        "I 2025 deltog 140 borgere", "heraf 38 pct. kvinder", "61 kom i job."]
    s = "I 2023 kom ca. 2,1 mio. gæster i svømmehallerne, heraf ca. 0,3 mio. i morgentimerne, og de fleste var voksne."
    assert [s[c.start:c.end] for c in clauses(s)] == [  # a clause without a figure stays with the one before it
        "I 2023 kom ca. 2,1 mio. gæster i svømmehallerne", "heraf ca. 0,3 mio. i morgentimerne, og de fleste var voksne."]
    lead = "Tællingen fra 2024 viser, at der er ca. 410 hjemløse unge."
    assert [(c.start, c.end) for c in clauses(lead)] == [(0, len(lead))]  # a lead without a figure leads its clause
    # a parenthesis naming a scenario belongs to the figure before it; "20 og 30", "social- og" open no clause
    assert [SCENARIOS[c.start:c.end] for c in clauses(SCENARIOS)][1:] == [
        "15 pct. (scenarie 2)", "eller 10 pct. (scenarie 3) senest i 2028."]
    assert len(clauses("Mellem 20 og 30 pct. af de ledige på social- og sundhedsområdet kom i job.")) == 1


def test_years_labels_and_ordinals_are_no_figures():
    assert figures("Pr. 1. februar 2023 gik 148 elever i 4. klasse i scenarie 2 (Tabel 3)") == ("count",)
    assert figures("38 pct. og 2,5 mio. kr. til 40 medarbejdere") == ("percent", "amount", "count")


@pytest.mark.parametrize("question, clause", [
    ("Hvor mange kom i job?", "61 kom i job."),
    ("How many found a job?", "61 kom i job."),
    ("Hvor stor en andel var kvinder?", "heraf 38 pct. kvinder"),
    ("What share of the participants were women?", "heraf 38 pct. kvinder"),
    ("Hvor mange borgere deltog i 2025?", "I 2025 deltog 140 borgere"),
])
def test_the_clause_holding_the_figure_asked_for_answers(relevance, question, clause):
    assert chosen(relevance, question, SENTENCE) == clause


@pytest.mark.parametrize("question, clause", [
    ("Hvad var målet for indsatsen?", "Målet var 60 pct."),
    ("What was the target?", "Målet var 60 pct."),
    ("Hvad blev resultatet?", "resultatet blev 56 pct."),
    ("What share actually found work?", "resultatet blev 56 pct."),
])
def test_a_goal_question_gets_the_goal_and_a_result_question_the_result(relevance, question, clause):
    assert chosen(relevance, question, GOAL_AND_RESULT) == clause


def test_bullets_of_one_goal_are_clauses_and_the_question_words_choose(relevance):
    assert chosen(relevance, "What share of the course participants should pass Prøve i Dansk 2?", BULLETS) \
        .endswith("skal bestå Prøve i Dansk 2 inden for 18 måneder.")
    assert chosen(relevance, "Hvor stor en andel af kursisterne skal være i job eller uddannelse efter to år?",
                  BULLETS).startswith("45 pct.")


def test_the_scenario_asked_about_chooses_its_figure(relevance):
    assert chosen(relevance, "Hvad er målet i scenarie 2?", SCENARIOS) == "15 pct. (scenarie 2)"


def test_no_clause_stands_out_when_the_question_asks_for_the_whole_sentence(relevance):
    assert chosen(relevance, "Hvad var målet, og hvad blev resultatet?", GOAL_AND_RESULT) is None
    assert chosen(relevance, "Hvor mange deltog?", "I 2025 deltog 140 borgere i forløbet.") is None


def test_a_clause_without_a_subject_of_its_own_is_read_with_the_sentence_lead():
    found = clauses(SENTENCE)
    assert [lead_of(SENTENCE, c) for c in found] == ["", "I 2025 deltog", "I 2025 deltog"]
    assert lead_of(GOAL_AND_RESULT, clauses(GOAL_AND_RESULT)[1]) == ""  # "resultatet blev": its own subject


def test_a_bullet_item_without_a_figure_is_no_part_of_the_clause_before_it():
    s = ("- Antallet af pladser øges fra 120 til 150 om året; i opstartsåret 2027 er der 135 pladser. - Deltagere, "
         "der vælger PAU, kommer i praktik.")
    assert [s[c.start:c.end] for c in clauses(s)] == [
        "Antallet af pladser øges fra 120 til 150 om året", "i opstartsåret 2027 er der 135 pladser."]


def test_the_clause_about_the_year_asked_answers(relevance):
    s = "Antallet af pladser øges fra 120 til 150 om året; i opstartsåret 2027 er der 135 pladser."
    assert chosen(relevance, "Hvor mange pladser er der fra 2028?", s).startswith("Antallet")
    assert chosen(relevance, "Hvor mange pladser er der i 2027?", s).startswith("i opstartsåret")


def test_millions_of_visits_are_a_count_and_millions_of_kroner_an_amount():
    assert figures("4,6 mio. besøg og 2,5 mio. kr.") == ("count", "amount")


def test_a_figure_said_another_way_stays_with_its_clause():
    s = "Heraf er 180 startet på en uddannelse, svarende til 58 pct., mens 40 er i job."
    assert [s[c.start:c.end] for c in clauses(s)] == [
        "Heraf er 180 startet på en uddannelse, svarende til 58 pct.", "mens 40 er i job."]


def test_words_of_the_sentence_lead_belong_to_every_clause(relevance):
    """The subject before the first figure is what every clause is about: it chooses none of them."""
    assert chosen(relevance, "Hvad er målet for andelen af cykler uden for stativ?", SCENARIOS) is None


def test_a_share_is_not_answered_by_a_clause_without_one(relevance):
    s = "I 2023-2025 deltog 410 borgere i et brobygningsforløb, og 254 af dem startede på en uddannelse."
    assert chosen(relevance, "Hvor stor en andel af borgerne i brobygningsforløbet startede på en uddannelse?", s) \
        is None


def test_a_label_number_is_no_lead():
    s = "Scenarie 1 giver 1.200 nye pladser, og scenarie 3 giver 4.000 nye pladser, heraf 800 i et cykelhus."
    assert [lead_of(s, c) for c in clauses(s)] == ["", "", ""]


def test_a_number_bound_to_a_word_is_no_figure():
    assert figures("Andelen af 7-15-årige, der har 24-timers adgang, stiger til 50 pct.") == ("percent",)


def test_bullet_items_have_no_common_lead(relevance):
    s = ("- Andelen af timer dækket af vikarer faldt fra 14 pct. til 9 pct. i 2025. - Sygefraværet faldt fra "
         "9,8 pct. til 8,9 pct. - Til sammenligning lå vikarandelen andre steder på 15 pct. i 2025.")
    assert chosen(relevance, "Hvor stor en del af timerne blev dækket af vikarer i 2025?", s).startswith("Andelen")


def test_a_goal_asked_as_a_share_is_answered_by_a_share_only(relevance):
    s = "Målsætning • Andelen af 7-15-årige i de tre områder, der er medlem af en klub, stiger til 50 pct. i 2028."
    assert chosen(relevance, "What share of the children should be members of a club?", s) is None


def test_the_words_asking_for_a_share_or_a_count_choose_no_clause():
    from budgetarkiv.answer.clauses import without_type_words

    assert without_type_words("What share of the children are still active?") == "What of the children are still active?"
    assert without_type_words("Hvor mange borgere kom i job?") == "borgere kom i job?"


def test_a_count_question_gets_the_count_of_the_noun_it_counts(relevance):
    s = "Der opsættes målere i 60 klasselokaler på 14 skoler, udvalgt så de dækker alle bygningstyper."
    assert [s[c.start:c.end] for c in clauses(s)] == [
        "Der opsættes målere i 60 klasselokaler", "på 14 skoler, udvalgt så de dækker alle bygningstyper."]
    assert chosen(relevance, "På hvor mange skoler skal indeklimaet i klasselokalerne måles?", s).startswith("på 14")
    assert chosen(relevance, "Hvor mange klasselokaler får målere?", s) == "Der opsættes målere i 60 klasselokaler"
    assert lead_of(s, clauses(s)[1]) == "Der opsættes målere i"


@pytest.mark.parametrize("question, noun", [
    ("På hvor mange skoler skal indeklimaet måles?", "skoler"),
    ("How many course participants a year is it sized for?", "course participants"),
    ("Hvad koster det?", ""),
])
def test_the_noun_a_count_question_counts(question, noun):
    assert counted_noun(question) == noun


def test_a_part_counts_what_its_whole_counts(relevance):
    """ "412 børn ..., heraf 265 i Nordvest og 147 på Amager Øst": the place asked chooses its part."""
    s = "Pr. 1. januar 2024 stod 412 børn og unge på venteliste til en klub i to bydele, heraf 265 i Nordvest og 147 på Amager."
    assert chosen(relevance, "Hvor mange børn stod på venteliste til en klub på Amager?", s) == "147 på Amager."
    assert chosen(relevance, "Hvor mange børn stod på venteliste til en klub i Nordvest?", s) == "heraf 265 i Nordvest"
    assert lead_of(s, clauses(s)[2]) == "Pr. 1. januar 2024 stod"


def test_the_lasting_level_answers_once_fully_phased_in(relevance):
    """ "I 2027 kan 240 borgere ..., og fra 2028 ... 360 borgere om året": the first year's count is not the one
    asked for when the question asks for the level once the scheme is fully phased in."""
    s = "I 2027 kan 240 borgere få et forløb, og fra 2028 er der plads til 360 borgere om året."
    assert "360" in chosen(relevance, "Hvor mange borgere kan få et forløb om året, når ordningen er fuldt indfaset?", s)
    assert "240" in chosen(relevance, "Hvor mange borgere kan få et forløb i 2027?", s)


@pytest.mark.parametrize("question, better, worse", [
    ("Hvor mange borgere kan få et forløb, når ordningen er fuldt indfaset?",
     "Forslaget giver plads til 180 kursister årligt fra 2026.", "Forløbene starter i 2025 med 135 kursister."),
    ("How many printers will the buildings have once shared printing is in place?",
     "Antallet af printere falder fra 1.450 til 600.", "Bygningerne har i dag 1.450 printere."),
    ("Hvor mange printere er der i dag?", "Bygningerne har i dag 1.450 printere.", "Antallet falder til 600."),
    ("Hvor mange pladser har kommunen i alt?", "Tre tilbud med 10, 8 og 6 pladser, i alt 24 pladser.",
     "Kildevang får 6 ekstra pladser fra 1. juli 2026."),
])
def test_the_time_asked_about_and_a_total_fit_better(question, better, worse):
    q = analyse(question)
    assert time_fit(q, better) > time_fit(q, worse)


def test_up_to_today_is_no_statement_about_today(relevance):
    s = "Der opsættes målere i 60 klasselokaler på 15 skoler, udvalgt så de dækker alle bygningstyper fra før 1930 til i dag."
    assert chosen(relevance, "På hvor mange skoler skal indeklimaet i klasselokalerne måles?", s).startswith("på 15")


def test_labelled_values_are_clauses_each_with_its_label(relevance):
    """Items run together ("Ryparken Station: 600 pladser, heraf 40 til ladcykler Bispebjerg Station: 400 pladser"):
    each label leads its own value, and the place asked chooses its value with the part it holds."""
    s = ("Ryparken Station: 600 pladser, heraf 40 til ladcykler Bispebjerg Station: 400 pladser Sydhavn Station: "
         "500 pladser")
    assert [s[c.start:c.end] for c in clauses(s)] == [
        "Ryparken Station: 600 pladser", "heraf 40 til ladcykler", "Bispebjerg Station: 400 pladser",
        "Sydhavn Station: 500 pladser"]
    assert chosen(relevance, "Hvor mange pladser bygges der ved Ryparken?", s) == \
        "Ryparken Station: 600 pladser, heraf 40 til ladcykler"
    assert chosen(relevance, "Hvor mange pladser bygges der ved Sydhavn?", s) == "Sydhavn Station: 500 pladser"


@pytest.mark.parametrize("sentence, clauses_", [
    ("Åbningen er rykket fra marts 2027 til oktober 2027, fordi leverancen i vinteren 2026 er forsinket.",
     ["Åbningen er rykket fra marts 2027", "til oktober 2027", "fordi leverancen i vinteren 2026 er forsinket"]),
    ("Valby og Vanløse får skraldespande 1. maj 2026, Brønshøj og Husum 1. september 2026.",
     ["Valby og Vanløse får skraldespande 1. maj 2026", "Brønshøj og Husum 1. september 2026"]),
    # a label with its colon leads the date after it
    ("Høring: 4. marts 2027 Vedtagelse i udvalget: 22. april 2027",
     ["Høring: 4. marts 2027", "Vedtagelse i udvalget: 22. april 2027"]),
    ("The depot in Valby opens on 3 May 2027 and the depot in Amager on 1 June 2028.",
     ["The depot in Valby opens on 3 May 2027", "and the depot in Amager on 1 June 2028"]),
])
def test_each_date_has_its_clause(sentence, clauses_):
    from budgetarkiv.answer.clauses import date_clauses
    assert [sentence[a:b] for a, b, _, _ in date_clauses(sentence)] == clauses_


@pytest.mark.parametrize("question, sentence, answer", [
    # a date moved: the one it was moved to, read with the sentence's lead; not the reason's date
    ("Hvornår åbner depotet?",
     "Åbningen er rykket fra marts 2027 til oktober 2027, fordi leverancen i vinteren 2026 er forsinket.",
     "til oktober 2027"),
    # several places in one sentence: the clause of the place asked about
    ("Hvornår får Brønshøj skraldespande?",
     "Valby og Vanløse får skraldespande 1. maj 2026, Brønshøj og Husum 1. september 2026.",
     "Brønshøj og Husum 1. september 2026"),
    ("Hvornår er det næste møde?", "Dagens møde holdes 3. marts 2027; næste møde holdes 7. april 2027.",
     "næste møde holdes 7. april 2027"),
    # an ordinal in words is the note's numbered step
    ("When is the second hearing?", "1. høring: 4. marts 2027 2. høring: 22. april 2027", "2. høring: 22. april 2027"),
    # nothing tells the two dates apart: the whole sentence
    ("Hvornår behandles budgettet?", "Budgettet behandles 2. september 2027 og 30. september 2027.", None),
])
def test_the_clause_of_the_date_that_answers(relevance, question, sentence, answer):
    from budgetarkiv.answer.clauses import date_clause
    groups = relevance.word_groups(question)
    found = date_clause(question, sentence, groups, lambda t: set(relevance.analyzer.tokens(t)), overlap)
    assert (None if found is None else sentence[found[0]:found[1]]) == answer


def test_a_clause_opening_with_til_is_read_with_the_lead():
    from budgetarkiv.answer.clauses import date_lead
    sentence = "Åbningen er rykket fra marts 2027 til oktober 2027."
    assert date_lead(sentence, sentence.index("til")) == "Åbningen er rykket"
    assert date_lead(sentence, 0) == ""


@pytest.mark.parametrize("question, nouns", [
    ("Hvor mange skoler og plejecentre får nye tage i alt?", ["skoler", "plejecentre"]),
    ("How many libraries, pools and halls are renovated in total?", ["libraries", "pools", "halls"]),
    ("Hvor mange borgere deltog?", []),
])
def test_the_nouns_a_count_adds_up(question, nouns):
    from budgetarkiv.answer.clauses import counted_nouns
    assert counted_nouns(question) == nouns


def test_each_noun_counted_once_in_a_sentence_gives_the_terms(relevance):
    from budgetarkiv.answer.clauses import count_terms
    groups = [{t for g in relevance.word_groups(n) for t in g} for n in ("skoler", "lokaler")]
    tokens = lambda t: set(relevance.analyzer.tokens(t))  # noqa: E731
    assert count_terms("Forvaltningen renoverer 31 skoler og 12 lokaler i 2027-2029.", groups, tokens, overlap) == ["31", "12"]
    # a noun counted twice (a stage and the whole) or not at all: no terms to add
    assert count_terms("I 2027 får 10 skoler og i alt 31 skoler nye lokaler.", groups, tokens, overlap) == []
    assert count_terms("Forvaltningen renoverer 31 skoler.", groups, tokens, overlap) == []


@pytest.mark.parametrize("sentence, part", [
    ("I 1. etape får 12 skoler nye tage.", True),
    ("In the first phase 12 schools get new roofs.", True),
    ("I alt 31 skoler, heraf 12 i Valby.", True),
    ("Forvaltningen foreslår nye tage på 31 skoler.", False),
])
def test_a_stage_or_a_share_is_a_part_of_the_whole(sentence, part):
    from budgetarkiv.answer.clauses import PART
    assert bool(PART.search(sentence)) is part


def test_the_counts_after_a_counts_colon_are_its_parts_and_the_year_asked_chooses_one(relevance):
    """ "Der opsættes 40 ladestandere: 25 i 2031 og 15 i 2032": a question about 2032 gets the 15 (read with the
    lead), not the 40 of both years."""
    s = "Der opsættes 40 ladestandere ved skolerne: 25 i 2031 og 15 i 2032."
    assert chosen(relevance, "Hvor mange ladestandere opsættes ved skolerne i 2032?", s) == "15 i 2032."
    assert chosen(relevance, "How many charging points will be put up at the schools in 2031?", s) == "25 i 2031"
    assert lead_of(s, clauses(s)[2]) == "Der opsættes"


def test_one_noun_counted_in_several_places_is_added_up_but_not_over_time_or_a_change(relevance):
    """ "Skovly med 9 pladser og Engly med 4 pladser" adds up to a total; a count over two years, a change
    ("fra 120 til 150 pladser") or a sentence stating its own total does not."""
    from budgetarkiv.answer.clauses import repeated_counts

    def terms(sentence: str, noun: str = "pladser") -> list[str]:
        group = {t for g in relevance.word_groups(noun) for t in g}
        return repeated_counts(sentence, group, lambda t: set(relevance.analyzer.tokens(t)), overlap)

    assert terms("Kommunen driver to botilbud: Skovly med 9 pladser og Engly med 4 pladser.") == ["9", "4"]
    assert terms("The two shelters have 30 beds in Vesterbro and 12 beds in Valby.", "beds") == ["30", "12"]
    assert terms("Der er 100 pladser i 2027 og 120 pladser i 2028.") == []
    assert terms("Antallet øges fra 120 pladser til 150 pladser.") == []
    assert terms("Skovly har 9 pladser og Engly 4 pladser, i alt 13 pladser.") == []
    assert terms("Skovly har 9 pladser.") == []


@pytest.mark.parametrize("question, place, share", [
    ("Hvor stor en andel af eleverne gennemførte forløbet på Rosenhøj?", "Rosenhøj", "62 pct."),
    ("What share of the pupils completed the course at Bakkely during the trial?", "Bakkely", "47 pct."),
])
def test_the_place_a_question_names_chooses_its_clause_among_places(relevance, question, place, share):
    """ "I forsøget gennemførte 62 pct. af eleverne forløbet på Rosenhøj, mod 47 pct. på Bakkely uden vejleder":
    the place named decides, though the first clause shares more of the question's other words."""
    from budgetarkiv.answer.sentences import clause_weights

    s = "I forsøget gennemførte 62 pct. af eleverne forløbet på Rosenhøj, mod 47 pct. på Bakkely uden vejleder."
    groups = relevance.word_groups(question)
    tokens = lambda t: set(relevance.analyzer.tokens(t))  # noqa: E731
    found = answering(analyse(question), s, groups, clause_weights(question, groups, set(), tokens), tokens, overlap)
    assert found is not None and share in s[found.start:found.end] and place in s[found.start:found.end]


def test_an_ordinal_after_i_opens_no_clause():
    """ "61 pct. af eleverne i 4. klasse cyklede 5 km": "i 4. klasse" belongs to the pupils, it is no clause of
    its own that a count question could take without the share."""
    s = "Ved tællingen i 2031 cyklede 61 pct. af eleverne i 4. klasse mindst 5 km om ugen."
    assert len(clauses(s)) == 1


@pytest.mark.parametrize("question, sentence, clause", [
    ("Hvor mange børn deltog i 2030?", "I 2030 kom der 350 børn, og i 2031 deltog 410 børn.", "I 2030 kom der 350 børn"),
    ("How many children took part in 2031?", "I 2030 kom der 350 børn, og i 2031 deltog 410 børn.",
     "i 2031 deltog 410 børn."),
    ("Hvor stor en andel bestod i 2029?", "Det gjorde 41 pct. af holdet fra 2029 og 55 pct. af holdet fra 2030.",
     "Det gjorde 41 pct. af holdet fra 2029"),
])
def test_the_clause_of_the_year_asked_answers_though_another_clause_names_the_counted_noun(relevance, question,
                                                                                           sentence, clause):
    """A year asked decides between clauses alike but for their year; the noun counted may stand in the other one."""
    assert chosen(relevance, question, sentence) == clause
