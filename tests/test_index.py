"""Unit tests for utils.search.index: PCA, quantisation, rescoring, faiss builders (re-ranked ones and their
store on disk too), recall, funnel, storage."""

from __future__ import annotations

import numpy as np
import pytest

from utils.search.index import (
    GIB,
    INDEX_KINDS,
    REFINE_KINDS,
    build_index,
    bytes_per_vector,
    dequantize_int8,
    exact_search,
    factory_string,
    fit_pca,
    funnel_search,
    grow_vectors,
    hamming_scores,
    ids_to_run,
    index_bytes,
    index_family,
    int8_ranges,
    ivf_nlist,
    measure_index,
    native_stderr_captured,
    pca_reduce,
    pq_m,
    quantize,
    quantized_scores,
    recall_at_k,
    rescore_candidates,
    resident_bytes,
    search_quantized,
    search_store_on_disk,
    set_search_params,
    storage_table,
    write_store,
)
from utils.serving.qwen3 import truncate_and_normalize


def unit(x: np.ndarray) -> np.ndarray:
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


@pytest.fixture(scope="module")
def clustered() -> tuple[np.ndarray, np.ndarray]:
    """2,000 unit vectors in 32 clusters of width 64, and 50 queries near cluster members."""
    rng = np.random.default_rng(0)
    centres = rng.standard_normal((32, 64)).astype(np.float32)
    docs = unit(centres[rng.integers(0, 32, 2000)] + 0.4 * rng.standard_normal((2000, 64)).astype(np.float32))
    queries = unit(docs[rng.integers(0, 2000, 50)] + 0.2 * rng.standard_normal((50, 64)).astype(np.float32))
    return docs, queries


# ----------------------------------------------------------------------------- PCA
def test_pca_reduce_is_unit_and_keeps_variance_order(clustered):
    docs, _ = clustered
    pca = fit_pca(docs)
    assert pca.n_components_ == 64
    red = pca_reduce(docs, pca, 8)
    assert red.shape == (2000, 8) and red.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(red, axis=1), 1.0, atol=1e-5)
    assert np.all(np.diff(pca.explained_variance_) <= 1e-9)  # sorted: one fit serves every width


def test_pca_reduce_beats_truncation_on_a_rotated_space():
    """Information spread over all coordinates: PCA finds it, keeping the first columns does not."""
    rng = np.random.default_rng(1)
    low = rng.standard_normal((1500, 8)).astype(np.float32)  # the signal lives in 8 directions
    rot, _ = np.linalg.qr(rng.standard_normal((64, 64)))
    x = unit(
        np.hstack([low, 0.05 * rng.standard_normal((1500, 56)).astype(np.float32)]) @ rot.T.astype(np.float32)
    )
    _, exact = exact_search(x[100:], x[:100], 10)
    pca = fit_pca(x[100:])
    _, by_pca = exact_search(pca_reduce(x[100:], pca, 8), pca_reduce(x[:100], pca, 8), 10)
    _, by_cut = exact_search(truncate_and_normalize(x[100:], 8), truncate_and_normalize(x[:100], 8), 10)
    assert recall_at_k(by_pca, exact, 10) > recall_at_k(by_cut, exact, 10) + 0.2


def test_pca_too_wide_is_a_clear_error(clustered):
    pca = fit_pca(clustered[0][:20])  # 20 samples -> at most 20 components
    with pytest.raises(ValueError, match="20 components"):
        pca_reduce(clustered[0], pca, 32)


def test_grow_vectors_keeps_real_rows_and_unit_norm(clustered):
    real = clustered[0][:100]
    grown = grow_vectors(real, 1000, seed=3)
    assert grown.shape == (1000, 64) and grown.dtype == np.float32
    np.testing.assert_allclose(grown[:100], real, atol=1e-6)
    np.testing.assert_allclose(np.linalg.norm(grown, axis=1), 1.0, atol=1e-5)
    assert len(np.unique(grown.round(5), axis=0)) == 1000  # no copies
    # synthetic rows stay near the real ones (mostly closer to some real row than random vectors are)
    near = (grown[100:] @ real.T).max(axis=1)
    rand = (unit(np.random.default_rng(0).standard_normal((900, 64)).astype(np.float32)) @ real.T).max(axis=1)
    assert near.mean() > rand.mean() + 0.2
    np.testing.assert_array_equal(grow_vectors(real, 1000, seed=3), grown)  # reproducible
    assert grow_vectors(real, 50).shape == (50, 64)


