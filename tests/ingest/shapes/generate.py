"""Invented budget notes built from parts, each knowing what a reader must get out of it.

A note is one choice per factor: how its id is written and by which administration, how the head states the
budget year, how the money table heads its years (plain years, "Budget 2031 | Overslag 2032", "B2031 | BO1",
"2031*" ...), its unit and price level and where they stand, how negative amounts are written, whether the
table has a total column (last, first, none, or a "Varigt fra ..." column that is no total), one table or one
per scenario, and the file shape (tab text, aligned text, PDF reading-order text, Markdown, HTML, Word, PDF).
`Spec.truth` is what the note says: id, budget year, and per table the calendar years, unit, price level,
scenario, rows with their amounts and totals. Everything is drawn from a seeded `random.Random`, so a spec's
name is enough to rebuild it.
"""
from __future__ import annotations

import dataclasses
import random
from decimal import Decimal
from pathlib import Path

# administrations by the short name a note id starts with, and their full names
ADMINISTRATIONS: dict[str, str] = {
    "BUF": "Børne- og Ungdomsforvaltningen",
    "BUU": "Børne- og Ungdomsforvaltningen",
    "KFF": "Kultur- og Fritidsforvaltningen",
    "KF": "Kultur- og Fritidsforvaltningen",
    "SOF": "Socialforvaltningen",
    "SUF": "Sundheds- og Omsorgsforvaltningen",
    "TMF": "Teknik- og Miljøforvaltningen",
    "ØKF": "Økonomiforvaltningen",
    "BIF": "Beskæftigelses- og Integrationsforvaltningen",
    "BI": "Beskæftigelses- og Integrationsforvaltningen",
}

# how a head writes the id (format of prefix P, letter L, digits N) -> the id the reader should store
ID_SPELLINGS: dict[str, tuple[str, str]] = {
    "plain": ("{P}{N}", "{P}{N}"),
    "space": ("{P} {N}", "{P}{N}"),
    "hyphen": ("{P}-{N}", "{P}-{N}"),
    "letter": ("{P} {L}{N}", "{P} {L}{N}"),
    "letter_spaced": ("{P} {L} {N}", "{P} {L}{N}"),
    "letter_hyphen": ("{P}-{L}{N}", "{P}-{L}{N}"),
    "suffix": ("{P}{N}a", "{P}{N}a"),
    "joint": ("{P}/{Q} {N}", "{P}/{Q}{N}"),
    "notat_nr": ("Notat nr. {P} {N}", "{P}{N}"),
    "budgetnotat": ("Budgetnotat {P}{N}", "{P}{N}"),
    "budgetnotat_colon": ("Budgetnotat: {P}-{N}", "{P}-{N}"),
    "lower": ("{p}{N}", "{P}{N}"),
}
TITLE_SEPARATORS = {"space": " ", "colon": ": ", "dash": " – ", "hyphen": " - ", "newline": "\n"}
# how the head states the budget year; {A} is the administration's full name
YEAR_STATEMENTS: dict[str, str] = {
    "line": "Budget {Y}\n{A}\n",
    "dot": "Budget {Y} · {A}\n",
    "admin_first": "{A} – Budget {Y}\n",
    "forslag": "Budgetforslag {Y}\n{A}\n",
    "budgetnotat_til": "Budgetnotat til Budget {Y}\n{A}\n",
    "in_text": "{A}\n",  # the year only in the text: "... til forhandlingerne om Budget {Y}"
}
# year heads: (budget-year head, outlook head with its calendar year {y} and place {n})
YEAR_HEADS: dict[str, tuple[str, str]] = {
    "plain": ("{Y}", "{y}"),
    "budget_overslag": ("Budget {Y}", "Overslag {y}"),
    "budget_overslagsaar": ("Budget {Y}", "Overslagsår {y}"),
    "overslagsaar_n": ("Budget {Y}", "Overslagsår {n}"),
    "budgetaar": ("Budgetår {Y}", "Overslagsår {y}"),
    "b_bo_n": ("B{Y}", "BO{n}"),
    "b_bo_year": ("B{Y}", "BO{y}"),
    "b_short": ("B{YY}", "BO{yy}"),
    "b_slash": ("B{Y}", "B{B}/BO{n}"),
    "year_b": ("{Y} (B)", "{y} (BO)"),
    "aar": ("År {Y}", "År {y}"),
    "forslag": ("Forslag {Y}", "Forslag {y}"),
    "star": ("{Y}*", "{y}*"),
    "unit_in_cell": ("{Y} ({U})", "{y} ({U})"),
}
# unit as printed -> canonical, and a value scale (how amounts are drawn)
UNITS: dict[str, tuple[str, str]] = {
    "1.000 kr.": ("1.000 kr.", "thousand"),
    "t.kr.": ("1.000 kr.", "thousand"),
    "tkr.": ("1.000 kr.", "thousand"),
    "1000 kr.": ("1.000 kr.", "thousand"),
    "mio kr.": ("mio. kr.", "million"),
    "kr.": ("kr.", "kroner"),
    "mio. kr.": ("mio. kr.", "million"),
    "Mio. kr.": ("mio. kr.", "million"),
}
PRICE_LEVELS: tuple[str, ...] = ("{P} p/l", "{P}-pl", "{P} P/L", "faste {P}-priser", "PL {P}", "prisniveau {P}",
                                 "{P}-priser", "p/l {P}", "{P}-prisniveau", "P/L {P}")
