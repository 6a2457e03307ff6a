"""``python -m utils.adapt``: roles, bad input, the guarded report folder, every lever on a tiny Qwen3, the
recommendation's rule, the report files, the cache (re-run, one more lever, Ctrl-C), the budget, pseudo mode."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

import numpy as np
import pytest

from tests.test_retrieval import _FakeRerank
from utils.adapt import cli
from utils.adapt.cache import CachedEmbedder, EmbeddingCache, model_key
from utils.adapt.inputs import MARKER, ReportDirError, check_report_dir, load_for_adapt
from utils.data.beir import DataFormatError

REPO = Path(__file__).resolve().parent.parent
WORDS = ("patient dose renal heart contract clause party liability revenue cash flow margin query passage "
         "retrieve instruct").split()


def write_folder(root: Path, n_docs: int = 40, splits: dict[str, range] | None = None, seed: int = 0) -> Path:
    """A BEIR folder whose documents use the tiny Qwen3's words: query i asks for document i."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    docs, queries = [], []
    for i in range(n_docs):
        words = rng.sample(WORDS, 4)
        text = " ".join(words * 5) + ".\n" + " ".join(rng.sample(WORDS, 6)) + "."  # two sentences (inverse cloze)
        docs.append({"_id": f"d{i}", "title": "", "text": text})
        queries.append({"_id": f"q{i}", "text": " ".join(words[:3])})
    (root / "corpus.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs))
    splits = {"train": range(0, 24), "test": range(24, 36)} if splits is None else splits
    if splits:
        (root / "queries.jsonl").write_text("".join(json.dumps(q) + "\n" for q in queries))
        (root / "qrels").mkdir(exist_ok=True)
        for name, ids in splits.items():
            (root / "qrels" / f"{name}.tsv").write_text("query-id\tcorpus-id\tscore\n" + "".join(f"q{i}\td{i}\t1\n" for i in ids))
    return root


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# ----------------------------------------------------------------------------- roles
def test_a_folder_whose_qrels_name_missing_ids_runs_and_notes_them(tmp_path, capsys):
    """NFCorpus and ArguAna (public BEIR sets) name a few queries or documents their files lack."""
    folder = write_folder(tmp_path / "d")
    with open(folder / "qrels" / "test.tsv", "a") as f:
        f.write("PLAIN-2\td3\t1\nq30\tmissing-doc\t1\n")
    data = load_for_adapt(folder)
    assert len(data.test.queries) + len(data.val.queries) >= 12 and data.role_overlap() == 0
    assert "missing-doc" not in {d for rel in data.test.qrels.values() for d in rel}
    (note,) = [n for n in data.notes if "judgement(s) left out" in n]
    assert "2 judgement(s) left out" in note and "'PLAIN-2'" in note and "'missing-doc'" in note
    assert "judgement(s) left out" in capsys.readouterr().err


def test_roles_are_disjoint_and_validation_comes_off_train(tmp_path):
    data = load_for_adapt(write_folder(tmp_path / "d"))
    assert data.labels == "labelled" and data.role_overlap() == 0
    assert set(data.val.queries) <= {f"q{i}" for i in range(24)} and set(data.test.queries) == {f"q{i}" for i in range(24, 36)}
    trained = {p["query"] for p in data.train_pairs}
    assert trained and not trained & {q.text for q in data.val.queries.values()}
    assert len(data.val.queries) + len(trained) == 24


def test_dev_split_is_the_validation_and_test_only_gets_pseudo_training_pairs(tmp_path):
    with_dev = load_for_adapt(write_folder(tmp_path / "a", splits={"train": range(0, 20), "dev": range(20, 28),
                                                                     "test": range(28, 36)}))
    assert set(with_dev.val.queries) == {f"q{i}" for i in range(20, 28)} and with_dev.roles["val"] == "qrels/dev.tsv"
    test_only = load_for_adapt(write_folder(tmp_path / "b", splits={"test": range(0, 20)}))
    assert test_only.labels == "labelled, pseudo training pairs" and test_only.role_overlap() == 0
    assert set(test_only.val.queries) | set(test_only.test.queries) == {f"q{i}" for i in range(20)}
    assert test_only.train_pairs and "inverse cloze" in test_only.roles["train"]


def test_a_corpus_alone_gives_pseudo_queries_everywhere(tmp_path):
    data = load_for_adapt(write_folder(tmp_path / "c", splits={}))
    assert data.pseudo and data.role_overlap() == 0 and "pseudo-queries" in data.notes[0]
    for rs in (data.val, data.test):
        for qid, rel in rs.qrels.items():
            assert list(rel) == [qid.removeprefix("pseudo-")]  # a sentence of its own document


def test_smoke_cut_keeps_every_judged_document(tmp_path):
    data = load_for_adapt(write_folder(tmp_path / "d"), max_docs=30, max_val=4, max_test=5, max_train_pairs=6)
    judged = {d for rs in (data.val, data.test) for rel in rs.qrels.values() for d in rel}
    assert judged <= set(data.corpus) and len(data.corpus) == 30
    assert (len(data.val.queries), len(data.test.queries), len(data.train_pairs)) == (4, 5, 6)
    assert "smoke size" in data.notes[0]


# ----------------------------------------------------------------------------- bad input
def _bom(folder: Path) -> None:
    (folder / "corpus.jsonl").write_bytes(b"\xef\xbb\xbf" + (folder / "corpus.jsonl").read_bytes())


def _latin1(folder: Path) -> None:
    (folder / "corpus.jsonl").write_bytes(b'{"_id": "x", "text": "caf\xe9"}\n')


def _empty(folder: Path) -> None:
    (folder / "corpus.jsonl").write_text("\n")


def _no_overlap(folder: Path) -> None:
    (folder / "qrels" / "test.tsv").write_text("query-id\tcorpus-id\tscore\nq30\tother-doc\t1\n")


def _bad_json(folder: Path) -> None:
    (folder / "queries.jsonl").write_text('{"_id": "q1", "text": "x"\n')


@pytest.mark.parametrize(
    "breakage, expected",
    [(_bom, "byte-order mark"), (_latin1, "not UTF-8"), (_empty, "has no records"),
     (_no_overlap, "no overlap between qrels and corpus"), (_bad_json, "not valid JSON")],
    ids=["bom", "encoding", "empty", "no-overlap", "format"],
)
def test_bad_input_gets_one_line_and_nothing_is_written(tmp_path, capsys, breakage, expected):
    folder = write_folder(tmp_path / "data")
    breakage(folder)
    code, out, err = run(["--data", folder, "--out", tmp_path / "report"], capsys)
    assert code == 2 and err.startswith("error: ") and expected in err and err.count("\n") == 1, err
    assert not (tmp_path / "report").exists()


def test_a_missing_folder_and_bad_flags_are_refused(tmp_path, capsys):
    code, _, err = run(["--data", tmp_path / "nope", "--out", tmp_path / "r"], capsys)
    assert code == 2 and "is not a folder" in err
    folder = write_folder(tmp_path / "data")
    for flags, says in ((["--levers", "bm25,magic"], "--levers"), (["--budget-minutes", "0"], "--budget-minutes"),
                        (["--tolerance", "-1"], "--tolerance"), (["--model", tmp_path / "no-model"], "not a folder")):
        code, _, err = run(["--data", folder, "--out", tmp_path / "r", *flags], capsys)
        assert code == 2 and says in err and err.count("\n") == 1, err
    assert not (tmp_path / "r").exists()


def test_what_the_reader_owns_is_never_overwritten(tmp_path, capsys):
    folder = write_folder(tmp_path / "data")
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("my notes")
    for out in (mine, folder, folder / "report"):
        code, _, err = run(["--data", folder, "--out", out], capsys)
        assert code == 2 and "choose a new" in err, err
    assert sorted(p.name for p in mine.iterdir()) == ["notes.txt"] and (mine / "notes.txt").read_text() == "my notes"
    assert not (folder / "report").exists()
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    with pytest.raises(ReportDirError, match="is a file"):
        check_report_dir(a_file, folder)
    empty = tmp_path / "empty"
    empty.mkdir()
    assert (check_report_dir(empty, folder) / MARKER).is_file()
    assert check_report_dir(empty, folder) == empty  # a report of ours: a re-run may use it


def test_too_few_queries_is_a_clear_error(tmp_path):
    with pytest.raises(DataFormatError, match="only 2 test queries"):
        load_for_adapt(write_folder(tmp_path / "d", splits={"train": range(0, 20), "test": range(20, 22)}))


# ----------------------------------------------------------------------------- the cache
def test_cache_embeds_each_text_once_and_keys_by_model(tmp_path, tiny_qwen3):
    cache = EmbeddingCache(tmp_path / "e.sqlite")
    calls = []

    def encode(texts):
        calls.append(list(texts))
        return np.stack([np.full(3, len(t), dtype=np.float32) for t in texts])

    emb = CachedEmbedder(encode, cache, "m1", progress=False, batch_size=2)
    first = emb(["a", "bb", "a", "ccc"])
    again = emb(["ccc", "bb"])
    assert sum(len(c) for c in calls) == 3 and emb.computed == 3
    assert np.allclose(first[0], 1) and np.allclose(again[0], 3)
    other = CachedEmbedder(encode, cache, "m2", progress=False)
    other(["a"])
    assert sum(len(c) for c in calls) == 4  # another model's vectors are never reused
    assert cache.tokens_per_second("m1") > 0 and cache.tokens_per_second("never") is None
    assert model_key(tiny_qwen3, 16) != model_key(tiny_qwen3, 32)
    assert model_key(None, None, "http://a/v1", "x") != model_key(None, None, "http://b/v1", "x")


# ----------------------------------------------------------------------------- a whole run
@pytest.fixture(scope="module")
def reranker():
    """tests/test_retrieval.py's loopback stand-in for SGLang's /v1/rerank (word overlap), for the whole module."""
    _FakeRerank.requests, _FakeRerank.status, _FakeRerank.body, _FakeRerank.api_key = [], 200, None, None
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _FakeRerank)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


