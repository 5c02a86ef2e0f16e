"""A money answer read from a table's printed lines when the table reader kept no rows of it.

The table reader turns a note's tables into rows of amounts; a table it could not read (an unusual head, a
grid it took for prose) leaves no row, and a cost question about that note would refuse or quote a line of
another table. The note's text still holds the table as printed, so this module reads it line by line:

- a *data line* is a label followed by amount cells ("Mulighed 2 – weekendrydning Service 2.300 2.300 9.200");
  a label broken over two lines ("Frivilligkoordinator og" / "materialer 450 470") is joined;
- its *head* is the nearest line above with year columns in any usual notation ("2031 2032 I alt",
  "B2031 BO2032", "Budget 2031 | Overslag 2032", "B BO1 BO2" relative to the note's budget year);
- its *caption* is the table's title, unit and price level printed just above the head.

A line answers only when its label names what the question asks (the question's own words less the note's
title; rapidfuzz matches misspelt or inflected words) and no other line names it as well; with no such words,
the table's one sum row ("I alt", "Total") answers. A year's figure is tied to its column only when the line
has exactly one cell per column of its head; otherwise the line is not used for a year, since a figure of
another column would read as the answer. Every figure shown is cited with the head and line it is copied from.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from rapidfuzz import fuzz

from budgetarkiv.answer.model import page_at
from budgetarkiv.answer.relevance import Relevance, overlap
from budgetarkiv.answer.wording import Draft

# an amount cell as printed: "2.300", "-1.150", "0,75", "−3,0"; a dash is a blank cell ("–", "-")
_NUMBER = re.compile(r"[-−–]?\d{1,3}(?:\.\d{3})+(?:,\d+)?|[-−–]?\d+(?:,\d+)?")
_BLANK = re.compile(r"[-–—]|\.{1,3}")
# a column head naming a year: "2031", "B2031", "BO2032", "BF 2031", "FY2031", "'31" is not read (ambiguous)
_YEAR_HEAD = re.compile(r"^(?:B|BO|BF|FY|Budget|Overslag|Overslagsår|Regnskab|R|Prognose)?\s?((?:19|20)\d\d)$",
                        re.IGNORECASE)
# a column head relative to the budget year: "B" (the budget year), "BO1" .. "BO4" (its overslagsår)
_RELATIVE_HEAD = re.compile(r"^(?:B|BO\s?([1-9]))$")
_TOTAL_HEAD = re.compile(r"^(?:i\s*alt|total|samlet|sum|heraf\s*i\s*alt)$", re.IGNORECASE)
# words of a head line that name a year column's kind and are not columns of their own
_HEAD_PREFIX = re.compile(r"\b(?:Budget|Overslag(?:sår)?|Regnskab|Prognose|BF|FY)\s+(?=(?:19|20)\d\d\b)", re.IGNORECASE)
# a price level printed in a head or caption is no column: "2031-priser", "prisniveau 2031", "(2031 p/l)"
_PRICE = re.compile(r"(?:(?:19|20)\d\d\s*[-‐]?\s*(?:priser|prisniveau|p/l|pl\b|-pl\b|prices|price level)"
                    r"|(?:prisniveau|pris-?\s?og\s?lønniveau|price level|prices)\s+(?:19|20)\d\d"
                    r"|(?:faste|løbende)\s+(?:(?:19|20)\d\d-?)?\s*(?:priser|p/l)|current prices)", re.IGNORECASE)
_UNIT = re.compile(r"(?:1\.000\s*kr\.?|tkr\.?|t\.\s?kr\.?|mio\.?\s*kr\.?|mia\.?\s*kr\.?|mill\.?\s*kr\.?|kr\.|"
                   r"DKK\s*(?:1,000|'000|thousands?|millions?|m\b|mio\.?)|(?:thousands?|millions?)\s+(?:of\s+)?DKK|"
                   r"1,000\s*DKK)", re.IGNORECASE)
# a table's unit as printed beside its figures, no amount: "1.000 kr.", "DKK 1,000", "i mio. kr."
_UNIT_ONLY = re.compile(r"(?<![\d.,])1[.,]000\s*(?:kr\.?|DKK)|\bDKK\s*1,000\b|\b(?:i|in)\s+(?:mio|mia|mill)\.?\s*kr",
                        re.IGNORECASE)
_STATED = re.compile(r"\d\s*(?:mio\.?|mia\.?|mill\.?|million\w*|billion\w*)?\s*(?:kr\b|kroner|DKK)|"
                     r"\b(?:kr\.?|DKK)\s*\d", re.IGNORECASE)
_CAPTION = re.compile(r"^(?:[^\W\d_]+\s){0,2}(?:\w*tabel|table|tab\.|oversigt|figur)\b|^økonomi\b", re.IGNORECASE)
_SUM_LABEL = re.compile(r"\b(?:i\s+alt|total|samlet|sum)\b|^(?:i\s*alt|total|samlet)$", re.IGNORECASE)
# "Mulighed 2", "scenarie B", "Model A", "option 3", "niveau 2": a label naming one alternative by its number
_ALTERNATIVE = re.compile(r"\b(mulighed|scenarie|scenario|model|option|niveau|level|løsning|alternativ|forslag|"
                          r"variant|pakke|package|trin|step|fase|phase)\w*\s+([0-9]{1,2}|[A-H])\b", re.IGNORECASE)
_YEARLY = re.compile(r"\b(?:årlig\w*|om året|pr\.? år|per år|hvert år|per year|a year|each year|annual\w*|yearly)\b",
                     re.IGNORECASE)
# a cell whose value is clear: a whole number, Danish thousands ("2.300"), one or two decimals ("0,75")
_UNAMBIGUOUS = re.compile(r"[-−–]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d{1,2})?")
_SUM_WORD = {"da": "I alt", "en": "Total"}
_FUZZY = 88  # rapidfuzz ratio for a question word against a label word (misspelt, inflected)
_MAX_HEAD_DISTANCE = 30  # lines between a data line and its head
_MAX_LABEL = 90  # a longer "label" is a sentence that ends in a figure


@dataclass(frozen=True)
class PrintedLine:
    """One data line of a table as printed, with the head and caption it stands under."""

    label: str
    cells: tuple[str, ...]  # the amount cells as printed, left to right
    line: str  # the line (and the label's first part, when it was broken) as printed
    head: str  # the head line as printed
    columns: tuple[str, ...]  # the head's columns: "2031" ... for years, "total" for a total column
    printed: tuple[str, ...]  # the same columns as the head prints them ("BO1", "I alt")
    caption: str  # the title, unit and price level lines above the head, as printed
    unit: str | None
    price_level: str | None
    offset: int  # where the line starts in the note's text

    @property
    def tied(self) -> bool:
        """Whether each cell stands under one column of the head (the years can be read off)."""
        return len(self.cells) == len(self.columns) and bool(self.columns)

    def cell(self, column: str) -> str | None:
        if not self.tied or column not in self.columns:
            return None
        value = self.cells[self.columns.index(column)]
        return None if _BLANK.fullmatch(value) else value


@dataclass(frozen=True)
class Found:
    """The answer's lines (each with the evidence it is copied from), or nothing when no line answers safely."""

    lines: tuple[tuple[str, str], ...]


