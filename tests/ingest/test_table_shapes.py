"""Money tables in the other shapes municipal budget notes use, read as normal tables with years.

Invented notes, written for these tests: columns headed by the budget period ("B2028 | BO1 | BO2"), group lines
whose rows net out ("Merudgifter / Mindreudgifter / Indtægter"), "Heraf" rows that are a share of the row above,
negative amounts in parentheses. Each shape comes as word-processor text (tabs), PDF reading-order text (single
spaces) and aligned text (runs of spaces) where it matters.
"""
from __future__ import annotations

import pytest

from budgetarkiv.core.models import BudgetTable, TableRow, is_part_label
from budgetarkiv.ingest.tables import extract_tables
from budgetarkiv.ingest.year_heads import calendar_cells, calendar_text, head_year


def _money(text: str, budget_year: int | None = None) -> BudgetTable:
    tables = [t for t in extract_tables(text, budget_year) if t.kind == "money"]
    assert len(tables) == 1, tables
    return tables[0]


def _row(table: BudgetTable, label: str) -> TableRow:
    return next(r for r in table.rows if r.label == label)


# --- budget-period heads ----------------------------------------------------------------------


@pytest.mark.parametrize(("cell", "budget_year", "year"), [
    ("B2031", None, 2031),
    ("B 2031", None, 2031),
    ("B31", None, 2031),
    ("Budget 2031", None, 2031),
    ("2031 (B)", None, 2031),
    ("BO1", 2031, 2032),
    ("BO 3", 2031, 2034),
    ("Overslagsår 2", 2031, 2033),
    ("2. overslagsår", 2031, 2033),
    ("BO32", None, 2032),
    ("BO2032", None, 2032),
    ("2032 (BO)", None, 2032),
    ("Overslagsår 1 (2032)", None, 2032),
    ("Overslag 2032", None, 2032),  # "Budget 2031 | Overslag 2032 | ...": the outlook year by its calendar year
    ("År 2032", None, 2032),  # other head words before a calendar year
    ("Forslag 2032", None, 2032),
    ("Budgetforslag 2031", None, 2031),
    ("2032*", None, 2032),  # a footnote mark or a bracket repeating the unit does not change the year
    ("2032 (mio. kr.)", None, 2032),
    ("BO2¹", 2031, 2033),
    ("B2031/BO2", None, 2033),  # budget 2031's second outlook year
    ("Varigt fra 2035", 2031, None),  # the full-year amount from then on: no year column
    ("2031-2034", 2031, None),
    ("BO1", None, None),  # an outlook year by number cannot be placed without the budget year
    ("Bevilling", 2031, None),
    ("Styringsområde", 2031, None),
    ("2031", 2031, None),  # a plain year is no budget-period head (it is a year already)
])
def test_a_budget_period_head_names_its_calendar_year(cell: str, budget_year: int | None, year: int | None) -> None:
    assert head_year(cell, budget_year) == year


def test_the_heads_own_budget_year_column_wins_over_the_notes() -> None:
    assert calendar_cells(["Mio. kr.", "B2031", "BO1", "BO2", "I alt"], 2030) == \
        ["Mio. kr.", "2031", "2032", "2033", "I alt"]
    assert calendar_cells(["Mio. kr.", "BO1", "BO2"], 2030) == ["Mio. kr.", "2031", "2032"]


def test_running_head_text_gets_calendar_years() -> None:
    assert calendar_text("1.000 kr., 2031 p/l Budget 2031 Overslagsår 1 Overslagsår 2 I alt", None) == \
        "1.000 kr., 2031 p/l 2031 2032 2033 I alt"
    assert calendar_text("tkr. B31 BO32 BO33 Total", None) == "tkr. 2031 2032 2033 Total"
    assert calendar_text("Mio. kr. 2031 (B) 2032 (BO) 2033 (BO)", None) == "Mio. kr. 2031 2032 2033"
    assert calendar_text("t.kr. (2031-pl) Budget 2031 Overslag 2032 Overslag 2033 I alt", None) == \
        "t.kr. (2031-pl) 2031 2032 2033 I alt"
    assert calendar_text("Mio. kr. År 2031 År 2032 Forslag 2033 I alt", None) == "Mio. kr. 2031 2032 2033 I alt"
    assert calendar_text("tkr. 2031* 2032 (tkr.) B2031/BO2", None) == "tkr. 2031 2032 2033"
    # a "Varigt fra 2035" column keeps its words together, so its year is not read as a column
    assert calendar_text("tkr. 2031 2032 Varigt fra 2035", None) == "tkr. 2031 2032 Varigt\u00a0fra\u00a02035"