@pytest.fixture(scope="module")
def full_run(tmp_path_factory, tiny_qwen3, reranker):
    """Every lever on a tiny Qwen3 (documents over its 16-token limit, a reranker served), then the same again."""
    root = tmp_path_factory.mktemp("adapt")
    folder = write_folder(root / "data")
    argv = ["--data", folder, "--out", root / "report", "--model", tiny_qwen3, "--max-tokens", 16,
            "--reranker-url", reranker, "--budget-minutes", 20, "--quiet"]
    first = cli.main([str(a) for a in argv])
    report1 = json.loads((root / "report" / "report.json").read_text())
    second = cli.main([str(a) for a in argv])
    report2 = json.loads((root / "report" / "report.json").read_text())
    return {"codes": (first, second), "first": report1, "second": report2, "out": root / "report", "argv": argv}


def test_every_lever_is_a_row_with_a_paired_test_and_a_price(full_run):
    assert full_run["codes"] == (0, 0)
    r = full_run["first"]
    levers = {row["lever"] for row in r["rows"]}
    assert {"bm25", "base", "chunks", "instruction", "lora", "hybrid", "int8", "binary", "rerank"} <= levers, levers
    assert r["skipped"] == []
    for row in r["rows"]:
        assert 0.0 <= row["test_nDCG@10"] <= 1.0 and row["test_nDCG@10"] == row["test"]["nDCG@10"]
        assert 0.0 <= row["val"]["Recall@10"] <= 1.0
        c = row["vs_base"]
        assert c["mean_b"] == pytest.approx(row["test"]["nDCG@10"]) and 0.0 <= c["p_value"] <= 1.0
        assert c["wins"] + c["losses"] + c["ties"] == r["data"]["roles"][2]["queries"]
        assert row["price"]["index_bytes"] > 0 and row["price"]["stages"] >= 1
    by = {row["lever"]: row for row in r["rows"]}
    base_bytes = by["base"]["price"]["index_bytes"]
    assert by["chunks"]["price"]["vectors"] > by["base"]["price"]["vectors"]  # documents over 16 tokens
    assert by["int8"]["price"]["index_bytes"] < base_bytes / 3 and by["binary"]["price"]["index_bytes"] < base_bytes / 20
    assert by["hybrid"]["price"]["bm25_weight"] in [float(w) for w in r["hybrid_weights"]]
    assert by["lora"]["price"]["train_seconds"] > 0 and r["finetune"]["config"]["max_train_seconds"] > 0
    assert r["general_probe"]["queries"] >= 10 and r["data"]["role_overlap"] == 0


