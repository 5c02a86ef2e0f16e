"""Merged table cells laid out on the full grid: each cell under its column, one head line, spans repeated
only where repeating them is true (a steering area over several rows), never an amount counted twice."""
from __future__ import annotations

import pytest

from budgetarkiv.ingest.grid import Cell, grid_lines, is_amount, place


def H(text: str, rows: int = 1, cols: int = 1) -> Cell:  # noqa: N802 - reads like the markup's <th>
    return Cell(text, rows, cols, head=True)


def D(text: str, rows: int = 1, cols: int = 1) -> Cell:  # noqa: N802 - <td>
    return Cell(text, rows, cols)


def test_a_cell_over_two_rows_takes_its_column_in_the_second_row_too() -> None:
    grid = place([[D("a", rows=2), D("b")], [D("c")]])
    assert [[s.cell.text if s else None for s in line] for line in grid] == [["a", "b"], ["a", "c"]]
    assert grid[1][0].row == 0  # the slot remembers where the cell starts


def test_explicit_columns_place_cells_where_the_word_grid_puts_them() -> None:
    grid = place([[(1, D("x")), (3, D("y"))]])
    assert [s.cell.text if s else None for s in grid[0]] == [None, "x", None, "y"]


@pytest.mark.parametrize("rows, expected", [
    # a group head over the years, a unit cell and a total over both head rows (mio. kr., English-free)
    ([[H("Mio. kr., 2031-priser", rows=2), H("Budgetår og overslagsår", cols=3), H("Samlet", rows=2)],
      [H("2031"), H("2032"), H("2033")],
      [D("Vejvedligehold"), D("2,5"), D("2,5"), D("-"), D("5,0")]],
     ["Mio. kr., 2031-priser; Budgetår og overslagsår\t2031\t2032\t2033\tSamlet",
      "Vejvedligehold\t2,5\t2,5\t-\t5,0"]),
    # the unit only in the group head; an empty corner cell
    ([[H("", rows=2), H("Budget (1.000 kr.)", cols=2)],
      [H("2030"), H("2031")],
      [D("Drift"), D("-1.200"), D("-1.200")]],
     ["Budget (1.000 kr.)\t2030\t2031", "Drift\t-1.200\t-1.200"]),
    # two scenario groups over the same years: the group names stay in every column
    ([[H("", rows=2), H("Scenarie 1", cols=2), H("Scenarie 2", cols=2)],
      [H("2030"), H("2031"), H("2030"), H("2031")],
      [D("Drift"), D("100"), D("100"), D("200"), D("200")]],
     ["\tScenarie 1 2030\tScenarie 1 2031\tScenarie 2 2030\tScenarie 2 2031", "Drift\t100\t100\t200\t200"]),
    # a two-row head written with <td> only: a cell over two rows and one over two columns, no amount
    ([[D("tkr.", rows=2), D("Udvalg", rows=2), D("Overslag", cols=2)],
      [D("2029"), D("2030")],
      [D("Rengøring"), D("ØU"), D("1.250"), D("1.250")]],
     ["tkr.; Overslag\tUdvalg\t2029\t2030", "Rengøring\tØU\t1.250\t1.250"]),
])
def test_a_head_of_several_rows_becomes_one_line_naming_every_column(rows, expected) -> None:
    assert grid_lines(place(rows)) == expected


def test_a_steering_area_over_three_rows_is_repeated_but_an_amount_over_two_rows_is_written_once() -> None:
    rows = [
        [H("1.000 kr."), H("Styringsområde"), H("2030"), H("I alt")],
        [D("Lønninger"), D("Service", rows=3), D("800"), D("800")],
        [D("Husleje"), D("300"), D("600", rows=2)],
        [D("Inventar"), D("300")],
        [D("Tilskud"), D("Overførsler"), D("-50"), D("-50")],
    ]
    assert grid_lines(place(rows)) == [
        "1.000 kr.\tStyringsområde\t2030\tI alt",
        "Lønninger\tService\t800\t800",
        "Husleje\tService\t300\t600",
        "Inventar\tService\t300\t",
        "Tilskud\tOverførsler\t-50\t-50",
    ]


def test_a_cell_across_columns_is_written_in_its_first_column_and_the_others_stay_empty() -> None:
    rows = [[H("tkr."), H("Styringsområde"), H("2030")], [D("Netto i alt", cols=2), D("950")]]
    assert grid_lines(place(rows))[1] == "Netto i alt\t\t950"


def test_rows_across_the_whole_table_are_title_and_footnote_lines_but_a_group_line_inside_keeps_its_tabs() -> None:
    rows = [
        [D("Tabel 3: Udgifter til vinterberedskab", cols=3)],
        [H("1.000 kr."), H("2030"), H("2031")],
        [D("Merudgifter", cols=3)],
        [D("Saltning"), D("400"), D("400")],
        [D("¹ Beløb i 2030-priser", cols=3)],
    ]
    assert grid_lines(place(rows)) == [
        "Tabel 3: Udgifter til vinterberedskab",
        "1.000 kr.\t2030\t2031",
        "Merudgifter\t\t",
        "Saltning\t400\t400",
        "¹ Beløb i 2030-priser",
    ]


def test_a_goal_table_with_a_target_group_over_several_rows_keeps_every_row() -> None:
    rows = [
        [D("Målgruppe"), D("Indsats"), D("Målsætning")],
        [D("Unge ledige", rows=2), D("Mentorforløb"), D("60 pct. i job")],
        [D("Virksomhedspraktik"), D("40 pct. i uddannelse")],
    ]
    assert grid_lines(place(rows)) == [
        "Målgruppe\tIndsats\tMålsætning",
        "Unge ledige\tMentorforløb\t60 pct. i job",
        "Unge ledige\tVirksomhedspraktik\t40 pct. i uddannelse",
    ]


def test_ragged_rows_and_spans_past_the_end_are_padded_not_lost() -> None:
    rows = [[H("tkr."), H("2030"), H("2031")], [D("Drift", rows=5), D("10")]]
    assert grid_lines(place(rows)) == ["tkr.\t2030\t2031", "Drift\t10\t"]


@pytest.mark.parametrize("text, amount", [
    ("1.850", True), ("-300", True), ("1 250", True), ("0,5", True), ("−2,75", True), ("-", True),
    ("2029", False), ("Service", False), ("1.000 kr., 2029 p/l", False), ("", False),
])
def test_what_counts_as_an_amount_cell(text: str, amount: bool) -> None:
    assert is_amount(text) is amount
