"""Notebook 06's measurements: ways of reading long documents, scored per query, with their price, the
choice among them on train queries, the verdict sentences and the plots.

Introduced in notebook 06_long_documents. ``utils.data.longtext`` holds the long-text policy (truncate with a
warning, token-window chunks with offsets, best-chunk scoring); this module measures each way of reading
a long-document set against its judgements, so the notebook calls it and shows tables. Every function
takes what it needs and returns a value: nothing is kept between calls.

Each long-document set ships **train** and **test** queries over one corpus. Every reading is measured on
both: a condition (a chunking, an aggregation) is *chosen* on the train queries and *reported* on the test
queries, with a paired test against the alternatives, so that no winner is named inside the noise of a few
dozen documents.
"""

from __future__ import annotations

import html
import time
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from utils.data import longtext
from utils.data.beir import Query, RetrievalSet, load_beir
from utils.paths import REPO_ROOT
from utils.search.evaluate import Comparison, by_tag, compare, ids_to_run, per_query, top_k

Embed = Callable[[list[str]], np.ndarray]
Run = dict[str, dict[str, float]]
POSITIONS = ("needle_first", "needle_middle", "needle_last", "whole_document")
SIGNIFICANT = 0.05  # p below which a paired difference is called more than noise


# --------------------------------------------------------------------------- the data
@dataclass(frozen=True)
class LongSet:
    """One long-document set: one corpus, its test and train queries together (``split`` says which is
    which), and the needles (where each query's relevant section sits)."""

    domain: str
    rs: RetrievalSet
    split: dict[str, str]
    needles: pd.DataFrame

    def ids(self, split: str) -> list[str]:
        return [q for q in self.rs.query_ids if self.split[q] == split]

    def qrels(self, split: str) -> dict[str, dict[str, int]]:
        return {q: self.rs.qrels[q] for q in self.ids(split)}


def load_long(domain: str, n_docs: int | None = None) -> LongSet:
    """``data/long_<domain>``: test and train queries over one corpus; with ``n_docs``, the first ``n_docs``
    documents and only the queries whose judged documents are among them."""
    folder = REPO_ROOT / "data" / f"long_{domain}"
    parts = {split: load_beir(folder, split) for split in ("test", "train")}
    corpus = parts["test"].corpus
    keep = set(list(corpus)[:n_docs]) if n_docs else set(corpus)
    queries: dict[str, Query] = {}
    qrels: dict[str, dict[str, int]] = {}
    split: dict[str, str] = {}
    for name, rs in parts.items():
        for q in rs.query_ids:
            if set(rs.qrels[q]) <= keep:
                queries[q], qrels[q], split[q] = rs.queries[q], rs.qrels[q], name
    rs = RetrievalSet(f"long_{domain}", "test+train", {d: doc for d, doc in corpus.items() if d in keep}, queries, qrels)
    return LongSet(domain, rs, split, pd.read_csv(folder / "needles.tsv", sep="\t").set_index("query-id"))


def tokenizer_for(settings: Any, tokenizer: str | None) -> tuple[Any, int]:
    """The served model's own tokenizer (chunks are cut with it) and the tokens the model reads; a clear error
    when there is no folder to read them from (openai mode without ``TOKENIZER``)."""
    from transformers import AutoTokenizer

    path = tokenizer or settings.model_path
    if not path:
        raise ValueError("set TOKENIZER to the served model's tokenizer folder: chunking needs the model's own tokenizer")
    return AutoTokenizer.from_pretrained(path), longtext.model_token_limit(path)


def overview(sets: Mapping[str, LongSet], tokenizer: Any) -> pd.DataFrame:
    """Per domain: documents, test and train queries, test queries per needle position, tokens per document."""
    rows = {}
    for d, ls in sets.items():
        tokens = [len(ids) for ids in tokenizer(ls.rs.doc_texts, verbose=False)["input_ids"]]
        test = [ls.rs.queries[q] for q in ls.ids("test")]
        rows[d] = {"documents": len(ls.rs.corpus), "test queries": len(test), "train queries": len(ls.ids("train")),
                   **{f"test: {p}": sum(p in q.tags for q in test) for p in POSITIONS},
                   "tokens (min)": min(tokens), "tokens (median)": int(np.median(tokens)), "tokens (max)": max(tokens)}
    return pd.DataFrame(rows).T.astype(int)


