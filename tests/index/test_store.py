"""Row look-ups: a RowQuery → the table rows it returns, over the real index of the sample corpus.

Each case reads as a line of a table: the query, then the rows as (file, table number, label start).
The rows are the ones the sample notes print; the queries exercise each filter of a RowQuery.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from budgetarkiv.index.queries import Filter, RowQuery, compile_filters

F000, F001, F002, F003 = "000_306130193e619dd7.txt", "001_618edc94f49331f8.txt", "002_e7f046dac8aab057.txt", \
    "003_830cee1fd0b10859.txt"

CASES = [
    # query                                                       rows: (file, table number, label starts with)
    (RowQuery(note_id="bi23", scenario="scenarie 2", include_sums=False), [
        (F003, "3", "Fem social kontrol-vejledere"), (F003, "3", "Koordinering"),
        (F003, "6", "Fem social kontrol-vejledere"), (F003, "6", "Koordinering")]),
    (RowQuery(year=2018, bevilling="78.10"), [
        (F002, "2", "Styrket beskæftigelsesindsat")]),
    (RowQuery(text="koordinering årsværk"), [  # every word, in the label or the table title
        (F003, "3", "Koordinering (1 årsværk)"), (F003, "6", "Koordinering (1 årsværk)")]),
    (RowQuery(min_amount=20_000), [  # the total or any year's amount, in the table's unit
        (F000, "3", "Årsværk og husleje"), (F000, "3", "Udgifter i alt"),
        (F000, "5", "Årsværk og husleje"), (F000, "5", "Udgifter i alt")]),
    (RowQuery(note_id="BI18", year=2024, text="tidligere", include_sums=False), [
        (F000, None, "Budgetaftale 2020"), (F001, None, "Budgetaftale 2020")]),
    (RowQuery(styringsomraade="overførsler", year=2024), [
        (F000, "2", "Opkvalificering"), (F000, "3", "Opkvalificering"), (F001, "2", "Opkvalificering")]),
    (RowQuery(doc_ids=[]), []),
    (RowQuery(text="%"), []),  # a LIKE wildcard in a value is a plain character
    (RowQuery(udvalg="x'); DROP TABLE table_rows; --"), []),  # values are parameters, never SQL
]


def _key(row) -> tuple[str, str | None, str]:
    return Path(row.source).name, row.table_number, row.label


@pytest.mark.parametrize("query, expected", CASES, ids=lambda v: repr(v)[:70] if isinstance(v, RowQuery) else "")
def test_row_query_returns_the_rows(searcher, query, expected):
    rows = [_key(r) for r in searcher.store.find_rows(query)]
    assert len(rows) == len(expected), rows
    for (file, number, label), (want_file, want_number, want_label) in zip(rows, expected):
        assert (file, number) == (want_file, want_number) and label.startswith(want_label), rows


def test_doc_ids_select_whole_documents(searcher):
    doc_id = next(d["doc_id"] for d in searcher.store.documents() if Path(d["source"]).name == F002)
    rows = searcher.store.find_rows(RowQuery(doc_ids=[doc_id]))
    assert len(rows) == 8 and {r.doc_id for r in rows} == {doc_id}
    assert [r.table_number for r in rows] == ["1"] * 4 + ["2"] * 4  # in table and row order


def test_rows_come_newest_budget_year_first_and_carry_their_citation(searcher):
    rows = searcher.store.find_rows(RowQuery(text="i alt", include_sums=True))
    years = [r.budget_year for r in rows]
    assert years == sorted(years, reverse=True) and {2026, 2024, 2018} <= set(years)
    total = next(r for r in rows if r.note_id == "BI23" and r.scenario == "Scenarie 2" and r.is_sum)
    assert total.amounts == {"2026": 3882, "2027": 3882, "2028": 3882, "2029": 3882} and total.total == 15528
    assert total.unit and total.price_level and total.table_title.startswith("Tabel 3")
    assert all(isinstance(v, int) for v in total.amounts.values())  # whole amounts stay ints


def test_the_rows_still_hold_after_a_hostile_value(searcher):
    searcher.store.find_rows(RowQuery(udvalg="x'); DROP TABLE table_rows; --"))
    assert searcher.store.find_rows(RowQuery(note_id="BI23"))


# --- the compilation itself (no index needed) ----------------------------------------------------------

def test_values_never_enter_the_sql_text():
    hostile = "'; DELETE FROM documents; --"
    sql, params = compile_filters(RowQuery(note_id=hostile, scenario=hostile, text=hostile).conditions(), "%s")
    assert hostile not in sql and "DELETE" not in sql
    assert hostile in params and f"%{hostile}%" in params
    assert sql.count("%s") == len(params)


@pytest.mark.parametrize("filters, sql, params", [
    ([Filter("year", "exact", 2024)], "d.budget_year = ?", [2024]),
    ([Filter("note_id", "iexact", "bi18")], "UPPER(d.note_id) = UPPER(?)", ["bi18"]),
    ([Filter("doc_id", "in", ("a", "b"))], "r.doc_id IN (?, ?)", ["a", "b"]),
    ([Filter("doc_id", "in", ())], "1 = 0", []),
    ([Filter("is_sum", "isfalse", True)], "NOT r.is_sum", []),
    ([Filter("scenario", "icontains", "50%_x")], "LOWER(t.scenario) LIKE LOWER(?) ESCAPE '\\'", ["%50\\%\\_x%"]),
    ([], "1 = 1", []),
])
def test_filters_compile_to_parameterised_sql(filters, sql, params):
    assert compile_filters(filters) == (sql, params)


def test_an_unknown_column_is_refused():
    with pytest.raises(ValueError, match="Unknown column"):
        compile_filters([Filter("password", "exact", "x")])


def test_a_row_keeps_its_amounts_as_printed_whole_totals_become_ints():
    """'3,0' in a cell stays 3.0 (shown as '3,0'); '3' stays 3; the total's number column gives 7.0 back as 7."""
    import json

    from budgetarkiv.index.queries import row_record

    names = ("row_id doc_id source note_id budget_year note_title table_title table_number scenario unit price_level "
             "page section label styringsomraade udvalg bevilling indtaegt_udgift").split()
    raw = {**dict.fromkeys(names), "row_id": 1, "doc_id": "d", "source": "a.html", "table_title": "Tabel 1",
           "label": "Anlæg", "is_sum": 0, "checks_ok": 1, "total": 7.0, "cell_notes_json": "{}",
           "amounts_json": json.dumps({"2023": 4, "2024": 3.0})}
    r = row_record(raw)
    assert r.amounts == {"2023": 4, "2024": 3.0}
    assert isinstance(r.amounts["2023"], int) and isinstance(r.amounts["2024"], float)
    assert r.total == 7 and isinstance(r.total, int)
    decimals = row_record({**raw, "total": 15.0, "amounts_json": json.dumps({"2029": 4.8, "2030": 3.4, "2031": 6.8})})
    assert decimals.total == 15.0 and isinstance(decimals.total, float)  # a table in decimals: "15,0" as printed
