"""Response models shared by the HTTP API and the CLI's --json: one documented, stable shape."""
from __future__ import annotations

from dataclasses import asdict

from pydantic import BaseModel, Field

from search.hybrid import Hit


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
