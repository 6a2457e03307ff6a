"""utils.course.nb05_pipeline: notebook 05's orchestration, on real course data with BM25 and fake embeddings (no server)."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from utils.course import nb05_pipeline as ex
from utils.course.results import ResultsError
from utils.data.beir import DOMAINS, load_domain
from utils.search.retrieval import BM25Index


def test_load_corpus_keeps_every_judged_document():
    held = {d: load_domain(d, "train").query_ids[-3:] for d in ("legal", "finance")}  # ids, as notebook 04 lists them
    c = ex.load_corpus(["legal", "finance"], n_docs=30, n_test=5, held_out=held)
    for d in ("legal", "finance"):
        judged = {doc for rel in load_domain(d, "test").subset(5).qrels.values() for doc in rel}
        judged |= {doc for q in held[d] for doc in load_domain(d, "train").qrels[q]}
        ids = {i for i, dd in zip(c.ids, c.domains, strict=True) if dd == d}
        assert judged <= ids and c.count(d) == max(30, len(judged))
    assert len(c.ids) == len(set(c.ids)) == len(c.texts) == len(c.sources)
    full = ex.load_corpus(["legal"])
    assert full.count("legal") == len(load_domain("legal", "test").corpus)


def test_index_corpus_and_funnel_on_milvus_lite(tmp_path):
    from utils.search.store import MilvusStore

    c = ex.load_corpus(["finance"], n_docs=20, n_test=2, held_out=1)
    rng = np.random.default_rng(0)

    def fake_embed(texts, progress=False):
        v = rng.normal(size=(len(texts), 16)).astype(np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    uri = str(tmp_path / "x.db")
    with pytest.raises(ValueError, match="index the corpus first"):
        ex.build_funnel(uri, "f", c, 8)
    with MilvusStore(uri, "docs", dim=12) as store:  # embedded at 16, stored at the collection's 12
        took = ex.index_corpus(store, fake_embed, c, batch_size=7, progress=False)
        assert took["rows"] == len(c.ids) and c.vectors.shape == (len(c.ids), 16)
        row = store.get([c.ids[0]], with_vectors=True)[c.ids[0]]["vector"]
        np.testing.assert_allclose(row, c.vectors[0, :12] / np.linalg.norm(c.vectors[0, :12]), atol=1e-6)
        with ex.build_funnel(uri, "docs_funnel", c, 8, batch_size=7) as funnel:
            assert funnel.dim == 8 and funnel.count() == len(c.ids)


def test_measure_returns_everything_it_measured():
    c = ex.load_corpus(["legal"], n_docs=60, n_test=4)
    bm25 = BM25Index(c.ids, c.texts, c.domains)
    calls = []
    timer = ex.TimedEmbed(lambda texts: calls.append(texts) or np.zeros((len(texts), 2)))
    timer(["warm"])
    m = ex.measure({ex.BM25: bm25}, ["legal"], "test", n_queries=4, k=5, timer=timer)
    ids = load_domain("legal", "train").query_ids[:2]
    held = ex.measure({ex.BM25: bm25}, ["legal"], "train", k=5, query_ids={"legal": ids})
    assert sorted(held.qrels["legal"]) == sorted(ids) and held.frame().loc[("legal", ex.BM25), "queries"] == 2
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


# --------------------------------------------------------------------------- the plan, held-out queries, width
@dataclass
class _Record:
    """A notebook-04 record as 05 reads it, built here (the val_query_ids field: what 04 held out of training)."""

    models: dict
    kept_base: dict
    matryoshka_dims: list
    val_query_ids: dict

    def model_path(self, runs_dir, domain):
        return Path(runs_dir) / self.models[domain]


def test_plan_chooses_routes_on_queries_the_serving_model_never_trained_on(tmp_path):
    val = load_domain("finance", "train").query_ids[5:9]
    rec = _Record({"finance": "models/fin", "legal": "models/leg"}, {"finance": False, "legal": True}, [128],
                  {"finance": val, "legal": load_domain("legal", "train").query_ids[:2]})
    plan = ex.plan_from_records("base", "base-model", tmp_path, None, rec, n_choose=3, used_finetuned=True)
    assert plan.tuned == {"finance": str(tmp_path / "models/fin")} and plan.kept_base == ["legal"]
    assert plan.groups == {"base": ["medical", "legal"], str(tmp_path / "models/fin"): ["finance"]}
    assert plan.held_out["finance"] == val[:3] and "validation" in plan.held_out_from["finance"]
    # the base model trained on no course query: its domains choose on train-split queries
    assert plan.held_out["legal"] == load_domain("legal", "train").subset(3).query_ids
    assert "base model never trained" in plan.held_out_from["medical"]
    assert plan.collection_of("finance") == "docs_finance" and plan.collection_of("legal") == "docs_base"
    assert plan.funnel_labels(128, False)["finance"].startswith("Matryoshka-trained at 128")
    assert plan.funnel_labels(128, False)["legal"].startswith("no Matryoshka")
    assert set(plan.table().index) == set(DOMAINS)


@pytest.mark.parametrize("val, message", [({}, "no validation query ids"), ({"finance": ["nope"]}, "not train-split")])
def test_plan_refuses_a_record_without_usable_validation_ids(tmp_path, val, message):
    rec = _Record({"finance": "m"}, {"finance": False}, [], val)
    with pytest.raises(ResultsError, match=message):
        ex.plan_from_records("base", "base-model", tmp_path, None, rec, n_choose=None, used_finetuned=True)


def _hash_embed(texts, progress=False):  # bag of hashed words: a query finds documents that share its words
    out = np.zeros((len(texts), 32), dtype=np.float32)
    for i, t in enumerate(texts):
        for w in t.lower().split():
            out[i, zlib.crc32(w.encode()) % 32] += 1
    return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


def test_width_cost_compares_native_and_served_width_on_the_same_queries():
    docs = ex.load_corpus(["legal"], n_docs=40, n_test=5, held_out=4)
    docs.vectors = _hash_embed(docs.texts)
    splits = {"held-out": {"legal": ("train", 4)}, "test": {"legal": ("test", 5)}}
    cost = ex.width_cost(_hash_embed, docs, 8, splits, lambda q, d: q)
    assert set(cost) == {"legal"} and set(cost["legal"]) == {"held-out", "test"}
    for c in cost["legal"].values():
        assert c["delta"] == pytest.approx(c["served"] - c["native"]) and 0 <= c["p"] <= 1
    assert cost["legal"]["test"]["queries"] == 5
    assert ex.width_cost(_hash_embed, docs, 32, splits, lambda q, d: q) == {}  # native width: nothing to measure
    line = ex.width_line("legal", "m", 8, 32, cost["legal"], 0.01)
    assert f"{cost['legal']['test']['delta']:+.3f}" in line and "5 test queries" in line


def _measurement(scores):  # {variant: {query: nDCG@10}} over one domain with one judged document per query
    m = ex.Measurement()
    m.qrels["legal"] = {q: {f"d-{q}": 1} for q in next(iter(scores.values()))}
    for v, per_q in scores.items():
        m.runs[("legal", v)] = {q: ({f"d-{q}": 1.0} if s else {"other": 1.0}) for q, s in per_q.items()}
        m.tables[("legal", v)] = pd.DataFrame({"nDCG@10": per_q}).astype(float)
        m.rows.append({"domain": "legal", "variant": v, "nDCG@10": float(np.mean(list(per_q.values()))),
                       "queries": len(per_q)})
    return m


def test_choose_routes_on_held_out_and_price_the_choice_on_test():
    held = _measurement({ex.DENSE: {"a": 1, "b": 1, "c": 0}, ex.HYBRID: {"a": 1, "b": 1, "c": 0}})
    test = _measurement({ex.DENSE: {f"t{i}": int(i < 3) for i in range(12)},
                         ex.HYBRID: {f"t{i}": 1 for i in range(12)}, ex.BM25: {f"t{i}": 0 for i in range(12)}})
    routes, pooled = ex.choose_routes(held, test, [ex.DENSE, ex.BM25, ex.HYBRID], 0.01, {"legal": "validation"})
    r = routes["legal"]
    assert r["variant"] == ex.DENSE and pooled.variant == ex.DENSE  # a tie on held-out: the cheaper variant
    assert r["test_best"] == ex.HYBRID and r["test_cost"] == pytest.approx(0.75)
    assert r["held_out_queries"] == 3 and r["test_queries"] == 12 and r["test_p"] < 0.05
    line = ex.route_line("legal", r)
    assert "costs 0.750 nDCG@10 on test, a significant cost" in line and "3 held-out queries (validation)" in line
    table = ex.routes_table(routes)
    assert table.loc["legal", "test cost of the choice"] == pytest.approx(0.75)


def test_hybrid_line_names_no_winner_inside_the_noise():
    row = {"Δ nDCG@10": 0.02, "wins": 3, "losses": 1, "p (Wilcoxon)": 0.75}
    assert ex.hybrid_line("finance", row).endswith("makes no clear difference (p >= 0.05)")
    assert "(3 wins, 1 losses" in ex.hybrid_line("finance", {**row, "wins": 3.0, "losses": 1.0})
    assert ex.hybrid_line("legal", {**row, "Δ nDCG@10": -0.2, "p (Wilcoxon)": 0.01}).endswith("it hurts")


def test_small_helpers():
    errors = ex.errors_of({"raises": lambda: (_ for _ in ()).throw(ValueError("no")), "quiet": lambda: None}, ValueError)
    assert errors == {"raises": "no", "quiet": None}
    assert ex.rounded({"a": 1 / 3}) == {"a": 0.3333}
    assert "..." in ex.source_without_docstring(ex.rounded) and '"""' not in ex.source_without_docstring(ex.rounded)
    scale = ex.Scale(384, "int8", 100, 100 * 3000.0, "HNSW", True, True, 2**34, 1.5)
    assert scale.fit_half_ram == 2**33 // (384 * 4 + 128)
    assert list(scale.sizing_table()["bytes/vector"])[:3] == [1536, 1664, 384]
    assert ex.qps_record(10.0, 20.0, 200)["servers_needed"] == 10


def test_reranker_server_is_none_outside_sglang(tmp_path):
    from utils.serving.settings import get_settings

    with ex.reranker_server("models/some-reranker", get_settings(mode="cpu", runs_dir=tmp_path, env={})) as rr:
        assert rr is None
