"""Tables of a budget note: every money table of the sample corpus comes out exactly right.

The same expectations hold whatever state the text is in (raw extraction, lightly cleaned, line-end
hyphens joined, blank lines gone, or the project's normalizer), because the normalizer is written
separately and the table parser must not depend on its details.
"""
from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from budgetarkiv.core.models import Amount, BudgetTable, TableCheck, TableRow
from budgetarkiv.core.numbers import format_danish_number
from budgetarkiv.core.text import join_wrapped
from budgetarkiv.ingest.chunking import table_as_text
from budgetarkiv.ingest.normalize import normalize_text
from budgetarkiv.ingest.tables import (
    extract_tables,
    goal_column_roles,
    goal_head_role,
    goal_row_sentence,
    table_checks,
)

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
DOCS = {
    "000": "000_306130193e619dd7.txt",
    "001": "001_618edc94f49331f8.txt",
    "002": "002_e7f046dac8aab057.txt",
    "003": "003_830cee1fd0b10859.txt",
    "004": "004_8ec66430a271036e.txt",
}
# What the caller knows from the note's head ("Budget 2024"); 002 states no year outside its tables.
BUDGET_YEAR = {"000": 2024, "001": 2024, "002": None, "003": 2026, "004": None}


# --- preparing input the way a normalizer might ---------------------------------------------


def read_doc(key: str) -> str:
    return (CORPUS / DOCS[key]).read_text(encoding="utf-8")


def light_clean(raw: str) -> str:
    """The minimum a normalizer does: NFC, no <i> tags, no trailing spaces, at most one blank line."""
    text = re.sub(r"</?i>", "", unicodedata.normalize("NFC", raw))
    out: list[str] = []
    for line in text.split("\n"):
        line = line.rstrip()
        if line.strip() or (out and out[-1]):
            out.append(line if line.strip() else "")
    return "\n".join(out)


def join_hyphens_into_line(text: str) -> str:
    """Line-end hyphenation undone by pulling the whole next line up ("hus-\\nleje" -> "husleje")."""
    return re.sub(r"(?<=[^\W\d_])-[ \t]*\n(?=[a-zæøå])", "", text)


def join_hyphens_word_up(text: str) -> str:
    """Line-end hyphenation undone by moving only the rest of the word up."""
    return re.sub(r"(?<=[^\W\d_])-[ \t]*\n[ \t]*([a-zæøå]\S*)[ \t]*", r"\1\n", text)


def drop_blank_lines(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if line.strip())


VARIANTS: dict[str, Callable[[str], str]] = {
    "raw": lambda raw: raw,
    "light": light_clean,
    "hyphens_joined": lambda raw: join_hyphens_into_line(light_clean(raw)),
    "no_blank_lines": lambda raw: drop_blank_lines(join_hyphens_word_up(light_clean(raw))),
}


def prepared(key: str, variant: str) -> str:
    raw = read_doc(key)
    if variant == "normalizer":
        return normalize_text(raw)
    return VARIANTS[variant](raw)


ALL_VARIANTS = [*VARIANTS, "normalizer"]


def tables_of(key: str, variant: str = "light") -> tuple[BudgetTable, ...]:
    return extract_tables(prepared(key, variant), BUDGET_YEAR[key])


def money_tables(key: str, variant: str = "light") -> tuple[BudgetTable, ...]:
    return tuple(t for t in tables_of(key, variant) if t.kind == "money")


# --- the expected figures ---------------------------------------------------------------------


def each_year(value: Amount, first: int, last: int) -> dict[str, Amount]:
    """The same amount in every year first..last."""
    return {str(y): value for y in range(first, last + 1)}


def row(label: str, amounts: dict[str, Amount], total: Amount | None = None, *, styr: str | None = None,
        udvalg: str | None = None, bevilling: str | None = None, iu: str | None = None,
        notes: dict[str, str] | None = None) -> TableRow:
    return TableRow(
        label=label, amounts=amounts, total=total, styringsomraade=styr, udvalg=udvalg,
        bevilling=bevilling, indtaegt_udgift=iu, is_sum=bool(re.search(r"\bi alt\b", label)),
        cell_notes=notes or {},
    )


def years(first: int, last: int) -> tuple[str, ...]:
    return tuple(str(y) for y in range(first, last + 1))


PERSPEKTIV_ACTIVITIES = {  # 000 Tabel 2/3 and 001 Tablet 2: (service per year, its total) -> rows
    (4400, 17600): (
        row("Årsværk og husleje", each_year(4400, 2024, 2027), 17600, styr="Service"),
        row("Opkvalificering af deltagere, herunder fx AMU-kurser", each_year(200, 2024, 2027), 800,
            styr="Overførsler mv."),
        row("Udgifter i alt (netto)", each_year(4600, 2024, 2027), 18400),
    ),
    (5050, 20200): (
        row("Årsværk og husleje", each_year(5050, 2024, 2027), 20200, styr="Service"),
        row("Opkvalificering af deltagere, herunder fx AMU-kurser", each_year(200, 2024, 2027), 800,
            styr="Overførsler mv."),
        row("Udgifter i alt (netto)", each_year(5250, 2024, 2027), 21000),
    ),
}


def service_rows(per_year: Amount, total: Amount) -> tuple[TableRow, ...]:
    return (
        row("Årsværk og husleje", each_year(per_year, 2024, 2027), total, udvalg="BIU", bevilling="35.10",
            iu="U"),
        row("Udgifter i alt", each_year(per_year, 2024, 2027), total),
    )


TRANSFER_ROWS = (
    row("Opkvalificering", each_year(200, 2024, 2027), 800, udvalg="BIU", bevilling="35.30", iu="U"),
    row("Udgifter i alt", each_year(200, 2024, 2027), 800),
)
PERSPEKTIV_EARLIER = (
    row("Budgetaftale 2020", each_year(4200, 2020, 2023)),
    row("Afsatte midler i alt", each_year(4200, 2020, 2023)),
)

# (number, title, scenario, price level, years, rows) of every money table, in document order.
Expected = tuple[str | None, str, str | None, str, tuple[str, ...], tuple[TableRow, ...]]
EXPECTED: dict[str, tuple[Expected, ...]] = {
    "000": (
        ("2", "Tabel 2 – Oversigt over ønskets aktiviteter på alle styringsområder (scenarie 1)",
         "Scenarie 1", "2024 p/l", years(2023, 2027), PERSPEKTIV_ACTIVITIES[(4400, 17600)]),
        ("3", "Tabel 3 – Oversigt over ønskets aktiviteter på alle styringsområder (scenarie 2)",
         "Scenarie 2", "2024 p/l", years(2023, 2027), PERSPEKTIV_ACTIVITIES[(5050, 20200)]),
        ("4", "Tabel 4 – Udgifter til service (scenarie 1)", "Scenarie 1", "2024 p/l", years(2023, 2027),
         service_rows(4400, 17600)),
        ("5", "Tabel 5 – Udgifter til service (scenarie 2)", "Scenarie 2", "2024 p/l", years(2023, 2027),
         service_rows(5050, 20200)),
        ("6", "Tabel 6 – Udgifter til overførsler mv. (scenarie 1 og 2)", "Scenarie 1 og 2", "2024 p/l",
         years(2023, 2027), TRANSFER_ROWS),
        (None, "Tidligere afsatte midler", None, "løbende p/l", years(2019, 2025), PERSPEKTIV_EARLIER),
    ),
    "001": (
        ("2", "Tablet 2 - Oversigt over ønskets aktiviteter på alle styringsområder", None, "2024 p/l",
         years(2023, 2027), PERSPEKTIV_ACTIVITIES[(4400, 17600)]),
        ("3", "Tabel 3 - Udgifter til service", None, "2024 p/l", years(2023, 2027), service_rows(4400, 17600)),
        ("X", "Tabel X - Udgifter til overførsler mv.", None, "2024 p/l", years(2023, 2027), TRANSFER_ROWS),
        (None, "Tidligere afsatte midler", None, "løbende p/l", years(2019, 2025), PERSPEKTIV_EARLIER),
    ),
    "002": (
        ("1", "Tabel 1 – Oversigt over ønskets aktiviteter på alle styringsområder", None, "2018 p/l",
         years(2018, 2021), (
             row("Styrket beskæftigelsesindsat for minoritetsforældrene", each_year(3200, 2018, 2019), 6400,
                 styr="Service"),
             row("Styrket beskæftigelsesindsat for minoritetsforældrene", each_year(500, 2018, 2019), 1000,
                 styr="Overførsler mv."),
             row("Forebyggelse af frafald på uddannelsesinstitutioner", each_year(600, 2018, 2019), 1200,
                 styr="Service"),
             row("Udgifter i alt", each_year(4300, 2018, 2019), 8600),
         )),
        ("2", "Tabel 2 – Udgifter til service og overførsler", None, "2018 p/l", years(2018, 2021), (
            row("Styrket beskæftigelsesindsat for minoritetsforældrene", each_year(3200, 2018, 2019), 6400,
                udvalg="BIU", bevilling="18.21"),
            row("Styrket beskæftigelsesindsat for minoritetsforældrene", each_year(500, 2018, 2019), 1000,
                udvalg="BIU", bevilling="78.10"),
            row("Forebyggelse af frafald på uddannelsesinstitutioner", each_year(600, 2018, 2019), 1200,
                udvalg="BIU", bevilling="18.21"),
            row("Udgifter i alt", each_year(4300, 2018, 2019), 8600),
        )),
    ),
    "003": (
        ("2", "Tabel 2. Oversigt over ønskets aktiviteter på alle styringsområder", "Scenarie 1", "2026 p/l",
         years(2026, 2029), (
             row("Fem social kontrol-vejledere på Jobcenter København (5 årsværk)",
                 each_year(3490, 2026, 2029), 13960, styr="Service"),
             row("Udgifter i alt (netto)", each_year(3490, 2026, 2029), 13960, styr="Service"),
         )),
        ("3", "Tabel 3. Oversigt over ønskets aktiviteter på alle styringsområder", "Scenarie 2", "2026 p/l",
         years(2026, 2029), (
             row("Fem social kontrol-vejledere på Jobcenter København (5 årsværk)",
                 each_year(3145, 2026, 2029), 12580, styr="Service"),
             row("Koordinering (1 årsværk)", each_year(737, 2026, 2029), 2948, styr="Service"),
             row("Udgifter i alt (netto)", each_year(3882, 2026, 2029), 15528, styr="Service"),
         )),
        ("4", "Tabel 4.Tidligere afsatte midler", None, "løbende p/l", years(2021, 2025), (
            row("Budgetaftale 2021", each_year(3000, 2021, 2022)),
            row("Budgetaftale 2023", each_year(3200, 2023, 2025)),
            row("Afsatte midler i alt", {**each_year(3000, 2021, 2022), **each_year(3200, 2023, 2025)}),
        )),
        ("5", "Tabel 5. Udgifter til service", "Scenarie 1", "2026 p/l", years(2026, 2029), (
            row("Fem social kontrol-vejledere på Jobcenter København (5 årsværk)",
                each_year(3490, 2026, 2029), 13960, udvalg="BIU", bevilling="35.10", iu="U",
                notes={"2026": "*"}),
            row("Serviceudgifter i alt", each_year(3490, 2026, 2029), 13960, iu="U"),
        )),
        ("6", "Tabel 6. Udgifter til service", "Scenarie 2", "2026 p/l", years(2026, 2029), (
            row("Fem social kontrol-vejledere på Jobcenter København (5 årsværk)",
                each_year(3145, 2026, 2029), 12580, udvalg="BIU", bevilling="35.10", iu="U"),
            row("Koordinering (1 årsværk)", each_year(737, 2026, 2029), 2948, udvalg="BIU", bevilling="35.10",
                iu="U"),
            row("Serviceudgifter i alt", each_year(3882, 2026, 2029), 15528),
        )),
    ),
    "004": (),
}

