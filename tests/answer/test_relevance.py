"""Relevance: an answer is given only when the note in focus holds what the question names.

Pure rules first (numbers bound to words, years), then the abstention over the real tuning archive: a
question whose words are spread over several notes, or that names a place, an age or a year its note
never mentions, abstains and says which part was not found; the same question about what the note does
say is answered.
"""
from __future__ import annotations

import pytest

from budgetarkiv.answer.relevance import (
    agreements_missing,
    alternatives_missing,
    alternatives_named,
    codes_instead,
    codes_missing,
    number_words_missing,
    ordinals_missing,
    siblings_instead,
    years_missing,
)
from budgetarkiv.answer.wording import listing

NOTE = "Forebyggende hjemmebesøg til 70-årige, der bor alene. Borgerne får et tilbud, når de fylder 75 år."


@pytest.mark.parametrize("question, missing", [
    ("Hvad koster hjemmebesøg til 80-årige?", ["80-årige"]),
    ("Hvad koster hjemmebesøg til 70-årige?", []),
    ("Hvad koster hjemmebesøg til 75-årige?", []),  # "når de fylder 75 år"
    ("Hvad koster hjemmebesøg til 70 årige?", []),
    ("Hvad koster hjemmebesøg i 2025-priser?", []),  # a year with a suffix is no age
    ("Hvad koster hjemmebesøg?", []),
])
def test_a_number_bound_to_a_word_must_be_bound_to_it_in_the_note(question, missing):
    assert number_words_missing(question, NOTE) == missing


@pytest.mark.parametrize("question, text, missing", [
    ("Hvad koster svømning for eleverne i 5. klasse?", "Alle elever i 3. klasse får svømning.", ["5. klasse"]),
    ("Hvad koster svømning for 3. klasserne?", "Alle elever i 3. klasse får svømning.", []),
    ("What target is set for pupils in 4th grade?", "Målet er, at 90 pct. i 4. klasse kan svømme.", []),
    ("What target is set for pupils in 6th grade?", "Målet er, at 90 pct. i 4. klasse kan svømme.", ["6th grade"]),
    ("Hvad skete der 1. januar 2025?", "Ordningen starter i 2025.", []),  # a date is no ordinal binding
])
def test_an_ordinal_bound_to_a_word_must_be_stated_in_the_note(question, text, missing):
    assert ordinals_missing(question, text) == missing
    assert number_words_missing(question, text) == missing


def test_an_agreement_asked_about_must_be_named_not_only_a_year_column():
    text = "Med Budgetaftale 2019 blev der afsat midler.\n1.000 kr. 2019 2020 2021 2022 I alt"
    assert agreements_missing((2021,), text)  # 2021 is a column of the 2019 agreement's grant
    assert not agreements_missing((2019,), text)
    assert not agreements_missing((2026,), "Aftale om Budget 2026 blev indgået i september.")
    assert not agreements_missing((), text)


def test_a_year_asked_must_occur_in_a_sentence_or_a_table_column():
    text = "Ved hjemløsetællingen i 2019 blev der registreret ca. 450 hjemløse unge."
    assert years_missing((2015,), text, set())
    assert not years_missing((2019,), text, set())
    assert not years_missing((2023,), text, {2021, 2022, 2023, 2024})
    assert not years_missing((2015, 2019), text, set())  # one of the years asked is enough
    assert not years_missing((), text, set())  # no year asked
    assert years_missing((2019,), "beløb i 1.000 kr. (2019.5 er ingen årstal)", set())


@pytest.mark.parametrize("text, named", [
    ("Saunaer i havnebadene – Niveau 1-4", {1, 2, 3, 4}),  # a range names every level in it
    ("Jobbro – Option A og B", {1, 2}),
    ("Tolkebestilling – Alternativ I og II", {1, 2}),
    ("Der skal tages stilling til scenarie 1, 2 eller 3.", {1, 2, 3}),
    ("Model A, B og C", {1, 2, 3}),
    ("Budget 2026-modellen og 2.000 forslag", set()),  # a year or a count is no alternative
])
def test_a_note_names_its_alternatives_singly_in_ranges_and_in_lists(text, named):
    assert alternatives_named(text) == named


