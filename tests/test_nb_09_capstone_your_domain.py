"""Notebook 09_capstone_your_domain, executed once at smoke size: the method it asserts, recomputed from its JSON."""

import json
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def r(notebook_results):
    return notebook_results("09_capstone_your_domain")


def test_structure(r):
    assert r["notebook"] == "09_capstone_your_domain" and r["smoke"] is True
    assert r["data"].endswith("pubmedqa") and r["labels"] == "labelled"
    assert {"base", "BM25"} <= set(r["rows"])
    roles = {row["role"]: row["queries"] for row in r["roles"]}
    assert min(roles.values()) >= 10 and r["role_overlap"] == 0
    for name, row in r["rows"].items():
        for split in ("val", "test"):
            assert 0.0 <= row[split]["nDCG@10"] <= 1.0 and 0.0 <= row[split]["Recall@10"] <= 1.0, name
        assert row["test_nDCG@10"] == row["test"]["nDCG@10"]
        assert row["vs_base"]["mean_b"] == pytest.approx(row["test"]["nDCG@10"])
        assert row["price"]["index_bytes"] > 0
    assert set(r["ladder"]) == set(r["rows"])
    for lever, why in r["skipped"].items():
        assert why and lever not in {row["lever"] for row in r["rows"].values()}


def test_the_hybrid_weight_was_chosen_on_validation(r):
    hybrid = [row for row in r["rows"].values() if row["lever"] == "hybrid"]
    if not hybrid:
        pytest.skip("no hybrid row in this run")
    curve = {float(w): v for w, v in r["hybrid_weights"].items()}
    assert hybrid[0]["price"]["bm25_weight"] == pytest.approx(max(curve, key=lambda w: (curve[w], -abs(w - 0.5))))


def test_the_recommendation_is_recomputed_from_the_saved_numbers(r):
    rows, rec = r["rows"], r["recommended"]
    best = max(row["val"]["nDCG@10"] for row in rows.values())
    near = [n for n in r["ladder"] if rows[n]["val"]["nDCG@10"] >= best - rec["tolerance"]]
    assert rec["name"] == near[0]  # the cheapest on the ladder within the tolerance of the best on validation
    assert rec["test_nDCG@10"] == rows[rec["name"]]["test_nDCG@10"]
    c = rec["vs_base"]
    assert rec["beats_base"] == (c["delta"] > 0 and c["p_value"] < 0.05)
    if rec["beats_base"]:
        assert "beats the base" in rec["verdict"]
    else:
        assert "does not beat the base" in rec["verdict"] and "Nothing beat" not in rec["verdict"]


def test_the_report_and_the_one_command(r):
    out = Path(r["report_dir"])
    report = json.loads((out / "report.json").read_text())
    assert report["recommended"]["name"] == r["recommended"]["name"]
    assert {row["name"] for row in report["rows"]} == set(r["rows"])
    html = (out / "report.html").read_text()
    assert html.count("data:image/png;base64,") == 2 and 'src="http' not in html
    cmd = r["command"]
    assert cmd["returncode"] == 0 and cmd["argv"][:2] == ["-m", "utils.adapt"]
    if not cmd["your_data"]:  # the same data again: everything came from the cache
        assert all(n == 0 for n in cmd["embedded"].values()) and cmd["recommended"] == r["recommended"]["name"]
        if r["finetune"]:
            assert cmd["finetune_reused"] is True


def test_the_lesson(r):
    assert r["next_steps"]
    assert r["lesson_checks"] and all(c["passed"] for c in r["lesson_checks"])
