"""Interpreting documents: what a budget note or an answer letter says about itself.

The first part tests the pure functions on inline text; the second reads the bundled corpus through
readers -> normalize -> parse_note, the way the indexer does.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from budgetarkiv.core.models import BudgetTable, Note, Scenario
from budgetarkiv.core.text import join_wrapped
from budgetarkiv.ingest import notes

PERSPEKTIV = "Perspektiv – en beskæftigelsesindsats for ægtefælleforsørgede (udløb)"
HEAD_2024 = (
    "\nBudget 2024 \nBeskæftigelses- og Integrationsforvaltningen \n\n"
    "BI18 Perspektiv – en beskæftigelsesindsats for ægtefælleforsør-\ngede (udløb) \n\n \nBaggrund \n"
)

NOTE_WITH_BOX = """BI18 Perspektiv

Baggrund
Beskæftigelses- og Integrationsudvalget har bestilt et budgetnotat til forhandlingerne om Budget 2024.

Videreførelse af Perspektiv (scenarie 1)
Målgruppen er ægtefælleforsørgede kvinder og mænd med ikke-vestlig baggrund, der er bosat i København. For at rekruttere målgruppen vil en medarbejder lave opsøgende arbejde. Tredje sætning.

Kategorisering

Need to  

Bevillingsudløb X 

Bestilt af fagudvalg X 

Bestilt administrativt  
 Erfaringerne med målgruppen er, at de har sociale, sproglige og kompetencemæssige udfordringer.

Udvidelse af Perspektiv med øget indsats over for negativ social kontrol (scenarie 2)
Der er mulighed for at udvide spor 5. En ekstra medarbejder vil hjælpe.

Økonomi
Udgifterne dækker over fem årsværk (scenarie 1). Hertil 0,65 mio. kr. årligt (scenarie 2).

Bydele

Bydækkende: X 

