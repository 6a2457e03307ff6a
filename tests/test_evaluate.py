"""Metric helpers checked on hand-computed examples, the paired comparison, and the CLI."""

import math

import numpy as np
import pytest

from utils.evaluate import compare, evaluate_run, main, per_query, search_dense

QRELS = {"q1": {"d1": 1, "d3": 1}, "q2": {"d2": 1}}


def test_metrics_match_hand_computation():
    run = {"q1": {"d2": 0.9, "d1": 0.8, "d3": 0.1}, "q2": {"d1": 0.5, "d3": 0.4}}
    table = per_query(QRELS, run)
    # q1: relevant at ranks 2 and 3 -> DCG = 1/log2(3) + 1/log2(4); IDCG = 1 + 1/log2(3)
    dcg, idcg = 1 / math.log2(3) + 1 / math.log2(4), 1 + 1 / math.log2(3)
    assert table.loc["q1", "nDCG@10"] == pytest.approx(dcg / idcg)
    assert table.loc["q1", "R@10"] == pytest.approx(1.0)
    assert table.loc["q1", "RR@10"] == pytest.approx(0.5)
    # q2: relevant document never retrieved -> all zeros
    assert table.loc["q2"].tolist() == [0.0, 0.0, 0.0]
    means = evaluate_run(QRELS, run)
    assert means["RR@10"] == pytest.approx(0.25)


def test_query_missing_from_run_counts_as_zero():
    table = per_query(QRELS, {"q1": {"d1": 1.0}})
    assert table.loc["q2", "nDCG@10"] == 0.0 and len(table) == 2


def test_search_dense_orders_by_cosine():
    docs = np.eye(3, dtype=np.float32)
    q = np.array([[0.1, 0.9, 0.0]], dtype=np.float32)
    run = search_dense(q, docs, ["q"], ["a", "b", "c"], k=2)
    assert list(run["q"]) == ["b", "a"]
    with pytest.raises(ValueError, match="same width"):
        search_dense(q[:, :2], docs, ["q"], ["a", "b", "c"])


def test_compare_wins_losses_and_test():
    qrels = {f"q{i}": {"good": 1} for i in range(12)}
    worse = {q: {"bad": 1.0, "good": 0.5} for q in qrels}  # good at rank 2
    better = {q: {"good": 1.0} for q in qrels}  # good at rank 1
    c = compare(qrels, worse, better, "RR@10")
    assert (c.wins, c.losses, c.ties) == (12, 0, 0)
    assert c.delta == pytest.approx(0.5) and c.p_value < 0.01 and c.significant
    same = compare(qrels, worse, worse, "RR@10")
    assert (same.wins, same.losses, same.ties, same.p_value) == (0, 0, 12, 1.0)
    assert "wins 12" in str(c)


def test_cli_on_a_fixture(tmp_path, capsys):
    from tests.test_data import write_beir

    folder = write_beir(tmp_path / "set")
    from utils.settings import default_cpu_model_path

    assert main(["--model", default_cpu_model_path(), "--data", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "nDCG@10" in out and "MRR@10" in out and "2 queries" in out
    (folder / "corpus.jsonl").write_text("{bad\n")
    assert main(["--model", default_cpu_model_path(), "--data", str(folder)]) == 2
    assert "corpus.jsonl:1" in capsys.readouterr().err


# --------------------------------------------------------------------------- moved from utils.finetune (issue 10)
def test_cached_embed_embeds_each_text_once():
    from utils.evaluate import cached_embed

    calls = []

    def embed(texts):
        calls.append(list(texts))
        return np.array([[len(t), 1.0] for t in texts], dtype=np.float32)

    cached = cached_embed(embed)
    first = cached(["a", "bb", "a"])
    assert first.shape == (3, 2) and first[0, 0] == 1 and first[1, 0] == 2
    assert np.array_equal(first[0], first[2])
    second = cached(["bb", "ccc"])
    assert calls == [["a", "bb"], ["ccc"]]  # "bb" came from the cache
    assert second[1, 0] == 3
    bad = cached_embed(lambda texts: np.zeros((1, 2)))
    with pytest.raises(ValueError):
        bad(["x", "y"])


def test_evaluate_at_dims_matches_evaluate_embedder_per_width():
    from utils.data import general_probe
    from utils.evaluate import evaluate_at_dims, evaluate_embedder

    rs = general_probe()
    rng = np.random.default_rng(0)
    table = {t: rng.normal(size=16).astype(np.float32) for t in rs.doc_texts + rs.query_texts}

    def embed(texts):
        v = np.stack([table[t] for t in texts])
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    out = evaluate_at_dims(rs, embed, [None, 8])
    for dim in (None, 8):
        assert out[dim][0] == evaluate_embedder(rs, embed, dimensions=dim)[0]
