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

from utils.data import DOMAINS, EXTRA_SLICES, available_splits, domain_dir, load_domain
from utils.encoders import load_encoder
from utils.evaluate import bm25_run, evaluate_run, search_dense
from utils.settings import CPU_MODEL_NAME, default_cpu_model_path

README = Path(__file__).resolve().parent / "README.md"
START, END = "<!-- baselines:start -->", "<!-- baselines:end -->"


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
    p.add_argument("--write", action="store_true", help="replace the table in data/README.md")
    a = p.parse_args(argv)
    text = table()
    print(text)
    if a.write:
        readme = README.read_text()
        if START not in readme or END not in readme:
            print(f"error: {README} has no {START} ... {END} markers", file=sys.stderr)
            return 2
        README.write_text(
            re.sub(
                re.escape(START) + r".*?" + re.escape(END),
                START + "\n" + text + "\n" + END,
                readme,
                flags=re.S,
            )
        )
        print(f"updated {README}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
