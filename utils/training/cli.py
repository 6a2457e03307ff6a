"""``python -m utils.training.cli``: LoRA fine-tuning from the command line, with every check before the model loads.

Introduced in notebook 04_lora_finetune (which calls :func:`utils.training.finetune.finetune` directly); this is
the same recipe for your own pairs::

    python -m utils.training.cli --model PATH --train PAIRS.jsonl --out DIR [--corpus corpus.jsonl] [--overwrite]

Bad input ends with one ``error: ...`` line on stderr and exit status 2, never a traceback: malformed
pairs or corpus (file and line), a flag out of range (batch size, ``--dimensions``, ...), an ``--out``
that would destroy something (a file, a folder this tool did not write, the base model itself), or an
``--out`` whose folder is not writable or has no room for a model the size of the base: all checked
before the model loads, so no training is lost to them. A write that still fails at the end (the disk
filled up meanwhile) is one ``error:`` line, exit status 1, saying what was kept: ``--out`` as it was,
and the trained LoRA adapter in a temporary folder to merge later.
``--epochs 4 --batch-size 32 --patience 0 --eval-every 1 --mini-batch-size 0 --attention-dropout model``
runs the recipe as it was before early stopping and GradCache (the "before" of
``python -m utils.training.bench``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from utils.data.beir import DataFormatError, Document, read_jsonl, read_pairs_jsonl
from utils.training.config import DEFAULT_TEMPERATURE, FinetuneConfig, model_family, result_summary
from utils.training.output import OutputExistsError, OutputWriteError, check_output_dir


def read_corpus_jsonl(path: str | Path) -> list[str]:
    """Documents for mining and validation: a BEIR ``corpus.jsonl`` (``_id``, ``text``, optional ``title``)."""
    return [
        Document(r["_id"], str(r.get("title") or ""), r["text"]).full_text
        for r in read_jsonl(Path(path), ("_id", "text"))
    ]


def _model_width(model: Path) -> int | None:
    """The embedding width from the folder's config (``hidden_size``), without loading weights."""
    try:
        cfg = json.loads((model / "config.json").read_text())
    except (OSError, ValueError):
        return None
    width = cfg.get("hidden_size")
    return int(width) if isinstance(width, int) else None


def build_parser() -> argparse.ArgumentParser:
    d = FinetuneConfig()
    p = argparse.ArgumentParser(
        prog="python -m utils.training.cli",
        description="LoRA fine-tuning of an embedding model on {query, positive[, negative]} pairs; "
        "writes a merged model folder. Bad data, flags and --out (a folder it would destroy, or one that is "
        "not writable or has no room for a model the size of the base) are one error line and exit 2, "
        "before the model loads; a write that fails at the end says what was kept (exit 1).",
    )
    p.add_argument(
        "--model", required=True, help="base model folder (sentence-transformers or Qwen3-Embedding)"
    )
    p.add_argument("--train", required=True, help='JSONL, one {"query", "positive"[, "negative"]} per line')
    p.add_argument(
        "--out",
        required=True,
        help="output folder: the merged model (or the base, if no gain); its folder must be writable and "
        "have room for a model the size of the base (checked before training)",
    )
    p.add_argument(
        "--overwrite", action="store_true", help="replace --out if it holds a previous output of this tool"
    )
    p.add_argument("--corpus", default=None, help="BEIR corpus.jsonl to mine negatives from and validate on")
    p.add_argument("--epochs", type=int, default=d.epochs, help="most epochs; the best validation is kept")
    p.add_argument(
        "--patience", type=int, default=d.patience, help="stop after N validations without a gain (0: never)"
    )
    p.add_argument(
        "--eval-every", type=float, default=d.eval_every, help="validate every this share of an epoch (0-1]"
    )
    p.add_argument("--lr", type=float, default=d.learning_rate)
    p.add_argument("--batch-size", type=int, default=d.batch_size)
    p.add_argument(
        "--mini-batch-size",
        type=int,
        default=d.mini_batch_size,
        help="GradCache mini-batch: texts in memory at once (0: whole batch, as before)",
    )
    p.add_argument("--max-seq-length", type=int, default=d.max_seq_length, help="token limit for documents")
    p.add_argument("--query-max-seq-length", type=int, default=None, help="a shorter token limit for queries")
    p.add_argument(
        "--attention-dropout",
        default="0",
        help="dropout on attention weights while training: 0 (default: less memory, faster) or 'model' (the model's own)",
    )
    p.add_argument("--gradient-checkpointing", action="store_true", help="less memory, slower (Qwen3)")
    p.add_argument("--lora-r", type=int, default=d.lora_r)
    p.add_argument("--targets", choices=["all-linear", "qv"], default="all-linear")
    p.add_argument("--temperature", type=float, default=DEFAULT_TEMPERATURE, help="InfoNCE (scale = 1/T)")
    p.add_argument("--matryoshka", action="store_true", help="MatryoshkaLoss: truncated vectors improve too")
    p.add_argument(
        "--dimensions",
        type=int,
        nargs="+",
        default=None,
        help="Matryoshka widths to train (implies --matryoshka; each from 1 to the model's width)",
    )
    p.add_argument(
        "--negatives", type=int, choices=[0, 1], default=1, help="1: mine a hard negative per pair"
    )
    p.add_argument("--val-fraction", type=float, default=d.val_fraction, help="share of queries held out")
    p.add_argument("--task", default=None, help="Qwen3 query instruction (default: web search for Qwen3)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--device", default=None, help="cuda, mps or cpu (default: the best available)")
    p.add_argument("--quiet", action="store_true")
    return p


