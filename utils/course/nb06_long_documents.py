"""Notebook 06's measurements: ways of reading long documents, scored per query, with their price.

Introduced in notebook 06_long_documents. ``utils.data.longtext`` holds the long-text policy (truncate with a
warning, token-window chunks with offsets, best-chunk scoring); this module measures each way of reading
a long-document set against its judgements, so the notebook only calls it and shows tables. Every function
takes what it needs and returns a value: nothing is kept between calls.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from utils.data import longtext
from utils.data.beir import RetrievalSet
from utils.search.evaluate import by_tag, ids_to_run, per_query, top_k

Embed = Callable[[list[str]], np.ndarray]


@dataclass(frozen=True)
class Measured:
    """One way of reading one domain's documents: per-query metrics and what it cost.

    ``cost`` holds ``vectors``, ``docs``, ``tokens`` (embedded, special tokens included), ``seconds`` and
    ``dim``; ``chunks``/``vectors`` are kept for chunked readings, to rescore or show passages.
    """

    per_query: pd.DataFrame
    cost: dict[str, float]
    chunks: list[longtext.Chunk] | None = None
    vectors: np.ndarray | None = None


def _run(rs: RetrievalSet, scores: np.ndarray, depth: int = 100) -> pd.DataFrame:
    return per_query(rs.qrels, ids_to_run(*top_k(scores, depth), rs.query_ids, rs.doc_ids))


def measure_truncated(
    rs: RetrievalSet, query_vecs: np.ndarray, embed: Embed, tokenizer: Any, max_tokens: int
) -> Measured:
    """One vector per document from its first ``max_tokens`` tokens (cut on the client side)."""
    t0 = time.perf_counter()
    texts, counts = longtext.truncate_texts(rs.doc_texts, tokenizer, max_tokens)
    dv = embed(texts)
    cost = {
        "vectors": len(texts),
        "docs": len(rs.corpus),
        "tokens": sum(min(n, max_tokens) for n in counts),
        "seconds": time.perf_counter() - t0,
        "dim": dv.shape[1],
    }
    return Measured(_run(rs, query_vecs @ dv.T), cost)


def measure_chunked(
    rs: RetrievalSet,
    query_vecs: np.ndarray,
    embed: Embed,
    tokenizer: Any,
    spec: longtext.ChunkSpec,
    context: Callable[[longtext.Chunk], str] | None = None,
) -> Measured:
    """Every token window of ``spec`` embedded (``context(chunk)`` prepended if given); document = best chunk."""
    t0 = time.perf_counter()
    chunks, cv = longtext.embed_chunks(rs.doc_texts, embed, tokenizer, spec, context=context)
    scores, _ = longtext.document_scores(query_vecs @ cv.T, chunks, len(rs.corpus), "max")
    embedded = [(context(c) if context else "") + c.text for c in chunks]
    tokens = sum(len(ids) for ids in tokenizer(embedded, verbose=False)["input_ids"])
    cost = {"vectors": len(chunks), "docs": len(rs.corpus), "tokens": tokens, "seconds": time.perf_counter() - t0, "dim": cv.shape[1]}
    return Measured(_run(rs, scores), cost, chunks, cv)


def rescore(rs: RetrievalSet, query_vecs: np.ndarray, measured: Measured, how: str) -> Measured:
    """The same chunk vectors with another document score (``max``, ``mean``, ``first``, ``topK``)."""
    if measured.chunks is None or measured.vectors is None:
        raise ValueError("rescore needs a chunked measurement (measure_chunked)")
    scores, _ = longtext.document_scores(query_vecs @ measured.vectors.T, measured.chunks, len(rs.corpus), how)
    return replace(measured, per_query=_run(rs, scores))


def title_and_heading(rs: RetrievalSet) -> Callable[[longtext.Chunk], str]:
    """The context line of a contextual chunk: ``"{title} > {nearest heading above}\\n"``."""
    titles, texts = [doc.title for doc in rs.corpus.values()], rs.doc_texts
    return lambda c: f"{titles[c.doc]} > {longtext.heading_before(texts[c.doc], c.start)}\n"


@dataclass(frozen=True)
class _Queries:  # what utils.search.evaluate.by_tag reads: .queries with their tags
    queries: Mapping[str, Any]


def quality_row(tables: Sequence[pd.DataFrame], queries: Mapping[str, Any], positions: Sequence[str]) -> dict[str, float]:
    """Pooled nDCG@10 and Recall@10 over the domains' per-query tables, and nDCG@10 per needle position."""
    t = pd.concat(list(tables))
    row = {"nDCG@10": float(t["nDCG@10"].mean()), "Recall@10": float(t["R@10"].mean())}
    tags = by_tag(t, _Queries(queries), "nDCG@10")
    row.update({f"nDCG@10 {p.replace('needle_', '')}": float(tags.get(p, np.nan)) for p in positions})
    return row


def ndcg_by_query(tables: Sequence[pd.DataFrame]) -> pd.Series:
    """nDCG@10 per query id, the domains pooled (for paired comparisons)."""
    return pd.concat([t["nDCG@10"] for t in tables])


def price_table(quality: pd.DataFrame, costs: Mapping[str, Sequence[Mapping[str, float]]]) -> pd.DataFrame:
    """Per condition: nDCG@10, vectors per document, index size (float32, int8), tokens per document, seconds."""
    rows = {}
    for cond, per_domain in costs.items():
        docs, vectors = sum(c["docs"] for c in per_domain), sum(c["vectors"] for c in per_domain)
        rows[cond] = {
            "nDCG@10": quality.loc[cond, "nDCG@10"],
            "vectors/doc": vectors / docs,
            "index KB (float32)": vectors * per_domain[0]["dim"] * 4 / 1024,
            "index KB (int8)": vectors * per_domain[0]["dim"] / 1024,
            "tokens/doc": sum(c["tokens"] for c in per_domain) / docs,
            "seconds": sum(c["seconds"] for c in per_domain),
        }
    frame = pd.DataFrame(rows).T
    frame.index.name = "condition"
    return frame


def frame_to_dict(frame: pd.DataFrame) -> dict[str, dict[str, float | None]]:
    """A table as ``{row: {column: float or None}}`` for the results JSON."""
    return {str(i): {str(k): (None if pd.isna(v) else float(v)) for k, v in row.items()} for i, row in frame.iterrows()}
