"""Notebook 04 at smoke size: the recipe ran, the merge check and the served-vs-in-process match held."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.mark.notebooks
def test_nb_04_lora_finetune(notebook_results):
    r = notebook_results("04_lora_finetune")
    domains = r["domains"]
    assert domains and set(domains) <= {"medical", "legal", "finance"}
    # the shipped model of every domain is a folder notebook 05 can load
    assert set(r["merged_models"]) == set(domains)
    for path in r["merged_models"].values():
        assert (Path(path) / "config.json").is_file()
    for d in domains:
        m = r["metrics"][d][str(r["native_dim"])]
        for side in ("base", "finetuned"):
            assert 0.0 <= m[side]["nDCG@10"] <= 1.0 and 0.0 <= m[side]["R@10"] <= 1.0
        # a kept adapter passed the merge-trap check; a rejected one shipped the base
        assert r["kept_base"][d] or r["merge_check_ok"][d] is True
        assert abs(r["ndcg_delta"][d] - (m["finetuned"]["nDCG@10"] - m["base"]["nDCG@10"])) < 1e-9
    # serving the merged folder reproduces the in-process evaluation
    assert r["max_served_delta"] <= 1e-3
    # the lesson, with the margin the notebook asserted
    assert r["mean_ndcg_delta"] > r["asserted_margin"]
    assert r["pairs_per_s"] > 0
    assert "general" in next(iter(r["forgetting"].values()))
