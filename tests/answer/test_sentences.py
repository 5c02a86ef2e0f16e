"""What a sentence carries for a question's answer type, without an index."""
from __future__ import annotations

import dataclasses

import pytest

from budgetarkiv.answer.letters import greeting_span
from budgetarkiv.answer.model import Fact
from budgetarkiv.answer.sentences import (
    after_heading,
    another_version,
    carries_type,
    cell_spans,
    dated_place,
    lists_among_others,
    one_figure,
    sentence_of,
    states_goal,
    type_fit,
    under_goal_heading,
)
from budgetarkiv.search.query import analyse


@pytest.mark.parametrize("question, better, worse", [
    ("Hvor mange familier indgår i pilotforsøget?",
     "Pilotforsøget tæller 130 familier, herunder 260 forældre.", "Pilotforsøget fokuserer på de 25 pct. familier."),
    ("Hvad var målsætningen for ordinær beskæftigelse?",
     "Målet er, at 60 pct. af deltagerne opnår ordinært arbejde.",
     "En resultatopgørelse viser, at 56 pct. af deltagerne opnåede ordinær beskæftigelse."),
    ("Hvor stor en andel boede stadig i boligen efter et år?",
     "87 pct. af de unge boede fortsat i boligen et år efter.", "Målsætningen var, at 80 pct. skulle fastholde boligen."),
    ("Hvem har underskrevet svaret?", "Med venlig hilsen Line Nørbæk Administrerende direktør",
     "Tak for din henvendelse om indsatserne."),
    ("Hvornår åbner klubberne?", "Klubberne åbner 1. juli 2026.", "Klubberne får fire medarbejdere."),
    # a date that only says when a figure was counted does not say when something happens
    ("Hvornår åbner klubberne?", "Lokalerne indrettes i 2025, og klubberne åbner 1. juli 2026.",
     "Pr. 1. januar 2024 stod 412 unge på venteliste til en klub."),
    ("Hvilket parti stillede ændringsforslaget?", "Ændringsforslag fra Enhedslisten blev forkastet.",
     "Forslaget blev fremlagt af Sundheds- og Omsorgsforvaltningen."),
    # a count recorded beside a goal says what happened; the goal alone does not
    ("Hvor mange klager kom der i 2024?",
     "Målet er at halvere klagerne i forhold til 2024, hvor forvaltningen registrerede 1.380 klager.",
     "Målet er, at der højst kommer 690 klager i 2027."),
    # a result measured against the goal is a result; the goal alone is not
    ("What share of the children reached the level, and how did the others do?",
     "Målet er ikke helt nået, men resultatet ligger over niveauet i andre institutioner, hvor andelen var 49 pct.",
     "Målet var, at 75 pct. af børnene skulle nå niveauet."),
])
def test_the_sentence_that_carries_the_answer_type_fits_better(question, better, worse):
    q = analyse(question)
    assert type_fit(q, better) > type_fit(q, worse)


def test_table_cells_are_candidates_of_their_own():
    text = "Tabel 1 – Målsætning\nMålgruppe | Indsats | Målsætning\nKvinder i udsatte områder. | 60 pct. kommer i job inden et år."
    cells = [text[a:b] for a, b in cell_spans(text)]
    assert "60 pct. kommer i job inden et år." in cells and "Kvinder i udsatte områder." in cells


@pytest.mark.parametrize("question, carries, lacks", [
    # a goal question is answered by a goal (or an expectation), never by a result
    ("Hvad er målsætningen for lektiecaféerne?", "Målet er, at 60 pct. af eleverne forbedrer deres resultat.",
     "Forvaltningen foreslår lektiecafeer på 14 skoler."),
    ("What is the target for the team?", "Forvaltningen forventer, at 80 pct. bliver boende.",
     "Teamet består af 9 medarbejdere."),
    # a result question: a figure that is not only a goal
    ("Hvad blev resultatet?", "Opgørelsen viser, at 68 pct. af børnene nåede dette.", "Målet var 75 pct."),
    ("Hvornår holdt udvalget møde?", "Ordinært møde onsdag den 7. juni 2023 kl. 15.30", "Dagsordenen blev godkendt."),
    ("Hvem har underskrevet svaret?", "Med venlig hilsen Tobias Holm Vestergaard Børne- og Ungdomsdirektør",
     "Svaret besvarer tre spørgsmål."),
])
def test_what_the_answer_type_needs_is_carried_or_not(question, carries, lacks):
    q = analyse(question)
    assert carries_type(q, carries) and not carries_type(q, lacks)