Bispebjerg  Indre by  
"""


# ---------------------------------------------------------------- pure functions


@pytest.mark.parametrize(
    ("head", "note_id", "title"),
    [
        (HEAD_2024, "BI18", PERSPEKTIV),
        (" BI18: Styrket integration af etniske minoritetsfamilier på \nkontanthjælp \n\n", "BI18",
         "Styrket integration af etniske minoritetsfamilier på kontanthjælp"),
        ("\nBI23 -Videreførelse af ’Bekæmpelse af negativ social kon-\ntrol som barriere for beskæftigelse’ (bevillingsudløb) \n\n",
         "BI23", "Videreførelse af ’Bekæmpelse af negativ social kontrol som barriere for beskæftigelse’ (bevillingsudløb)"),
        ("BUU12a – Flere pædagoger \n", "BUU12a", "Flere pædagoger"),
        ("Budget 2024 \nIngen id her \n", None, None),
        ("Effektiviseringsstrategi – Budget 2031\n\nKFF E7 Færre åbningstimer i svømmehallerne\n", "KFF E7",
         "Færre åbningstimer i svømmehallerne"),
        ("BIF E14: Digital post til borgerne\n", "BIF E14", "Digital post til borgerne"),
        # a space before the digits, as some administrations write it: the id is the same as without
        ("Budget 2030\nKFF 31 Udendørs fitness i bydelsparkerne\n", "KFF31", "Udendørs fitness i bydelsparkerne"),
        ("BIF E 6 – Færre fysiske møder\n", "BIF E6", "Færre fysiske møder"),
        ("Budget 2031\nKF-B17 Svar på budgetønske: lys i bydelsparken\n", "KF-B17", "Svar på budgetønske: lys i bydelsparken"),
        ("SOF-A4 Nye boliger til unge hjemløse\n", "SOF-A4", "Nye boliger til unge hjemløse"),
        ("Budget 2030\nSUF/BIF 07 Fælles indsats for ledige med demens i familien\n", "SUF/BIF07",
         "Fælles indsats for ledige med demens i familien"),
        # a lead-in naming the paper, and a known administration's short name in lower case
        ("Budget 2032\nNotat nr. TMF 44: Grønne skolegårde\n", "TMF44", "Grønne skolegårde"),
        ("Budgetnotat: SOF-9 – Botilbud til unge med autisme\n", "SOF-9", "Botilbud til unge med autisme"),
        ("Budgetnotat BIF E2 Færre breve\n", "BIF E2", "Færre breve"),
        ("suf12 – Flere demenskoordinatorer\n", "SUF12", "Flere demenskoordinatorer"),
        ("Budget 2032\nab12 – ikke et notat\n", None, None),  # lower case only for a known administration
    ],
)
def test_note_id_and_title_from_the_head(head: str, note_id: str | None, title: str | None) -> None:
    assert notes.find_note_id_and_title(head) == (note_id, title)


@pytest.mark.parametrize(
    ("head", "text", "expected"),
    [
        (HEAD_2024, "", (2024, "head")),
        ("BI18 X", "bestilt et budgetnotat til forhandlingerne om Budget 2024.", (2024, "text")),
        ("BI23 X", "Med Budget 2021 og 2023 blev der afsat midler. Der søges om at videreføre bevillingen til \nbudget 2026.",
         (2026, "text")),
        ("BI18: X", "Tabel 1 (1.000 kr. – 2018 p/l ) \nTabel 2 (1.000 kr. – 2018 p/l ) \nBudgetaftale 2020", (2018, "price_level")),
        ("", "Kære Gyda Heding, tak for din henvendelse af d. 22/6 2021.", (None, None)),
        # the head's year as one part of a head line, ahead of any year the body mentions
        ("Budget 2031 · Socialforvaltningen\n\nSOF40 X", "Bevillingen fra Budget 2027 udløber.", (2031, "head")),
        ("Effektiviseringsstrategi – Budget 2031\n", "til forhandlingerne om Budget 2033", (2031, "head")),
        ("Aftale om Budget 2031\n", "i forbindelse med Budget 2033", (2031, "head")),
        ("Forvaltningen | Budgetforslag 2031 | udkast\n", "", (2031, "head")),
        # a year inside a head sentence, or a span of years, is not the head's
        ("SOF40 Bevillingen fra Budget 2027 udløber\n", "til Budget 2031.", (2031, "text")),
        ("Budget 2027-2030\n", "til Budget 2031.", (2031, "text")),
    ],
)
def test_budget_year_and_how_it_was_found(head: str, text: str, expected: tuple[int | None, str | None]) -> None:
    assert notes.find_budget_year(head, text) == expected


def test_administration_from_head_then_text_then_short_name() -> None:
    assert notes.find_administration(HEAD_2024, "") == "Beskæftigelses- og Integrationsforvaltningen"
    assert notes.find_administration("", "ikke omfattet af Beskæftigelses- og Integrationsforvaltningens lovpligtige indsats") == (
        "Beskæftigelses- og Integrationsforvaltningen"
    )
    assert notes.find_administration("", "en lavere årsværkpris i BIF") == "Beskæftigelses- og Integrationsforvaltningen"
    assert notes.find_administration("", "inden for forvaltningens eksisterende ramme") is None


def test_committee_only_when_it_ordered_the_note() -> None:
    assert notes.find_committee(NOTE_WITH_BOX) == "Beskæftigelses- og Integrationsudvalget"
    assert notes.find_committee("ekspertgruppen, som er nedsat af Beskæftigelses- og Integrationsudvalget") is None


def test_sections_have_headings_offsets_and_text_until_the_next_heading() -> None:
    sections = notes.find_sections(NOTE_WITH_BOX)
    assert [s.heading for s in sections] == [
        "Baggrund",
        "Videreførelse af Perspektiv (scenarie 1)",
        "Kategorisering",
        "Videreførelse af Perspektiv (scenarie 1)",
        "Udvidelse af Perspektiv med øget indsats over for negativ social kontrol (scenarie 2)",
        "Økonomi",
        "Bydele",
    ]
    for s in sections:
        assert NOTE_WITH_BOX[s.start:].startswith(s.heading.split(" (")[0]) or s.text.startswith("Erfaringerne")
        assert s.start < s.end
    assert sections[0].text.startswith("Beskæftigelses- og Integrationsudvalget har bestilt")
    assert sections[5].text.startswith("Udgifterne dækker")


def test_the_kategorisering_box_ends_where_prose_resumes() -> None:
    sections = notes.find_sections(NOTE_WITH_BOX)
    box = sections[2]
    assert "Erfaringerne" not in box.text
    assert sections[3].text.startswith("Erfaringerne med målgruppen")
    assert notes.section_at(sections, NOTE_WITH_BOX.index("Erfaringerne")) == "Videreførelse af Perspektiv (scenarie 1)"
    assert notes.section_at(sections, 0) is None  # the head is not a section


def test_categories_and_districts_marked_with_x() -> None:
    sections = notes.find_sections(NOTE_WITH_BOX)
    assert notes.find_categories(sections) == ("Bevillingsudløb", "Bestilt af fagudvalg")
    assert notes.find_districts(sections) == ("Bydækkende",)


def test_tab_separated_category_box_and_bracketed_district_mark() -> None:
    text = (
        "Kategorisering\t\nNeed to\t\nBevillingsudløb\tX\nBestilt af fagudvalg\tX\n\n"
        "Bydel og adresse \n\nBydækkende (X) X  \n\nValby   Amager Øst \n"
    )
    sections = notes.find_sections(text)
    assert notes.find_categories(sections) == ("Bevillingsudløb", "Bestilt af fagudvalg")
    assert notes.find_districts(sections) == ("Bydækkende",)


def test_scenarios_from_sub_headings() -> None:
    scenarios = notes.find_scenarios(NOTE_WITH_BOX, notes.find_sections(NOTE_WITH_BOX))
    assert [(s.name, s.title) for s in scenarios] == [
        ("Scenarie 1", "Videreførelse af Perspektiv"),
        ("Scenarie 2", "Udvidelse af Perspektiv med øget indsats over for negativ social kontrol"),
    ]
    assert scenarios[0].description.startswith("Målgruppen er ægtefælleforsørgede")
    assert scenarios[0].description.endswith("opsøgende arbejde.")
    assert scenarios[1].description == "Der er mulighed for at udvide spor 5. En ekstra medarbejder vil hjælpe."


def test_scenarios_from_bullets_one_per_number_the_first_title_wins() -> None:
    text = (
        "Beslutning  \n"
        "• Scenarie 1 – Videreførelse af indsats: Der skal træffes beslutning om at afsætte \n"
        "3,5 mio. kr. årligt til fem so-\ncial kontrol-vejledere.  \n \n"
        "• Scenarie 2 – Opskalering af indsats: Der skal træffes beslutning om at afsætte 3,9 \nmio. kr. årligt.  \n \n"
        "Indhold \n"
        "Scenarie 1 - Videreførelse af indsatsen med fem social kontrol-vejledere: Indholdet vil være som beskrevet.  \n"
        "Scenarie 2: Opskalering af indsats til social kontrol-vejledere samt midler til koordina-\ntor 2026-2029 \n"
        "Tabel 3. Oversigt \n"
    )
    assert notes.find_scenarios(text, notes.find_sections(text)) == (
        Scenario("Scenarie 1", "Videreførelse af indsats",
                 "Der skal træffes beslutning om at afsætte 3,5 mio. kr. årligt til fem social kontrol-vejledere."),
        Scenario("Scenarie 2", "Opskalering af indsats", "Der skal træffes beslutning om at afsætte 3,9 mio. kr. årligt."),
    )


def test_alternatives_named_option_level_proposal_or_by_roman_numeral_are_scenarios() -> None:
    text = ("Resume\nOption A: Forløb for 60 ledige om året. Prisen er lav.\n\n"
            "Option B: Forløb for 100 ledige om året.\n\nAlternativ II – Ekstern leverandør: Et fælles udbud.\n\n"
            "Niveau 2: Saunaer i to havnebade.\n")
    assert [(s.name, s.title) for s in notes.find_scenarios(text, notes.find_sections(text))] == [
        ("Alternativ II", "Ekstern leverandør"), ("Niveau 2", "Saunaer i to havnebade."),
        ("Option A", "Forløb for 60 ledige om året. Prisen er lav."), ("Option B", "Forløb for 100 ledige om året.")]


def test_a_scenario_item_of_word_processor_text_ends_with_its_line() -> None:
    """Without blank lines between paragraphs, the line after an item is the next paragraph: a recommendation
    naming another alternative is not part of this one's text."""
    long_line = "Option B: 120 deltagere om året i alle jobcentrets afdelinger og med en virksomhedskonsulent, der " \
                "finder job og praktik. Option B forventes at give færre udgifter til forsørgelse fra 2029."
    text = ("To muligheder\nOption A: 60 deltagere om året i to afdelinger.\n" + long_line + "\n"
            "Forvaltningen anbefaler Option A, fordi der kun er læsevejledere nok til 60 forløb.\nØkonomi\nTekst.\n")
    a, b = notes.find_scenarios(text, notes.find_sections(text))
    assert a.title == "60 deltagere om året i to afdelinger."
    assert "anbefaler" not in b.title + b.description and b.title.endswith("forsørgelse fra 2029.")


