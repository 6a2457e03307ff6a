"""Retrieval evaluation: search, metrics through a maintained library, paired comparison of two runs.

Introduced in notebook 02_instructions; used by 03-05.

* Metrics (nDCG@10, Recall@10, MRR@10) come from ``ir-measures`` (trec_eval underneath), not from
  hand-written formulas.
* :func:`compare` counts per-query wins, losses and ties and runs a paired Wilcoxon signed-rank
  test (``scipy``), because a mean difference on 70 queries means little on its own.

Command line, for any BEIR folder and any local model (in-process) or server::

    python -m utils.search.evaluate --model PATH --data BEIR_DIR [--split test] [--dimensions N] [--task TEXT]
    python -m utils.search.evaluate --model PATH --data BEIR_DIR --max-tokens 128      # truncate lower, one warning
    python -m utils.search.evaluate --model PATH --data BEIR_DIR --chunk 128:32        # long documents (notebook 06)
    python -m utils.search.evaluate --base-url http://127.0.0.1:8765/v1 --served-model NAME --data BEIR_DIR

With ``--base-url``, the server's key is ``--api-key`` or ``EMB_API_KEY`` (as for every command that
talks to the course's server).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import warnings
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from utils.data.beir import DataFormatError, RetrievalSet, load_beir
from utils.serving.qwen3 import format_queries, truncate_and_normalize

Run = dict[str, dict[str, float]]
Qrels = dict[str, dict[str, int]]
METRICS = ("nDCG@10", "R@10", "RR@10")
METRIC_LABELS = {"nDCG@10": "nDCG@10", "R@10": "Recall@10", "RR@10": "MRR@10"}


def _measures(names: Sequence[str]):
    import ir_measures

    return [ir_measures.parse_measure(n) for n in names]


def top_k(scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``k`` best columns of each row of ``scores``, best first: ``(top scores, their column ids)``."""
    k = min(k, scores.shape[1])
    idx = np.argpartition(-scores, k - 1, axis=1)[:, :k]
    part = np.take_along_axis(scores, idx, axis=1)
    order = np.argsort(-part, axis=1, kind="stable")
    return np.take_along_axis(part, order, axis=1), np.take_along_axis(idx, order, axis=1)


def ids_to_run(scores: np.ndarray, ids: np.ndarray, query_ids: Sequence[str], doc_ids: Sequence[str]) -> Run:
    """Turn ``(scores, ids)`` arrays (``-1`` = no document) into a run ``{qid: {did: score}}``."""
    return {
        qid: {doc_ids[j]: float(s) for s, j in zip(scores[i], ids[i], strict=True) if j >= 0}
        for i, qid in enumerate(query_ids)
    }


def search_dense(
    query_vecs: np.ndarray,
    doc_vecs: np.ndarray,
    query_ids: Sequence[str],
    doc_ids: Sequence[str],
    k: int = 100,
) -> Run:
    """Exact inner-product search (vectors are L2-normalised, so this is cosine). Returns a run."""
    q = np.asarray(query_vecs, dtype=np.float32)
    d = np.asarray(doc_vecs, dtype=np.float32)
    if q.shape[1] != d.shape[1]:
        raise ValueError(
            f"query vectors have {q.shape[1]} dims but document vectors {d.shape[1]}; embed both at the same width."
        )
    return ids_to_run(*top_k(q @ d.T, k), query_ids, doc_ids)


def bm25_run(rs: RetrievalSet, k: int = 100, query_texts: Sequence[str] | None = None) -> Run:
    """BM25 over the corpus (``bm25s``, English stopwords): the lexical baseline and hybrid partner."""
    import bm25s

    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenize(rs.doc_texts, stopwords="en", show_progress=False), show_progress=False)
    k = min(k, len(rs.corpus))
    texts = list(query_texts) if query_texts is not None else rs.query_texts
    docs, scores = retriever.retrieve(
        bm25s.tokenize(texts, stopwords="en", show_progress=False), k=k, show_progress=False
    )
    ids = rs.doc_ids
    return {
        qid: {ids[j]: float(s) for j, s in zip(docs[i], scores[i], strict=True) if s > 0}
        for i, qid in enumerate(rs.query_ids)
    }


#: Said once when a run holds a query's own id as a document (see :func:`without_self_hits`).
SELF_HIT_NOTE = (
    "a run retrieved a query's own id as a document (ArguAna and Quora hold each query in the corpus too): such "
    "hits are left out before scoring, as BEIR's evaluation does (ignore_identical_ids), unless the qrels judge "
    "that pair relevant"
)


