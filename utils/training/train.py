"""The LoRA training loop of :func:`utils.training.finetune.finetune`: bounded memory, frequent validation, early stop.

Introduced in notebook 04_lora_finetune.

* **Hard negatives** mined with the base model (:func:`add_hard_negatives`) and the validation score
  (:func:`validation_ndcg`). Mining embeds the documents with the base model; the step-0 validation (the
  base) reuses those vectors instead of embedding the same documents again.
* **Loss.** InfoNCE with in-batch (and mined hard) negatives: ``MultipleNegativesRankingLoss``, or, with
  ``mini_batch_size > 0``, its GradCache version ``CachedMultipleNegativesRankingLoss``: the same loss
  over the whole batch, but the activations of only ``mini_batch_size`` texts are held at a time, so
  memory no longer grows with batch size times sequence length. It composes with ``MatryoshkaLoss``
  (sentence-transformers decorates the cached loss's ``calculate_loss`` to shrink the cached
  embeddings per width).
* **Validation guard.** nDCG@10 on held-out queries before training and every ``eval_every`` of an
  epoch; the best adapter is kept; training stops after ``patience`` validations without a gain.
* **Dropout masks on the CPU** from numpy where torch's are a scalar loop (:mod:`utils.training.dropout`:
  a LoRA step 1.11-1.18x faster on a 2-core AMD CPU), the same dropout in distribution.
* **Memory options.** ``gradient_checkpointing`` (recompute activations in the backward pass; useful
  for Qwen3 on a GPU) and ``query_max_seq_length`` (a shorter token limit for queries than for documents,
  through the data collator's per-call ``max_length``).
"""

from __future__ import annotations

import random
import tempfile
import time
from collections.abc import Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any
from unittest import mock

import numpy as np

from utils.training.config import (
    FinetuneConfig,
    default_matryoshka_dims,
    encode,
    family_of_type,
    query_prefix,
    target_modules,
)

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer


