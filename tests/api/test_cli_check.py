"""`budgetarkiv check FOLDER`: a report of reading gaps per document, as text or JSON, always exit status 0."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from budgetarkiv.api import cli
from tests.ingest.test_check import GOOD_NOTE

pytestmark = pytest.mark.fast

NO_ID = GOOD_NOTE.replace("TMU7 Overdækket cykelparkering ved stationer", "").replace(
    "Risikovurdering", "Baggrund\nEt ønske fra udvalget.\n\nRisikovurdering")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "god.txt").write_text(GOOD_NOTE, encoding="utf-8")
    (tmp_path / "uden_id.txt").write_text(NO_ID, encoding="utf-8")
    (tmp_path / "tom.txt").write_text("   \n", encoding="utf-8")
    return tmp_path


def test_the_json_report_names_every_document_and_counts_findings(folder: Path, capsys) -> None:
    assert cli.main(["check", str(folder), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    by_name = {Path(d["source"]).name: d for d in data["documents"]}
    assert set(by_name) == {"god.txt", "uden_id.txt", "tom.txt"}
    assert by_name["god.txt"]["findings"] == []
    assert by_name["tom.txt"]["doc_type"] is None and by_name["tom.txt"]["findings"][0]["kind"] == "read_error"
    assert {"no_note_id", "no_title"} <= {f["kind"] for f in by_name["uden_id.txt"]["findings"]}
    assert data["summary"]["read_error"] == 1 and data["summary"]["no_note_id"] == 1
    assert data["documents_checked"] == 3 and data["documents_with_gaps"] == 2


def test_the_readable_report_lists_documents_with_findings_and_a_summary(folder: Path, capsys) -> None:
    assert cli.main(["check", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "uden_id.txt" in out and "tom.txt" in out and "god.txt" not in out
    assert "no_note_id" in out and "budgetnotat uden notat-id" in out  # the summary explains each kind
    assert "3 dokumenter kontrolleret; 2 med mulige huller" in out
    assert cli.main(["check", str(folder), "--all"]) == 0
    assert "god.txt" in capsys.readouterr().out


def test_a_path_that_does_not_exist_is_an_error(tmp_path: Path, capsys) -> None:
    assert cli.main(["check", str(tmp_path / "findes-ikke")]) == 1
    assert "findes ikke" in capsys.readouterr().err
