"""Notebook 05's orchestration and bookkeeping: the deployment plan, the measured variants, the route
choice on held-out queries, what the served width costs, the verdict sentences, plots and sizing.

Introduced in notebook 05_production_pipeline. Every function takes what it works on and returns what it
measured (no globals, no hidden state), so the notebook reads as parameters, the lesson's own calls
(the Milvus store, RRF, the reranker, ``search()``), tables and verdicts, and a reader can rerun one step.

* :func:`plan_deployment` reads notebook 03's and 04's records into a :class:`Plan`: which model serves
  which domain, its collection, the width, and the **held-out** queries each route is chosen on (queries
  the serving model never trained on: notebook 04's validation queries for its models, train-split
  queries for the base model);
* :func:`load_corpus` picks the documents of one collection (a cut corpus keeps every judged document);
* :func:`index_corpus` embeds and inserts them; :func:`build_funnel` and
  :class:`utils.search.retrieval.BM25Index` are the second stages' indexes; :func:`build_stages` all three;
* :func:`variant_pipelines` builds the compared :class:`utils.search.retrieval.SearchPipeline` variants;
* :func:`measure` runs them over a split's queries (quality per query, latency, and the embedding
  part of the latency via :class:`TimedEmbed`);
* :func:`width_cost` measures what the served width costs each model against its native width;
* :func:`choose_variant` picks a route with a stated tolerance (within it, the cheaper variant wins) and
  :func:`choose_routes` does it per domain on held-out queries and prices the choice on test;
* :func:`verdicts` and the ``*_line`` functions print every outcome sentence from the numbers (the
  notebook's results test calls the same functions on the saved numbers);
* :func:`pick_examples` finds one query the pipeline answers and one it misses, to show both.
"""

from __future__ import annotations

import contextlib
import math
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from utils.course.results import FinetuneRecord, IndexChoice, ResultsError, load_record
from utils.data.beir import DOMAINS, RetrievalSet, load_domain
from utils.search.evaluate import compare, per_query, search_dense
from utils.search.retrieval import BM25Index, Run, SearchPipeline, run_queries
from utils.search.store import MilvusStore, vectors_per_gib
from utils.serving.qwen3 import truncate_and_normalize

if TYPE_CHECKING:
    from utils.serving.client import EmbeddingClient
    from utils.serving.settings import Settings

DENSE, BM25, HYBRID = "dense (baseline)", "BM25 only (reference)", "hybrid: dense + BM25 (RRF)"
RERANK_DENSE, RERANK_HYBRID = "dense -> Qwen3-Reranker", "hybrid -> Qwen3-Reranker"
SIGNIFICANT = 0.05  # p below which a paired difference is called more than noise


# --------------------------------------------------------------------------- the deployment plan
@dataclass
class Plan:
    """What notebook 05 serves: model folder -> the domains it serves and its collection, the width to
    serve at, and per domain the held-out query ids (train split) on which its route is chosen."""

    groups: dict[str, list[str]]
    collection: dict[str, str]
    tuned: dict[str, str]
    kept_base: list[str]
    want_dim: int | None
    precision: str
    width_from: str
    held_out: dict[str, list[str]]
    held_out_from: dict[str, str]
    matryoshka_dims: list[int]
    base_name: str
    used_finetuned: bool

    def origin(self, domain: str) -> str:
        if domain in self.tuned:
            return "notebook 04 (merged LoRA)"
        if domain in self.kept_base:
            return "base model (notebook 04's guard kept it)"
        return "base model (USE_FINETUNED is False)" if not self.used_finetuned else "base model (not trained in 04)"

    def model_of(self, domain: str) -> str:
        return os.path.basename(self.tuned[domain]) if domain in self.tuned else self.base_name

    def collection_of(self, domain: str) -> str:
        return next(self.collection[m] for m, doms in self.groups.items() if domain in doms)

    def settings_for(self, model: str, settings: Settings) -> Settings:
        """The settings that serve ``model`` (openai mode: the given server, whatever the model)."""
        from utils.serving.settings import get_settings

        if settings.mode == "openai" or model == settings.model_path:
            return settings
        return get_settings(mode=settings.mode, model_path=model, runs_dir=settings.runs_dir)

    def funnel_labels(self, width: int, is_qwen3: bool) -> dict[str, str]:
        """Per domain: is the served model Matryoshka-trained at the funnel's ``width`` (from its record)?"""
        out = {}
        for d in DOMAINS:
            if is_qwen3:
                out[d] = "Matryoshka-trained (Qwen3-Embedding)"
            elif d in self.tuned and width in self.matryoshka_dims:
                out[d] = f"Matryoshka-trained at {width} (notebook 04's MatryoshkaLoss)"
            else:
                out[d] = "no Matryoshka training: truncation is the weak first stage"
        return out

    def table(self) -> pd.DataFrame:
        return pd.DataFrame({d: {"model": self.model_of(d), "from": self.origin(d), "collection": self.collection_of(d),
                                 "held-out queries (route choice)": f"{len(self.held_out[d])}: {self.held_out_from[d]}"}
                             for d in DOMAINS}).T

    def describe(self) -> str:
        lines = [f"width: {self.want_dim or 'native'} ({self.width_from}); precision for sizing: {self.precision}"]
        if self.want_dim and self.tuned:
            lines.append(f"notebook 03 chose {self.want_dim} dims on the base model: section 4 measures what that width "
                         "costs the fine-tuned models")
        return "\n".join(lines)

    def report(self) -> dict[str, Any]:
        return {"models": {d: self.model_of(d) for d in DOMAINS}, "used_finetuned": sorted(self.tuned),
                "kept_base": self.kept_base, "precision": self.precision, "width_from": self.width_from,
                "held_out": {d: {"queries": len(ids), "from": self.held_out_from[d]} for d, ids in self.held_out.items()}}