UNIT_PLACES = ("head", "title", "above")
NEGATIVES = ("hyphen", "divide", "paren", "unicode")
TOTALS = ("last", "absent", "first", "varigt", "last_varigt")
# code columns between the label and the years: none, Styringsområde, Styringsområde and Udvalg
CODES = ("none", "styr", "styr_udvalg")
_STYR = ("Service", "Anlæg", "Overførsler")
_UDVALG = ("BIU", "SOU", "BUU", "KFU", "SUU", "TMU", "ØU")
SUM_LABELS = ("I alt", "Udgifter i alt (netto)", "Samlet")
FORMATS_TEXT = ("tabs", "aligned", "pdftext", "md")
FORMATS_FILE = ("html", "docx", "pdf")

_TOPICS = ("Flere pædagoger i vuggestuer", "Lektiecafé i bibliotekerne", "Opsøgende gadeteam", "Ny cykelbro over havnen",
           "Sundhedsplejerske til nyankomne", "Styrket rengøring på plejehjem", "Træning af ældre i eget hjem",
           "Udvidet åbningstid i svømmehaller", "Jobformidling for unge ledige", "Tidlig indsats mod ensomhed")
_ROW_LABELS = ("Løn til medarbejdere", "Kurser og uddannelse", "Materialer og udstyr", "Husleje og drift",
               "Projektledelse", "Evaluering", "Kommunikation og formidling", "Transport af borgere",
               "Vikardækning", "IT-systemer og licenser")
_INCOME_LABELS = ("Indtægter fra brugerbetaling", "Statsrefusion", "Mindreudgift på sygedagpenge")
# a table's head cell written above the labels when the unit stands elsewhere
_LABEL_HEADS = ("Aktivitet", "Udgiftstype", "Beløb")


@dataclasses.dataclass(frozen=True)
class Row:
    """A row as the reader should store it: amounts by calendar year (empty cells absent), its total."""

    label: str
    amounts: dict[str, Decimal]
    total: Decimal | None
    styr: str | None = None  # the Styringsområde cell, when the table has the column
    udvalg: str | None = None


@dataclasses.dataclass(frozen=True)
class Table:
    number: str
    title: str
    scenario: str | None
    years: tuple[str, ...]
    unit: str  # canonical
    price_level: str  # canonical "2031 p/l"
    rows: tuple[Row, ...]


