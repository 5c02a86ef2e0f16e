"""Lists of names: which list questions ask for names a note lists, and which sentences list them."""
from __future__ import annotations

import pytest

from budgetarkiv.answer.listing import asks_names, list_noun, listed_items, part_asked
from budgetarkiv.answer.model import Fact
from budgetarkiv.search.query import analyse


@pytest.mark.parametrize("question, noun", [
    ("Hvilke plejecentre indgår i forsøget?", "plejecentre"),
    ("I hvilke bydele åbner de nye klubber?", "bydele"),
    ("Hvilke tre dele består forløbet af?", "dele"),
    ("Which schools take part in the pilot?", "schools"),
    ("Which citizen service centres will get new kiosks?", "citizen service centres"),
    ("Which of the efficiency proposals need an investment?", "efficiency proposals"),
])
def test_the_noun_a_list_question_asks_to_be_listed(question, noun):
    assert list_noun(question) == noun


@pytest.mark.parametrize("question, names", [
    ("Hvilke plejecentre indgår i forsøget?", True),
    ("Hvilke centre får midler?", True),
    ("Which schools take part?", True),
    ("Hvor mange og hvilke skoler deltager?", True),
    # a list of budget notes, proposals, programmes or grants is answered by the notes
    ("Hvilke effektiviseringsforslag findes der?", False),
    ("Hvilke budgetnotater handler om hjemløse unge?", False),
    ("Which grants expire?", False),
    ("Which health initiatives does the agreement fund?", False),
    ("Hvilke aktiviteter indgår i forslaget?", False),  # the rows of its table
    ("Hvor mange skoler deltager?", False),  # no list asked
])
def test_a_list_question_asks_for_names_or_for_notes(question, names):
    assert asks_names(analyse(question)) is names


@pytest.mark.parametrize("sentence, items", [
    ("Forsøget omfatter Plejecentret Sølyst, Plejecentret Egely og Plejecentret Havgården.",
     ("Plejecentret Sølyst", "Plejecentret Egely", "Plejecentret Havgården")),
    ("Der opstilles nye skranker i fire centre: Rådhuset, Amager, Brønshøj og Vanløse.",
     ("Rådhuset", "Amager", "Brønshøj", "Vanløse")),
    ("Klubberne åbner i Husum, Tingbjerg og Sundholm, samt støtte til kontingent og udstyr.",
     ("Husum", "Tingbjerg", "Sundholm")),
    ("Forløbet består af sproglig opkvalificering, praktik og mentorstøtte.",
     ("sproglig opkvalificering", "praktik", "mentorstøtte")),
    ("Indsatsen har tre spor:\n• Jobspor\n• Uddannelsesspor\n• Sundhedsspor", ("Jobspor", "Uddannelsesspor", "Sundhedsspor")),
    # after an introduction, items by their first words however long they run
    ("Indsatsen indeholder to spor:\n1. *Opsøgende arbejde.* Der arbejdes med at finde borgerne i deres boligområder."
     "\n2. *Forberedende forløb.* Deltagerne starter i et undervisningsforløb om jobsøgning.",
     ("Opsøgende arbejde", "Forberedende forløb")),
])
def test_a_sentence_listing_names_yields_them(sentence, items):
    assert listed_items(sentence) == items


@pytest.mark.parametrize("sentence", [
    "Samtidig opstilles nye standere, så borgerne selv kan hente og kvittere for pas og kørekort.",
    "Forvaltningen foreslår, at alle henvendelser om pas, kørekort og sundhedskort fremover bestilles digitalt.",
    "Udgifterne dækker over fem årsværk samt husleje til 2 lokationer.",
    "Forsøget omfatter 6 plejecentre fordelt på social- og sundhedsassistenter og -hjælpere.",
    "Bydele Bydækkende: X",
    "Målsætning • 75 pct. af børnene er stadig aktive i en forening et år efter. • Andelen af medlemmer stiger til 50 pct.",
])
def test_prose_and_statements_are_no_list_of_names(sentence):
    assert listed_items(sentence) == ()


def _fact(text: str, note_id: str = "SUF30") -> Fact:
    return Fact(text=text, passage=text, highlight=(0, len(text)), source="n.txt", doc_id=note_id, note_id=note_id,
                budget_year=2026, title="Faste teams", section="Indhold", page=1)


