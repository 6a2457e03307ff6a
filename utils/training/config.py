"""Fine-tuning's configuration and small helpers: the bottom of the training layer.

Introduced in notebook 04_lora_finetune. Everything else in :mod:`utils.training` imports from here and
nothing here imports from them (config <- train <- output <- finetune <- cli): :class:`FinetuneConfig` (every
knob, validated), :class:`FinetuneResult` and :class:`MergeCheck` (what a run reports), LoRA target modules per
model family, loading a model with sentence-transformers, encoding, and splitting pairs by query.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from utils.data.beir import RetrievalSet

if TYPE_CHECKING:  # heavy imports stay lazy: `import utils.training.finetune` must be cheap
    from sentence_transformers import SentenceTransformer

#: LoRA target modules per model family. "qv" is the popular tutorials' choice (attention query and
#: value projections only); "all-linear" adds keys, the attention output and the MLP, which the
#: QLoRA paper found necessary to match full fine-tuning. all-MiniLM-L6-v2 is a BERT: its linear
#: layers are named query/key/value and "dense" (attention output, intermediate and output MLP).
TARGET_MODULES: dict[str, dict[str, tuple[str, ...]]] = {
    "bert": {"qv": ("query", "value"), "all-linear": ("query", "key", "value", "dense")},
    "qwen3": {
        "qv": ("q_proj", "v_proj"),
        "all-linear": ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"),
    },
}

#: InfoNCE temperature. ms-swift's default for Qwen3 is 0.01, which can hurt on small data
#: (ms-swift #6760 suggests 0.05-0.1); 0.05 is sentence-transformers' default scale of 20.
DEFAULT_TEMPERATURE = 0.05


# --------------------------------------------------------------------------- configuration
@dataclass
class FinetuneConfig:
    """Every knob of :func:`finetune`. The defaults are meant to be robust, not tuned to one data set."""

    epochs: int = 2  # the most epochs; the best validation is kept (2: the laptop trade, README)
    learning_rate: float = 5e-4
    batch_size: int = 16  # pairs per step (16: twice the updates of 32 per epoch, the laptop trade, README)
    lora_r: int = 16
    lora_alpha: int | None = None  # None: 2 * lora_r
    lora_dropout: float = 0.1
    targets: str | Sequence[str] = "all-linear"  # "all-linear", "qv", or explicit module names
    temperature: float = DEFAULT_TEMPERATURE
    matryoshka: bool = False
    matryoshka_dims: Sequence[int] | None = None  # None: the width, then 768/512/256/128/64 below it
    num_negatives: int = 1  # mined hard negatives per pair (0: in-batch negatives only)
    val_fraction: float = 0.2  # share of *queries* held out to choose the epoch and guard against harm
    min_val_gain: float = 0.0  # the adapter must beat the base on validation nDCG@10 by more than this
    eval_every: float = 0.5  # validate every this share of an epoch (1.0: once per epoch)
    patience: int = 1  # stop after this many validations without a gain (0: never stop early)
    mini_batch_size: int = 16  # GradCache mini-batch: texts held in memory at once (0: the whole batch)
    gradient_checkpointing: bool = False  # recompute activations in backward (less memory, slower)
    attention_dropout: float | None = 0.0  # dropout on attention weights while training (None: the model's own)
    seed: int = 0
    max_seq_length: int = 256
    query_max_seq_length: int | None = None  # a shorter token limit for queries (None: max_seq_length)
    query_task: str | None = None  # Qwen3 instruction put before every query (None: no instruction)
    warmup_ratio: float = 0.1
    device: str | None = None  # None: cuda, then mps, then cpu
    progress: bool = True
    max_train_seconds: float | None = None  # a time budget: stop (validating once more) when training has run this long

    @property
    def scale(self) -> float:
        """``MultipleNegativesRankingLoss`` takes a scale, the inverse of the InfoNCE temperature."""
        return 1.0 / self.temperature

    def validate(self) -> None:
        """Raise ``ValueError`` naming the first knob out of range (called before any model loads)."""
        checks = [
            (self.epochs >= 1, "epochs must be >= 1"),
            (self.batch_size >= 2, "batch_size must be >= 2 (in-batch negatives need a second pair)"),
            (self.learning_rate > 0, "learning_rate must be > 0"),
            (self.lora_r >= 1, "lora_r must be >= 1"),
            (self.temperature > 0, "temperature must be > 0"),
            (0 <= self.val_fraction < 1, "val_fraction must be in [0, 1)"),
            (0 < self.eval_every <= 1, "eval_every must be in (0, 1] (a share of an epoch)"),
            (self.patience >= 0, "patience must be >= 0 (0: no early stop)"),
            (self.mini_batch_size >= 0, "mini_batch_size must be >= 0 (0: no gradient cache)"),
            (self.max_seq_length >= 8, "max_seq_length must be >= 8"),
            (
                self.query_max_seq_length is None or 8 <= self.query_max_seq_length <= self.max_seq_length,
                "query_max_seq_length must be between 8 and max_seq_length",
            ),
            (self.num_negatives in (0, 1), "num_negatives must be 0 or 1"),
            (self.max_train_seconds is None or self.max_train_seconds > 0, "max_train_seconds must be > 0 or None"),
            (
                self.attention_dropout is None or 0 <= self.attention_dropout < 1,
                "attention_dropout must be in [0, 1) or None (the model's own)",
            ),
        ]
        if self.matryoshka_dims is not None:
            checks.append((all(d >= 1 for d in self.matryoshka_dims), "matryoshka_dims must be >= 1"))
        for ok, message in checks:
            if not ok:
                raise ValueError(message + ".")


@dataclass
class FinetuneResult:
    """What :func:`finetune` did and where the model to use lies (``model_path``)."""

    model_path: str
    base_path: str
    kept_base: bool
    decision: str
    best_epoch: float  # in epochs (validation every eval_every of an epoch); 0 when the base is kept
    base_val_ndcg: float | None
    best_val_ndcg: float | None
    val_history: list[dict[str, float]]
    loss_history: list[dict[str, float]]
    n_train_pairs: int
    n_val_pairs: int
    n_val_queries: int
    n_mined_negatives: int
    n_random_negatives: int
    train_seconds: float
    pairs_per_s: float
    wall_seconds: float  # the whole call: loading, mining, training, validation, merge, check
    peak_rss_mb: float  # peak resident memory of the process so far (getrusage)
    epochs_run: float
    stopped_early: bool
    target_modules: list[str]
    trainable_params: int
    total_params: int
    merge_check: MergeCheck | None
    config: dict[str, Any] = field(default_factory=dict)
    examples: list[dict[str, str]] = field(default_factory=list)  # a few training triplets, for display
    stopped_by_time: bool = False  # training hit ``max_train_seconds`` (the best validation so far is kept)
    dropout_masks: str = "torch"  # "numpy": drawn by utils.training.dropout (torch's are slow on this CPU)

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["merge_check"] = (
            asdict(self.merge_check) | {"ok": self.merge_check.ok} if self.merge_check else None
        )
        return d


# --------------------------------------------------------------------------- model helpers
def model_family(model_path: str | Path) -> str:
    """``"qwen3"`` or ``"bert"`` (the keys of :data:`TARGET_MODULES`), from the folder's ``config.json``."""
    cfg = Path(model_path) / "config.json"
    if not cfg.is_file():
        raise FileNotFoundError(f"{model_path} has no config.json; pass a local model folder.")
    return family_of_type(str(json.loads(cfg.read_text()).get("model_type", "")))


