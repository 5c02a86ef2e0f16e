"""Response models shared by the HTTP API and the CLI's --json: one documented, stable shape."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Literal

from pydantic import BaseModel, Field

from budgetarkiv.answer.compose import Answer
from budgetarkiv.core.models import to_jsonable
from budgetarkiv.search.hybrid import Hit


class VersionOut(BaseModel):
    doc_id: str
    source: str


class HitOut(BaseModel):
    """One retrieved passage with everything a citation needs."""

    source: str = Field(description="The file the passage comes from")
    doc_id: str = Field(description="Content hash of that file")
    chunk_id: str
    note_id: str | None = Field(None, description="Note id, e.g. BI23")
    budget_year: int | None = None
    title: str | None = None
    section: str | None = Field(None, description="Section heading the passage stands under")
    scenario: str | None = None
    page: int | None = None
    kind: str = Field(description="prose, table or answer")
    text: str
    score: float = Field(description="Fused score (higher is better; comparable within one query)")
    retrievers: list[str] = Field(description="Which retrievers found it: bm25, dense")
    also_in: list[str] = Field(default_factory=list, description="Other versions holding the same passage")
    versions: list[VersionOut] = Field(default_factory=list, description="All versions of the note, newest first")


def hit_to_dict(hit: Hit) -> dict:
    data = asdict(hit)
    return HitOut(**{k: v for k, v in data.items() if k in HitOut.model_fields}).model_dump()


class FiltersIn(BaseModel):
    """Filters of a question or search; unknown keys are refused."""

    model_config = {"extra": "forbid"}
    year: int | None = Field(None, ge=1990, le=2100, description="The note's budget year")
    note_id: str | None = Field(None, min_length=1, max_length=20, pattern=r"^[A-Za-zÆØÅæøå]{1,6}\s?\d{1,4}[a-zA-Z]?$")
    doc_type: Literal["budget_note", "answer", "other"] | None = None
    administration: str | None = Field(None, min_length=1, max_length=200,
                                       description="Administration (forvaltning), or a part of its name")


class AskIn(BaseModel):
    model_config = {"extra": "forbid"}
    question: str = Field(min_length=1, max_length=2000, description="The question, in Danish or English")
    filters: FiltersIn = Field(default_factory=FiltersIn)
    k: int = Field(10, ge=1, le=50, description="Passages to retrieve")


class ScenarioOutModel(BaseModel):
    name: str | None = Field(None, description="Scenarie 1, Scenarie 2 ... or null when the note has one proposal")
    amounts: dict[str, float] = Field(description="Year → amount in `unit`, copied from the table")
    total: float | None = Field(None, description="The table's 'I alt' cell")
    unit: str | None = Field(None, description="e.g. '1.000 kr.'")
    price_level: str | None = Field(None, description="e.g. '2024 p/l' or 'løbende p/l'")
    table: str = Field(description="Title of the table the figures come from")
    page: int | None = None
    row_label: str
    title: str | None = Field(None, description="The scenario's heading in the note, e.g. 'Udvidelse af Perspektiv "
                                                "med øget indsats over for negativ social kontrol'")
    description: str | None = Field(None, description="What the scenario buys, from the note's own text")


class ProgrammeOut(BaseModel):
    note_id: str | None
    budget_year: int | None
    title: str | None
    source: str
    doc_id: str
    scenarios: list[ScenarioOutModel]
    earlier_grants: list[ScenarioOutModel] = Field(default_factory=list)
    activities: list[ScenarioOutModel] = Field(default_factory=list)
    versions: list[str] = Field(default_factory=list)


class FactOut(BaseModel):
    text: str = Field(description="The sentence that answers")
    passage: str
    highlight: tuple[int, int] = Field(description="Offsets of `text` in `passage`")
    source: str
    doc_id: str
    note_id: str | None
    budget_year: int | None
    title: str | None
    section: str | None
    page: int | None


class AnswerOut(BaseModel):
    question: str
    answered: bool = Field(description="False when the archive holds no answer; `sources` then shows the nearest")
    answer: str = Field(description="Short text; every figure in it is cited")
    intents: list[str]
    language: str
    programmes: list[ProgrammeOut]
    facts: list[FactOut]
    sources: list[HitOut]
    written_by: str = Field("extractive", description="extractive, or llm when the optional writer was used")


class SearchOut(BaseModel):
    query: str
    hits: list[HitOut]


def answer_to_dict(answer: Answer, note_json: Callable[[str], dict | None] | None = None) -> dict:
    """`note_json` (doc_id → parsed note) adds each scenario's heading and description from its note."""
    data = to_jsonable(answer)
    data["sources"] = [hit_to_dict(h) for h in answer.sources]
    data.pop("evidence", None)
    if note_json is not None:
        for programme in data.get("programmes", ()):
            note = note_json(programme["doc_id"]) or {}
            described = {s.get("name"): s for s in note.get("scenarios") or () if s.get("name")}
            for scenario in [*programme.get("scenarios", ()), *programme.get("activities", ())]:
                found = described.get(scenario.get("name"))
                if found:
                    scenario["title"] = found.get("title")
                    scenario["description"] = found.get("description")
    return AnswerOut(**data).model_dump()


def inquiry_to_dict(result, note_json: Callable[[str], dict | None] | None = None) -> dict:
    """An answered inquiry as JSON: the draft, and each question with its statements and answer."""
    return {
        "draft": result.draft,
        "questions": [
            {
                "number": q.number, "question": q.question, "draft": q.draft,
                "statements": [to_jsonable(s) for s in q.statements],
                "answer": answer_to_dict(q.answer, note_json),
            }
            for q in result.questions
        ],
    }