# ----------------------------------------------------------------------------- quantisation
def test_quantize_shapes_dtypes_and_bytes(clustered):
    docs, _ = clustered
    ranges = int8_ranges(docs)
    assert quantize(docs, "float32").nbytes == docs.nbytes
    assert quantize(docs, "float16").nbytes * 2 == docs.nbytes
    i8 = quantize(docs, "int8", ranges)
    assert i8.dtype == np.int8 and i8.nbytes * 4 == docs.nbytes
    b = quantize(docs, "binary")
    assert b.dtype == np.uint8 and b.shape == (2000, 8) and b.nbytes * 32 == docs.nbytes
    assert (
        bytes_per_vector(64, "float32") == 256
        and bytes_per_vector(64, "binary") == 8
        and bytes_per_vector(65, "binary") == 9
    )
    with pytest.raises(ValueError, match="ranges"):
        quantize(docs, "int8")
    with pytest.raises(ValueError, match="precision"):
        quantize(docs, "int4")


def test_int8_roundtrip_error_is_below_one_step(clustered):
    docs, _ = clustered
    ranges = int8_ranges(docs)
    back = dequantize_int8(quantize(docs, "int8", ranges), ranges)
    step = (ranges[1] - ranges[0]) / 255
    assert np.all(np.abs(back - docs) <= step / 2 + 1e-6)


def test_binary_bits_are_signs_and_hamming_is_right():
    x = np.array([[0.5, -0.1, 0.2, -0.3, 0.1, 0.1, -0.2, 0.4, -0.9]], dtype=np.float32)
    bits = quantize(x, "binary")
    np.testing.assert_array_equal(np.unpackbits(bits, axis=1)[0, :9], (x[0] > 0).astype(np.uint8))
    y = -x
    assert hamming_scores(quantize(x, "binary"), quantize(y, "binary"))[0, 0] == -9
    assert hamming_scores(bits, bits)[0, 0] == 0


def test_search_quantized_and_rescoring(clustered):
    docs, queries = clustered
    _, exact = exact_search(docs, queries, 10)
    s32, i32 = search_quantized(queries, docs, "float32", k=10)
    assert recall_at_k(i32, exact, 10) == 1.0
    assert np.all(np.diff(s32, axis=1) <= 1e-6)  # sorted best first
    _, i8 = search_quantized(queries, docs, "int8", k=10)
    assert recall_at_k(i8, exact, 10) >= 0.9
    _, ib = search_quantized(queries, docs, "binary", k=10)
    _, ibr = search_quantized(queries, docs, "binary", k=10, rescore=50)
    r_bin, r_res = recall_at_k(ib, exact, 10), recall_at_k(ibr, exact, 10)
    assert r_res > r_bin + 0.3  # 64-bit codes alone are poor; float rescoring of 50 candidates repairs most
    # rescoring everything is exact search
    _, all_ = search_quantized(queries, docs, "binary", k=10, rescore=len(docs))
    assert recall_at_k(all_, exact, 10) == 1.0


def test_quantized_scores_per_precision(clustered):
    docs, queries = clustered
    q, d = queries[:5], docs[:200]
    # scores of unit vectors lie in [-1, 1]: atol is the bound at that scale (rtol alone fails on a score near 0,
    # where two BLAS paths differ by rounding: issue 27)
    np.testing.assert_allclose(quantized_scores(q, d, "float32"), q @ d.T, rtol=1e-6, atol=1e-6)
    bits = quantized_scores(q, d, "binary")
    np.testing.assert_array_equal(bits, hamming_scores(quantize(q, "binary"), quantize(d, "binary")))
    assert bits.max() <= 0 and bits.min() >= -64  # minus Hamming distances of 64-bit codes
    ranges = int8_ranges(docs)
    np.testing.assert_allclose(quantized_scores(q, d, "int8", calibration=docs), q @ dequantize_int8(quantize(d, "int8", ranges), ranges).T, rtol=1e-5, atol=1e-5)
    with pytest.raises(ValueError, match="precision"):
        quantized_scores(q, d, "int4")


