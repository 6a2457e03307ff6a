"""Notebook 02_instructions, executed once at smoke size: its results JSON keeps its contract.

The notebook asserts its lesson itself (and records each check); these tests check that the JSON is
complete and consistent, that the printed summary lines are the ones its numbers give, that the
verdicts it asserts are recomputed here from the saved numbers, and that every recorded lesson check
passed with the margin it reports. The smoke size is the notebook's own (its cell after `parameters`):
only SMOKE=True is passed.
"""

import pytest

from utils.course.nb02_instructions import FEW, MIN_PAIRED, verdict_lines
from utils.serving.instructions import TASKS, TUTORIAL_TEMPLATES
from utils.serving.qwen3 import DEFAULT_TASK

CONDITIONS = ["none", "default", "domain", "popular"]
METRICS = ("nDCG@10", "R@10", "RR@10")
SMOKE_QUERIES = 30  # the notebook's smoke N_QUERIES


@pytest.fixture(scope="module")
def r(notebook_results):
    return notebook_results("02_instructions")


def test_structure(r):
    assert r["notebook"] == "02_instructions"
    assert r["conditions"] == CONDITIONS
    domains = r["domains"]
    assert set(domains) == {"medical", "legal", "finance"}
    assert set(r["per_domain"]) == set(domains) | {"overall"}
    for domain, conds in r["per_domain"].items():
        assert list(conds) == CONDITIONS, domain
        for cond, metrics in conds.items():
            assert set(metrics) == set(METRICS), (domain, cond)
            for name, value in metrics.items():
                assert 0.0 <= value <= 1.0, (domain, cond, name, value)
    for domain in domains:
        assert r["n_queries"][domain] == SMOKE_QUERIES, "SMOKE=True alone sets the size"


def test_the_strings_are_the_library_strings(r):
    assert r["query_format_example"] == f"Instruct: {DEFAULT_TASK}\nQuery:first-line drug for type 2 diabetes"
    assert r["tasks"]["default"] == DEFAULT_TASK
    for domain in r["domains"]:
        assert r["tasks"][domain] == TASKS[domain]
        assert r["popular_templates"][domain] == TUTORIAL_TEMPLATES[domain].popular


def test_comparisons_are_complete_and_consistent(r):
    per = r["per_domain"]
    for domain in [*r["domains"], "overall"]:
        n = sum(r["n_queries"][d] for d in r["domains"]) if domain == "overall" else r["n_queries"][domain]
        for cond in ("default", "domain", "popular"):
            c = r["comparisons"][f"{domain}|{cond}"]
            assert c["wins"] + c["losses"] + c["ties"] == n
            assert 0.0 <= c["p_value"] <= 1.0
            assert c["mean_a"] == pytest.approx(per[domain]["none"]["nDCG@10"], abs=1e-9)
            assert c["mean_b"] == pytest.approx(per[domain][cond]["nDCG@10"], abs=1e-9)
            assert c["delta"] == pytest.approx(c["mean_b"] - c["mean_a"], abs=1e-9)
        for b, a in (("domain", "default"), ("popular", "default"), ("popular", "domain")):
            c = r["comparisons"][f"{domain}|{b} vs {a}"]
            assert c["mean_a"] == pytest.approx(per[domain][a]["nDCG@10"], abs=1e-9), (b, a)
            assert c["mean_b"] == pytest.approx(per[domain][b]["nDCG@10"], abs=1e-9), (b, a)


def test_tag_breakdown(r):
    tags = r["by_tag"]
    assert {"abbreviation", "lay_wording", "hard_negative"} <= set(tags)
    for tag, row in tags.items():
        assert row["queries"] >= 1, tag
        for cond in CONDITIONS:
            assert 0.0 <= row[cond] <= 1.0, (tag, cond)
        assert row["domain - none"] == pytest.approx(row["domain"] - row["none"], abs=1e-9)
        assert row["few_queries"] is (row["queries"] < FEW), "a tag with n < 10 is marked"


def test_chinese_slice(r):
    zh = r["zh"]
    assert zh is not None
    for key in ("none", "medical_instruction"):
        assert set(zh[key]) == set(METRICS)
        assert all(0.0 <= v <= 1.0 for v in zh[key].values())
    assert zh["english_overall_none_ndcg"] == pytest.approx(r["per_domain"]["overall"]["none"]["nDCG@10"])


def test_summary_lines_come_from_the_numbers(r):
    """Every outcome sentence the notebook printed is recomputed here from the saved numbers."""
    assert r["summary_lines"] == verdict_lines(r, r["tol"])
    assert all("e-0" not in line for line in r["summary_lines"]), "no scientific notation"


