"""utils.course.nb02_instructions: search with relevance marks, the HTML table, one-sentence errors, debounce, the widget."""

import threading
import time

import numpy as np
import pytest

from utils.course.nb02_instructions import (
    MARK,
    Debouncer,
    Explorer,
    ExplorerDomain,
    domains_from_sets,
    explain_error,
    render_html,
    search,
    shared_words,
)
from utils.data.beir import Document, Query, RetrievalSet
from utils.serving.client import ServerUnreachableError


def _toy_embed(texts):
    """The plain query points at axis 0; the instruction frame moves it to axis 1."""
    out = []
    for t in texts:
        v = np.array([0.1, 1.0, 0.0]) if t.startswith("Instruct:") else np.array([1.0, 0.1, 0.0])
        out.append(v / np.linalg.norm(v))
    return np.array(out, dtype=np.float32)


def _set(name, prefix):
    corpus = {
        f"{prefix}-d1": Document(f"{prefix}-d1", "Alpha title", "alpha text"),
        f"{prefix}-d2": Document(f"{prefix}-d2", "", "a text without a title that is rather long, longer than the cut"),
        f"{prefix}-d3": Document(f"{prefix}-d3", "Gamma", "gamma text"),
    }
    queries = {f"{prefix}-q1": Query(f"{prefix}-q1", f"{name} question one", ()), f"{prefix}-q2": Query(f"{prefix}-q2", f"{name} question two", ())}
    qrels = {f"{prefix}-q1": {f"{prefix}-d2": 1}, f"{prefix}-q2": {f"{prefix}-d3": 1}}
    return RetrievalSet(name, "test", corpus, queries, qrels)


@pytest.fixture
def domains():
    sets = {"medical": _set("medical", "med"), "legal": _set("legal", "leg")}
    vecs = {d: np.eye(3, dtype=np.float32) for d in sets}
    return domains_from_sets(sets, vecs, {"medical": "Given a clinical question, retrieve", "legal": "Given a legal question, retrieve"})


def test_domain_from_set(domains):
    med = domains["medical"]
    assert med.doc_ids == ("med-d1", "med-d2", "med-d3")
    assert med.titles[0] == "Alpha title"
    assert med.titles[1].endswith("...") and len(med.titles[1]) <= 60, "a missing title falls back to the text, cut"
    assert med.default_query == "medical question one"
    assert med.default_task == "Given a clinical question, retrieve"
    assert med.relevant_for("  Medical   QUESTION one ") == frozenset({"med-d2"})
    assert med.relevant_for("something typed") is None
    with pytest.raises(ValueError, match="one entry per document"):
        ExplorerDomain("x", ("a",), ("A", "B"), np.eye(1), {}, "q", None)


def test_search_marks_relevant_documents_and_reports_their_ranks(domains):
    r = search(domains["medical"], "medical question one", "Given a clinical question, retrieve", _toy_embed, k=1)
    assert len(r.table) == 1
    assert r.table[("no instruction", "doc")].tolist() == ["med-d1"]
    assert r.table[("with instruction", "doc")].tolist() == ["med-d2"]
    assert r.table[("with instruction", "relevant")].tolist() == [MARK]
    assert r.table[("no instruction", "relevant")].tolist() == [""]
    # the relevant document is outside the top 1 without the instruction: its rank is still reported
    assert r.ranks == {"med-d2": (2, 1)}
    assert "med-d2" in r.describe() and "ranks 2 without" in r.describe()


def test_search_of_a_typed_query_has_no_judgements(domains):
    r = search(domains["legal"], "my own words", None, _toy_embed, k=5)
    assert r.relevant is None and r.ranks == {}
    assert len(r.table) == 3, "k is capped at the corpus size"
    assert not (r.table[("with instruction", "relevant")] == MARK).any()
    assert "not one of the domain's test queries" in r.describe()


