"""The budget benchmark of ``python -m utils.adapt``: the whole command, timed, on a set of about 5,000 documents.

    python -m utils.adapt.bench --out DIR [--budget-minutes 30] [--build-only]

The README states how long ``utils.adapt`` takes on 2 CPU cores for a corpus of about 5,000 documents and
1,000 training pairs. This builds such a set from files the repository already holds, then runs the
command on it exactly as a reader would (a subprocess) and prints the wall time:

* **corpus** (5,465 documents): every paragraph of the 1,000 PubMedQA PQA-L abstracts (their background,
  methods and results sections, 3,358 paragraphs, and their conclusions, 1,000) from the raw file behind
  ``data/pubmedqa`` (``data/_gen/raw/pubmedqa``, MIT), plus the course's medical, legal and finance
  corpora (1,107 documents by other writers, as off-topic distractors);
* **queries**: the PQA-L questions; a question's relevant documents are all paragraphs of its own abstract
  (4.4 on average);
* **splits**: test = 200 questions of PubMedQA's official test split; train = questions outside it, drawn
  until the tool's fine-tune gets about 1,000 pairs once the tool has held 25% of them out to choose the
  pipeline (the fine-tune's own guard then holds a fifth of its questions out to choose the epoch: on
  2026-12-07, 1,008 pairs reached it and 804 trained the adapter).

Nothing is downloaded. ``DIR`` must be new, empty, or a folder this benchmark wrote before (it then reuses the
data it built and resumes the report, as ``utils.adapt`` does).
"""

from __future__ import annotations

import argparse
import json
import lzma
import random
import subprocess
import sys
import time
from pathlib import Path

from utils.data.beir import load_beir
from utils.paths import REPO_ROOT

RAW = REPO_ROOT / "data" / "_gen" / "raw" / "pubmedqa"
DISTRACTORS = ("medical", "legal", "finance")
MARKER = ".adapt-bench"
N_TEST = 200
TRAIN_PAIRS = 1_000  # what the fine-tune should get after the validation share is held out
VAL_FRACTION = 0.25
SEED = 2019


def build_set(folder: Path) -> dict[str, int]:
    """Write the benchmark's BEIR folder (corpus.jsonl, queries.jsonl, qrels/train.tsv, qrels/test.tsv); its sizes."""
    pqal = json.loads(lzma.decompress((RAW / "ori_pqal.json.xz").read_bytes()))
    official_test = set(json.loads((RAW / "test_ground_truth.json").read_text(encoding="utf-8")))
    corpus: list[dict[str, str]] = []
    relevant: dict[str, list[str]] = {}
    for pmid in sorted(pqal, key=int):
        entry = pqal[pmid]
        paragraphs = [*entry["CONTEXTS"], entry["LONG_ANSWER"]]
        ids = [f"pmqa-{pmid}-{i}" for i in range(len(paragraphs))]
        corpus += [{"_id": i, "title": "", "text": text.strip()} for i, text in zip(ids, paragraphs, strict=True)]
        relevant[pmid] = ids
    n_pubmedqa = len(corpus)
    for domain in DISTRACTORS:
        rs = load_beir(REPO_ROOT / "data" / domain, "test")
        corpus += [{"_id": f"{domain}-{d.id}", "title": d.title, "text": d.text} for d in rs.corpus.values()]
    rng = random.Random(SEED)
    test = sorted(rng.sample(sorted(official_test), N_TEST), key=int)
    others = sorted(set(pqal) - official_test, key=int)
    rng.shuffle(others)
    train: list[str] = []
    while sum(len(relevant[p]) for p in train) * (1 - VAL_FRACTION) < TRAIN_PAIRS:
        train.append(others[len(train)])
    queries = [{"_id": f"pmqa-q{p}", "text": pqal[p]["QUESTION"].strip()} for p in train + test]
    (folder / "qrels").mkdir(parents=True, exist_ok=True)
    with open(folder / "corpus.jsonl", "w", encoding="utf-8", newline="\n") as f:
        f.writelines(json.dumps(d, ensure_ascii=False) + "\n" for d in corpus)
    with open(folder / "queries.jsonl", "w", encoding="utf-8", newline="\n") as f:
        f.writelines(json.dumps(q, ensure_ascii=False) + "\n" for q in queries)
    for split, pmids in (("train", train), ("test", test)):
        rows = [f"pmqa-q{p}\t{d}\t1\n" for p in pmids for d in relevant[p]]
        (folder / "qrels" / f"{split}.tsv").write_text("query-id\tcorpus-id\tscore\n" + "".join(rows), encoding="utf-8")
    return {"documents": len(corpus), "pubmedqa_paragraphs": n_pubmedqa, "distractors": len(corpus) - n_pubmedqa,
            "train_queries": len(train), "train_pairs": sum(len(relevant[p]) for p in train),
            "test_queries": len(test)}


def _check_out(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise SystemExit(f"error: {out} is a file, not a folder; name a new or empty folder.")
    if out.exists() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise SystemExit(f"error: {out} holds files this benchmark did not write; name a new or empty folder.")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m utils.adapt.bench", description=__doc__.split("\n\n")[0])
    p.add_argument("--out", required=True, type=Path, help="new or empty folder (or this benchmark's earlier one)")
    p.add_argument("--budget-minutes", type=float, default=30.0)
    p.add_argument("--build-only", action="store_true", help="write the data set and stop")
    a = p.parse_args(argv)
    _check_out(a.out)
    a.out.mkdir(parents=True, exist_ok=True)
    (a.out / MARKER).write_text("written by python -m utils.adapt.bench\n", encoding="utf-8")
    data = a.out / "data"
    sizes = build_set(data)
    print(f"data: {data} ({', '.join(f'{k} {v:,}' for k, v in sizes.items())})", flush=True)
    if a.build_only:
        return 0
    cmd = [sys.executable, "-m", "utils.adapt", "--data", str(data), "--out", str(a.out / "report"),
           "--budget-minutes", f"{a.budget_minutes:g}"]
    print("running:", " ".join(cmd[1:]), flush=True)
    start = time.perf_counter()
    code = subprocess.call(cmd)
    minutes = (time.perf_counter() - start) / 60
    print(f"utils.adapt on {sizes['documents']:,} documents and {sizes['train_pairs']:,} judged training pairs "
          f"(about {TRAIN_PAIRS:,} reach the fine-tune) "
          f"with --budget-minutes {a.budget_minutes:g}: {minutes:.1f} min, exit status {code}")
    return code


if __name__ == "__main__":
    sys.exit(main())
