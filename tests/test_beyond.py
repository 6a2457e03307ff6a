"""utils.course.nb07_beyond_search (notebook 07): known-answer inputs for clustering scores, thresholds and their transfer."""

from __future__ import annotations

import numpy as np
import pytest

from utils.course import nb07_beyond_search as beyond


def _blobs(n_per: int = 10, k: int = 3, spread: float = 0.01, seed: int = 0):
    rng = np.random.default_rng(seed)
    centres = np.eye(k, 8) * 10
    x = np.vstack([c + rng.normal(0, spread, (n_per, 8)) for c in centres])
    labels = [f"c{i}" for i in range(k) for _ in range(n_per)]
    return x / np.linalg.norm(x, axis=1, keepdims=True), labels


def test_separable_clusters_score_one_and_random_does_not():
    x, labels = _blobs()
    s = beyond.kmeans_scores(x, labels, seeds=(0, 1, 2))
    assert s.v_measure == pytest.approx([1.0] * 3) and s.ari == pytest.approx([1.0] * 3)
    r = beyond.random_scores(labels, seeds=(0, 1, 2))
    assert r.v_mean < 0.3 and abs(r.ari_mean) < 0.2
    summary = s.summary()
    assert summary["seeds"] == 3 and summary["V-measure sd"] == pytest.approx(0.0)
    assert "assignments" not in s.as_dict() and s.as_dict()["v_mean"] == pytest.approx(1.0)


def test_cluster_input_errors_are_clear():
    x, labels = _blobs()
    with pytest.raises(ValueError, match="one label per embedded text"):
        beyond.kmeans_scores(x, labels[:-1])
    with pytest.raises(ValueError, match="at least 2 distinct labels"):
        beyond.kmeans_scores(x, ["a"] * len(labels))


def test_tfidf_separates_vocabularies():
    texts = ["cash ratio liquidity current assets"] * 5 + ["leverage debt equity solvency covenant"] * 5
    labels = ["liq"] * 5 + ["solv"] * 5
    s = beyond.kmeans_scores(beyond.tfidf_vectors(texts), labels, seeds=(0,), method="tfidf")
    assert s.method == "tfidf" and s.v_mean == pytest.approx(1.0)


def test_confused_pairs_from_a_known_assignment():
    labels = ["a", "a", "b", "b", "c", "c"]
    # a and b share cluster 0 entirely; c is alone
    scores = beyond.ClusterScores("x", [0.0], [0.0], [[0, 0, 0, 0, 1, 1]])
    table = beyond.confused_pairs(labels, scores)
    first = table.iloc[0]
    assert (first["label a"], first["label b"]) == ("a", "b") and first["pairs together"] == pytest.approx(1.0)
    rest = table.set_index(["label a", "label b"])["pairs together"]
    assert rest[("a", "c")] == 0.0 and rest[("b", "c")] == 0.0
    # half of the a-b pairs together: a = {0, 1}, b = {0, 0} -> (a0,b*) together, (a1,b*) apart
    half = beyond.ClusterScores("x", [0.0], [0.0], [[0, 1, 0, 0, 2, 2]])
    assert beyond.confused_pairs(labels, half, top=1).iloc[0]["pairs together"] == pytest.approx(0.5)


def test_cluster_verdict_names_the_winner_from_the_numbers():
    e, t, r = {"V-measure": 0.6}, {"V-measure": 0.4}, {"V-measure": 0.1}
    assert "embeddings beat TF-IDF by 0.200" in beyond.cluster_verdict("finance", e, t, r, tol=0.02)
    assert "TF-IDF beats embeddings by 0.200" in beyond.cluster_verdict("finance", t, e, r, tol=0.02)
    assert "within 0.25" in beyond.cluster_verdict("finance", e, t, r, tol=0.25)


def test_symmetric_texts_puts_the_instruction_on_every_text():
    out = beyond.symmetric_texts(["a", "b"], "Identify the topic")
    assert out == ["Instruct: Identify the topic\nQuery:a", "Instruct: Identify the topic\nQuery:b"]
    assert beyond.symmetric_texts(["a"], None) == ["a"]
    assert set(beyond.CLUSTER_TASKS) == {"finance", "legal"}
    assert set(beyond.MATCH_TASKS) == {"legal", "medical", "finance"}


def test_pair_cosines():
    a = np.array([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0]])
    b = np.array([[3.0, 0.0], [1.0, 0.0], [-1.0, -1.0]])
    assert beyond.pair_cosines(a, b) == pytest.approx([1.0, 0.0, -1.0])
    with pytest.raises(ValueError, match="zero vector"):
        beyond.pair_cosines(np.zeros((1, 2)), np.ones((1, 2)))
    with pytest.raises(ValueError, match="differ in shape"):
        beyond.pair_cosines(a, b[:2])


