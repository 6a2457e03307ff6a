"""Notebook 05's experiment orchestration: index a corpus, build the second stages, measure variants, choose.

Introduced in notebook 05_production_pipeline. Every function takes what it works on and returns what it
measured (no globals, no hidden state), so the notebook reads as parameters, a few calls, tables and
verdicts, and a reader can rerun one step on its own.

* :func:`load_corpus` picks the documents of one collection (a cut corpus keeps every judged document);
* :func:`index_corpus` embeds and inserts them; :func:`build_funnel` and :class:`utils.search.retrieval.BM25Index`
  are the second stages' indexes;
* :func:`variant_pipelines` builds the compared :class:`utils.search.retrieval.SearchPipeline` variants;
* :func:`measure` runs them over a split's queries (quality per query, latency, and the embedding
  part of the latency via :class:`TimedEmbed`);
* :func:`choose_variant` picks a route with a stated tolerance (within it, the cheaper variant wins);
* :func:`pick_examples` finds one query the pipeline answers and one it misses, to show both.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from utils.data.beir import load_domain
from utils.search.evaluate import per_query
from utils.search.retrieval import BM25Index, Run, SearchPipeline, run_queries
from utils.search.store import MilvusStore
from utils.serving.qwen3 import truncate_and_normalize

DENSE, BM25, HYBRID = "dense (baseline)", "BM25 only (reference)", "hybrid: dense + BM25 (RRF)"
RERANK_DENSE, RERANK_HYBRID = "dense -> Qwen3-Reranker", "hybrid -> Qwen3-Reranker"


@dataclass
class Corpus:
    """The documents of one collection, in insertion order; ``vectors`` once embedded."""

    ids: list[str]
    domains: list[str]
    sources: list[str]
    texts: list[str]
    vectors: np.ndarray | None = None

    def count(self, domain: str) -> int:
        return sum(d == domain for d in self.domains)


def load_corpus(
    domains: Sequence[str], n_docs: int | None = None, n_test: int | None = None, n_train: int | None = None
) -> Corpus:
    """Each domain's test corpus; with ``n_docs``, cut to that many per domain, always keeping the documents
    judged for the first ``n_test`` test queries and ``n_train`` train queries (``RetrievalSet.subset``)."""
    out = Corpus([], [], [], [])
    for d in domains:
        rs = load_domain(d, "test")
        judged = {doc for rel in rs.subset(n_test).qrels.values() for doc in rel}
        judged |= {doc for rel in load_domain(d, "train").subset(n_train).qrels.values() for doc in rel}
        others = set([i for i in rs.corpus if i not in judged][: max(0, (n_docs or len(rs.corpus)) - len(judged))])
        for doc in (rs.corpus[i] for i in rs.corpus if i in judged or i in others):
            out.ids.append(doc.id)
            out.domains.append(d)
            out.sources.append(f"data/{d}/corpus.jsonl")
            out.texts.append(doc.full_text)
    return out


def index_corpus(
    store: MilvusStore,
    embed_docs: Callable[..., np.ndarray],
    corpus: Corpus,
    batch_size: int = 64,
    progress: bool = True,
) -> dict[str, float]:
    """Embed ``corpus`` (documents get no instruction), insert it in batches and flush; sets ``corpus.vectors``.

    ``embed_docs(texts, progress=...)`` is e.g. ``partial(client.embed, dimensions=...)``. Returns the
    seconds spent embedding and inserting.
    """
    t = time.perf_counter()
    corpus.vectors = np.asarray(embed_docs(corpus.texts, progress=progress), dtype=np.float32)
    t_embed = time.perf_counter() - t
    t = time.perf_counter()
    store.insert(corpus.ids, corpus.vectors, corpus.domains, corpus.sources, corpus.texts, batch_size=batch_size, progress=progress)
    return {"embed_s": t_embed, "insert_s": time.perf_counter() - t, "rows": float(store.count())}


def build_funnel(uri: str, collection: str, corpus: Corpus, width: int, batch_size: int = 64) -> MilvusStore:
    """A second collection of the first ``width`` values of each vector, re-normalised (no text: it is a first stage)."""
    if corpus.vectors is None:
        raise ValueError("index the corpus first (index_corpus), the funnel is built from its vectors")
    funnel = MilvusStore(uri, collection, dim=width, overwrite=True)
    funnel.insert(corpus.ids, truncate_and_normalize(corpus.vectors, width), corpus.domains, corpus.sources,
                  [""] * len(corpus.ids), batch_size=batch_size)
    return funnel


def funnel_name(width: int, candidates: int, dim: int) -> str:
    return f"funnel: {width}-d, {candidates} candidates -> rescore at {dim}-d"


def format_query_for(is_qwen3: bool) -> Callable[[str, str | None], str]:
    """How queries are written for the model: Qwen3 gets the domain's instruction (the generic one without a
    domain, notebook 02); a model not trained with instructions gets the bare query."""
    from utils.serving.instructions import query_for
    from utils.serving.qwen3 import format_query

    def fmt(query: str, domain: str | None) -> str:
        if not is_qwen3:
            return query
        return query_for(query, domain) if domain else format_query(query)

    return fmt


def variant_pipelines(
    embed: Callable[[list[str]], np.ndarray],
    store: MilvusStore,
    format_query: Callable[[str, str | None], str],
    bm25: BM25Index,
    funnel: MilvusStore | None = None,
    reranker: Callable | None = None,
    candidates: int = 50,
    funnel_candidates: int = 20,
    rerank_candidates: int = 20,
    rrf_k: int = 60,
) -> dict[str, SearchPipeline | BM25Index]:
    """The compared variants as ``{name: object with .search(query, k, domain)}``; BM25 alone is the lexical reference."""
    v: dict[str, SearchPipeline | BM25Index] = {
        DENSE: SearchPipeline(embed, store, format_query),
        BM25: bm25,
        HYBRID: SearchPipeline(embed, store, format_query, bm25=bm25, candidates=candidates, rrf_k=rrf_k),
    }
    if funnel is not None:
        v[funnel_name(funnel.dim, funnel_candidates, store.dim)] = SearchPipeline(
            embed, store, format_query, funnel=funnel, candidates=funnel_candidates
        )
    if reranker is not None:
        v[RERANK_DENSE] = SearchPipeline(embed, store, format_query, reranker=reranker, candidates=rerank_candidates)
        v[RERANK_HYBRID] = SearchPipeline(
            embed, store, format_query, bm25=bm25, reranker=reranker, candidates=rerank_candidates, rrf_k=rrf_k
        )
    return v


@dataclass
class TimedEmbed:
    """Wraps an embedding call and records each call's milliseconds, to split a query's latency."""

    embed: Callable[[list[str]], np.ndarray]
    ms: list[float] = field(default_factory=list)

    def __call__(self, texts: list[str]) -> np.ndarray:
        t = time.perf_counter()
        out = self.embed(texts)
        self.ms.append((time.perf_counter() - t) * 1000)
        return out


@dataclass
class Measurement:
    """What :func:`measure` returns: one row per (domain, variant), and the runs, qrels and per-query tables."""

    rows: list[dict] = field(default_factory=list)
    runs: dict[tuple[str, str], Run] = field(default_factory=dict)
    qrels: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)
    tables: dict[tuple[str, str], pd.DataFrame] = field(default_factory=dict)

    def extend(self, other: Measurement) -> None:
        self.rows += other.rows
        self.runs.update(other.runs)
        self.qrels.update(other.qrels)
        self.tables.update(other.tables)

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows).set_index(["domain", "variant"])


def measure(
    variants: Mapping[str, SearchPipeline | BM25Index],
    domains: Sequence[str],
    split: str = "test",
    n_queries: int | None = None,
    k: int = 10,
    timer: TimedEmbed | None = None,
) -> Measurement:
    """Run every variant over each domain's ``split`` queries (one warm-up search first) and score it.

    Rows hold the metrics' means, the median and p95 latency per query, and, with ``timer`` (the
    :class:`TimedEmbed` the pipelines embed through), the p95 of the embedding part alone.
    """
    out = Measurement()
    for d in domains:
        rs = load_domain(d, split).subset(n_queries)
        queries = {q: rs.queries[q].text for q in rs.query_ids}
        out.qrels[d] = rs.qrels
        for name, variant in variants.items():
            variant.search(next(iter(queries.values())), k, d)  # warm-up: the first search after a flush builds caches
            if timer is not None:
                timer.ms.clear()
            run, lat = run_queries(variant.search, queries, k=k, domain=d)
            table = per_query(rs.qrels, run)
            out.runs[(d, name)], out.tables[(d, name)] = run, table
            row = {"domain": d, "variant": name, **table.mean().to_dict(), "ms/query (median)": float(np.median(lat)),
                   "ms/query (p95)": float(np.percentile(lat, 95)), "queries": len(queries)}
            if timer is not None:
                row["embed ms (p95)"] = float(np.percentile(timer.ms, 95)) if timer.ms else 0.0
            out.rows.append(row)
    return out


@dataclass(frozen=True)
class Choice:
    """The variant chosen, the one that scored best, by how much, and the sentence that says why."""

    variant: str
    best: str
    lead: float
    reason: str


def stage_cost(variant: str) -> int:
    """The work a variant does per query, in stages: dense 1; funnel and hybrid 2 (two searches or two
    retrievers); a reranker adds a model call. Stated, not measured, so that latency noise cannot decide."""
    return 1 if variant == DENSE else 3 + (variant == RERANK_HYBRID) if "Reranker" in variant else 2


def choose_variant(scores: Mapping[str, float], cost: Mapping[str, float], tolerance: float, unit: str = "stages") -> Choice:
    """Among the variants within ``tolerance`` of the best score, the cheapest (lowest ``cost``) wins.

    Introduced in notebook 05_production_pipeline: a variant that wins by less than the tolerance is
    within noise, and the extra work would buy nothing measurable. Ties in cost go to the first name.
    """
    if not scores:
        raise ValueError("no variants to choose from")
    best = max(scores, key=lambda v: scores[v])
    near = [v for v in scores if scores[v] >= scores[best] - tolerance]
    chosen = min(near, key=lambda v: (cost[v], list(scores).index(v)))
    if chosen == best:
        runner = max((v for v in scores if v != best), key=lambda v: scores[v], default=None)
        lead = scores[best] - scores[runner] if runner else float("inf")
        reason = f"{best} leads by {lead:+.4f} (more than the tolerance {tolerance})" if lead > tolerance else (
            f"{best} is best and also the cheapest within {tolerance} of it")
    else:
        lead = scores[best] - scores[chosen]
        reason = (f"{best} scored {lead:+.4f} above {chosen}, within the tolerance {tolerance} (noise): the cheaper "
                  f"{chosen} wins ({cost[chosen]:g} vs {cost[best]:g} {unit})")
    return Choice(chosen, best, float(lead), reason)


def pick_examples(run: Run, qrels: Mapping[str, Mapping[str, int]], k: int = 5) -> tuple[str | None, str | None]:
    """The first query (by id) whose relevant document is in the top ``k``, and the first whose is not in the run."""
    hit = miss = None
    for q in sorted(qrels):
        ranked = list(run.get(q, {}))
        rel = {d for d, g in qrels[q].items() if g > 0}
        if hit is None and rel & set(ranked[:k]):
            hit = q
        if miss is None and not rel & set(ranked):
            miss = q
    return hit, miss
