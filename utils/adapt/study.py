"""Every lever of the course measured on one folder, side by side against one base: :class:`Study`.

Part of ``python -m utils.adapt``; notebook 09 calls it step by step. Each lever becomes a :class:`Row`,
scored on the validation queries (which choose) and the test queries (which report), with a paired
Wilcoxon test against the base model on test (:func:`utils.search.evaluate.compare`) and its price:

* ``bm25``: BM25 (``bm25s``; :func:`utils.search.evaluate.bm25_run`).
* ``base``: the base model, documents truncated to its token limit (the long-text policy of notebook 06).
* ``chunks``: documents read whole as token windows of the model's limit (a quarter shared), a document
  scored by its best chunk (:mod:`utils.data.longtext`); only when some document exceeds the limit.
* ``instruction``: Qwen3's query instruction (notebook 02); only for Qwen3 models.
* ``lora``: a LoRA fine-tune with the command line's defaults (:func:`utils.training.finetune.finetune`),
  its training stopped by the time budget; its forgetting is measured on the general probe.
* then, on the best dense representation on validation (the levers above that beat the base there):
  ``hybrid`` (weighted RRF with BM25, the weight chosen on validation), ``int8`` and ``binary`` storage
  (binary searched by Hamming distance, its top candidates rescored with the float vectors;
  :mod:`utils.search.index`), and ``rerank`` (a Qwen3-Reranker served by SGLang, when one is given).

Nothing reads the test queries to choose anything. Embeddings are cached (:mod:`utils.adapt.cache`).
"""

from __future__ import annotations

import json
import math
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from utils.adapt.cache import CachedEmbedder, EmbeddingCache, model_key
from utils.adapt.inputs import AdaptData
from utils.data import longtext
from utils.data.beir import RetrievalSet
from utils.search.evaluate import Run, bm25_run, compare, ids_to_run, per_query, top_k
from utils.search.index import quantized_scores, rescore_candidates
from utils.search.retrieval import fuse_runs
from utils.serving.qwen3 import DEFAULT_TASK, format_queries

LEVERS = ("bm25", "base", "chunks", "instruction", "lora", "hybrid", "int8", "binary", "rerank")
HYBRID_WEIGHTS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)  # BM25's share in weighted RRF
DEPTH = 100  # documents kept per query in every run
MIN_TRAIN_SECONDS = 30.0  # a fine-tune given less than this by the budget is skipped
COSTLY = ("chunks", "instruction", "lora", "rerank")  # levers skipped once the budget is spent (the rest reuse vectors)


@dataclass
class Options:
    """What ``python -m utils.adapt`` was asked to do (its flags)."""

    model: str | None = None  # local model folder (None with base_url: a remote model, no fine-tune)
    base_url: str | None = None  # embed the base model through this OpenAI-compatible server
    served_model: str | None = None
    api_key: str | None = None
    max_tokens: int | None = None  # a lower token limit than the model's
    task: str | None = None  # the Qwen3 instruction (default: the web-search task)
    budget_minutes: float = 30.0
    tolerance: float = 0.01
    levers: Sequence[str] = LEVERS
    reranker_url: str | None = None
    reranker_model: str | None = None
    rerank_depth: int = 20
    rescore: int = 50  # binary: candidates rescored with the float vectors
    probe_docs: int | None = None  # corpus documents added to the general probe as distractors (None: all)
    device: str | None = None
    seed: int = 0
    progress: bool = True


@dataclass
class Row:
    """One pipeline measured: quality on validation and test, the paired test against the base, its price."""

    name: str
    lever: str
    what: str
    val: dict[str, float]
    test: dict[str, float]
    vs_base: dict[str, Any]  # utils.search.evaluate.Comparison on test nDCG@10 (base -> this row)
    vs_base_val: dict[str, Any]
    price: dict[str, Any]
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "test_nDCG@10": self.test["nDCG@10"], **asdict(self)}


@dataclass
class Rep:
    """A dense representation: which model, with or without the instruction, truncated or chunked."""

    model: str  # "base" | "lora"
    instruction: bool
    chunked: bool
    q: np.ndarray
    units: np.ndarray  # document vectors, or chunk vectors
    chunks: list[longtext.Chunk] | None
    tokens: int  # tokens (or texts, for a server without a tokenizer) of the documents embedded

    @property
    def label(self) -> str:
        parts = ["fine-tuned" if self.model == "lora" else "base"]
        parts += ["instruction"] if self.instruction else []
        parts += ["chunks"] if self.chunked else []
        return " + ".join(parts)


