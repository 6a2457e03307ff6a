"""utils.course.nb04_lora_finetune: notebook 04's (and 08's) course module, without training a model."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from utils.course.nb04_lora_finetune import validation_query_ids
from utils.data.beir import load_domain
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