def test_skal_or_forventes_alone_asks_for_no_goal():
    """ "Hvor mange unge skal der være plads til?" asks for a count: any sentence may carry it."""
    q = analyse("Hvor mange unge skal der være plads til i klubberne?")
    assert carries_type(q, "Forvaltningen foreslår to klubber med plads til i alt 240 unge.")


def test_a_goal_table_cell_carries_a_goal():
    q = analyse("Hvad var målsætningen for boligen?")
    assert carries_type(q, "80 pct. af de unge bor fortsat i boligen efter et år", goal_cell=True)


def test_the_greeting_and_the_sentence_after_it_say_who_asked_and_about_what():
    letter = ("Københavns Kommune\n\nDato: 14. marts 2023\n\nKære Anna Berg Holm\n\nTak for din mail af 27. februar "
              "2023, hvor du spørger om ventetid på\nspecialskoler. Du har stillet tre spørgsmål.\n\nSpørgsmål 1\n...")
    start, end = greeting_span(letter, "Anna Berg Holm")
    quoted = letter[start:end]
    assert quoted.startswith("Kære Anna Berg Holm") and quoted.endswith("specialskoler.")
    assert greeting_span(letter, "Someone Else") is None


@pytest.mark.parametrize("text, heading, quoted", [
    ("Resumé Kommunen lejer i dag ca. 150.000 m² kontorlokaler.", "Resume", "Kommunen lejer"),
    ("Forventet effekt og opfølgning\nMålet er, at 60 pct. når målet.", "Forventet effekt og opfølgning", "Målet er"),
    ("Svar Pr. 1. februar 2023 var 148 elever visiteret.", "Svar 1", "Svar Pr."),  # not the heading: kept
    ("Baggrund", "Baggrund", "Baggrund"),  # nothing after it: kept
])
def test_a_quote_starts_after_its_sections_heading(text, heading, quoted):
    assert text[after_heading(text, 0, len(text), heading):].startswith(quoted)


def test_every_figure_names_a_year_other_than_the_one_asked_is_no_answer():
    from budgetarkiv.answer.compose import _other_years
    from budgetarkiv.answer.model import Fact

    def fact(text):
        return Fact(text=text, passage=text, highlight=(0, len(text)), source="x.txt", doc_id="d", note_id=None,
                    budget_year=None, title=None, section=None, page=None)
    q = analyse("Hvor mange hjemløse unge var der i 2015?")
    refusal = _other_years(q, (fact("Ved tællingen i 2019 var der ca. 450 hjemløse unge."),))
    assert refusal and "2019" in refusal and "2015" in refusal
    assert _other_years(q, (fact("I 2015 var der ca. 300 hjemløse unge."),)) is None
    assert _other_years(q, (fact("Der er ca. 300 hjemløse unge."),)) is None  # no year stated: not refused


@pytest.mark.parametrize("caption", [
    "Tabel 1 – Oversigt over målsætning for effekter og evaluering af budgetønsket",
    "Tabel 2. Bevillingsmæssige ændringer, service",
])
def test_a_tables_caption_is_no_candidate(caption):
    from budgetarkiv.answer.sentences import _CAPTION

    assert _CAPTION.match(caption)
    assert not _CAPTION.match("Tabel 1 viser, at 60 pct. af deltagerne opnår job. Det er godt.")


def test_a_sentence_saying_the_one_before_another_way_is_quoted_with_it():
    from budgetarkiv.answer.sentences import restated
    from budgetarkiv.core.text import sentence_spans

    text = "I alt deltog 410 borgere, og 254 af dem startede på en uddannelse. Det svarer til 62 pct. Målet er 65 pct."
    assert [text[a:b] for a, b in restated(text, sentence_spans(text, 3))] == [
        "I alt deltog 410 borgere, og 254 af dem startede på en uddannelse. Det svarer til 62 pct.", "Målet er 65 pct."]


