"""Notebook 02_instructions' course code: the measurement's bookkeeping and the search explorer.

Introduced in notebook 02_instructions. The notebook keeps the lesson in its cells (the Qwen3 query
format, the popular prefix form, the embedding calls); this module does the rest:

* :func:`measure` searches every condition from the vectors the notebook embedded and scores it
  (nDCG@10, Recall@10, MRR@10 per query, paired Wilcoxon tests, the phenomenon-tag breakdown, with tags
  of fewer than :data:`FEW` queries marked);
* :func:`verdict_lines` turns the saved numbers into the notebook's outcome sentences (its test
  recomputes them from the results JSON), and :func:`lesson_checks` states what the run asserts;
* plots and display tables (``plot_*``, :func:`show_templates`, :func:`task_library`);
* the explorer: :func:`search` is a plain function (a table and the ranks of the judged documents);
  :class:`Explorer` wraps it in ipywidgets controls that search again whenever a control changes
  (debounced), reset the query and the instruction to the new domain's defaults when the domain
  changes, mark the relevant documents, and show any failure as one sentence saying what to do.

    domains = {d: ExplorerDomain.from_set(test_sets[d], doc_vecs[d], task_for(d)) for d in DOMAINS}
    explorer = Explorer(domains, lambda texts: client.embed(texts), TASKS)
    display(explorer.widget)

The ``embed`` callable is looked up on every search, so re-running the cell that creates the client
is enough to repair an explorer whose client was closed.
"""

from __future__ import annotations

import html
import re
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from utils.serving.instructions import side_by_side

if TYPE_CHECKING:  # pandas and ipywidgets are imported when used
    import pandas as pd

    from utils.course.lessons import LessonChecks
    from utils.data.beir import RetrievalSet
    from utils.search.evaluate import Comparison

Embed = Callable[[list[str]], np.ndarray]
SIDES = ("no instruction", "with instruction")
MARK = "\u2713"  # a check mark for relevant documents


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


@dataclass(frozen=True)
class ExplorerDomain:
    """One domain's searchable corpus (vectors embedded without instruction) and its judged queries."""

    name: str
    doc_ids: tuple[str, ...]
    titles: tuple[str, ...]
    doc_vecs: np.ndarray
    judged: Mapping[str, frozenset[str]]  # normalised query text -> relevant document ids
    default_query: str
    default_task: str | None
    queries: tuple[str, ...] = ()  # the judged queries as written, for the query box's suggestions

    def __post_init__(self) -> None:
        if not (len(self.doc_ids) == len(self.titles) == len(self.doc_vecs)):
            raise ValueError(
                f"{self.name}: doc_ids ({len(self.doc_ids)}), titles ({len(self.titles)}) and doc_vecs "
                f"({len(self.doc_vecs)}) must have one entry per document"
            )

    @classmethod
    def from_set(
        cls,
        rs: RetrievalSet,
        doc_vecs: np.ndarray,
        task: str | None,
        default_query: str | None = None,
        title_chars: int = 60,
    ) -> ExplorerDomain:
        """Build it from a :class:`utils.data.beir.RetrievalSet` and its documents' vectors (in corpus order).

        The default query is the set's first query unless ``default_query`` is given.
        """
        titles = []
        for doc in rs.corpus.values():
            t = doc.title or doc.text
            titles.append(t if len(t) <= title_chars else t[: title_chars - 3] + "...")
        judged = {_norm(q.text): frozenset(d for d, g in rs.qrels.get(qid, {}).items() if g > 0) for qid, q in rs.queries.items()}
        texts = tuple(q.text for q in rs.queries.values())
        if default_query is None:
            if not texts:
                raise ValueError(f"{rs.name}: no queries to take a default query from; pass default_query")
            default_query = texts[0]
        return cls(rs.name, tuple(rs.corpus), tuple(titles), np.asarray(doc_vecs, dtype=np.float32), judged, default_query, task, texts)

    def relevant_for(self, query: str) -> frozenset[str] | None:
        """The judged relevant documents of ``query`` (compared ignoring case and spacing), or ``None``
        when it is not one of the domain's judged queries."""
        return self.judged.get(_norm(query))


@dataclass(frozen=True)
class SearchResult:
    """What :func:`search` found: the top-k table and where each relevant document ranked."""

    query: str
    domain: str
    task: str | None
    table: pd.DataFrame
    relevant: frozenset[str] | None
    ranks: dict[str, tuple[int, int]] = field(default_factory=dict)  # doc id -> (rank without, rank with)
    titles: dict[str, str] = field(default_factory=dict)

    def describe(self) -> str:
        """One sentence on where the judged documents ranked (or why there are none)."""
        if self.relevant is None:
            return (
                "This query is not one of the domain's test queries, so no document is judged relevant: "
                "pick a test query from the box's suggestions to see the judgements."
            )
        if not self.relevant:
            return "This test query has no relevant document in the judgements."
        parts = [
            f"{doc} '{self.titles.get(doc, '')}' ranks {a} without the instruction and {b} with it"
            for doc, (a, b) in sorted(self.ranks.items())
        ]
        return "Relevant (" + MARK + "): " + "; ".join(parts) + "."


