"""Tables of a budget note, read from its normalized text.

Budget notes come as PDF text (cells one or several per line, labels wrapped over lines, empty cells
lost, blank lines everywhere) or as word-processor text (tab-separated cells, empty cells kept). One
pure function, `extract_tables`, reads both into `BudgetTable`s and checks the arithmetic of every
money table (row totals and column sums) without ever "fixing" a figure: a row that cannot be read
without guessing goes to `BudgetTable.unreadable`.

The parser does not rely on the normalizer: hyphenated line ends, blank lines, trailing spaces,
page markers and `<i>` tags are tolerated here too.
"""
from __future__ import annotations

import dataclasses
import itertools
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass

from budgetarkiv.core.models import Amount, BudgetTable, TableCheck, TableRow, is_part_label
from budgetarkiv.core.numbers import format_danish_number, parse_danish_number
from budgetarkiv.core.scenarios import KIND_WORDS, MARK
from budgetarkiv.core.text import TABLE_TITLE_HEADINGS, canonical_heading, join_wrapped, sentence_bounds
from budgetarkiv.ingest.named_columns import named_columns_table
from budgetarkiv.ingest.units import (
    PRICE_LEVEL_RE,
    find_price_level,
    find_unit,
    stated_unit_and_price_level,
    without_unit_and_price_level,
)
from budgetarkiv.ingest.year_heads import budget_year_of_head, calendar_cells, calendar_text, is_lasting_head

# --- patterns ---------------------------------------------------------------------------------

# "Tabel 2 – Oversigt ...", "Tabel 2. Oversigt", "Tablet 2 - ..." (source typo), "Tabel X - ...", "Table 2. Costs",
# "Tabel 4.Tidligere afsatte midler". A separator is required so prose ("Tabel 2 viser") is no title.
TITLE_RE = re.compile(r"^Tab(?:el|let|le)\s+(\d+[a-z]?|[A-ZÆØÅ])\s*(?:[–—-]\s*|[.:]\s*)(\S.*)$")
UNTITLED_RE = re.compile(r"^Tidligere afsatte midler:?$", re.IGNORECASE)
# "(scenarie 1)", "(scenarie 1 og 2)" or ", scenarie 3 (mio. kr., ...)": the scenario a table belongs to.
SCENARIO_IN_TITLE_RE = re.compile(
    r"\bscenari[eo]\s+(\d{1,2}(?:\s*(?:og|\+|,)\s*\d{1,2})*)(?![\d.])", re.IGNORECASE
)
# a named alternative in a table's title: "Model A", "Model 2", "Variant B", "Alternativ 1", "Alternativ II",
# "Løsning 3", "Option A", "Niveau 2", "Forslag 1"
ALTERNATIVE_IN_TITLE_RE = re.compile(rf"\b({KIND_WORDS.replace('Scenarie|', '')})\s+({MARK})(?![.,])", re.IGNORECASE)
# a row naming an alternative at its start: "Mulighed 2 – saltning og weekendrydning", "Model B: to værksteder"
ALTERNATIVE_ROW_RE = re.compile(rf"^({KIND_WORDS})\s+({MARK})(?:\s*[–—:.-]|\s*$|\s+(?=\S))", re.IGNORECASE)
# a title ending in a model's name: "Tabel 1 – Grundmodel", "Tabel 2 – Udvidet model"
MODEL_TAIL_RE = re.compile(r"[–—:-]\s*(?P<name>(?:[^\W\d_]+\s+)?[^\W\d_]*model)\s*(?:\([^)]*\))?\s*$", re.IGNORECASE)
SCENARIO_ONLY_RE = re.compile(r"\(\s*scenari[eo]\s+[^)]*\)", re.IGNORECASE)
SCENARIO_LINE_RE = re.compile(r"^Scenarie\s+(\d+(?:\s*(?:og|\+|,)\s*\d+)*)\s*[:–—-]", re.IGNORECASE)
PAGE_MARKER_RE = re.compile(r"^\d+\s*/\s*\d+$")
FOOTNOTE_MARKS = "*¹²³⁴⁵⁶⁷⁸⁹⁰"
FOOTNOTE_LINE_RE = re.compile(rf"^[{FOOTNOTE_MARKS}]+\s*\D")
LABEL_NOTE_RE = re.compile(rf"(?<=\w)([{FOOTNOTE_MARKS[1:]}]+|\*+)$")  # "Billetindtægter¹"
TAG_RE = re.compile(r"</?(?:i|b|u|em|strong)>", re.IGNORECASE)

YEAR_RE = re.compile(r"^(?:19|20)\d{2}$")
YEAR_IN_LABEL_RE = re.compile(r"(?<![\d.,])((?:19|20)\d{2})(?![\d.,])")

# A cell in a money table: an amount written the Danish way (thousands always grouped, so a bare
# "2021" is a year in a label, not an amount) with an optional footnote marker, or "-" for empty. A negative
# amount has a minus ("-", "−", "–", "÷") or stands in parentheses, as accountants write it: "(250)", "(1,9)".
_CELL_NUMBER = r"(?:\d{1,3}(?:\.\d{3})+|\d{1,3})(?:,\d+)?"
AMOUNT_CELL_RE = re.compile(rf"^(?:([-−–÷]?{_CELL_NUMBER})|\(({_CELL_NUMBER})\))(\*+)?$")
EMPTY_CELL_RE = re.compile(r"^[-–—]$")

UDVALG = ("BIU", "SOU", "BUU", "KFU", "SUU", "TMU", "ØU")
STYRINGSOMRAADER = (
    "Overførsler mv.",
    "Overførsler",
    "Service",
    "Anlæg",
    "Finansiering",
    "Ældreboliger",
    "Aktivitetsbestemt medfinansiering",
    "Forsikrede ledige",
)
_STYR_ALT = "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in STYRINGSOMRAADER)
STYR_END_RE = re.compile(rf"(?:^|\s)({_STYR_ALT})$")
UDVALG_END_RE = re.compile(rf"(?:^|\s)({'|'.join(UDVALG)})$")
BEVILLING_END_RE = re.compile(r"(?:^|\s)(\d{2,3}\.\d{2})$")
IU_END_RE = re.compile(r"(?:^|\s)([IU])$")
# A group line of a money table, the head of the rows under it that net out in its sum row: "Merudgifter",
# "Mindreudgifter:", "Indtægter", "Besparelser", "Driftsudgifter", "Udgifter til drift". In PDF text only these words
# are a group (any other line without cells is part of the next row's label); in a word-processor table any short line
# without cells between rows is one.
GROUP_LINE_RE = re.compile(
    r"^(?:(?:mer|mindre|drifts?|anlægs?|service|overførsels)?(?:udgifter|indtægter)(?:\s+til\s+\w+)?"
    r"|besparelser|effektiviseringer|reduktioner|finansiering|(?:drift|anlæg)\s*:)\s*:?$",
    re.IGNORECASE,
)
MAX_GROUP_WORDS = 6
# Sum rows: "Udgifter i alt (netto)", "Anlæg i alt", and savings proposals' "Samlet økonomisk påvirkning".
SUM_LABEL_RE = re.compile(r"\bi\s+alt\b|^(?:Samlet|Samlede|Total)\b", re.IGNORECASE)

# Column heads of the goals table, longest first; spaces may be line breaks in PDF text.
GOAL_HEADERS = (
    "Opfølgning på og/eller evaluering af indsatsen",
    "Opfølgning/evaluering",
    "Evaluering af indsatsen",
    "Målgruppe",
    "Målsætning",
    "Indsats",
    "Opfølgning",
    "Evaluering",
)
GOAL_HEADER_RE = re.compile(
    r"\s*(" + "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in GOAL_HEADERS) + r")(?![\w-])",
    re.IGNORECASE,
)

# one-word heads of a money table's total column besides "I alt" (a Danish "Samlet" is one too, but read as the
# total it exposed an answer citing another scenario's total (archive7 q54): left for when that is fixed)
TOTAL_HEADS = ("total",)
MAX_HEAD_LINES = 10  # non-blank lines between a title and the year columns
MAX_FOOTNOTE_LINES = 80  # lines after a table within which a footnote its head points to is looked for
MAX_LABEL_LINES = 6  # a longer run of text without cells is prose, not a row label
MAX_TEXT_TABLE_LINES = 120


# --- small values -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Line:
    """One line of the text: cleaned content plus where its content sits in the text."""

    start: int  # offset of the first non-blank character (line start when blank)
    end: int  # offset after the last non-blank character
    text: str  # tags removed, NBSP as space, right-stripped; tabs kept

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def plain(self) -> str:
        """Whitespace collapsed, tabs included."""
        return " ".join(self.text.split())


@dataclass(frozen=True)
class _Head:
    """What a money table's head says about its columns."""

    years: tuple[str, ...]
    has_total: bool
    unit: str | None
    price_level: str | None
    has_styr: bool = False
    has_udvalg: bool = False
    has_bevilling: bool = False
    has_iu: bool = False
    roles: tuple[str, ...] = ()  # tab-separated heads: role of each cell ("label", "2024", "total", ...)
    # Space-aligned heads: (role, start, end) of each column in the head line, so a row's cells are
    # placed by where they stand rather than by how many there are.
    columns: tuple[tuple[str, int, int], ...] = ()
    vertical: bool = False  # the year heads stand one per line: so do the row's cells
    total_first: bool = False  # "I alt" stands before the years: so does each row's total cell
    extra: int = 0  # columns after "I alt" that hold no money ("Årsværk"): their cells end each PDF row
    extra_heads: tuple[str, ...] = ()  # those columns' heads, in order (PDF and tab-separated heads)
    line: str = ""  # the head line as read: a PDF repeats it after a page break inside the table

    @property
    def width(self) -> int:
        """Number of money cells a complete row has."""
        return len(self.years) + (1 if self.has_total else 0)

    @property
    def price_level_year(self) -> int | None:
        if self.price_level and self.price_level[:4].isdigit():
            return int(self.price_level[:4])
        return None


@dataclass(frozen=True)
class _Cells:
    """The money cells at the end of a PDF row, and the text before them."""

    rest: str
    values: tuple[Amount | None, ...]  # None for an explicit "-"
    markers: tuple[str, ...]  # footnote marker per cell, "" when none
    explicit_empty: bool


# --- lines ------------------------------------------------------------------------------------


def _split_lines(text: str) -> tuple[_Line, ...]:
    """The text's lines with offsets, cleaned of the noise a normalizer may have left."""
    lines: list[_Line] = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.rstrip()
        lead = len(raw) - len(raw.lstrip())
        clean = TAG_RE.sub("", stripped).replace("\u00a0", " ").replace("\r", "").rstrip()
        if PAGE_MARKER_RE.match(clean.strip()):
            clean = ""
        start = pos + lead if stripped.strip() else pos
        lines.append(_Line(start=start, end=pos + len(stripped), text=clean))
        pos += len(raw) + 1
    return tuple(lines)


def _is_heading(line: _Line) -> bool:
    """A section heading ends any table above it (a table-title heading does not)."""
    heading = canonical_heading(line.plain)
    return heading is not None and heading not in TABLE_TITLE_HEADINGS


def _title_of(line: _Line) -> tuple[str | None, str] | None:
    """(number, title) when the line starts a table, else None."""
    plain = line.plain
    m = TITLE_RE.match(plain)
    if m:
        return m.group(1), plain
    if UNTITLED_RE.match(plain):
        return None, "Tidligere afsatte midler"
    return None


