"""Benchmark of ``python -m utils.training.cli`` on long positives: the old recipe and the current one, in one run.

Introduced with the "fine-tuning on a laptop" paragraph of the README (issue 11); notebook 04 teaches
the recipe it measures. It is a benchmark, not a test: it prints figures and checks nothing.

The fixture is built from the course's own documents: consecutive documents of a domain (which
share a topic) are joined into long documents of 300-750 tokens (counted with the model's
tokenizer), and each pair is a query (a judged train/test query, or a document title) with the
long document that holds its answer. The CLI then runs twice as a subprocess on the same pairs:

* **before**: the recipe as it was (``--epochs 4 --batch-size 32 --patience 0 --eval-every 1
  --mini-batch-size 0 --attention-dropout model``: four epochs of batches of 32, whole-batch
  in-batch-negatives loss, the model's own attention dropout), and
* **after**: the CLI defaults (at most 2 epochs of batches of 16, validation every half epoch with early
  stop, GradCache loss, no attention dropout while training).

For each it prints wall time, training pairs/s, peak resident memory (of the fine-tuning process)
and the validation gain (best validation nDCG@10 minus the base's), then after/before ratios.
Targets (issue 11, 2 cores): after <= 15 min, <= 4 GB peak RSS, gain within 0.01 of before's.

    python -m utils.training.bench                  # 1,000 pairs, all-MiniLM-L6-v2 (slow: tens of minutes)
    python -m utils.training.bench --pairs 300      # a smaller, stated size
    python -m utils.training.bench --quick          # a smoke test of this code (tiny size, 1 epoch, 64 tokens)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from utils.data.beir import DOMAINS, load_domain

#: The flags that reproduce the recipe before early stopping, GradCache and attention dropout off (the old defaults).
BEFORE_FLAGS = (
    "--epochs", "4", "--batch-size", "32", "--patience", "0", "--eval-every", "1", "--mini-batch-size", "0",
    "--attention-dropout", "model",
)
TARGETS = {"minutes": 15.0, "peak_rss_gb": 4.0, "gain_gap": 0.01}


def long_documents(
    model: str | Path, min_tokens: int = 300, max_tokens: int = 750, seed: int = 0
) -> tuple[dict[str, str], dict[str, str]]:
    """Join consecutive documents of each shipped domain into long ones: ({long id: text}, {doc id: long id}).

    A group grows until it reaches a length drawn between ``min_tokens`` and ``max_tokens``; a group
    that would pass ``max_tokens`` is closed before the document that overflows it. Titles are left
    out of the joined text (they serve as queries).
    """
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(str(model))
    tok.model_max_length = 10**9  # counting only: no "longer than the maximum" warning
    rng = random.Random(seed)
    texts: dict[str, str] = {}
    owner: dict[str, str] = {}
    for domain in DOMAINS:
        corpus = load_domain(domain, "test").corpus
        group: list[str] = []
        length, target = 0, rng.randint(min_tokens, max_tokens)

        def close(group: list[str], length: int, domain: str = domain, corpus: dict = corpus) -> None:
            if group and length >= min_tokens:
                lid = f"{domain}-long{len(texts):04d}"
                texts[lid] = " ".join(corpus[d].text for d in group)
                owner.update({d: lid for d in group})

        for did in sorted(corpus):
            n = len(tok(corpus[did].text, add_special_tokens=False)["input_ids"]) + 1
            if group and length + n > max_tokens:
                close(group, length)
                group, length, target = [], 0, rng.randint(min_tokens, max_tokens)
            group.append(did)
            length += n
            if length >= target:
                close(group, length)
                group, length, target = [], 0, rng.randint(min_tokens, max_tokens)
        close(group, length)
    return texts, owner


def build_fixture(folder: Path, model: str | Path, n_pairs: int, seed: int = 0) -> dict[str, int]:
    """Write ``pairs.jsonl`` and ``corpus.jsonl`` (the long documents) into ``folder``; returns counts."""
    texts, owner = long_documents(model, seed=seed)
    pairs: dict[tuple[str, str], None] = {}
    for domain in DOMAINS:
        for split in ("train", "test"):
            rs = load_domain(domain, split)
            for qid, rel in rs.qrels.items():
                for did in rel:
                    if did in owner:
                        pairs[rs.queries[qid].text, owner[did]] = None
    n_judged = len(pairs)
    for domain in DOMAINS:
        for did, doc in load_domain(domain, "test").corpus.items():
            if did in owner and doc.title:
                pairs.setdefault((doc.title, owner[did]), None)
    rows = list(pairs)
    random.Random(seed).shuffle(rows)
    rows = rows[:n_pairs]
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "pairs.jsonl").open("w", encoding="utf-8") as f:
        for q, lid in rows:
            f.write(json.dumps({"query": q, "positive": texts[lid]}) + "\n")
    with (folder / "corpus.jsonl").open("w", encoding="utf-8") as f:
        for lid, text in texts.items():
            f.write(json.dumps({"_id": lid, "text": text}) + "\n")
    return {"pairs": len(rows), "judged_pairs_available": n_judged, "long_documents": len(texts)}


def run_cli(label: str, model: str | Path, folder: Path, extra: list[str]) -> dict:
    """One ``python -m utils.training.cli`` subprocess; its ``finetune.json`` plus the wall time seen from outside."""
    out = folder / f"out-{label}"
    cmd = [
        sys.executable,
        "-m",
        "utils.training.cli",
        "--model",
        str(model),
        "--train",
        str(folder / "pairs.jsonl"),
    ]
    cmd += ["--corpus", str(folder / "corpus.jsonl"), "--out", str(out), *extra]
    print(f"\n=== {label}: {' '.join(cmd[1:])}", flush=True)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, check=False)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"{label} run failed with exit status {proc.returncode}")
    record = json.loads((out / "finetune.json").read_text())
    record["process_seconds"] = wall
    return record


def summarise(label: str, r: dict) -> dict[str, float]:
    gain = (r["best_val_ndcg"] or 0.0) - (r["base_val_ndcg"] or 0.0)
    return {
        "run": label,
        "wall min": r["process_seconds"] / 60,
        "pairs/s": r["pairs_per_s"],
        "epochs run": r["epochs_run"],
        "peak RSS GB": r["peak_rss_mb"] / 1024,
        "base val nDCG@10": r["base_val_ndcg"] or float("nan"),
        "best val nDCG@10": r["best_val_ndcg"] or float("nan"),
        "val gain": gain,
    }


def main(argv: list[str] | None = None) -> int:
    from utils.serving.settings import default_cpu_model_path

    p = argparse.ArgumentParser(prog="python -m utils.training.bench", description=__doc__.split("\n")[0])
    p.add_argument(
        "--model", default=None, help="base model folder (default: the CPU model, all-MiniLM-L6-v2)"
    )
    p.add_argument("--pairs", type=int, default=1000, help="pairs in the fixture (default 1000)")
    p.add_argument("--quick", action="store_true", help="smoke size: 40 pairs, 1 epoch, texts cut to 64 tokens")
    p.add_argument("--only", choices=["before", "after"], default=None, help="run one side only")
    p.add_argument(
        "--workdir", default=None, help="keep the fixture and outputs here (default: a temp folder)"
    )
    p.add_argument("--json", default=None, help="also write the figures to this JSON file")
    a = p.parse_args(argv)
    model = Path(a.model) if a.model else default_cpu_model_path()
    n_pairs = 40 if a.quick else a.pairs
    # --quick checks this code, not the recipe: 64-token texts train the same code path at ~0.7x the CPU
    extra = ["--epochs", "1", "--batch-size", "8", "--max-seq-length", "64", "--quiet"] if a.quick else []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(a.workdir) if a.workdir else Path(tmp)
        counts = build_fixture(folder, model, n_pairs)
        print(
            f"fixture: {counts} (positives 300-750 tokens); model {model}; "
            f"{os.cpu_count()} CPUs, OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')}"
        )
        sides = [("before", list(BEFORE_FLAGS)), ("after", [])]
        rows = [
            summarise(lab, run_cli(lab, model, folder, fl + extra))
            for lab, fl in sides
            if a.only in (None, lab)
        ]
    print(f"\nfine-tuning benchmark, {counts['pairs']} pairs:")
    for r in rows:
        print("  " + "  ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in r.items()))
    if len(rows) == 2:
        b, f = rows
        print(
            f"after/before: wall time x{f['wall min'] / b['wall min']:.2f}, pairs/s x{f['pairs/s'] / b['pairs/s']:.2f}, "
            f"peak RSS x{f['peak RSS GB'] / b['peak RSS GB']:.2f}, validation gain {f['val gain']:+.4f} vs {b['val gain']:+.4f} "
            f"(difference {f['val gain'] - b['val gain']:+.4f})"
        )
        print(
            f"targets: wall <= {TARGETS['minutes']:g} min: {f['wall min'] <= TARGETS['minutes']}; "
            f"peak RSS <= {TARGETS['peak_rss_gb']:g} GB: {f['peak RSS GB'] <= TARGETS['peak_rss_gb']}; "
            f"gain within {TARGETS['gain_gap']:g} of before: {f['val gain'] >= b['val gain'] - TARGETS['gain_gap']}"
        )
    if a.json:
        Path(a.json).write_text(json.dumps({"fixture": counts, "runs": rows}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
