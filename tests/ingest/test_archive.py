"""The held-out archive (tests/data/archive): notes written unlike the samples, read like the indexer reads.

Every money cell of its gold tables comes out right, or the row holding it is reported unreadable; no
row is read with amounts the gold does not have. Each document's type, note id, budget year and
administration are right. DOCX and PDF documents are made from their sources by the archive's own
materializer.
"""
from __future__ import annotations

import json
import re
import shutil
from functools import cache
from pathlib import Path

import pytest

from budgetarkiv.core.models import BudgetTable, Note
from budgetarkiv.ingest.chunking import chunk_note
from budgetarkiv.ingest.notes import parse_note
from budgetarkiv.ingest.readers import read_document
from tests.ingest import scanned

ARCHIVE = Path(__file__).resolve().parents[1] / "data" / "archive"
GOLD = json.loads((ARCHIVE / "gold_tables.json").read_text(encoding="utf-8"))["documents"]
MONEY_FIELDS = ("styringsomraade", "udvalg", "bevilling", "indtaegt_udgift")


@pytest.fixture(scope="module")
def archive_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """docs/ plus the DOCX/PDF files the materializer makes from sources/ (when it is there)."""
    materialize = ARCHIVE / "materialize.py"
    if not materialize.exists():
        return ARCHIVE / "docs"
    import importlib.util
    import sys

    module = sys.modules.get("archive_materialize")
    if module is None:
        spec = importlib.util.spec_from_file_location("archive_materialize", materialize)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # its dataclasses look their module up there
        spec.loader.exec_module(module)
    out = tmp_path_factory.mktemp("archive")
    module.materialize(out)
    return out


@cache
def _parse(path: Path) -> Note:
    return parse_note(read_document(path, 50_000_000))


def note_of(archive_dir: Path, name: str) -> Note:
    path = archive_dir / name
    if not path.exists():
        path = ARCHIVE / "docs" / name
    if not path.exists():
        pytest.skip(f"{name} is made by tests/data/archive/materialize.py, which is not there")
    return _parse(path)


def table_of(note: Note, gold: dict) -> BudgetTable:
    money = [t for t in note.tables if t.kind == "money"]
    found = [t for t in money if t.title == gold["title"]]
    assert found, f"no table {gold['title']!r}; found {[t.title for t in money]}"
    return found[0]


@pytest.mark.parametrize("doc", GOLD, ids=[d["file"] for d in GOLD])
def test_the_document_says_what_it_is(archive_dir: Path, doc: dict) -> None:
    note = note_of(archive_dir, doc["file"])
    got = {k: getattr(note, k) for k in ("doc_type", "note_id", "budget_year", "administration")}
    assert got == {k: doc.get(k) for k in got}
    if doc["doc_type"] == "budget_note":
        assert note.title == doc["title"]


LETTERS = [d for d in GOLD if d["doc_type"] == "answer"]


@pytest.mark.parametrize("doc", LETTERS, ids=[d["file"] for d in LETTERS])
def test_a_letter_gives_its_own_date_its_subject_and_every_question(archive_dir: Path, doc: dict) -> None:
    note = note_of(archive_dir, doc["file"])
    assert (note.title, note.date, note.addressee) == (doc["title"], doc["date"], doc["addressee"])
    assert note.signatory == f"{doc['signatory']}, {doc['signatory_title']}"
    assert note.inquiry_date != note.date  # the member's mail is dated apart from the reply
    assert len(note.questions) == doc["questions"]
    assert all(q.question.endswith("?") and q.answer for q in note.questions)


GOLD_TABLES = [(d["file"], t) for d in GOLD for t in d.get("tables", [])]


