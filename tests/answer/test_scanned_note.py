"""A scanned note (PDF pages as images, no text layer) is indexed through OCR and answers a cost question
with the figures of its table and the page the table is on."""
from __future__ import annotations

import shutil

import pytest

from budgetarkiv.answer.compose import Answerer
from budgetarkiv.core.settings import Settings
from budgetarkiv.index.build import build_index
from budgetarkiv.search.hybrid import Searcher
from tests.ingest import scanned

pytestmark = [
    pytest.mark.ocr,
    pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract comes from scripts/system-packages.sh"),
]


def test_a_question_about_a_scanned_note_is_answered_with_its_figures_and_page(tmp_path, embedder) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    scanned.scanned_note(tmp_path)  # typeset and scanned outside the corpus; only the scan is indexed
    shutil.copy(tmp_path / "scannet.pdf", corpus / "scannet.pdf")
    settings = Settings.from_env({}, index_dir=tmp_path / "idx", corpus_dir=corpus)
    report = build_index([corpus], settings, embedder, show_progress=False)
    assert report.documents == 1 and not report.errors

    searcher = Searcher(settings, embedder=embedder)
    try:
        answer = Answerer(searcher).ask("Hvad koster svømmeundervisning for skolebørn i sommerferien?")
    finally:
        searcher.close()

    assert answer.answered
    (programme,) = [p for p in answer.programmes if p.note_id == scanned.NOTE_ID]
    assert programme.budget_year == scanned.BUDGET_YEAR
    (cost,) = programme.scenarios
    want_amounts, want_total = scanned.GOLD_ROWS["Udgifter i alt (netto)"]
    assert (dict(cost.amounts), cost.total, cost.unit, cost.price_level) == (want_amounts, want_total, "1.000 kr.",
                                                                             "2029 p/l")
    assert cost.page == scanned.TABLE_PAGE
    assert "11.330" in answer.answer