def test_the_recommendation_follows_its_rule_on_validation(full_run):
    r = full_run["first"]
    rows = {row["name"]: row for row in r["rows"]}
    best = max(row["val"]["nDCG@10"] for row in rows.values())
    near = [n for n, row in rows.items() if row["val"]["nDCG@10"] >= best - r["tolerance"]]
    key = {n: (row["price"]["index_bytes"], row["price"]["stages"], row["price"]["train_seconds"] > 0, i)
           for i, (n, row) in enumerate(rows.items())}
    rec = r["recommended"]
    assert rec["name"] == min(near, key=key.get)
    assert rec["test_nDCG@10"] == rows[rec["name"]]["test_nDCG@10"]
    c = rec["vs_base"]
    assert rec["beats_base"] == (c["delta"] > 0 and c["p_value"] < 0.05)
    assert ("beats the base" in rec["verdict"]) == rec["beats_base"] or rec["name"] == "base"
    assert "python -m utils.adapt" in rec["commands"]["reproduce"]


def _vs(delta: float, p: float) -> dict:
    return {"delta": delta, "p_value": p, "mean_a": 0.84, "mean_b": 0.84 + delta, "wins": 60, "losses": 40}


def test_the_verdict_never_says_nothing_beat_the_base_when_a_row_did():
    """The adapt bench of 2026-12-07: hybrid beat the base on test (p = 0.003) but the cheaper binary row was
    chosen on validation; the verdict said "Nothing beat the base on the test queries", which was false."""
    from utils.adapt.report import verdict_on_test

    rows = {"base": _vs(0.0, 1.0), "hybrid": _vs(0.0145, 0.0032), "lora": _vs(0.0069, 0.044), "binary": _vs(0.0049, 0.21)}
    beats, verdict = verdict_on_test("binary", rows, 200, 0.01, best_on_val="hybrid")
    assert not beats and "Nothing beat" not in verdict
    assert verdict.startswith("The recommended binary does not beat the base") and "within the noise" in verdict
    assert "hybrid (+0.0145, p = 0.0032); lora (+0.0069, p = 0.044) do beat the base" in verdict
    assert "let the cheaper binary win over hybrid" in verdict
    beats, verdict = verdict_on_test("hybrid", rows, 200, 0.01, best_on_val="hybrid")
    assert beats and verdict.startswith("hybrid beats the base on the 200 test queries")
    alone = {"base": _vs(0.0, 1.0), "binary": _vs(-0.002, 0.6)}
    beats, verdict = verdict_on_test("binary", alone, 40, 0.01, best_on_val="binary")
    assert not beats and "On test" not in verdict and "does not do better than the base" in verdict
    assert "only 40 test queries" in verdict


