"""Smaller vectors and faster search: PCA, quantisation, FAISS index builders, recall, funnel search.

Introduced in notebook 03_dimensions_quantisation_faiss; notebook 05 reuses the index builders.

What is library code and what is written here:

* Matryoshka truncation is :func:`utils.serving.qwen3.truncate_and_normalize` (reused, not rewritten);
  PCA is scikit-learn's; int8 and binary quantisation are sentence-transformers'
  ``quantize_embeddings``; every index comes from ``faiss.index_factory``.
* Written here, because they are what the lesson is about: searching with quantised codes and
  rescoring the candidates in float (:func:`search_quantized`), the funnel search
  (:func:`funnel_search`), recall against exact search (:func:`recall_at_k`), the measurement of an
  index (:func:`measure_index`) and the storage arithmetic (:func:`storage_table`).
* :func:`grow_vectors` makes synthetic vectors from real ones, for index benchmarks at a scale the
  shipped corpora do not reach. Results on them are about speed and memory, not retrieval quality.
* Compressed codes plus re-ranking (:data:`REFINE_KINDS`) are faiss' own ``IndexRefine`` (factory
  suffix ``,Refine(SQ8)``): the base index proposes ``k * k_factor`` candidates from its small codes and
  a second store of every vector re-ranks them. :func:`resident_bytes` splits what such an index holds
  into the codes (with ids, centroids or graph) and the refinement store; :func:`search_store_on_disk`
  is the same search with the store read from a file, one read per candidate, which is what keeping
  the store on disk instead of in RAM costs (written here: it is the lesson).

GPU: :func:`build_index` puts the index on the GPU when ``faiss.get_num_gpus() > 0`` (a ``faiss-gpu``
build) and the index type exists on the GPU (Flat, IVF-Flat, IVF-PQ); HNSW and the flat scalar
quantiser stay on the CPU. The GPU branch follows the faiss documentation and is untested on the
CPU-only machines the course is checked on.
"""

from __future__ import annotations

import math
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from utils.search.evaluate import ids_to_run, top_k  # noqa: F401 - ids_to_run is part of this module's API (notebook 03)
from utils.serving.qwen3 import truncate_and_normalize

if TYPE_CHECKING:  # imported lazily so that `import utils.search.index` stays cheap
    import faiss
    import pandas as pd
    from sklearn.decomposition import PCA

PRECISIONS = ("float32", "float16", "int8", "binary")
#: Index families compared in notebook 03 (``{nlist}`` and ``{m}`` are filled by :func:`factory_string`).
INDEX_KINDS = ("Flat", "HNSW32", "IVF{nlist},Flat", "IVF{nlist},PQ{m}", "SQ8")
#: Compressed codes re-ranked by a finer store over ``k * k_factor`` candidates (faiss ``IndexRefine``):
#: IVF-PQ codes, the same after an OPQ rotation, and binary codes (one sign bit per dimension, faiss'
#: ``IndexLSH`` without rotation), each re-ranked with int8 codes of every vector (``SQ8``).
REFINE_KINDS = ("IVF{nlist},PQ{m},Refine(SQ8)", "OPQ{m},IVF{nlist},PQ{m},Refine(SQ8)", "LSH,Refine(SQ8)")
#: Iterations of OPQ's rotation training (faiss' default is 50; each one trains a product quantiser, so the
#: default made the OPQ index the slowest build of notebook 03 by far).
OPQ_ITERATIONS = 10
#: Index types that ``faiss.index_cpu_to_gpu`` can move to a GPU (prefixes of the factory string).
GPU_KINDS = ("Flat", "IVF")
#: Bytes in a GiB (2**30): the storage unit of :func:`storage_table`, as in notebook 05.
GIB = 2**30


# --------------------------------------------------------------------------- vectors
def normalize_rows(vectors: np.ndarray) -> np.ndarray:
    """L2-normalise each row (float32). Same as ``truncate_and_normalize(v, None)``."""
    return truncate_and_normalize(vectors, None)