def test_a_names_answer_quotes_the_list_and_counts_its_names_when_asked():
    from budgetarkiv.answer.compose import Answerer
    from budgetarkiv.answer.wording import Draft

    facts = (_fact("Forsøget koster 4,2 mio. kr. om året."),
             _fact("Forsøget omfatter Plejecentret Sølyst, Plejecentret Egely og Plejecentret Havgården."),
             _fact("Forløbet består af sproglig opkvalificering, praktik og mentorstøtte."))  # the note's second list
    d = Draft("da")
    Answerer._names(d, analyse("Hvor mange og hvilke plejecentre indgår i forsøget?"), facts)
    text, evidence = d.text()
    lines = text.splitlines()
    assert lines[0] == "Notatet nævner 3: Plejecentret Sølyst, Plejecentret Egely, Plejecentret Havgården."
    assert "Plejecentret Havgården" in lines[1] and len(lines) == 2  # one list per note, no money sentence
    assert all(any(f in e for e in evidence) for f in ("3", "Sølyst"))  # the count is cited as our own

    d = Draft("en")
    Answerer._names(d, analyse("Which care homes take part?"), facts)
    assert not d.text()[0].startswith("The note names")  # no count asked: the list alone


def test_the_part_of_a_list_under_the_introduction_asked_for():
    """Two lists under their own introductions, the second run into the last item of the first (as PDF text has
    it): the year asked chooses the part, kept to its own items."""
    text = ("Skoler Skoler, der begynder i august 2025:\n• Ravnsborg Skole\n• Mosevejens Skole\n"
            "• Tagensbo Skole Skoler, der begynder i august 2026:\n• Valbyparkens Skole\n• Kalvebodskolen")
    a, b = part_asked(text, [2025], lambda t: 0)
    assert "Ravnsborg" in text[a:b] and "Tagensbo" in text[a:b] and "Valbyparkens" not in text[a:b]
    a, b = part_asked(text, [2026], lambda t: 0)
    assert "Valbyparkens" in text[a:b] and "Kalvebodskolen" in text[a:b] and "Ravnsborg" not in text[a:b]
    assert part_asked(text, [], lambda t: 0) is None  # nothing tells the parts apart
    assert part_asked("Skoler:\n• A Skole\n• B Skole", [2025], lambda t: 1) is None  # one list only


# ------------------------------------------------------------------ lists across pages, unmarked, dels, table rows

from budgetarkiv.answer.listing import item_run_end, labels_named, table_labels  # noqa: E402


@pytest.mark.parametrize("question, noun", [
    ("What are the four measures in the proposal?", "measures"),
    ("What are the parts of the mentor programme?", "parts"),
    ("Hvad er de tre spor i indsatsen?", "spor"),
])
def test_the_noun_after_what_are_the(question, noun):
    assert list_noun(question) == noun


@pytest.mark.parametrize("question, names", [
    ("What are the four measures in the proposal for school gardens?", True),  # the parts of one proposal
    ("Hvilke indsatser består forslaget af?", True),
    ("Hvad skal pengene til cykelstierne bruges til?", True),  # what the money is used for
    ("Which health initiatives does the agreement fund?", False),  # notes of an agreement
    ("Hvilke aktiviteter indgår i forslaget?", False),  # the rows of its table
])
def test_the_parts_of_one_proposal_are_names_it_lists(question, names):
    assert asks_names(analyse(question)) is names


@pytest.mark.parametrize("text, items", [
    # bullets broken by a page's number and blank lines
    ("Stederne er:\n• Havneparken\n• Fælledhuset\n\nSide 1 af 2\n\n• Kildevældet\nØkonomi\nBeløb.",
     "Stederne er:\n• Havneparken\n• Fælledhuset\n\nSide 1 af 2\n\n• Kildevældet"),
    ("Forløbet har tre trin:\n1) Screening.\n2) Kursus.\n3) Opfølgning.\nI 2027 startede 40.",
     "Forløbet har tre trin:\n1) Screening.\n2) Kursus.\n3) Opfølgning."),
    # unmarked items, as many as the introduction counts
    ("The scheme has two parts:\nEvening classes at the library.\nA walking club on Sundays.\nIn 2026, 90 took part.",
     "The scheme has two parts:\nEvening classes at the library.\nA walking club on Sundays."),
])
def test_the_items_of_an_introduced_list(text, items):
    assert text[:item_run_end(text, text.index(":") + 1)] == items


