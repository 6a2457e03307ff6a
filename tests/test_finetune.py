"""Tests for utils.finetune: target modules, splits, mining, the merge trap check, the recipe and its CLI."""

from __future__ import annotations

import json

import numpy as np
import pytest

from utils import finetune as ft
from utils.qwen3 import Qwen3Encoder, make_tiny_qwen3
from utils.settings import default_cpu_model_path

PAIRS = [
    {"query": "patient dose for renal failure", "positive": "reduce the dose when renal clearance is low"},
    {"query": "patient dose for renal failure", "positive": "renal impairment needs a lower dose"},
    {"query": "heart patient query", "positive": "the heart patient was given a beta blocker"},
    {"query": "contract clause on liability", "positive": "the party liability clause caps damages"},
    {"query": "revenue and cash flow", "positive": "cash flow from revenue rose this quarter"},
    {"query": "margin of the party", "positive": "the margin fell as revenue slowed"},
    {"query": "instruct retrieve passage", "positive": "a passage to retrieve for the query"},
    {"query": "heart dose", "positive": "the dose of the heart drug"},
]


@pytest.fixture(scope="module")
def tiny_qwen3(tmp_path_factory):
    return make_tiny_qwen3(tmp_path_factory.mktemp("tiny") / "qwen3")


# --------------------------------------------------------------------------- small pieces
def test_target_modules_per_family():
    assert ft.target_modules("bert", "qv") == ["query", "value"]
    assert set(ft.target_modules("bert", "all-linear")) == {"query", "key", "value", "dense"}
    assert ft.target_modules("qwen3", "qv") == ["q_proj", "v_proj"]
    assert {"gate_proj", "up_proj", "down_proj", "o_proj"} <= set(ft.target_modules("qwen3", "all-linear"))
    assert ft.target_modules("anything", ["a", "b"]) == ["a", "b"]
    with pytest.raises(ValueError):
        ft.target_modules("bert", "everything")
    with pytest.raises(ValueError):
        ft.target_modules("gpt2", "qv")


def test_model_family(tiny_qwen3):
    assert ft.model_family(tiny_qwen3) == "qwen3"
    assert ft.model_family(default_cpu_model_path()) == "bert"
    with pytest.raises(FileNotFoundError):
        ft.model_family(tiny_qwen3.parent / "nope")


def test_split_pairs_by_query_is_disjoint_and_deterministic():
    pairs = [{"query": f"q{i // 2}", "positive": f"p{i}"} for i in range(40)]  # 20 queries, 2 positives each
    train, val = ft.split_pairs(pairs, 0.2, seed=3)
    assert len(train) + len(val) == 40
    assert {p["query"] for p in train}.isdisjoint({p["query"] for p in val})
    assert len({p["query"] for p in val}) == 4
    assert ft.split_pairs(pairs, 0.2, seed=3) == (train, val)
    assert ft.split_pairs(pairs, 0.0)[1] == []
    with pytest.raises(ValueError):
        ft.split_pairs(pairs, 1.0)


def test_matryoshka_dims_and_scale():
    assert ft.default_matryoshka_dims(384) == [384, 256, 128, 64]
    assert ft.default_matryoshka_dims(1024) == [1024, 768, 512, 256, 128, 64]
    assert ft.FinetuneConfig(temperature=0.05).scale == pytest.approx(20.0)


def test_query_prefix_matches_qwen3_format():
    from utils.qwen3 import format_query

    prefix = ft.query_prefix("Find the clause")
    assert prefix + "my query" == format_query("my query", "Find the clause")
    assert ft.query_prefix(None) is None


def test_general_probe_is_a_valid_set():
    rs = ft.general_probe()
    assert len(rs.queries) == len(rs.corpus) == len(ft.GENERAL_PAIRS) >= 30
    assert all(len(rel) == 1 for rel in rs.qrels.values())


def test_general_probe_with_distractors():
    own = ft.GENERAL_PAIRS[0][1]
    rs = ft.general_probe(["a contract clause", "a contract clause", own, "a dose of aspirin"])
    assert len(rs.queries) == len(ft.GENERAL_PAIRS)
    assert len(rs.corpus) == len(ft.GENERAL_PAIRS) + 2  # duplicates and probe passages are not added twice
    relevant = {d for rel in rs.qrels.values() for d in rel}
    distractor_ids = set(rs.corpus) - relevant
    assert {rs.corpus[d].full_text for d in distractor_ids} == {"a contract clause", "a dose of aspirin"}


