"""The API's request bodies and response envelopes. The shapes inside them are the domain types themselves
(`Hit`, `Answer`, `Inquiry`, `RowRecord`, `Filters`): pydantic reads those frozen dataclasses directly, so
HTTP, MCP and the CLI's --json print one shape per concept, and the OpenAPI schema documents it.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from budgetarkiv.answer.inquiry import Inquiry
from budgetarkiv.answer.model import Answer
from budgetarkiv.index.queries import RowQuery, RowRecord
from budgetarkiv.search.hybrid import Filters, Hit

__all__ = [
    "Answer", "AskIn", "Filters", "Inquiry", "InquiryIn", "NoteRef", "SearchQuery", "SearchResult", "TableQuery",
    "TableRows", "jsonable",
]


class AskIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    question: str = Field(min_length=1, max_length=2000, description="The question, in Danish or English")
    filters: Filters = Field(default_factory=Filters)
    k: int = Field(10, ge=1, le=50, description="Passages to retrieve")


class InquiryIn(BaseModel):
    """A council member's written inquiry, pasted whole: salutation, preamble and numbered questions."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, max_length=20000, description="The whole inquiry as plain text")
    filters: Filters = Field(default_factory=Filters)
    addressee: str | None = Field(None, min_length=1, max_length=200,
                                  description="Who the reply greets; default: the name signing the inquiry")
    administration: str | None = Field(None, min_length=1, max_length=200,
                                       description="Who signs the reply; default: the one the inquiry is addressed to")
    inquiry_date: date | None = Field(None, description="The inquiry's date (YYYY-MM-DD); default: found in its text")


class SearchQuery(Filters):
    """GET /search's query parameters: the query, how many hits, and the filters inline."""

    model_config = ConfigDict(extra="ignore")  # unknown parameters get a 400 that names them (reject_unknown)
    q: str = Field(min_length=1, max_length=1000, description="Query, Danish or English")
    k: int = Field(10, ge=1, le=50, description="Number of hits")

    def filters(self) -> Filters:
        return Filters(**self.model_dump(include=set(Filters.model_fields)))


class TableQuery(BaseModel):
    """A parameterised row look-up (never text-to-SQL): each given filter narrows the rows."""

    model_config = ConfigDict(extra="ignore")  # unknown HTTP parameters get a 400 that names them (reject_unknown)
    note_id: str | None = Field(None, max_length=20, description="Note id, e.g. BI23")
    year: int | None = Field(None, ge=1990, le=2100, description="The note's budget year")
    q: str | None = Field(None, max_length=200, description="Words in the row label or the table title")
    scenario: str | None = Field(None, max_length=50, description="e.g. 'Scenarie 1'")
    styringsomraade: str | None = Field(None, max_length=50, description="Steering area, e.g. 'Service'")
    udvalg: str | None = Field(None, max_length=20, description="Committee, e.g. 'BIU'")
    bevilling: str | None = Field(None, max_length=20, description="Appropriation number")
    min_amount: float | None = Field(None, ge=-1e12, le=1e12,
                                     description="Rows with some year's amount or total at least this (table unit)")

    def row_query(self) -> RowQuery:
        return RowQuery(note_id=self.note_id, year=self.year, text=self.q, scenario=self.scenario,
                        styringsomraade=self.styringsomraade, udvalg=self.udvalg, bevilling=self.bevilling,
                        min_amount=self.min_amount)


class NoteRef(BaseModel):
    model_config = ConfigDict(extra="forbid")
    doc_id: str = Field(min_length=1, max_length=64,
                        description="The document's id (doc_id) from a search hit, or an answer's programme or source")


@dataclass(frozen=True)
class SearchResult:
    query: str
    hits: tuple[Hit, ...]


@dataclass(frozen=True)
class TableRows:
    rows: tuple[RowRecord, ...]


@functools.cache
def _adapter(kind: Any) -> TypeAdapter:
    return TypeAdapter(kind)


def jsonable(value: Any, kind: Any) -> Any:
    """`value` (a domain type `kind`) as JSON-ready data, leaving out the fields marked internal."""
    return _adapter(kind).dump_python(value, mode="json")
