"""``torchrun --nproc-per-node 2 -m utils.training.cli``: two CPU processes on gloo at tiny size (README, "At scale")."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAIRS = [
    {"query": "patient dose for renal failure", "positive": "reduce the dose when renal clearance is low"},
    {"query": "renal failure dosing", "positive": "renal impairment needs a lower dose"},
    {"query": "heart patient query", "positive": "the heart patient was given a beta blocker"},
    {"query": "contract clause on liability", "positive": "the party liability clause caps damages"},
    {"query": "revenue and cash flow", "positive": "cash flow from revenue rose this quarter"},
    {"query": "margin of the party", "positive": "the margin fell as revenue slowed"},
    {"query": "instruct retrieve passage", "positive": "a passage to retrieve for the query"},
    {"query": "heart dose", "positive": "the dose of the heart drug"},
]


def test_two_process_ddp_writes_one_checked_model(tmp_path, tiny_qwen3):
    tiny = tiny_qwen3
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text("".join(json.dumps(p) + "\n" for p in PAIRS))
    runs = tmp_path / "runs"
    runs.mkdir()
    out = runs / "out"
    cmd = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc-per-node", "2",
           "-m", "utils.training.cli", "--model", str(tiny), "--train", str(pairs), "--out", str(out),
           "--epochs", "1", "--batch-size", "2", "--val-fraction", "0", "--lr", "0.01", "--device", "cpu",
           "--task", "retrieve passage"]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1", "HF_HUB_OFFLINE": "1"}
    run = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert [p.name for p in runs.iterdir()] == ["out"]  # exactly one output folder, no staging left over
    assert run.stdout.count("model written to") == 1  # rank 0 reports; rank 1 returns quietly
    assert "DDP over 2 processes (gloo): effective batch 4 pairs (2 per process)" in run.stdout
    saved = json.loads((out / "finetune.json").read_text())
    assert saved["merge_check"]["ok"] is True and saved["kept_base"] is False
    assert saved["n_train_pairs"] == len(PAIRS)
    # 8 pairs, 2 per process, 2 processes: 2 optimiser steps (one process alone would take 4)
    assert [h["step"] for h in saved["loss_history"]] == [1, 2]


def test_each_rank_loads_the_model_on_its_own_gpu(tmp_path, monkeypatch):
    """Under torchrun on CUDA, rank r must load (and mine negatives) on cuda:LOCAL_RANK, not on GPU 0 in every
    rank. Checked without a GPU: the device the recipe asks for is captured and the run stopped there."""
    import torch

    from utils.training import finetune as ft

    class Loaded(Exception):
        pass

    asked, current = {}, []

    def fake_load(path, device, dtype, **kwargs):
        asked.update(device=device, dtype=dtype)
        raise Loaded

    monkeypatch.setattr(ft, "pick_device", lambda *a, **k: "cuda")
    monkeypatch.setattr(ft, "load_sentence_transformer", fake_load)
    monkeypatch.setattr(torch.cuda, "set_device", current.append)
    monkeypatch.setenv("RANK", "3")
    monkeypatch.setenv("LOCAL_RANK", "1")  # the second GPU of the second machine
    monkeypatch.setenv("WORLD_SIZE", "4")
    try:
        ft.finetune(tmp_path / "base", PAIRS, tmp_path / "out")
    except Loaded:
        pass
    assert asked == {"device": "cuda:1", "dtype": "bfloat16"} and current == [1]


def test_one_process_keeps_the_device_it_picked(monkeypatch):
    from utils.training.train import ddp_device

    monkeypatch.delenv("WORLD_SIZE", raising=False)
    assert ddp_device("cuda") == "cuda" and ddp_device("cpu") == "cpu"
    monkeypatch.setenv("WORLD_SIZE", "2")
    assert ddp_device("cpu") == "cpu"  # gloo on CPUs: nothing to pick


def test_two_process_ddp_validates_on_rank_0_and_broadcasts_its_stop(tmp_path, tiny_qwen3):
    """With a validation set, rank 0 alone validates and its stop decision reaches rank 1 (a collective every
    rank joins at the same step): the run ends, both ranks exit, one checked output is written."""
    tiny = tiny_qwen3  # the session's shared tiny model, read only
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text("".join(json.dumps(p) + "\n" for p in PAIRS * 2))
    runs = tmp_path / "runs"
    runs.mkdir()
    out = runs / "out"
    cmd = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc-per-node", "2",
           "-m", "utils.training.cli", "--model", str(tiny), "--train", str(pairs), "--out", str(out),
           "--epochs", "3", "--batch-size", "2", "--val-fraction", "0.25", "--eval-every", "0.5",
           "--patience", "1", "--lr", "1e-12", "--device", "cpu", "--task", "retrieve passage"]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1", "HF_HUB_OFFLINE": "1"}
    run = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert run.stdout.count("model written to") == 1
    assert run.stdout.count("validation nDCG@10 at epoch 0.00 (step 0)") == 1  # rank 0 alone validates
    saved = json.loads((out / "finetune.json").read_text())
    assert saved["n_val_pairs"] > 0 and len(saved["val_history"]) >= 2
    # a learning rate of 1e-12 never gains: with patience 1 rank 0 says stop, and rank 1 stops with it
    assert saved["stopped_early"] is True and saved["epochs_run"] < 3
    assert saved["kept_base"] is True
