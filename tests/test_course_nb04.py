"""utils.course.nb04_lora_finetune: notebook 04's (and 08's) course module, without training a model."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from utils.course.nb04_lora_finetune import (
    forgetting_lines,
    gain_margin,
    targets_verdict,
    validation_query_ids,
    verdict_lines,
)
from utils.data.beir import load_domain
from utils.search.evaluate import Comparison
from utils.training.config import pairs_from_set, split_pairs


def _result(n_val_queries, val_fraction=0.2, seed=0):
    return SimpleNamespace(config={"val_fraction": val_fraction, "seed": seed}, n_val_queries=n_val_queries)


def test_validation_ids_are_the_held_out_queries_and_none_that_trained():
    train = load_domain("legal", "train")
    pairs = pairs_from_set(train)[:60]
    tr, va = split_pairs(pairs, 0.2, 0)
    ids = validation_query_ids(train, pairs, _result(len({p["query"] for p in va})))
    texts = {train.queries[q].text for q in ids}
    assert texts == {p["query"] for p in va}
    assert not texts & {p["query"] for p in tr}  # never a training query
    assert len(ids) == len(set(ids)) and set(ids) <= set(train.queries)


def test_validation_ids_refuse_a_split_that_does_not_match_the_run():
    train = load_domain("legal", "train")
    pairs = pairs_from_set(train)[:60]
    with pytest.raises(ValueError, match="does not match the training run"):
        validation_query_ids(train, pairs, _result(999))
    assert validation_query_ids(train, pairs, _result(0, val_fraction=0.0)) == []


# --- the verdict sentences, on made-up numbers -----------------------------------------------------


def _cmp(delta, p, wins=10, losses=8, ties=4):
    return Comparison("nDCG@10", 0.7, 0.7 + delta, delta, wins, losses, ties, p)


def test_targets_verdict_names_no_winner_inside_the_noise():
    """Issue 30 item 8: +0.0071 on one domain and one seed is not "all linear is better"."""
    tie = targets_verdict("medical", 0.7471, 0.7400, _cmp(0.0071, 0.41), 2.9, 1.3)
    assert "no winner: the difference is within the noise" in tie and "p = 0.41" in tie and "22 queries" in tie
    assert "better" not in tie
    win = targets_verdict("medical", 0.80, 0.70, _cmp(0.10, 0.001), 2.9, 1.3)
    assert "all linear is better on test" in win and "no winner" not in win
    assert "q/v only is better" in targets_verdict("medical", 0.70, 0.80, _cmp(-0.10, 0.001), 2.9, 1.3)


def test_verdict_lines_state_significance_and_n():
    lines = verdict_lines({"medical@384": _cmp(0.03, 0.2), "legal@384": _cmp(0.06, 0.01)},
                          ["medical", "legal"], 384, mean_delta=0.045, target=0.05)
    assert lines[0].endswith("NOT significant at 0.05 with 22 queries")
    assert lines[1].endswith("significant at 0.05") and "NOT" not in lines[1]
    assert lines[2].startswith("significant gains in 1 of 2 domains (legal)") and "not met" in lines[2]


def test_forgetting_lines_read_the_matrix():
    lines = forgetting_lines({"medical": {"medical": 0.05, "legal": 0.04, "general": -0.03}})
    assert "worst -0.0300 (medical adapter on general)" in lines[0]
    assert any("gains +0.0400 on legal, 80% of its in-domain +0.0500" in line for line in lines)
    assert any(line.startswith("forgetting: the medical adapter costs -0.0300 on general") for line in lines)
    calm = forgetting_lines({"medical": {"medical": 0.05, "general": 0.001}})
    assert calm[-1].startswith("off-domain changes stay within 0.02")
    runs = forgetting_lines({"medical/title": {"medical": 0.05, "general": -0.05}}, own=lambda r: r.split("/")[0])
    assert "worst -0.0500 (medical/title adapter on general)" in runs[0]


def test_gain_margin():
    assert gain_margin(True, False) == -0.02 and gain_margin(False, False) == 0.02 and gain_margin(False, True) < 0


def test_base_vectors_are_handed_to_08_only_for_the_same_model_and_device(tmp_path):
    import numpy as np

    from utils.course.nb04_lora_finetune import load_base_vectors, save_base_vectors
    from utils.course.results import save_results

    memo, note = load_base_vectors(tmp_path, "/models/base", "cpu")
    assert memo == {} and "embedded here" in note  # notebook 04 has not run
    report = {}
    save_base_vectors({"a text": np.ones(3, np.float32), "b": np.zeros(3, np.float32)}, tmp_path, "/models/base",
                      "cpu", report)
    save_results(tmp_path, "04_lora_finetune", report)
    memo, note = load_base_vectors(tmp_path, "/models/base", "cpu")
    assert set(memo) == {"a text", "b"} and np.array_equal(memo["a text"], np.ones(3)) and "reusing" in note
    assert load_base_vectors(tmp_path, "/models/other", "cpu")[0] == {}
    assert load_base_vectors(tmp_path, "/models/base", "cuda")[0] == {}
    # a damaged cache is a miss that says why, never a crash of notebook 08; nothing is rewritten
    vectors = Path(report["base_vectors"]["file"])
    vectors.write_bytes(b"\xff not an npz")
    memo, note = load_base_vectors(tmp_path, "/models/base", "cpu")
    assert memo == {} and "could not be read" in note and vectors.read_bytes() == b"\xff not an npz"
    results = tmp_path / "results" / "04_lora_finetune.json"
    for damaged in (b"{not json", b"\xff\xfe", b"[1, 2]"):
        results.write_bytes(damaged)
        memo, note = load_base_vectors(tmp_path, "/models/base", "cpu")
        assert memo == {} and "could not be read" in note and results.read_bytes() == damaged