def held_out_queries(
    domains: Sequence[str], tuned: Mapping[str, str], val_query_ids: Mapping[str, Sequence[str]] | None, n: int | None
) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Per domain, up to ``n`` train-split query ids that the serving model never trained on, and where
    they come from: notebook 04's validation queries for a fine-tuned model (its other train queries were
    its training data), the first train-split queries for the base model (trained on none of them)."""
    ids: dict[str, list[str]] = {}
    source: dict[str, str] = {}
    for d in domains:
        train = load_domain(d, "train")
        if d in tuned:
            val = list((val_query_ids or {}).get(d, []))
            if not val:
                raise ResultsError(f"{FinetuneRecord.NOTEBOOK}: no validation query ids for {d!r} (val_query_ids); "
                                   f"re-run notebooks/{FinetuneRecord.NOTEBOOK}.ipynb")
            unknown = [q for q in val if q not in train.queries]
            if unknown:
                raise ResultsError(f"{FinetuneRecord.NOTEBOOK}: validation query ids {unknown[:3]} are not train-split "
                                   f"queries of {d}; re-run notebooks/{FinetuneRecord.NOTEBOOK}.ipynb")
            ids[d], source[d] = val[:n], "notebook 04's validation queries, held out of its training"
        else:
            ids[d], source[d] = train.subset(n).query_ids, "train-split queries, which the base model never trained on"
    return ids, source


def plan_from_records(
    base_path: str | None, base_name: str, runs_dir: str | Path, index_choice: IndexChoice | None,
    finetuned: Any | None, n_choose: int | None, used_finetuned: bool,
) -> Plan:
    """The :class:`Plan` from the records read (``None``: not read). ``finetuned`` is a
    :class:`~utils.course.results.FinetuneRecord` (it must carry ``val_query_ids``, domain -> the
    validation query ids notebook 04 held out of training, for every domain it fine-tuned)."""
    tuned = {d: str(finetuned.model_path(runs_dir, d)) for d in DOMAINS
             if finetuned and d in finetuned.models and not finetuned.kept_base[d]}
    kept = sorted(d for d in DOMAINS if finetuned and finetuned.kept_base.get(d))
    groups: dict[str, list[str]] = {}
    for d in DOMAINS:
        groups.setdefault(tuned.get(d, base_path or base_name), []).append(d)
    collection = {m: ("docs_" + doms[0] if m in tuned.values() else "docs_base") for m, doms in groups.items()}
    held, source = held_out_queries(DOMAINS, tuned, getattr(finetuned, "val_query_ids", None), n_choose)
    return Plan(
        groups, collection, tuned, kept,
        index_choice.width if index_choice else None,
        index_choice.precision if index_choice else "float32",
        f"notebook 03: {index_choice.rule}" if index_choice else "native width (USE_INDEX_CHOICE is False)",
        held, source, list(finetuned.matryoshka_dims) if finetuned else [], base_name, used_finetuned,
    )


def plan_deployment(settings: Settings, use_finetuned: bool, use_index_choice: bool, n_choose: int | None) -> Plan:
    """Read the records this run asks for (notebook 03's width, notebook 04's models) and plan the serving.

    Stops with :class:`~utils.course.results.ResultsError` ("run notebook NN first") when a record asked for
    is missing or does not fit the run; openai mode cannot start servers for notebook 04's models.
    """
    if use_finetuned and settings.mode == "openai":
        raise ValueError("openai mode: the course cannot start servers for notebook 04's models; set USE_FINETUNED = False")
    read = dict(mode=settings.mode, model=settings.model_name, allow_smoke=settings.smoke)
    choice = load_record(settings.runs_dir, IndexChoice.NOTEBOOK, IndexChoice, **read) if use_index_choice else None
    tuned = load_record(settings.runs_dir, FinetuneRecord.NOTEBOOK, FinetuneRecord, **read) if use_finetuned else None
    return plan_from_records(settings.model_path, settings.model_name, settings.runs_dir, choice, tuned, n_choose,
                             use_finetuned)


# --------------------------------------------------------------------------- the corpus and its indexes
@dataclass
class Corpus:
    """The documents of one collection, in insertion order; ``vectors`` once embedded (native width)."""

    ids: list[str]
    domains: list[str]
    sources: list[str]
    texts: list[str]
    vectors: np.ndarray | None = None

    def count(self, domain: str) -> int:
        return sum(d == domain for d in self.domains)


def query_set(domain: str, split: str, ids: Sequence[str] | int | None = None) -> RetrievalSet:
    """``domain``'s ``split`` restricted to the query ``ids`` (a list), or to ``ids`` queries (an int,
    ``RetrievalSet.subset``'s fixed sample), or all of them (``None``)."""
    rs = load_domain(domain, split)
    if ids is None or isinstance(ids, int):
        return rs.subset(ids)
    keep = [q for q in ids if q in rs.queries]
    return RetrievalSet(rs.name, rs.split, rs.corpus, {q: rs.queries[q] for q in keep}, {q: rs.qrels[q] for q in keep},
                        {q: rs.hard_negatives.get(q, []) for q in keep})


def load_corpus(
    domains: Sequence[str], n_docs: int | None = None, n_test: int | None = None,
    held_out: Mapping[str, Sequence[str]] | int | None = None,
) -> Corpus:
    """Each domain's corpus; with ``n_docs``, cut to that many per domain, always keeping the documents judged
    for the first ``n_test`` test queries and for the held-out train queries (ids per domain, or a number)."""
    out = Corpus([], [], [], [])
    for d in domains:
        rs = load_domain(d, "test")
        judged = {doc for rel in rs.subset(n_test).qrels.values() for doc in rel}
        ids = held_out.get(d, []) if isinstance(held_out, Mapping) else held_out
        judged |= {doc for rel in query_set(d, "train", ids).qrels.values() for doc in rel} if ids != [] else set()
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
    """Embed ``corpus`` (documents get no instruction), insert it in batches at the collection's width and
    flush; sets ``corpus.vectors`` to the vectors as embedded (e.g. the native width).

    ``embed_docs(texts, progress=...)`` is e.g. ``client.embed``. The vectors are truncated and
    re-normalised to ``store.dim`` (what the server's ``dimensions`` does). Returns the seconds spent.
    """
    t = time.perf_counter()
    corpus.vectors = np.asarray(embed_docs(corpus.texts, progress=progress), dtype=np.float32)
    t_embed = time.perf_counter() - t
    t = time.perf_counter()
    store.insert(corpus.ids, truncate_and_normalize(corpus.vectors, store.dim), corpus.domains, corpus.sources,
                 corpus.texts, batch_size=batch_size, progress=progress)
    return {"embed_s": t_embed, "insert_s": time.perf_counter() - t, "rows": float(store.count())}


