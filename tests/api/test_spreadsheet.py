"""CSV cells a spreadsheet would run as formulas are defused; numbers, negative ones too, stay numbers."""
from __future__ import annotations

import csv
import io

import pytest

from budgetarkiv.api.spreadsheet import csv_text, safe_cell


@pytest.mark.parametrize("text", ["=SUM(A1:A9)", "+45 33 66 33 66", "-cmd|' /C calc'!A0", "@SUM(1)",
                                  "\t=1+1", "\r=1+1", "-", "=HYPERLINK(\"http://x\")"])
def test_formula_like_text_gets_an_apostrophe(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", [-500, -500.0, 1.5, 0, "-500", "-2.100", "+12,5", "Service", "I alt", "", None])
def test_numbers_and_plain_text_are_unchanged(value):
    assert safe_cell(value) == value


def test_a_csv_reads_back_with_numbers_as_numbers_and_formulas_as_text():
    text = csv_text(["label", "amount"], [["=1+1", -500.0], ["Besparelse", -2100]])
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows == [["label", "amount"], ["'=1+1", "-500.0"], ["Besparelse", "-2100"]]
