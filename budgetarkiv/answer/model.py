"""The answer's typed values: what a composed answer holds, shared by the API, the CLI and the inquiry helper."""
from __future__ import annotations

from dataclasses import dataclass, field

from budgetarkiv.search.hybrid import Hit
from budgetarkiv.search.lookup import ScenarioCost

ScenarioOut = ScenarioCost  # what an answer shows of a scenario, an activity or an earlier grant


@dataclass(frozen=True)
class Programme:
    note_id: str | None
    budget_year: int | None
    title: str | None
    source: str
    doc_id: str
    scenarios: tuple[ScenarioOut, ...]
    earlier_grants: tuple[ScenarioOut, ...] = ()  # "Tidligere afsatte midler", løbende p/l
    activities: tuple[ScenarioOut, ...] = ()  # rows of the overview tables that the question names
    versions: tuple[str, ...] = ()  # sources of all versions, newest first


@dataclass(frozen=True)
class Fact:
    text: str  # the sentence that answers
    passage: str  # the passage it stands in
    highlight: tuple[int, int]  # the sentence's offsets in `passage`
    source: str
    doc_id: str
    note_id: str | None
    budget_year: int | None
    title: str | None
    section: str | None
    page: int | None


@dataclass(frozen=True)
class Answer:
    question: str
    answered: bool
    answer: str
    intents: tuple[str, ...]
    language: str
    programmes: tuple[Programme, ...] = ()
    facts: tuple[Fact, ...] = ()
    sources: tuple[Hit, ...] = ()
    evidence: tuple[str, ...] = field(default=())  # the cited cells and sentences, for checking figures
    written_by: str = "extractive"  # or "llm" when the optional writer's text passed the figure check


__all__ = ["Answer", "Fact", "Programme", "ScenarioOut"]