def test_a_scenario_paragraph_ends_at_a_section_heading() -> None:
    text = ("Beslutning\nScenarie 2 – Akutteam dag og aften: 6,93 mio. kr. årligt.\nBaggrund\n"
            "I 2025 var der 2.300 henvendelser.\n")
    (scenario,) = notes.find_scenarios(text, notes.find_sections(text))
    assert (scenario.title, scenario.description) == ("Akutteam dag og aften", "6,93 mio. kr. årligt.")


def test_table_titles_naming_a_scenario_are_not_scenarios_or_headings() -> None:
    text = "Økonomi \nTekst. \n\nTabel 2 – Oversigt over ønskets aktiviteter (scenarie 1) \n1.000 kr., 2024 p/l \n"
    assert [s.heading for s in notes.find_sections(text)] == ["Økonomi"]
    assert notes.find_scenarios(text, notes.find_sections(text)) == ()


def test_target_group_from_the_text_kept_short_else_from_the_goals_table() -> None:
    text = "Indhold \nMålgruppen vil være etniske minoritetsfamilier, hvor begge \nforældre er på kontanthjælp. Mere."
    assert notes.find_target_group(text) == (
        "Målgruppen vil være etniske minoritetsfamilier, hvor begge forældre er på kontanthjælp."
    )
    assert notes.find_target_group("Målgruppen er primært ledige kvinder, men indsatsen hjælper alle.") == (
        "Målgruppen er primært ledige kvinder"
    )
    goals = BudgetTable(
        title="Tabel 1", kind="text", columns=("Målgruppe", "Indsats"), text_rows=(("Ægtefælleforsørgede.", "Opsøgende"),)
    )
    assert notes.find_target_group("Ingen sætning.", (goals,)) == "Ægtefælleforsørgede."
    assert notes.find_target_group("Ingen sætning.") is None


