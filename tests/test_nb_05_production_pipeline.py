"""Notebook 05 at smoke size: the Milvus Lite path, the two-stage variants and the scaling arithmetic it reports."""

from __future__ import annotations

import pytest

from utils.data import DOMAINS
from utils.pipeline import vectors_per_gib


@pytest.mark.notebooks
def test_nb_05_production_pipeline(notebook_results):
    r = notebook_results("05_production_pipeline")

    # the Milvus Lite lessons, each asserted in the notebook and recorded
    m = r["milvus"]
    assert m["uri_kind"] == "lite"
    assert (
        m["filtered_only_domain"] is True and m["reopen_same"] is True and m["width_mismatch_error"] is True
    )
    assert m["rows_stored"] > 0 and m["bytes_on_disk"] > m["rows_stored"] * r["dim"] * 4 * 0.5

    # every variant measured in every domain, metrics in [0, 1], latency recorded
    variants = set(r["overall"])
    assert {"dense (baseline)", "BM25 only (reference)", "hybrid: dense + BM25 (RRF)"} <= variants
    assert any(v.startswith("funnel") for v in variants)
    assert set(r["metrics"]) == set(DOMAINS)
    for d in DOMAINS:
        assert set(r["metrics"][d]) == variants
        for v, row in r["metrics"][d].items():
            assert 0.0 <= row["nDCG@10"] <= 1.0 and 0.0 <= row["Recall@10"] <= 1.0, (d, v)
            assert row["ms/query (median)"] > 0

    o = r["overall"]
    dense, bm25, hybrid = (
        o[v]["nDCG@10"] for v in ("dense (baseline)", "BM25 only (reference)", "hybrid: dense + BM25 (RRF)")
    )
    funnel = next(o[v]["nDCG@10"] for v in o if v.startswith("funnel"))
    # fusion with the dense list lifts BM25; the funnel keeps most of dense-only's quality once it rescores
    assert hybrid >= bm25 - 0.02
    assert funnel >= dense - 0.05
    assert r["best_variant"] in variants

    # the route per domain is chosen on train-split queries (never on test) among the runnable variants
    assert r["chosen_on"]["split"] == "train"
    assert set(r["best_by_domain"]) == set(DOMAINS)
    assert all(v in variants and v != "BM25 only (reference)" for v in r["best_by_domain"].values())
    assert set(r["chosen_on"]["queries_per_domain"]) == set(DOMAINS)
    assert all(n > 0 for n in r["chosen_on"]["queries_per_domain"].values())
    # domains where notebook 04 kept the base model are never labelled fine-tuned
    assert not set(r["kept_base"]) & set(r["used_finetuned"])
    # the funnel's first stage is 128 wide (as in notebook 03) whenever the collection is wider
    assert r["funnel_dim"] == (128 if r["dim"] > 128 else r["dim"] // 2)
    # the index that actually ran is reported, not just the one requested
    assert "requested: HNSW" in r["index_in_use"]

    # scaling notes are arithmetic on the chosen width, not typed-in numbers
    s = r["scaling"]
    assert s["vectors_per_gib_float32"] == vectors_per_gib(r["dim"], "float32") == 2**30 // (r["dim"] * 4)
    assert s["vectors_per_gib_float32_hnsw16"] < s["vectors_per_gib_float32"]
    assert s["qps_sequential"] > 0 and s["qps_concurrent"] > 0 and s["servers_needed"] >= 1