def _is_boundary(line: _Line) -> bool:
    """A line no table row runs into: a heading, another table, a scenario head or a footnote."""
    plain = line.plain
    return (
        _is_heading(line)
        or _title_of(line) is not None
        or SCENARIO_LINE_RE.match(plain) is not None
        or FOOTNOTE_LINE_RE.match(plain) is not None
    )


# --- head -------------------------------------------------------------------------------------


def _ends_in_price_level(text: str) -> bool:
    """Does `text` end in a price level whose year comes last ("1.000 kr., p/l 2027")?"""
    last = next(reversed(list(PRICE_LEVEL_RE.finditer(text))), None)
    return last is not None and last.end() == len(text) and text[-4:].isdigit() and not last.group("year")


def _year_run(tokens: Sequence[str]) -> tuple[tuple[str, ...], bool, int, bool] | None:
    """Year columns (and "I alt") at the end of a head line: (years, has_total, tokens before, total first). The
    total column may stand first ("I alt 2031 2032 2033")."""
    end = len(tokens)
    has_total = end >= 2 and tokens[-2].casefold() == "i" and tokens[-1].casefold() == "alt"
    if has_total:
        end -= 2
    elif end >= 1 and tokens[-1].casefold() in TOTAL_HEADS:  # an English page's "Total", a Danish "Samlet"
        has_total, end = True, end - 1
    i = end
    while i > 0 and YEAR_RE.match(tokens[i - 1]):
        i -= 1
    if 0 < i < end and _ends_in_price_level(" ".join(tokens[: i + 1])):
        i += 1  # "p/l 2027 2028 2029": "2027" is the price level's year, not a column
    years = tuple(tokens[i:end])
    total_first = not has_total and i >= 2 and tokens[i - 2].casefold() == "i" and tokens[i - 1].casefold() == "alt"
    if total_first:
        has_total, i = True, i - 2
    if len(years) < 2 and not (years and has_total):
        return None
    if any(int(a) >= int(b) for a, b in zip(years, years[1:])):
        return None
    return years, has_total, i, total_first


def _unit_and_price_level(head_text: str) -> tuple[str | None, str | None]:
    """("1.000 kr.", "2024 p/l") from a head, canonical whatever the spelling ("tkr., p/l 2024"; see
    `ingest.units`); the source's "p/1" typo reads as p/l."""
    return find_unit(head_text), find_price_level(head_text)


# A title's trailing bracket: "Tabel 2. Økonomi (mio. kr., 2026 p/l)".
_TITLE_BRACKET_RE = re.compile(r"\s*\(([^()]*)\)\s*$")


def title_without_unit(title: str, unit: str | None, price_level: str | None) -> str:
    """The title without a trailing "(1.000 kr., 2027 p/l)" or ", mio. kr." that only repeats the unit and
    price level the table records: "Tabel 2. Budgetønskets aktiviteter (1.000 kr., 2027 p/l)" -> "Tabel 2.
    Budgetønskets aktiviteter", "Tabel 2 – Anlæg, mio. kr. (2027-priser)" -> "Tabel 2 – Anlæg". Notes write the
    unit in the title or in the head row as they please; one title per table whatever the layout keeps titles
    comparable across notes and years, and the unit is shown from `unit`/`price_level` anyway. A bracket or
    tail saying anything else ("(scenarie 1)", ", scenarie 1", another unit) stays."""
    while True:
        match = _TITLE_BRACKET_RE.search(title) or _TITLE_TAIL_RE.search(title)
        if match is None or not title[: match.start()].strip() or not _only_repeats(match.group(1), unit,
                                                                                    price_level):
            return title
        title = title[: match.start()].rstrip()


# A title's trailing part after a comma: "Tabel 2 – Anlægsudgifter, mio. kr.".
_TITLE_TAIL_RE = re.compile(r"\s*,\s*([^,()]+?)\s*$")


def _only_repeats(said: str, unit: str | None, price_level: str | None) -> bool:
    """Does `said` ("1.000 kr., 2027 p/l", "tkr.") only state the table's own unit and/or price level?"""
    said_unit, said_price_level = _unit_and_price_level(said)
    if said_unit is None and said_price_level is None:
        return False
    if (said_unit or unit) != unit or (said_price_level or price_level) != price_level:
        return False  # it disagrees with the head: keep what the note says
    return not without_unit_and_price_level(said).strip(" ,;/–-")


def _column_flags(head_text: str) -> dict[str, bool]:
    flat = join_wrapped([head_text])
    return {
        "has_styr": re.search(r"Styrings-?\s*område", flat, re.IGNORECASE) is not None,
        "has_udvalg": re.search(r"\bUdvalg\b", flat, re.IGNORECASE) is not None,
        "has_bevilling": re.search(r"\bBevil-?\s*ling\b", flat, re.IGNORECASE) is not None,
        "has_iu": re.search(r"Indtægt\s*/|\(I/U\)", flat, re.IGNORECASE) is not None,
    }


def _tab_head(line: _Line, budget_year: int | None = None) -> _Head | None:
    """The head of a word-processor table: one tab-separated line. Heads naming years by their place in the
    budget period ("B2028", "BO1") count as the calendar years they name (see `ingest.year_heads`)."""
    cells = [" ".join(c.split()) for c in line.text.split("\t")]
    roles = [_column_role(cell, i) for i, cell in enumerate(calendar_cells(cells, budget_year))]
    years = [r for r in roles if YEAR_RE.match(r)]
    has_total = "total" in roles
    if len(years) < 2 and not (years and has_total):
        return None
    unit, price_level = _unit_and_price_level(cells[0])
    after_total = _after_money(roles)
    return _Head(
        years=tuple(years), has_total=has_total, unit=unit, price_level=price_level, roles=tuple(roles),
        extra_heads=tuple(c for r, c in zip(roles[after_total:], cells[after_total:]) if r == "" and c),
        has_styr="styr" in roles, has_udvalg="udvalg" in roles, has_bevilling="bevilling" in roles,
        has_iu="iu" in roles,
    )


def _after_money(roles: Sequence[str]) -> int:
    """Where the columns after a tab-separated head's money columns start: after "I alt", else after the last year.
    Those columns' cells are kept as written in `TableRow.extra`: "Årsværk", or a "Varigt fra 2035" that gives the
    full-year amount once the years shown are over (money, but neither a year of the table nor its total)."""
    money = [k for k, r in enumerate(roles) if r == "total" or YEAR_RE.match(r)]
    return money[-1] + 1 if money else len(roles)


def _find_head(lines: Sequence[_Line], i: int, budget_year: int | None = None) -> tuple[_Head, int] | None:
    """The money head after a title: (head, index of its last line), or None for no money table.

    Three shapes: one tab-separated line (word processors); years on one line, placed by column
    position when they are spaced like aligned columns (PDF layout text); or one year per line.
    Years may be named by their place in the budget period ("B2028 BO1 BO2"): see `ingest.year_heads`;
    the budget year is the head's own "B2028" column, else `budget_year` (the note's).
    """
    seen: list[str] = []
    j = i
    end = min(len(lines), i + 4 * MAX_HEAD_LINES)
    # heads one per line: a line of its own naming the budget year's column ("B2028") gives the others' base
    budget_year = next((y for k in range(i, end) if (y := budget_year_of_head(lines[k].plain)) is not None),
                       budget_year)
    while j < end:
        line = lines[j]
        if line.blank:
            j += 1
            continue
        if _is_boundary(line) or len(seen) >= MAX_HEAD_LINES:
            return None
        if "\t" in line.text.strip():
            head = _tab_head(line, budget_year)
            if head is not None:
                return head, j
            return None
        if _is_year_cell(calendar_text(line.plain, budget_year)):
            vertical = _vertical_head(lines, j, seen, budget_year)
            if vertical is not None or not YEAR_RE.match(line.plain):
                return vertical
            # a lone year that heads no column: the end of a wrapped head cell ("tkr.,", "prisniveau", "2030")
        tokens = calendar_text(line.plain, budget_year).split(" ")
        if seen and len(tokens) > 2 and YEAR_RE.match(tokens[0]) and _ends_in_price_level(f"{seen[-1]} {tokens[0]}"):
            # a wrapped head cell "Mio. kr., p/l" whose year fell onto the years' line: "2029 2029 2030 ..."
            seen[-1], tokens = f"{seen[-1]} {tokens[0]}", tokens[1:]
        run, extra = _year_run(tokens), 0
        while run is None and extra < MAX_EXTRA_COLUMNS and len(tokens) > extra + 1 and _is_extra_head(tokens[-1 - extra]):
            extra += 1  # "... 2032 I alt Årsværk": a column after the total that holds no money
            run = _year_run(tokens[:-extra])
            run = run if run is not None and (run[1] or is_lasting_head(tokens[-1])) else None
        if run is None:
            seen.append(line.plain)
            j += 1
            continue
        years, has_total, before, total_first = run
        head_text = join_wrapped([*seen, " ".join(tokens[:before])])
        unit, price_level = _unit_and_price_level(head_text)
        head = _Head(years=years, has_total=has_total, unit=unit, price_level=price_level, total_first=total_first,
                     columns=_aligned_columns(line.text, years, has_total, budget_year, total_first, extra),
                     extra=extra,
                     extra_heads=tuple(t.replace("\u00a0", " ") for t in tokens[len(tokens) - extra:]),
                     line=line.plain, **_column_flags(head_text))
        return head, j
    return None


MAX_EXTRA_COLUMNS = 2


def _is_extra_head(token: str) -> bool:
    """A head word after "I alt" naming a column that holds no money ("Årsværk", "FTE")."""
    return (token.isalpha() and token.casefold() != "alt") or is_lasting_head(token)


def _is_year_cell(plain: str) -> bool:
    return YEAR_RE.match(plain) is not None or plain.casefold() in ("i alt", *TOTAL_HEADS)


def _vertical_head(lines: Sequence[_Line], j: int, seen: Sequence[str],
                   budget_year: int | None = None) -> tuple[_Head, int] | None:
    """Year heads one per line ("2021", "2022", ..., "I alt"), as PDF text gives a narrow table."""
    tokens: list[str] = []
    last = j
    while j < len(lines) and (lines[j].blank or _is_year_cell(calendar_text(lines[j].plain, budget_year))):
        if not lines[j].blank:
            tokens += calendar_text(lines[j].plain, budget_year).split(" ")
            last = j
        j += 1
    run = _year_run(tokens)
    if run is None or run[2] != 0:
        return None
    years, has_total, _, total_first = run
    if total_first:
        return None  # "I alt" above the years one per line: not a shape the rows can be read in
    head_text = join_wrapped(seen)
    unit, price_level = _unit_and_price_level(head_text)
    head = _Head(years=years, has_total=has_total, unit=unit, price_level=price_level, vertical=True,
                 **_column_flags(head_text))
    return head, last


_FIELD_RE = re.compile(r"\S+(?: \S+)*")  # text between runs of two or more spaces


def _fields(text: str) -> list[tuple[str, int, int]]:
    """(text, start, end) of each field of a space-aligned line."""
    return [(m.group(0), m.start(), m.end()) for m in _FIELD_RE.finditer(text)]


