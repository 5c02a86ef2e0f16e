"""The reader check: what it reports about a parsed document, over invented notes and hand-made tables.

The check reads only the pipeline's results (a `Note` and its `BudgetTable`s), so most tests build those by hand
in the shape of a misreading; a few run invented notes through `parse_note` as the CLI does.
"""
from __future__ import annotations

import pytest

from budgetarkiv.core.models import BudgetTable, Document, Note, Page, ReadError, TableCheck, TableRow
from budgetarkiv.ingest.check import KINDS, CheckReport, check_failure, check_note, check_read_error
from budgetarkiv.ingest.notes import parse_note

pytestmark = pytest.mark.fast


def _doc(text: str, name: str = "notat.txt") -> Document:
    return Document(doc_id="0" * 16, source=name, fmt="txt", pages=(Page(1, text),))


def _kinds(note: Note) -> list[str]:
    return [f.kind for f in check_note(note).findings]


def _note(text: str = "", tables: tuple[BudgetTable, ...] = (), doc_type: str = "budget_note",
          errors: tuple[str, ...] = ()) -> Note:
    return Note(doc_id="1" * 16, source="x.txt", doc_type=doc_type, text=text, note_id="TMU7", title="Cykelparkering",
                budget_year=2031, tables=tables, errors=errors)


GOOD_NOTE = """Budget 2031
Teknik- og Miljøforvaltningen

TMU7 Overdækket cykelparkering ved stationer

Resume
Forvaltningen foreslår 400 overdækkede pladser.

Økonomi
Tabel 1 – Udgifter (mio. kr., 2031 p/l)
Aktivitet\tStyringsområde\t2031\t2032\t2033\tI alt
Anlæg af pladser\tAnlæg\t4,0\t2,0\t\t6,0
Vedligehold\tService\t0,2\t0,4\t0,4\t1,0
Udgifter i alt\t\t4,2\t2,4\t0,4\t7,0

Risikovurdering
Leverancer kan blive forsinket.
"""


def test_a_note_read_in_full_has_no_findings() -> None:
    note = parse_note(_doc(GOOD_NOTE))
    assert (note.note_id, note.budget_year) == ("TMU7", 2031)
    assert _kinds(note) == []


def test_a_budget_note_without_an_id_or_title_says_so() -> None:
    text = GOOD_NOTE.replace("TMU7 Overdækket cykelparkering ved stationer", "")
    text = text.replace("Risikovurdering", "Baggrund\nEt ønske fra udvalget.\n\nRisikovurdering")
    check = check_note(parse_note(_doc(text)))
    assert check.doc_type == "budget_note"
    assert {"no_note_id", "no_title"} <= {f.kind for f in check.findings}
    assert all(f.level == "gap" for f in check.findings if f.kind in ("no_note_id", "no_title"))


def test_a_row_whose_years_do_not_give_its_total_is_named_with_both_figures() -> None:
    rows = (TableRow("Rådgivere", {"2031": 500, "2032": 500}, total=1200),)
    table = BudgetTable(title="Tabel 2 – Drift", kind="money", unit="1.000 kr.", price_level="2031 p/l",
                        years=("2031", "2032"), rows=rows,
                        checks=(TableCheck("row_total", "Rådgivere", 1200, 1000, False),))
    (finding,) = check_note(_note(tables=(table,))).findings
    assert finding.kind == "row_sum_failed" and finding.table == "Tabel 2 – Drift"
    assert "Rådgivere" in finding.message and "1.200" in finding.message and "1.000" in finding.message


def test_a_column_that_does_not_add_up_to_the_sum_row_is_reported() -> None:
    rows = (TableRow("A", {"2031": -300}), TableRow("B", {"2031": -200}), TableRow("I alt", {"2031": -400}, is_sum=True))
    table = BudgetTable(title="Tabel 1 – Besparelser", kind="money", unit="1.000 kr.", price_level="2031 p/l",
                        years=("2031",), rows=rows, checks=(TableCheck("column_sum", "2031", -400, -500, False),))
    assert _kinds(_note(tables=(table,))) == ["column_sum_failed"]


def test_a_year_in_the_head_line_that_became_no_column_is_reported() -> None:
    text = "Tabel 1 – Økonomi\nPost\t2030\t2031\t2032\tPermanent fra 2033\nPersonale\t100\t200\t200\t200\n"
    rows = (TableRow("Personale", {"2030": 100, "2031": 200, "2032": 200}),)
    table = BudgetTable(title="Tabel 1 – Økonomi", kind="money", unit="1.000 kr.", price_level="2030 p/l",
                        years=("2030", "2031", "2032"), rows=rows, start=0, end=len(text))
    (finding,) = [f for f in check_note(_note(text, (table,))).findings if f.kind == "head_year_not_read"]
    assert "2033" in finding.message


def test_years_in_prose_above_an_untitled_table_or_in_its_price_level_are_no_head() -> None:
    text = ("Tidligere afsatte midler\nPiloten kørte i 2019-2022 med midler fra Budgetaftale 2019.\n"
            "1.000 kr., 2019 p/l\t2023\t2024\tI alt\nBudgetaftale 2023\t10\t10\t20\n")
    rows = (TableRow("Budgetaftale 2023", {"2023": 10, "2024": 10}, total=20),)
    table = BudgetTable(title="Tidligere afsatte midler", kind="money", unit="1.000 kr.", price_level="2019 p/l",
                        years=("2023", "2024"), rows=rows, checks=(TableCheck("row_total", "Budgetaftale 2023", 20, 20,
                                                                              True),), start=0, end=len(text))
    assert _kinds(_note(text, (table,))) == []