def fit_pca(vectors: np.ndarray, n_components: int | None = None, seed: int = 0) -> PCA:
    """Fit scikit-learn's PCA on ``vectors`` (the corpus, never the test queries).

    ``n_components`` defaults to as many as the data allows (``min(n, d)``). The components come
    sorted by explained variance, so one fit serves every smaller width (:func:`pca_reduce`).
    """
    from sklearn.decomposition import PCA

    x = np.asarray(vectors, dtype=np.float32)
    limit = min(x.shape)
    n = limit if n_components is None else min(int(n_components), limit)
    return PCA(n_components=n, svd_solver="full", random_state=seed).fit(x)


def pca_reduce(vectors: np.ndarray, pca: PCA, dim: int) -> np.ndarray:
    """Project onto the first ``dim`` principal components, then L2-normalise.

    Introduced in notebook 03 as the baseline for Matryoshka truncation: PCA finds the best linear
    ``dim``-wide view of *your* corpus, whatever the model was trained for.
    """
    n = int(pca.n_components_)
    if dim > n:
        raise ValueError(
            f"this PCA has {n} components (at most min(samples, width)); cannot reduce to {dim}. Fit it on more vectors."
        )
    projected = pca.transform(np.asarray(vectors, dtype=np.float32)).astype(np.float32)
    return truncate_and_normalize(projected, dim)


def grow_vectors(
    real: np.ndarray, n_total: int, mix: float = 0.5, noise: float = 0.5, seed: int = 0
) -> np.ndarray:
    """Grow ``real`` unit vectors to ``n_total`` rows with synthetic ones (the real rows come first).

    Each synthetic row is ``normalise((1 - t) * a + t * b + noise * s * g)``: ``a`` and ``b`` are two
    random real rows, ``t ~ U(0, mix)``, ``g`` standard normal and ``s`` the real vectors' per-dimension
    standard deviation (so the noise has the real data's shape, not a sphere's). Introduced in
    notebook 03 to benchmark indexes at 100k+ vectors; such vectors carry no meaning, only the real
    model's width and roughly its geometry.
    """
    x = normalize_rows(real)
    n_real, d = x.shape
    if n_total <= n_real:
        return x[:n_total].copy()
    rng = np.random.default_rng(seed)
    m = n_total - n_real
    std = x.std(axis=0).astype(np.float32)
    out = np.empty((n_total, d), dtype=np.float32)
    out[:n_real] = x
    step = 50_000
    for start in range(0, m, step):
        size = min(step, m - start)
        a = x[rng.integers(0, n_real, size)]
        b = x[rng.integers(0, n_real, size)]
        t = rng.uniform(0.0, mix, size=(size, 1)).astype(np.float32)
        g = rng.standard_normal((size, d), dtype=np.float32)
        out[n_real + start : n_real + start + size] = normalize_rows((1 - t) * a + t * b + noise * std * g)
    return out


# --------------------------------------------------------------------------- quantisation
def int8_ranges(calibration: np.ndarray) -> np.ndarray:
    """Per-dimension ``[min, max]`` of the calibration vectors (the corpus): the int8 scale, shape ``(2, d)``."""
    x = np.asarray(calibration, dtype=np.float32)
    return np.stack([x.min(axis=0), x.max(axis=0)])


def quantize(vectors: np.ndarray, precision: str, ranges: np.ndarray | None = None) -> np.ndarray:
    """Quantise float vectors to ``precision`` (one of :data:`PRECISIONS`).

    ``int8`` and ``binary`` come from sentence-transformers' ``quantize_embeddings``: int8 splits each
    dimension's range (``ranges``, from :func:`int8_ranges` on the corpus) into 256 buckets; binary
    keeps the sign bit and packs 8 dimensions per byte (``ubinary``). ``float16`` is a plain cast.
    Introduced in notebook 03.
    """
    x = np.asarray(vectors, dtype=np.float32)
    if precision == "float32":
        return x
    if precision == "float16":
        return x.astype(np.float16)
    if precision not in ("int8", "binary"):
        raise ValueError(f"precision must be one of {', '.join(PRECISIONS)}; got {precision!r}")
    from sentence_transformers.util.quantization import quantize_embeddings

    if precision == "int8":
        if ranges is None:
            raise ValueError(
                "int8 needs ranges from calibration vectors (int8_ranges(corpus)), so every vector shares one scale."
            )
        return quantize_embeddings(x, precision="int8", ranges=np.asarray(ranges, dtype=np.float32))
    return quantize_embeddings(x, precision="ubinary")


