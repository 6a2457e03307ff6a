"""utils.course.nb02_instructions: the measurement, verdicts and checks; search with relevance marks, the HTML
table, one-sentence errors, debounce, the widget."""

import threading
import time

import numpy as np
import pytest

from utils.course.nb02_instructions import (
    CONDITIONS,
    FEW,
    MARK,
    MIN_PAIRED,
    Debouncer,
    Explorer,
    ExplorerDomain,
    domains_from_sets,
    explain_error,
    failure_lines,
    lesson_checks,
    mean_pairwise_cosine,
    measure,
    oriented,
    render_html,
    search,
    shared_words,
    verdict_lines,
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


# --------------------------------------------------------------------------- the measurement and its verdicts
def _comp(a, b, wins, losses, ties, p):
    return {"mean_a": a, "mean_b": b, "delta": b - a, "wins": wins, "losses": losses, "ties": ties, "p_value": p}


def _results(means, p=0.001, n=(5, 20, 5)):
    """A results record: ``means`` per place and condition; every comparison from those means with p ``p``."""
    per, comps = {}, {}
    for place, m in means.items():
        per[place] = {c: {"nDCG@10": m[c]} for c in CONDITIONS}
        for c in CONDITIONS[1:]:
            comps[f"{place}|{c}"] = _comp(m["none"], m[c], *n, p)
        for b, a in (("domain", "default"), ("popular", "default"), ("popular", "domain")):
            comps[f"{place}|{b} vs {a}"] = _comp(m[a], m[b], *n, p)
    return {"model": "m", "mode": "cpu", "is_qwen3": False, "domains": [d for d in means if d != "overall"],
            "per_domain": per, "comparisons": comps}


def _means(domain_delta):
    return {d: {"none": 0.6, "default": 0.58, "domain": 0.6 + x, "popular": 0.62} for d, x in domain_delta.items()}


def test_verdict_lines_follow_the_numbers():
    r = _results(_means({"medical": -0.1, "legal": -0.05, "overall": -0.07}))
    r["comparisons"]["overall|default"] = _comp(0.6, 0.58, 5, 9, 16, 0.3)
    hurt = verdict_lines(r, tol=0.02)
    assert hurt[0].startswith("medical: the domain instruction hurt against none")
    assert "wins 5, losses 20, ties 5; p = 0.0010" in hurt[0]
    assert any("send no instruction" in line and "hurt in 2" in line for line in hurt)
    assert any("default web-search instruction made no clear difference" in line for line in hurt)
    assert any("popular form (prefix on queries and documents) scored above the Qwen3 form" in line for line in hurt)
    helped = verdict_lines(_results(_means({"medical": 0.1, "legal": 0.05, "overall": 0.07})), tol=0.02)
    assert any("use the domain instruction: it helped in all 2 domains" in line for line in helped)
    assert any("scored below the Qwen3 form" in line for line in helped)
    mixed = verdict_lines(_results(_means({"medical": 0.1, "legal": -0.05, "overall": 0.01})), tol=0.02)
    assert any("helped in 1 of 2 domains and hurt in 1" in line for line in mixed)
    assert any("made no clear difference against the Qwen3 form" in line for line in mixed)
    assert all("e-0" not in line for line in hurt + helped + mixed), "no scientific notation"


def test_a_best_condition_is_named_only_when_the_paired_test_says_so():
    """Issue 30 item 7: a condition ahead by less than tol, or without p < 0.05, is not 'the best'."""
    clear = verdict_lines(_results({"medical": {"none": 0.7, "default": 0.6, "domain": 0.55, "popular": 0.62},
                                    "overall": {"none": 0.7, "default": 0.6, "domain": 0.55, "popular": 0.62}}), tol=0.02)
    assert "best condition: none (ahead of each of the other 3" in clear[0]
    close = _results({"medical": {"none": 0.7, "default": 0.681, "domain": 0.55, "popular": 0.62},
                      "overall": {"none": 0.7, "default": 0.6, "domain": 0.55, "popular": 0.62}})
    line = verdict_lines(close, tol=0.02)[0]  # none ahead of default by 0.019 only: within tol
    assert "highest mean: none, but no best condition: its lead over default is +0.019 (p = 0.0010)" in line
    noisy = _results({"medical": {"none": 0.7, "default": 0.6, "domain": 0.55, "popular": 0.62},
                      "overall": {"none": 0.7, "default": 0.6, "domain": 0.55, "popular": 0.62}}, p=0.2)
    assert "no best condition" in verdict_lines(noisy, tol=0.02)[0] and "p = 0.2000" in verdict_lines(noisy, tol=0.02)[0]
    # a winner that is not `none` is compared with the others whichever way the comparison was saved
    dom = _results({"medical": {"none": 0.5, "default": 0.55, "domain": 0.7, "popular": 0.6},
                    "overall": {"none": 0.5, "default": 0.55, "domain": 0.7, "popular": 0.6}})
    assert "best condition: domain" in verdict_lines(dom, tol=0.02)[0]
    c = oriented(dom["comparisons"], "medical", "popular", "domain")  # saved as "popular vs domain"
    assert c["delta"] == pytest.approx(0.1) and c["mean_b"] == pytest.approx(0.7)


def test_verdict_lines_chinese():
    r = _results(_means({"medical": -0.1, "legal": -0.05, "overall": -0.07}))
    r["zh"] = {"none": {"nDCG@10": 0.1}, "english_overall_none_ndcg": 0.6, "comparison": _comp(0.1, 0.09, 1, 3, 20, 0.00001)}
    r["zh_unk_share"] = 0.8
    line = verdict_lines(r, tol=0.02)[-1]
    assert "0.500 below the English domains (0.600); 80% of the Chinese query tokens" in line
    assert "made no clear difference there" in line and "p < 0.0001" in line


def test_cpu_lesson_needs_the_paired_test():
    """'No instruction is best' is asserted with p < 0.05 per instruction form; an instruction ahead by
    less than tol no longer passes it (issue 30 item 7)."""
    means = {"medical": {"none": 0.7, "default": 0.6, "domain": 0.55, "popular": 0.62}}
    means["overall"] = dict(means["medical"])
    r = _results(means, n=(10, 50, 30))  # 90 pooled queries
    checks, lesson = lesson_checks(r, 0.02, is_cpu_default=True)
    assert lesson.startswith("cpu default: no instruction is best") and all(c.passed for c in checks.checks)
    names = [c.lesson for c in checks.checks]
    assert "cpu: paired test p, none vs popular, all queries" in names
    means["overall"]["popular"] = 0.719  # an instruction form ahead of none by 0.019: within tol, but not "none is best"
    r = _results(means, n=(10, 50, 30))
    checks, _ = lesson_checks(r, 0.02, is_cpu_default=True)
    failed = [c.lesson for c in checks.checks if not c.passed]
    assert failed == ["cpu: none - popular, all queries (none ahead)"]
    r = _results(means, n=(2, 10, 8))  # 20 pooled queries: too few to ask the test for a winner
    checks, lesson = lesson_checks(r, 0.02, is_cpu_default=True)
    assert "too few" in lesson and str(MIN_PAIRED) in lesson
    assert not any("paired test" in c.lesson for c in checks.checks)


def test_qwen3_and_unknown_model_lessons():
    r = _results(_means({"medical": 0.03, "legal": 0.01, "overall": 0.02}))
    r["is_qwen3"] = True
    checks, lesson = lesson_checks(r, 0.02, is_cpu_default=False)
    assert lesson.startswith("qwen3:") and "at most" in lesson and all(c.passed for c in checks.checks)
    r["is_qwen3"] = False
    checks, lesson = lesson_checks(r, 0.02, is_cpu_default=False)
    assert not checks.checks and lesson.startswith("unknown model")


def _tagged_set():
    corpus = {f"d{i}": Document(f"d{i}", "", f"text {i}") for i in range(4)}
    queries = {f"q{i}": Query(f"q{i}", f"query {i}", ("numbers",) if i < 3 else ("negation",)) for i in range(4)}
    return RetrievalSet("medical", "test", corpus, queries, {f"q{i}": {f"d{i}": 1} for i in range(4)})


def test_measure_scores_conditions_and_marks_small_tags():
    rs = _tagged_set()
    eye = np.eye(4, dtype=np.float32)
    worse = np.roll(eye, 1, axis=0)  # every query finds another document first
    vecs = {("medical", "docs"): eye, ("medical", "none"): eye, ("medical", "default"): worse,
            ("medical", "domain"): eye, ("medical", "popular"): eye, ("medical", "popular docs"): eye}
    m = measure({"medical": rs}, vecs, ["medical"])
    assert m.metrics.loc["medical", ("nDCG@10", "none")] == pytest.approx(1.0)
    assert m.metrics.loc["medical", ("nDCG@10", "default")] < 1.0
    c = m.comparisons["medical", "default"]
    assert (c.wins, c.losses, c.ties) == (0, 4, 0)
    assert ("overall", "popular vs default") in m.comparisons
    assert m.tag_table.loc["numbers", "queries"] == 3 and bool(m.tag_table.loc["numbers", "few_queries"]) is (3 < FEW)
    shown = m.shown_tags()
    assert shown.loc["negation", f"n < {FEW}"].startswith("marked") and shown["queries"].dtype.kind == "i"
    record = m.record("m", "cpu", False, None)
    assert record["by_tag"]["numbers"]["few_queries"] is True
    assert record["comparisons"]["medical|default"]["losses"] == 4


def test_mean_pairwise_cosine_is_the_mean_over_distinct_pairs():
    rng = np.random.default_rng(0)
    v = rng.standard_normal((6, 5)).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    sims = v @ v.T
    assert mean_pairwise_cosine(v) == pytest.approx(sims[~np.eye(6, dtype=bool)].mean(), abs=1e-6)


def test_failure_lines(domains):
    result = search(domains["medical"], "medical question one", "Given a clinical question, retrieve", _toy_embed, k=1)
    lines = failure_lines(result, "medical question one", "a text without a title", k=1)
    assert result.ranks == {"med-d2": (2, 1)}  # the instruction moves the query onto the relevant document
    assert lines[0].startswith("The relevant document reaches rank 1") and len(lines) == 2
    assert lines[1].endswith("relevant document: none.")
    lines = failure_lines(result, "medical question one", "medical text", k=0)
    assert lines[0].startswith("Neither ranking has the relevant document in the top 0 (best rank 1)")
    assert "['medical']" in lines[1] and len(lines) == 2