@pytest.mark.parametrize("question, text, missing", [
    ("What does Niveau 5 of the sauna plan cost?", "Saunaer – Niveau 1-4.", ["Niveau 5"]),
    ("What does Niveau 3 of the sauna plan cost?", "Saunaer – Niveau 1-4.", []),
    ("Hvad koster Option C?", "Jobbro – Option A og B.", ["Option C"]),
    ("Hvad koster Option B?", "Jobbro – Option A og B.", []),
    # numbering counts, not its notation: Model B is the second alternative ("scenarie 2" of the same note)
    ("Hvad koster Model B?", "Der skal vælges mellem scenarie 1 og scenarie 2.", []),
    ("Hvad koster modellen i 2027?", "Jobbro – Option A og B.", []),  # no alternative named
])
def test_an_alternative_the_note_does_not_have_is_missing(question, text, missing):
    assert alternatives_missing(question, text) == missing


def test_a_note_id_the_text_does_not_write_is_missing():
    text = "Effektiviseringskatalog: SOF-S01 Færre vikarer ... SOF-S05 Fælles vaskeri. ØKF I3 og SUF E15."
    assert codes_missing("Hvor mange årsværk sparer SOF-S06?", text) == ["SOF-S06"]
    assert codes_missing("Hvor mange årsværk sparer SOF-S05?", text) == []
    assert codes_missing("Hvad koster ØKF I3 og SUF E15?", text) == []
    assert codes_missing("Hvad sparer KOL-forløbet i COPD 2?", text) == []  # an acronym and a number are no id


DEPOTS = ("Parkdriften har fire depoter: Depot Hvidovrevej, Depot Kalvebod, Depot Utterslev og Depot Vigerslev. "
          "Depot Kalvebod og Depot Utterslev lukkes, og Depot Vigerslev bygges om for 4,5 mio. kr.")


@pytest.mark.parametrize("question, answer, instead", [
    # the answer speaks of another depot of the list the note names the one asked among
    ("Hvad koster ombygningen af Depot Hvidovrevej?", "Depot Vigerslev bygges om for 4,5 mio. kr.",
     ("Hvidovrevej", ["Vigerslev"])),
    ("Hvad koster ombygningen af Depot Vigerslev?", "Depot Vigerslev bygges om for 4,5 mio. kr.", None),
    ("Hvad koster ombygningen af Depot Hvidovrevej?", "Ombygningen koster 4,5 mio. kr.", None),  # no sibling named
    # two members asked: the list as a whole, not one of them
    ("Hvad sparer lukningen af Depot Kalvebod og Depot Utterslev?", "Depot Vigerslev bygges om for 4,5 mio. kr.",
     None),
    ("Hvad koster ombygningen af Depot Amager?", "Depot Vigerslev bygges om for 4,5 mio. kr.", None),  # not listed
])
def test_an_answer_about_a_sibling_of_the_listed_name_asked_is_found(question, answer, instead):
    assert siblings_instead(question, DEPOTS, answer) == instead


def test_two_names_joined_by_og_are_no_list_of_siblings():
    """A list has three members at least: "Kalvebod og Utterslev lukkes, og Vigerslev bygges om" joins clauses."""
    note = "Depot Kalvebod og Depot Utterslev lukkes. Depot Vigerslev bygges om."
    assert siblings_instead("Hvad koster lukningen af Depot Kalvebod?", note, "Depot Utterslev lukkes.") is None


def test_missing_parts_are_listed_as_asked():
    assert listing("da", ["Amager"]) == "«Amager»"
    assert listing("da", ["frokost", "daginstitutionerne"]) == "«frokost» eller «daginstitutionerne»"
    assert listing("en", ["Sunday", "opening", "libraries"]) == "«Sunday», «opening» or «libraries»"


# --- over the tuning archive ----------------------------------------------------------------