def _aligned_columns(text: str, years: Sequence[str], has_total: bool,
                     budget_year: int | None = None, total_first: bool = False,
                     extra: int = 0) -> tuple[tuple[str, int, int], ...]:
    """Column roles and spans of a head line whose fields are set apart by runs of spaces, else ().

    Only when every year (and "I alt") is a field of its own: single spaces between the years mean the
    text lost the positions (plain PDF text), and cells must then be counted instead. The last `extra` fields
    are columns after the money that hold no year ("Varigt fra 2035", "Årsværk"): role "extra:<k>".
    """
    fields = _fields(text)
    wanted = ["I alt", *years] if total_first else [*years, *(["I alt"] if has_total else [])]
    texts = calendar_cells([" ".join(f[0].split()) for f in fields], budget_year)
    said = ["i alt" if t.casefold() in TOTAL_HEADS else t.casefold() for t in texts[len(texts) - extra - len(wanted):
                                                                                   len(texts) - extra]]
    if len(fields) < len(wanted) + extra or said != [w.casefold() for w in wanted]:
        return ()
    columns: list[tuple[str, int, int]] = []
    for k, (cell, (_, start, stop)) in enumerate(zip(texts, fields)):
        role = f"extra:{k - (len(fields) - extra)}" if k >= len(fields) - extra else _column_role(cell, k)
        columns.append((role, start, stop))
    return tuple(columns)


def _column_role(cell: str, index: int) -> str:
    """What a head cell names: a year, "total", "label" (the first cell), "styr", "udvalg", "bevilling",
    "iu" or "" (a column the parser does not use)."""
    if YEAR_RE.match(cell):
        return cell
    if cell.casefold() in ("i alt", *TOTAL_HEADS):
        return "total"
    if index == 0:
        return "label"
    if re.search(r"Styrings-?\s*område", cell, re.IGNORECASE):
        return "styr"
    if re.fullmatch(r"Udvalg", cell, re.IGNORECASE):
        return "udvalg"
    if re.fullmatch(r"Bevilling", cell, re.IGNORECASE):
        return "bevilling"
    if re.search(r"Indtægt|I/U", cell, re.IGNORECASE):
        return "iu"
    return ""


# --- scenario ---------------------------------------------------------------------------------


def _scenario(title: str, lines: Sequence[_Line], title_index: int, floor: int) -> str | None:
    """The scenario from the title ("(scenarie 1)"), else from a "Scenarie 2: ..." line just before it."""
    m = SCENARIO_IN_TITLE_RE.search(title)
    if m:
        return "Scenarie " + " ".join(m.group(1).split())
    named = alternative_in_title(title)
    if named:
        return named
    looked = 0
    for j in range(title_index - 1, floor - 1, -1):
        line = lines[j]
        if line.blank:
            continue
        if _is_heading(line) or looked >= 4:
            return None
        found = SCENARIO_LINE_RE.match(line.plain)
        if found:
            return "Scenarie " + " ".join(found.group(1).split())
        looked += 1
    return None


def alternative_in_title(title: str) -> str | None:
    """A named alternative the table's title gives ("Tabel 2. Model B – Udvidet model" → "Model B", "Tabel 1 –
    Grundmodel" → "Grundmodel"): the scenario of a note whose alternatives are models, variants or solutions."""
    m = ALTERNATIVE_IN_TITLE_RE.search(title)
    if m:
        mark = m.group(2)
        return f"{m.group(1).capitalize()} {mark if mark.isdigit() else mark.upper()}"
    m = MODEL_TAIL_RE.search(title)
    if m:
        name = " ".join(m.group("name").split())
        return name[0].upper() + name[1:]
    return None


def alternatives_as_rows(table: BudgetTable) -> tuple[BudgetTable, ...]:
    """A money table whose rows are alternatives ("Mulighed 1 – ...", "Mulighed 2 – ...", no sum row) as one table
    per alternative, each with its name as the scenario; any other table as it is.

    The alternatives of such a table are to be chosen between, never added: read as one table, a question about
    "mulighed 2" got every option's figures. As scenarios they are what a note's "Scenarie 1/2" tables are, so
    choosing, comparing and never adding them works the same way. The tables keep the title and place of the one
    printed table; each keeps its own row's checks."""
    if table.kind != "money" or table.scenario is not None or len(table.rows) < 2:
        return (table,)
    named: list[tuple[str, TableRow]] = []
    for row in table.rows:
        m = ALTERNATIVE_ROW_RE.match(row.label.strip())
        if row.is_sum or m is None:
            return (table,)
        mark = m.group(2)
        named.append((f"{m.group(1).capitalize()} {mark if mark.isdigit() else mark.upper()}", row))
    if len({name for name, _ in named}) != len(named):
        return (table,)
    return tuple(
        dataclasses.replace(table, scenario=name, rows=(row,),
                            checks=tuple(c for c in table.checks if c.kind == "row_total" and c.subject == row.label))
        for name, row in named
    )


# --- money cells ------------------------------------------------------------------------------


def _parse_cell(token: str) -> tuple[Amount, str] | None:
    """(amount, footnote marker) of one money cell token."""
    m = AMOUNT_CELL_RE.match(token)
    if not m:
        return None
    value = parse_danish_number(m.group(1) or m.group(2))
    if value is not None and m.group(2):
        value = -value  # "(250)": a negative amount in an accountant's parentheses
    return (value, m.group(3) or "") if value is not None else None


def _trailing_cells(text: str, width: int) -> _Cells:
    """Split a PDF row into its text and the money cells at its end (at most `width` of them)."""
    tokens = text.split()
    i = len(tokens)
    while i > 0 and (AMOUNT_CELL_RE.match(tokens[i - 1]) or EMPTY_CELL_RE.match(tokens[i - 1])):
        i -= 1
    i = max(i, len(tokens) - width)  # extra leading numbers belong to the label ("Spor 2 ...")
    values: list[Amount | None] = []
    markers: list[str] = []
    explicit_empty = False
    for token in tokens[i:]:
        parsed = _parse_cell(token)
        if parsed is None:
            values.append(None)
            markers.append("")
            explicit_empty = True
        else:
            values.append(parsed[0])
            markers.append(parsed[1])
    return _Cells(" ".join(tokens[:i]), tuple(values), tuple(markers), explicit_empty)


def _cell_count(text: str) -> int:
    tokens = text.split()
    i = len(tokens)
    while i > 0 and (AMOUNT_CELL_RE.match(tokens[i - 1]) or EMPTY_CELL_RE.match(tokens[i - 1])):
        i -= 1
    return len(tokens) - i


def _is_pure_cells(line: _Line) -> bool:
    tokens = line.plain.split()
    return bool(tokens) and _cell_count(line.plain) == len(tokens)


def _is_cells_line(line: _Line) -> bool:
    """Does this PDF line end a row (carry its money cells)?"""
    count = _cell_count(line.plain)
    if count >= 2 or _is_pure_cells(line):
        return True
    if count == 1:
        before = " ".join(line.plain.split()[:-1])
        return any(p.search(before) for p in (STYR_END_RE, UDVALG_END_RE, BEVILLING_END_RE, IU_END_RE))
    return False


def _lone_aligned_cell(line: _Line, head: _Head) -> bool:
    """Does an aligned row carry one money cell only ("Opstart      500", the other years blank)? Its cell then
    stands under a year or total column of the head; a number in a label ("Spor 2") stands under the label."""
    if not head.columns or _cell_count(line.plain) != 1:
        return False
    last = list(_TOKEN_RE.finditer(line.text))[-1]
    return _best_column(head.columns, last.start(), last.end()) in {*head.years, "total"}


def _strip_columns(rest: str, head: _Head) -> tuple[str, dict[str, str]]:
    """Take the I/U, Bevilling, Udvalg and Styringsområde cells off the end of a row's text."""
    found: dict[str, str] = {}
    for key, flag, pattern in (
        ("indtaegt_udgift", head.has_iu, IU_END_RE),
        ("bevilling", head.has_bevilling, BEVILLING_END_RE),
        ("udvalg", head.has_udvalg, UDVALG_END_RE),
        ("styringsomraade", head.has_styr, STYR_END_RE),
    ):
        if not flag:
            continue
        m = pattern.search(rest)
        if m:
            found[key] = " ".join(m.group(1).split())
            rest = rest[: m.start()].rstrip()
    return rest.strip(), found


def _sum_close(a: Amount, b: Amount) -> bool:
    return abs(a - b) < 1e-6


def _total(values: Iterable[Amount]) -> Amount:
    """Sum that stays an int when every value is one, rounded to hide float noise."""
    vals = list(values)
    s = sum(vals)
    return s if all(isinstance(v, int) for v in vals) else round(s, 6)


def _anchor_year(label: str, is_sum: bool, earlier: Sequence[TableRow], budget_year: int | None,
                 head: _Head) -> int | None:
    """Where contiguous values with lost empty cells start: see `_place`."""
    m = YEAR_IN_LABEL_RE.search(label)
    if m:
        return int(m.group(1))
    if is_sum:
        used = [int(y) for r in earlier if not r.is_sum for y in r.amounts]
        if used:
            return min(used)
    if budget_year is not None:
        return budget_year
    return head.price_level_year


def _place(values: Sequence[Amount], markers: Sequence[str], years: Sequence[str],
           anchor: int | None) -> tuple[dict[str, Amount], dict[str, str]] | None:
    """Values whose empty cells were lost, put in the first column year >= anchor and onwards."""
    if anchor is None:
        return None
    start = next((k for k, y in enumerate(years) if int(y) >= anchor), None)
    if start is None or start + len(values) > len(years):
        return None
    amounts = {years[start + k]: v for k, v in enumerate(values)}
    notes = {years[start + k]: mk for k, mk in enumerate(markers) if mk}
    return amounts, notes


def _pdf_row(raw_lines: Sequence[_Line], head: _Head, earlier: Sequence[TableRow],
             budget_year: int | None) -> tuple[TableRow, bool] | None:
    """One row of PDF text and whether its years were only inferred from an anchor year (see
    `settle_anchored_rows`), or None when its cells cannot be placed at all."""
    if head.columns:
        aligned = _aligned_row(raw_lines, head)
        return (aligned, False) if aligned is not None else None
    text = join_wrapped(line.plain for line in raw_lines)
    extra: dict[str, str] = {}
    if head.extra:  # only a complete row tells its money cells from the extra ones
        if _cell_count(text) < head.width + head.extra:
            return None
        extra = dict(zip(head.extra_heads, text.split()[-head.extra:]))
        text = _without_extra_cells(text, head.extra)
        if text is None:
            return None
    if head.total_first:  # "Label 1.200 300 300 300 300": the total is the first money cell
        text = _total_last(text, head.width)
        if text is None:
            return None
    cells = _trailing_cells(text, head.width)
    label, columns = _strip_columns(cells.rest, head)
    is_sum = SUM_LABEL_RE.search(label) is not None
    n = len(cells.values)
    if n == head.width:
        amounts: dict[str, Amount] = {}
        notes: dict[str, str] = {}
        for year, value, marker in zip(head.years, cells.values, cells.markers):
            if value is not None:
                amounts[year] = value
                if marker:
                    notes[year] = marker
        total = cells.values[-1] if head.has_total else None
        if head.has_total and cells.markers[-1]:
            notes["total"] = cells.markers[-1]
        anchored = False
    else:
        if cells.explicit_empty or n == 0:
            return None
        values, markers = list(cells.values), list(cells.markers)
        total = None
        total_marker = ""
        if head.has_total:
            total, total_marker = values.pop(), markers.pop()
            if not values or not _sum_close(_total(v for v in values if v is not None), total):
                return None
        anchor = _anchor_year(label, is_sum, earlier, budget_year, head)
        placed = _place([v for v in values if v is not None], markers, head.years, anchor)
        if placed is None:
            return None
        amounts, notes = placed
        if total_marker:
            notes["total"] = total_marker
        anchored = len(amounts) < len(head.years)
    return dataclasses.replace(_make_row(label, amounts, total, notes, columns), extra=extra), anchored


