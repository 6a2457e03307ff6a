"""Notebook 05 at smoke size: the results contract (what it records), not a re-run of its own asserts.

At smoke size 05 reads neither notebook 03's nor 04's record (USE_INDEX_CHOICE and USE_FINETUNED default
to False there): it serves the base model at its native width whatever ran before in the session.
"""

from __future__ import annotations

import json
import re

import pytest

from utils.course import nb05_pipeline as ex
from utils.course.saved_outputs import WIDGET_VIEW
from utils.data.beir import DOMAINS
from utils.search.store import vectors_per_gib


@pytest.mark.notebooks
def test_nb_05_production_pipeline(notebook_results):
    r = notebook_results("05_production_pipeline")

    # the path is the parameters', not the session's: base model, native width, nothing read from 03 or 04
    assert r["smoke"] is True and r["used_finetuned"] == [] and r["kept_base"] == []
    assert set(r["held_out"]) == set(DOMAINS)
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
    for d, share in r["funnel_candidates_share"].items():
        assert share == pytest.approx(r["funnel_candidates"] / r["docs_per_domain"][d])

    # lesson checks: recorded with measured value, bound and margin, all passed; none holds by construction
    checks = r["lesson_checks"]
    assert checks and all(c["passed"] and c["margin"] >= 0 for c in checks)
    assert not any("BM25 only" in c["lesson"] or "hybrid - BM25" in c["lesson"] for c in checks)
    hybrid_check = next(c for c in checks if c["lesson"].startswith("hybrid gain over dense"))
    strong = max(r["bm25_gap"], key=r["bm25_gap"].get)
    weak = min(r["bm25_gap"], key=r["bm25_gap"].get)
    assert hybrid_check["measured"] == pytest.approx(r["hybrid_gain"][strong] - r["hybrid_gain"][weak])
    # the Milvus lessons are checks too: filtered search, insert/upsert/delete, reopen, the width check
    for lesson in ("filter ", "new document", "rows added by the upsert", "reopened", "width mismatches"):
        assert any(c["lesson"].startswith(lesson) for c in checks), lesson

    # routes: chosen on held-out queries (train split, never the serving model's training queries), priced on test
    assert r["chose_within_tolerance"] > 0 and set(r["routes"]) == set(DOMAINS)
    for d, route in r["routes"].items():
        assert route["held_out_queries"] == r["held_out"][d]["queries"] > 0
        assert route["held_out_from"] == r["held_out"][d]["from"] and "train-split" in route["held_out_from"]
        runnable = {v: m["nDCG@10"] for v, m in r["metrics"][d].items() if v != "BM25 only (reference)"}
        assert route["variant"] in runnable and route["test_chosen"] == pytest.approx(runnable[route["variant"]])
        best = max(runnable, key=runnable.get)
        assert route["test_best_score"] == pytest.approx(runnable[best])
        assert route["test_cost"] == pytest.approx(runnable[best] - runnable[route["variant"]]) and route["test_cost"] >= 0
        assert route["test_queries"] == r["n_queries_per_domain"][d]
        assert ex.route_line(d, route) in r["verdicts"]  # the route sentence, recomputed from the saved numbers

    # verdict lines are printed from the run's numbers: recompute each hybrid line from the saved paired test
    for d in DOMAINS:
        assert ex.hybrid_line(d, r["paired"][f"{d} / {ex.HYBRID}"]) in r["verdicts"]
    assert any(v.startswith("slowest tail:") for v in r["verdicts"])
    # the width: at smoke size the native one, so there is no width cost and the line says so
    assert r["width_cost"] == {} and ex.NATIVE_WIDTH_LINE in r["verdicts"]

    # Milvus Lite and the diagnostic of the index actually built
    m = r["milvus"]
    assert m["uri_kind"] == "lite" and m["rows_stored"] > 0 and m["search_ms"] > 0
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
    from utils.course.kernels import papermill_kwargs

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
            **papermill_kwargs(),
        )
    assert err.value.ename == "ResultsError"
    assert "run notebooks/04_lora_finetune.ipynb first" in err.value.evalue


@pytest.mark.notebooks
def test_executed_notebooks_show_no_frozen_bars(notebook_results, runs_dir):
    """Notebook 05 at smoke size embeds with widget bars and inserts with text bars: both saved settled.

    In this file, with 05's other tests: `make test` gives each test file to one worker, so 05 runs once."""
    notebook_results("05_production_pipeline")
    nb = json.loads((runs_dir / "executed" / "05_production_pipeline.ipynb").read_text(encoding="utf-8"))
    bars, streams = [], []
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            if WIDGET_VIEW in out.get("data", {}):
                bars.append("".join(out["data"]["text/plain"]))
            if out["output_type"] == "stream":
                streams.append("".join(out["text"]))
    assert any(b.startswith("embedding: 100%|") for b in bars), bars
    assert not [b for b in bars if re.search(r"\s0%\|", b)], bars
    assert not [s for s in streams if "\r" in s]
