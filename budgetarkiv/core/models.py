"""Plain, typed values passed between the indexing stages.

Every stage takes and returns these frozen dataclasses, so each can be printed, tested and stored
on its own. `to_jsonable` turns any of them into the JSON shape of `budgetarkiv parse --json`.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

DocType = Literal["budget_note", "answer", "other"]
Amount = int | float  # in the table's own unit; int when the source had no decimals


@dataclass(frozen=True)
class Page:
    number: int  # 1-based
    text: str
    ocr: bool = False  # read from a scanned image by OCR: its table figures are trusted only when they add up
    # PDF text laid out by position (pypdf's layout mode): where a table's empty cells are, which the
    # reading-order `text` loses; used only to place table cells, "" when not available
    layout: str = ""


@dataclass(frozen=True)
class Document:
    """A file as read, before any interpretation."""

    doc_id: str  # sha256 of the file's bytes, first 16 hex digits: stable across renames
    source: str  # path as given
    fmt: str  # "pdf" | "txt" | "md" | "docx" | "html"
    pages: tuple[Page, ...]  # one page for formats without pages
    warnings: tuple[str, ...] = ()  # read, but not perfectly: bad bytes replaced, pages OCR could not read

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.pages)


@dataclass(frozen=True)
class ReadError:
    """A file that could not be read; `reason` is a sentence a person can act on."""

    source: str
    reason: str


@dataclass(frozen=True)
class NormalizedText:
    """Clean text of a whole document and where each page starts in it."""

    text: str
    # char offset of page 1, 2, ... in `text`; () when the file says nothing about pages (a text, Word or
    # HTML file without page markers): its passages then have no page rather than a guessed "s. 1"
    page_starts: tuple[int, ...] = ()

    def page_at(self, offset: int) -> int | None:
        """1-based page number holding char `offset`; None where page breaks are unknown.

        Text files only mark some page ends ("3/6"): pages whose starts are unknown share one offset,
        and text there cannot be pinned to one page.
        """
        if not self.page_starts:
            return None
        page = 1
        for i, start in enumerate(self.page_starts):
            if start <= offset:
                page = i + 1
            else:
                break
        if self.page_starts.count(self.page_starts[page - 1]) > 1:
            return None
        return page


@dataclass(frozen=True)
class TableRow:
    label: str
    amounts: Mapping[str, Amount]  # year -> amount; empty cells absent
    total: Amount | None = None  # the "I alt" cell
    styringsomraade: str | None = None
    udvalg: str | None = None
    bevilling: str | None = None
    indtaegt_udgift: str | None = None  # "I" or "U"
    is_sum: bool = False  # "Udgifter i alt", "Serviceudgifter i alt", "Afsatte midler i alt" ...
    cell_notes: Mapping[str, str] = field(default_factory=dict)  # year|"total"|"label" -> footnote marker ("*")
    # cells of the columns after "I alt" that hold no money, by their head, as written ({"Årsværk": "2,0"})
    extra: Mapping[str, str] = field(default_factory=dict)
    # the group line the row stands under ("Merudgifter", "Mindreudgifter", "Indtægter"), None outside any group
    group: str | None = None
    # a "Heraf ..." row: a share of the row above, whose label this is; it is never added into a sum or a check
    part_of: str | None = None


# "Heraf tillæg for nattearbejde", "- heraf løn", "Herunder ...", "Of which ...": a row that is a share of the row
# above, not an item of its own
_PART_LABEL_RE = re.compile(r"^[\s\-–—•]*(?:heraf|hvoraf|herunder|of which|including)\b", re.IGNORECASE)


def is_part_label(label: str) -> bool:
    """Does a table row's label make it a share of the row above ("Heraf ...")? Such a row is shown, never summed."""
    return _PART_LABEL_RE.match(label) is not None


@dataclass(frozen=True)
class TableCheck:
    """One arithmetic self-check of a table."""

    kind: Literal["row_total", "column_sum"]
    subject: str  # the row label, or "2026" for a column
    expected: Amount  # what the document states
    computed: Amount  # what the cells add up to
    ok: bool


@dataclass(frozen=True)
class BudgetTable:
    title: str  # "Tabel 2 – Oversigt over ønskets aktiviteter på alle styringsområder (scenarie 1)"
    kind: Literal["money", "text"]
    number: str | None = None  # "2", "X"
    scenario: str | None = None  # "Scenarie 1"
    unit: str | None = None  # "1.000 kr."
    price_level: str | None = None  # "2024 p/l", "løbende p/l"
    years: tuple[str, ...] = ()
    rows: tuple[TableRow, ...] = ()
    checks: tuple[TableCheck, ...] = ()
    unreadable: tuple[str, ...] = ()  # raw lines of rows that could not be read
    columns: tuple[str, ...] = ()  # text tables: the head cells
    text_rows: tuple[tuple[str, ...], ...] = ()  # text tables: cells per row
    start: int = 0  # char offsets in NormalizedText.text
    end: int = 0
    page: int | None = None
    section: str | None = None

    @property
    def checks_ok(self) -> bool:
        return all(c.ok for c in self.checks) and not self.unreadable


