"""Tests for utils.training.output: the merge trap check, and an output folder that is never clobbered."""

from __future__ import annotations

import json

import pytest

from utils.training import config as ftc
from utils.training import finetune as ft
from utils.training import output as fo

PAIRS = [
    {"query": "patient dose for renal failure", "positive": "reduce the dose when renal clearance is low"},
    {"query": "heart patient query", "positive": "the heart patient was given a beta blocker"},
    {"query": "contract clause on liability", "positive": "the party liability clause caps damages"},
    {"query": "revenue and cash flow", "positive": "cash flow from revenue rose this quarter"},
]


def _previous_output(folder):
    folder.mkdir(parents=True)
    (folder / "finetune.json").write_text(json.dumps({"decision": "adapter kept", "base_path": "b"}))
    (folder / "model.safetensors").write_text("old weights")
    return folder


# --------------------------------------------------------------------------- the output folder
def test_check_output_dir_allows_new_empty_and_marked(tmp_path):
    model = tmp_path / "model"
    model.mkdir()
    fo.check_output_dir(tmp_path / "new", model)
    (tmp_path / "empty").mkdir()
    fo.check_output_dir(tmp_path / "empty", model)
    fo.check_output_dir(_previous_output(tmp_path / "old"), model, overwrite=True)


@pytest.mark.parametrize(
    "case, overwrite, message",
    [
        ("file", True, "is a file"),
        ("foreign", True, "did not write"),
        ("marked", False, "pass --overwrite"),
        ("model", True, "base model folder or inside it"),
        ("inside", True, "base model folder or inside it"),
        ("parent", True, "contains the base model"),
        ("bad-marker", True, "did not write"),
    ],
)
def test_check_output_dir_refuses(tmp_path, case, overwrite, message):
    model = tmp_path / "parent" / "model"
    model.mkdir(parents=True)
    (model / "config.json").write_text("{}")
    out = {
        "file": tmp_path / "a-file",
        "foreign": tmp_path / "mine",
        "marked": tmp_path / "old",
        "model": model,
        "inside": model / "out",
        "parent": tmp_path / "parent",
        "bad-marker": tmp_path / "bad",
    }[case]
    if case == "file":
        out.write_text("x")
    elif case == "foreign":
        out.mkdir()
        (out / "notes.txt").write_text("keep me")
    elif case == "marked":
        _previous_output(out)
    elif case == "bad-marker":
        out.mkdir()
        (out / "finetune.json").write_text("not json")
    with pytest.raises(fo.OutputExistsError, match=message):
        fo.check_output_dir(out, model, overwrite=overwrite)


def test_publish_replaces_a_previous_output_and_leaves_no_temporaries(tmp_path):
    out = _previous_output(tmp_path / "out")
    staged = fo.staging_dir(out)
    assert staged.parent == tmp_path and staged.name.startswith(".out.partial-")
    (staged / "finetune.json").write_text(json.dumps({"decision": "new", "base_path": "b"}))
    fo.publish(staged, out)
    assert json.loads((out / "finetune.json").read_text())["decision"] == "new"
    assert not (out / "model.safetensors").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_publish_refuses_a_folder_that_appeared_meanwhile(tmp_path):
    out = tmp_path / "out"
    staged = fo.staging_dir(out)
    out.mkdir()
    (out / "notes.txt").write_text("keep me")
    with pytest.raises(fo.OutputExistsError):
        fo.publish(staged, out)
    assert (out / "notes.txt").read_text() == "keep me"


def test_crash_leaves_the_previous_output_intact(tiny_qwen3, tmp_path, monkeypatch):
    out = _previous_output(tmp_path / "out")

    def crash(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ft, "merge_adapter", crash)  # the recipe calls the name it imported
    cfg = ftc.FinetuneConfig(epochs=1, batch_size=2, val_fraction=0.0, progress=False)
    with pytest.raises(RuntimeError, match="disk full"):
        ft.finetune(tiny_qwen3, PAIRS, out, cfg)
    assert (out / "model.safetensors").read_text() == "old weights"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"], "a half-written folder was left behind"


def test_finetune_refuses_a_foreign_folder_even_with_overwrite(tiny_qwen3, tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me")
    with pytest.raises(fo.OutputExistsError):
        ft.finetune(tiny_qwen3, PAIRS, out, ftc.FinetuneConfig(progress=False), overwrite=True)
    assert (out / "notes.txt").read_text() == "keep me"


def test_peak_rss_is_reported():
    assert fo.peak_rss_mb() > 10


# --------------------------------------------------------------------------- the merge trap
def _perturbed_adapter_model(path, seed=0):
    """A model with a LoRA adapter whose B matrices are non-zero (as after training), without training."""
    import torch
    from peft import LoraConfig, TaskType

    model = ftc.load_sentence_transformer(path)
    model.add_adapter(
        LoraConfig(
            task_type=TaskType.FEATURE_EXTRACTION,
            r=4,
            lora_alpha=8,
            target_modules=ftc.target_modules("qwen3"),
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
    merged = fo.merge_adapter(tiny_qwen3, tmp_path / "adapter", tmp_path / "merged")
    assert not (merged / "adapter_config.json").exists(), "the merged folder must hold plain weights"
    texts = ["the patient dose", "contract clause", "revenue and cash flow margin", "heart"]
    check = fo.check_merge(model, merged, tiny_qwen3, texts)
    assert check.ok, str(check)
    assert check.cos_merged_adapter_min > 0.9999
    # the server's loader (utils.serving.encoders) reads the merged folder as Qwen3
    from utils.serving.encoders import model_kind

    assert model_kind(merged) == "qwen3"


def test_merge_check_catches_a_lost_adapter(tiny_qwen3):
    """The trap: a 'merged' folder that is really the base must fail the check."""
    model = _perturbed_adapter_model(tiny_qwen3)
    check = fo.check_merge(model, tiny_qwen3, tiny_qwen3, ["the patient dose", "contract clause", "heart"])
    assert not check.differs_from_base and not check.matches_adapter and not check.ok


def test_merge_shows_no_deprecation_notice_from_peft(tiny_qwen3, tmp_path, recwarn):
    """PEFT reads transformers' deprecated `is_gradient_checkpointing` while it loads the adapter: that
    FutureWarning was printed into notebook 09's published output; merge_adapter keeps it out."""
    import warnings

    _perturbed_adapter_model(tiny_qwen3).save(str(tmp_path / "adapter"))
    warnings.simplefilter("always")
    fo.merge_adapter(tiny_qwen3, tmp_path / "adapter", tmp_path / "merged")
    assert not [w for w in recwarn if "is_gradient_checkpointing" in str(w.message)]