def query_texts(ls: LongSet, is_qwen3: bool) -> list[str]:
    """The queries as the model expects them: with the domain's instruction on Qwen3, bare otherwise."""
    from utils.serving.instructions import query_for

    return [query_for(q, ls.domain) if is_qwen3 else q for q in ls.rs.query_texts]


# --------------------------------------------------------------------------- the ways of reading
@dataclass(frozen=True)
class Reading:
    """One way of reading a document: its first ``tokens`` tokens (``truncate``), token windows of ``spec``
    (``chunks``), or the same windows with the title and heading prepended (``contextual``)."""

    kind: str
    tokens: int | None = None
    spec: longtext.ChunkSpec | None = None


def conditions(truncate: int, whole: int, sizes: Sequence[int], overlaps: Sequence[float], context_size: int,
               limit: int, special: int) -> dict[str, Reading]:
    """Every condition the notebook measures, by name: truncation, the whole document when the model reads
    more than the truncation (Qwen3), each chunk size and overlap that fits the model, and the contextual
    chunks with their bare twin."""
    out = {f"truncate {truncate}": Reading("truncate", truncate)}
    if whole > truncate:
        out[f"whole (up to {whole})"] = Reading("truncate", whole)
    for size in sizes:
        if size > limit:
            continue
        for share in overlaps:
            spec = longtext.ChunkSpec(size, int(round(share * (size - special))))
            out[f"chunks {spec}"] = Reading("chunks", spec=spec)
    bare = longtext.ChunkSpec(context_size, 0)
    out.setdefault(f"chunks {bare}", Reading("chunks", spec=bare))
    out[f"contextual {bare}"] = Reading("contextual", spec=bare)
    return out


@dataclass(frozen=True)
class Measured:
    """One way of reading one domain's documents: the run and per-query metrics over its test and train
    queries, and what it cost.

    ``cost`` holds ``vectors``, ``docs``, ``tokens`` (embedded, special tokens included), ``seconds`` and
    ``dim``; ``chunks``/``vectors`` are kept for chunked readings, to rescore or show passages; ``note``
    says in plain words what a truncation cut (``None`` when nothing was cut).
    """

    per_query: pd.DataFrame
    cost: dict[str, float]
    chunks: list[longtext.Chunk] | None = None
    vectors: np.ndarray | None = None
    run: Run = field(default_factory=dict)
    note: str | None = None


def _scored(rs: RetrievalSet, scores: np.ndarray, depth: int = 100) -> tuple[Run, pd.DataFrame]:
    run = ids_to_run(*top_k(scores, depth), rs.query_ids, rs.doc_ids)
    return run, per_query(rs.qrels, run)


def truncation_note(counts: Sequence[int], limit: int) -> str | None:
    """What truncation to ``limit`` tokens cut, in the notebook's words (the library's warning names command-line
    options that mean nothing in a notebook); ``None`` when nothing was cut."""
    over = [n for n in counts if n > limit]
    if not over:
        return None
    lost = sum(n - limit for n in over)
    return (f"truncation to {limit} tokens cut {len(over)} of {len(counts)} documents: {lost:,} of their "
            f"{sum(counts):,} tokens ({lost / sum(counts):.0%}) were not read; the chunked conditions read them")


def measure_truncated(rs: RetrievalSet, query_vecs: np.ndarray, embed: Embed, tokenizer: Any, max_tokens: int) -> Measured:
    """One vector per document from its first ``max_tokens`` tokens (cut on the client side). The library's
    truncation warning is caught and said in plain words (``Measured.note``)."""
    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # said below in the notebook's terms
        texts, counts = longtext.truncate_texts(rs.doc_texts, tokenizer, max_tokens)
    dv = embed(texts)
    cost = {"vectors": len(texts), "docs": len(rs.corpus), "tokens": sum(min(n, max_tokens) for n in counts),
            "seconds": time.perf_counter() - t0, "dim": dv.shape[1]}
    run, table = _scored(rs, query_vecs @ dv.T)
    return Measured(table, cost, run=run, note=truncation_note(counts, max_tokens))


