"""Check the held-out archive's gold against its documents, so the two cannot silently drift apart.

What is checked (each failure is one line of the report; exit status 1 when there is any):
- gold_tables.json: every row adds up to its I alt; the activity rows add up to each sum row, year by year
  and in total; all with exact decimals (the JSON's numbers are read as Decimal).
- the same tables against the documents, read with the project's own readers and normaliser after
  `materialize()`: the document's note id, administration and title, each table's title, unit, price level
  and year columns, every row's label, and every row's amounts (in year order, then I alt) as the figures
  that follow the label in the text; where the lines keep their columns (Word, HTML, Markdown, tab- or
  space-aligned text) each amount must also stand under its own year.
- gold_questions.jsonl: unique ids, a known split, relevant files that exist; every fact occurs in one of
  the relevant documents, or its `derivation` ("a + b = c") adds up exactly from figures that do; every
  forbidden figure occurs somewhere in the archive (it is a trap only if a system could find it).

Comparisons follow the gold's own conventions: whitespace collapsed, the minus signs "−" and "-" equal,
Markdown bold ("**") ignored, line-break hyphens joined (the normaliser does that).

Usage: `python tests/data/archive/check_gold.py [ARCHIVE]`; ARCHIVE (default: this folder) is another archive
folder with the same layout (docs/, sources/, gold_tables.json, gold_questions.jsonl), e.g. tests/data/archive2.
"""
from __future__ import annotations

import importlib.util
import json
import re
import sys
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from budgetarkiv.ingest.normalize import normalize_document
from budgetarkiv.ingest.readers import read_document

HERE = Path(__file__).resolve().parent
TABLES = HERE / "gold_tables.json"
QUESTIONS = HERE / "gold_questions.jsonl"
SPLITS = {"dev", "heldout", "unseen"}  # unseen: tests/data/archive2, the measure nobody tunes on
MAX_BYTES = 20_000_000

# A Danish figure as a whole token: not part of a longer number, a word, a range ("2027-2030") or a code
# ("60.10"); a minus only counts when it is not a dash after a word or digit.
_NUMBER = re.compile(r"(?<![\w.,])-?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?(?![\w])(?![.,]\d)")
_FULL_NUMBER = re.compile(r"-?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?")


@dataclass(frozen=True)
class ArchiveText:
    """One document's extracted text in comparable form, and its figures in order."""

    text: str
    numbers: tuple[str, ...]
    lines: tuple[str, ...] = ()  # the extracted lines before normalising, for column positions


def canon(text: str) -> str:
    """The comparable form: minus signs unified, Markdown bold dropped, whitespace collapsed."""
    text = text.replace("\u2212", "-").replace("**", "")
    return " ".join(text.split())


def danish(value: Decimal | int) -> str:
    """A gold amount as the document prints it: 6300 -> "6.300", Decimal("8.85") -> "8,85", keeping decimals."""
    value = Decimal(value)
    sign = "-" if value < 0 else ""
    whole, _, frac = f"{abs(value):f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return sign + grouped + ("," + frac if frac else "")


def parse_danish(text: str) -> Decimal:
    """ "5.200" -> 5200, "27,1" -> 27.1, "−500" -> -500 (exact)."""
    return Decimal(canon(text).replace(".", "").replace(",", "."))


def read_archive(folder: Path) -> dict[str, ArchiveText]:
    """Every document of a materialized archive, read and normalised as the indexer does."""
    texts: dict[str, ArchiveText] = {}
    for path in sorted(folder.iterdir()):
        document = read_document(path, MAX_BYTES)
        text = canon(normalize_document(document).text)
        lines = tuple(line.replace("\u2212", "-").rstrip() for page in document.pages for line in page.text.splitlines())
        texts[path.name] = ArchiveText(text, tuple(_NUMBER.findall(text)), lines)
    return texts


