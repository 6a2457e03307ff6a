"""Notebook 02_instructions, executed once at smoke size: its results JSON keeps its contract.

The notebook asserts its lesson itself (and records each check); these tests check that the JSON is
complete and consistent, that the printed summary lines are the ones its numbers give, and that every
recorded lesson check passed with the margin it reports.
"""

import pytest

from utils.course import run as course
from utils.serving.instructions import TASKS, TUTORIAL_TEMPLATES, verdict_lines
from utils.serving.qwen3 import DEFAULT_TASK

#: the smoke size, passed to papermill as parameters (no hidden override cell in the notebook)
SMOKE_PARAMETERS = course.SMOKE_PARAMETERS["02_instructions"]  # one place: utils/course/run.py

CONDITIONS = ["none", "default", "domain", "popular"]
METRICS = ("nDCG@10", "R@10", "RR@10")


@pytest.fixture(scope="module")
def r(notebook_results):
    return notebook_results("02_instructions", **SMOKE_PARAMETERS)


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
        assert r["n_queries"][domain] == SMOKE_PARAMETERS["N_QUERIES"], "the papermill parameter sets the size"


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
        assert f"{domain}|popular vs domain" in r["comparisons"]


def test_tag_breakdown(r):
    tags = r["by_tag"]
    assert {"abbreviation", "lay_wording", "hard_negative"} <= set(tags)
    for tag, row in tags.items():
        assert row["queries"] >= 1, tag
        for cond in CONDITIONS:
            assert 0.0 <= row[cond] <= 1.0, (tag, cond)
        assert row["domain - none"] == pytest.approx(row["domain"] - row["none"], abs=1e-9)


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