@pytest.mark.parametrize("question, named", [
    ("Hvad koster forebyggende hjemmebesøg til 85-årige?", "«85-årige»"),  # the note is about 70-årige
    ("Hvor mange træer skal der plantes i Brønshøj?", "«Brønshøj»"),  # the trees note names other districts
    ("How many new street trees will be planted in Brønshøj?", "«Brønshøj»"),
    ("Hvad var målet for de hjemløse unge i 2012?", "«2012»"),  # no sentence or table of the notes has 2012
    ("Hvad koster gratis frokost i daginstitutionerne?", None),  # "gratis" in one note, daycare in another
    ("What did the Budget 2025 agreement give to Sunday opening at the libraries?", None),
    ("How many new street trees will be planted in Valby?", "«Valby»"),  # a Danish name no note holds
    # a target group the note names others of: the Housing First notes are for young people, SUF09 for 70-årige
    ("Hvad koster Housing First-teamet for ældre?", "«ældre»"),
    ("What does the Housing First team for pensioners cost?", "«pensioners»"),
    ("Hvad koster forebyggende hjemmebesøg til unge?", "«unge»"),
    # the acute team's note has two scenarios; "Sprogløft" is BUF07
    ("What does scenario 3 for the acute team cost?", "«scenario 3»"),
    ("Hvad koster Sprogløft i dagtilbud (BUF08)?", "«BUF08»"),
])
def test_a_question_naming_what_its_note_does_not_hold_abstains(archive_answerer, question, named):
    answer = archive_answerer.ask(question)
    assert not answer.answered, answer.answer
    assert "ikke" in answer.answer or "no answer" in answer.answer
    if named:
        assert named in answer.answer, answer.answer


@pytest.mark.parametrize("question", [
    "Hvad koster forebyggende hjemmebesøg til 70-årige?",
    "Hvad koster forebyggende hjemmebesøg til ældre?",  # 70-årige are elderly
    "Hvad koster Housing First-teamet for unge?",
    "What does scenario 2 for the acute team cost?",
    "Hvad koster Sprogløft i dagtilbud (BUF07)?",
    "Hvor mange træer skal der plantes på Amager?",  # the note names Amager Vest
    "Hvor mange hjemløse unge var der i København i 2019?",
    "How much would the two new youth clubs in Nordvest and on Amager cost in 2027?",
    "Er akutteamet dyrere end Housing First-teamet?",  # a name of the other note shown beside the focused one
    # capitalised English words of an institution's name are no names to find ("City Council")
    "How many new street trees will the City Council plant on Amager?",
])
def test_the_same_questions_about_what_the_note_holds_are_answered(archive_answerer, question):
    answer = archive_answerer.ask(question)
    assert answer.answered, answer.answer


def test_an_english_word_is_found_through_its_translation_inside_a_danish_compound(archive_answerer):
    relevance = archive_answerer.relevance
    found, missing = relevance.words_found("bridge parking", "Brobygningsforløb og cykelparkering", english=True)
    assert found == ["bridge", "parking"] and missing == []
    assert relevance.words_found("bridge", "Vejvedligeholdelse", english=True)[1] == ["bridge"]
    assert relevance.words_found("café", "Lektiecafeer på skoler", english=True)[0] == ["café"]  # accents aside



def test_a_word_generic_for_relevance_may_still_name_a_scenario(archive_answerer):
    """'the full protection' → 'fuld' ('Scenarie 3 – Fuld skybrudssikring'), though 'fuldt' says nothing
    about relevance ('fuldt indfaset')."""
    relevance = archive_answerer.relevance
    plain = {t for g in relevance.word_groups("What does the full protection cost?") for t in g}
    naming = {t for g in relevance.word_groups("What does the full protection cost?", naming=True) for t in g}
    assert "fuld" not in plain and "fuld" in naming
    assert "hvad" not in {t for g in relevance.word_groups("Hvad koster den store model?", naming=True) for t in g}


def test_an_english_glossary_phrase_is_found_through_its_danish_compound(archive_answerer):
    """'day care' is 'dagtilbud': "care" alone (omsorg, pleje) is not in the note, the phrase's compound is."""
    relevance = archive_answerer.relevance
    assert relevance.words_found("day care", "Flere pladser i dagtilbud", english=True) == (["day", "care"], [])
    assert relevance.words_found("care", "Flere pladser i dagtilbud", english=True)[1] == ["care"]