MONEY_CASES = [
    pytest.param(key, k, id=f"{key}-{exp[1][:24]}") for key, tables in EXPECTED.items()
    for k, exp in enumerate(tables)
]


# --- every money table of the corpus ----------------------------------------------------------


@pytest.mark.parametrize("variant", ALL_VARIANTS)
@pytest.mark.parametrize("key", list(DOCS))
def test_each_document_has_exactly_its_money_tables(key: str, variant: str) -> None:
    """No table missed, none invented (Bydele and Kategorisering boxes are not tables)."""
    assert [t.title for t in money_tables(key, variant)] == [e[1] for e in EXPECTED[key]]


@pytest.mark.parametrize("variant", ALL_VARIANTS)
@pytest.mark.parametrize(("key", "index"), MONEY_CASES)
def test_money_table_rows_are_exactly_the_documents_figures(key: str, index: int, variant: str) -> None:
    number, title, scenario, price_level, table_years, rows = EXPECTED[key][index]
    table = money_tables(key, variant)[index]
    assert (table.number, table.title, table.scenario) == (number, title, scenario)
    assert (table.unit, table.price_level, table.years) == ("1.000 kr.", price_level, table_years)
    assert table.rows == rows
    assert table.unreadable == ()


@pytest.mark.parametrize("variant", ALL_VARIANTS)
@pytest.mark.parametrize("key", list(DOCS))
def test_every_arithmetic_check_of_the_corpus_holds(key: str, variant: str) -> None:
    for table in tables_of(key, variant):
        assert table.checks_ok, (table.title, [c for c in table.checks if not c.ok], table.unreadable)


@pytest.mark.parametrize(("key", "index"), MONEY_CASES)
def test_every_row_total_and_every_used_column_is_checked(key: str, index: int) -> None:
    table = money_tables(key)[index]
    row_checks = {c.subject for c in table.checks if c.kind == "row_total"}
    assert row_checks == {r.label for r in table.rows if r.total is not None}
    used_years = {y for r in table.rows for y in r.amounts}
    has_total = any(r.total is not None for r in table.rows)
    columns = {c.subject for c in table.checks if c.kind == "column_sum"}
    assert columns == used_years | ({"I alt"} if has_total else set())


@pytest.mark.parametrize("variant", ALL_VARIANTS)
@pytest.mark.parametrize("key", list(DOCS))
def test_a_table_spans_from_its_title_to_its_last_row(key: str, variant: str) -> None:
    text = prepared(key, variant)
    for table in extract_tables(text, BUDGET_YEAR[key]):
        span = text[table.start:table.end]
        assert span.startswith(table.title.split()[0])
        assert table.page is None and table.section is None  # the caller fills these
        if table.kind == "money":
            last = table.rows[-1]
            last_cell = last.total if last.total is not None else list(last.amounts.values())[-1]
            assert span.rstrip().endswith(f"{last_cell:,}".replace(",", "."))


def test_the_row_of_003_whose_cells_an_empty_line_split_is_one_row() -> None:
    """In 003 Tabel 6, "BIU 35.10 U 3.145 3.145 3.145 / (blank) / 3.145 12.580" is 4 years and a total."""
    table = money_tables("003", "raw")[-1]
    assert table.rows[0].amounts == each_year(3145, 2026, 2029) and table.rows[0].total == 12580


def test_a_footnote_marker_is_kept_apart_from_the_amount() -> None:
    first = money_tables("003")[3].rows[0]  # Tabel 5
    assert first.amounts["2026"] == 3490 and first.cell_notes == {"2026": "*"}


def test_a_lost_empty_cell_is_placed_by_the_year_in_the_label() -> None:
    """000 is the PDF of 001: 'Budgetaftale 2020' gets 2020-2023 as the word-processor file shows."""
    pdf = money_tables("000")[-1].rows[0]
    word = money_tables("001")[-1].rows[0]
    assert pdf == word and set(pdf.amounts) == {"2020", "2021", "2022", "2023"}


def test_002s_year_comes_from_the_price_level_when_the_caller_knows_none() -> None:
    for table in money_tables("002"):
        assert all(set(r.amounts) == {"2018", "2019"} for r in table.rows)


# --- goal tables (text) -----------------------------------------------------------------------


@pytest.mark.parametrize("key", ["000", "001", "003"])
def test_the_goals_table_is_a_text_table_with_its_column_heads(key: str) -> None:
    goals = [t for t in tables_of(key) if t.kind == "text"]
    assert len(goals) == 1
    table = goals[0]
    assert table.number == "1" and table.unit is None and table.rows == ()
    assert table.columns[:3] == ("Målgruppe", "Indsats", "Målsætning")
    assert table.text_rows and any("Målgruppe" not in cell for cell in table.text_rows[0])


def test_tab_separated_goal_cells_stay_cells() -> None:
    table = next(t for t in tables_of("001") if t.kind == "text")
    assert table.columns[3] == "Opfølgning på og/eller evaluering af indsatsen"
    assert table.text_rows[0][0] == "Ægtefælleforsørgede med ikke-vestlig baggrund i udsatte boligområder."
    assert all(len(r) == 4 for r in table.text_rows)


def test_a_letter_has_no_tables() -> None:
    assert tables_of("004") == ()


# --- synthetic tables: the rules on their own -------------------------------------------------

HEAD = "Tabel 9 – Test (scenarie 3)\n1.000 kr., 2024 p/l\nStyringsområde 2024 2025 I alt\n"


def one_table(text: str, budget_year: int | None = None) -> BudgetTable:
    tables = extract_tables(text, budget_year)
    assert len(tables) == 1
    return tables[0]


def test_a_wrong_total_is_recorded_not_fixed() -> None:
    table = one_table(HEAD + "Drift Service 100 100 300\nUdgifter i alt 100 100 300\n")
    assert table.rows[0].total == 300
    assert TableCheck("row_total", "Drift", 300, 200, False) in table.checks
    assert TableCheck("column_sum", "I alt", 300, 300, True) in table.checks
    assert not table.checks_ok


def test_a_sum_row_that_does_not_add_up_fails_its_column_check() -> None:
    table = one_table(HEAD + "A Service 100 100 200\nB Service 50 50 100\nUdgifter i alt 150 160 310\n")
    assert TableCheck("column_sum", "2025", 160, 150, False) in table.checks
    assert TableCheck("row_total", "Udgifter i alt", 310, 310, True) in table.checks