def search(domain: ExplorerDomain, query: str, task: str | None, embed: Embed, k: int = 5) -> SearchResult:
    """Rank ``domain``'s documents for ``query`` without and with the instruction ``task``.

    Uses :func:`utils.serving.instructions.side_by_side`; adds a ``relevant`` mark per side and the full-ranking
    rank of every judged relevant document, so a document just below the top ``k`` is still reported.
    """
    full = side_by_side(query, task, embed, domain.doc_vecs, domain.doc_ids, domain.titles, k=len(domain.doc_ids))
    relevant = domain.relevant_for(query)
    ranks: dict[str, tuple[int, int]] = {}
    if relevant:
        pos = {side: {d: i + 1 for i, d in enumerate(full[(side, "doc")])} for side in SIDES}
        ranks = {d: (pos[SIDES[0]][d], pos[SIDES[1]][d]) for d in relevant if d in pos[SIDES[0]]}
    table = full.head(max(1, min(k, len(full)))).copy()
    for side in SIDES:
        table[(side, "relevant")] = [MARK if relevant and d in relevant else "" for d in table[(side, "doc")]]
    order = [(s, c) for s in SIDES for c in ("doc", "title", "score", "relevant")] + [("", "changed")]
    table = table[order]
    title_of = dict(zip(domain.doc_ids, domain.titles, strict=True))
    return SearchResult(query, domain.name, task, table, relevant, ranks, {d: title_of[d] for d in ranks})


def render_html(result: SearchResult) -> str:
    """The result as an HTML table: ids never wrap, titles left-aligned, relevant rows marked."""
    esc = html.escape
    cell = "padding:2px 8px;border-bottom:1px solid #ddd;"
    head = (
        "<tr><th style='" + cell + "'></th>"
        + "".join(f"<th colspan='3' style='{cell}text-align:left'>{esc(s)}</th>" for s in SIDES)
        + "</tr><tr><th style='" + cell + "text-align:right'>rank</th>"
        + "".join(
            f"<th style='{cell}text-align:left'>document</th><th style='{cell}text-align:left'>title</th>"
            f"<th style='{cell}text-align:right'>score</th>"
            for _ in SIDES
        )
        + "</tr>"
    )
    body = []
    for rank, row in result.table.iterrows():
        tds = [f"<td style='{cell}text-align:right'>{rank}</td>"]
        for side in SIDES:
            rel = bool(row[(side, "relevant")])
            bg = "background:#d9f2d9;" if rel else ""
            mark = f" {MARK}" if rel else ""
            tds.append(f"<td class='doc-id' style='{cell}{bg}white-space:nowrap'>{esc(str(row[(side, 'doc')]))}{mark}</td>")
            tds.append(f"<td class='doc-title' style='{cell}{bg}text-align:left'>{esc(str(row[(side, 'title')]))}</td>")
            tds.append(f"<td style='{cell}{bg}text-align:right'>{float(row[(side, 'score')]):.3f}</td>")
        body.append("<tr>" + "".join(tds) + "</tr>")
    return (
        "<table class='explorer-results' style='border-collapse:collapse;font-size:13px'>"
        + head
        + "".join(body)
        + "</table>"
        + f"<p class='explorer-note' style='font-size:12px'>{esc(result.describe())}</p>"
    )


def explain_error(exc: BaseException) -> str:
    """Any failure of a search as one sentence that says what to do."""
    name = type(exc).__name__
    msg = str(exc)
    if isinstance(exc, ValueError) and "empty" in msg:
        return "Type a query in the box to search."
    if "closed" in msg.lower() and "client" in msg.lower():
        return "The embedding client was closed: run the cell that creates the client (section 9) again, then edit the query."
    if name in ("ServerUnreachableError", "APIConnectionError", "ConnectError", "ConnectionRefusedError") or isinstance(
        exc, ConnectionError
    ):
        return "The embedding server does not answer: run the cell that starts the server (section 9) again, then edit the query."
    if name == "ModelNotFoundError":
        return "The server does not serve this model: run the notebook from the top (Run All) so that the client and server match."
    first = msg.strip().splitlines()[0][:120] if msg.strip() else "no message"
    return f"The search failed ({name}: {first}); run the notebook from the top (Run All) and try again."