def test_cached_embed_embeds_each_text_once():
    calls = []

    def embed(texts):
        calls.append(list(texts))
        return np.array([[len(t), 1.0] for t in texts], dtype=np.float32)

    cached = ft.cached_embed(embed)
    first = cached(["a", "bb", "a"])
    assert (
        first.shape == (3, 2) and first[0, 0] == 1 and first[1, 0] == 2 and np.array_equal(first[0], first[2])
    )
    second = cached(["bb", "ccc"])
    assert calls == [["a", "bb"], ["ccc"]]  # "bb" came from the cache
    assert second[1, 0] == 3
    bad = ft.cached_embed(lambda texts: np.zeros((1, 2)))
    with pytest.raises(ValueError):
        bad(["x", "y"])


# --------------------------------------------------------------------------- mining, pooling
def test_hard_negatives_exclude_known_positives(tiny_qwen3):
    model = ft.load_sentence_transformer(tiny_qwen3)
    supplied = [dict(PAIRS[0], negative="a supplied negative text")] + PAIRS[1:]
    corpus = ["the cash margin of the party", "heart heart heart", "liability of the party for revenue"]
    out, n_mined, n_random = ft.add_hard_negatives(model, supplied, corpus)
    assert len(out) == len(PAIRS) and n_mined + n_random == len(PAIRS) - 1
    assert out[0]["negative"] == "a supplied negative text"
    positives = {}
    for p in PAIRS:
        positives.setdefault(p["query"], set()).add(p["positive"])
    for p in out:
        assert p["negative"] not in positives[p["query"]], "a known positive was used as a negative"


def test_qwen3_sentence_transformer_pools_the_last_token(tiny_qwen3):
    """The training model (ST, last-token pooling, left padding) must embed exactly like Qwen3Encoder (issue #65)."""
    texts = ["the patient dose", "a contract clause on party liability and revenue", "heart"]
    st = ft._encode(ft.load_sentence_transformer(tiny_qwen3), texts)
    ref = Qwen3Encoder(tiny_qwen3).encode(texts)
    assert np.allclose(st, ref, atol=1e-5)


# --------------------------------------------------------------------------- the merge trap
def _perturbed_adapter_model(path, seed=0):
    """A model with a LoRA adapter whose B matrices are non-zero (as after training), without training."""
    import torch
    from peft import LoraConfig, TaskType

    model = ft.load_sentence_transformer(path)
    model.add_adapter(
        LoraConfig(
            task_type=TaskType.FEATURE_EXTRACTION,
            r=4,
            lora_alpha=8,
            target_modules=ft.target_modules("qwen3"),
        )
    )
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if "lora_B" in name:
                p.copy_(torch.randn(p.shape, generator=g) * 0.05)
    return model.eval()


def test_merge_matches_adapter_and_differs_from_base(tiny_qwen3, tmp_path):
    model = _perturbed_adapter_model(tiny_qwen3)
    model.save(str(tmp_path / "adapter"))
    assert (tmp_path / "adapter" / "adapter_config.json").is_file()
    merged = ft.merge_adapter(tiny_qwen3, tmp_path / "adapter", tmp_path / "merged")
    assert not (merged / "adapter_config.json").exists(), "the merged folder must hold plain weights"
    texts = ["the patient dose", "contract clause", "revenue and cash flow margin", "heart"]
    check = ft.check_merge(model, merged, tiny_qwen3, texts)
    assert check.ok, str(check)
    assert check.cos_merged_adapter_min > 0.9999
    # the server's loader (utils.encoders) reads the merged folder as Qwen3
    from utils.encoders import model_kind

    assert model_kind(merged) == "qwen3"


def test_merge_check_catches_a_lost_adapter(tiny_qwen3):
    """The trap: a 'merged' folder that is really the base must fail the check."""
    model = _perturbed_adapter_model(tiny_qwen3)
    check = ft.check_merge(model, tiny_qwen3, tiny_qwen3, ["the patient dose", "contract clause", "heart"])
    assert not check.differs_from_base and not check.matches_adapter and not check.ok


