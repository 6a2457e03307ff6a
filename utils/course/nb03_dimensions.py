"""Notebook 03's course code: quality against width and precision, the rules that choose a width and a
precision, rescoring at a realistic candidate fraction, the index benchmark (re-ranked indexes with their
store in RAM and on disk, and the verdict on recall against resident memory), the funnel benchmark, the
results record, its verdict sentences and plots.

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
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from utils.search.evaluate import evaluate_run, ids_to_run, search_dense, top_k
from utils.search.index import (
    INDEX_KINDS,
    PRECISIONS,
    bytes_per_vector,
    grow_vectors,
    is_refine,
    measure_index,
    pca_reduce,
    quantized_scores,
    recall_at_k,
    rescore_candidates,
    search_quantized,
    search_store_on_disk,
    write_store,
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
    store_dir: str | Path | None = None,
    refine_nprobe: int | None = None,
    **measure: Any,
) -> pd.DataFrame:
    """:func:`utils.search.index.measure_index` for each of ``kinds`` (``measure`` is passed on: k, nprobe,
    ef_search, n_latency, train_size, seed, k_factor), one row per index.

    A kind with a re-ranking stage (``,Refine(...)``) searches with ``refine_nprobe`` lists when given
    (re-ranking cannot bring back a neighbour its candidates never came from), reports the recall of its
    codes alone, and, with ``store_dir`` (a folder on the disk to measure), gets a second row: the
    same index with its refinement store on disk (:func:`utils.search.index.search_store_on_disk`, cold
    reads), written to a temporary folder there that is removed afterwards.
    Columns added: ``codes B/vector`` (what search walks: codes or vectors, ids, centroids, graph),
    ``store B/vector`` (the refinement store), ``store lives`` (RAM, disk or "-"), ``resident B/vector``
    (what the index holds in RAM: both in the first case, the codes alone on disk), ``x less than Flat``
    (Flat's resident bytes over this one's), ``MiB total`` (resident), ``memory vs Flat`` and
    ``speed-up (qps)`` (``kinds`` must include "Flat"). ``log`` gets one line per index as it is done.
    """
    import faiss
    import pandas as pd

    if "Flat" not in kinds:
        raise ValueError("kinds must include 'Flat': the other rows are compared with it")
    k = int(measure.get("k", 10))
    n_latency = int(measure.get("n_latency", 100))
    rows: list[dict[str, Any]] = []
    for kind in kinds:
        opts = dict(measure)
        refine = is_refine(kind)
        if refine and refine_nprobe is not None:
            opts["nprobe"] = refine_nprobe
        if not refine:
            opts.pop("k_factor", None)
        rep, index = measure_index(vectors, queries, kind, exact_ids, **opts)
        row = {**rep.as_dict(), "store lives": "RAM" if rep.store_bytes else "-", "resident": rep.total_bytes}
        if refine:
            _, ids = faiss.downcast_index(index).base_index.search(np.ascontiguousarray(queries, dtype=np.float32), k)
            row["recall codes alone"] = recall_at_k(ids, exact_ids, k)
        rows.append(row)
        if log is not None:
            note = f"; {rep.notes}" if rep.notes else ""
            log(f"{rep.kind:>26}: built in {rep.build_s:6.1f} s, recall {rep.recall:.3f}{note}")
        if refine and store_dir is not None:
            Path(store_dir).mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryDirectory(prefix="refine-store-", dir=store_dir) as tmp:  # removed afterwards
                write_store(index, Path(tmp) / "store.bin")
                _, ids, took = search_store_on_disk(index, queries, k, Path(tmp) / "store.bin", cold=True)
            rows.append({**row, "kind": f"{rep.kind}, store on disk", "store lives": "disk", "resident": rep.codes_bytes,
                         "recall": recall_at_k(ids, exact_ids, k), "latency_ms": float(np.median(took[:n_latency]) * 1000),
                         "qps": len(queries) / max(float(took.sum()), 1e-9), "notes": ""})
            if log is not None:
                log(f"{rows[-1]['kind']:>26}: store read from disk, recall {rows[-1]['recall']:.3f}")
        del index
    table = pd.DataFrame(rows).set_index("kind")
    table["codes B/vector"] = table.codes_bytes / table.n
    table["store B/vector"] = table.store_bytes / table.n
    table["resident B/vector"] = table.resident / table.n
    table["bytes_per_vector"] = table["resident B/vector"]
    flat = table.loc["Flat (exact)"]
    table["MiB total"] = table.resident / 2**20
    table["memory vs Flat"] = table["resident B/vector"] / flat["resident B/vector"]
    table["x less than Flat"] = flat["resident B/vector"] / table["resident B/vector"]
    table["speed-up (qps)"] = table.qps / flat.qps
    return table


#: The columns of notebook 03's index table, in reading order.
INDEX_COLUMNS = ("factory", "params", "candidates", "recall", "recall codes alone", "codes B/vector", "store B/vector",
                 "store lives", "resident B/vector", "x less than Flat", "latency_ms", "qps", "speed-up (qps)", "build_s")


def refine_verdict(table: pd.DataFrame, recall_goal: float = 0.95, memory_goal: float = 8.0, k: int = 10) -> dict[str, Any]:
    """Does any index reach recall@k >= ``recall_goal`` with >= ``memory_goal`` x less resident memory than
    Flat, and what does keeping a refinement store on disk cost? Computed from :func:`benchmark_indexes`'s
    table; returns ``{"reached": [...], "lines": [...], ...}`` (the lines are what notebook 03 prints, the
    first one naming the approximate indexes with the lowest and the highest recall)."""
    ok = table[(table.recall >= recall_goal) & (table["x less than Flat"] >= memory_goal)]
    approx = table.recall.drop("Flat (exact)")
    lines = [f"recall@{k}: lowest {approx.idxmin()} ({approx.min():.3f}), highest {approx.idxmax()} ({approx.max():.3f})"]
    for name, r in ok.iterrows():
        lines.append(f"{name}: recall@{k} {r.recall:.3f} with {r['x less than Flat']:.1f}x less resident memory "
                     f"than Flat ({r['resident B/vector']:,.0f} bytes/vector; refinement store: {r['store lives']})")
    if ok.empty:
        small = table[table["x less than Flat"] >= memory_goal]
        good = table[table.recall >= recall_goal].drop(index="Flat (exact)", errors="ignore")
        best_small = (f"the best recall at >= {memory_goal:g}x is {small.recall.idxmax()} ({small.recall.max():.3f})"
                      if len(small) else f"no index here is {memory_goal:g}x smaller than Flat")
        best_good = (f"the smallest index at >= {recall_goal} recall is {good['resident B/vector'].idxmin()} "
                     f"({good['x less than Flat'].max():.1f}x less than Flat)" if len(good) else f"no approximate index reaches {recall_goal}")
        lines.append(f"no index reaches recall@{k} >= {recall_goal} at >= {memory_goal:g}x less resident memory on "
                     f"these vectors: {best_small}; {best_good}")
    in_ram = table[table["store lives"] == "RAM"]
    for name, r in in_ram.iterrows():
        share = r["store B/vector"] / r["resident B/vector"]
        lines.append(f"{name}, store in RAM: {r['codes B/vector']:,.0f} bytes of codes + {r['store B/vector']:,.0f} of "
                     f"refinement store per vector ({share:.0%} of it the store): {r['x less than Flat']:.1f}x less than Flat, "
                     f"recall@{k} {r.recall:.3f} ({r['recall codes alone']:.3f} from the codes alone)")
        disk = f"{name}, store on disk"
        if disk in table.index:
            d = table.loc[disk]
            lines.append(f"{disk}: {d['resident B/vector']:,.0f} bytes/vector resident ({d['x less than Flat']:.1f}x less "
                         f"than Flat); each query reads {int(d.candidates)} rows of {r['store B/vector']:,.0f} bytes from "
                         f"disk: {d.latency_ms:.2f} ms per query (cold reads) against {r.latency_ms:.2f} ms with the store in RAM "
                         f"({d.latency_ms / r.latency_ms:.1f}x)")
    return {"recall_goal": recall_goal, "memory_goal": memory_goal, "reached": list(ok.index), "lines": lines}


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


# --------------------------------------------------------------------------- reading the numbers
def plain(x: float) -> str:
    """A table's number as a reader wants it: 12,232 queries/s, 1,536 bytes, 64.8 bytes, recall 0.903.

    Whole numbers of 10 or more lose their decimals; 1,000 and more get none; 100-1,000 one; below that
    three. notebook 03 sets it as pandas' float format (:func:`setup_display`)."""
    if not np.isfinite(x):
        return str(x)
    a = abs(x)
    if a >= 1000 or (a >= 10 and float(x).is_integer()):
        return f"{x:,.0f}"
    if a >= 100:
        return f"{x:,.1f}"
    return f"{x:.3f}"


