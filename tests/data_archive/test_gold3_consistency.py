"""The third unseen archive (tests/data/archive3): its gold agrees with its documents, it is complete in the ways
the measure needs (every question kind, both languages, questions with no answer), and its Word and PDF notes are
real, deterministic files. Nothing here looks at what the system answers: archive3 is measured once, never tuned on.
"""
from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from collections import Counter
from pathlib import Path

import pytest

from budgetarkiv.ingest.readers import read_document

ARCHIVE3 = Path(__file__).resolve().parents[1] / "data" / "archive3"
KINDS = {"cost", "sum", "comparison", "count", "goal", "result", "date", "person", "list", "history", "percent",
         "fact", "none"}


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"archive3_{name}", ARCHIVE3 / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


check_gold = _load("check_gold")
materialize_module = _load("materialize")
QUESTIONS = [json.loads(line) for line in (ARCHIVE3 / "gold_questions.jsonl").read_text("utf-8").splitlines() if line]
GOLD = json.loads((ARCHIVE3 / "gold_tables.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("archive3")
    materialize_module.materialize(folder)
    return folder


def test_the_gold_agrees_with_the_documents(archive: Path) -> None:
    assert check_gold.check(archive) == []


def test_materialize_writes_every_gold_document_and_the_same_bytes_every_time(archive: Path, tmp_path: Path) -> None:
    assert sorted(p.name for p in archive.iterdir()) == sorted(d["file"] for d in GOLD["documents"])
    materialize_module.materialize(tmp_path)
    for built in sorted(ARCHIVE3.glob("sources/*.src")):
        name = built.name.removesuffix(".src")
        assert (tmp_path / name).read_bytes() == (archive / name).read_bytes(), name
        assert read_document(archive / name, 20_000_000).fmt == Path(name).suffix.lstrip(".")


def test_every_question_is_unseen_and_every_kind_is_asked_at_least_three_times_in_both_languages() -> None:
    assert {q["split"] for q in QUESTIONS} == {"unseen"}
    kinds = Counter(q["kind"] for q in QUESTIONS)
    assert set(kinds) == KINDS and min(kinds.values()) >= 3, kinds
    languages = Counter(q["lang"] for q in QUESTIONS)
    assert languages["da"] > languages["en"] >= len(QUESTIONS) // 3, languages
    assert all(q["id"].startswith("w") for q in QUESTIONS)
    assert len({q["id"] for q in QUESTIONS}) == len(QUESTIONS)


def test_unanswerable_questions_have_no_relevant_documents_and_carry_a_trap() -> None:
    unanswerable = [q for q in QUESTIONS if q["kind"] == "none"]
    assert len(unanswerable) >= 5
    assert all(not q["relevant"] and not q["facts"] and q["forbidden"] for q in unanswerable)


def test_the_checker_reports_a_changed_figure_in_this_archive(archive: Path, tmp_path: Path) -> None:
    copy = tmp_path / "archive3"
    shutil.copytree(archive, copy)
    text = (copy / "c01.txt").read_text(encoding="utf-8")
    old = "Pleje af regnbede Service 150 300 300 750"
    assert old in text
    (copy / "c01.txt").write_text(text.replace(old, "Pleje af regnbede Service 150 300 330 750"), "utf-8")
    problems = check_gold.check(copy)
    assert any(p.startswith("c01.txt") and "'Pleje af regnbede'" in p for p in problems), problems
