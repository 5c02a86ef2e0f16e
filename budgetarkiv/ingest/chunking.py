"""Notes → passages that follow the note's structure.

Prose is cut per section into paragraph groups of at most `max_words` words (the bundled model reads
about 256 tokens, roughly 100 Danish words; longer passages would be silently cut on the dense side),
never across a section or into a table. Every table becomes its own passage, a row per line with its head,
so both retrievers can find it. Each passage carries note id, year, title, section, scenario and position.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from budgetarkiv.core.models import BudgetTable, Chunk, NormalizedText, Note
from budgetarkiv.core.numbers import format_danish_number
from budgetarkiv.core.text import sentence_ends, starts_header, starts_item
from budgetarkiv.ingest.tables import goal_column_roles, goal_row_sentence

_PARAGRAPH_SPLIT = re.compile(r"\n[ \t]*\n")
_LETTER_ANSWER = re.compile(r"^Ad (\d+)\s*:", re.MULTILINE)
_SCENARIO_IN_HEADING = re.compile(r"scenarie\s*(\d+)", re.IGNORECASE)


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    heading: str | None


def chunk_note(note: Note, max_words: int = 100) -> tuple[Chunk, ...]:
    """All passages of a note: prose by section, then one per table.

    A goal table (baseline / goal / result columns) stays in the prose where it stands, a sentence per row
    naming every value's column (`goal_row_sentence`), so a quoted row never puts a baseline next to a goal
    unlabelled; it gets no table passage of its own.
    """
    pages = NormalizedText(note.text, note.page_starts)
    goals = {t.start: t for t in note.tables if t.end > t.start and is_goal_table(t)}
    table_spans = sorted((t.start, t.end) for t in note.tables if t.end > t.start and t.start not in goals)
    goal_spans = sorted((t.start, t.end) for t in goals.values())
    chunks: list[Chunk] = []
    for span in _section_spans(note):
        for start, end in _subtract(span.start, span.end, table_spans):
            pieces = [(a, b, None) for part in _subtract(start, end, goal_spans)
                      for a, b in _paragraphs(note.text, *part, max_words)]
            pieces += [(a, b, goal_table_text(goals[a])) for a, b in goal_spans if start <= a < end]
            for group in _grouped(note.text, sorted(pieces), max_words):
                p_start, p_end = group[0][0], group[-1][1]
                body = _body(note.text, group)
                if len(body.split()) < 3 and span.heading and body.strip() == span.heading:
                    continue
                if not body:
                    continue
                chunks.append(
                    _make_chunk(note, len(chunks), "prose", body, span.heading, p_start, p_end, pages.page_at(p_start))
                )
    for i, table in enumerate(note.tables):
        if table.start in goals:
            continue
        body = table_as_text(table)
        chunks.append(
            _make_chunk(
                note, len(chunks), "table", body, table.section, table.start, table.end,
                table.page or pages.page_at(table.start), table_index=i, scenario=table.scenario,
            )
        )
    return tuple(chunks)


def table_as_text(table: BudgetTable) -> str:
    """A table as readable lines: its title, its head, then a row per line."""
    lines = [table.title]
    if table.kind == "money":
        head = ", ".join(x for x in (table.unit, table.price_level) if x)
        if head:
            lines.append(head)
        for row in table.rows:
            where = ", ".join(
                x for x in (row.styringsomraade, row.udvalg, row.bevilling, row.indtaegt_udgift) if x
            )
            cells = [f"{y}: {format_danish_number(v)}" for y, v in row.amounts.items()]
            total = [f"I alt: {format_danish_number(row.total)}"] if row.total is not None else []
            extra = [f"{head}: {cell}" for head, cell in row.extra.items()]  # "Årsværk: 2,0", "Afvigelse: -1,8"
            # a row of named columns without years (a follow-up's) carries the unit: quoted alone it still says it
            unit = f" ({head})" if head and extra and not table.years else ""
            lines.append(f"{row.label}{f' ({where})' if where else ''}: {'; '.join([*cells, *total, *extra])}{unit}")
    else:
        if table.columns:
            lines.append(" | ".join(table.columns))
        lines.extend(" | ".join(c for c in row if c) for row in table.text_rows)
    return "\n".join(lines)


def _make_chunk(
    note: Note, ordinal: int, kind: str, body: str, heading: str | None, start: int, end: int,
    page: int | None, table_index: int | None = None, scenario: str | None = None,
) -> Chunk:
    if scenario is None and heading:
        m = _SCENARIO_IN_HEADING.search(heading)
        scenario = f"Scenarie {m.group(1)}" if m else None
    return Chunk(
        chunk_id=f"{note.doc_id}:{ordinal}",
        doc_id=note.doc_id,
        source=note.source,
        doc_type=note.doc_type,
        kind=kind,  # type: ignore[arg-type]
        text=body,
        index_text=_index_text(note, heading, body),
        note_id=note.note_id,
        budget_year=note.budget_year,
        title=note.title,
        section=heading,
        scenario=scenario,
        page=page,
        start=start,
        end=end,
        table_index=table_index,
    )


def _index_text(note: Note, heading: str | None, body: str) -> str:
    """Title and section in every passage: measured to help every retriever on this corpus.

    A letter's title is made from its own opening sentence ("Svar vedr. ..."); repeated in every passage it
    only pulled letters above the notes (measured: three gold retrieval tests lost), so it is left out.
    """
    head = " ".join(
        x for x in (
            note.note_id,
            note.title if note.doc_type != "answer" else None,
            f"Budget {note.budget_year}" if note.budget_year else None,
            heading,
        ) if x
    )
    return f"{head}\n{body}" if head else body


def _section_spans(note: Note) -> list[_Span]:
    """Spans of text by heading; text before the first heading is the head of the note."""
    sections = sorted(note.sections, key=lambda s: s.start)
    if note.doc_type == "answer" and not sections:
        marks = list(_LETTER_ANSWER.finditer(note.text))
        spans = [_Span(0, marks[0].start() if marks else len(note.text), None)]
        for i, m in enumerate(marks):
            end = marks[i + 1].start() if i + 1 < len(marks) else len(note.text)
            spans.append(_Span(m.start(), end, f"Ad {m.group(1)}"))
        return spans
    if not sections:
        return [_Span(0, len(note.text), None)]
    spans = [_Span(0, sections[0].start, None)] if sections[0].start > 0 else []
    for i, s in enumerate(sections):
        end = sections[i + 1].start if i + 1 < len(sections) else len(note.text)
        spans.append(_Span(s.start, max(end, s.start), s.heading))
    return spans


def _subtract(start: int, end: int, holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """[start, end) without the table spans inside it."""
    parts, cursor = [], start
    for h_start, h_end in holes:
        if h_end <= cursor or h_start >= end:
            continue
        if h_start > cursor:
            parts.append((cursor, h_start))
        cursor = max(cursor, h_end)
    if cursor < end:
        parts.append((cursor, end))
    return parts


def is_goal_table(table: BudgetTable) -> bool:
    """A table whose columns are a goal's baseline / goal / result (see `tables.goal_column_roles`)."""
    return table.kind == "text" and goal_column_roles(table.columns) is not None


