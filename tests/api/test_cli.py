"""`budgetarkiv search/ask/inquiry --json` print the HTTP API's shapes, and bad filters are refused clearly."""
from __future__ import annotations

import json

import pytest

from budgetarkiv.api import cli
from budgetarkiv.api.app import Service, create_app

PERSPEKTIV_Q = "Hvad koster videreførelsen af Perspektiv om året?"


def _schema_fields(name: str) -> set[str]:
    from budgetarkiv.core.settings import Settings

    schemas = create_app(Service(Settings.from_env({}), None, None)).openapi()["components"]["schemas"]  # type: ignore[arg-type]
    return set(schemas[name]["properties"])


@pytest.fixture
def shared_searcher(monkeypatch, searcher):
    """The CLI opens the session's index instead of loading the model again."""
    monkeypatch.setattr(cli, "_searcher", lambda settings: searcher)
    return searcher


def test_ask_json_is_the_apis_answer(shared_searcher, capsys):
    assert cli.main(["ask", PERSPEKTIV_Q, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == _schema_fields("Answer")
    assert "evidence" not in data
    s1 = next(s for s in data["programmes"][0]["scenarios"] if s["name"] == "Scenarie 1")
    assert set(s1) == _schema_fields("ScenarioCost") and "rows" not in s1
    assert set(s1["amounts"].values()) == {4600} and s1["price_level"] == "2024 p/l"
    assert s1["title"], "the scenario's heading comes from the note"
    assert set(data["sources"][0]) == _schema_fields("Hit")


def test_search_json_is_a_list_of_the_apis_hits(shared_searcher, capsys):
    assert cli.main(["search", "negativ social kontrol", "--k", "3", "--note-id", "bi23", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert 1 <= len(hits) <= 3 and {h["note_id"] for h in hits} == {"BI23"}
    assert all(set(h) == _schema_fields("Hit") for h in hits)


def test_ask_lists_each_source_once_by_its_peoples_name(shared_searcher, capsys):
    assert cli.main(["ask", PERSPEKTIV_Q]) == 0
    out = capsys.readouterr().out
    assert ".txt" not in out  # no archive file names
    assert "tallene er fra den nyeste (version 2 af 2)" in out
    sources = out.split("Kilder:")[1].strip().splitlines()
    names = [line.split(":")[0] for line in sources]
    assert len(names) == len(set(names)) >= 1, "a document listed twice"
    assert all("BI18 Perspektiv" in n and "Budget 2024" in n for n in names if "BI18" in n)
    assert any("version 2 af 2" in n for n in names)


def test_search_names_documents_and_versions_for_people(shared_searcher, capsys):
    assert cli.main(["search", "Perspektiv ægtefælleforsørgede", "--k", "3"]) == 0
    out = capsys.readouterr().out
    assert ".txt" not in out
    assert "versioner af notatet (nyeste først): version 2 af 2, version 1 af 2" in out


@pytest.mark.parametrize("args, named", [
    (["search", "kontrol", "--year", "1800"], "--year"),
    (["ask", "Hvad koster det?", "--note-id", "ikke et id!"], "--note-id"),
    (["ask", "Hvad koster det?", "--administration", ""], "--administration"),
])
def test_bad_filters_are_refused_before_anything_loads(monkeypatch, capsys, args, named):
    monkeypatch.setattr(cli, "_searcher", lambda settings: pytest.fail("the index was opened"))
    assert cli.main(args) == 1
    err = capsys.readouterr().err
    assert err.startswith("fejl: ugyldigt filter") and named in err and "Traceback" not in err
