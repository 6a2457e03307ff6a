"""utils.search.embed_corpus: the course corpora through the CPU server, a crash and a resume, bad input, Milvus."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np
import pytest

from utils.search import embed_corpus as ec
from utils.serving.settings import CPU_MODEL_NAME

ROOT = Path(__file__).resolve().parents[1]


def corpus_ids(path: Path) -> list[str]:
    return [json.loads(line)["_id"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def shard_ids(out: Path) -> list[str]:
    manifest = json.loads((out / "manifest.json").read_text())
    ids: list[str] = []
    for shard in manifest["shards"]:
        ids += ec.read_shard(out / shard["file"])[0]
    return ids


def head(src: Path, dst: Path, n: int) -> Path:
    dst.write_text("".join(src.read_text(encoding="utf-8").splitlines(keepends=True)[:n]), encoding="utf-8")
    return dst


@pytest.mark.parametrize("domain,n", [("medical", None), ("legal", 150), ("finance", 150)])
def test_course_corpus_through_cpu_server(cpu_server, cpu_client, tmp_path, domain, n):
    data = ROOT / "data" / domain / "corpus.jsonl"
    if n is not None:  # small size: the first n documents
        data = head(data, tmp_path / "corpus.jsonl", n)
    out = tmp_path / "out"
    manifest = ec.embed_corpus(data, out, [cpu_server.base_url], CPU_MODEL_NAME, batch_size=16,
                               concurrency=2, shard_size=100, progress=False)
    ids = corpus_ids(data)
    assert manifest["complete"] and manifest["documents"] == len(ids) and manifest["width"] == 384
    assert [s["count"] for s in manifest["shards"]] == [100] * (len(ids) // 100) + [len(ids) % 100]
    assert shard_ids(out) == ids  # every id exactly once, in corpus order
    got_ids, texts, vectors = ec.read_shard(out / manifest["shards"][0]["file"])
    assert vectors.dtype == np.float32 and vectors.shape == (100, 384)
    direct = cpu_client.embed(texts[:5])  # the shard holds what the client returns for the same texts
    np.testing.assert_allclose(vectors[:5], direct, atol=1e-5)
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json"] + [s["file"] for s in manifest["shards"]]


def test_precisions_and_replicas(cpu_server, tmp_path):
    data = head(ROOT / "data" / "finance" / "corpus.jsonl", tmp_path / "c.jsonl", 30)
    urls = [cpu_server.base_url, cpu_server.base_url]  # two "replicas": round-robin over both
    f32 = ec.embed_corpus(data, tmp_path / "f", urls, CPU_MODEL_NAME, dimensions=128, shard_size=50,
                          batch_size=8, progress=False)
    assert f32["width"] == 128
    _, _, v = ec.read_shard(tmp_path / "f" / "shard-00000.parquet")
    for precision, dtype, width in [("int8", np.int8, 128), ("binary", np.uint8, 16)]:
        m = ec.embed_corpus(data, tmp_path / precision, urls, CPU_MODEL_NAME, dimensions=128,
                            precision=precision, shard_size=50, batch_size=8, progress=False)
        assert m["settings"]["precision"] == precision
        _, _, q = ec.read_shard(tmp_path / precision / "shard-00000.parquet")
        assert q.dtype == dtype and q.shape == (30, width)
        np.testing.assert_array_equal(q, ec.encode_precision(v, precision))
    assert np.abs(ec.encode_precision(v, "int8") / 127.0 - v).max() <= 0.5 / 127 + 1e-6


def test_failure_mid_run_then_resume_reembeds_only_the_rest(cpu_server, tmp_path, monkeypatch):
    data = head(ROOT / "data" / "medical" / "corpus.jsonl", tmp_path / "c.jsonl", 250)
    out = tmp_path / "out"
    real = ec._Pool.embed
    calls: list[int] = []

    async def failing(self, texts, batch_size, dimensions):
        calls.append(len(texts))
        if len(calls) == 3:
            raise RuntimeError("injected failure in the third shard")
        return await real(self, texts, batch_size, dimensions)

    monkeypatch.setattr(ec._Pool, "embed", failing)
    with pytest.raises(RuntimeError, match="injected"):
        ec.embed_corpus(data, out, [cpu_server.base_url], CPU_MODEL_NAME, shard_size=60, batch_size=32,
                        progress=False)
    manifest = ec.read_manifest(out)
    assert not manifest["complete"] and [s["index"] for s in manifest["shards"]] == [0, 1]
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("shard-*.parquet")}

    calls.clear()
    monkeypatch.setattr(ec._Pool, "embed", lambda self, *a: (calls.append(len(a[0])), real(self, *a))[1])
    manifest = ec.embed_corpus(data, out, [cpu_server.base_url], CPU_MODEL_NAME, shard_size=60,
                               batch_size=32, progress=False)
    assert calls == [60, 60, 10]  # shards 2, 3, 4 only
    assert {p: out.joinpath(p).stat().st_mtime_ns for p in before} == before  # finished shards untouched
    assert manifest["complete"] and shard_ids(out) == corpus_ids(data)


# ---------------------------------------------------------------- a real kill, against a slow fake server
class _SlowEmbeddings(BaseHTTPRequestHandler):
    """An OpenAI-compatible /v1/embeddings that answers slowly with hash-derived unit vectors."""

    texts: list[str] = []
    delay = 0.05
    max_chars: int | None = None  # refuse longer texts as the CPU server refuses over-long ones (HTTP 400)

    def do_POST(self):  # noqa: N802 - http.server's name
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        too_long = [i for i, t in enumerate(body["input"]) if self.max_chars and len(t) > self.max_chars]
        if too_long:
            i = too_long[0]
            message = (f"input[{i}] has more than {len(body['input'][i]) // 4} tokens, over the model's limit of "
                       '256; shorten it, send "truncate": true, or start the server with --truncate')
            payload = json.dumps({"error": {"message": message, "type": "invalid_request_error",
                                            "param": "input", "code": "input_too_long"}}).encode()
            self.send_response(400)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
            return
        type(self).texts.extend(body["input"])
        time.sleep(self.delay)
        data = []
        for i, text in enumerate(body["input"]):
            seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "little")
            v = np.random.default_rng(seed).standard_normal(16)
            data.append({"object": "embedding", "index": i, "embedding": (v / np.linalg.norm(v)).tolist()})
        payload = json.dumps({"object": "list", "data": data, "model": body["model"],
                              "usage": {"prompt_tokens": 0, "total_tokens": 0}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


class _QuietServer(ThreadingHTTPServer):
    """A client the test cut off (a resumed or refused run) is not an error of the test server: no traceback
    on stderr, where it would land in the next test's captured output."""

    def handle_error(self, request, client_address) -> None:
        pass