def family_of_type(model_type: str) -> str:
    """The :data:`TARGET_MODULES` family of a transformers ``model_type``."""
    if model_type.startswith("qwen3"):
        return "qwen3"
    if model_type in ("bert", "roberta", "xlm-roberta", "mpnet"):
        return "bert"
    raise ValueError(
        f"no LoRA target modules known for model_type {model_type!r}; pass explicit target module names."
    )


def target_modules(family: str, targets: str | Sequence[str] = "all-linear") -> list[str]:
    """The LoRA target module names: ``"all-linear"`` or ``"qv"`` for a family (``"bert"``, ``"qwen3"``), or a list as given."""
    if not isinstance(targets, str):
        return list(targets)
    if family not in TARGET_MODULES:
        raise ValueError(f"unknown model family {family!r}; known: {', '.join(TARGET_MODULES)}.")
    table = TARGET_MODULES[family]
    if targets not in table:
        raise ValueError(
            f"targets must be one of {', '.join(table)} or a list of module names; got {targets!r}."
        )
    return list(table[targets])


def default_matryoshka_dims(width: int) -> list[int]:
    """The full width, then the usual smaller widths below it: 384 -> [384, 256, 128, 64]."""
    return [width] + [d for d in (768, 512, 256, 128, 64) if d < width]


def query_prefix(task: str | None) -> str | None:
    """The Qwen3 query prefix ``"Instruct: {task}\\nQuery:"`` (``utils.serving.qwen3.format_query`` minus the query)."""
    from utils.serving.qwen3 import format_query

    return format_query("", task) if task else None