def add_hard_negatives(
    model: SentenceTransformer,
    pairs: Sequence[dict[str, str]],
    corpus: Sequence[str] | None = None,
    query_task: str | None = None,
    seed: int = 0,
    batch_size: int = 64,
    doc_vectors: dict[str, np.ndarray] | None = None,
) -> tuple[list[dict[str, str]], int, int]:
    """Give every pair one ``negative``: kept if supplied, else mined with ``model``, else random.

    Mining uses ``sentence_transformers.util.mine_hard_negatives`` over ``corpus`` (default: every
    positive and negative text in ``pairs``): the best-scoring document that is not a positive of the
    same query and scores at least 5% below the positive (``relative_margin=0.05``, the NV-Retriever
    setting), which skips near-duplicates that are likely unlabelled positives. A pair with no such
    candidate gets a random non-positive document. Returns (pairs, number mined, number random).

    ``doc_vectors``, a dict, receives the vector mining computed for every document (text -> vector, from
    ``mine_hard_negatives``' own ``cache_folder`` file in a temporary folder), so that the same documents
    are not embedded again by the same model (:func:`train_lora`'s step-0 validation). Nothing is added
    when nothing was mined, when the temporary file cannot be written (mining then runs without it), or
    when the file is missing or fails a spot check (another sentence-transformers version).
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
        # verbose=False leaves one bar on: sentence-transformers' "Computing similarity scores" trange,
        # a plain-text stderr box in a notebook. Silence that one bar (training's own bar is untouched).
        import sentence_transformers.util.hard_negatives as hn
        from tqdm import trange

        mine = partial(
            mine_hard_negatives,
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
        with mock.patch.object(hn, "trange", partial(trange, disable=True)):
            out = None
            if doc_vectors is not None:
                try:
                    with tempfile.TemporaryDirectory(prefix="mining-") as cache:
                        out = mine(cache_folder=cache)
                        # mine_hard_negatives embeds its corpus as list(dict.fromkeys(corpus + positives))
                        mined_docs = list(dict.fromkeys(docs + list(ds["positive"])))
                        files = list(Path(cache).glob("corpus_embeddings_*.npy"))
                        vecs = np.load(files[0]) if len(files) == 1 else None
                        if vecs is not None and _same_rows(model, mined_docs, vecs):
                            doc_vectors.update(zip(mined_docs, np.asarray(vecs, dtype=np.float32), strict=True))
                except OSError:  # no room or no permission for the temporary file: mine below, keeping no vectors
                    pass
            if out is None:
                out = mine()
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


def _same_rows(model: SentenceTransformer, docs: list[str], vecs: np.ndarray, tol: float = 1e-4) -> bool:
    """Do the rows of ``vecs`` belong to ``docs`` in this order? Shape, then three rows re-embedded (first, middle,
    last): a sentence-transformers version that ordered its corpus otherwise would fail here, not mislabel."""
    if vecs.ndim != 2 or vecs.shape[0] != len(docs) or not docs:
        return False
    picks = sorted({0, len(docs) // 2, len(docs) - 1})
    again = encode(model, [docs[i] for i in picks])
    return again.shape[1] == vecs.shape[1] and float(np.abs(again - vecs[picks]).max()) <= tol


def validation_docs(val_pairs: Sequence[dict[str, str]], corpus: Sequence[str]) -> list[str]:
    """The documents a validation searches, in order: ``corpus``, then the validation positives it lacks."""
    return list(dict.fromkeys(list(corpus) + [p["positive"] for p in val_pairs]))


def validation_ndcg(
    model: SentenceTransformer,
    val_pairs: Sequence[dict[str, str]],
    corpus: Sequence[str],
    query_task: str | None = None,
    doc_vecs: np.ndarray | None = None,
) -> float:
    """nDCG@10 of ``model`` on held-out pairs: each validation query against ``corpus``, its positives relevant.

    ``doc_vecs``: the vectors of :func:`validation_docs` (in that order) when they are already known.
    """
    from utils.search.evaluate import evaluate_run, search_dense
    from utils.serving.qwen3 import format_queries

    docs = validation_docs(val_pairs, corpus)
    doc_id = {d: f"d{i}" for i, d in enumerate(docs)}
    queries = list(dict.fromkeys(p["query"] for p in val_pairs))
    qid = {q: f"q{i}" for i, q in enumerate(queries)}
    qrels: dict[str, dict[str, int]] = {}
    for p in val_pairs:
        qrels.setdefault(qid[p["query"]], {})[doc_id[p["positive"]]] = 1
    q = encode(model, format_queries(queries, query_task))
    d = encode(model, docs) if doc_vecs is None else doc_vecs
    run = search_dense(q, d, [qid[x] for x in queries], [doc_id[x] for x in docs], k=10)
    return evaluate_run(qrels, run, ["nDCG@10"])["nDCG@10"]


def _trainable_snapshot(model: Any) -> dict[str, Any]:
    return {n: p.detach().clone() for n, p in model.named_parameters() if p.requires_grad}


def _restore(model: Any, snapshot: dict[str, Any]) -> None:
    import torch

    with torch.no_grad():
        for n, p in model.named_parameters():
            if n in snapshot:
                p.copy_(snapshot[n])


def ddp_rank_world() -> tuple[int, int]:
    """``(rank, world size)`` under ``torchrun`` (its ``RANK``/``WORLD_SIZE``), ``(0, 1)`` otherwise (README, "At scale")."""
    import os

    return int(os.environ.get("RANK", "0")), int(os.environ.get("WORLD_SIZE", "1"))


def ddp_device(device: str) -> str:
    """The device of this process: under ``torchrun`` on CUDA, its own GPU ``cuda:{LOCAL_RANK}`` (made current).

    A model loaded on plain ``"cuda"`` lands on GPU 0 in every rank until the trainer moves it, so N ranks
    would load N copies and mine their negatives on GPU 0 (README, "Fine-tuning on several GPUs").
    """
    import os

    if ddp_rank_world()[1] > 1 and device == "cuda":
        import torch

        local = int(os.environ.get("LOCAL_RANK", "0"))
        torch.cuda.set_device(local)
        return f"cuda:{local}"
    return device


def _broadcast_stop(stop: bool) -> bool:
    """Rank 0's stop decision on every rank (a collective: every rank calls it at the same step)."""
    import torch.distributed as dist

    if not (dist.is_available() and dist.is_initialized()):
        return stop
    box = [stop]
    dist.broadcast_object_list(box, src=0)
    return bool(box[0])