def test_join_wrapped_rejoins_hyphenated_words_but_keeps_compound_hyphens() -> None:
    assert join_wrapped(["ægtefælleforsør-", "gede (udløb)"]) == "ægtefælleforsørgede (udløb)"
    assert join_wrapped(["Beskæftigelses-", "og Integrationsforvaltningen"]) == "Beskæftigelses- og Integrationsforvaltningen"
    assert join_wrapped(["2026–", "2029"]) == "2026–2029"


def test_classify_budget_note_letter_and_other() -> None:
    assert notes.classify(NOTE_WITH_BOX, "BI18", ["Baggrund", "Økonomi"], False) == "budget_note"
    letter = "Kære X \nTak for din henvendelse. \nAd 1: Svar. \nMed venlig hilsen \nY"
    assert notes.classify(letter, None, [], False) == "answer"
    assert notes.classify("Referat af udvalgsmødet.", None, [], False) == "other"
    assert notes.classify("noget", None, ["Baggrund", "Indhold", "Økonomi"], True) == "budget_note"


# ---------------------------------------------------------------- the bundled corpus

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def _parse(name: str) -> Note:
    from budgetarkiv.ingest.readers import read_document

    (path,) = CORPUS.glob(f"{name}_*.txt")
    return notes.parse_note(read_document(path, 20_000_000))


@pytest.fixture(scope="module")
def corpus() -> dict[str, Note]:
    return {name: _parse(name) for name in ("000", "001", "002", "003", "004")}


@pytest.mark.parametrize(
    ("name", "doc_type", "note_id", "title", "year", "year_from"),
    [
        ("000", "budget_note", "BI18", PERSPEKTIV, 2024, "head"),
        ("001", "budget_note", "BI18", PERSPEKTIV, 2024, "text"),
        ("002", "budget_note", "BI18", "Styrket integration af etniske minoritetsfamilier på kontanthjælp", 2018, "price_level"),
        ("003", "budget_note", "BI23",
         "Videreførelse af ’Bekæmpelse af negativ social kontrol som barriere for beskæftigelse’ (bevillingsudløb)", 2026, "text"),
        ("004", "answer", None, "Svar vedr. lokalt forankrede beskæftigelsesindsatser", None, None),
    ],
)
def test_corpus_metadata(corpus: dict[str, Note], name: str, doc_type: str, note_id: str | None, title: str | None,
                         year: int | None, year_from: str | None) -> None:
    note = corpus[name]
    assert (note.doc_type, note.note_id, note.title, note.budget_year, note.budget_year_from) == (
        doc_type, note_id, title, year, year_from,
    )
    assert note.errors == ()


