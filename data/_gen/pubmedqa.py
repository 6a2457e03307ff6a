#!/usr/bin/env python3
"""Generator for data/pubmedqa: a small real retrieval set from PubMedQA's expert-labelled questions (PQA-L).

The course did not write this set. PubMedQA (Jin et al., EMNLP 2019, https://github.com/pubmedqa/pubmedqa,
MIT licence, Copyright (c) 2019 pubmedqa) holds 1,000 expert-labelled research questions (PQA-L), each
asked of one PubMed abstract, whose conclusion PubMedQA gives as the question's "long answer". As a
retrieval task: the question is the query, and the one relevant document is the conclusion that answers
it, among the conclusions of all 1,000 abstracts. (Whole abstracts are too easy to find with 1,000 of
them: BM25 and all-MiniLM-L6-v2 both reach nDCG@10 of about 0.96-0.99, which leaves nothing to measure; on
the conclusions they reach about 0.82 and 0.87.) Notebook 09 and ``python -m utils.adapt`` read it.

Raw input, committed next to this script (``data/_gen/raw/pubmedqa/``, read-only, checked by git blob id
against upstream commit 1cbae8e of pubmedqa/pubmedqa): ``ori_pqal.json`` (xz-compressed here),
``test_ground_truth.json`` (the PMIDs of the official PQA-L test split) and ``LICENSE``.

What is sampled (seeded, deterministic):

* **test**: 200 questions drawn from the 500 of PubMedQA's official test split;
* **train**: 300 questions drawn from the other 500 (the tool splits its validation queries off these);
* **corpus**: the conclusions of all 1,000 PQA-L abstracts (the 500 whose questions are not shipped are
  distractors).

A document is the conclusion as PubMedQA gives it (``LONG_ANSWER``), unedited; PQA-L holds no titles.
Ids: ``pmqa-<PMID>`` for documents, ``pmqa-q<PMID>`` for questions. The yes/no/maybe answers are not used.

Run: ``python data/_gen/pubmedqa.py [--out ROOT]`` (standard library only; rewrites ROOT/pubmedqa/).
"""

from __future__ import annotations

import hashlib
import json
import lzma
import random
from pathlib import Path

from _builder import DataError, main, write_beir

RAW = Path(__file__).resolve().parent / "raw" / "pubmedqa"
UPSTREAM = "https://github.com/pubmedqa/pubmedqa (commit 1cbae8e92f72f20c8d3747cbb3bf5bc53554d997)"
#: git blob ids of the upstream files at that commit: what `git ls-tree` lists there
BLOBS = {
    "ori_pqal.json": "38db7750761c78950ed32303e7545bdaa513390c",
    "test_ground_truth.json": "825bf8f262c3cca0e3bd1c6f38eecf5e581b0659",
    "LICENSE": "f317bc8e65becf9ae8fd1e5ac61b2a12c5bd4284",
}
N_TEST, N_TRAIN = 200, 300
SEED = 2019


def git_blob_id(data: bytes) -> str:
    """The id git gives a file's bytes (sha1 of ``blob <size>\\0`` + bytes)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def read_raw(name: str) -> bytes:
    """An upstream file's bytes (``.xz`` unpacked), refused unless its git blob id is upstream's."""
    path = RAW / name
    data = lzma.decompress((RAW / f"{name}.xz").read_bytes()) if not path.is_file() else path.read_bytes()
    if git_blob_id(data) != BLOBS[name]:
        raise DataError(f"{RAW / name}: not the upstream file ({UPSTREAM}); git blob id {git_blob_id(data)}")
    return data


def build(root: Path) -> list[str]:
    pqal = json.loads(read_raw("ori_pqal.json"))
    official_test = set(json.loads(read_raw("test_ground_truth.json")))
    licence = read_raw("LICENSE").decode("utf-8")
    if not official_test <= set(pqal):
        raise DataError("test_ground_truth.json names PMIDs that ori_pqal.json does not hold")
    rng = random.Random(SEED)
    test = sorted(rng.sample(sorted(official_test), N_TEST), key=int)
    train = sorted(rng.sample(sorted(set(pqal) - official_test), N_TRAIN), key=int)
    corpus = [{"_id": f"pmqa-{pmid}", "title": "", "text": pqal[pmid]["LONG_ANSWER"].strip()} for pmid in sorted(pqal, key=int)]
    queries = [{"_id": f"pmqa-q{pmid}", "text": pqal[pmid]["QUESTION"].strip()} for pmid in train + test]
    qrels = {
        "train": [(f"pmqa-q{pmid}", f"pmqa-{pmid}") for pmid in train],
        "test": [(f"pmqa-q{pmid}", f"pmqa-{pmid}") for pmid in test],
    }
    folder = write_beir(root / "pubmedqa", corpus, queries, qrels)
    (folder / "LICENSE").write_text(
        "The files in this folder are a sample of PubMedQA (Jin et al., 2019), " + UPSTREAM + ",\n"
        "rebuilt by data/_gen/pubmedqa.py. PubMedQA's licence follows.\n\n" + licence,
        encoding="utf-8",
        newline="\n",
    )
    return [
        f"pubmedqa: {len(corpus)} documents, {len(train)} train and {len(test)} test questions "
        f"(from {len(pqal)} PQA-L questions, {len(official_test)} of them in the official test split)",
        f"wrote {folder}",
    ]


if __name__ == "__main__":
    raise SystemExit(main(build, description="Build data/pubmedqa from PubMedQA's PQA-L (--out ROOT, default data/)."))
