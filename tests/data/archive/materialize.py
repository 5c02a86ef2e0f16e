"""Materialize the held-out test archive: copy docs/* and build the Word and PDF notes from sources/*.src.

Word and PDF files are generated rather than committed so their content stays reviewable as text. The output
is deterministic (fixed dates, fixed ZIP timestamps, fixed PDF metadata): the same sources give the same
bytes, so document ids (sha256 of the bytes) are stable across runs and machines.

Source format (sources/<name>.<docx|pdf>.src), one block per blank-line separated paragraph:
  @key: value          header (format, title, author, table_style: aligned|grid for PDFs)
  # Heading            the note's title (level 1); ## Heading for section headings (level 2)
  - item               a bullet item
  [table] ... [/table] a money table, one row per line, cells separated by " | "; the first row is the
                       head ("1.000 kr., 2026 p/l | Styringsområde | 2026 | ... | I alt")
  [pagebreak]          a page break
  anything else        a paragraph (a table's title, "Tabel 2 – ...", is an ordinary paragraph before it)

Usage: `python tests/data/archive/materialize.py DEST [ARCHIVE]` or `materialize(Path(DEST))` from a test;
ARCHIVE (default: this folder) is another archive folder with the same docs/ and sources/ layout.
"""
from __future__ import annotations

import datetime as dt
import io
import shutil
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOCS = HERE / "docs"
SOURCES = HERE / "sources"
FIXED_DATE = dt.datetime(2026, 1, 1, 12, 0, 0, tzinfo=dt.UTC)
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")

__all__ = ["materialize", "parse_source", "Source", "Block"]


@dataclass(frozen=True)
class Block:
    """One block of a source: kind is heading1 | heading2 | paragraph | bullets | table | pagebreak."""

    kind: str
    text: str = ""
    items: tuple[str, ...] = ()  # bullet items
    rows: tuple[tuple[str, ...], ...] = ()  # table rows, the head first


@dataclass(frozen=True)
class Source:
    """A parsed .src file: its header fields and its blocks in order."""

    meta: dict[str, str] = field(default_factory=dict)
    blocks: tuple[Block, ...] = ()


def parse_source(text: str) -> Source:
    """The header and blocks of one .src file (format described in the module docstring)."""
    meta: dict[str, str] = {}
    blocks: list[Block] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        i += 1
        if not line.strip():
            continue
        if line.startswith("@") and ":" in line and not blocks:
            key, _, value = line[1:].partition(":")
            meta[key.strip()] = value.strip()
        elif line.strip() == "[pagebreak]":
            blocks.append(Block("pagebreak"))
        elif line.strip() == "[table]":
            rows: list[tuple[str, ...]] = []
            while i < len(lines) and lines[i].strip() != "[/table]":
                if lines[i].strip():
                    rows.append(tuple(cell.strip() for cell in lines[i].split("|")))
                i += 1
            i += 1  # the closing [/table]
            blocks.append(Block("table", rows=tuple(rows)))
        elif line.startswith("## "):
            blocks.append(Block("heading2", line[3:].strip()))
        elif line.startswith("# "):
            blocks.append(Block("heading1", line[2:].strip()))
        elif line.startswith("- "):
            items = [line[2:].strip()]
            while i < len(lines) and lines[i].startswith("- "):
                items.append(lines[i][2:].strip())
                i += 1
            blocks.append(Block("bullets", items=tuple(items)))
        else:
            para = [line.strip()]
            while i < len(lines) and lines[i].strip() and not _starts_block(lines[i]):
                para.append(lines[i].strip())
                i += 1
            blocks.append(Block("paragraph", " ".join(para)))
    return Source(meta, tuple(blocks))


def _starts_block(line: str) -> bool:
    return line.startswith(("#", "- ", "[")) or (line.startswith("@") and ":" in line)