def test_bi18_of_2018_is_told_from_bi18_of_2024_by_its_year(corpus: dict[str, Note]) -> None:
    keys = {(corpus[n].budget_year, corpus[n].note_id) for n in ("000", "001", "002")}
    assert keys == {(2024, "BI18"), (2018, "BI18")}


@pytest.mark.parametrize(
    ("name", "administration", "committee"),
    [
        ("000", "Beskæftigelses- og Integrationsforvaltningen", "Beskæftigelses- og Integrationsudvalget"),
        ("001", "Beskæftigelses- og Integrationsforvaltningen", "Beskæftigelses- og Integrationsudvalget"),
        ("002", None, None),
        ("003", "Beskæftigelses- og Integrationsforvaltningen", None),  # named only as "BIF"
        ("004", "Beskæftigelses- og Integrationsforvaltningen", None),
    ],
)
def test_corpus_administration_and_committee(corpus: dict[str, Note], name: str, administration: str | None,
                                             committee: str | None) -> None:
    assert (corpus[name].administration, corpus[name].committee) == (administration, committee)


def test_corpus_sections(corpus: dict[str, Note]) -> None:
    headings = {name: [s.heading for s in note.sections] for name, note in corpus.items()}
    assert headings["000"] == [
        "Baggrund", "Indhold", "Videreførelse af Perspektiv (scenarie 1)", "Kategorisering",
        "Videreførelse af Perspektiv (scenarie 1)",
        "Udvidelse af Perspektiv med øget indsats over for negativ social kontrol (scenarie 2)",
        "Forventet effekt og opfølgning", "Økonomi", "Risikovurdering og proces", "Tekniske oplysninger",
        "Bevillingstekniske oplysninger", "Øvrige tekniske oplysninger", "Bydele", "Tidligere afsatte midler",
    ]
    assert headings["001"] == [
        "Baggrund", "Indhold", "Kategorisering", "Indhold", "Forventet effekt og opfølgning", "Økonomi",
        "Risikovurdering og proces", "Tekniske oplysninger", "Bevillingstekniske oplysninger",
        "Øvrige tekniske oplysninger", "Bydele", "Tidligere afsatte midler",
    ]
    assert headings["002"] == [
        "Baggrund", "Indhold", "Økonomi", "Risikovurdering", "Bevillingstekniske oplysninger",
        "Øvrige tekniske oplysninger", "Bydel og adresse",
    ]
    assert headings["003"] == [
        "Resume", "Beslutning", "Baggrund", "Indhold", "Forventet effekt og opfølgning", "Økonomi",
        "Risikovurdering og proces", "Administrativt bilag", "Bevillingstekniske oplysninger",
        "Øvrige tekniske oplysninger",
    ]
    assert headings["004"] == ["Spørgsmål", "Beskæftigelses- og Integrationsforvaltningens svar", "Ad 1", "Ad 2", "Ad 3"]
    for note in corpus.values():
        for s in note.sections:
            assert note.text[s.start:s.end].strip()
            # a text file marks only some page ends: before the first marker the page is unknown (None)
            assert s.page is None or s.page >= 1


def test_section_text_is_the_text_under_its_heading(corpus: dict[str, Note]) -> None:
    (economy,) = [s for s in corpus["000"].sections if s.heading == "Økonomi"]
    assert economy.text.startswith("Udgifterne dækker over fem årsværk samt husleje til 2 lokationer")
    assert economy.page == 4


def test_corpus_scenarios(corpus: dict[str, Note]) -> None:
    assert [(s.name, s.title) for s in corpus["000"].scenarios] == [
        ("Scenarie 1", "Videreførelse af Perspektiv"),
        ("Scenarie 2", "Udvidelse af Perspektiv med øget indsats over for negativ social kontrol"),
    ]
    assert corpus["000"].scenarios[1].description.startswith("Der er mulighed for at udvide spor 5")
    assert corpus["003"].scenarios == (
        Scenario("Scenarie 1", "Videreførelse af indsats",
                 "Der skal træffes beslutning om at afsætte 3,5 mio. kr. årligt(servicemidler) i perioden 2026-2029 "
                 "til ansættelse af fem social kontrol-vejledere på Jobcenter København."),
        Scenario("Scenarie 2", "Opskalering af indsats",
                 "Der skal træffes beslutning om at afsætte 3,9 mio. kr. årligt i perioden 2026-2029(servicemidler) "
                 "til ansættelse af fem social kontrol-vejledere samt en koordinerende funktion på Jobcenter København."),
    )
    assert corpus["001"].scenarios == ()
    assert corpus["002"].scenarios == ()