def measure_chunked(
    rs: RetrievalSet,
    query_vecs: np.ndarray,
    embed: Embed,
    tokenizer: Any,
    spec: longtext.ChunkSpec,
    context: Callable[[longtext.Chunk], str] | None = None,
) -> Measured:
    """Every token window of ``spec`` embedded (``context(chunk)`` prepended if given); document = best chunk."""
    t0 = time.perf_counter()
    chunks, cv = longtext.embed_chunks(rs.doc_texts, embed, tokenizer, spec, context=context)
    scores, _ = longtext.document_scores(query_vecs @ cv.T, chunks, len(rs.corpus), "max")
    embedded = [(context(c) if context else "") + c.text for c in chunks]
    tokens = sum(len(ids) for ids in tokenizer(embedded, verbose=False)["input_ids"])
    cost = {"vectors": len(chunks), "docs": len(rs.corpus), "tokens": tokens, "seconds": time.perf_counter() - t0, "dim": cv.shape[1]}
    run, table = _scored(rs, scores)
    return Measured(table, cost, chunks, cv, run)


def measure(rs: RetrievalSet, query_vecs: np.ndarray, embed: Embed, tokenizer: Any, reading: Reading) -> Measured:
    """Measure one :class:`Reading` of ``rs``'s documents against all of its queries."""
    if reading.kind == "truncate":
        return measure_truncated(rs, query_vecs, embed, tokenizer, int(reading.tokens or 0))
    context = title_and_heading(rs) if reading.kind == "contextual" else None
    return measure_chunked(rs, query_vecs, embed, tokenizer, reading.spec, context=context)


def rescore(rs: RetrievalSet, query_vecs: np.ndarray, measured: Measured, how: str) -> Measured:
    """The same chunk vectors with another document score (``max``, ``mean``, ``first``, ``topK``)."""
    if measured.chunks is None or measured.vectors is None:
        raise ValueError("rescore needs a chunked measurement (measure_chunked)")
    scores, _ = longtext.document_scores(query_vecs @ measured.vectors.T, measured.chunks, len(rs.corpus), how)
    run, table = _scored(rs, scores)
    return replace(measured, per_query=table, run=run)


def title_and_heading(rs: RetrievalSet) -> Callable[[longtext.Chunk], str]:
    """The context line of a contextual chunk: ``"{title} > {nearest heading above}\\n"``."""
    titles, texts = [doc.title for doc in rs.corpus.values()], rs.doc_texts
    return lambda c: f"{titles[c.doc]} > {longtext.heading_before(texts[c.doc], c.start)}\n"


# --------------------------------------------------------------------------- tables
@dataclass(frozen=True)
class _Queries:  # what utils.search.evaluate.by_tag reads: .queries with their tags
    queries: Mapping[str, Any]


def quality_row(tables: Sequence[pd.DataFrame], queries: Mapping[str, Any], positions: Sequence[str]) -> dict[str, float]:
    """Pooled nDCG@10 and Recall@10 over the domains' per-query tables, and nDCG@10 per needle position."""
    t = pd.concat(list(tables))
    row = {"nDCG@10": float(t["nDCG@10"].mean()), "Recall@10": float(t["R@10"].mean()), "queries": float(len(t))}
    tags = by_tag(t, _Queries(queries), "nDCG@10")
    row.update({f"nDCG@10 {p.replace('needle_', '')}": float(tags.get(p, np.nan)) for p in positions})
    return row


def split_tables(measured: Mapping[tuple[str, str], Measured], sets: Mapping[str, LongSet], cond: str,
                 split: str) -> list[pd.DataFrame]:
    return [measured[cond, d].per_query.loc[ls.ids(split)] for d, ls in sets.items()]


def quality_table(measured: Mapping[tuple[str, str], Measured], sets: Mapping[str, LongSet], conds: Sequence[str],
                  split: str = "test") -> pd.DataFrame:
    """One row per condition: pooled quality over the domains' ``split`` queries, by needle position."""
    queries = {q: query for ls in sets.values() for q, query in ls.rs.queries.items()}
    frame = pd.DataFrame({c: quality_row(split_tables(measured, sets, c, split), queries, POSITIONS) for c in conds}).T
    frame["queries"] = frame["queries"].astype(int)
    frame.index.name = "condition"
    return frame


def ndcg_by_query(tables: Sequence[pd.DataFrame]) -> pd.Series:
    """nDCG@10 per query id, the domains pooled (for paired comparisons)."""
    return pd.concat([t["nDCG@10"] for t in tables])


