"""A quoted goal-table row narrowed to the cell the question asks for.

Ingest writes each row of a goal table into its passage as one line that names every value's column
("Andel af timer dækket af vikarer: målsætning (2026) 7 pct.; resultat 2025 9 pct.", see
`ingest.tables.goal_row_sentence`). Quoted whole, the row answers "what were the figures"; a question about
the goal (or a year) gets the row's label with that one cell, so a result beside it is not read as the goal.
"""
from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

from budgetarkiv.answer.model import Fact
from budgetarkiv.ingest.tables import GOAL_HEAD_RE, GOAL_VALUE_ROLES, goal_head_role

_YEAR_IN = re.compile(r"(?:19|20)\d\d")


@dataclass(frozen=True)
class Cell:
    head: str  # "målsætning (2026)"
    role: str  # "baseline", "goal", "result" or "assessment"
    value: str  # "7 pct."

    @property
    def year(self) -> int | None:
        m = _YEAR_IN.search(self.head)
        return int(m.group()) if m else None


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[Cell, ...]
    start: int  # offsets of the row's line in the passage
    end: int


def row_at(passage: str, start: int, end: int) -> Row | None:
    """The goal-table row whose line holds `start`-`end`, or None when that line is no such row."""
    a = passage.rfind("\n", 0, start) + 1
    b = passage.find("\n", end)
    b = len(passage) if b < 0 else b
    if passage.find("\n", start, end) >= 0:
        return None
    line = passage[a:b]
    for split in [m.start() for m in re.finditer(": ", line)] or [-2]:
        cells = _cells(line[split + 2:])
        if cells:
            return Row(line[:max(split, 0)], cells, a, b)
    return None


def _cells(text: str) -> tuple[Cell, ...]:
    """ "målsætning (2026) 7 pct.; resultat 2025 9 pct." as cells; () unless every part is a value under a
    role head and at least two of baseline / goal / result are there."""
    out: list[Cell] = []
    for part in text.split("; "):
        m = GOAL_HEAD_RE.match(part)
        value = part[m.end():].removeprefix(":").strip() if m else ""
        if m is None or not value or part[m.end():m.end() + 1] not in (" ", ":"):
            return ()
        if re.fullmatch(r"[-−–]?\d+(?:[.,]\d+)*\.", value):
            value = value[:-1]  # the row's full stop after a bare figure ("mål 2031: 90.")
        out.append(Cell(m.group(), goal_head_role(m.group()) or "", value))
    if len({c.role for c in out} & set(GOAL_VALUE_ROLES)) < 2:
        return ()
    return tuple(out)


def chosen_cell(cells: tuple[Cell, ...], years: Collection[int], wants_goal: bool, wants_result: bool,
                answer_type: str) -> int | None:
    """The cell a question asks for: the one whose head names the year asked about, else a goal for a goal
    and a result for a result; None when the question does not say."""
    dated = [i for i, c in enumerate(cells) if c.year is not None and c.year in years]
    if len(dated) == 1:
        return dated[0]
    goal = wants_goal and not wants_result or answer_type == "goal" and not wants_result
    result = wants_result and not wants_goal or answer_type == "result" and not wants_goal
    role = "goal" if goal else "result" if result else None
    picked = [i for i, c in enumerate(cells) if c.role == role]
    return picked[0] if len(picked) == 1 else None


def labelled(f: Fact, years: Collection[int], wants_goal: bool, wants_result: bool, answer_type: str) -> Fact:
    """A quoted goal-table row (or a part of it) as its label and the cell asked for ("Andel ...: målsætning
    (2026) 7 pct."), or the whole row when no cell is asked for; any other sentence unchanged."""
    row = row_at(f.passage, *f.highlight)
    if row is None:
        return f
    whole = replace(f, text=f.passage[row.start:row.end], highlight=(row.start, row.end))
    col = chosen_cell(row.cells, years, wants_goal, wants_result, answer_type)
    if col is None:
        return whole
    cell = row.cells[col]
    text = f"{cell.head} {cell.value}" if cell.value[:1].isdigit() and not cell.head[-1:].isdigit() \
        else f"{cell.head}: {cell.value}"  # ("mål 2032: 95": a year and a value apart)
    return replace(whole, text=f"{row.label}: {text}" if row.label else text)


def labelled_facts(facts: Sequence[Fact], years: Collection[int], wants_goal: bool, wants_result: bool,
                   answer_type: str) -> list[Fact]:
    """`labelled` for each fact; two clauses of one row (a goal and a result asked for) become one quote."""
    out: list[Fact] = []
    for f in facts:
        g = labelled(f, years, wants_goal, wants_result, answer_type)
        if not any(g.passage == o.passage and g.highlight == o.highlight and g.text == o.text for o in out):
            out.append(g)
    return out
