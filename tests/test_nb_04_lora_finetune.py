"""Notebook 04 at smoke size: the results contract that notebook 05 and the run summary rely on.

The notebook asserts its own lessons (recorded under ``lesson_checks``); this test checks what it hands
on: the typed record, the sizes it was given as papermill parameters, and the shape of its results.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from utils.course import run as course
from utils.course.results import FinetuneRecord, load_record
from utils.data.beir import load_domain

# the smoke sizes, passed as papermill parameters (the notebook overrides nothing it is given)
SMOKE_PARAMETERS = course.SMOKE_PARAMETERS["04_lora_finetune"]  # one place: utils/course/run.py


@pytest.mark.notebooks
def test_nb_04_lora_finetune(notebook_results, runs_dir):
    r = notebook_results("04_lora_finetune", **SMOKE_PARAMETERS)

    # the parameters it was given are the sizes it ran at
    assert r["domains"] == ["medical"] and r["config"]["epochs"] == 2 and r["targets_comparison"] is None
    assert set(next(iter(r["forgetting"].values()))) == {"medical", "general"}
    assert r["smoke"] is True

    # the typed record notebook 05 reads: it validates itself and names folders that exist
    rec = load_record(runs_dir, "04_lora_finetune", FinetuneRecord, mode=r["mode"], model=r["model"])
    assert rec.smoke is True and set(rec.models) == set(r["domains"])
    assert rec.kept_base == r["kept_base"]
    assert {128, 64} <= set(rec.matryoshka_dims) and max(rec.matryoshka_dims) == r["native_dim"]
    for d in rec.models:
        assert (rec.model_path(runs_dir, d) / "config.json").is_file()
    # the validation queries handed on to 05: train-split query ids, as many as the recipe held out,
    # none of them a test query (tests/test_course_nb04.py: none of them a training query)
    assert set(rec.val_query_ids) == set(rec.models) and rec.val_query_ids == r["val_query_ids"]
    for d, ids in rec.val_query_ids.items():
        train, test = load_domain(d, "train"), load_domain(d, "test")
        assert ids and set(ids) <= set(train.queries) and not set(ids) & set(test.queries)
        assert len(ids) == r["training"][d]["n_val_queries"]
    # merged_models holds only the domains whose adapter was kept (the base copy is not a fine-tuned model)
    assert set(r["merged_models"]) == {d for d, kept in rec.kept_base.items() if not kept}
    assert all(Path(p).is_dir() for p in r["shipped_models"].values())

    # every lesson check is recorded with its measured value, bound and margin
    checks = {c["lesson"]: c for c in r["lesson_checks"]}
    assert len(checks) == 3 and all(c["margin"] >= 0 for c in checks.values())
    gain = next(c for n, c in checks.items() if n.startswith("mean test nDCG@10 change"))
    assert gain["measured"] == pytest.approx(r["mean_ndcg_delta"]) and gain["bound"] == r["asserted_margin"]

    # the verdict lines are printed from the run's numbers: one per domain with its p-value, then the total
    assert len(r["verdicts"]) == len(r["domains"]) + 1
    for d, line in zip(r["domains"], r["verdicts"], strict=False):
        c = r["comparisons"][f"{d}@{r['native_dim']}"]
        assert line.startswith(f"{d}: test nDCG@10 {c['delta']:+.4f}")
        assert ("NOT significant" in line) == (c["p_value"] >= 0.05)
