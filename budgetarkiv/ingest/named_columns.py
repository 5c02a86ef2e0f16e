"""Money tables whose columns are named, not years: a budget follow-up's "Korr. budget | Forv. forbrug | Afvigelse".

Budget follow-ups (budgetopfølgning) and accounts compare, per programme, the budget with the (expected) spending
and the deviation, all for one year. Their rows are money, but the columns are no years, so they fit no year
table; each row is kept with its cells by column head in `TableRow.extra`, as written ("6,4", "-1,8"), and its
columns are checked against the sum row. A row whose cells cannot all be placed (PDF text lost an empty cell) is
reported unreadable rather than guessed.

Pure functions over the text's lines; `ingest.tables` calls `named_columns_table` for a titled table with no year
columns.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from budgetarkiv.core.models import Amount, TableCheck, TableRow
from budgetarkiv.core.numbers import parse_danish_number

# A column head of a follow-up table: a budget, a spending or accounts figure, or a deviation, maybe with its year.
_NAMED_HEAD = (
    r"(?:(?:korr\.|korrigeret|korrigerede|opr\.|oprindeligt|oprindelige|vedtaget|vedtagne|forv\.|forventet|"
    r"forventede|revideret|reviderede|faktisk|faktiske)\s*)?(?:budget|forbrug|regnskab|bevilling)"
    r"|afvigelse|mer-?\s*/\s*mindreforbrug|merforbrug|mindreforbrug|mer-?\s*/\s*mindreudgift|difference|forskel"
    r"|realiseret|restbudget|overførsel|actual|forecast|variance|deviation|revised budget|original budget"
)
_HEAD_RE = re.compile(rf"(?:{_NAMED_HEAD})(?:\s*\(?\s*(?:19|20)\d\d\s*\)?)?", re.IGNORECASE)
_AT_END_RE = re.compile(rf"(?:^|\s)((?:{_HEAD_RE.pattern}))$", re.IGNORECASE)
_CELL_RE = re.compile(r"^(?:[-−–÷]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?|\((?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?\))$")
_SUM_RE = re.compile(r"\bi\s+alt\b|^(?:Samlet|Samlede|Total|Netto)\b", re.IGNORECASE)
MIN_COLUMNS = 2
MAX_LABEL_LINES = 4


@dataclass(frozen=True)
class NamedTable:
    """A follow-up table as read: its column heads, rows, checks, unreadable rows and the index of its last line."""

    head_text: str  # what stands before the named columns in the head line ("Indsats", "Mio. kr.")
    columns: tuple[str, ...]
    rows: tuple[TableRow, ...]
    checks: tuple[TableCheck, ...]
    unreadable: tuple[str, ...]
    last_line: int


def named_heads(line: str) -> tuple[str, tuple[str, ...]] | None:
    """(text before, column heads) of a follow-up table's head line, or None: tab-separated cells, else heads
    taken off the line's end ("Indsats Korr. budget Forv. forbrug Afvigelse"). At least two named columns."""
    if "\t" in line.strip():
        cells = [" ".join(c.split()) for c in line.strip().split("\t")]
        while cells and not cells[-1]:
            cells.pop()
        heads = cells[1:] if len(cells) > 1 else []
        if len(heads) >= MIN_COLUMNS and all(_HEAD_RE.fullmatch(h) for h in heads):
            return cells[0], tuple(heads)
        return None
    rest = " ".join(line.split())
    heads: list[str] = []
    while (m := _AT_END_RE.search(rest)) is not None:
        heads.insert(0, m.group(1))
        rest = rest[: m.start()].rstrip()
    if len(heads) < MIN_COLUMNS:
        return None
    return rest, tuple(heads)


def _cells(text: str, width: int) -> tuple[str, list[str]] | None:
    """(label, cells) of a row whose last `width` tokens are its cells (tab-separated or not)."""
    if "\t" in text.strip():
        parts = [" ".join(c.split()) for c in text.strip().split("\t")]
        while len(parts) > width + 1 and not parts[-1]:
            parts.pop()
        if len(parts) != width + 1 or not all(not c or _CELL_RE.match(c.replace(" ", "")) or c in "-–—"
                                              for c in parts[1:]):
            return None
        return parts[0], parts[1:]
    tokens = text.split()
    k = len(tokens)
    while k > 0 and (_CELL_RE.match(tokens[k - 1]) or tokens[k - 1] in ("-", "–", "—")):
        k -= 1
    if len(tokens) - k != width or k == 0:
        return None
    return " ".join(tokens[:k]), tokens[k:]