@dataclass
class Handle:
    """A model ready to embed through the cache: its tokenizer and token limit when known."""

    path: str | None
    embed: CachedEmbedder
    tokenizer: Any
    limit: int | None
    is_qwen3: bool

    def count(self, texts: Sequence[str]) -> list[int]:
        """Tokens the model reads of each text (its limit applied); 1 per text without a tokenizer."""
        if self.tokenizer is None:
            return [1] * len(texts)
        ids = self.tokenizer(list(texts), add_special_tokens=True, truncation=False, verbose=False)["input_ids"]
        return [min(len(i), self.limit or len(i)) for i in ids]


class SkipLever(Exception):
    """A lever that cannot run here; the message is the reason the report prints."""


class Study:
    """One folder's levers, measured side by side. Build with :meth:`Study.open`, then :meth:`measure`."""

    def __init__(self, data: AdaptData, out: Path, options: Options, started: float | None = None) -> None:
        self.data, self.out, self.opts = data, out, options
        self.started = time.perf_counter() if started is None else started  # the budget counts from here
        self.cache = EmbeddingCache(out / "cache" / "embeddings.sqlite")
        self.rows: dict[str, Row] = {}
        self.skipped: dict[str, str] = {}
        self.runs: dict[str, Run] = {}
        self.reps: dict[str, Rep] = {}
        self.handles: dict[str, Handle] = {}
        self.finetune: dict[str, Any] | None = None
        self.probe: dict[str, Any] | None = None
        self.hybrid_curve: dict[float, float] = {}  # BM25 weight -> validation nDCG@10 of the fusion
        self.hybrid_dense: str | None = None  # the dense row fused with BM25
        self.rep_of: dict[str, Rep] = {}  # row name -> the dense representation it scored
        self.rates: dict[str, float | None] = {}  # model key -> tokens/s, read once so every row uses one rate
        queries = {**data.val.queries, **data.test.queries}
        self.eval = RetrievalSet(data.name, "validation+test", data.corpus, queries, {**data.val.qrels, **data.test.qrels})
        self.doc_texts = [d.full_text for d in data.corpus.values()]

    # ------------------------------------------------------------------ set-up
    @classmethod
    def open(cls, data: AdaptData, out: str | Path, options: Options | None = None, started: float | None = None) -> Study:
        """A study of ``data`` writing into ``out`` (a folder :func:`utils.adapt.inputs.check_report_dir` allowed).

        ``started`` (a ``time.perf_counter()`` value) is when the budget began: the command passes its own start.
        """
        return cls(data, Path(out), options or Options(), started)

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def budget_left(self) -> float:
        return self.opts.budget_minutes * 60 - self.elapsed()

    def handle(self, which: str = "base") -> Handle:
        """The base model (``"base"``) or the fine-tuned one (``"lora"``), loaded once."""
        if which not in self.handles:
            path = self.opts.model if which == "base" else self.finetune["model_path"]
            self.handles[which] = self._load(path, base_url=self.opts.base_url if which == "base" else None)
        return self.handles[which]

    def _load(self, path: str | None, base_url: str | None) -> Handle:
        from utils.serving.settings import looks_like_qwen3

        if base_url:
            from utils.serving.client import EmbeddingClient

            client = EmbeddingClient(base_url, self.opts.served_model or "?", api_key=self.opts.api_key)
            name = self.opts.served_model or client.models()[0]
            client = EmbeddingClient(base_url, name, api_key=self.opts.api_key)
            tokenizer, limit = None, self.opts.max_tokens
            if path:
                from transformers import AutoTokenizer

                tokenizer = AutoTokenizer.from_pretrained(path)
                limit = limit or longtext.model_token_limit(path)
            key = model_key(None, limit, base_url, name)
            encode: Callable[[list[str]], np.ndarray] = lambda batch: client.embed(batch, progress=False)  # noqa: E731
            is_qwen3 = looks_like_qwen3(path) or "qwen3" in name.lower()
        else:
            from utils.serving.device import best_dtype, pick_device
            from utils.serving.encoders import load_encoder

            device = pick_device(self.opts.device, warn=False) if self.opts.device else pick_device(warn=False)
            enc = load_encoder(path, device=device, dtype=best_dtype(device), max_tokens=self.opts.max_tokens)
            tokenizer, limit = enc.tokenizer, enc.max_tokens
            key = model_key(path, limit)
            encode = lambda batch: enc.encode(batch, check_lengths=False)  # noqa: E731 - texts were cut already
            is_qwen3 = looks_like_qwen3(path)
        embedder = CachedEmbedder(encode, self.cache, key, progress=self.opts.progress)
        handle = Handle(path, embedder, tokenizer, limit, is_qwen3)
        embedder.count_tokens = handle.count
        return handle

    def _truncated(self, h: Handle, texts: Sequence[str]) -> list[str]:
        """``texts`` cut to the model's limit on its own tokenizer, with the policy's one warning line."""
        if h.tokenizer is None or h.limit is None:
            return list(texts)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", UserWarning)
            cut, _ = longtext.truncate_texts(texts, h.tokenizer, h.limit)
        for w in caught:
            if self.opts.progress:
                print(f"note: {w.message}")
        return cut

    def task(self) -> str:
        return self.opts.task or DEFAULT_TASK

    def rate(self, h: Handle) -> float | None:
        """The model's measured embedding throughput (tokens/s; texts/s without a tokenizer), read once per run."""
        if h.embed.key not in self.rates:
            self.rates[h.embed.key] = self.cache.tokens_per_second(h.embed.key)
        return self.rates[h.embed.key]

    def embedding_counts(self) -> dict[str, dict[str, int]]:
        """Texts embedded in this run and texts found in the cache, per model (``base``, ``lora``)."""
        return {k: {"computed": h.embed.computed, "reused": h.embed.reused} for k, h in self.handles.items()}

    # ------------------------------------------------------------------ representations
    def rep(self, model: str = "base", instruction: bool = False, chunked: bool = False) -> Rep:
        """Embed (through the cache) the eval queries and the documents as asked; remembered by name."""
        name = f"{model}|{instruction}|{chunked}"
        if name in self.reps:
            return self.reps[name]
        h = self.handle(model)
        q_texts = format_queries(self.eval.query_texts, self.task() if instruction else None)
        q = h.embed(self._truncated(h, q_texts), desc=f"{model}: queries")
        if chunked:
            spec = longtext.ChunkSpec(h.limit, h.limit // 4)
            chunks = longtext.chunk_texts(self.doc_texts, h.tokenizer, spec)
            units = h.embed([c.text for c in chunks], desc=f"{model}: chunks {spec}")
            tokens = sum(c.n_tokens + longtext.n_special_tokens(h.tokenizer) for c in chunks)
        else:
            docs = self._truncated(h, self.doc_texts)
            chunks, units, tokens = None, h.embed(docs, desc=f"{model}: documents"), sum(h.count(docs))
        self.reps[name] = Rep(model, instruction, chunked, q, units, chunks, tokens)
        return self.reps[name]

    def doc_scores(self, rep: Rep, unit_scores: np.ndarray | None = None) -> np.ndarray:
        """Query-document scores: inner products (or ``unit_scores``), a document as its best chunk."""
        s = rep.q @ rep.units.T if unit_scores is None else unit_scores
        if rep.chunks is None:
            return s
        return longtext.document_scores(s, rep.chunks, len(self.doc_texts), "max")[0]

    def to_run(self, scores: np.ndarray) -> Run:
        return ids_to_run(*top_k(scores, DEPTH), self.eval.query_ids, self.eval.doc_ids)

    # ------------------------------------------------------------------ scoring a row
    def score(self, name: str, lever: str, what: str, run: Run, price: dict[str, Any],
              notes: Sequence[str] = ()) -> Row:
        """Score ``run`` on validation and test, compare it with the base on both; record and return the row."""
        val, test = self.data.val, self.data.test
        val_t = per_query(val.qrels, {q: run.get(q, {}) for q in val.queries})
        test_t = per_query(test.qrels, {q: run.get(q, {}) for q in test.queries})
        means = {s: {"nDCG@10": float(t["nDCG@10"].mean()), "Recall@10": float(t["R@10"].mean())}
                 for s, t in (("val", val_t), ("test", test_t))}
        base = self.runs.get("base", run)
        vs = compare(test.qrels, base, run).as_dict()
        vs_val = compare(val.qrels, base, run).as_dict()
        row = Row(name, lever, what, means["val"], means["test"], vs, vs_val, price, list(notes))
        self.rows[name], self.runs[name] = row, run
        return row

    def dense_price(self, rep: Rep, bytes_per_unit: float, extra: dict[str, Any] | None = None) -> dict[str, Any]:
        h = self.handles.get(rep.model) or self.handle("base")
        rate = self.rate(self.handle("base"))  # a merged fine-tune has the base's architecture: the same cost
        price = {
            "index_bytes": int(round(len(rep.units) * bytes_per_unit)),
            "vectors": int(len(rep.units)),
            "doc_tokens": int(rep.tokens) if h.tokenizer is not None else None,
            "index_seconds": rep.tokens / rate if rate else None,
            "train_seconds": self.finetune["wall_seconds"] if rep.model == "lora" and self.finetune else 0.0,
            "stages": 1,
        }
        return price | (extra or {})

    def _timed_run(self, scores_fn: Callable[[], np.ndarray]) -> tuple[Run, float]:
        t0 = time.perf_counter()
        run = self.to_run(scores_fn())
        return run, (time.perf_counter() - t0) * 1000 / max(1, len(self.eval.queries))

    def dense_row(self, name: str, lever: str, what: str, rep: Rep, notes: Sequence[str] = ()) -> Row:
        run, ms = self._timed_run(lambda: self.doc_scores(rep))
        price = self.dense_price(rep, rep.units.shape[1] * 4, {"query_ms": ms})
        row = self.score(name, lever, what, run, price, notes)
        self.rep_of[name] = rep
        return row

    # ------------------------------------------------------------------ the levers
    def measure(self, lever: str) -> Row | None:
        """Measure one lever (one of :data:`LEVERS`); returns its row, or ``None`` with the reason in ``skipped``."""
        if lever not in LEVERS:
            raise ValueError(f"unknown lever {lever!r}; the levers are {', '.join(LEVERS)}.")
        if lever != "base" and "base" not in self.rows:
            self.measure("base")
        if lever in COSTLY and self.budget_left() <= 0:
            self.skipped[lever] = (f"the budget of {self.opts.budget_minutes:g} minutes was spent before this lever "
                                   "(raise --budget-minutes)")
            return None
        try:
            return getattr(self, f"_lever_{lever}")()
        except SkipLever as why:
            self.skipped[lever] = str(why)
            return None

    def measure_all(self, levers: Sequence[str] | None = None) -> list[Row]:
        """Measure the levers in the course's order; the ones that cannot run are listed in ``skipped``."""
        wanted = [lv for lv in LEVERS if lv in (levers or self.opts.levers)]
        return [r for r in (self.measure(lv) for lv in wanted) if r is not None]

    def _lever_bm25(self) -> Row:
        import bm25s

        t0 = time.perf_counter()
        retriever = bm25s.BM25()
        retriever.index(bm25s.tokenize(self.doc_texts, stopwords="en", show_progress=False), show_progress=False)
        seconds = time.perf_counter() - t0
        nbytes = sum(int(getattr(a, "nbytes", 0)) for a in retriever.scores.values())
        t0 = time.perf_counter()
        run = bm25_run(self.eval, k=DEPTH)
        ms = (time.perf_counter() - t0) * 1000 / max(1, len(self.eval.queries))
        price = {"index_bytes": nbytes, "vectors": 0, "doc_tokens": 0, "index_seconds": seconds,
                 "train_seconds": 0.0, "stages": 1, "query_ms": ms}
        return self.score("BM25", "bm25", "BM25 (bm25s, English stopwords), no model", run, price)

    def _lever_base(self) -> Row:
        h = self.handle("base")
        rep = self.rep("base")
        limit = f"truncated to {h.limit} tokens" if h.limit else "as the server reads them"
        return self.dense_row("base", "base", f"the base model, documents {limit}, no instruction", rep)

    def _lever_chunks(self) -> Row:
        h = self.handle("base")
        if h.tokenizer is None or h.limit is None:
            raise SkipLever("no tokenizer for a served model: pass --model with the served model's folder")
        counts = h.tokenizer(self.doc_texts, add_special_tokens=True, truncation=False, verbose=False)["input_ids"]
        over = sum(len(c) > h.limit for c in counts)
        if not over:
            raise SkipLever(f"no document exceeds the model's {h.limit} tokens: truncation cuts nothing")
        rep = self.rep("base", chunked=True)
        spec = longtext.ChunkSpec(h.limit, h.limit // 4)
        return self.dense_row("base + chunks", "chunks", f"documents read whole as {spec} token windows, "
                              f"a document scored by its best chunk ({over} of {len(counts)} documents exceed "
                              f"{h.limit} tokens)", rep)

    def _lever_instruction(self) -> Row:
        if not self.handle("base").is_qwen3:
            raise SkipLever("not a Qwen3 model: it was not trained with instructions (notebook 02)")
        rep = self.rep("base", instruction=True)
        return self.dense_row("base + instruction", "instruction", f"queries as 'Instruct: {self.task()}\\nQuery:...'", rep)

    def _lever_lora(self) -> Row:
        from utils.training.config import model_family

        if not self.opts.model:
            raise SkipLever("no local model folder to fine-tune (--model)")
        try:
            family = model_family(self.opts.model)
        except (ValueError, FileNotFoundError) as exc:
            raise SkipLever(f"cannot fine-tune this model: {exc}") from exc
        if not self.data.train_pairs:
            raise SkipLever("no training pairs")
        result = self._finetune(family)
        h = self.handle("base")
        notes = [result["decision"]]
        if result["kept_base"]:  # the base model's vectors, priced with the training time
            rep = replace(self.rep("base", instruction=h.is_qwen3), model="lora")
            notes.append("the fine-tune's own guard kept the base model, so this row is the base model")
        else:
            rep = self.rep("lora", instruction=h.is_qwen3)
        what = (f"LoRA, the command line's defaults, on {result['n_train_pairs']} pairs "
                f"({self.data.labels}), {result['epochs_run']:.2g} epochs, {result['wall_seconds']:.0f} s")
        row = self.dense_row("fine-tuned (LoRA)", "lora", what, rep, notes)
        self._forgetting(rep)
        if self.probe:
            row.price["general_probe"] = self.probe
        return row

    def _finetune(self, family: str) -> dict[str, Any]:
        """Fine-tune once per data fingerprint (a finished one is reused); the budget bounds the training."""
        from utils.training.config import FinetuneConfig
        from utils.training.finetune import finetune

        out = self.out / "models" / f"lora-{self.data.fingerprint()}"
        done = out / "finetune.json"
        if done.is_file():
            self.finetune = json.loads(done.read_text())
            self.finetune["reused"] = True
            if self.opts.progress:
                print(f"reusing the fine-tune in {out} ({self.finetune['decision']})")
            return self.finetune
        base_rep = self.rep("base")
        rate = self.cache.tokens_per_second(self.handle("base").embed.key)
        # after training: mining (the corpus once) before it; the eval corpus, queries and probe after it
        reserve = 2.5 * base_rep.tokens / rate + 20.0 if rate else 60.0
        seconds = self.budget_left() - reserve
        if seconds < MIN_TRAIN_SECONDS:
            raise SkipLever(
                f"the budget leaves {max(0.0, seconds):.0f} s to train after {self.elapsed():.0f} s spent and "
                f"{reserve:.0f} s kept for embedding with the fine-tuned model (at least {MIN_TRAIN_SECONDS:.0f} s "
                "needed): raise --budget-minutes"
            )
        config = FinetuneConfig(query_task=self.task() if family == "qwen3" else None, seed=self.opts.seed,
                                device=self.opts.device, progress=self.opts.progress, max_train_seconds=seconds)
        if self.opts.progress:
            print(f"fine-tuning for at most {seconds:.0f} s of the budget ({self.budget_left():.0f} s left)")
        result = finetune(self.opts.model, self.data.train_pairs, out, config, corpus=self.doc_texts, overwrite=False)
        self.finetune = json.loads(done.read_text()) if result is not None else None
        return self.finetune

    def _forgetting(self, rep: Rep) -> None:
        """nDCG@10 of the base and the fine-tuned model on the general probe, with the corpus as distractors."""
        from utils.data.beir import general_probe

        n = len(self.doc_texts) if self.opts.probe_docs is None else min(self.opts.probe_docs, len(self.doc_texts))
        pick = sorted(np.random.default_rng(self.opts.seed).choice(len(self.doc_texts), n, replace=False))
        try:
            probe = general_probe(distractors=[self.doc_texts[i] for i in pick])
        except (FileNotFoundError, ValueError) as exc:
            self.probe = {"skipped": f"no general probe: {exc}"}
            return
        runs = {}
        for model in ("base",) if self.finetune.get("kept_base") else ("base", "lora"):
            h = self.handle(model)
            q = h.embed(self._truncated(h, format_queries(probe.query_texts, self.task() if rep.instruction else None)),
                        desc=f"{model}: probe queries")
            d = h.embed(self._truncated(h, probe.doc_texts), desc=f"{model}: probe documents")
            runs[model] = ids_to_run(*top_k(q @ d.T, DEPTH), probe.query_ids, probe.doc_ids)
        c = compare(probe.qrels, runs["base"], runs.get("lora", runs["base"]))
        self.probe = {"base": c.mean_a, "fine-tuned": c.mean_b, "delta": c.delta, "wins": c.wins,
                      "losses": c.losses, "p_value": c.p_value, "queries": len(probe.queries),
                      "documents": len(probe.corpus), "near_ceiling": c.mean_a >= 0.95}

    def best_dense_rep(self) -> tuple[str, Rep]:
        """The dense representation the later levers build on: each lever that beat the base on validation."""
        base = self.rows["base"].val["nDCG@10"]

        def beats(name: str) -> bool:
            return name in self.rows and self.rows[name].val["nDCG@10"] > base

        lora = beats("fine-tuned (LoRA)") and not (self.finetune or {}).get("kept_base")
        model = "lora" if lora else "base"
        instruction = self.handle("base").is_qwen3 if lora else beats("base + instruction")
        chunked = beats("base + chunks")
        for name, rep in self.rep_of.items():
            if rep.model == model and rep.instruction == instruction and rep.chunked == chunked:
                return name, rep
        rep = self.rep(model, instruction, chunked)
        name = f"combined: {rep.label}"
        self.dense_row(name, "combined", "the dense levers that beat the base on validation, together", rep)
        return name, rep

    def _lever_hybrid(self) -> Row:
        if "BM25" not in self.rows:
            self.measure("bm25")
        name, rep = self.best_dense_rep()
        self.hybrid_dense, dense, lexical = name, self.runs[name], self.runs["BM25"]
        val = self.data.val
        self.hybrid_curve = {}
        for w in HYBRID_WEIGHTS:
            fused = fuse_runs([{q: dense[q] for q in val.queries}, {q: lexical.get(q, {}) for q in val.queries}],
                              depth=DEPTH, weights=(1 - w, w))
            self.hybrid_curve[w] = float(per_query(val.qrels, fused)["nDCG@10"].mean())
        w = max(HYBRID_WEIGHTS, key=lambda x: (self.hybrid_curve[x], -abs(x - 0.5)))
        t0 = time.perf_counter()
        run = fuse_runs([dense, lexical], depth=DEPTH, weights=(1 - w, w))
        run = {q: dict(list(r.items())[:DEPTH]) for q, r in run.items()}
        ms = (time.perf_counter() - t0) * 1000 / max(1, len(self.eval.queries))
        price = self.dense_price(rep, rep.units.shape[1] * 4, {"query_ms": self.rows[name].price["query_ms"] + ms})
        price["index_bytes"] += self.rows["BM25"].price["index_bytes"]
        if price["index_seconds"] is not None:
            price["index_seconds"] += self.rows["BM25"].price["index_seconds"]
        price["stages"], price["bm25_weight"] = 2, w
        note = (f"BM25 weight {w:g} chosen on validation (nDCG@10 {self.hybrid_curve[w]:.4f}; equal weights "
                f"{self.hybrid_curve[0.5]:.4f}; {name} alone {self.rows[name].val['nDCG@10']:.4f})")
        return self.score(f"hybrid: {rep.label} + BM25", "hybrid", f"weighted RRF of {name} and BM25", run, price, [note])

    def _lever_int8(self) -> Row:
        name, rep = self.best_dense_rep()
        run, ms = self._timed_run(lambda: self.doc_scores(rep, quantized_scores(rep.q, rep.units, "int8")))
        dim = rep.units.shape[1]
        price = self.dense_price(rep, dim, {"query_ms": ms})
        price["index_bytes"] += 2 * dim * 4  # the calibration ranges
        return self.score(f"{rep.label}, int8", "int8", f"{name} stored as int8 (one scale per dimension)", run, price)

    def _lever_binary(self) -> Row:
        name, rep = self.best_dense_rep()
        n = self.opts.rescore

        def scores() -> np.ndarray:
            coarse = quantized_scores(rep.q, rep.units, "binary")
            _, cand = top_k(coarse, min(n, coarse.shape[1]))
            s, ids = rescore_candidates(rep.q, rep.units, cand, k=cand.shape[1])
            full = np.full(coarse.shape, -np.inf, dtype=np.float32)
            np.put_along_axis(full, np.where(ids >= 0, ids, 0), np.where(ids >= 0, s, -np.inf), axis=1)
            return self.doc_scores(rep, full)

        run, ms = self._timed_run(scores)
        run = {q: {d: s for d, s in r.items() if math.isfinite(s)} for q, r in run.items()}
        dim = rep.units.shape[1]
        price = self.dense_price(rep, math.ceil(dim / 8), {"query_ms": ms, "rescore_bytes_on_disk": len(rep.units) * dim * 4})
        what = f"{name} stored as bits, searched by Hamming distance, the top {n} rescored with the float vectors (kept on disk)"
        return self.score(f"{rep.label}, binary + rescoring", "binary", what, run, price)

    def _lever_rerank(self) -> Row:
        if not self.opts.reranker_url:
            raise SkipLever("no reranker served: pass --reranker-url (a Qwen3-Reranker on SGLang, notebook 05)")
        from utils.search.retrieval import SGLangReranker

        first = max((n for n in self.rows if self.rows[n].lever != "rerank"), key=lambda n: self.rows[n].val["nDCG@10"])
        reranker = SGLangReranker(self.opts.reranker_url, self.opts.reranker_model, default_instruct=self.task(),
                                  api_key=self.opts.api_key)
        docs, depth, run = self.data.corpus, self.opts.rerank_depth, {}
        items = list(self.eval.queries.items())
        if self.opts.progress:
            from tqdm.auto import tqdm

            items = tqdm(items, desc=f"reranking the top {depth}", unit="query")
        t0 = time.perf_counter()
        for qid, query in items:
            ranked = list(self.runs[first].get(qid, {}))
            pool = ranked[:depth]
            order = reranker(query.text, [docs[d].full_text for d in pool])
            top = {pool[i]: 2.0 + s for i, s in order}  # the reranked pool above the rest
            rest = {d: 1.0 / (2 + r) for r, d in enumerate(ranked[depth:])}
            run[qid] = top | rest
        ms = (time.perf_counter() - t0) * 1000 / max(1, len(items))
        price = dict(self.rows[first].price)
        price.update(query_ms=price.get("query_ms", 0.0) + ms, stages=price.get("stages", 1) + 1)
        return self.score(f"{first} -> reranker", "rerank", f"the top {depth} of {first} reordered by the reranker "
                          f"at {self.opts.reranker_url}", run, price)

    # ------------------------------------------------------------------ the outcome
    def table(self):
        """Every row as a ``pandas.DataFrame`` (validation and test nDCG@10, Recall@10, the test against base, price)."""
        import pandas as pd

        records = []
        for r in self.rows.values():
            records.append({
                "lever": r.lever, "val nDCG@10": r.val["nDCG@10"], "test nDCG@10": r.test["nDCG@10"],
                "test Recall@10": r.test["Recall@10"], "vs base": r.vs_base["delta"], "wins": r.vs_base["wins"],
                "losses": r.vs_base["losses"], "p": r.vs_base["p_value"], "index KB": r.price["index_bytes"] / 1024,
                "index s": r.price.get("index_seconds"), "train s": r.price.get("train_seconds"),
                "doc tokens": r.price.get("doc_tokens"),
            })
        return pd.DataFrame(records, index=list(self.rows)).rename_axis("pipeline")

    def close(self) -> None:
        self.cache.close()
