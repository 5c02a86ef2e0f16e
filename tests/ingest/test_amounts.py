"""Amounts written in prose: every figure a user is shown must come with the sentence it stands in."""
from __future__ import annotations

import pytest

from budgetarkiv.ingest.amounts import amount_in_kroner, extract_prose_amounts, sentence_at


@pytest.mark.parametrize(
    ("text", "written", "kroner"),
    [
        ("Der afsættes 3,5 mio. kr. årligt.", "3,5 mio. kr.", 3_500_000.0),
        ("suppleres med 0,65 mio. kr. årligt.", "0,65 mio. kr.", 650_000.0),
        ("budgettet er på ca. 88 mio. kr.", "ca. 88 mio. kr.", 88_000_000.0),
        ("en besparelse på 2,7 mia. kr. på landsplan.", "2,7 mia. kr.", 2_700_000_000.0),
        ("en stigning på 400.000 kr. pr. år.", "400.000 kr.", 400_000.0),
        ("udgifterne af 0,2 mio. \nkr. årligt.", "0,2 mio. kr.", 200_000.0),
        ("at afsætte 3,9 \n\nmio. kr. årligt.", "3,9 mio. kr.", 3_900_000.0),
        ("i alt 12 millioner kroner.", "12 millioner kroner", 12_000_000.0),
        ("svarende til 500 tkr. årligt.", "500 tkr.", 500_000.0),
        ("svarende til 250 t. kr. årligt.", "250 t. kr.", 250_000.0),
        ("i alt 12 mio kr i 2027-priser.", "12 mio kr", 12_000_000.0),
        ("Der afsættes 3,5 mio. kr. (2026-priser).", "3,5 mio. kr.", 3_500_000.0),
        ("en stigning på 1.000 kr. pr. deltager.", "1.000 kr.", 1_000.0),
    ],
)
def test_amounts_are_found_as_written_and_valued_in_kroner(text: str, written: str, kroner: float) -> None:
    (amount,) = extract_prose_amounts(text)
    assert amount.text == written
    assert amount.amount_kr == pytest.approx(kroner)
    assert text[amount.start:].startswith(written.split()[0])


@pytest.mark.parametrize(
    "text",
    [
        "havde 56 pct. af deltagerne opnået ordinære løntimer.",
        "Tabel 2 \n1.000 kr., 2024 p/l \nService 4.400",
        "(1.000 kr. – 2018 p/l ) Udvalg Bevilling",
        "1.000 kr., løbende p/l 2019 2020",
        "1.000 kr., 2024 \np/l",
        "Aktiviteter i forslaget 1.000 kr., 2024 p/1",
        "BIU 35.10 U 4.400 4.400",
        "1.000 kr. (2026-priser) Styringsområde 2026",
        "1.000 kr., p/l 2028 2028 2029",
        "1.000 kr., løbende priser",
        "Beløbene er angivet i 1.000 kr. (2026-priser).",
        "Alle beløb er i 1.000 kr.",
    ],
)
def test_percentages_and_table_unit_heads_are_not_amounts(text: str) -> None:
    assert extract_prose_amounts(text) == ()


def test_the_sentence_is_cut_at_sentence_ends_but_not_at_abbreviations() -> None:
    text = (
        "Økonomi \nUdgifterne dækker over fem årsværk. Herudover består udgifterne af 0,2 mio. \n"
        "kr. årligt til opkvalificering af deltagerne, bl.a. AMU-kurser. Såfremt der ønskes mere, "
        "skal der suppleres med ca. 1 årsværk dvs. 0,65 mio. kr. årligt. Det er 56 pct. Mere følger."
    )
    first, second = extract_prose_amounts(text)
    assert first.sentence == (
        "Herudover består udgifterne af 0,2 mio. kr. årligt til opkvalificering af deltagerne, bl.a. AMU-kurser."
    )
    assert second.sentence == (
        "Såfremt der ønskes mere, skal der suppleres med ca. 1 årsværk dvs. 0,65 mio. kr. årligt."
    )


def test_a_sentence_ending_in_kr_is_split_before_the_next_sentence() -> None:
    text = "Budgettet er på ca. 88 mio. kr. \n \nHeraf er der budgetteret ca. 53 mio. kr. til køb."
    first, second = extract_prose_amounts(text)
    assert first.sentence == "Budgettet er på ca. 88 mio. kr."
    assert second.sentence == "Heraf er der budgetteret ca. 53 mio. kr. til køb."


def test_a_sentence_broken_by_blank_lines_is_kept_whole() -> None:
    """Some PDF texts have a blank line after every line; the sentence runs on over them."""
    text = "• Scenarie 2: Der skal træffes beslutning om at afsætte 3,9 \n\nmio. kr. årligt i perioden \n\n2026-2029."
    (amount,) = extract_prose_amounts(text)
    assert amount.sentence == "• Scenarie 2: Der skal træffes beslutning om at afsætte 3,9 mio. kr. årligt i perioden 2026-2029."


def test_a_short_heading_line_is_not_part_of_the_first_sentence() -> None:
    text = "Risikovurdering og proces \nDer er lagt op til en besparelse på 2,7 \nmia. kr. på landsplan."
    (amount,) = extract_prose_amounts(text)
    assert amount.sentence == "Der er lagt op til en besparelse på 2,7 mia. kr. på landsplan."


def test_sentence_at_returns_the_sentence_around_an_offset() -> None:
    text = "Første sætning her. Anden sætning med jf. Serviceloven i. Tredje."
    assert sentence_at(text, text.index("Anden")) == "Anden sætning med jf. Serviceloven i."


@pytest.mark.parametrize(
    ("number", "scale", "kroner"),
    [("3,5", "mio.", 3_500_000.0), ("2,7", "mia.", 2.7e9), ("400.000", None, 400_000.0), ("12", "millioner", 1.2e7)],
)
def test_amount_in_kroner_scales_millions_and_billions(number: str, scale: str | None, kroner: float) -> None:
    assert amount_in_kroner(number, scale) == pytest.approx(kroner)


def test_amount_in_kroner_refuses_non_numbers() -> None:
    assert amount_in_kroner("35.10", None) is None
