"""Tests for utils.training.cli (``python -m utils.training.cli``): one error line and exit 2 for bad input, before any model loads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.finetune_pairs import PAIRS
from utils.training import cli
from utils.training import finetune as ft


@pytest.fixture
def no_model_load(monkeypatch):
    """Fail the test if anything tries to load a model (flag and data errors must come first)."""

    def boom(*args, **kwargs):
        raise AssertionError("the model was loaded")

    monkeypatch.setattr(ft, "load_sentence_transformer", boom)


def _write(path, lines):
    path.write_text("\n".join(lines) + "\n")
    return path


def _run(capsys, *args):
    rc = cli.main([str(a) for a in args])
    captured = capsys.readouterr()
    return rc, captured.out, captured.err


def test_cli_rejects_malformed_pairs(tiny_qwen3, tmp_path, capsys, no_model_load):
    bad = _write(tmp_path / "bad.jsonl", ['{"query": "q", "positive": "p"}', '{"query": "only a query"}'])
    rc, _, err = _run(capsys, "--model", tiny_qwen3, "--train", bad, "--out", tmp_path / "o")
    assert rc == 2 and "bad.jsonl:2" in err and "positive" in err
    broken = _write(tmp_path / "broken.jsonl", ["{not json"])
    rc, _, err = _run(capsys, "--model", tiny_qwen3, "--train", broken, "--out", tmp_path / "o")
    assert rc == 2 and "not valid JSON" in err
    latin1 = tmp_path / "latin1.jsonl"
    latin1.write_bytes(b'{"query": "q", "positive": "p"}\n{"query": "caf\xe9", "positive": "p"}\n')
    rc, _, err = _run(capsys, "--model", tiny_qwen3, "--train", latin1, "--out", tmp_path / "o")
    assert rc == 2 and "latin1.jsonl:2" in err and "not UTF-8" in err and err.count("\n") == 1
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_bytes(b'\xef\xbb\xbf{"_id": "d1", "text": "x"}\n')
    good = _write(tmp_path / "good.jsonl", [json.dumps(p) for p in PAIRS])
    rc, _, err = _run(
        capsys, "--model", tiny_qwen3, "--train", good, "--corpus", corpus, "--out", tmp_path / "o"
    )
    assert rc == 2 and "corpus.jsonl:1" in err and "byte-order mark" in err
    rc, _, err = _run(capsys, "--model", tmp_path / "missing", "--train", good, "--out", tmp_path / "o")
    assert rc == 2 and "does not exist" in err
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize(
    "flags, message",
    [
        (["--batch-size", "0"], "batch_size must be >= 2"),
        (["--epochs", "0"], "epochs must be >= 1"),
        (["--dimensions", "32", "128"], "--dimensions must each be between 1 and the model's width 64"),
        (["--dimensions", "0"], "--dimensions"),
        (["--eval-every", "2"], "eval_every"),
        (["--patience", "-1"], "patience"),
        (["--mini-batch-size", "-1"], "mini_batch_size"),
        (["--val-fraction", "1"], "val_fraction"),
        (["--query-max-seq-length", "1000"], "query_max_seq_length"),
        (["--attention-dropout", "high"], "--attention-dropout takes a number"),
        (["--attention-dropout", "1"], "attention_dropout must be in [0, 1)"),
    ],
)
def test_cli_flag_errors_before_the_model_loads(tiny_qwen3, tmp_path, capsys, no_model_load, flags, message):
    good = _write(tmp_path / "good.jsonl", [json.dumps(p) for p in PAIRS])
    rc, _, err = _run(capsys, "--model", tiny_qwen3, "--train", good, "--out", tmp_path / "o", *flags)
    assert rc == 2 and message in err and err.startswith("error: ") and err.count("\n") == 1


def test_cli_out_errors_leave_everything_untouched(tiny_qwen3, tmp_path, capsys, no_model_load):
    good = _write(tmp_path / "good.jsonl", [json.dumps(p) for p in PAIRS])
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    rc, _, err = _run(capsys, "--model", tiny_qwen3, "--train", good, "--out", a_file)
    assert rc == 2 and "is a file" in err and a_file.read_text() == "x"
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me")
    rc, _, err = _run(capsys, "--model", tiny_qwen3, "--train", good, "--out", mine, "--overwrite")
    assert rc == 2 and "did not write" in err and (mine / "notes.txt").read_text() == "keep me"
    before = sorted(p.name for p in tiny_qwen3.iterdir())
    for out in (tiny_qwen3, tiny_qwen3 / "sub"):
        rc, _, err = _run(capsys, "--model", tiny_qwen3, "--train", good, "--out", out, "--overwrite")
        assert rc == 2 and "base model" in err
    assert sorted(p.name for p in tiny_qwen3.iterdir()) == before


def test_cli_writes_a_model_folder_and_overwrites_only_when_asked(tiny_qwen3, tmp_path, capsys):
    good = _write(tmp_path / "pairs.jsonl", [json.dumps(p) for p in PAIRS])
    args = ["--model", tiny_qwen3, "--train", good, "--out", tmp_path / "o", "--epochs", "1", "--lora-r", "4"]
    args += ["--val-fraction", "0.25", "--quiet", "--batch-size", "4", "--mini-batch-size", "2"]
    rc, out, _ = _run(capsys, *args)
    assert rc == 0
    assert "pairs/s" in out and "wall time" in out and "peak RSS" in out and str(tmp_path / "o") in out
    assert (tmp_path / "o" / "config.json").is_file() and (tmp_path / "o" / "finetune.json").is_file()
    record = json.loads((tmp_path / "o" / "finetune.json").read_text())
    assert record["config"]["lora_r"] == 4 and record["n_val_queries"] == 2
    assert record["config"]["mini_batch_size"] == 2 and record["peak_rss_mb"] > 0
    rc, _, err = _run(capsys, *args)  # a second run needs --overwrite
    assert rc == 2 and "--overwrite" in err
    (tmp_path / "o" / "finetune.json").write_text(json.dumps(record | {"decision": "older run"}))
    rc, _, _ = _run(capsys, *args, "--overwrite", "--seed", "1")
    assert rc == 0 and json.loads((tmp_path / "o" / "finetune.json").read_text())["decision"] != "older run"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


# ---------------------------------------------------------------- reliability, round 2 (issue 26)
def test_cli_unwritable_or_full_out_is_refused_before_the_model_loads(
    tiny_qwen3, tmp_path, capsys, no_model_load, readonly_dir, monkeypatch
):
    """Issue 26 item 3: --out in a read-only folder or on a full disk trained to the end, then a traceback."""
    good = _write(tmp_path / "good.jsonl", [json.dumps(p) for p in PAIRS])
    rc, _, err = _run(capsys, "--model", tiny_qwen3, "--train", good, "--out", readonly_dir / "o")
    assert rc == 2 and f"cannot write in {readonly_dir}" in err and "Nothing was trained" in err, err
    assert err.count("\n") == 1

    from utils.training import output

    class Usage:  # a full disk: 100 bytes free
        free = 100

    monkeypatch.setattr(output.shutil, "disk_usage", lambda path: Usage)
    rc, _, err = _run(capsys, "--model", tiny_qwen3, "--train", good, "--out", tmp_path / "o")
    assert rc == 2 and "has 100 bytes free" in err and "a model the size of the base" in err, err
    assert not (tmp_path / "o").exists()


def test_cli_write_failure_at_the_end_says_what_was_kept(tiny_qwen3, tmp_path, capsys, monkeypatch):
    """Issue 26 item 3: a failure at the very end (the disk filled up meanwhile) is one line naming what was kept."""
    import errno

    def full(base, adapter, staged, max_seq_length=256):  # the merged model's write fills the disk
        Path(staged, "model.safetensors").write_bytes(b"half a model")
        raise OSError(errno.ENOSPC, "No space left on device", str(Path(staged, "model.safetensors")))

    monkeypatch.setattr(ft, "merge_adapter", full)
    good = _write(tmp_path / "pairs.jsonl", [json.dumps(p) for p in PAIRS])
    out = tmp_path / "o"
    rc, _, err = _run(
        capsys, "--model", tiny_qwen3, "--train", good, "--out", out, "--epochs", "1", "--lora-r", "4",
        "--val-fraction", "0", "--quiet", "--batch-size", "4", "--mini-batch-size", "2", "--negatives", "0",
    )
    line = err.strip().splitlines()[-1]  # above it: the libraries' progress bars
    assert rc == 1 and line.startswith("error: could not write the fine-tuned model"), err
    assert "No space left on device" in line and f"{out} is as it was before the run" in line
    adapter = Path(line.split("the trained LoRA adapter is saved in ")[1].split(":")[0])
    try:
        assert any(p.name.startswith("adapter") for p in adapter.rglob("*")), sorted(adapter.rglob("*"))
    finally:
        import shutil

        shutil.rmtree(adapter, ignore_errors=True)
    assert not out.exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_cli_messages_say_what_is_wrong(tiny_qwen3, tmp_path, capsys, no_model_load):
    """Issue 26 item 13: a folder for --train "does not exist"; {"query": 5} was "missing or empty"."""
    folder = tmp_path / "pairs"
    folder.mkdir()
    rc, _, err = _run(capsys, "--model", tiny_qwen3, "--train", folder, "--out", tmp_path / "o")
    assert rc == 2 and f"{folder} is a folder; pass the pairs JSONL file inside it" in err, err
    rc, _, err = _run(capsys, "--model", tiny_qwen3, "--train", good_pairs(tmp_path), "--corpus", folder,
                      "--out", tmp_path / "o")
    assert rc == 2 and f"{folder} is a folder" in err, err
    cases = [
        ('{"query": 5, "positive": "p"}', "field 'query' must be a string, got int 5"),
        ('{"positive": "p"}', "field 'query' is missing."),
        ('{"query": "  ", "positive": "p"}', "field 'query' is empty."),
        ('{"query": "q", "positive": ["p"]}', "field 'positive' must be a string, got list"),
    ]
    for line, message in cases:
        bad = _write(tmp_path / "bad.jsonl", ['{"query": "q", "positive": "p"}', line])
        rc, _, err = _run(capsys, "--model", tiny_qwen3, "--train", bad, "--out", tmp_path / "o")
        assert rc == 2 and f"bad.jsonl:2: {message}" in err and err.count("\n") == 1, (line, err)
    rc, _, err = _run(capsys, "--model", bad, "--train", bad, "--out", tmp_path / "o")
    assert rc == 2 and "is a file, not a model folder" in err, err


def good_pairs(tmp_path):
    return _write(tmp_path / "good.jsonl", [json.dumps(p) for p in PAIRS])