def test_a_sentence_counting_part_of_the_one_before_is_quoted_with_it():
    from budgetarkiv.answer.sentences import restated
    from budgetarkiv.core.text import sentence_spans

    text = "I perioden deltog 310 borgere. Heraf er 180 startet på en uddannelse, svarende til 58 pct. Målet var 65 pct."
    assert [text[a:b] for a, b in restated(text, sentence_spans(text, 3))] == [
        "I perioden deltog 310 borgere. Heraf er 180 startet på en uddannelse, svarende til 58 pct.", "Målet var 65 pct."]


@pytest.mark.parametrize("sentence, dated", [
    ("Skybrudsvejen står færdig i efteråret 2028.", True),
    ("Byggeriet forventes afsluttet medio 2027.", True),
    ("The road will be finished in the autumn of 2028.", True),
    ("Ordningen evalueres i 3. kvartal 2026.", True),
    ("Skybrudsvejen er den største del af forslaget.", False),
])
def test_a_part_of_a_year_is_a_date(sentence, dated):
    q = analyse("Hvornår står skybrudsvejen færdig?")
    assert carries_type(q, sentence) is dated


def _quote(doc_id: str, note_id: str | None, year: int | None, text: str = "Målet er 50 pct.") -> Fact:
    return Fact(text=text, passage=text, highlight=(0, len(text)), source=f"{doc_id}.txt", doc_id=doc_id,
                note_id=note_id, budget_year=year, title=None, section=None, page=None)


def test_a_sentence_of_another_version_of_a_quoted_note_is_told_apart():
    final = _quote("final", "SUF17", 2024)
    assert another_version(_quote("draft", "SUF17", 2024, "Målet er 45 pct."), [final])
    assert not another_version(_quote("final", "SUF17", 2024, "Frafaldet skal under 10 pct."), [final])
    assert not another_version(_quote("other", "SUF17", 2020), [final])  # the id reused in another year
    assert not another_version(_quote("letter", None, None), [final])


def test_items_under_a_goals_heading_state_goals():
    """ "Målsætninger:" and its items (or a heading run into the item before, as PDF text has it): each item is
    a goal though it does not say so; the text after the list is not."""
    text = ("Forventet effekt og opfølgning Målsætninger:\n• Ingen familie venter mere end 3 måneder.\n"
            "• Højst 12 nye anbringelser om året.\nForvaltningen gør status hvert år.")
    assert under_goal_heading(text, text.index("Ingen")) and under_goal_heading(text, text.index("Højst"))
    assert not under_goal_heading(text, text.index("Forvaltningen"))
    glued = "• Amagerbro Skole Målsætning\n• Alle elever har mindst to lektioner.\n• 70 pct. lærer noget."
    assert under_goal_heading(glued, glued.index("Alle")) and under_goal_heading(glued, glued.index("70"))
    plain = "Skoler:\n• Ravnsborg Skole\n• Mosevejens Skole"
    assert not under_goal_heading(plain, plain.index("Mosevejens"))


@pytest.mark.parametrize("question, best, alone", [
    ("Hvor mange procent af deltagerne var kvinder?", "I 2026 var 57 pct. af dem kvinder.", True),
    ("Hvor mange borgere kan få et forløb?", "Fra 2028 er der plads til 360 borgere om året.", True),
    # the best sentence lacks the kind of figure asked: a further one may hold it
    ("Hvor stor en andel fik job?", "Forløbet varer 20 uger.", False),
    # a question asking two things, or a goal and a result, gets a sentence for each
    ("Hvor mange deltog, og hvor mange fik job?", "I 2025 deltog 140 borgere.", False),
    ("Nåede indsatsen sit mål? Hvad var målet, og hvad blev resultatet?", "Målet var 60 pct.", False),
])
def test_one_count_or_share_asked_is_answered_by_one_sentence(question, best, alone):
    assert one_figure(analyse(question), best) == alone


def test_a_figure_of_several_places_listed_is_not_the_figure_of_one():
    s = "Forvaltningen foreslår cykelparkering med i alt 1.800 pladser ved Ryparken, Bispebjerg, Sydhavn og Åmarken."
    assert lists_among_others(s, ["Ryparken"])
    assert not lists_among_others("Ryparken Station: 600 pladser.", ["Ryparken"])
    assert not lists_among_others(s, ["Valby"])