def _total_last(text: str, width: int) -> str | None:
    """A PDF row whose total cell stands first, with that cell moved after the years; None when cells are missing
    (which one is lost cannot be told)."""
    tokens = text.split()
    if _cell_count(text) < width:
        return None
    k = len(tokens) - width
    return " ".join([*tokens[:k], *tokens[k + 1:], tokens[k]])


def _without_extra_cells(text: str, extra: int) -> str | None:
    """A PDF row without the cells of the columns after "I alt" ("2,0" årsværk); None when it lacks them."""
    tokens = text.split()
    if len(tokens) <= extra or not all(_parse_cell(t) or EMPTY_CELL_RE.match(t) for t in tokens[-extra:]):
        return None
    return " ".join(tokens[:-extra])


def _make_row(label: str, amounts: dict[str, Amount], total: Amount | None, notes: dict[str, str],
              columns: dict[str, str]) -> TableRow:
    """A row, its label's footnote marker ("Billetindtægter¹") moved to `cell_notes["label"]`."""
    m = LABEL_NOTE_RE.search(label)
    if m:
        notes = {**notes, "label": m.group(1)}
        label = label[: m.start()].rstrip()
    return TableRow(label=label, amounts=amounts, total=total, is_sum=SUM_LABEL_RE.search(label) is not None,
                    cell_notes=notes, **columns)


def _slots_row(label: str, slots: Sequence[str | None], head: _Head, columns: dict[str, str]) -> TableRow | None:
    """A row whose cells are known by position: `slots` holds each money column's cell (None: empty)."""
    amounts: dict[str, Amount] = {}
    notes: dict[str, str] = {}
    total: Amount | None = None
    keys = [*head.years, *(["total"] if head.has_total else [])]
    for key, cell in zip(keys, slots):
        if cell is None or EMPTY_CELL_RE.match(cell):
            continue
        parsed = _parse_cell(cell.replace(" ", ""))
        if parsed is None:
            return None
        if key == "total":
            total = parsed[0]
        else:
            amounts[key] = parsed[0]
        if parsed[1]:
            notes[key] = parsed[1]
    if not amounts and total is None:
        return None
    return _make_row(label, amounts, total, notes, columns)


def _best_column(columns: Sequence[tuple[str, int, int]], start: int, stop: int) -> str | None:
    """The role of the head column a cell at [start, stop) overlaps most; None when it overlaps none."""
    overlap, role = max(((min(stop, c_stop) - max(start, c_start), role) for role, c_start, c_stop in columns),
                        default=(0, None))
    return role if overlap > 0 else None


_TOKEN_RE = re.compile(r"\S+")


def _aligned_row(raw_lines: Sequence[_Line], head: _Head) -> TableRow | None:
    """A row of space-aligned text: each cell goes to the head column it stands under.

    Text before the first money cell is the label (wrapped label lines above included); a cell under
    no column, two cells under one, or text among the money cells makes the row unreadable. A label long
    enough to run under the first text column ("... (ca. 4.200 elever)" under "Styringsområde") keeps its
    end: of two fields under that column, the last is the column's cell.
    """
    label_parts = [line.plain for line in raw_lines[:-1]]
    money_roles = {*head.years, "total"}
    columns: dict[str, str] = {}
    slots: dict[str, str] = {}
    extra: dict[str, str] = {}  # cells of the columns after the money ("Varigt fra 2035"), by their head
    text_run: list[tuple[str, int, int]] = []  # consecutive text tokens: one field
    fields: list[tuple[str, int, int]] = []
    for m in _TOKEN_RE.finditer(raw_lines[-1].text):
        token = m.group(0)
        if _parse_cell(token) is not None or EMPTY_CELL_RE.match(token):
            if text_run:
                fields.append((" ".join(t for t, _, _ in text_run), text_run[0][1], text_run[-1][2]))
                text_run = []
            fields.append((token, m.start(), m.end()))
        elif text_run and m.start() - text_run[-1][2] == 1:
            text_run.append((token, m.start(), m.end()))
        else:
            if text_run:
                fields.append((" ".join(t for t, _, _ in text_run), text_run[0][1], text_run[-1][2]))
            text_run = [(token, m.start(), m.end())]
    if text_run:
        fields.append((" ".join(t for t, _, _ in text_run), text_run[0][1], text_run[-1][2]))
    label_end = min((start for role, start, _ in head.columns if role not in ("label", "")), default=0)
    for text, start, stop in fields:
        role = _best_column(head.columns, start, stop)
        is_cell = _parse_cell(text) is not None or EMPTY_CELL_RE.match(text) is not None
        if is_cell and role is None and stop > label_end:
            return None  # an amount between two columns: its year is unknown
        if role in money_roles and is_cell:
            if role in slots:
                return None
            slots[role] = text
        elif role is not None and role.startswith("extra:") and is_cell and slots:
            extra[head.extra_heads[int(role[6:])]] = text
        elif slots:
            return None  # text among or after the money cells
        elif role in ("styr", "udvalg", "bevilling", "iu"):
            if role in columns and not set(columns) - {role}:
                label_parts.append(columns[role])  # a long label ran under the column; the column's own cell follows
            columns[role] = text
        else:
            label_parts.append(text)
    if not slots:
        return None
    label, stripped = _strip_columns(join_wrapped(label_parts), head)
    names = {"styr": "styringsomraade", "udvalg": "udvalg", "bevilling": "bevilling", "iu": "indtaegt_udgift"}
    found = {**stripped, **{names[k]: v for k, v in columns.items()}}
    ordered = [slots.get(y) for y in head.years] + ([slots.get("total")] if head.has_total else [])
    row = _slots_row(label, ordered, head, found)
    return dataclasses.replace(row, extra=extra) if row is not None and extra else row


def _tab_row(line: _Line, head: _Head) -> TableRow | None:
    """One row of a tab-separated table; every cell sits in its own column."""
    cells = [" ".join(c.split()) for c in line.text.split("\t")]
    while len(cells) > len(head.roles) and not cells[-1]:
        cells.pop()
    if len(cells) > len(head.roles):
        return None
    cells += [""] * (len(head.roles) - len(cells))
    fields: dict[str, str] = {}
    amounts: dict[str, Amount] = {}
    notes: dict[str, str] = {}
    total: Amount | None = None
    after_total = _after_money(head.roles)
    extra = {name: cell for name, cell in zip(head.extra_heads, (c for r, c in zip(head.roles[after_total:],
                                                                                  cells[after_total:]) if r == ""))
             if cell}
    for role, cell in zip(head.roles, cells):
        if role in ("label", "styr", "udvalg", "bevilling", "iu"):
            if cell:
                fields[role] = cell
            continue
        if role != "total" and not YEAR_RE.match(role):
            continue
        if not cell or EMPTY_CELL_RE.match(cell):
            continue
        parsed = _parse_cell(cell.replace(" ", ""))
        if parsed is None:
            value = parse_danish_number(cell)
            if value is None:
                return None
            parsed = (value, "")
        key = "total" if role == "total" else role
        if role == "total":
            total = parsed[0]
        else:
            amounts[role] = parsed[0]
        if parsed[1]:
            notes[key] = parsed[1]
    label = fields.get("label", "")
    return TableRow(
        label=label, amounts=amounts, total=total, styringsomraade=fields.get("styr"),
        udvalg=fields.get("udvalg"), bevilling=fields.get("bevilling"),
        indtaegt_udgift=fields.get("iu"), is_sum=SUM_LABEL_RE.search(label) is not None,
        cell_notes=notes, extra=extra,
    )


# --- row collection ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Body:
    rows: tuple[TableRow, ...]
    unreadable: tuple[str, ...]
    last_line: int  # index of the table's last line
    anchored: tuple[tuple[int, str], ...] = ()  # (index in rows, source text) of rows placed by an anchor year


def _pdf_groups(lines: Sequence[_Line], i: int, head: _Head) -> list[list[int]]:
    """Line indices of each row after the head: label lines, then the line(s) with its cells."""
    groups: list[list[int]] = []
    pending: list[int] = []
    for j in range(i, len(lines)):
        line = lines[j]
        if line.blank or (head.line and line.plain == head.line):
            continue  # the head repeated after a page break
        if _is_boundary(line):
            break
        last_text = join_wrapped(lines[k].plain for k in groups[-1]) if groups else ""
        last_count = _cell_count(last_text)
        if (not head.columns and not pending and groups and last_count < head.width and _is_pure_cells(line)
                and last_count + _cell_count(line.plain) <= head.width):
            groups[-1].append(j)  # a row whose cells the PDF split over lines
            continue
        if groups and not pending and SUM_LABEL_RE.search(_trailing_cells(last_text, head.width).rest):
            # a sum row closes the table, unless another one-line sum row or a group line ("Indtægter") follows it
            if not (_is_cells_line(line) and SUM_LABEL_RE.search(_trailing_cells(line.plain, head.width).rest)
                    or not pending and _is_group_text(line.plain) and _cell_count(line.plain) == 0):
                break
        if _is_cells_line(line) or _lone_aligned_cell(line, head):
            groups.append([*pending, j])
            pending = []
            continue
        pending.append(j)
        if len(pending) > MAX_LABEL_LINES:
            break
    return groups


def _pdf_body(lines: Sequence[_Line], i: int, head: _Head, budget_year: int | None) -> _Body:
    rows: list[TableRow] = []
    unreadable: list[str] = []
    anchored: list[tuple[int, str]] = []
    groups = _pdf_groups(lines, i, head)
    current: str | None = None  # the group line the rows stand under
    for group in groups:
        named, group = _without_group_line(group, lines)
        current = named or current
        source = "\n".join(lines[k].text.strip() for k in group)
        read = _pdf_row([lines[k] for k in group], head, rows, budget_year)
        if read is None:
            unreadable.append(source)
            continue
        if read[1]:
            anchored.append((len(rows), source))
        row = read[0]
        rows.append(row if row.is_sum else dataclasses.replace(row, group=current))
        current = None if row.is_sum else current
    return _Body(tuple(rows), tuple(unreadable), groups[-1][-1] if groups else i - 1, tuple(anchored))


def _is_cell_line(line: _Line) -> bool:
    plain = line.plain
    return " " not in plain and (AMOUNT_CELL_RE.match(plain) is not None or EMPTY_CELL_RE.match(plain) is not None)


def _vertical_body(lines: Sequence[_Line], i: int, head: _Head, budget_year: int | None) -> _Body:
    """Rows of a table whose cells stand one per line: label lines, then one line per cell, where a
    blank line is an empty cell (the normalizer keeps blank lines between cells)."""
    rows: list[TableRow] = []
    unreadable: list[str] = []
    anchored: list[tuple[int, str]] = []
    last = i - 1
    current: str | None = None  # the group line the rows stand under
    j, n = i, len(lines)
    while j < n:
        k = j
        while k < n and lines[k].blank:
            k += 1
        text_lines: list[int] = []
        while k < n and not lines[k].blank and not _is_cell_line(lines[k]) and not _is_boundary(lines[k]):
            text_lines.append(k)
            k += 1
        if not text_lines or len(text_lines) > MAX_LABEL_LINES:
            break
        named, text_lines = _without_group_line(text_lines, lines)
        current = named or current
        if rows and rows[-1].is_sum and not SUM_LABEL_RE.search(join_wrapped(lines[t].plain for t in text_lines)) \
                and not (len(text_lines) >= 2 and _is_group_text(lines[text_lines[0]].plain)):
            break  # a sum row closes the table unless another sum row or a group follows
        block: list[int] = []
        while k < n and (lines[k].blank or _is_cell_line(lines[k])):
            block.append(k)
            k += 1
        while block and lines[block[-1]].blank:
            block.pop()
        if not block:
            break
        source = "\n".join(lines[t].text.strip() for t in [*text_lines, *block])
        read = _vertical_row([lines[t] for t in text_lines], [lines[b] for b in block], head, rows, budget_year)
        if read is None:
            unreadable.append(source)
        else:
            if read[1]:
                anchored.append((len(rows), source))
            rows.append(read[0] if read[0].is_sum else dataclasses.replace(read[0], group=current))
            current = None if read[0].is_sum else current
        last = block[-1]
        j = last + 1
    return _Body(tuple(rows), tuple(unreadable), last, tuple(anchored))


