"""Notebook 03's measurements as functions: quality against width and precision, the rules that choose
a width and a precision, rescoring at a realistic candidate fraction, the index and funnel benchmarks,
and the lesson checks the notebook asserts and records.

Introduced in notebook 03_dimensions_quantisation_faiss. Every function takes what it measures and
returns a table or a value; nothing is kept between calls. The building blocks (quantisation, faiss
indexes, recall, the funnel) are in :mod:`utils.search.index`; this module puts them together.

The **pool** is the index benchmark's vector set: the real documents of each domain first (in the order
given), then other real vectors (sentences), then synthetic ones (:func:`utils.search.index.grow_vectors`).
Because the real documents keep their rows, the domains' test queries can be scored against the whole
pool with their own relevance judgements: every other row is a distractor. That is how notebook 03
measures rescoring and the funnel where the candidates are a small fraction of what is searched.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from utils.search.evaluate import evaluate_run, ids_to_run, search_dense, top_k
from utils.search.index import (
    INDEX_KINDS,
    PRECISIONS,
    grow_vectors,
    measure_index,
    pca_reduce,
    quantized_scores,
    recall_at_k,
    rescore_candidates,
    search_quantized,
)
from utils.serving.qwen3 import truncate_and_normalize

if TYPE_CHECKING:
    import pandas as pd
    from sklearn.decomposition import PCA

    from utils.data.beir import RetrievalSet

#: Metrics of the quality tables (column names of utils.search.evaluate).
QUALITY = ("nDCG@10", "R@10")


# --------------------------------------------------------------------------- inputs
def split_sentences(texts: Iterable[str], min_chars: int = 30) -> list[str]:
    """Unique sentences (split after ``.``, ``!`` or ``?``) of at least ``min_chars`` characters, in order."""
    seen: dict[str, None] = {}
    for text in texts:
        for s in re.split(r"(?<=[.!?])\s+", text):
            if len(s) >= min_chars:
                seen.setdefault(s, None)
    return list(seen)


# --------------------------------------------------------------------------- quality tables
def _with_kept(rows: list[dict[str, Any]], native: Mapping[str, float]) -> pd.DataFrame:
    import pandas as pd

    table = pd.DataFrame(rows)
    table["kept"] = table["nDCG@10"] / table.domain.map(dict(native))
    return table


def width_quality(
    sets: Mapping[str, RetrievalSet],
    query_vecs: Mapping[str, np.ndarray],
    doc_vecs: Mapping[str, np.ndarray],
    widths: Sequence[int],
    native_dim: int,
    pca: PCA | None = None,
    k: int = 10,
) -> pd.DataFrame:
    """nDCG@10 and R@10 per domain, method ("truncation", and "PCA" where ``pca`` has enough
    components) and width; ``kept`` is the share of the native width's nDCG@10 in that domain."""
    rows = []
    for d, rs in sets.items():
        for w in widths:
            views = {"truncation": (truncate_and_normalize(query_vecs[d], w), truncate_and_normalize(doc_vecs[d], w))}
            if pca is not None and w <= pca.n_components_:
                views["PCA"] = (pca_reduce(query_vecs[d], pca, w), pca_reduce(doc_vecs[d], pca, w))
            for method, (q, x) in views.items():
                m = evaluate_run(rs.qrels, search_dense(q, x, rs.query_ids, rs.doc_ids, k=k))
                rows.append({"domain": d, "method": method, "width": w, **{c: m[c] for c in QUALITY}})
    native = {r["domain"]: r["nDCG@10"] for r in rows if r["method"] == "truncation" and r["width"] == native_dim}
    if set(native) != set(sets):
        raise ValueError(f"widths {list(widths)} must include the native width {native_dim}")
    return _with_kept(rows, native)