def make_loss(model: SentenceTransformer, config: FinetuneConfig) -> Any:
    """InfoNCE (cached when ``config.mini_batch_size > 0``), inside ``MatryoshkaLoss`` when asked."""
    from sentence_transformers.sentence_transformer.losses import (
        CachedMultipleNegativesRankingLoss,
        MatryoshkaLoss,
        MultipleNegativesRankingLoss,
    )

    gather = ddp_rank_world()[1] > 1  # DDP: every query also sees the other ranks' documents as negatives
    if config.mini_batch_size > 0:
        loss = CachedMultipleNegativesRankingLoss(
            model, scale=config.scale, mini_batch_size=config.mini_batch_size, gather_across_devices=gather
        )
    else:
        loss = MultipleNegativesRankingLoss(model, scale=config.scale, gather_across_devices=gather)
    if config.matryoshka:
        dims = list(config.matryoshka_dims or default_matryoshka_dims(model.get_embedding_dimension()))
        loss = MatryoshkaLoss(model, loss, matryoshka_dims=dims)
    return loss


def plain_callbacks(trainer: Any) -> list[str]:
    """Drop the trainer callbacks whose output reads as junk in a saved notebook; returns what was changed.

    * sentence-transformers' model-card callback samples "widget examples" for a Hugging Face Hub model
      card (a "Computing widget examples" bar on every run); no card is written here. Its docs allow
      removing it (``train_lora``'s trainer also skips adding it, since it samples when it is added).
    * transformers' ``NotebookProgressCallback`` draws an HTML table whose saved text form is
      ``<IPython.core.display.HTML object>``; it is swapped for :class:`BarOnlyProgress` (a tqdm bar, as the
      rest of the course uses, without the log dict per step that ``ProgressCallback`` writes under it).
    """
    changed = []
    for cb in list(trainer.callback_handler.callbacks):
        name = type(cb).__name__
        if "ModelCardCallback" in name:
            trainer.remove_callback(cb)
            changed.append(name)
        elif name == "NotebookProgressCallback":
            trainer.remove_callback(cb)
            trainer.add_callback(bar_only_progress())
            changed.append(name)
    return changed


def bar_only_progress() -> type:
    """``BarOnlyProgress``: transformers' ``ProgressCallback`` (the tqdm bar) without the dict it writes per
    log step (``{'loss': '0.1058', 'grad_norm': '1.52', ...}``, numbers as strings), which in a notebook
    reads as raw output. The losses stay in ``trainer.state.log_history`` (``FinetuneResult.loss_history``)
    and the validation line per epoch says how training goes."""
    from transformers.trainer_callback import ProgressCallback

    class BarOnlyProgress(ProgressCallback):
        def on_log(self, args, state, control, logs=None, **kwargs):  # noqa: ANN001 - transformers' signature
            return None

    return BarOnlyProgress


def make_collator(
    model: SentenceTransformer, prompts: dict[str, str] | None, query_max_length: int | None
) -> Any:
    """sentence-transformers' collator, with a shorter token limit for the ``query`` column when asked.

    The collator forwards a ``max_length`` to ``model.preprocess`` per column task; this subclass
    resolves it per column name instead (only ``query`` gets ``query_max_length``), since our models
    have no Router and so no tasks.
    """
    from sentence_transformers.sentence_transformer.data_collator import SentenceTransformerDataCollator

    class QueryLengthCollator(SentenceTransformerDataCollator):
        _column: str | None = None

        def _get_task_for_column(self, column_name, column_position, router_mapping):  # noqa: ANN001
            self._column = column_name
            return super()._get_task_for_column(column_name, column_position, router_mapping)

        def _get_max_length_for_task(self, task):  # noqa: ANN001
            return query_max_length if self._column == "query" else None

    cls = QueryLengthCollator if query_max_length else SentenceTransformerDataCollator
    return cls(preprocess_fn=model.preprocess, prompts=prompts or {})


