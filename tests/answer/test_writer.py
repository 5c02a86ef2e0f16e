"""The optional LLM writer: used only when its text holds no number the evidence lacks."""
from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from budgetarkiv.answer.compose import Answerer
from budgetarkiv.answer.figures import numbers_in, unsupported_numbers
from budgetarkiv.answer.writer import LLMWriter

QUESTION = "Hvad koster videreførelsen af Perspektiv om året?"


class FakeEndpoint:
    """An OpenAI-compatible /v1/chat/completions that replies with whatever the test sets."""

    def __init__(self) -> None:
        self.reply = ""
        self.requests: list[dict] = []
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                endpoint.requests.append(body)
                data = json.dumps({"choices": [{"message": {"role": "assistant", "content": endpoint.reply}}]})
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(data.encode())

            def log_message(self, *args) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/v1/chat/completions"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture()
def endpoint() -> Iterator[FakeEndpoint]:
    fake = FakeEndpoint()
    yield fake
    fake.server.shutdown()


def test_numbers_are_compared_without_thousands_separators() -> None:
    assert numbers_in("4.600 og 4600 og 0,65") == {"4600", "0,65"}
    assert unsupported_numbers("i alt 18.400", ["Udgifter i alt 18400"]) == set()
    assert unsupported_numbers("i alt 19.000", ["Udgifter i alt 18.400"]) == {"19000"}


def test_a_faithful_llm_answer_is_used(searcher, endpoint: FakeEndpoint) -> None:
    endpoint.reply = "Videreførelsen af Perspektiv (BI18, Budget 2024) koster 4.600 (1.000 kr., 2024 p/l) om året."
    answer = Answerer(searcher, writer=LLMWriter(endpoint.url, "fake")).ask(QUESTION)
    assert answer.written_by == "llm"
    assert answer.answer == endpoint.reply
    sent = endpoint.requests[0]["messages"][1]["content"]
    assert "4.600" in sent, "the writer must be fed the retrieved evidence"


def test_an_llm_answer_with_an_invented_number_is_rejected(searcher, endpoint: FakeEndpoint) -> None:
    endpoint.reply = "Perspektiv koster 5.100 (1.000 kr.) om året."
    answer = Answerer(searcher, writer=LLMWriter(endpoint.url, "fake")).ask(QUESTION)
    assert answer.written_by == "extractive"
    assert "5.100" not in answer.answer and "4.600" in answer.answer


def test_an_unreachable_endpoint_falls_back_to_the_extractive_answer(searcher) -> None:
    writer = LLMWriter("http://127.0.0.1:9/v1/chat/completions", "fake", timeout=2)
    answer = Answerer(searcher, writer=writer).ask(QUESTION)
    assert answer.written_by == "extractive" and "4.600" in answer.answer


def test_the_writer_is_off_by_default(searcher) -> None:
    assert searcher.settings.llm_url == ""
    assert Answerer(searcher).writer is None
