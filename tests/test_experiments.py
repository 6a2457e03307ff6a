"""utils.course.nb05_pipeline: notebook 05's orchestration, on real course data with BM25 and fake embeddings (no server)."""

from __future__ import annotations

import numpy as np
import pytest

from utils.course import nb05_pipeline as ex
from utils.data.beir import load_domain
from utils.search.retrieval import BM25Index


def test_load_corpus_keeps_every_judged_document():
    c = ex.load_corpus(["legal", "finance"], n_docs=30, n_test=5, n_train=3)
    for d in ("legal", "finance"):
        judged = {doc for rel in load_domain(d, "test").subset(5).qrels.values() for doc in rel}
        judged |= {doc for rel in load_domain(d, "train").subset(3).qrels.values() for doc in rel}
        ids = {i for i, dd in zip(c.ids, c.domains, strict=True) if dd == d}
        assert judged <= ids and c.count(d) == max(30, len(judged))
    assert len(c.ids) == len(set(c.ids)) == len(c.texts) == len(c.sources)
    full = ex.load_corpus(["legal"])
    assert full.count("legal") == len(load_domain("legal", "test").corpus)


def test_index_corpus_and_funnel_on_milvus_lite(tmp_path):
    from utils.search.store import MilvusStore

    c = ex.load_corpus(["finance"], n_docs=20, n_test=2, n_train=1)
    rng = np.random.default_rng(0)

    def fake_embed(texts, progress=False):
        v = rng.normal(size=(len(texts), 16)).astype(np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    uri = str(tmp_path / "x.db")
    with pytest.raises(ValueError, match="index the corpus first"):
        ex.build_funnel(uri, "f", c, 8)
    with MilvusStore(uri, "docs", dim=16) as store:
        took = ex.index_corpus(store, fake_embed, c, batch_size=7, progress=False)
        assert took["rows"] == len(c.ids) and c.vectors.shape == (len(c.ids), 16)
        with ex.build_funnel(uri, "docs_funnel", c, 8, batch_size=7) as funnel:
            assert funnel.dim == 8 and funnel.count() == len(c.ids)


def test_measure_returns_everything_it_measured():
    c = ex.load_corpus(["legal"], n_docs=60, n_test=4)
    bm25 = BM25Index(c.ids, c.texts, c.domains)
    calls = []
    timer = ex.TimedEmbed(lambda texts: calls.append(texts) or np.zeros((len(texts), 2)))
    timer(["warm"])
    m = ex.measure({ex.BM25: bm25}, ["legal"], "test", n_queries=4, k=5, timer=timer)
    row = m.frame().loc[("legal", ex.BM25)]
    assert row["queries"] == 4 and 0 <= row["nDCG@10"] <= 1 and row["ms/query (p95)"] >= row["ms/query (median)"]
    assert row["embed ms (p95)"] == 0.0  # BM25 never embeds: the timer was cleared before the timed queries
    assert set(m.runs) == {("legal", ex.BM25)} and set(m.qrels["legal"]) == set(m.runs[("legal", ex.BM25)])
    other = ex.Measurement()
    other.extend(m)
    assert other.rows == m.rows and other.tables.keys() == m.tables.keys()


def test_choose_variant_prefers_the_cheaper_within_tolerance():
    scores = {"dense": 0.700, "hybrid": 0.7002, "funnel": 0.69}
    cost = {"dense": 30.0, "hybrid": 50.0, "funnel": 40.0}
    c = ex.choose_variant(scores, cost, tolerance=0.01, unit="ms")
    assert c.variant == "dense" and c.best == "hybrid" and c.lead == pytest.approx(0.0002)
    assert "within the tolerance" in c.reason and "(30 vs 50 ms)" in c.reason
    c = ex.choose_variant({**scores, "hybrid": 0.75}, cost, tolerance=0.01)
    assert c.variant == "hybrid" and "leads by +0.0500" in c.reason
    assert ex.choose_variant(scores, cost, tolerance=0.0).variant == "hybrid"
    with pytest.raises(ValueError):
        ex.choose_variant({}, {}, 0.01)


def test_pick_examples_finds_a_hit_and_a_miss():
    qrels = {"q1": {"a": 1}, "q2": {"b": 1}, "q3": {"c": 1}}
    run = {"q1": {"x": 3.0, "a": 2.0}, "q2": {"x": 1.0}, "q3": {"c": 1.0}}
    assert ex.pick_examples(run, qrels, k=5) == ("q1", "q2")
    assert ex.pick_examples({"q3": {"c": 1.0}}, {"q3": {"c": 1}}) == ("q3", None)


def test_format_query_for_model_kind():
    assert ex.format_query_for(False)("why?", "legal") == "why?"
    qwen = ex.format_query_for(True)
    assert qwen("why?", "legal").startswith("Instruct:") and qwen("why?", None).endswith("why?")


def test_stage_cost_orders_the_variants():
    names = [ex.DENSE, ex.HYBRID, ex.funnel_name(128, 20, 384), ex.RERANK_DENSE, ex.RERANK_HYBRID]
    assert [ex.stage_cost(v) for v in names] == [1, 2, 2, 3, 4]
