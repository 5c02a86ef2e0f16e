"""The OpenAI-compatible endpoint, driven by the official `openai` client against a real server: the archive's
cited answer as Markdown (text, cost table, sources) and as JSON in an extra field, streamed or not."""
from __future__ import annotations

import httpx
import openai
import pytest

from tests.live_server import serve_service

PERSPEKTIV_Q = "Hvad koster videreførelsen af Perspektiv om året?"


@pytest.fixture(scope="module")
def base_url(index_settings, searcher, answerer):
    from budgetarkiv.api.app import Service

    with serve_service(Service(index_settings, searcher, answerer)) as url:
        yield url


@pytest.fixture(scope="module")
def client(base_url):
    return openai.OpenAI(base_url=base_url + "/v1", api_key="no-key-needed", max_retries=0, timeout=120)


def _user(text: str) -> list[dict]:
    return [{"role": "user", "content": text}]


def _content_and_answer(reply) -> tuple[str, dict]:
    return reply.choices[0].message.content, reply.model_extra["answer"]


def test_models_lists_the_archive(client):
    assert [m.id for m in client.models.list()] == ["budgetarkiv"]


def test_the_answer_in_markdown_with_citations_cost_table_and_sources(client, base_url):
    reply = client.chat.completions.create(model="budgetarkiv", messages=_user(PERSPEKTIV_Q))
    content, answer = _content_and_answer(reply)
    assert reply.choices[0].finish_reason == "stop" and reply.choices[0].message.role == "assistant"
    # the structured answer is the /ask answer
    assert answer == httpx.post(base_url + "/ask", json={"question": PERSPEKTIV_Q}, timeout=60).json()
    s1 = next(s for s in answer["programmes"][0]["scenarios"] if s["name"] == "Scenarie 1")
    assert set(s1["amounts"].values()) == {4600} and s1["price_level"] == "2024 p/l"
    # the cost table: one row per scenario with its unit, price level and table
    table = [line for line in content.splitlines() if line.startswith("| BI18")]
    row = next(line for line in table if "| Scenarie 1 |" in line)
    assert "2024: 4.600" in row and "| 1.000 kr. | 2024 p/l |" in row and "Tabel 2" in row
    # the text cites the table, and the sources are named for people, each document once
    assert "4.600" in content.split("###")[0] and "[Tabel 2" in content
    listed = content.split("###")[-1]
    for hit in answer["sources"]:
        assert listed.count(hit["document"]) == 1 and hit["source"].rsplit("/", 1)[-1] not in content


def test_streaming_sends_the_same_text_and_ends_with_the_answer(client):
    whole, _ = _content_and_answer(client.chat.completions.create(model="budgetarkiv", messages=_user(PERSPEKTIV_Q)))
    chunks = list(client.chat.completions.create(model="budgetarkiv", messages=_user(PERSPEKTIV_Q), stream=True))
    assert len(chunks) > 3 and chunks[0].choices[0].delta.role == "assistant"
    assert "".join(c.choices[0].delta.content or "" for c in chunks) == whole
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert chunks[-1].model_extra["answer"]["answered"] is True
    assert all(c.id == chunks[0].id for c in chunks)


def test_a_follow_up_is_read_with_the_question_before_it(client):
    alone, _ = _content_and_answer(client.chat.completions.create(model="budgetarkiv", messages=_user("Og scenarie 2?")))
    assert "5.250" not in alone  # on its own the follow-up does not know what it is about
    messages = [*_user(PERSPEKTIV_Q), {"role": "assistant", "content": "…"}, *_user("Og scenarie 2?")]
    content, answer = _content_and_answer(client.chat.completions.create(model="budgetarkiv", messages=messages))
    bi18 = next(p for p in answer["programmes"] if (p["note_id"], p["budget_year"]) == ("BI18", 2024))
    s2 = next(s for s in bi18["scenarios"] if s["name"] == "Scenarie 2")
    assert set(s2["amounts"].values()) == {5250} and "5.250" in content


def test_a_new_subject_is_not_mixed_with_the_earlier_turns(client):
    messages = [*_user(PERSPEKTIV_Q), {"role": "assistant", "content": "…"},
                *_user("Hvad koster den nye svømmehal i Valby?")]
    content, answer = _content_and_answer(client.chat.completions.create(model="budgetarkiv", messages=messages))
    assert answer["answered"] is False and answer["programmes"] == [] and "4.600" not in content


def test_content_as_parts_and_a_system_message(client):
    messages = [{"role": "system", "content": "Svar kort."},
                {"role": "user", "content": [{"type": "text", "text": PERSPEKTIV_Q}]}]
    assert "4.600" in _content_and_answer(client.chat.completions.create(model="budgetarkiv", messages=messages))[0]


@pytest.mark.parametrize("kwargs, error, status", [
    ({"model": "gpt-4o", "messages": _user(PERSPEKTIV_Q)}, openai.NotFoundError, 404),
    ({"model": "budgetarkiv", "messages": []}, openai.BadRequestError, 400),
    ({"model": "budgetarkiv", "messages": [{"role": "assistant", "content": "Hej"}]}, openai.BadRequestError, 400),
    ({"model": "budgetarkiv", "messages": _user("   ")}, openai.BadRequestError, 400),
    ({"model": "budgetarkiv", "messages": _user("x" * 5000)}, openai.BadRequestError, 400),
    ({"model": "budgetarkiv", "messages": [{"role": "robot", "content": "Hej"}]}, openai.BadRequestError, 400),
    ({"model": "budgetarkiv", "messages": _user(PERSPEKTIV_Q), "extra_body": {"filters": {"note_id": "ZZ99"}}},
     openai.NotFoundError, 404),
])
def test_bad_requests_get_openai_errors(client, kwargs, error, status):
    with pytest.raises(error) as raised:
        client.chat.completions.create(**kwargs)
    assert raised.value.status_code == status
    body = raised.value.body
    assert body["message"].strip() and body["type"] and "Traceback" not in str(body)


@pytest.mark.parametrize("content", [b"", b"{", b"[]", b'{"model": "budgetarkiv"}', b"ikke json"])
def test_malformed_bodies_get_the_openai_error_shape(base_url, content):
    r = httpx.post(base_url + "/v1/chat/completions", content=content, headers={"Content-Type": "application/json"})
    assert r.status_code == 400, r.text
    assert set(r.json()) == {"error"} and r.json()["error"]["type"] == "invalid_request_error"


def test_filters_ride_along_as_an_extra_field(client):
    reply = client.chat.completions.create(model="budgetarkiv", messages=_user("Hvad koster indsatsen?"),
                                           extra_body={"filters": {"note_id": "BI23"}})
    answer = reply.model_extra["answer"]
    assert answer["sources"] and {h["note_id"] for h in answer["sources"]} == {"BI23"}
