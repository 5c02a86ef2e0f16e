"""Target groups and kinds of facility: a question about one value of a facet (men, pensioners, daycare) is
not answered by a note that names only other values of it (women, young people, schools).

Invented sentences with the index's Danish analyzer; the archive cases are in test_relevance.py."""
from __future__ import annotations

import pytest

from budgetarkiv.answer.groups import Facets, adjectives, age_groups
from budgetarkiv.index.lexical import DanishAnalyzer

ANALYZER = DanishAnalyzer(["hjemløse", "kvinder", "skoler", "klasselokaler", "indeklima", "natcafé"])
FACETS = Facets(ANALYZER.tokens)
WOMEN = "Natcafé for hjemløse kvinder. Kvinderne kan overnatte i 12 sengepladser."
SCHOOLS = "Indeklimaet i skolernes klasselokaler måles på 40 folkeskoler."
ROOFS = "Solceller på tagene af 30 skoler og 8 plejecentre. Plejehjemmene får batterier."
YOUNG = "Kulturpas til 15-19-årige. De unge får et beløb i en app."


def words(*pairs: str) -> list[tuple[str, set[str]]]:
    """Question words with their stems (an English word with its Danish translation's stems)."""
    return [(w.split("=")[0], set(ANALYZER.tokens(w.split("=")[-1]))) for w in pairs]


@pytest.mark.parametrize("question, text, missing", [
    (words("natcafé", "hjemløse", "mænd"), WOMEN, ["mænd"]),
    (words("night=nat", "homeless=hjemløse", "men=mænd"), WOMEN, ["men"]),
    (words("natcafé", "hjemløse", "kvinder"), WOMEN, []),
    (words("natcafé", "hjemløse", "piger"), WOMEN, []),  # girls and women are both female
    (words("indeklima", "daginstitutionerne"), SCHOOLS, ["daginstitutionerne"]),
    (words("indeklima", "skolerne"), SCHOOLS, []),
    (words("culture=kultur", "pass=pas", "pensioners=pensionist"), YOUNG, ["pensioners"]),
    (words("kulturpas", "unge"), YOUNG, []),
    (words("school=skole", "gymnasiums=gymnastiksal"), SCHOOLS, ["gymnasiums"]),  # "school" the note names
    # institutions and facilities are one facet of buildings too: libraries are neither schools nor care homes
    (words("solceller", "bibliotekerne"), ROOFS, ["bibliotekerne"]),
    (words("solar=solceller", "libraries=bibliotek"), ROOFS, ["libraries"]),
    (words("solceller", "svømmehallerne"), ROOFS, ["svømmehallerne"]),
    (words("solceller", "plejecentrene"), ROOFS, []),
    (words("solceller", "skolernes", "idrætshaller"), ROOFS, []),  # the schools' sports halls: the school is named
])
def test_a_value_of_a_facet_the_note_names_only_others_of_is_missing(question, text, missing):
    assert FACETS.contrasts(question, text) == missing


@pytest.mark.parametrize("question, text", [
    (words("natcafé", "mænd"), "Natcafé med 12 sengepladser."),  # the note names no gender: it says nothing
    (words("natcafé", "mænd"), WOMEN + " Mænd henvises til herbergerne."),  # men named in passing: not refused
    (words("natcafé", "overnatning"), WOMEN),  # the question names no value of a facet
    (words("ældre", "skoler"), "Ombygning af ældre skoler til 200 mio. kr."),  # no age named by the note
])
def test_a_note_naming_no_other_value_or_the_asked_one_too_is_no_contrast(question, text):
    assert FACETS.contrasts(question, text) == []


def test_a_long_value_counts_inside_a_compound_the_analyzer_does_not_split():
    assert FACETS.of_text("Tilbud til hjemløsekvinder")["gender"] == {"female"}
    assert FACETS.of_text("Formandens beretning")["gender"] == set()  # a short value ("mand") only as a word


@pytest.mark.parametrize("text, groups", [
    ("Kulturpas til 15-19-årige", {"young"}),
    ("Unge mellem 15 og 19 år", {"young"}),
    ("Hjemmebesøg til 70-årige", {"elderly"}),
    ("Sprogindsats for børn i alderen 0-5 år", {"children"}),
    ("Budget 2026, 1.000 kr.", set()),
])
def test_ages_by_number_name_an_age_group(text, groups):
    assert age_groups(text) == groups


@pytest.mark.parametrize("question, adjective", [
    ("Hvad koster renoveringen af de ældre skoler?", {"ældre"}),  # old schools: no age group asked
    ("How much will the older buildings cost to repair?", {"older"}),
    ("Hvad koster motion for ældre i almene boligområder?", set()),
    ("Hvad koster tilbuddet til ældre borgere?", set()),
    ("What does exercise for older people cost?", set()),
    ("Hvad koster tilbud til borgere ældre end 65 år?", set()),
    ("Hvad koster de ældre skoler og tilbuddet til ældre?", set()),  # used as a group too
])
def test_an_age_word_used_as_an_adjective_names_no_group(question, adjective):
    assert adjectives(question) == adjective