def test_a_lasting_column_after_the_years_is_no_year_and_no_total() -> None:
    table = _money(
        "Tabel 4. Udgifter til nattevagter\n"
        "Mio. kr., 2032-priser 2032 2033 2034 Varigt fra 2035\n"
        "Nattevagter 1,5 3,0 3,0 3,0\n"
        "Udgifter i alt 1,5 3,0 3,0 3,0\n"
    )
    assert table.years == ("2032", "2033", "2034")
    assert _row(table, "Nattevagter").total is None
    assert dict(_row(table, "Nattevagter").amounts) == {"2032": 1.5, "2033": 3.0, "2034": 3.0}
    assert dict(_row(table, "Nattevagter").extra) == {"Varigt fra 2035": "3,0"}


_TABS_OVERSLAG = (
    "Tabel 3. Udgifter til cykelparkering\n"
    "Mio. kr., 2031-priser\tB2031\tBO1\tBO2\tBO3\tTotal\n"
    "Stativer og overdækning\t2,5\t1,0\t\t\t3,5\n"
    "Drift og tømning\t0,2\t0,4\t0,4\t0,4\t1,4\n"
    "I alt\t2,7\t1,4\t0,4\t0,4\t4,9\n"
)
_PDF_OVERSLAG = (
    "Tabel 3. Udgifter til cykelparkering\n"
    "1.000 kr., 2031 p/l Budget 2031 Overslagsår 1 Overslagsår 2 Overslagsår 3 I alt\n"
    "Stativer og overdækning 2.500 1.000 - - 3.500\n"
    "Drift og tømning 200 400 400 400 1.400\n"
    "Udgifter i alt 2.700 1.400 400 400 4.900\n"
)
_ALIGNED_OVERSLAG = (
    "Tabel 3. Udgifter til cykelparkering (1.000 kr., 2031 p/l)\n"
    "                          B31       BO32      BO33      BO34      I alt\n"
    "Stativer og overdækning   2.500     1.000                         3.500\n"
    "Drift og tømning            200       400       400       400     1.400\n"
    "Udgifter i alt            2.700     1.400       400       400     4.900\n"
)


@pytest.mark.parametrize("text", [_TABS_OVERSLAG, _PDF_OVERSLAG, _ALIGNED_OVERSLAG])
def test_a_table_headed_by_the_budget_period_is_a_money_table_with_years(text: str) -> None:
    table = _money(text)
    assert table.years == ("2031", "2032", "2033", "2034")
    first = table.rows[0]
    assert first.label == "Stativer og overdækning"
    assert set(first.amounts) == {"2031", "2032"}
    assert all(c.ok for c in table.checks) and not table.unreadable


def test_outlook_years_by_number_take_the_notes_budget_year() -> None:
    text = (
        "Tabel 1. Økonomi\n"
        "1.000 kr., 2027 p/l\tBudgetår\tBO1\tBO2\tI alt\n"
        "Rådgivning\t300\t300\t300\t900\n"
    )
    assert not [t for t in extract_tables(text, None) if t.kind == "money"]  # no budget year: no years
    table = _money(text, 2027)
    assert table.years == ("2027", "2028", "2029")
    assert table.rows[0].amounts == {"2027": 300, "2028": 300, "2029": 300}
    own = _money(text.replace("Budgetår", "B2027"), 2026)
    assert own.years == ("2027", "2028", "2029")  # the head's own B2027 wins over the note's 2026


# --- group lines and "Heraf" rows ---------------------------------------------------------------


_TABS_GROUPS = (
    "Tabel 2. Økonomiske konsekvenser\n"
    "1.000 kr., 2030 p/l\tStyringsområde\t2030\t2031\t2032\tI alt\n"
    "Merudgifter\n"
    "Nye legepladser\tAnlæg\t2.000\t1.000\t\t3.000\n"
    "Tilsyn\tService\t100\t150\t150\t400\n"
    "Mindreudgifter\t\t\t\t\t\n"
    "Færre reparationer\tService\t-50\t-100\t-100\t-250\n"
    "Indtægter\n"
    "Udlejning af boldbaner\tService\t-20\t-40\t-40\t-100\n"
    "Netto i alt\t\t2.030\t1.010\t10\t3.050\n"
)
_PDF_GROUPS = (
    "Tabel 2. Økonomiske konsekvenser\n"
    "1.000 kr., 2030 p/l Styringsområde 2030 2031 2032 I alt\n"
    "Merudgifter\n"
    "Nye legepladser Anlæg 2.000 1.000 - 3.000\n"
    "Tilsyn Service 100 150 150 400\n"
    "Merudgifter i alt 2.100 1.150 150 3.400\n"
    "Mindreudgifter\n"
    "Færre reparationer Service -50 -100 -100 -250\n"
    "Indtægter\n"
    "Udlejning af boldbaner Service -20 -40 -40 -100\n"
    "Netto i alt 2.030 1.010 10 3.050\n"
)


