"""The answer's typed values: what a composed answer holds, shared by the API, the CLI and the inquiry helper."""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Annotated

from pydantic import Field

from budgetarkiv.index.store import Store
from budgetarkiv.search.hybrid import Hit, Version
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
    versions: tuple[Version, ...] = ()  # all versions, newest first, each with its label and people's name


@dataclass(frozen=True)
class Fact:
    text: Annotated[str, Field(description="The sentence (or the clause of it) that answers, as quoted; a clause "
                                           "without a subject of its own follows its sentence's lead and '…'")]
    passage: Annotated[str, Field(description="The passage it stands in")]
    highlight: Annotated[tuple[int, int], Field(description="Offsets of the quoted sentence or clause in `passage`")]
    source: str
    doc_id: str
    note_id: str | None
    budget_year: int | None
    title: str | None
    section: str | None
    page: int | None


def quoted(hit: Hit, span: str, page: int | None, section: str | None = None) -> Fact:
    """A span of a document quoted whole as a fact (a letter's closing, a decision): its line breaks read as
    spaces, the whole span highlighted."""
    return Fact(text=re.sub(r"\s*\n\s*", " ", span), passage=span, highlight=(0, len(span)), source=hit.source,
                doc_id=hit.doc_id, note_id=hit.note_id, budget_year=hit.budget_year, title=hit.title,
                section=section, page=page)


def page_at(page_starts: Sequence[int], offset: int) -> int:
    """The page holding a character offset of a document's text (1 when it says no pages)."""
    return sum(1 for s in page_starts if s <= offset) or 1


@dataclass(frozen=True)
class Answer:
    question: str
    answered: Annotated[bool, Field(description="False when the archive holds no answer; `sources` then shows the nearest")]
    answer: Annotated[str, Field(description="Short text; every figure in it is cited")]
    intents: tuple[str, ...]
    language: str
    programmes: tuple[Programme, ...] = ()
    facts: tuple[Fact, ...] = ()
    sources: tuple[Hit, ...] = ()
    # the cited cells and sentences, for checking figures (not part of the JSON)
    evidence: Annotated[tuple[str, ...], Field(exclude=True)] = field(default=())
    written_by: Annotated[str, Field(description="extractive, or llm when the optional writer's text passed the "
                                                 "figure check")] = "extractive"


def note_reader(store: Store, size: int = 256) -> Callable[[str], dict]:
    """A document's stored note (its parsed structure and text) by doc_id, each read from the store once: the
    letter, minutes and contact steps of one answer read the same documents."""
    return lru_cache(maxsize=size)(lambda doc_id: store.note_json(doc_id) or {})


__all__ = ["Answer", "Fact", "Programme", "ScenarioOut"]
