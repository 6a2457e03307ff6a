"""Two-stage retrieval behind one ``search()``: rank fusion, BM25, the SGLang reranker, ``SearchPipeline``.

Introduced in notebook 05_production_pipeline.

* :func:`reciprocal_rank_fusion` fuses ranked lists (BM25 and dense) by rank, not by score.
* :class:`BM25Index` keeps a ``bm25s`` index in memory for per-query lexical search with a domain filter.
* :func:`rerank_sglang` / :class:`SGLangReranker` call a Qwen3-Reranker served by SGLang
  (``POST /v1/rerank``; ``utils.serving.launch.reranker_command`` is the launch command).
* :class:`SearchPipeline` ties a :class:`utils.search.store.MilvusStore` and these stages together behind one
  entry point, ``search(query, k, domain=None)``; :func:`run_queries` times it over a query set.

Nothing here starts processes (``utils.serving.launch`` does) or does work at import time.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from utils.search.index import rescore_candidates
from utils.search.store import Hit, MilvusStore
from utils.serving.qwen3 import truncate_and_normalize

Run = dict[str, dict[str, float]]


class RerankError(RuntimeError):
    """The reranker server answered with an error or a response we cannot read."""


# --------------------------------------------------------------------------- fusion and lexical search
def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[str]], k: int = 60, weights: Sequence[float] | None = None
) -> dict[str, float]:
    """Reciprocal rank fusion (Cormack et al., 2009): ``score(d) = sum over lists of 1 / (k + rank)``.

    Introduced in notebook 05_production_pipeline. ``rankings`` are lists of ids, best first; ranks
    start at 1. Scores of different retrievers (BM25 vs cosine) are not comparable; ranks are, which
    is why RRF needs no tuning beyond ``k`` (60 in the paper). Returns ``{id: score}``, best first.
    ``weights`` (one per list; default all 1) make it weighted RRF, ``sum of w / (k + rank)``: where one
    retriever is much weaker, equal weights can fall below the stronger one alone (notebook 05), so
    ``python -m utils.adapt`` chooses the weight on validation queries.
    """
    if weights is not None and len(weights) != len(rankings):
        raise ValueError(f"{len(weights)} weights for {len(rankings)} rankings")
    fused: dict[str, float] = {}
    for ranking, w in zip(rankings, weights or [1.0] * len(rankings), strict=True):
        for rank, doc_id in enumerate(ranking, start=1):
            fused[doc_id] = fused.get(doc_id, 0.0) + w / (k + rank)
    return dict(sorted(fused.items(), key=lambda kv: (-kv[1], kv[0])))


def fuse_runs(
    runs: Sequence[Run], k: int = 60, depth: int | None = None, weights: Sequence[float] | None = None
) -> Run:
    """Apply :func:`reciprocal_rank_fusion` (``weights``: one per run) per query to whole runs (``{qid: {doc: score}}``)."""
    qids = sorted(set().union(*[r.keys() for r in runs]))
    out: Run = {}
    for q in qids:
        ranked = [sorted(r.get(q, {}).items(), key=lambda kv: -kv[1])[:depth] for r in runs]
        out[q] = reciprocal_rank_fusion([[d for d, _ in lst] for lst in ranked], k=k, weights=weights)
    return out


class BM25Index:
    """An in-memory BM25 index (``bm25s``, English stopwords, as :func:`utils.search.evaluate.bm25_run`) with a domain filter.

    Introduced in notebook 05_production_pipeline: the lexical half of hybrid retrieval. Built once,
    queried one query at a time. The domain filter is a weight mask over the corpus.
    """

    def __init__(
        self,
        ids: Sequence[str],
        texts: Sequence[str],
        domains: Sequence[str] | None = None,
        sources: Sequence[str] | None = None,
    ) -> None:
        import bm25s

        if not (len(ids) == len(texts)) or (domains is not None and len(domains) != len(ids)):
            raise ValueError("ids, texts and domains must have the same length")
        self.ids = [str(i) for i in ids]
        self.texts = list(texts)
        self.domains = list(domains) if domains is not None else [""] * len(self.ids)
        self.sources = list(sources) if sources is not None else [""] * len(self.ids)
        self._bm25s = bm25s
        self.retriever = bm25s.BM25()
        self.retriever.index(
            bm25s.tokenize(self.texts, stopwords="en", show_progress=False), show_progress=False
        )
        self._masks: dict[str, np.ndarray] = {}

    def _mask(self, domain: str) -> np.ndarray:
        if domain not in self._masks:
            self._masks[domain] = np.array([d == domain for d in self.domains], dtype=np.float32)
        return self._masks[domain]

    def search(self, query: str, k: int = 100, domain: str | None = None) -> list[Hit]:
        """Top ``k`` documents by BM25 (only those with a positive score, so possibly fewer)."""
        kwargs = {}
        n = len(self.ids)
        if domain is not None:
            mask = self._mask(domain)
            n = int(mask.sum())
            if n == 0:
                return []
            kwargs["weight_mask"] = mask
        k = min(k, n)
        tokens = self._bm25s.tokenize([query], stopwords="en", show_progress=False)
        docs, scores = self.retriever.retrieve(tokens, k=k, show_progress=False, **kwargs)
        return [
            Hit(self.ids[j], float(s), self.domains[j], self.sources[j], self.texts[j])
            for j, s in zip(docs[0], scores[0], strict=True)
            if s > 0
        ]


# --------------------------------------------------------------------------- SGLang reranker
def rerank_sglang(
    base_url: str,
    query: str,
    documents: Sequence[str],
    instruct: str | None = None,
    top_n: int | None = None,
    model: str | None = None,
    timeout: float = 60.0,
    http: Any = None,
    api_key: str | None = None,
) -> list[tuple[int, float]]:
    """Score ``documents`` against ``query`` with a reranker served by SGLang (``POST /v1/rerank``).

    Introduced in notebook 05_production_pipeline. Returns ``[(index into documents, score)]``, best
    first, at most ``top_n``. ``base_url`` may end in ``/v1`` or not. ``instruct`` is the Qwen3 task
    ("Given a ..., retrieve ..."); ``http`` is an optional ``httpx.Client`` to reuse connections;
    ``api_key`` is sent as ``Authorization: Bearer ...`` (for a server started with ``--api-key``).
    """
    import httpx

    if not documents:
        return []
    root = base_url.rstrip("/")
    root = root[: -len("/v1")] if root.endswith("/v1") else root
    payload: dict[str, Any] = {"query": query, "documents": list(documents), "return_documents": False}
    if model:
        payload["model"] = model
    if instruct:
        payload["instruct"] = instruct
    if top_n is not None:
        payload["top_n"] = int(top_n)
    try:
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        r = (http or httpx).post(root + "/v1/rerank", json=payload, headers=headers, timeout=timeout)
    except httpx.HTTPError as exc:
        raise RerankError(
            f"cannot reach the reranker at {root}/v1/rerank: {exc}. Is it running? (reranker_command shows how to start it)"
        ) from exc
    if r.status_code == 401:
        raise RerankError(
            f"the reranker at {root} answered HTTP 401: it was started with --api-key; pass the same api_key"
            + (" (the one sent was refused)" if api_key else "")
        )
    if r.status_code >= 400:
        raise RerankError(f"the reranker answered HTTP {r.status_code}: {r.text[:500]}")
    try:
        body = r.json()
        items = body["results"] if isinstance(body, dict) and "results" in body else body
        pairs = [
            (int(it["index"]), float(it["score"] if "score" in it else it["relevance_score"])) for it in items
        ]
    except (ValueError, KeyError, TypeError) as exc:
        raise RerankError(
            f"unexpected /v1/rerank response (expected a list of {{index, score}}): {r.text[:300]}"
        ) from exc
    for i, _ in pairs:
        if not 0 <= i < len(documents):
            raise RerankError(f"the reranker returned index {i} for {len(documents)} documents")
    pairs.sort(key=lambda p: -p[1])
    return pairs[:top_n] if top_n is not None else pairs


@dataclass
class SGLangReranker:
    """A callable ``(query, documents, domain) -> [(index, score)]`` around :func:`rerank_sglang`.

    Qwen3-Reranker is not a cross-encoder head: SGLang serves it as a decoder-only yes/no scorer (started
    without ``--is-embedding``), and the score is the probability of "yes". ``api_key`` is sent as a
    Bearer token when the server was started with ``--api-key``.
    """

    base_url: str
    model: str | None = None
    instructions: Mapping[str, str] = field(default_factory=dict)
    default_instruct: str | None = None
    api_key: str | None = field(default=None, repr=False)

    def __call__(
        self, query: str, documents: Sequence[str], domain: str | None = None
    ) -> list[tuple[int, float]]:
        instruct = self.instructions.get(domain, self.default_instruct) if domain else self.default_instruct
        return rerank_sglang(self.base_url, query, documents, instruct=instruct, model=self.model, api_key=self.api_key)


# --------------------------------------------------------------------------- the pipeline
@dataclass
class SearchPipeline:
    """Two-stage retrieval behind one call: ``pipeline.search(query, k=10, domain=None) -> [Hit]``.

    Introduced in notebook 05_production_pipeline. Copy it with its parts:

    * ``embed``: texts -> L2-normalised vectors at the collection's width (e.g. a bound
      ``EmbeddingClient.embed`` with ``dimensions``); ``format_query(query, domain)`` adds the Qwen3
      instruction (identity for models without one).
    * first stage: ``store`` (dense, Milvus's vector index), or, with ``funnel``, a collection of truncated
      vectors searched for ``candidates`` ids that are rescored at the full width from ``store``;
    * ``bm25``: when given, its top ``candidates`` are fused with the dense ones by RRF (``rrf_k``;
      ``bm25_weight`` makes it weighted RRF, the weight ``python -m utils.adapt`` chose on validation);
    * ``reranker``: when given, reorders the top ``candidates`` (e.g. Qwen3-Reranker on SGLang).
    * ``chunked``: the collections hold one row per chunk of long documents, under the ids
      ``utils.data.longtext.chunk_ids`` gives (``"<doc id>#<k>"``, notebook 06); every stage then ranks
      chunks, and :func:`collapse_chunks` returns each document once, scored by its best chunk, with
      that chunk's text as the hit's passage.
    """

    embed: Callable[[list[str]], np.ndarray]
    store: MilvusStore
    format_query: Callable[[str, str | None], str] = field(default=lambda q, d: q)
    bm25: BM25Index | None = None
    funnel: MilvusStore | None = None
    reranker: Callable[[str, Sequence[str], str | None], list[tuple[int, float]]] | None = None
    candidates: int = 50
    rrf_k: int = 60
    chunked: bool = False
    bm25_weight: float | None = None  # weighted RRF: BM25's weight, dense gets 1 - it (None: plain RRF)

    @property
    def stages(self) -> str:
        first = f"funnel {self.funnel.dim}->{self.store.dim}d" if self.funnel else f"dense {self.store.dim}d"
        parts = [first] + (["+ BM25 (RRF)"] if self.bm25 else []) + (["-> reranker"] if self.reranker else [])
        return " ".join(parts)

    def _dense(self, qvec: np.ndarray, n: int, domain: str | None) -> list[Hit]:
        if self.funnel is None:
            return self.store.search(qvec, k=n, domain=domain)[0]
        small = truncate_and_normalize(qvec[None, :], self.funnel.dim)
        cand = self.funnel.search(small, k=max(n, self.candidates), domain=domain, with_text=False)[0]
        rows = self.store.get([h.id for h in cand], with_vectors=True)
        if not rows:
            return []
        ids = list(rows)
        # the second stage of the funnel: exact inner products at full width (utils.search.index, notebook 03)
        scores, pos = rescore_candidates(
            qvec[None, :],
            np.stack([rows[i]["vector"] for i in ids]),
            np.arange(len(ids))[None, :],
            k=min(n, len(ids)),
        )
        return [
            Hit(ids[j], float(s), rows[ids[j]]["domain"], rows[ids[j]]["source"], rows[ids[j]]["text"])
            for s, j in zip(scores[0], pos[0], strict=True)
            if j >= 0
        ]

    def search(self, query: str, k: int = 10, domain: str | None = None) -> list[Hit]:
        """The top ``k`` documents for ``query``, only from ``domain`` when given."""
        if not isinstance(query, str) or not query.strip():
            raise ValueError("query must be a non-empty string")
        qvec = np.asarray(self.embed([self.format_query(query, domain)]), dtype=np.float32)[0]
        second_stage = self.bm25 is not None or self.reranker is not None or self.chunked
        hits = self._dense(qvec, max(k, self.candidates) if second_stage else k, domain)
        if self.bm25 is not None:
            lexical = self.bm25.search(query, k=self.candidates, domain=domain)
            by_id = {h.id: h for h in lexical} | {h.id: h for h in hits}
            w = None if self.bm25_weight is None else (1.0 - self.bm25_weight, self.bm25_weight)
            fused = reciprocal_rank_fusion([[h.id for h in hits], [h.id for h in lexical]], k=self.rrf_k, weights=w)
            hits = [Hit(i, s, by_id[i].domain, by_id[i].source, by_id[i].text) for i, s in fused.items()]
        if self.reranker is not None:
            pool = hits[: self.candidates]
            order = self.reranker(query, [h.text for h in pool], domain)
            hits = [Hit(pool[i].id, s, pool[i].domain, pool[i].source, pool[i].text) for i, s in order]
        return collapse_chunks(hits, k) if self.chunked else hits[:k]


def collapse_chunks(hits: Sequence[Hit], k: int, sep: str = "#") -> list[Hit]:
    """Chunk hits (ids ``"<doc id>#<k>"``, best first) -> the top ``k`` documents, each once.

    Introduced in notebook 06_long_documents: a document scores as its best chunk (the first of its
    chunks in ``hits``), and the hit's ``text`` is that chunk, the passage to show or to hand to an LLM.
    """
    out: dict[str, Hit] = {}
    for h in hits:
        doc = h.id.rsplit(sep, 1)[0] if sep in h.id else h.id
        if doc not in out:
            out[doc] = Hit(doc, h.score, h.domain, h.source, h.text)
            if len(out) == k:
                break
    return list(out.values())


def run_queries(
    search: Callable[[str, int, str | None], list[Hit]],
    queries: Mapping[str, str],
    k: int = 10,
    domain: str | None = None,
) -> tuple[Run, list[float]]:
    """Call ``search`` once per query; returns the run (rank-based scores) and each call's latency in ms.

    Introduced in notebook 05_production_pipeline to score any ``search`` with :mod:`utils.search.evaluate`.
    """
    run: Run = {}
    latencies = []
    for qid, text in queries.items():
        t = time.perf_counter()
        hits = search(text, k, domain)
        latencies.append((time.perf_counter() - t) * 1000)
        run[qid] = {h.id: float(len(hits) - r) for r, h in enumerate(hits)}
    return run, latencies