@pytest.mark.parametrize("text", [_TABS_GROUPS, _PDF_GROUPS])
def test_group_lines_are_no_rows_and_their_rows_carry_the_group(text: str) -> None:
    table = _money(text)
    labels = [r.label for r in table.rows]
    assert "Merudgifter" not in labels and "Indtægter" not in labels
    assert _row(table, "Nye legepladser").group == "Merudgifter"
    assert _row(table, "Tilsyn").group == "Merudgifter"
    assert _row(table, "Færre reparationer").group == "Mindreudgifter"
    assert _row(table, "Udlejning af boldbaner").group == "Indtægter"
    assert _row(table, "Udlejning af boldbaner").amounts == {"2030": -20, "2031": -40, "2032": -40}
    net = _row(table, "Netto i alt")
    assert net.is_sum and net.group is None and net.total == 3050
    assert all(c.ok for c in table.checks) and not table.unreadable


def test_a_pdf_line_without_cells_that_is_no_group_word_stays_part_of_the_label() -> None:
    text = (
        "Tabel 1. Økonomi\n"
        "1.000 kr., 2030 p/l 2030 2031 I alt\n"
        "Kørsel til og fra\n"
        "dagtilbud 100 100 200\n"
        "I alt 100 100 200\n"
    )
    table = _money(text)
    assert table.rows[0].label == "Kørsel til og fra dagtilbud"
    assert table.rows[0].group is None


_TABS_HERAF = (
    "Tabel 1. Økonomi (mio. kr., 2029-priser)\n"
    "Mio. kr.\t2029\t2030\tI alt\n"
    "Hjemmebesøg\t1,5\t3,0\t4,5\n"
    "Heraf weekendtillæg\t0,3\t0,6\t0,9\n"
    "Uddannelse\t0,5\t0,5\t1,0\n"
    "Udgifter i alt\t2,0\t3,5\t5,5\n"
)
_PDF_HERAF = (
    "Tabel 1. Økonomi\n"
    "1.000 kr., 2029 p/l 2029 2030 I alt\n"
    "Hjemmebesøg 1.500 3.000 4.500\n"
    "- heraf weekendtillæg 300 600 900\n"
    "Uddannelse 500 500 1.000\n"
    "Udgifter i alt 2.000 3.500 5.500\n"
)


@pytest.mark.parametrize("text", [_TABS_HERAF, _PDF_HERAF])
def test_a_heraf_row_is_kept_as_a_share_of_the_row_above_and_never_added(text: str) -> None:
    table = _money(text)
    share = next(r for r in table.rows if is_part_label(r.label))
    assert share.part_of == "Hjemmebesøg"
    assert not share.is_sum
    assert _row(table, "Uddannelse").part_of is None
    # the column checks add the item rows only: with the share added they would fail
    assert all(c.ok for c in table.checks) and not table.unreadable
    assert {c.subject for c in table.checks if c.kind == "column_sum"} >= {"2029", "2030", "I alt"}


@pytest.mark.parametrize(("label", "part"), [
    ("Heraf løn", True), ("heraf tillæg", True), ("- heraf husleje", True), ("Herunder kørsel", True),
    ("Of which wages", True), ("Herlev-projektet", False), ("Udgifter i alt", False), ("Løn heraf", False),
])
def test_which_labels_are_shares(label: str, part: bool) -> None:
    assert is_part_label(label) is part


# --- negative amounts -------------------------------------------------------------------------


_PDF_PARENS = (
    "Tabel 4. Effektivisering af vinterbekæmpelse (mio. kr., 2032-priser)\n"
    "Mio. kr. 2032 2033 2034 I alt\n"
    "Færre saltruter (0,6) (1,2) (1,2) (3,0)\n"
    "Ny saltspreder 0,4 - - 0,4\n"
    "Effektivisering i alt (0,2) (1,2) (1,2) (2,6)\n"
)
_TABS_MINUS_SIGNS = (
    "Tabel 4. Effektivisering af vinterbekæmpelse\n"
    "1.000 kr., 2032 p/l\t2032\t2033\t2034\tI alt\n"
    "Færre saltruter\t−600\t–1.200\t÷1.200\t-3.000\n"
    "Ny saltspreder\t400\t\t\t400\n"
    "Effektivisering i alt\t(200)\t(1.200)\t(1.200)\t(2.600)\n"
)