def test_rescore_candidates_handles_missing_ids():
    q = unit(np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32))
    d = unit(np.array([[1.0, 0.1], [0.1, 1.0], [1.0, 1.0]], dtype=np.float32))
    s, i = rescore_candidates(q, d, np.array([[2, 0, -1], [-1, -1, 1]]), k=3)
    assert i[0].tolist() == [0, 2, -1]
    assert i[1].tolist() == [1, -1, -1]
    assert np.isinf(s[1, 1])


def test_ids_to_run_skips_missing():
    run = ids_to_run(np.array([[0.9, 0.5]]), np.array([[1, -1]]), ["q1"], ["d0", "d1"])
    assert run == {"q1": {"d1": pytest.approx(0.9)}}


# ----------------------------------------------------------------------------- recall
def test_recall_at_k():
    exact = np.array([[1, 2, 3], [4, 5, 6]])
    assert recall_at_k(exact, exact, 3) == 1.0
    assert recall_at_k(np.array([[3, 2, 1], [6, 9, 9]]), exact, 3) == pytest.approx((3 + 1) / 6)
    assert recall_at_k(np.array([[-1, -1, -1], [-1, -1, -1]]), exact, 3) == 0.0
    assert recall_at_k(np.array([[1, 9, 9], [4, 9, 9]]), exact, 1) == 1.0
    with pytest.raises(ValueError):
        recall_at_k(exact[:1], exact, 3)


# ----------------------------------------------------------------------------- faiss
def test_factory_strings():
    assert ivf_nlist(100_000) == 316 and ivf_nlist(1) == 1
    assert pq_m(384) == 48 and pq_m(1024) == 64 and pq_m(2560) == 64 and 64 % pq_m(64) == 0
    assert factory_string("IVF{nlist},PQ{m}", 10_000, 384) == "IVF100,PQ48"
    assert [index_family(factory_string(k, 10_000, 64)) for k in INDEX_KINDS] == [
        "Flat (exact)",
        "HNSW32",
        "IVF-Flat",
        "IVF-PQ",
        "SQ8",
    ]


def test_refine_factory_strings_and_families():
    assert [factory_string(k, 100_000, 384) for k in REFINE_KINDS] == [
        "IVF316,PQ48,Refine(SQ8)",
        "OPQ48,IVF316,PQ48,Refine(SQ8)",
        "LSH,Refine(SQ8)",
    ]
    assert [index_family(factory_string(k, 100_000, 384)) for k in REFINE_KINDS] == [
        "IVF-PQ + SQ8 re-rank",
        "OPQ IVF-PQ + SQ8 re-rank",
        "binary + SQ8 re-rank",
    ]
    assert index_family("IVF100,PQ8,RFlat") == "IVF-PQ + Flat re-rank"


@pytest.mark.parametrize("kind", INDEX_KINDS + REFINE_KINDS)
def test_every_index_kind_builds_and_finds_neighbours(clustered, kind):
    docs, queries = clustered
    _, exact = exact_search(docs, queries, 10)
    with native_stderr_captured():  # faiss warns that 2,000 vectors are few to train 256 centroids on
        index = build_index(docs, kind, use_gpu=False)
    assert index.ntotal == len(docs)
    set_search_params(index, nprobe=8, ef_search=64, k_factor=20)
    _, ids = index.search(queries, 10)
    floor = {"Flat": 1.0, "HNSW32": 0.9, "SQ8": 0.9}.get(kind, 0.3)
    assert recall_at_k(ids, exact, 10) >= floor
    assert index_bytes(index) > 0


def test_inner_product_metric(clustered):
    docs, queries = clustered
    index = build_index(docs, "Flat", use_gpu=False)
    scores, ids = index.search(queries[:3], 1)
    np.testing.assert_allclose(scores[:, 0], (queries[:3] @ docs.T).max(axis=1), atol=1e-5)