def build_funnel(uri: str, collection: str, corpus: Corpus, width: int, batch_size: int = 64) -> MilvusStore:
    """A second collection of the first ``width`` values of each vector, re-normalised (no text: it is a first stage)."""
    if corpus.vectors is None:
        raise ValueError("index the corpus first (index_corpus), the funnel is built from its vectors")
    funnel = MilvusStore(uri, collection, dim=width, overwrite=True)
    funnel.insert(corpus.ids, truncate_and_normalize(corpus.vectors, width), corpus.domains, corpus.sources,
                  [""] * len(corpus.ids), batch_size=batch_size)
    return funnel


@dataclass
class Stages:
    """One served model's collection, its funnel collection (or None), the BM25 index and the corpus."""

    store: MilvusStore
    funnel: MilvusStore | None
    bm25: BM25Index
    docs: Corpus

    def close(self) -> None:
        for s in (self.funnel, self.store):
            if s is not None:
                s.close()

    def variants(self, embed: Callable[[list[str]], np.ndarray], format_query: Callable[[str, str | None], str],
                 reranker: Callable | None = None, **knobs: int) -> dict[str, SearchPipeline | BM25Index]:
        """The compared variants over these stages (:func:`variant_pipelines`; ``knobs``: its depths and RRF k)."""
        return variant_pipelines(embed, self.store, format_query, self.bm25, self.funnel, reranker, **knobs)

    @property
    def domains(self) -> list[str]:
        return list(dict.fromkeys(self.docs.domains))


def build_stages(
    uri: str, collection: str, docs: Corpus, embed_docs: Callable[..., np.ndarray], dim: int, funnel_width: int,
    model: str, batch_size: int = 64,
) -> Stages:
    """Section 2 and 3 of notebook 05 for one more model: its collection (embed, insert), funnel and BM25."""
    store = MilvusStore(uri, collection, dim=dim, model=model, overwrite=True)
    index_corpus(store, embed_docs, docs, batch_size=batch_size)
    funnel = build_funnel(uri, collection + "_funnel", docs, funnel_width, batch_size) if funnel_width < dim else None
    return Stages(store, funnel, BM25Index(docs.ids, docs.texts, docs.domains, docs.sources), docs)


def next_stages(
    stages: Stages, plan: Plan, model: str, embed_docs: Callable[..., np.ndarray], dim: int, funnel_width: int,
    n_docs: int | None, n_test: int | None,
) -> Stages:
    """Close ``stages`` and build the next served ``model``'s: its domains' corpus, collection, funnel and BM25."""
    uri = stages.store.uri
    stages.close()
    domains = plan.groups[model]
    docs = load_corpus(domains, n_docs, n_test, plan.held_out)
    return build_stages(uri, plan.collection[model], docs, embed_docs, dim, funnel_width, plan.model_of(domains[0]))


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


ZEBRA = ("Zebra crossings: pedestrians have priority once they step onto the crossing.",
         "Zebra crossings: drivers must stop for pedestrians waiting at the kerb.",
         "who has priority at a zebra crossing")


@dataclass(frozen=True)
class Demo:
    """What section 2's Milvus lessons search for: the first test query of ``domain`` (its id, text and
    judged documents) and ``texts`` to embed, formatted as the model expects."""

    domain: str
    query_id: str
    query: str
    relevant: set[str]
    texts: dict[str, list[str]]


def demo_inputs(domains: Sequence[str], format_query: Callable[[str, str | None], str], n_probe: int = 3) -> Demo:
    """The first test query of the last domain, without a filter and with each domain's filter ("query"),
    the zebra documents and query ("zebra docs", "zebra query": upsert and delete), and ``n_probe`` test
    queries per domain without a domain ("probe": reopen, latency, throughput)."""
    rs = load_domain(domains[-1], "test")
    qid = next(iter(rs.queries))
    q = rs.queries[qid].text
    probe = [x.text for d in domains for x in list(load_domain(d, "test").queries.values())[:n_probe]]
    texts = {"query": [format_query(q, None)] + [format_query(q, d) for d in domains],
             "zebra docs": list(ZEBRA[:2]), "zebra query": [format_query(ZEBRA[2], domains[-1])],
             "probe": [format_query(p, None) for p in probe]}
    return Demo(domains[-1], qid, q, set(rs.qrels[qid]), texts)


def server_args(settings: Settings, reranker: str | None, mem_fraction: float = 0.35) -> dict[str, Any]:
    """Extra ``start_server`` arguments: on SGLang with a reranker on the same GPU, each server takes a share
    of the GPU memory (``--mem-fraction-static``) instead of most of it."""
    if settings.mode == "sglang" and reranker:
        return {"extra_args": ["--mem-fraction-static", str(mem_fraction)]}
    return {}


def versions() -> str:
    """The versions that matter here: pymilvus and milvus-lite (a bug report quotes them)."""
    import importlib.metadata as md

    out = []
    for pkg in ("pymilvus", "milvus-lite", "bm25s"):
        try:
            out.append(f"{pkg} {md.version(pkg)}")
        except md.PackageNotFoundError:
            out.append(f"{pkg} not installed")
    return " | ".join(out)


def errors_of(calls: Mapping[str, Callable[[], Any]], expected: type[Exception]) -> dict[str, str | None]:
    """Run each call; ``{label: the message of the expected exception, or None when none was raised}``."""
    out: dict[str, str | None] = {}
    for label, call in calls.items():
        try:
            call()
            out[label] = None
        except expected as exc:
            out[label] = str(exc)
    return out


def hit_rows(hits: Sequence[Any], relevant: set[str], **extra: Any) -> list[dict[str, Any]]:
    """Search hits as table rows: rank, id, judged relevant or not, domain, score (3 decimals), text start."""
    return [{**extra, "rank": r + 1, "id": h.id, "relevant": h.id in relevant, "domain": h.domain,
             "score": round(h.score, 3), "text": h.text[:70]} for r, h in enumerate(hits)]


def filter_line(demo: Demo, rows: Sequence[Mapping[str, Any]]) -> str:
    """Section 2's filtered search in words: the query, its judged documents, and whether they were found."""
    found = any(r["relevant"] for r in rows)
    return (f"query: {demo.query} | judged relevant: {', '.join(sorted(demo.relevant))}\njudged document in these "
            "top 3: " + ("yes" if found else "no, with or without the filter: a filter keeps the domain, it does not "
                         "make the model find the document (section 5 shows a miss and why)"))


