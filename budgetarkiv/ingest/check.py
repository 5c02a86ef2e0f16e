"""A reader check: what the ingest pipeline could not make of each document, listed so a person sees the gaps.

An answer can only be as good as the reading under it, and a misread note head or table shape is invisible
until someone looks: the note simply has no id, a column is missing, a table is prose. `check_note` looks at one
parsed `Note` (the pipeline's own result, nothing is parsed again) and lists findings such as a budget note
without an id, a money table whose year columns or unit were not read, a table that does not add up, or lines of
amounts that no table took. It is a report, never a repair; `budgetarkiv check FOLDER` runs it over an archive.

Pure functions over `Note` and `ReadError` values, so they test without files.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from budgetarkiv.core.models import BudgetTable, Note, ReadError, to_jsonable
from budgetarkiv.core.numbers import format_danish_number
from budgetarkiv.core.text import BODY_HEADINGS
from budgetarkiv.ingest.tables import AMOUNT_CELL_RE, goal_column_roles
from budgetarkiv.ingest.units import PRICE_LEVEL_RE

Level = Literal["gap", "note"]

# Every kind of finding: its level ("gap": the reader most likely missed something; "note": worth a look, often
# right) and a Danish line saying what it means, shown in the report's summary.
KINDS: dict[str, tuple[Level, str]] = {
    "read_error": ("gap", "filen kunne ikke læses"),
    "parse_failed": ("gap", "læseren fejlede på dokumentet"),
    "reader_reported": ("note", "læseren meldte et problem"),
    "no_note_id": ("gap", "budgetnotat uden notat-id"),
    "no_title": ("gap", "budgetnotat uden titel"),
    "no_budget_year": ("gap", "budgetnotat uden budgetår"),
    "no_sections": ("note", "budgetnotat uden afsnitsoverskrifter"),
    "looks_like_note": ("gap", "ligner et budgetnotat, men blev læst som andet"),
    "money_in_other": ("note", "pengetabeller i et dokument læst som andet end budgetnotat/svar"),
    "years_not_read": ("gap", "pengetabel hvis årskolonner ikke blev læst"),
    "head_year_not_read": ("gap", "år i tabelhovedet som ikke blev en kolonne"),
    "row_sum_failed": ("gap", "rækker hvis årsbeløb ikke giver rækkens i alt"),
    "column_sum_failed": ("gap", "kolonner hvis rækker ikke giver sumrækken"),
    "unreadable_rows": ("gap", "rækker læseren ikke kunne læse"),
    "unchecked_table": ("note", "pengetabel uden i alt-kolonne og sumrække (kan ikke kontrolleres)"),
    "empty_money_table": ("gap", "pengetabel uden rækker"),
    "unit_unknown": ("gap", "pengetabel uden kendt enhed"),
    "price_level_unknown": ("note", "pengetabel uden kendt prisniveau"),
    "text_table_with_amounts": ("gap", "teksttabel med beløb (ikke læst som pengetabel)"),
    "amounts_outside_tables": ("gap", "linjer med beløb uden for enhver tabel"),
}

# What `parse_note` writes in `Note.errors` for a budget note that lacks a part: the finding it becomes.
_BUDGET_ERRORS = {
    "no note id found": "no_note_id",
    "no title found": "no_title",
    "no budget year found": "no_budget_year",
    "no section headings found": "no_sections",
}

MIN_ROW_CELLS = 3  # a line ending in this many amount cells is a table row, not prose
MIN_LOOSE_ROWS = 2  # ... and this many such lines in a run are a table no reader took
MIN_TEXT_TABLE_AMOUNT_ROWS = 2  # rows of a text table holding at least two amount cells each
MIN_LOOKS_LIKE_NOTE_HEADINGS = 3  # distinct budget-note headings in an "other" document
MAX_DETAIL = 160

_YEAR_TOKEN_RE = re.compile(r"(?<![\d.,/-])((?:19|20)\d{2})(?![\d.,])")
_CELL_SPLIT_RE = re.compile(r"[\t|]|\s+")


@dataclass(frozen=True)
class Finding:
    """One thing the reader probably missed; `table` names the table it is about, when it is about one."""

    kind: str  # a key of KINDS
    message: str  # Danish, for a person
    table: str | None = None

    @property
    def level(self) -> Level:
        return KINDS[self.kind][0]


@dataclass(frozen=True)
class DocumentCheck:
    """The findings for one document, with what was read of its head (to recognise it in the report)."""

    source: str
    doc_type: str | None = None  # None: the file could not be read
    note_id: str | None = None
    title: str | None = None
    budget_year: int | None = None
    tables: int = 0
    money_tables: int = 0
    findings: tuple[Finding, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class CheckReport:
    documents: tuple[DocumentCheck, ...]

    @property
    def counts(self) -> dict[str, int]:
        """Findings per kind, in the order of KINDS (kinds without findings left out)."""
        seen = Counter(f.kind for d in self.documents for f in d.findings)
        return {k: seen[k] for k in KINDS if seen[k]}

    @property
    def documents_with_gaps(self) -> int:
        return sum(1 for d in self.documents if any(f.level == "gap" for f in d.findings))

    def to_json(self) -> dict[str, Any]:
        """The report as `budgetarkiv check --json` prints it: documents with their findings (each with its level),
        then the count per kind."""
        documents = []
        for doc in self.documents:
            data = to_jsonable(doc)
            data["findings"] = [to_jsonable(f) | {"level": f.level} for f in doc.findings]
            documents.append(data)
        return {"documents": documents, "summary": self.counts, "documents_checked": len(self.documents),
                "documents_with_gaps": self.documents_with_gaps}


def _short(text: str, limit: int = MAX_DETAIL) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _name(table: BudgetTable) -> str:
    return _short(table.title or (f"Tabel {table.number}" if table.number else "tabel uden titel"), 80)


def check_read_error(error: ReadError) -> DocumentCheck:
    """A file that could not be read, with the reader's reason."""
    return DocumentCheck(source=error.source, findings=(Finding("read_error", error.reason),))