def test_render_html_keeps_ids_on_one_line_and_titles_left(domains):
    r = search(domains["medical"], "medical question one", "Given a clinical question, retrieve", _toy_embed, k=3)
    page = render_html(r)
    assert page.count("class='doc-id' style='") == 6
    assert all("white-space:nowrap" in part.split(">")[0] for part in page.split("class='doc-id'")[1:])
    assert all("text-align:left" in part.split(">")[0] for part in page.split("class='doc-title'")[1:])
    assert f"med-d2 {MARK}" in page and "#d9f2d9" in page
    assert "&lt;" not in page  # nothing to escape here, but titles are escaped:
    r.table.loc[1, ("no instruction", "title")] = "<b>x</b>"
    assert "&lt;b&gt;x&lt;/b&gt;" in render_html(r)


@pytest.mark.parametrize(
    "exc, expected",
    [
        (ValueError("query is empty"), "Type a query"),
        (RuntimeError("Cannot send a request, as the client has been closed."), "creates the client"),
        (ServerUnreachableError("nothing at 127.0.0.1:9"), "starts the server"),
        (ConnectionRefusedError(111, "refused"), "starts the server"),
        (KeyError("boom"), "Run All"),
    ],
)
def test_every_error_is_one_sentence_that_says_what_to_do(exc, expected):
    text = explain_error(exc)
    assert expected in text
    assert text.endswith(".") and text.count(". ") == 0 and "\n" not in text


def test_debouncer_runs_only_the_last_call():
    calls = []
    done = threading.Event()
    d = Debouncer(0.05)
    for i in range(5):
        d(lambda i=i: (calls.append(i), done.set()))
    assert done.wait(2)
    time.sleep(0.1)
    assert calls == [4]
    sync = []
    Debouncer(0)(lambda: sync.append(1))
    assert sync == [1], "delay 0 runs at once"


def test_explorer_updates_on_change_and_resets_on_domain(domains):
    tasks = {"medical": "Given a clinical question, retrieve", "legal": "Given a legal question, retrieve"}
    ex = Explorer(domains, _toy_embed, tasks, k=2, delay=0)
    first = ex.refresh()
    assert first is not None and first.domain == "medical"
    ex.query.value = "medical question two"  # a change searches again, no button
    assert ex.last.query == "medical question two"
    assert ex.last.relevant == frozenset({"med-d3"})
    ex.task.value = ""  # (none)
    assert ex.last.task is None
    ex.domain.value = "legal"  # query and instruction follow the domain
    assert ex.query.value == "legal question one"
    assert ex.task.value == tasks["legal"]
    assert list(ex.query.options) == ["legal question one", "legal question two"]
    assert ex.last.domain == "legal" and ex.last.query == "legal question one"
    assert "leg-d" in ex.results.value and "med-d" not in ex.results.value
    ex.k.value = 3
    assert len(ex.last.table) == 3


def test_explorer_shows_a_failure_as_one_sentence_and_recovers(domains):
    state = {"closed": True}

    def embed(texts):
        if state["closed"]:
            raise RuntimeError("Cannot send a request, as the client has been closed.")
        return _toy_embed(texts)

    ex = Explorer(domains, lambda t: embed(t), {"medical": "Given a clinical question, retrieve"}, delay=0)
    assert ex.refresh() is None
    assert "run the cell that creates the client" in ex.status.value and ex.results.value == ""
    state["closed"] = False
    ex.query.value = "medical question two"
    assert ex.last_error is None and "med-d3" in ex.results.value


def test_explorer_debounces_typing(domains):
    calls = []

    def embed(texts):
        calls.append(texts[0])
        return _toy_embed(texts)

    ex = Explorer(domains, embed, {"medical": "Given a clinical question, retrieve"}, delay=0.1)
    for text in ("m", "me", "med", "medical question two"):
        ex.query.value = text
    deadline = time.monotonic() + 3
    while ex.last is None and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.2)
    assert calls == ["medical question two"], calls
    assert ex.last.relevant == frozenset({"med-d3"})


def test_shared_words():
    assert shared_words("is it dangerous to quit my metoprolol", "bisoprolol or metoprolol is started") == {"metoprolol"}
    assert shared_words("a b", "a b") == set()