@pytest.mark.parametrize("text", [_PDF_PARENS, _TABS_MINUS_SIGNS])
def test_negative_amounts_in_parentheses_or_with_any_minus_sign_are_read_as_negatives(text: str) -> None:
    table = _money(text)
    saving = _row(table, "Færre saltruter")
    assert all(v < 0 for v in saving.amounts.values()) and saving.total is not None and saving.total < 0
    assert _row(table, "Ny saltspreder").amounts == ({"2032": 0.4} if "Mio" in text else {"2032": 400})
    net = _row(table, "Effektivisering i alt")
    assert net.is_sum and net.total in (-2.6, -2600)
    assert all(c.ok for c in table.checks) and not table.unreadable


def test_a_count_in_parentheses_in_a_label_stays_in_the_label() -> None:
    text = (
        "Tabel 1. Økonomi\n"
        "1.000 kr., 2032 p/l 2032 2033 I alt\n"
        "Skolepædagoger (12) 900 900 1.800\n"
        "I alt 900 900 1.800\n"
    )
    row = _money(text).rows[0]
    assert row.label == "Skolepædagoger (12)"
    assert row.amounts == {"2032": 900, "2033": 900}


# --- price level in a footnote ------------------------------------------------------------------


_FOOTNOTE_TABLES = (
    "Økonomi\n"
    "Tabel 1. Model A – Én bus\n"
    "Mio. kr.¹\tStyringsområde\t2033\t2034\tI alt\n"
    "Drift af bussen\tService\t0,4\t0,6\t1,0\n"
    "Model A i alt\t\t0,4\t0,6\t1,0\n"
    "Tabel 2. Model B – To busser\n"
    "Mio. kr.¹\tStyringsområde\t2033\t2034\tI alt\n"
    "Drift af busserne\tService\t0,8\t1,2\t2,0\n"
    "Model B i alt\t\t0,8\t1,2\t2,0\n"
    "¹ Alle beløb er opgjort i 2033-priser.\n"
)


def test_a_price_level_given_only_in_a_footnote_the_head_points_to_is_the_tables() -> None:
    tables = [t for t in extract_tables(_FOOTNOTE_TABLES, 2033) if t.kind == "money"]
    assert [t.price_level for t in tables] == ["2033 p/l", "2033 p/l"]
    assert all(t.unit == "mio. kr." for t in tables)
    other_mark = "Tabel 3. Andet\nMio. kr.²\t2033\t2034\tI alt\nHusleje\t0,1\t0,1\t0,2\n¹ Beløbene er i 2030-priser.\n"
    assert _money(other_mark).price_level is None  # the footnote belongs to another mark


# --- follow-up tables: named columns, no years ------------------------------------------------


_ALIGNED_FOLLOWUP = (
    "Tabel 3. Forventet regnskab 2031 (mio. kr., løbende priser)\n"
    "\n"
    "Område                      Korrigeret budget   Forventet forbrug   Mer-/mindreforbrug\n"
    "Tandpleje for unge                       12,5                11,9                 -0,6\n"
    "Madordning i daginstitutioner\n"
    "(pilot)                                   3,0                 3,4                  0,4\n"
    "I alt                                    15,5                15,3                 -0,2\n"
    "\n"
    "Mindreforbruget på tandplejen skyldes vakante stillinger.\n"
)
_TABS_FOLLOWUP = (
    "Tabel 3. Forventet regnskab 2031\n"
    "1.000 kr., løbende p/l\tBudget\tForbrug\tAfvigelse\n"
    "Tandpleje for unge\t12.500\t11.900\t(600)\n"
    "Madordning i daginstitutioner (pilot)\t3.000\t3.400\t400\n"
    "I alt\t15.500\t15.300\t(200)\n"
)


@pytest.mark.parametrize("text", [_ALIGNED_FOLLOWUP, _TABS_FOLLOWUP])
def test_a_follow_up_table_keeps_each_rows_cells_by_their_named_column(text: str) -> None:
    table = _money(text)
    assert table.years == ()
    heads = list(_row(table, "Tandpleje for unge").extra)
    assert len(heads) == 3 and heads[-1] in ("Mer-/mindreforbrug", "Afvigelse")
    pilot = _row(table, "Madordning i daginstitutioner (pilot)")
    assert list(pilot.extra.values()) in (["3,0", "3,4", "0,4"], ["3.000", "3.400", "400"])
    assert pilot.amounts == {} and not pilot.is_sum
    assert _row(table, "I alt").is_sum
    assert table.unit in ("mio. kr.", "1.000 kr.") and table.price_level == "løbende p/l"
    # each named column is checked against the sum row: -0,6 + 0,4 = -0,2, (600) + 400 = (200)
    assert len(table.checks) == 3 and all(c.ok for c in table.checks) and not table.unreadable