def without_self_hits(qrels: Qrels, run: Run) -> Run:
    """``run`` less each hit whose document id is its query's id, unless the qrels judge that pair relevant.

    BEIR's evaluation drops such hits (``ignore_identical_ids=True``): in ArguAna and Quora every query is also
    a document, the nearest vector to a query is its own, and leaving it in would score every model lower than
    the published figures. No course set shares an id between queries and documents, so nothing changes there.
    """
    hits = {q for q, docs in run.items() if q in docs and qrels.get(q, {}).get(q, 0) <= 0}
    if not hits:
        return run
    warnings.warn(SELF_HIT_NOTE, UserWarning, stacklevel=3)
    return {q: ({d: s for d, s in docs.items() if d != q} if q in hits else docs) for q, docs in run.items()}


def per_query(qrels: Qrels, run: Run, metrics: Sequence[str] = METRICS) -> pd.DataFrame:
    """One row per judged query, one column per metric; a query missing from the run scores 0; a query's own
    id among its hits is left out (:func:`without_self_hits`)."""
    import ir_measures

    run = without_self_hits(qrels, run)
    table = pd.DataFrame(0.0, index=sorted(qrels), columns=list(metrics))
    for m in ir_measures.iter_calc(_measures(metrics), qrels, run):
        if m.query_id in table.index:
            table.loc[m.query_id, str(m.measure)] = m.value
    return table


def evaluate_run(qrels: Qrels, run: Run, metrics: Sequence[str] = METRICS) -> dict[str, float]:
    """Mean of each metric over all judged queries."""
    return {k: float(v) for k, v in per_query(qrels, run, metrics).mean().items()}


def by_tag(table: pd.DataFrame, rs: RetrievalSet, metric: str = "nDCG@10") -> pd.Series:
    """Mean ``metric`` per phenomenon tag (a query with several tags counts in each)."""
    rows = [(t, table.loc[q, metric]) for q in table.index for t in rs.queries[q].tags]
    if not rows:
        return pd.Series(dtype=float)
    return pd.DataFrame(rows, columns=["tag", metric]).groupby("tag")[metric].mean()


@dataclass
class Comparison:
    """Per-query comparison of run B against run A on one metric."""

    metric: str
    mean_a: float
    mean_b: float
    delta: float
    wins: int
    losses: int
    ties: int
    p_value: float
    test: str = "Wilcoxon signed-rank (two-sided, zero differences dropped)"

    @property
    def significant(self) -> bool:
        return self.p_value < 0.05

    def as_dict(self) -> dict:
        return asdict(self)

    def __str__(self) -> str:
        return (
            f"{self.metric}: {self.mean_a:.3f} -> {self.mean_b:.3f} ({self.delta:+.3f}); "
            f"wins {self.wins}, losses {self.losses}, ties {self.ties}; p = {self.p_value:.3g}"
        )


def compare(qrels: Qrels, run_a: Run, run_b: Run, metric: str = "nDCG@10", eps: float = 1e-9) -> Comparison:
    """Wins/losses/ties of B over A per query, and a paired Wilcoxon signed-rank test."""
    from scipy.stats import wilcoxon

    a = per_query(qrels, run_a, [metric])[metric]
    b = per_query(qrels, run_b, [metric])[metric]
    diff = (b - a).to_numpy()
    wins, losses = int((diff > eps).sum()), int((diff < -eps).sum())
    nonzero = diff[np.abs(diff) > eps]
    p = float(wilcoxon(nonzero).pvalue) if len(nonzero) >= 1 else 1.0
    return Comparison(
        metric,
        float(a.mean()),
        float(b.mean()),
        float(b.mean() - a.mean()),
        wins,
        losses,
        len(diff) - wins - losses,
        p,
    )