def setup_display() -> None:
    """pandas shows floats with :func:`plain` (no scientific notation) and long labels in full."""
    import pandas as pd

    pd.set_option("display.float_format", plain)
    pd.set_option("display.max_colwidth", None)


def _f(x: float | None) -> float:
    """A saved number back as a float (the results JSON stores NaN as null)."""
    return float("nan") if x is None else float(x)


def share(x: float | None) -> str:
    """A kept share as a percentage; above 100% it says so in words (the cheaper form scored higher)."""
    x = _f(x)
    if not np.isfinite(x):
        return "n/a"
    text = f"{x:.1%}"
    return f"{text}, i.e. a little more than the reference" if round(x, 3) > 1 else text


def versions() -> str:
    """faiss (and the GPUs it sees) and scikit-learn versions."""
    import faiss
    import sklearn

    return f"faiss {faiss.__version__} | GPUs seen by faiss: {faiss.get_num_gpus()} | scikit-learn {sklearn.__version__}"


def load_splits(domains: Sequence[str]) -> tuple[dict[str, RetrievalSet], dict[str, RetrievalSet]]:
    """Each domain's test and train split; they must share the corpus (the documents are embedded once)."""
    from utils.data.beir import load_domain

    test = {d: load_domain(d, "test") for d in domains}
    train = {d: load_domain(d, "train") for d in domains}
    for d in domains:
        if train[d].doc_ids != test[d].doc_ids:
            raise ValueError(f"{d}: the train and test splits have different corpora; rebuild data/ (data/_gen)")
    return test, train