@pytest.fixture
def slow_server():
    _SlowEmbeddings.texts = []
    _SlowEmbeddings.delay, _SlowEmbeddings.max_chars = 0.05, None
    server = _QuietServer(("127.0.0.1", 0), _SlowEmbeddings)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


def test_sigkill_after_first_shard_then_resume(slow_server, tmp_path):
    data = head(ROOT / "data" / "legal" / "corpus.jsonl", tmp_path / "c.jsonl", 120)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "utils.search.embed_corpus", "--data", str(data), "--out", str(out),
           "--base-url", slow_server, "--model", "fake", "--shard-size", "20", "--batch-size", "5",
           "--concurrency", "2", "--no-progress"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            manifest_path = out / "manifest.json"
            if manifest_path.is_file() and json.loads(manifest_path.read_text())["shards"]:
                break
            assert proc.poll() is None, proc.communicate()
            time.sleep(0.01)
        else:
            pytest.fail("no shard finished within 60 s")
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    manifest = ec.read_manifest(out)
    assert not manifest["complete"], "the run finished before the kill; the fake server is too fast"
    finished = [s["index"] for s in manifest["shards"]]
    done_ids = set(shard_ids(out))

    _SlowEmbeddings.texts = []
    rerun = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    assert shard_ids(out) == corpus_ids(data)  # every id exactly once
    assert ec.read_manifest(out)["complete"]
    # The rerun embedded none of the finished shards' documents (only its width probe and the rest).
    texts = {json.loads(line)["_id"]: json.loads(line) for line in data.read_text().splitlines()}
    resent = [i for i in done_ids if f"{texts[i]['title']}. {texts[i]['text']}" in _SlowEmbeddings.texts]
    assert finished and resent == []
    assert not list(out.glob(".*.tmp"))  # a temporary file the kill left behind was reused and renamed