_WORDS = {
    "da": {"row": "aflæst i tabellens trykte linje: tabellen kunne ikke læses som rækker", "page": "s.",
           "columns": "kolonner som trykt"},
    "en": {"row": "read off the table's printed line: the table could not be read as rows", "page": "p.",
           "columns": "columns as printed"},
}


def _split_cells(line: str) -> tuple[str, tuple[str, ...]]:
    """A line's label and its trailing amount cells (blank dashes included); ("", ()) when it has no cell."""
    tokens = [t for t in re.split(r"\s*\|\s*|\t|\s+", line.strip()) if t]
    cells: list[str] = []
    while tokens and (_NUMBER.fullmatch(tokens[-1]) or _BLANK.fullmatch(tokens[-1])):
        cells.append(tokens.pop())
    if not any(_NUMBER.fullmatch(c) for c in cells):
        return "", ()
    return " ".join(tokens), tuple(reversed(cells))


def head_columns(line: str, budget_year: int | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The columns of a head line: years in any notation (relative ones by the budget year) and totals, and
    the same columns as printed; ((), ()) when the line names fewer than two year columns."""
    text = _PRICE.sub(" ", line)
    text = _HEAD_PREFIX.sub("", text)
    text = re.sub(r"\b(i)\s+(alt)\b", r"\1\2", text, flags=re.IGNORECASE)
    columns: list[str] = []
    printed: list[str] = []
    for token in (t for t in re.split(r"\s*\|\s*|\t|\s+", text.strip()) if t):
        token = token.strip("()[],;:")
        year = _YEAR_HEAD.match(token)
        relative = _RELATIVE_HEAD.match(token) if budget_year else None
        if year:
            columns.append(year.group(1))
        elif relative:
            columns.append(str(budget_year + int(relative.group(1) or 0)))
        elif _TOTAL_HEAD.match(token):
            columns.append("total")
        elif columns:
            return (), ()  # a word after the columns began ("2031 2032 Bemærkning"): not a plain head
        else:
            continue
        printed.append("I alt" if columns[-1] == "total" and token.lower() == "ialt" else token)
    years = [c for c in columns if c != "total"]
    if len(years) < 2 or len(set(years)) != len(years):
        return (), ()
    return tuple(columns), tuple(printed)


def printed_lines(text: str, budget_year: int | None) -> list[PrintedLine]:
    """Every data line of the text's tables that has a year head above it."""
    out: list[PrintedLine] = []
    lines = text.split("\n")
    offsets, pos = [], 0
    for raw in lines:
        offsets.append(pos)
        pos += len(raw) + 1
    head_at: int | None = None
    last = -1  # the last line of the table read (its head or a data line)
    columns: tuple[str, ...] = ()
    printed: tuple[str, ...] = ()
    caption = ""
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        found, named = head_columns(line, budget_year)
        if found:
            head_at, columns, printed, last = i, found, named, i
            caption = _caption(lines, i)
            continue
        if head_at is None or i - head_at > _MAX_HEAD_DISTANCE:
            continue
        label, cells = _split_cells(line)
        if not cells:
            if i - last > 1:
                head_at = None  # two lines without figures: the table has ended
            continue
        if len(label) > _MAX_LABEL or i - last > 2 or i - last == 2 and not lines[i - 1].strip():
            head_at = None  # a sentence ending in a figure, or a line after the table ended (a blank line)
            continue
        last = i
        start = offsets[i]
        before = lines[i - 1].strip() if i - 1 > head_at else ""
        if before and not _split_cells(before)[1] and (not label or label[:1].islower() or raw[:1].isspace()):
            label, line, start = f"{before} {label}".strip(), f"{before} {line}", offsets[i - 1]
        if not re.search(r"[^\W\d_]", label):
            continue  # a transposed line (a year and its amounts) or a stray row of figures
        head = lines[head_at].strip()
        unit = _UNIT.search(f"{caption} {head}")
        price = _PRICE.search(f"{caption} {head}")
        out.append(PrintedLine(label=label, cells=cells, line=line, head=head, columns=columns, printed=printed, caption=caption,
                               unit=unit.group(0).strip() if unit else None,
                               price_level=price.group(0).strip() if price else None, offset=start))
    return out


def _caption(lines: Sequence[str], head_at: int) -> str:
    """The lines just above a head that title the table, with its unit and price level (up to three)."""
    above: list[str] = []
    for j in range(head_at - 1, max(-1, head_at - 4), -1):
        line = lines[j].strip()
        if not line or _split_cells(line)[1]:
            break
        above.insert(0, line)
        if _CAPTION.match(line):
            break
    return " ".join(above)


def _summed(line: PrintedLine, years: Sequence[int], lang: str) -> tuple[str, str] | None:
    """The sum of a line's cells in `years` (all its year columns when none): the total column as printed
    when it covers exactly those years, else the cells added up (each term shown, the calculation cited);
    None when a cell is missing or its notation is ambiguous ("1,200": thousands or a decimal)."""
    if not line.tied:
        return None
    columns = [c for c in line.columns if c != "total"]
    asked = [str(y) for y in years] or columns
    span = _span(asked, lang)
    if set(asked) == set(columns) and "total" in line.columns and line.cell("total"):
        return f"{line.printed[line.columns.index('total')]} {span}: {line.cell('total')}", ""
    cells = [line.cell(c) for c in asked]
    if len(asked) < 2 or any(c is None or not _UNAMBIGUOUS.fullmatch(c) for c in cells):
        return None
    values = [Decimal(c.replace(".", "").replace(",", ".").replace("−", "-").replace("–", "-")) for c in cells]
    decimals = max(len(c.split(",")[1]) if "," in c else 0 for c in cells)
    result = _danish(sum(values), decimals)
    terms = " + ".join(f"{c} ({y})" for c, y in zip(cells, asked))
    return f"{_SUM_WORD[lang]} {span}: {result} = {terms}", f"{' + '.join(cells)} = {result}"


def _span(years: Sequence[str], lang: str) -> str:
    ys = sorted(int(y) for y in years)
    if len(ys) > 2 and ys == list(range(ys[0], ys[-1] + 1)):
        return f"{ys[0]}-{ys[-1]}"
    return (" og " if lang == "da" else " and ").join(map(str, ys))


def _danish(value: Decimal, decimals: int) -> str:
    """A sum in the cells' own notation: "4.400", "12,35"."""
    text = f"{abs(value):,.{decimals}f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return f"-{text}" if value < 0 else text


def _alternative(label: str) -> tuple[str, str] | None:
    """The alternative a line is of, named at its label's start ("Model C – som model B ..." is model C's)."""
    m = _ALTERNATIVE.match(label)
    return (m.group(1)[:5].lower(), m.group(2).upper()) if m else None


def _spaced(text: str) -> str:
    """Runs of spaces (a PDF's justified text) read as one."""
    return re.sub(r"(?<=\S) {2,}", " ", text)


def _title(caption: str) -> str:
    """A caption's title with its unit and price level, without the sentences printed after them
    ("Tabel 1. Merudgift (1.000 kr., 2031-priser). Mulighederne kan ikke lægges sammen.")."""
    caption = _spaced(caption)
    end = caption.find(")")
    return caption[:end + 1] if 0 < end < len(caption) - 2 and _UNIT.search(caption[:end]) else caption


class TableLines:
    """The fallback answer of a cost question from a focused note's printed table lines."""

    def __init__(self, relevance: Relevance) -> None:
        self.relevance = relevance
        self.analyzer = relevance.analyzer

    def answer(self, note: dict, question: str, years: Sequence[int], lang: str,
               budget_year: int | None, total: bool = False) -> Found | None:
        """The line(s) answering `question` of the stored note (its text, title, pages, sections), or None.
        `total`: the question asks the years' sum (the total column when it covers them, else the cells added
        up, each term shown)."""
        text = note.get("text") or ""
        lines = [p for p in printed_lines(text, budget_year) if p.unit]
        if not lines:
            return None
        best = self._named(lines, question, note)
        if best is None:
            return None
        if years and not all(best.cell(str(y)) for y in years):
            return None  # the year's column cannot be read off safely (or is blank): no figure is shown
        t = _WORDS[lang]
        page = page_at(note.get("page_starts") or (), best.offset)
        section = next((s.get("heading") for s in note.get("sections") or ()
                        if (s.get("start") or 0) <= best.offset < (s.get("end") or 0)), None)
        # (the table's own title says where; a section found by offset may be the one before an appendix)
        where = ", ".join(x for x in (_title(best.caption) or section, f"{t['page']} {page}") if x)
        level = _spaced(", ".join(x for x in (best.unit, best.price_level) if x))
        if total:
            summed = _summed(best, years, lang)
            if summed is None:
                return None
            shown, calculation = summed
        elif years:  # (the column as printed: "BO1" of the year asked, which the text may not write)
            shown = ", ".join(f"{best.printed[best.columns.index(str(y))]}: {best.cell(str(y))}" for y in years)
        elif best.tied:
            # "årlig udgift", "per year": the year columns, not the period's total
            yearly = bool(_YEARLY.search(question))
            shown = ", ".join(f"{name}: {v}" for c, name, v in zip(best.columns, best.printed, best.cells)
                              if not _BLANK.fullmatch(v) and not (yearly and c == "total"))
        else:
            shown = f"«{best.line}» ({t['columns']}: «{best.head}»)"
        cited = f"{where}\n{best.caption}\n{best.head}\n{best.line}"
        if total and calculation:
            cited += f"\nsum: {calculation}"
        return Found(lines=((_spaced(f"  – {best.label}: {shown} ({level}) [{where}]"), cited),
                            (f"  ({t['row']})", "")))

    def _named(self, lines: Sequence[PrintedLine], question: str, note: dict) -> PrintedLine | None:
        """The one line the question names (its own words less the note's title); the one sum row when the
        question names no row; None when no line or several lines name it equally."""
        analyzer = self.analyzer
        titled = set(analyzer.tokens(f"{note.get('note_id') or ''} {note.get('title') or ''}"))
        groups = [g - titled for g in self.relevance.word_groups(question)]
        groups = [g for g in groups if g]
        asked_alternatives = {(k[:5].lower(), v.upper()) for k, v in _ALTERNATIVE.findall(question)}
        if asked_alternatives:  # a line of another alternative of the kind asked ("Model C" of "model B") is not it
            kinds = {k for k, _ in asked_alternatives}
            lines = [p for p in lines if (a := _alternative(p.label)) is None or a[0] not in kinds
                     or a in asked_alternatives]
        scored = []
        for p in lines:
            own = set(analyzer.tokens(p.label))
            score = sum(1 for g in groups if overlap(g, own) or self._fuzzy(g, p.label))
            score += 2 * (_alternative(p.label) in asked_alternatives)
            scored.append((score, p))
        top = max((s for s, _ in scored), default=0)
        if top == 0:
            if groups or asked_alternatives:
                return None  # the question names something no line of the tables names
            sums = [p for p in lines if _SUM_LABEL.search(p.label)]
            return sums[0] if len({(p.head, p.caption) for p in sums}) == 1 and len(sums) == 1 else None
        best = [p for s, p in scored if s == top]
        return best[0] if len(best) == 1 else None

    def _fuzzy(self, group: set[str], label: str) -> bool:
        words = [w for w in re.findall(r"[^\W\d_]{4,}", label.lower())]
        return any(len(t) >= 4 and fuzz.ratio(t, w[:len(t) + 2]) >= _FUZZY for t in group for w in words)




def states_amount(text: str) -> bool:
    """Whether a quoted sentence states an amount of money ("680.000 kr.", "2,4 mio. kr."); a table's unit
    ("(1.000 kr., 2031-priser)") states none."""
    return bool(_STATED.search(_UNIT_ONLY.sub(" ", text)))


def printed_answer(lines: TableLines, store, query, notes, figs, key, facts=()) -> Draft | None:
    """The answer of a cost question from the focused note's printed table lines, when no table row of any
    focused note holds money (the reader kept none) and no sentence quoted states an amount (a unit price in
    the prose answers itself): None when the structured answer exists or no line answers safely. `figs` are
    the notes' `costs.figures` by `key(hit)`."""
    focused = [n.hit for n in notes if not n.also]
    # a sum of one programme's years ("i alt i 2031-2033"); of several programmes or named parts it is not
    total = query.answer_type == "sum" and len(focused) == 1 and (len(query.years) >= 2 or query.says_total
                                                                   and not query.years)
    if query.answer_type != "amount" and not total or not focused or query.earlier or query.asks \
            or any(states_amount(f.text) for f in facts):
        return None
    if any((f := figs.get(key(h))) is not None and (f.programme.scenarios or f.programme.activities
                                                    or f.programme.earlier_grants) for h in focused):
        return None
    hit = focused[0]
    if hit.doc_type == "answer":
        return None  # a letter's figures are its sentences' (`answer.letters`)
    note = store.note_json(hit.version_doc(query.version)) or {}
    found = lines.answer(note, query.text, query.years, query.language, hit.budget_year, total)
    if found is None:
        return None
    draft = Draft(query.language)
    draft.note(hit)
    for line, cited in found.lines:
        draft.add(line, cited or None)
    return draft


__all__ = ["Found", "PrintedLine", "TableLines", "head_columns", "printed_answer", "printed_lines", "states_amount"]