def load_materialize():
    """materialize() from the file next to this one (tests/data is no package)."""
    spec = importlib.util.spec_from_file_location("archive_materialize", HERE / "materialize.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module.materialize


# ------------------------------------------------------------------------------------------------ tables


def check_arithmetic(where: str, table: dict) -> list[str]:
    """Rows add to their I alt; activity rows add to each sum row (since the previous sum row, or all)."""
    problems: list[str] = []
    years = table["years"]
    for row in table["rows"]:
        extra = set(row["amounts"]) - set(years)
        if extra:
            problems.append(f"{where}: row {row['label']!r} has years {sorted(extra)} outside the table's {years}")
        if row.get("total") is not None:
            added = sum((Decimal(v) for v in row["amounts"].values()), Decimal(0))
            if added != Decimal(row["total"]):
                problems.append(
                    f"{where}: row {row['label']!r} adds up to {danish(added)}, its I alt is {danish(row['total'])}"
                )
    since_last: list[dict] = []
    activities: list[dict] = []
    for row in table["rows"]:
        if not row["is_sum"]:
            since_last.append(row)
            activities.append(row)
            continue
        if not (_adds_up(since_last, row, years) or _adds_up(activities, row, years)):
            got = {y: danish(v) for y, v in _column_sums(since_last, years).items()}
            problems.append(
                f"{where}: the activity rows add up to {got}, not to the sum row {row['label']!r} "
                f"{ {y: danish(v) for y, v in row['amounts'].items()} } / I alt {row.get('total')}"
            )
        since_last = []
    return problems


def _column_sums(rows: list[dict], years: list[str]) -> dict[str, Decimal]:
    sums = {y: sum((Decimal(r["amounts"].get(y, 0)) for r in rows), Decimal(0)) for y in years}
    return {y: v for y, v in sums.items() if v or any(y in r["amounts"] for r in rows)}


def _adds_up(rows: list[dict], sum_row: dict, years: list[str]) -> bool:
    if not rows:
        return False
    for year in years:
        expected = Decimal(sum_row["amounts"].get(year, 0))
        if sum((Decimal(r["amounts"].get(year, 0)) for r in rows), Decimal(0)) != expected:
            return False
    if sum_row.get("total") is not None and all(r.get("total") is not None for r in rows):
        return sum((Decimal(r["total"]) for r in rows), Decimal(0)) == Decimal(sum_row["total"])
    return True


def _contains_run(numbers: tuple[str, ...], run: list[str]) -> bool:
    """True when `run` occurs as consecutive figures of the document."""
    if not run:
        return True
    n = len(run)
    return any(list(numbers[i : i + n]) == run for i in range(len(numbers) - n + 1))


_MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
           "november", "december")


def _danish_date(iso: str) -> str:
    """ "2023-03-14" -> "14. marts 2023", as Danish letters and minutes write it."""
    year, month, day = (int(part) for part in iso.split("-"))
    return f"{day}. {_MONTHS[month - 1]} {year}"


def _follows_label(doc: ArchiveText, label: str, run: list[str]) -> bool:
    """True when, at some occurrence of the row's label, the next figures of the text are `run`."""
    label = canon(label)
    start = doc.text.find(label)
    while start >= 0:
        after = _NUMBER.findall(doc.text, start + len(label))[: len(run)]
        if after == run:
            return True
        start = doc.text.find(label, start + 1)
    return False


def _has_text(doc: ArchiveText, phrase: str) -> bool:
    return canon(phrase) in doc.text