def materialize(dest: Path, archive: Path = HERE) -> list[Path]:
    """Copy `archive`/docs/* into `dest` and build the Word and PDF files of `archive`/sources/*.src there (for
    this archive a12/a13.docx and a14/a15.pdf; another archive folder of the same layout can be passed); the
    written paths, sorted."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for doc in sorted((Path(archive) / "docs").iterdir()):
        if doc.is_file():
            written.append(Path(shutil.copyfile(doc, dest / doc.name)))
    for src in sorted((Path(archive) / "sources").glob("*.src")):
        source = parse_source(src.read_text(encoding="utf-8"))
        target = dest / src.name.removesuffix(".src")
        fmt = source.meta.get("format", target.suffix.lstrip("."))
        data = build_docx(source) if fmt == "docx" else build_pdf(source)
        target.write_bytes(data)
        written.append(target)
    return sorted(written)


# ------------------------------------------------------------------------------------------------ Word


def build_docx(source: Source) -> bytes:
    """A Word file with real headings, bullet lists and tables; fixed dates and ZIP times."""
    import docx
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Pt

    document = docx.Document()
    props = document.core_properties
    props.title = source.meta.get("title", "")
    props.author = source.meta.get("author", "")
    props.last_modified_by = source.meta.get("author", "")
    props.created = props.modified = props.last_printed = FIXED_DATE.replace(tzinfo=None)
    props.revision = 1
    for block in source.blocks:
        if block.kind == "heading1":
            document.add_heading(block.text, level=1)
        elif block.kind == "heading2":
            document.add_heading(block.text, level=2)
        elif block.kind == "paragraph":
            document.add_paragraph(block.text)
        elif block.kind == "bullets":
            for item in block.items:
                document.add_paragraph(item, style="List Bullet")
        elif block.kind == "pagebreak":
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif block.kind == "table":
            head = block.rows[0]
            table = document.add_table(rows=len(block.rows), cols=len(head))
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            first_year = _first_year_column(head)
            for r, row in enumerate(block.rows):
                is_sum = r > 0 and _is_sum_row(row)
                for c, value in enumerate(row):
                    paragraph = table.cell(r, c).paragraphs[0]
                    run = paragraph.add_run(value)
                    run.font.size = Pt(9)
                    run.bold = r == 0 or is_sum
                    if c >= first_year:
                        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip_times(buffer.getvalue())


def _fixed_zip_times(data: bytes) -> bytes:
    """The same ZIP package with every entry dated 1980-01-01 (python-docx stamps the current time)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            zout.writestr(fixed, zin.read(info.filename))
    return out.getvalue()


# ------------------------------------------------------------------------------------------------ PDF


