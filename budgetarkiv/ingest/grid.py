"""Tables with merged cells (HTML rowspan/colspan, Word gridSpan/vMerge) -> one text line per row.

The table parser reads a word-processor table as tab-separated lines: one head line naming every column, then
one line per row with every cell under its column. Markup tables say less: a cell spanning two rows or columns
is written once, so a plain cell-by-cell reading shifts every later cell of the row one column to the left.
This module lays the cells out on the full grid first (`place`), then writes the lines (`grid_lines`):

- HEAD: a head of several rows (a group cell "Udgifter pr. år" spanning the year cells below it, a
  "1.000 kr., 2029 p/l" cell spanning both head rows) becomes ONE line whose cell per column is that column's
  own name ("2029"). A group cell's text is moved into the first cell ("1.000 kr., 2029 p/l; Udgifter pr.
  år"), so a unit it states is not lost, but only when the columns below it stay distinct without it; two
  groups "Scenarie 1" / "Scenarie 2" over the same years keep their names in every column ("Scenarie 1 2029"),
  so no two columns read alike.
- BODY: a text cell spanning rows ("Service" over three activity rows) is repeated in each row it covers; an
  amount spanning rows is written once, in its first row (repeating it would count it again). A cell
  spanning columns is written in its first column; the columns it covers are empty.
- A row that is one cell across the whole table is a title line before the table or a footnote line after it
  ("¹ Beløb i 2029-priser"), written without tabs; inside the body it is a group line ("Merudgifter") and
  keeps its tabs, so the rows after it stay in the table.

Which rows form the head: the rows the markup marks as head (HTML <thead>, a Word header row), else the leading
rows made of head cells only (<th>), else a first row that has a cell over two rows and a cell over two
columns and no amount (the usual two-row money head written with <td>). The head then grows while one of its
cells reaches into the next row. Pure functions, no markup library: the readers build `Cell`s.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Cell", "Slot", "place", "grid_lines"]

MAX_SPAN = 1000  # HTML caps colspan at 1000; a larger (or broken) span is read as this
_AMOUNT = re.compile(r"^[-−–]?\d{1,3}(?:[.\s]\d{3})*(?:,\d+)?\*?$|^[-−–]?\d+,\d+$|^[-−–]$")


@dataclass(frozen=True)
class Cell:
    """One cell as the markup writes it: its text (whitespace collapsed), how many rows and columns it spans,
    and whether the markup marks it as a head cell (<th>, <thead>, a Word header row)."""

    text: str
    rows: int = 1
    cols: int = 1
    head: bool = False


@dataclass(frozen=True)
class Slot:
    """A grid position's cell and where that cell starts (the same Slot fills every position it spans)."""

    cell: Cell
    row: int
    col: int


Grid = list[list[Slot | None]]


def place(rows: Sequence[Sequence[Cell | tuple[int, Cell]]]) -> Grid:
    """The full grid of `rows`: each cell fills rows x cols positions.

    A cell given alone goes to the next position of its row that no cell from a row above spans (the HTML
    table model); a `(column, cell)` pair goes to that column (Word, where each cell's grid column is known).
    A row span reaching past the last row ends there. Rows come out equally long, empty positions None.
    """
    grid: Grid = [[] for _ in rows]
    for r, row in enumerate(rows):
        col = 0
        for item in row:
            at, cell = item if isinstance(item, tuple) else (None, item)
            if at is not None:
                col = at
            while col < len(grid[r]) and grid[r][col] is not None:
                col += 1
            height = min(max(cell.rows, 1), len(rows) - r) if cell.rows else len(rows) - r
            width = min(max(cell.cols, 1), MAX_SPAN)
            slot = Slot(cell, r, col)
            for dr in range(height):
                line = grid[r + dr]
                if len(line) < col + width:
                    line.extend([None] * (col + width - len(line)))
                for dc in range(width):
                    if line[col + dc] is None:  # overlapping spans (broken markup): the first cell keeps it
                        line[col + dc] = slot
            col += width
    width = max((len(line) for line in grid), default=0)
    for line in grid:
        line.extend([None] * (width - len(line)))
    return grid