def test_a_clause_is_read_with_the_years_of_its_sentence():
    passage = "Baggrund. Model B: familieaflastning for 20 familier, i alt 27,2 mio. kr. i 2026-2029. Slut."
    a = passage.index("familieaflastning")
    f = Fact(text=passage[a:a + 39], passage=passage, highlight=(a, a + 39), source="x.txt", doc_id="d", note_id=None,
             budget_year=None, title=None, section=None, page=None)
    assert "2026-2029" in sentence_of(f) and sentence_of(f).startswith("Model B")


def test_a_change_asked_about_is_answered_by_what_happened_not_what_shall():
    q = analyse("Has pupil absence dropped at the ten schools serving free lunches?")
    assert q.answer_type == "result"
    happened = "Fraværet er faldet fra 7,9 pct. til 6,8 pct. på de ti skoler."
    shall = "Desuden skal fraværet på de ti skoler ned under 6,5 pct. i 2030."
    assert type_fit(q, happened) > type_fit(q, shall)


def test_a_goal_compared_with_today_asks_for_the_level_today_too():
    from budgetarkiv.answer.sentences import _asks

    asks = _asks(analyse("What is the aim for spotting dyslexic children before 4th grade, compared with today?"))
    assert [a.answer_type for a in asks] == ["goal", "result"]
    assert _asks(analyse("What is the aim for spotting dyslexic children?")) == []


def test_an_ordinal_is_no_result():
    q = analyse("Hvad blev resultatet?")
    assert not carries_type(q, "Eleverne testes i 2. klasse i stedet for i 4. eller 5. klasse, som det sker i dag.")
    assert carries_type(q, "I dag er andelen ca. 45 pct.")


@pytest.mark.parametrize("heading", ["Målsætning for 2027-2030", "Mål frem mod 2031", "Targets for 2028", "Målsætninger:"])
def test_a_goals_heading_may_name_the_goals_period(heading):
    text = f"{heading}\n• 70 pct. af brugerne er tilfredse.\n• Højst 40 klager om året."
    assert under_goal_heading(text, text.index("70")) and under_goal_heading(text, text.index("Højst"))
    assert not under_goal_heading("Resultater 2024\n• 61 pct. var tilfredse.", len("Resultater 2024\n• "))


@pytest.mark.parametrize("question, sentence, goal", [
    # the goal asked for now is not the goal a past result was measured on
    ("Hvad er målet for tilfredsheden i 2027-2030?", "62 pct. var tilfredse i 2024; målet var 65 pct.", False),
    ("What is the target for satisfaction?", "In 2024, 62 per cent were satisfied; the target was 65 per cent.", False),
    ("Hvad er målet for tilfredsheden?", "Målet er, at 75 pct. er tilfredse i 2030.", True),
    # asked of the past, the old goal is the goal
    ("Hvad var målet for tilfredsheden i 2024?", "62 pct. var tilfredse i 2024; målet var 65 pct.", True),
    # a past goal beside the new one: the sentence states a goal still
    ("Hvad er målet?", "Målet var 65 pct., og målet er nu 75 pct. i 2030.", True),
])
def test_a_goal_that_was_is_not_the_goal_asked_for_now(question, sentence, goal):
    assert states_goal(analyse(question), sentence) is goal


def test_a_goal_that_was_fits_a_goal_question_worse_than_the_new_goal():
    q = analyse("Hvad er målet for fremmødet?")
    assert type_fit(q, "80 pct. møder op.", goal_cell=True) > type_fit(q, "71 pct. mødte op; målet var 75 pct.")
    assert not carries_type(q, "71 pct. mødte op; målet var 75 pct.")


def test_a_contact_line_answers_only_whom_to_contact():
    line = "Kontaktperson: Mette Holm Dahl, specialkonsulent, Center for Byudvikling"
    assert type_fit(analyse("Hvilke skoler får nye toiletter?"), line) < type_fit(
        analyse("Hvilke skoler får nye toiletter?"), "Skolerne er Ravnsborg Skole, Utterslev Skole og Sønderbro Skole.")
    assert type_fit(analyse("Hvem er kontaktperson for forslaget?"), line) >= 1.0


