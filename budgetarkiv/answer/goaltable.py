"""Goal-table rows flattened into prose: the cell asked for, labelled by its row and column head.

A goals table ("Mål | Udgangspunkt (2022) | Målsætning (2026)") reaches the prose passages as one line of
words ("... Udgangspunkt (2022) Målsætning (2026) Færre vikartimer Andel af timer ... 14 pct. 7 pct."): quoted
as it stands, the baseline reads as the goal. Here a quoted sentence ending in a run of values is read as a
table row when the passage names as many baseline / goal / result column heads before it; the value in the
column asked for is quoted as "row label – column head: value", or, when no column is asked for, every
value with its head.
"""
from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, replace

from budgetarkiv.answer.model import Fact

# a column head and its role; an optional year ("Målsætning (2026)", "Resultat 2025")
_YEAR = r"(?:\s*\(?(?:19|20)\d\d\)?)?"
_HEAD = re.compile(
    rf"\b(?:(?P<baseline>udgangspunkt\w*|baseline|starting point)|(?P<goal>målsætning\w*|mål|target|goal)"
    rf"|(?P<result>resultat\w*|status|opnået|result|achieved)){_YEAR}(?![\w-])",
    re.IGNORECASE,
)
_VALUE = r"\d+(?:[.,]\d+)*\s*(?:pct\.?|procent|%|mio\.\s*kr\.|mia\.\s*kr\.|kr\.)"
_RUN = re.compile(rf"(?<![\w.,])(?:{_VALUE})(?:\s+(?:{_VALUE}))+")
_ONE_VALUE = re.compile(rf"(?<![\w.,]){_VALUE}")
_YEAR_IN = re.compile(r"(?:19|20)\d\d")
HEAD_GAP = 40  # characters at most between two heads of one head row
HEAD_REACH = 600  # characters at most from the head row to a row of the table


@dataclass(frozen=True)
class Head:
    text: str
    role: str  # "baseline", "goal" or "result"

    @property
    def year(self) -> int | None:
        m = _YEAR_IN.search(self.text)
        return int(m.group()) if m else None


@dataclass(frozen=True)
class Row:
    label: str
    label_start: int  # offsets in the passage
    heads: tuple[Head, ...]
    values: tuple[tuple[int, int], ...]  # offsets of each value in the passage, one per head


def heads_before(passage: str, pos: int) -> list[tuple[int, int, Head]]:
    """The last row of column heads before `pos`: role heads standing close together."""
    found = [(m.start(), m.end(), Head(" ".join(m.group().split()), m.lastgroup or ""))
             for m in _HEAD.finditer(passage, max(0, pos - HEAD_REACH), pos)]
    block: list[tuple[int, int, Head]] = []
    for h in found:
        block = [*block, h] if block and h[0] - block[-1][1] <= HEAD_GAP else [h]
    return block


def table_row(passage: str, start: int, end: int) -> Row | None:
    """The sentence at `start`-`end` read as a goals-table row: its closing run of values, each under one of
    the baseline / goal / result heads that precede it in the passage; None when it is no such row."""
    runs = list(_RUN.finditer(passage, start, end))
    if not runs:
        return None
    run = runs[-1]
    values = [(m.start(), m.end()) for m in _ONE_VALUE.finditer(passage, run.start(), run.end())]
    block = heads_before(passage, run.start())
    if len(block) < len(values) or len(values) < 2:
        return None
    heads = block[-len(values):]
    if len({h.role for _, _, h in heads}) < 2:
        return None  # a single role twice is no baseline / goal / result table
    label_start = max(start, heads[-1][1])
    label = passage[label_start:run.start()].strip()
    if not label:
        return None
    return Row(label, label_start, tuple(h for _, _, h in heads), tuple(values))


def chosen_column(heads: tuple[Head, ...], years: Collection[int], wants_goal: bool, wants_result: bool,
                  answer_type: str) -> int | None:
    """The column a question asks for: the one whose head names the year asked about, else a goal for a goal
    and a result for a result; None when the question does not say."""
    dated = [i for i, h in enumerate(heads) if h.year is not None and h.year in years]
    if len(dated) == 1:
        return dated[0]
    goal = wants_goal and not wants_result or answer_type == "goal" and not wants_result
    result = wants_result and not wants_goal or answer_type == "result" and not wants_goal
    role = "goal" if goal else "result" if result else None
    picked = [i for i, h in enumerate(heads) if h.role == role]
    return picked[0] if len(picked) == 1 else None


def labelled(f: Fact, years: Collection[int], wants_goal: bool, wants_result: bool, answer_type: str) -> Fact:
    """A quoted goal-table row as the cell asked for ("Andel ... – Målsætning (2026): 7 pct."), or every
    value with its column head when none is asked for; any other sentence unchanged."""
    row = table_row(f.passage, *f.highlight)
    if row is None:
        return f
    col = chosen_column(row.heads, years, wants_goal, wants_result, answer_type)
    if col is not None:
        a, b = row.values[col]
        return replace(f, text=f"{row.label} – {row.heads[col].text}: {f.passage[a:b]}",
                       highlight=(row.label_start, row.values[-1][1]))
    cells = "; ".join(f"{h.text}: {f.passage[a:b]}" for h, (a, b) in zip(row.heads, row.values))
    return replace(f, text=f"{row.label} – {cells}", highlight=(row.label_start, row.values[-1][1]))
