"""The MCP server, driven by the official SDK's client: in process, over stdio (`budgetarkiv mcp`) and over
streamable HTTP (a real `budgetarkiv serve` with an API key). Tools return the HTTP API's JSON shapes."""
from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import httpx
import httpx2
import pytest
from mcp import Client, StdioServerParameters
from mcp.client.streamable_http import streamable_http_client

from tests.live_server import serve_command, serve_service

PERSPEKTIV_Q = "Hvad koster videreførelsen af Perspektiv om året?"
KEY = "mcp-key-42"


@pytest.fixture(scope="module")
def service(index_settings, searcher, answerer):
    from budgetarkiv.api.app import Service

    return Service(index_settings, searcher, answerer)


@pytest.fixture(scope="module")
def http(service):
    with serve_service(service) as url, httpx.Client(base_url=url, timeout=60) as c:
        yield c


def _server(service):
    """The MCP server over one loaded service, as `budgetarkiv mcp` builds it."""
    from contextlib import nullcontext

    from budgetarkiv.api.mcp_server import build_server

    return build_server(lambda: nullcontext(service))


def _call(server, name: str, arguments: dict):
    async def run():
        async with Client(server) as client:
            return await client.call_tool(name, arguments)

    return asyncio.run(run())


def assert_perspektiv_cost(answer: dict) -> None:
    """The cited cost of continuing Perspektiv: 4.600 (1.000 kr.) a year in 2024 prices, from BI18's table."""
    assert answer["answered"] is True
    programme = answer["programmes"][0]
    assert (programme["note_id"], programme["budget_year"]) == ("BI18", 2024)
    s1 = next(s for s in programme["scenarios"] if s["name"] == "Scenarie 1")
    assert set(s1["amounts"].values()) == {4600} and (s1["unit"], s1["price_level"]) == ("1.000 kr.", "2024 p/l")
    assert s1["table"].startswith("Tabel") and programme["source"].endswith(".txt")
    assert "4.600" in answer["answer"] and "2024 p/l" in answer["answer"]


# --- in process: the tools give the HTTP API's JSON ------------------------------------------------------


@pytest.mark.parametrize("name, arguments, method, path, params", [
    ("ask", {"question": PERSPEKTIV_Q}, "POST", "/ask", {"question": PERSPEKTIV_Q}),
    ("search", {"q": "negativ social kontrol", "k": 3, "note_id": "BI23"}, "GET", "/search",
     {"q": "negativ social kontrol", "k": 3, "note_id": "BI23"}),
    ("find_table_rows", {"note_id": "BI23", "scenario": "Scenarie 2"}, "GET", "/tables",
     {"note_id": "BI23", "scenario": "Scenarie 2"}),
])
def test_a_tool_returns_what_the_http_api_returns(service, http, name, arguments, method, path, params):
    result = _call(_server(service), name, arguments)
    assert not result.is_error, result.content
    expected = http.post(path, json=params) if method == "POST" else http.get(path, params=params)
    assert expected.status_code == 200
    assert result.structured_content == expected.json()
    assert result.structured_content  # and not vacuously


def test_get_note_and_answer_inquiry(service, http):
    server = _server(service)
    doc_id = next(n["doc_id"] for n in http.get("/notes").json() if n["note_id"] == "BI18" and n["budget_year"] == 2024)
    note = _call(server, "get_note", {"doc_id": doc_id}).structured_content
    assert note == http.get(f"/notes/{doc_id}").json()
    assert note["tables"] and len(note["versions"]) == 2
    letter = "Kære forvaltning\n\n1. Hvad koster videreførelsen af Perspektiv om året?\n\nMed venlig hilsen"
    reply = _call(server, "answer_inquiry", {"text": letter}).structured_content
    assert reply == http.post("/inquiry", json={"text": letter}).json()
    assert len(reply["questions"]) == 1 and "4.600" in reply["draft"]