def load_sentence_transformer(
    model_path: str | Path, device: str = "cpu", dtype: str = "float32", max_seq_length: int = 256
) -> SentenceTransformer:
    """A sentence-transformers model for training: an ST folder as is, a bare Qwen3 folder with last-token pooling.

    Qwen3-Embedding pools the hidden state of the final (EOS) token; a bare transformers folder (such
    as :func:`utils.serving.tiny_qwen3.make_tiny_qwen3`'s) gets ``Pooling("lasttoken")`` + ``Normalize`` and left padding.
    """
    import torch
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Transformer

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    path = Path(model_path)
    if not path.is_dir():
        raise FileNotFoundError(f"model folder {path} does not exist.")
    kwargs = {"dtype": getattr(torch, dtype)}
    if (path / "modules.json").is_file():
        model = SentenceTransformer(str(path), device=device, model_kwargs=kwargs)
    elif model_family(path) == "qwen3":
        tr = Transformer(str(path), model_kwargs=kwargs, processor_kwargs={"padding_side": "left"})
        model = SentenceTransformer(
            modules=[tr, Pooling(tr.get_embedding_dimension(), pooling_mode="lasttoken"), Normalize()],
            device=device,
        )
    else:
        raise ValueError(
            f"{path} is neither a sentence-transformers folder (modules.json) nor a Qwen3 folder."
        )
    current = model.max_seq_length or max_seq_length
    model.max_seq_length = min(current, max_seq_length)
    return model


def set_attention_dropout(model: SentenceTransformer, p: float) -> int:
    """Set the dropout on attention weights of every attention layer to ``p``; returns how many were set.

    Why 0 by default while training: with attention dropout, PyTorch's ``scaled_dot_product_attention``
    must materialise every attention matrix for the backward pass; without it the fused kernel keeps
    none. Measured on a 2-core CPU for all-MiniLM-L6-v2 (a batch of 64 texts of 256 tokens, LoRA on
    all linear layers): 12.3 -> 8.7 GiB peak memory and 36 -> 27 s per step. LoRA's own dropout
    (``lora_dropout``) still regularises the adapter. Handles BERT-style layers (an ``nn.Dropout`` named
    ``dropout`` in a ``*SelfAttention`` module) and Qwen3-style ones (a float ``attention_dropout``;
    Qwen3 ships 0.0). The saved model's config is not changed: dropout does nothing at inference.
    """
    import torch

    n = 0
    for module in model.modules():
        name = type(module).__name__
        if name.endswith("SelfAttention") and isinstance(getattr(module, "dropout", None), torch.nn.Dropout):
            module.dropout.p = p
            n += 1
        elif name.endswith("Attention") and isinstance(getattr(module, "attention_dropout", None), float):
            module.attention_dropout = p
            n += 1
    return n


def encode(model: SentenceTransformer, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
    """L2-normalised float32 vectors of ``texts`` from a sentence-transformers model (no progress bar)."""
    vecs = model.encode(
        list(texts),
        batch_size=batch_size,
        normalize_embeddings=True,
        convert_to_numpy=True,
        show_progress_bar=False,
    )
    return np.asarray(vecs, dtype=np.float32)


# --------------------------------------------------------------------------- data
def pairs_from_set(rs: RetrievalSet) -> list[dict[str, str]]:
    """``{"query", "positive"}`` rows from a :class:`~utils.data.beir.RetrievalSet` (one per judged document)."""
    from utils.data.beir import training_pairs

    return [{"query": q, "positive": p} for q, p in training_pairs(rs)]


def split_pairs(
    pairs: Sequence[dict[str, str]], val_fraction: float, seed: int = 0
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Split pairs into train and validation **by query**: all pairs of one query land on the same side."""
    if not 0.0 <= val_fraction < 1.0:
        raise ValueError(f"val_fraction must be in [0, 1); got {val_fraction}.")
    queries = sorted({p["query"] for p in pairs})
    random.Random(seed).shuffle(queries)
    n_val = int(round(val_fraction * len(queries)))
    if val_fraction > 0 and len(queries) >= 2:
        n_val = min(max(n_val, 1), len(queries) - 1)
    val_q = set(queries[:n_val])
    return [p for p in pairs if p["query"] not in val_q], [p for p in pairs if p["query"] in val_q]


@dataclass
class MergeCheck:
    """The LoRA trap check: merged vs adapter (must match) and merged vs base (must differ)."""

    cos_merged_adapter_min: float
    cos_merged_base_mean: float
    match_tolerance: float
    matches_adapter: bool
    differs_from_base: bool

    @property
    def ok(self) -> bool:
        return self.matches_adapter and self.differs_from_base

    def __str__(self) -> str:
        return (
            f"merged vs adapter: min cosine {self.cos_merged_adapter_min:.6f} "
            f"({'match' if self.matches_adapter else 'MISMATCH'}, tolerance {self.match_tolerance:g}); "
            f"merged vs base: mean cosine {self.cos_merged_base_mean:.6f} "
            f"({'changed' if self.differs_from_base else 'UNCHANGED - the adapter was lost'})"
        )


def result_summary(result: FinetuneResult) -> str:
    """One line with the run's cost: wall time, training pairs/s, epochs run, peak resident memory."""
    return (
        f"wall time {result.wall_seconds:.0f} s; {result.pairs_per_s:.1f} pairs/s over {result.epochs_run:g} epochs"
        f"{' (stopped early)' if result.stopped_early else ''}; peak RSS {result.peak_rss_mb / 1024:.2f} GiB"
    )
