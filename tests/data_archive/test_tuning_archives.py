"""The tuning archive written in the shapes the earlier archives lack (tests/data/archive6): its gold agrees with its
documents, it asks every question kind in both languages with unanswerable questions among them, and its Word and
PDF files are real, deterministic files. The same checks as test_unseen_archives.py, except that its questions are
in the split "dev" (tuned on, not a measure), plus one check the first archive's checker cannot make: the
transposed tables (a year per row) agree with the document, cell by cell.
"""
from __future__ import annotations

import json
import shutil
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from budgetarkiv.ingest.readers import read_document
from tests.data_archive.test_unseen_archives import KINDS, Unseen, _check, _materialize, _questions, _script

ARCHIVE6 = Unseen("archive6", "z", 4, ("f01.txt", "Tandbus, drift og leasing Service 650 650 650 650 2.600",
                                        "Tandbus, drift og leasing Service 650 650 605 650 2.600",
                                        "Tandbus, drift og leasing"))


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    built = tmp_path_factory.mktemp(ARCHIVE6.name)
    _materialize(ARCHIVE6, built)
    return built


def _gold() -> dict:
    return json.loads((ARCHIVE6.folder / "gold_tables.json").read_text("utf-8"), parse_float=Decimal)


def test_the_gold_agrees_with_the_documents(folder: Path) -> None:
    assert _check(ARCHIVE6, folder) == []


def test_materialize_writes_every_gold_document_and_the_same_bytes_every_time(folder: Path, tmp_path: Path) -> None:
    assert sorted(p.name for p in folder.iterdir()) == sorted(d["file"] for d in _gold()["documents"])
    _materialize(ARCHIVE6, tmp_path)
    for built in sorted(ARCHIVE6.folder.glob("sources/*.src")):
        name = built.name.removesuffix(".src")
        assert (tmp_path / name).read_bytes() == (folder / name).read_bytes(), name
        assert read_document(folder / name, 20_000_000).fmt == Path(name).suffix.lstrip(".")


def test_every_question_is_for_tuning_and_every_kind_is_asked_often_enough_in_both_languages() -> None:
    questions = _questions(ARCHIVE6)
    assert {q["split"] for q in questions} == {"dev"}
    kinds = Counter(q["kind"] for q in questions)
    assert set(kinds) == KINDS and min(kinds.values()) >= ARCHIVE6.min_per_kind, kinds
    languages = Counter(q["lang"] for q in questions)
    assert languages["da"] > languages["en"] >= len(questions) // 3, languages
    assert all(q["id"].startswith(ARCHIVE6.id_prefix) for q in questions)
    assert len({q["id"] for q in questions}) == len(questions)


def test_unanswerable_questions_have_no_relevant_documents_and_carry_a_trap() -> None:
    unanswerable = [q for q in _questions(ARCHIVE6) if q["kind"] == "none"]
    assert len(unanswerable) >= 5
    assert all(not q["relevant"] and not q["facts"] and q["forbidden"] for q in unanswerable)


def test_the_checker_reports_a_changed_figure_in_the_archive(folder: Path, tmp_path: Path) -> None:
    file, old, new, label = ARCHIVE6.planted
    copy = tmp_path / ARCHIVE6.name
    shutil.copytree(folder, copy)
    text = (copy / file).read_text(encoding="utf-8")
    assert old in text
    (copy / file).write_text(text.replace(old, new), "utf-8")
    problems = _check(ARCHIVE6, copy)
    assert any(p.startswith(file) and f"'{label}'" in p for p in problems), problems


def _transposed() -> list[tuple[str, dict]]:
    return [(d["file"], t) for d in _gold()["documents"] for t in d.get("transposed_tables", [])]


@pytest.mark.parametrize(("file", "table"), _transposed(), ids=lambda v: v if isinstance(v, str) else v["title"])
def test_a_transposed_table_adds_up_and_each_year_line_holds_the_gold_cells(folder: Path, file: str,
                                                                             table: dict) -> None:
    """Rows of the gold are the table's columns: the line of year Y reads each row's amount for Y in row order
    (the sum row as the line's I alt), and the I alt line reads each row's total."""
    checker = _script("check_gold")
    assert checker.check_arithmetic(table["title"], table) == []
    lines = read_document(folder / file, 20_000_000).pages[0].text.splitlines()
    start = lines.index(table["title"])
    head = lines[start + 1].split("\t")
    assert head[1:] == [row["label"] for row in table["rows"] if not row["is_sum"]] + ["I alt"]
    body = {cells[0]: cells[1:] for line in lines[start + 2 : start + 3 + len(table["years"])]
            if len(cells := line.split("\t")) == len(head)}
    for year in table["years"]:
        assert body[year] == [checker.danish(row["amounts"][year]) for row in table["rows"]], year
    assert body["I alt"] == [checker.danish(row["total"]) for row in table["rows"]]


# ------------------------------------------------------------------------------ archive8: persons, lists, history

ARCHIVE8 = Unseen("archive8", "p", 2, ("h04.txt", "Gartner                     Service           250     500     500     500    1.750",
                                       "Gartner                     Service           250     500     550     500    1.750",
                                       "Gartner"))


@pytest.fixture(scope="module")
def folder8(tmp_path_factory) -> Path:
    built = tmp_path_factory.mktemp(ARCHIVE8.name)
    _materialize(ARCHIVE8, built)
    return built


def test_archive8_gold_agrees_with_its_documents_and_a_changed_figure_is_reported(folder8: Path, tmp_path: Path) -> None:
    assert _check(ARCHIVE8, folder8) == []
    file, old, new, label = ARCHIVE8.planted
    copy = tmp_path / ARCHIVE8.name
    shutil.copytree(folder8, copy)
    text = (copy / file).read_text(encoding="utf-8")
    assert old in text
    (copy / file).write_text(text.replace(old, new), "utf-8")
    assert any(p.startswith(file) and f"'{label}'" in p for p in _check(ARCHIVE8, copy))


def test_archive8_asks_persons_lists_and_history_in_both_languages_with_unanswerable_ones_carrying_a_trap() -> None:
    questions = _questions(ARCHIVE8)
    assert {q["split"] for q in questions} == {"dev"}
    assert all(q["id"].startswith(ARCHIVE8.id_prefix) for q in questions)
    assert len({q["id"] for q in questions}) == len(questions)
    for kind in ("person", "list", "history"):
        languages = Counter(q["lang"] for q in questions if q["kind"] == kind)
        assert languages["da"] >= 2 and languages["en"] >= 2, (kind, languages)
    unanswerable = [q for q in questions if q["kind"] == "none"]
    assert len(unanswerable) >= 5
    assert all(not q["relevant"] and not q["facts"] and q["forbidden"] for q in unanswerable)


def test_archive8_word_and_pdf_files_are_the_same_bytes_every_time(folder8: Path, tmp_path: Path) -> None:
    _materialize(ARCHIVE8, tmp_path)
    for built in sorted(ARCHIVE8.folder.glob("sources/*.src")):
        name = built.name.removesuffix(".src")
        assert (tmp_path / name).read_bytes() == (folder8 / name).read_bytes(), name