def _value(cell: str) -> Amount | None:
    cell = cell.replace(" ", "")
    if cell.startswith("(") and cell.endswith(")"):
        value = parse_danish_number(cell[1:-1])
        return -value if value is not None else None
    return parse_danish_number(cell)


def _checks(rows: Sequence[TableRow], columns: Sequence[str]) -> tuple[TableCheck, ...]:
    """Each column of the item rows against the (last) sum row; never fixes."""
    sums = [r for r in rows if r.is_sum]
    parts = [r for r in rows if not r.is_sum and r.part_of is None]
    if not sums or not parts:
        return ()
    checks: list[TableCheck] = []
    for column in columns:
        stated = _value(sums[-1].extra.get(column, "")) if sums[-1].extra.get(column) else None
        values = [v for r in parts if (v := _value(r.extra.get(column, "") or "")) is not None]
        if stated is None and not values:
            continue
        computed = round(sum(values), 6) if any(isinstance(v, float) for v in values) else sum(values)
        expected = stated if stated is not None else 0
        checks.append(TableCheck("column_sum", column, expected, computed, abs(expected - computed) < 1e-6))
    return tuple(checks)


def named_columns_table(texts: Sequence[str], start: int, is_boundary: Callable[[int], bool]) -> NamedTable | None:
    """The follow-up table whose head is the first filled line from `start` (within a few lines), or None.

    `texts` are the lines (tabs kept), `is_boundary(j)` says whether line j is a heading, title or footnote that
    no row runs into. Rows are label lines followed by a line ending in exactly one cell per column; a sum row
    ("I alt") closes the table."""
    j = start
    seen = 0
    head = None
    while j < len(texts) and seen < 3:
        if texts[j].strip():
            if is_boundary(j):
                return None
            head = named_heads(texts[j])
            seen += 1
            if head is not None:
                break
        j += 1
    if head is None:
        return None
    head_text, columns = head
    rows: list[TableRow] = []
    unreadable: list[str] = []
    pending: list[str] = []
    last = j
    for k in range(j + 1, len(texts)):
        text = texts[k]
        if not text.strip():
            if rows and not pending:
                # a blank line after the rows ends the table unless another row follows at once
                nxt = next((m for m in range(k + 1, len(texts)) if texts[m].strip()), None)
                if nxt is None or is_boundary(nxt) or _cells(texts[nxt], len(columns)) is None:
                    break
            continue
        if is_boundary(k):
            break
        read = _cells(text, len(columns))
        if read is None:
            if any(_CELL_RE.match(t) for t in text.split()[-1:]) and not pending:
                unreadable.append(" ".join(text.split()))  # figures, but not one per column
                last = k
                continue
            pending.append(" ".join(text.split()))
            if len(pending) > MAX_LABEL_LINES:
                break
            continue
        label = " ".join([*pending, read[0]]).strip()
        pending = []
        extra = {c: cell for c, cell in zip(columns, read[1]) if cell and cell not in ("-", "–", "—")}
        if not extra:
            break
        row = TableRow(label=label, amounts={}, is_sum=_SUM_RE.search(label) is not None, extra=extra)
        rows.append(row)
        last = k
        if row.is_sum:
            break
    if not rows:
        return None
    return NamedTable(head_text, columns, tuple(rows), _checks(rows, columns), tuple(unreadable), last)


def named_row_text(row: TableRow) -> str:
    """ "Jobspor Autisme: Korr. budget 3,2; Forv. forbrug 2,7; Afvigelse -0,5": a row that names each cell's column,
    so a quoted row never puts the budget next to the deviation unnamed."""
    cells = "; ".join(f"{head} {cell}" for head, cell in row.extra.items())
    return f"{row.label}: {cells}"