def test_the_report_is_written_and_self_contained(full_run):
    out = full_run["out"]
    md = (out / "report.md").read_text()
    html = (out / "report.html").read_text()
    assert "## Recommendation" in md and "| pipeline |" in md and full_run["first"]["recommended"]["name"] in md
    assert html.count("data:image/png;base64,") == 2 and 'src="http' not in html and "<link" not in html
    assert (out / "quality_vs_cost.png").read_bytes()[:4] == b"\x89PNG"


def test_a_rerun_embeds_nothing_again_and_reuses_the_fine_tune(full_run):
    r1, r2 = full_run["first"], full_run["second"]
    assert sum(v["computed"] for v in r1["embedding"].values()) > 0
    assert all(v["computed"] == 0 for v in r2["embedding"].values()), r2["embedding"]
    assert r2["finetune"]["reused"] is True
    assert [row["test_nDCG@10"] for row in r1["rows"] if row["lever"] != "rerank"] == pytest.approx(
        [row["test_nDCG@10"] for row in r2["rows"] if row["lever"] != "rerank"])


def test_one_more_lever_reuses_the_rest_and_ctrl_c_resumes(tmp_path, tiny_qwen3, capsys, monkeypatch):
    folder = write_folder(tmp_path / "data")
    argv = ["--data", folder, "--out", tmp_path / "r", "--model", tiny_qwen3, "--quiet"]
    from utils.adapt.study import Study

    def interrupted(self):
        raise KeyboardInterrupt

    monkeypatch.setattr(Study, "_lever_int8", interrupted)
    code, _, err = run([*argv, "--levers", "base,bm25,int8"], capsys)
    assert code == 130 and "run the same command again to resume" in err
    monkeypatch.undo()
    code, _, _ = run([*argv, "--levers", "base,bm25,int8,binary"], capsys)
    report = json.loads((tmp_path / "r" / "report.json").read_text())
    assert code == 0 and report["embedding"]["base"]["computed"] == 0  # all embedded before the Ctrl-C
    assert {row["lever"] for row in report["rows"]} == {"base", "bm25", "int8", "binary"}


