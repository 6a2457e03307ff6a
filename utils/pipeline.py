"""A production-shaped retrieval pipeline: a Milvus collection, hybrid fusion, a second stage, one ``search()``.

Introduced in notebook 05_production_pipeline.

* :class:`MilvusStore` wraps ``pymilvus.MilvusClient`` for one collection: a schema with the vector
  width and metadata (``domain``, ``source``, ``text``), batched inserts with a progress bar, an HNSW
  index request, filtered search, upsert, delete, reopen. The same code runs on Milvus Lite (a local
  ``something.db`` path) and on a Milvus server (``http://host:19530``). It refuses vectors of the
  wrong width with :class:`WidthMismatchError` before Milvus sees them. Which index a Milvus Lite
  folder really holds is read from its files (:meth:`MilvusStore.index_files_on_disk`), since
  ``describe_index`` echoes the request: milvus-lite 3.x builds a FAISS ``IndexHNSWFlat`` per flushed
  segment in a background thread (exact search until then); other versions may differ. A Milvus
  server builds the requested HNSW index from the same client code.
* :func:`reciprocal_rank_fusion` fuses ranked lists (BM25 and dense) by rank, not by score.
* :class:`BM25Index` keeps a ``bm25s`` index in memory for per-query lexical search with a domain filter.
* :func:`rerank_sglang` calls a Qwen3-Reranker served by SGLang (``/v1/rerank``);
  :func:`reranker_command` is the launch command.
* :class:`SearchPipeline` ties them together behind one entry point, ``search(query, k, domain=None)``.

Nothing here starts processes (``utils.launch`` does) or does work at import time.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from utils.index import bytes_per_vector, rescore_candidates
from utils.launch import reranker_command  # noqa: F401 - re-exported: notebook 05 builds the command from here
from utils.qwen3 import truncate_and_normalize

Run = dict[str, dict[str, float]]

#: Metadata values used in filter expressions must match this (no quotes, no operators).
_SAFE_VALUE = re.compile(r"^[\w.\-/ ]{1,256}$")


class WidthMismatchError(ValueError):
    """Vectors of one width were sent to a collection built for another."""


class RerankError(RuntimeError):
    """The reranker server answered with an error or a response we cannot read."""


@dataclass(frozen=True)
class Hit:
    """One search result: the document id, the score of the last stage that ranked it, and its metadata."""

    id: str
    score: float
    domain: str = ""
    source: str = ""
    text: str = ""


# --------------------------------------------------------------------------- vector store
def _filter_for(domain: str | None, extra: str | None = None) -> str:
    parts = []
    if domain is not None:
        if not _SAFE_VALUE.match(domain):
            raise ValueError(f"domain {domain!r} has characters that are not allowed in a filter value")
        parts.append(f"domain == {json.dumps(domain)}")
    if extra:
        parts.append(f"({extra})")
    return " and ".join(parts)


def disk_usage(path: str | Path) -> int:
    """Bytes used by a file or a folder (Milvus Lite keeps its ``.db`` as a folder of files)."""
    p = Path(path)
    if p.is_file():
        return p.stat().st_size
    return sum(f.stat().st_size for f in p.rglob("*") if f.is_file())


class MilvusStore:
    """One Milvus collection of L2-normalised vectors with ``domain``, ``source`` and ``text`` metadata.

    Introduced in notebook 05_production_pipeline.

    >>> store = MilvusStore("runs/milvus/course.db", "docs", dim=384)       # Milvus Lite: a local path
    >>> store = MilvusStore("http://localhost:19530", "docs", dim=384)      # a Milvus server: same code

    Opening an existing collection checks its width against ``dim`` (:class:`WidthMismatchError`) and
    loads it (a reopened collection must be loaded before it can be searched). ``overwrite=True``
    drops and recreates it. The metric is inner product, which is cosine for normalised vectors.
    """

    def __init__(
        self,
        uri: str | Path,
        collection: str,
        dim: int | None = None,
        *,
        model: str | None = None,
        overwrite: bool = False,
        index_type: str = "HNSW",
        index_params: Mapping[str, Any] | None = None,
        search_params: Mapping[str, Any] | None = None,
        max_text_length: int = 16384,
        token: str = "",
    ) -> None:
        from pymilvus import MilvusClient

        self.uri = str(uri)
        if self.uri.endswith(".db"):
            Path(self.uri).parent.mkdir(parents=True, exist_ok=True)
        self.collection = collection
        self.client = MilvusClient(self.uri, token=token)
        self.search_params = dict(search_params or {"params": {"ef": 128}})
        if overwrite and self.client.has_collection(collection):
            self.client.drop_collection(collection)
        if self.client.has_collection(collection):
            stored = self._stored_dim()
            if dim is not None and stored != dim:
                raise WidthMismatchError(
                    f"collection {collection!r} at {self.uri} holds {stored}-d vectors, but {dim}-d was asked for. "
                    f"Vectors of different widths (or from different models) cannot be compared: embed at "
                    f"dimensions={stored}, or rebuild the collection for {dim}-d (overwrite=True)."
                )
            stored_model = self._properties().get("embedding_model")
            if model and stored_model and stored_model != model:
                raise ValueError(
                    f"collection {collection!r} was built with model {stored_model!r}, not {model!r}; "
                    "query vectors must come from the model that embedded the documents."
                )
            self.dim = stored
            self.client.load_collection(collection)
        else:
            if dim is None:
                raise ValueError(
                    f"collection {collection!r} does not exist at {self.uri}; pass dim= to create it."
                )
            self.dim = int(dim)
            self._create(
                model, index_type, dict(index_params or {"M": 16, "efConstruction": 200}), max_text_length
            )

    # ------------------------------------------------------------ schema and index
    def _create(
        self, model: str | None, index_type: str, index_params: dict[str, Any], max_text_length: int
    ) -> None:
        from pymilvus import DataType, MilvusClient

        schema = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False)
        schema.add_field("id", DataType.VARCHAR, is_primary=True, max_length=256)
        schema.add_field("vector", DataType.FLOAT_VECTOR, dim=self.dim)
        schema.add_field("domain", DataType.VARCHAR, max_length=64)
        schema.add_field("source", DataType.VARCHAR, max_length=512)
        schema.add_field("text", DataType.VARCHAR, max_length=max_text_length)
        index = self.client.prepare_index_params()
        index.add_index(field_name="vector", index_type=index_type, metric_type="IP", params=index_params)
        props = {"embedding_model": model} if model else {}
        self.client.create_collection(self.collection, schema=schema, index_params=index, properties=props)

    def _describe(self) -> dict[str, Any]:
        return self.client.describe_collection(self.collection)

    def _stored_dim(self) -> int:
        for f in self._describe()["fields"]:
            if f["name"] == "vector":
                return int(f["params"]["dim"])
        raise ValueError(
            f"collection {self.collection!r} has no 'vector' field; it was not built by MilvusStore."
        )

    def _properties(self) -> dict[str, Any]:
        return dict(self._describe().get("properties") or {})

    def index_info(self) -> dict[str, Any]:
        """The vector index as Milvus describes it (type, metric, rows indexed): what was *requested*."""
        return dict(self.client.describe_index(self.collection, "vector"))

    @property
    def is_lite(self) -> bool:
        """True for Milvus Lite (a local path), False for a server URI (``http://``, ``https://``, ``tcp://``)."""
        return "://" not in self.uri

    def index_files_on_disk(self, wait_s: float = 0.0) -> dict[str, int]:
        """Milvus Lite only: the vector-index files this collection's segments hold, counted by kind.

        Introduced in notebook 05_production_pipeline to check which index Milvus Lite *built*, not just
        which one was asked for (``describe_index`` echoes the request). milvus-lite 3.x writes one
        ``<segment>.vector.<kind>.idx`` per flushed segment (``hnsw`` when FAISS built an HNSW graph,
        ``brute_force`` or ``flat`` for exact search). It builds them in a background thread after each
        flush (until then that segment is searched exactly), so ``wait_s`` polls that long for a file to
        appear. Returns ``{kind: files}``; an empty dict means no index file (a server, an older Milvus
        Lite that keeps its data elsewhere, or nothing flushed and indexed yet).
        """
        if not self.is_lite:
            return {}
        root = Path(self.uri) / "collections" / self.collection
        deadline = time.monotonic() + wait_s
        while True:
            kinds: dict[str, int] = {}
            for f in sorted(root.rglob("*.vector.*.idx")) if root.is_dir() else []:
                kind = f.name[: -len(".idx")].rsplit(".", 1)[-1]
                kinds[kind] = kinds.get(kind, 0) + 1
            if kinds or time.monotonic() >= deadline:
                return kinds
            time.sleep(0.1)

    def index_in_use(self, wait_s: float = 10.0) -> str:
        """A one-line answer to "which vector index does a search here use?" (notebook 05_production_pipeline).

        For Milvus Lite, read from the index files of its segments (rows not yet flushed are always searched
        exactly); for a server, the index ``describe_index`` reports, which the server builds.
        """
        asked = self.index_info().get("index_type", "?")
        if not self.is_lite:
            return f"{asked} (Milvus server: it builds the requested index)"
        kinds = self.index_files_on_disk(wait_s=wait_s)
        if not kinds:
            return f"no index files found: exact (FLAT) search, although {asked} was requested"
        built = ", ".join(f"{k.upper()} x {n} segment(s)" for k, n in kinds.items())
        return f"{built} on disk (requested: {asked})"

    # ------------------------------------------------------------ writes
    def _check(self, vectors: np.ndarray | Sequence[Sequence[float]]) -> np.ndarray:
        v = np.asarray(vectors, dtype=np.float32)
        if v.ndim == 1:
            v = v[None, :]
        if v.ndim != 2:
            raise ValueError(f"expected a 2-D array of vectors, got shape {v.shape}")
        if v.shape[1] != self.dim:
            raise WidthMismatchError(
                f"collection {self.collection!r} holds {self.dim}-d vectors but these are {v.shape[1]}-d. "
                f"Embed with the collection's model at dimensions={self.dim} (Matryoshka truncation), "
                "or build a new collection for the new width."
            )
        return v

    def _rows(self, ids, vectors, domains, sources, texts) -> list[dict[str, Any]]:
        v = self._check(vectors)
        n = len(ids)
        cols = {"domains": domains, "sources": sources, "texts": texts}
        for name, col in cols.items():
            if len(col) != n:
                raise ValueError(f"{name} has {len(col)} items but ids has {n}")
        if v.shape[0] != n:
            raise ValueError(f"{v.shape[0]} vectors for {n} ids")
        return [
            {"id": str(i), "vector": v[j].tolist(), "domain": str(d), "source": str(s), "text": str(t)}
            for j, (i, d, s, t) in enumerate(zip(ids, domains, sources, texts, strict=True))
        ]

    def _write(self, op: str, rows: list[dict[str, Any]], batch_size: int, progress: bool) -> int:
        starts: Iterable[int] = range(0, len(rows), batch_size)
        if progress:
            from tqdm.auto import tqdm

            starts = tqdm(
                starts,
                total=(len(rows) + batch_size - 1) // batch_size,
                desc=f"{op} {self.collection}",
                unit="batch",
            )
        fn = getattr(self.client, op)
        for s in starts:
            fn(self.collection, rows[s : s + batch_size])
        # Seal and index what was written: before a flush, Milvus Lite searches new rows by brute force.
        self.client.flush(self.collection)
        return len(rows)

    def insert(
        self, ids, vectors, domains, sources, texts, batch_size: int = 256, progress: bool = False
    ) -> int:
        """Insert rows in batches (a progress bar with ``progress=True``), then flush. Returns the row count."""
        return self._write("insert", self._rows(ids, vectors, domains, sources, texts), batch_size, progress)

    def upsert(
        self, ids, vectors, domains, sources, texts, batch_size: int = 256, progress: bool = False
    ) -> int:
        """Insert rows, replacing any with the same id (an edited document keeps its id)."""
        return self._write("upsert", self._rows(ids, vectors, domains, sources, texts), batch_size, progress)

    def delete(self, ids: Sequence[str]) -> None:
        """Delete rows by id, then flush."""
        self.client.delete(self.collection, ids=[str(i) for i in ids])
        self.client.flush(self.collection)

    # ------------------------------------------------------------ reads
    def count(self) -> int:
        """Rows in the collection (``count(*)``, which accounts for deletions)."""
        res = self.client.query(self.collection, filter="", output_fields=["count(*)"])
        return int(res[0]["count(*)"])

    def search(
        self,
        query_vectors: np.ndarray,
        k: int = 10,
        domain: str | None = None,
        filter: str | None = None,
        with_text: bool = True,
    ) -> list[list[Hit]]:
        """Top ``k`` rows per query vector by inner product, optionally only those of ``domain``."""
        q = self._check(query_vectors)
        fields = ["domain", "source"] + (["text"] if with_text else [])
        res = self.client.search(
            self.collection,
            data=q.tolist(),
            anns_field="vector",
            limit=int(k),
            filter=_filter_for(domain, filter),
            output_fields=fields,
            search_params=self.search_params,
        )
        return [
            [
                Hit(
                    str(h["id"]),
                    float(h["distance"]),
                    h["entity"].get("domain", ""),
                    h["entity"].get("source", ""),
                    h["entity"].get("text", ""),
                )
                for h in row
            ]
            for row in res
        ]

    def get(self, ids: Sequence[str], with_vectors: bool = False) -> dict[str, dict[str, Any]]:
        """Rows by id: ``{id: {"domain", "source", "text"[, "vector"]}}`` (missing ids are absent)."""
        if not ids:
            return {}
        fields = ["domain", "source", "text"] + (["vector"] if with_vectors else [])
        rows = self.client.get(self.collection, ids=[str(i) for i in ids], output_fields=fields)
        out = {}
        for r in rows:
            r = dict(r)
            if with_vectors:
                r["vector"] = np.asarray(r["vector"], dtype=np.float32)
            out[str(r.pop("id"))] = r
        return out

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> MilvusStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"MilvusStore({self.uri!r}, {self.collection!r}, dim={self.dim})"


# --------------------------------------------------------------------------- fusion and lexical search
def reciprocal_rank_fusion(rankings: Sequence[Sequence[str]], k: int = 60) -> dict[str, float]:
    """Reciprocal rank fusion (Cormack et al., 2009): ``score(d) = sum over lists of 1 / (k + rank)``.

    Introduced in notebook 05_production_pipeline. ``rankings`` are lists of ids, best first; ranks
    start at 1. Scores of different retrievers (BM25 vs cosine) are not comparable; ranks are, which
    is why RRF needs no tuning beyond ``k`` (60 in the paper). Returns ``{id: score}``, best first.
    """
    fused: dict[str, float] = {}
    for ranking in rankings:
        for rank, doc_id in enumerate(ranking, start=1):
            fused[doc_id] = fused.get(doc_id, 0.0) + 1.0 / (k + rank)
    return dict(sorted(fused.items(), key=lambda kv: (-kv[1], kv[0])))


def fuse_runs(runs: Sequence[Run], k: int = 60, depth: int | None = None) -> Run:
    """Apply :func:`reciprocal_rank_fusion` per query to whole runs (``{qid: {doc: score}}``)."""
    qids = sorted(set().union(*[r.keys() for r in runs]))
    out: Run = {}
    for q in qids:
        ranked = [sorted(r.get(q, {}).items(), key=lambda kv: -kv[1])[:depth] for r in runs]
        out[q] = reciprocal_rank_fusion([[d for d, _ in lst] for lst in ranked], k=k)
    return out


class BM25Index:
    """An in-memory BM25 index (``bm25s``, English stopwords, as :func:`utils.evaluate.bm25_run`) with a domain filter.

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
) -> list[tuple[int, float]]:
    """Score ``documents`` against ``query`` with a reranker served by SGLang (``POST /v1/rerank``).

    Introduced in notebook 05_production_pipeline. Returns ``[(index into documents, score)]``, best
    first, at most ``top_n``. ``base_url`` may end in ``/v1`` or not. ``instruct`` is the Qwen3 task
    ("Given a ..., retrieve ..."); ``http`` is an optional ``httpx.Client`` to reuse connections.
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
        r = (http or httpx).post(root + "/v1/rerank", json=payload, timeout=timeout)
    except httpx.HTTPError as exc:
        raise RerankError(
            f"cannot reach the reranker at {root}/v1/rerank: {exc}. Is it running? (reranker_command shows how to start it)"
        ) from exc
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
    """A callable ``(query, documents, domain) -> [(index, score)]`` around :func:`rerank_sglang`."""

    base_url: str
    model: str | None = None
    instructions: Mapping[str, str] = field(default_factory=dict)
    default_instruct: str | None = None

    def __call__(
        self, query: str, documents: Sequence[str], domain: str | None = None
    ) -> list[tuple[int, float]]:
        instruct = self.instructions.get(domain, self.default_instruct) if domain else self.default_instruct
        return rerank_sglang(self.base_url, query, documents, instruct=instruct, model=self.model)


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
    * ``bm25``: when given, its top ``candidates`` are fused with the dense ones by RRF (``rrf_k``);
    * ``reranker``: when given, reorders the top ``candidates`` (e.g. Qwen3-Reranker on SGLang).
    """

    embed: Callable[[list[str]], np.ndarray]
    store: MilvusStore
    format_query: Callable[[str, str | None], str] = field(default=lambda q, d: q)
    bm25: BM25Index | None = None
    funnel: MilvusStore | None = None
    reranker: Callable[[str, Sequence[str], str | None], list[tuple[int, float]]] | None = None
    candidates: int = 50
    rrf_k: int = 60

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
        # the second stage of the funnel: exact inner products at full width (utils.index, notebook 03)
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
        second_stage = self.bm25 is not None or self.reranker is not None
        hits = self._dense(qvec, max(k, self.candidates) if second_stage else k, domain)
        if self.bm25 is not None:
            lexical = self.bm25.search(query, k=self.candidates, domain=domain)
            by_id = {h.id: h for h in lexical} | {h.id: h for h in hits}
            fused = reciprocal_rank_fusion([[h.id for h in hits], [h.id for h in lexical]], k=self.rrf_k)
            hits = [Hit(i, s, by_id[i].domain, by_id[i].source, by_id[i].text) for i, s in fused.items()]
        if self.reranker is not None:
            pool = hits[: self.candidates]
            order = self.reranker(query, [h.text for h in pool], domain)
            hits = [Hit(pool[i].id, s, pool[i].domain, pool[i].source, pool[i].text) for i, s in order]
        return hits[:k]


def run_queries(
    search: Callable[[str, int, str | None], list[Hit]],
    queries: Mapping[str, str],
    k: int = 10,
    domain: str | None = None,
) -> tuple[Run, list[float]]:
    """Call ``search`` once per query; returns the run (rank-based scores) and each call's latency in ms.

    Introduced in notebook 05_production_pipeline to score any ``search`` with :mod:`utils.evaluate`.
    """
    run: Run = {}
    latencies = []
    for qid, text in queries.items():
        t = time.perf_counter()
        hits = search(text, k, domain)
        latencies.append((time.perf_counter() - t) * 1000)
        run[qid] = {h.id: float(len(hits) - r) for r, h in enumerate(hits)}
    return run, latencies


# --------------------------------------------------------------------------- reading earlier notebooks
def finetuned_domains(
    merged_models: Mapping[str, str] | None, kept_base: Any
) -> tuple[dict[str, str], list[str]]:
    """Split notebook 04's ``merged_models`` into truly fine-tuned models and domains that kept the base.

    Introduced in notebook 05_production_pipeline. Notebook 04 writes ``kept_base`` as ``{domain: bool}``
    (True where no adapter epoch beat the base on validation: its "merged" folder is then a copy of the
    base model); a list of domain names is accepted too, and ``None`` means "nothing kept". Returns
    ``({domain: merged folder} for fine-tuned domains only, sorted domains that kept the base)``.
    """
    if isinstance(kept_base, Mapping):
        kept = {str(d) for d, v in kept_base.items() if v}
    elif kept_base is None:
        kept = set()
    elif isinstance(kept_base, (list, tuple, set, frozenset)):
        kept = {str(d) for d in kept_base}
    else:
        raise ValueError(f"kept_base must be a dict, a list or None, not {type(kept_base).__name__}")
    models = dict(merged_models or {})
    return {d: str(p) for d, p in models.items() if d not in kept}, sorted(kept & set(models))


# --------------------------------------------------------------------------- sizing arithmetic
def vectors_per_gib(dim: int, precision: str = "float32", hnsw_m: int | None = None) -> int:
    """How many vectors fit in one GiB (2**30 bytes) at ``dim`` and ``precision``.

    Introduced in notebook 05_production_pipeline. Raw sizes come from
    :func:`utils.index.bytes_per_vector` (notebook 03); with ``hnsw_m``, each vector also pays for its
    HNSW level-0 links, ``2 * M`` 4-byte ids, as in the FAISS wiki's memory formula for
    ``IndexHNSWFlat`` (``d * 4 + M * 2 * 4`` bytes per vector).
    """
    per_vector = bytes_per_vector(dim, precision) + (2 * hnsw_m * 4 if hnsw_m else 0)
    return int(2**30 // per_vector)
