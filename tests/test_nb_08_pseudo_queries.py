"""Notebook 08 at smoke size: the results contract (sources, guard agreement, forgetting, cost) and the
verdicts recomputed from the saved numbers."""

from __future__ import annotations

import pytest

from utils.course.nb04_lora_finetune import forgetting_lines
from utils.course.nb08_pseudo_queries import lesson_bounds
from utils.search.evaluate import Comparison


@pytest.mark.notebooks
def test_nb_08_pseudo_queries(notebook_results):
    r = notebook_results("08_pseudo_queries")  # SMOKE=True only: the notebook's own cell sets the smoke sizes
    assert r["smoke"] is True
    assert r["sizes"] == {"train_domains": ["medical"], "eval_domains": ["medical"], "epochs": 1, "batch_size": 16,
                          "max_pseudo_pairs": 32, "max_labelled_pairs": 32, "n_labelled_guard": 10,
                          "n_test_queries": 30, "n_test_docs": 80}
    d = r["train_domains"][0]

    # no generator on the CPU default: title and ICT only, each with its report (skips counted, never silent)
    assert r["llm_source"] is False
    reports = r["pseudo_reports"][d]
    assert set(reports) == {"title", "ict"}
    assert reports["ict"]["n_pairs"] + sum(reports["ict"]["skipped"].values()) == reports["ict"]["n_docs"]
    assert reports["title"]["n_pairs"] + sum(reports["title"]["skipped"].values()) == reports["title"]["n_docs"]

    # one test row per run plus the base, each with a paired comparison whose delta it repeats
    runs = ["title", "ict", "labelled", "labelled+pseudo"]
    assert set(r["test"]) == {f"{d}/{s}" for s in ["no fine-tuning", *runs]}
    for s in runs:
        c = r["comparisons"][f"{d}/{s}"]
        assert c["wins"] + c["losses"] + c["ties"] == 30
        assert r["test"][f"{d}/{s}"]["delta"] == pytest.approx(c["delta"])
        base = r["test"][f"{d}/no fine-tuning"]["test nDCG@10"]
        assert r["test"][f"{d}/{s}"]["test nDCG@10"] == pytest.approx(base + c["delta"])

    # each verdict line says "helps"/"hurts" only with a significant paired test (issue 30, item 7)
    assert len(r["verdicts"]) == len(runs)
    for line in r["verdicts"]:
        key = "/".join(line.split(":")[0].split(", "))
        c = Comparison(**r["comparisons"][key])
        assert line.startswith(f"{d}, {key.split('/')[1]}: test nDCG@10 {c.delta:+.4f}")
        assert (" helps " in line or " hurts " in line) == c.significant
    # no lesson check claims that something "helps": a mean change is named as one
    assert not any("help" in c["lesson"] for c in r["lesson_checks"])

    # the guard table: recompute the agreement counts and the reading from its rows
    g = r["guard"]
    rows = g["table"].values()
    assert g["n_runs"] == len(rows) == 2
    assert g["agree_pseudo"] == sum(row["pseudo guard ships"] == row["test says ship"] for row in rows)
    assert g["agree_labelled"] == sum(row["labelled guard ships"] == row["test says ship"] for row in rows)
    for key, row in g["table"].items():
        assert row["test delta"] == pytest.approx(r["comparisons"][key]["delta"])
        assert row["pseudo guard ships"] == (row["pseudo val best"] > row["pseudo val base"])
    assert "labelled queries" in g["advice"]
    # two runs cannot rank the guards by agreement, and the reading says so (issue 30, item 8)
    assert any("too few to rank the two guards" in line for line in g["lines"])
    mean_test_gain = sum(row["test delta"] for row in rows) / len(rows)
    assert g["mean_test_gain"] == pytest.approx(mean_test_gain)
    assert g["optimistic"] == (g["mean_pseudo_val_gain"] > mean_test_gain + 0.02)
    assert ("validate on them, not on held-out pseudo-queries" in g["advice"]) == g["optimistic"]

    # forgetting: every run on every evaluated set (here the trained domain and the general probe)
    assert set(r["forgetting"]) == {f"{d}/{s}" for s in runs}
    assert all(set(v) == {d, "general"} for v in r["forgetting"].values())
    assert r["forgetting_lines"][: -1] == forgetting_lines(r["forgetting"], own=lambda run: run.split("/")[0])

    # cost: whole counts as integers (not 1.0), no NaN: a pooled run's "make s" says why it has none
    assert set(r["cost"]) == set(r["forgetting"]) and all(v["fine-tune s"] > 0 for v in r["cost"].values())
    for key, row in r["cost"].items():
        assert isinstance(row["pairs made"], int) and isinstance(row["epochs run"], int)
        assert (row["make s"] is None) == (key.endswith("labelled+pseudo"))

    # the closing verdict and the checks, recomputed from the numbers they rest on
    lab = r["comparisons"][f"{d}/labelled"]
    best = max(["title", "ict"], key=lambda s: r["comparisons"][f"{d}/{s}"]["delta"])
    assert r["best_pseudo_source"] == best
    assert r["verdict"].startswith(f"{d}: labelled pairs {lab['delta']:+.4f} test nDCG@10 (p = {lab['p_value']:.3g}, "
                                   + ("significant" if lab["p_value"] < 0.05 else "not significant"))
    checks = r["lesson_checks"]
    assert len(checks) == 5 and all(c["passed"] for c in checks)  # the CPU model gets the ICT and combined checks
    bounds = lesson_bounds(smoke=True, is_qwen3=False)
    assert [c["bound"] for c in checks] == [bounds[k] for k in ("labelled", "best_pseudo", "optimism", "ict", "combined")]
    assert checks[0]["measured"] == pytest.approx(lab["delta"])
    assert r["optimism"] == pytest.approx(g["mean_pseudo_val_gain"] - mean_test_gain)
    assert checks[2]["measured"] == pytest.approx(r["optimism"])