def test_an_english_name_the_notes_write_as_it_is_is_not_translated(archive_answerer):
    """'Housing First' is the programme's name in the Danish note: "housing" must not pull in "bolig" rows."""
    question = "What does the Housing First team for homeless young people cost?"
    translations = dict(archive_answerer.relevance.translations(question, True))
    assert translations["housing"] == ()
    assert "hjemløse" in translations["homeless"]  # the question's other words are translated


def test_an_english_questions_content_words_carry_their_danish_translations(archive_answerer):
    """Focus compares them with the notes' Danish titles: "swimming lessons" must meet "Svømmeundervisning"."""
    relevance = archive_answerer.relevance
    tokens = set(relevance.content_tokens("What do the swimming lessons for third graders cost?"))
    assert set(relevance.analyzer.tokens("svømning undervisning")) <= tokens
    assert set(relevance.content_tokens("Hvad koster svømning?")) == set(relevance.analyzer.tokens("svømning"))


def test_only_a_capitalised_english_word_is_kept_untranslated_as_a_name(archive_answerer):
    """'Housing First' is a programme's name; 'evening' is an ordinary word to translate ('aften'), even when
    the archive's text happens to hold it."""
    groups = archive_answerer.relevance.word_groups("Which costs more: staffed evening opening or Sunday opening?")
    assert any("aften" in g or "aft" in g for g in groups)


# --- an amount asked of a letter that names none ----------------------------------------------

LETTER = """Københavns Kommune
Kultur- og Fritidsforvaltningen

                                                  Dato: 3. maj 2026

Kære Jens Hansen

Tak for din mail af 14. april 2026 om forsøget med gratis lektiehjælp. Du har stillet to
spørgsmål, som besvares nedenfor.


Spørgsmål 1
Indgår bibliotekerne i forsøget med gratis lektiehjælp?

Svar
Nej. Forsøget omfatter kun de tolv fritidsklubber. Bibliotekerne har deres egen plan for
lektiecaféer, som forelægges Kultur- og Fritidsudvalget i efteråret 2026.


Spørgsmål 2
Hvad koster forsøget med gratis lektiehjælp i fritidsklubberne?

Svar
Forsøget koster 3,2 mio. kr. om året i 2026 og 2027, i alt 6,4 mio. kr.


Med venlig hilsen

Anne Berg
Kultur- og Fritidsdirektør
"""


@pytest.fixture(scope="module")
def letter_answerer(tmp_path_factory, embedder):
    """An invented answer letter, indexed on its own: one answer names an amount, the other none."""
    from budgetarkiv.answer.compose import Answerer
    from budgetarkiv.core.settings import Settings
    from budgetarkiv.index.build import build_index
    from budgetarkiv.search.hybrid import Searcher

    base = tmp_path_factory.mktemp("letter")
    (base / "docs").mkdir()
    (base / "docs" / "svar.txt").write_text(LETTER, encoding="utf-8")
    settings = Settings.from_env({}, index_dir=base / "idx")
    build_index([base / "docs"], settings, embedder, show_progress=False)
    return Answerer(Searcher(settings))


def test_an_amount_asked_of_a_letter_whose_answer_names_none_abstains(letter_answerer):
    """The letter's answer about the libraries says they are not part of it: no sentence and no table says
    what lektiecaféer on the libraries cost, so the answer must not present that sentence as the cost."""
    answer = letter_answerer.ask("Hvad er budgettet for lektiecaféer på bibliotekerne?")
    assert not answer.answered, answer.answer
    answered = letter_answerer.ask("Hvad koster forsøget med gratis lektiehjælp i fritidsklubberne?")
    assert answered.answered and "3,2 mio. kr." in answered.answer, answered.answer


# --- a count asked for a year the quoted sentences do not count -------------------------------

def _fact(text: str, section: str | None = None):
    from budgetarkiv.answer.model import Fact

    return Fact(text=text, passage=text, highlight=(0, len(text)), source="x.txt", doc_id="d", note_id=None,
                budget_year=None, title=None, section=section, page=None)