def test_measure_index_report(clustered):
    docs, queries = clustered
    _, exact = exact_search(docs, queries, 10)
    flat, _ = measure_index(docs, queries, "Flat", exact, n_latency=5)
    assert flat.recall == 1.0 and flat.kind == "Flat (exact)" and not flat.gpu
    assert flat.bytes_per_vector == pytest.approx(64 * 4, rel=0.01)
    assert flat.qps > 0 and flat.latency_ms > 0 and flat.build_s >= 0
    pq, _ = measure_index(docs, queries, "IVF{nlist},PQ{m}", exact, nprobe=8, n_latency=5, train_size=1500)
    assert pq.factory == "IVF45,PQ8" and pq.params == "nprobe=8"
    # an 8-byte code and an 8-byte id (plus codebooks) against 256 bytes of float32
    assert pq.bytes_per_vector < flat.bytes_per_vector / 4
    sq, _ = measure_index(docs, queries, "SQ8", exact, n_latency=5)
    assert sq.bytes_per_vector == pytest.approx(64, rel=0.05)


def test_search_knobs_reach_wrapped_indexes(clustered):
    import faiss

    with native_stderr_captured():
        index = build_index(clustered[0], "OPQ{m},IVF{nlist},PQ{m},Refine(SQ8)", use_gpu=False)
    set_search_params(index, nprobe=7, k_factor=13)
    top = faiss.downcast_index(index)
    ivf = faiss.downcast_index(faiss.downcast_index(top.base_index).index)
    assert top.k_factor == 13 and ivf.nprobe == 7


def test_re_ranking_recovers_recall_and_the_store_is_counted(clustered):
    """The refine index re-ranks k * k_factor candidates of its codes: more recall than the codes alone;
    its resident bytes are the codes plus the store (one int8 per dimension)."""
    import faiss

    docs, queries = clustered
    _, exact = exact_search(docs, queries, 10)
    with native_stderr_captured():
        index = build_index(docs, "IVF{nlist},PQ{m},Refine(SQ8)", use_gpu=False)
    set_search_params(index, nprobe=45, k_factor=20)
    _, ids = index.search(queries, 10)
    _, alone = faiss.downcast_index(index).base_index.search(queries, 10)
    assert recall_at_k(ids, exact, 10) > recall_at_k(alone, exact, 10) + 0.2
    codes, store = resident_bytes(index)
    assert store == pytest.approx(len(docs) * 64, rel=0.02)  # 64 dims, one byte each
    assert codes + store == pytest.approx(index_bytes(index), rel=0.01)
    assert resident_bytes(build_index(docs, "Flat", use_gpu=False)) == (index_bytes(build_index(docs, "Flat", use_gpu=False)), 0)


@pytest.mark.parametrize("kind", ["IVF{nlist},PQ{m},Refine(SQ8)", "LSH,Refine(SQ8)"])
@pytest.mark.parametrize("cold", [True, False])
def test_store_on_disk_gives_the_same_results(clustered, tmp_path, kind, cold):
    """Reading the refinement store from a file re-ranks exactly as faiss does with the store in RAM."""
    docs, queries = clustered
    with native_stderr_captured():
        index = build_index(docs, kind, use_gpu=False)
    set_search_params(index, nprobe=16, k_factor=10)
    assert write_store(index, tmp_path / "store.bin") == len(docs) * 64
    _, ram = index.search(queries, 10)
    _, disk, took = search_store_on_disk(index, queries, 10, tmp_path / "store.bin", cold=cold)
    assert (np.sort(ram, axis=1) == np.sort(disk, axis=1)).mean() >= 0.98  # ties may order differently
    assert took.shape == (len(queries),) and (took > 0).all()


def test_store_on_disk_needs_a_refine_index(clustered, tmp_path):
    flat = build_index(clustered[0], "Flat", use_gpu=False)
    with pytest.raises(ValueError, match="Refine"):
        write_store(flat, tmp_path / "x.bin")
    with pytest.raises(ValueError, match="Refine"):
        search_store_on_disk(flat, clustered[1], 10, tmp_path / "x.bin")


def test_native_stderr_is_captured_into_lines():
    import os

    with native_stderr_captured() as lines:
        os.write(2, b"WARNING from C\nsecond line\n")
    assert lines == ["WARNING from C", "second line"]


