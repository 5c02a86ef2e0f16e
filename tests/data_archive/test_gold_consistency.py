"""The held-out archive (tests/data/archive): its gold agrees with its documents, and the generated Word and
PDF notes are real, deterministic files the project's readers read intact.

The checker (tests/data/archive/check_gold.py) is run on the archive as it is, and on copies with one
deliberate error each, so a checker that stopped looking would fail here too.
"""
from __future__ import annotations

import importlib.util
import shutil
import sys
from io import BytesIO
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from budgetarkiv.ingest.readers import read_document

ARCHIVE = Path(__file__).resolve().parents[1] / "data" / "archive"
LIMIT = 20_000_000


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"archive_{name}", ARCHIVE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


check_gold = _load("check_gold")
materialize_module = _load("materialize")
DEJAVU = materialize_module.DEJAVU / "DejaVuSans.ttf"


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("archive")
    materialize_module.materialize(folder)
    return folder


def test_the_gold_agrees_with_the_documents(archive: Path) -> None:
    assert check_gold.check(archive) == []


def test_materialize_copies_every_document_and_builds_the_word_and_pdf_notes(archive: Path) -> None:
    names = sorted(p.name for p in archive.iterdir())
    copied = sorted(p.name for p in (ARCHIVE / "docs").iterdir())
    built = sorted(p.name.removesuffix(".src") for p in (ARCHIVE / "sources").glob("*.src"))
    assert names == sorted(copied + built)
    assert {"a12.docx", "a13.docx", "a14.pdf", "a15.pdf"} <= set(built)
    gold_files = {d["file"] for d in check_gold.json.loads(check_gold.TABLES.read_text())["documents"]}
    assert set(names) == gold_files


def test_materialize_writes_the_same_bytes_every_time(archive: Path, tmp_path: Path) -> None:
    materialize_module.materialize(tmp_path)
    for name in ("a12.docx", "a13.docx", "a14.pdf", "a15.pdf"):
        assert (tmp_path / name).read_bytes() == (archive / name).read_bytes(), name


def test_the_pdfs_have_several_pages_and_keep_danish_letters_and_dashes(archive: Path) -> None:
    for name in ("a14.pdf", "a15.pdf"):
        document = read_document(archive / name, LIMIT)
        assert document.fmt == "pdf" and len(document.pages) == 3
        text = "\n".join(p.text for p in document.pages)
        assert all(ch in text for ch in "æøåØ"), name
        if DEJAVU.is_file():
            assert "Tabel 2 – Oversigt" in text  # the en dash survives (the core-font fallback writes "-")


@pytest.mark.skipif(not DEJAVU.is_file(), reason="DejaVu Sans is not installed; the core font has no − sign")
def test_a_pdf_keeps_the_unicode_minus_sign() -> None:
    source = materialize_module.parse_source(
        "@format: pdf\n\n## Økonomi\n\n[table]\n1.000 kr., 2026 p/l | Styringsområde | 2026 | I alt\n"
        "Varige ændringer | Service | −2.100 | −2.100\n[/table]\n"
    )
    text = PdfReader(BytesIO(materialize_module.build_pdf(source))).pages[0].extract_text()
    assert "Varige ændringer Service −2.100 −2.100" in text


def test_the_word_notes_hold_real_word_tables_read_as_tab_separated_rows(archive: Path) -> None:
    tables = docx.Document(str(archive / "a12.docx")).tables
    assert len(tables) == 3
    assert [c.text for c in tables[0].rows[0].cells] == [
        "1.000 kr., 2026 p/l", "Styringsområde", "2026", "2027", "2028", "2029", "I alt"
    ]
    text = read_document(archive / "a12.docx", LIMIT).pages[0].text
    assert "Samlet økonomisk påvirkning\t\t2.250\t−3.950\t−4.200\t−4.200\t−10.100" in text
    text = read_document(archive / "a13.docx", LIMIT).pages[0].text
    assert "Vanding og pleje\tTMU\t70.20\tU\t\t450\t900\t1.350\t2.700" in text


MUTATIONS = [  # (file, old text, new text, words the report must contain)
    (  # the same figures stand in the next table: the checker must look after the label, not anywhere
        "a06.txt",
        "Udgifter i alt (netto)  6.780 6.780",
        "Udgifter i alt (netto)  6.870 6.780",
        "amounts of 'Udgifter i alt (netto)'",
    ),
    (  # a figure moved one column left in a space-aligned table
        "a05.txt",
        "Service                        7,7      7,7      7,7     23,1",
        "Service               7,7      7,7      7,7              23,1",
        "under 2026",
    ),
    ("a06.txt", "Siden 2021 har i alt 214 unge", "Siden 2021 har i alt 241 unge", "fact '214'"),
    ("a04.html", '<td class="num">3,0</td>', '<td class="num">3</td>', "3 under 2024"),  # decimals are exact
]


@pytest.mark.parametrize("name, old, new, expected", MUTATIONS, ids=["changed-amount", "shifted-column", "lost-fact", "lost-decimal"])
def test_the_checker_reports_a_document_that_disagrees_with_the_gold(
    archive: Path, tmp_path: Path, name: str, old: str, new: str, expected: str
) -> None:
    copy = tmp_path / "archive"
    shutil.copytree(archive, copy)
    text = (copy / name).read_text(encoding="utf-8")
    assert old in text
    (copy / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    problems = check_gold.check(copy)
    assert problems and all(p.startswith(name) or p.startswith("question") for p in problems)
    assert any(expected in p for p in problems), problems


def test_the_checker_reports_gold_arithmetic_that_does_not_add_up() -> None:
    table = {
        "years": ["2025", "2026"],
        "rows": [
            {"label": "Drift", "amounts": {"2025": 100, "2026": 100}, "total": 200, "is_sum": False},
            {"label": "Husleje", "amounts": {"2025": 10, "2026": 10}, "total": 21, "is_sum": False},
            {"label": "Udgifter i alt", "amounts": {"2025": 110, "2026": 111}, "total": 221, "is_sum": True},
        ],
    }
    problems = check_gold.check_arithmetic("t", table)
    assert any("'Husleje' adds up to 20, its I alt is 21" in p for p in problems)
    assert any("not to the sum row 'Udgifter i alt'" in p for p in problems)
