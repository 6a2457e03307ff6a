"""The course's command-line tools against the real SGLang on a CPU: ``utils.search.evaluate --base-url``
and ``utils.search.embed_corpus`` over two SGLang replicas, both servers started with ``--api-key``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest

from tests.sglang.conftest import API_KEY, start_embedding_server
from utils.paths import REPO_ROOT
from utils.serving.client import EmbeddingClient
from utils.serving.settings import VectorTolerances

MEDICAL = REPO_ROOT / "data" / "medical"
BF16 = VectorTolerances.for_mode("sglang")


def small_beir(folder: Path, n_queries: int = 12, n_docs: int = 60) -> Path:
    """A slice of the course's medical set in BEIR layout: ``n_queries`` test queries, their relevant documents
    and others up to ``n_docs``. SGLang's CPU engine is slow on 2 shared cores; the tools' paths are the same."""
    rows = [line.split("\t") for line in (MEDICAL / "qrels" / "test.tsv").read_text().splitlines()[1:] if line]
    queries = list(dict.fromkeys(r[0] for r in rows))[:n_queries]
    wanted = {r[1] for r in rows if r[0] in queries}
    corpus = [json.loads(line) for line in (MEDICAL / "corpus.jsonl").read_text().splitlines() if line.strip()]
    keep = [d for d in corpus if d["_id"] in wanted]
    keep += [d for d in corpus if d["_id"] not in wanted][: max(0, n_docs - len(keep))]
    all_queries = [json.loads(line) for line in (MEDICAL / "queries.jsonl").read_text().splitlines() if line.strip()]
    (folder / "qrels").mkdir(parents=True)
    (folder / "corpus.jsonl").write_text("".join(json.dumps(d) + "\n" for d in keep))
    (folder / "queries.jsonl").write_text("".join(json.dumps(q) + "\n" for q in all_queries if q["_id"] in queries))
    (folder / "qrels" / "test.tsv").write_text(
        "query-id\tcorpus-id\tscore\n" + "".join("\t".join(r) + "\n" for r in rows if r[0] in queries)
    )
    return folder


@pytest.fixture(scope="module")
def beir(tmp_path_factory) -> Path:
    return small_beir(tmp_path_factory.mktemp("beir") / "medical-slice")


def _run(args: list[str], timeout: float = 900) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO_ROOT, capture_output=True, text=True, timeout=timeout)


def test_evaluate_against_sglang_with_its_key(embedding_server, beir):
    args = ["utils.search.evaluate", "--base-url", embedding_server.base_url, "--data", str(beir), "--split", "test"]
    refused = _run(args)  # no key: the server's 401 becomes one error line
    assert refused.returncode != 0 and "401" in refused.stderr, refused.stderr[-2000:]
    run = _run([*args, "--api-key", API_KEY])
    assert run.returncode == 0, run.stderr[-3000:]
    lines = run.stdout.strip().splitlines()
    assert lines[0].endswith("12 queries, 60 documents") and "nDCG@10" in lines[1], run.stdout
    ndcg = float(lines[1].split("nDCG@10")[1].split()[0])
    assert 0.0 <= ndcg <= 1.0  # a random model: the number is not judged, only that a real run produced it


@pytest.fixture(scope="module")
def second_replica(tiny_model, logs_dir):
    server = start_embedding_server(tiny_model, logs_dir, "tiny-qwen3-replica")
    yield server
    server.stop()


def _served_requests(server) -> int:
    """How many embedding requests the server's log shows (uvicorn's access log line per request)."""
    return server.log_path.read_text(errors="replace").count("POST /v1/embeddings")


def test_embed_corpus_over_two_sglang_replicas(embedding_server, second_replica, beir, tmp_path):
    out = tmp_path / "shards"
    before = [_served_requests(s) for s in (embedding_server, second_replica)]
    run = _run([
        "utils.search.embed_corpus", "--data", str(beir / "corpus.jsonl"), "--out", str(out),
        "--base-url", embedding_server.base_url, "--base-url", second_replica.base_url,
        "--model", "tiny-qwen3", "--api-key", API_KEY, "--batch-size", "16", "--concurrency", "2",
        "--shard-size", "25", "--no-progress",
    ])  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    served = [_served_requests(s) - b for s, b in zip((embedding_server, second_replica), before, strict=True)]
    manifest = json.loads((out / "manifest.json").read_text())
    n_docs = sum(1 for line in (beir / "corpus.jsonl").read_text().splitlines() if line.strip())
    assert manifest["complete"] and manifest["documents"] == n_docs and len(manifest["shards"]) == 3
    table = pq.read_table(sorted(out.glob("shard-*.parquet")))
    ids = table.column("id").to_pylist()
    assert len(ids) == len(set(ids)) == n_docs  # every document exactly once
    vecs = np.stack(table.column("vector").to_numpy(zero_copy_only=False)).astype(np.float32)
    assert np.abs(np.linalg.norm(vecs, axis=1) - 1).max() <= BF16.norm
    # the same texts straight from one replica: the round-robin changed nothing
    texts = table.column("text").to_pylist()[:8]
    with EmbeddingClient(embedding_server.base_url, "tiny-qwen3", api_key=API_KEY) as client:
        direct = client.embed(texts)
    assert ((direct * vecs[:8]).sum(axis=1) >= BF16.cosine).all()
    print(f"embedding requests served by each replica: {served}")
    assert all(n >= 2 for n in served), served  # the probe and at least one batch on each replica
