"""Danish number format, as budget notes write it."""
import pytest

from budgetarkiv.core.numbers import format_danish_number, parse_danish_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("4.400", 4400),
        ("13.960", 13960),
        ("737", 737),
        ("0,65", 0.65),
        ("2,7", 2.7),
        ("-500", -500),
        ("−1.250", -1250),
        ("÷1,5", -1.5),  # the Danish minus sign
        ("1.000.000", 1_000_000),
    ],
)
def test_danish_numbers_parse_to_their_value(text: str, value: float) -> None:
    assert parse_danish_number(text) == value


@pytest.mark.parametrize("text", ["35.10", "12.5", "abc", "", "4.40"])
def test_things_that_are_not_danish_numbers_give_none(text: str) -> None:
    """An appropriation number like 35.10 must never be read as an amount."""
    assert parse_danish_number(text) is None


def test_integers_stay_integers_so_amounts_print_as_written() -> None:
    assert isinstance(parse_danish_number("4.400"), int)


@pytest.mark.parametrize("value", [4400, 15528, 0.65, -500, 2.7, 1_000_000])
def test_formatting_is_the_inverse_of_parsing(value: float) -> None:
    assert parse_danish_number(format_danish_number(value)) == value


def test_readable_amounts_are_derived_from_the_exact_figure_and_unit():
    from budgetarkiv.core.numbers import price_level_words, readable_amount

    assert readable_amount(3490, "1.000 kr.") == "ca. 3,5 mio. kr."
    assert readable_amount(4600, "1.000 kr.") == "4,6 mio. kr."  # exact: no "ca."
    assert readable_amount(5250, "1.000 kr.") == "ca. 5,3 mio. kr."  # half up, in exact decimals
    assert readable_amount(13960, "1.000 kr.") == "ca. 14 mio. kr."
    assert readable_amount(737, "1.000 kr.") == "737.000 kr."
    assert readable_amount(-500, "1.000 kr.") == "-500.000 kr."
    assert readable_amount(1.9, "mia. kr.") == "1,9 mia. kr."
    assert readable_amount(12, "pct.") is None  # not kroner: no readable form
    assert (price_level_words("2026 p/l"), price_level_words("løbende p/l")) == ("2026-priser", "løbende priser")


def test_a_cell_printed_with_a_decimal_keeps_it():
    """"3,0" is read as a float, so it prints "3,0" again (a figure as the source printed it), and 3 stays 3."""
    assert format_danish_number(parse_danish_number("3,0")) == "3,0"
    assert format_danish_number(parse_danish_number("-4,0")) == "-4,0"
    assert format_danish_number(parse_danish_number("3")) == "3"
