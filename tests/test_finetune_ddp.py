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
