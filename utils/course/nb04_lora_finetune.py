"""Notebook 04's bookkeeping: the held-out validation queries it hands on to notebook 05.

Introduced in notebook 04_lora_finetune (and reused by 08_pseudo_queries).

* :func:`validation_query_ids` names, by query id, the train-split queries that the recipe's
  ``split_pairs`` held out of training, so a later notebook can choose on queries the fine-tuned
  models never trained on.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from utils.data.beir import RetrievalSet
from utils.training.config import split_pairs


def validation_query_ids(train_set: RetrievalSet, pairs: Sequence[dict[str, str]], result: Any) -> list[str]:
    """The ids (in ``train_set``) of the queries ``ft.finetune`` held out for validation.

    ``pairs`` are the pairs given to ``ft.finetune`` and ``result`` its ``FinetuneResult``: the split is
    redone with the result's own ``val_fraction`` and ``seed`` (``split_pairs`` is deterministic), and
    the count is checked against the result's ``n_val_queries``, so a mismatch fails here rather than
    silently handing on training queries.
    """
    _, val = split_pairs(pairs, result.config["val_fraction"], result.config["seed"])
    texts = {p["query"] for p in val}
    ids = [qid for qid, q in train_set.queries.items() if q.text in texts]
    if len({train_set.queries[q].text for q in ids}) != len(texts) or len(texts) != result.n_val_queries:
        raise ValueError(
            f"{train_set.name}: the validation split does not match the training run "
            f"({len(texts)} queries redone, {result.n_val_queries} in the run, {len(ids)} ids found); "
            "pass the same pairs that ft.finetune was given."
        )
    return ids