def test_threshold_search_on_hand_made_scores():
    labels = [0, 0, 1, 0, 1, 1]
    scores = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]
    # >= 0.5: P 1, R 2/3 -> F1 0.8; >= 0.3: P 3/4, R 1 -> F1 6/7 (best); >= 0.6: F1 0.5
    t, f1 = beyond.best_threshold(labels, scores)
    assert t == pytest.approx(0.3) and f1 == pytest.approx(6 / 7)
    assert beyond.f1_at(labels, scores, 0.5) == pytest.approx(0.8)
    assert beyond.f1_at(labels, scores, 0.99) == 0.0  # nothing predicted
    # a tie in F1 goes to the higher threshold
    t2, _ = beyond.best_threshold([1, 0, 1], [0.2, 0.5, 0.8])  # >= 0.8: F1 2/3; >= 0.2: F1 0.8
    assert t2 == pytest.approx(0.2)
    t3, f3 = beyond.best_threshold([1, 1, 0, 0], [0.9, 0.8, 0.3, 0.2])
    assert (t3, f3) == (pytest.approx(0.8), pytest.approx(1.0))


def test_average_precision_and_base_rate():
    assert beyond.average_precision([1, 1, 0, 0], [0.9, 0.8, 0.3, 0.2]) == pytest.approx(1.0)
    # ranking: pos, neg, pos -> precision at the hits 1 and 2/3 -> AP 5/6
    assert beyond.average_precision([1, 0, 1], [0.9, 0.5, 0.1]) == pytest.approx(5 / 6)
    assert beyond.base_rate([1, 0, 0, 0]) == 0.25
    with pytest.raises(ValueError, match="0 or 1"):
        beyond.average_precision([2, 0], [0.1, 0.2])
    with pytest.raises(ValueError, match="at least one positive"):
        beyond.average_precision([0, 0], [0.1, 0.2])


def test_fit_threshold_and_transfer_show_a_reused_threshold_costs():
    # domain "hi": matches score around 0.9, non-matches around 0.7; domain "lo": 0.5 vs 0.2
    hi_train = ([1, 1, 0, 0], [0.92, 0.9, 0.72, 0.7])
    hi_test = ([1, 1, 0, 0], [0.91, 0.89, 0.71, 0.69])
    lo_train = ([1, 1, 0, 0], [0.55, 0.5, 0.25, 0.2])
    lo_test = ([1, 1, 0, 0], [0.52, 0.48, 0.22, 0.18])
    res = {"hi": beyond.fit_threshold("hi", hi_train, hi_test), "lo": beyond.fit_threshold("lo", lo_train, lo_test)}
    assert res["hi"].threshold == pytest.approx(0.9) and res["lo"].threshold == pytest.approx(0.5)
    # test scores sit just under train's: F1 on test is below 1 at the train threshold
    assert res["hi"].f1_test == pytest.approx(2 / 3) and res["hi"].ap == pytest.approx(1.0)
    assert res["lo"].n_train == 4 and res["lo"].base_rate == 0.5
    assert res["lo"].f1_all_match == pytest.approx(2 / 3)  # everything a match: P 0.5, R 1
    table = beyond.threshold_transfer(res, {"hi": hi_test, "lo": lo_test})
    assert table.loc["lo", "lo"] == pytest.approx(2 / 3)
    assert table.loc["hi", "lo"] == 0.0  # lo's pairs never reach hi's threshold
    assert table.loc["lo", "hi"] == pytest.approx(2 / 3)  # every hi pair passes lo's threshold: P 0.5, R 1


def test_by_kind_counts_what_each_kind_gets_right():
    labels = [1, 1, 0, 0, 0]
    scores = [0.9, 0.4, 0.8, 0.3, 0.1]
    kinds = ["paraphrase", "paraphrase", "near_miss", "near_miss", "unrelated"]
    t = beyond.by_kind(labels, scores, kinds, threshold=0.5)
    assert t.loc["paraphrase", "share correct"] == 0.5 and t.loc["near_miss", "share correct"] == 0.5
    assert t.loc["unrelated", "share correct"] == 1.0 and t.loc["paraphrase", "pairs"] == 2
    assert t.loc["near_miss", "mean cosine"] == pytest.approx(0.55)


