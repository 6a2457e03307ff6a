"""The search explorer of notebook 02_instructions: one query, ranked without and with an instruction.

Introduced in notebook 02_instructions. :func:`search` is a plain function (a table and the ranks of
the judged documents); :class:`Explorer` wraps it in ipywidgets controls that search again whenever a
control changes (debounced), reset the query and the instruction to the new domain's defaults when the
domain changes, mark the relevant documents, and show any failure as one sentence saying what to do.

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

    from utils.data.beir import RetrievalSet

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
        return "The embedding client was closed: run the cell that creates the client (section 3) again, then edit the query."
    if name in ("ServerUnreachableError", "APIConnectionError", "ConnectError", "ConnectionRefusedError") or isinstance(
        exc, ConnectionError
    ):
        return "The embedding server does not answer: run the cell that starts the server (section 3) again, then edit the query."
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


__all__: Sequence[str] = (
    "Debouncer",
    "Explorer",
    "ExplorerDomain",
    "SearchResult",
    "domains_from_sets",
    "explain_error",
    "render_html",
    "search",
    "shared_words",
)