def crud_table(n0: int, n_upsert: int, n_after: int, found: Any, edited: Mapping[str, Any]) -> pd.DataFrame:
    """Rows after insert, upsert and delete, with the zebra query's top hit and the edited row's text."""
    return pd.DataFrame({"step": ["insert", "upsert (same id)", "delete"], "rows": [n0 + 1, n_upsert, n_after],
                         "top hit / stored row": [found.id, f"{edited['source']}: {edited['text'][:50]}...", "(removed)"]})


def source_without_docstring(fn: Callable) -> str:
    """A function's source with its docstring replaced by ``...`` (the lesson's code, printed)."""
    import inspect

    parts = inspect.getsource(fn).split('"""')
    return parts[0] + "    ...\n" + parts[2] if len(parts) >= 3 else "".join(parts)


def funnel_lines(funnel: MilvusStore, bm25_docs: int, docs: Corpus, dim: int, labels: Mapping[str, str],
                 candidates: int) -> str:
    """The funnel and BM25 built, then per domain of ``docs``: the funnel's first stage, its training label, and the
    share of the domain's documents its candidates are."""
    head = f"funnel: {funnel} | BM25 over {bm25_docs} documents"
    return "\n".join([head] + [f"{d}: first stage {funnel.dim} of {dim} dims, {labels[d]}; {candidates} candidates = "
                               f"{candidates / docs.count(d):.1%} of its {docs.count(d)} documents"
                               for d in dict.fromkeys(docs.domains)])


def reranker_note(mode: str, reranker: str | None) -> str:
    """Why the reranker does (not) run in this mode."""
    if mode == "sglang" and reranker:
        return "\nruns in sections 4 and 5"
    return f"\nnot run here: it needs mode 'sglang' and a RERANKER folder (mode {mode!r}, RERANKER {reranker!r})"


@contextlib.contextmanager
def reranker_server(
    model_path: str | None, settings: Settings, mem_fraction: float | None = None, api_key: str | None = None,
) -> Iterator[Callable | None]:
    """A served Qwen3-Reranker for the ``with`` block (``None`` when not in sglang mode or without a folder).

    SGLang serves it without ``--is-embedding`` (:func:`utils.serving.launch.reranker_command`); the yielded
    :class:`~utils.search.retrieval.SGLangReranker` calls ``/v1/rerank``. The server stops with the block.
    """
    if settings.mode != "sglang" or not model_path:
        yield None
        return
    from utils.search.retrieval import SGLangReranker
    from utils.serving.instructions import task_for
    from utils.serving.launch import ManagedServer, free_port, reranker_command

    port = free_port()
    extra = ["--mem-fraction-static", str(mem_fraction)] if mem_fraction else []
    cmd = reranker_command(model_path, port=port, served_model_name="Qwen3-Reranker", api_key=api_key, extra_args=extra)
    log = Path(settings.runs_dir) / "logs" / f"reranker-{port}.log"
    with ManagedServer(cmd, f"http://127.0.0.1:{port}/v1", log_path=log, secrets=[api_key]) as server:
        server.start(timeout=600)
        yield SGLangReranker(server.base_url, model="Qwen3-Reranker", instructions={d: task_for(d) for d in DOMAINS},
                             api_key=api_key)


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
    query_ids: Mapping[str, Sequence[str]] | None = None,
) -> Measurement:
    """Run every variant over each domain's ``split`` queries (one warm-up search first) and score it.

    The queries: ``query_ids[domain]`` when given, else ``n_queries`` of the split (all with ``None``).
    Rows hold the metrics' means, the median and p95 latency per query, and, with ``timer`` (the
    :class:`TimedEmbed` the pipelines embed through), the p95 of the embedding part alone.
    """
    out = Measurement()
    for d in domains:
        rs = query_set(d, split, query_ids[d] if query_ids is not None else n_queries)
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


@dataclass
class Runs:
    """Section 4's measurements over every served model: the test runs, the held-out runs that choose the
    routes, what the served width costs, and the documents per domain (the funnel's candidates share)."""

    test: Measurement = field(default_factory=Measurement)
    held_out: Measurement = field(default_factory=Measurement)
    width: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)
    docs_in: dict[str, int] = field(default_factory=dict)
    dim: int | None = None
    funnel_candidates: int | None = None

    def measure(self, variants: Mapping[str, SearchPipeline | BM25Index], docs: Corpus, timer: TimedEmbed,
                n_test: int | None, held_out: Mapping[str, Sequence[str]], k: int = 10) -> None:
        """Every variant on the test queries, every variant but BM25 alone on the held-out queries."""
        domains = list(dict.fromkeys(docs.domains))
        self.test.extend(measure(variants, domains, "test", n_test, k, timer=timer))
        choosable = {v: p for v, p in variants.items() if v != BM25}
        self.held_out.extend(measure(choosable, domains, "train", k=k, timer=timer, query_ids=held_out))
        self.docs_in |= {d: docs.count(d) for d in domains}
        funnels = [p for v, p in variants.items() if v.startswith("funnel")]
        self.funnel_candidates = funnels[0].candidates if funnels else self.funnel_candidates

    def width_cost(self, embed: Callable[[list[str]], np.ndarray], docs: Corpus, dim: int, n_test: int | None,
                   held_out: Mapping[str, Sequence[str]], format_query: Callable[[str, str | None], str]) -> None:
        """:func:`width_cost` on the held-out and the test queries of ``docs``' domains."""
        self.dim = dim
        domains = list(dict.fromkeys(docs.domains))
        splits = {"held-out": {d: ("train", held_out[d]) for d in domains}, "test": {d: ("test", n_test) for d in domains}}
        self.width |= width_cost(embed, docs, dim, splits, format_query)

    def results(self) -> tuple[pd.DataFrame, list[str]]:
        """The test rows (metrics renamed for reading) and the variant names in order."""
        from utils.search.evaluate import METRIC_LABELS

        frame = self.test.frame().rename(columns=METRIC_LABELS)
        return frame, list(dict.fromkeys(frame.index.get_level_values("variant")))

    def funnel_share(self, candidates: int | None = None) -> dict[str, float]:
        """The funnel's candidates (those it was measured with, unless given) as a share of each domain's documents."""
        c = candidates or self.funnel_candidates or 0
        return {d: c / n for d, n in self.docs_in.items()}