@pytest.mark.parametrize(
    ("text", "budget_year"),
    [
        ("Tidligere afsatte midler\n1.000 kr., løbende p/l 2019 2020 2021\nTilskud 500 500\n", None),
        ("Tabel 1 – T\n1.000 kr., 2020 p/l\n2020 2021 2022 I alt\nDrift 500 500 1.000\n", 2022),
        ("Tabel 1 – T\n1.000 kr., 2020 p/l\n2020 2021 2022 I alt\nDrift 500 500 900\n", 2020),
        ("Tabel 1 – T\n1.000 kr., 2020 p/l\n2020 2021 2022 2023\nDrift - 500 500\n", 2020),
    ],
    ids=["no-anchor", "does-not-fit", "total-disagrees", "dash-and-lost-cell"],
)
def test_a_row_with_an_unresolvable_gap_lands_in_unreadable(text: str, budget_year: int | None) -> None:
    table = one_table(text, budget_year)
    assert table.rows == ()
    assert len(table.unreadable) == 1 and table.unreadable[0].startswith("Drift" if "Drift" in text else "Tilskud")
    assert not table.checks_ok


@pytest.mark.parametrize(("budget_year", "placed"), [(2021, {"2021", "2022"}), (None, {"2020", "2021"})])
def test_a_lost_cell_is_placed_from_the_budget_year_else_the_price_level(
    budget_year: int | None, placed: set[str]
) -> None:
    table = one_table("Tabel 1 – T\n1.000 kr., 2020 p/l\n2020 2021 2022 I alt\nDrift 500 500 1.000\n",
                      budget_year)
    assert set(table.rows[0].amounts) == placed


# --- rows placed by an anchor year, settled by the sum row ---------------------------------------

PLAIN_HEAD = "Tabel 1 – T\n1.000 kr., 2031 p/l\nStyringsområde 2031 2032 2033 2034 I alt\n"


@pytest.mark.parametrize(
    ("body", "rows", "unreadable"),
    [
        # running costs start the year after the construction: only the sum row says so
        ("Ombygning Anlæg 5.000 3.000 8.000\nDrift Service 700 900 900 2.500\n"
         "Udgifter i alt (netto) 5.000 3.700 900 900 10.500\n",
         [row("Ombygning", {"2031": 5000, "2032": 3000}, 8000, styr="Anlæg"),
          row("Drift", {"2032": 700, "2033": 900, "2034": 900}, 2500, styr="Service"),
          row("Udgifter i alt (netto)", {"2031": 5000, "2032": 3700, "2033": 900, "2034": 900}, 10500)], []),
        # the anchor was right: nothing moves
        ("Ombygning Anlæg 5.000 3.000 8.000\nDrift Service 700 900 900 2.500\n"
         "Udgifter i alt (netto) 5.700 3.900 900 0 10.500\n",
         [row("Ombygning", {"2031": 5000, "2032": 3000}, 8000, styr="Anlæg"),
          row("Drift", {"2031": 700, "2032": 900, "2033": 900}, 2500, styr="Service"),
          row("Udgifter i alt (netto)", {"2031": 5700, "2032": 3900, "2033": 900, "2034": 0}, 10500)], []),
        # two rows of the same shape could each be the late one: neither is guessed
        ("Drift A Service 100 100 200\nDrift B Service 100 100 200\nHusleje Service 50 50 50 50 200\n"
         "Udgifter i alt (netto) 150 250 150 50 600\n",
         [row("Husleje", {"2031": 50, "2032": 50, "2033": 50, "2034": 50}, 200, styr="Service"),
          row("Udgifter i alt (netto)", {"2031": 150, "2032": 250, "2033": 150, "2034": 50}, 600)],
         ["Drift A", "Drift B"]),
        # no start adds up (the sum row disagrees with every placement): reported, not guessed
        ("Ombygning Anlæg 5.000 3.000 8.000\nHusleje Service 100 100 100 100 400\n"
         "Udgifter i alt (netto) 5.000 3.200 100 100 8.400\n",
         [row("Husleje", {"2031": 100, "2032": 100, "2033": 100, "2034": 100}, 400, styr="Service"),
          row("Udgifter i alt (netto)", {"2031": 5000, "2032": 3200, "2033": 100, "2034": 100}, 8400)],
         ["Ombygning"]),
    ],
    ids=["starts-later", "anchor-right", "two-fit", "none-fits"],
)
def test_rows_placed_by_the_anchor_year_move_only_to_the_one_start_the_sum_row_confirms(
        body: str, rows: list[TableRow], unreadable: list[str]) -> None:
    for text in (PLAIN_HEAD + body, one_cell_per_line(PLAIN_HEAD + body)):
        table = one_table(text, 2031)
        assert list(table.rows) == rows
        assert [u.split("\n")[0].split(" Service")[0].split(" Anlæg")[0] for u in table.unreadable] == unreadable
        assert table.checks_ok or table.unreadable


def one_cell_per_line(text: str) -> str:
    """A table as PDF text with one cell per line: the label, its steering area, then each figure."""
    lines = text.splitlines()
    out = lines[:2] + re.split(r" (?=\d{4}|I alt)", lines[2])
    for line in lines[3:]:
        tokens = line.split()
        k = len(tokens)
        while k and re.fullmatch(r"-?[\d.]+", tokens[k - 1]):
            k -= 1
        label = " ".join(tokens[:k])
        for area in ("Service", "Anlæg"):
            if label.endswith(" " + area):
                label = label[: -len(area) - 1] + "\n" + area
        out += [label, *tokens[k:]]
    return "\n".join(out) + "\n"


def test_a_sum_row_the_table_lacks_settles_nothing() -> None:
    table = one_table(PLAIN_HEAD + "Drift Service 700 900 900 2.500\n", 2031)
    assert table.rows == (row("Drift", {"2031": 700, "2032": 900, "2033": 900}, 2500, styr="Service"),)


def test_a_negative_amount_is_negative() -> None:
    table = one_table(HEAD + "Besparelse Service -500 -500 -1.000\nUdgifter i alt -500 -500 -1.000\n")
    assert table.rows[0].amounts == {"2024": -500, "2025": -500} and table.rows[0].total == -1000
    assert table.checks_ok


def test_a_negative_amount_in_a_tab_separated_table() -> None:
    text = "Tabel 1 - T\n\n1.000 kr., 2024 p/l\tStyringsområde\t2024\t2025\tI alt\nBesparelse\tService\t-500\t\t-500\n"
    table = one_table(text)
    assert table.rows[0] == row("Besparelse", {"2024": -500}, -500, styr="Service")


@pytest.mark.parametrize(
    ("head", "price_level"),
    [
        ("1.000 kr., 2024 p/l", "2024 p/l"),
        ("1.000 kr., 2024 \np/l", "2024 p/l"),
        ("(1.000 kr. – 2018 p/l )", "2018 p/l"),
        ("<i>1.000 kr., 2024 p/1</i>", "2024 p/l"),
        ("1.000 kr., løbende p/l", "løbende p/l"),
    ],
)
def test_unit_and_price_level_are_read_from_any_head(head: str, price_level: str) -> None:
    table = one_table(f"Tabel 1 – T\n{head}\n2024 2025 I alt\nDrift 100 100 200\n")
    assert (table.unit, table.price_level) == ("1.000 kr.", price_level)


@pytest.mark.parametrize(
    ("head", "unit", "price_level"),
    [
        ("tkr., 2026-priser", "1.000 kr.", "2026 p/l"),
        ("t.kr., P/L 2026", "1.000 kr.", "2026 p/l"),
        ("t. kr. (2026-priser)", "1.000 kr.", "2026 p/l"),
        ("1000 kr., PL 2026", "1.000 kr.", "2026 p/l"),
        ("tusind kr., løbende priser", "1.000 kr.", "løbende p/l"),
        ("Beløb i kr., faste 2026-priser", "kr.", "2026 p/l"),
        ("mio kr, 2026-prisniveau", "mio. kr.", "2026 p/l"),
        ("mill. kr., prisniveau 2026", "mio. kr.", "2026 p/l"),
        ("DKK million, 2026 prices", "mio. kr.", "2026 p/l"),
        ("DKK 1,000 (2026-pl)", "1.000 kr.", "2026 p/l"),
    ],
)
def test_a_head_in_any_spelling_gives_the_canonical_unit_and_price_level(head: str, unit: str,
                                                                       price_level: str) -> None:
    layouts = {
        "pdf, head above the years": f"Tabel 1 – T\n{head}\nAktivitet 2026 2027 I alt\nDrift 100 100 200\n",
        "pdf, head on the years line": f"Tabel 1 – T\n{head} 2026 2027 I alt\nDrift 100 100 200\n",
        "tab-separated": f"Tabel 1 – T\n{head}\t2026\t2027\tI alt\nDrift\t100\t100\t200\n",
        "in the title": f"Tabel 1 – T ({head})\nAktivitet 2026 2027 I alt\nDrift 100 100 200\n",
    }
    for layout, text in layouts.items():
        table = one_table(text)
        assert (table.unit, table.price_level, table.years) == (unit, price_level, ("2026", "2027")), layout
        assert table.rows[0].amounts == {"2026": 100, "2027": 100} and table.checks_ok, layout