def build_pdf(source: Source) -> bytes:
    """A multi-page A4 PDF in DejaVu Sans (so æøå, – and − survive text extraction), fixed metadata.

    table_style "aligned": borderless columns, numbers right-aligned (like a typeset report); "grid":
    every cell boxed. Without DejaVu (not installed), the core font Helvetica is used and the characters
    it cannot encode (−) are written as "-", which the gold compares as equal.
    """
    from fpdf import FPDF
    from fpdf.enums import TableBordersLayout

    pdf = FPDF(format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title(source.meta.get("title", ""))
    pdf.set_author(source.meta.get("author", ""))
    pdf.set_creator("tests/data/archive/materialize.py")
    pdf.set_producer("fpdf2")
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_margins(20, 18, 20)
    unicode_font = (DEJAVU / "DejaVuSans.ttf").is_file() and (DEJAVU / "DejaVuSans-Bold.ttf").is_file()
    if unicode_font:
        pdf.add_font("DejaVu", "", str(DEJAVU / "DejaVuSans.ttf"))
        pdf.add_font("DejaVu", "B", str(DEJAVU / "DejaVuSans-Bold.ttf"))
        family = "DejaVu"
    else:
        family = "Helvetica"

    def text(value: str) -> str:
        return value if unicode_font else value.replace("−", "-").replace("–", "-")  # beyond latin-1

    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    borders = (
        TableBordersLayout.ALL if source.meta.get("table_style") == "grid" else TableBordersLayout.NONE
    )
    for block in source.blocks:
        if block.kind == "heading1":
            pdf.set_font(family, "B", 15)
            pdf.multi_cell(width, 7, text(block.text), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
        elif block.kind == "heading2":
            pdf.ln(2)
            pdf.set_font(family, "B", 11.5)
            pdf.multi_cell(width, 6, text(block.text), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        elif block.kind == "paragraph":
            pdf.set_font(family, "", 10)
            pdf.multi_cell(width, 5, text(block.text), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif block.kind == "bullets":
            pdf.set_font(family, "", 10)
            for item in block.items:
                pdf.multi_cell(width, 5, text(f"• {item}" if unicode_font else f"- {item}"),
                               new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif block.kind == "pagebreak":
            pdf.add_page()
        elif block.kind == "table":
            _pdf_table(pdf, family, block.rows, width, borders, text)
            pdf.ln(3)
    return bytes(pdf.output())


def _pdf_table(pdf, family: str, rows, width: float, borders, text) -> None:
    """One money table: a wide label column, narrower code columns, right-aligned amount columns."""
    head = rows[0]
    first_year = _first_year_column(head)
    words = not any(cell.isdigit() for cell in head[1:])  # years headed by words ("Budget 2031", "BO1")
    if words:  # the amounts start at the first head naming a number ("Budget 2031", "BO1", "I alt")
        first_year = next((k for k, cell in enumerate(head) if k and (any(c.isdigit() for c in cell)
                                                                     or cell == "I alt")), 1)
    n_codes = first_year - 1
    n_amounts = len(head) - first_year
    size = 8.5

    def fit(column: int, least: float) -> float:  # every cell of the column on one line
        return max(least, *(pdf.get_string_width(text(row[column])) + 3 for row in rows))

    while True:
        pdf.set_font(family, "B", size)  # widths measured in bold, the widest face used
        code_widths = [fit(c, 10) for c in range(1, first_year)]
        amount_w = max(fit(c, 14) for c in range(first_year, len(head)))
        label_w = width - sum(code_widths) - n_amounts * amount_w
        if label_w >= 45 or size <= 5.5:
            break
        size -= 1  # long heads ("Overslagsår 2034") or many columns: a smaller font keeps the label readable
    col_widths = (label_w, *code_widths, *([amount_w] * n_amounts))
    align = ("LEFT", *(["LEFT"] * n_codes), *(["RIGHT"] * n_amounts))
    pdf.set_font(family, "", size)
    with pdf.table(
        col_widths=col_widths,
        text_align=align,
        borders_layout=borders,
        first_row_as_headings=True,
        headings_style=_bold_style(family),
        line_height=4.5,
        width=width,
    ) as table:
        for r, values in enumerate(rows):
            is_sum = r > 0 and _is_sum_row(values)
            row = table.row()
            for value in values:
                if is_sum:
                    row.cell(text(value), style=_bold_style(family))
                else:
                    row.cell(text(value))


def _bold_style(family: str):
    from fpdf.fonts import FontFace

    return FontFace(family=family, emphasis="BOLD")


# ------------------------------------------------------------------------------------------------ shared


def _first_year_column(head: tuple[str, ...]) -> int:
    """Index of the first amount column: the first head cell that is a year (or 'I alt')."""
    for index, cell in enumerate(head):
        if index and (cell.isdigit() or cell == "I alt"):
            return index
    return len(head)


def _is_sum_row(row: tuple[str, ...]) -> bool:
    label = row[0].lower()
    return " i alt" in f" {label}" or label.startswith("samlet")


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: python materialize.py DEST [ARCHIVE]")
    for path in materialize(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) == 3 else HERE):
        print(path)