def test_stratified_sample_keeps_every_group_and_the_order():
    items = [("a", i) for i in range(10)] + [("b", i) for i in range(3)]
    cut = beyond.stratified_sample(items, key=lambda x: x[0], per_group=4, seed=1)
    assert [x[0] for x in cut].count("a") == 4 and [x[0] for x in cut].count("b") == 3
    assert cut == sorted(cut)  # input order kept
    assert cut == beyond.stratified_sample(items, key=lambda x: x[0], per_group=4, seed=1)
    assert beyond.stratified_sample(items, key=lambda x: x[0], per_group=None) == items
    with pytest.raises(ValueError, match="at least 1"):
        beyond.stratified_sample(items, key=lambda x: x[0], per_group=0)


def test_auc_by_negative_kind_separates_easy_from_hard_negatives():
    labels = [1, 1, 0, 0, 0, 0]
    scores = [0.7, 0.6, 0.1, 0.2, 0.8, 0.65]
    kinds = ["paraphrase", "reference", "unrelated", "unrelated", "near_miss", "near_miss"]
    auc = beyond.auc_by_negative_kind(labels, scores, kinds)
    assert auc["unrelated"] == 1.0
    # positives 0.7, 0.6 vs near misses 0.8, 0.65: only 0.7 > 0.65 wins -> 1 of 4
    assert auc["near_miss"] == pytest.approx(0.25)
    with pytest.raises(ValueError, match="kinds for"):
        beyond.auc_by_negative_kind(labels, scores, kinds[:-1])


# --------------------------------------------------------------------------- notebook 07's bookkeeping (issue 30)
def _cmp(own, rules):
    """A threshold_comparisons entry: own F1 and, per rule, (F1, lo, hi) of the difference to own."""
    out = {"own": {"f1": own, "n": 31, "positives": 16, "threshold": 0.5}}
    for k, (f1, lo, hi) in rules.items():
        out[k] = {"f1": f1, "delta": f1 - own, "lo": lo, "hi": hi}
    return out


def test_threshold_verdict_reads_the_whole_table_not_its_worst_cell():
    """The issue's run: finance's threshold beats legal's own on legal, legal's beats finance's own on finance, and
    a fitted threshold beats calling every pair a match only in medical. The old verdict said "choose per domain"."""
    cmp = {
        "medical": _cmp(0.683, {"legal": (0.683, -0.05, 0.05), "finance": (0.683, -0.05, 0.05),
                                "all pairs a match": (0.622, -0.12, -0.01)}),
        "legal": _cmp(0.627, {"medical": (0.568, -0.15, 0.02), "finance": (0.634, -0.04, 0.06),
                              "all pairs a match": (0.622, -0.10, 0.09)}),
        "finance": _cmp(0.526, {"medical": (0.50, -0.12, 0.07), "legal": (0.600, -0.02, 0.17),
                                "all pairs a match": (0.622, -0.03, 0.22)}),
    }
    table_line, all_line = beyond.threshold_verdicts(cmp)
    assert "test pairs: medical 31, legal 31, finance 31" in table_line
    assert "choose the threshold per domain" not in table_line
    assert "legal (finance's: 0.634 vs own 0.627)" in table_line and "finance (legal's: 0.600 vs own 0.526)" in table_line
    assert "do not show that the threshold must be chosen per domain" in table_line
    assert "better beyond the bootstrap noise in 1 of 3 domains (medical)" in all_line
    assert "within noise in legal, finance" in all_line
    # when every borrowed threshold is lower and one is lower beyond the noise, the verdict says choose per domain
    strict = {d: {k: ({**c, "f1": c["f1"] - 0.2, "delta": -0.2, "lo": -0.3, "hi": -0.1}
                      if k not in ("own", "all pairs a match") else c) for k, c in rules.items()} for d, rules in cmp.items()}
    assert beyond.threshold_verdicts(strict)[0].endswith("choose the threshold per domain")
    table = beyond.threshold_table(cmp)
    assert table.loc[("legal", "finance's threshold"), "verdict"] == "within noise"
    assert table.loc[("medical", "all pairs a match"), "verdict"] == "lower than own"
    assert table["test pairs"].dtype.kind == "i"


def test_f1_difference_interval_is_paired_and_reproducible():
    y = [1] * 10 + [0] * 10
    s = [0.9] * 10 + [0.1] * 10  # separable: a threshold at 0.5 is perfect, "all a match" gets F1 2/3
    lo, hi = beyond.f1_difference_interval(y, s, 0.5, -np.inf, n_boot=300, seed=1)
    assert 0 < lo <= hi < 1  # 1 - F1(all a match) on a resample: above 0, never 1
    assert (lo, hi) == beyond.f1_difference_interval(y, s, 0.5, -np.inf, n_boot=300, seed=1)
    assert beyond.f1_difference_interval(y, s, 0.5, 0.5, n_boot=50) == (0.0, 0.0)
    res = {"a": beyond.fit_threshold("a", (y, s), (y, s)), "b": beyond.fit_threshold("b", (y, s), (y, s))}
    cmp = beyond.threshold_comparisons(res, {"a": (y, s), "b": (y, s)}, n_boot=100)
    assert cmp["a"]["all pairs a match"]["f1"] == pytest.approx(2 / 3) and cmp["a"]["own"]["n"] == 20