def pooled(measured: Mapping[tuple[str, str], Measured], sets: Mapping[str, LongSet], cond: str,
           split: str = "test") -> tuple[dict[str, dict[str, int]], Run]:
    """The domains' ``split`` qrels and ``cond``'s run over them, pooled (query ids are unique across domains)."""
    qrels: dict[str, dict[str, int]] = {}
    run: Run = {}
    for d, ls in sets.items():
        q = ls.qrels(split)
        qrels |= q
        run |= {k: v for k, v in measured[cond, d].run.items() if k in q}
    return qrels, run


def paired(measured: Mapping[tuple[str, str], Measured], sets: Mapping[str, LongSet], a: str, b: str,
           split: str = "test") -> Comparison:
    """``b`` against ``a`` on the pooled ``split`` queries: wins, losses and the Wilcoxon p-value."""
    qrels, run_a = pooled(measured, sets, a, split)
    return compare(qrels, run_a, pooled(measured, sets, b, split)[1])


def comparison_table(measured: Mapping[tuple[str, str], Measured], sets: Mapping[str, LongSet], a: str, b: str,
                     last: Sequence[str]) -> pd.DataFrame:
    """``b`` against ``a`` on all test queries and on the last-third needles: means, wins, losses, p."""
    rows = {}
    for label, keep in (("all test queries", None), ("last-third needles", set(last))):
        sub = {d: replace(ls, split={q: (s if keep is None or q in keep else "-") for q, s in ls.split.items()})
               for d, ls in sets.items()}
        c = paired(measured, sub, a, b)
        rows[label] = {"queries": c.wins + c.losses + c.ties, a: c.mean_a, b: c.mean_b, "wins": c.wins,
                       "losses": c.losses, "p (Wilcoxon)": c.p_value}
    return pd.DataFrame(rows).T.astype({"queries": int, "wins": int, "losses": int})


def price_table(quality: pd.DataFrame, costs: Mapping[str, Sequence[Mapping[str, float]]]) -> pd.DataFrame:
    """Per condition: nDCG@10, vectors per document, index size (float32, int8), tokens per document, seconds."""
    rows = {}
    for cond, per_domain in costs.items():
        docs, vectors = sum(c["docs"] for c in per_domain), sum(c["vectors"] for c in per_domain)
        rows[cond] = {
            "nDCG@10": quality.loc[cond, "nDCG@10"],
            "vectors/doc": vectors / docs,
            "index KB (float32)": vectors * per_domain[0]["dim"] * 4 / 1024,
            "index KB (int8)": vectors * per_domain[0]["dim"] / 1024,
            "tokens/doc": sum(c["tokens"] for c in per_domain) / docs,
            "seconds": sum(c["seconds"] for c in per_domain),
        }
    frame = pd.DataFrame(rows).T
    frame.index.name = "condition"
    return frame


def frame_to_dict(frame: pd.DataFrame) -> dict[str, dict[str, float | None]]:
    """A table as ``{row: {column: float or None}}`` for the results JSON."""
    return {str(i): {str(k): (None if pd.isna(v) else float(v)) for k, v in row.items()} for i, row in frame.iterrows()}


# --------------------------------------------------------------------------- choosing on train, reporting on test
def choose(train: Mapping[str, float], cost: Mapping[str, float], tolerance: float) -> tuple[str, str]:
    """The cheapest option (``cost``; ties: the first) within ``tolerance`` of the best ``train`` score, and the best."""
    best = max(train, key=lambda c: train[c])
    near = [c for c in train if train[c] >= train[best] - tolerance]
    return min(near, key=lambda c: (cost[c], list(train).index(c))), best