@dataclasses.dataclass(frozen=True)
class Spec:
    """One generated note: its factors and what it holds."""

    name: str
    fmt: str
    admin: str
    id_spelling: str
    title_sep: str
    year_statement: str
    year_head: str
    unit: str
    price_level: str
    level_style: str
    unit_place: str
    negative: str
    total: str
    codes: str
    scenarios: int
    budget_year: int
    number: int
    letter: str
    partner: str
    topic: str
    tables: tuple[Table, ...]

    @property
    def note_id(self) -> str:
        return _fill(ID_SPELLINGS[self.id_spelling][1], self)

    @property
    def written_id(self) -> str:
        return _fill(ID_SPELLINGS[self.id_spelling][0], self)

    def factors(self) -> dict[str, str]:
        """The factor values, for counting failures by family."""
        return {"fmt": self.fmt, "id": self.id_spelling, "admin": self.admin, "title_sep": self.title_sep,
                "year_statement": self.year_statement, "year_head": self.year_head, "unit": self.unit,
                "price_level": self.level_style, "unit_place": self.unit_place, "negative": self.negative,
                "total": self.total, "codes": self.codes, "scenarios": str(self.scenarios)}


def _fill(pattern: str, spec: Spec) -> str:
    number = f"{spec.number:02d}" if spec.id_spelling == "joint" else str(spec.number)
    return pattern.format(P=spec.admin, p=spec.admin.lower(), Q=spec.partner, L=spec.letter, N=number)


# ------------------------------------------------------------------------------------------------ drawing


def _amount(rng: random.Random, scale: str) -> Decimal:
    if scale == "kroner":
        return Decimal(rng.randrange(20, 900) * 1000)
    if scale == "million":
        return Decimal(rng.randrange(1, 950)) / (100 if rng.random() < 0.5 else 10)
    return Decimal(rng.randrange(50, 9500))


def _rows(rng: random.Random, years: tuple[str, ...], scale: str, with_total: bool, sum_label: str) -> tuple[Row, ...]:
    labels = rng.sample(_ROW_LABELS, rng.randrange(2, 4))
    rows: list[Row] = []
    for k, label in enumerate(labels):
        amounts = {}
        for i, year in enumerate(years):
            if k == 0 and i == len(years) - 1 and rng.random() < 0.5:
                continue  # an empty cell: no money that year
            amounts[year] = _amount(rng, scale)
        rows.append(Row(label, amounts, sum(amounts.values(), Decimal(0)) if with_total else None))
    if rng.random() < 0.5:  # an income row: negative amounts
        label = rng.choice(_INCOME_LABELS)
        amounts = {year: -_amount(rng, scale) / 4 if scale != "million" else -_amount(rng, scale) for year in years}
        amounts = {y: (v.quantize(Decimal(1)) if scale != "million" else v) for y, v in amounts.items()}
        amounts = {y: v for y, v in amounts.items() if v}
        rows.append(Row(label, amounts, sum(amounts.values(), Decimal(0)) if with_total else None))
    sums = {y: sum((r.amounts.get(y, Decimal(0)) for r in rows), Decimal(0)) for y in years}
    rows.append(Row(sum_label, sums, sum(sums.values(), Decimal(0)) if with_total else None))
    return tuple(rows)


def _with_codes(rows: tuple[Row, ...], codes: str) -> tuple[Row, ...]:
    """Rows with their Styringsområde (and Udvalg) cells; the sum row has none."""
    if codes == "none":
        return rows
    out = []
    for k, row in enumerate(rows):
        if k == len(rows) - 1:
            out.append(row)
            continue
        out.append(dataclasses.replace(row, styr=_STYR[len(row.label) % len(_STYR)],
                                       udvalg=_UDVALG[len(row.label) % len(_UDVALG)] if codes == "styr_udvalg" else None))
    return tuple(out)