# --------------------------------------------------------------------------- the served width
def width_cost(
    embed: Callable[[list[str]], np.ndarray], docs: Corpus, dim: int,
    query_ids: Mapping[str, Mapping[str, Sequence[str] | int | None]], format_query: Callable[[str, str | None], str],
) -> dict[str, dict[str, dict[str, float]]]:
    """What serving at ``dim`` costs against the model's native width, per domain and query set.

    ``docs.vectors`` are the native-width document vectors; ``embed`` embeds queries at native width;
    ``query_ids`` maps a label (e.g. "held-out", "test") to ``{domain: (split, ids or a number)}``. Exact dense
    search at both widths over the domain's documents, paired per query: ``{domain: {label: {"native",
    "served", "delta", "p", "queries"}}}``. Empty when ``dim`` is the native width (nothing to measure).
    """
    if docs.vectors is None:
        raise ValueError("index the corpus first (index_corpus): width_cost needs its native vectors")
    if dim >= docs.vectors.shape[1]:
        return {}
    out: dict[str, dict[str, dict[str, float]]] = {}
    for d in sorted(set(docs.domains), key=docs.domains.index):
        rows = [i for i, x in enumerate(docs.domains) if x == d]
        dv, ids = docs.vectors[rows], [docs.ids[i] for i in rows]
        for label, per_domain in query_ids.items():
            split, which = per_domain[d]
            rs = query_set(d, split, which)
            qv = np.asarray(embed([format_query(q, d) for q in rs.query_texts]), dtype=np.float32)
            native = search_dense(qv, dv, rs.query_ids, ids)
            served = search_dense(truncate_and_normalize(qv, dim), truncate_and_normalize(dv, dim), rs.query_ids, ids)
            c = compare(rs.qrels, native, served)
            out.setdefault(d, {})[label] = {"native": c.mean_a, "served": c.mean_b, "delta": c.delta,
                                            "p": c.p_value, "queries": len(rs.queries)}
    return out


def width_line(domain: str, model: str, dim: int, native: int, cost: Mapping[str, Mapping[str, float]],
               tolerance: float) -> str:
    """One sentence on what ``dim`` costs ``model`` in ``domain``, from :func:`width_cost`'s numbers."""
    h, t = cost["held-out"], cost["test"]
    sig = "more than noise" if t["p"] < SIGNIFICANT else "within noise"
    advice = (f"more than the tolerance {tolerance} on held-out queries: serve this model at its native width "
              "(USE_INDEX_CHOICE = False) or choose a width for it" if -h["delta"] > tolerance else
              f"within the tolerance {tolerance} on held-out queries: keep {dim} dims for it")
    return (f"width for {domain} ({model}): {dim} instead of {native} dims changes nDCG@10 by {h['delta']:+.3f} on "
            f"{h['queries']:.0f} held-out queries and by {t['delta']:+.3f} on {t['queries']:.0f} test queries "
            f"({t['native']:.3f} -> {t['served']:.3f}, p = {t['p']:.2g}, {sig}): {advice}")


# --------------------------------------------------------------------------- choosing a route
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


def choose_routes(
    held_out: Measurement, test: Measurement, variants: Sequence[str], tolerance: float, sources: Mapping[str, str],
) -> tuple[dict[str, dict[str, Any]], Choice]:
    """Each domain's route chosen on its held-out queries (:func:`choose_variant`, stated stage costs), and
    what that choice costs on test: the chosen route against the variant that scored best on test, paired.

    Returns ``({domain: record}, the route for queries without a domain)``; the record holds the choice, its
    reason, the query counts and the test numbers (:func:`route_line` writes them as a sentence).
    """
    runnable = [v for v in variants if v != BM25]
    cost = {v: stage_cost(v) for v in runnable}
    frame = held_out.frame()
    routes: dict[str, dict[str, Any]] = {}
    for d in held_out.qrels:
        c = choose_variant({v: float(frame.loc[(d, v), "nDCG@10"]) for v in runnable}, cost, tolerance)
        test_scores = {v: float(test.tables[(d, v)]["nDCG@10"].mean()) for v in runnable}
        top = max(test_scores, key=lambda v: test_scores[v])
        cmp = compare(test.qrels[d], test.runs[(d, c.variant)], test.runs[(d, top)]) if top != c.variant else None
        routes[d] = {"variant": c.variant, "best_held_out": c.best, "lead": c.lead, "reason": c.reason,
                     "held_out_queries": int(frame.loc[(d, c.variant), "queries"]), "held_out_from": sources[d],
                     "test_queries": len(test.qrels[d]), "test_chosen": test_scores[c.variant], "test_best": top,
                     "test_best_score": test_scores[top], "test_cost": test_scores[top] - test_scores[c.variant],
                     "test_p": cmp.p_value if cmp else 1.0}
    pooled = {v: float((frame.xs(v, level="variant")["nDCG@10"] * frame.xs(v, level="variant")["queries"]).sum()
                       / frame.xs(v, level="variant")["queries"].sum()) for v in runnable}
    return routes, choose_variant(pooled, cost, tolerance)


def route_line(domain: str, r: Mapping[str, Any]) -> str:
    """The route sentence for ``domain`` from a :func:`choose_routes` record (choice, and its test cost)."""
    head = (f"route for {domain}: {r['variant']}, chosen on {r['held_out_queries']} held-out queries "
            f"({r['held_out_from']}): {r['reason']}. On {r['test_queries']} test queries ")
    if r["test_best"] == r["variant"]:
        return head + f"it is also the best variant (nDCG@10 {r['test_chosen']:.3f}): the choice cost nothing"
    sig = "a significant cost" if r["test_p"] < SIGNIFICANT else "within noise"
    return head + (f"{r['test_best']} scores {r['test_cost']:+.3f} above it ({r['test_best_score']:.3f} vs "
                   f"{r['test_chosen']:.3f}, p = {r['test_p']:.2g}): the choice costs {r['test_cost']:.3f} nDCG@10 on test, "
                   f"{sig}")


def routes_table(routes: Mapping[str, Mapping[str, Any]]) -> pd.DataFrame:
    cols = {"variant": "chosen (held-out)", "best_held_out": "best on held-out", "held_out_queries": "held-out queries",
            "test_chosen": "test nDCG@10: chosen", "test_best": "best on test", "test_best_score": "test nDCG@10: best",
            "test_cost": "test cost of the choice", "test_p": "p (Wilcoxon)"}
    frame = pd.DataFrame.from_dict(routes, orient="index")[list(cols)].rename(columns=cols)
    return frame.infer_objects().round(4)