def test_corpus_categories_districts_and_target_group(corpus: dict[str, Note]) -> None:
    for name in ("000", "001"):
        assert corpus[name].categories == ("Bevillingsudløb", "Bestilt af fagudvalg")
        assert corpus[name].districts == ("Bydækkende",)
        assert corpus[name].target_group == (
            "Målgruppen er ægtefælleforsørgede kvinder og mænd med ikke-vestlig baggrund, der er bosat i udsatte "
            "boligområder i København."
        )
    assert corpus["002"].categories == ()
    assert corpus["002"].districts == ("Bydækkende",)
    assert corpus["002"].target_group == "Målgruppen vil være etniske minoritetsfamilier, hvor begge forældre er på kontanthjælp."
    assert corpus["003"].target_group == "Målgruppen er primært ledige kvinder med etnisk minoritetsbaggrund"


def test_corpus_letter(corpus: dict[str, Note]) -> None:
    letter = corpus["004"]
    assert (letter.title, letter.date, letter.inquiry_date, letter.addressee, letter.signatory) == (
        "Svar vedr. lokalt forankrede beskæftigelsesindsatser", None, "2021-06-22", "Gyda Heding",
        "Line Nørbæk, Administrerende direktør",
    )
    assert [s.heading for s in letter.sections][-3:] == ["Ad 1", "Ad 2", "Ad 3"]
    assert [q.number for q in letter.questions] == [1, 2, 3]
    q1, q2, q3 = letter.questions
    assert q1.question == (
        "Hvor mange borgere er der i København i alt i de to målgrupper som LFI henvender sig til i København i 2020?"
    )
    assert q1.answer.startswith("Målgruppen for de lokalt forankrede indsatser er defineret i rammeaftalen")
    assert q1.answer.endswith("kan profitere mere af et andet tilbud.")
    assert q2.question == "Hvor meget fylder gruppen i beskæftigelsesindsatsen?"
    assert q2.answer.endswith("udgør ca. 14 pct. af alle ydelsesgrupper i Københavns Kommune.")
    assert q3.question == "Hvor stor en del af midlerne/indsatsen ligger hos kommunen vs. anden aktør?"
    assert q3.answer.startswith("Det samlede indsatsbudget for aktivitetsparate kontanthjælpsmodtagere fyldt 30 år")
    assert letter.tables == ()


def _amounts(note: Note) -> list[tuple[str, float, str | None]]:
    return [(a.text, a.amount_kr, a.section) for a in note.prose_amounts]


def test_corpus_prose_amounts(corpus: dict[str, Note]) -> None:
    assert _amounts(corpus["000"]) == [
        ("0,2 mio. kr.", 200_000.0, "Økonomi"),
        ("0,65 mio. kr.", 650_000.0, "Økonomi"),
        ("400.000 kr.", 400_000.0, "Økonomi"),
    ]
    assert _amounts(corpus["003"]) == [
        ("3,5 mio. kr.", 3_500_000.0, "Beslutning"),
        ("3,9 mio. kr.", 3_900_000.0, "Beslutning"),
        ("2,7 mia. kr.", 2_700_000_000.0, "Risikovurdering og proces"),
    ]
    assert _amounts(corpus["004"]) == [
        ("ca. 88 mio. kr.", 88_000_000.0, "Ad 3"),
        ("ca. 53 mio. kr.", 53_000_000.0, "Ad 3"),
        ("ca. 22 mio. kr.", 22_000_000.0, "Ad 3"),
        ("ca. 13 mio. kr.", 13_000_000.0, "Ad 3"),
    ]
    assert [a.text for a in corpus["002"].prose_amounts] == [
        "3,7 mio. kr.", "3,0 mio. kr.", "0,2 mio. kr.", "0,5 mio. kr.", "0,6 mio. kr.",
    ]


def test_corpus_prose_amounts_carry_their_sentence_and_page(corpus: dict[str, Note]) -> None:
    by_text = {a.text: a for a in corpus["000"].prose_amounts}
    assert by_text["0,2 mio. kr."].sentence == (
        "Herudover består udgifterne af 0,2 mio. kr. årligt til opkvalificering af deltagerne, eksempelvis AMU-kurser."
    )
    assert by_text["400.000 kr."].sentence.startswith("Der er tale om stigning på 400.000 kr. pr. år")
    assert by_text["0,65 mio. kr."].page == 4
    (crisis,) = [a for a in corpus["003"].prose_amounts if a.text == "2,7 mia. kr."]
    assert crisis.sentence == (
        "Beskæftigelsesområdet går en tid i møde, hvor der er lagt op til en besparelse på 2,7 mia. kr. på "
        "landsplan frem mod 2035."
    )
    first = corpus["004"].prose_amounts[0]
    assert first.sentence == (
        "Ad 3: Det samlede indsatsbudget for aktivitetsparate kontanthjælpsmodtagere fyldt 30 år er i 2021 på ca. 88 mio. kr."
    )
    for note in corpus.values():
        for a in note.prose_amounts:
            assert note.text[a.start:].startswith(a.text.split()[0])


