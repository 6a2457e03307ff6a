"""Notebook 06_long_documents, executed once at smoke size: its JSON holds sane numbers and the lesson."""

import pytest

METRICS = ("nDCG@10", "Recall@10")
POSITIONS = ("first", "middle", "last", "whole_document")


@pytest.fixture(scope="module")
def r(notebook_results):
    return notebook_results("06_long_documents")


def test_structure(r):
    assert r["notebook"] == "06_long_documents"
    assert r["truncation"] in r["conditions"] and r["best"] in r["conditions"]
    assert r["bare"] in r["conditions"] and r["contextual"] in r["conditions"]
    for domain in r["domains"]:
        assert r["n_docs"][domain] >= 5 and r["n_queries"][domain] >= 10 and r["n_train_queries"][domain] >= 10
    for position in ("needle_first", "needle_middle", "needle_last", "whole_document"):
        assert r["n_by_position"][position] >= 1, position
    for cond in r["conditions"]:
        row = r["quality"][cond]
        for m in METRICS:
            assert 0.0 <= row[m] <= 1.0, (cond, m)
        for p in POSITIONS:
            value = row[f"nDCG@10 {p}"]
            assert value is None or 0.0 <= value <= 1.0, (cond, p)
    assert {a.rsplit(", ", 1)[-1] for a in r["aggregation"]} == {"max", "mean", "first", "top3"}


def test_price_is_consistent(r):
    price = r["price"]
    assert price[r["truncation"]]["vectors/doc"] == pytest.approx(1.0)
    for cond, spec in r["specs"].items():
        row = price[cond]
        assert row["vectors/doc"] > 1.0, cond  # the documents are longer than one window
        assert row["index KB (float32)"] == pytest.approx(4 * row["index KB (int8)"])
        assert row["tokens/doc"] > 0 and row["seconds"] > 0
        if spec["overlap"]:
            base = f"chunks {spec['size']}:0"
            if base in price:
                assert row["tokens/doc"] > price[base]["tokens/doc"], cond
    assert price[r["contextual"]]["tokens/doc"] > price[r["bare"]]["tokens/doc"]


def test_the_lesson(r):
    last = r["last_third"]
    assert last["queries"] >= 3
    assert last["gap"] == pytest.approx(last["best_chunk"] - last["truncation"], abs=1e-9)
    assert last["gap"] > r["tol"]
    assert r["passages"]["queries"] >= 1 and 0.0 <= r["passages"]["overlaps_needle"] <= 1.0
    if r["mode"] == "cpu" and r["model"] == "all-MiniLM-L6-v2":
        q = r["quality"][r["truncation"]]
        assert q["nDCG@10 first"] > q["nDCG@10 last"] + r["tol"]
        assert r["whole_condition"] is None  # a 256-token model cannot read these documents whole
    assert r["lesson_checks"] and all(c["passed"] and c["margin"] > 0 for c in r["lesson_checks"])


@pytest.mark.parametrize("domain", ["medical", "legal", "finance"])
def test_long_document_sets_are_valid(domain):
    """The data the notebook reads: BEIR-valid, 1,000-6,000 tokens a document, needles where needles.tsv says."""
    import csv

    from transformers import AutoTokenizer

    from utils.data.beir import load_beir, load_domain
    from utils.paths import REPO_ROOT
    from utils.serving.settings import default_cpu_model_path

    folder = REPO_ROOT / "data" / f"long_{domain}"
    rs, short = load_beir(folder, "test"), load_domain(domain, "test")
    tok = AutoTokenizer.from_pretrained(default_cpu_model_path())
    counts = [len(ids) for ids in tok(rs.doc_texts, verbose=False)["input_ids"]]
    assert min(counts) >= 1000 and max(counts) <= 6000, (min(counts), max(counts))
    rows = list(csv.DictReader((folder / "needles.tsv").open(encoding="utf-8"), delimiter="\t"))
    assert {r["query-id"] for r in rows} >= set(rs.queries)
    short_texts = {d.text for d in short.corpus.values()}
    for r in rows:
        if r["query-id"] not in rs.queries:
            continue  # a train query
        q = rs.queries[r["query-id"]]
        assert set(rs.qrels[q.id]) == {r["corpus-id"]}
        text = rs.corpus[r["corpus-id"]].text
        start, end = int(r["start"]), int(r["end"])
        if r["position"] == "whole":
            assert q.tags == ("whole_document",) and (start, end) == (0, len(text))
            continue
        assert f"needle_{r['position']}" in q.tags
        assert text[start:end] in short_texts  # the needle is a shipped short document, verbatim
        assert f"## {int(r['section']) + 1}. {r['section-title']}" in text[:start]
        third = min(2, int(3 * (start + end) / 2 / len(text)))
        assert r["position"] == ("first", "middle", "last")[third]
        assert q.text == short.queries[q.id].text  # the query is the short set's query


def test_choices_are_made_on_train_and_the_verdicts_recomputed_from_the_saved_numbers(r):
    """Issue 30 item 8: no "best condition" picked and reported on test; every verdict line follows from the numbers."""
    import pandas as pd

    from utils.course import nb06_long_documents as longdocs
    from utils.search.evaluate import Comparison

    ways, scores = r["chosen"]
    # the way of reading: the fewest tokens per document within the tolerance of the best *train* score
    cost = {c: r["price"][c]["tokens/doc"] for c in ways["train"]}
    assert longdocs.choose(ways["train"], cost, ways["tolerance"]) == (ways["chosen"], ways["best_train"])
    assert ways["n_train"] == sum(r["n_train_queries"].values()) and ways["n_test"] == sum(r["n_queries"].values())
    for c in (ways, scores):
        assert set(c["against"]) == set(c["train"]) - {c["chosen"]}
        table = r["quality"] if c is ways else r["aggregation"]
        assert c["test"][c["chosen"]] == pytest.approx(table[c["chosen"]]["nDCG@10"])
    # recompute every verdict line from the saved tables, comparisons and choices
    quality = pd.DataFrame.from_dict(r["quality"], orient="index")
    price = pd.DataFrame.from_dict(r["price"], orient="index")
    comps = {k: Comparison(**v) for k, v in r["comparisons"].items()}
    again = longdocs.verdicts(quality, price, r["truncation"], r["best"], r["whole_condition"], comps, r["chosen"], r["tol"])
    assert again == r["verdicts"]
    assert not any("best condition overall" in v for v in r["verdicts"])
    for line in r["verdicts"]:  # a "helps"/"hurts" needs p < 0.05 in the same line
        if line.endswith(("it helps", "it hurts")):
            assert float(line.split("p = ")[1].split(")")[0]) < 0.05