# --------------------------------------------------------------------------- the recipe end to end
def test_finetune_tiny_qwen3_ships_a_checked_merged_model(tiny_qwen3, tmp_path):
    cfg = ft.FinetuneConfig(
        epochs=1,
        batch_size=4,
        val_fraction=0.0,
        progress=False,
        learning_rate=1e-2,
        query_task="retrieve passage",
    )
    res = ft.finetune(tiny_qwen3, PAIRS, tmp_path / "out", cfg)
    assert not res.kept_base and res.merge_check is not None and res.merge_check.ok
    assert res.n_train_pairs == len(PAIRS) and res.pairs_per_s > 0
    assert res.loss_history and all(np.isfinite(h["loss"]) for h in res.loss_history)
    assert res.target_modules == list(ft.TARGET_MODULES["qwen3"]["all-linear"])
    saved = json.loads((tmp_path / "out" / "finetune.json").read_text())
    assert saved["merge_check"]["ok"] is True
    assert Qwen3Encoder(tmp_path / "out").encode(["heart"]).shape == (1, 64)


def test_finetune_keeps_the_base_when_the_adapter_does_not_beat_it(tiny_qwen3, tmp_path):
    cfg = ft.FinetuneConfig(epochs=1, batch_size=4, val_fraction=0.25, min_val_gain=10.0, progress=False)
    res = ft.finetune(tiny_qwen3, PAIRS, tmp_path / "out", cfg)
    assert res.kept_base and "BASE MODEL KEPT" in res.decision and res.merge_check is None
    assert res.n_val_queries == 2 and len(res.val_history) == 2  # before training and after epoch 1
    base = Qwen3Encoder(tiny_qwen3).encode(["heart dose"])
    assert np.allclose(Qwen3Encoder(tmp_path / "out").encode(["heart dose"]), base, atol=1e-6)


def test_finetune_minilm_one_step(tmp_path):
    """The CPU model's path (BERT, sentence-transformers folder with modules.json), one tiny step."""
    cfg = ft.FinetuneConfig(
        epochs=1,
        batch_size=8,
        val_fraction=0.0,
        progress=False,
        learning_rate=1e-3,
        matryoshka=True,
        warmup_ratio=0.0,
    )
    res = ft.finetune(default_cpu_model_path(), PAIRS, tmp_path / "m", cfg)
    assert res.merge_check is not None and res.merge_check.ok
    assert (tmp_path / "m" / "modules.json").is_file() and (tmp_path / "m" / "model.safetensors").is_file()
    assert set(res.target_modules) == {"query", "key", "value", "dense"}


# --------------------------------------------------------------------------- command line
def _write(path, lines):
    path.write_text("\n".join(lines) + "\n")
    return path


def test_cli_rejects_malformed_pairs(tiny_qwen3, tmp_path, capsys):
    bad = _write(tmp_path / "bad.jsonl", ['{"query": "q", "positive": "p"}', '{"query": "only a query"}'])
    assert ft.main(["--model", str(tiny_qwen3), "--train", str(bad), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert "bad.jsonl:2" in err and "positive" in err
    broken = _write(tmp_path / "broken.jsonl", ["{not json"])
    assert ft.main(["--model", str(tiny_qwen3), "--train", str(broken), "--out", str(tmp_path / "o")]) == 2
    assert "not valid JSON" in capsys.readouterr().err
    good = _write(tmp_path / "good.jsonl", [json.dumps(p) for p in PAIRS])
    assert (
        ft.main(["--model", str(tmp_path / "missing"), "--train", str(good), "--out", str(tmp_path / "o")])
        == 2
    )
    assert "does not exist" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_cli_writes_a_model_folder(tiny_qwen3, tmp_path, capsys):
    good = _write(tmp_path / "pairs.jsonl", [json.dumps(p) for p in PAIRS])
    rc = ft.main(
        [
            "--model",
            str(tiny_qwen3),
            "--train",
            str(good),
            "--out",
            str(tmp_path / "o"),
            "--epochs",
            "1",
            "--lora-r",
            "4",
            "--val-fraction",
            "0.25",
            "--quiet",
        ]
    )
    assert rc == 0
    out = capsys.readouterr().out
    assert "pairs/s" in out and str(tmp_path / "o") in out
    assert (tmp_path / "o" / "config.json").is_file() and (tmp_path / "o" / "finetune.json").is_file()
    record = json.loads((tmp_path / "o" / "finetune.json").read_text())
    assert record["config"]["lora_r"] == 4 and record["n_val_queries"] == 2