def test_corpus_tables_get_page_and_section(corpus: dict[str, Note]) -> None:
    tables = corpus["000"].tables
    assert tables, "extract_tables found no table in 000"
    for t in tables:
        assert t.page is not None
        assert t.section is not None
    money = [t for t in tables if t.kind == "money"]
    assert {t.section for t in money} >= {"Økonomi", "Bevillingstekniske oplysninger"}


def test_a_note_id_naming_another_administrations_note_does_not_make_it_the_administration() -> None:
    text = "Referat\n\nUdvalget drøftede forslaget KFF E7 og besluttede at sende det videre.\n"
    assert notes.find_administration("", text) is None
    assert notes.find_administration("", text + "Forslaget kommer fra KFF.\n") == "Kultur- og Fritidsforvaltningen"


@pytest.mark.parametrize(
    "head",
    [
        "Aftale om Budget 2031\n\nAftalen er indgået mellem partierne.\n",
        "Referat\nSocialudvalget\nMøde 3. maj 2031\n\nPunkt 1\nSocialforvaltningen indstiller, at udvalget godkender.\n",
    ],
)
def test_minutes_or_an_agreement_have_an_administration_only_when_their_head_names_one(head: str) -> None:
    body = "Parterne tilslutter sig Socialforvaltningens forslag. Socialforvaltningen indstiller, at ...\n"
    assert notes.find_administration(head, body, "other") is None
    assert notes.find_administration(head, body, "budget_note") == "Socialforvaltningen"  # a note's text names its own
    assert notes.find_administration("Socialforvaltningen\n" + head, body, "other") == "Socialforvaltningen"
    assert notes.find_administration("Københavns Kommune · Socialforvaltningen\n" + head, "", "other") == (
        "Socialforvaltningen")


def test_a_pdf_tables_cells_keep_their_years_when_the_first_year_is_empty(tmp_path: Path) -> None:
    """Reading-order PDF text drops empty cells ("Service 5.850 5.850 11.700" under 2026-2028) and would add
    up in the wrong years; the page's layout puts every amount in the year it stands under."""
    from fpdf import FPDF

    from budgetarkiv.ingest.readers import read_document

    font = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.add_font("DejaVu", "", str(font))
    pdf.add_font("DejaVu", "B", str(font.with_name("DejaVuSans-Bold.ttf")))
    pdf.set_font("DejaVu", size=9)
    pdf.multi_cell(0, 6, "Budget 2026\n\nSOF40 Bostøtte\n\nØkonomi\n\nTabel 2 – Oversigt over ønskets aktiviteter",
                   new_x="LMARGIN", new_y="NEXT")
    rows = [["1.000 kr., 2026 p/l", "Styringsområde", "2026", "2027", "2028", "I alt"],
            ["Bostøtte efter Housing First-principperne (10 årsværk)", "Service", "", "5.850", "5.850", "11.700"],
            ["Husleje", "Service", "", "310", "310", "620"],
            ["Udgifter i alt (netto)", "", "", "6.160", "6.160", "12.320"]]
    with pdf.table(col_widths=(50, 30, 18, 18, 18, 20)) as table:
        for cells in rows:
            row = table.row()
            for cell in cells:
                row.cell(cell)
    path = tmp_path / "notat.pdf"
    pdf.output(str(path))

    (table,) = notes.parse_note(read_document(path, 20_000_000)).tables
    assert [r.label for r in table.rows] == [
        "Bostøtte efter Housing First-principperne (10 årsværk)", "Husleje", "Udgifter i alt (netto)"]
    assert [dict(r.amounts) for r in table.rows] == [
        {"2027": 5850, "2028": 5850}, {"2027": 310, "2028": 310}, {"2027": 6160, "2028": 6160}]
    assert table.checks_ok and table.page == 1