def grid_lines(grid: Grid) -> list[str]:
    """The table as text lines: title lines, one head line, body lines with tab-separated cells, footnotes."""
    if not grid or not grid[0]:
        return []
    width = len(grid[0])
    spanning = [_one_cell_across(line) for line in grid]
    first = next((r for r, one in enumerate(spanning) if not one), len(grid))
    last = max((r for r, one in enumerate(spanning) if not one), default=-1)
    lines = [_text(grid[r][0]) for r in range(first)]  # title rows
    if first > last:
        return [line for line in lines if line]
    head_end = _head_end(grid, first, last)
    if head_end - first >= 2:
        lines.append("\t".join(_head_cells(grid[first:head_end], width)))
        start = head_end
    else:
        start = first
    for r in range(start, last + 1):
        lines.append("\t".join(_body_cell(grid, r, c) for c in range(width)))
    lines += [_text(grid[r][0]) for r in range(last + 1, len(grid))]  # footnote rows
    return [line for line in lines if line]


def is_amount(text: str) -> bool:
    """An amount cell ("1.850", "-300", "1 250", "0,5", "-"); a year ("2029") is no amount."""
    return _AMOUNT.match(text.strip()) is not None


# ----------------------------------------------------------------------------------------------- helpers


def _text(slot: Slot | None) -> str:
    return slot.cell.text if slot is not None else ""


def _one_cell_across(line: Sequence[Slot | None]) -> bool:
    """Is the whole row one cell (a title or footnote written across the table)? A one-column table has
    no such rows: there every row is one cell."""
    return len(line) > 1 and line[0] is not None and all(s is line[0] for s in line) and bool(line[0].cell.text)


def _origins(line: Sequence[Slot | None], r: int) -> list[Slot]:
    seen: list[Slot] = []
    for s in line:
        if s is not None and s.row == r and all(s is not t for t in seen):
            seen.append(s)
    return seen


def _head_end(grid: Grid, first: int, last: int) -> int:
    """The row after the table's head (see the module docstring); `first` when there is no head."""
    end = first
    while end <= last and (cells := _origins(grid[end], end)) and all(s.cell.head for s in cells) \
            and not any(is_amount(s.cell.text) for s in cells):
        end += 1
    if end == first:
        cells = _origins(grid[first], first)
        typical = any(s.cell.rows > 1 for s in cells) and any(s.cell.cols > 1 for s in cells)
        if not typical or any(is_amount(s.cell.text) for s in cells):
            return first
        end = first + 1
    while end <= last and any(s is not None and s.row < end for s in grid[end]):
        end += 1  # a head cell reaches into this row: it belongs to the head
    return end


def _head_cells(head: Grid, width: int) -> list[str]:
    """One name per column from a head of several rows (see HEAD in the module docstring)."""
    stacks: list[list[Slot]] = []
    for c in range(width):
        stack: list[Slot] = []
        for line in head:
            s = line[c]
            if s is not None and s.cell.text and all(s is not t for t in stack):
                stack.append(s)
        stacks.append(stack)
    leaves = [stack[-1] for stack in stacks if stack]
    names = [s.cell.text for s in {id(s): s for s in leaves}.values()]
    if len(names) != len(set(names)):  # the groups tell columns apart: keep them in every column
        return [" ".join(s.cell.text for s in stack) for stack in stacks]
    groups: list[Slot] = []
    cells: list[str] = []
    for c, stack in enumerate(stacks):
        own = []
        for k, s in enumerate(stack):
            if s.cell.cols > 1 and k < len(stack) - 1:
                if all(s is not g for g in groups):
                    groups.append(s)
            elif s.col == c or s.cell.cols == 1:
                own.append(s.cell.text)
        cells.append(" ".join(own))
    lifted = [g.cell.text for g in groups]
    if lifted:
        cells[0] = "; ".join([cells[0], *lifted] if cells[0] else lifted)
    return cells


def _body_cell(grid: Grid, r: int, c: int) -> str:
    """A body position's text: the cell where it starts; a text cell also in the rows it spans below."""
    s = grid[r][c]
    if s is None or s.col != c:
        return ""
    if s.row == r:
        return s.cell.text
    return "" if is_amount(s.cell.text) else s.cell.text