@dataclass(frozen=True)
class Section:
    heading: str
    text: str
    start: int = 0  # char offset of the heading in NormalizedText.text
    end: int = 0
    page: int | None = None


@dataclass(frozen=True)
class Scenario:
    name: str  # "Scenarie 1"
    title: str  # "Videreførelse af indsats"
    description: str = ""


@dataclass(frozen=True)
class ProseAmount:
    text: str  # as written: "3,5 mio. kr."
    amount_kr: float  # in kroner: 3500000.0
    sentence: str
    start: int = 0
    page: int | None = None
    section: str | None = None


@dataclass(frozen=True)
class QuestionAnswer:
    number: int
    question: str
    answer: str


@dataclass(frozen=True)
class Note:
    """A document interpreted: a budget note, an answer letter, or other."""

    doc_id: str
    source: str
    doc_type: DocType
    text: str  # normalized full text
    page_starts: tuple[int, ...] = ()  # see NormalizedText
    note_id: str | None = None  # "BI18"
    title: str | None = None
    budget_year: int | None = None
    budget_year_from: str | None = None  # "head" | "text" | "price_level": how the year was found
    stated_version: str | None = None  # "udkast" | "endelig version" when the document's head says so
    administration: str | None = None
    committee: str | None = None
    sections: tuple[Section, ...] = ()
    scenarios: tuple[Scenario, ...] = ()
    categories: tuple[str, ...] = ()  # Kategorisering lines marked with X
    districts: tuple[str, ...] = ()  # Bydele marked with X ("Bydækkende")
    target_group: str | None = None
    tables: tuple[BudgetTable, ...] = ()
    prose_amounts: tuple[ProseAmount, ...] = ()
    # letters (answers to a council member's questions)
    date: str | None = None  # ISO; a letter's own date (minutes, agreements: the date they carry)
    inquiry_date: str | None = None  # ISO; the date of the council member's inquiry a letter answers
    addressee: str | None = None
    signatory: str | None = None
    questions: tuple[QuestionAnswer, ...] = ()
    errors: tuple[str, ...] = ()


def to_jsonable(value: Any) -> Any:
    """Dataclasses, tuples and mappings as plain JSON-ready values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    return value


ChunkKind = Literal["prose", "table", "answer"]


@dataclass(frozen=True)
class Chunk:
    """A passage to retrieve, with everything a citation needs."""

    chunk_id: str  # "<doc_id>:<ordinal>"
    doc_id: str
    source: str
    doc_type: DocType
    kind: ChunkKind
    text: str  # the passage as shown to a person
    index_text: str  # what retrieval sees: note id, year, title and section put before the text
    note_id: str | None = None
    budget_year: int | None = None
    title: str | None = None
    section: str | None = None
    scenario: str | None = None
    page: int | None = None
    start: int = 0  # char offsets in the note's normalized text
    end: int = 0
    table_index: int | None = None  # position in Note.tables for table chunks


def note_from_jsonable(data: Mapping[str, Any]) -> Note:
    """The inverse of `to_jsonable` for a Note: a stored note back as dataclasses (no re-parsing)."""

    def table(t: Mapping[str, Any]) -> BudgetTable:
        return BudgetTable(**{
            **t,
            "years": tuple(t.get("years", ())),
            "rows": tuple(TableRow(**r) for r in t.get("rows", ())),
            "checks": tuple(TableCheck(**c) for c in t.get("checks", ())),
            "unreadable": tuple(t.get("unreadable", ())),
            "columns": tuple(t.get("columns", ())),
            "text_rows": tuple(tuple(r) for r in t.get("text_rows", ())),
        })

    return Note(**{
        **data,
        "page_starts": tuple(data.get("page_starts", ())),
        "sections": tuple(Section(**s) for s in data.get("sections", ())),
        "scenarios": tuple(Scenario(**s) for s in data.get("scenarios", ())),
        "categories": tuple(data.get("categories", ())),
        "districts": tuple(data.get("districts", ())),
        "tables": tuple(table(t) for t in data.get("tables", ())),
        "prose_amounts": tuple(ProseAmount(**a) for a in data.get("prose_amounts", ())),
        "questions": tuple(QuestionAnswer(**q) for q in data.get("questions", ())),
        "errors": tuple(data.get("errors", ())),
    })
