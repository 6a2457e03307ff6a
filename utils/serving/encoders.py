"""In-process encoders behind one interface: a sentence-transformers folder or a Qwen3 folder.

Introduced in notebook 01_serve_and_embed (the in-process ceiling of the benchmark); used by the CPU
server (``utils.serving.server``), by evaluation (``utils.search.evaluate``) and by fine-tuning checks (04).

sentence-transformers silently cuts inputs at ``max_seq_length``; :class:`Encoder` counts tokens
first and follows the course's long-text policy (``utils.data.longtext``, notebook 06): over-long text is
truncated to the limit with ONE warning line saying how many texts were cut and by how much
(``truncate=False`` refuses them instead). ``max_tokens`` chooses a lower limit than the model's.
For documents that should be read whole, chunk them with :func:`utils.data.longtext.embed_chunks`.
"""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from utils.data.longtext import warn_truncation
from utils.serving.qwen3 import Qwen3Encoder


class Encoder(Protocol):
    """What every in-process encoder offers."""

    dim: int
    max_tokens: int
    tokenizer: Any

    def count_tokens(self, texts: Sequence[str]) -> list[int]: ...

    def encode(
        self, texts: Sequence[str], batch_size: int = 64, truncate: bool = True, check_lengths: bool = True
    ) -> np.ndarray: ...


def _limit(requested: int | None, model_limit: int) -> int:
    """``requested`` if it is a valid lower limit, else the model's; a clear error above the model's."""
    if requested is None:
        return model_limit
    if isinstance(requested, bool) or not isinstance(requested, int) or requested < 8:
        raise ValueError(f"max_tokens must be an integer of at least 8, got {requested!r}.")
    if requested > model_limit:
        raise ValueError(f"max_tokens={requested} is over the model's limit of {model_limit} tokens.")
    return requested


def _check(counts: list[int], limit: int, truncate: bool) -> None:
    too_long = [i for i, n in enumerate(counts) if n > limit]
    if too_long and not truncate:
        raise ValueError(
            f"{len(too_long)} text(s) exceed the model's limit of {limit} tokens (first: index {too_long[0]}); "
            "shorten them, chunk them (utils.data.longtext) or ask for truncation."
        )
    warn_truncation(counts, limit, stacklevel=4)


class SentenceTransformerEncoder:
    """A sentence-transformers model (e.g. the CPU default all-MiniLM-L6-v2), L2-normalised output."""

    def __init__(
        self,
        model_path: str | Path,
        device: str = "cpu",
        dtype: str = "float32",
        max_tokens: int | None = None,
    ) -> None:
        import torch
        from sentence_transformers import SentenceTransformer

        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        self.model = SentenceTransformer(
            str(model_path), device=device, model_kwargs={"dtype": getattr(torch, dtype)}
        )
        self.dim = int(self.model.get_embedding_dimension())
        self.max_tokens = _limit(max_tokens, int(self.model.max_seq_length))
        self.model.max_seq_length = self.max_tokens
        self.tokenizer = self.model.tokenizer

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return [
            len(ids)
            for ids in self.tokenizer(list(texts), add_special_tokens=True, truncation=False)["input_ids"]
        ]

    def encode(
        self, texts: Sequence[str], batch_size: int = 64, truncate: bool = True, check_lengths: bool = True
    ) -> np.ndarray:
        """Normalised vectors; over-long text is cut with one warning (``truncate=False``: refused).

        ``check_lengths=False`` skips the token count (the server counted already).
        """
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if check_lengths:
            _check(self.count_tokens(texts), self.max_tokens, truncate)
        vecs = self.model.encode(  # no progress bar: at log level INFO it drew one per server pass
            texts, batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
        )
        return np.asarray(vecs, dtype=np.float32)


class _Qwen3Adapter:
    """:class:`utils.serving.qwen3.Qwen3Encoder` under the :class:`Encoder` interface."""

    def __init__(
        self,
        model_path: str | Path,
        device: str = "cpu",
        dtype: str = "float32",
        max_tokens: int | None = None,
    ) -> None:
        self.inner = Qwen3Encoder(model_path, device=device, dtype=dtype)
        # 8192: the length of the Qwen team's own evaluation; up to the model's context (32K) on request
        context = int(getattr(self.inner.model.config, "max_position_embeddings", 8192))
        self.max_tokens = _limit(max_tokens, context) if max_tokens is not None else min(8192, context)
        self.inner.max_length = self.max_tokens
        self.dim = self.inner.dim
        self.tokenizer = self.inner.tokenizer

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return self.inner.count_tokens(texts)

    def encode(
        self, texts: Sequence[str], batch_size: int = 16, truncate: bool = True, check_lengths: bool = True
    ) -> np.ndarray:
        texts = list(texts)
        if check_lengths:
            _check(self.count_tokens(texts), self.max_tokens, truncate)
        with warnings.catch_warnings():  # the policy's one warning was given above
            warnings.simplefilter("ignore", UserWarning)
            return self.inner.encode(texts, batch_size=batch_size, truncate=True)


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


def load_encoder(
    model_path: str | Path, device: str = "cpu", dtype: str = "float32", max_tokens: int | None = None
) -> Encoder:
    """Load the right in-process encoder for a local model folder; ``max_tokens`` lowers its limit."""
    if model_kind(model_path) == "qwen3":
        return _Qwen3Adapter(model_path, device=device, dtype=dtype, max_tokens=max_tokens)
    return SentenceTransformerEncoder(model_path, device=device, dtype=dtype, max_tokens=max_tokens)