# ---------------------------------------------------------------- bad input and the output folder
def run_cli(capsys, *args: str) -> tuple[int, str]:
    rc = ec.main(list(args))
    return rc, capsys.readouterr().err.strip()


def test_bad_input_clear_errors(cpu_server, tmp_path, capsys):
    url = cpu_server.base_url
    common = ["--base-url", url, "--model", CPU_MODEL_NAME, "--no-progress"]
    rc, err = run_cli(capsys, "--data", str(tmp_path / "missing.jsonl"), "--out", str(tmp_path / "o"), *common)
    assert rc == 2 and "missing.jsonl: no such file" in err and "\n" not in err

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"_id": "a", "text": "fine"}\n{"_id": "b", "text": \n', encoding="utf-8")
    rc, err = run_cli(capsys, "--data", str(bad), "--out", str(tmp_path / "o1"), *common)
    assert rc == 2 and f"{bad}:2: not valid JSON" in err

    dup = tmp_path / "dup.jsonl"
    dup.write_text('{"_id": "a", "text": "x"}\n\n{"_id": "a", "text": "y"}\n', encoding="utf-8")
    rc, err = run_cli(capsys, "--data", str(dup), "--out", str(tmp_path / "o2"), *common)
    assert rc == 2 and f"{dup}:3: id 'a' appears twice" in err

    rc, err = run_cli(capsys, "--data", str(dup), "--out", str(tmp_path / "o3"), "--base-url",
                      "http://127.0.0.1:9/v1", "--model", "m", "--timeout", "2")
    assert rc == 2 and "cannot reach the embedding server at http://127.0.0.1:9/v1" in err
    assert not (tmp_path / "o3").exists()  # nothing written for an unreachable server


def test_refuses_foreign_or_mismatched_out(cpu_server, tmp_path, capsys):
    data = head(ROOT / "data" / "medical" / "corpus.jsonl", tmp_path / "c.jsonl", 10)
    common = ["--data", str(data), "--base-url", cpu_server.base_url, "--model", CPU_MODEL_NAME, "--no-progress"]
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine")
    rc, err = run_cli(capsys, *common, "--out", str(foreign))
    assert rc == 2 and "did not write (notes.txt)" in err
    assert sorted(p.name for p in foreign.iterdir()) == ["notes.txt"]

    out = tmp_path / "out"
    assert run_cli(capsys, *common, "--out", str(out))[0] == 0
    rc, err = run_cli(capsys, *common, "--out", str(out), "--dimensions", "64")
    assert rc == 2 and "rerun with the same options" in err
    assert run_cli(capsys, *common, "--out", str(out))[0] == 0  # a finished run reruns as a no-op
    assert shard_ids(out) == corpus_ids(data)


def test_load_into_milvus_lite(cpu_server, tmp_path, capsys):
    data = head(ROOT / "data" / "medical" / "corpus.jsonl", tmp_path / "c.jsonl", 60)
    out, db = tmp_path / "out", tmp_path / "milvus" / "corpus.db"
    rc = ec.main(["--data", str(data), "--out", str(out), "--base-url", cpu_server.base_url, "--model",
                  CPU_MODEL_NAME, "--shard-size", "25", "--no-progress", "--load-into", str(db),
                  "--collection", "med", "--domain", "medical"])
    assert rc == 0 and "collection 'med': 60 rows" in capsys.readouterr().out
    assert ec.load_into_milvus(out, str(db), "med", progress=False) == 60  # upsert: a rerun adds nothing
    from utils.search.store import MilvusStore

    ids, _, vectors = ec.read_shard(out / "shard-00001.parquet")
    with MilvusStore(str(db), "med") as store:
        hits = store.search(vectors[:1], k=1)
    assert hits[0][0].id == ids[0]


# ---------------------------------------------------------------- reliability, round 2 (issue 26)
def write_corpus(path: Path, docs: list[tuple[str, str]]) -> Path:
    path.write_text("".join(json.dumps({"_id": i, "text": t}) + "\n" for i, t in docs), encoding="utf-8")
    return path


@pytest.fixture
def fake(slow_server):
    """The fake server, fast, and the CLI's common flags against it."""
    _SlowEmbeddings.delay = 0.0
    return ["--base-url", slow_server, "--model", "fake", "--no-progress", "--batch-size", "4"]


def test_a_changed_document_is_refused_naming_its_id_and_line(fake, tmp_path, capsys):
    """Issue 26 item 1: a resume after a document's text changed (same id) kept the old text and vector."""
    docs = [(f"d{i}", f"document number {i} about topic {i % 3}") for i in range(30)]
    data, out = write_corpus(tmp_path / "c.jsonl", docs), tmp_path / "out"
    args = ["--data", str(data), "--out", str(out), "--shard-size", "10", *fake]
    assert run_cli(capsys, *args)[0] == 0
    manifest = ec.read_manifest(out)
    assert all(len(sh["content_sha256"]) == 64 for sh in manifest["shards"])
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    changed = list(docs)
    changed[15] = ("d15", "the same id with a new text")
    write_corpus(data, changed)
    _SlowEmbeddings.texts = []
    rc, err = run_cli(capsys, *args)
    assert rc == 2 and f"{data}:16: document 'd15' changed since shard 1 embedded it" in err, err
    assert "pass a new --out" in err and err.count("\n") == 0
    assert _SlowEmbeddings.texts == ["width probe"]  # nothing was re-embedded
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # nor changed
    changed[15] = ("d15b", docs[15][1])  # an id changed instead
    write_corpus(data, changed)
    rc, err = run_cli(capsys, *args)
    assert rc == 2 and f"{data}:16: id 'd15b' is where shard 1 holds 'd15'" in err, err


def test_empty_input_or_a_refusal_leaves_no_out_folder(fake, tmp_path, capsys):
    """Issue 26 item 2: an empty corpus gave exit 0 and a complete manifest; a refused run left a manifest."""
    empty = tmp_path / "empty.jsonl"
    blank = tmp_path / "blank.jsonl"
    bad = tmp_path / "bad.jsonl"
    empty.write_text("")
    blank.write_text("\n  \n")
    bad.write_text('{"_id": "a", "text": "fine"}\n{"_id": "b"}\n')
    for data, fragment in [(empty, "holds no documents"), (blank, "holds no documents"), (bad, "bad.jsonl:2")]:
        out = tmp_path / f"out-{data.stem}"
        rc, err = run_cli(capsys, "--data", str(data), "--out", str(out), *fake)
        assert rc == 2 and fragment in err and err.count("\n") == 0, err
        assert not out.exists(), sorted(p.name for p in out.iterdir())


def test_an_unwritable_out_and_a_full_disk_are_one_line(fake, tmp_path, capsys, readonly_dir, monkeypatch):
    """Issue 26 item 4: a read-only --out and a full disk printed tracebacks."""
    import errno

    import pyarrow.parquet as pq

    docs = [(f"d{i}", f"text {i}") for i in range(12)]
    data = write_corpus(tmp_path / "c.jsonl", docs)
    rc, err = run_cli(capsys, "--data", str(data), "--out", str(readonly_dir / "out"), *fake)
    assert rc == 2 and f"cannot write in {readonly_dir}" in err and err.count("\n") == 0, err
    assert _SlowEmbeddings.texts == []  # refused before the server was asked anything

    out, real, calls = tmp_path / "out", pq.write_table, []

    def full_disk(table, where, *a, **kw):  # the second shard finds the disk full, half-way through
        calls.append(where)
        if len(calls) == 2:
            Path(where).write_bytes(b"PAR1 half a file")
            raise OSError(errno.ENOSPC, "No space left on device", str(where))
        return real(table, where, *a, **kw)

    monkeypatch.setattr(pq, "write_table", full_disk)
    args = ["--data", str(data), "--out", str(out), "--shard-size", "5", *fake]
    rc, err = run_cli(capsys, *args)
    assert rc == 2 and "No space left on device" in err and ".shard-00001.parquet.tmp" in err, err
    assert "1 finished shard(s) are kept" in err and err.count("\n") == 0
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "shard-00000.parquet"]  # no .tmp left
    monkeypatch.setattr(pq, "write_table", real)
    assert run_cli(capsys, *args)[0] == 0  # the rerun resumes
    assert shard_ids(out) == [d for d, _ in docs]