def precision_quality(
    sets: Mapping[str, RetrievalSet],
    query_vecs: Mapping[str, np.ndarray],
    doc_vecs: Mapping[str, np.ndarray],
    native_ndcg: Mapping[str, float],
    rescore: int,
    calibration: np.ndarray | None = None,
    k: int = 10,
) -> pd.DataFrame:
    """nDCG@10 and R@10 per domain, precision and rescoring; ``kept`` is the share of ``native_ndcg``
    (float32 at the native width). Rescored rows (int8 and binary) say how many candidates were
    rescored and what share of the domain's corpus that is (``candidates % of corpus``)."""
    rows = []
    for d, rs in sets.items():
        for precision in PRECISIONS:
            for resc in (None, rescore):
                if resc and precision in ("float32", "float16"):
                    continue  # nothing to rescore: these are (nearly) the float vectors
                s, ids = search_quantized(query_vecs[d], doc_vecs[d], precision, k=k, rescore=resc, calibration=calibration)
                m = evaluate_run(rs.qrels, ids_to_run(s, ids, rs.query_ids, rs.doc_ids))
                share = 100 * resc / len(rs.doc_ids) if resc else float("nan")
                rows.append({"domain": d, "precision": precision, "rescored": bool(resc), **{c: m[c] for c in QUALITY}, "candidates % of corpus": share})
    return _with_kept(rows, native_ndcg)


def mean_over_domains(table: pd.DataFrame, by: Sequence[str]) -> pd.DataFrame:
    """Mean of nDCG@10, R@10, kept (and candidates % of corpus, if there) over the domains, per ``by``."""
    cols = [*QUALITY, "kept", *(c for c in ("candidates % of corpus",) if c in table.columns)]
    return table.groupby(list(by), sort=False)[cols].mean()


# --------------------------------------------------------------------------- the rules
def smallest_width_keeping(table: pd.DataFrame, method: str, keep: float) -> int | None:
    """The smallest width whose mean ``kept`` (by ``method``) is at least ``keep``; None if none is.

    ``table`` is :func:`width_quality`'s output (one domain per row); the mean is over the domains.
    """
    part = table[table.method == method]
    if part.empty:
        return None
    mean = part.groupby("width")["kept"].mean()
    ok = mean[mean >= keep]
    return int(ok.index.min()) if len(ok) else None


def cheapest_precision_keeping(
    table: pd.DataFrame, keep: float, bytes_per: Mapping[str, float], rescored: bool, allowed: Sequence[str]
) -> str:
    """The precision in ``allowed`` with the fewest bytes whose mean ``kept`` is at least ``keep``.

    ``table`` is :func:`precision_quality`'s output. Without rescoring, only plain rows count; with
    it, the rescored rows and float32 (which needs no rescoring). float32 when nothing else keeps enough.
    """
    mean = mean_over_domains(table, ["precision", "rescored"]).reset_index()
    rows = mean[(mean.rescored | (mean.precision == "float32")) if rescored else ~mean.rescored]
    ok = [p for p in rows[rows.kept >= keep].precision if p in allowed]
    return min(ok, key=lambda p: bytes_per[p]) if ok else "float32"


def kept_of(table: pd.DataFrame, precision: str, rescored: bool) -> float:
    """Mean ``kept`` of ``precision`` in :func:`precision_quality`'s table (float rows have no rescored variant)."""
    mean = mean_over_domains(table, ["precision", "rescored"])
    return float(mean.loc[(precision, rescored and precision not in ("float32", "float16")), "kept"])


# --------------------------------------------------------------------------- the pool
@dataclass(frozen=True)
class Pool:
    """Where each domain's documents and test queries sit in the benchmark arrays (see the module text)."""

    doc_offsets: dict[str, int]
    query_slices: dict[str, slice]
    n_real: int
    n_total: int


