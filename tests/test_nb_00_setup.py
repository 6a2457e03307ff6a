"""Notebook 00_setup, executed once at smoke size: its results JSON keeps its contract.

The notebook asserts its lesson itself (and records the check); these tests check the JSON it hands on.
"""

from types import SimpleNamespace

import pytest

from utils.course.plots import CJK_FONTS
from utils.serving.settings import CPU_MODEL_NAME, VectorTolerances


@pytest.fixture(scope="module")
def r(notebook_results):
    return notebook_results("00_setup")


def test_structure(r):
    assert r["notebook"] == "00_setup"
    assert r["mode"] in ("cpu", "sglang", "openai") and r["reason"]
    assert r["model"] in r["served_models"], "the client asked for a model the server serves"
    assert r["device"] in ("cuda", "mps", "cpu")
    assert r["cjk_font"] is None or r["cjk_font"] in CJK_FONTS


def test_the_cpu_default_is_the_bundled_model(r):
    if r["mode"] != "cpu":
        pytest.skip("not the CPU default")
    assert r["model"] == CPU_MODEL_NAME and r["dim"] == 384


def test_lesson_checks_are_recorded_with_margins(r):
    checks = {c["lesson"]: c for c in r["lesson_checks"]}
    assert all(c["outcome"] == "passed" and c["margin"] >= 0 for c in checks.values()), checks
    norm = checks["vectors come back L2-normalised: |norm - 1|"]
    assert norm["op"] == "<=" and norm["measured"] == pytest.approx(abs(r["norm"] - 1.0))
    assert norm["margin"] == pytest.approx(norm["bound"] - norm["measured"])
    assert checks["values that are NaN or inf"]["measured"] == 0


def test_the_norm_bound_is_the_modes_tolerance(r):
    """float32 bounds for the CPU server, bf16's for SGLang (issue 25: a fixed 1e-4 fails on a GPU)."""
    tol = VectorTolerances.for_settings(SimpleNamespace(mode=r["mode"]))  # it reads the mode alone
    norm = next(c for c in r["lesson_checks"] if c["lesson"].startswith("vectors come back L2-normalised"))
    assert norm["bound"] == tol.norm == r["norm_bound"] and r["tolerance"] == tol.why