def check_documents(gold: dict, texts: dict[str, ArchiveText]) -> list[str]:
    """Each gold document's metadata, tables, labels and amounts against its extracted text."""
    problems: list[str] = []
    names = [d["file"] for d in gold["documents"]]
    for missing in sorted(set(texts) - set(names)):
        problems.append(f"{missing}: in the archive but not in gold_tables.json")
    for document in gold["documents"]:
        name = document["file"]
        doc = texts.get(name)
        if doc is None:
            problems.append(f"{name}: in gold_tables.json but not in the materialized archive")
            continue
        # a letter's or minutes' title is a description, not a line of the document
        literal = ("note_id", "administration", "committee", "addressee", "signatory", "signatory_title")
        for key in (*literal, "title") if document["doc_type"] == "budget_note" else literal:
            if document.get(key) and not _has_text(doc, document[key]):
                problems.append(f"{name}: its {key} {document[key]!r} does not occur in the document")
        if document.get("date") and not _has_text(doc, _danish_date(document["date"])):
            problems.append(f"{name}: its date {document['date']} ({_danish_date(document['date'])}) does not occur")
        if document.get("budget_year") and str(document["budget_year"]) not in doc.numbers:
            problems.append(f"{name}: its budget year {document['budget_year']} does not occur in the document")
        for t, table in enumerate(document["tables"], 1):
            where = f"{name} table {t} ({table['title']!r})"
            problems += check_arithmetic(where, table)
            for key in ("title", "unit", "price_level"):
                if table.get(key) and not _has_text(doc, table[key]):
                    problems.append(f"{where}: its {key} {table[key]!r} does not occur in the document")
            if not _contains_run(doc.numbers, list(table["years"])):
                problems.append(f"{where}: the year columns {' '.join(table['years'])} do not occur in this order")
            for row in table["rows"]:
                if not _has_text(doc, row["label"]):
                    problems.append(f"{where}: the label {row['label']!r} does not occur in the document")
                run = [danish(row["amounts"][y]) for y in table["years"] if y in row["amounts"]]
                if row.get("total") is not None:
                    run.append(danish(row["total"]))
                if not _follows_label(doc, row["label"], run):
                    problems.append(
                        f"{where}: the amounts of {row['label']!r} ({' '.join(run)}) are not the figures after it"
                    )
            problems += check_columns(where, table, doc)
    return problems


_GAP = re.compile(r"\S+(?: \S+)*")  # a cell of a space-aligned line: words separated by single spaces


def _cells(line: str) -> list[tuple[str, int]] | None:
    """The cells of a table line with where each ends (its right edge), or None when the line has no column
    layout: tab-separated (Word, HTML), pipe-separated (Markdown) or aligned with runs of spaces (text)."""
    if "\t" in line:
        return [(cell.strip(), i) for i, cell in enumerate(line.split("\t"))]
    if line.lstrip().startswith("|"):
        return [(cell.strip(), i) for i, cell in enumerate(line.strip().strip("|").split("|"))]
    if "  " in line.strip():
        return [(m.group(), -m.end()) for m in _GAP.finditer(line)]  # negative: matched by position
    return None


def _column_of(cells: list[tuple[str, int]], key: int) -> str | None:
    """The cell at index `key` (>= 0) or the cell whose right edge is within 2 characters of -key."""
    if key >= 0:
        return next((c for c, k in cells if k == key), None)
    return next((c for c, k in cells if abs(k - key) <= 2), "")


def check_columns(where: str, table: dict, doc: ArchiveText) -> list[str]:
    """Amounts under the right year: where the document's lines keep their columns, each gold amount must
    stand in the column headed by its year (and the I alt in the I alt column); empty cells stay empty."""
    problems: list[str] = []
    years = list(table["years"])
    headers = [
        (i, cells) for i, line in enumerate(doc.lines)
        if (cells := _cells(line)) and all(any(c == y for c, _ in cells) for y in years)
    ]
    for row in table["rows"]:
        expected = {y: danish(row["amounts"][y]) if y in row["amounts"] else "" for y in years}
        if row.get("total") is not None:
            expected["I alt"] = danish(row["total"])
        mismatches: list[list[str]] = []  # one list per line with this label (tables repeat labels)
        for number, line in enumerate(doc.lines):
            cells = _cells(line)
            if not cells or canon(cells[0][0]) != canon(row["label"]):
                continue
            above = [h for i, h in headers if i < number and (h[0][1] >= 0) == (cells[0][1] >= 0)]
            if not above:
                continue
            head = above[-1]
            found: list[str] = []
            for column, want in expected.items():
                key = next((k for c, k in head if c == column), None)
                if key is None:
                    continue
                got = canon(_column_of(cells, key) or "")
                got = "" if got in {"-", "–"} else got
                if got != want:
                    found.append(f"{got or 'nothing'} under {column} (gold: {want or 'nothing'})")
            mismatches.append(found)
        if mismatches and all(mismatches):
            problems.append(f"{where}: {row['label']!r} has " + ", ".join(mismatches[0]))
    return problems


# ------------------------------------------------------------------------------------------------ questions


def _occurs(doc: ArchiveText, fact: str) -> bool:
    """A figure as a whole token; a phrase as whole words (case-insensitive)."""
    fact = canon(fact)
    if _FULL_NUMBER.fullmatch(fact):
        return fact in doc.numbers
    return re.search(rf"(?<!\w){re.escape(fact)}(?!\w)", doc.text, re.IGNORECASE) is not None


