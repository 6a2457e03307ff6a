"""Unit tests for utils.course.nb03_dimensions: quality tables, the choice rules, the pool, rescoring at scale,
the index and funnel benchmarks, and the lesson checks (small synthetic data, no server)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from utils.course import nb03_dimensions as to
from utils.data.beir import Document, Query, RetrievalSet
from utils.search.index import exact_search, fit_pca, pca_reduce
from utils.serving.qwen3 import truncate_and_normalize


def unit(x: np.ndarray) -> np.ndarray:
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def toy_set(name: str, n_docs: int, n_queries: int, rng: np.random.Generator, dim: int = 64):
    """A retrieval set whose query i is a noisy copy of document i (its only relevant document)."""
    docs = unit(rng.standard_normal((n_docs, dim)).astype(np.float32))
    queries = unit(docs[:n_queries] + 0.3 * rng.standard_normal((n_queries, dim)).astype(np.float32))
    corpus = {f"{name}-d{i}": Document(f"{name}-d{i}", "", f"doc {i}") for i in range(n_docs)}
    qs = {f"{name}-q{i}": Query(f"{name}-q{i}", f"query {i}") for i in range(n_queries)}
    qrels = {f"{name}-q{i}": {f"{name}-d{i}": 1} for i in range(n_queries)}
    return RetrievalSet(name, "test", corpus, qs, qrels), docs, queries


@pytest.fixture(scope="module")
def domains():
    rng = np.random.default_rng(0)
    out = {d: toy_set(d, n, 30, rng) for d, n in (("a", 120), ("b", 90))}
    sets = {d: v[0] for d, v in out.items()}
    docs = {d: v[1] for d, v in out.items()}
    queries = {d: v[2] for d, v in out.items()}
    return sets, docs, queries


def test_split_sentences_unique_long_in_order():
    texts = ["First sentence is long enough here. Short. First sentence is long enough here.", "Another long sentence that counts! Yes?"]
    assert to.split_sentences(texts) == ["First sentence is long enough here.", "Another long sentence that counts!"]
    assert to.split_sentences(texts, min_chars=3) == ["First sentence is long enough here.", "Short.", "Another long sentence that counts!", "Yes?"]


def test_width_quality_kept_is_share_of_native(domains):
    sets, docs, queries = domains
    pca = fit_pca(np.concatenate(list(docs.values())))
    table = to.width_quality(sets, queries, docs, [8, 16, 64], 64, pca)
    assert set(table.method) == {"truncation", "PCA"} and set(table.domain) == {"a", "b"}
    native = table[(table.method == "truncation") & (table.width == 64)]
    assert np.allclose(native.kept, 1.0)
    assert table[(table.width == 8)].kept.max() < 1.0  # 8 of 64 random dims lose a lot
    with pytest.raises(ValueError, match="native width 64"):
        to.width_quality(sets, queries, docs, [8, 16], 64)


def test_precision_quality_states_candidate_share(domains):
    sets, docs, queries = domains
    native = {d: to.width_quality({d: sets[d]}, queries, docs, [64], 64).loc[0, "nDCG@10"] for d in sets}
    table = to.precision_quality(sets, queries, docs, native, rescore=12)
    resc = table[table.rescored]
    assert set(resc.precision) == {"int8", "binary"}
    for d, n in (("a", 120), ("b", 90)):
        assert np.allclose(resc[resc.domain == d]["candidates % of corpus"], 100 * 12 / n)
    assert table[~table.rescored]["candidates % of corpus"].isna().all()
    f32 = table[(table.precision == "float32")]
    assert np.allclose(f32.kept, 1.0)
    mean = to.mean_over_domains(table, ["precision", "rescored"])
    assert list(mean.columns) == ["nDCG@10", "R@10", "kept", "candidates % of corpus"]


def width_table(kept: dict[int, tuple[float, float]]) -> pd.DataFrame:
    rows = [{"domain": d, "method": "truncation", "width": w, "kept": k[i]} for w, k in kept.items() for i, d in enumerate("ab")]
    return pd.DataFrame(rows)


def test_smallest_width_keeping_uses_the_mean_over_domains():
    table = width_table({32: (0.99, 0.80), 64: (0.96, 0.95), 128: (1.0, 1.0)})
    assert to.smallest_width_keeping(table, "truncation", 0.95) == 64  # 32 averages 0.895
    assert to.smallest_width_keeping(table, "truncation", 0.89) == 32
    assert to.smallest_width_keeping(table, "truncation", 1.01) is None
    assert to.smallest_width_keeping(table, "PCA", 0.5) is None


def precision_table(kept: dict[tuple[str, bool], float]) -> pd.DataFrame:
    return pd.DataFrame([{"domain": "a", "precision": p, "rescored": r, "nDCG@10": k, "R@10": k, "kept": k} for (p, r), k in kept.items()])


def test_cheapest_precision_keeping():
    bytes_per = {"float32": 4, "float16": 2, "int8": 1, "binary": 0.125}
    table = precision_table({("float32", False): 1.0, ("float16", False): 1.0, ("int8", False): 0.90, ("int8", True): 0.99, ("binary", False): 0.80, ("binary", True): 0.97})
    allowed = ("float32", "int8", "binary")
    assert to.cheapest_precision_keeping(table, 0.95, bytes_per, rescored=False, allowed=allowed) == "float32"  # float16 is not handed on
    assert to.cheapest_precision_keeping(table, 0.95, bytes_per, rescored=False, allowed=(*allowed, "float16")) == "float16"
    assert to.cheapest_precision_keeping(table, 0.95, bytes_per, rescored=True, allowed=allowed) == "binary"
    assert to.cheapest_precision_keeping(table, 0.98, bytes_per, rescored=True, allowed=allowed) == "int8"
    assert to.cheapest_precision_keeping(table, 0.85, bytes_per, rescored=False, allowed=allowed) == "int8"
    assert to.kept_of(table, "binary", True) == pytest.approx(0.97)
    assert to.kept_of(table, "float32", True) == pytest.approx(1.0)  # float rows have no rescored variant


@pytest.fixture(scope="module")
def pool(domains):
    sets, docs, queries = domains
    other = unit(np.random.default_rng(1).standard_normal((40, 64)).astype(np.float32))
    vectors, q, layout = to.build_pool(docs, other, queries, 3000, seed=0)
    return vectors, q, layout


def test_build_pool_keeps_documents_in_their_rows(domains, pool):
    _, docs, queries = domains
    vectors, q, layout = pool
    assert layout.doc_offsets == {"a": 0, "b": 120} and layout.n_real == 250 and layout.n_total == 3000
    assert layout.query_slices == {"a": slice(0, 30), "b": slice(30, 60)}
    np.testing.assert_allclose(vectors[120:210], docs["b"], atol=1e-6)
    np.testing.assert_allclose(q[30:60], queries["b"])


def test_pool_ndcg_counts_distractors_as_irrelevant(domains, pool):
    sets, _, _ = domains
    _, q, layout = pool
    n = len(q)
    # every query: its own document first -> nDCG 1
    own = np.array([[layout.doc_offsets[d] + i] for d in "ab" for i in range(30)])
    assert to.pool_ndcg(layout, sets, np.ones((n, 1)), own) == pytest.approx({"a": 1.0, "b": 1.0})
    # a distractor row ranked above it lowers nDCG; another domain's document is a distractor too
    two = np.concatenate([np.full((n, 1), 2999), own], axis=1)
    scores = np.tile([2.0, 1.0], (n, 1))
    assert to.pool_ndcg(layout, sets, scores, two)["a"] == pytest.approx(1 / np.log2(3))
    cross = np.concatenate([np.full((n, 1), 130), own], axis=1)  # row 130 is a document of "b"
    assert to.pool_ndcg(layout, sets, scores, cross)["a"] == pytest.approx(1 / np.log2(3))


def test_rescoring_at_scale_states_the_share_and_improves_with_candidates(domains, pool):
    sets, docs, _ = domains
    vectors, q, layout = pool
    exact = exact_search(vectors, q, 10)
    table = to.rescoring_at_scale(vectors, q, exact, layout, sets, [10, 100, 3000], calibration=np.concatenate(list(docs.values())))
    assert table.loc[("float32", 0), "kept"] == pytest.approx(1.0)
    b = table.loc["binary"]
    assert b.loc[100, "candidates % of pool"] == pytest.approx(100 * 100 / 3000)
    assert b.loc[3000, "recall@10"] == pytest.approx(1.0)  # rescoring everything is exact search
    assert b.loc[3000, "kept"] == pytest.approx(1.0)
    assert b.loc[0, "recall@10"] <= b.loc[100, "recall@10"] <= b.loc[3000, "recall@10"]


def test_benchmark_indexes_and_funnel(domains, pool):
    sets, _, _ = domains
    vectors, q, layout = pool
    exact = exact_search(vectors, q, 10)
    lines: list[str] = []
    table = to.benchmark_indexes(vectors, q, exact[1], ("Flat", "SQ8"), log=lines.append, k=10, n_latency=5)
    assert list(table.index) == ["Flat (exact)", "SQ8"] and len(lines) == 2
    assert table.loc["Flat (exact)", "speed-up (qps)"] == pytest.approx(1.0)
    assert table.loc["SQ8", "memory vs Flat"] < 0.5
    with pytest.raises(ValueError, match="Flat"):
        to.benchmark_indexes(vectors, q, exact[1], ("SQ8",))
    pca = fit_pca(vectors[: layout.n_real])
    reducers = {"truncation": truncate_and_normalize, "PCA": lambda v, w: pca_reduce(v, pca, w)}
    funnel = to.benchmark_funnel(vectors, q, exact, layout, sets, reducers, 16, 300, float(table.loc["Flat (exact)", "qps"]))
    assert list(funnel.index) == ["truncation to 16", "PCA to 16"]
    assert (funnel["recall@10 funnel"] >= funnel["recall@10 small index alone"]).all()
    assert funnel["candidates % of pool"].iloc[0] == pytest.approx(10.0)


def test_benchmark_indexes_with_a_re_ranked_index_and_its_store_on_disk(domains, pool, tmp_path):
    """Issue 27 item 7: codes + store resident in RAM; codes alone with the store on disk, same recall."""
    vectors, q, _ = pool
    exact = exact_search(vectors, q, 10)
    table = to.benchmark_indexes(vectors, q, exact[1], ("Flat", "IVF{nlist},PQ{m},Refine(SQ8)"), store_dir=tmp_path,
                                 refine_nprobe=50, k=10, nprobe=4, n_latency=5, k_factor=20)
    ram, disk = table.loc["IVF-PQ + SQ8 re-rank"], table.loc["IVF-PQ + SQ8 re-rank, store on disk"]
    assert list(tmp_path.iterdir()) == [], "the store file is deleted afterwards"
    assert ram["store lives"] == "RAM" and disk["store lives"] == "disk" and table.loc["Flat (exact)", "store lives"] == "-"
    assert ram["resident B/vector"] == pytest.approx(ram["codes B/vector"] + ram["store B/vector"], rel=0.01)
    assert disk["resident B/vector"] == pytest.approx(ram["codes B/vector"])
    assert ram["store B/vector"] == pytest.approx(64, rel=0.02)  # int8: one byte per dimension
    assert disk.recall == pytest.approx(ram.recall, abs=0.02) and ram.recall > ram["recall codes alone"]
    assert ram.params == "nprobe=50, k_factor=20" and ram.candidates == 200
    assert table["x less than Flat"]["Flat (exact)"] == pytest.approx(1.0)
    assert disk["x less than Flat"] > ram["x less than Flat"]
    assert set(to.INDEX_COLUMNS) <= set(table.columns)


def _index_table(rows):
    cols = ["recall", "x less than Flat", "resident B/vector", "codes B/vector", "store B/vector", "store lives",
            "recall codes alone", "candidates", "latency_ms"]
    return pd.DataFrame.from_dict(rows, orient="index", columns=cols)


def test_refine_verdict_names_what_reaches_the_goal_and_says_why_not():
    flat = [1.0, 1.0, 1536, 1536, 0, "-", float("nan"), 0, 30.0]
    rows = {
        "Flat (exact)": flat,
        "SQ8": [0.98, 4.0, 384, 384, 0, "-", float("nan"), 0, 3.0],
        "IVF-PQ + SQ8 re-rank": [0.97, 3.4, 449, 65, 384, "RAM", 0.5, 200, 2.0],
        "IVF-PQ + SQ8 re-rank, store on disk": [0.97, 23.7, 65, 65, 384, "disk", 0.5, 200, 40.0],
    }
    v = to.refine_verdict(_index_table(rows), 0.95, 8)
    assert v["reached"] == ["IVF-PQ + SQ8 re-rank, store on disk"]
    assert v["lines"][0] == "recall@10: lowest IVF-PQ + SQ8 re-rank (0.970), highest SQ8 (0.980)"
    assert "23.7x less resident memory than Flat" in v["lines"][1] and "refinement store: disk" in v["lines"][1]
    ram_line = next(line for line in v["lines"] if line.startswith("IVF-PQ + SQ8 re-rank, store in RAM"))
    assert "65 bytes of codes + 384 of refinement store" in ram_line and "(86% of it the store)" in ram_line
    disk_line = next(line for line in v["lines"] if line.startswith("IVF-PQ + SQ8 re-rank, store on disk:") and "reads" in line)
    assert "reads 200 rows of 384 bytes" in disk_line and "40.00 ms per query (cold reads) against 2.00 ms" in disk_line
    del rows["IVF-PQ + SQ8 re-rank, store on disk"]
    v = to.refine_verdict(_index_table(rows), 0.95, 8)
    assert v["reached"] == []
    assert any(line.startswith("no index reaches recall@10 >= 0.95 at >= 8x less resident memory on these vectors: "
                               "no index here is 8x smaller than Flat; the smallest index at >= 0.95 recall is SQ8 (4.0x")
               for line in v["lines"])


def test_numbers_read_plainly():
    assert [to.plain(x) for x in (12231.861, 1536.0, 384.0, 64.813, 611.361, 0.9031, 1.0, 48.0)] == [
        "12,232", "1,536", "384", "64.813", "611.4", "0.903", "1.000", "48"]
    assert to.share(1.001) == "100.1%, i.e. a little more than the reference" and to.share(0.9996) == "100.0%"
    assert to.share(None) == "n/a" and to.share(0.5) == "50.0%"
