"""Notebook 01_serve_and_embed, executed once at smoke size: its results JSON keeps its contract.

Timings are not asserted here (they are the notebook's to print); the tests check that the JSON is
complete and consistent and that every lesson check the notebook recorded passed with its margin.
"""

import pytest

from utils.course import run as course

#: the smoke size, passed to papermill as parameters (no hidden override cell in the notebook)
SMOKE_PARAMETERS = course.SMOKE_PARAMETERS["01_serve_and_embed"]  # one place: utils/course/run.py
VARIANTS = (
    "one request per text, new client each",
    "one request per text",
    "batched, float JSON",
    "batched, base64",
    "async, base64",
)


@pytest.fixture(scope="module")
def r(notebook_results):
    return notebook_results("01_serve_and_embed", **SMOKE_PARAMETERS)


def test_structure_and_sizes(r):
    assert r["notebook"] == "01_serve_and_embed"
    assert r["n_texts"] == SMOKE_PARAMETERS["N_TEXTS"] and r["n_single"] == SMOKE_PARAMETERS["N_SINGLE"]
    if r["mode"] == "cpu":
        assert r["native_dim"] == 384
    tps = r["texts_per_s"]
    assert set(VARIANTS) <= set(tps)
    assert all(v > 0 for v in tps.values())


def test_ratios_are_the_table_s_ratios(r):
    tps, ratios = r["texts_per_s"], r["ratios"]
    single = tps["one request per text"]
    assert ratios["batched_vs_single"] == pytest.approx(tps["batched, base64"] / single)
    assert ratios["pooled_vs_new_client"] == pytest.approx(single / tps["one request per text, new client each"])
    assert ratios["async_vs_batched"] == pytest.approx(tps["async, base64"] / tps["batched, base64"])
    assert ratios["base64_vs_float"] == pytest.approx(tps["batched, base64"] / tps["batched, float JSON"])
    if "in-process" in tps:
        assert ratios["base64_http_vs_inprocess"] == pytest.approx(tps["batched, base64"] / tps["in-process"])


def test_lesson_checks_are_recorded_with_margins(r):
    checks = {c["lesson"]: c for c in r["lesson_checks"]}
    assert len(checks) >= 3, "dimensions, pooling and batching are asserted"
    for c in checks.values():
        assert c["passed"] is True, c
        sign = 1 if c["op"] in (">", ">=") else -1
        assert c["margin"] == pytest.approx(sign * (c["measured"] - c["bound"])) and c["margin"] >= 0, c
    # the checks measured the saved numbers
    assert checks["pooled client / new client per request (throughput)"]["measured"] == pytest.approx(r["ratios"]["pooled_vs_new_client"])
    assert checks["batched / one request per text (throughput)"]["measured"] == pytest.approx(r["ratios"]["batched_vs_single"])
    dims = checks["server's dimensions = truncate, then normalise: max |difference|"]
    assert dims["measured"] == pytest.approx(r["dimensions_max_diff"]) and dims["bound"] <= 1e-5
