"""Baseline table for the datasheet: BM25 and the CPU default model, nDCG@10 and Recall@10 per domain and split.

    python data/baselines.py            # print the Markdown table
    python data/baselines.py --write    # also replace the table in data/README.md (between the markers)

In-process, deterministic (no server needed). Queries get no instruction (the CPU model is not
instruction-tuned; notebook 02 measures instructions).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from utils.data.beir import DOMAINS, EXTRA_SLICES, available_splits, domain_dir, load_domain
from utils.search.evaluate import bm25_run, evaluate_run, search_dense
from utils.serving.encoders import load_encoder
from utils.serving.settings import CPU_MODEL_NAME, default_cpu_model_path

README = Path(__file__).resolve().parent / "README.md"
START, END = "<!-- baselines:start -->", "<!-- baselines:end -->"
CSTART, CEND = "<!-- counts:start -->", "<!-- counts:end -->"


def counts() -> str:
    """Documents, queries per split and queries per phenomenon tag, per domain."""
    from utils.data.beir import PHENOMENA

    rows = [
        "| domain | docs | train queries | test queries | " + " | ".join(PHENOMENA) + " |",
        "|---" * (4 + len(PHENOMENA)) + "|",
    ]
    for domain in DOMAINS + EXTRA_SLICES:
        splits = {s: load_domain(domain, s) for s in available_splits(domain_dir(domain))}
        queries = [q for rs in splits.values() for q in rs.queries.values()]
        docs = len(next(iter(splits.values())).corpus)
        tags = [sum(t in q.tags for q in queries) for t in PHENOMENA]
        n_train = len(splits["train"].queries) if "train" in splits else 0
        rows.append(
            f"| {domain} | {docs} | {n_train} | {len(splits['test'].queries)} | "
            + " | ".join(map(str, tags))
            + " |"
        )
    return "\n".join(rows)


def _replace(text: str, start: str, end: str, body: str) -> str:
    if start not in text or end not in text:
        raise SystemExit(f"error: {README} has no {start} ... {end} markers")
    return re.sub(
        re.escape(start) + r".*?" + re.escape(end),
        lambda _: start + "\n" + body + "\n" + end,
        text,
        flags=re.S,
    )


def table() -> str:
    enc = load_encoder(default_cpu_model_path())
    rows = [
        "| domain | split | queries | docs | BM25 nDCG@10 | BM25 Recall@10 | "
        + CPU_MODEL_NAME
        + " nDCG@10 | "
        + CPU_MODEL_NAME
        + " Recall@10 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for domain in DOMAINS + EXTRA_SLICES:
        doc_vecs = None
        for split in available_splits(domain_dir(domain)):
            rs = load_domain(domain, split)
            if doc_vecs is None:
                doc_vecs = enc.encode(rs.doc_texts)
            bm = evaluate_run(rs.qrels, bm25_run(rs))
            dense = evaluate_run(
                rs.qrels, search_dense(enc.encode(rs.query_texts), doc_vecs, rs.query_ids, rs.doc_ids)
            )
            rows.append(
                f"| {domain} | {split} | {len(rs.queries)} | {len(rs.corpus)} | {bm['nDCG@10']:.3f} | {bm['R@10']:.3f} | {dense['nDCG@10']:.3f} | {dense['R@10']:.3f} |"
            )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--write", action="store_true", help="replace the tables in data/README.md")
    a = p.parse_args(argv)
    count_text, text = counts(), table()
    print(count_text + "\n\n" + text)
    if a.write:
        README.write_text(_replace(_replace(README.read_text(), CSTART, CEND, count_text), START, END, text))
        print(f"updated {README}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