def test_a_count_asked_in_a_year_is_refused_when_a_sentence_counts_another_year_and_none_that_one():
    from budgetarkiv.answer.compose import _other_years
    from budgetarkiv.search.query import analyse

    q = analyse("Hvor mange familier fik aflastning i en plejefamilie i 2024?")
    other = _fact("Fra 1. juli 2026 får 6 familier aflastning i en plejefamilie.")
    undated = _fact("Aflastningshuset får 8 pladser.")
    refusal = _other_years(q, (other, undated))
    assert refusal and "2026" in refusal and "2024" in refusal
    assert _other_years(q, (_fact("I 2024 fik 19 familier aflastning."), undated)) is None
    assert _other_years(q, (_fact("19 familier fik aflastning.", section="Status 2024"), other)) is None
    assert _other_years(q, (undated,)) is None  # no sentence names a year: nothing to tell


def test_a_year_naming_a_pool_or_a_start_is_no_time_of_the_count():
    """ "Idrætspuljen 2026" names the pool, "fra 2028" a start: a sentence without a year may still count it."""
    from budgetarkiv.answer.compose import _other_years
    from budgetarkiv.search.query import analyse

    dated = _fact("Puljen blev besluttet i 2025.")
    undated = _fact("For stemte 7 medlemmer.")
    assert _other_years(analyse("Hvor mange medlemmer stemte for Idrætspuljen 2026?"), (undated, dated)) is None
    assert _other_years(analyse("Hvor mange pladser skal forløbene have fra 2028?"), (undated, dated)) is None


def test_a_yearly_amount_asked_of_amounts_for_a_span_of_years_only_is_refused():
    from budgetarkiv.answer.compose import _not_yearly
    from budgetarkiv.search.query import analyse

    q = analyse("Hvad koster lektiecaféerne om året?")
    span = _fact("Der afsættes 4,0 mio. kr. i 2026-2027 til længere åbningstid i to lektiecaféer.")
    assert _not_yearly(q, (span,)) == "2026-2027"
    assert _not_yearly(q, (span, _fact("Driften koster 1,5 mio. kr. om året."))) is None  # a yearly amount
    assert _not_yearly(q, (span, _fact("Lokalerne koster 300.000 kr."))) is None  # an amount of no span
    assert _not_yearly(analyse("Hvad koster lektiecaféerne?"), (span,)) is None  # no year asked for
    assert _not_yearly(analyse("What do the homework cafés cost per year?"), (span,)) == "2026-2027"


def test_a_compound_the_analyzer_does_not_split_counts_when_the_text_holds_both_parts(archive_answerer):
    """ "skybrudsløsning" of a note about "tre løsninger" for "skybrud": the question's compound is the note's
    two words."""
    relevance = archive_answerer.relevance
    text = "Tre løsninger mod skybrud i bydelen."
    assert relevance.words_found("skybrudsløsning", text, english=False) == (["skybrudsløsning"], [])
    assert relevance.words_found("skybrudsløsning", "Tre løsninger i bydelen.", english=False)[1] == ["skybrudsløsning"]


def test_words_saying_the_kind_of_figure_asked_are_not_counted(archive_answerer):
    """ "hvor mange procent", "hvor stor en andel": the notes write "pct.", the words say what kind of figure."""
    found, missing = archive_answerer.relevance.words_found("Hvor mange procent af de unge er kvinder?",
                                                            "Blandt de unge er 57 pct. kvinder.")
    assert "procent" not in found + missing and missing == []


# --- a quote about a sibling proposal's id -----------------------------------------------------------

