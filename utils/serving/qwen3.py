"""Qwen3-Embedding essentials: the query format, last-token pooling, Matryoshka truncation.

Introduced in notebook 01_serve_and_embed (query format, truncation) and used in 02-05.

What the popular tutorials get wrong, and what this module does instead:

* The query format is ``"Instruct: {task}\\nQuery:{query}"``: a newline, and no space after
  ``Query:``. Documents get no instruction at all.
* Qwen3-Embedding pools the hidden state of the *last* token, which is the ``<|endoftext|>`` EOS
  token the tokenizer appends, not the mean and not the first token. :func:`last_token_pool`
  finds it under left *and* right padding.
* Matryoshka (MRL) truncation is "keep the first ``dim`` values, then L2-normalise again";
  :func:`truncate_and_normalize`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # imported lazily so that `import utils.serving.qwen3` stays cheap
    import torch

DEFAULT_TASK = "Given a web search query, retrieve relevant passages that answer the query"

#: Output widths of the three released sizes (model card); any width from 32 up to these is allowed.
NATIVE_DIMS = {"Qwen3-Embedding-0.6B": 1024, "Qwen3-Embedding-4B": 2560, "Qwen3-Embedding-8B": 4096}
MIN_MRL_DIM = 32


def format_query(query: str, task: str | None = DEFAULT_TASK) -> str:
    """Format a *query* the way Qwen3-Embedding was trained: ``Instruct: {task}\\nQuery:{query}``.

    ``task=None`` (or empty) returns the query unchanged: the "no instruction" baseline.
    Never apply this to documents.
    """
    if not isinstance(query, str):
        raise TypeError(f"query must be a string, got {type(query).__name__}")
    if not task:
        return query
    return f"Instruct: {task}\nQuery:{query}"


def format_queries(queries: Sequence[str], task: str | None = DEFAULT_TASK) -> list[str]:
    """:func:`format_query` over a list."""
    return [format_query(q, task) for q in queries]


def truncate_and_normalize(vectors: np.ndarray, dim: int | None) -> np.ndarray:
    """Matryoshka truncation: keep the first ``dim`` columns, then L2-normalise each row.

    ``dim=None`` only re-normalises. Raises ``ValueError`` for a ``dim`` outside 1..width.
    Shared by the CPU server (``dimensions``) and the notebooks.
    """
    arr = np.asarray(vectors, dtype=np.float32)
    if arr.ndim == 1:
        return truncate_and_normalize(arr[None, :], dim)[0]
    width = arr.shape[1]
    if dim is not None:
        if not isinstance(dim, (int, np.integer)) or isinstance(dim, bool):
            raise TypeError(f"dimensions must be an integer, got {type(dim).__name__}")
        if dim < 1 or dim > width:
            raise ValueError(f"dimensions must be between 1 and the model's width {width}; got {dim}.")
        arr = arr[:, :dim]
    norms = np.linalg.norm(arr, axis=1, keepdims=True)
    return (arr / np.maximum(norms, 1e-12)).astype(np.float32)


def last_token_pool(hidden: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
    """Hidden state of each sequence's last real token, correct under left and right padding.

    With left padding every row ends with a real token, so the last column is taken. With right
    padding the last real token of row ``i`` sits at ``attention_mask[i].sum() - 1``.
    """
    import torch

    left_padded = bool(attention_mask[:, -1].all())
    if left_padded:
        return hidden[:, -1]
    lengths = attention_mask.sum(dim=1) - 1
    return hidden[torch.arange(hidden.shape[0], device=hidden.device), lengths]


class Qwen3Encoder:
    """In-process encoder for Qwen3-architecture embedding models (last-token pooling).

    Loads a local folder with ``transformers`` (``AutoTokenizer`` + ``AutoModel``), appends the EOS
    token if the tokenizer did not, pads on the side you choose, pools the last token and
    L2-normalises. Use it to check a server's vectors, or to embed without a server.
    """

    def __init__(
        self,
        model_path: str | Path,
        device: str = "cpu",
        dtype: str = "float32",
        max_length: int = 8192,
        padding_side: str = "left",
    ) -> None:
        import torch
        from transformers import AutoModel, AutoTokenizer

        path = Path(model_path)
        if not (path / "config.json").is_file():
            raise FileNotFoundError(
                f"{path} is not a model folder (no config.json). Download it first, e.g. "
                "`hf download Qwen/Qwen3-Embedding-0.6B --local-dir models/Qwen3-Embedding-0.6B`."
            )
        if dtype == "float16":
            raise ValueError("float16 can produce NaNs with Qwen3-Embedding; use bfloat16 (GPU) or float32.")
        if padding_side not in ("left", "right"):
            raise ValueError("padding_side must be 'left' or 'right'")
        self.tokenizer = AutoTokenizer.from_pretrained(str(path))
        self.model = AutoModel.from_pretrained(str(path), dtype=getattr(torch, dtype)).to(device).eval()
        self.device = device
        self.max_length = max_length
        self.padding_side = padding_side
        eos = self.tokenizer.eos_token_id
        if eos is None:
            raise ValueError(f"the tokenizer in {path} has no EOS token; last-token pooling needs one.")
        self.eos_id = int(eos)
        self.pad_id = int(self.tokenizer.pad_token_id if self.tokenizer.pad_token_id is not None else eos)

    @property
    def dim(self) -> int:
        return int(self.model.config.hidden_size)

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """Token ids of each text, ending with exactly one EOS (added when the tokenizer did not)."""
        out = []
        for ids in self.tokenizer(list(texts), add_special_tokens=True, truncation=False)["input_ids"]:
            ids = list(ids)
            if not ids or ids[-1] != self.eos_id:
                ids.append(self.eos_id)
            out.append(ids)
        return out

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return [len(ids) for ids in self.token_ids(texts)]

    def _pad(self, batch: list[list[int]]) -> tuple[torch.Tensor, torch.Tensor]:
        import torch

        width = max(len(ids) for ids in batch)
        ids_t = torch.full((len(batch), width), self.pad_id, dtype=torch.long)
        mask = torch.zeros((len(batch), width), dtype=torch.long)
        for i, ids in enumerate(batch):
            n = len(ids)
            if self.padding_side == "left":
                ids_t[i, width - n :], mask[i, width - n :] = torch.tensor(ids), 1
            else:
                ids_t[i, :n], mask[i, :n] = torch.tensor(ids), 1
        return ids_t, mask

    def encode(self, texts: Sequence[str], batch_size: int = 16, truncate: bool = False) -> np.ndarray:
        """L2-normalised float32 vectors, shape ``(len(texts), hidden_size)``.

        Texts longer than ``max_length`` tokens raise ``ValueError`` unless ``truncate=True``, in
        which case they are cut (keeping the final EOS) and a warning is issued. The texts are run
        ``batch_size`` at a time in order of length, so a batch is padded little; the vectors come back in
        the order of ``texts``.
        """
        import warnings

        import torch

        all_ids = self.token_ids(texts)
        too_long = [i for i, ids in enumerate(all_ids) if len(ids) > self.max_length]
        if too_long and not truncate:
            raise ValueError(
                f"{len(too_long)} text(s) exceed max_length={self.max_length} tokens (first: index {too_long[0]}); "
                "shorten them or pass truncate=True."
            )
        if too_long:
            warnings.warn(f"truncated {len(too_long)} text(s) to {self.max_length} tokens", stacklevel=2)
            all_ids = [
                ids[: self.max_length - 1] + [self.eos_id] if len(ids) > self.max_length else ids
                for ids in all_ids
            ]
        # batches of similar lengths: a batch is padded to its longest text (as sentence-transformers does)
        order = sorted(range(len(all_ids)), key=lambda i: len(all_ids[i]))
        chunks = []
        with torch.inference_mode():
            for start in range(0, len(order), batch_size):
                ids_t, mask = self._pad([all_ids[i] for i in order[start : start + batch_size]])
                out = self.model(input_ids=ids_t.to(self.device), attention_mask=mask.to(self.device))
                pooled = last_token_pool(out.last_hidden_state, mask.to(self.device))
                chunks.append(torch.nn.functional.normalize(pooled.float(), p=2, dim=-1).cpu().numpy())
        if not chunks:
            return np.zeros((0, self.dim), dtype=np.float32)
        vecs = np.empty((len(order), self.dim), dtype=np.float32)
        vecs[order] = np.concatenate(chunks)  # back to the order of the texts
        return vecs