@pytest.mark.parametrize("head", ["p/l 2026", "1.000 kr., P/L 2026", "tkr. PL 2026"])
def test_a_price_level_whose_year_comes_last_is_no_year_column(head: str) -> None:
    table = one_table(f"Tabel 1 – T\n{head} 2026 2027 2028 I alt\nDrift 100 100 100 300\n")
    assert (table.price_level, table.years) == ("2026 p/l", ("2026", "2027", "2028"))
    assert table.rows[0].total == 300 and table.checks_ok


def test_a_current_price_level_before_the_years_keeps_the_first_year() -> None:
    table = one_table("Tidligere afsatte midler\n1.000 kr., løbende p/l 2018 2019 I alt\nBudgetaftale 2018 500 500\n")
    assert (table.price_level, table.years) == ("løbende p/l", ("2018", "2019"))


ABOVE = "Økonomi\n{prose}\n\nTabel 2 – Budgetønske\n{between}Aktivitet 2026 2027 I alt\nDrift 1.750 1.750 3.500\n"


@pytest.mark.parametrize(
    ("prose", "between", "unit", "price_level"),
    [
        ("Beløbene er angivet i 1.000 kr. (2026-priser).", "", "1.000 kr.", "2026 p/l"),
        ("Forslaget koster i alt 3,5 mio. kr.\nAlle beløb i tabellen er i tkr.,\nfaste 2026-priser.", "",
         "1.000 kr.", "2026 p/l"),
        ("Forslaget finansieres af puljen.", "Beløbene er angivet i mio. kr. (2026-priser)\n", "mio. kr.", "2026 p/l"),
        ("Amounts in DKK 1,000, 2026 prices.", "", "1.000 kr.", "2026 p/l"),
        # an amount in prose above the table is no unit of its figures
        ("Forslaget koster 3,5 mio. kr. over to år.", "", None, None),
        # the table's own head wins over the sentence
        ("Beløbene er angivet i mio. kr. (2025-priser).", "1.000 kr., 2026 p/l\n", "1.000 kr.", "2026 p/l"),
    ],
)
def test_the_unit_and_price_level_can_stand_in_the_sentence_just_above_the_table(
        prose: str, between: str, unit: str | None, price_level: str | None) -> None:
    text = ABOVE.format(prose=prose, between=between)
    for prepared_text in (text, normalize_text(text)):
        table = one_table(prepared_text)
        assert (table.unit, table.price_level) == (unit, price_level)
        assert table.rows[0].amounts == {"2026": 1750, "2027": 1750} and table.title == "Tabel 2 – Budgetønske"


def test_a_statement_holds_for_every_table_below_it_until_another_states_otherwise() -> None:
    """Notes state the unit once above several tables, or once in a catalogue's introduction."""
    text = ("Indledning\nAlle beløb i kataloget er i tkr.,\n2029-priser; negative beløb er besparelser.\n"
            "Forslag A\nForslaget sparer 0,4 mio. kr. om året.\nTabel 1 – A\n2029 2030 I alt\nA -400 -400 -800\n"
            "Forslag B\nTabel 2 – B\n2029 2030 I alt\nB -100 -100 -200\n"
            "Økonomi\nBeløbene nedenfor er i mio. kr. (løbende priser).\nTabel 3 – C\n2029 2030 I alt\nC 1 1 2\n"
            "Tabel 4 – D\n1.000 kr., 2030 p/l\n2029 2030 I alt\nD 1 1 2\n")
    stated = [(t.unit, t.price_level) for t in extract_tables(text)]
    assert stated == [("1.000 kr.", "2029 p/l"), ("1.000 kr.", "2029 p/l"), ("mio. kr.", "løbende p/l"),
                      ("1.000 kr.", "2030 p/l")]


def test_a_table_below_no_statement_has_no_unit() -> None:
    table = one_table("Økonomi\nForslaget koster 3,5 mio. kr. i 2026-2027.\nTabel 2 – T\n2026 2027 I alt\nA 1 1 2\n")
    assert (table.unit, table.price_level) == (None, None)


@pytest.mark.parametrize(
    "text",
    [
        "Tekniske oplysninger\n\ntkr., 2029-priser\tUdvalg\t2029\t2030\nDrift\tKFU\t100\t100\n",
        "Tekniske oplysninger\n\ntkr., 2029-priser 2029 2030\nDrift 100 100\n",
    ],
    ids=["tab-separated", "pdf"],
)
def test_an_untitled_table_is_found_by_a_unit_in_any_spelling(text: str) -> None:
    table = one_table(text, 2029)
    assert (table.title, table.unit, table.price_level) == ("Tekniske oplysninger", "1.000 kr.", "2029 p/l")
    assert table.rows[0].amounts == {"2029": 100, "2030": 100}


@pytest.mark.parametrize(
    "text",
    [
        "Tabel 3 – Besparelse (mio. kr., 2026-priser)\nStyringsområde 2026 2027 2028 I alt\n"
        "Færre vikartimer Service −0,5 −1,2 −1,2 −2,9\nNyt bookingsystem Anlæg 0,8 - - 0,8\n"
        "Samlet økonomisk påvirkning 0,3 −1,2 −1,2 −2,1\n",
        "Tabel 3 – Besparelse\nmio kr, 2026-priser\tStyringsområde\t2026\t2027\t2028\tI alt\n"
        "Færre vikartimer\tService\t-0,5\t-1,2\t-1,2\t-2,9\nNyt bookingsystem\tAnlæg\t0,8\t\t\t0,8\n"
        "Samlet økonomisk påvirkning\t\t0,3\t-1,2\t-1,2\t-2,1\n",
    ],
    ids=["pdf-minus-sign-and-dash", "tab-hyphen-and-empty-cell"],
)
def test_savings_in_one_decimal_millions_keep_their_sign_and_empty_cells(text: str) -> None:
    table = one_table(text, 2026)
    assert (table.title, table.unit, table.price_level) == ("Tabel 3 – Besparelse", "mio. kr.", "2026 p/l")
    savings, investment, overall = table.rows
    assert savings.amounts == {"2026": -0.5, "2027": -1.2, "2028": -1.2} and savings.total == -2.9
    assert investment.amounts == {"2026": 0.8} and investment.total == 0.8
    assert overall.is_sum and overall.total == -2.1 and table.checks_ok


@pytest.mark.parametrize(
    ("title", "number", "scenario"),
    [
        ("Tabel 2 – Oversigt (scenarie 1)", "2", "Scenarie 1"),
        ("Tabel 6 – Udgifter (scenarie 1 og 2)", "6", "Scenarie 1 og 2"),
        ("Tablet 2 - Oversigt", "2", None),
        ("Tabel X - Udgifter til overførsler mv.", "X", None),
        ("Tabel 4.Tidligere afsatte midler", "4", None),
    ],
)
def test_titles_give_number_and_scenario(title: str, number: str, scenario: str | None) -> None:
    table = one_table(f"{title}\n1.000 kr., 2024 p/l\n2024 2025 I alt\nDrift 100 100 200\n")
    assert (table.title, table.number, table.scenario) == (title, number, scenario)


@pytest.mark.parametrize(
    ("title", "head", "kept"),
    [
        ("Tabel 2. Aktiviteter (1.000 kr., 2024 p/l)", "Aktivitet", "Tabel 2. Aktiviteter"),
        ("Tabel 3 – Økonomi, scenarie 1 (mio. kr., 2024 p/l)", "mio. kr.", "Tabel 3 – Økonomi, scenarie 1"),
        ("Tabel 2 – Oversigt (1.000 kr.)", "1.000 kr., 2024 p/l", "Tabel 2 – Oversigt"),
        ("Tabel 2 – Oversigt (2024 p/l)", "1.000 kr., 2024 p/l", "Tabel 2 – Oversigt"),
        # a bracket that says more, or disagrees with the head, is the note's own wording: kept
        ("Tabel 2 – Oversigt (scenarie 1)", "1.000 kr., 2024 p/l", "Tabel 2 – Oversigt (scenarie 1)"),
        ("Tabel 2 – Oversigt (1.000 kr., 2024 p/l, ekskl. moms)", "Aktivitet",
         "Tabel 2 – Oversigt (1.000 kr., 2024 p/l, ekskl. moms)"),
        ("Tabel 2 – Oversigt (mio. kr., 2024 p/l)", "1.000 kr., 2024 p/l", "Tabel 2 – Oversigt (mio. kr., 2024 p/l)"),
        # other spellings of the same unit and price level
        ("Tabel 2 – Oversigt (tkr., 2024-priser)", "Aktivitet", "Tabel 2 – Oversigt"),
        ("Tabel 2 – Oversigt (t. kr.)", "1.000 kr., p/l 2024", "Tabel 2 – Oversigt"),
        ("Tabel 2 – Oversigt (mio kr, PL 2024)", "mill. kr.", "Tabel 2 – Oversigt"),
        ("Tabel 2 – Oversigt (mio kr)", "tkr., 2024 p/l", "Tabel 2 – Oversigt (mio kr)"),
        # a unit after a comma, with or without a price level in brackets
        ("Tabel 2 – Anlægsudgifter, mio. kr. (2024-priser)", "Anlæg", "Tabel 2 – Anlægsudgifter"),
        ("Tabel 2 – Oversigt, tkr., p/l 2024", "Aktivitet", "Tabel 2 – Oversigt"),
        ("Tabel 3 – Økonomi, scenarie 1, mio. kr.", "2024 p/l", "Tabel 3 – Økonomi, scenarie 1"),
        ("Tabel 2 – Oversigt, mio. kr.", "1.000 kr., 2024 p/l", "Tabel 2 – Oversigt, mio. kr."),
    ],
)
def test_a_title_drops_a_bracket_that_only_repeats_the_tables_unit_and_price_level(title: str, head: str,
                                                                                   kept: str) -> None:
    table = one_table(f"{title}\n{head}\n2024 2025 I alt\nDrift 100 100 200\n")
    assert (table.title, table.price_level) == (kept, "2024 p/l")
    assert table.unit is not None