@dataclass(frozen=True)
class Chosen:
    """A choice made on train queries and its report on test: the test comparison against every other option."""

    what: str
    chosen: str
    best_train: str
    tolerance: float
    train: dict[str, float]
    test: dict[str, float]
    n_train: int
    n_test: int
    against: dict[str, dict[str, float]]  # option -> {"delta": option - chosen on test, "p": Wilcoxon p}

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def choose_and_report(measured: Mapping[tuple[str, str], Measured], sets: Mapping[str, LongSet], options: Sequence[str],
                      cost: Mapping[str, float], tolerance: float, what: str) -> Chosen:
    """Choose among ``options`` on the pooled train queries (:func:`choose`), report all of them on test."""
    q_train, q_test = quality_table(measured, sets, options, "train"), quality_table(measured, sets, options, "test")
    chosen, best = choose({o: float(q_train.loc[o, "nDCG@10"]) for o in options}, cost, tolerance)
    against = {}
    for o in options:
        if o != chosen:
            c = paired(measured, sets, chosen, o)
            against[o] = {"delta": c.delta, "p": c.p_value}
    return Chosen(what, chosen, best, tolerance, q_train["nDCG@10"].to_dict(), q_test["nDCG@10"].to_dict(),
                  int(q_train["queries"].iloc[0]), int(q_test["queries"].iloc[0]), against)


def chosen_line(c: Mapping[str, Any]) -> str:
    """The sentence for a :class:`Chosen` (as a dict): what was chosen on train, how it did on test, and whether
    anything beat it there by more than noise. No winner is named inside the noise."""
    ch = c["chosen"]
    head = (f"{c['what']}: chosen on {c['n_train']} train queries: {ch} (train nDCG@10 {c['train'][ch]:.3f}"
            + (f"; {c['best_train']} scored {c['train'][c['best_train']]:.3f}, within {c['tolerance']}: the cheaper "
               "(or first-listed) option is kept" if c["best_train"] != ch else "") + f"); on {c['n_test']} test queries it scores {c['test'][ch]:.3f}")
    better = {o: a for o, a in c["against"].items() if a["delta"] > 0 and a["p"] < SIGNIFICANT}
    worse = {o: a for o, a in c["against"].items() if a["delta"] < 0 and a["p"] < SIGNIFICANT}
    if better:
        o = max(better, key=lambda k: better[k]["delta"])
        return head + (f"; '{o}' scores {better[o]['delta']:+.3f} above it on test (p = {better[o]['p']:.2g}): "
                       "the choice cost that")
    tail = f"; it beats {_names(sorted(worse))} (p < {SIGNIFICANT})" if worse else ""
    ties = [o for o in c["against"] if o not in worse]
    return head + tail + (f"; against {_names(ties)} the test differences are within noise (p >= {SIGNIFICANT}): "
                          "no winner among them" if ties else "")


def _names(options: Sequence[str]) -> str:
    quoted = [f"'{o}'" for o in options]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def comparison_line(label: str, c: Comparison, extra: str = "") -> str:
    """``b`` vs ``a`` in words, from a paired comparison: helps/hurts only when p < 0.05."""
    word = (("helps" if c.delta > 0 else "hurts") if c.p_value < SIGNIFICANT else "makes no clear difference")
    return (f"{label}: {c.delta:+.3f} nDCG@10 on {c.wins + c.losses + c.ties} test queries ({c.wins} wins, {c.losses} "
            f"losses, p = {c.p_value:.2g}){extra}: it {word}")


def comparisons(measured: Mapping[tuple[str, str], Measured], sets: Mapping[str, LongSet], conds: Sequence[str],
                trunc: str, best: str, bare: str, ctx: str) -> dict[str, Comparison]:
    """The paired test comparisons the verdicts read: best chunk vs truncation, contextual vs bare chunks, and
    each overlap against the same size without it."""
    out = {f"best chunk vs truncation: {trunc} vs {best}": paired(measured, sets, trunc, best),
           f"contextual chunks: {bare} vs {ctx}": paired(measured, sets, bare, ctx)}
    for c in conds:
        base = c.rsplit(":", 1)[0] + ":0"
        if c.startswith("chunks ") and c != base and base in conds:
            out[f"overlap: {base} vs {c}"] = paired(measured, sets, base, c)
    return out


def chosen_table(chosen: Sequence[Chosen]) -> pd.DataFrame:
    """Every option of each choice: train and test nDCG@10, and on test its difference to the chosen one with p."""
    rows = {}
    for c in chosen:
        for o in c.train:
            a = c.against.get(o, {"delta": 0.0, "p": 1.0})
            rows[(c.what, o)] = {"chosen": "yes" if o == c.chosen else "", "train nDCG@10": c.train[o],
                                 "test nDCG@10": c.test[o], "test Δ vs chosen": a["delta"], "p (Wilcoxon)": a["p"]}
    frame = pd.DataFrame(rows).T
    frame.index.names = ["choice", "option"]
    return frame.infer_objects()


