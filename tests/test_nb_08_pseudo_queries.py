"""Notebook 08 at smoke size: the results contract (sources, guard agreement, forgetting, cost) and one verdict recomputed."""

from __future__ import annotations

import pytest

from utils.course import run as course

SMOKE_PARAMETERS = course.SMOKE_PARAMETERS["08_pseudo_queries"]  # one place: utils/course/run.py


@pytest.mark.notebooks
def test_nb_08_pseudo_queries(notebook_results):
    r = notebook_results("08_pseudo_queries", **SMOKE_PARAMETERS)
    assert r["smoke"] is True and r["train_domains"] == SMOKE_PARAMETERS["TRAIN_DOMAINS"]
    assert r["epochs"] == SMOKE_PARAMETERS["EPOCHS"] and r["max_pseudo_pairs"] == SMOKE_PARAMETERS["MAX_PSEUDO_PAIRS"]
    d = r["train_domains"][0]

    # no generator on the CPU default: title and ICT only, each with its report (skips counted, never silent)
    assert r["llm_source"] is False
    reports = r["pseudo_reports"][d]
    assert set(reports) == {"title", "ict"}
    assert reports["ict"]["n_pairs"] + sum(reports["ict"]["skipped"].values()) == reports["ict"]["n_docs"]  # one per document
    assert reports["title"]["n_pairs"] + reports["title"]["skipped"]["no title"] == reports["title"]["n_docs"]

    # one test row per run plus the base, each with a paired comparison whose delta it repeats
    runs = ["title", "ict", "labelled", "labelled+pseudo"]
    assert set(r["test"]) == {f"{d}/{s}" for s in ["no fine-tuning", *runs]}
    for s in runs:
        c = r["comparisons"][f"{d}/{s}"]
        assert r["test"][f"{d}/{s}"]["delta"] == pytest.approx(c["delta"])
        assert r["test"][f"{d}/{s}"]["test nDCG@10"] == pytest.approx(r["test"][f"{d}/no fine-tuning"]["test nDCG@10"] + c["delta"])

    # the guard table: recompute the agreement counts from its rows
    g = r["guard"]
    rows = g["table"].values()
    assert g["n_runs"] == len(rows) == 2
    assert g["agree_pseudo"] == sum(row["pseudo guard ships"] == row["test says ship"] for row in rows)
    assert g["agree_labelled"] == sum(row["labelled guard ships"] == row["test says ship"] for row in rows)
    for key, row in g["table"].items():
        assert row["test delta"] == pytest.approx(r["comparisons"][key]["delta"])
        assert row["pseudo guard ships"] == (row["pseudo val best"] > row["pseudo val base"])
    assert "labelled queries" in g["advice"]

    # forgetting: every run on every evaluated set (here the trained domain and the general probe)
    assert set(r["forgetting"]) == {f"{d}/{s}" for s in runs}
    assert all(set(v) == {d, "general"} for v in r["forgetting"].values())
    assert set(r["cost"]) == set(r["forgetting"]) and all(v["fine-tune s"] > 0 for v in r["cost"].values())

    # one verdict recomputed from the numbers it rests on
    lab = r["comparisons"][f"{d}/labelled"]
    best = max(["title", "ict"], key=lambda s: r["comparisons"][f"{d}/{s}"]["delta"])
    assert r["best_pseudo_source"] == best
    assert r["verdict"].startswith(f"{d}: labelled pairs {lab['delta']:+.4f} test nDCG@10; the best pseudo source ({best})")
    checks = r["lesson_checks"]
    assert len(checks) == 5 and all(c["passed"] for c in checks)  # the CPU model gets the ICT and labelled+pseudo checks too
    assert checks[0]["measured"] == pytest.approx(lab["delta"])
    mean_test_gain = sum(row["test delta"] for row in rows) / len(rows)
    assert r["optimism"] == pytest.approx(g["mean_pseudo_val_gain"] - mean_test_gain)
    assert checks[2]["measured"] == pytest.approx(r["optimism"])
