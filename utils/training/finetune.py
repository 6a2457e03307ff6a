"""LoRA fine-tuning of an embedding model on in-domain pairs, with a validation guard, merge and merge check.

Introduced in notebook 04_lora_finetune; the merged folders it writes are served again in 05.

The recipe, built on maintained libraries (sentence-transformers v6, PEFT, datasets):

1. **Pairs** ``{"query", "positive"[, "negative"]}``, split by *query* into train and validation
   (:func:`split_pairs`), so that no validation query is seen in training.
2. **Hard negatives** mined with the *base* model (:func:`utils.training.train.add_hard_negatives`, wrapping
   ``sentence_transformers.util.mine_hard_negatives``): the top-ranked document that is not a known
   positive of the query and scores at least 5% below the positive (a guard against unlabelled
   positives). The official Qwen3 recipe trains InfoNCE with in-batch *and* hard negatives.
3. **LoRA** through PEFT (``model.add_adapter(LoraConfig(task_type=FEATURE_EXTRACTION, ...))``) on all
   linear layers by default (:data:`TARGET_MODULES`), **InfoNCE** = ``MultipleNegativesRankingLoss``
   with temperature 0.05 (``scale = 1 / temperature = 20``), optionally inside ``MatryoshkaLoss``.
   Batches never hold the same text twice (``BatchSamplers.NO_DUPLICATES``), so a query's second
   positive is never used as its in-batch negative.
4. **Validation guard**: nDCG@10 on the held-out queries before training and every half epoch
   (``eval_every``); the best adapter is kept, training stops after ``patience`` validations without
   a gain, and the *base model is kept* when no validation beats it. Memory stays bounded with the
   GradCache loss (``mini_batch_size``) and with attention dropout off while training
   (``attention_dropout``, :func:`set_attention_dropout`). The defaults (2 epochs at most, batches of 16
   pairs, GradCache mini-batches of 16) were chosen with ``python -m utils.training.bench`` (README, "Fine-tuning on a
   laptop"). The loop is in :mod:`utils.training.train`.
5. **Merge** the adapter into the base weights with PEFT (``merge_and_unload``) and save a folder the
   CPU server and SGLang load; :func:`utils.training.output.check_merge` verifies the classic trap
   (Qwen3-Embedding issues #70, #167). The folder is written into a temporary sibling and renamed at
   the end; an existing output is replaced only when it is a previous output of this tool and
   ``overwrite`` allows it (:mod:`utils.training.output`).

Every run reports wall time, pairs/s and peak resident memory (``FinetuneResult``).

Command line, for your own data (:mod:`utils.training.cli`)::

    python -m utils.training.cli --model PATH --train PAIRS.jsonl --out DIR \\
        [--epochs N --patience P --mini-batch-size M --lora-r R --matryoshka --corpus DOCS.jsonl]

then score it with ``python -m utils.search.evaluate --model DIR --data BEIR_DIR``. The recipe before early
stopping and GradCache (notebook 04's first version) is ``--epochs 4 --batch-size 32 --patience 0
--eval-every 1 --mini-batch-size 0 --attention-dropout model``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from utils.serving.device import best_dtype, pick_device
from utils.training.config import (
    FinetuneConfig,
    FinetuneResult,
    load_sentence_transformer,
    result_summary,
    set_attention_dropout,
    split_pairs,
)
from utils.training.output import (
    OutputExistsError,
    OutputWriteError,
    check_merge,
    check_output_dir,
    merge_adapter,
    peak_rss_mb,
    publish,
    staging_dir,
)
from utils.training.train import add_hard_negatives, ddp_device, ddp_rank_world, train_lora


# --------------------------------------------------------------------------- the whole recipe
def _write_failed(exc: OSError, out_dir: Path, model_path: Path, model, kept_base: bool) -> OutputWriteError:
    """The one-line error for a write that failed at the end, saying what was kept (the adapter, when it can be)."""
    import tempfile

    cause = f"{exc.strerror or exc}" + (f" ({exc.filename})" if exc.filename else "")
    where = (
        f"{out_dir} is as it was before the run (a previous output there is intact; the partial folder was removed)"
    )
    if kept_base:
        kept = "the run kept the base model (no validation gain), so no training is lost: copy or serve the base"
    else:
        try:  # the system's temporary folder is often another file system than the full or read-only one
            adapter = Path(tempfile.mkdtemp(prefix="finetune-adapter-"))
            model.save(str(adapter))
            kept = (
                f"the trained LoRA adapter is saved in {adapter}: merge it later with utils.training.output."
                f"merge_adapter({str(model_path)!r}, {str(adapter)!r}, OUT)"
            )
        except OSError as again:
            kept = f"the trained adapter could not be saved either ({again.strerror or again}): the training is lost"
    return OutputWriteError(
        f"could not write the fine-tuned model to {out_dir}: {cause}. Kept: {where}; {kept}. "
        "Free space (or fix the permissions) and rerun."
    )


def guard_decision(stats: dict, has_val: bool, min_val_gain: float) -> tuple[bool, str]:
    """(keep the base?, the sentence saying why) from :func:`train_lora`'s validation numbers.

    The adapter ships when its best validation nDCG@10 beats the base's by more than ``min_val_gain``.
    A negative ``min_val_gain`` switches the guard's veto off (notebook 08 scores every adapter on
    purpose): an adapter shipped only because of that is said to be so, in the same sentence.
    """
    best, base, epoch = stats["best_val_ndcg"], stats["base_val_ndcg"], stats["best_epoch"]
    if not has_val:
        return False, f"no validation set: shipping the adapter after {stats['epochs_run']:g} epochs, unchecked"
    if best > base + min_val_gain:
        if best > base:
            return False, f"adapter kept: epoch {epoch:g} reached validation nDCG@10 {best:.4f} vs {base:.4f} for the base"
        return False, (
            f"adapter kept because the guard is off (min_val_gain {min_val_gain:g}), not because it beat the base: "
            f"its best validation nDCG@10 {best:.4f} (epoch {epoch:g}) is not above the base's {base:.4f}, "
            "so with the guard on the base would ship"
        )
    return True, (
        f"BASE MODEL KEPT: no validation beat the base (best {best:.4f} at epoch {epoch:g} vs base {base:.4f}); "
        "the adapter would not help this data"
    )


def finetune(
    model_path: str | Path,
    pairs: Sequence[dict[str, str]],
    out_dir: str | Path,
    config: FinetuneConfig | None = None,
    corpus: Sequence[str] | None = None,
    val_pairs: Sequence[dict[str, str]] | None = None,
    overwrite: bool = True,
) -> FinetuneResult | None:
    """The recipe end to end: split, mine, train LoRA, choose the step, merge (or keep the base), check, save.

    ``out_dir`` always ends up holding a model folder to serve: the merged model, or a copy of the base
    when the adapter did not beat it on validation. ``finetune.json`` inside records the decision.
    ``corpus`` (documents) makes mining and validation realistic; without it the pairs' own texts are used.

    ``out_dir`` is written into a temporary sibling and renamed at the end. An existing ``out_dir`` is
    replaced only if it is a previous output of this function and ``overwrite`` is true (the default
    here, so a notebook can be re-run; the command line asks for ``--overwrite``); a folder this tool
    did not write, or one equal to, inside or containing the base model, is refused before any work.

    Under ``torchrun --nproc-per-node N -m utils.training.cli ...`` (README, "At scale") every rank mines the
    same negatives (same model, same seed), the trainer runs DDP, rank 0 validates, merges, checks and
    writes, and the other ranks return ``None``.
    """
    t_start = time.perf_counter()
    config = config or FinetuneConfig()
    config.validate()
    model_path, out_dir = Path(model_path), Path(out_dir)
    if not pairs:
        raise ValueError("no training pairs.")
    check_output_dir(out_dir, model_path, overwrite=overwrite)
    if val_pairs is None:
        train_pairs, val_pairs = split_pairs(pairs, config.val_fraction, config.seed)
    else:
        train_pairs, val_pairs = list(pairs), list(val_pairs)
    device = ddp_device(pick_device(config.device, warn=False) if config.device else pick_device(warn=False))
    model = load_sentence_transformer(
        model_path, device=device, dtype=best_dtype(device), max_seq_length=config.max_seq_length
    )
    if config.attention_dropout is not None:
        set_attention_dropout(model, config.attention_dropout)
    all_docs = list(
        dict.fromkeys(
            list(corpus or [])
            + [p["positive"] for p in pairs]
            + [p["negative"] for p in pairs if "negative" in p]
        )
    )
    n_mined = n_random = 0
    base_vectors: dict = {}  # the documents' base vectors from mining: the step-0 validation reuses them
    if config.num_negatives > 0:
        train_pairs, n_mined, n_random = add_hard_negatives(
            model, train_pairs, all_docs, config.query_task, config.seed, doc_vectors=base_vectors
        )
    else:
        train_pairs = [{"query": p["query"], "positive": p["positive"]} for p in train_pairs]
    if config.progress:
        print(
            f"{len(train_pairs)} training pairs ({n_mined} mined and {n_random} random hard negatives), "
            f"{len(val_pairs)} validation pairs ({len({p['query'] for p in val_pairs})} queries)"
        )
    stats = train_lora(
        model, train_pairs, config, val_pairs=val_pairs, val_corpus=all_docs, base_doc_vectors=base_vectors
    )
    if ddp_rank_world()[0] != 0:  # torchrun: rank 0 decides, merges, checks and writes; the others only trained
        return None

    kept_base, decision = guard_decision(stats, bool(val_pairs), config.min_val_gain)

    if stats["stopped_by_time"]:
        decision += f" (training stopped by its time budget of {config.max_train_seconds:.0f} s)"

    import shutil
    import tempfile

    staged: Path | None = None
    try:
        staged = staging_dir(out_dir)
        check = None
        if kept_base:
            shutil.copytree(model_path, staged, dirs_exist_ok=True)
        else:
            with tempfile.TemporaryDirectory() as tmp:
                model.save(tmp)  # adapter_config.json + adapter_model.safetensors + the ST modules
                merge_adapter(model_path, tmp, staged, max_seq_length=config.max_seq_length)
            probe = [p["query"] for p in (val_pairs or train_pairs)[:16]] + [
                p["positive"] for p in (val_pairs or train_pairs)[:16]
            ]
            check = check_merge(model, staged, model_path, probe, device=device)
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
            wall_seconds=time.perf_counter() - t_start,
            peak_rss_mb=peak_rss_mb(),
            epochs_run=stats["epochs_run"],
            stopped_early=stats["stopped_early"],
            target_modules=stats["target_modules"],
            trainable_params=stats["trainable_params"],
            total_params=stats["total_params"],
            merge_check=check,
            config={k: (list(v) if isinstance(v, tuple) else v) for k, v in asdict(config).items()},
            examples=[dict(p) for p in train_pairs[:3]],
            stopped_by_time=stats["stopped_by_time"],
            dropout_masks=stats["dropout_masks"],
        )
        (staged / "finetune.json").write_text(json.dumps(result.as_dict(), indent=2))
        publish(staged, out_dir)
    except OSError as exc:
        if isinstance(exc, OutputExistsError | OutputWriteError):
            raise
        raise _write_failed(exc, out_dir, model_path, model, kept_base) from exc
    finally:
        if staged is not None and staged.exists():  # only on failure: our own half-written folder
            shutil.rmtree(staged, ignore_errors=True)
    if config.progress:
        print(decision)
        if check:
            print(check)
        print(result_summary(result))
    return result