def main(argv: list[str] | None = None) -> int:
    a = build_parser().parse_args(argv)
    model = Path(a.model)
    try:
        if not model.is_dir():
            raise ValueError(
                f"--model {a.model} is a file, not a model folder." if model.exists()
                else f"model folder {a.model} does not exist."
            )
        family = model_family(model)
        width = _model_width(model)
        if a.dimensions and width and not all(1 <= dim <= width for dim in a.dimensions):
            raise ValueError(f"--dimensions must each be between 1 and the model's width {width}.")
        task = a.task
        if task is None and family == "qwen3":
            from utils.serving.qwen3 import DEFAULT_TASK

            task = DEFAULT_TASK
        if a.attention_dropout == "model":
            attention_dropout = None
        else:
            try:
                attention_dropout = float(a.attention_dropout)
            except ValueError:
                raise ValueError("--attention-dropout takes a number in [0, 1) or 'model'.") from None
        config = FinetuneConfig(
            attention_dropout=attention_dropout,
            epochs=a.epochs,
            learning_rate=a.lr,
            batch_size=a.batch_size,
            lora_r=a.lora_r,
            targets=a.targets,
            temperature=a.temperature,
            matryoshka=a.matryoshka or bool(a.dimensions),
            matryoshka_dims=a.dimensions,
            num_negatives=a.negatives,
            val_fraction=a.val_fraction,
            eval_every=a.eval_every,
            patience=a.patience,
            mini_batch_size=a.mini_batch_size,
            gradient_checkpointing=a.gradient_checkpointing,
            max_seq_length=a.max_seq_length,
            query_max_seq_length=a.query_max_seq_length,
            query_task=task,
            seed=a.seed,
            device=a.device,
            progress=not a.quiet,
        )
        config.validate()
        check_output_dir(a.out, model, overwrite=a.overwrite)
        pairs = read_pairs_jsonl(a.train)
        corpus = read_corpus_jsonl(a.corpus) if a.corpus else None
    except (DataFormatError, OutputExistsError, OutputWriteError, FileNotFoundError, ValueError) as exc:
        print(f"error: {str(exc).replace(chr(10), ' ')}", file=sys.stderr)
        return 2
    from utils.training.finetune import finetune

    try:
        result = finetune(model, pairs, a.out, config, corpus=corpus, overwrite=a.overwrite)
    except (DataFormatError, OutputExistsError) as exc:  # e.g. a folder that appeared at --out meanwhile
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OutputWriteError as exc:  # the disk filled up (or the folder became read-only) during the run
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if result is None:  # a torchrun rank other than 0: rank 0 reports and writes
        return 0
    if a.quiet:  # without --quiet, finetune() has printed the decision, the merge check and the cost
        print(result.decision)
        print(result_summary(result))
    print(f"trained on {result.n_train_pairs} pairs; model written to {result.model_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
