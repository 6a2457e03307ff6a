"""utils.course.nb08_pseudo_queries: notebook 08's bookkeeping, on made-up numbers (no training)."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from utils.course import nb08_pseudo_queries as nb8
from utils.data.beir import load_domain
from utils.search.evaluate import Comparison


def _cmp(delta, p, wins=5, losses=3, ties=2):
    return Comparison("nDCG@10", 0.5, 0.5 + delta, delta, wins, losses, ties, p)


def test_labelled_split_holds_the_guard_out_of_training():
    rs = load_domain("legal", "train")
    guard, lab = nb8.labelled_split(rs, 10, None, seed=0, n_docs=None)
    assert len(guard.queries) == 10 and set(guard.qrels) == set(guard.queries)
    assert {p["query"] for p in lab["val"]} == {q.text for q in guard.queries.values()}
    assert not {p["query"] for p in lab["train"]} & {p["query"] for p in lab["val"]}
    assert len(nb8.labelled_split(rs, 10, 7, seed=0, n_docs=None)[1]["train"]) == 7


def test_verdicts_say_helps_only_when_significant():
    lines = nb8.verdict_lines({"medical/title": _cmp(0.03, 0.2), "medical/labelled": _cmp(0.05, 0.01),
                               "medical/ict": _cmp(-0.04, 0.03)})
    assert "no significant change at 0.05 with 10 queries" in lines[0] and "helps" not in lines[0]
    assert lines[1].endswith("helps (significant at 0.05)")
    assert lines[2].endswith("hurts (significant at 0.05)")


def _guard(rows):
    return pd.DataFrame(rows).set_index(["domain", "source"])


def test_guard_lines_say_two_runs_cannot_rank_the_guards():
    rows = [dict(domain="medical", source=s, **{"pseudo val base": 0.8, "pseudo val best": 0.9,
                                                  "pseudo guard ships": True, "labelled guard delta": ld,
                                                  "labelled guard ships": ld > 0, "labelled guard p": 0.3,
                                                  "test delta": td, "test says ship": td > 0})
            for s, ld, td in (("title", 0.01, -0.01), ("ict", -0.02, -0.02))]
    out = nb8.guard_lines(_guard(rows), 30, lab_delta=0.05, best_pseudo_delta=-0.01)
    assert (out["agree_pseudo"], out["agree_labelled"], out["n_runs"]) == (0, 1, 2)
    assert any("2 runs are too few to rank the two guards" in line for line in out["lines"])
    assert out["optimistic"] and out["mean_pseudo_val_gain"] == pytest.approx(0.1)
    assert "validate on them, not on held-out pseudo-queries" in out["advice"]
    assert "(not significant: keep the base)" in out["advice"] and "write more queries" in out["advice"]
    rows[0]["pseudo val best"] = rows[1]["pseudo val best"] = 0.79  # no optimism: no advice built on it
    calm = nb8.guard_lines(_guard(rows), 30, lab_delta=0.0, best_pseudo_delta=0.0)
    assert not calm["optimistic"] and "gives no reason here to prefer either guard" in calm["advice"]


def test_plain_table_shows_whole_counts_as_ints_and_no_nan():
    t = pd.DataFrame({"wins": [np.nan, 3.0], "delta": [0.0, 0.0123], "significant": [np.nan, True],
                      "p": [np.nan, 1.0]})
    shown = nb8.plain_table(t, counts=("wins",))
    assert list(shown["wins"]) == ["", 3] and isinstance(shown["wins"].iloc[1], int)
    assert list(shown["delta"]) == [0.0, 0.0123] and list(shown["significant"]) == ["", True]
    assert isinstance(shown["p"].iloc[1], float)  # a p-value of 1 is not a count
    assert "nan" not in shown.to_string().lower()


def test_cost_table_counts_are_ints_and_pooled_runs_say_so():
    r = SimpleNamespace(n_train_pairs=20, wall_seconds=12.34, epochs_run=3.0, best_epoch=2.0)
    rep = SimpleNamespace(n_pairs=40)
    report = {}
    table = nb8.cost_table({"medical": {"title": r, "labelled+pseudo": r}}, {"medical": {"title": rep}},
                           {"medical": {"train": [{}] * 25}}, {"medical": {"title": 1.25}}, report)
    assert report["cost"]["medical/title"] == {"pairs made": 40, "train pairs": 20, "make s": 1.2,
                                               "fine-tune s": 12.3, "epochs run": 3, "best epoch": 2}
    assert report["cost"]["medical/labelled+pseudo"]["make s"] is None
    assert table.loc["medical/labelled+pseudo", "make s"] == "pooled (made above)"
    assert "nan" not in table.to_string().lower()
