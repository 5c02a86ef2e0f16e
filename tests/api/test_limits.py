"""Hardened edges of the HTTP API, over a real server that needs no index: a request body over the limit is
refused with 413 before it is read, 405 says which methods are allowed, and the OpenAPI schema documents
every status and content type the API returns."""
from __future__ import annotations

import socket
from urllib.parse import urlparse

import httpx
import pytest

from budgetarkiv.api.app import Service, create_app
from budgetarkiv.core.settings import Settings
from tests.live_server import serve_app


@pytest.fixture(scope="module")
def url():
    settings = Settings.from_env({}, max_request_kb=64)
    with serve_app(create_app(Service(settings, None, None))) as base:  # type: ignore[arg-type]
        yield base


def test_a_declared_oversized_body_gets_413_before_any_of_it_is_sent(url):
    parsed = urlparse(url)
    with socket.create_connection((parsed.hostname, parsed.port), timeout=10) as sock:
        sock.sendall(b"POST /ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 1073741824\r\n\r\n")  # 1 GB announced, not one byte of it sent
        reply = sock.recv(4096).decode("utf-8", "replace")
    assert reply.startswith("HTTP/1.1 413") and "højst 64 KB" in reply


def test_a_chunked_body_is_cut_off_once_it_passes_the_limit(url):
    def chunks():
        for _ in range(1000):  # 8 MB in 8 KB chunks, no Content-Length
            yield b'{"question": "' + b"x" * 8192
    response = httpx.post(f"{url}/ask", content=chunks(), headers={"Content-Type": "application/json"}, timeout=30)
    assert response.status_code == 413 and "højst 64 KB" in response.json()["detail"]


def test_a_body_under_the_limit_reaches_validation(url):
    response = httpx.post(f"{url}/ask", json={"question": "x" * 30_000}, timeout=30)
    assert response.status_code == 422  # too long a question: the route's own rule, not the size limit


@pytest.mark.parametrize(("method", "path", "allowed"), [
    ("DELETE", "/ask", "POST"), ("PUT", "/search", "GET"), ("POST", "/tables", "GET"), ("PATCH", "/health", "GET"),
])
def test_405_names_the_allowed_methods_in_allow(url, method, path, allowed):
    response = httpx.request(method, f"{url}{path}", timeout=30)
    assert response.status_code == 405
    assert response.headers["allow"] == allowed and allowed in response.json()["detail"]


def test_openapi_documents_every_status_and_content_type(url):
    spec = httpx.get(f"{url}/openapi.json", timeout=30).json()
    for path, operations in spec["paths"].items():
        for method, op in operations.items():
            documented = set(op["responses"])
            assert {"200", "400", "401", "405", "413", "422", "500"} <= documented, (method, path)
            assert "Allow" in op["responses"]["405"]["headers"]
            error = op["responses"]["422"]["content"]["application/json"]["schema"]
            assert error == {"$ref": "#/components/schemas/ErrorOut"}  # {"detail": "..."}, as sent
    assert "text/csv" in spec["paths"]["/tables"]["get"]["responses"]["200"]["content"]
    assert "text/html" in spec["paths"]["/notes/{doc_id}"]["get"]["responses"]["200"]["content"]
    assert {"404"} <= set(spec["paths"]["/ask"]["post"]["responses"])
    assert "503" in spec["paths"]["/health"]["get"]["responses"]