def _vertical_row(text_lines: Sequence[_Line], block: Sequence[_Line], head: _Head, earlier: Sequence[TableRow],
                  budget_year: int | None) -> tuple[TableRow, bool] | None:
    """One row of a one-cell-per-line table; its cells are placed by line when their count fits (else as
    PDF text: see `_pdf_row`)."""
    label, columns = _strip_columns(join_wrapped(line.plain for line in text_lines), head)
    slots: list[str | None] = [None if line.blank else line.plain for line in block]
    filled = [s for s in slots if s is not None]
    if len(slots) != head.width and len(filled) == head.width:
        slots = filled
    while len(slots) > head.width and slots[0] is None:
        slots = slots[1:]
    if len(slots) == head.width:
        row = _slots_row(label, slots, head, columns)
        return (row, False) if row is not None else None
    if len(filled) == len(slots):  # no blank lines: positions unknown, as in plain PDF text
        return _pdf_row([*text_lines, *block], head, earlier, budget_year)
    return None


def _tab_body(lines: Sequence[_Line], i: int, head: _Head) -> _Body:
    """Rows of a tab-separated table. A line holding only a label ("Merudgifter", with or without its empty cells)
    between rows is a group line: the rows under it carry it as their `group` until a sum row closes the group."""
    rows: list[TableRow] = []
    unreadable: list[str] = []
    last = i - 1
    group: str | None = None
    for j in range(i, len(lines)):
        line = lines[j]
        if line.blank:
            continue
        if _is_boundary(line):
            break
        if "\t" not in line.text.strip():
            if _is_group_text(line.plain, strict=False) and _next_tab_row(lines, j + 1, head):
                group, last = _group_name(line.plain), j
                continue
            break
        row = _tab_row(line, head)
        if row is None:
            unreadable.append(line.text.strip())
        elif (not row.amounts and row.total is None and not row.is_sum and _is_group_text(row.label, strict=False)
              and _next_tab_row(lines, j + 1, head)):
            group = _group_name(row.label)  # "Merudgifter\t\t\t": a group line with its empty cells
        elif row.is_sum:
            rows.append(row)
            group = None
        else:
            rows.append(dataclasses.replace(row, group=group))
        last = j
    return _Body(tuple(rows), tuple(unreadable), last)


def _next_tab_row(lines: Sequence[_Line], j: int, head: _Head) -> bool:
    """Is the next filled line from `j` a row of this tab-separated table?"""
    k = _next_filled(lines, j)
    return k is not None and "\t" in lines[k].text.strip() and not _is_boundary(lines[k]) \
        and _tab_row(lines[k], head) is not None


def _is_group_text(text: str, strict: bool = True) -> bool:
    """A group line's text: one of the group words (`strict`, as PDF text needs), or any short label without
    figures that is no sentence (a word-processor table's merged group cell)."""
    plain = " ".join(text.split())
    if not plain or SUM_LABEL_RE.search(plain) or is_part_label(plain):
        return False
    if GROUP_LINE_RE.match(plain):
        return True
    return not strict and len(plain.split()) <= MAX_GROUP_WORDS and not re.search(r"\d", plain) \
        and not plain.endswith((".", ",", ";")) and plain[:1].isupper()


def _group_name(text: str) -> str:
    return " ".join(text.split()).rstrip(" :")


def _without_group_line(group_lines: Sequence[int], lines: Sequence[_Line]) -> tuple[str | None, list[int]]:
    """A PDF row's lines without a group line opening them ("Mindreudgifter" above the row's label): (group, rest)."""
    if len(group_lines) >= 2 and _is_group_text(lines[group_lines[0]].plain) and _cell_count(
            lines[group_lines[0]].plain) == 0:
        return _group_name(lines[group_lines[0]].plain), list(group_lines[1:])
    return None, list(group_lines)


def _with_parts(rows: Sequence[TableRow]) -> tuple[TableRow, ...]:
    """Rows with each "Heraf ..." row marked as a share of the item row above it (`part_of`)."""
    out: list[TableRow] = []
    whole: TableRow | None = None
    for row in rows:
        if is_part_label(row.label) and whole is not None:
            out.append(dataclasses.replace(row, part_of=whole.label, group=whole.group))
            continue
        out.append(row)
        whole = None if row.is_sum else row
    return tuple(out)


# --- transposed money tables: a year per row ---------------------------------------------------