# --------------------------------------------------------------------------- tables and verdict sentences
def paired_table(measured: Measurement, variants: Sequence[str]) -> pd.DataFrame:
    """Per domain and variant against dense-only on test: wins, losses, ties, the change and the Wilcoxon p."""
    rows = {}
    for d in measured.qrels:
        for v in variants:
            if v == DENSE:
                continue
            c = compare(measured.qrels[d], measured.runs[(d, DENSE)], measured.runs[(d, v)], "nDCG@10")
            rows[(d, v)] = {"wins": c.wins, "losses": c.losses, "ties": c.ties, "Δ nDCG@10": round(c.delta, 3),
                            "p (Wilcoxon)": round(c.p_value, 4)}
    frame = pd.DataFrame.from_dict(rows, orient="index")
    frame.index.names = ["domain", "variant"]
    return frame


def overall_table(measured: Measurement, results: pd.DataFrame, variants: Sequence[str]) -> pd.DataFrame:
    """Per variant: each metric's mean over all test queries of the domains, and the median of the domains'
    median latencies."""
    from utils.search.evaluate import METRIC_LABELS

    return pd.DataFrame({v: {**pd.concat([measured.tables[(d, v)] for d in measured.qrels]).mean()
                             .rename(METRIC_LABELS).to_dict(),
                             "ms/query (median)": float(results.xs(v, level="variant")["ms/query (median)"].median())}
                         for v in variants}).T


def delta_table(results: pd.DataFrame, overall: pd.DataFrame, variants: Sequence[str]) -> pd.DataFrame:
    """The change in nDCG@10 over dense-only per domain, and over all domains' queries together."""
    base = results.xs(DENSE, level="variant")["nDCG@10"]
    table = results["nDCG@10"].sub(base, level="domain").unstack("variant")[list(variants)]
    table.loc["all domains"] = [overall.loc[v, "nDCG@10"] - overall.loc[DENSE, "nDCG@10"] for v in variants]
    return table.drop(columns=DENSE).rename(columns=lambda c: f"Δ nDCG@10: {c}")


def hybrid_line(domain: str, c: Mapping[str, Any]) -> str:
    """The hybrid-vs-dense sentence of one domain from its row of :func:`paired_table`."""
    word = (("helps" if c["Δ nDCG@10"] > 0 else "hurts") if c["p (Wilcoxon)"] < SIGNIFICANT
            else "makes no clear difference (p >= 0.05)")
    return (f"hybrid vs dense in {domain}: {c['Δ nDCG@10']:+.3f} nDCG@10 ({c['wins']:.0f} wins, {c['losses']:.0f} losses, "
            f"p = {c['p (Wilcoxon)']:.3g}): it {word}")


def tails_table(results: pd.DataFrame) -> pd.DataFrame:
    """Median and p95 per query, and the embedding call's p95, per domain and variant."""
    cols = ["ms/query (median)", "ms/query (p95)", "embed ms (p95)"]
    return results[cols].round(1).unstack("variant").swaplevel(axis=1).sort_index(axis=1)


def tail_line(results: pd.DataFrame, plan: Plan) -> str:
    """Where the slowest tail (largest p95 per query) spends its time: the embedding call or the search."""
    slow = results["ms/query (p95)"].idxmax()
    p95, med, emb = (float(results.loc[slow, c]) for c in ("ms/query (p95)", "ms/query (median)", "embed ms (p95)"))
    part = "the embedding call" if emb >= 0.5 * p95 else "the search and second stage (Milvus, BM25, rescoring)"
    return (f"slowest tail: {slow[0]}, {slow[1]}: p95 {p95:.0f} ms (median {med:.0f}), of which the embedding call's "
            f"p95 is {emb:.0f} ms: the tail is in {part}. {slow[0]} is served by {plan.model_of(slow[0])} in "
            f"collection {plan.collection_of(slow[0])}.")


def funnel_line(domain: str, label: str, share: float, c: Mapping[str, Any]) -> str:
    """The funnel-vs-dense sentence of one domain from its row of :func:`paired_table`."""
    return (f"funnel vs dense in {domain} ({label}, {share:.1%} of the documents rescored): "
            f"{c['Δ nDCG@10']:+.3f} nDCG@10, p = {c['p (Wilcoxon)']:.3g}")


def verdicts(
    paired: pd.DataFrame, funnel: str, funnel_labels: Mapping[str, str], runs: Runs,
    routes: Mapping[str, Mapping[str, Any]], tail: str, plan: Plan, native_dim: int, tolerance: float,
) -> list[str]:
    """Every outcome sentence of section 7, in order: hybrid and funnel against dense per domain, what the
    served width costs each model, the routes and their test cost, the slowest tail."""
    out = [hybrid_line(d, paired.loc[(d, HYBRID)].to_dict()) for d in DOMAINS]
    share = runs.funnel_share()
    out += [funnel_line(d, funnel_labels[d], share[d], paired.loc[(d, funnel)].to_dict()) for d in DOMAINS]
    widths = [width_line(d, plan.model_of(d), runs.dim or native_dim, native_dim, c, tolerance) for d, c in runs.width.items()]
    return out + (widths or [NATIVE_WIDTH_LINE]) + [route_line(d, r) for d, r in routes.items()] + [tail]



def lesson_numbers(results: pd.DataFrame) -> tuple[dict[str, float], dict[str, float], str, str]:
    """BM25's gap to dense and hybrid's gain over dense per domain; the domains where BM25 is strongest and
    weakest relative to dense (the hybrid lesson compares hybrid's gain in those two)."""
    gap = {d: float(results.loc[(d, BM25), "nDCG@10"] - results.loc[(d, DENSE), "nDCG@10"]) for d in DOMAINS}
    gain = {d: float(results.loc[(d, HYBRID), "nDCG@10"] - results.loc[(d, DENSE), "nDCG@10"]) for d in DOMAINS}
    return gap, gain, max(gap, key=gap.__getitem__), min(gap, key=gap.__getitem__)


# --------------------------------------------------------------------------- examples
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