def evaluate_embedder(
    rs: RetrievalSet,
    embed: Callable[[list[str]], np.ndarray],
    query_task: str | None = None,
    dimensions: int | None = None,
    doc_vecs: np.ndarray | None = None,
    k: int = 100,
) -> tuple[dict[str, float], Run, pd.DataFrame]:
    """Embed queries (with the Qwen3 instruction ``query_task`` if given) and documents, search, score.

    ``embed`` maps a list of texts to L2-normalised vectors (a server client's ``embed`` or an
    in-process encoder's ``encode``). ``dimensions`` truncates both sides Matryoshka-style.
    Pass ``doc_vecs`` to reuse document vectors between calls. Returns (means, run, per-query table).
    """
    q = embed(format_queries(rs.query_texts, query_task))
    d = embed(rs.doc_texts) if doc_vecs is None else doc_vecs
    if dimensions is not None:
        q, d = truncate_and_normalize(q, dimensions), truncate_and_normalize(d, dimensions)
    run = search_dense(q, d, rs.query_ids, rs.doc_ids, k=k)
    table = per_query(rs.qrels, run)
    return {k_: float(v) for k_, v in table.mean().items()}, run, table


# --------------------------------------------------------------------------- evaluation at several widths
# (notebook 04 introduces them)
def cached_embed(
    embed: Callable[[list[str]], np.ndarray], memo: dict[str, np.ndarray] | None = None
) -> Callable[[Sequence[str]], np.ndarray]:
    """Wrap ``embed(texts) -> (n, d) array`` so that each distinct text is embedded once.

    Notebook 04 scores one model on several sets that share documents (a domain's test set and the
    general probe, whose distractors are the domain corpora); the cache keeps the extra sets cheap.
    ``memo`` (text -> vector) is the cache itself when given: vectors already in it are not embedded
    again, and new ones are added to it (notebook 08 starts from notebook 04's base-model vectors).
    Use one cache per model: vectors of different models must never be mixed.
    """
    memo = {} if memo is None else memo

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
    embed: Callable[[list[str]], np.ndarray],
    dims: Sequence[int | None] = (None,),
    query_task: str | None = None,
) -> dict[int | None, tuple[dict[str, float], Run, pd.DataFrame]]:
    """Embed ``rs`` once and score it at each Matryoshka width (``None`` = full): {dim: (means, run, table)}.

    Same numbers as :func:`evaluate_embedder` per width, without re-embedding per width.
    """
    q = embed(format_queries(rs.query_texts, query_task))
    d = embed(rs.doc_texts)
    return {dim: evaluate_embedder(rs, lambda _texts, q=q: q, dimensions=dim, doc_vecs=d) for dim in dims}


def format_metrics(metrics: dict[str, float]) -> str:
    return "  ".join(f"{METRIC_LABELS.get(k, k)} {v:.4f}" for k, v in metrics.items())


def _cli_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m utils.search.evaluate",
        description="nDCG@10, Recall@10 and MRR@10 of an embedding model on a BEIR folder. Over-long "
        "documents are truncated to the model's limit with one warning; --chunk reads them whole.",
    )
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument(
        "--model", help="local model folder, encoded in-process (sentence-transformers or Qwen3)"
    )
    src.add_argument("--base-url", help="an OpenAI-compatible server, e.g. http://127.0.0.1:8765/v1")
    p.add_argument(
        "--served-model", default=None, help="model name to send to --base-url (default: the first it serves)"
    )
    p.add_argument(
        "--api-key",
        default=os.environ.get("EMB_API_KEY"),
        help="the key of --base-url's server (default: EMB_API_KEY, which `ps` does not show)",
    )
    p.add_argument(
        "--data",
        required=True,
        help="BEIR folder: corpus.jsonl, queries.jsonl, qrels/<split>.tsv or qrels.tsv",
    )
    p.add_argument("--split", default="test")
    p.add_argument("--task", default=None, help="Qwen3 task instruction for queries (default: none)")
    p.add_argument("--dimensions", type=int, default=None, help="Matryoshka truncation width")
    p.add_argument("--device", default="cpu")
    p.add_argument(
        "--max-tokens",
        type=int,
        default=None,
        help="truncate inputs to this many tokens (default: the model's limit)",
    )
    p.add_argument(
        "--chunk",
        default=None,
        metavar="SIZE[:OVERLAP]",
        help="embed documents as token windows of SIZE tokens sharing OVERLAP (e.g. 128:32); a document "
        "scores by its best chunk (see --aggregate)",
    )
    p.add_argument(
        "--aggregate", default="max", help="with --chunk: max (best chunk), mean, first, or topK (e.g. top3)"
    )
    p.add_argument(
        "--tokenizer",
        default=None,
        help="tokenizer folder for --chunk/--max-tokens with --base-url (default: the --model folder)",
    )
    return p