TOTAL_CELL_RE = re.compile(r"^(?:i\s+alt|total|sum|samlet)$", re.IGNORECASE)
_TOTAL_LEAD_RE = re.compile(r"^(i\s+alt|total|sum|samlet)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class _Transposed:
    """A money table with a year per row, turned back into rows of items (see `_transposed_table`)."""

    head_text: str
    years: tuple[str, ...]
    has_total: bool
    rows: tuple[TableRow, ...]
    unreadable: tuple[str, ...]
    last_line: int


def _year_line(line: _Line) -> tuple[str, list[str]] | None:
    """("2028" or "total", cells) of a transposed table's body line: a year (or "I alt") first, then only money
    cells ("" for an empty one); None for any other line."""
    if "\t" in line.text.strip():
        cells = [" ".join(c.split()) for c in line.text.strip().split("\t")]
        key, rest = cells[0], cells[1:]
    else:
        plain = line.plain
        lead = _TOTAL_LEAD_RE.match(plain)
        key, rest = (lead.group(1), plain[lead.end():].split()) if lead else (plain.split(" ")[0], plain.split()[1:])
    if YEAR_RE.match(key) is None and TOTAL_CELL_RE.match(key) is None:
        return None
    while rest and not rest[-1]:
        rest.pop()
    if not rest or not all(not c or EMPTY_CELL_RE.match(c) or _parse_cell(c.replace(" ", "")) is not None
                           or parse_danish_number(c) is not None for c in rest):
        return None
    return ("total" if TOTAL_CELL_RE.match(key) else key), rest


def _transposed_names(head: _Line, width: int) -> tuple[str, list[str]] | None:
    """(corner cell, column names) of a transposed table's head for rows of `width` cells: tab-separated cells,
    fields set apart by runs of spaces, or single words ("I alt" one name); None when the names cannot be told
    apart (multi-word names in plain PDF text)."""
    if "\t" in head.text.strip():
        cells = [" ".join(c.split()) for c in head.text.strip().split("\t")]
    elif len(fields := _fields(head.text.strip())) >= width:
        cells = [f[0] for f in fields]
    else:
        cells = re.sub(r"(?i)\bi alt\b", "I\u00a0alt", head.plain).split(" ")
        cells = [c.replace("\u00a0", " ") for c in cells]
    while len(cells) > width + 1 and not cells[-1]:
        cells.pop()
    if len(cells) == width + 1:
        return cells[0], cells[1:]
    if len(cells) == width and not YEAR_RE.match(cells[0]):
        return "", cells
    return None


def _transposed_table(lines: Sequence[_Line], i: int) -> _Transposed | None:
    """A money table turned on its side: the cost items are columns and each year a row ("2026 1.400 600 2.000"),
    maybe an "I alt" row and column. Read back into the usual shape, a row per item with its amount per year,
    the "I alt" column as the sum row and the "I alt" row as each item's total, so the same checks apply.
    A year line whose cells do not fit the head (a cell lost from PDF text) is reported unreadable."""
    found = _lines_before(lines, i, lambda line: _year_line(line) is not None or YEAR_RE.match(line.plain) is not None)
    if found is None:
        return None
    seen, j = found
    if _year_line(lines[j]) is None:
        return _vertical_transposed(lines, i)  # a year alone on its line: one cell per line
    if not seen:
        return None
    body: list[tuple[str, list[str], str, bool]] = []
    body_lines: list[_Line] = []
    last = j
    for k in range(j, len(lines)):
        if lines[k].blank:
            continue
        read = _year_line(lines[k])
        if read is None or not _next_key(body, read[0]):
            break
        body.append((*read, lines[k].text.strip(), "\t" in lines[k].text.strip()))
        body_lines.append(lines[k])
        last = k
        if read[0] == "total":
            break
    if sum(1 for b in body if b[0] != "total") < 2:
        return None
    width = max(len(b[1]) for b in body)
    named = _transposed_names(seen[-1], width)
    if named is not None:
        body = [_aligned_year_line(b, line, seen[-1], len(named[1])) for b, line in zip(body, body_lines)]
    head_text = join_wrapped([*(line.plain for line in seen[:-1]), named[0] if named else ""])
    return _turn(head_text, named[1] if named else None, body, last)


def _aligned_year_line(read: tuple[str, list[str], str, bool], line: _Line, head: _Line,
                       width: int) -> tuple[str, list[str], str, bool]:
    """A space-aligned year line with fewer cells than the head has names (empty cells are blank there): each cell
    placed under the head field it stands under, "" for the empty ones. Unchanged when the line is complete, is
    not aligned, or a cell stands under no name or under one already taken (left to be reported unreadable)."""
    key, cells, source, positioned = read
    columns = _fields(head.text)[-width:]
    if positioned or len(cells) >= width or "\t" in head.text.strip() or len(_fields(head.text)) < width:
        return read
    fields = _fields(line.text)
    lead = " ".join(fields[0][0].split()) if fields else ""
    if not (YEAR_RE.match(lead) or TOTAL_CELL_RE.match(lead)):
        return read  # the year and its first cell run together: nothing to place by
    placed = [""] * width
    for text, start, stop in fields[1:]:
        k = max(range(width), key=lambda c: min(stop, columns[c][2]) - max(start, columns[c][1]))
        if min(stop, columns[k][2]) - max(start, columns[k][1]) <= 0 or placed[k]:
            return read
        placed[k] = " ".join(text.split())
    return key, placed, source, True


def _lines_before(lines: Sequence[_Line], i: int, stop: Callable[[_Line], bool]) -> tuple[list[_Line], int] | None:
    """A transposed table's head: the filled lines from `i` up to the first line `stop` accepts, and that line's
    index; None when a boundary or more than MAX_HEAD_LINES lines come first, or no such line is near."""
    seen: list[_Line] = []
    j = i
    end = min(len(lines), i + 4 * MAX_HEAD_LINES)
    while j < end and (lines[j].blank or not stop(lines[j])):
        if not lines[j].blank:
            if _is_boundary(lines[j]) or len(seen) >= MAX_HEAD_LINES:
                return None
            seen.append(lines[j])
        j += 1
    return None if j >= end else (seen, j)


def _next_key(body: Sequence[tuple], key: str) -> bool:
    """May a transposed table's next line be `key`: years rising, then at most one "I alt" line last."""
    if not body:
        return key != "total"
    if body[-1][0] == "total":
        return False
    return key == "total" or int(key) > int(body[-1][0])


def _vertical_transposed(lines: Sequence[_Line], i: int) -> _Transposed | None:
    """A transposed table in PDF text with one cell per line: the head's names one per line, then each year on a
    line of its own followed by its cells. The names are the last head lines, as many as a year has cells; when
    the line before them is no corner ("År" or the unit), a name may have wrapped, and the table is reported
    unreadable rather than labelled by guess."""
    found = _lines_before(lines, i, lambda line: YEAR_RE.match(line.plain) is not None)
    if found is None or not found[0]:
        return None
    seen, j = found
    body: list[tuple[str, list[str], str, bool]] = []
    last, k = j, j
    while k < len(lines):
        if lines[k].blank:
            k += 1
            continue
        key = lines[k].plain
        key = "total" if TOTAL_CELL_RE.match(key) else key
        if (YEAR_RE.match(key) is None and key != "total") or not _next_key(body, key):
            break
        cells: list[str] = []
        m = k + 1
        while m < len(lines) and (lines[m].blank or _is_cell_line(lines[m])):
            if not lines[m].blank:
                cells.append(lines[m].plain)
                last = m
            m += 1
        if not cells:
            break
        body.append((key, cells, " ".join([lines[k].plain, *cells]), False))
        k = m
        if key == "total":
            break
    if sum(1 for b in body if b[0] != "total") < 2:
        return None
    width = Counter(len(b[1]) for b in body).most_common(1)[0][0]
    heads = [line.plain for line in seen]
    corner = heads[-width - 1] if len(heads) > width else ""
    names = heads[-width:] if len(heads) >= width else None
    if names and (len(heads) > width + 1 or any(n.endswith("-") for n in names)) and not (
            re.fullmatch(r"År|Year|Årstal", corner, re.IGNORECASE) or find_unit(corner)):
        names = None
    head_text = join_wrapped(heads[: -width] if names else heads)
    return _turn(head_text, names, body, last)


def _turn(head_text: str, names: Sequence[str] | None, body: Sequence[tuple[str, list[str], str, bool]],
          last: int) -> _Transposed:
    """The rows of items of a transposed table: `body` holds (year or "total", cells, source text, whether the
    cells are positioned) per line; without `names` every line is unreadable."""
    years = tuple(b[0] for b in body if b[0] != "total")
    has_total = body[-1][0] == "total"
    if names is None:
        return _Transposed(head_text, years, has_total, (), tuple(b[2] for b in body), last)
    cells: dict[tuple[str, int], tuple[Amount, str]] = {}
    unreadable: list[str] = []
    for key, row_cells, source, positioned in body:
        if len(row_cells) > len(names) or (not positioned and len(row_cells) != len(names)):
            unreadable.append(source)  # PDF text lost an empty cell: which column is unknown
            continue
        for c, cell in enumerate(row_cells):
            if not cell or EMPTY_CELL_RE.match(cell):
                continue
            parsed = _parse_cell(cell.replace(" ", "")) or (parse_danish_number(cell), "")
            cells[(key, c)] = parsed  # type: ignore[assignment]
    rows: list[TableRow] = []
    for c, name in enumerate(names):
        amounts = {y: cells[(y, c)][0] for y in years if (y, c) in cells}
        notes = {y: cells[(y, c)][1] for y in years if (y, c) in cells and cells[(y, c)][1]}
        total = cells[("total", c)][0] if ("total", c) in cells else None
        if ("total", c) in cells and cells[("total", c)][1]:
            notes["total"] = cells[("total", c)][1]
        row = _make_row(name, amounts, total, notes, {})
        if TOTAL_CELL_RE.match(name) and not row.is_sum:
            row = dataclasses.replace(row, is_sum=True)
        rows.append(row)
    return _Transposed(head_text, years, has_total, tuple(rows), tuple(unreadable), last)


# --- rows placed by an anchor year ------------------------------------------------------------

MAX_PLACEMENTS = 20_000  # start-position combinations tried before the anchored rows are called unplaceable


def _shifted(row: TableRow, years: Sequence[str], start: int) -> TableRow:
    """The row with its contiguous values (and their footnote markers) moved to start at `years[start]`."""
    placed = [y for y in years if y in row.amounts]
    moved = {old: years[start + k] for k, old in enumerate(placed)}
    notes = {moved.get(key, key): mark for key, mark in row.cell_notes.items()}
    return dataclasses.replace(row, amounts={moved[y]: row.amounts[y] for y in placed}, cell_notes=notes)


def _columns_add_up(rows: Sequence[TableRow], years: Sequence[str]) -> bool:
    """Every year column of the activity rows adds up to the (last) sum row; an empty cell counts 0."""
    sum_row = [r for r in rows if r.is_sum][-1]
    parts = [r for r in rows if not r.is_sum and r.part_of is None]
    return all(_sum_close(_total([r.amounts.get(y, 0) for r in parts]), sum_row.amounts.get(y, 0)) for y in years)


def settle_anchored_rows(rows: Sequence[TableRow], anchored: dict[int, str],
                         years: Sequence[str]) -> tuple[tuple[TableRow, ...], tuple[str, ...]]:
    """The rows with those placed by an anchor year moved to the only start years under which the table's
    columns add up to its sum row; (rows, source texts of rows that could not be placed).

    PDF text loses empty cells, so a row of three amounts under 2020-2023 is placed from the budget year
    (`_anchor_year`); but running costs often start the year after a construction, and the sum row then
    disagrees. The sum row is the document's own statement of where the money lies: every contiguous start
    of the anchored rows is tried, and the one assignment under which every year column adds up is kept.
    When none or several do (or too many to try), the anchored rows are reported unreadable rather than
    guessed. Rows the column check does not cover (a subtotal) stay as placed. Pure; `anchored` maps a row's
    index in `rows` to its source text.
    """
    sums = [k for k, r in enumerate(rows) if r.is_sum]
    if not anchored or not sums or len(sums) == len(rows) or _columns_add_up(rows, years):
        return tuple(rows), ()
    checked = [k for k in anchored if not rows[k].is_sum or k == sums[-1]]
    options: list[list[TableRow]] = []
    for k in checked:
        width = len(rows[k].amounts)
        options.append([_shifted(rows[k], years, start) for start in range(len(years) - width + 1)])
    count = 1
    for option in options:
        count *= len(option)
    fitting: list[tuple[TableRow, ...]] = []
    if count <= MAX_PLACEMENTS:
        for choice in itertools.product(*options):
            trial = list(rows)
            for k, row in zip(checked, choice):
                trial[k] = row
            if _columns_add_up(trial, years):
                fitting.append(tuple(trial))
                if len(fitting) > 1:
                    break
    if len(fitting) == 1:
        return fitting[0], ()
    return (tuple(r for k, r in enumerate(rows) if k not in checked),
            tuple(anchored[k] for k in checked))


# --- checks -----------------------------------------------------------------------------------


def table_checks(rows: Sequence[TableRow], years: Sequence[str], has_total: bool) -> tuple[TableCheck, ...]:
    """Row totals against their cells, and columns against the (last) sum row; never fixes."""
    checks: list[TableCheck] = []
    for row in rows:
        if row.total is not None:
            computed = _total(row.amounts.values())
            checks.append(TableCheck("row_total", row.label, row.total, computed,
                                     _sum_close(row.total, computed)))
    sums = [r for r in rows if r.is_sum]
    parts = [r for r in rows if not r.is_sum and r.part_of is None]  # a "Heraf" row is already in the row above
    if not sums or not parts:
        return tuple(checks)
    sum_row = sums[-1]
    subjects: list[tuple[str, Amount | None, list[Amount]]] = [
        (y, sum_row.amounts.get(y), [r.amounts[y] for r in parts if y in r.amounts]) for y in years
    ]
    if has_total:
        subjects.append(("I alt", sum_row.total, [r.total for r in parts if r.total is not None]))
    for subject, stated, cells in subjects:
        if stated is None and not cells:
            continue  # an empty column: nothing to check
        expected = stated if stated is not None else 0
        computed = _total(cells)
        checks.append(TableCheck("column_sum", subject, expected, computed, _sum_close(expected, computed)))
    return tuple(checks)


def place_by_layout(tables: Sequence[BudgetTable], layout_tables: Sequence[BudgetTable]) -> tuple[BudgetTable, ...]:
    """Tables read from a PDF's reading-order text, with each row's cells moved to the years the same
    table read from the layout text (cells at their positions) gives them.

    Reading-order text loses empty cells: a row starting in the second year looks like one starting in
    the first, and may still add up. The layout text keeps the columns, but wraps labels around the cells
    line, so only the amounts are taken from it, and only when the two readings agree on the table
    (title, years) and on every row's amounts in order; otherwise the table stays as read.
    """
    out: list[BudgetTable] = []
    for table in tables:
        twin = next((t for t in layout_tables if t.kind == "money" and t.title == table.title
                     and t.years == table.years and len(t.rows) == len(table.rows)), None)
        if table.kind != "money" or twin is None or not all(
                _cells_in_order(a) == _cells_in_order(b) for a, b in zip(table.rows, twin.rows)):
            out.append(table)
            continue
        rows = tuple(dataclasses.replace(row, amounts=dict(placed.amounts),
                                         cell_notes={**{k: v for k, v in row.cell_notes.items()
                                                        if k in ("label", "total")},
                                                     **{k: v for k, v in placed.cell_notes.items() if k in placed.amounts}})
                     for row, placed in zip(table.rows, twin.rows))
        has_total = any(r.total is not None for r in rows)
        out.append(dataclasses.replace(table, rows=rows, checks=table_checks(rows, table.years, has_total)))
    return tuple(out)


def _cells_in_order(row: TableRow) -> tuple[Amount | None, ...]:
    return (*(row.amounts[y] for y in sorted(row.amounts)), row.total)


def distrust_unchecked(table: BudgetTable) -> BudgetTable:
    """A table whose figures came from OCR: rows whose own total fails go to `unreadable`, and all rows
    do when a column fails to add up (which cell was misread is then unknown). A misread digit must not
    reach an answer as if the document said it."""
    if table.kind != "money" or all(c.ok for c in table.checks):
        return table
    failed_rows = {c.subject for c in table.checks if c.kind == "row_total" and not c.ok}
    column_failed = any(c.kind == "column_sum" and not c.ok for c in table.checks)
    dropped = [r for r in table.rows if column_failed or r.label in failed_rows]
    kept = tuple(r for r in table.rows if r not in dropped)
    lines = tuple(" ".join([r.label, *(format_danish_number(v) for v in r.amounts.values()),
                            *([format_danish_number(r.total)] if r.total is not None else [])]) for r in dropped)
    return dataclasses.replace(table, rows=kept, unreadable=table.unreadable + lines)


# --- text (goal) tables -----------------------------------------------------------------------


def _text_table(lines: Sequence[_Line], i: int) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...], int] | None:
    """(columns, rows, index of last line) of a goals table, or None when it has no known head."""
    body: list[int] = []
    for j in range(i, min(len(lines), i + MAX_TEXT_TABLE_LINES)):
        if not lines[j].blank and _is_boundary(lines[j]):
            break
        body.append(j)
    filled = [j for j in body if not lines[j].blank]
    if not filled:
        return None
    first = lines[filled[0]]
    if "\t" in first.text:
        columns = tuple(" ".join(c.split()) for c in first.text.split("\t"))
        if not any(GOAL_HEADER_RE.fullmatch(c) for c in columns):
            return None
        rows: list[tuple[str, ...]] = []
        last = filled[0]
        for j in filled[1:]:
            if "\t" not in lines[j].text:
                break
            cells = [" ".join(c.split()) for c in lines[j].text.split("\t")]
            while len(cells) > len(columns) and not cells[-1]:
                cells.pop()
            rows.append(tuple(cells + [""] * (len(columns) - len(cells))))
            last = j
        return columns, tuple(rows), last
    # PDF text: column heads first, then the cells in reading order, split at blank lines.
    paragraphs: list[list[str]] = [[]]
    for j in body:
        if lines[j].blank:
            if paragraphs[-1]:
                paragraphs.append([])
        else:
            paragraphs[-1].append(lines[j].plain)
    flat = "\n\n".join(join_wrapped(p) for p in paragraphs if p)
    columns_found: list[str] = []
    pos = 0
    while (m := GOAL_HEADER_RE.match(flat, pos)) is not None:
        columns_found.append(" ".join(m.group(1).split()))
        pos = m.end()
    if not columns_found:
        return None
    cells = tuple(c.strip() for c in flat[pos:].split("\n\n") if c.strip())
    return tuple(columns_found), (cells,) if cells else (), filled[-1]


