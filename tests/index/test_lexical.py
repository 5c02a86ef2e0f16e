"""Danish lexical retrieval: stems, compound parts, Danish numbers, English bridged to Danish words."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from budgetarkiv.index.english import EnglishBridge, looks_english
from budgetarkiv.index.lexical import DanishAnalyzer, LexicalIndex, Respeller, known_parts, top_k
from budgetarkiv.ingest.chunking import chunk_note
from budgetarkiv.ingest.notes import parse_note
from budgetarkiv.ingest.readers import read_document

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture(scope="module")
def corpus_texts() -> list[str]:
    texts = []
    for path in sorted(CORPUS.glob("0*.txt")):
        texts += [c.index_text for c in chunk_note(parse_note(read_document(path, 50_000_000)))]
    return texts


@pytest.fixture(scope="module")
def bridge() -> EnglishBridge:
    return EnglishBridge.from_system()


@pytest.fixture(scope="module")
def analyzer(corpus_texts, bridge) -> DanishAnalyzer:
    return DanishAnalyzer(known_parts(corpus_texts), bridge)


def stem(analyzer: DanishAnalyzer, word: str) -> str:
    """The stem of the whole word (the first token; compound parts follow it)."""
    return analyzer.tokens(word)[0]


# --- the analyzer ---------------------------------------------------------------------------


def test_inflections_share_a_stem(analyzer):
    assert stem(analyzer, "kvinder") == stem(analyzer, "kvinden") == stem(analyzer, "kvinderne")
    assert stem(analyzer, "borger") == stem(analyzer, "borgere") == stem(analyzer, "borgerne")
    assert analyzer.tokens("Kvinder") == analyzer.tokens("kvinder")  # case does not matter


def test_compounds_yield_their_known_parts(analyzer):
    head, tail = analyzer.split_compound("beskæftigelsesindsats")
    assert tail == "indsats" and stem(analyzer, head) == stem(analyzer, "beskæftigelse")
    assert analyzer.split_compound("kontrolvejledere") == ["kontrol", "vejledere"]
    tokens = analyzer.tokens("beskæftigelsesindsats")
    assert stem(analyzer, "indsats") in tokens and stem(analyzer, "beskæftigelse") in tokens
    assert set(analyzer.tokens("kontrolvejledere")) >= {stem(analyzer, "kontrol"), stem(analyzer, "vejledere")}


def test_simple_and_short_words_are_not_split(analyzer):
    assert analyzer.split_compound("kvinder") == []
    assert analyzer.split_compound("indsats") == []  # not "ind" + "sats"
    assert analyzer.split_compound("perspektiv") == []


def test_danish_numbers_lose_their_thousands_separator(analyzer):
    assert analyzer.tokens("4.400") == analyzer.tokens("4400") == ["4400"]
    assert analyzer.tokens("13.960 kr.") == ["13960"]
    assert analyzer.tokens("0,65") == ["0,65"]  # the decimal comma stays


def test_stopwords_are_dropped(analyzer):
    assert analyzer.tokens("og i at det er en af de til for") == []
    assert analyzer.tokens("ca. 88 mio. kr.") == ["88"]
    assert analyzer.tokens("hvad koster indsatsen") == [stem(analyzer, "koster"), stem(analyzer, "indsatsen")]


def test_english_questions_are_detected(bridge):
    assert looks_english("What does the negative social control programme cost per year?")
    assert looks_english("How many citizens took part in Perspektiv?")
    assert not looks_english("Hvad koster videreførelsen af Perspektiv om året?")
    assert not looks_english("Hvor mange social kontrol-vejledere er der på Jobcenter København?")


@pytest.mark.parametrize("question, english", [
    # Danish names in an English question: their æ, ø and å are no Danish words
    ("How did Borgerrepræsentationen vote on the Social Democrats' motion about Søborghus Park?", True),
    ("When does the new crossing at Æblevænget in Brønshøj open?", True),
    ("Hvornår åbner den nye overgang ved Æblevænget?", False),  # "Hvornår", "åbner": ordinary Danish words
    ("Hvad besluttede Borgerrepræsentationen om Søborghus Park?", False),
])
def test_danish_names_do_not_make_an_english_question_danish(question, english):
    assert looks_english(question) is english


def test_an_english_inflection_with_a_doubled_consonant_finds_its_base():
    bridge = EnglishBridge({"swim": ("svømme",), "plan": ("plan",), "fill": ("fylde",)})
    assert bridge.translate("swimming") == ("svømme",)
    assert bridge.translate("planned") == ("plan",)
    assert bridge.translate("filling") == ("fylde",)  # "ll" stays: fill, not fil


def test_an_english_question_brings_danish_tokens(analyzer, bridge):
    assert len(bridge) > 1000, "the FreeDict dictionaries (dict-freedict-eng-dan/dan-eng) are not installed"
    tokens = analyzer.query_tokens("How many citizens are helped by the social control programme?")
    assert stem(analyzer, "kontrol") in tokens
    assert stem(analyzer, "borger") in tokens or stem(analyzer, "borgere") in tokens
    assert stem(analyzer, "indsats") in tokens
    assert "how" not in tokens and "the" not in tokens  # English function words are noise
    # a Danish question is not translated
    assert analyzer.query_tokens("kvinder i arbejde") == [stem(analyzer, "kvinder"), stem(analyzer, "arbejde")]


def test_known_parts_come_from_the_texts(corpus_texts):
    parts = known_parts(corpus_texts)
    assert {"kontrol", "vejledere", "indsats", "beskæftigelse"} <= parts
    assert all(len(p) >= 4 for p in parts)


# --- the index ------------------------------------------------------------------------------

DOCS = [
    "Perspektiv er en beskæftigelsesindsats for ægtefælleforsørgede kvinder i udsatte boligområder.",
    "Fem social kontrol-vejledere på Jobcenter København hjælper medarbejdere med sager.",
    "Udgifter i alt: 2024: 4.400; 2025: 4.400; I alt: 8.800",
    "Kvinden deltog i et forløb med danskundervisning og virksomhedspraktik.",
    "Bydele: Nørrebro, Tingbjerg og Amager.",
]


@pytest.fixture(scope="module")
def index(bridge) -> LexicalIndex:
    analyzer = DanishAnalyzer(known_parts(DOCS), bridge)
    built = LexicalIndex.build(DOCS, analyzer)
    built.bridge = bridge
    return built


def rows(hits: list[tuple[int, float]]) -> list[int]:
    return [r for r, _ in hits]


def test_an_inflection_finds_the_passage(index):
    assert set(rows(index.search("kvinder", 5))) == {0, 3}  # "kvinder" and "Kvinden"
    assert set(rows(index.search("kvinderne", 5))) == {0, 3}


def test_a_part_finds_the_compound(index):
    assert rows(index.search("indsats", 5)) == [0]  # only "beskæftigelsesindsats" holds it
    assert 1 in rows(index.search("vejleder", 5))


def test_a_number_without_separator_finds_the_table_row(index):
    assert rows(index.search("4400", 5)) == [2]
    assert rows(index.search("4.400", 5)) == [2]


def test_an_english_question_finds_the_danish_passage(index):
    assert set(rows(index.search("Which women took part?", 5))) == {0, 3}  # women -> kvinder
    question = "How many control counsellors are there?"
    assert "kontrol" in index.analyzer.query_tokens(question)
    assert rows(index.search(question, 5)) == [1]  # control -> kontrol, a part of "kontrol-vejledere"


def test_zero_scores_are_no_match(index):
    assert index.search("svømmehal", 5) == []
    assert index.search("og i at det", 5) == []  # stopwords only
    hits = index.search("kvinder", 10)
    assert hits and all(score > 0 for _, score in hits)
    assert len(hits) < len(DOCS)


def test_the_mask_is_applied_before_the_cut(index):
    allowed = np.zeros(len(DOCS), dtype=bool)
    allowed[3] = True
    assert rows(index.search("kvinder", 1, allowed)) == [3]
    allowed[:] = False
    assert index.search("kvinder", 5, allowed) == []


def test_a_misspelt_danish_word_finds_the_passage(index):
    assert rows(index.search("virksomhedsparktik", 5)) == [3]  # two letters swapped
    assert rows(index.search("Hvilke medarbejdre får hjælp?", 5)) == [1]  # "medarbejdere" with a slip
    assert index.search("svømmehal", 5) == []  # no word of the index is near: still no match


# --- misspelt query words ----------------------------------------------------------------------

# invented stems of an index about winter road service and school dentistry
VOCABULARY = ["vintertjenest", "saltning", "cykelsti", "tandpleje", "skoletandlæg", "2031", "grus", "gruset"]


@pytest.mark.fast
@pytest.mark.parametrize("token, respelt", [
    ("vintertjnest", ["vintertjenest"]),  # a letter missing
    ("saltnign", ["saltning"]),  # two letters swapped
    ("cykelstii", ["cykelsti"]),  # a letter too many
    ("skoletandlgæe", ["skoletandlæg"]),  # a long word: two slips
    ("tandplj", []),  # a shorter word: two slips are too many
    ("gruss", ["grus"]),  # five letters, one slip from a shorter token
    ("gru", []),  # too short to guess: "grus" or "gruset"?
    ("xaltning", []),  # the first letter is kept: a wrong first letter is not guessed
    ("2032", []),  # numbers are never respelt
    ("cykelsti", ["cykelsti"]),  # a known token stays
])
def test_a_misspelt_token_becomes_the_index_token_one_slip_away(token, respelt):
    assert Respeller(VOCABULARY)([token]) == respelt


@pytest.mark.fast
def test_an_english_question_is_not_respelt_into_danish():
    respell = Respeller(VOCABULARY)
    assert respell.query(["saltnign", "cykelsti"], "Hvornår sker saltnign af cykelsti?") == ["saltning", "cykelsti"]
    assert respell.query(["saltnign", "cykelsti"], "When is the saltnign of the cykelsti done?") == ["cykelsti"]


def test_save_and_load_give_the_same_scores(index, tmp_path, bridge):
    index.save(tmp_path / "bm25")
    loaded = LexicalIndex.load(tmp_path / "bm25", bridge)
    for q in ("kvinder", "indsats", "4400", "social control"):
        np.testing.assert_allclose(loaded.scores(q), index.scores(q), rtol=1e-6)


def test_top_k_orders_and_drops_zeros():
    assert top_k(np.array([0.0, 2.0, 0.5, 3.0, 0.0]), 2) == [(3, 3.0), (1, 2.0)]
    assert top_k(np.array([0.0, 0.0]), 5) == []
    assert rows(top_k(np.array([1.0, 0.0, 2.0]), 10)) == [2, 0]
