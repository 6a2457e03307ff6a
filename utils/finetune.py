"""LoRA fine-tuning of an embedding model on in-domain pairs, with a validation guard, merge and merge check.

Introduced in notebook 04_lora_finetune; the merged folders it writes are served again in 05.

The recipe, built on maintained libraries (sentence-transformers v6, PEFT, datasets):

1. **Pairs** ``{"query", "positive"[, "negative"]}``, split by *query* into train and validation
   (:func:`split_pairs`), so that no validation query is seen in training.
2. **Hard negatives** mined with the *base* model (:func:`add_hard_negatives`, wrapping
   ``sentence_transformers.util.mine_hard_negatives``): the top-ranked document that is not a known
   positive of the query and scores at least 5% below the positive (a guard against unlabelled
   positives). The official Qwen3 recipe trains InfoNCE with in-batch *and* hard negatives.
3. **LoRA** through PEFT (``model.add_adapter(LoraConfig(task_type=FEATURE_EXTRACTION, ...))``) on all
   linear layers by default (:data:`TARGET_MODULES`), **InfoNCE** = ``MultipleNegativesRankingLoss``
   with temperature 0.05 (``scale = 1 / temperature = 20``), optionally inside ``MatryoshkaLoss``.
   Batches never hold the same text twice (``BatchSamplers.NO_DUPLICATES``), so a query's second
   positive is never used as its in-batch negative.
4. **Validation guard**: nDCG@10 on the held-out queries before training and after every epoch; the
   best epoch's adapter is kept, and the *base model is kept* when no epoch beats it.
5. **Merge** the adapter into the base weights with PEFT (``merge_and_unload``) and save a folder the
   CPU server and SGLang load; :func:`check_merge` verifies the classic trap (Qwen3-Embedding issues
   #70, #167): the merged vectors must match the adapter model's and differ from the base model's.

Command line, for your own data::

    python -m utils.finetune --model PATH --train PAIRS.jsonl --out DIR \\
        [--epochs N --lora-r R --matryoshka --val-fraction F --corpus DOCS.jsonl]

then score it with ``python -m utils.evaluate --model DIR --data BEIR_DIR``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from utils.data import DataFormatError, RetrievalSet, read_pairs_jsonl

if TYPE_CHECKING:  # heavy imports stay lazy: `import utils.finetune` must be cheap
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

    epochs: int = 4  # the most epochs; the best one on validation is kept
    learning_rate: float = 5e-4
    batch_size: int = 32
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
    seed: int = 0
    max_seq_length: int = 256
    query_task: str | None = None  # Qwen3 instruction put before every query (None: no instruction)
    warmup_ratio: float = 0.1
    device: str | None = None  # None: cuda, then mps, then cpu
    progress: bool = True

    @property
    def scale(self) -> float:
        """``MultipleNegativesRankingLoss`` takes a scale, the inverse of the InfoNCE temperature."""
        return 1.0 / self.temperature


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


@dataclass
class FinetuneResult:
    """What :func:`finetune` did and where the model to use lies (``model_path``)."""

    model_path: str
    base_path: str
    kept_base: bool
    decision: str
    best_epoch: int
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
    target_modules: list[str]
    trainable_params: int
    total_params: int
    merge_check: MergeCheck | None
    config: dict[str, Any] = field(default_factory=dict)
    examples: list[dict[str, str]] = field(default_factory=list)  # a few training triplets, for display

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
    """The Qwen3 query prefix ``"Instruct: {task}\\nQuery:"`` (``utils.qwen3.format_query`` minus the query)."""
    from utils.qwen3 import format_query

    return format_query("", task) if task else None


def load_sentence_transformer(
    model_path: str | Path, device: str = "cpu", dtype: str = "float32", max_seq_length: int = 256
) -> SentenceTransformer:
    """A sentence-transformers model for training: an ST folder as is, a bare Qwen3 folder with last-token pooling.

    Qwen3-Embedding pools the hidden state of the final (EOS) token; a bare transformers folder (such
    as :func:`utils.qwen3.make_tiny_qwen3`'s) gets ``Pooling("lasttoken")`` + ``Normalize`` and left padding.
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


def _encode(model: SentenceTransformer, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
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
    """``{"query", "positive"}`` rows from a :class:`~utils.data.RetrievalSet` (one per judged document)."""
    from utils.data import training_pairs

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


def add_hard_negatives(
    model: SentenceTransformer,
    pairs: Sequence[dict[str, str]],
    corpus: Sequence[str] | None = None,
    query_task: str | None = None,
    seed: int = 0,
    batch_size: int = 64,
) -> tuple[list[dict[str, str]], int, int]:
    """Give every pair one ``negative``: kept if supplied, else mined with ``model``, else random.

    Mining uses ``sentence_transformers.util.mine_hard_negatives`` over ``corpus`` (default: every
    positive and negative text in ``pairs``): the best-scoring document that is not a positive of the
    same query and scores at least 5% below the positive (``relative_margin=0.05``, the NV-Retriever
    setting), which skips near-duplicates that are likely unlabelled positives. A pair with no such
    candidate gets a random non-positive document. Returns (pairs, number mined, number random).
    """
    from datasets import Dataset
    from sentence_transformers.util import mine_hard_negatives

    pairs = [dict(p) for p in pairs]
    positives: dict[str, set[str]] = {}
    for p in pairs:
        positives.setdefault(p["query"], set()).add(p["positive"])
    docs = list(
        dict.fromkeys(
            list(corpus or [])
            + [p["positive"] for p in pairs]
            + [p["negative"] for p in pairs if "negative" in p]
        )
    )
    todo = [p for p in pairs if "negative" not in p]
    mined: dict[tuple[str, str], str] = {}
    if todo:
        ds = Dataset.from_dict(
            {"query": [p["query"] for p in pairs], "positive": [p["positive"] for p in pairs]}
        )
        out = mine_hard_negatives(
            ds,
            model,
            anchor_column_name="query",
            positive_column_name="positive",
            corpus=docs,
            num_negatives=1,
            relative_margin=0.05,
            sampling_strategy="top",
            output_format="triplet",
            query_prompt=query_prefix(query_task),
            batch_size=batch_size,
            verbose=False,
        )
        for row in out:
            if row["negative"] not in positives[row["query"]]:
                mined.setdefault((row["query"], row["positive"]), row["negative"])
    rng = random.Random(seed)
    n_mined = n_random = 0
    for p in todo:
        neg = mined.get((p["query"], p["positive"]))
        if neg is None:
            candidates = [d for d in docs if d not in positives[p["query"]]]
            if not candidates:
                raise ValueError("every document is a positive of some query; cannot pick a negative.")
            neg, n_random = rng.choice(candidates), n_random + 1
        else:
            n_mined += 1
        p["negative"] = neg
    return pairs, n_mined, n_random


def validation_ndcg(
    model: SentenceTransformer,
    val_pairs: Sequence[dict[str, str]],
    corpus: Sequence[str],
    query_task: str | None = None,
    doc_vecs: np.ndarray | None = None,
) -> float:
    """nDCG@10 of ``model`` on held-out pairs: each validation query against ``corpus``, its positives relevant."""
    from utils.evaluate import evaluate_run, search_dense
    from utils.qwen3 import format_queries

    docs = list(dict.fromkeys(list(corpus) + [p["positive"] for p in val_pairs]))
    doc_id = {d: f"d{i}" for i, d in enumerate(docs)}
    queries = list(dict.fromkeys(p["query"] for p in val_pairs))
    qid = {q: f"q{i}" for i, q in enumerate(queries)}
    qrels: dict[str, dict[str, int]] = {}
    for p in val_pairs:
        qrels.setdefault(qid[p["query"]], {})[doc_id[p["positive"]]] = 1
    q = _encode(model, format_queries(queries, query_task))
    d = _encode(model, docs) if doc_vecs is None else doc_vecs
    run = search_dense(q, d, [qid[x] for x in queries], [doc_id[x] for x in docs], k=10)
    return evaluate_run(qrels, run, ["nDCG@10"])["nDCG@10"]


# --------------------------------------------------------------------------- training
def _trainable_snapshot(model: Any) -> dict[str, Any]:
    return {n: p.detach().clone() for n, p in model.named_parameters() if p.requires_grad}


def _restore(model: Any, snapshot: dict[str, Any]) -> None:
    import torch

    with torch.no_grad():
        for n, p in model.named_parameters():
            if n in snapshot:
                p.copy_(snapshot[n])


def train_lora(
    model: SentenceTransformer,
    train_pairs: Sequence[dict[str, str]],
    config: FinetuneConfig,
    val_pairs: Sequence[dict[str, str]] = (),
    val_corpus: Sequence[str] = (),
    output_dir: str | Path | None = None,
) -> dict[str, Any]:
    """Add a LoRA adapter to ``model`` and train it with InfoNCE (+ Matryoshka); keep the best epoch on validation.

    ``model`` is modified in place: on return it holds the adapter of the best epoch (or of the last
    epoch when there is no validation set). Returns the histories, timings and parameter counts.
    """
    import tempfile

    import torch
    from datasets import Dataset
    from peft import LoraConfig, TaskType
    from sentence_transformers import SentenceTransformerTrainer, SentenceTransformerTrainingArguments
    from sentence_transformers.base.sampler import BatchSamplers
    from sentence_transformers.sentence_transformer.losses import MatryoshkaLoss, MultipleNegativesRankingLoss
    from transformers import TrainerCallback, set_seed

    if not train_pairs:
        raise ValueError("no training pairs.")
    set_seed(config.seed)
    family = (
        family_of_type(str(model.transformers_model.config.model_type))
        if isinstance(config.targets, str)
        else ""
    )
    targets = target_modules(family, config.targets)
    model.add_adapter(
        LoraConfig(
            task_type=TaskType.FEATURE_EXTRACTION,
            r=config.lora_r,
            lora_alpha=config.lora_alpha or 2 * config.lora_r,
            lora_dropout=config.lora_dropout,
            target_modules=targets,
        )
    )
    for p in model.parameters():  # LoRA weights train in float32 even when the base is bf16 (GPU)
        if p.requires_grad and p.dtype != torch.float32:
            p.data = p.data.float()
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    total = sum(p.numel() for p in model.parameters())

    columns = ["query", "positive"] + (["negative"] if all("negative" in p for p in train_pairs) else [])
    dataset = Dataset.from_dict({c: [p[c] for p in train_pairs] for c in columns})
    loss: torch.nn.Module = MultipleNegativesRankingLoss(model, scale=config.scale)
    if config.matryoshka:
        dims = list(config.matryoshka_dims or default_matryoshka_dims(model.get_embedding_dimension()))
        loss = MatryoshkaLoss(model, loss, matryoshka_dims=dims)

    val_corpus = list(dict.fromkeys(list(val_corpus) + [p["positive"] for p in val_pairs]))
    history: list[dict[str, float]] = []
    best = {"epoch": 0, "ndcg": -1.0, "snapshot": None}
    eval_seconds = [0.0]

    def score(epoch: int) -> None:
        t = time.perf_counter()
        value = validation_ndcg(model, val_pairs, val_corpus, config.query_task)
        eval_seconds[0] += time.perf_counter() - t
        history.append({"epoch": epoch, "nDCG@10": value})
        if epoch > 0 and value > best["ndcg"]:
            best.update(epoch=epoch, ndcg=value, snapshot=_trainable_snapshot(model))
        if config.progress:
            print(f"  validation nDCG@10 after epoch {epoch}: {value:.4f}")

    class ValidationCallback(TrainerCallback):
        def on_epoch_end(self, args, state, control, **kwargs):  # noqa: ANN001 - transformers' signature
            if val_pairs:
                score(int(round(state.epoch or 0)))

    if val_pairs:
        model.eval()
        score(0)  # the adapter starts as a no-op (LoRA B = 0): epoch 0 is the base model
    use_cuda = model.device.type == "cuda"
    with tempfile.TemporaryDirectory() as tmp:
        args = SentenceTransformerTrainingArguments(
            output_dir=str(output_dir or tmp),
            num_train_epochs=config.epochs,
            per_device_train_batch_size=config.batch_size,
            learning_rate=config.learning_rate,
            warmup_steps=config.warmup_ratio,  # a float below 1 is a ratio in transformers v5
            lr_scheduler_type="linear",
            batch_sampler=BatchSamplers.NO_DUPLICATES,
            prompts={"query": query_prefix(config.query_task)} if config.query_task else None,
            bf16=use_cuda and next(model.parameters()).dtype == torch.bfloat16,
            logging_steps=1,
            save_strategy="no",
            report_to="none",
            seed=config.seed,
            data_seed=config.seed,
            disable_tqdm=not config.progress,
            use_cpu=model.device.type == "cpu",
            dataloader_num_workers=0,
        )
        trainer = SentenceTransformerTrainer(
            model=model, args=args, train_dataset=dataset, loss=loss, callbacks=[ValidationCallback()]
        )
        t0 = time.perf_counter()
        trainer.train()
        train_seconds = time.perf_counter() - t0 - eval_seconds[0]
    losses = [
        {"step": h["step"], "epoch": h["epoch"], "loss": h["loss"]}
        for h in trainer.state.log_history
        if "loss" in h
    ]
    if best["snapshot"] is not None:
        _restore(model, best["snapshot"])
    model.eval()
    return {
        "val_history": history,
        "best_epoch": best["epoch"] if val_pairs else config.epochs,
        "best_val_ndcg": best["ndcg"] if val_pairs else None,
        "base_val_ndcg": history[0]["nDCG@10"] if history else None,
        "loss_history": losses,
        "train_seconds": train_seconds,
        "pairs_per_s": len(train_pairs) * config.epochs / max(train_seconds, 1e-9),
        "target_modules": targets,
        "trainable_params": trainable,
        "total_params": total,
    }


# --------------------------------------------------------------------------- merge
def _base_dtype(model_path: str | Path) -> str:
    cfg = json.loads((Path(model_path) / "config.json").read_text())
    dtype = cfg.get("dtype") or cfg.get("torch_dtype") or "float32"
    return dtype if dtype in ("float32", "bfloat16") else "float32"


def merge_adapter(
    base_path: str | Path, adapter_dir: str | Path, out_dir: str | Path, max_seq_length: int = 256
) -> Path:
    """Load the base model fresh, apply the saved adapter with PEFT, ``merge_and_unload``, save a plain folder.

    The adapter is loaded onto the *same module tree* that was trained (the transformer inside the
    sentence-transformers model), the step where issues #70/#167 lost adapters silently. The merge is
    done in float32 and saved in the base's dtype; Qwen3 folders keep the base's ``architectures`` so
    that SGLang picks the same model class as for the base.
    """
    import torch
    from peft import PeftModel

    base_path, out_dir = Path(base_path), Path(out_dir)
    model = load_sentence_transformer(base_path, device="cpu", dtype="float32", max_seq_length=max_seq_length)
    module = model[0]
    module.model = PeftModel.from_pretrained(module.model, str(adapter_dir)).merge_and_unload()
    if _base_dtype(base_path) == "bfloat16":
        model.to(torch.bfloat16)
    out_dir.mkdir(parents=True, exist_ok=True)
    model.save(str(out_dir))
    base_cfg = json.loads((base_path / "config.json").read_text())
    if "architectures" in base_cfg:
        cfg_path = out_dir / "config.json"
        cfg = json.loads(cfg_path.read_text())
        cfg["architectures"] = base_cfg["architectures"]
        cfg_path.write_text(json.dumps(cfg, indent=2))
    return out_dir


def check_merge(
    adapter_model: SentenceTransformer,
    merged_path: str | Path,
    base_path: str | Path,
    texts: Sequence[str],
    device: str = "cpu",
) -> MergeCheck:
    """Compare the merged folder (loaded the way the server loads it) with the adapter model and the base.

    The merged model must reproduce the adapter model (cosine ~1; looser in bf16) and must differ from
    the base far more than from the adapter. An "unchanged" result is the classic LoRA trap.
    """
    from utils.encoders import load_encoder

    dtype = _base_dtype(base_path) if device == "cuda" else "float32"
    merged = load_encoder(merged_path, device=device, dtype=dtype).encode(list(texts), truncate=True)
    base = load_encoder(base_path, device=device, dtype=dtype).encode(list(texts), truncate=True)
    adapter = _encode(adapter_model, texts)
    cos_ma = (merged * adapter).sum(axis=1)
    cos_mb = (merged * base).sum(axis=1)
    tol = 5e-3 if (dtype == "bfloat16" or _base_dtype(base_path) == "bfloat16") else 1e-4
    dist_ma = float(np.mean(1 - cos_ma))
    dist_mb = float(np.mean(1 - cos_mb))
    return MergeCheck(
        cos_merged_adapter_min=float(cos_ma.min()),
        cos_merged_base_mean=float(cos_mb.mean()),
        match_tolerance=tol,
        matches_adapter=bool(cos_ma.min() >= 1 - tol),
        differs_from_base=bool(dist_mb > max(10 * dist_ma, 1e-6)),
    )


# --------------------------------------------------------------------------- the whole recipe
def finetune(
    model_path: str | Path,
    pairs: Sequence[dict[str, str]],
    out_dir: str | Path,
    config: FinetuneConfig | None = None,
    corpus: Sequence[str] | None = None,
    val_pairs: Sequence[dict[str, str]] | None = None,
) -> FinetuneResult:
    """The recipe end to end: split, mine, train LoRA, choose the epoch, merge (or keep the base), check, save.

    ``out_dir`` always ends up holding a model folder to serve: the merged model, or a copy of the base
    when the adapter did not beat it on validation. ``finetune.json`` inside records the decision.
    ``corpus`` (documents) makes mining and validation realistic; without it the pairs' own texts are used.
    """
    from utils.device import best_dtype, pick_device

    config = config or FinetuneConfig()
    model_path, out_dir = Path(model_path), Path(out_dir)
    if not pairs:
        raise ValueError("no training pairs.")
    if val_pairs is None:
        train_pairs, val_pairs = split_pairs(pairs, config.val_fraction, config.seed)
    else:
        train_pairs, val_pairs = list(pairs), list(val_pairs)
    device = pick_device(config.device, warn=False) if config.device else pick_device(warn=False)
    model = load_sentence_transformer(
        model_path, device=device, dtype=best_dtype(device), max_seq_length=config.max_seq_length
    )
    all_docs = list(
        dict.fromkeys(
            list(corpus or [])
            + [p["positive"] for p in pairs]
            + [p["negative"] for p in pairs if "negative" in p]
        )
    )
    n_mined = n_random = 0
    if config.num_negatives > 0:
        train_pairs, n_mined, n_random = add_hard_negatives(
            model, train_pairs, all_docs, config.query_task, config.seed
        )
    else:
        train_pairs = [{"query": p["query"], "positive": p["positive"]} for p in train_pairs]
    if config.progress:
        print(
            f"{len(train_pairs)} training pairs ({n_mined} mined and {n_random} random hard negatives), "
            f"{len(val_pairs)} validation pairs ({len({p['query'] for p in val_pairs})} queries)"
        )
    stats = train_lora(model, train_pairs, config, val_pairs=val_pairs, val_corpus=all_docs)

    if not val_pairs:
        kept_base, decision = (
            False,
            f"no validation set: shipping the adapter after {config.epochs} epochs, unchecked",
        )
    elif stats["best_val_ndcg"] > stats["base_val_ndcg"] + config.min_val_gain:
        kept_base = False
        decision = (
            f"adapter kept: epoch {stats['best_epoch']} reached validation nDCG@10 {stats['best_val_ndcg']:.4f} "
            f"vs {stats['base_val_ndcg']:.4f} for the base"
        )
    else:
        kept_base = True
        decision = (
            f"BASE MODEL KEPT: no epoch beat the base on validation (best {stats['best_val_ndcg']:.4f} at epoch "
            f"{stats['best_epoch']} vs base {stats['base_val_ndcg']:.4f}); the adapter would not help this data"
        )

    import shutil
    import tempfile

    if out_dir.exists():
        shutil.rmtree(out_dir)
    check = None
    if kept_base:
        shutil.copytree(model_path, out_dir)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            model.save(tmp)  # adapter_config.json + adapter_model.safetensors + the ST modules
            merge_adapter(model_path, tmp, out_dir, max_seq_length=config.max_seq_length)
        probe = [p["query"] for p in (val_pairs or train_pairs)[:16]] + [
            p["positive"] for p in (val_pairs or train_pairs)[:16]
        ]
        check = check_merge(model, out_dir, model_path, probe, device=device)
        if not check.ok:
            raise RuntimeError(f"merge check failed: {check}")
    result = FinetuneResult(
        model_path=str(out_dir),
        base_path=str(model_path),
        kept_base=kept_base,
        decision=decision,
        best_epoch=0 if kept_base else stats["best_epoch"],
        base_val_ndcg=stats["base_val_ndcg"],
        best_val_ndcg=stats["best_val_ndcg"],
        val_history=stats["val_history"],
        loss_history=stats["loss_history"],
        n_train_pairs=len(train_pairs),
        n_val_pairs=len(val_pairs),
        n_val_queries=len({p["query"] for p in val_pairs}),
        n_mined_negatives=n_mined,
        n_random_negatives=n_random,
        train_seconds=stats["train_seconds"],
        pairs_per_s=stats["pairs_per_s"],
        target_modules=stats["target_modules"],
        trainable_params=stats["trainable_params"],
        total_params=stats["total_params"],
        merge_check=check,
        config={k: (list(v) if isinstance(v, tuple) else v) for k, v in asdict(config).items()},
        examples=[dict(p) for p in train_pairs[:3]],
    )
    (out_dir / "finetune.json").write_text(json.dumps(result.as_dict(), indent=2))
    if config.progress:
        print(decision)
        if check:
            print(check)
    return result


# --------------------------------------------------------------------------- evaluation at several widths
def cached_embed(embed: Any) -> Any:
    """Wrap ``embed(texts) -> (n, d) array`` so that each distinct text is embedded once.

    Notebook 04 scores one model on several sets that share documents (a domain's test set and the
    general probe, whose distractors are the domain corpora); the cache keeps the extra sets cheap.
    Use one cache per model: vectors of different models must never be mixed.
    """
    memo: dict[str, np.ndarray] = {}

    def cached(texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        todo = [t for t in dict.fromkeys(texts) if t not in memo]
        if todo:
            vecs = np.asarray(embed(todo), dtype=np.float32)
            if len(vecs) != len(todo):
                raise ValueError(f"embed returned {len(vecs)} vectors for {len(todo)} texts.")
            memo.update(zip(todo, vecs, strict=True))
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([memo[t] for t in texts])

    return cached


def evaluate_at_dims(
    rs: RetrievalSet,
    embed: Any,
    dims: Sequence[int | None] = (None,),
    query_task: str | None = None,
) -> dict[int | None, tuple[dict[str, float], dict, Any]]:
    """Embed ``rs`` once and score it at each Matryoshka width (``None`` = full): {dim: (means, run, table)}.

    Same numbers as :func:`utils.evaluate.evaluate_embedder` per width, without re-embedding per width.
    """
    from utils.evaluate import evaluate_embedder
    from utils.qwen3 import format_queries

    q = embed(format_queries(rs.query_texts, query_task))
    d = embed(rs.doc_texts)
    return {dim: evaluate_embedder(rs, lambda _texts, q=q: q, dimensions=dim, doc_vecs=d) for dim in dims}


# --------------------------------------------------------------------------- general-domain probe
#: A small general-knowledge retrieval probe (written for this course): does a domain adapter make
#: the model worse on everyday queries? Each query has exactly one relevant passage. On its own (32
#: passages) it is too easy to show anything; :func:`general_probe` can add domain documents as
#: distractors, which is where a domain adapter would pull everyday queries.
GENERAL_PAIRS: tuple[tuple[str, str], ...] = (
    (
        "how do plants make their food",
        "Photosynthesis lets green plants turn sunlight, water and carbon dioxide into sugar, releasing oxygen.",
    ),
    (
        "why is the sky blue",
        "Sunlight is scattered by air molecules, and short blue wavelengths scatter far more than red ones.",
    ),
    (
        "what causes the seasons on earth",
        "The tilt of Earth's axis changes how directly sunlight strikes each hemisphere over the year.",
    ),
    (
        "how long should I boil an egg for a soft yolk",
        "For a runny yolk, simmer eggs for about six minutes, then cool them in cold water.",
    ),
    (
        "who painted the Mona Lisa",
        "Leonardo da Vinci painted the Mona Lisa in the early sixteenth century; it hangs in the Louvre.",
    ),
    (
        "tallest mountain in the world",
        "Mount Everest, on the border of Nepal and China, rises about 8,849 metres above sea level.",
    ),
    (
        "how does a refrigerator keep food cold",
        "A refrigerator pumps a refrigerant that absorbs heat inside the cabinet and releases it outside.",
    ),
    (
        "best way to learn a new language",
        "Daily practice, speaking with native speakers and spaced repetition of vocabulary speed up language learning.",
    ),
    (
        "what is the capital of Australia",
        "Canberra, not Sydney, is the capital city of Australia and seat of its federal parliament.",
    ),
    (
        "how many players on a football team",
        "An association football team fields eleven players, including one goalkeeper.",
    ),
    (
        "why do cats purr",
        "Cats purr by vibrating muscles in the larynx, often when content but also to soothe themselves.",
    ),
    (
        "how to remove a coffee stain from a shirt",
        "Blot the coffee, rinse from the back with cold water, then treat with liquid detergent before washing.",
    ),
    (
        "when did humans first land on the moon",
        "Apollo 11 landed on the Moon in July 1969, and Neil Armstrong was the first person to walk there.",
    ),
    ("what is the speed of light", "Light travels through a vacuum at about 299,792 kilometres per second."),
    (
        "how do vaccines train the immune system",
        "A vaccine shows the immune system a harmless piece or copy of a pathogen so it learns to recognise it.",
    ),
    (
        "what makes bread rise",
        "Yeast ferments sugars in the dough and releases carbon dioxide gas, which makes bread rise.",
    ),
    (
        "largest ocean on earth",
        "The Pacific is the largest and deepest ocean, covering about a third of the planet's surface.",
    ),
    (
        "how do bees make honey",
        "Bees collect nectar, add enzymes and fan it with their wings in the hive until it thickens into honey.",
    ),
    ("who wrote Romeo and Juliet", "William Shakespeare wrote the tragedy Romeo and Juliet in the 1590s."),
    (
        "why do we need sleep",
        "Sleep lets the brain consolidate memories and the body repair tissue and regulate hormones.",
    ),
    (
        "how does a bicycle stay upright",
        "A moving bicycle stays up because the rider steers into a fall and the wheels' geometry self-corrects.",
    ),
    (
        "what is the boiling point of water at sea level",
        "At sea-level pressure, pure water boils at 100 degrees Celsius, or 212 degrees Fahrenheit.",
    ),
    (
        "how to care for a houseplant",
        "Most houseplants need bright indirect light, watering when the topsoil is dry, and a pot that drains.",
    ),
    (
        "what do pandas eat",
        "Giant pandas eat almost nothing but bamboo, spending up to fourteen hours a day feeding.",
    ),
    (
        "how do earthquakes happen",
        "Earthquakes occur when stress on a fault in Earth's crust is released suddenly as seismic waves.",
    ),
    (
        "how many bones in the adult human body",
        "An adult human skeleton usually has 206 bones; babies are born with more that later fuse.",
    ),
    (
        "what is the internet",
        "The internet is a global network of computer networks that exchange data using common protocols.",
    ),
    (
        "how to tie a bowline knot",
        "Make a small loop, pass the end up through it, around the standing line and back down the loop.",
    ),
    (
        "why do leaves change colour in autumn",
        "As days shorten, trees stop making chlorophyll, revealing yellow pigments and producing red ones.",
    ),
    (
        "what is the longest river in Africa",
        "The Nile, flowing north to the Mediterranean, is the longest river in Africa.",
    ),
    (
        "how does a rainbow form",
        "Sunlight is refracted, reflected and dispersed inside raindrops, splitting it into a spectrum of colours.",
    ),
    (
        "what language is spoken in Brazil",
        "Portuguese is the official and most widely spoken language of Brazil.",
    ),
)


def general_probe(distractors: Sequence[str] = ()) -> RetrievalSet:
    """:data:`GENERAL_PAIRS` as a :class:`~utils.data.RetrievalSet` (split ``"test"``) for forgetting checks.

    ``distractors`` (for instance the domain corpora, as in notebook 04) join the corpus as documents
    relevant to no query: a model that drifts towards a domain then ranks that domain's documents above
    the everyday answer. Duplicates, and texts equal to a probe passage, are dropped.
    """
    from utils.data import Document, Query

    corpus = {f"g-d{i:02d}": Document(f"g-d{i:02d}", "", p) for i, (_, p) in enumerate(GENERAL_PAIRS)}
    own = {p for _, p in GENERAL_PAIRS}
    extra = [t for t in dict.fromkeys(distractors) if t not in own]
    corpus.update({f"g-x{i:05d}": Document(f"g-x{i:05d}", "", t) for i, t in enumerate(extra)})
    queries = {f"g-q{i:02d}": Query(f"g-q{i:02d}", q, ("direct",)) for i, (q, _) in enumerate(GENERAL_PAIRS)}
    qrels = {f"g-q{i:02d}": {f"g-d{i:02d}": 1} for i in range(len(GENERAL_PAIRS))}
    return RetrievalSet("general", "test", corpus, queries, qrels)


# --------------------------------------------------------------------------- command line
def read_corpus_jsonl(path: str | Path) -> list[str]:
    """Documents for mining and validation: a BEIR ``corpus.jsonl`` (``_id``, ``text``, optional ``title``)."""
    from utils.data import Document, _read_jsonl

    return [
        Document(r["_id"], str(r.get("title") or ""), r["text"]).full_text
        for r in _read_jsonl(Path(path), ("_id", "text"))
    ]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m utils.finetune",
        description="LoRA fine-tuning of an embedding model on {query, positive[, negative]} pairs; writes a merged model folder.",
    )
    p.add_argument(
        "--model", required=True, help="base model folder (sentence-transformers or Qwen3-Embedding)"
    )
    p.add_argument(
        "--train",
        required=True,
        help='JSONL, one {"query": ..., "positive": ...[, "negative": ...]} per line',
    )
    p.add_argument(
        "--out",
        required=True,
        help="output folder: the merged model (or the base, if the adapter did not help)",
    )
    p.add_argument(
        "--corpus",
        default=None,
        help="optional BEIR corpus.jsonl to mine negatives from and validate against",
    )
    p.add_argument(
        "--epochs",
        type=int,
        default=FinetuneConfig.epochs,
        help="most epochs; the best on validation is kept",
    )
    p.add_argument("--lr", type=float, default=FinetuneConfig.learning_rate)
    p.add_argument("--batch-size", type=int, default=FinetuneConfig.batch_size)
    p.add_argument("--lora-r", type=int, default=FinetuneConfig.lora_r)
    p.add_argument("--targets", choices=["all-linear", "qv"], default="all-linear")
    p.add_argument(
        "--temperature",
        type=float,
        default=DEFAULT_TEMPERATURE,
        help="InfoNCE temperature (scale = 1/temperature)",
    )
    p.add_argument(
        "--matryoshka",
        action="store_true",
        help="wrap the loss in MatryoshkaLoss so truncated vectors improve too",
    )
    p.add_argument(
        "--negatives",
        type=int,
        choices=[0, 1],
        default=1,
        help="1: mine a hard negative per pair; 0: in-batch only",
    )
    p.add_argument(
        "--val-fraction",
        type=float,
        default=FinetuneConfig.val_fraction,
        help="share of queries held out (0: none)",
    )
    p.add_argument(
        "--task",
        default=None,
        help="Qwen3 query instruction (default: the web-search task for Qwen3, none otherwise)",
    )
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--device", default=None, help="cuda, mps or cpu (default: the best available)")
    p.add_argument("--quiet", action="store_true")
    a = p.parse_args(argv)
    try:
        pairs = read_pairs_jsonl(a.train)
        corpus = read_corpus_jsonl(a.corpus) if a.corpus else None
        model_family(a.model) if Path(a.model).is_dir() else None
    except (DataFormatError, FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not Path(a.model).is_dir():
        print(f"error: model folder {a.model} does not exist.", file=sys.stderr)
        return 2
    if not 0 <= a.val_fraction < 1 or a.epochs < 1 or a.lora_r < 1 or a.temperature <= 0:
        print(
            "error: need 0 <= --val-fraction < 1, --epochs >= 1, --lora-r >= 1 and --temperature > 0.",
            file=sys.stderr,
        )
        return 2
    task = a.task
    if task is None and model_family(a.model) == "qwen3":
        from utils.qwen3 import DEFAULT_TASK

        task = DEFAULT_TASK
    config = FinetuneConfig(
        epochs=a.epochs,
        learning_rate=a.lr,
        batch_size=a.batch_size,
        lora_r=a.lora_r,
        targets=a.targets,
        temperature=a.temperature,
        matryoshka=a.matryoshka,
        num_negatives=a.negatives,
        val_fraction=a.val_fraction,
        query_task=task,
        seed=a.seed,
        device=a.device,
        progress=not a.quiet,
    )
    result = finetune(a.model, pairs, a.out, config, corpus=corpus)
    print(result.decision)
    print(
        f"trained on {result.n_train_pairs} pairs at {result.pairs_per_s:.1f} pairs/s; model written to {result.model_path}"
    )
    if not math.isnan(result.pairs_per_s) and result.merge_check is not None:
        print(result.merge_check)
    return 0


if __name__ == "__main__":
    sys.exit(main())
