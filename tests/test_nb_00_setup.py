"""Notebook 00_setup, executed once at smoke size: its results JSON keeps its contract.

The notebook asserts its lesson itself (and records the check); these tests check the JSON it hands on.
"""

import pytest

from utils.course.plots import CJK_FONTS
from utils.serving.settings import CPU_MODEL_NAME


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
    (check,) = r["lesson_checks"]
    assert check["passed"] is True and check["op"] == "<="
    assert check["measured"] == pytest.approx(abs(r["norm"] - 1.0))
    assert check["margin"] == pytest.approx(check["bound"] - check["measured"]) and check["margin"] >= 0