def test_the_next_date_fits_a_question_about_the_next_one():
    q = analyse("Hvornår er næste møde i udvalget?")
    assert type_fit(q, "Næste møde holdes 4. marts 2027.") > type_fit(q, "Mødet blev holdt 4. februar 2027 kl. 16.")


@pytest.mark.parametrize("sentence, fit", [
    ("Valby åbner 1. maj 2027, Amager 1. juni 2028.", 1.0),
    ("Amager får 300 pladser. Anlægget begynder 1. marts 2027.", -1.0),  # Amager named, the date another thing's
    ("Anlægget begynder 1. marts 2027.", 0.0),
])
def test_a_date_stated_of_the_place_asked_about(sentence, fit):
    assert dated_place(sentence, ["Amager"]) == fit


@pytest.mark.parametrize("question, better, worse", [
    # a why is answered by a cause, or by a consequence drawn from one
    ("Hvorfor flyttes værkstedet til Valby?", "Værkstedet flyttes, fordi lejemålet i Vanløse udløber i 2027.",
     "Værkstedet har 14 ansatte og 60 brugere."),
    ("Why does the administration prefer the larger buses?", "The administration therefore prefers the larger buses.",
     "The larger buses seat 60 passengers."),
    # what would happen if a price changed is not the figure asked for
    ("Hvad er driftsudgiften for varmepumperne?", "Driftsudgiften er 1,2 mio. kr. om året.",
     "Stiger elprisen med 30 pct., øges driftsudgiften til 1,6 mio. kr. om året."),
    ("What is the payback time?", "The payback time is 8 years.", "If the price of power falls, the payback time is 11 years."),
    # (a clause of time first is no condition: "Når ..., koster" states the lasting level)
    ("Hvad koster ordningen om året?", "Når ordningen er fuldt indfaset, koster den 2,4 mio. kr. om året.",
     "Ordningen har 14 ansatte."),
    # "since when": the year it began
    ("Siden hvornår har kommunen haft elbusser?", "Kommunen har siden 2019 haft elbusser på to ruter.",
     "Kommunen har i dag 40 elbusser."),
    ("Hvornår blev ordningen oprettet?", "Ordningen blev oprettet i Budget 2020 som et forsøg.",
     "Ordningen omfatter 12 skoler."),
    ("Since when has the scheme existed?", "The scheme was introduced in 2017 and has run since.",
     "The scheme will start on 1 March 2028."),
])
def test_the_sentence_of_the_kind_of_statement_asked_fits_better(question, better, worse):
    q = analyse(question)
    assert type_fit(q, better) > type_fit(q, worse)


def test_a_condition_asked_about_is_no_worse_than_the_plain_figure():
    q = analyse("Hvad bliver driftsudgiften, hvis elprisen stiger med 30 pct.?")
    assert type_fit(q, "Stiger elprisen med 30 pct., øges driftsudgiften til 1,6 mio. kr. om året.") >= type_fit(
        q, "Driftsudgiften er 1,2 mio. kr. om året.")


@pytest.mark.parametrize("sentence", [
    "Du spørger også, om forvaltningen har overvejet at leje lokalerne.",
    "Du har den 3. maj 2027 stillet følgende spørgsmål til forvaltningen: hvor mange pladser er der?",
    "Du vil gerne vide, hvor mange elever der går på skolen.",
    "You also asked whether the buses could run on Sundays.",
])
def test_a_question_restated_in_a_reply_is_no_evidence(sentence):
    from budgetarkiv.answer.sentences import is_question
    hit = _hit(sentence)
    assert is_question(sentence, hit)
    assert not is_question("Forvaltningen har overvejet at leje lokalerne.", hit)


def test_a_consequence_is_quoted_with_the_reason_before_it():
    from budgetarkiv.answer.sentences import Candidate, _merged
    text = ("Kun hver fjerde chauffør har det kørekort, der kræves. Forvaltningen anbefaler derfor mindre busser. "
            "Busserne kører fra 2028.")
    start = text.index("Forvaltningen")
    c = Candidate(_hit(text), start, text.index(" Busserne"), 0, False)
    assert _merged(c, analyse("Hvorfor anbefaler forvaltningen mindre busser?")).text.startswith("Kun hver fjerde")
    assert _merged(c, analyse("Hvad anbefaler forvaltningen?")).text.startswith("Forvaltningen")