def probe_dimensions(embed: Callable[..., np.ndarray], texts: list[str], widths: Sequence[int]) -> dict[int, np.ndarray] | None:
    """The server's vectors of ``texts`` at each width (``dimensions=w``), or None when it refuses
    ``dimensions`` (SGLang without the Matryoshka override answers with an error)."""
    try:
        return {w: embed(texts, dimensions=w) for w in widths}
    except ValueError as exc:
        print("the server refused `dimensions`:", exc)
        return None


def truncation_error(served: Mapping[int, np.ndarray], full: np.ndarray) -> float:
    """Largest |server's vector at width w - truncate_and_normalize(full, w)| over the widths probed."""
    return max(float(np.abs(v - truncate_and_normalize(full, w)).max()) for w, v in served.items())


def plot_width_quality(quality: pd.DataFrame, native_ndcg: pd.Series, title: str) -> None:
    """nDCG@10 against width, truncation and PCA, one panel per domain; dotted: the native width."""
    import matplotlib.pyplot as plt

    domains = list(native_ndcg.index)
    fig, axes = plt.subplots(1, len(domains), figsize=(4 * len(domains), 3.2), sharey=True)
    for ax, d in zip(np.atleast_1d(axes), domains, strict=True):
        for method, style in (("truncation", "o-"), ("PCA", "s--")):
            part = quality[(quality.domain == d) & (quality.method == method)]
            ax.plot(part.width, part["nDCG@10"], style, label=method)
        ax.axhline(native_ndcg[d], color="grey", lw=0.8, ls=":")
        ax.set_xscale("log", base=2)
        ax.set_title(d)
        ax.set_xlabel("output width")
    np.atleast_1d(axes)[0].set_ylabel("nDCG@10")
    np.atleast_1d(axes)[0].legend()
    fig.suptitle(title)
    plt.tight_layout()
    plt.show()