def test_a_follow_up_row_that_lost_a_cell_is_unreadable_not_guessed() -> None:
    text = (
        "Tabel 3. Forventet regnskab 2031\n"
        "Mio. kr. Budget Forbrug Afvigelse\n"
        "Tandpleje for unge 12,5 11,9 -0,6\n"
        "Madordning 3,0 3,4\n"
        "I alt 15,5 15,3 -0,2\n"
    )
    table = _money(text)
    assert [r.label for r in table.rows] == ["Tandpleje for unge", "I alt"]
    assert table.unreadable == ("Madordning 3,0 3,4",)


def test_a_follow_up_tables_rows_read_as_text_name_their_columns() -> None:
    from budgetarkiv.ingest.chunking import table_as_text

    text = table_as_text(_money(_TABS_FOLLOWUP))
    assert "Tandpleje for unge: Budget: 12.500; Forbrug: 11.900; Afvigelse: (600) (1.000 kr., løbende p/l)" in text


@pytest.mark.parametrize("text", [
    "Tabel 5. Drift af legepladser\n"  # PDF reading order
    "Mio. kr. (2033-pl) I alt 2033 2034 2035\n"
    "Vedligehold 4,5 1,5 1,5 1,5\n"
    "Indtægter fra udlejning (0,9) (0,3) (0,3) (0,3)\n"
    "I alt 3,6 1,2 1,2 1,2\n",
    "Tabel 5. Drift af legepladser\n"  # aligned columns, an empty cell left blank
    "Mio. kr. (2033-pl)          I alt   2033   2034   2035\n"
    "Vedligehold                   4,5    1,5    1,5    1,5\n"
    "Indtægter fra udlejning      (0,9)  (0,3)  (0,3)  (0,3)\n"
    "I alt                         3,6    1,2    1,2    1,2\n",
])
def test_a_total_column_before_the_years_is_the_rows_total(text: str) -> None:
    table = _money(text)
    assert table.years == ("2033", "2034", "2035")
    assert (table.unit, table.price_level) == ("mio. kr.", "2033 p/l")
    row = _row(table, "Indtægter fra udlejning")
    assert (dict(row.amounts), row.total) == ({"2033": -0.3, "2034": -0.3, "2035": -0.3}, -0.9)
    assert table.checks_ok


def test_an_aligned_lasting_column_keeps_its_cells_by_position() -> None:
    table = _money(
        "Tabel 6. Tolkebistand\n"
        "tkr., 2030 p/l        2030    2031    2032    Varigt fra 2033\n"
        "Opstart                500     300                           \n"
        "Tolke                  800   1.200   1.200              1.200\n"
        "I alt                1.300   1.500   1.200              1.200\n"
    )
    assert table.years == ("2030", "2031", "2032")
    assert dict(_row(table, "Opstart").amounts) == {"2030": 500, "2031": 300}
    assert dict(_row(table, "Tolke").extra) == {"Varigt fra 2033": "1.200"}
    assert _row(table, "Tolke").total is None


@pytest.mark.parametrize("head", [
    "Mio. kr., p/l\n2029 2029 2030 2031 I alt\n",  # the price level's year fell onto the years' line
    "Mio. kr.,\nprisniveau\n2029\n2029 2030 2031 I alt\n",  # ... or onto a line of its own
])
def test_a_head_cell_wrapped_by_a_pdf_keeps_its_price_level_and_years(head: str) -> None:
    table = _money("Tabel 7. Skolebus\n" + head + "Kørsel 1,5 1,5 1,5 4,5\nI alt 1,5 1,5 1,5 4,5\n")
    assert table.years == ("2029", "2030", "2031")
    assert (table.unit, table.price_level) == ("mio. kr.", "2029 p/l")
    assert _row(table, "Kørsel").total == 4.5


def test_an_aligned_row_with_one_cell_under_a_year_is_a_row() -> None:
    table = _money(
        "Tabel 8. Etablering af værested\n"
        "tkr., 2034 p/l           2034      2035\n"
        "Indretning (fase 2)       900\n"
        "Husleje                   400       400\n"
        "I alt                   1.300       400\n"
    )
    assert [r.label for r in table.rows] == ["Indretning (fase 2)", "Husleje", "I alt"]
    assert dict(_row(table, "Indretning (fase 2)").amounts) == {"2034": 900}
    assert table.checks_ok
