"""Notebook 03 at smoke size: the results contract it hands on (the notebook asserts its own lessons).

What is tested here is what other code relies on: the IndexChoice record notebook 05 reads, that the
recommendation follows its stated rule from the numbers in the JSON, that every lesson the notebook
asserted is listed with its measured value, threshold and margin, and that candidate counts are stated
as shares of what was searched. The smoke sizes are papermill parameters, passed here.
"""

from __future__ import annotations

import math

import pytest

from utils.course import run as course
from utils.course.results import IndexChoice, ResultsError, load_record

pytestmark = pytest.mark.notebooks

NB = "03_dimensions_quantisation_faiss"
#: The sizes a smoke run uses (the notebook's defaults are the full run).
SMOKE_PARAMETERS = course.SMOKE_PARAMETERS["03_dimensions_quantisation_faiss"]  # one place: utils/course/run.py


@pytest.fixture(scope="module")
def r(notebook_results) -> dict:
    return notebook_results(NB, **SMOKE_PARAMETERS)


def test_smoke_sizes_arrive_as_parameters(r):
    assert r["smoke"] is True
    assert r["index"]["n_vectors"] == SMOKE_PARAMETERS["N_VECTORS"]
    assert r["index"]["n_real"] < r["index"]["n_vectors"]  # no sentences: documents only, then synthetic


def test_index_choice_record_for_notebook_05(r, runs_dir):
    choice = load_record(runs_dir, NB, IndexChoice, mode=r["mode"], model=r["model"])
    assert (choice.width, choice.precision, choice.smoke) == (r["recommended_dim"], r["recommended_precision"], True)
    assert choice.width in r["widths"] and choice.width <= r["native_dim"]
    assert "train" in choice.rule and "truncation" in choice.rule
    with pytest.raises(ResultsError, match="smoke"):
        load_record(runs_dir, NB, IndexChoice, allow_smoke=False)
    with pytest.raises(ResultsError, match="mode"):
        load_record(runs_dir, NB, IndexChoice, mode="not-" + r["mode"])


def test_recommendations_follow_the_rule_on_train(r):
    assert r["recommendation_split"] == "train" and r["reported_split"] == "test"
    keep = 0.95  # the notebook's KEEP
    kept: dict[int, list[float]] = {}
    for row in r["quality_train"]:
        if row["method"] == "truncation":
            kept.setdefault(row["width"], []).append(row["kept"])
    mean = {w: sum(v) / len(v) for w, v in kept.items()}
    ok = [w for w, m in mean.items() if m >= keep]
    assert r["recommended_dim"] == (min(ok) if ok else r["native_dim"])
    assert r["recommended_kept"]["dim"]["train"] == pytest.approx(mean[r["recommended_dim"]])
    test_mean = [row["kept"] for row in r["quality"] if row["method"] == "truncation" and row["width"] == r["recommended_dim"]]
    assert r["recommended_kept"]["dim"]["test"] == pytest.approx(sum(test_mean) / len(test_mean))
    qtrain = {(row["precision"], row["rescored"]): row["kept"] for row in r["quantisation_train_mean"]}
    plain = [p for p in ("binary", "int8", "float32") if qtrain[(p, False)] >= keep]  # cheapest first; float16 is not handed on
    assert r["recommended_precision"] == (plain[0] if plain else "float32")


def test_lessons_are_listed_with_margins(r):
    checks = r["asserts"]
    assert len(checks) >= 8
    for c in checks:
        assert set(c) == {"lesson", "measured", "op", "bound", "margin", "passed"}
        assert c["passed"] is True  # the notebook stops at a failed check, so a written file has none
        sign = -1 if c["op"] == "<=" else 1
        assert c["margin"] == pytest.approx(sign * (c["measured"] - c["bound"]))
    claims = " | ".join(c["lesson"] for c in checks)
    for lesson in ("int8", "binary + rescoring", "funnel", "HNSW32", "SQ8"):
        assert lesson in claims, f"no asserted lesson about {lesson}"


def test_candidates_are_stated_as_shares_of_what_is_searched(r):
    n = r["index"]["n_vectors"]
    rows = r["rescoring_at_scale"]["table"]
    for row in rows:
        assert row["candidates % of pool"] == pytest.approx(100 * row["candidates"] / n)
    asserted = r["rescoring_at_scale"]["candidates"]
    assert any(row["precision"] == "binary" and row["candidates"] == asserted for row in rows)
    assert 100 * asserted / n < 1.0  # the asserted rescoring is at a small share of the pool, not of a tiny corpus
    for row in r["quantisation"]:
        assert (row["candidates % of corpus"] is None) != row["rescored"]
    f = r["funnel"]
    assert all(row["candidates % of pool"] == pytest.approx(100 * f["candidates"] / n) for row in f["table"])


def test_tables_and_ratios_are_complete(r):
    assert {row["domain"] for row in r["quality"]} == {"medical", "legal", "finance"}
    assert {row["kind"] for row in r["index"]["table"]} == {"Flat (exact)", "HNSW32", "IVF-Flat", "IVF-PQ", "SQ8"}
    assert r["storage"]["unit"].startswith("GiB")
    assert all(v is not None and math.isfinite(v) for k, v in r["ratios"].items() if "PCA" not in k)
