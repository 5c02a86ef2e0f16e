"""The English → Danish bridge: domain glossary first, two-word phrases, FreeDict for the rest."""
from __future__ import annotations

import pytest

from budgetarkiv.index.english import GLOSSARY, EnglishBridge, compound_candidates
from budgetarkiv.index.lexical import DanishAnalyzer

pytestmark = pytest.mark.fast

SMALL = EnglishBridge({
    "ice": ("is",), "rink": ("bane",), "ice rink": ("skøjtebane", "skøjtehal"),
    "care": ("omsorg", "pleje"), "home": ("hjem",), "care home": ("plejehjem",), "new": ("ny",),
})


@pytest.fixture(scope="module")
def bridge() -> EnglishBridge:
    return EnglishBridge.from_system()


def test_both_words_of_a_glossary_phrase_get_its_danish_compound_first():
    assert SMALL.translate_words(["a", "new", "ice", "rink"]) == [
        ("a", ()), ("new", ("ny",)), ("ice", ("skøjtebane", "skøjtehal", "is")),
        ("rink", ("skøjtebane", "skøjtehal", "bane")),
    ]


def test_a_phrase_whose_second_word_is_inflected_is_found():
    assert SMALL.translate_words(["Care", "homes"]) == [
        ("care", ("plejehjem", "omsorg", "pleje")), ("homes", ("plejehjem", "hjem")),
    ]


def test_words_that_form_no_phrase_keep_their_own_translations():
    assert SMALL.translate_words(["home", "care"]) == [("home", ("hjem",)), ("care", ("omsorg", "pleje"))]
    assert SMALL.translate_words(["ice"]) == [("ice", ("is",))]
    assert SMALL.translate_words([]) == []


def test_the_glossary_has_one_line_per_english_term():
    lines = [line for line in GLOSSARY.read_text("utf-8").splitlines() if line.strip() and not line.startswith("#")]
    assert all("\t" in line for line in lines), "a line without a tab is ignored"
    keys = [line.split("\t")[0] for line in lines]
    assert len(keys) == len(set(keys)), "an English term listed twice"
    assert all(len(k.split()) <= 2 and k == k.lower() for k in keys)
    # a one- or two-letter Danish word ("el", "by") is part of too many words to say what was asked
    assert all(len(da) > 2 for line in lines for da in line.split("\t")[1].split() if da not in ("kr", "pr", "år"))


def test_municipal_words_the_general_dictionary_lacks_come_from_the_glossary(bridge):
    assert bridge.translate("daycare")[0] == "dagtilbud"
    assert bridge.translate("homework")[0] == "lektier"
    # the council's readings of the budget are its "behandlinger" ("2. behandling og vedtagelse")
    assert "behandling" in dict(bridge.translate_words(["second", "reading"]))["reading"]
    assert bridge.translate("cloudbursts")[0] == "skybrud"  # the English plural finds its base
    assert bridge.translate("respite")[0] == "aflastning"
    assert dict(bridge.translate_words(["the", "care", "home"]))["home"][0] == "plejehjem"
    assert dict(bridge.translate_words(["home", "care"]))["care"][0] == "hjemmepleje"
    assert dict(bridge.translate_words(["City", "Hall"]))["hall"][0] == "rådhus"


def test_general_dictionary_phrases_make_no_phrase(bridge):
    """Only the glossary makes phrases: FreeDict's many multi-word headwords would swallow question words."""
    words = "how much does the new school cost".split()
    assert [da for _, da in bridge.translate_words(words)] == [bridge.translate(w) for w in words]


def test_an_english_phrase_brings_the_danish_compound_to_the_query():
    tokens = DanishAnalyzer((), SMALL).query_tokens("What does the new ice rink cost?")
    assert {"skøjteban", "skøjtehal", "ban"} <= set(tokens)


def test_a_verb_the_glossary_lists_only_as_a_noun_is_translated_through_the_noun():
    bridge = EnglishBridge({"renovation": ("renovering",), "implementation": ("implementering",), "rate": ("takst",)})
    assert bridge.translate("renovating") == ("renovering",)
    assert bridge.translate("renovated") == ("renovering",)
    assert bridge.translate("implementing") == ("implementering",)
    assert bridge.translate("rates") == ("takst",)  # an inflection that is found goes first
    assert bridge.translate("creating") == ()


@pytest.mark.parametrize("first, second, expected", [
    (("aften",), ("åbning",), {"aftenåbning", "aftensåbning"}),  # evening opening
    (("idræt",), ("pulje",), {"idrætspulje", "idrætpulje"}),  # sports pool, with a linking -s-
    (("skole",), ("have",), {"skolehave", "skolhave", "skoleshave"}),  # school garden, the -e- of the first kept
    (("by", "stad"), ("rum",), {"stadrum", "stadsrum", "staderum"}),  # a part under three letters joins nothing
    (("hus",), (), set()),
])
def test_two_english_words_yield_danish_compounds_of_their_translations(first, second, expected):
    assert expected <= set(compound_candidates(first, second))
    assert all(len(c) >= 6 for c in compound_candidates(first, second))
    if not expected:
        assert compound_candidates(first, second) == ()


def test_a_question_reaches_a_danish_compound_no_dictionary_lists():
    bridge = EnglishBridge({"winter": ("vinter",), "bathing": ("badning",), "bath": ("bad",)})
    analyzer = DanishAnalyzer((), bridge)
    tokens = analyzer.query_tokens("What does the winter bathing cost?")
    # "vinterbadning" is nowhere in the dictionary; the index keeps the token when a note writes the word
    assert analyzer.tokens("vinterbadning")[0] in tokens
    assert analyzer.tokens("vinter")[0] in tokens  # the words' own translations stay


def test_an_inflected_word_gets_its_own_and_its_bases_translations():
    bridge = EnglishBridge({"gardening": ("havearbejde",), "garden": ("have",), "us": ("os",)})
    assert bridge.translate("gardening") == ("havearbejde", "have")
    assert bridge.translate("gardens") == ("have",)
    assert bridge.translate("uses") == ()  # a base under three letters ("us") is no base
