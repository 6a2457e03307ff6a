"""In-process encoders behind one interface: a sentence-transformers folder or a Qwen3 folder.

Introduced in notebook 01_serve_and_embed (the in-process ceiling of the benchmark); used by the CPU
server (``utils.server``), by evaluation (``utils.evaluate``) and by fine-tuning checks (04).

sentence-transformers silently cuts inputs at ``max_seq_length``; :class:`Encoder` counts tokens
first and refuses over-long text unless truncation was asked for, and then it warns.
"""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from utils.qwen3 import Qwen3Encoder


class Encoder(Protocol):
    """What every in-process encoder offers."""

    dim: int
    max_tokens: int

    def count_tokens(self, texts: Sequence[str]) -> list[int]: ...

    def encode(
        self, texts: Sequence[str], batch_size: int = 64, truncate: bool = False, check_lengths: bool = True
    ) -> np.ndarray: ...


class SentenceTransformerEncoder:
    """A sentence-transformers model (e.g. the CPU default all-MiniLM-L6-v2), L2-normalised output."""

    def __init__(self, model_path: str | Path, device: str = "cpu", dtype: str = "float32") -> None:
        import torch
        from sentence_transformers import SentenceTransformer

        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        self.model = SentenceTransformer(
            str(model_path), device=device, model_kwargs={"dtype": getattr(torch, dtype)}
        )
        self.dim = int(self.model.get_embedding_dimension())
        self.max_tokens = int(self.model.max_seq_length)
        self.tokenizer = self.model.tokenizer

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return [
            len(ids)
            for ids in self.tokenizer(list(texts), add_special_tokens=True, truncation=False)["input_ids"]
        ]

    def encode(
        self, texts: Sequence[str], batch_size: int = 64, truncate: bool = False, check_lengths: bool = True
    ) -> np.ndarray:
        """Normalised vectors. ``check_lengths=False`` skips the token count (the server counted already)."""
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        counts = self.count_tokens(texts) if check_lengths else []
        too_long = [i for i, n in enumerate(counts) if n > self.max_tokens]
        if too_long and not truncate:
            raise ValueError(
                f"{len(too_long)} text(s) exceed the model's limit of {self.max_tokens} tokens "
                f"(first: index {too_long[0]}); shorten them or ask for truncation."
            )
        if too_long:
            warnings.warn(f"truncated {len(too_long)} text(s) to {self.max_tokens} tokens", stacklevel=2)
        vecs = self.model.encode(
            texts, batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True
        )
        return np.asarray(vecs, dtype=np.float32)


class _Qwen3Adapter:
    """:class:`utils.qwen3.Qwen3Encoder` under the :class:`Encoder` interface."""

    def __init__(
        self, model_path: str | Path, device: str = "cpu", dtype: str = "float32", max_tokens: int = 8192
    ) -> None:
        self.inner = Qwen3Encoder(model_path, device=device, dtype=dtype, max_length=max_tokens)
        self.dim = self.inner.dim
        self.max_tokens = max_tokens

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return self.inner.count_tokens(texts)

    def encode(
        self, texts: Sequence[str], batch_size: int = 16, truncate: bool = False, check_lengths: bool = True
    ) -> np.ndarray:
        return self.inner.encode(texts, batch_size=batch_size, truncate=truncate)


def model_kind(model_path: str | Path) -> str:
    """``"qwen3"`` for a Qwen3-architecture transformers folder, ``"sentence-transformers"`` for an ST folder."""
    path = Path(model_path)
    if not path.is_dir():
        raise FileNotFoundError(f"model folder {path} does not exist; download the model or fix the path.")
    cfg = path / "config.json"
    if cfg.is_file():
        try:
            if str(json.loads(cfg.read_text()).get("model_type", "")).startswith("qwen3"):
                return "qwen3"
        except ValueError as exc:
            raise ValueError(f"{cfg} is not valid JSON: {exc}") from exc
    if (path / "modules.json").is_file():
        return "sentence-transformers"
    raise ValueError(
        f"{path} is neither a sentence-transformers folder (modules.json) nor a Qwen3 model (config.json "
        "with model_type qwen3)."
    )


def load_encoder(model_path: str | Path, device: str = "cpu", dtype: str = "float32") -> Encoder:
    """Load the right in-process encoder for a local model folder."""
    if model_kind(model_path) == "qwen3":
        return _Qwen3Adapter(model_path, device=device, dtype=dtype)
    return SentenceTransformerEncoder(model_path, device=device, dtype=dtype)