def draw(rng: random.Random, name: str, formats: tuple[str, ...]) -> Spec:
    """One spec, every factor drawn from `rng`."""
    year = rng.randrange(2026, 2036)
    admin = rng.choice(list(ADMINISTRATIONS))
    unit = rng.choice(list(UNITS))
    total = rng.choice(TOTALS)
    scenarios = rng.choice((1, 1, 2))
    years = tuple(str(year + k) for k in range(rng.choice((2, 3, 4, 4, 5))))
    level_year = year - rng.choice((0, 0, 1))
    level = rng.choice(PRICE_LEVELS)
    topic = rng.choice(_TOPICS)
    sum_label = rng.choice(SUM_LABELS)
    scale = UNITS[unit][1]
    codes = rng.choice(CODES)
    tables = []
    for s in range(1, scenarios + 1):
        scenario = f"Scenarie {s}" if scenarios > 1 else None
        title = f"Udgifter til {topic.lower()}" + (f" (scenarie {s})" if scenario else "")
        rows = _with_codes(_rows(rng, years, scale, total in ("last", "first", "last_varigt"), sum_label), codes)
        tables.append(Table(str(s), title, scenario, years, UNITS[unit][0], f"{level_year} p/l", rows))
    return Spec(
        name=name, fmt=rng.choice(formats), admin=admin, id_spelling=rng.choice(list(ID_SPELLINGS)),
        title_sep=rng.choice(list(TITLE_SEPARATORS)), year_statement=rng.choice(list(YEAR_STATEMENTS)),
        year_head=rng.choice(list(YEAR_HEADS)), unit=unit, price_level=level.format(P=level_year), level_style=level,
        unit_place=rng.choice(UNIT_PLACES), negative=rng.choice(NEGATIVES), total=total, codes=codes,
        scenarios=scenarios,
        budget_year=year, number=rng.randrange(1, 40), letter=rng.choice("BEU"),
        partner=rng.choice([a for a in ("KFF", "SOF", "TMF", "BUF") if a != admin]), topic=topic,
        tables=tuple(tables),
    )


def specs(count: int, seed: int, formats: tuple[str, ...]) -> list[Spec]:
    """`count` specs drawn from one seed: the same arguments give the same notes."""
    rng = random.Random(seed)
    return [draw(rng, f"s{seed}-{k:03d}", formats) for k in range(count)]


# ------------------------------------------------------------------------------------------------ writing


def number_text(value: Decimal, negative: str) -> str:
    """A Danish amount: "4.400", "1,25", negatives as the spec's style ("-250", "÷250", "(250)", "−250")."""
    magnitude = abs(value)
    whole, _, frac = f"{magnitude:f}".partition(".")
    frac = frac.rstrip("0") if frac else ""
    text = f"{int(whole):,}".replace(",", ".") + (f",{frac}" if frac else "")
    if value >= 0:
        return text
    return {"hyphen": f"-{text}", "divide": f"÷{text}", "paren": f"({text})", "unicode": f"−{text}"}[negative]


def _year_heads(spec: Spec, table: Table) -> list[str]:
    first, other = YEAR_HEADS[spec.year_head]
    heads = []
    for n, y in enumerate(table.years):
        pattern = first if n == 0 else other
        heads.append(pattern.format(Y=y, B=table.years[0], YY=y[2:], y=y, yy=y[2:], n=n, U=spec.unit))
    return heads


def _unit_phrase(spec: Spec) -> str:
    return f"{spec.unit}, {spec.price_level}"


def table_cells(spec: Spec, table: Table, empty: str) -> list[list[str]]:
    """The table as rows of cells, the head first."""
    label_head = _unit_phrase(spec) if spec.unit_place == "head" else _LABEL_HEADS[spec.number % len(_LABEL_HEADS)]
    heads = _year_heads(spec, table)
    with_total = spec.total in ("last", "first", "last_varigt")
    lasting = spec.total in ("varigt", "last_varigt")
    code_heads = {"none": [], "styr": ["Styringsområde"], "styr_udvalg": ["Styringsområde", "Udvalg"]}[spec.codes]
    head = [label_head, *code_heads, *heads]
    first_money = 1 + len(code_heads)
    if spec.total in ("last", "last_varigt"):
        head.append("I alt")
    elif spec.total == "first":
        head.insert(first_money, "I alt")
    if lasting:
        head.append(f"Varigt fra {int(table.years[-1]) + 1}")
    out = [head]
    for row in table.rows:
        cells = [number_text(row.amounts[y], spec.negative) if y in row.amounts else empty for y in table.years]
        codes = [row.styr or "", row.udvalg or ""][: len(code_heads)]  # an empty code cell is blank in any shape
        line = [row.label, *codes, *cells]
        if with_total:
            total = number_text(row.total, spec.negative) if row.total is not None else empty
            if spec.total == "first":
                line.insert(first_money, total)
            else:
                line.append(total)
        if lasting:
            last = row.amounts.get(table.years[-1])
            line.append(number_text(last, spec.negative) if last is not None else empty)
        out.append(line)
    return out


