"""`budgetarkiv parse`: the JSON contract later issues and outside tools rely on."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CORPUS

CONTRACT_KEYS = {
    "source", "doc_type", "note_id", "budget_year", "title", "administration", "sections", "scenarios",
    "categories", "tables", "prose_amounts", "errors",
}


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "budgetarkiv.api.cli", *args], capture_output=True, text=True, timeout=120,
        cwd=CORPUS.parent,
    )


@pytest.fixture(scope="module")
def bi23() -> dict:
    result = run_cli("parse", str(CORPUS / "003_830cee1fd0b10859.txt"), "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_json_has_every_contract_field(bi23: dict) -> None:
    assert CONTRACT_KEYS <= set(bi23)
    for table in bi23["tables"]:
        assert {"title", "scenario", "unit", "price_level", "years", "rows", "checks"} <= set(table)
        for row in table["rows"]:
            assert {"label", "styringsomraade", "udvalg", "bevilling", "amounts", "total"} <= set(row)


def test_json_amounts_are_in_the_tables_own_unit(bi23: dict) -> None:
    scenario2 = next(t for t in bi23["tables"] if t["title"].startswith("Tabel 3"))
    assert scenario2["unit"] == "1.000 kr." and scenario2["price_level"] == "2026 p/l"
    assert scenario2["scenario"] == "Scenarie 2"
    coordination = next(r for r in scenario2["rows"] if r["label"].startswith("Koordinering"))
    assert coordination["amounts"] == {"2026": 737, "2027": 737, "2028": 737, "2029": 737}
    assert coordination["total"] == 2948
    assert scenario2["rows"][-1]["total"] == 15528


def test_json_metadata_and_prose_amounts(bi23: dict) -> None:
    assert (bi23["doc_type"], bi23["note_id"], bi23["budget_year"]) == ("budget_note", "BI23", 2026)
    amounts = {a["text"]: a["amount_kr"] for a in bi23["prose_amounts"]}
    assert amounts["3,5 mio. kr."] == 3_500_000
    assert amounts["2,7 mia. kr."] == 2_700_000_000


def test_without_json_a_readable_summary_is_printed() -> None:
    result = run_cli("parse", str(CORPUS / "000_306130193e619dd7.txt"))
    assert result.returncode == 0
    assert "BI18 Perspektiv" in result.stdout and "Budget 2024" in result.stdout
    assert "Udgifter i alt (netto): 2024:4.600" in result.stdout


def test_a_bad_file_is_named_with_its_reason_and_the_good_ones_still_print(tmp_path: Path) -> None:
    (tmp_path / "tom.pdf").write_bytes(b"")
    good = tmp_path / "note.txt"
    good.write_text((CORPUS / "003_830cee1fd0b10859.txt").read_text("utf-8"), "utf-8")
    result = run_cli("parse", str(tmp_path), "--json")
    assert result.returncode == 1
    assert "tom.pdf" in result.stderr and "Traceback" not in result.stderr
    assert json.loads(result.stdout)["note_id"] == "BI23"
