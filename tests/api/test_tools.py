"""Every tool is defined once and offered everywhere: /tools (OpenAI function schemas) and MCP list the same
five, with the same descriptions, and the schemas are plain enough for any function-calling client."""
from __future__ import annotations

import asyncio

import jsonschema
import pytest

from budgetarkiv.api.mcp_server import build_server
from budgetarkiv.api.tools import TOOLS, openai_functions, plain_schema

NAMES = {"ask", "search", "get_note", "find_table_rows", "answer_inquiry"}
EXAMPLES = {
    "ask": {"question": "Hvad koster Perspektiv?", "filters": {"note_id": "BI18", "year": 2024}},
    "search": {"q": "social kontrol", "k": 5, "year": 2026},
    "get_note": {"doc_id": "306130193e619dd7"},
    "find_table_rows": {"note_id": "BI23", "scenario": "Scenarie 1", "min_amount": 1000},
    "answer_inquiry": {"text": "Spørgsmål 1: Hvad koster Perspektiv?", "filters": {"year": 2024}},
}


def test_the_five_tools_are_offered_by_tools_and_by_mcp():
    functions = {f["function"]["name"]: f["function"] for f in openai_functions()}
    listed = {t.name: t for t in asyncio.run(build_server(lambda: None).list_tools())}  # type: ignore[arg-type]
    assert set(functions) == set(listed) == {t.name for t in TOOLS} == NAMES
    for name, fn in functions.items():
        assert fn["description"] == listed[name].description and len(fn["description"]) > 80


@pytest.mark.parametrize("tool", TOOLS, ids=lambda t: t.name)
def test_openai_schema_is_plain_and_accepts_the_example(tool):
    params = openai_functions()[[t.name for t in TOOLS].index(tool.name)]["function"]["parameters"]
    jsonschema.Draft202012Validator.check_schema(params)
    text = str(params)
    assert "$ref" not in text and "anyOf" not in text and "$defs" not in text
    assert params["type"] == "object" and set(params.get("required", ())) <= set(params["properties"])
    for prop in params["properties"].values():
        assert prop["type"] in {"string", "integer", "number", "boolean", "object", "array"} and prop["description"]
    jsonschema.validate(EXAMPLES[tool.name], params)
    tool.args(**EXAMPLES[tool.name])  # and the tool itself takes it


@pytest.mark.parametrize("tool", TOOLS, ids=lambda t: t.name)
def test_mcp_input_schema_refuses_what_the_tool_refuses(tool):
    listed = {t.name: t for t in asyncio.run(build_server(lambda: None).list_tools())}  # type: ignore[arg-type]
    schema = listed[tool.name].input_schema
    required = set(schema.get("required", ()))
    assert required == {n for n, f in tool.args.model_fields.items() if f.is_required()}
    assert set(schema["properties"]) == set(tool.args.model_fields)


def test_plain_schema_keeps_a_property_called_title_and_drops_null_options():
    schema = {"title": "X", "type": "object", "properties": {
        "title": {"title": "Title", "anyOf": [{"type": "string"}, {"type": "null"}], "default": None},
        "f": {"$ref": "#/$defs/F", "description": "Filters"}},
        "$defs": {"F": {"title": "F", "type": "object", "properties": {"year": {"type": "integer"}}}}}
    assert plain_schema(schema) == {"type": "object", "properties": {
        "title": {"type": "string"},
        "f": {"type": "object", "description": "Filters", "properties": {"year": {"type": "integer"}}}}}