@pytest.mark.parametrize(("name", "gold"), GOLD_TABLES, ids=[f"{n}:{t['title'][:40]}" for n, t in GOLD_TABLES])
def test_every_money_cell_is_right_or_its_row_is_reported_unreadable(archive_dir: Path, name: str, gold: dict) -> None:
    table = table_of(note_of(archive_dir, name), gold)
    assert (table.number, table.unit, table.price_level, table.scenario) == (
        gold["number"], gold["unit"], gold["price_level"], gold["scenario"])
    assert list(table.years) == gold["years"]
    by_label = {r.label: r for r in table.rows}
    for want in gold["rows"]:
        row = by_label.pop(want["label"], None)
        if row is None:
            first_word = want["label"].split()[0]
            assert any(first_word in raw for raw in table.unreadable), f"row {want['label']!r} neither read nor reported"
            continue
        assert (dict(row.amounts), row.total, row.is_sum) == (want["amounts"], want["total"], want["is_sum"]), row.label
        assert {k: getattr(row, k) for k in MONEY_FIELDS} == {k: want.get(k) for k in MONEY_FIELDS}, row.label
        if "label_note" in want:
            assert row.cell_notes.get("label") == want["label_note"]
    assert not by_label, f"rows the gold does not have: {sorted(by_label)}"
    failed = [c for c in table.checks if not c.ok]
    assert not failed or table.unreadable, f"arithmetic fails without a row reported unreadable: {failed}"


@pytest.mark.parametrize("doc", GOLD, ids=[d["file"] for d in GOLD])
def test_no_money_table_beyond_the_gold(archive_dir: Path, doc: dict) -> None:
    note = note_of(archive_dir, doc["file"])
    titles = sorted(t.title for t in note.tables if t.kind == "money")
    assert titles == sorted(t["title"] for t in doc.get("tables", []))


@pytest.mark.parametrize("doc", GOLD, ids=[d["file"] for d in GOLD])
def test_pages_only_where_the_file_says_them(archive_dir: Path, doc: dict) -> None:
    """PDF pages and page markers ("2/4") give page numbers; a file without them gives none, not "s. 1"."""
    note = note_of(archive_dir, doc["file"])
    pages = [c.page for c in chunk_note(note, 120)]
    pages += [t.page for t in note.tables] + [s.page for s in note.sections] + [a.page for a in note.prose_amounts]
    text = (archive_dir / doc["file"]).read_bytes() if doc["format"] in ("txt", "md") else b""
    says_pages = doc["format"] == "pdf" or re.search(rb"^\s*(\d+)/(\d+)\s*$", text, re.MULTILINE)
    if says_pages:
        assert any(p is not None for p in pages)
    else:
        assert set(pages) == {None}


PDF_DOCS = [d for d in GOLD if d["format"] == "pdf"]


@pytest.mark.ocr
@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract comes from scripts/system-packages.sh")
@pytest.mark.parametrize("doc", PDF_DOCS, ids=[d["file"] for d in PDF_DOCS])
def test_the_archives_pdfs_scanned_read_by_ocr_keep_every_gold_cell(archive_dir: Path, doc: dict,
                                                                   tmp_path: Path) -> None:
    """The PDF notes rendered to images (no text layer), read back by OCR: same metadata, and every gold
    cell right or its row reported unreadable (OCR writes "–" as "-", so tables are matched by number)."""
    source = archive_dir / doc["file"]
    if not source.exists():
        pytest.skip(f"{doc['file']} is made by tests/data/archive/materialize.py")
    note = parse_note(read_document(scanned.scan(source, tmp_path / "scan.pdf"), 50_000_000))
    assert (note.doc_type, note.note_id, note.budget_year, note.administration) == (
        doc["doc_type"], doc["note_id"], doc["budget_year"], doc["administration"])
    for gold in doc["tables"]:
        (table,) = [t for t in note.tables if t.kind == "money" and t.number == gold["number"]]
        assert (table.unit, table.price_level, table.scenario, list(table.years)) == (
            gold["unit"], gold["price_level"], gold["scenario"], gold["years"])
        by_label = {r.label: r for r in table.rows}
        for want in gold["rows"]:
            row = by_label.get(want["label"])
            if row is None:
                assert any(want["label"].split()[0] in raw for raw in table.unreadable), want["label"]
                continue
            assert (dict(row.amounts), row.total) == (want["amounts"], want["total"]), row.label