def _aligned(rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[c]) for r in rows) for c in range(len(rows[0]))]
    return ["  ".join([r[0].ljust(widths[0]), *(r[c].rjust(widths[c]) for c in range(1, len(r)))]).rstrip()
            for r in rows]


def _table_lines(spec: Spec, table: Table, fmt: str) -> list[str]:
    if fmt == "tabs":
        return ["\t".join(r) for r in table_cells(spec, table, "")]
    if fmt == "aligned":
        return _aligned(table_cells(spec, table, ""))
    if fmt == "pdftext":  # reading order: a blank cell leaves nothing, an empty money cell is "-"
        return [" ".join(c for c in r if c) for r in table_cells(spec, table, "-")]
    if fmt == "md":
        rows = table_cells(spec, table, "")
        return ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0]),
                *("| " + " | ".join(r) + " |" for r in rows[1:])]
    raise ValueError(fmt)


def _title(spec: Spec, table: Table) -> str:
    title = f"Tabel {table.number}. {table.title}"
    if spec.unit_place == "title":
        return f"{title} ({_unit_phrase(spec)})" if not table.scenario else f"{title}, {_unit_phrase(spec)}"
    return title


def blocks(spec: Spec) -> list[tuple[str, object]]:
    """The note as (kind, content) blocks: "head" (lines), "heading", "paragraph", "table" (cells)."""
    admin = ADMINISTRATIONS[spec.admin]
    year_line = YEAR_STATEMENTS[spec.year_statement].format(Y=spec.budget_year, A=admin).rstrip("\n")
    id_line = spec.written_id + TITLE_SEPARATORS[spec.title_sep] + spec.topic
    out: list[tuple[str, object]] = [("head", [*year_line.split("\n"), "", *id_line.split("\n")])]
    out.append(("heading", "Resume"))
    ordered = f"til forhandlingerne om Budget {spec.budget_year}"
    out.append(("paragraph", f"Fagudvalget har bestilt dette budgetnotat {ordered}. Forvaltningen foreslår en "
                             f"indsats, der styrker tilbuddet til borgerne."))
    out.append(("heading", "Baggrund"))
    out.append(("paragraph", "Indsatsen bygger på erfaringer fra et forsøg, der er evalueret positivt."))
    if spec.scenarios > 1:
        out.append(("paragraph", "Scenarie 1 – Videreførelse: Indsatsen fortsætter i det nuværende omfang."))
        out.append(("paragraph", "Scenarie 2 – Udvidelse: Indsatsen udvides til hele byen."))
    out.append(("heading", "Økonomi"))
    for table in spec.tables:
        if spec.unit_place == "above":
            out.append(("paragraph", f"Beløbene er angivet i {spec.unit} ({spec.price_level})."))
        out.append(("paragraph", _title(spec, table)))
        out.append(("table", table_cells(spec, table, "-" if spec.fmt == "pdf" else "")))
    out.append(("heading", "Risikovurdering"))
    out.append(("paragraph", "Der er ingen væsentlige risici ved indsatsen."))
    return out


def text_document(spec: Spec) -> str:
    """The note as plain text (tabs, aligned, pdftext) or Markdown (md)."""
    lines: list[str] = []
    tables = iter(spec.tables)
    for kind, content in blocks(spec):
        if kind == "head":
            lines += list(content) + [""]  # type: ignore[arg-type]
        elif kind == "heading":
            lines += [("## " if spec.fmt == "md" else "") + str(content), ""]
        elif kind == "paragraph":
            lines += [str(content), ""]
        elif kind == "table":
            lines += _table_lines(spec, next(tables), spec.fmt) + [""]
    return "\n".join(lines)