def _hit(text: str, section: str | None = None):
    from budgetarkiv.search.hybrid import Hit
    return Hit(row=0, chunk_id="d:0", doc_id="d", source="n.txt", doc_type="answer", kind="prose", note_id=None,
               budget_year=None, title="Svar", section=section, scenario=None, page=1, text=text, score=1.0,
               retrievers=("bm25",))


@pytest.mark.parametrize("sentence, conditional", [
    ("Stiger renten med 1 procentpoint, øges udgiften til 3,1 mio. kr.", True),
    ("Hvis tilskuddet udebliver, lukker værkstedet.", True),
    ("Forsinkes byggeriet, flyttes 0,4 mio. kr. til 2029.", True),
    ("Vælges alle tre, spares i alt 2,5 årsværk.", False),  # a choice of them all: the total
    ("Når ordningen er indfaset, koster den 2,4 mio. kr. om året.", False),
])
def test_a_change_put_first_is_a_condition(sentence, conditional):
    from budgetarkiv.answer.sentences import _CONDITION
    assert bool(_CONDITION.search(sentence)) is conditional


def test_a_heading_over_items_is_one_candidate_with_them():
    from budgetarkiv.answer.sentences import headed_lists
    text = ("Resumé\nForvaltningen foreslår nye busser.\nÆndringer siden sidste version\n- Prisen er steget til 4,1 mio. kr.\n"
            "- Ruten går nu også til Valby.\nBaggrund\nBusserne er gamle.")
    assert [text[a:b] for a, b in headed_lists(text)] == [
        "Ændringer siden sidste version\n- Prisen er steget til 4,1 mio. kr.\n- Ruten går nu også til Valby."]
    assert headed_lists("Skoler\n- Valby Skole") == []  # one item (and a one-word heading): no list under a heading


def test_a_paragraph_right_under_a_goals_heading_states_a_goal():
    text = "Økonomi\nBeløbene er i kr.\nMålsætning\nMindst 30 pct. af brugerne er nye."
    assert under_goal_heading(text, text.index("Mindst"))
    assert not under_goal_heading(text, text.index("Beløbene"))


def test_a_notes_head_line_is_no_statement():
    from budgetarkiv.answer.sentences import Candidate, is_title
    head = "UDKAST – 3. maj 2027 Teknik- og Miljøforvaltningen TMF12 Nye busser til Valby"
    hit = dataclasses.replace(_hit(head), title="TMF12 Nye busser til Valby")
    c = Candidate(hit, 0, len(head), 0, False)
    assert is_title(c, head)
    assert not is_title(c, "TMF12 Nye busser til Valby koster 4,1 mio. kr. om året.")


@pytest.mark.parametrize(("line", "named"), [
    ("Tandpleje for unge: Korr. budget: 12,5; Forv. forbrug: 11,9; Afvigelse: -0,6 (mio. kr., løbende p/l)", True),
    ("Kantinedrift: Budget: 800; Regnskab: 760; Mer-/mindreforbrug: (40)", True),
    ("Tandpleje for unge (Service): 2031: 12.500; 2032: 12.500; I alt: 25.000", False),  # a year table's row
    ("Drift af bussen: I alt: 1.000; Årsværk: 2,0", False),
])
def test_a_row_of_named_money_columns_is_quotable_from_its_table_passage(line: str, named: bool) -> None:
    from budgetarkiv.answer.sentences import _NAMED_CELLS_ROW

    assert bool(_NAMED_CELLS_ROW.search(f"Tabel 2. Forventet regnskab\nmio. kr.\n{line}")) is named


@pytest.mark.parametrize(("question", "asks"), [
    ("Hvad er den forventede afvigelse for tandplejen?", True),
    ("Hvor stort er mindreforbruget på madordningen?", True),
    ("What is the expected deviation for the dental care programme?", True),
    ("Hvad er målsætningen for tandplejen?", False),  # a goal: the follow-up's money rows are not it
    ("Hvad koster tandplejen i 2031?", False),
])
def test_a_question_naming_a_follow_up_column_asks_for_its_rows(question: str, asks: bool) -> None:
    from budgetarkiv.answer.sentences import asks_named_column

    assert asks_named_column(question) is asks