def matryoshka_verdict(mean_q: pd.DataFrame, width: int, gap: float) -> dict[str, Any]:
    """What truncation and PCA keep at ``width`` (mean over domains) and the verdict: "Matryoshka-like"
    when truncation keeps within ``gap`` of PCA, else "not Matryoshka-trained"."""
    trunc = float(mean_q.loc[width, ("kept", "truncation")])
    col = ("kept", "PCA")
    pca = float(mean_q.loc[width, col]) if col in mean_q.columns and np.isfinite(mean_q.loc[width, col]) else float("nan")
    lesson = "Matryoshka-like" if trunc >= pca - gap else "not Matryoshka-trained"
    return {"width": width, "truncation": trunc, "PCA": pca, "lesson": lesson,
            "lines": [f"at {width} dims: truncation keeps {share(trunc)} of native nDCG@10, PCA keeps {share(pca)}",
                      f"-> truncation behaves {lesson} here (gap to PCA: {pca - trunc:+.1%} of native quality)"]}


def choose_width(quality_train: pd.DataFrame, mean_q: pd.DataFrame, keep: float, native_dim: int, domains: Sequence[str]) -> dict[str, Any]:
    """The recommended width: the smallest whose mean train-query nDCG@10 keeps ``keep`` of native, by
    truncation (and, for reference, by PCA); chosen on train, reported on test (``mean_q``)."""
    rec = smallest_width_keeping(quality_train, "truncation", keep) or native_dim
    rec_pca = smallest_width_keeping(quality_train, "PCA", keep)
    part = quality_train[(quality_train.method == "truncation") & (quality_train.width == rec)]
    kept_train, kept_test = float(part.kept.mean()), float(mean_q.loc[rec, ("kept", "truncation")])
    carried = "on test it also meets the rule" if kept_test >= keep else (
        f"on test it falls below {keep:.0%}: the train choice does not carry over exactly (few queries; see the per-domain table)")
    return {
        "recommended_dim": rec, "recommended_dim_pca": rec_pca, "kept": {"train": kept_train, "test": kept_test},
        "rule": f"smallest width whose mean train-query nDCG@10 over {list(domains)} keeps >= {keep} of the native width's, by Matryoshka truncation",
        "lines": [f"recommended width (truncation, chosen on train: keeps >= {keep:.0%} of native nDCG@10): {rec} of {native_dim}",
                  f"  keeps {share(kept_train)} on train (where it was chosen), {share(kept_test)} on test (reported)",
                  f"with PCA instead (chosen on train): {rec_pca}", f"-> {carried}"],
    }


