"""The archive's functions as tools, defined once: the HTTP routes, the MCP server and `/tools` all use these.

Each tool has its arguments as one pydantic model (the HTTP request's own parameters) and a function over
the loaded `Service`. Results are the domain types, turned into JSON by `schemas.jsonable`, so a chatbot
gets the same shapes from MCP as from HTTP. Descriptions are written for a language model choosing a tool.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from budgetarkiv.answer.inquiry import answer_inquiry as _answer_inquiry
from budgetarkiv.api.schemas import (
    Answer,
    AskIn,
    Inquiry,
    InquiryIn,
    NoteRef,
    SearchQuery,
    SearchResult,
    TableQuery,
    TableRows,
    jsonable,
)
from budgetarkiv.api.service import Invalid, NotFound, Service
from budgetarkiv.search.versions import diff_versions


def ask(service: Service, args: AskIn) -> Answer:
    if not args.question.strip():
        raise Invalid("Ugyldig forespørgsel: question er tom.")
    service.check_note(args.filters.note_id)
    return service.answerer.ask(args.question, args.filters, k=args.k)


def search(service: Service, args: SearchQuery) -> SearchResult:
    if not args.q.strip():
        raise Invalid("Ugyldig forespørgsel: q er tom.")
    filters = args.filters()
    service.check_note(filters.note_id)
    return SearchResult(args.q, tuple(service.searcher.search(args.q, k=args.k, filters=filters)))


def get_note(service: Service, args: NoteRef) -> dict:
    """The parsed note (text, sections, scenarios, tables), and for each other version the sentences that differ."""
    store = service.searcher.store
    data = store.note_json(args.doc_id)
    if data is None:
        raise NotFound(f"Ukendt dokument: {args.doc_id}. Se /notes for de kendte.")
    data.pop("page_starts", None)
    named = service.searcher.names.get(args.doc_id)
    data["name"], data["version"] = (named.name, named.label) if named else (data.get("source"), None)
    data["versions"] = []
    for v in service.searcher.versions.get(args.doc_id, ()):
        entry = {"doc_id": v.doc_id, "source": v.source, "label": v.label, "name": v.name,
                 "current": v.doc_id == args.doc_id}
        if v.doc_id != args.doc_id:
            other = store.note_json(v.doc_id) or {}
            d = diff_versions(data.get("text", ""), other.get("text", ""))
            entry["changed"] = [{"here": c.here, "there": c.there} for c in d.changed]
            entry["only_here"] = list(d.only_here)
            entry["only_there"] = list(d.only_there)
        data["versions"].append(entry)
    return data


def find_table_rows(service: Service, args: TableQuery) -> TableRows:
    service.check_note(args.note_id)
    return TableRows(tuple(service.searcher.store.find_rows(args.row_query())))


def answer_inquiry(service: Service, args: InquiryIn) -> Inquiry:
    if not args.text.strip():
        raise Invalid("Ugyldig forespørgsel: text er tom.")
    service.check_note(args.filters.note_id)
    return _answer_inquiry(service.answerer, args.text, args.filters, addressee=args.addressee,
                           administration=args.administration,
                           inquiry_date=args.inquiry_date.isoformat() if args.inquiry_date else None)


@dataclass(frozen=True)
class Tool:
    name: str
    description: str
    args: type[BaseModel]
    run: Callable[[Service, Any], Any]
    result: Any  # the type `run` returns, for `jsonable`

    def call(self, service: Service, args: BaseModel) -> Any:
        """Run the tool and return its result as JSON-ready data (the HTTP API's shape)."""
        return jsonable(self.run(service, args), self.result)


TOOLS: tuple[Tool, ...] = (
    Tool("ask", (
        "Answer a question about Copenhagen Municipality's budget notes (budgetnotater), in Danish or English. "
        "Returns a short answer in which every figure is cited, the programmes with their amounts per year and "
        "scenario (unit and price level, e.g. '1.000 kr.', '2024 p/l'), supporting sentences and passages. "
        "answered=false means the archive holds no answer: say so, do not guess. HTTP: POST /ask."
    ), AskIn, ask, Answer),
    Tool("search", (
        "Find passages and tables in the budget notes that match a query (Danish or English). Each hit names its "
        "source file, doc_id, note id, budget year, title, section and page. HTTP: GET /search?q=...&k=..."
    ), SearchQuery, search, SearchResult),
    Tool("get_note", (
        "Read one document of the archive: its text, sections, scenarios and budget tables (each row with amounts "
        "per year, unit and price level), and its other versions with the sentences that differ. Take doc_id "
        "from a search hit or from an answer's programme or source. HTTP: GET /notes/{doc_id}."
    ), NoteRef, get_note, dict),
    Tool("find_table_rows", (
        "Look up budget table rows by parameters (no free SQL): note id, budget year, words in the row label or "
        "table title, scenario, steering area (styringsomraade), committee (udvalg), appropriation (bevilling), "
        "minimum amount. Each row has its amounts per year in the table's own unit and price level, the table "
        "title, page and source file, for citing. HTTP: GET /tables."
    ), TableQuery, find_table_rows, TableRows),
    Tool("answer_inquiry", (
        "Answer a council member's written inquiry (a pasted letter with numbered questions): split it into its "
        "questions, answer each with cited figures, and return a draft reply in Danish in which every figure "
        "carries its citation. HTTP: POST /inquiry."
    ), InquiryIn, answer_inquiry, Inquiry),
)
BY_NAME = {t.name: t for t in TOOLS}


def openai_function(tool: Tool) -> dict:
    """The tool as an OpenAI function-calling schema: plain JSON Schema with the references written out."""
    return {"type": "function",
            "function": {"name": tool.name, "description": tool.description,
                         "parameters": {k: v for k, v in plain_schema(tool.args.model_json_schema()).items()
                                        if k != "description"}}}


def plain_schema(schema: dict) -> dict:
    """Inline `$ref`s, write `anyOf [X, null]` as X (optional anyway) and drop titles: what function callers read."""
    defs = schema.get("$defs", {})

    def walk(node: Any) -> Any:
        if isinstance(node, list):
            return [walk(x) for x in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            return walk({**defs[node["$ref"].split("/")[-1]], **{k: v for k, v in node.items() if k != "$ref"}})
        options = node.get("anyOf")
        if options and len(options) == 2 and {"type": "null"} in options:
            (kept,) = [o for o in options if o != {"type": "null"}]
            rest = {k: v for k, v in node.items() if k not in ("anyOf", "default")}
            return walk({**kept, **rest})
        return {k: ({name: walk(s) for name, s in v.items()} if k == "properties" else walk(v))
                for k, v in node.items() if k not in ("title", "$defs")}

    return walk(schema)


def openai_functions() -> list[dict]:
    return [openai_function(t) for t in TOOLS]