def goal_table_text(table: BudgetTable) -> str:
    """A goal table as prose: its title (when it has one) and a sentence per row, one per line."""
    rows = [goal_row_sentence(table.columns, row) for row in table.text_rows]
    return "\n".join([table.title, *rows] if table.title else rows)


_Piece = tuple[int, int, str | None]  # offsets in the note's text; the text to show instead (a goal table)


def _paragraphs(text: str, start: int, end: int, max_words: int) -> list[tuple[int, int]]:
    """The paragraphs of text[start:end]; a paragraph longer than `max_words` is cut at sentence ends."""
    pieces: list[tuple[int, int]] = []
    cursor = start
    for m in _PARAGRAPH_SPLIT.finditer(text, start, end):
        pieces.extend(_split_long(text, cursor, m.start(), max_words))
        cursor = m.end()
    pieces.extend(_split_long(text, cursor, end, max_words))
    return pieces


def _grouped(text: str, pieces: list[_Piece], max_words: int) -> list[list[_Piece]]:
    """Consecutive pieces merged up to `max_words`."""
    groups: list[list[_Piece]] = []
    words = 0
    for piece in pieces:
        n = len((piece[2] if piece[2] is not None else text[piece[0]:piece[1]]).split())
        if n == 0:
            continue
        if groups and words + n <= max_words:
            groups[-1].append(piece)
            words += n
        else:
            groups.append([piece])
            words = n
    return groups


def _body(text: str, group: list[_Piece]) -> str:
    """The passage text of merged pieces: the note's own text cleaned, a goal table's rows as given."""
    if all(shown is None for _, _, shown in group):
        return _clean(text[group[0][0]:group[-1][1]])
    parts: list[str] = []
    run: list[_Piece] = []
    for piece in [*group, (0, 0, "")]:
        if piece[2] is None:
            run.append(piece)
            continue
        if run:
            parts.append(_clean(text[run[0][0]:run[-1][1]]))
            run = []
        parts.append(piece[2])
    return "\n".join(p for p in parts if p)


def _split_long(text: str, start: int, end: int, max_words: int) -> list[tuple[int, int]]:
    if len(text[start:end].split()) <= max_words:
        return [(start, end)]
    out: list[tuple[int, int]] = []
    piece_start, words = start, 0
    cursor = start
    for stop in sentence_ends(text, start, end, loose=True):
        n = len(text[cursor:stop].split())
        if words and words + n > max_words:
            out.append((piece_start, cursor))
            piece_start, words = cursor, 0
        words += n
        cursor = stop + len(text[stop:end]) - len(text[stop:end].lstrip())
    if words and words + len(text[cursor:end].split()) > max_words:  # the last sentence counts too
        out.append((piece_start, cursor))
        piece_start = cursor
    out.append((piece_start, end))
    return out


def _clean(text: str) -> str:
    """Line breaks inside a paragraph become spaces, except before a bullet or numbered item, which keeps
    its own line (so each item is a sentence of its own); paragraphs stay apart."""
    paragraphs = [_joined_lines(p) for p in _PARAGRAPH_SPLIT.split(text)]
    return "\n".join(p for p in paragraphs if p)


def _joined_lines(paragraph: str) -> str:
    """A paragraph's lines on one line, but an item or an email's header line ("Subject: ...") on a line of its
    own, and after a list the text that follows a finished item ("... kursister.", then "Forvaltningen følger
    op ...") too."""
    lines: list[str] = []
    in_list = False
    for line in paragraph.split("\n"):
        words = " ".join(line.split())
        if not words:
            continue
        item = starts_item(line)
        after_list = in_list and lines[-1][-1] in ".!?" and words[:1].isupper()
        if lines and not item and not after_list and not starts_header(line):
            lines[-1] += " " + words
        else:
            lines.append(words)
        in_list = item or in_list and not after_list
    return "\n".join(lines)
