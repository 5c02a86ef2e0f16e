"""A money table's unit and price level: every spelling the municipality's notes use reads as one canonical form."""
from __future__ import annotations

import pytest

from budgetarkiv.core.numbers import UNIT_KRONER
from budgetarkiv.ingest.units import (
    find_price_level,
    find_unit,
    stated_unit_and_price_level,
    without_unit_and_price_level,
)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("1.000 kr., 2024 p/l", "1.000 kr."),
        ("(1.000 kr. – 2018 p/l )", "1.000 kr."),
        ("1000 kr.", "1.000 kr."),
        ("tkr.", "1.000 kr."),
        ("Tkr", "1.000 kr."),
        ("t.kr.", "1.000 kr."),
        ("t. kr.", "1.000 kr."),
        ("tusind kr.", "1.000 kr."),
        ("DKK 1,000", "1.000 kr."),
        ("DKK '000", "1.000 kr."),
        ("mio. kr.", "mio. kr."),
        ("mio kr", "mio. kr."),
        ("Mio.kr.", "mio. kr."),
        ("mill. kr.", "mio. kr."),
        ("millioner kroner", "mio. kr."),
        ("DKK million", "mio. kr."),
        ("DKK m", "mio. kr."),
        ("DKKm", "mio. kr."),
        ("mia. kr.", "mia. kr."),
        ("DKK billion", "mia. kr."),
        ("Beløb i kr.", "kr."),
        ("kr., 2026-priser", "kr."),
        ("Amounts in DKK", "kr."),
        ("Økonomi, scenarie 1, mio. kr.", "mio. kr."),
    ],
)
def test_every_spelling_of_a_unit_reads_as_its_canonical_form(text: str, unit: str) -> None:
    assert find_unit(text) == unit
    assert unit in UNIT_KRONER  # answers and conversions know it


@pytest.mark.parametrize(
    "text",
    ["3,5 mio. kr.", "ca. 88 mio. kr.", "400 kr.", "DKK 400", "DKK 3.5 million", "Målgruppe Indsats", "Værktøjskrav"],
)
def test_an_amount_or_a_word_is_no_unit(text: str) -> None:
    assert find_unit(text) is None


def test_the_first_unit_that_is_not_an_amount_is_the_heads() -> None:
    assert find_unit("Udgiften på 3,5 mio. kr. fordeles således (1.000 kr.)") == "1.000 kr."


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("2026 p/l", "2026 p/l"),
        ("2024 p/1", "2024 p/l"),
        ("2024 \np / l", "2024 p/l"),
        ("p/l 2028", "2028 p/l"),
        ("P/L 2027", "2027 p/l"),
        ("PL 2027", "2027 p/l"),
        ("2027-pl", "2027 p/l"),
        ("(2027-priser)", "2027 p/l"),
        ("2027-priser", "2027 p/l"),
        ("faste 2026-priser", "2026 p/l"),
        ("Faste priser, 2026", "2026 p/l"),
        ("2027-prisniveau", "2027 p/l"),
        ("prisniveau 2027", "2027 p/l"),
        ("pris- og lønniveau 2025", "2025 p/l"),
        ("2026 prices", "2026 p/l"),
        ("price level 2026", "2026 p/l"),
        ("løbende p/l", "løbende p/l"),
        ("løbende priser", "løbende p/l"),
        ("Løbende prisniveau", "løbende p/l"),
        ("current prices", "løbende p/l"),
        ("1.000 kr., løbende p/l 2019 2020", "løbende p/l"),
    ],
)
def test_every_spelling_of_a_price_level_reads_as_its_canonical_form(text: str, level: str) -> None:
    assert find_price_level(text) == level


@pytest.mark.parametrize("text", ["Forslaget 2026 2027", "priserne steg i 2026", "aplomb 2026", "12026-priser"])
def test_a_year_alone_is_no_price_level(text: str) -> None:
    assert find_price_level(text) is None


@pytest.mark.parametrize(
    ("sentence", "said"),
    [
        ("Beløbene er angivet i 1.000 kr. (2026-priser).", ("1.000 kr.", "2026 p/l")),
        ("Alle beløb er i tkr. og i faste 2027-priser", ("1.000 kr.", "2027 p/l")),
        ("Amounts in DKK million, 2026 prices.", ("mio. kr.", "2026 p/l")),
        ("Beløbene er i 2027-priser.", (None, "2027 p/l")),
        ("Tabellen viser udgifterne i mio. kr.", ("mio. kr.", None)),
        # an amount in prose is no statement of the unit, and a year's prices in passing no price level
        ("Der er afsat 3,5 mio. kr. i 2026.", (None, None)),
        ("Tilskuddet er 1.000 kr. pr. borger i 2026-priser.", (None, None)),
        ("Udgiften i 2026-priser er stigende.", (None, None)),
    ],
)
def test_a_sentence_states_a_unit_only_as_the_unit_of_figures(sentence: str, said: tuple) -> None:
    assert stated_unit_and_price_level(sentence) == said


def test_what_a_bracket_says_besides_unit_and_price_level_is_kept() -> None:
    assert without_unit_and_price_level("tkr., 2026-priser").strip(" ,") == ""
    assert without_unit_and_price_level("1.000 kr., p/l 2024, ekskl. moms").strip(" ,") == "ekskl. moms"


@pytest.mark.parametrize(("text", "said"), [
    ("(PL 2029).", (None, "2029 p/l")),  # the price level cut off from "Beløbene er i kr. (PL 2029)." as a sentence
    ("(2029).", (None, None)),  # a bare year in brackets is no price level
])
def test_a_bracketed_price_level_alone_is_a_statement(text: str, said: tuple[str | None, str | None]) -> None:
    assert stated_unit_and_price_level(text) == said
