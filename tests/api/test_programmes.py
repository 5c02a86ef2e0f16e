"""GET /programmes and a programme's history over real HTTP: JSON, CSV, SVG, and 404 for an unknown id."""
from __future__ import annotations

import httpx
import pytest

from tests.live_server import serve_service


@pytest.fixture(scope="module")
def client(index_settings, searcher):
    from budgetarkiv.answer.compose import Answerer
    from budgetarkiv.api.service import Service

    with serve_service(Service(index_settings, searcher, Answerer(searcher))) as url:
        with httpx.Client(base_url=url, timeout=60) as c:
            yield c


def test_programmes_lists_each_programme_once_with_its_price_levels(client) -> None:
    progs = {p["programme_id"]: p for p in client.get("/programmes").json()}
    assert {"BI18-2018", "BI18-2024", "BI23-2026"} <= set(progs)
    assert progs["BI18-2024"]["price_levels"] == ["løbende p/l", "2024 p/l"]


def test_history_by_programme_id_or_by_any_version_doc_id(client) -> None:
    h = client.get("/programmes/BI18-2024/history").json()
    assert len(h["versions"]) == 2
    for doc_id in h["versions"]:
        assert client.get(f"/programmes/{doc_id}/history").json()["programme_id"] == "BI18-2024"
    granted = [p for p in h["points"] if p["kind"] == "granted"]
    assert {p["year"] for p in granted} == {"2020", "2021", "2022", "2023"}
    assert all(p["amount"] == 4200 and p["price_level"] == "løbende p/l" for p in granted)


def test_history_as_csv_and_svg(client) -> None:
    r = client.get("/programmes/BI23-2026/history", headers={"Accept": "text/csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "proposed;Scenarie 2;2029;3882;1.000 kr.;2026 p/l" in r.text
    svg = client.get("/programmes/BI23-2026/history.svg")
    assert svg.headers["content-type"].startswith("image/svg+xml") and svg.text.startswith("<svg")


def test_unknown_programme_is_a_danish_404(client) -> None:
    r = client.get("/programmes/XX99-2030/history")
    assert r.status_code == 404 and "Ukendt program" in r.json()["detail"]