class Debouncer:
    """Run the latest submitted call once no new call has arrived for ``delay`` seconds.

    ``delay=0`` runs each call at once, in the caller's thread (what tests and headless runs use).
    """

    def __init__(self, delay: float = 0.4) -> None:
        self.delay = delay
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()

    def __call__(self, fn: Callable[[], Any]) -> None:
        if self.delay <= 0:
            fn()
            return
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(self.delay, fn)
            self._timer.daemon = True
            self._timer.start()

    def cancel(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None


class Explorer:
    """ipywidgets controls over :func:`search`: a query box (with the test queries as suggestions), a
    domain, an instruction and ``k``. Every change searches again after ``delay`` seconds of quiet."""

    def __init__(
        self,
        domains: Mapping[str, ExplorerDomain],
        embed: Embed,
        tasks: Mapping[str, str],
        k: int = 5,
        delay: float = 0.4,
    ) -> None:
        import ipywidgets as widgets

        if not domains:
            raise ValueError("the explorer needs at least one domain")
        self.domains = dict(domains)
        self.embed = embed
        self._debounce = Debouncer(delay)
        self._generation = 0
        self._gen_lock = threading.Lock()
        self._resetting = False
        self.last: SearchResult | None = None
        self.last_error: str | None = None
        first = next(iter(self.domains.values()))
        self.domain = widgets.Dropdown(options=list(self.domains), value=first.name, description="domain")
        self.query = widgets.Combobox(
            value=first.default_query,
            options=list(first.queries),
            description="query",
            ensure_option=False,
            continuous_update=True,
            layout=widgets.Layout(width="95%"),
        )
        self.task = widgets.Dropdown(
            options=[("(none)", "")] + [(f"{name}: {text}", text) for name, text in tasks.items()],
            value=first.default_task or "",
            description="instruction",
            layout=widgets.Layout(width="95%"),
        )
        self.k = widgets.IntSlider(value=k, min=1, max=20, description="top k")
        self.status = widgets.HTML(value="")
        self.results = widgets.HTML(value="")
        self.widget = widgets.VBox([self.query, widgets.HBox([self.domain, self.k]), self.task, self.status, self.results])
        self.widget.add_class("course-explorer")  # a handle for the browser test and for custom CSS
        self.domain.observe(self._on_domain, names="value")
        for w in (self.query, self.task, self.k):
            w.observe(self._on_change, names="value")

    # ------------------------------------------------------------------ events
    def _on_domain(self, change: dict) -> None:
        d = self.domains[change["new"]]
        self._resetting = True
        try:  # the previous domain's query and instruction would silently search the wrong corpus
            self.query.options = list(d.queries)
            self.query.value = d.default_query
            self.task.value = d.default_task or ""
        finally:
            self._resetting = False
        self.schedule()

    def _on_change(self, _change: dict) -> None:
        if not self._resetting:
            self.schedule()

    def schedule(self) -> None:
        """Search again once the controls have been quiet for the debounce delay."""
        with self._gen_lock:
            self._generation += 1
            gen = self._generation
        self.status.value = "<i>searching...</i>"
        self._debounce(lambda: self.refresh(gen))

    def refresh(self, generation: int | None = None) -> SearchResult | None:
        """Search with the controls' current values and show the result (or one sentence on the failure).

        A result is shown only if no newer change arrived meanwhile. Returns the result, or ``None``.
        """
        domain = self.domains[self.domain.value]
        try:
            result = search(domain, self.query.value, self.task.value or None, self.embed, k=self.k.value)
        except Exception as exc:  # noqa: BLE001 - every failure becomes one sentence in the widget
            if generation is None or generation == self._generation:
                self.last_error = explain_error(exc)
                self.status.value = f"<span class='explorer-error' style='color:#b00020'>{html.escape(self.last_error)}</span>"
                self.results.value = ""
            return None
        if generation is None or generation == self._generation:
            self.last, self.last_error = result, None
            self.results.value = render_html(result)
            self.status.value = f"<span class='explorer-ok'>{html.escape(result.domain)}: top {len(result.table)} of {len(domain.doc_ids)} documents</span>"
        return result


def shared_words(a: str, b: str, min_len: int = 4) -> set[str]:
    """Lower-cased words of at least ``min_len`` letters that occur in both texts (a crude lexical overlap)."""

    def words(t: str) -> set[str]:
        return {w for w in re.findall(r"[a-z0-9-]+", t.lower()) if len(w) >= min_len}

    return words(a) & words(b)


def domains_from_sets(
    sets: Mapping[str, RetrievalSet], doc_vecs: Mapping[str, np.ndarray], tasks: Mapping[str, str | None]
) -> dict[str, ExplorerDomain]:
    """One :class:`ExplorerDomain` per set, with each domain's instruction as its default task."""
    return {name: ExplorerDomain.from_set(rs, doc_vecs[name], tasks.get(name)) for name, rs in sets.items()}


# --------------------------------------------------------------------------- the measurement
#: The four conditions of notebook 02 (queries / documents): as they are; the default task; the domain's
#: task; the popular prefix on both sides.
CONDITIONS = ("none", "default", "domain", "popular")
#: A phenomenon tag with fewer test queries than this is marked in the tables and the plot.
FEW = 10
#: Pooled queries below which the notebook does not ask the paired test to name a winner.
MIN_PAIRED = 60
#: Comparisons between two instructed conditions (``"B vs A"``: B against A), besides each one against none.
PAIRS = (("domain", "default"), ("popular", "default"), ("popular", "domain"))


@dataclass
class Measurements:
    """What :func:`measure` found: per-query tables, runs, mean metrics, paired comparisons, tags."""

    domains: list[str]
    metric: str
    runs: dict[tuple[str, str], dict]
    tables: dict[tuple[str, str], pd.DataFrame]
    metrics: pd.DataFrame  # rows: domains + "overall"; columns: (metric label, condition)
    comparisons: dict[tuple[str, str], Comparison]
    tag_table: pd.DataFrame
    zh: dict[str, Any] | None = None

    def per_domain(self) -> dict[str, dict[str, dict[str, float]]]:
        """Mean metrics per domain (and ``overall``) and condition, as plain floats."""
        out: dict[str, dict[str, dict[str, float]]] = {}
        for place in [*self.domains, "overall"]:
            out[place] = {}
            for cond in CONDITIONS:
                table = self._pooled(cond) if place == "overall" else self.tables[place, cond]
                out[place][cond] = {k: float(v) for k, v in table.mean().items()}
        return out

    def _pooled(self, cond: str) -> pd.DataFrame:
        import pandas as pd

        return pd.concat([self.tables[d, cond] for d in self.domains])

    def comparison_table(self) -> pd.DataFrame:
        """One row per (place, comparison): means, delta, wins, losses, ties, p-value, significant."""
        import pandas as pd

        rows = [{"domain": d, "comparison": name, **c.as_dict()} for (d, name), c in self.comparisons.items()]
        wl = pd.DataFrame.from_records(rows, index=["domain", "comparison"]).drop(columns=["metric", "test"])
        wl["significant"] = wl["p_value"] < 0.05
        return wl.sort_index(level=["comparison", "domain"])

    def shown_comparisons(self) -> pd.DataFrame:
        """:meth:`comparison_table` for reading: three decimals, p-values written out."""
        wl = self.comparison_table()
        shown = wl.round({"mean_a": 3, "mean_b": 3, "delta": 3})
        shown["p_value"] = [_p(p)[4:] if p >= 0.0001 else "< 0.0001" for p in wl["p_value"]]
        return shown

    def record(self, model: str, mode: str, is_qwen3: bool, zh_unk_share: float | None) -> dict[str, Any]:
        """What the verdicts and checks are computed from (:func:`verdict_lines`, :func:`lesson_checks`),
        as saved in the results JSON."""
        return {
            "model": model,
            "mode": mode,
            "is_qwen3": bool(is_qwen3),
            "domains": list(self.domains),
            "per_domain": self.per_domain(),
            "comparisons": {f"{d}|{name}": c.as_dict() for (d, name), c in self.comparisons.items()},
            "zh": self.zh,
            "zh_unk_share": zh_unk_share,
            "by_tag": {t: {c: (bool(v) if c == "few_queries" else float(v)) for c, v in row.items()}
                       for t, row in self.tag_table.iterrows()},
        }

    def zh_table(self, name: str) -> pd.DataFrame:
        """The Chinese slice without and with the English medical instruction, beside the English domains."""
        import pandas as pd

        from utils.search.evaluate import METRIC_LABELS

        assert self.zh is not None, "measure() ran without a Chinese slice"
        rows = {f"{name}: none": self.zh["none"], f"{name}: medical (English) instruction": self.zh["medical_instruction"]}
        table = pd.DataFrame(rows).T.rename(columns=METRIC_LABELS)
        table.loc["English domains, pooled: none"] = self.metrics.loc["overall"].xs("none", level=1)
        return table

    def shown_tags(self) -> pd.DataFrame:
        """The tag table for reading: three decimals, ``queries`` as a whole number, small n marked."""
        shown = self.tag_table.round(3)
        shown["queries"] = shown["queries"].astype(int)
        shown[f"n < {FEW}"] = ["marked: too few queries to read" if f else "" for f in shown.pop("few_queries")]
        return shown


def _search(q: np.ndarray, d: np.ndarray, rs: RetrievalSet) -> dict:
    from utils.search.evaluate import search_dense

    return search_dense(q, d, rs.query_ids, rs.doc_ids, k=100)


def measure(
    sets: Mapping[str, RetrievalSet],
    vecs: Mapping[tuple[str, str], np.ndarray],
    domains: Sequence[str],
    metric: str = "nDCG@10",
    zh_slice: str | None = None,
) -> Measurements:
    """Search and score notebook 02's conditions from the vectors the notebook embedded.

    ``vecs`` holds ``(set, "docs")`` (documents as they are), ``(set, cond)`` for the queries of
    ``none``, ``default`` and ``domain``, and ``(set, "popular")`` / ``(set, "popular docs")`` for the
    popular form (queries and documents prefixed). Each condition is compared with ``none``, and the
    instructed ones with each other (:data:`PAIRS`), per domain and pooled (``overall``: every query of
    ``domains`` once), with :func:`utils.search.evaluate.compare` on ``metric``.
    """
    import pandas as pd

    from utils.data.beir import RetrievalSet as RS
    from utils.search.evaluate import METRIC_LABELS, by_tag, compare, per_query

    domains = list(domains)
    runs: dict[tuple[str, str], dict] = {}
    tables: dict[tuple[str, str], pd.DataFrame] = {}
    for d in domains:
        rs = sets[d]
        for cond in CONDITIONS:
            docs = vecs[d, "popular docs"] if cond == "popular" else vecs[d, "docs"]
            runs[d, cond] = _search(vecs[d, cond], docs, rs)
            tables[d, cond] = per_query(rs.qrels, runs[d, cond])
    qrels_all = {q: rel for d in domains for q, rel in sets[d].qrels.items()}
    for cond in CONDITIONS:
        runs["overall", cond] = {q: r for d in domains for q, r in runs[d, cond].items()}
    comparisons: dict[tuple[str, str], Comparison] = {}
    for place in [*domains, "overall"]:
        qrels = qrels_all if place == "overall" else sets[place].qrels
        for cond in CONDITIONS[1:]:
            comparisons[place, cond] = compare(qrels, runs[place, "none"], runs[place, cond], metric)
        for b, a in PAIRS:
            comparisons[place, f"{b} vs {a}"] = compare(qrels, runs[place, a], runs[place, b], metric)
    means = {(d, c): tables[d, c].mean() for d in domains for c in CONDITIONS}
    means |= {("overall", c): pd.concat([tables[d, c] for d in domains]).mean() for c in CONDITIONS}
    metrics = pd.DataFrame(means).T.rename(columns=METRIC_LABELS)
    metrics.index.names = ["domain", "condition"]
    metrics = metrics.unstack("condition").reindex([*domains, "overall"])
    metrics = metrics.reindex(columns=pd.MultiIndex.from_product([list(METRIC_LABELS.values()), CONDITIONS]))
    merged = RS("all", "test", {}, {q: x for d in domains for q, x in sets[d].queries.items()}, qrels_all)
    pooled = {c: pd.concat([tables[d, c] for d in domains]) for c in CONDITIONS}
    tags = pd.DataFrame({c: by_tag(pooled[c], merged, metric) for c in CONDITIONS})
    counts = {t: sum(t in q.tags for q in merged.queries.values()) for t in tags.index}
    tags.insert(0, "queries", pd.Series(counts, dtype=float))
    for c in CONDITIONS[1:]:
        tags[f"{c} - none"] = tags[c] - tags["none"]
    tags["few_queries"] = tags["queries"] < FEW
    from utils.data.beir import PHENOMENA

    tags = tags.reindex([t for t in PHENOMENA if t in tags.index])
    zh = _measure_zh(sets[zh_slice], vecs, zh_slice, metric) if zh_slice else None
    if zh is not None:
        zh["english_overall_none_ndcg"] = float(metrics.loc["overall", ("nDCG@10", "none")])
    return Measurements(domains, metric, runs, tables, metrics, comparisons, tags, zh)


def _measure_zh(rs: RetrievalSet, vecs: Mapping, name: str, metric: str) -> dict[str, Any]:
    from utils.search.evaluate import compare, per_query

    run_none, run_med = _search(vecs[name, "none"], vecs[name, "docs"], rs), _search(vecs[name, "domain"], vecs[name, "docs"], rs)
    mean = {key: {k: float(v) for k, v in per_query(rs.qrels, run).mean().items()} for key, run in (("none", run_none), ("medical_instruction", run_med))}
    return {**mean, "comparison": compare(rs.qrels, run_none, run_med, metric).as_dict()}


def mean_pairwise_cosine(vecs: np.ndarray) -> float:
    """Mean cosine over all pairs of distinct rows of L2-normalised ``vecs``: (|sum v|^2 - n) / (n (n - 1))."""
    n = len(vecs)
    total = np.asarray(vecs, dtype=np.float64).sum(axis=0)
    return float((total @ total - n) / (n * (n - 1)))


def prefix_effect(vecs: Mapping[tuple[str, str], np.ndarray], domains: Sequence[str]) -> pd.DataFrame:
    """Mean document-document and query-document cosine per domain, without and with the shared prefix."""
    import pandas as pd

    rows = {
        d: {
            "doc-doc, plain": mean_pairwise_cosine(vecs[d, "docs"]),
            "doc-doc, prefixed": mean_pairwise_cosine(vecs[d, "popular docs"]),
            "query-doc, plain": float((vecs[d, "none"] @ vecs[d, "docs"].T).mean()),
            "query-doc, both prefixed": float((vecs[d, "popular"] @ vecs[d, "popular docs"].T).mean()),
        }
        for d in domains
    }
    table = pd.DataFrame(rows).T
    table["doc-doc change"] = table["doc-doc, prefixed"] - table["doc-doc, plain"]
    return table


def prefix_lines(table: pd.DataFrame) -> list[str]:
    """One sentence per domain: were prefixed documents more or less alike than plain ones?"""
    out = []
    for d, row in table.iterrows():
        more = "more" if row["doc-doc change"] > 0 else "less"
        out.append(f"{d}: prefixed documents are {more} alike (mean pairwise cosine "
                   f"{row['doc-doc, plain']:.3f} -> {row['doc-doc, prefixed']:.3f})")
    return out


# --------------------------------------------------------------------------- verdicts
def _p(p: float) -> str:
    return "p < 0.0001" if p < 0.0001 else f"p = {p:.4f}"


def _said(c: Mapping) -> str:
    return (
        f"{c['mean_a']:.3f} -> {c['mean_b']:.3f} ({c['delta']:+.3f}); "
        f"wins {int(c['wins'])}, losses {int(c['losses'])}, ties {int(c['ties'])}; {_p(float(c['p_value']))}"
    )


def oriented(comps: Mapping[str, Mapping], place: str, a: str, b: str) -> dict[str, float]:
    """The saved comparison of ``b`` against ``a`` at ``place`` (keys ``"place|cond"`` against none and
    ``"place|B vs A"``), flipped when it was saved the other way round."""
    if a == "none":
        return dict(comps[f"{place}|{b}"])
    key, flip = (f"{place}|{a}", True) if b == "none" else (f"{place}|{b} vs {a}", False)
    if key not in comps:
        key, flip = f"{place}|{a} vs {b}", True
    c = dict(comps[key])
    if flip:
        c.update(mean_a=c["mean_b"], mean_b=c["mean_a"], delta=-c["delta"], wins=c["losses"], losses=c["wins"])
    return c


def best_condition(results: Mapping, place: str, tol: float, alpha: float = 0.05) -> str:
    """The condition with the highest mean nDCG@10 at ``place``, named the best only when the paired test
    puts it ahead of every other condition (:func:`utils.serving.instructions.verdict` "helped")."""
    from utils.serving.instructions import verdict

    ndcg = {c: results["per_domain"][place][c]["nDCG@10"] for c in CONDITIONS}
    top = max(ndcg, key=lambda c: ndcg[c])
    behind = {c: oriented(results["comparisons"], place, c, top) for c in CONDITIONS if c != top}
    unsure = {c: x for c, x in behind.items() if verdict(x, tol, alpha) != "helped"}
    if not unsure:
        return (f"best condition: {top} (ahead of each of the other {len(behind)} by more than {tol} "
                f"with p < {alpha} in each paired test)")
    worst = max(unsure, key=lambda c: unsure[c]["p_value"])
    x = unsure[worst]
    return (f"highest mean: {top}, but no best condition: its lead over {worst} is {x['delta']:+.3f} "
            f"({_p(float(x['p_value']))}), not more than {tol} with p < {alpha}")


def verdict_lines(results: Mapping, tol: float) -> list[str]:
    """The outcome sentences of notebook 02, computed from its results JSON (so they hold in any mode).

    ``results`` holds ``model``, ``mode``, ``domains``, ``per_domain`` (metric means per domain and
    condition), ``comparisons`` (``"domain|condition"`` and ``"domain|B vs A"`` -> comparison dicts) and
    optionally ``zh`` and ``zh_unk_share``. The notebook prints these lines and stores them; its test
    recomputes them from the JSON and compares.
    """
    from utils.serving.instructions import verdict

    comps = results["comparisons"]
    domains = list(results["domains"])
    who = f"{results['model']} ({results['mode']} mode)"
    lines = []
    verdicts = {}
    for d in [*domains, "overall"]:
        c = comps[f"{d}|domain"]
        verdicts[d] = verdict(c, tol)
        where = "all queries pooled" if d == "overall" else d
        lines.append(f"{where}: the domain instruction {verdicts[d]} against none (nDCG@10 {_said(c)}); "
                     f"{best_condition(results, d, tol)}.")
    counts = {v: sum(verdicts[d] == v for d in domains) for v in ("helped", "hurt", "made no clear difference")}
    n = len(domains)
    if counts["helped"] == n:
        lines.append(f"For {who}, use the domain instruction: it helped in all {n} domains.")
    elif counts["helped"] == 0:
        lines.append(
            f"For {who}, send no instruction: the domain instruction helped in none of the {n} domains "
            f"(hurt in {counts['hurt']}, no clear difference in {counts['made no clear difference']})."
        )
    else:
        lines.append(
            f"For {who}, the domain instruction helped in {counts['helped']} of {n} domains and hurt in "
            f"{counts['hurt']}: choose per domain, on your own test queries."
        )
    default = comps["overall|default"]
    lines.append(f"The default web-search instruction {verdict(default, tol)} on all queries (nDCG@10 {_said(default)}).")
    pop = comps["overall|popular vs domain"]
    v = verdict(pop, tol)
    side = {"helped": "scored above", "hurt": "scored below", "made no clear difference": "made no clear difference against"}[v]
    lines.append(f"The popular form (prefix on queries and documents) {side} the Qwen3 form on all queries (nDCG@10 {_said(pop)}).")
    zh = results.get("zh")
    if zh:
        gap = zh["english_overall_none_ndcg"] - zh["none"]["nDCG@10"]
        unk = results.get("zh_unk_share")
        unk_text = f"; {unk:.0%} of the Chinese query tokens are unknown to the tokenizer" if unk is not None else ""
        lines.append(
            f"Chinese (no instruction) scored nDCG@10 {zh['none']['nDCG@10']:.3f}, {abs(gap):.3f} "
            f"{'below' if gap > 0 else 'above'} the English domains "
            f"({zh['english_overall_none_ndcg']:.3f}){unk_text}; the English medical instruction "
            f"{verdict(zh['comparison'], tol)} there ({_said(zh['comparison'])})."
        )
    return lines


def lesson_checks(results: Mapping, tol: float, is_cpu_default: bool) -> tuple[LessonChecks, str]:
    """What notebook 02 asserts for the model in use, from its results record, and the lesson in words.

    Qwen3 (``results["is_qwen3"]``): the domain instruction falls behind none by at most ``tol`` (pooled;
    2.5 ``tol`` per domain) and the right form behind the popular one by at most ``tol``. The CPU default
    (all-MiniLM-L6-v2, not trained with instructions): no domain instruction helps by more than ``tol``,
    more queries lose than win, and, with at least :data:`MIN_PAIRED` pooled queries, none is the best
    condition: every instruction form scores below it with p < 0.05 in the paired test. Another model:
    nothing asserted.
    """
    from utils.course.lessons import LessonChecks

    checks = LessonChecks()
    per, comps, zh = results["per_domain"], results["comparisons"], results.get("zh")

    def gap(place: str, a: str, b: str) -> float:
        return per[place][a]["nDCG@10"] - per[place][b]["nDCG@10"]

    if results["is_qwen3"]:
        checks.expect(f"qwen3: domain instruction behind none by at most {tol}, all queries", gap("overall", "domain", "none"), ">=", -tol)
        for d in results["domains"]:
            checks.expect(f"qwen3: domain instruction behind none by at most {2.5 * tol:g}, {d}", gap(d, "domain", "none"), ">=", -2.5 * tol)
        checks.expect(f"qwen3: right form behind the popular one by at most {tol}, all queries", gap("overall", "domain", "popular"), ">=", -tol)
        if zh is not None:
            checks.expect(f"qwen3: English instruction behind none by at most {2.5 * tol:g}, Chinese",
                          zh["medical_instruction"]["nDCG@10"] - zh["none"]["nDCG@10"], ">=", -2.5 * tol)
        return checks, (f"qwen3: the domain instruction falls behind none by at most {tol} nDCG@10 (pooled), "
                        f"and the right form behind the popular one by at most {tol}")
    if not is_cpu_default:
        return checks, "unknown model: measured, nothing asserted about the direction"
    for d in [*results["domains"], "overall"]:
        where = "all queries" if d == "overall" else d
        checks.expect(f"cpu: domain instruction ahead of none by at most {tol}, {where}", gap(d, "domain", "none"), "<=", tol)
    dom = comps["overall|domain"]
    checks.expect("cpu: queries lost - won with the domain instruction", dom["losses"] - dom["wins"], ">", 0)
    n_pooled = dom["wins"] + dom["losses"] + dom["ties"]
    if n_pooled >= MIN_PAIRED:
        for cond in CONDITIONS[1:]:
            c = comps[f"overall|{cond}"]
            checks.expect(f"cpu: none - {cond}, all queries (none ahead)", -c["delta"], ">", 0)
            checks.expect(f"cpu: paired test p, none vs {cond}, all queries", c["p_value"], "<", 0.05)
        lesson = ("cpu default: no instruction is best on all queries pooled (each instruction form scores "
                  f"below none, p < 0.05 in each paired test), and no domain instruction helps by more than {tol}")
    else:
        lesson = (f"cpu default: no domain instruction helps by more than {tol} ({n_pooled} pooled queries: "
                  f"too few, under {MIN_PAIRED}, to ask the paired test for a best condition)")
    if zh is not None:
        checks.expect("cpu: English - Chinese nDCG@10 without instruction", zh["english_overall_none_ndcg"] - zh["none"]["nDCG@10"], ">", 0.1)
        if results.get("zh_unk_share") is not None:
            checks.expect("cpu: share of unknown tokens in Chinese queries", results["zh_unk_share"], ">", 0.5)
    return checks, lesson


# --------------------------------------------------------------------------- tables and plots
def show_templates(test_sets: Mapping[str, RetrievalSet]) -> None:
    """Display the popular (wrong) and the Qwen3 (right) form of each tutorial template on the domain's
    first test query and its relevant document (HTML keeps the Qwen3 newline visible)."""
    import pandas as pd
    from IPython.display import display

    from utils.serving.instructions import TUTORIAL_TEMPLATES

    def short(text: str, n: int = 110) -> str:
        return text if len(text) <= n else text[: n - 3] + "..."

    rows = []
    for domain, tpl in TUTORIAL_TEMPLATES.items():
        if domain not in test_sets:
            continue
        rs = test_sets[domain]
        qid = rs.query_ids[0]
        q, doc = rs.queries[qid].text, rs.corpus[next(iter(rs.qrels[qid]))].full_text
        rows.append({"domain": domain, "side": "query", "popular (wrong)": tpl.popular_query(q), "Qwen3 (right)": tpl.qwen3_query(q)})
        rows.append({"domain": domain, "side": "document", "popular (wrong)": short(tpl.popular_document(doc)),
                     "Qwen3 (right)": short(tpl.qwen3_document(doc))})
    table = pd.DataFrame(rows).set_index(["domain", "side"])
    html = table.style.set_properties(**{"white-space": "pre-wrap", "text-align": "left"}).to_html()
    with pd.option_context("display.max_colwidth", 200):
        display({"text/html": html, "text/plain": repr(table)}, raw=True)


def task_library(tasks: Mapping[str, str]) -> None:
    """Display the task descriptions, one row per domain, in full."""
    import pandas as pd
    from IPython.display import display

    library = pd.DataFrame({"task description": dict(tasks)})
    library.index.name = "domain"
    with pd.option_context("display.max_colwidth", 200):
        display(library)


def overview(sets: Mapping[str, RetrievalSet]) -> pd.DataFrame:
    """Queries, documents and queries per phenomenon tag, per test set."""
    import pandas as pd

    from utils.data.beir import PHENOMENA

    return pd.DataFrame(
        {d: {"queries": len(rs.queries), "documents": len(rs.corpus), **{t: sum(t in q.tags for q in rs.queries.values()) for t in PHENOMENA}}
         for d, rs in sets.items()}
    ).T


def relevant_counts(sets: Mapping[str, RetrievalSet]) -> None:
    """Display relevant documents per query, and what one relevant document at rank r scores."""
    import pandas as pd
    from IPython.display import display

    n_rel = pd.DataFrame({d: pd.Series([len(r) for r in rs.qrels.values()]).value_counts() for d, rs in sets.items()})
    n_rel = n_rel.fillna(0).astype(int)
    n_rel.index.name = "relevant documents per query"
    display(n_rel)
    ranks = [1, 2, 3, 5, 10, 11]
    display(pd.DataFrame({"nDCG@10": [1 / np.log2(r + 1) if r <= 10 else 0.0 for r in ranks],
                          "Recall@10": [1.0 if r <= 10 else 0.0 for r in ranks],
                          "MRR@10": [1 / r if r <= 10 else 0.0 for r in ranks]},
                         index=pd.Index(ranks, name="rank of the single relevant document")).round(3))


def plot_overview(table: pd.DataFrame) -> None:
    """Bar chart: phenomenon tags per test set."""
    import matplotlib.pyplot as plt

    from utils.data.beir import PHENOMENA

    ax = table[list(PHENOMENA)].plot.bar(figsize=(8, 3.2), rot=0, width=0.8)
    ax.set_xlabel("test set")
    ax.set_ylabel("queries with the tag")
    ax.set_title("Phenomenon tags per test set (a query can carry several)")
    ax.legend(title="tag", loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
    plt.tight_layout()
    plt.show()


def plot_metrics(m: Measurements, title: str) -> None:
    """One panel per metric: the four conditions per test set."""
    import matplotlib.pyplot as plt

    from utils.search.evaluate import METRIC_LABELS

    fig, axes = plt.subplots(1, 3, figsize=(13, 3.6), sharey=True)
    for ax, label in zip(axes, METRIC_LABELS.values(), strict=True):
        m.metrics[label].plot.bar(ax=ax, rot=0, width=0.8, color=["#8c8c8c", "#4c72b0", "#55a868", "#c44e52"])
        ax.set_title(label)
        ax.set_xlabel("test set")
        ax.set_ylim(0, 1)
        ax.legend().remove()
    axes[0].set_ylabel("score (higher is better)")
    axes[-1].legend(title="condition", loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
    fig.suptitle(title)
    plt.tight_layout()
    plt.show()


def plot_wins_losses(m: Measurements) -> None:
    """Wins and losses of each condition against none, all queries pooled, with ties and p-values."""
    import matplotlib.pyplot as plt

    wl = m.comparison_table()
    pooled = wl.xs("overall", level="domain").reindex(list(CONDITIONS[1:]))
    fig, ax = plt.subplots(figsize=(8, 2.6))
    ax.barh(pooled.index, pooled["wins"].astype(int), color="#55a868", label="wins")
    ax.barh(pooled.index, -pooled["losses"].astype(int), color="#c44e52", label="losses")
    ax.set_yticks(range(len(pooled)))
    ax.set_yticklabels([f"{n}\n(ties {int(r['ties'])}, {_p(r['p_value'])})" for n, r in pooled.iterrows()], fontsize=8)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_xlabel(f"queries whose {m.metric} went down (left) or up (right) against no instruction")
    ax.set_ylabel("condition")
    ax.invert_yaxis()
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
    plt.tight_layout()
    plt.show()


def plot_deltas(m: Measurements) -> None:
    """Each comparison's delta per test set: significant ones (p < 0.05) solid, the others hatched."""
    import matplotlib.pyplot as plt

    wl = m.comparison_table()
    names = [*CONDITIONS[1:], "popular vs domain"]
    places = [*m.domains, "overall"]
    fig, ax = plt.subplots(figsize=(9, 3.4))
    width = 0.8 / len(names)
    for i, (name, color) in enumerate(zip(names, ["#4c72b0", "#55a868", "#c44e52", "#8172b2"], strict=True)):
        for j, place in enumerate(places):
            row = wl.loc[(place, name)]
            solid = bool(row["significant"])
            ax.bar(j + (i - 1.5) * width, row["delta"], width, color=color if solid else "white", edgecolor=color,
                   hatch=None if solid else "//", label=name if j == 0 else None)
    ax.axhline(0, color="black", lw=0.8)
    ax.set_xticks(range(len(places)))
    ax.set_xticklabels(places)
    ax.set_xlabel("test set")
    ax.set_ylabel(f"change in mean {m.metric}")
    ax.set_title("Each comparison's delta (against none; the last one: popular against domain)")
    ax.legend(title="comparison (hatched: p >= 0.05)", loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
    plt.tight_layout()
    plt.show()


def plot_prefix_effect(table: pd.DataFrame) -> None:
    """Mean cosine of document pairs and query-document pairs, with and without the shared prefix."""
    import matplotlib.pyplot as plt

    ax = table.drop(columns="doc-doc change").plot.bar(figsize=(8, 3.2), rot=0, width=0.8,
                                                       color=["#9ecae1", "#3182bd", "#fdae6b", "#e6550d"])
    ax.set_xlabel("test set")
    ax.set_ylabel("mean cosine similarity")
    ax.set_title("Pairs of documents and query-document pairs, with and without the shared prefix")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
    plt.tight_layout()
    plt.show()


def plot_tags(m: Measurements) -> None:
    """Change against none per phenomenon tag; tags with fewer than :data:`FEW` queries are marked."""
    import matplotlib.pyplot as plt

    tags = m.tag_table
    deltas = tags[[f"{c} - none" for c in CONDITIONS[1:]]]
    ax = deltas.plot.barh(figsize=(8, 3.8), color=["#4c72b0", "#55a868", "#c44e52"], width=0.8)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_yticklabels([f"{t} ({int(r['queries'])}{', too few' if r['few_queries'] else ''})" for t, r in tags.iterrows()])
    ax.set_xlabel(f"change in mean {m.metric} against no instruction")
    ax.set_ylabel("phenomenon tag (queries)")
    ax.set_title(f"By phenomenon tag (queries in brackets; 'too few': under {FEW})")
    ax.invert_yaxis()
    plt.tight_layout()
    plt.show()


def failure_lines(result: SearchResult, query: str, relevant_text: str, k: int = 5) -> list[str]:
    """Where the failure query's relevant document ranks, and the words it shares with the query."""
    rel = sorted(result.relevant or [])
    if not rel:
        return ["The query has no judged relevant document."]
    best = min(min(result.ranks[d]) for d in rel)
    words = shared_words(query, relevant_text)
    if best > k:
        out = [f"Neither ranking has the relevant document in the top {k} (best rank {best}): a real failure, kept on purpose."]
    else:
        out = [f"The relevant document reaches rank {best} in one of the rankings: with this model the query does not fail."]
    out.append(f"Words of four letters or more that the query shares with the relevant document: {sorted(words) or 'none'}.")
    if best > k and not words:
        out.append("With no word in common, only a model that knows that quitting a drug is withdrawing it can find the "
                   "document; this one ranks other documents higher. Lay wording is what the tag lay_wording marks, and "
                   "what fine-tuning (notebook 04) tries to teach.")
    return out


def versions() -> str:
    """pandas and ipywidgets versions, and the font Chinese labels will use."""
    import ipywidgets
    import pandas as pd

    from utils.course.plots import use_cjk_fallback

    font = use_cjk_fallback() or "none found (they will show as boxes)"
    return f"pandas {pd.__version__} | ipywidgets {ipywidgets.__version__} | font for Chinese labels: {font}"


__all__: Sequence[str] = (
    "CONDITIONS",
    "FEW",
    "Debouncer",
    "Explorer",
    "ExplorerDomain",
    "SearchResult",
    "domains_from_sets",
    "explain_error",
    "lesson_checks",
    "Measurements",
    "measure",
    "prefix_effect",
    "render_html",
    "search",
    "shared_words",
    "verdict_lines",
)