def test_long_documents_are_named_then_truncated_once_or_chunked(fake, tmp_path, capsys):
    """Issue 26 item 5: a 50k-token document stopped the run with "input[0] has more than ... tokens" (a
    position in a batch) and no way forward. Now: named by id and line, or the course's long-text policy."""
    from utils.serving.settings import default_cpu_model_path

    _SlowEmbeddings.max_chars = 3000  # the fake server refuses what the real one would
    long_text = "alpha beta gamma delta " * 3000
    docs = [(f"d{i}", f"short document {i}") for i in range(6)]
    docs[3] = ("long1", long_text)
    docs[5] = ("long2", long_text + " the end")
    data = write_corpus(tmp_path / "c.jsonl", docs)

    rc, err = run_cli(capsys, "--data", str(data), "--out", str(tmp_path / "whole"), *fake)
    assert rc == 2 and f"{data}:4: document 'long1' was refused by the server: it has more than" in err, err
    assert "--tokenizer DIR" in err and "--chunk" in err and "input[" not in err and err.count("\n") == 0

    tok = ["--tokenizer", default_cpu_model_path()]
    out = tmp_path / "cut"
    rc, err = run_cli(capsys, "--data", str(data), "--out", str(out), *fake, *tok)
    assert rc == 0, err
    warnings_ = [line for line in err.splitlines() if line.startswith("warning:")]
    assert len(warnings_) == 1 and "truncated 2 of 6 text(s) to 256 tokens" in warnings_[0], err
    ids, texts, _ = ec.read_shard(out / "shard-00000.parquet")
    assert ids == [d for d, _ in docs] and len(texts[3]) < 3000 and long_text.startswith(texts[3])
    assert ec.read_manifest(out)["settings"]["long_text"] == "truncate:256"

    out = tmp_path / "chunks"
    rc, err = run_cli(capsys, "--data", str(data), "--out", str(out), *fake, *tok, "--chunk", "128:16")
    assert rc == 0, err
    manifest = ec.read_manifest(out)
    assert manifest["documents"] == 6 and manifest["rows"] > 100
    ids, texts, _ = ec.read_shard(out / "shard-00000.parquet")
    assert ids[:4] == ["d0#0", "d1#0", "d2#0", "long1#0"] and max(len(t) for t in texts) < 3000
    rc, err = run_cli(capsys, "--data", str(data), "--out", str(tmp_path / "x"), *fake, "--chunk", "128")
    assert rc == 2 and "need the served model's tokenizer" in err
    rc, err = run_cli(capsys, "--data", str(data), "--out", str(tmp_path / "x"), *fake, "--tokenizer", "none")
    assert rc == 2 and "document 'long1' was refused" in err  # 'none': sent whole, as before


def test_the_earliest_refused_text_is_named_whichever_batch_answers_first():
    """CI saw 'long2' named instead of 'long1': the batches run concurrently and the one holding the later
    document was refused first. The refusal named must be the earliest in the file, every time."""
    import asyncio

    class Client:  # refuses every text containing "long"; the earlier batch answers later
        async def aembed(self, batch, **_):
            await asyncio.sleep(0.2 if "long1" in batch else 0.0)
            for i, text in enumerate(batch):
                if "long" in text:
                    raise ValueError(f"input[{i}] has more than 9999 tokens; shorten it")
            return np.zeros((len(batch), 4), dtype=np.float32)

    pool = ec._Pool.__new__(ec._Pool)
    pool.clients, pool.concurrency, pool._next = [Client()], 4, 0
    texts = ["a", "b", "long1", "c", "d", "long2", "e"]
    with pytest.raises(ec._Refused) as info:
        asyncio.run(pool.embed(texts, 2, None))
    assert info.value.position == 2 and "9999 tokens" in info.value.detail
    assert asyncio.run(pool.embed(["a", "b", "c"], 2, None)).shape == (3, 4)
