"""Tests for utils.training.bench: the long-document fixture, and a smoke run of the benchmark code (--quick).

The benchmark's timings are printed, never asserted (a loaded machine would make them flaky).
"""

from __future__ import annotations

import json

from utils.data.beir import read_jsonl, read_pairs_jsonl
from utils.serving.settings import default_cpu_model_path
from utils.training import bench


def test_long_documents_are_300_to_750_tokens_of_the_course_documents():
    from transformers import AutoTokenizer

    model = default_cpu_model_path()
    texts, owner = bench.long_documents(model)
    tok = AutoTokenizer.from_pretrained(str(model))
    tok.model_max_length = 10**9
    lengths = [len(tok(t, add_special_tokens=False)["input_ids"]) for t in texts.values()]
    assert len(texts) >= 50 and 300 <= min(lengths) and max(lengths) <= 750
    assert set(owner.values()) == set(texts)  # every long document is made of shipped documents


def test_build_fixture_pairs_point_into_the_corpus(tmp_path):
    counts = bench.build_fixture(tmp_path, default_cpu_model_path(), n_pairs=120)
    pairs = read_pairs_jsonl(tmp_path / "pairs.jsonl")
    corpus = {r["text"] for r in read_jsonl(tmp_path / "corpus.jsonl", ("_id", "text"))}
    assert counts["pairs"] == len(pairs) == 120 and counts["long_documents"] == len(corpus)
    assert all(p["positive"] in corpus for p in pairs)
    assert len({(p["query"], p["positive"]) for p in pairs}) == len(pairs)
    assert bench.build_fixture(tmp_path / "again", default_cpu_model_path(), n_pairs=120) == counts
    assert (tmp_path / "again" / "pairs.jsonl").read_text() == (tmp_path / "pairs.jsonl").read_text()


def test_before_flags_are_the_old_defaults():
    from utils.training.cli import build_parser

    old = build_parser().parse_args(["--model", "m", "--train", "t", "--out", "o", *bench.BEFORE_FLAGS])
    assert (old.epochs, old.patience, old.eval_every, old.mini_batch_size) == (4, 0, 1.0, 0)
    assert old.attention_dropout == "model"  # the model's own attention dropout, as before


def test_quick_benchmark_runs_both_sides(tmp_path, capsys, tiny_qwen3):
    model = tiny_qwen3
    out = tmp_path / "bench.json"
    assert (
        bench.main(["--quick", "--model", str(model), "--workdir", str(tmp_path / "w"), "--json", str(out)])
        == 0
    )
    printed = capsys.readouterr().out
    assert "after/before: wall time x" in printed and "targets:" in printed
    record = json.loads(out.read_text())
    assert [r["run"] for r in record["runs"]] == ["before", "after"] and record["fixture"]["pairs"] == 40
    for r in record["runs"]:
        assert r["pairs/s"] > 0 and r["peak RSS GB"] > 0 and r["wall min"] > 0
    before = json.loads((tmp_path / "w" / "out-before" / "finetune.json").read_text())
    assert before["config"]["mini_batch_size"] == 0 and before["config"]["patience"] == 0