def build_pool(
    doc_vecs: Mapping[str, np.ndarray],
    other_real: np.ndarray,
    query_vecs: Mapping[str, np.ndarray],
    n_total: int,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray, Pool]:
    """``(vectors, queries, pool)``: the domains' documents, then ``other_real``, grown to ``n_total``
    rows with synthetic vectors; the queries are the domains' queries stacked in the same order."""
    real = np.concatenate([*doc_vecs.values(), other_real])
    vectors = grow_vectors(real, n_total, seed=seed)
    starts = np.cumsum([0, *(len(v) for v in doc_vecs.values())])
    qstarts = np.cumsum([0, *(len(v) for v in query_vecs.values())])
    pool = Pool(
        doc_offsets={d: int(s) for d, s in zip(doc_vecs, starts, strict=False)},
        query_slices={d: slice(int(a), int(b)) for d, a, b in zip(query_vecs, qstarts[:-1], qstarts[1:], strict=True)},
        n_real=len(real),
        n_total=len(vectors),
    )
    return vectors, np.concatenate(list(query_vecs.values())), pool


def pool_ndcg(pool: Pool, sets: Mapping[str, RetrievalSet], scores: np.ndarray, ids: np.ndarray) -> dict[str, float]:
    """nDCG@10 per domain of results over the whole pool: a domain's own documents keep their ids,
    every other row is a distractor (never relevant, but it keeps its rank)."""
    out = {}
    for d, rs in sets.items():
        sl, off, n = pool.query_slices[d], pool.doc_offsets[d], len(rs.doc_ids)
        run = {
            qid: {(rs.doc_ids[j - off] if off <= j < off + n else f"pool:{j}"): float(s) for s, j in zip(srow, irow, strict=True) if j >= 0}
            for qid, srow, irow in zip(rs.query_ids, scores[sl], ids[sl], strict=True)
        }
        out[d] = evaluate_run(rs.qrels, run)["nDCG@10"]
    return out


def _rank_scores(ids: np.ndarray) -> np.ndarray:
    """Scores that keep an id array's order (for ranked lists whose own scores tie, such as Hamming)."""
    return np.broadcast_to(-np.arange(ids.shape[1], dtype=np.float32), ids.shape)


def rescoring_at_scale(
    vectors: np.ndarray,
    queries: np.ndarray,
    exact: tuple[np.ndarray, np.ndarray],
    pool: Pool,
    sets: Mapping[str, RetrievalSet],
    candidates: Sequence[int],
    precisions: Sequence[str] = ("int8", "binary"),
    calibration: np.ndarray | None = None,
    k: int = 10,
) -> pd.DataFrame:
    """Quantised search over the whole pool, alone and with float32 rescoring of each number of
    ``candidates``. Per row: candidates and their share of the pool, recall@k against exact float32
    search (``exact`` = its ``(scores, ids)``), mean nDCG@10 of the real test queries over the pool,
    and ``kept``: that nDCG@10 as a share of exact float32 search's over the same pool."""
    import pandas as pd

    ref = float(np.mean(list(pool_ndcg(pool, sets, *exact).values())))
    rows = [{"precision": "float32", "candidates": 0, "candidates % of pool": 0.0, f"recall@{k}": 1.0, "nDCG@10 (pool)": ref}]
    for precision in precisions:
        _, cand = top_k(quantized_scores(queries, vectors, precision, calibration), max(max(candidates), k))
        rows.append({"precision": precision, "candidates": 0, "candidates % of pool": 0.0, f"recall@{k}": recall_at_k(cand[:, :k], exact[1], k), "nDCG@10 (pool)": float(np.mean(list(pool_ndcg(pool, sets, _rank_scores(cand[:, :k]), cand[:, :k]).values())))})
        for c in sorted(candidates):
            s, i = rescore_candidates(queries, vectors, cand[:, : max(c, k)], k)
            rows.append({"precision": precision, "candidates": int(c), "candidates % of pool": 100 * c / len(vectors), f"recall@{k}": recall_at_k(i, exact[1], k), "nDCG@10 (pool)": float(np.mean(list(pool_ndcg(pool, sets, s, i).values())))})
    table = pd.DataFrame(rows)
    table["kept"] = table["nDCG@10 (pool)"] / ref
    return table.set_index(["precision", "candidates"])


