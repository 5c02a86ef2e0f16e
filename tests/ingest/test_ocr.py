"""Scanned PDFs: pages without a text layer are read by OCR (Debian's tesseract with its Danish model).

A note written for these tests is typeset, every page rendered to an image and saved as a PDF without
text; reading it must give the note's id, year and every cell of its ruled money table, on its page.
Without tesseract the file is reported with a reason, and a partly scanned file says which pages it
could not read. Tests that run tesseract are marked `ocr` (about 15 s a page on these machines).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from budgetarkiv.core.models import Document, Page
from budgetarkiv.ingest import ocr
from budgetarkiv.ingest.notes import parse_note
from budgetarkiv.ingest.readers import UnreadableFile, read_document
from tests.ingest import scanned

LIMIT = 20_000_000
needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="tesseract is installed by scripts/system-packages.sh (as root)"
)


@pytest.fixture(scope="module")
def scanned_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return scanned.scanned_note(tmp_path_factory.mktemp("scan"))


@pytest.fixture
def no_tesseract(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """A PATH without tesseract: the situation on a machine where the system packages are missing."""
    monkeypatch.setenv("PATH", str(tmp_path))
    ocr.ocr_unavailable.cache_clear()
    yield
    ocr.ocr_unavailable.cache_clear()


def test_the_scanned_pdf_has_no_text_layer(scanned_pdf: Path) -> None:
    assert all(not (p.extract_text() or "").strip() for p in PdfReader(scanned_pdf).pages)


@pytest.mark.ocr
@needs_tesseract
def test_a_scanned_note_is_read_by_ocr_with_its_money_table_on_its_page(scanned_pdf: Path) -> None:
    doc = read_document(scanned_pdf, LIMIT)
    assert [p.number for p in doc.pages] == [1, 2] and all(p.ocr for p in doc.pages) and doc.warnings == ()
    note = parse_note(doc)
    assert (note.doc_type, note.note_id, note.budget_year) == ("budget_note", scanned.NOTE_ID, scanned.BUDGET_YEAR)
    assert (note.title, note.administration) == (scanned.TITLE, scanned.ADMINISTRATION)
    (table,) = [t for t in note.tables if t.kind == "money"]
    assert (table.number, table.unit, table.price_level, table.page) == ("2", "1.000 kr.", "2029 p/l", 2)
    assert {r.label: (dict(r.amounts), r.total) for r in table.rows} == scanned.GOLD_ROWS
    assert table.checks_ok


def test_without_tesseract_a_scanned_pdf_is_refused_with_what_to_install(scanned_pdf: Path, no_tesseract) -> None:
    with pytest.raises(UnreadableFile) as caught:
        read_document(scanned_pdf, LIMIT)
    reason = caught.value.reason
    assert "without a text layer" in reason and "tesseract is not installed" in reason
    assert "tesseract-ocr-dan" in reason


def test_a_partly_scanned_pdf_says_which_pages_it_could_not_read(scanned_pdf: Path, tmp_path: Path,
                                                                 no_tesseract) -> None:
    writer = PdfWriter()
    writer.add_page(PdfReader(scanned_pdf.parent / "original.pdf").pages[0])  # page 1 with its text
    writer.add_page(PdfReader(scanned_pdf).pages[1])  # page 2 scanned
    mixed = tmp_path / "blandet.pdf"
    with mixed.open("wb") as f:
        writer.write(f)
    doc = read_document(mixed, LIMIT)
    assert scanned.NOTE_ID in doc.pages[0].text and doc.pages[1].text == ""
    (warning,) = doc.warnings
    assert warning.startswith("page 2 of 2 without a text layer") and "OCR is not available" in warning
    assert warning in parse_note(doc).errors


def test_an_ocr_table_that_does_not_add_up_is_reported_unreadable_not_trusted() -> None:
    """OCR misreads digits ("1,150" for "1.150"); such a row must not reach an answer."""
    text = (
        "Budget 2029\nKFF31 Svømning\n\nØkonomi\n\nTabel 2 – Udgifter\n"
        "1.000 kr., 2029 p/l Styringsområde 2029 2030 I alt\n"
        "Svømmelærere Service 2.950 2.950 5.900\nBusser Service 640 840 1.280\n"
        "Udgifter i alt (netto) 3.590 3.590 7.180\n"
    )
    scanned_doc = Document("a" * 16, "x.pdf", "pdf", (Page(1, text, ocr=True),))
    (table,) = parse_note(scanned_doc).tables
    assert table.rows == () and len(table.unreadable) == 3 and not table.checks_ok
    typed = Document("b" * 16, "y.pdf", "pdf", (Page(1, text),))  # a text layer: recorded, not dropped
    (table,) = parse_note(typed).tables
    assert len(table.rows) == 3 and not table.checks_ok


def test_ocr_words_far_apart_keep_their_columns_and_near_ones_one_space() -> None:
    head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    words = [("Busser", 100, 60), ("til", 170, 30), ("byen", 210, 40), ("640", 600, 30), ("1.280", 800, 50)]
    rows = [f"5\t1\t1\t1\t1\t{i}\t{left}\t10\t{width}\t20\t95\t{text}" for i, (text, left, width) in
            enumerate(words)]
    line = ocr._layout("\n".join([head, *rows])).rstrip("\n")
    assert line.startswith("Busser til byen ") and line.split() == ["Busser", "til", "byen", "640", "1.280"]
    assert line.index("1.280") - line.index("640") >= 10  # the gap between cells is kept


def test_table_rules_are_painted_out_and_letters_kept() -> None:
    from PIL import Image, ImageDraw

    image = Image.new("L", (600, 400), 255)
    draw = ImageDraw.Draw(image)
    draw.line((10, 100, 590, 100), fill=0, width=3)  # a row rule
    draw.line((300, 10, 300, 390), fill=0, width=2)  # a column rule
    draw.rectangle((50, 150, 62, 190), fill=0)  # a letter's stroke: shorter than a quarter inch at 300 dpi
    cleaned = ocr._without_rules(image, 300)
    assert cleaned.getpixel((200, 100)) == 255 and cleaned.getpixel((300, 50)) == 255
    assert cleaned.getpixel((55, 170)) == 0
