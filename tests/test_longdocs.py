"""utils.course.nb06_long_documents: notebook 06's measurements on a real long-document set with a stand-in embedder."""

import zlib

import numpy as np
import pandas as pd
import pytest
from transformers import AutoTokenizer

from utils.course import nb06_long_documents as longdocs
from utils.data import longtext
from utils.data.beir import load_beir
from utils.paths import REPO_ROOT
from utils.serving.settings import default_cpu_model_path


@pytest.fixture(scope="module")
def setup():
    rs = load_beir(REPO_ROOT / "data" / "long_legal", "test")
    tok = AutoTokenizer.from_pretrained(default_cpu_model_path())

    def embed(texts):  # bag of hashed words: documents sharing words with the query score higher
        out = np.zeros((len(texts), 64), dtype=np.float32)
        for i, t in enumerate(texts):
            for w in t.lower().split():
                out[i, zlib.crc32(w.encode()) % 64] += 1
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)

    return rs, tok, embed, embed(rs.query_texts)


def test_truncated_and_chunked_measurements_and_their_price(setup):
    rs, tok, embed, q = setup
    trunc = longdocs.measure_truncated(rs, q, embed, tok, 64)
    assert trunc.cost["vectors"] == trunc.cost["docs"] == len(rs.corpus)
    assert trunc.cost["tokens"] <= 64 * len(rs.corpus) and trunc.chunks is None
    spec = longtext.ChunkSpec(128, 0)
    chunked = longdocs.measure_chunked(rs, q, embed, tok, spec)
    assert chunked.cost["vectors"] == len(chunked.chunks) > len(rs.corpus)
    assert chunked.cost["tokens"] > trunc.cost["tokens"]  # chunking reads every token
    assert set(trunc.per_query.index) == set(chunked.per_query.index) == set(rs.qrels)
    ctx = longdocs.measure_chunked(rs, q, embed, tok, spec, context=longdocs.title_and_heading(rs))
    assert ctx.cost["tokens"] > chunked.cost["tokens"]  # the context line costs tokens
    mean = longdocs.rescore(rs, q, chunked, "mean")
    assert mean.cost == chunked.cost and not mean.per_query.equals(chunked.per_query)
    with pytest.raises(ValueError, match="chunked"):
        longdocs.rescore(rs, q, trunc, "mean")

    positions = ["needle_first", "needle_last"]
    quality = pd.DataFrame(
        {c: longdocs.quality_row([m.per_query], rs.queries, positions) for c, m in {"t": trunc, "c": chunked}.items()}
    ).T
    assert set(quality.columns) == {"nDCG@10", "Recall@10", "queries", "nDCG@10 first", "nDCG@10 last"}
    price = longdocs.price_table(quality, {"t": [trunc.cost], "c": [chunked.cost]})
    assert price.loc["t", "vectors/doc"] == 1.0
    assert price.loc["c", "index KB (float32)"] == pytest.approx(4 * price.loc["c", "index KB (int8)"])
    ndcg = longdocs.ndcg_by_query([trunc.per_query])
    assert ndcg.mean() == pytest.approx(quality.loc["t", "nDCG@10"])
    as_json = longdocs.frame_to_dict(quality)
    assert set(as_json) == {"t", "c"} and all(isinstance(v, float | None) for v in as_json["t"].values())


def test_truncation_is_said_in_the_notebooks_words_not_as_a_warning(setup, recwarn):
    """Issue 30 item 10: no stderr box with an internal path and command-line advice; a plain line instead."""
    rs, tok, embed, q = setup
    m = longdocs.measure_truncated(rs, q, embed, tok, 64)
    assert not [w for w in recwarn if issubclass(w.category, UserWarning)]
    assert m.note.startswith(f"truncation to 64 tokens cut {len(rs.corpus)} of {len(rs.corpus)} documents")
    assert "--chunk" not in m.note and longdocs.truncation_note([10, 20], 64) is None


def test_load_long_keeps_test_and_train_queries_over_one_corpus():
    ls = longdocs.load_long("legal")
    assert set(ls.split.values()) == {"test", "train"} and ls.ids("test") and ls.ids("train")
    assert set(ls.ids("test")).isdisjoint(ls.ids("train"))
    cut = longdocs.load_long("legal", n_docs=5)
    assert len(cut.rs.corpus) == 5
    assert all(set(rel) <= set(cut.rs.corpus) for rel in cut.rs.qrels.values())
    assert set(cut.ids("train")) <= set(ls.ids("train"))


