"""Notebook 04 at smoke size: the recipe ran, the merge check and the served-vs-in-process match held."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.mark.notebooks
def test_nb_04_lora_finetune(notebook_results):
    r = notebook_results("04_lora_finetune")
    domains = r["domains"]
    assert domains and set(domains) <= {"medical", "legal", "finance"}
    # kept_base is explicit per domain; merged_models holds only the domains whose adapter was kept
    assert set(r["kept_base"]) == set(domains) and all(isinstance(v, bool) for v in r["kept_base"].values())
    assert set(r["merged_models"]) == {d for d in domains if not r["kept_base"][d]}
    # every trained domain shipped a folder notebook 05 can load (the base copy where the guard kept it)
    assert set(r["shipped_models"]) == set(domains)
    for path in r["shipped_models"].values():
        assert (Path(path) / "config.json").is_file()
    assert r["scored_in_process"] is True
    for d in domains:
        m = r["metrics"][d][str(r["native_dim"])]
        for side in ("base", "finetuned"):
            assert 0.0 <= m[side]["nDCG@10"] <= 1.0 and 0.0 <= m[side]["R@10"] <= 1.0
        # a kept adapter passed the merge-trap check; a rejected one shipped the base
        assert r["kept_base"][d] or r["merge_check_ok"][d] is True
        assert abs(r["ndcg_delta"][d] - (m["finetuned"]["nDCG@10"] - m["base"]["nDCG@10"])) < 1e-9
        if r["kept_base"][d]:
            # same model, same in-process path: no change at all, and no adapter to merge
            assert r["ndcg_delta"][d] == 0.0 and r["merge_check_ok"][d] is None
            assert "kept the base" in r["outcome"][d]
        else:
            assert "adapter kept" in r["outcome"][d]
    # serving the shipped folder reproduces the in-process evaluation
    assert r["max_served_delta"] <= 1e-3
    # the lesson, with the margin the notebook asserted
    assert r["mean_ndcg_delta"] > r["asserted_margin"]
    assert r["pairs_per_s"] > 0
    # the general probe has domain distractors, so it is not trivially easy, and it is in the forgetting table
    probe = r["general_probe"]
    assert probe["documents"] > 2 * probe["queries"] and 0.0 <= probe["base_ndcg"] <= 1.0
    assert "general" in next(iter(r["forgetting"].values()))