# --- goal tables: a goal's baseline, target and result by column --------------------------------

# The value columns of a goal table by role. A head cell is the role word, optionally with a year or period
# ("Målsætning (2026)", "Resultat 2025", "Status pr. 2024"); a bare "Mål" names the goal of the row (a label
# column), "Mål 2026" its target value.
_GOAL_YEAR = r"(?:\s*(?:pr\.|per|i|ultimo|primo)?\s*\(?\s*(?:19|20)\d\d(?:\s*[-–/]\s*(?:19|20)?\d\d)?\s*\)?)"
_GOAL_ROLE_WORDS = {
    "baseline": r"udgangspunkt\w*|udgangsniveau|baseline|nulpunkt\w*|startniveau|førmåling",
    "goal": r"målsætning\w*|måltal|målværdi\w*|målniveau|target|ambition",
    "result": r"resultat\w*|status|opnået|realiseret|faktisk|result|achieved|actual",
    "assessment": r"vurdering|målopfyldelse|opfyldt|assessment",
}
# A bare year beside a goal column ("Bydel | 2024 | 2025 | Mål 2032") is the level measured that year: a result.
GOAL_HEAD_RE = re.compile(
    "(?:" + "|".join(f"(?P<{role}>{words}){_GOAL_YEAR}?" for role, words in _GOAL_ROLE_WORDS.items())
    + rf"|(?P<dated_goal>mål|goal){_GOAL_YEAR}|(?P<measured>(?:19|20)\d\d))(?![\w-])",
    re.IGNORECASE,
)
GOAL_VALUE_ROLES = ("baseline", "goal", "result")
_ANY_GOAL_HEAD = re.sub(r"\(\?P<\w+>", "(?:", GOAL_HEAD_RE.pattern)
_GOAL_FLAT_HEAD_RE = re.compile(
    rf"(?P<labels>[^\W\d][\w/.-]*(?: [^\W\d][\w/.-]*){{0,3}}) (?P<heads>{_ANY_GOAL_HEAD}(?: {_ANY_GOAL_HEAD})+)",
    re.IGNORECASE,
)
_GOAL_VALUE_RE = re.compile(r"[-−–]?\d+(?:[.,]\d+)*(?:\s*%|(?:\s+[^\W\d][\w.]*){0,2})?")  # "14 pct.", "6 dage"
MAX_GOAL_LABEL_LINES = 8  # label lines of one row in PDF reading order (two label columns, wrapped)


def goal_head_role(cell: str) -> str | None:
    """The role a goal table's head cell names ("baseline", "goal", "result", "assessment"), or None."""
    m = GOAL_HEAD_RE.fullmatch(" ".join(cell.split()))
    if m is None:
        return None
    return {"dated_goal": "goal", "measured": "result"}.get(m.lastgroup or "", m.lastgroup)


def goal_column_roles(columns: Sequence[str]) -> tuple[str, ...] | None:
    """Each column's role ("label" for the goal, indicator ... cells) when `columns` are the head of a goal
    table: label columns first, then at least two different ones of baseline, goal and result; else None.
    A goals table of text ("Målgruppe | Indsats | Målsætning | Opfølgning") has a single role: no goal table."""
    roles = tuple(goal_head_role(c) or "label" for c in columns)
    first = next((k for k, r in enumerate(roles) if r != "label"), len(roles))
    if first == 0 or "label" in roles[first:] or len({r for r in roles if r in GOAL_VALUE_ROLES}) < 2:
        return None
    return roles


def goal_row_sentence(columns: Sequence[str], row: Sequence[str]) -> str:
    """One goal-table row as a sentence that names every value's column: "Andel af timer dækket af vikarer:
    udgangspunkt (2022) 14 pct.; målsætning (2026) 7 pct." Quoted alone, it still says which figure is the
    baseline and which the goal. Empty cells ("", "-") are left out."""
    roles = goal_column_roles(columns) or ()
    labels = [c for c, r in zip(row, roles) if r == "label" and c.strip(" -–")]
    cells = []
    for head, value, role in zip(columns, row, roles):
        if role == "label" or not value.strip(" -–—"):
            continue
        head = " ".join(head.split())
        head = head if head[:2].isupper() else head[:1].lower() + head[1:]
        # a head ending in a year takes a colon ("mål 2032: 95"), so the year and the value do not run together
        cells.append(f"{head} {value}" if (value[:1].isdigit() or value[:1] in "-−–") and not head[-1:].isdigit()
                     else f"{head}: {value}")
    text = " – ".join(labels)
    if cells:
        text = f"{text}: {'; '.join(cells)}" if text else "; ".join(cells)
    return text if text[-1:] in ".!?" else text + "."


def _goal_table(lines: Sequence[_Line], i: int) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...], int] | None:
    """(columns, rows, index of last line) of a goal table whose head is line `i`, or None.

    Three layouts: tab-separated cells (word processors, HTML, Markdown, Word tables), cells set apart by
    runs of spaces (aligned text), and PDF reading order (head words, then per row its label lines and one
    line holding its values)."""
    line = lines[i]
    if line.blank or _is_boundary(line):
        return None
    if "\t" in line.text.strip():
        columns = tuple(" ".join(c.split()) for c in line.text.split("\t"))
        if goal_column_roles(columns) is None:
            return None
        return columns, *_goal_tab_rows(lines, i, columns)
    fields = _fields(line.text)
    if len(fields) >= 3:
        columns = tuple(" ".join(f[0].split()) for f in fields)
        if goal_column_roles(columns) is None:
            return None
        return columns, *_goal_aligned_rows(lines, i, fields)
    return _goal_flat_table(lines, i)


def _goal_tab_rows(lines: Sequence[_Line], i: int, columns: tuple[str, ...]) -> tuple[tuple[tuple[str, ...], ...], int]:
    rows: list[tuple[str, ...]] = []
    last = i
    for j in range(i + 1, len(lines)):
        if lines[j].blank:
            continue
        if "\t" not in lines[j].text.strip() or _is_boundary(lines[j]) or _tab_head(lines[j]) is not None:
            break
        cells = [" ".join(c.split()) for c in lines[j].text.split("\t")]
        while len(cells) > len(columns) and not cells[-1]:
            cells.pop()
        if len(cells) > len(columns):
            break
        rows.append(tuple(cells + [""] * (len(columns) - len(cells))))
        last = j
    return tuple(rows), last


def _goal_aligned_rows(lines: Sequence[_Line], i: int,
                       heads: list[tuple[str, int, int]]) -> tuple[tuple[tuple[str, ...], ...], int]:
    """Rows of a space-aligned goal table: each field goes to the column its middle stands under."""
    starts = [start for _, start, _ in heads]
    rows: list[tuple[str, ...]] = []
    last = i
    for j in range(i + 1, len(lines)):
        if lines[j].blank:
            continue
        fields = _fields(lines[j].text)
        if len(fields) < 2 or _is_boundary(lines[j]):
            break
        cells = [""] * len(heads)
        for text, start, end in fields:
            middle = (start + end) / 2
            k = max((n for n, s in enumerate(starts) if s <= middle), default=0)
            cells[k] = f"{cells[k]} {text}".strip()
        rows.append(tuple(" ".join(c.split()) for c in cells))
        last = j
    return tuple(rows), last


def _goal_flat_table(lines: Sequence[_Line], i: int) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...], int] | None:
    """A goal table in PDF reading order: the head's words over one or more lines, then per row its label
    lines followed by one line of exactly one value per value column ("18 pct. 12 pct. 15 pct.")."""
    parts: list[str] = []
    head_end = None
    for j in range(i, min(len(lines), i + 2 * MAX_HEAD_LINES)):
        if lines[j].blank:
            continue
        if _is_boundary(lines[j]) or len(parts) >= MAX_HEAD_LINES or "\t" in lines[j].text.strip():
            break  # (a tab-separated line is a table of cells, read as such from its own line)
        parts.append(lines[j].plain)
        m = _GOAL_FLAT_HEAD_RE.fullmatch(join_wrapped(parts))
        if m is None and head_end is not None:
            break  # the longest head: "Målsætning" + "(2026)" on the next line is one head
        if m is not None:
            head_end = j
            heads = [h.group(0) for h in GOAL_HEAD_RE.finditer(m.group("heads"))]
            columns = (m.group("labels"), *heads)
    if head_end is None or goal_column_roles(columns) is None:
        return None
    width = len(columns) - 1
    rows: list[tuple[str, ...]] = []
    label: list[str] = []
    last = head_end
    for j in range(head_end + 1, len(lines)):
        if lines[j].blank:
            continue
        if _is_boundary(lines[j]) or len(label) >= MAX_GOAL_LABEL_LINES:
            break
        values = _goal_values(lines[j].plain)
        if len(values) == width and label:
            rows.append((join_wrapped(label), *values))
            label, last = [], j
        elif not label and (labelled := _labelled_values(lines[j].plain, width)) is not None:
            rows.append(labelled)  # "Valby 87 86 95": the label and its values on one line
            last = j
        elif values and len(values) != width or lines[j].plain.endswith((".", ":")) and not label:
            break
        else:
            label.append(lines[j].plain)
    if not rows:
        return None
    return columns, tuple(rows), last


def _labelled_values(plain: str, width: int) -> tuple[str, ...] | None:
    """(label, value, ...) of a line that is a label followed by exactly `width` values ("Kørestole 25 pct. 31
    pct. 45 pct."), or None."""
    tokens = plain.split(" ")
    for cut in range(1, len(tokens)):
        if not re.match(r"[-−–]?\d", tokens[cut]):
            continue
        values = _goal_values(" ".join(tokens[cut:]))
        if len(values) == width:
            return (" ".join(tokens[:cut]), *values)
    return None


def _goal_values(plain: str) -> list[str]:
    """The values a line consists of ("18 pct. 12 pct. 15 pct."), or [] when it holds anything else."""
    values = [m.group(0) for m in _GOAL_VALUE_RE.finditer(plain)]
    return values if values and " ".join(values) == plain else []


# --- public -----------------------------------------------------------------------------------


