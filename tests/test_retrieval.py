"""utils.search.retrieval: fusion, BM25, the SGLang reranker call (a loopback fake), SearchPipeline over Milvus Lite."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from utils.data.beir import Document, Query, RetrievalSet
from utils.search.evaluate import bm25_run, evaluate_run
from utils.search.retrieval import (
    BM25Index,
    RerankError,
    SearchPipeline,
    SGLangReranker,
    fuse_runs,
    reciprocal_rank_fusion,
    rerank_sglang,
    run_queries,
)
from utils.search.store import Hit, MilvusStore
from utils.serving.launch import reranker_command
from utils.serving.qwen3 import truncate_and_normalize

DOCS = [
    ("m1", "medical", "Metformin is the usual first-line drug for type 2 diabetes."),
    ("m2", "medical", "Amoxicillin is a penicillin antibiotic for bacterial infections."),
    ("m3", "medical", "High blood pressure is treated with ACE inhibitors such as lisinopril."),
    ("l1", "legal", "A force majeure clause excuses performance after events beyond a party's control."),
    ("l2", "legal", "A non-disclosure agreement protects confidential information shared between parties."),
    ("l3", "legal", "The tenant must give sixty days written notice before terminating the lease."),
    ("f1", "finance", "Diluted earnings per share counts convertible securities as if converted."),
    ("f2", "finance", "EBITDA excludes interest, taxes, depreciation and amortisation."),
]



# ----------------------------------------------------------------------------- fusion, BM25, funnel
def test_rrf_by_hand():
    fused = reciprocal_rank_fusion([["a", "b", "c"], ["c", "a", "d"]], k=60)
    assert list(fused) == ["a", "c", "b", "d"]
    assert fused["a"] == pytest.approx(1 / 61 + 1 / 62)
    assert fused["d"] == pytest.approx(1 / 63)
    # a document both lists agree on beats one that only a single list ranks first
    assert list(reciprocal_rank_fusion([["x", "y"], ["z", "y"]], k=1))[0] == "y"
    assert reciprocal_rank_fusion([]) == {}


def test_weighted_rrf_by_hand():
    """Weighted RRF (python -m utils.adapt chooses the weight on validation): w / (k + rank) per list."""
    fused = reciprocal_rank_fusion([["a", "b"], ["b", "a"]], k=1, weights=[0.9, 0.1])
    assert fused["a"] == pytest.approx(0.9 / 2 + 0.1 / 3) and list(fused) == ["a", "b"]
    assert list(reciprocal_rank_fusion([["a", "b"], ["b", "a"]], k=1, weights=[0.1, 0.9])) == ["b", "a"]
    equal = reciprocal_rank_fusion([["a", "b", "c"], ["c", "a", "d"]], k=60, weights=[0.5, 0.5])
    assert list(equal) == list(reciprocal_rank_fusion([["a", "b", "c"], ["c", "a", "d"]], k=60))
    with pytest.raises(ValueError, match="2 weights for 1 rankings"):
        reciprocal_rank_fusion([["a"]], weights=[1, 1])
    runs = fuse_runs([{"q": {"a": 2.0, "b": 1.0}}, {"q": {"b": 5.0, "a": 1.0}}], k=1, weights=[0.2, 0.8])
    assert list(runs["q"]) == ["b", "a"]


def test_fuse_runs_uses_ranks_not_scores():
    a = {"q": {"d1": 100.0, "d2": 50.0}}
    b = {"q": {"d2": 0.9, "d3": 0.8}}
    fused = fuse_runs([a, b], k=60)
    assert list(fused["q"]) == ["d2", "d1", "d3"]
    assert fuse_runs([a, b], k=60, depth=1)["q"].keys() == {"d1", "d2"}


def _rs() -> RetrievalSet:
    corpus = {i: Document(i, "", t) for i, _, t in DOCS}
    queries = {
        "q1": Query("q1", "first-line drug for type 2 diabetes"),
        "q2": Query("q2", "force majeure clause"),
        "q3": Query("q3", "EBITDA definition"),
    }
    qrels = {"q1": {"m1": 1}, "q2": {"l1": 1}, "q3": {"f2": 1}}
    return RetrievalSet("toy", "test", corpus, queries, qrels)


def test_bm25_index_matches_bm25_run_and_filters():
    rs = _rs()
    idx = BM25Index(rs.doc_ids, rs.doc_texts, [d for _, d, _ in DOCS])
    ref = bm25_run(rs, k=5)
    for qid, q in rs.queries.items():
        hits = idx.search(q.text, k=5)
        assert [h.id for h in hits] == list(ref[qid])
        assert [h.score for h in hits] == pytest.approx(list(ref[qid].values()))
    legal = idx.search("clause agreement notice", k=10, domain="legal")
    assert legal and {h.domain for h in legal} == {"legal"}
    assert idx.search("metformin", k=5, domain="legal") == []
    assert idx.search("metformin", k=5, domain="unknown") == []


# ----------------------------------------------------------------------------- SGLang /v1/rerank
class _FakeRerank(BaseHTTPRequestHandler):
    """Scores each document by word overlap with the query, answers like SGLang (a list of {index, score})."""

    requests: list[dict] = []
    status = 200
    body: str | None = None
    api_key: str | None = None  # when set, answer 401 without "Authorization: Bearer <api_key>", as SGLang does

    def do_POST(self):  # noqa: N802 - http.server API
        payload = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).requests.append({"path": self.path, "auth": self.headers.get("Authorization"), **payload})
        if type(self).api_key and self.headers.get("Authorization") != f"Bearer {type(self).api_key}":
            type(self).status, type(self).body = 401, '{"error": "unauthorized"}'
        if type(self).body is not None or type(self).status != 200:
            data = (type(self).body or '{"error": "model not loaded"}').encode()
        else:
            q = set(payload["query"].lower().split())
            scored = [
                {"index": i, "score": len(q & set(d.lower().split())) / 10}
                for i, d in enumerate(payload["documents"])
            ]
            scored.sort(key=lambda r: -r["score"])
            data = json.dumps(scored[: payload.get("top_n") or len(scored)]).encode()
        self.send_response(type(self).status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_reranker():
    _FakeRerank.requests, _FakeRerank.status, _FakeRerank.body, _FakeRerank.api_key = [], 200, None, None
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _FakeRerank)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def test_rerank_request_and_response(fake_reranker):
    docs = ["the cat sat", "a dog and a cat sat here", "nothing relevant"]
    out = rerank_sglang(
        fake_reranker + "/v1",
        "cat sat here",
        docs,
        instruct="Given a question, retrieve passages",
        top_n=2,
        model="Qwen3-Reranker-0.6B",
    )
    assert [i for i, _ in out] == [1, 0]
    assert out[0][1] > out[1][1]
    req = _FakeRerank.requests[-1]
    assert req["path"] == "/v1/rerank"
    assert req["query"] == "cat sat here" and req["documents"] == docs
    assert (
        req["instruct"] == "Given a question, retrieve passages"
        and req["top_n"] == 2
        and req["model"] == "Qwen3-Reranker-0.6B"
    )
    out_all = rerank_sglang(fake_reranker, "cat", docs)  # no /v1 suffix, no top_n: all documents back
    assert sorted(i for i, _ in out_all) == [0, 1, 2]
    assert "instruct" not in _FakeRerank.requests[-1] and "top_n" not in _FakeRerank.requests[-1]
    assert rerank_sglang(fake_reranker, "cat", []) == []


def test_rerank_errors_are_clear(fake_reranker):
    _FakeRerank.status = 400
    with pytest.raises(RerankError, match="HTTP 400.*model not loaded"):
        rerank_sglang(fake_reranker, "q", ["d"])
    _FakeRerank.status, _FakeRerank.body = 200, '{"unexpected": true}'
    with pytest.raises(RerankError, match="unexpected /v1/rerank response"):
        rerank_sglang(fake_reranker, "q", ["d"])
    _FakeRerank.body = '[{"index": 5, "score": 1.0}]'
    with pytest.raises(RerankError, match="index 5 for 1 documents"):
        rerank_sglang(fake_reranker, "q", ["d"])
    with pytest.raises(RerankError, match="cannot reach the reranker"):
        rerank_sglang("http://127.0.0.1:9", "q", ["d"], timeout=2)


def test_rerank_sends_the_api_key(fake_reranker):
    _FakeRerank.api_key = "sk-test"
    out = SGLangReranker(fake_reranker, api_key="sk-test")("cat", ["a cat", "a dog"])
    assert out[0][0] == 0 and _FakeRerank.requests[-1]["auth"] == "Bearer sk-test"
    assert "sk-test" not in repr(SGLangReranker(fake_reranker, api_key="sk-test"))
    with pytest.raises(RerankError, match="401.*--api-key; pass the same api_key"):
        rerank_sglang(fake_reranker, "cat", ["a cat"])
    assert _FakeRerank.requests[-1]["auth"] is None


def test_reranker_command_is_not_an_embedding_server():
    cmd = reranker_command("models/Qwen3-Reranker-0.6B", port=30010)
    assert "--is-embedding" not in cmd
    assert cmd[cmd.index("--chat-template") + 1].endswith("qwen3_reranker.jinja")
    assert cmd[cmd.index("--port") + 1] == "30010" and "sglang.launch_server" in cmd


# ----------------------------------------------------------------------------- search() with the CPU server
@pytest.fixture(scope="module")
def toy_pipeline(cpu_client, tmp_path_factory):
    db = str(tmp_path_factory.mktemp("pipe") / "pipe.db")
    ids, domains, texts = [d[0] for d in DOCS], [d[1] for d in DOCS], [d[2] for d in DOCS]
    vecs = cpu_client.embed(texts)
    store = MilvusStore(db, "docs", dim=vecs.shape[1], model="all-MiniLM-L6-v2")
    store.insert(ids, vecs, domains, ["toy"] * len(ids), texts)
    funnel = MilvusStore(db, "docs_funnel", dim=64)
    funnel.insert(ids, truncate_and_normalize(vecs, 64), domains, ["toy"] * len(ids), [""] * len(ids))
    bm25 = BM25Index(ids, texts, domains)
    yield {"embed": cpu_client.embed, "store": store, "funnel": funnel, "bm25": bm25}
    funnel.close()
    store.close()


@pytest.mark.parametrize("variant", ["dense", "hybrid", "funnel", "funnel+hybrid"])
def test_search_finds_the_answer(toy_pipeline, variant):
    p = toy_pipeline
    pipe = SearchPipeline(
        p["embed"],
        p["store"],
        bm25=p["bm25"] if "hybrid" in variant else None,
        funnel=p["funnel"] if "funnel" in variant else None,
        candidates=5,
    )
    assert pipe.stages.startswith("funnel 64->384d" if "funnel" in variant else "dense 384d")
    search = pipe.search
    hits = search("What drug is first-line for type 2 diabetes?", k=3)
    assert len(hits) == 3 and hits[0].id == "m1" and isinstance(hits[0], Hit)
    assert "Metformin" in hits[0].text
    legal = search("What excuses performance when events are beyond control?", k=3, domain="legal")
    assert legal[0].id == "l1" and {h.domain for h in legal} == {"legal"}
    assert search("EBITDA", k=2, domain="finance")[0].id == "f2"
    with pytest.raises(ValueError, match="non-empty"):
        search("  ", k=3)


def test_search_with_a_reranker(toy_pipeline, fake_reranker):
    p = toy_pipeline
    reranker = SGLangReranker(
        fake_reranker, model="fake", instructions={"legal": "Given a legal question, retrieve clauses"}
    )
    pipe = SearchPipeline(p["embed"], p["store"], reranker=reranker, candidates=4)
    hits = pipe.search("sixty days written notice lease", k=2, domain="legal")
    assert hits[0].id == "l3" and len(hits) == 2
    req = _FakeRerank.requests[-1]
    assert len(req["documents"]) == 3  # the legal candidates only
    assert req["instruct"] == "Given a legal question, retrieve clauses"


def test_run_queries_scores_with_evaluate(toy_pipeline):
    rs = _rs()
    pipe = SearchPipeline(toy_pipeline["embed"], toy_pipeline["store"])
    run, lat = run_queries(pipe.search, {q: rs.queries[q].text for q in rs.query_ids}, k=5)
    assert set(run) == set(rs.qrels) and len(lat) == 3 and all(t > 0 for t in lat)
    assert all(len(r) == 5 for r in run.values())
    metrics = evaluate_run(rs.qrels, run)
    assert all(0.0 <= v <= 1.0 for v in metrics.values())
    assert metrics["R@10"] == pytest.approx(1.0)


def test_collapse_chunks_keeps_each_document_once_with_its_best_chunk():
    from utils.search.retrieval import collapse_chunks

    hits = [Hit("d2#1", 0.9, text="best of d2"), Hit("d1#0", 0.8), Hit("d2#0", 0.7), Hit("d3", 0.6), Hit("d1#4", 0.5)]
    out = collapse_chunks(hits, k=2)
    assert [(h.id, h.score, h.text) for h in out] == [("d2", 0.9, "best of d2"), ("d1", 0.8, "")]
    assert [h.id for h in collapse_chunks(hits, k=10)] == ["d2", "d1", "d3"]


def test_search_over_chunks_returns_documents_with_passages(cpu_client, tmp_path):
    """Long documents stored as chunks (utils.data.longtext.chunk_ids): search() returns documents and passages."""
    from transformers import AutoTokenizer

    from utils.data import longtext
    from utils.serving.settings import default_cpu_model_path

    tok = AutoTokenizer.from_pretrained(default_cpu_model_path())
    filler = " ".join(["The committee reviewed the minutes and the budget for the coming year."] * 40)
    docs = {
        "long-a": f"{filler} Metformin is the first-line drug for type 2 diabetes.",
        "long-b": f"{filler} A force majeure clause excuses performance beyond a party's control.",
    }
    ids = list(docs)
    chunks = longtext.chunk_texts(list(docs.values()), tok, longtext.ChunkSpec(64, 0))
    cids = longtext.chunk_ids(ids, chunks)
    vecs = cpu_client.embed([c.text for c in chunks])
    store = MilvusStore(str(tmp_path / "chunks.db"), "chunks", dim=vecs.shape[1])
    store.insert(cids, vecs, ["x"] * len(cids), ["long"] * len(cids), [c.text for c in chunks])
    pipe = SearchPipeline(cpu_client.embed, store, chunked=True, candidates=20)
    hits = pipe.search("What drug is first-line for type 2 diabetes?", k=2)
    store.close()
    assert [h.id for h in hits] == ["long-a", "long-b"]  # documents, each once, not chunk ids
    assert "Metformin" in hits[0].text  # the passage is the chunk that matched, not the document's start
