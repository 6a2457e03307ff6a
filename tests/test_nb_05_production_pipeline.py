"""Notebook 05 at smoke size: the results contract (what it records), not a re-run of its own asserts.

At smoke size 05 reads neither notebook 03's nor 04's record (USE_INDEX_CHOICE and USE_FINETUNED default
to False there): it serves the base model at its native width whatever ran before in the session.
"""

from __future__ import annotations

import pytest

from utils.data.beir import DOMAINS
from utils.search.store import vectors_per_gib


@pytest.mark.notebooks
def test_nb_05_production_pipeline(notebook_results):
    r = notebook_results("05_production_pipeline")

    # the path is the parameters', not the session's: base model, native width, nothing read from 03 or 04
    assert r["smoke"] is True and r["used_finetuned"] == [] and r["kept_base"] == []
    assert r["dim"] == r["native_dim"] and r["width_from"].startswith("native width")
    # the funnel's label comes from the served model's training, and the funnel is asserted only where trained
    labels = r["funnel_first_stage"]
    assert set(labels) == set(DOMAINS)
    assert all(x.startswith(("Matryoshka-trained", "no Matryoshka training")) for x in labels.values())
    trained = any(x.startswith("Matryoshka-trained") for x in labels.values())
    assert trained == any(c["lesson"].startswith("funnel - dense") for c in r["lesson_checks"])

    # every variant measured in every domain, with latency and its embedding part
    variants = set(r["overall"])
    assert {"dense (baseline)", "BM25 only (reference)", "hybrid: dense + BM25 (RRF)"} <= variants
    assert any(v.startswith("funnel") for v in variants)
    assert set(r["metrics"]) == set(DOMAINS)
    for d in DOMAINS:
        assert set(r["metrics"][d]) == variants
        for v, row in r["metrics"][d].items():
            assert 0.0 <= row["nDCG@10"] <= 1.0 and row["ms/query (p95)"] >= row["ms/query (median)"] > 0
            assert (row["embed ms (p95)"] > 0) == (v != "BM25 only (reference)")  # BM25 alone never embeds
    # the funnel's candidates are reported as a share of each domain's documents
    assert set(r["funnel_candidates_share"]) == set(DOMAINS)
    assert all(0 < s < 1 for s in r["funnel_candidates_share"].values())

    # lesson checks: recorded with measured value, bound and margin; no check that holds by construction
    checks = r["lesson_checks"]
    assert checks and all(c["margin"] >= 0 for c in checks)
    assert not any("BM25 only" in c["lesson"] or "hybrid - BM25" in c["lesson"] for c in checks)
    hybrid_check = checks[0]
    strong = max(r["bm25_gap"], key=r["bm25_gap"].get)
    weak = min(r["bm25_gap"], key=r["bm25_gap"].get)
    assert hybrid_check["measured"] == pytest.approx(r["hybrid_gain"][strong] - r["hybrid_gain"][weak])

    # routes: chosen on train among runnable variants, with the tolerance and the reason recorded
    assert r["chosen_on"]["split"] == "train" and r["chose_within_tolerance"] > 0
    assert set(r["best_by_domain"]) == set(DOMAINS)
    for d, c in r["choice"].items():
        assert c["variant"] == r["best_by_domain"][d] and c["variant"] in variants and c["variant"] != "BM25 only (reference)"
        assert c["reason"]

    # verdict lines are printed from the run's numbers: each hybrid line carries its domain's measured change
    hybrid_lines = [v for v in r["verdicts"] if v.startswith("hybrid vs dense in ")]
    assert len(hybrid_lines) == len(DOMAINS)
    for d, line in zip(DOMAINS, hybrid_lines, strict=True):
        assert line.startswith(f"hybrid vs dense in {d}: ")
        assert ("helps" in line or "hurts" in line or "no clear difference" in line)
    assert any(v.startswith("slowest tail:") for v in r["verdicts"])

    # Milvus Lite lessons and the diagnostic of the index actually built
    m = r["milvus"]
    assert m["uri_kind"] == "lite" and m["rows_stored"] > 0
    assert m["filtered_only_domain"] and m["reopen_same"] and m["width_mismatch_error"]
    assert "requested: HNSW" in r["index_in_use"]

    # scaling notes are arithmetic on the chosen width
    s = r["scaling"]
    assert s["vectors_per_gib_float32"] == vectors_per_gib(r["dim"], "float32") == 2**30 // (r["dim"] * 4)
    assert s["qps_sequential"] > 0 and s["qps_concurrent"] > 0 and s["servers_needed"] >= 1


@pytest.mark.notebooks
def test_nb_05_without_notebook_04_says_run_it_first(tmp_path, monkeypatch):
    """Asked for notebook 04's models in a runs folder without them, 05 stops at once with what to run."""
    import papermill as pm

    from tests.conftest import NOTEBOOKS

    monkeypatch.setenv("EMB_RUNS_DIR", str(tmp_path))
    monkeypatch.setenv("EMB_MODE", "cpu")
    with pytest.raises(pm.PapermillExecutionError) as err:
        pm.execute_notebook(
            str(NOTEBOOKS / "05_production_pipeline.ipynb"),
            str(tmp_path / "05.ipynb"),
            parameters={"SMOKE": True, "USE_FINETUNED": True},
            cwd=str(NOTEBOOKS),
            kernel_name="python3",
            execution_timeout=300,
            progress_bar=False,
        )
    assert err.value.ename == "ResultsError"
    assert "run notebooks/04_lora_finetune.ipynb first" in err.value.evalue
