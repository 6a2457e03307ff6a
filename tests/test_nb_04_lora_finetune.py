"""Notebook 04 at smoke size: the results contract that notebook 05 and the run summary rely on.

The notebook asserts its own lessons (recorded under ``lesson_checks``); this test checks what it hands
on: the typed record, the sizes it chose itself from SMOKE=True alone, the shape of its results, and the
verdicts recomputed from the saved numbers.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from utils.course.nb04_lora_finetune import SMALL_N, forgetting_lines, targets_verdict
from utils.course.results import FinetuneRecord, load_record
from utils.data.beir import load_domain
from utils.search.evaluate import Comparison


@pytest.mark.notebooks
def test_nb_04_lora_finetune(notebook_results, runs_dir):
    r = notebook_results("04_lora_finetune")  # SMOKE=True only: the notebook's own cell sets the smoke sizes

    # the smoke sizes, set by the cell after `parameters` (one place), are the sizes it ran at
    assert r["smoke"] is True
    assert r["sizes"] == {"train_domains": ["medical"], "eval_domains": ["medical"], "epochs": 2,
                          "max_train_pairs": 64, "n_test_queries": 40, "n_test_docs": 100, "n_train_docs": 80,
                          "compare_targets": False}
    assert r["domains"] == ["medical"] and r["config"]["epochs"] == 2 and r["targets_comparison"] is None
    train = r["training"]["medical"]
    assert train["n_train_pairs"] + train["n_val_pairs"] == 64
    c = r["comparisons"][f"medical@{r['native_dim']}"]
    assert c["wins"] + c["losses"] + c["ties"] == 40
    assert set(next(iter(r["forgetting"].values()))) == {"medical", "general"}

    # the general probe has near misses and the base is not at its ceiling there
    g = r["general_probe"]
    assert g["near_misses"] == 3 * g["queries"] and g["base_ndcg"] < 0.97

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
        train_set, test_set = load_domain(d, "train"), load_domain(d, "test")
        assert ids and set(ids) <= set(train_set.queries) and not set(ids) & set(test_set.queries)
        assert len(ids) == r["training"][d]["n_val_queries"]
    # merged_models holds only the domains whose adapter was kept (the base copy is not a fine-tuned model)
    assert set(r["merged_models"]) == {d for d, kept in rec.kept_base.items() if not kept}
    assert all(Path(p).is_dir() for p in r["shipped_models"].values())

    # every lesson check is recorded with its measured value, bound and margin
    checks = {c["lesson"]: c for c in r["lesson_checks"]}
    assert len(checks) == 3 and all(c["margin"] >= 0 and c["passed"] for c in checks.values())
    gain = next(c for n, c in checks.items() if n.startswith("mean test nDCG@10 change"))
    assert gain["measured"] == pytest.approx(r["mean_ndcg_delta"]) and gain["bound"] == r["asserted_margin"]

    # the verdict lines are printed from the run's numbers: one per domain with its p-value, then the total
    assert len(r["verdicts"]) == len(r["domains"]) + 1
    for d, line in zip(r["domains"], r["verdicts"], strict=False):
        c = r["comparisons"][f"{d}@{r['native_dim']}"]
        assert line.startswith(f"{d}: test nDCG@10 {c['delta']:+.4f}")
        assert ("NOT significant" in line) == (c["p_value"] >= 0.05)

    # per-tag rows carry their n, and the rows with fewer than 10 queries are the marked ones
    assert r["by_tag"]
    for row in r["by_tag"].values():
        assert isinstance(row["n"], int) and row["n"] >= 1
        assert bool(row["note"]) == (row["n"] < SMALL_N)
        assert row["delta"] == pytest.approx(row["fine-tuned"] - row["base"])

    # the forgetting sentences, recomputed from the saved matrix
    assert r["forgetting_lines"] == forgetting_lines(r["forgetting"])

    # the q/v comparison (full size only): a winner is named only with a significant paired test
    t = r["targets_comparison"]
    if t is not None:
        c = Comparison(**t["comparison"])
        al = t["table"]["all linear"]
        assert t["verdict"].startswith(f"{r['domains'][0]}: all linear {al['test nDCG@10']:.4f}")
        assert ("no winner" in t["verdict"]) == (not c.significant)
        assert c.mean_b == pytest.approx(al["test nDCG@10"], abs=1e-4)  # B = all linear, A = q/v only
        assert t["verdict"] == targets_verdict(r["domains"][0], c.mean_b, c.mean_a, c,
                                               t["ratios"]["params"], t["ratios"]["time"])