@pytest.mark.parametrize("name, arguments, says", [
    ("ask", {"question": "Hvad koster det?", "filters": {"note_id": "ZZ99"}}, "Ukendt notat-id: ZZ99"),
    ("ask", {"question": "   "}, "question er tom"),
    ("search", {"q": "kontrol", "year": 1800}, "year"),
    ("get_note", {"doc_id": "0000000000000000"}, "Ukendt dokument"),
    ("find_table_rows", {"note_id": "ZZ99"}, "Ukendt notat-id"),
])
def test_bad_arguments_are_an_error_result_that_says_why(service, name, arguments, says):
    result = _call(_server(service), name, arguments)
    assert result.is_error
    text = " ".join(c.text for c in result.content)
    assert says in text and "Traceback" not in text


# --- the real transports -------------------------------------------------------------------------------


def test_stdio_budgetarkiv_mcp_answers_with_the_cited_cost(index_settings):
    """What a desktop chat client does: start `budgetarkiv mcp` and talk to it on stdin/stdout."""
    exe = Path(sys.executable).with_name("budgetarkiv")
    command, args = (str(exe), ["mcp"]) if exe.exists() else (sys.executable, ["-m", "budgetarkiv.api.cli", "mcp"])
    env = {k: v for k, v in os.environ.items() if not k.startswith("BUDGETARKIV_")}
    env.update(BUDGETARKIV_INDEX_DIR=str(index_settings.index_dir))

    async def run():
        async with Client(StdioServerParameters(command=command, args=args, env=env)) as client:
            names = {t.name for t in (await client.list_tools()).tools}
            return names, await client.call_tool("ask", {"question": PERSPEKTIV_Q})

    names, result = asyncio.run(run())
    assert names == {"ask", "search", "get_note", "find_table_rows", "answer_inquiry"}
    assert not result.is_error
    assert_perspektiv_cost(result.structured_content)


@pytest.fixture(scope="module")
def keyed_serve(index_settings, tmp_path_factory):
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with serve_command(index_settings.index_dir, log, BUDGETARKIV_API_KEY=KEY) as url:
        yield url
    assert "Traceback" not in log.read_text()


def _http_client(url: str, headers: dict):
    return Client(streamable_http_client(url + "/mcp", http_client=httpx2.AsyncClient(headers=headers, timeout=120)))


@pytest.mark.parametrize("headers", [{"X-API-Key": KEY}, {"Authorization": f"Bearer {KEY}"}])
def test_http_mcp_behind_the_api_key_answers_with_the_cited_cost(keyed_serve, headers):
    async def run():
        async with _http_client(keyed_serve, headers) as client:
            return await client.call_tool("ask", {"question": PERSPEKTIV_Q})

    result = asyncio.run(run())
    assert not result.is_error
    assert_perspektiv_cost(result.structured_content)


def test_http_mcp_without_the_key_is_refused(keyed_serve):
    r = httpx.post(keyed_serve + "/mcp/", json={"jsonrpc": "2.0", "id": 1, "method": "tools/list"},
                   headers={"Accept": "application/json, text/event-stream"}, timeout=30)
    assert r.status_code == 401 and "API-nøgle" in r.json()["detail"]

    async def run():
        async with _http_client(keyed_serve, {"Authorization": "Bearer forkert"}) as client:
            await client.list_tools()

    with pytest.raises(Exception):  # noqa: B017 - the SDK reports the 401 as its own error type
        asyncio.run(run())


def test_openai_client_with_the_key_over_the_real_server(keyed_serve):
    import openai

    client = openai.OpenAI(base_url=keyed_serve + "/v1", api_key=KEY, max_retries=0, timeout=120)
    reply = client.chat.completions.create(model="budgetarkiv", messages=[{"role": "user", "content": PERSPEKTIV_Q}])
    assert "4.600" in reply.choices[0].message.content
    assert_perspektiv_cost(reply.model_extra["answer"])
    with pytest.raises(openai.AuthenticationError):
        openai.OpenAI(base_url=keyed_serve + "/v1", api_key="forkert", max_retries=0).models.list()
