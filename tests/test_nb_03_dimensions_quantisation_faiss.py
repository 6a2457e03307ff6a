"""Notebook 03 at smoke size: the results contract it hands on (the notebook asserts its own lessons).

What is tested here is what other code relies on: the IndexChoice record notebook 05 reads, that the
recommendation follows its stated rule from the numbers in the JSON, that every lesson the notebook
asserted is listed with its measured value, threshold and margin, that candidate counts are stated
as shares of what was searched, and that every verdict sentence and the index-table verdict are
recomputed here from the saved numbers. The smoke sizes are the notebook's own (its cell after
`parameters`): only SMOKE=True is passed.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from utils.course import nb03_dimensions as nb03
from utils.course.results import IndexChoice, ResultsError, load_record

pytestmark = pytest.mark.notebooks

NB = "03_dimensions_quantisation_faiss"
SMOKE_VECTORS = 5_000  # the notebook's smoke N_VECTORS


@pytest.fixture(scope="module")
def r(notebook_results) -> dict:
    return notebook_results(NB)


def test_smoke_sizes_come_from_the_notebook(r):
    assert r["smoke"] is True
    assert r["index"]["n_vectors"] == SMOKE_VECTORS
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
    assert len(checks) >= 9
    for c in checks:
        assert set(c) == {"lesson", "measured", "op", "bound", "margin", "passed", "outcome", "inconclusive"}
        assert c["passed"] is True  # the notebook stops at a failed check, so a written file has none
        sign = -1 if c["op"] == "<=" else 1
        assert c["margin"] == pytest.approx(sign * (c["measured"] - c["bound"]))
    claims = " | ".join(c["lesson"] for c in checks)
    for lesson in ("int8", "binary + rescoring", "funnel", "HNSW32", "SQ8", "re-rank"):
        assert lesson in claims, f"no asserted lesson about {lesson}"
    # checks that cannot fail in this mode say so (issue 30 item 6)
    by_name = {c["lesson"]: c for c in checks}
    dims = [n for n in by_name if "server `dimensions`" in n]
    assert len(dims) == 1 and dims[0].startswith("sanity check") is (r["mode"] == "cpu")
    cut = [n for n in by_name if "native minus" in n]
    assert len(cut) == 1 and cut[0].startswith("sanity check")


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
    refined = ["IVF-PQ + SQ8 re-rank", "OPQ IVF-PQ + SQ8 re-rank", "binary + SQ8 re-rank"]
    assert {row["kind"] for row in r["index"]["table"]} == {"Flat (exact)", "HNSW32", "IVF-Flat", "IVF-PQ", "SQ8"} | {
        *refined, *(f"{k}, store on disk" for k in refined)}
    assert r["storage"]["unit"].startswith("GiB")
    assert all(v is not None and math.isfinite(v) for k, v in r["ratios"].items() if "PCA" not in k)
    assert r["ratios"] == pytest.approx(nb03.ratios(r))


def test_resident_memory_counts_codes_and_store(r):
    """Issue 27 item 7: a re-ranked index's resident bytes are its codes plus its store in RAM, its codes
    alone with the store on disk; recall is the same either way (the same candidates, the same store)."""
    rows = {row["kind"]: row for row in r["index"]["table"]}
    flat = rows["Flat (exact)"]["resident B/vector"]
    for name, row in rows.items():
        assert row["x less than Flat"] == pytest.approx(flat / row["resident B/vector"])
        if row["store lives"] == "RAM":
            assert row["resident B/vector"] == pytest.approx(row["codes B/vector"] + row["store B/vector"], rel=0.01)
            disk = rows[f"{name}, store on disk"]
            assert disk["resident B/vector"] == pytest.approx(row["codes B/vector"])
            assert disk["recall"] == pytest.approx(row["recall"], abs=0.02)
            assert row["candidates"] == r["k"] * r["index"]["k_factor"] and row["recall codes alone"] < row["recall"]
            assert f"nprobe={r['index']['refine_nprobe']}" in row["params"] or "IVF" not in row["factory"]
        elif row["store lives"] == "-":
            assert row["store B/vector"] == 0


def test_the_index_verdict_is_recomputed_from_the_table(r):
    """Which index reaches recall >= 0.95 at >= 8x less resident memory, and why none does if none does."""
    table = pd.DataFrame(r["index"]["table"]).set_index("kind")
    ref = r["refine"]
    again = nb03.refine_verdict(table, ref["recall_goal"], ref["memory_goal"], k=r["k"])
    assert again["lines"] == ref["lines"] and again["reached"] == ref["reached"]
    ok = [n for n, row in table.iterrows() if row.recall >= 0.95 and row["x less than Flat"] >= 8]
    assert ref["reached"] == ok
    if not ok:
        assert any(line.startswith("no index reaches recall@10 >= 0.95") for line in ref["lines"])


def test_verdict_lines_are_recomputed_from_the_numbers(r):
    assert r["summary_lines"] == nb03.verdict_lines(r)
    assert all("e-0" not in line and "e+0" not in line for line in r["summary_lines"]), "no scientific notation"