@pytest.mark.parametrize("text", [
    "Baggrunden er denne:\nDer var for få pladser i 2025, og ventetiden steg.",  # no items, no count
    "It has three parts:\nOne.\nTwo.",  # fewer lines than counted
])
def test_no_items_follow_an_introduction(text):
    at = text.index(":") + 1
    assert item_run_end(text, at) == at


def test_a_sentence_listing_parts_with_dels():
    sentence = "Midlerne går dels til vejledere, dels til busser til skoven, dels til udstyr."
    assert listed_items(sentence) == ("vejledere", "busser til skoven", "udstyr")


TABLE = ("Tabel 2. Udgifter fordelt på bydele\n1.000 kr., 2030 p/l\nValby (Service): 2030: 10; I alt: 10\n"
         "Bispebjerg (Service): 2030: 20; I alt: 20\nUdgifter i alt: 2030: 30; I alt: 30")


def test_the_row_labels_of_a_table_are_the_names_it_lists_when_they_or_its_title_name_the_noun():
    labels = table_labels(TABLE)
    assert labels == ("Valby", "Bispebjerg")
    assert labels_named(labels, "bydele", "Tabel 2. Udgifter fordelt på bydele")
    assert labels_named(["Sønderbro Skole", "Kirsebær Skole"], "skoler", "Tabel 1. Udgifter")
    assert not labels_named(["Løn", "Husleje"], "skoler", "Tabel 1. Udgifter")


def test_labels_naming_the_noun_after_a_preposition_are_other_things():
    """Rows of what is done at the schools ("Vikarer på 4 skoler", "Rengøring af skolerne") are costs, not
    schools; a sentence naming the schools answers "which schools"."""
    assert not labels_named(["Vikarer på 4 skoler", "Rengøring af skolerne", "Inventar"], "skoler", "Tabel 1. Udgifter")
    assert labels_named(["Skolen ved Søerne", "Skolen på Islands Brygge"], "skoler", "Tabel 1. Udgifter")
    assert not labels_named(["Staff at three libraries", "Cleaning of the libraries"], "libraries", "Table 1",
                            ["bibliotek"])


def test_a_stem_found_inside_another_word_does_not_name_the_labels():
    # "Oversigt" holds "vers" of "versioner"; the stem must begin a word
    assert not labels_named(["Løn", "Husleje"], "versioner", "Tabel 2 – Oversigt over aktiviteter")


def test_which_one_asks_for_no_list():
    assert not asks_names(analyse("Hvilken version af notatet har målet på 50 pct.?"))
    assert not asks_names(analyse("Hvilket forslag anbefaler forvaltningen?"))


def test_unmarked_items_named_alike_run_until_the_heading_after_them():
    """A list whose bullets a reader lost: the short lines named alike ("Bibliotek ..." / "... Skole") are its
    items; the section heading after them is not."""
    from budgetarkiv.answer.listing import item_run_end

    text = ("Følgende biblioteker får søndagsåbent:\nBibliotek Nordvest\nBibliotek Sydhavn\nBibliotek Husum\n"
            "Forventet effekt\nFlere besøg om søndagen.")
    at = text.index(":") + 1
    assert text[at:item_run_end(text, at)].split("\n")[1:] == ["Bibliotek Nordvest", "Bibliotek Sydhavn", "Bibliotek Husum"]
    schools = "The schools are:\nHolmegaard School\nVestervang School\nRisk assessment\nNone."
    at = schools.index(":") + 1
    assert schools[at:item_run_end(schools, at)].strip().split("\n") == ["Holmegaard School", "Vestervang School"]
    prose = "Om forløbet:\nForløbet starter i august.\nForløbet slutter i juni."
    assert item_run_end(prose, prose.index(":") + 1) == prose.index(":") + 1  # sentences, no items