# --------------------------------------------------------------------------- index and funnel benchmarks
def benchmark_indexes(
    vectors: np.ndarray,
    queries: np.ndarray,
    exact_ids: np.ndarray,
    kinds: Sequence[str] = INDEX_KINDS,
    log: Callable[[str], None] | None = None,
    **measure: Any,
) -> pd.DataFrame:
    """:func:`utils.search.index.measure_index` for each of ``kinds`` (``measure`` is passed on: k, nprobe,
    ef_search, n_latency, train_size, seed), one row per family, plus ``MiB total``, ``memory vs Flat``
    and ``speed-up (qps)`` against the ``Flat`` row (``kinds`` must include "Flat"). ``log`` gets one
    line per index as it is done (a progress report that reads the same in a saved notebook)."""
    import pandas as pd

    if "Flat" not in kinds:
        raise ValueError("kinds must include 'Flat': the other rows are compared with it")
    reports = []
    for kind in kinds:
        rep, index = measure_index(vectors, queries, kind, exact_ids, **measure)
        del index
        reports.append(rep.as_dict())
        if log is not None:
            log(f"{rep.kind:>13}: built in {rep.build_s:6.1f} s, recall {rep.recall:.3f}")
    table = pd.DataFrame(reports).set_index("kind")
    flat = table.loc["Flat (exact)"]
    table["MiB total"] = table.total_bytes / 2**20
    table["memory vs Flat"] = table.bytes_per_vector / flat.bytes_per_vector
    table["speed-up (qps)"] = table.qps / flat.qps
    return table


def benchmark_funnel(
    vectors: np.ndarray,
    queries: np.ndarray,
    exact: tuple[np.ndarray, np.ndarray],
    pool: Pool,
    sets: Mapping[str, RetrievalSet],
    reducers: Mapping[str, Callable[[np.ndarray, int], np.ndarray]],
    dim: int,
    candidates: int,
    flat_qps: float,
    k: int = 10,
) -> pd.DataFrame:
    """The funnel (:func:`utils.search.index.funnel_search`) with each first stage in ``reducers`` (name ->
    ``reduce(vectors, dim)``): recall@k of the small index alone and of the funnel against exact
    search, queries/s and the speed-up over ``flat_qps``, and nDCG@10 of the real test queries over the
    pool, for the funnel and for exact full-width search. One row per first stage."""
    import faiss
    import pandas as pd

    from utils.search.index import funnel_search

    full = float(np.mean(list(pool_ndcg(pool, sets, *exact).values())))
    rows = []
    for name, reduce in reducers.items():
        small = faiss.IndexFlatIP(dim)
        small.add(np.ascontiguousarray(reduce(vectors, dim)))
        funnel_search(queries[:8], vectors, dim, candidates, k, small_index=small, reduce=reduce)  # warm-up
        t0 = time.perf_counter()
        s, ids = funnel_search(queries, vectors, dim, candidates, k, small_index=small, reduce=reduce)
        qps = len(queries) / max(time.perf_counter() - t0, 1e-9)
        _, first = small.search(np.ascontiguousarray(reduce(queries, dim)), k)
        rows.append(
            {
                "first stage": f"{name} to {dim}",
                f"recall@{k} small index alone": recall_at_k(first, exact[1], k),
                f"recall@{k} funnel": recall_at_k(ids, exact[1], k),
                "candidates % of pool": 100 * candidates / len(vectors),
                "qps": qps,
                "speed-up vs Flat": qps / flat_qps,
                "small index bytes/vector": 4 * dim,
                "nDCG@10 funnel (pool)": float(np.mean(list(pool_ndcg(pool, sets, s, ids).values()))),
                "nDCG@10 full width (pool)": full,
            }
        )
    return pd.DataFrame(rows).set_index("first stage")