def test_a_scenario_line_just_before_the_title_names_the_scenario() -> None:
    text = "Scenarie 2: Opskalering af indsats\n\nTabel 3. Oversigt\n1.000 kr., 2026 p/l\n2026 2027 I alt\nA 1 1 2\n"
    assert one_table(text).scenario == "Scenarie 2"


def test_a_title_wrapped_over_two_lines_is_one_title() -> None:
    text = ("Tabel 3 – Oversigt over aktiviteter på alle styrings-\nområder (scenarie 2)\n"
            "1.000 kr., 2024 p/l\n2024 2025 I alt\nDrift 100 100 200\n")
    table = one_table(text)
    assert table.title == "Tabel 3 – Oversigt over aktiviteter på alle styringsområder (scenarie 2)"
    assert table.scenario == "Scenarie 2" and table.rows[0].total == 200


def test_several_sum_rows_all_belong_to_the_table() -> None:
    text = (HEAD + "A Service 100 100 200\nB Overførsler mv. 50 50 100\nServiceudgifter i alt 100 100 200\n"
            "Udgifter i alt 150 150 300\nDet samlede beløb er 3 4\n")
    table = one_table(text)
    assert [r.label for r in table.rows] == ["A", "B", "Serviceudgifter i alt", "Udgifter i alt"]
    assert table.checks_ok


def test_prose_mentioning_a_table_is_not_a_table() -> None:
    assert extract_tables("Se Tabel 2 nedenfor.\nTabel 2 viser udgifterne.\nBydele\nBydækkende: X\n") == ()


def test_checks_compare_columns_against_the_sum_row() -> None:
    rows = (row("A", {"2024": 1}, 1), row("Udgifter i alt", {"2024": 2}, 2))
    assert table_checks(rows, ("2024",), True) == (
        TableCheck("row_total", "A", 1, 1, True),
        TableCheck("row_total", "Udgifter i alt", 2, 2, True),
        TableCheck("column_sum", "2024", 2, 1, False),
        TableCheck("column_sum", "I alt", 2, 1, False),
    )


@pytest.mark.parametrize(
    ("lines", "label"),
    [
        (["Opkvalificering af", "deltagere, herun-", "der fx AMU-kur-", "ser"],
         "Opkvalificering af deltagere, herunder fx AMU-kurser"),
        (["Fem social kontrol-vej-", "ledere på Jobcenter Kø-", "benhavn (5 årsværk)"],
         "Fem social kontrol-vejledere på Jobcenter København (5 årsværk)"),
        (["Beskæftigelses-", "og Integrationsudvalget"], "Beskæftigelses- og Integrationsudvalget"),
        (["Udgifter i alt  ", "(netto) "], "Udgifter i alt (netto)"),
        (["Overførsler", "mv."], "Overførsler mv."),
    ],
)
def test_wrapped_labels_are_joined_and_line_end_hyphens_undone(lines: list[str], label: str) -> None:
    assert join_wrapped(lines) == label


# --- layouts unlike the samples (notes written for these tests) -------------------------------

ALIGNED = """Tabel 3 – Økonomi, scenarie 2 (mio. kr., 2030 p/l)

Aktivitet                       Styringsområde      2030     2031     2032    I alt
Nattevagter (4 årsværk)         Service                      2,15     2,15     4,3
Anlæg af vagtrum                Anlæg                1,5                       1,5
Udgifter i alt (netto)                               1,5     2,15     2,15     5,8
"""


def test_space_aligned_cells_are_placed_by_the_column_they_stand_under() -> None:
    (table,) = extract_tables(normalize_text(ALIGNED), 2030)
    assert (table.unit, table.price_level, table.scenario) == ("mio. kr.", "2030 p/l", "Scenarie 2")
    assert table.rows == (
        row("Nattevagter (4 årsværk)", {"2031": 2.15, "2032": 2.15}, 4.3, styr="Service"),
        row("Anlæg af vagtrum", {"2030": 1.5}, 1.5, styr="Anlæg"),
        row("Udgifter i alt (netto)", {"2030": 1.5, "2031": 2.15, "2032": 2.15}, 5.8),
    )
    assert table.checks_ok


def test_an_aligned_label_running_under_the_first_text_column_keeps_its_end() -> None:
    text = ("Tabel 2 – Oversigt\n\n"
            "1.000 kr., 2031 p/l                   Styringsområde     2031    2032     I alt\n"
            "Frokost på fire skoler (ca. 1.300 elever)  Service        2.800   2.800    5.600\n"
            "Udgifter i alt (netto)                                    2.800   2.800    5.600\n")
    table = one_table(text)
    assert table.rows[0] == row("Frokost på fire skoler (ca. 1.300 elever)", {"2031": 2800, "2032": 2800}, 5600,
                                styr="Service")
    assert table.checks_ok


def test_an_aligned_cell_under_no_column_makes_its_row_unreadable_not_guessed() -> None:
    shifted = ALIGNED.replace("Service                      2,15", "Service                  2,15    ")
    (table,) = extract_tables(normalize_text(shifted), 2030)
    assert [r.label for r in table.rows] == ["Anlæg af vagtrum", "Udgifter i alt (netto)"]
    assert len(table.unreadable) == 1 and "Nattevagter" in table.unreadable[0]
    assert not table.checks_ok


ONE_PER_LINE = """Tabel 2 – Oversigt over ønskets aktiviteter
1.000 kr., 2031 p/l
Styrings-
område
2031
2032
2033
I alt
Ombygning af
lokaler
Anlæg
2.400


2.400
Rådgivning*
Service

−150
{third}
{total}
Udgifter i alt
(netto)
2.400
−150
{third}
{sum_total}

* Rådgivningen er finansieret af puljen.
"""


@pytest.mark.parametrize("third", ["−150", "-", ""])
def test_one_cell_per_line_blank_lines_and_dashes_are_empty_cells(third: str) -> None:
    """Blank lines stand for empty cells, so each amount keeps its year (the first row starts in 2031,
    the second in 2032), whether the third year is an amount, a dash or a blank line."""
    advice = {"2032": -150} | ({"2033": -150} if third == "−150" else {})
    total = sum(advice.values())
    text = ONE_PER_LINE.format(third=third, total=format_danish_number(total),
                               sum_total=format_danish_number(2400 + total))
    (table,) = extract_tables(normalize_text(text), 2031)
    assert table.rows == (
        row("Ombygning af lokaler", {"2031": 2400}, 2400, styr="Anlæg"),
        row("Rådgivning", advice, total, styr="Service", notes={"label": "*"}),
        row("Udgifter i alt (netto)", {"2031": 2400} | advice, 2400 + total),
    )
    assert table.checks_ok


def test_one_cell_per_line_with_a_lost_blank_cell_is_unreadable() -> None:
    text = ONE_PER_LINE.format(third="−150", total="−300", sum_total="2.100").replace("2.400\n\n\n2.400", "2.400\n\n2.400")
    (table,) = extract_tables(normalize_text(text), 2031)
    assert "Ombygning" in table.unreadable[0] and not table.checks_ok


SAVINGS = """Tabel 1. Økonomisk oversigt
1.000 kr., 2029 p/l\tStyringsområde\t2029\t2030\t2031\tI alt
Varige ændringer (færre vikartimer)\tService\t−600\t−1.200\t−1.200\t−3.000
Anlæg – nyt bookingsystem\tAnlæg\t900\t\t\t900
Samlet økonomisk påvirkning\t\t300\t−1.200\t−1.200\t−2.100
"""


def test_a_savings_proposal_has_negative_permanent_changes_and_its_overall_effect_is_the_sum_row() -> None:
    (table,) = extract_tables(SAVINGS, 2029)
    permanent, investment, overall = table.rows
    assert permanent.amounts == {"2029": -600, "2030": -1200, "2031": -1200} and permanent.total == -3000
    assert investment.styringsomraade == "Anlæg" and investment.amounts == {"2029": 900}
    assert overall.is_sum and overall.amounts == {"2029": 300, "2030": -1200, "2031": -1200}
    assert overall.total == -2100
    assert table.checks_ok and any(c.kind == "column_sum" for c in table.checks)


def test_a_page_marker_between_two_rows_is_skipped() -> None:
    text = (
        "Tabel 2 – Udgifter\n1.000 kr., 2029 p/l Styringsområde 2029 2030 I alt\n"
        "Drift Service 100 100 200\n\n                3/5\n\nHusleje Service 50 50 100\n"
        "Udgifter i alt (netto) 150 150 300\n"
    )
    for prepared_text in (text, normalize_text(text)):
        (table,) = extract_tables(prepared_text, 2029)
        assert [r.label for r in table.rows] == ["Drift", "Husleje", "Udgifter i alt (netto)"]
        assert table.checks_ok