def test_auc_table_states_n_and_marks_small_ones():
    pairs = [beyond.MatchPair(str(i), "legal", "test", "a", "b", lab, kind) for i, (lab, kind) in
             enumerate([(1, "paraphrase")] * 12 + [(0, "near_miss")] * 12 + [(0, "unrelated")] * 3)]
    cos = {"legal": np.array([0.8] * 12 + [0.85] * 12 + [0.1] * 3)}
    t = beyond.auc_table(pairs, cos)
    assert t.loc[("legal", "unrelated"), "negatives"] == 3 and t.loc[("legal", "unrelated"), "n"].startswith("< 10")
    assert t.loc[("legal", "near_miss"), "n"] == "" and t.loc[("legal", "near_miss"), "matching pairs"] == 12
    assert t["negatives"].dtype.kind == "i"
    res = {"legal": beyond.MatchResult("legal", 10, 27, 0.44, 0.5, 0.5, 0.8, 0.7, 0.6)}
    kinds = beyond.kinds_table([beyond.MatchPair(p.id, p.domain, "test", p.a, p.b, p.label, p.kind) for p in pairs],
                               cos, res)
    assert kinds["pairs"].dtype.kind == "i" and kinds["label"].dtype.kind == "i"  # whole counts, not 1.0


def test_adapter_line_never_says_helps_and_names_the_noise():
    c = {"set": "finance concepts", "documents": 346, "unseen": 212, "seeds": 5, "base": 0.40, "adapter": 0.43,
         "delta": 0.03, "seed_sd": 0.01, "tol": 0.02}
    line = beyond.adapter_line(c)
    assert "212 of 346 documents that were never notebook 04's training positives" in line
    assert "mined hard negative" in line and "only noise measured here" in line and "helps" not in line
    assert beyond.adapter_line({**c, "delta": 0.01, "adapter": 0.41}).endswith("no change beyond the seed spread")


def test_adapter_comparison_leaves_out_the_training_positives():
    from utils.data.beir import load_domain

    cs = beyond.load_cluster_sets(per_label=4)["finance concepts"]
    seen = beyond.training_positives("finance")
    assert seen and seen <= set(load_domain("finance", "train").corpus)
    rng = np.random.default_rng(0)
    base = rng.normal(size=(len(cs.ids), 8))
    c = beyond.adapter_comparison("finance concepts", base, base, cs, [0, 1], 0.02)
    assert c["unseen"] == sum(i not in seen for i in cs.ids) < c["documents"] and c["delta"] == 0.0


def test_styles_tell_fourteen_labels_apart_and_histograms_count_whole_pairs():
    import matplotlib

    matplotlib.use("Agg")
    styles = [beyond.style(i) for i in range(14)]
    assert len({(tuple(s["color"]), s["marker"]) for s in styles}) == 14
    assert styles[0]["marker"] != styles[10]["marker"]  # same colour, another marker
    pairs = [beyond.MatchPair(str(i), "legal", "test", "a", "b", i % 2, ["near_miss", "paraphrase"][i % 2]) for i in range(6)]
    cos = {"legal": np.linspace(0.1, 0.9, 6)}
    res = {"legal": beyond.MatchResult("legal", 6, 6, 0.5, 0.5, 0.5, 0.8, 0.7, 0.6)}
    fig = beyond.plot_pair_histograms(pairs, cos, res)
    fig.canvas.draw()
    ticks = fig.axes[0].get_yticks()
    assert all(float(t).is_integer() for t in ticks)


def test_overview_and_inputs():
    clusters = beyond.load_cluster_sets(per_label=3)
    pairs = beyond.stratified_sample(beyond.load_matching_pairs(), key=lambda p: (p.domain, p.split, p.kind), per_group=2)
    table = beyond.overview(clusters, pairs)
    assert table.dtypes.map(lambda t: t.kind).eq("i").all() and not table.isna().any().any()
    xl = beyond.load_crosslingual_sets(4, 30)
    inputs = beyond.model_inputs(clusters, pairs, xl, qwen=True)
    assert inputs["cluster: legal clause families"][0].startswith("Instruct: Identify the clause family")
    assert inputs["zh -> en: documents"] == xl.zh.doc_texts  # documents get no instruction
    assert beyond.model_inputs(clusters, pairs, xl, qwen=False)["match a: legal"][0] == next(
        p.a for p in pairs if p.domain == "legal")