def test_a_money_table_without_years_unit_or_price_level_is_reported() -> None:
    table = BudgetTable(title="Tabel 3 – Økonomi", kind="money", rows=(TableRow("Drift", {}),))
    kinds = _kinds(_note(tables=(table,)))
    assert {"years_not_read", "unit_unknown", "price_level_unknown"} <= set(kinds)


def test_a_follow_up_table_with_named_columns_is_not_missing_its_years() -> None:
    rows = (TableRow("Hjemmepleje", {}, extra={"Korr. budget": "6,4", "Forbrug": "6,0"}),)
    table = BudgetTable(title="Tabel 1 – Opfølgning", kind="money", unit="mio. kr.", price_level="2030 p/l", rows=rows)
    assert "years_not_read" not in _kinds(_note(tables=(table,)))


def test_a_money_table_that_cannot_be_checked_is_a_note_not_a_gap() -> None:
    rows = (TableRow("Option A", {"2031": 10}), TableRow("Option B", {"2031": 20}))
    table = BudgetTable(title="Table 1 – Options", kind="money", unit="1.000 kr.", price_level="2031 p/l",
                        years=("2031",), rows=rows)
    (finding,) = check_note(_note(tables=(table,))).findings
    assert finding.kind == "unchecked_table" and finding.level == "note"


def test_a_text_table_of_amounts_is_reported_but_a_goals_table_is_not() -> None:
    money_as_text = BudgetTable(title="Tabel 4 – Fordeling", kind="text", columns=("Skole", "Beløb", "Heraf løn"),
                                text_rows=(("Nord", "1.250", "900"), ("Syd", "-350", "(120)")))
    goals = BudgetTable(title="Tabel 5 – Mål", kind="text", columns=("Indikator", "Udgangspunkt 2029", "Mål 2032"),
                        text_rows=(("Ventetid, uger", "12", "8"), ("Fravær, dage", "14", "10")))
    findings = check_note(_note(tables=(money_as_text, goals))).findings
    assert [(f.kind, f.table) for f in findings] == [("text_table_with_amounts", "Tabel 4 – Fordeling")]


def test_lines_of_amounts_outside_every_table_are_reported_once_per_run() -> None:
    text = ("Appendix table A. Cost per option (DKK 1,000)\n"
            "Option Area 2031 2032 I alt\n"
            "Option 1 – small Service 1.450 1.450 2.900\n\n"
            "Option 2 – large Service 2.300 – 2.300\n\n"
            "The options are alternatives. In 2031 we spend 1.450 or 2.300 on 3 sites.\n")
    findings = [f for f in check_note(_note(text, doc_type="other")).findings if f.kind == "amounts_outside_tables"]
    assert len(findings) == 1 and "Option 1" in findings[0].message and findings[0].message.startswith("2 linjer")


def test_lines_inside_a_table_are_not_loose() -> None:
    text = "Rows\nA 1.000 2.000 3.000\nB 1.000 2.000 3.000\n"
    table = BudgetTable(title="Tabel 1", kind="money", unit="kr.", price_level="2031 p/l", years=("2031", "2032"),
                        rows=(TableRow("A", {"2031": 1000, "2032": 2000}, total=3000),),
                        checks=(TableCheck("row_total", "A", 3000, 3000, True),), start=5, end=len(text))
    assert "amounts_outside_tables" not in _kinds(_note(text, (table,)))


def test_other_documents_with_money_tables_and_note_like_documents_are_flagged() -> None:
    table = BudgetTable(title="Tabel 1", kind="money", unit="kr.", price_level="2031 p/l", years=("2031",),
                        rows=(TableRow("A", {"2031": 5}, total=5),), checks=(TableCheck("row_total", "A", 5, 5, True),))
    assert _kinds(_note(tables=(table,), doc_type="other")) == ["money_in_other"]


def test_unreadable_files_parser_failures_and_other_reader_messages_are_findings() -> None:
    unread = check_read_error(ReadError("arkiv/skannet.pdf", "scanned, and OCR is not installed."))
    assert unread.doc_type is None and unread.findings[0].kind == "read_error"
    assert "OCR" in unread.findings[0].message
    failed = check_failure("arkiv/x.txt", ValueError("bad cell"))
    assert failed.findings[0].kind == "parse_failed" and "bad cell" in failed.findings[0].message
    letter = _note(doc_type="answer", errors=("no date found in letter",))
    assert _kinds(letter) == ["reader_reported"]


def test_the_report_counts_findings_per_kind_and_serialises_with_levels() -> None:
    table = BudgetTable(title="Tabel 3", kind="money", rows=(TableRow("Drift", {}),))
    report = CheckReport((check_note(_note(tables=(table,))), check_read_error(ReadError("a.pdf", "encrypted")),
                          check_note(parse_note(_doc(GOOD_NOTE)))))
    assert report.counts["read_error"] == 1 and report.counts["unit_unknown"] == 1
    assert list(report.counts) == [k for k in KINDS if k in report.counts]
    assert report.documents_with_gaps == 2
    data = report.to_json()
    assert data["documents_checked"] == 3 and data["summary"] == report.counts
    assert {f["level"] for d in data["documents"] for f in d["findings"]} <= {"gap", "note"}
    assert data["documents"][2]["findings"] == [] and data["documents"][2]["note_id"] == "TMU7"