def test_an_html_savings_proposal_with_a_tfoot_sum_and_unicode_minus(tmp_path: Path) -> None:
    from budgetarkiv.ingest.readers import read_document

    path = tmp_path / "forslag.html"
    path.write_text(
        "<html><body><p>Effektiviseringsstrategi – Budget 2031</p><p>Børne- og Ungdomsforvaltningen</p>"
        "<h1>BUF E9 Færre vikartimer</h1><h2>Baggrund</h2><p>Tekst.</p><h2>Økonomi</h2>"
        "<table><caption>Tabel 1. Økonomiske konsekvenser (mio. kr., 2031 p/l)</caption>"
        "<thead><tr><th>mio. kr.</th><th>Styringsområde</th><th>2031</th><th>2032</th><th>I alt</th></tr></thead>"
        "<tbody><tr><td>Varige ændringer</td><td>Service</td><td>−0,75</td><td>−1,5</td><td>−2,25</td></tr>"
        "<tr><td>Anlæg – nyt vagtsystem</td><td>Anlæg</td><td>1,2</td><td></td><td>1,2</td></tr></tbody>"
        "<tfoot><tr><td>Samlet økonomisk påvirkning</td><td></td><td>0,45</td><td>−1,5</td><td>−1,05</td></tr>"
        "</tfoot></table></body></html>",
        encoding="utf-8",
    )
    note = notes.parse_note(read_document(path, 20_000_000))
    assert (note.doc_type, note.note_id, note.budget_year) == ("budget_note", "BUF E9", 2031)
    assert note.administration == "Børne- og Ungdomsforvaltningen"
    (table,) = note.tables
    assert (table.unit, table.price_level) == ("mio. kr.", "2031 p/l")
    assert [(r.label, dict(r.amounts), r.total, r.is_sum) for r in table.rows] == [
        ("Varige ændringer", {"2031": -0.75, "2032": -1.5}, -2.25, False),
        ("Anlæg – nyt vagtsystem", {"2031": 1.2}, 1.2, False),
        ("Samlet økonomisk påvirkning", {"2031": 0.45, "2032": -1.5}, -1.05, True),
    ]
    assert table.checks_ok


def test_a_scenario_name_alone_on_its_heading_line_is_the_title_and_an_amount_bullet_is_no_title() -> None:
    """'Scenarie 1: i alt 13,05 mio. kr. ...' states an amount, not a name; 'Scenarie 3 – Fuld udbygning' on a
    line of its own names the scenario, and the lines below describe it."""
    text = (
        "Beslutning\n"
        "• Scenarie 1: i alt 13,05 mio. kr. i 2025-2028.\n"
        "• Scenarie 2: i alt 27,05 mio. kr. i 2025-2028.\n\n"
        "Indhold\n"
        "Scenarie 1 – Basis\n"
        "1.200 nye stativpladser ved fire stationer.\n\n"
        "- Scenarie 2 – Fuld udbygning\n"
        "4.000 nye pladser ved tolv stationer og et\n"
        "cykelparkeringshus.\n"
    )
    found = notes.find_scenarios(text, notes.find_sections(text))
    assert [(s.name, s.title) for s in found] == [("Scenarie 1", "Basis"), ("Scenarie 2", "Fuld udbygning")]
    assert found[1].description == "4.000 nye pladser ved tolv stationer og et cykelparkeringshus."


def test_a_wrapped_scenario_bullet_is_not_read_as_a_name_line() -> None:
    text = ("Beslutning\n• Scenarie 1 – Videreførelse af indsatsen i\nfuld skala: Der skal træffes beslutning om at "
            "afsætte 3,5 mio. kr.\n")
    found = notes.find_scenarios(text, notes.find_sections(text))
    assert [(s.title, s.description) for s in found] == [
        ("Videreførelse af indsatsen i fuld skala", "Der skal træffes beslutning om at afsætte 3,5 mio. kr.")]


def test_alternatives_named_model_a_b_c_are_the_notes_scenarios() -> None:
    text = ("Beslutning\n• Model A – Grundmodel: 6 ekstra pladser, i alt 16,1 mio. kr.\n"
            "• Model B – Udvidet model: Model A og familieaflastning, i alt 27,0 mio. kr.\n\n"
            "Indhold\nModel C – Fuld model\nSom Model B og et nyt hus.\n")
    found = notes.find_scenarios(text, notes.find_sections(text))
    assert [(s.name, s.title) for s in found] == [("Model A", "Grundmodel"), ("Model B", "Udvidet model"),
                                                  ("Model C", "Fuld model")]