def dequantize_int8(codes: np.ndarray, ranges: np.ndarray) -> np.ndarray:
    """Centre of each int8 code's bucket (the inverse of sentence-transformers' int8 mapping)."""
    start = ranges[0].astype(np.float32)
    steps = (ranges[1] - ranges[0]).astype(np.float32) / 255
    steps = np.where(steps == 0, 1, steps)
    return start + (np.asarray(codes, dtype=np.float32) + 128.5) * steps


def bytes_per_vector(dim: int, precision: str) -> float:
    """Storage of one ``dim``-wide vector at ``precision``, without any index overhead."""
    per_dim = {"float32": 4.0, "float16": 2.0, "int8": 1.0, "binary": 1 / 8}
    if precision not in per_dim:
        raise ValueError(f"precision must be one of {', '.join(PRECISIONS)}; got {precision!r}")
    return float(math.ceil(dim / 8)) if precision == "binary" else dim * per_dim[precision]


def hamming_scores(query_bits: np.ndarray, doc_bits: np.ndarray) -> np.ndarray:
    """Minus the Hamming distance between packed bit vectors (higher = more similar)."""
    q = np.unpackbits(np.asarray(query_bits, dtype=np.uint8), axis=1).astype(np.float32)
    d = np.unpackbits(np.asarray(doc_bits, dtype=np.uint8), axis=1).astype(np.float32)
    # popcount(q xor d) = |q| + |d| - 2 q.d for bits in {0, 1}
    return -(q.sum(1, keepdims=True) + d.sum(1)[None, :] - 2 * q @ d.T)


def quantized_scores(
    query_vecs: np.ndarray, doc_vecs: np.ndarray, precision: str, calibration: np.ndarray | None = None
) -> np.ndarray:
    """Scores of every document for each query when the documents are stored at ``precision``.

    float16 and int8: the query stays float32 and meets the stored documents (int8 decoded to its
    bucket centres, as faiss' SQ8 does); binary: query and documents are both binarised and compared
    by minus the Hamming distance. ``calibration`` (default: the documents) sets the int8 ranges.
    """
    q = np.asarray(query_vecs, dtype=np.float32)
    if precision == "binary":
        return hamming_scores(quantize(q, "binary"), quantize(doc_vecs, "binary"))
    if precision == "int8":
        ranges = int8_ranges(doc_vecs if calibration is None else calibration)
        return q @ dequantize_int8(quantize(doc_vecs, "int8", ranges), ranges).T
    return q @ quantize(doc_vecs, precision).astype(np.float32).T