def choose_precision(quant: pd.DataFrame, quant_train: pd.DataFrame, keep: float, bytes_of: Mapping[str, float],
                     allowed: Sequence[str], rescore: int) -> dict[str, Any]:
    """The recommended precision, without and with rescoring (chosen on train, reported on test), and
    what int8 and binary keep on test."""
    plain_p = cheapest_precision_keeping(quant_train, keep, bytes_of, rescored=False, allowed=allowed)
    resc_p = cheapest_precision_keeping(quant_train, keep, bytes_of, rescored=True, allowed=allowed)
    kept = {name: kept_of(quant, p, r) for name, p, r in (("binary", "binary", False), ("binary_rescored", "binary", True), ("int8", "int8", False))}
    shares = quant[quant.rescored]["candidates % of corpus"]
    lo, hi = float(shares.min()), float(shares.max())
    x32 = bytes_of["float32"] / bytes_of["binary"]
    lines = [f"binary is {x32:.0f}x smaller than float32; keeps {share(kept['binary'])} alone, "
             f"{share(kept['binary_rescored'])} with rescoring of {rescore}",
             f"  those {rescore} candidates are {lo:.1f}-{hi:.1f}% of each corpus: nearly a float search of everything "
             "(section 5 measures a realistic fraction)",
             f"int8 keeps {share(kept['int8'])} at {bytes_of['float32'] / bytes_of['int8']:.0f}x smaller",
             f"recommended precision, chosen on train: {plain_p} (no rescoring), {resc_p} (with float rescoring)"]
    chosen = {}
    for key, p, r in (("precision", plain_p, False), ("precision_rescored", resc_p, True)):
        chosen[key] = {"train": kept_of(quant_train, p, r), "test": kept_of(quant, p, r)}
        lines.append(f"  {'with' if r else 'no'} rescoring: {p} keeps {share(chosen[key]['train'])} on train, "
                     f"{share(chosen[key]['test'])} on test")
    return {"recommended_precision": plain_p, "recommended_precision_rescored": resc_p, "kept": kept, "chosen": chosen,
            "rescored_share": [lo, hi], "lines": lines,
            "rule": f"the precision (of {', '.join(allowed)}) with the fewest bytes keeping >= {keep} of float32 nDCG@10 "
                    "on the train queries, without rescoring",
            "rule_rescored": f"the same with rescoring of {rescore} candidates in float32 ({lo:.1f}-{hi:.1f}% of each corpus)"}


def pareto(points: pd.DataFrame, x: str) -> pd.DataFrame:
    """Rows no other row beats on both recall (higher) and ``x`` (lower), sorted by ``x``."""
    keep = [i for i, r in points.iterrows()
            if not any((o.recall >= r.recall) and (o[x] <= r[x]) and ((o.recall > r.recall) or (o[x] < r[x])) for _, o in points.iterrows())]
    return points.loc[keep].sort_values(x)


def plot_pareto(table: pd.DataFrame, title: str, k: int = 10) -> None:
    """Recall against latency and against resident memory, with each Pareto front (upper left is better)."""
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(12, 4.2), sharey=True)
    for ax, x, label in ((axes[0], "latency_ms", "latency per query, ms (log)"),
                         (axes[1], "resident B/vector", "resident memory per vector, bytes (log)")):
        ax.scatter(table[x], table.recall, s=40)
        for name, r in table.iterrows():
            ax.annotate(name, (r[x], r.recall), textcoords="offset points", xytext=(5, 4), fontsize=7)
        front = pareto(table, x)
        ax.step(front[x], front.recall, where="post", color="grey", lw=0.8, ls="--", label="Pareto front")
        ax.set_xscale("log")
        ax.set_xlabel(label)
    axes[0].set_ylabel(f"recall@{k} vs exact")
    axes[0].legend(loc="lower right")
    fig.suptitle(title)
    plt.tight_layout()
    plt.show()


def plot_rescoring(at_scale: pd.DataFrame, title: str, k: int = 10) -> None:
    """What rescoring buys back against the share of the pool it rescores (int8 and binary)."""
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(11, 3.4))
    for ax, col in zip(axes, [f"recall@{k}", "kept"], strict=True):
        for precision in ("int8", "binary"):
            part = at_scale.loc[precision].drop(index=0)
            ax.plot(part["candidates % of pool"], part[col], "o-", label=f"{precision} + rescoring")
            ax.axhline(float(at_scale.loc[(precision, 0), col]), ls=":", lw=0.8, color=ax.lines[-1].get_color(), label=f"{precision} alone")
        ax.set_xscale("log")
        ax.set_xlabel("candidates rescored, % of the pool (log)")
        ax.set_ylabel(col + (" vs exact float32" if col.startswith("recall") else ": share of float32 nDCG@10 over the pool"))
    axes[0].legend(fontsize=8)
    fig.suptitle(title)
    plt.tight_layout()
    plt.show()