def _check_flags(a: argparse.Namespace) -> str | None:
    """Every flag error that can be found before a model loads; ``None`` when all is well."""
    from utils.data.longtext import ChunkSpec

    if a.dimensions is not None and a.dimensions < 1:
        return f"--dimensions must be a positive integer, got {a.dimensions}."
    if a.max_tokens is not None and a.max_tokens < 8:
        return f"--max-tokens must be at least 8, got {a.max_tokens}."
    if a.chunk is not None:
        try:
            spec = ChunkSpec.parse(a.chunk)
        except ValueError as exc:
            return str(exc)
        if a.max_tokens is not None and spec.size > a.max_tokens:
            return f"--chunk size {spec.size} is over --max-tokens {a.max_tokens}."
    if not (a.aggregate in ("max", "mean", "first") or re.fullmatch(r"top[1-9]\d*", a.aggregate)):
        return f"--aggregate must be max, mean, first or topK (e.g. top3), got {a.aggregate!r}."
    if a.base_url and (a.chunk or a.max_tokens) and not a.tokenizer:
        return "--chunk and --max-tokens with --base-url need --tokenizer DIR (the served model's tokenizer folder)."
    for flag, folder in (("--model", a.model), ("--tokenizer", a.tokenizer)):
        if folder and not Path(folder).is_dir():
            return f"{flag} {folder} is not a folder; download the model or fix the path."
    return None


def main(argv: list[str] | None = None) -> int:
    """``python -m utils.search.evaluate``: one line on stdout per result, one ``error:`` line and exit 2 on bad input."""
    a = _cli_parser().parse_args(argv)
    problem = _check_flags(a)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    try:
        rs = load_beir(a.data, a.split)
    except DataFormatError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", UserWarning)
        try:
            lines = _run_cli(a, rs)
        except (FileNotFoundError, ValueError, RuntimeError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        finally:
            for w in caught:  # one line each (the long-text policy's truncation warning)
                print(f"warning: {w.message}", file=sys.stderr)
    print(f"{rs.name} [{a.split}] {len(rs.queries)} queries, {len(rs.corpus)} documents")
    for line in lines:
        print(line)
    return 0


def _run_cli(a: argparse.Namespace, rs: RetrievalSet) -> list[str]:
    from utils.data import longtext

    if a.model:
        from utils.serving.encoders import load_encoder

        enc = load_encoder(a.model, device=a.device, max_tokens=a.max_tokens)
        embed, tokenizer, limit = enc.encode, enc.tokenizer, enc.max_tokens
    else:
        from transformers import AutoTokenizer

        from utils.serving.client import EmbeddingClient

        key = a.api_key or None  # an empty EMB_API_KEY means no key
        name = a.served_model or EmbeddingClient(a.base_url, "?", api_key=key).models()[0]
        embed = EmbeddingClient(a.base_url, name, api_key=key).embed
        tokenizer = AutoTokenizer.from_pretrained(a.tokenizer) if a.tokenizer else None
        limit = a.max_tokens
    if a.chunk is None:
        doc_texts = rs.doc_texts
        if tokenizer is not None and limit is not None:
            doc_texts, _ = longtext.truncate_texts(doc_texts, tokenizer, limit)  # the one warning
        label = f"truncated to {limit} tokens" if limit else "whole documents"
        metrics, _, _ = evaluate_embedder(
            rs, embed, query_task=a.task, dimensions=a.dimensions, doc_vecs=embed(doc_texts)
        )
        return [f"{format_metrics(metrics)}  ({label})"]
    spec = longtext.ChunkSpec.parse(a.chunk)
    if limit is not None:
        spec.check(limit=limit, special=longtext.n_special_tokens(tokenizer))
    chunks, chunk_vecs = longtext.embed_chunks(rs.doc_texts, embed, tokenizer, spec)
    q = embed(format_queries(rs.query_texts, a.task))
    if a.dimensions is not None:
        q, chunk_vecs = (
            truncate_and_normalize(q, a.dimensions),
            truncate_and_normalize(chunk_vecs, a.dimensions),
        )
    doc_scores, _ = longtext.document_scores(q @ chunk_vecs.T, chunks, len(rs.corpus), a.aggregate)
    run = ids_to_run(*top_k(doc_scores, 100), rs.query_ids, rs.doc_ids)
    metrics = evaluate_run(rs.qrels, run)
    return [
        f"{format_metrics(metrics)}  (chunks {spec}, {len(chunks)} chunks, document = {a.aggregate} of its chunks)"
    ]


if __name__ == "__main__":
    sys.exit(main())