def _against(r, place, a, b):
    """(delta of b over a, p) from the saved comparisons, whichever way they were saved."""
    comps = r["comparisons"]
    if a == "none":
        c = comps[f"{place}|{b}"]
        return c["delta"], c["p_value"]
    if b == "none":
        c = comps[f"{place}|{a}"]
        return -c["delta"], c["p_value"]
    c = comps.get(f"{place}|{b} vs {a}")
    if c is not None:
        return c["delta"], c["p_value"]
    c = comps[f"{place}|{a} vs {b}"]
    return -c["delta"], c["p_value"]


def test_best_condition_is_named_only_with_the_paired_test(r):
    """A per-domain line names a best condition only when it beats each other one by > tol with p < 0.05."""
    for place, line in zip([*r["domains"], "overall"], r["summary_lines"], strict=False):
        ndcg = {c: r["per_domain"][place][c]["nDCG@10"] for c in CONDITIONS}
        top = max(ndcg, key=ndcg.get)
        clear = all(d > r["tol"] and p < 0.05 for d, p in (_against(r, place, c, top) for c in CONDITIONS if c != top))
        assert (f"best condition: {top} " in line) is clear, line
        assert (f"highest mean: {top}, but no best condition" in line) is (not clear), line


def test_the_asserted_lesson_is_recomputed_from_the_numbers(r):
    """The CPU lesson 'no instruction is best' holds only with the paired test; recomputed here."""
    if r["is_qwen3"] or r["mode"] != "cpu" or r["model"] != "all-MiniLM-L6-v2":
        pytest.skip("the CPU default's lesson")
    per, tol = r["per_domain"], r["tol"]
    for place in [*r["domains"], "overall"]:
        assert per[place]["domain"]["nDCG@10"] - per[place]["none"]["nDCG@10"] <= tol, place
    pooled = r["comparisons"]["overall|domain"]
    n = pooled["wins"] + pooled["losses"] + pooled["ties"]
    assert n == 3 * SMOKE_QUERIES >= MIN_PAIRED, "the smoke run is large enough for the paired lesson"
    for cond in ("default", "domain", "popular"):
        delta, p = _against(r, "overall", "none", cond)
        assert delta < 0 and p < 0.05, (cond, delta, p)
    assert r["lesson"].startswith("cpu default: no instruction is best") and "p < 0.05" in r["lesson"]
    names = {c["lesson"] for c in r["lesson_checks"]}
    assert {f"cpu: paired test p, none vs {c}, all queries" for c in ("default", "domain", "popular")} <= names


def test_lesson_checks_are_recorded_with_margins(r):
    checks = r["lesson_checks"]
    if r["is_qwen3"] or (r["mode"] == "cpu" and r["model"] == "all-MiniLM-L6-v2"):
        assert len(checks) >= 4, "the notebook must assert its lesson for a model it knows"
    ops = {">": lambda a, b: a > b, ">=": lambda a, b: a >= b, "<": lambda a, b: a < b, "<=": lambda a, b: a <= b}
    for c in checks:
        assert c["passed"] is True, c
        assert ops[c["op"]](c["measured"], c["bound"]), c
        sign = 1 if c["op"] in (">", ">=") else -1
        assert c["margin"] == pytest.approx(sign * (c["measured"] - c["bound"])), c
    # the checks measure the saved numbers, not constants
    by_name = {c["lesson"]: c for c in checks}
    ndcg = {d: {c: m["nDCG@10"] for c, m in conds.items()} for d, conds in r["per_domain"].items()}
    for name, c in by_name.items():
        if name.endswith("domain instruction - none, all queries"):
            assert c["measured"] == pytest.approx(ndcg["overall"]["domain"] - ndcg["overall"]["none"])
    assert r["lesson"]


def test_failure_example(r):
    f = r["failure_example"]
    assert f["query_id"] == "med-q0002" and "metoprolol" in f["query"]
    assert set(f["ranks"]) == {"med-d0003"}, "the judged document of the failure query"
    assert all(rank >= 1 for rank in f["ranks"]["med-d0003"])


def test_prefix_effect(r):
    effect = r["prefix_effect"]
    assert set(effect) == set(r["domains"])
    for domain, row in effect.items():
        for col in ("doc-doc, plain", "doc-doc, prefixed", "query-doc, plain", "query-doc, both prefixed"):
            assert -1.0 <= row[col] <= 1.0, (domain, col)
        assert row["doc-doc change"] == pytest.approx(
            row["doc-doc, prefixed"] - row["doc-doc, plain"], abs=1e-9
        )