def test_conditions_name_every_reading():
    conds = longdocs.conditions(256, 8192, [64, 128, 512], [0.0, 0.25], 128, 512, 2)
    assert list(conds)[:2] == ["truncate 256", "whole (up to 8192)"]
    assert {"chunks 64:0", "chunks 64:16", "chunks 128:32", "contextual 128:0", "chunks 512:128"} <= set(conds)
    assert "whole (up to 256)" not in longdocs.conditions(256, 256, [128], [0.0], 128, 256, 2)
    assert "chunks 512:0" not in longdocs.conditions(256, 256, [512], [0.0], 128, 256, 2)  # over the model's limit


def test_choose_on_train_and_name_no_winner_inside_the_noise():
    assert longdocs.choose({"a": 0.80, "b": 0.81, "c": 0.70}, {"a": 100, "b": 300, "c": 50}, 0.02) == ("a", "b")
    assert longdocs.choose({"a": 0.80, "b": 0.85}, {"a": 100, "b": 300}, 0.02) == ("b", "b")
    c = {"what": "way of reading", "chosen": "a", "best_train": "b", "tolerance": 0.02, "train": {"a": 0.8, "b": 0.81},
         "test": {"a": 0.85, "b": 0.86}, "n_train": 90, "n_test": 50, "against": {"b": {"delta": 0.01, "p": 0.7}}}
    line = longdocs.chosen_line(c)
    assert "chosen on 90 train queries: a" in line and "no winner among them" in line and "'b'" in line
    better = {**c, "against": {"b": {"delta": 0.05, "p": 0.01}}}
    assert "'b' scores +0.050 above it on test (p = 0.01): the choice cost that" in longdocs.chosen_line(better)
    worse = {**c, "against": {"b": {"delta": -0.05, "p": 0.01}}}
    assert "it beats 'b' (p < 0.05)" in longdocs.chosen_line(worse) and "no winner" not in longdocs.chosen_line(worse)


def test_choose_and_report_and_the_comparisons_on_a_real_set(setup):
    _, tok, embed, _ = setup
    ls = longdocs.load_long("legal", n_docs=6)
    q = embed(longdocs.query_texts(ls, False))
    conds = longdocs.conditions(64, 64, [128], [0.0], 128, 256, 2)
    measured = {(name, "legal"): longdocs.measure(ls.rs, q, embed, tok, r) for name, r in conds.items()}
    sets = {"legal": ls}
    quality = longdocs.quality_table(measured, sets, list(conds))
    assert quality["queries"].iloc[0] == len(ls.ids("test"))
    price = longdocs.price_table(quality, {c: [measured[c, "legal"].cost] for c in conds})
    chosen = longdocs.choose_and_report(measured, sets, list(conds), price["tokens/doc"], 0.02, "way of reading")
    assert chosen.n_train == len(ls.ids("train")) and set(chosen.against) == set(conds) - {chosen.chosen}
    last = [x for x in ls.ids("test") if "needle_last" in ls.rs.queries[x].tags]
    table = longdocs.comparison_table(measured, sets, "truncate 64", "chunks 128:0", last)
    assert list(table["queries"]) == [len(ls.ids("test")), len(last)]
    comps = longdocs.comparisons(measured, sets, list(conds), "truncate 64", "chunks 128:0", "chunks 128:0",
                                 "contextual 128:0")
    lines = longdocs.verdicts(quality, price, "truncate 64", "chunks 128:0", None, comps, [chosen.as_dict()], 0.1)
    assert any(v.startswith("contextual chunks: chunks 128:0 vs contextual 128:0") for v in lines)
    assert len(longdocs.chosen_table([chosen])) == len(conds)


def test_plots_are_readable(setup):
    """Issue 30 items 9 and 11: horizontal bars with a legend outside; plain tick labels on the log axes."""
    import matplotlib

    matplotlib.use("Agg")
    price = pd.DataFrame({"nDCG@10": [0.6, 0.8, 0.82], "tokens/doc": [256.0, 1100.0, 1500.0],
                          "index KB (float32)": [18.0, 170.0, 220.0]}, index=["truncate 256", "chunks 128:0", "chunks 128:32"])
    fig = longdocs.plot_price(price)
    fig.canvas.draw()
    labels = [t.get_text() for t in fig.axes[0].get_xticklabels() if t.get_text()]
    assert labels and not any("times" in x or "^" in x or "10^" in x for x in labels)  # no "3x10^2"
    assert {t.get_text() for t in fig.axes[1].get_legend().get_texts()} == set(price.index)
    quality = pd.DataFrame({"nDCG@10 first": [0.7, 0.8], "nDCG@10 last": [0.3, 0.8]}, index=["t", "c"])
    fig = longdocs.plot_positions(quality)
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == ["first", "last"]
