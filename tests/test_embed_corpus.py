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

    def do_POST(self):  # noqa: N802 - http.server's name
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
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


@pytest.fixture
def slow_server():
    _SlowEmbeddings.texts = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SlowEmbeddings)
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