def search_quantized(
    query_vecs: np.ndarray,
    doc_vecs: np.ndarray,
    precision: str,
    k: int = 10,
    rescore: int | None = None,
    calibration: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Search documents stored at ``precision`` (:func:`quantized_scores`); optionally rescore the top
    ``rescore`` candidates by the float32 inner product of the original vectors (kept on disk or in
    cheaper memory in a real system). Returns ``(scores, ids)``, each ``(n_queries, k)``. Notebook 03.
    """
    coarse = quantized_scores(query_vecs, doc_vecs, precision, calibration)
    if not rescore:
        return top_k(coarse, k)
    _, cand = top_k(coarse, max(rescore, k))
    return rescore_candidates(query_vecs, doc_vecs, cand, k)


def rescore_candidates(
    query_vecs: np.ndarray, doc_vecs: np.ndarray, candidates: np.ndarray, k: int = 10
) -> tuple[np.ndarray, np.ndarray]:
    """Re-rank each query's ``candidates`` (row of document ids, ``-1`` = none) by float inner product."""
    q = np.asarray(query_vecs, dtype=np.float32)
    d = np.asarray(doc_vecs, dtype=np.float32)
    cand = np.asarray(candidates)
    valid = cand >= 0
    scores = np.einsum("qd,qcd->qc", q, d[np.where(valid, cand, 0)])
    scores = np.where(valid, scores, -np.inf)
    top_scores, pos = top_k(scores, k)
    return top_scores, np.where(np.isfinite(top_scores), np.take_along_axis(cand, pos, axis=1), -1)


# --------------------------------------------------------------------------- faiss indexes
def ivf_nlist(n: int) -> int:
    """Number of IVF lists: about ``sqrt(n)`` (faiss guidelines: 4-16 sqrt(n) for millions), at least 1."""
    return max(1, int(round(math.sqrt(n))))


def pq_m(dim: int) -> int:
    """PQ sub-quantisers: the largest divisor of ``dim`` up to ``min(64, dim // 8)`` (one byte each)."""
    cap = max(1, min(64, dim // 8))
    return max(m for m in range(1, cap + 1) if dim % m == 0)


def factory_string(kind: str, n: int, dim: int) -> str:
    """Fill ``{nlist}`` and ``{m}`` in a kind from :data:`INDEX_KINDS` for ``n`` vectors of width ``dim``."""
    return kind.format(nlist=ivf_nlist(n), m=pq_m(dim))


def _gpu_count() -> int:
    import faiss

    get = getattr(faiss, "get_num_gpus", None)
    return int(get()) if get is not None else 0


def build_index(
    vectors: np.ndarray, kind: str, use_gpu: bool | None = None, train_vectors: np.ndarray | None = None
) -> faiss.Index:
    """Build, train and fill a faiss index for inner-product (cosine) search.

    ``kind`` is a ``faiss.index_factory`` string ("Flat", "HNSW32", "IVF316,Flat", "IVF316,PQ48",
    "SQ8"), or one of :data:`INDEX_KINDS` with ``{nlist}``/``{m}`` left to fill. ``use_gpu=None``
    means "on the GPU when faiss sees one and the type exists there"; on a GPU the index is cloned
    before training, so k-means runs on the GPU too (untested on the CPU-only course machines).
    Introduced in notebook 03.
    """
    import faiss

    x = np.ascontiguousarray(vectors, dtype=np.float32)
    n, d = x.shape
    spec = factory_string(kind, n, d)
    # faiss' binary (LSH) index measures Hamming distance and accepts only the L2 metric; on unit vectors
    # L2 and inner product rank alike, so its re-ranking store uses L2 too (IndexRefine wants one metric)
    metric = faiss.METRIC_L2 if spec.startswith("LSH") else faiss.METRIC_INNER_PRODUCT
    index = faiss.index_factory(d, spec, metric)
    for layer in index_layers(index):
        if getattr(layer, "do_polysemous_training", False):
            # polysemous codes only serve Hamming-filtered search, which we do not use, and are slow to train
            layer.do_polysemous_training = False
        if isinstance(layer, faiss.IndexPreTransform):
            for i in range(layer.chain.size()):
                transform = faiss.downcast_VectorTransform(layer.chain.at(i))
                if isinstance(transform, faiss.OPQMatrix):
                    transform.niter = OPQ_ITERATIONS
    gpu = _gpu_count() > 0 if use_gpu is None else use_gpu
    if gpu and spec.startswith(GPU_KINDS) and not is_refine(spec):
        if _gpu_count() == 0:
            raise RuntimeError("use_gpu=True but faiss sees no GPU (is faiss-gpu installed?)")
        res = faiss.StandardGpuResources()
        options = faiss.GpuClonerOptions()
        options.useFloat16 = ",PQ" in spec  # float16 lookup tables: needed for PQ codes of 56+ bytes
        index = faiss.index_cpu_to_gpu(res, 0, index, options)
        index.referenced_resources = res  # keep the resources alive as long as the index
    if not index.is_trained:
        index.train(np.ascontiguousarray(train_vectors, dtype=np.float32) if train_vectors is not None else x)
    index.add(x)
    return index


def is_refine(spec: str) -> bool:
    """True for a factory string with a re-ranking stage (``,Refine(...)`` or ``,RFlat``)."""
    return ",Refine(" in spec or spec.endswith(",RFlat")


def index_family(kind: str) -> str:
    """A readable family name for a factory string: "Flat (exact)", "HNSW32", "IVF-Flat", "IVF-PQ", "SQ8";
    a re-ranked one names its codes and its store: "IVF-PQ + SQ8 re-rank", "OPQ IVF-PQ + SQ8 re-rank",
    "binary + SQ8 re-rank"."""
    if is_refine(kind):
        base, store = (kind[: -len(",RFlat")], "Flat") if kind.endswith(",RFlat") else kind[:-1].split(",Refine(")
        return f"{index_family(base)} + {store} re-rank"
    if kind == "Flat":
        return "Flat (exact)"
    if kind.startswith("OPQ"):
        return "OPQ " + index_family(kind.split(",", 1)[1])
    if kind.startswith("LSH"):
        return "binary"
    if kind.startswith("IVF"):
        return "IVF-PQ" if ",PQ" in kind else "IVF-" + kind.split(",", 1)[1]
    return kind


def index_layers(index: faiss.Index) -> list[faiss.Index]:
    """The index and the indexes it wraps, outermost first: a refine index's base, a pre-transform's
    (OPQ) inner index. Each is downcast to its own faiss class."""
    import faiss

    layers = []
    node = faiss.downcast_index(index)
    while node is not None:
        layers.append(node)
        inner = getattr(node, "base_index", None) if isinstance(node, faiss.IndexRefine) else None
        if isinstance(node, faiss.IndexPreTransform):
            inner = node.index
        node = faiss.downcast_index(inner) if inner is not None else None
    return layers


def resident_bytes(index: faiss.Index) -> tuple[int, int]:
    """``(codes, store)``: bytes the index holds, measured as faiss serialises them. ``codes`` is what
    search walks (vectors or codes, ids, centroids, graph, rotation); ``store`` is a refine index's
    refinement store (0 for other indexes). Both live in RAM when faiss searches the index itself."""
    import faiss

    top = faiss.downcast_index(index)
    if isinstance(top, faiss.IndexRefine):
        return index_bytes(top.base_index), index_bytes(top.refine_index)
    return index_bytes(index), 0


def is_gpu_index(index: faiss.Index) -> bool:
    """True for an index that lives on a GPU."""
    return type(index).__name__.startswith("Gpu")


def set_search_params(
    index: faiss.Index, nprobe: int | None = None, ef_search: int | None = None, k_factor: int | None = None
) -> None:
    """Set the search-time knobs: ``nprobe`` (IVF lists visited), ``efSearch`` (HNSW beam width) and
    ``k_factor`` (a refine index re-ranks ``k * k_factor`` candidates).

    Goes through faiss' ParameterSpace (GpuParameterSpace on a GPU), which reaches into wrapped indexes
    (a refine index's base, an OPQ pre-transform); each knob is set only where an index has it
    (ParameterSpace raises on a knob the index lacks).
    """
    import faiss

    space = faiss.GpuParameterSpace() if is_gpu_index(index) else faiss.ParameterSpace()
    names = " ".join(type(layer).__name__ for layer in ([index] if is_gpu_index(index) else index_layers(index)))
    if nprobe is not None and "IVF" in names:
        space.set_index_parameter(index, "nprobe", int(nprobe))
    if ef_search is not None and "HNSW" in names:
        space.set_index_parameter(index, "efSearch", int(ef_search))
    if k_factor is not None and "IndexRefine" in names:
        space.set_index_parameter(index, "k_factor_rf", int(k_factor))


def index_bytes(index: faiss.Index) -> int:
    """Size of the index as faiss serialises it (vectors, codes, graph, lists), in bytes."""
    import faiss

    cpu = faiss.index_gpu_to_cpu(index) if is_gpu_index(index) else index
    return int(faiss.serialize_index(cpu).nbytes)


def exact_search(vectors: np.ndarray, queries: np.ndarray, k: int = 10) -> tuple[np.ndarray, np.ndarray]:
    """Exact top-``k`` inner-product search (faiss ``IndexFlatIP``): the ground truth for recall."""
    import faiss

    x = np.ascontiguousarray(vectors, dtype=np.float32)
    index = faiss.IndexFlatIP(x.shape[1])
    index.add(x)
    return index.search(np.ascontiguousarray(queries, dtype=np.float32), k)


def recall_at_k(approx_ids: np.ndarray, exact_ids: np.ndarray, k: int = 10) -> float:
    """Mean fraction of the exact top-``k`` that the approximate top-``k`` found (``-1`` ids never count).

    This is "recall against exact search": it measures the index, not the model's retrieval quality.
    Introduced in notebook 03.
    """
    a = np.asarray(approx_ids)[:, :k]
    e = np.asarray(exact_ids)[:, :k]
    if a.shape[0] != e.shape[0]:
        raise ValueError(f"approx_ids has {a.shape[0]} queries but exact_ids {e.shape[0]}")
    if e.shape[1] == 0:
        raise ValueError("k must be at least 1")
    hits = [len(set(ai[ai >= 0].tolist()) & set(ei[ei >= 0].tolist())) for ai, ei in zip(a, e, strict=True)]
    return float(np.mean(hits) / e.shape[1])


@dataclass
class IndexReport:
    """What :func:`measure_index` measured for one index."""

    kind: str
    factory: str
    n: int
    dim: int
    build_s: float
    qps: float
    latency_ms: float
    recall: float
    bytes_per_vector: float
    total_bytes: int
    gpu: bool
    params: str
    candidates: int = 0  # re-ranked per query (k * k_factor) by a refine index; 0 for the others
    codes_bytes: int = 0  # what search walks: vectors or codes, ids, centroids, graph (resident_bytes)
    store_bytes: int = 0  # a refine index's refinement store (0 for the others)
    notes: str = ""  # what faiss printed while building, in one line (e.g. too few training vectors)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@contextmanager
def native_stderr_captured() -> Iterator[list[str]]:
    """Capture what C++ code (faiss) writes to file descriptor 2 while the block runs; the list it yields
    holds the lines afterwards. A notebook would otherwise show each of faiss' warnings as a red box."""
    sys.stderr.flush()
    saved = os.dup(2)
    lines: list[str] = []
    with tempfile.TemporaryFile() as tmp:
        os.dup2(tmp.fileno(), 2)
        try:
            yield lines
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            tmp.seek(0)
            lines.extend(line for line in tmp.read().decode(errors="replace").splitlines() if line.strip())


def _summarise_native(lines: Sequence[str]) -> str:
    if not lines:
        return ""
    first = lines[0].strip()
    more = f" (and {len(lines) - 1} more lines)" if len(lines) > 1 else ""
    if "please provide at least" in first:
        return f"faiss: too few training vectors for some codebooks ({first.removeprefix('WARNING ')}){more}"
    return f"faiss printed: {first}{more}"


def measure_index(
    vectors: np.ndarray,
    queries: np.ndarray,
    kind: str,
    exact_ids: np.ndarray,
    k: int = 10,
    nprobe: int | None = None,
    ef_search: int | None = None,
    n_latency: int = 100,
    use_gpu: bool | None = None,
    train_size: int | None = None,
    seed: int = 0,
    k_factor: int | None = None,
) -> tuple[IndexReport, faiss.Index]:
    """Build ``kind`` on ``vectors`` and measure it: build time, queries/s (all queries in one batch),
    median latency of one query at a time (``n_latency`` queries), recall@k against ``exact_ids``, and
    memory (serialised size, per vector and in total, split by :func:`resident_bytes` into the codes and
    a refine index's store). Indexes that need training (IVF, PQ, SQ, OPQ) train on a random sample of
    ``train_size`` vectors (all when ``None``); the build time includes training. ``k_factor`` sets how
    many candidates (``k * k_factor``) a refine index re-ranks. What faiss prints while building is
    captured into the report's ``notes``. Returns ``(report, index)``. Introduced in notebook 03.
    """
    x = np.ascontiguousarray(vectors, dtype=np.float32)
    q = np.ascontiguousarray(queries, dtype=np.float32)
    train = None
    if train_size is not None and train_size < len(x):
        train = x[np.sort(np.random.default_rng(seed).choice(len(x), train_size, replace=False))]
    t0 = time.perf_counter()
    with native_stderr_captured() as printed:
        index = build_index(x, kind, use_gpu=use_gpu, train_vectors=train)
    build_s = time.perf_counter() - t0
    set_search_params(index, nprobe=nprobe, ef_search=ef_search, k_factor=k_factor)
    index.search(q[: min(len(q), 8)], k)  # warm-up
    t0 = time.perf_counter()
    _, ids = index.search(q, k)
    qps = len(q) / max(time.perf_counter() - t0, 1e-9)
    lat = []
    for i in range(min(n_latency, len(q))):
        t1 = time.perf_counter()
        index.search(q[i : i + 1], k)
        lat.append(time.perf_counter() - t1)
    size = index_bytes(index)
    codes, store = resident_bytes(index)
    names = " ".join(type(layer).__name__ for layer in ([index] if is_gpu_index(index) else index_layers(index)))
    refine = faiss_k_factor(index)
    params = ", ".join(
        p
        for p in (
            f"nprobe={nprobe}" if nprobe and "IVF" in names else "",
            f"efSearch={ef_search}" if ef_search and "HNSW" in names else "",
            f"k_factor={refine:g}" if refine else "",
        )
        if p
    )
    report = IndexReport(
        kind=index_family(kind),
        factory=factory_string(kind, x.shape[0], x.shape[1]),
        n=int(x.shape[0]),
        dim=int(x.shape[1]),
        build_s=float(build_s),
        qps=float(qps),
        latency_ms=float(np.median(lat) * 1000) if lat else float("nan"),
        recall=recall_at_k(ids, exact_ids, k),
        bytes_per_vector=size / x.shape[0],
        total_bytes=size,
        gpu=is_gpu_index(index),
        params=params,
        candidates=int(k * refine) if refine else 0,
        codes_bytes=codes,
        store_bytes=store,
        notes=_summarise_native(printed),
    )
    return report, index


def faiss_k_factor(index: faiss.Index) -> float:
    """A refine index's ``k_factor`` (candidates re-ranked per result); 0 for other indexes."""
    import faiss

    top = faiss.downcast_index(index)
    return float(top.k_factor) if isinstance(top, faiss.IndexRefine) else 0.0


# --------------------------------------------------------------------------- the refinement store on disk
def write_store(index: faiss.Index, path: str | Path) -> int:
    """Write a refine index's refinement store to ``path``: its codes, one fixed-size row per vector, in
    id order (what a store on disk holds). Returns the bytes written. Notebook 03."""
    import faiss

    top = faiss.downcast_index(index)
    if not isinstance(top, faiss.IndexRefine):
        raise ValueError(f"{type(top).__name__} has no refinement store: build a kind with ',Refine(...)'")
    codes = faiss.vector_to_array(faiss.downcast_index(top.refine_index).codes)
    codes.tofile(str(path))
    return int(codes.nbytes)


def search_store_on_disk(
    index: faiss.Index, queries: np.ndarray, k: int, path: str | Path, cold: bool = True
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A refine index's search with its refinement store on disk instead of in RAM.

    The base index (codes in RAM) proposes ``k * k_factor`` candidates per query, as in faiss'
    ``IndexRefine.search``; each candidate's row is then read from ``path`` (written by
    :func:`write_store`) with one ``pread``, decoded by the store's own faiss index (``sa_decode``) and
    re-ranked by the store's metric. ``cold=True`` asks the OS to drop the file from its page cache
    before each query (``posix_fadvise(DONTNEED)``), so that the reads go to the disk, as they do for a
    store much larger than the RAM left for caching it. Returns ``(scores, ids, seconds per query)``;
    scores are higher-is-better (minus the squared distance for an L2 store). Notebook 03.
    """
    import faiss

    top = faiss.downcast_index(index)
    if not isinstance(top, faiss.IndexRefine):
        raise ValueError(f"{type(top).__name__} has no refinement store: build a kind with ',Refine(...)'")
    store = faiss.downcast_index(top.refine_index)
    row = int(store.sa_code_size())
    n_cand = max(k, int(k * top.k_factor))
    q = np.ascontiguousarray(queries, dtype=np.float32)
    scores = np.full((len(q), k), -np.inf, dtype=np.float32)
    ids = np.full((len(q), k), -1, dtype=np.int64)
    took = np.zeros(len(q))
    fd = os.open(str(path), os.O_RDONLY)
    try:
        if hasattr(os, "posix_fadvise"):  # no read-ahead: each candidate costs its own read, as at scale
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_RANDOM)
        for i in range(len(q)):
            if cold and hasattr(os, "posix_fadvise"):
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            t0 = time.perf_counter()
            _, cand = top.base_index.search(q[i : i + 1], n_cand)
            cand = np.sort(cand[0][cand[0] >= 0])  # read in file order
            raw = b"".join(os.pread(fd, row, int(j) * row) for j in cand)
            vecs = store.sa_decode(np.frombuffer(raw, dtype=np.uint8).reshape(len(cand), row))
            if store.metric_type == faiss.METRIC_INNER_PRODUCT:
                s = vecs @ q[i]
            else:
                s = -((vecs - q[i]) ** 2).sum(axis=1)
            order = np.argsort(-s, kind="stable")[:k]
            scores[i, : len(order)], ids[i, : len(order)] = s[order], cand[order]
            took[i] = time.perf_counter() - t0
    finally:
        os.close(fd)
    return scores, ids, took


# --------------------------------------------------------------------------- funnel search
def funnel_search(
    query_vecs: np.ndarray,
    doc_vecs: np.ndarray,
    small_dim: int,
    candidates: int = 100,
    k: int = 10,
    small_index: faiss.Index | None = None,
    reduce: Callable[[np.ndarray, int], np.ndarray] = truncate_and_normalize,
) -> tuple[np.ndarray, np.ndarray]:
    """Two-stage search: find ``candidates`` with ``small_dim``-wide vectors, rescore them at full width.

    The Matryoshka-correct form of "one index per dimension": one small index (``reduce`` makes the
    small vectors; truncation by default, or a PCA projection for a model without Matryoshka
    training) and the full-width vectors for the rescoring. Pass ``small_index`` (built on
    ``reduce(doc_vecs, small_dim)``) to reuse it between calls. Returns ``(scores, ids)``. Notebook 03.
    """
    import faiss

    if small_index is None:
        small_index = faiss.IndexFlatIP(small_dim)
        small_index.add(np.ascontiguousarray(reduce(doc_vecs, small_dim), dtype=np.float32))
    _, cand = small_index.search(
        np.ascontiguousarray(reduce(query_vecs, small_dim), dtype=np.float32), max(candidates, k)
    )
    return rescore_candidates(query_vecs, doc_vecs, cand, k)


# --------------------------------------------------------------------------- storage arithmetic
def storage_table(
    bytes_per_vec: Mapping[str, float],
    n_docs: Sequence[int] = (1_000_000, 100_000_000),
    machine_gib: float = 64.0,
) -> pd.DataFrame:
    """Memory needed to hold ``n`` vectors for each storage choice, and whether one machine holds it.

    ``bytes_per_vec`` maps a choice ("float32 x 1024", "HNSW32", ...) to bytes per vector (index
    overhead included when measured from an index). ``machine_gib`` is the RAM you allow the index on
    one machine. Sizes are GiB (2**30 bytes, the unit RAM is sold in and notebook 05 uses); the columns
    are ``"GiB @ 1M"``, ``"one machine @ 1M"``, ... Introduced in notebook 03.
    """
    import pandas as pd

    rows = {}
    for name, b in bytes_per_vec.items():
        row: dict[str, Any] = {"bytes/vector": float(b)}
        for n in n_docs:
            gib = float(b) * n / GIB
            row[f"GiB @ {_short(n)}"] = gib
            row[f"one machine @ {_short(n)}"] = gib <= machine_gib
        rows[name] = row
    return pd.DataFrame.from_dict(rows, orient="index")


def _short(n: int) -> str:
    for div, suffix in ((1_000_000_000, "B"), (1_000_000, "M"), (1_000, "k")):
        if n >= div and n % div == 0:
            return f"{n // div}{suffix}"
    return str(n)
