"""The archive as an MCP server (official `mcp` SDK): the tools of `api.tools`, over stdio or streamable HTTP.

Each tool is registered with its arguments written out as keyword parameters (taken from its pydantic model),
so an MCP client sees flat, documented arguments, and gets back the HTTP API's JSON shapes.
"""
from __future__ import annotations

import inspect
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Annotated, Any

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from pydantic import Field, ValidationError

from budgetarkiv.api.service import Invalid, NotFound, Service
from budgetarkiv.api.tools import TOOLS, Tool

INSTRUCTIONS = (
    "Search and answers over Copenhagen Municipality's budget notes (budgetnotater), Danish documents. Every "
    "figure in a result is copied from a table cell or sentence of a cited document, with its unit and price "
    "level: quote figures with their unit, price level and source, never add or convert them yourself. Use "
    "`ask` for questions, `search` to find passages, `get_note` to read a document, `find_table_rows` for "
    "table rows by parameters, and `answer_inquiry` for a pasted letter with numbered questions. When `ask` "
    "says answered=false, the archive holds no answer: say so."
)


def build_server(services: Callable[[], AbstractContextManager[Service]]) -> MCPServer:
    """`services()` lends the service for one tool call (the newest index generation when serving follows it)."""
    server = MCPServer("budgetarkiv", title="Budgetarkiv", instructions=INSTRUCTIONS, version="0.1.0",
                       log_level="WARNING")  # the SDK configures the root logger: keep it quiet
    for tool in TOOLS:
        server.add_tool(_function(tool, services), name=tool.name, description=tool.description)
    return server


def _function(tool: Tool, services: Callable[[], AbstractContextManager[Service]]):
    """A function whose signature is the tool's argument model, field by field, for the SDK to read."""

    def call(**arguments: Any) -> dict[str, Any]:
        try:
            with services() as service:
                return tool.call(service, tool.args(**arguments))
        except (NotFound, Invalid, ValidationError) as exc:
            raise ToolError(str(exc)) from exc

    parameters = [
        inspect.Parameter(
            name, inspect.Parameter.KEYWORD_ONLY,
            annotation=Annotated[(field.annotation, *field.metadata, Field(description=field.description))],
            default=inspect.Parameter.empty if field.is_required() else field.get_default(call_default_factory=True),
        )
        for name, field in tool.args.model_fields.items()
    ]
    call.__signature__ = inspect.Signature(parameters, return_annotation=dict[str, Any])  # type: ignore[attr-defined]
    call.__name__ = tool.name
    return call