def rescoring_summary(at_scale: pd.DataFrame, candidates: int, n_total: int, domains_ndcg: float,
                      small_corpora: Mapping[str, Any], k: int = 10) -> dict[str, Any]:
    """What binary keeps over the pool alone and rescoring ``candidates``, and the share of its loss
    that rescoring recovers; ``small_corpora`` is :func:`choose_precision`'s result (section 3)."""
    row = at_scale.loc[("binary", candidates)] if ("binary", candidates) in at_scale.index else at_scale.loc["binary"].iloc[-1]
    alone, resc = float(at_scale.loc[("binary", 0), "kept"]), float(row["kept"])
    recovered = (resc - alone) / (1 - alone) if alone < 0.99 else float("nan")
    lo, hi = small_corpora["rescored_share"]
    on_domains = small_corpora["kept"]["binary_rescored"]
    lines = [f"float32 nDCG@10 over the pool {float(at_scale.loc[('float32', 0), 'nDCG@10 (pool)']):.3f}, on the domains "
             f"alone {domains_ndcg:.3f}: the pool's distractors cost that much",
             f"binary over {n_total:,} vectors keeps {share(alone)} alone, {share(resc)} rescoring {candidates} candidates "
             f"({row['candidates % of pool']:.2f}% of the pool), recall@{k} {float(at_scale.loc[('binary', 0), f'recall@{k}']):.3f} "
             f"-> {row[f'recall@{k}']:.3f}",
             f"  on the domains alone, with {lo:.1f}-{hi:.1f}% of each corpus rescored, it kept {share(on_domains)}: the "
             f"small corpora flatter rescoring by {on_domains - resc:+.1%}",
             f"-> rescoring recovers {recovered:.0%} of binary's loss at that fraction ({'most' if recovered >= 0.5 else 'less than half'} "
             "of it); published for comparison: ~92.5% alone, ~96% rescored (HF blog)"]
    return {"n_vectors": n_total, "candidates": candidates, "binary_kept": alone, "binary_rescored_kept": resc,
            "recovered": recovered, "table": at_scale.reset_index().to_dict(orient="records"), "lines": lines}


def funnel_summary(funnel: pd.DataFrame, first_stage: str, dim: int, candidates: int, native_dim: int, k: int = 10) -> dict[str, Any]:
    """The funnel's recall, kept quality and speed-up with ``first_stage`` ("truncation" or "PCA"), the share
    of the small index's misses it repairs, and which small view gives better candidates."""
    r = funnel.loc[f"{first_stage} to {dim}"]
    recall, speedup = float(r[f"recall@{k} funnel"]), float(r["speed-up vs Flat"])
    kept = float(r["nDCG@10 funnel (pool)"] / r["nDCG@10 full width (pool)"])
    alone = float(r[f"recall@{k} small index alone"])
    repaired = (recall - alone) / (1 - alone) if alone < 1 else float("nan")
    lines = [f"funnel ({first_stage}, {dim} of {native_dim} dims, {candidates} candidates = {r['candidates % of pool']:.2f}% of "
             f"the pool): recall@{k} {recall:.3f}, keeps {share(kept)} of full-width nDCG@10, {speedup:.2f}x the Flat queries/s",
             "-> faster than a full-width scan here" if speedup > 1 else
             "-> not faster than a full-width scan at this size: the scan is already cheap",
             f"the funnel repairs {repaired:.0%} of the small index's misses (recall@{k} {alone:.3f} -> {recall:.3f})"]
    gap = float("nan")
    col = f"recall@{k} small index alone"
    if f"PCA to {dim}" in funnel.index:
        gap = float(funnel.loc[f"PCA to {dim}", col] - funnel.loc[f"truncation to {dim}", col])
        better = "PCA" if gap > 0.01 else "truncation" if gap < -0.01 else "neither (within 0.01)"
        lines.append(f"first stage alone: PCA minus truncation recall@{k} = {gap:+.3f} -> better small view here: {better}")
    return {"dim": dim, "candidates": candidates, "first_stage": first_stage, "table": funnel.reset_index().to_dict(orient="records"),
            "recall": recall, "kept": kept, "speedup": speedup, "faster_than_flat": bool(speedup > 1),
            "pca_minus_truncation_first_stage_recall": None if np.isnan(gap) else gap, "lines": lines}