@pytest.mark.parametrize("question, quotes, instead", [
    # the amendment quoted is about another proposal of the same catalogue
    ("Hvordan stemte de om at lukke caféen (TMF K4)?", ["Ændringsforslag nr. 2: TMF K2 udgår. Forkastet."],
     (["TMF K4"], ["TMF K2"])),
    ("How did they vote on SUF-S07?", ["Amendment 1: SUF-S03 and SUF-S05 are dropped."], (["SUF-S07"], ["SUF-S03", "SUF-S05"])),
    ("Hvordan stemte de om TMF K4?", ["Ændringsforslag nr. 2: TMF K4 udgår."], None),  # the id asked
    ("Hvordan stemte de om TMF K4?", ["Ændringsforslag nr. 2: TMFK4 udgår.", "TMF K2 blev vedtaget."], None),
    ("Hvordan stemte de om TMF K4?", ["Forslaget blev vedtaget uden afstemning."], None),  # a quote naming no id
    ("Hvordan stemte de om caféen?", ["Ændringsforslag nr. 2: TMF K2 udgår."], None),  # no id asked
])
def test_quotes_naming_only_other_ids_than_the_one_asked_are_found(question, quotes, instead):
    assert codes_instead(question, quotes) == instead


# --- a table row quoted as a sentence: its years are its head's -----------------------------------

@pytest.mark.parametrize("passage, row, years", [
    ("Tabel 3. Andel genbrugt Pct. 2024 2025 Mål 2030 Senge 20 pct. 25 pct. 50 pct. Lifte 11 pct. 14 pct. 30 pct.",
     "Lifte 11 pct. 14 pct. 30 pct.", {2024, 2025, 2030}),
    ("Antal 2023 2024 Cykler 120 180", "Cykler 120 180", {2023, 2024}),
    # a sentence between the head and the row: the row is no row of that table
    ("Antal 2023 2024 Cykler 120 180. Derefter forventes en større stigning i antallet af cykler. Biler 4 5",
     "Biler 4 5", set()),
    ("I 2024 og 2025 steg antallet til 40 pladser.", "I 2024 og 2025 steg antallet til 40 pladser.", set()),  # prose
])
def test_a_quoted_table_row_has_the_years_of_its_head(passage, row, years):
    from budgetarkiv.answer.compose import head_years
    from budgetarkiv.answer.model import Fact

    start = passage.index(row)
    fact = Fact(text=row, passage=passage, highlight=(start, start + len(row)), source="x.txt", doc_id="d",
                note_id=None, budget_year=None, title=None, section=None, page=None)
    assert head_years(fact) == years


def test_a_share_asked_of_a_year_the_table_row_does_not_hold_is_refused():
    from budgetarkiv.answer.compose import _other_years
    from budgetarkiv.answer.model import Fact
    from budgetarkiv.search.query import analyse

    passage = "Tabel 3. Andel genbrugt Pct. 2024 2025 Mål 2030 Senge 20 pct. 25 pct. 50 pct."
    row = "Senge 20 pct. 25 pct. 50 pct."
    fact = Fact(text=row, passage=passage, highlight=(passage.index(row), len(passage)), source="x.txt", doc_id="d",
                note_id=None, budget_year=None, title=None, section=None, page=None)
    refusal = _other_years(analyse("Hvor stor en andel af sengene blev genbrugt i 2027?"), (fact,))
    assert refusal and "2027" in refusal and "2024" in refusal
    assert _other_years(analyse("Hvor stor en andel af sengene blev genbrugt i 2025?"), (fact,)) is None


# --- misspelt words, and words that say what kind of answer is asked ---------------------------

@pytest.mark.parametrize("stems, have, misspelt", [
    ({"varmepumpeanlæg"}, {"varmepumpeanlæg", "drift"}, True),  # (the word itself is no misspelling either)
    ({"varmepumbeanlæg"}, {"varmepumpeanlæg", "drift"}, True),  # one letter off in fifteen
    ({"havnebusen"}, {"havnebus", "sejlad"}, True),
    ({"vesterbro"}, {"østerbro"}, False),  # one place for another
    ({"skolen"}, {"skole"}, False),  # short stems are left to the stemmer
    ({"cykelbro"}, {"cykelsti", "bro"}, False),
])
def test_a_long_stem_a_letter_or_two_off_is_a_misspelling(stems, have, misspelt):
    from budgetarkiv.answer.relevance import _misspelt

    assert _misspelt(stems, have) is misspelt


