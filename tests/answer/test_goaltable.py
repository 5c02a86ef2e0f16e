"""Goal-table rows flattened into prose are quoted as the cell asked for, labelled by row and column."""
from budgetarkiv.answer.goaltable import Head, chosen_column, labelled, table_row
from budgetarkiv.answer.model import Fact

PASSAGE = ("Opfølgning Mål Indikator Udgangspunkt (2019) Målsætning (2023) Resultat 2022 Kortere ventetid "
           "Dage fra ansøgning til afgørelse 40 pct. 25 pct. 31 pct. Flere ansøgninger Antal ansøgninger "
           "12 pct. 20 pct. 18 pct.")
HEADS = (Head("Udgangspunkt (2019)", "baseline"), Head("Målsætning (2023)", "goal"), Head("Resultat 2022", "result"))


def _fact(passage: str, start: int, end: int) -> Fact:
    return Fact(text=passage[start:end], passage=passage, highlight=(start, end), source="x", doc_id="d",
                note_id=None, budget_year=None, title=None, section=None, page=None)


def _second_row() -> tuple[int, int]:
    start = PASSAGE.index("Flere")
    return start, len(PASSAGE)


def test_a_row_is_read_under_the_heads_before_it():
    row = table_row(PASSAGE, *_second_row())
    assert row is not None
    assert row.heads == HEADS
    assert [PASSAGE[a:b] for a, b in row.values] == ["12 pct.", "20 pct.", "18 pct."]
    assert row.label == "Flere ansøgninger Antal ansøgninger"


def test_the_first_row_label_starts_after_the_heads():
    start = PASSAGE.index("Udgangspunkt")
    row = table_row(PASSAGE, start, PASSAGE.index("31 pct.") + len("31 pct."))
    assert row is not None and row.label == "Kortere ventetid Dage fra ansøgning til afgørelse"


def test_the_column_is_chosen_by_year_then_by_goal_or_result():
    assert chosen_column(HEADS, [2019], False, False, "percent") == 0
    assert chosen_column(HEADS, [], True, False, "goal") == 1
    assert chosen_column(HEADS, [], False, True, "result") == 2
    assert chosen_column(HEADS, [2022], True, False, "goal") == 2  # the year asked about decides
    assert chosen_column(HEADS, [], False, False, "percent") is None


def test_prose_with_figures_is_no_table_row():
    text = "Andelen faldt fra 40 pct. i 2019 til 31 pct. i 2022, mens målet er 25 pct."
    assert table_row(text, 0, len(text)) is None
    text = "Målet er 25 pct. 30 pct. af borgerne skal have svar."  # one role, no head row
    assert table_row(text, 0, len(text)) is None


def test_a_quoted_row_becomes_the_labelled_cell_asked_for():
    f = labelled(_fact(PASSAGE, *_second_row()), [], True, False, "goal")
    assert f.text == "Flere ansøgninger Antal ansøgninger – Målsætning (2023): 20 pct."
    assert "12 pct." not in f.text and "18 pct." not in f.text


def test_without_a_column_asked_every_figure_gets_its_head():
    f = labelled(_fact(PASSAGE, *_second_row()), [], False, False, "percent")
    assert f.text == ("Flere ansøgninger Antal ansøgninger – Udgangspunkt (2019): 12 pct.; "
                      "Målsætning (2023): 20 pct.; Resultat 2022: 18 pct.")


def test_an_ordinary_sentence_is_left_as_it_is():
    text = "Målet er, at 25 pct. får svar inden for en uge."
    f = _fact(text, 0, len(text))
    assert labelled(f, [], True, False, "goal") == f
