"""A quoted goal-table row (as ingest writes it into the passage) is narrowed to the cell asked for."""
from budgetarkiv.answer.goaltable import Cell, chosen_cell, labelled, labelled_facts, row_at
from budgetarkiv.answer.model import Fact
from budgetarkiv.ingest.tables import goal_row_sentence

HEAD = ("Mål", "Udgangspunkt (2019)", "Målsætning (2023)", "Resultat 2022")
ROWS = (("Dage fra ansøgning til afgørelse", "40 dage", "25 dage", "31 dage"),
        ("Andel af ansøgninger med svar inden for en uge", "12 pct.", "20 pct.", "18 pct."))
PASSAGE = "\n".join(["Opfølgning Forvaltningen måler to gange om året.",
                     *(goal_row_sentence(HEAD, r) for r in ROWS), "Status gives til udvalget."])
CELLS = (Cell("udgangspunkt (2019)", "baseline", "12 pct."), Cell("målsætning (2023)", "goal", "20 pct."),
         Cell("resultat 2022", "result", "18 pct."))


def _fact(start: int, end: int, passage: str = PASSAGE) -> Fact:
    return Fact(text=passage[start:end], passage=passage, highlight=(start, end), source="x", doc_id="d",
                note_id=None, budget_year=None, title=None, section=None, page=None)


def _second_row() -> tuple[int, int]:
    start = PASSAGE.index("Andel af")
    return start, PASSAGE.index("\n", start)


def test_a_row_line_is_read_as_its_label_and_cells():
    row = row_at(PASSAGE, *_second_row())
    assert row is not None
    assert row.label == "Andel af ansøgninger med svar inden for en uge"
    assert row.cells == CELLS


def test_a_part_of_a_row_finds_the_whole_row():
    start = PASSAGE.index("målsætning (2023) 20 pct.")
    row = row_at(PASSAGE, start, start + len("målsætning (2023) 20 pct."))
    assert row is not None and (row.start, row.end) == _second_row()


def test_the_cell_is_chosen_by_year_then_by_goal_or_result():
    assert chosen_cell(CELLS, [2019], False, False, "percent") == 0
    assert chosen_cell(CELLS, [], True, False, "goal") == 1
    assert chosen_cell(CELLS, [], False, True, "result") == 2
    assert chosen_cell(CELLS, [2022], True, False, "goal") == 2  # the year asked about decides
    assert chosen_cell(CELLS, [], False, False, "percent") is None


def test_a_goal_question_gets_the_row_label_and_the_goal_cell():
    f = labelled(_fact(*_second_row()), [], True, False, "goal")
    assert f.text == "Andel af ansøgninger med svar inden for en uge: målsætning (2023) 20 pct."
    assert f.highlight == _second_row()


def test_a_clause_of_a_row_is_quoted_with_its_label():
    start = PASSAGE.index("resultat 2022: 18 pct.")
    f = labelled(_fact(start, start + len("resultat 2022: 18 pct.")), [], False, False, "percent")
    assert f.text == PASSAGE[slice(*_second_row())]  # no cell asked for: the whole row, every value labelled


def test_sentences_that_are_no_rows_are_left_as_they_are():
    for text in ("Målet er, at 25 pct. får svar inden for en uge.",
                 "Andelen faldt fra 40 pct. i 2019 til 31 pct. i 2022, mens målet er 25 pct.",
                 "Status: 31 pct. har fået svar.",
                 "Mål: målsætning (2023) 25 pct.; målsætning (2024) 20 pct."):  # one role only
        f = _fact(0, len(text), text)
        assert labelled(f, [], True, False, "goal") == f


def test_two_clauses_of_one_row_become_one_quote():
    goal, result = PASSAGE.index("målsætning (2023) 20 pct."), PASSAGE.index("resultat 2022: 18 pct.")
    facts = [_fact(goal, goal + len("målsætning (2023) 20 pct.")), _fact(result, result + len("resultat 2022: 18 pct."))]
    assert [f.text for f in labelled_facts(facts, [], True, True, "result")] == [PASSAGE[slice(*_second_row())]]


def test_a_row_of_years_and_a_dated_goal_gives_the_year_or_the_goal_asked_for():
    passage = "\n".join(["Andelen af elever, der kan svømme, i pct.",
                          goal_row_sentence(("Skole", "2027", "2028", "Mål 2031"), ("Skolen ved Søerne", "64", "70", "90")),
                          "Målet følger de nationale anbefalinger."])
    start = passage.index("Skolen ved")
    row = (start, passage.index("\n", start))
    assert labelled(_fact(*row, passage), [], True, False, "goal").text == "Skolen ved Søerne: mål 2031: 90"
    assert labelled(_fact(*row, passage), [2028], False, False, "percent").text == "Skolen ved Søerne: 2028: 70"