def check_failure(source: str, exc: BaseException) -> DocumentCheck:
    """A document the parser raised on (a bug to fix, reported by name rather than stopping the check)."""
    return DocumentCheck(source=source, findings=(Finding("parse_failed", f"{type(exc).__name__}: {exc}"),))


def _head_findings(note: Note) -> list[Finding]:
    found: list[Finding] = []
    for error in note.errors:
        kind = _BUDGET_ERRORS.get(error) if note.doc_type == "budget_note" else None
        if kind == "no_note_id":
            found.append(Finding(kind, "Intet notat-id fundet i hovedet" + (f" (titel: {_short(note.title, 80)})"
                                                                            if note.title else "")))
        elif kind == "no_title":
            found.append(Finding(kind, "Ingen titel fundet i hovedet"))
        elif kind == "no_budget_year":
            found.append(Finding(kind, "Intet budgetår fundet (hverken i hovedet, teksten eller prisniveauet)"))
        elif kind == "no_sections":
            found.append(Finding(kind, "Ingen af de faste afsnitsoverskrifter fundet"))
        else:
            found.append(Finding("reader_reported", _short(error)))
    money = [t for t in note.tables if t.kind == "money"]
    if note.doc_type == "other":
        headings = {s.heading for s in note.sections} & BODY_HEADINGS
        if not note.note_id and len(headings) >= MIN_LOOKS_LIKE_NOTE_HEADINGS:
            found.append(Finding("looks_like_note", f"Læst som 'andet', men har budgetnotatets afsnit "
                                                    f"({', '.join(sorted(headings))}) og intet notat-id"))
        if money:
            found.append(Finding("money_in_other", f"Læst som 'andet', men har {len(money)} pengetabel(ler): "
                                                   "rækkerne står uden notat-id"))
    return found


def _unread_head_years(note: Note, table: BudgetTable) -> list[str]:
    """Years in the table's head line that are no column of the table: a "Varigt fra 2035" or "Overslag 2031"
    column the reader did not take (a column kept as written in `TableRow.extra` is read). The head line is a
    line of the table holding two or more of the years read (so prose above an untitled table, "i 2019-2022
    finansieret af ...", is no head); price levels ("2024 p/l") are left out."""
    kept = " ".join(head for row in table.rows for head in row.extra)  # "Varigt fra 2035" kept as a column
    missing: list[str] = []
    for line in note.text[table.start:table.end].splitlines():
        years = [y for y in _YEAR_TOKEN_RE.findall(PRICE_LEVEL_RE.sub(" ", line)) if y not in kept]
        if len(set(years) & set(table.years)) < 2:
            continue
        missing.extend(y for y in years if y not in table.years and y not in missing)
    return missing


def _check_lines(table: BudgetTable) -> list[Finding]:
    found: list[Finding] = []
    name = _name(table)
    rows = [c for c in table.checks if c.kind == "row_total" and not c.ok]
    if rows:
        found.append(Finding("row_sum_failed", "; ".join(
            f"{_short(c.subject, 50)}: i alt {format_danish_number(c.expected)}, cellerne giver "
            f"{format_danish_number(c.computed)}" for c in rows[:4]) + (" …" if len(rows) > 4 else ""), name))
    columns = [c for c in table.checks if c.kind == "column_sum" and not c.ok]
    if columns:
        found.append(Finding("column_sum_failed", "; ".join(
            f"{c.subject}: sumrækken {format_danish_number(c.expected)}, rækkerne giver "
            f"{format_danish_number(c.computed)}" for c in columns[:4]) + (" …" if len(columns) > 4 else ""), name))
    return found


