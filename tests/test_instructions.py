"""utils.serving.instructions: the task library, the anti-pattern, the template rewrites and the side-by-side explorer."""

import numpy as np
import pytest

from utils.data.beir import DOMAINS
from utils.serving.instructions import (
    ALIASES,
    DEFAULT,
    TASKS,
    TUTORIAL_TEMPLATES,
    naive_prefix,
    query_for,
    side_by_side,
    task_for,
    verdict,
)
from utils.serving.qwen3 import DEFAULT_TASK, format_query


def test_every_shipped_domain_and_code_has_a_task():
    for domain in (*DOMAINS, "code", DEFAULT):
        assert task_for(domain) == TASKS[domain]
    assert task_for(DEFAULT) == DEFAULT_TASK


@pytest.mark.parametrize("domain", list(TASKS))
def test_tasks_are_written_as_qwen3_expects(domain):
    task = TASKS[domain]
    assert task.isascii(), "instructions are written in English"
    assert task.startswith("Given a"), "Qwen3 style: 'Given a ..., retrieve ...'"
    assert " retrieve " in task
    assert task == task.strip() and "\n" not in task
    assert not task.endswith((":", ".")), "the format supplies the punctuation (\\nQuery:)"
    assert "Instruct" not in task and "Query:" not in task, "the task is the description only, not the frame"


def test_domain_tasks_differ_from_the_default():
    assert len({TASKS[d] for d in (*DOMAINS, "code")} | {DEFAULT_TASK}) == len(DOMAINS) + 2


def test_language_slices_get_the_english_task():
    assert ALIASES["medical_zh"] == "medical"
    assert task_for("medical_zh") == TASKS["medical"]
    assert task_for("medical_zh").isascii()


def test_unknown_domain_error_names_the_known_ones():
    with pytest.raises(KeyError, match="astrology.*medical.*legal.*finance"):
        task_for("astrology")
    with pytest.raises(TypeError):
        task_for(None)  # type: ignore[arg-type]


def test_tasks_are_read_only():
    with pytest.raises(TypeError):
        TASKS["medical"] = "something else"  # type: ignore[index]


def test_query_for_reuses_the_qwen3_format():
    got = query_for("dose of metformin in CKD", "medical")
    assert got == f"Instruct: {TASKS['medical']}\nQuery:dose of metformin in CKD"
    assert got == format_query("dose of metformin in CKD", TASKS["medical"])


def test_naive_prefix_is_the_popular_form_and_differs_from_qwen3():
    assert naive_prefix("Represent this:", "a text") == "Represent this: a text"
    assert naive_prefix("", "a text") == "a text"
    assert naive_prefix("X", "q") != format_query("q", "X")
    with pytest.raises(TypeError):
        naive_prefix("X", 3)  # type: ignore[arg-type]


def test_tutorial_templates_rewritten():
    assert set(TUTORIAL_TEMPLATES) == set(DOMAINS)
    med = TUTORIAL_TEMPLATES["medical"]
    assert med.popular == "Represent this medical question for retrieving relevant documents:"
    for domain, t in TUTORIAL_TEMPLATES.items():
        assert t.domain == domain and t.task == TASKS[domain]
        assert t.popular_query("q") == f"{t.popular} q"
        assert t.popular_document("d") == f"{t.popular} d", "the popular form prefixes documents too"
        assert t.qwen3_query("q") == f"Instruct: {t.task}\nQuery:q"
        assert t.qwen3_document("d") == "d", "Qwen3 documents get no instruction"


# --------------------------------------------------------------------------- side_by_side
def _toy_embed(texts):
    """Deterministic toy embedder: the instruction frame moves the query towards the 'b' axis."""
    out = []
    for t in texts:
        v = np.array([1.0, 0.1, 0.0]) if not t.startswith("Instruct:") else np.array([0.1, 1.0, 0.0])
        out.append(v / np.linalg.norm(v))
    return np.array(out, dtype=np.float32)


def test_side_by_side_ranks_with_and_without_the_instruction():
    docs = np.eye(3, dtype=np.float32)
    table = side_by_side(
        "a query", "Given a test, retrieve b", _toy_embed, docs, ["a", "b", "c"], ["A", "B", "C"], k=2
    )
    assert list(table.index) == [1, 2]
    assert list(table[("no instruction", "doc")]) == ["a", "b"]
    assert list(table[("with instruction", "doc")]) == ["b", "a"]
    assert table[("", "changed")].all()
    s = table[("no instruction", "score")]
    assert s.iloc[0] >= s.iloc[1] and 0 <= s.iloc[0] <= 1


def test_side_by_side_without_task_changes_nothing_and_caps_k():
    docs = np.eye(3, dtype=np.float32)
    table = side_by_side("a query", None, _toy_embed, docs, ["a", "b", "c"], ["A", "B", "C"], k=10)
    assert len(table) == 3
    assert not table[("", "changed")].any()


def test_side_by_side_validates_inputs():
    docs = np.eye(3, dtype=np.float32)
    with pytest.raises(ValueError, match="empty"):
        side_by_side("  ", None, _toy_embed, docs, ["a", "b", "c"], ["A", "B", "C"])
    with pytest.raises(ValueError, match="align"):
        side_by_side("q", None, _toy_embed, docs, ["a", "b"], ["A", "B", "C"])
    with pytest.raises(ValueError, match="k must"):
        side_by_side("q", None, _toy_embed, docs, ["a", "b", "c"], ["A", "B", "C"], k=0)


# --------------------------------------------------------------------------- verdicts
def _comp(a, b, wins, losses, ties, p):
    return {"mean_a": a, "mean_b": b, "delta": b - a, "wins": wins, "losses": losses, "ties": ties, "p_value": p}


def test_verdict_needs_size_and_significance():
    assert verdict(_comp(0.5, 0.6, 20, 2, 8, 0.001), tol=0.02) == "helped"
    assert verdict(_comp(0.6, 0.5, 2, 20, 8, 0.001), tol=0.02) == "hurt"
    assert verdict(_comp(0.6, 0.5, 2, 20, 8, 0.2), tol=0.02) == "made no clear difference", "not significant"
    assert verdict(_comp(0.5, 0.51, 20, 2, 8, 0.001), tol=0.02) == "made no clear difference", "within tolerance"
