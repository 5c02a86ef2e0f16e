"""English documents in the archive (an email to a foundation, an English summary) write their money the English
way: "DKK 2.4 million", "DKK 86,000", "DKK 2.95m", "2.4 mDKK". They are read as amounts in kroner, each number in
the notation its context says, and kept as printed, so an answer shows the figure the way its source wrote it."""
from __future__ import annotations

import pytest

from budgetarkiv.core.language import is_english
from budgetarkiv.core.numbers import parse_english_number, parse_number
from budgetarkiv.ingest.amount_clauses import read_clauses
from budgetarkiv.ingest.amounts import extract_prose_amounts, find_amounts

pytestmark = pytest.mark.fast


@pytest.mark.parametrize(("text", "english", "value"), [
    ("2,450.5", True, 2450.5),
    ("2,450.5", False, None),  # a Danish context reads Danish notation only: no guess
    ("2.450,5", True, 2450.5),  # only Danish reads it, even in an English document
    ("2,45", True, 2.45),  # two decimals after a comma: never English grouping
    ("2.95", True, 2.95),
    ("2.95", False, None),
    ("1.234.567", True, 1_234_567),
    ("1,234,567", True, 1_234_567),
    ("2,450", True, 2450),  # reads both ways: the context decides
    ("2,450", False, 2.45),
    ("2.450", True, 2.45),
    ("2.450", False, 2450),
    ("-1,250.75", True, -1250.75),
    ("12 monkeys", True, None),
])
def test_a_number_is_read_in_its_contexts_notation_and_danish_only_notation_everywhere(text, english, value):
    assert parse_number(text, english) == value


def test_an_english_number_keeps_an_int_without_decimals():
    assert parse_english_number("86,000") == 86000 and isinstance(parse_english_number("86,000"), int)
    assert parse_english_number("2.450,5") is None


@pytest.mark.parametrize(("text", "expected"), [
    ("Dear Ms Holm, thank you for the report on the harbour baths, which we read with interest.", True),
    ("Kære Ida, tak for rapporten om havnebadene, som vi har læst med interesse.", False),
    ("Budget 2031: Havnebade i Sydhavnen", False),  # no function words: the archive's own language
])
def test_a_text_is_english_when_it_has_more_english_than_danish_function_words(text, expected):
    assert is_english(text) is expected


@pytest.mark.parametrize(("sentence", "written", "kroner"), [
    ("The trust has promised DKK 1.25 million for the harbour baths.", "DKK 1.25 million", 1_250_000.0),
    ("Average rent arrears at intake were DKK 42,500 per household.", "DKK 42,500", 42_500.0),
    ("The pilot cost DKK 0.8m in its first year.", "DKK 0.8m", 800_000.0),
    ("The council expects to spend 3.6 mDKK on the new ferry pier.", "3.6 mDKK", 3_600_000.0),
    ("Our share is 2.5 million DKK over two years.", "2.5 million DKK", 2_500_000.0),
    ("Each course costs DKK 2,450.50 per participant.", "DKK 2,450.50", 2450.5),
    ("The fee is DKK 2,450 a year.", "DKK 2,450", 2450.0),  # "," groups thousands in English
    ("The old grant of DKK 1,2 mio. was spent.", "DKK 1,2 mio.", 1_200_000.0),  # Danish notation is kept
    ("A new roof costs about DKK 1.1bn.", "about DKK 1.1bn", 1_100_000_000.0),
])
def test_an_english_amount_is_read_in_kroner_and_kept_as_printed(sentence, written, kroner):
    (amount,) = extract_prose_amounts(sentence)
    assert (amount.text, amount.amount_kr) == (written, kroner)


def test_a_danish_shaped_amount_in_an_english_document_reads_in_english_notation():
    english = "The deposit for the hall is 2,450 kr. and it is paid back after the event."
    danish = "Depositum for salen er 2,450 kr., og det betales tilbage efter arrangementet."
    assert [a.amount_kr for a in extract_prose_amounts(english)] == [2450.0]
    assert [a.amount_kr for a in extract_prose_amounts(danish)] == [2.45]


@pytest.mark.parametrize("sentence", [
    "Table 3 shows the expected costs (DKK 1,000, 2031 prices).",
    "All amounts are in DKK 1,000.",
    "The ferry cost EUR 1.4 million in 2029.",  # not kroner
    "Attendance rose by 57% in 2030.",
])
def test_a_unit_head_another_currency_or_a_percentage_is_no_kroner_amount(sentence):
    assert find_amounts(sentence) == []


def test_a_danish_amount_is_read_as_before():
    (amount,) = extract_prose_amounts("Der afsættes 4,5 mio. kr. til lektiehjælp.")
    assert (amount.text, amount.amount_kr) == ("4,5 mio. kr.", 4_500_000.0)


def test_an_english_clause_says_its_year_period_net_and_price_level():
    first, second = read_clauses("The request is DKK 3.15 million net in 2031 and DKK 2.9 million net a year in "
                                 "2032-2034 (2031 prices), after savings on rent.")
    assert (first.written, first.value, first.unit, first.period, first.net, first.yearly) == (
        "DKK 3.15 million", 3.15, "mio. kr.", "2031", True, False)
    assert (second.written, second.value, second.period, second.yearly, second.price_level) == (
        "DKK 2.9 million", 2.9, "2032-2034", True, "2031 p/l")


def test_an_english_saving_is_negative_and_names_what_it_funds():
    (cut,) = read_clauses("By merging the two depots the department saves DKK 640,000 a year from 2032.")
    assert (cut.change, cut.value, cut.kroner, cut.period, cut.yearly) == ("saving", -640000, -640000.0, "fra 2032",
                                                                          True)
    (grant,) = read_clauses("The committee allocates 1.8 mDKK in 2031 to evening opening of the harbour baths.")
    assert (grant.change, grant.funded, grant.kroner) == ("grant", "evening opening of the harbour baths",
                                                          1_800_000.0)


def test_a_clause_after_and_reads_its_own_period():
    """", and the old budget of DKK 2,450 is cut": the year of the clause before is not this amount's."""
    _, old = read_clauses("The council sets aside 2.4 mDKK in 2030 for night patrols, and the old budget of "
                          "DKK 2,450 is cut.")
    assert (old.written, old.period, old.change) == ("DKK 2,450", "", "saving")
