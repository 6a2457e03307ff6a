"""utils.course.nb01_serve_and_embed: the benchmark's texts, table and verdict sentences (no server)."""

import pytest

from utils.course import nb01_serve_and_embed as nb01
from utils.course.timing import Rounds, deal

VARIANTS = [
    "one request per text, new client each",
    "one request per text",
    "batched, base64",
    "batched, float JSON",
    "async, base64",
    "in-process",
]


def test_benchmark_texts_are_distinct_and_no_text_starts_another():
    texts = nb01.benchmark_texts(exclude=["What is the first-line drug for type 2 diabetes?"])
    assert len(texts) == len(set(texts)) and all(len(t) >= 20 for t in texts)
    ordered = sorted(texts)
    assert not [a for a, b in zip(ordered, ordered[1:], strict=False) if b.startswith(a)], (
        "a prefix would be a cache hit"
    )
    # the notebook's full size (7 timed rounds + a warm-up, 128 and 32 texts per variant) fits the course's data
    deal(texts, nb01.sizes(VARIANTS, 32, 128), rounds=8)


def test_benchmark_texts_leave_out_what_the_checks_send(tmp_path):
    (tmp_path / "medical").mkdir()
    (tmp_path / "medical" / "corpus.jsonl").write_text(
        '{"_id": "d1", "title": "Metformin", "text": "Metformin lowers hepatic glucose output. It is cheap and old."}\n'
    )
    texts = nb01.benchmark_texts(exclude=["Metformin lowers hepatic glucose output."], data_dir=tmp_path)
    assert texts == ["It is cheap and old."]


def test_sizes_and_texts_used():
    assert nb01.sizes(VARIANTS[:3], 16, 64) == {VARIANTS[0]: 16, VARIANTS[1]: 16, VARIANTS[2]: 64}
    inputs = {"a": [["x", "y"], ["z"]], "b": [["w"], ["y"]]}
    assert nb01.texts_used(inputs, exclude=["w"]) == {"sent": 5, "distinct": 4, "shared_with_checks": 1}


def rounds_for(rates: dict[str, list[float]]) -> Rounds:
    return Rounds(
        seconds={k: [10 / r for r in v] for k, v in rates.items()},
        counts={k: [10] * len(v) for k, v in rates.items()},
        order=[list(rates)] * len(next(iter(rates.values()))),
    )


def test_table_ratios_and_sentences_come_from_the_rounds():
    rounds = rounds_for(
        {
            "one request per text, new client each": [10, 11, 9],
            "one request per text": [30, 33, 27],
            "batched, base64": [90, 100, 80],
            "batched, float JSON": [85, 101, 70],
            "async, base64": [80, 300, 50],
        }
    )
    table = nb01.benchmark_table(rounds)
    assert table.loc["batched, base64", "texts/s (median)"] == 90
    assert table.loc["batched, base64", "x one-per-text"] == pytest.approx(3.0)
    assert table.loc["async, base64", "lowest round"] == 50 and "x in-process" not in table.columns
    ratios = nb01.per_round_ratios(rounds)
    assert set(ratios) == {"batched_vs_single", "pooled_vs_new_client", "base64_vs_float", "async_vs_batched"}
    lines = nb01.verdict_sentences(ratios, concurrency=4)
    assert (
        lines[0]
        == "Batched base64 requests against one request per text: faster (median 3.00x, 3 rounds from 2.96 to 3.03)."
    )
    said = dict(zip(ratios, lines, strict=True))
    assert (
        ": no clear difference (" in said["async_vs_batched"]
        and ": no clear difference (" in said["base64_vs_float"]
    )
    assert not any("because" in line for line in lines), "no cause is stated that the run did not test"


def test_the_in_process_sentence_says_no_more_than_the_rounds():
    rates = {"batched, float JSON": [20, 21, 22], "batched, base64": [20, 21, 22], "in-process": [10, 10, 10]}
    rates |= {"one request per text": [5, 5, 5]}
    lines = nb01.verdict_sentences(nb01.per_round_ratios(rounds_for(rates)), 4)
    assert any("in this run the in-process call was not an upper bound" in line for line in lines)
    rates["in-process"] = [10, 40, 15]
    lines = nb01.verdict_sentences(nb01.per_round_ratios(rounds_for(rates)), 4)
    assert not any("upper bound" in line for line in lines)