def html_document(spec: Spec) -> str:
    from html import escape
    parts = ["<html><body>"]
    for kind, content in blocks(spec):
        if kind == "head":
            parts += [f"<p>{escape(line)}</p>" for line in content if line]  # type: ignore[union-attr]
        elif kind == "heading":
            parts.append(f"<h2>{escape(str(content))}</h2>")
        elif kind == "paragraph":
            parts.append(f"<p>{escape(str(content))}</p>")
        elif kind == "table":
            rows = content  # type: ignore[assignment]
            cells = ["<tr>" + "".join(f"<th>{escape(c)}</th>" for c in rows[0]) + "</tr>"]  # type: ignore[index]
            cells += ["<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r) + "</tr>" for r in rows[1:]]  # type: ignore[index]
            parts.append("<table>" + "".join(cells) + "</table>")
    parts.append("</body></html>")
    return "\n".join(parts)


def source_of(spec: Spec):  # noqa: ANN201 - materialize.Source
    """The note as a materialize.py source, for its Word and PDF builders."""
    from tests.data.archive.materialize import Block, Source
    out = []
    for kind, content in blocks(spec):
        if kind == "head":
            out += [Block("paragraph", line) for line in content if line]  # type: ignore[union-attr]
        elif kind == "heading":
            out.append(Block("heading2", str(content)))
        elif kind == "paragraph":
            out.append(Block("paragraph", str(content)))
        elif kind == "table":
            out.append(Block("table", rows=tuple(tuple(r) for r in content)))  # type: ignore[union-attr]
    return Source({"title": spec.topic, "author": "Generator", "table_style": "aligned"}, tuple(out))


def write(spec: Spec, folder: Path) -> Path:
    """The note as a file of its format in `folder`."""
    if spec.fmt in ("tabs", "aligned", "pdftext"):
        path = folder / f"{spec.name}.txt"
        path.write_text(text_document(spec), encoding="utf-8")
    elif spec.fmt == "md":
        path = folder / f"{spec.name}.md"
        path.write_text(text_document(spec), encoding="utf-8")
    elif spec.fmt == "html":
        path = folder / f"{spec.name}.html"
        path.write_text(html_document(spec), encoding="utf-8")
    else:
        from tests.data.archive.materialize import build_docx, build_pdf
        path = folder / f"{spec.name}.{spec.fmt}"
        source = source_of(spec)
        path.write_bytes(build_docx(source) if spec.fmt == "docx" else build_pdf(source))
    return path


# ------------------------------------------------------------------------------------------------ checking


def _close(a: object, b: Decimal | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(Decimal(str(a)) - b) < Decimal("0.0001")


def differences(spec: Spec, note) -> list[str]:  # noqa: ANN001 - a core.models.Note
    """What the read note gets wrong against the spec's truth, each as "family: detail"; [] when all is right."""
    found: list[str] = []
    if note.note_id != spec.note_id:
        found.append(f"note_id: {note.note_id!r} != {spec.note_id!r}")
    if note.budget_year != spec.budget_year:
        found.append(f"budget_year: {note.budget_year!r} != {spec.budget_year}")
    money = [t for t in note.tables if t.kind == "money"]
    if len(money) != len(spec.tables):
        found.append(f"tables: {len(money)} money tables != {len(spec.tables)}")
        return found
    for got, want in zip(money, spec.tables):
        if tuple(got.years) != want.years:
            found.append(f"years: {got.years} != {want.years}")
            continue
        if got.unit != want.unit:
            found.append(f"unit: {got.unit!r} != {want.unit!r}")
        if got.price_level != want.price_level:
            found.append(f"price_level: {got.price_level!r} != {want.price_level!r}")
        if got.scenario != want.scenario:
            found.append(f"scenario: {got.scenario!r} != {want.scenario!r}")
        labels = [r.label for r in got.rows]
        if labels != [r.label for r in want.rows]:
            found.append(f"rows: {labels} != {[r.label for r in want.rows]}")
            continue
        for g, w in zip(got.rows, want.rows):
            amounts_ok = set(g.amounts) == set(w.amounts) and all(_close(g.amounts[y], w.amounts[y]) for y in w.amounts)
            if not amounts_ok:
                found.append(f"amounts: {g.label}: {dict(g.amounts)} != { {y: str(v) for y, v in w.amounts.items()} }")
            if not _close(g.total, w.total):
                found.append(f"total: {g.label}: {g.total!r} != {w.total}")
            if (g.styringsomraade, g.udvalg) != (w.styr, w.udvalg):
                found.append(f"codes: {g.label}: {(g.styringsomraade, g.udvalg)} != {(w.styr, w.udvalg)}")
    return found