def extract_tables(text: str, budget_year: int | None = None) -> tuple[BudgetTable, ...]:
    """Every table of a budget note's normalized text, in order.

    `budget_year` (the note's "Budget 2024") anchors rows whose empty cells the PDF text lost; when
    None, the year of the table's price level ("2018 p/l") is used. `page` and `section` are left
    for the caller.
    """
    lines = _split_lines(text)
    tables: list[BudgetTable] = []
    taken: set[int] = set()  # lines of the tables found so far: no prose stating a unit
    floor = 0
    i = 0
    while i < len(lines):
        found = None if lines[i].blank else _title_of(lines[i])
        if found is None and (goal := _goal_table(lines, i)) is not None:
            columns, text_rows, last = goal  # a goal table without a "Tabel N" title
            tables.append(BudgetTable(title="", kind="text", columns=columns, text_rows=text_rows,
                                      start=lines[i].start, end=lines[last].end))
            taken.update(range(i, last + 1))
            floor = i = last + 1
            continue
        if found is None:
            if lines[i].blank or not _is_untitled_head(lines[i], budget_year):
                i += 1
                continue
            # a money table without a "Tabel N" title: named by the heading it stands under
            table, last = _table_at(lines, i, i - 1, None, _heading_above(lines, i, floor), floor, budget_year,
                                    taken)
            if table is None or not table.rows:
                i += 1
                continue
            tables.extend(alternatives_as_rows(table))
            taken.update(range(i, last + 1))
            floor = i = last + 1
            continue
        number, title = found
        title_end = i
        nxt = _next_filled(lines, i + 1)
        if nxt is not None and number is not None and _continues_title(title, lines[nxt]):
            title, title_end = join_wrapped([title, lines[nxt].plain]), nxt
        table, last = _table_at(lines, i, title_end, number, title, floor, budget_year, taken)
        if table is None:
            i += 1
            continue
        tables.extend(alternatives_as_rows(table))
        taken.update(range(i, last + 1))
        floor = last + 1
        i = last + 1
    return tuple(tables)


def _is_untitled_head(line: _Line, budget_year: int | None = None) -> bool:
    """A money table's head line with no title above it: years, and a unit or "I alt", on one line."""
    if "\t" in line.text.strip():
        head = _tab_head(line, budget_year)
        return head is not None and (head.unit is not None or head.has_total)
    tokens = calendar_text(line.plain, budget_year).split(" ")
    run = _year_run(tokens)
    return run is not None and find_unit(" ".join(tokens[: run[2]])) is not None


# An English page's table ("DKK 1,000", "2026 prices"): its figures are written the English way too.
_ENGLISH_HEAD_RE = re.compile(r"\bDKK\b|\bprices\b|\bprice level\b|\bAmounts in\b", re.IGNORECASE)
_EN_THOUSANDS_RE = re.compile(r"(?<![\w.,])([-−–]?[1-9]\d{0,2}(?:,\d{3})+)(\.\d+)?(?![\w]|[.,]\d)")
_EN_DECIMAL_RE = re.compile(r"(?<![\w.,])([-−–]?\d+)\.(\d{1,2})(?![\w]|[.,]\d)")
MAX_ENGLISH_LINES = 80


def _is_english(lines: Sequence[_Line], i: int, head_index: int) -> bool:
    """Do the table's title and head (or the line just above it) say it in English ("DKK 1,000", "Total")?"""
    above = next((lines[j].plain for j in range(i - 1, max(-1, i - 4), -1) if not lines[j].blank), "")
    return any(_ENGLISH_HEAD_RE.search(text) for text in (above, *(lines[j].plain for j in range(i, head_index + 1))))


def _with_danish_numbers(lines: Sequence[_Line], start: int) -> tuple[_Line, ...]:
    """`lines` with the English figures of the lines from `start` on written the Danish way ("1,200" -> "1.200",
    "12.4" -> "12,4"); offsets stay, as each figure keeps its length. Figures that read the same either way
    ("1.200", "950") are left: an English table may keep the Danish format."""
    def swap(m: re.Match[str]) -> str:
        return m.group(1).replace(",", ".") + (m.group(2) or "").replace(".", ",")

    out = list(lines)
    for j in range(start, min(len(lines), start + MAX_ENGLISH_LINES)):
        text = _EN_THOUSANDS_RE.sub(swap, lines[j].text)
        text = _EN_DECIMAL_RE.sub(lambda m: f"{m.group(1)},{m.group(2)}", text)
        out[j] = dataclasses.replace(lines[j], text=text)
    return tuple(out)


def _stated_above(lines: Sequence[_Line], i: int, taken: Collection[int]) -> tuple[str | None, str | None]:
    """(unit, price level) the prose above line `i` states for the figures below it ("Beløbene er angivet i
    1.000 kr. (2026-priser)", "Alle beløb er i tkr., 2029-priser"), each from the nearest sentence stating it.

    Notes state it once above several tables, or once in an introduction for a whole catalogue, so the search
    goes up through the prose (not through the tables found so far) to the document's start."""
    text = join_wrapped(lines[j].plain for j in range(i) if not lines[j].blank and j not in taken)
    bounds = sentence_bounds(text)
    unit = price_level = None
    for a, b in reversed(list(zip(bounds, bounds[1:]))):
        said_unit, said_price_level = stated_unit_and_price_level(text[a:b])
        unit, price_level = unit or said_unit, price_level or said_price_level
        if unit and price_level:
            break
    return unit, price_level


def _unit_of(lines: Sequence[_Line], i: int, head_text: str, title: str,
             taken: Collection[int]) -> tuple[str | None, str | None]:
    """(unit, price level) of the table whose title is line `i`: from its head, else its title ("Økonomi (mio.
    kr., 2026 p/l)"), else the prose above it (see `_stated_above`)."""
    head_unit, head_price_level = _unit_and_price_level(head_text)
    title_unit, title_price_level = _unit_and_price_level(title)
    unit, price_level = head_unit or title_unit, head_price_level or title_price_level
    if unit is None or price_level is None:
        said_unit, said_price_level = _stated_above(lines, i, taken)
        unit, price_level = unit or said_unit, price_level or said_price_level
    return unit, price_level


def _turned_table(lines: Sequence[_Line], i: int, turned: _Transposed, number: str | None, title: str,
                  scenario: str | None, taken: Collection[int]) -> BudgetTable:
    """The BudgetTable of a transposed table (see `_transposed_table`), in the shape of every other."""
    unit, price_level = _unit_of(lines, i, turned.head_text, title, taken)
    return BudgetTable(
        title=title_without_unit(title, unit, price_level), kind="money", number=number, scenario=scenario,
        unit=unit, price_level=price_level, years=turned.years, rows=turned.rows,
        checks=table_checks(turned.rows, turned.years, turned.has_total), unreadable=turned.unreadable,
        start=lines[i].start, end=lines[turned.last_line].end,
    )


def _footnote_price_level(lines: Sequence[_Line], i: int, head_index: int, last: int) -> str | None:
    """The price level a footnote gives a table whose title or head points to it: "Mio. kr.¹" ... "¹ Alle beløb er
    opgjort i 2029-priser". The footnote may stand after later tables that share it, but not past a section
    heading; only superscript marks count ("*" marks cells)."""
    marks = {c for j in range(i, head_index + 1) for c in lines[j].text if c in FOOTNOTE_MARKS[1:]}
    if not marks:
        return None
    for j in range(last + 1, min(len(lines), last + 1 + MAX_FOOTNOTE_LINES)):
        line = lines[j]
        if line.blank:
            continue
        if _is_heading(line):
            break
        plain = line.plain
        if plain[:1] in marks:
            return find_price_level(plain)
    return None


def _heading_above(lines: Sequence[_Line], i: int, floor: int) -> str:
    """The nearest section heading above line `i` (not above `floor`), or "" when there is none."""
    for j in range(i - 1, floor - 1, -1):
        heading = canonical_heading(lines[j].plain) if not lines[j].blank else None
        if heading:
            return heading
    return ""


def _next_filled(lines: Sequence[_Line], i: int) -> int | None:
    return next((j for j in range(i, len(lines)) if not lines[j].blank), None)


def _continues_title(title: str, line: _Line) -> bool:
    """A title the PDF wrapped: "... styrings-" + "områder (scenarie 2)"."""
    plain = line.plain
    wrapped_word = len(title) >= 2 and title.endswith("-") and title[-2].isalpha() and plain[:1].islower()
    return (wrapped_word or SCENARIO_ONLY_RE.fullmatch(plain) is not None) and not _is_boundary(line)


def _table_at(lines: Sequence[_Line], i: int, title_end: int, number: str | None, title: str, floor: int,
              budget_year: int | None, taken: Collection[int] = ()) -> tuple[BudgetTable | None, int]:
    """The table whose title is lines `i`..`title_end`, and the index of its last line."""
    scenario = _scenario(title, lines, i, floor)
    first = _next_filled(lines, title_end + 1)
    goal = _goal_table(lines, first) if first is not None and number is not None else None
    if goal is not None:
        columns, text_rows, last = goal
        return BudgetTable(title=title, kind="text", number=number, scenario=scenario, columns=columns,
                           text_rows=text_rows, start=lines[i].start, end=lines[last].end), last
    head_found = _find_head(lines, title_end + 1, budget_year)
    if head_found is not None:
        head, head_index = head_found
        if _is_english(lines, i, head_index):
            lines = _with_danish_numbers(lines, head_index + 1)
        if head.roles:
            body = _tab_body(lines, head_index + 1, head)
        elif head.vertical:
            body = _vertical_body(lines, head_index + 1, head, budget_year)
        else:
            body = _pdf_body(lines, head_index + 1, head, budget_year)
        last = max(body.last_line, head_index)
        unit, price_level = head.unit, head.price_level
        if unit is None or price_level is None:
            said_unit, said_price_level = _unit_of(lines, i, "", title, taken)
            unit, price_level = unit or said_unit, price_level or said_price_level
        price_level = price_level or _footnote_price_level(lines, i, head_index, last)
        rows, unplaced = settle_anchored_rows(_with_parts(body.rows), dict(body.anchored), head.years)
        table = BudgetTable(
            title=title_without_unit(title, unit, price_level), kind="money", number=number, scenario=scenario,
            unit=unit, price_level=price_level, years=head.years, rows=rows,
            checks=table_checks(rows, head.years, head.has_total), unreadable=body.unreadable + unplaced,
            start=lines[i].start, end=lines[last].end,
        )
        return table, last
    if number is not None and (turned := _transposed_table(lines, title_end + 1)) is not None:
        return _turned_table(lines, i, turned, number, title, scenario, taken), turned.last_line
    if number is not None and (named := named_columns_table([line.text for line in lines], title_end + 1,
                                                            lambda j: _is_boundary(lines[j]))) is not None:
        # a follow-up's "Korr. budget | Forv. forbrug | Afvigelse": money by named columns, no years
        unit, price_level = _unit_of(lines, i, named.head_text, title, taken)
        return BudgetTable(
            title=title_without_unit(title, unit, price_level), kind="money", number=number, scenario=scenario,
            unit=unit, price_level=price_level, rows=named.rows, checks=named.checks, unreadable=named.unreadable,
            start=lines[i].start, end=lines[named.last_line].end,
        ), named.last_line
    if number is None:
        return None, i  # an untitled "Tidligere afsatte midler" without a money head is prose
    text_found = _text_table(lines, title_end + 1)
    if text_found is None:
        return None, i
    columns, text_rows, last = text_found
    table = BudgetTable(
        title=title, kind="text", number=number, scenario=scenario, columns=columns,
        text_rows=text_rows, start=lines[i].start, end=lines[last].end,
    )
    return table, last