def test_measure_index_reports_candidates_codes_store_and_faiss_notes(clustered):
    docs, queries = clustered
    _, exact = exact_search(docs, queries, 10)
    rep, _ = measure_index(docs, queries, "IVF{nlist},PQ{m},Refine(SQ8)", exact, nprobe=16, n_latency=3, k_factor=20)
    assert rep.candidates == 200 and rep.params == "nprobe=16, k_factor=20"
    assert rep.store_bytes == pytest.approx(2000 * 64, rel=0.02) and rep.codes_bytes > 2000 * 8
    assert rep.total_bytes == pytest.approx(rep.codes_bytes + rep.store_bytes, rel=0.01)
    assert rep.notes.startswith("faiss: too few training vectors"), rep.notes  # 2,000 vectors for 256 centroids
    flat, _ = measure_index(docs, queries, "Flat", exact, n_latency=3)
    assert (flat.candidates, flat.store_bytes, flat.notes) == (0, 0, "") and flat.codes_bytes == flat.total_bytes


def test_gpu_request_without_gpu_is_an_error(clustered):
    import faiss

    if faiss.get_num_gpus() > 0:
        pytest.skip("a GPU is present")
    with pytest.raises(RuntimeError, match="no GPU"):
        build_index(clustered[0], "Flat", use_gpu=True)
    assert build_index(clustered[0], "HNSW32", use_gpu=True).ntotal == 2000  # HNSW stays on the CPU


# ----------------------------------------------------------------------------- funnel
def test_funnel_search_exact_when_small_dim_is_full(clustered):
    docs, queries = clustered
    _, exact = exact_search(docs, queries, 10)
    _, ids = funnel_search(queries, docs, 64, candidates=10)
    assert recall_at_k(ids, exact, 10) == 1.0


def test_funnel_search_rescoring_recovers_recall():
    """Signal spread over all dims: an 8-wide first stage alone is poor; rescoring 200 candidates fixes most of it."""
    rng = np.random.default_rng(2)
    docs = unit(rng.standard_normal((3000, 64)).astype(np.float32))
    queries = unit(docs[:40] + 0.3 * rng.standard_normal((40, 64)).astype(np.float32))
    _, exact = exact_search(docs, queries, 10)
    _, first = exact_search(truncate_and_normalize(docs, 8), truncate_and_normalize(queries, 8), 10)
    _, funnel = funnel_search(queries, docs, 8, candidates=200)
    assert recall_at_k(funnel, exact, 10) > recall_at_k(first, exact, 10) + 0.2
    # the candidates are rescored with full-width scores, best first
    s, _ = funnel_search(queries, docs, 8, candidates=200)
    assert np.all(np.diff(s, axis=1) <= 1e-6)


def test_funnel_with_pca_reducer(clustered):
    docs, queries = clustered
    pca = fit_pca(docs)
    _, exact = exact_search(docs, queries, 10)
    _, ids = funnel_search(queries, docs, 16, candidates=100, reduce=lambda v, d: pca_reduce(v, pca, d))
    assert recall_at_k(ids, exact, 10) >= 0.9


# ----------------------------------------------------------------------------- storage
def test_storage_table():
    t = storage_table(
        {"float32 x 1024": 4096, "binary x 1024": 128}, n_docs=(1_000_000, 100_000_000), machine_gib=64
    )
    # GiB are 2**30 bytes: 4096 bytes x 1M vectors = 3.81 GiB (4.096 GB would be the 1e9 unit)
    assert GIB == 2**30
    assert t.loc["float32 x 1024", "GiB @ 1M"] == pytest.approx(4096e6 / 2**30)
    assert t.loc["float32 x 1024", "GiB @ 100M"] == pytest.approx(381.47, abs=0.01)
    assert t.loc["binary x 1024", "GiB @ 100M"] == pytest.approx(11.92, abs=0.01)
    assert "GB @ 1M" not in t.columns
    assert bool(t.loc["float32 x 1024", "one machine @ 1M"]) and not bool(
        t.loc["float32 x 1024", "one machine @ 100M"]
    )
    assert bool(t.loc["binary x 1024", "one machine @ 100M"])


def test_storage_table_machine_limit_is_in_gib():
    # 64 GiB = 68.7e9 bytes: 67 GB of vectors fit in 64 GiB, 70 GB do not
    t = storage_table({"a": 670, "b": 700}, n_docs=(100_000_000,), machine_gib=64)
    assert bool(t.loc["a", "one machine @ 100M"]) and not bool(t.loc["b", "one machine @ 100M"])