def check_derivation(where: str, fact: str, derivation: str, relevant: list[ArchiveText]) -> list[str]:
    """ "5.200 + 5.400 = 10.600": exact arithmetic, result = the fact, operands in a relevant document."""
    left, sep, right = derivation.partition("=")
    if not sep:
        return [f"{where}: derivation {derivation!r} has no '='"]
    terms = re.findall(r"([+-]?)\s*([\d.,]+)", canon(left).replace("- ", "-"))
    if not terms:
        return [f"{where}: derivation {derivation!r} has no figures"]
    problems: list[str] = []
    total = Decimal(0)
    for sign, figure in terms:
        value = parse_danish(figure)
        total += -value if sign == "-" else value
        if not any(_occurs(doc, figure) for doc in relevant):
            problems.append(f"{where}: derivation figure {figure} occurs in no relevant document")
    result = parse_danish(right.strip())
    if total != result:
        problems.append(f"{where}: derivation {derivation!r} does not add up (it gives {danish(total)})")
    if canon(right.strip()) != canon(fact):
        problems.append(f"{where}: derivation result {right.strip()!r} is not the fact {fact!r}")
    return problems


def check_questions(questions: list[dict], texts: dict[str, ArchiveText], known: set[str]) -> list[str]:
    """Ids, splits, relevant files, facts (or their derivations) and forbidden figures."""
    problems: list[str] = []
    seen: set[str] = set()
    for q in questions:
        where = f"question {q.get('id')}"
        if q["id"] in seen:
            problems.append(f"{where}: duplicate id")
        seen.add(q["id"])
        if q.get("split") not in SPLITS:
            problems.append(f"{where}: split {q.get('split')!r} is not one of {sorted(SPLITS)}")
        unknown = [r for r in q["relevant"] if r not in known or r not in texts]
        if unknown:
            problems.append(f"{where}: relevant files {unknown} are not in the archive")
        relevant = [texts[r] for r in q["relevant"] if r in texts]
        if q["kind"] == "none" and (q["relevant"] or q["facts"]):
            problems.append(f"{where}: kind 'none' (no answer) but it lists relevant files or facts")
        if q["kind"] != "none" and not q["facts"]:
            problems.append(f"{where}: no facts for an answerable question")
        extra = set(q.get("fact_alternatives", {})) - set(q["facts"])
        if extra:
            problems.append(f"{where}: fact_alternatives for {sorted(extra)}, which are not facts")
        for fact in q["facts"]:
            if any(_occurs(doc, fact) for doc in relevant):
                continue
            if q.get("derivation"):
                problems += check_derivation(where, fact, q["derivation"], relevant)
            else:
                problems.append(f"{where}: fact {fact!r} occurs in none of {q['relevant']}")
        for figure in q["forbidden"]:
            if not any(_occurs(doc, figure) for doc in texts.values()):
                problems.append(f"{where}: forbidden figure {figure!r} occurs nowhere in the archive")
    return problems


# ------------------------------------------------------------------------------------------------ main


def check(folder: Path | None = None, archive: Path = HERE) -> list[str]:
    """Every disagreement between the gold files of `archive` and its documents (materialized into a temporary
    folder unless `folder` already holds them)."""
    archive = Path(archive)
    gold = json.loads((archive / TABLES.name).read_text(encoding="utf-8"), parse_float=Decimal)
    questions = [
        json.loads(line)
        for line in (archive / QUESTIONS.name).read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    if folder is None:
        with tempfile.TemporaryDirectory() as tmp:
            load_materialize()(Path(tmp), archive)
            texts = read_archive(Path(tmp))
    else:
        texts = read_archive(folder)
    known = {d["file"] for d in gold["documents"]}
    return check_documents(gold, texts) + check_questions(questions, texts, known)


def main() -> int:
    if len(sys.argv) > 2:
        sys.exit("usage: python check_gold.py [ARCHIVE]")
    problems = check(archive=Path(sys.argv[1]) if len(sys.argv) == 2 else HERE)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s)" if problems else "gold agrees with the documents")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