def _money_findings(note: Note, table: BudgetTable) -> list[Finding]:
    name = _name(table)
    found: list[Finding] = []
    named_columns = any(r.extra for r in table.rows) and not any(r.amounts for r in table.rows)
    if not table.rows:
        found.append(Finding("empty_money_table", "Tabellens hoved blev læst, men ingen rækker", name))
    if not table.years and not named_columns:
        found.append(Finding("years_not_read", "Ingen årskolonner læst", name))
    missing = _unread_head_years(note, table) if table.years else []
    if missing:
        found.append(Finding("head_year_not_read", f"Hovedet nævner {', '.join(missing)}, men tabellens kolonner "
                                                   f"er {', '.join(table.years)}", name))
    found.extend(_check_lines(table))
    if table.unreadable:
        found.append(Finding("unreadable_rows", f"{len(table.unreadable)} række(r), fx «{_short(table.unreadable[0], 90)}»",
                             name))
    if table.rows and not table.checks and not table.unreadable:
        found.append(Finding("unchecked_table", f"{len(table.rows)} rækker uden i alt-kolonne og uden sumrække", name))
    if table.unit is None:
        found.append(Finding("unit_unknown", "Ingen enhed (fx 1.000 kr.) i titel, hoved eller teksten over", name))
    if table.price_level is None:
        found.append(Finding("price_level_unknown", "Intet prisniveau (fx 2026 p/l) i titel, hoved eller teksten over",
                             name))
    return found


def _amount_cells(cells: Iterable[str]) -> int:
    return sum(1 for c in cells if AMOUNT_CELL_RE.match(c.strip()))


def _text_table_findings(table: BudgetTable) -> list[Finding]:
    if goal_column_roles(table.columns) is not None:
        return []  # a goals table: its figures are baselines and goals, not money
    rows = [r for r in table.text_rows if _amount_cells(r) >= 2]
    if len(rows) < MIN_TEXT_TABLE_AMOUNT_ROWS:
        return []
    return [Finding("text_table_with_amounts", f"{len(rows)} rækker med beløb læst som tekst, fx "
                                               f"«{_short(' | '.join(rows[0]), 90)}»", _name(table))]


def _trailing_amounts(line: str) -> int:
    """How many amount cells the line ends in ("Drift 1.450 1.450 -" -> 3; an empty cell "-" counts)."""
    cells = [c for c in _CELL_SPLIT_RE.split(line.strip()) if c]
    count = 0
    for cell in reversed(cells):
        if AMOUNT_CELL_RE.match(cell) or cell in ("-", "–", "—"):
            count += 1
        else:
            break
    return count


def _loose_rows(note: Note) -> list[Finding]:
    """Runs of lines that end in amount cells like a table's rows, outside every table the reader found."""
    spans = [(t.start, t.end) for t in note.tables]
    found: list[Finding] = []
    run: list[str] = []
    offset = 0

    def flush() -> None:
        if len(run) >= MIN_LOOSE_ROWS:
            found.append(Finding("amounts_outside_tables", f"{len(run)} linjer ligner tabelrækker, men ingen tabel "
                                                           f"blev læst her, fx «{_short(run[0], 100)}»"))
        run.clear()

    for line in note.text.splitlines(keepends=True):
        start, offset = offset, offset + len(line)
        if not line.strip():
            continue  # blank lines between a PDF's rows do not end a run
        inside = any(a <= start < b for a, b in spans)
        if not inside and _trailing_amounts(line) >= MIN_ROW_CELLS:
            run.append(line.strip())
        else:
            flush()
    flush()
    return found


def check_note(note: Note) -> DocumentCheck:
    """Every finding for one parsed document."""
    findings = _head_findings(note)
    for table in note.tables:
        if table.kind == "money":
            findings.extend(_money_findings(note, table))
        else:
            findings.extend(_text_table_findings(table))
    findings.extend(_loose_rows(note))
    return DocumentCheck(
        source=note.source, doc_type=note.doc_type, note_id=note.note_id, title=note.title,
        budget_year=note.budget_year, tables=len(note.tables),
        money_tables=sum(1 for t in note.tables if t.kind == "money"), findings=tuple(findings),
    )