def results_record(settings: Any, sets: Mapping[str, LongSet], conds: Mapping[str, Reading], quality: pd.DataFrame,
                   aggregation: pd.DataFrame, price: pd.DataFrame, comps: Mapping[str, Comparison],
                   chosen: Sequence[Chosen], names: Mapping[str, Any], passages: pd.DataFrame,
                   verdict_lines: Sequence[str], checks: Any, tol: float, limits: Mapping[str, int]) -> dict[str, Any]:
    """Notebook 06's key results for its JSON file (read by tests/test_nb_06_long_documents.py)."""
    test_q = [q for ls in sets.values() for q in ls.ids("test")]
    tags = {q: query.tags for ls in sets.values() for q, query in ls.rs.queries.items()}
    last = quality.loc[names["best"], "nDCG@10 last"] - quality.loc[names["truncation"], "nDCG@10 last"]
    return {
        "mode": settings.mode, "model": settings.model_name, "is_qwen3": settings.is_qwen3, "smoke": settings.smoke,
        "domains": list(sets), **limits, **names, "conditions": list(conds),
        "n_docs": {d: len(ls.rs.corpus) for d, ls in sets.items()},
        "n_queries": {d: len(ls.ids("test")) for d, ls in sets.items()},
        "n_train_queries": {d: len(ls.ids("train")) for d, ls in sets.items()},
        "n_by_position": {p: sum(p in tags[q] for q in test_q) for p in POSITIONS},
        "specs": {c: {"size": r.spec.size, "overlap": r.spec.overlap} for c, r in conds.items() if r.kind == "chunks"},
        "quality": frame_to_dict(quality), "aggregation": frame_to_dict(aggregation), "price": frame_to_dict(price),
        "comparisons": {k: c.as_dict() for k, c in comps.items()}, "chosen": [c.as_dict() for c in chosen],
        "last_third": {"queries": names["n_last"], "truncation": float(quality.loc[names["truncation"], "nDCG@10 last"]),
                       "best_chunk": float(quality.loc[names["best"], "nDCG@10 last"]), "gap": float(last)},
        "passages": {"queries": len(passages),
                     "right_document": float(passages["right document"].mean()) if len(passages) else None,
                     "overlaps_needle": float(passages["passage overlaps needle"].mean()) if len(passages) else None},
        "verdicts": list(verdict_lines), "lesson_checks": checks.as_dicts(), "tol": tol,
    }


def verdicts(quality: pd.DataFrame, price: pd.DataFrame, trunc: str, best: str, whole: str | None,
             comparisons: Mapping[str, Comparison], chosen: Sequence[Mapping[str, Any]], tol: float) -> list[str]:
    """Every outcome sentence of section 10, from the tables and the paired comparisons."""
    pos = ["nDCG@10 first", "nDCG@10 middle", "nDCG@10 last"]
    q = quality
    out = [f"{trunc}: nDCG@10 {q.loc[trunc, 'nDCG@10']:.3f}; by needle position first/middle/last "
           + " / ".join(f"{q.loc[trunc, p]:.3f}" for p in pos),
           f"{best}, best chunk: nDCG@10 {q.loc[best, 'nDCG@10']:.3f}; first/middle/last "
           + " / ".join(f"{q.loc[best, p]:.3f}" for p in pos)]
    gap = q.loc[best, "nDCG@10 last"] - q.loc[trunc, "nDCG@10 last"]
    out.append(f"on last-third needles, chunking {'beats' if gap > tol else 'does not clearly beat'} truncation by "
               f"{gap:+.3f} nDCG@10 (the lesson's margin is {tol})")
    for label, c in comparisons.items():
        extra = ""
        if label.startswith(("contextual", "overlap")):
            a, b = label.split(": ", 1)[1].split(" vs ")
            extra = f", for {price.loc[b, 'tokens/doc'] / price.loc[a, 'tokens/doc'] - 1:+.0%} tokens"
        out.append(comparison_line(label, c, extra))
    out += [chosen_line(c) for c in chosen]
    if whole:
        out.append(f"{whole}: nDCG@10 {q.loc[whole, 'nDCG@10']:.3f}, last third {q.loc[whole, 'nDCG@10 last']:.3f}")
    return out