def storage_choices(bytes_of: Mapping[str, float], native_dim: int, recommended_dim: int, index_table: pd.DataFrame) -> dict[str, float]:
    """Bytes per vector of each storage choice of section 7: raw vectors per precision, the recommended
    width, and every index row's resident bytes (a refine index with its store in RAM or on disk)."""
    choices = {f"{p} x {native_dim}": float(bytes_of[p]) for p in PRECISIONS}
    if recommended_dim != native_dim:
        choices[f"float32 x {recommended_dim} (recommended width)"] = float(bytes_per_vector(recommended_dim, "float32"))
        choices[f"binary x {recommended_dim}"] = float(bytes_per_vector(recommended_dim, "binary"))
    for name, r in index_table.iterrows():
        if name != "Flat (exact)":
            choices[f"index {name} ({r.factory})"] = float(r["resident B/vector"])
    return choices


def ratios(results: Mapping[str, Any]) -> dict[str, float]:
    """Section 8's ratios, each measured in this run, from notebook 03's results record."""
    b = results["bytes_per_vector"]
    idx = {row["kind"]: row for row in results["index"]["table"]}
    flat = idx["Flat (exact)"]
    mrl, rec, at_scale, funnel = results["kept_at_smallest_width"], results["recommended_dim"], results["rescoring_at_scale"], results["funnel"]
    out = {
        "memory saved: binary vs float32": b["float32"] / b["binary"],
        "memory saved: int8 vs float32": b["float32"] / b["int8"],
        f"memory saved: width {rec} vs {results['native_dim']}": results["native_dim"] / rec,
        "memory saved: IVF-PQ vs Flat": flat["resident B/vector"] / idx["IVF-PQ"]["resident B/vector"],
        "memory cost: HNSW32 vs Flat": idx["HNSW32"]["resident B/vector"] / flat["resident B/vector"],
        "speed-up: HNSW32 vs Flat (qps)": idx["HNSW32"]["qps"] / flat["qps"],
        "speed-up: IVF-Flat vs Flat (qps)": idx["IVF-Flat"]["qps"] / flat["qps"],
        "speed-up: funnel vs Flat (qps)": funnel["speedup"],
        "recall kept: HNSW32": idx["HNSW32"]["recall"],
        "recall kept: IVF-PQ": idx["IVF-PQ"]["recall"],
        "recall kept: funnel": funnel["recall"],
        "quality kept: binary": results["kept"]["binary"],
        "quality kept: binary + rescoring": results["kept"]["binary_rescored"],
        f"quality kept: binary + rescoring {at_scale['candidates']} of {at_scale['n_vectors']:,} (pool)": at_scale["binary_rescored_kept"],
        f"quality kept: width {mrl['width']} (truncation)": mrl["truncation"],
        f"quality kept: width {mrl['width']} (PCA)": mrl["PCA"],
        f"quality kept: width {rec} (truncation)": results["recommended_kept"]["dim"]["test"],
    }
    return {k: _f(v) for k, v in out.items()}