def content_words(text: str) -> set[str]:
    """Lower-cased words longer than three letters, punctuation stripped (what a miss shares with its document)."""
    words = (w.strip(".,?!:;()'\"").lower() for w in text.split())
    return {w for w in words if len(w) > 3}


def miss_report(rs: RetrievalSet, query_id: str | None, top: Any, k: int) -> str:
    """A missed query, the document it should have found, what came first, and the content words the query
    shares with that document (none: only the model's knowledge could connect them)."""
    if query_id is None:
        return f"every {rs.name} test query found its judged document in the top {k}: no miss to show on this run"
    query, rel_id = rs.queries[query_id].text, next(iter(rs.qrels[query_id]))
    relevant = rs.corpus[rel_id].full_text
    shared = sorted(content_words(query) & content_words(relevant))
    return "\n".join([
        f"query ({query_id}): {query}", f"judged relevant ({rel_id}): {relevant[:160]}...",
        f"ranked first instead ({top.id}): {top.text[:160]}...",
        f"content words the query shares with its relevant document: {', '.join(shared) or 'none'}"
        + ("" if shared else ": a vocabulary gap that only the model's knowledge could bridge")])


# --------------------------------------------------------------------------- plots
def plot_paired(paired: pd.DataFrame, variants: Sequence[str]) -> Any:
    """Bars of each variant's change against dense-only per domain; a star marks p < 0.05. Legend outside."""
    import matplotlib.pyplot as plt

    others = [v for v in variants if v != DENSE]
    d_plot = paired["Δ nDCG@10"].astype(float).unstack("variant")[others]
    p_plot = paired["p (Wilcoxon)"].astype(float).unstack("variant")[others]
    fig, ax = plt.subplots(figsize=(11, 3.6))
    d_plot.plot.bar(ax=ax, width=0.8)
    for container, v in zip(ax.containers, d_plot.columns, strict=True):
        for bar, d in zip(container, d_plot.index, strict=True):
            if p_plot.loc[d, v] < SIGNIFICANT:
                y = bar.get_height()
                ax.annotate("*", (bar.get_x() + bar.get_width() / 2, y), ha="center",
                            va="bottom" if y >= 0 else "top", fontsize=12)
    ax.axhline(0, color="black", linewidth=0.8)
    ax.margins(y=0.12)  # room for the stars
    ax.set(ylabel="Δ nDCG@10 vs dense-only", title="change against dense-only per domain (* : Wilcoxon p < 0.05)")
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    ax.tick_params(axis="x", rotation=0)
    fig.tight_layout()
    return fig