# --------------------------------------------------------------------------- passages
def top_chunks(sims: np.ndarray, n: int = 50) -> list[tuple[int, float]]:
    """The ``n`` best chunks of one query as ``(position, score)``, best first."""
    order = np.argsort(-sims)[:n]
    return [(int(j), float(sims[j])) for j in order]


def passage_row(ls: LongSet, query_id: str, top: longtext.DocHit) -> dict[str, Any]:
    """Whether the top document is the judged one and whether its best chunk overlaps the needle section."""
    need = ls.needles.loc[query_id]
    doc_id = ls.rs.doc_ids[top.doc]
    shift = len(ls.rs.corpus[doc_id].title) + 2  # needles.tsv counts in the text; chunks in "title. text"
    right = doc_id in ls.rs.qrels[query_id]
    overlaps = bool(right and top.start < need["end"] + shift and top.end > need["start"] + shift)
    return {"domain": ls.domain, "query": query_id, "right document": right, "passage overlaps needle": overlaps}


def passage_html(ls: LongSet, query_id: str, top: longtext.DocHit, width: int = 150) -> str:
    """The query, the top document's title and the passage highlighted in its context, as HTML."""
    text = ls.rs.doc_texts[top.doc]  # "title. text": the offsets are into that string
    marked = html.escape(longtext.highlight(text, top.start, top.end, width=width, mark=("\x00", "\x01")))
    marked = marked.replace("\x00", "<mark>").replace("\x01", "</mark>").replace("\n", "<br>")
    title = ls.rs.corpus[ls.rs.doc_ids[top.doc]].title
    return (f"<p><b>{html.escape(ls.rs.queries[query_id].text)}</b> &rarr; {html.escape(title)} "
            f"(chars {top.start}-{top.end}, cosine {top.score:.3f})</p><blockquote>{marked}</blockquote>")


# --------------------------------------------------------------------------- plots
def plot_positions(quality: pd.DataFrame) -> Any:
    """nDCG@10 by needle position, one row of bars per condition (horizontal: long labels stay readable)."""
    import matplotlib.pyplot as plt

    cols = [c for c in quality.columns if c.startswith("nDCG@10 ")]
    fig, ax = plt.subplots(figsize=(9, 0.4 * len(quality) * len(cols) / 2 + 1.2))
    quality[cols[::-1]].iloc[::-1].plot.barh(ax=ax, width=0.8)  # barh draws bottom-up: "first" ends on top
    ax.set(xlabel="nDCG@10 (test queries)", xlim=(0, 1), ylabel="", title="Where is the answer? nDCG@10 by needle position")
    handles, labels = ax.get_legend_handles_labels()
    ax.legend(handles[::-1], [x.replace("nDCG@10 ", "") for x in labels[::-1]], title="needle in", loc="upper left",
              bbox_to_anchor=(1.01, 1))
    fig.tight_layout()
    return fig


def plot_price(price: pd.DataFrame) -> Any:
    """Quality against what it costs (tokens embedded per document, index size): one marker per condition named in
    a legend, plain tick labels on log axes, and the conditions no other one beats on both axes joined by a line."""
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

    markers = "osD^vP*Xh<>p"
    fig, axes = plt.subplots(1, 2, figsize=(12, 4), sharey=True)
    for ax, col in zip(axes, ["tokens/doc", "index KB (float32)"], strict=True):
        for i, (cond, row) in enumerate(price.iterrows()):
            ax.scatter(row[col], row["nDCG@10"], s=60, marker=markers[i % len(markers)], color=plt.cm.tab10(i % 10),
                       label=cond)
        front = price.sort_values(col)
        front = front[front["nDCG@10"] >= front["nDCG@10"].cummax()]  # nothing cheaper scores higher
        ax.plot(front[col], front["nDCG@10"], color="grey", lw=1, ls="--", zorder=0)
        ax.set_xscale("log")
        ax.xaxis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
        ax.xaxis.set_minor_formatter(NullFormatter())
        ax.margins(x=0.15, y=0.1)
        ax.set_xlabel(f"{col} (log scale)")
    axes[0].set_ylabel("nDCG@10 (test queries)")
    axes[1].legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, title="condition")
    fig.suptitle("Quality against cost (dashed: the conditions that nothing cheaper beats)")
    fig.tight_layout()
    return fig