def verdict_lines(results: Mapping[str, Any]) -> list[str]:
    """The closing verdicts of notebook 03, each computed from its results record (its test recomputes them)."""
    mrl, b, kept = results["kept_at_smallest_width"], results["bytes_per_vector"], results["kept"]
    lo, hi = results["rescored_share"]
    at, fun = results["rescoring_at_scale"], results["funnel"]
    idx = results["index"]
    table = {row["kind"]: row for row in idx["table"]}
    approx = {name: row["recall"] for name, row in table.items() if name != "Flat (exact)"}
    worst = min(approx, key=lambda n: approx[n])
    ref = results["refine"]
    reached = "; ".join(ref["reached"]) if ref["reached"] else "none (section 4 says why, from the table)"
    lines = [
        f"width: {results['recommended_dim']} of {results['native_dim']} (chosen on train) keeps "
        f"{share(results['recommended_kept']['dim']['test'])} of native nDCG@10 on test; truncation verdict: {mrl['lesson']} "
        f"({share(mrl['truncation'])} vs PCA {share(mrl['PCA'])} at {mrl['width']} dims)",
        f"int8: keeps {share(kept['int8'])} at {b['float32'] / b['int8']:.0f}x smaller",
        f"binary: {b['float32'] / b['binary']:.0f}x smaller; on the small corpora it keeps {share(kept['binary'])} alone, "
        f"{share(kept['binary_rescored'])} rescoring {lo:.0f}-{hi:.0f}% of each corpus (nearly exhaustive)",
        f"binary at a realistic fraction ({at['candidates']} of {at['n_vectors']:,} vectors): keeps {share(at['binary_kept'])} alone, "
        f"{share(at['binary_rescored_kept'])} rescored; rescoring recovers {_f(at['recovered']):.0%} of the loss "
        f"({'most' if _f(at['recovered']) >= 0.5 else 'less than half'} of it)",
        f"indexes at {idx['n_vectors']:,} vectors: lowest recall@{results['k']} {worst} ({approx[worst]:.3f})",
        f"recall@{results['k']} >= {ref['recall_goal']} at >= {ref['memory_goal']:g}x less resident memory than Flat: {reached}",
        f"funnel ({fun['first_stage']} to {fun['dim']}): recall@{results['k']} {fun['recall']:.3f}, keeps {share(fun['kept'])} of "
        f"full-width nDCG@10, {'faster' if fun['faster_than_flat'] else 'not faster'} than a full scan ({fun['speedup']:.2f}x) "
        f"at {idx['n_vectors']:,} vectors",
        f"storage at 100M documents: {results['storage']['too_big']} of {len(results['storage']['table'])} choices exceed "
        f"{results['storage']['machine_gib']} GiB on one machine",
        f"lessons asserted: {len(results['asserts'])}, all passed (measured values, thresholds and margins: section 9)",
    ]
    return lines


def precision_record(prec: Mapping[str, Any], width: Mapping[str, Any], quant: pd.DataFrame, quant_train: pd.DataFrame,
                     quant_table: pd.DataFrame, bytes_of: Mapping[str, float]) -> dict[str, Any]:
    """The results-record entries of sections 2-3: the choices, their rules, what they keep, the tables."""
    return {
        "recommended_precision": prec["recommended_precision"],
        "recommended_precision_rescored": prec["recommended_precision_rescored"],
        "recommendation_split": "train", "reported_split": "test", "kept": dict(prec["kept"]),
        "rescored_share": list(prec["rescored_share"]),
        "recommendation_rules": {"recommended_dim": width["rule"], "recommended_precision": prec["rule"],
                                 "recommended_precision_rescored": prec["rule_rescored"],
                                 "scope": "measured for the base model of this mode; re-measure for a fine-tuned model"},
        "recommended_kept": {"dim": dict(width["kept"]), **prec["chosen"]},
        "quantisation": quant.to_dict(orient="records"),
        "quantisation_mean": quant_table.reset_index().to_dict(orient="records"),
        "quantisation_train_mean": mean_over_domains(quant_train, ["precision", "rescored"]).reset_index().to_dict(orient="records"),
        "bytes_per_vector": dict(bytes_of),
    }


def index_record(table: pd.DataFrame, pool: Pool, n_queries: int, **knobs: Any) -> dict[str, Any]:
    """The results-record entry of section 4: the pool's size, the knobs and the index table."""
    import faiss

    return {"n_vectors": pool.n_total, "n_real": pool.n_real, "n_queries": n_queries, **knobs, "faiss_gpus": faiss.get_num_gpus(),
            "source": "real documents and sentences embedded by the model, grown with synthetic vectors (grow_vectors)",
            "table": table.reset_index().to_dict(orient="records")}


def native_ndcg(quality: pd.DataFrame, native_dim: int) -> pd.Series:
    """Each domain's nDCG@10 at the native width (truncation at the native width is the native vector)."""
    part = quality[(quality.method == "truncation") & (quality.width == native_dim)]
    return part.set_index("domain")["nDCG@10"]