def plot_variants(results: pd.DataFrame, variants: Sequence[str], title: str) -> Any:
    """nDCG@10 of every variant per domain, the legend outside the bars."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(11, 3.6))
    results["nDCG@10"].unstack("variant")[list(variants)].plot.bar(ax=ax, width=0.8)
    ax.set(ylabel="nDCG@10 (higher is better)", title=title, ylim=(0, 1))
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    ax.tick_params(axis="x", rotation=0)
    fig.tight_layout()
    return fig


# --------------------------------------------------------------------------- sizing
@dataclass
class Scale:
    """Section 6's numbers: what the Milvus Lite folder holds and weighs, which index it built, this machine's
    RAM and how many vectors fit in half of it, and Milvus's own search time per query."""

    dim: int
    precision: str
    rows: int
    db_bytes: float
    index: str
    hnsw_built: bool
    lite: bool
    ram: int
    milvus_ms: float

    @property
    def fit_half_ram(self) -> int:
        """float32 vectors with HNSW level-0 links (M=16) that fit in half of the RAM."""
        return int(self.ram / 2 // (self.dim * 4 + 128))

    def move_line(self) -> str:
        """When to move from Milvus Lite to a server: the smaller of the published figure and what fits in RAM."""
        return (f"move to a Milvus server at about min(published 1M, computed {self.fit_half_ram:,}) = "
                f"{min(1_000_000, self.fit_half_ram):,} vectors at {self.dim} dims, or earlier when several processes "
                "must write to the same collection")

    def lines(self) -> str:
        return (f"Milvus Lite folder: {self.db_bytes / 2**20:.2f} MiB for {self.rows} rows (main and funnel collections "
                f"of every model); index in use: {self.index}")

    def sizing_table(self) -> pd.DataFrame:
        """Bytes per vector and vectors per GiB: float32 as stored, with HNSW links, at notebook 03's precision,
        and measured (the Milvus Lite folder's bytes over its rows)."""
        d, per_row = self.dim, self.db_bytes / self.rows
        hnsw = "float32 + HNSW links (M=16): what a Milvus server adds" + (
            ", and this Milvus Lite built" if self.hnsw_built and self.lite else "")
        table = pd.DataFrame({
            f"float32 x {d} (what Milvus stores here)": (d * 4, vectors_per_gib(d, "float32")),
            hnsw: (d * 4 + 128, vectors_per_gib(d, "float32", hnsw_m=16)),
            f"{self.precision} x {d} (notebook 03's precision)": (2**30 / vectors_per_gib(d, self.precision),
                                                                  vectors_per_gib(d, self.precision)),
            "measured: Milvus Lite folder / rows (all files)": (per_row, 2**30 / per_row),
        }, index=["bytes/vector", "vectors per GiB"]).T
        return table.round(0).astype("Int64")

    def thresholds_table(self) -> pd.DataFrame:
        """When to move from Milvus Lite to a server: computed, published and measured numbers, written out."""
        search = f"Milvus Lite search, measured here (ms/query, {self.rows} rows, {'HNSW' if self.hnsw_built else 'exact'} search)"
        values = {
            "RAM on this machine (GiB)": f"{self.ram / 2**30:,.2f}",
            f"float32 x {self.dim} + HNSW-link vectors in half of it (computed)": f"{self.fit_half_ram:,}",
            "Milvus Lite, published guidance (vectors)": f"{1_000_000:,}",
            "Milvus Standalone, published upper figure (vectors)": f"{100_000_000:,}",
            search: f"{self.milvus_ms:,.2f}",
        }
        return pd.Series(values).to_frame("value")


def scaling(store: MilvusStore, uri: str, collections: Iterable[str], precision: str, probe: np.ndarray, k: int) -> Scale:
    """Measure section 6's numbers: rows in every main and funnel collection, the folder's bytes, the index
    in use (a Milvus Lite diagnostic), RAM, and Milvus's search time for the ``probe`` vectors (no embedding)."""
    from utils.search.store import disk_usage, index_in_use, lite_index_files

    rows = 0
    for name in collections:
        for c in (name, name + "_funnel"):
            if store.client.has_collection(c):
                with MilvusStore(uri, c) as s:
                    rows += s.count()
    store.search(probe[:1], k=k)  # warm-up
    t = time.perf_counter()
    for v in probe:
        store.search(v, k=k)
    ms = (time.perf_counter() - t) * 1000 / len(probe)
    return Scale(store.dim, precision, rows, disk_usage(uri) if store.is_lite else float("nan"), index_in_use(store),
                 "hnsw" in lite_index_files(store) if store.is_lite else True, store.is_lite,
                 os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"), ms)


async def throughput(client: EmbeddingClient, texts: Sequence[str], concurrency: int = 8) -> tuple[float, float]:
    """Single-query requests per second: one at a time, then ``concurrency`` in flight (``await`` it)."""
    t = time.perf_counter()
    for q in texts:
        client.embed([q])
    sequential = len(texts) / (time.perf_counter() - t)
    t = time.perf_counter()
    await client.aembed(list(texts), batch_size=1, max_concurrency=concurrency)
    return sequential, len(texts) / (time.perf_counter() - t)


def qps_record(seq_qps: float, conc_qps: float, target: int) -> dict[str, float]:
    """The serving numbers of section 6: measured queries per second and the servers needed for ``target``."""
    return {"qps_sequential": seq_qps, "qps_concurrent": conc_qps, "target_qps": target,
            "servers_needed": math.ceil(target / conc_qps)}


def serving_line(mode: str, seq_qps: float, conc_qps: float, target: int) -> str:
    q = qps_record(seq_qps, conc_qps, target)
    return (f"{mode} server: about {conc_qps:.0f} single-query requests/s -> {q['servers_needed']} server(s) for "
            f"{target} queries/s; 8 in flight vs one at a time: {conc_qps / seq_qps:.2f}x (measured in section 5)")


def serving_table(seq_qps: float, conc_qps: float, target: int) -> pd.DataFrame:
    q = qps_record(seq_qps, conc_qps, target)
    values = {"queries/s, one request at a time (measured)": f"{seq_qps:,.1f}",
              "queries/s, 8 in flight (measured)": f"{conc_qps:,.1f}", "target queries/s (parameter)": f"{target:,}",
              "embedding servers needed (computed)": f"{q['servers_needed']:,}"}
    return pd.Series(values).to_frame("value")


def rounded(scores: Mapping[str, float], digits: int = 4) -> dict[str, float]:
    """A ``{name: score}`` dict with readable scores (RRF sums are long fractions)."""
    return {k: round(float(v), digits) for k, v in scores.items()}


NATIVE_WIDTH_LINE = "width: every model is served at its native width: no width cost to measure"


def pooled_gap(measured: Measurement, domains: Sequence[str] | None, variant: str, baseline: str = DENSE) -> float:
    """``variant``'s nDCG@10 minus ``baseline``'s over all test queries of ``domains`` (None: all) together."""
    domains = list(domains or measured.qrels)
    a, b = (pd.concat([measured.tables[(d, v)] for d in domains])["nDCG@10"].mean() for v in (variant, baseline))
    return float(a - b)


def results_record(
    runs: Runs, results: pd.DataFrame, overall: pd.DataFrame, paired: pd.DataFrame, names: Sequence[str],
    funnel_labels: Mapping[str, str], routes: Mapping[str, Mapping[str, Any]], pooled: Choice,
    verdict_lines: Sequence[str], checks: Any, scale: Scale, *, dims: Mapping[str, int], funnel_candidates: int,
    tolerance: float, qps: Mapping[str, float], examples: Mapping[str, Any],
) -> dict[str, Any]:
    """Notebook 05's key results for its JSON file (read by tests/test_nb_05_production_pipeline.py)."""
    gap, gain, _, _ = lesson_numbers(results)
    kinds = {DENSE: "dense", BM25: "bm25", HYBRID: "hybrid", RERANK_DENSE: "reranker", RERANK_HYBRID: "hybrid reranker"}
    return {
        **dims, "funnel_candidates": funnel_candidates, "funnel_candidates_share": runs.funnel_share(funnel_candidates),
        "funnel_first_stage": dict(funnel_labels), "docs_per_domain": dict(runs.docs_in),
        "n_queries_per_domain": {d: int(results.loc[(d, DENSE), "queries"]) for d in DOMAINS},
        "overall": {v: {"nDCG@10": float(overall.loc[v, "nDCG@10"]), "Recall@10": float(overall.loc[v, "Recall@10"]),
                        "ms_per_query_median": float(overall.loc[v, "ms/query (median)"])} for v in names},
        "metrics": {d: {v: results.loc[(d, v)].drop("queries").to_dict() for v in names} for d in DOMAINS},
        "paired": {f"{d} / {v}": row.to_dict() for (d, v), row in paired.iterrows()},
        "variants": {v: kinds.get(v, "funnel") for v in names}, "hybrid_gain": gain, "bm25_gap": gap,
        "lesson_checks": checks.as_dicts(), "reranker_used": RERANK_DENSE in names,
        "routes": {d: dict(r) for d, r in routes.items()}, "best_by_domain": {d: r["variant"] for d, r in routes.items()},
        "best_variant": pooled.variant, "chose_within_tolerance": tolerance, "width_cost": dict(runs.width),
        "verdicts": list(verdict_lines), "examples": dict(examples), "index_in_use": scale.index,
        "milvus": {"uri_kind": "lite" if scale.lite else "server", "rows_stored": scale.rows, "bytes_on_disk": scale.db_bytes,
                   "search_ms": scale.milvus_ms, "hnsw_built": scale.hnsw_built},
        "scaling": {"vectors_per_gib_float32": vectors_per_gib(scale.dim, "float32"),
                    "vectors_per_gib_float32_hnsw16": vectors_per_gib(scale.dim, "float32", hnsw_m=16),
                    "vectors_per_gib_precision": vectors_per_gib(scale.dim, scale.precision),
                    "measured_bytes_per_row": scale.db_bytes / scale.rows, "fit_half_ram": scale.fit_half_ram, **qps},
    }
