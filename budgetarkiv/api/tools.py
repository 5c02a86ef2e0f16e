"""Tool schemas (OpenAI function calling) so a chatbot can call `search` and `ask` without reading docs."""
from __future__ import annotations

_FILTERS = {
    "year": {"type": "integer", "description": "Budget year of the note, e.g. 2024"},
    "note_id": {"type": "string", "description": "Note id, e.g. BI18 or BI23"},
    "doc_type": {"type": "string", "enum": ["budget_note", "answer", "other"],
                 "description": "budget_note, answer (to a council member's question) or other"},
}

TOOLS: list[dict] = [
    {
        "type": "function",
        "function": {
            "name": "ask",
            "description": (
                "Answer a question about Copenhagen Municipality's budget notes (budgetnotater), in Danish or "
                "English. Returns a short Danish/English answer in which every figure is cited, the programmes "
                "with their amounts per year and scenario (unit and price level), supporting sentences and "
                "passages. answered=false means the archive holds no answer: say so, do not guess. "
                "HTTP: POST /ask with JSON {question, filters}."
            ),
            "parameters": {
                "type": "object",
                "properties": {
                    "question": {"type": "string", "description": "The question as the user asked it"},
                    "filters": {"type": "object", "properties": _FILTERS, "additionalProperties": False},
                },
                "required": ["question"],
                "additionalProperties": False,
            },
        },
    },
    {
        "type": "function",
        "function": {
            "name": "search",
            "description": (
                "Find passages and tables in the budget notes that match a query (Danish or English). Each hit "
                "names its source file, note id, budget year, title, section and page. HTTP: GET /search?q=...&k=..."
            ),
            "parameters": {
                "type": "object",
                "properties": {
                    "q": {"type": "string", "description": "What to look for"},
                    "k": {"type": "integer", "minimum": 1, "maximum": 50, "description": "Number of hits (default 10)"},
                    **_FILTERS,
                },
                "required": ["q"],
                "additionalProperties": False,
            },
        },
    },
]