def test_a_money_table_without_a_title_is_named_by_its_section_heading() -> None:
    text = (
        "Tekniske oplysninger\n\n"
        "1.000 kr., 2029 p/l\tUdvalg\tBevilling\t2029\t2030\tI alt\n"
        "Drift\tKFU\t20.10\t100\t100\t200\n"
        "Serviceudgifter i alt\t\t\t100\t100\t200\n\n"
        "Udgifterne afholdes i 2029 og 2030.\n"
    )
    (table,) = extract_tables(text, 2029)
    assert (table.title, table.number, table.unit) == ("Tekniske oplysninger", None, "1.000 kr.")
    assert table.rows[0].udvalg == "KFU" and table.rows[1].is_sum and table.checks_ok


def test_prose_with_years_is_no_untitled_table() -> None:
    assert extract_tables("Økonomi\nMidlerne bruges i 2029 2030\nog senere.\n", 2029) == ()


def test_a_layout_reading_that_disagrees_on_the_amounts_changes_nothing() -> None:
    from budgetarkiv.ingest.tables import place_by_layout

    plain = extract_tables("Tabel 2 – Udgifter\n1.000 kr., 2029 p/l 2029 2030 I alt\nDrift 100 100\n", 2029)
    head = "Tabel 2 – Udgifter\n1.000 kr., 2029 p/l    2029    2030    I alt\n"
    layout = extract_tables(head + "Drift" + " " * 28 + "90" + " " * 7 + "90\n", 2029)
    assert place_by_layout(plain, layout) == plain
    agreeing = extract_tables(head + "Drift" + " " * 27 + "100" + " " * 6 + "100\n", 2029)
    assert agreeing[0].rows[0].amounts == {"2030": 100} and not layout[0].unreadable
    (moved,) = place_by_layout(plain, agreeing)
    assert plain[0].rows[0].amounts == {"2029": 100} and moved.rows[0].amounts == {"2030": 100}


def test_an_aligned_row_whose_label_stands_on_the_line_above_keeps_its_columns() -> None:
    indented = "\n".join("   " + line for line in ALIGNED.replace(
        "Nattevagter (4 årsværk)         Service", "Nattevagter (4 årsværk)\n                                Service"
    ).split("\n"))
    (table,) = extract_tables(normalize_text(indented), 2030)
    assert table.rows[0] == row("Nattevagter (4 årsværk)", {"2031": 2.15, "2032": 2.15}, 4.3, styr="Service")
    assert table.checks_ok


@pytest.mark.parametrize("title, scenario", [
    ("Tabel 2. Model B – Udvidet model", "Model B"),
    ("Tabel 1 – Grundmodel (1.000 kr., 2026 p/l)", "Grundmodel"),
    ("Tabel 2 – Udvidet model", "Udvidet model"),
    ("Tabel 3. Variant 2: dag og aften", "Variant 2"),
    ("Tabel 2 – Option A", "Option A"),
    ("Tabel 3. Niveau 3", "Niveau 3"),
    ("Tabel 2. Forslag 1", "Forslag 1"),
    ("Tabel 2. Alternativ I – central tolkeenhed", "Alternativ I"),
    ("Tabel 3. Alternativ II – ekstern leverandør", "Alternativ II"),
    ("Tabel 2. Forslaget i alt", None),
    ("Tabel 1. Økonomi fordelt på aktiviteter", None),
    ("Tabel 4 – Den økonomiske model for huslejen", None),  # "model" inside a title is no alternative's name
])
def test_a_table_title_naming_a_model_or_variant_gives_its_scenario(title, scenario):
    from budgetarkiv.ingest.tables import alternative_in_title

    assert alternative_in_title(title) == scenario


# --- goal tables: baseline / goal / result columns (invented notes, several layouts) -------------------

GOAL_HEAD = ("Mål", "Indikator", "Udgangspunkt (2021)", "Målsætning (2025)", "Resultat 2024")
GOAL_ROWS = (
    ("Kortere ventetid", "Dage fra henvisning til første samtale", "42 dage", "20 dage", "31 dage"),
    ("Flere i uddannelse", "Andel i uddannelse efter et år", "38 pct.", "50 pct.", "44 pct."),
)
PROSE_BEFORE = "Opfølgning\nForvaltningen måler hvert halve år, om indsatsen virker."
PROSE_AFTER = "Forvaltningen gør status til udvalget én gang om året."


def _goal_tables(text: str) -> list[BudgetTable]:
    return [t for t in extract_tables(normalize_text(text)) if t.kind == "text"]


def _aligned(rows: list[tuple[str, ...]], widths: tuple[int, ...]) -> str:
    return "\n".join("".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows)


GOAL_LAYOUTS = {
    "tabs": "\n".join("\t".join(r) for r in (GOAL_HEAD, *GOAL_ROWS)),
    "tabs with blank lines (HTML)": "\n\n".join("\t".join(r) for r in (GOAL_HEAD, *GOAL_ROWS)),
    "spaces": _aligned([GOAL_HEAD, *GOAL_ROWS], (22, 42, 23, 21, 14)),
}


@pytest.mark.parametrize("layout", GOAL_LAYOUTS)
def test_a_goal_table_keeps_each_value_under_its_column_head(layout):
    text = f"{PROSE_BEFORE}\n{GOAL_LAYOUTS[layout]}\n{PROSE_AFTER}\n"
    [table] = _goal_tables(text)
    assert table.columns == GOAL_HEAD
    assert table.text_rows == GOAL_ROWS
    norm = normalize_text(text)
    assert norm[table.start:table.end].startswith("Mål") and PROSE_AFTER not in norm[table.start:table.end]


def test_a_goal_table_in_pdf_reading_order_is_read_row_by_row():
    """Heads wrapped over lines, each row's label lines, then one line with its values."""
    text = ("Mål Indikator\nUdgangspunkt\n(2021)\nMålsætning\n(2025)\nResultat 2024\n"
            "Kortere\nventetid Dage fra\nhenvisning til første\nsamtale\n42 dage 20 dage 31 dage\n"
            "Flere i uddannelse\nAndel i uddannelse\nefter et år\n38 pct. 50 pct. 44 pct.\n" + PROSE_AFTER)
    [table] = _goal_tables(text)
    assert table.columns == ("Mål Indikator", *GOAL_HEAD[2:])
    assert [r[1:] for r in table.text_rows] == [r[2:] for r in GOAL_ROWS]
    assert table.text_rows[0][0] == "Kortere ventetid Dage fra henvisning til første samtale"


def test_a_titled_goal_table_keeps_its_title():
    text = "Tabel 1 – Mål og resultater\n" + GOAL_LAYOUTS["tabs"] + "\n"
    [table] = _goal_tables(text)
    assert table.title == "Tabel 1 – Mål og resultater" and table.number == "1"
    assert table.text_rows == GOAL_ROWS


def test_column_roles_come_from_the_heads_not_their_order():
    assert goal_column_roles(("Mål", "Målsætning (2026)", "Resultat 2025", "Vurdering")) == (
        "label", "goal", "result", "assessment")
    assert goal_column_roles(("Effektmål", "Baseline", "Mål 2027")) == ("label", "baseline", "goal")
    assert goal_head_role("Status pr. 2024") == "result"
    assert goal_head_role("Mål") is None  # the goal's name, not a goal value


def test_tables_that_are_no_goal_tables():
    # the goals table of text: one role only
    assert goal_column_roles(("Målgruppe", "Indsats", "Målsætning", "Opfølgning")) is None
    assert goal_column_roles(("Udgangspunkt (2022)", "Målsætning (2026)")) is None  # no row label column
    assert goal_column_roles(("Aktivitet", "2024", "2025", "I alt")) is None
    money = "Tabel 2 – Økonomi\n1.000 kr., 2024 p/l\t2024\t2025\tI alt\nDrift\t100\t200\t300\n"
    assert [t.kind for t in extract_tables(money)] == ["money"]
    prose = "Målsætning og resultat\nMålet er 20 dage, og resultatet blev 31 dage.\n"
    assert extract_tables(prose) == ()


def test_a_goal_row_sentence_labels_every_value_with_its_head():
    assert goal_row_sentence(GOAL_HEAD, GOAL_ROWS[0]) == (
        "Kortere ventetid – Dage fra henvisning til første samtale: udgangspunkt (2021) 42 dage; "
        "målsætning (2025) 20 dage; resultat 2024: 31 dage.")  # (a year and its value kept apart)
    head = ("Mål", "Målsætning (2026)", "Resultat 2025", "Vurdering")
    assert goal_row_sentence(head, ("Andel af timer dækket af vikarer", "7 pct.", "", "Delvist nået")) == (
        "Andel af timer dækket af vikarer: målsætning (2026) 7 pct.; vurdering: Delvist nået.")


YEARS_AND_GOAL_PDF = ("Tabel 3 viser andelen af elever, der kan svømme 200 meter, i pct.\n"
                      "Skole 2027 2028 Mål 2031\nSkolen ved Søerne 64 70 90\nKirsebærhavens Skole 58 61 90\n"
                      "Alle skoler 71 73 90\nMålet følger de nationale anbefalinger.\n")