def train_lora(
    model: SentenceTransformer,
    train_pairs: Sequence[dict[str, str]],
    config: FinetuneConfig,
    val_pairs: Sequence[dict[str, str]] = (),
    val_corpus: Sequence[str] = (),
    output_dir: str | Path | None = None,
    base_doc_vectors: Mapping[str, np.ndarray] | None = None,
) -> dict[str, Any]:
    """Add a LoRA adapter to ``model`` and train it with InfoNCE (+ Matryoshka); keep the best validation.

    ``model`` is modified in place: on return it holds the adapter of the best validation (or of the
    last step when there is no validation set). Returns the histories, timings and parameter counts.

    ``base_doc_vectors`` (text -> vector of ``model`` as it is given, before the adapter): the step-0
    validation takes the documents' vectors from there when it holds all of them (finetune passes
    mining's), instead of embedding them again; the adapter starts as a no-op, so they are the same.
    """
    import torch
    from datasets import Dataset
    from peft import LoraConfig, TaskType
    from sentence_transformers import SentenceTransformerTrainer, SentenceTransformerTrainingArguments
    from sentence_transformers.base.sampler import BatchSamplers
    from transformers import TrainerCallback, set_seed

    from utils.training.dropout import fast_dropout

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
    if config.gradient_checkpointing:
        # PEFT freezes the embeddings; checkpointed blocks need an input that requires grad
        model.transformers_model.enable_input_require_grads()
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    total = sum(p.numel() for p in model.parameters())

    columns = ["query", "positive"] + (["negative"] if all("negative" in p for p in train_pairs) else [])
    dataset = Dataset.from_dict({c: [p[c] for p in train_pairs] for c in columns})
    loss = make_loss(model, config)

    val_corpus = validation_docs(val_pairs, val_corpus)
    history: list[dict[str, float]] = []
    best: dict[str, Any] = {"epoch": 0.0, "ndcg": -1.0, "snapshot": None, "seen": -1.0, "since": 0}
    eval_seconds = [0.0]
    steps_per_epoch = max(1, -(-len(train_pairs) // config.batch_size))
    eval_steps = max(1, round(steps_per_epoch * config.eval_every))

    def score(epoch: float, step: int, counts: bool = True, doc_vecs: np.ndarray | None = None) -> bool:
        """Validate; return True when training should stop (``patience`` validations without a gain).

        Validations during the learning-rate warmup (``counts=False``) do not count towards patience:
        the first warmup step has a learning rate of 0, so "no gain" there says nothing.
        """
        t = time.perf_counter()
        value = validation_ndcg(model, val_pairs, val_corpus, config.query_task, doc_vecs)
        eval_seconds[0] += time.perf_counter() - t
        history.append({"epoch": round(epoch, 3), "step": step, "nDCG@10": value})
        if step > 0 and value > best["ndcg"]:
            best.update(epoch=round(epoch, 3), ndcg=value, snapshot=_trainable_snapshot(model))
        if value > best["seen"]:  # the base (step 0) counts: an adapter that never beats it stops early
            best.update(seen=value, since=0)
        elif counts:
            best["since"] += 1
        if config.progress:
            print(f"  validation nDCG@10 at epoch {epoch:.2f} (step {step}): {value:.4f}")
        return config.patience > 0 and best["since"] >= config.patience

    clock = {"start": 0.0, "timed_out": False}

    def out_of_time() -> bool:
        """True once training, its validations included, has run ``config.max_train_seconds`` (a budget)."""
        if config.max_train_seconds is None or not clock["start"]:
            return False
        return time.perf_counter() - clock["start"] >= config.max_train_seconds

    class ValidationCallback(TrainerCallback):
        def on_step_end(self, args, state, control, **kwargs):  # noqa: ANN001 - transformers' signature
            last = state.global_step >= state.max_steps
            timed_out = _broadcast_stop(primary and out_of_time()) and not last
            if val_pairs and (state.global_step % eval_steps == 0 or last or timed_out):
                after_warmup = state.global_step > args.get_warmup_steps(state.max_steps)
                stop = primary and score(float(state.epoch or 0), state.global_step, after_warmup)
                if _broadcast_stop(stop) and not last:  # under DDP, rank 0 validates and decides
                    control.should_training_stop = True
                    if config.progress:
                        print(f"  stopping: no gain in {config.patience} validation(s)")
            if timed_out:  # the time budget: stop here, the best validation so far is kept
                clock["timed_out"] = control.should_training_stop = True
                if config.progress:
                    print(f"  stopping: the training budget of {config.max_train_seconds:.0f} s is spent")
            return control

    rank, world = ddp_rank_world()
    primary = rank == 0
    if val_pairs and primary:
        model.eval()
        known = base_doc_vectors or {}
        base_vecs = np.stack([known[d] for d in val_corpus]) if all(d in known for d in val_corpus) else None
        score(0.0, 0, doc_vecs=base_vecs)  # the adapter starts as a no-op (LoRA B = 0): step 0 is the base model
    use_cuda = model.device.type == "cuda"
    with tempfile.TemporaryDirectory() as tmp, fast_dropout(model) as n_numpy_dropout:
        prompts = {"query": query_prefix(config.query_task)} if config.query_task else None
        args = SentenceTransformerTrainingArguments(
            output_dir=str(output_dir or tmp),
            num_train_epochs=config.epochs,
            per_device_train_batch_size=config.batch_size,
            learning_rate=config.learning_rate,
            warmup_steps=config.warmup_ratio,  # a float below 1 is a ratio in transformers v5
            lr_scheduler_type="linear",
            batch_sampler=BatchSamplers.NO_DUPLICATES,
            prompts=prompts,
            bf16=use_cuda and next(model.parameters()).dtype == torch.bfloat16,
            **({"activation_checkpointing": True} if config.gradient_checkpointing else {}),
            logging_steps=1,
            save_strategy="no",
            report_to="none",
            seed=config.seed,
            data_seed=config.seed,
            disable_tqdm=not (config.progress and primary),
            use_cpu=model.device.type == "cpu",
            dataloader_num_workers=0,
        )
        class Trainer(SentenceTransformerTrainer):
            def add_model_card_callback(self, default_args_dict: dict[str, Any]) -> None:
                """No Hub model card is written here: skip the callback (and its widget-examples bar)."""

        trainer = Trainer(
            model=model,
            args=args,
            train_dataset=dataset,
            loss=loss,
            callbacks=[ValidationCallback()],
            data_collator=make_collator(model, prompts, config.query_max_seq_length),
        )
        plain_callbacks(trainer)
        if primary and world > 1 and config.progress:
            import torch.distributed as dist

            backend = dist.get_backend() if dist.is_initialized() else "not initialised"
            print(f"DDP over {args.world_size} processes ({backend}): effective batch "
                  f"{config.batch_size * args.world_size} pairs ({config.batch_size} per process); "
                  "in-batch negatives gathered across processes")
        eval_before = eval_seconds[0]  # the step-0 validation ran before the clock started
        t0 = time.perf_counter()
        clock["start"] = t0
        trainer.train()
        train_seconds = time.perf_counter() - t0 - (eval_seconds[0] - eval_before)
    losses = [
        {"step": h["step"], "epoch": h["epoch"], "loss": h["loss"]}
        for h in trainer.state.log_history
        if "loss" in h
    ]
    epochs_run = float(trainer.state.epoch or 0)
    if best["snapshot"] is not None:
        _restore(model, best["snapshot"])
    model.eval()
    return {
        "val_history": history,
        "best_epoch": best["epoch"] if val_pairs else epochs_run,
        "best_val_ndcg": best["ndcg"] if val_pairs else None,
        "base_val_ndcg": history[0]["nDCG@10"] if history else None,
        "loss_history": losses,
        "train_seconds": train_seconds,
        "eval_seconds": eval_seconds[0],
        "epochs_run": epochs_run,
        "stopped_early": epochs_run < config.epochs - 1e-6,
        "stopped_by_time": clock["timed_out"],
        "pairs_per_s": len(train_pairs) * epochs_run / max(train_seconds, 1e-9),
        "target_modules": targets,
        "dropout_masks": "numpy" if n_numpy_dropout else "torch",
        "trainable_params": trainable,
        "total_params": total,
    }
