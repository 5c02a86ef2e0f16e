"""Schemathesis fuzzing of the REAL running server's /openapi.json: no input may produce a 5xx.

The server is uvicorn on a free port of 127.0.0.1 in a background thread, with the session's real index of
the sample corpus and the real model. Every operation in the OpenAPI document gets up to 25 generated
requests (valid and invalid: odd unicode, huge numbers, missing and extra fields).
"""
from __future__ import annotations

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from tests.live_server import serve_service


@pytest.fixture(scope="module")
def fuzz_base_url(index_settings, searcher, answerer):
    from budgetarkiv.api.app import Service

    with serve_service(Service(index_settings, searcher, answerer)) as url:
        yield url


def _openapi() -> dict:
    """The OpenAPI document of the app, built without an index (routes and models do not depend on one).

    Schemathesis's lazy `from_fixture` loader fails under pytest 9 (it touches `Function._nodeid`), so the
    schema is built at collection time; `test_fuzzed_schema_is_the_served_one` checks that it is the very
    document the running server serves at /openapi.json.
    """
    from budgetarkiv.api.app import Service, create_app
    from budgetarkiv.core.settings import Settings

    return create_app(Service(Settings.from_env({}), None, None)).openapi()  # type: ignore[arg-type]


OPENAPI = _openapi()
schema = schemathesis.openapi.from_dict(OPENAPI)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_no_server_errors(case, fuzz_base_url):
    response = case.call(base_url=fuzz_base_url, timeout=60)
    assert response.status_code < 500, (
        f"{case.method} {case.formatted_path} -> {response.status_code}: {response.text_lossy()[:500]}\n"
        f"reproduce: {case.as_curl_command()}"
    )
    assert b"Traceback" not in response.content  # bytes: a .docx reply is binary
    case.validate_response(response, checks=[not_a_server_error])


def test_fuzzed_schema_is_the_served_one(fuzz_base_url):
    served = httpx.get(f"{fuzz_base_url}/openapi.json", timeout=30)
    assert served.status_code == 200
    assert served.json() == OPENAPI
    loaded = schemathesis.openapi.from_url(f"{fuzz_base_url}/openapi.json", wait_for_schema=30)
    assert set(loaded.raw_schema["paths"]) == set(OPENAPI["paths"])


def test_fuzzing_covered_the_api():
    """The fuzzed schema holds the endpoints the issue names (so the fuzzing is not vacuous)."""
    assert {"/health", "/search", "/ask", "/notes", "/notes/{doc_id}", "/tables", "/tools"} <= set(OPENAPI["paths"])