def test_a_table_of_years_and_a_goal_column_in_pdf_text_is_read_row_by_row() -> None:
    """No "Tabel N" title, single spaces between cells, each row's label and values on one line: the bare years
    are the levels measured, "Mål 2031" the goal."""
    [table] = _goal_tables(YEARS_AND_GOAL_PDF)
    assert table.columns == ("Skole", "2027", "2028", "Mål 2031")
    assert table.text_rows == (("Skolen ved Søerne", "64", "70", "90"), ("Kirsebærhavens Skole", "58", "61", "90"),
                               ("Alle skoler", "71", "73", "90"))
    assert goal_column_roles(table.columns) == ("label", "result", "result", "goal")
    assert goal_row_sentence(table.columns, table.text_rows[1]) == (
        "Kirsebærhavens Skole: 2027: 58; 2028: 61; mål 2031: 90.")


def test_a_titled_table_of_shares_by_year_and_goal_keeps_its_title_and_units() -> None:
    text = ("Tabel 4. Andel digitale ansøgninger\nPct. 2026 2027 Mål 2030\n"
            "Boligstøtte 52 pct. 60 pct. 85 pct.\nFriplads 40 pct. 47 pct. 80 pct.\nTallene er fra december.\n")
    [table] = _goal_tables(text)
    assert (table.title, table.number) == ("Tabel 4. Andel digitale ansøgninger", "4")
    assert table.text_rows == (("Boligstøtte", "52 pct.", "60 pct.", "85 pct."), ("Friplads", "40 pct.", "47 pct.", "80 pct."))


def test_years_without_a_goal_column_stay_what_they_were() -> None:
    money = "Tabel 2 – Økonomi\n1.000 kr., 2030 p/l\t2030\t2031\tI alt\nDrift\t100\t200\t300\n"
    assert [t.kind for t in extract_tables(money)] == ["money"]
    assert goal_column_roles(("Skole", "2027", "2028")) is None  # measured levels alone: no goal table
    assert _goal_tables("Skole 2027 2028\nSkolen ved Søerne 64 70\n") == []


# --- whole invented notes in the municipality's other spellings, read as the indexer reads them ---------------

PDF_TEXT_NOTE = """Budget 2027
Kultur- og Fritidsforvaltningen
KFF12 Flere åbningstimer på bibliotekerne

Resume
Forvaltningen foreslår at udvide åbningstiden på fem biblioteker. Forslaget koster 4,2 mio. kr. over tre år.

Økonomi
Beløbene er angivet i tkr. (faste 2027-
priser).

Tabel 1. Budgetønske
Aktivitet Styringsområde 2027 2028 2029 I alt
Personale på fem
biblioteker Service 1.200 1.200 1.200 3.600
Vagtordning Service 200 200 200 600
Udgifter i alt (netto) 1.400 1.400 1.400 4.200

Tabel 2. Besparelse (mio kr, P/L 2027)
Styringsområde 2027 2028 2029 I alt
Færre automater Service −0,1 −0,2 −0,2 −0,5
Samlet økonomisk påvirkning −0,1 −0,2 −0,2 −0,5
"""

TAB_EXPORT_NOTE = """Budget 2027
Teknik- og Miljøforvaltningen
TMF07 Grønne gårde

Økonomi
Alle beløb i t. kr., 2027-prisniveau.
Tabel 1 – Økonomisk oversigt
Aktivitet\tStyringsområde\t2027\t2028\tI alt
Anlæg af gårde\tAnlæg\t5.000\t\t5.000
Drift af gårde\tService\t\t300\t300
Udgifter i alt\t\t5.000\t300\t5.300

Tidligere afsatte midler
1.000 kr., løbende priser\t2023\t2024\tI alt
Budgetaftale 2023\t800\t800\t1.600
"""


def _note_from(tmp_path: Path, name: str, text: str):
    from budgetarkiv.ingest.notes import parse_note
    from budgetarkiv.ingest.readers import read_document

    (tmp_path / name).write_text(text, encoding="utf-8")
    return parse_note(read_document(tmp_path / name, 1_000_000))


def test_an_invented_pdf_text_note_in_other_spellings_reads_end_to_end(tmp_path: Path) -> None:
    note = _note_from(tmp_path, "kff12.txt", PDF_TEXT_NOTE)
    budget, savings = (t for t in note.tables if t.kind == "money")
    assert (budget.title, budget.unit, budget.price_level) == ("Tabel 1. Budgetønske", "1.000 kr.", "2027 p/l")
    assert [r.label for r in budget.rows] == ["Personale på fem biblioteker", "Vagtordning", "Udgifter i alt (netto)"]
    assert budget.rows[0].amounts == each_year(1200, 2027, 2029) and budget.checks_ok
    assert (savings.title, savings.unit, savings.price_level) == ("Tabel 2. Besparelse", "mio. kr.", "2027 p/l")
    assert savings.rows[0].amounts == {"2027": -0.1, "2028": -0.2, "2029": -0.2} and savings.checks_ok
    assert [a.text for a in note.prose_amounts] == ["4,2 mio. kr."]  # the unit statement is no amount


def test_an_invented_word_processor_export_in_other_spellings_reads_end_to_end(tmp_path: Path) -> None:
    note = _note_from(tmp_path, "tmf07.txt", TAB_EXPORT_NOTE)
    overview, earlier = (t for t in note.tables if t.kind == "money")
    assert (overview.unit, overview.price_level, overview.years) == ("1.000 kr.", "2027 p/l", ("2027", "2028"))
    assert [(r.label, r.amounts, r.total) for r in overview.rows] == [
        ("Anlæg af gårde", {"2027": 5000}, 5000), ("Drift af gårde", {"2028": 300}, 300),
        ("Udgifter i alt", {"2027": 5000, "2028": 300}, 5300)]
    assert overview.checks_ok
    assert (earlier.title, earlier.unit, earlier.price_level) == ("Tidligere afsatte midler", "1.000 kr.", "løbende p/l")
    assert earlier.rows[0].amounts == {"2023": 800, "2024": 800}



SUMMARY_ACROSS_A_PAGE = """Tabel 6. Samlet oversigt
tkr., 2029-priser 2029 2030 I alt Årsværk
S01 Fælles vikarkorps -400 -800 -1.200 2,0
S02 Digitale skrivelser -250 -250 -500 0,5

2/3

tkr., 2029-priser 2029 2030 I alt Årsværk
S03 Energistyring (netto) 350 -300 50 0,0
Samlet besparelse i alt -300 -1.350 -1.650 2,5
"""


def test_a_column_after_i_alt_holds_no_money_and_a_head_repeated_after_a_page_break_is_no_row() -> None:
    for prepared_text in (SUMMARY_ACROSS_A_PAGE, normalize_text(SUMMARY_ACROSS_A_PAGE)):
        table = one_table(prepared_text, 2029)
        assert (table.unit, table.price_level, table.years) == ("1.000 kr.", "2029 p/l", ("2029", "2030"))
        assert [(r.label, r.amounts, r.total) for r in table.rows] == [
            ("S01 Fælles vikarkorps", {"2029": -400, "2030": -800}, -1200),
            ("S02 Digitale skrivelser", {"2029": -250, "2030": -250}, -500),
            ("S03 Energistyring (netto)", {"2029": 350, "2030": -300}, 50),
            ("Samlet besparelse i alt", {"2029": -300, "2030": -1350}, -1650)]
        assert table.checks_ok and not table.unreadable
        # the column after I alt is kept, as written, under its head
        assert [r.extra for r in table.rows] == [{"Årsværk": c} for c in ("2,0", "0,5", "0,0", "2,5")]


def test_a_tab_separated_column_after_i_alt_is_kept_under_its_head_and_shown_in_the_passage() -> None:
    text = ("Tabel 2. Oversigt\ntkr., 2031 p/l\t2031\t2032\tI alt\tÅrsværk\n"
            "P1 Skraldespande\t-300\t-300\t-600\t1,0\nP2 Springvand\t-80\t-80\t-160\t\n"
            "I alt\t-380\t-380\t-760\t1,0\n")
    table = one_table(text, 2031)
    assert [(r.label, r.total, r.extra) for r in table.rows] == [
        ("P1 Skraldespande", -600, {"Årsværk": "1,0"}), ("P2 Springvand", -160, {}), ("I alt", -760, {"Årsværk": "1,0"})]
    assert "P1 Skraldespande: 2031: -300; 2032: -300; I alt: -600; Årsværk: 1,0" in table_as_text(table)


def test_a_row_without_the_cells_of_the_column_after_i_alt_is_reported() -> None:
    table = one_table("Tabel 1 – T\n2029 2030 I alt Årsværk\nA 100 100 200 1,0\nB 100 100 200\n", 2029)
    assert [r.label for r in table.rows] == ["A"] and table.unreadable == ("B 100 100 200",)


# --- transposed money tables: a year per row -----------------------------------------------------------