def test_misspelt_source_and_difference_words_do_not_count_against_a_question(archive_answerer):
    """A misspelt compound is found; "forskellen", "ifølge notatet", "bevilget" say what is asked, not about what."""
    relevance = archive_answerer.relevance
    text = "Varmepumpeanlæggene sættes i drift i 2029. Model 1 og model 2 koster 4 og 6 mio. kr."
    assert relevance.words_found("Hvornår er varmepumbeanlæggene i drift?", text)[1] == []
    assert relevance.words_found("Hvad er forskellen på model 1 og model 2 ifølge notatet?", text)[1] == []
    assert relevance.words_found("Hvad blev varmepumpeanlæggene bevilget?", text)[1] == []
    assert relevance.words_found("Hvad koster model 2 i den opdaterede version af udkastet?", text)[1] == []
    assert relevance.words_found("Hvor meget steg model 2 sammenlignet med model 1?", text)[1] == []
    assert relevance.words_found("Hvornår blev varmepumpeanlæggene oprindelig bevilget?", text)[1] == []
    # a price level asked selects the table that has it: no kind word
    assert relevance.words_found("Hvad koster model 2 i løbende priser?", text)[1] == ["løbende"]
    assert relevance.words_found("Hvornår er varmepumpeanlæggene i drift på Vesterbro?", text)[1] == ["vesterbro"]


def test_a_care_home_is_also_a_plejecenter(archive_answerer):
    """The glossary's "care home" reaches the municipality's own word for it."""
    found, missing = archive_answerer.relevance.words_found("What does the care-home staffing cost?",
                                                            "Faste medarbejdere på plejecentrene.", english=True)
    assert {"care", "home"} <= set(found), (found, missing)


@pytest.mark.parametrize("text, years, stated", [
    ("Resumé. I 2025 brugte forvaltningerne 8,1 mio. kr. på kørsel. Forslaget gælder 2027-2030.", (2025,), True),
    ("Udgiften var 8,1 mio. kr. Ordningen startede i 2025.", (2025,), False),  # the year and the amount apart
    ("I 2025 kørte 400 borgere med ordningen.", (2025,), False),  # a count, no money
    ("I 2025 brugte forvaltningerne 8,1 mio. kr. på kørsel.", (2024,), False),
])
def test_an_amount_stated_in_a_sentence_of_the_year_asked_is_no_year_outside_the_tables(text, years, stated):
    from budgetarkiv.answer.compose import _stated_in

    assert _stated_in(text, years) is stated


def test_a_documents_own_date_is_no_year_of_the_count_it_reports():
    """ "Evalueringen af 2. marts 2032 viser, at 410 børn deltog i 2031" counts 2031; "fra 1. juli 2026" is a start."""
    from budgetarkiv.answer.compose import _counted_years

    assert _counted_years(_fact("Evalueringen af 2. marts 2032 viser, at 410 børn deltog i 2031.")) == {2031}
    assert _counted_years(_fact("The report of 14 May 2032 shows that 410 children took part in 2031.")) == {2031}
    assert _counted_years(_fact("Fra 1. juli 2026 får 6 familier aflastning.")) == {2026}


def test_what_was_granted_before_is_not_what_the_notes_own_budget_grants_now():
    """Of a Budget 2033 note: "I Budget 2031 blev der afsat ..." tells of before; "Med Aftale om Budget 2033
    ..." and "der gives en bevilling ... i 2033" of now. Nothing of before: the sentences stay."""
    from types import SimpleNamespace

    from budgetarkiv.answer.compose import _before

    notes = [SimpleNamespace(also=False, hit=SimpleNamespace(budget_year=2033))]
    before = _fact("I Budget 2031 blev der afsat 0,8 mio. kr. til en forundersøgelse.")
    now = _fact("Med Aftale om Budget 2033 er der afsat 12,0 mio. kr. til byggeriet.")
    given = _fact("Forvaltningen indstiller, at der gives en anlægsbevilling på 1,1 mio. kr. i 2033.")
    undated = _fact("Forundersøgelsen er afsluttet.")
    assert _before((before, now, given, undated), notes) == (before, undated)
    assert _before((now, given), notes) == (now, given)