def test_the_budget_stops_the_fine_tune(tmp_path, tiny_qwen3, capsys):
    folder = write_folder(tmp_path / "data")
    code, _, _ = run(["--data", folder, "--out", tmp_path / "r", "--model", tiny_qwen3, "--quiet",
                      "--levers", "base,lora,int8", "--budget-minutes", "0.05"], capsys)
    report = json.loads((tmp_path / "r" / "report.json").read_text())
    skipped = {s["lever"]: s["reason"] for s in report["skipped"]}
    assert code == 0 and "budget" in skipped["lora"] and "--budget-minutes" in skipped["lora"]
    assert "lora" not in {row["lever"] for row in report["rows"]}


def test_a_served_base_model_gives_the_in_process_numbers(tmp_path, cpu_server, capsys):
    """--base-url embeds the base model through a server (here the CPU server, float32): the same rows as
    in-process; without a local folder there is nothing to chunk with or to fine-tune, and the report says so."""
    from utils.serving.settings import default_cpu_model_path

    folder = write_folder(tmp_path / "data")
    code, _, _ = run(["--data", folder, "--quiet", "--levers", "base,bm25", "--out", tmp_path / "local",
                      "--model", default_cpu_model_path()], capsys)
    code2, _, _ = run(["--data", folder, "--quiet", "--levers", "base,bm25,chunks,lora", "--out", tmp_path / "served",
                       "--base-url", cpu_server.base_url], capsys)
    local, served = (json.loads((tmp_path / d / "report.json").read_text()) for d in ("local", "served"))
    assert (code, code2) == (0, 0)
    rows = {r["name"]: r["test_nDCG@10"] for r in local["rows"]}
    assert {r["name"]: r["test_nDCG@10"] for r in served["rows"]} == pytest.approx({k: rows[k] for k in ("base", "BM25")})
    skipped = {s["lever"]: s["reason"] for s in served["skipped"]}
    assert "--model" in skipped["lora"] and "tokenizer" in skipped["chunks"]


def test_a_corpus_alone_is_reported_as_pseudo_queries(tmp_path, tiny_qwen3, capsys):
    folder = write_folder(tmp_path / "data", splits={})
    code, _, _ = run(["--data", folder, "--out", tmp_path / "r", "--model", tiny_qwen3, "--quiet",
                      "--levers", "base,bm25"], capsys)
    report = json.loads((tmp_path / "r" / "report.json").read_text())
    assert code == 0 and report["data"]["pseudo"] is True
    assert "pseudo-queries" in report["recommended"]["verdict"]
    assert "every number comes from pseudo-queries" in (tmp_path / "r" / "report.md").read_text()


def test_python_m_utils_adapt_is_the_command(tmp_path):
    r = subprocess.run([sys.executable, "-m", "utils.adapt", "--data", str(tmp_path / "none"), "--out",
                        str(tmp_path / "r")], capture_output=True, text=True, cwd=REPO, timeout=300)
    assert r.returncode == 2 and r.stderr.startswith("error: ") and "is not a folder" in r.stderr


def test_the_pseudo_warning_quotes_notebook_08s_measurement(tmp_path, monkeypatch):
    """A corpus-only report says how optimistic notebook 08 measured a pseudo-query guard to be, from 08's results."""
    from utils.adapt.report import pseudo_guard_note

    monkeypatch.setenv("EMB_RUNS_DIR", str(tmp_path))
    assert "run it (make course)" in pseudo_guard_note()
    (tmp_path / "results").mkdir()
    guard = {"mean_pseudo_val_gain": 0.08, "agree_pseudo": 1, "n_runs": 2,
             "table": {"medical/title": {"test delta": -0.01}, "medical/ict": {"test delta": 0.03}}}
    (tmp_path / "results" / "08_pseudo_queries.json").write_text(json.dumps({"guard": guard}))
    note = pseudo_guard_note()
    assert "+0.0800 nDCG@10 on held-out pseudo-queries against +0.0100 on real test queries" in note
    assert "1 of 2 runs" in note