TRANSPOSED_ROWS = [
    row("Koordinatorer", each_year(1400, 2028, 2031), 5600),
    row("Bookingsystem", {"2028": 600, "2029": 200, "2030": 0, "2031": 200}, 1000),
    row("Besparelse", {"2029": -1600, "2030": -2400, "2031": -2400}, -6400),
    dataclasses.replace(row("I alt", {"2028": 2000, "2029": 0, "2030": -1000, "2031": -800}, 200), is_sum=True),
]
TRANSPOSED = {
    "tab-separated": "År\tKoordinatorer\tBookingsystem\tBesparelse\tI alt\n2028\t1.400\t600\t\t2.000\n"
                     "2029\t1.400\t200\t-1.600\t0\n2030\t1.400\t0\t-2.400\t-1.000\n"
                     "2031\t1.400\t200\t-2.400\t-800\nI alt\t5.600\t1.000\t-6.400\t200\n",
    "pdf, one word per name": "År Koordinatorer Bookingsystem Besparelse I alt\n2028 1.400 600 - 2.000\n"
                              "2029 1.400 200 −1.600 0\n2030 1.400 0 −2.400 −1.000\n2031 1.400 200 −2.400 −800\n"
                              "I alt 5.600 1.000 −6.400 200\n",
    "space-aligned": "År      Koordinatorer   Bookingsystem   Besparelse   I alt\n"
                     "2028           1.400             600            -   2.000\n"
                     "2029           1.400             200       -1.600       0\n"
                     "2030           1.400               0       -2.400  -1.000\n"
                     "2031           1.400             200       -2.400    -800\n"
                     "I alt          5.600           1.000       -6.400     200\n",
}


def _one_cell_per_line(table: str) -> str:
    """A transposed table as PDF text with one cell per line (names, then each year and its cells)."""
    lines = table.splitlines()
    out = lines[0].replace("I alt", "I_alt").split()
    for line in lines[1:]:
        out += line.replace("I alt", "I_alt").split()
    return "\n".join(c.replace("I_alt", "I alt") for c in out) + "\n"


TRANSPOSED["one cell per line"] = _one_cell_per_line(TRANSPOSED["pdf, one word per name"])


@pytest.mark.parametrize("layout", list(TRANSPOSED))
def test_a_transposed_table_comes_out_as_rows_of_items_by_year_columns(layout: str) -> None:
    text = ("Økonomi\nBeløb i tkr., 2028 p/l. Negative beløb er besparelser.\n\nTabel 2. Alternativ 1 – central enhed\n"
            + TRANSPOSED[layout] + "\nI Alternativ 2 er systemet en del af kontrakten.\n")
    for prepared_text in (text, normalize_text(text)):
        table = one_table(prepared_text, 2028)
        assert (table.kind, table.number, table.scenario) == ("money", "2", "Alternativ 1")
        assert (table.unit, table.price_level, table.years) == ("1.000 kr.", "2028 p/l", years(2028, 2031))
        assert list(table.rows) == TRANSPOSED_ROWS
        assert table.checks_ok and not table.unreadable
        # the same checks as any money table: each item's total and each year's sum
        assert {c.subject for c in table.checks if c.kind == "row_total"} == {r.label for r in TRANSPOSED_ROWS}
        assert {c.subject for c in table.checks if c.kind == "column_sum"} == {*years(2028, 2031), "I alt"}


def test_a_space_aligned_transposed_table_places_each_cell_under_its_name_when_cells_are_empty() -> None:
    """Empty cells are blanks in aligned text: a year line has fewer cells than the head has names, and each
    cell belongs to the name it stands under."""
    text = ("Tabel 1. Udgifter pr. år (1.000 kr., 2030 p/l)\n"
            "År          Vejledere     Kurser     Evaluering     I alt\n"
            "2030            1.200        300                    1.500\n"
            "2031            2.400                       200     2.600\n"
            "I alt           3.600        300            200     4.100\n")
    table = one_table(text, 2030)
    assert [(r.label, dict(r.amounts), r.total) for r in table.rows] == [
        ("Vejledere", {"2030": 1200, "2031": 2400}, 3600), ("Kurser", {"2030": 300}, 300),
        ("Evaluering", {"2031": 200}, 200), ("I alt", {"2030": 1500, "2031": 2600}, 4100)]
    assert table.checks_ok and not table.unreadable


def test_an_aligned_transposed_cell_standing_between_two_names_is_reported_not_guessed() -> None:
    text = ("Tabel 1. T\n"
            "År          Vejledere     Kurser     I alt\n"
            "2030" + " " * 18 + "500" + " " * 12 + "1.700\n"
            "2031            2.400   300           2.700\n")
    table = one_table(text, 2030)
    assert table.unreadable == ("2030" + " " * 18 + "500" + " " * 12 + "1.700",) and not table.checks_ok


def test_a_transposed_table_whose_cells_do_not_add_up_fails_its_checks() -> None:
    text = "Tabel 1 – T\nÅr\tA\tB\tI alt\n2026\t100\t50\t150\n2027\t100\t50\t160\nI alt\t200\t100\t300\n"
    table = one_table(text)
    assert TableCheck("column_sum", "2027", 160, 150, False) in table.checks
    assert TableCheck("row_total", "I alt", 300, 310, False) in table.checks


def test_a_transposed_table_without_totals_keeps_its_items() -> None:
    table = one_table("Tabel 1 – T (mio. kr., 2026-priser)\nÅr\tLøn\tHusleje\n2026\t1,5\t0,5\n2027\t1,5\t0,5\n")
    assert (table.title, table.unit, table.price_level) == ("Tabel 1 – T", "mio. kr.", "2026 p/l")
    assert list(table.rows) == [row("Løn", {"2026": 1.5, "2027": 1.5}), row("Husleje", {"2026": 0.5, "2027": 0.5})]


def test_a_transposed_year_line_that_lost_a_cell_is_reported_not_guessed() -> None:
    text = "Tabel 1 – T\nÅr A B I alt\n2026 100 50 150\n2027 100 150\nI alt 200 100 300\n"
    table = one_table(text)
    assert table.unreadable == ("2027 100 150",)
    assert table.rows[0] == row("A", {"2026": 100}, 200) and not table.checks_ok


@pytest.mark.parametrize("text", [
    "Tabel 1 – T\nÅr Løn til personale Husleje\n2026 100 50\n2027 100 50\n",
    "Tabel 1 – T\nAktiviteter\nLøn til\npersonale\nHusleje\n2026\n100\n50\n2027\n100\n50\n",
], ids=["words-run-together", "one-cell-per-line-wrapped-name"])
def test_transposed_names_that_plain_text_runs_together_are_reported_not_guessed(text: str) -> None:
    table = one_table(text)
    assert (table.rows, len(table.unreadable)) == ((), 2)


def test_a_transposed_table_with_one_cell_per_line_reports_a_year_that_lost_a_cell() -> None:
    table = one_table("Tabel 1 – T\nÅr\nA\nB\n2026\n100\n50\n2027\n100\n2028\n100\n50\n")
    assert table.unreadable == ("2027 100",)
    assert table.rows[0] == row("A", {"2026": 100, "2028": 100}) and table.years == ("2026", "2027", "2028")


@pytest.mark.parametrize("text", [
    "Tabel 1 – Tidsplan\nÅr\tAktivitet\n2026\tUdbud\n2027\tByggeri\n",
    "Tabel 1 – Nøgletal\nÅr Borgere\n2026 1.200\n",
])
def test_a_table_of_years_and_text_or_a_single_year_is_no_transposed_money_table(text: str) -> None:
    assert [t for t in extract_tables(text) if t.kind == "money"] == []


# --- an English page's money table -------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "unit", "rows"),
    [
        ("Table 2. Costs (DKK 1,000, 2026 prices)\nActivity 2026 2027 Total\nStaff 1,200 950 2,150\n"
         "Total expenditure 1,200 950 2,150\n", "1.000 kr.",
         [("Staff", {"2026": 1200, "2027": 950}, 2150), ("Total expenditure", {"2026": 1200, "2027": 950}, 2150)]),
        ("Amounts in DKK million, 2026 prices.\nTable 2 - Costs\nActivity\t2026\t2027\tTotal\nStaff\t12.4\t3.05\t15.45\n",
         "mio. kr.", [("Staff", {"2026": 12.4, "2027": 3.05}, 15.45)]),
        # an English page that keeps the Danish format: nothing to convert
        ("Table 2. Costs (DKK 1,000, 2026 prices)\nActivity 2026 2027 Total\nStaff 1.200 950 2.150\n", "1.000 kr.",
         [("Staff", {"2026": 1200, "2027": 950}, 2150)]),
    ],
    ids=["thousands-comma", "decimal-point", "danish-format"],
)
def test_an_english_tables_figures_are_read_the_english_way(text: str, unit: str, rows: list) -> None:
    table = one_table(text, 2026)
    assert (table.title, table.unit, table.price_level) == (text.split("\n")[0 if text.startswith("Table") else 1]
                                                            .split(" (")[0], unit, "2026 p/l")
    assert [(r.label, r.amounts, r.total) for r in table.rows] == rows and table.checks_ok


def test_a_danish_tables_comma_is_a_decimal_comma_whatever_it_looks_like() -> None:
    table = one_table("Tabel 2 – Udgifter (1.000 kr., 2026 p/l)\nAktivitet 2026 2027 I alt\nLøn 1,200 950 2,150\n")
    assert table.rows[0].amounts == {"2026": 1.2, "2027": 950} and not table.checks_ok
