"""Tests for utils.training.pseudo_pairs: title, inverse cloze and LLM pairs (against tests/fake_chat.py), the CLI, bad input."""

from __future__ import annotations

import json
import warnings

import pytest

from tests.fake_chat import OFF_TOPIC, FakeChat, bag_of_words
from utils.data.beir import DataFormatError, Document, read_pairs_jsonl
from utils.training import pseudo_pairs as pp

DOCS = [
    Document(
        "d1",
        "Beta blockers after myocardial infarction",
        "Bisoprolol is started once the patient is stable. It is continued for years when the heart pumps poorly. Doses rise slowly.",
    ),
    Document(
        "d2",
        "Kidney function and metformin dosing",
        "Metformin is reduced when kidney function falls. It is stopped below a clearance of thirty. Lactic acidosis is rare.",
    ),
    Document(
        "d3",
        "Termination of a commercial lease",
        "A tenant may end the lease with six months notice. The landlord must return the deposit within a month.",
    ),
    Document(
        "d4",
        "",
        "An untitled note about capital gains tax on shares. Losses can be carried forward to later years.",
    ),
    Document("d5", "Single sentence document", "Only one sentence lives in this document."),
]


def _corpus(path, docs=DOCS):
    path.write_text("".join(json.dumps({"_id": d.id, "title": d.title, "text": d.text}) + "\n" for d in docs))
    return path


def _run(capsys, *args):
    rc = pp.main([str(a) for a in args])
    out = capsys.readouterr()
    return rc, out.out, out.err


def test_split_sentences():
    assert pp.split_sentences("One two. Three four! Five? 6 items.") == [
        "One two.",
        "Three four!",
        "Five?",
        "6 items.",
    ]
    assert pp.split_sentences("no end mark") == ["no end mark"]


def test_title_pairs_use_the_body_and_count_untitled_documents():
    pairs, report = pp.title_pairs(DOCS)
    assert [p["doc_id"] for p in pairs] == ["d1", "d2", "d3", "d5"]
    assert pairs[0] == {
        "query": DOCS[0].title,
        "positive": DOCS[0].text,
        "doc_id": "d1",
    }  # no title in the positive
    assert report.skipped == {"no title": 1, "no body": 0} and report.n_pairs == 4
    assert "1 documents skipped (no title)" in report.summary() and "no body" not in report.summary()
    pairs, report = pp.title_pairs([*DOCS, Document("d9", "A title and no abstract", "")])
    assert "d9" not in [p["doc_id"] for p in pairs] and report.skipped["no body"] == 1
    with pytest.raises(pp.PseudoPairsError, match="none of the 1 documents has a title"):
        pp.title_pairs([DOCS[3]])
    with pytest.raises(pp.PseudoPairsError, match=r"has a title and a body \(0 without a title, 1 without a body\)"):
        pp.title_pairs([Document("d9", "A title and no abstract", "")])


def test_ict_draws_a_seeded_sentence_and_skips_one_sentence_documents():
    pairs, report = pp.ict_pairs(DOCS, seed=1)
    assert report.skipped["one sentence"] == 1 and "1 documents skipped (one sentence)" in report.summary()
    assert {p["doc_id"] for p in pairs} == {"d1", "d2", "d3", "d4"}
    for p in pairs:
        doc = next(d for d in DOCS if d.id == p["doc_id"])
        assert p["query"] in pp.split_sentences(doc.text) and len(p["query"].split()) >= pp.MIN_QUERY_WORDS
    assert pp.ict_pairs(DOCS, seed=1)[0] == pairs  # seeded: the same sentences again
    removed, r1 = pp.ict_pairs(DOCS, remove_prob=1.0)
    assert all(p["query"] not in p["positive"] for p in removed) and r1.n_removed_sentence == len(removed)
    kept, r0 = pp.ict_pairs(DOCS, remove_prob=0.0)
    assert all(p["query"] in p["positive"] for p in kept) and r0.n_removed_sentence == 0
    assert kept[0]["positive"].startswith(DOCS[0].title + ". ")  # the title stays with the passage
    two, _ = pp.ict_pairs(DOCS[:1], per_doc=2)
    assert len(two) == 2 and two[0]["query"] != two[1]["query"]
    with pytest.raises(pp.PseudoPairsError, match="two sentences"):
        pp.ict_pairs([DOCS[4]])


@pytest.mark.parametrize(
    "reply, expected",
    [
        (
            '["what is an MI", "beta blocker after heart attack"]',
            ["what is an MI", "beta blocker after heart attack"],
        ),
        ('```json\n["q one"]\n```', ["q one"]),
        ('{"queries": ["q one", "q two"]}', ["q one", "q two"]),
        (
            "<think>plan</think>\nHere are three queries:\n1. first query\n2) second query\n- third query",
            ["first query", "second query", "third query"],
        ),
        ('Sure: ["a query", 7, "a query"]', ["a query"]),
        ("", []),
        ("[]", []),
        ('{"queries": 42}', []),
        ("null", []),
        ("x" * 2000, []),
        ("<think>unfinished", []),
    ],
)
def test_parse_queries(reply, expected):
    assert pp.parse_queries(reply, n=3) == expected


def test_prompt_is_domain_aware():
    msgs = pp.build_messages(DOCS[0], "medical", 3)
    text = " ".join(m["content"] for m in msgs)
    assert "medical" in text and "abbreviations" in text and "'MI'" in text and DOCS[0].title in text
    assert "layperson" in text and "JSON list" in text


def test_llm_pairs_against_the_fake_server_filter_the_off_topic_query():
    with FakeChat("good") as server:
        chat = pp.openai_chat(server.base_url, "fake-instruct")
        pairs, report = pp.llm_pairs(
            DOCS, chat, lambda t: __import__("numpy").stack([bag_of_words(x) for x in t]), "medical", top_k=1
        )
    assert report.n_replies == 5 and report.n_junk_replies == 0 and report.n_generated == 10
    assert all(p["query"] != OFF_TOPIC for p in pairs)  # its source document is not the top hit
    assert report.n_kept_by_filter == len(pairs) == 4  # the untitled document's "(none)" query is dropped too
    assert "kept 4 of 10 generated queries" in report.summary()
    for p in pairs:
        doc = next(d for d in DOCS if d.id == p["doc_id"])
        assert p["query"] == doc.title.lower() and p["positive"] == doc.full_text


def test_round_trip_filter_ranks():
    import numpy as np

    embed = lambda t: np.stack([bag_of_words(x) for x in t])  # noqa: E731
    keep, ranks = pp.round_trip_filter(
        ["kidney metformin", OFF_TOPIC], [1, 0], [d.full_text for d in DOCS], embed, 1
    )
    assert keep == [True, False] and ranks[0] == 0 and ranks[1] > 0


def test_junk_replies_are_counted_with_a_warning_and_all_junk_is_an_error():
    with FakeChat("mixed") as server, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pairs, report = pp.llm_pairs(DOCS, pp.openai_chat(server.base_url, "m"), None, concurrency=1)
    said = [str(w.message) for w in caught if issubclass(w.category, UserWarning)]
    assert any("2 of 5 chat replies held no usable query" in m for m in said), said
    assert any("round-trip filtering is off" in m for m in said), said  # no model given: nothing checked, and it says so
    assert report.n_junk_replies == 2 and report.skipped["no usable query"] == 2 and report.top_k is None
    with FakeChat("junk") as server, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(pp.PseudoPairsError, match="all 5 replies of the chat model were junk"):
            pp.llm_pairs(DOCS, pp.openai_chat(server.base_url, "m"), None)


def test_cli_title_and_ict_write_pairs_the_finetune_reader_accepts(tmp_path, capsys):
    corpus = _corpus(tmp_path / "corpus.jsonl")
    rc, out, err = _run(capsys, "--corpus", corpus, "--method", "title", "--out", tmp_path / "title.jsonl")
    assert rc == 0, err
    assert "4 pairs from 5 documents" in out and "1 documents skipped (no title)" in out
    assert len(read_pairs_jsonl(tmp_path / "title.jsonl")) == 4
    rc, out, err = _run(
        capsys, "--corpus", corpus, "--method", "ict", "--out", tmp_path / "ict.jsonl", "--seed", 3
    )
    assert rc == 0, err
    assert "1 documents skipped (one sentence)" in out and "python -m utils.training.cli" in out
    assert len(read_pairs_jsonl(tmp_path / "ict.jsonl")) == 4


def test_cli_llm_end_to_end_with_round_trip(tmp_path, capsys):
    corpus = _corpus(tmp_path / "corpus.jsonl")
    with FakeChat("numbered") as server:
        rc, out, err = _run(
            capsys,
            "--corpus",
            corpus,
            "--method",
            "llm",
            "--out",
            tmp_path / "llm.jsonl",
            "--base-url",
            server.base_url,
            "--model",
            "fake",
            "--embed-base-url",
            server.base_url,  # no --embed-model: the endpoint's served model (GET /v1/models)
            "--top-k",
            1,
            "--domain",
            "legal",
        )
        assert rc == 0, err
        assert "kept 4 of 10 generated queries" in out
        rows = read_pairs_jsonl(tmp_path / "llm.jsonl")
        assert len(rows) == 4 and OFF_TOPIC not in {r["query"] for r in rows}
    with FakeChat("junk") as server, pytest.warns(UserWarning, match="5 of 5 chat replies held no usable query"):
        rc, _, err = _run(
            capsys,
            "--corpus",
            corpus,
            "--method",
            "llm",
            "--out",
            tmp_path / "junk.jsonl",
            "--base-url",
            server.base_url,
            "--model",
            "m",
            "--top-k",
            0,
        )
    assert rc == 2 and "were junk" in err and not (tmp_path / "junk.jsonl").exists()


def test_cli_bad_input(tmp_path, capsys):
    corpus = _corpus(tmp_path / "corpus.jsonl")
    existing = tmp_path / "pairs.jsonl"
    existing.write_text("keep me\n")
    rc, _, err = _run(capsys, "--corpus", corpus, "--method", "title", "--out", existing)
    assert rc == 2 and "--overwrite" in err and existing.read_text() == "keep me\n"
    rc, _, err = _run(capsys, "--corpus", corpus, "--method", "title", "--out", existing, "--overwrite")
    assert rc == 0 and len(read_pairs_jsonl(existing)) == 4
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n")
    rc, _, err = _run(capsys, "--corpus", empty, "--method", "ict", "--out", tmp_path / "o.jsonl")
    assert rc == 2 and "has no records" in err and err.count("\n") == 1
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"_id": "a", "text": "fine. Two."}\n{"_id": "b"}\n')
    rc, _, err = _run(capsys, "--corpus", bad, "--method", "ict", "--out", tmp_path / "o.jsonl")
    assert rc == 2 and "bad.jsonl:2" in err and "text" in err
    with pytest.raises(DataFormatError, match="bad.jsonl:2"):
        pp.read_corpus(bad)
    one = _corpus(tmp_path / "one.jsonl", [DOCS[4]])
    rc, _, err = _run(capsys, "--corpus", one, "--method", "ict", "--out", tmp_path / "o.jsonl")
    assert rc == 2 and "two sentences" in err
    rc, _, err = _run(capsys, "--corpus", corpus, "--method", "llm", "--out", tmp_path / "o.jsonl")
    assert rc == 2 and "--base-url" in err
    rc, _, err = _run(
        capsys,
        "--corpus",
        corpus,
        "--method",
        "llm",
        "--out",
        tmp_path / "o.jsonl",
        "--base-url",
        "http://x/v1",
        "--model",
        "m",
    )
    assert rc == 2 and "--embed-base-url" in err
    assert not (tmp_path / "o.jsonl").exists()


def test_round_trip_formats_queries_for_qwen3():
    import numpy as np

    seen = []

    def embed(texts):
        seen.extend(texts)
        return np.stack([bag_of_words(x) for x in texts])

    pp.round_trip_filter(
        ["kidney metformin"], [1], [d.full_text for d in DOCS], embed, 1, query_task="Find the passage"
    )
    assert seen[0] == "Instruct: Find the passage\nQuery:kidney metformin"
    assert seen[1:] == [d.full_text for d in DOCS]  # documents get no instruction


def test_cli_unreachable_chat_server_is_one_error_line(tmp_path, capsys):
    import socket

    with socket.socket() as s:  # a free port that nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    corpus = _corpus(tmp_path / "corpus.jsonl")
    rc, _, err = _run(
        capsys,
        "--corpus",
        corpus,
        "--method",
        "llm",
        "--out",
        tmp_path / "o.jsonl",
        "--base-url",
        f"http://127.0.0.1:{port}/v1",
        "--model",
        "m",
        "--top-k",
        0,
    )
    last = err.strip().splitlines()[-1]  # above it: the progress bar
    assert rc == 1 and last.startswith("error: APIConnectionError") and f"127.0.0.1:{port}" in last
    assert sum(line.startswith("error") for line in err.splitlines()) == 1
    assert not (tmp_path / "o.jsonl").exists()


def test_sample_pairs_caps_with_a_seed_and_keeps_short_lists_whole():
    rows = [{"query": f"q{i}", "positive": f"p{i}"} for i in range(10)]
    assert pp.sample_pairs(rows, 20) == rows
    a, b = pp.sample_pairs(rows, 4, seed=1), pp.sample_pairs(rows, 4, seed=1)
    assert a == b and len(a) == 4 and all(r in rows for r in a)
    assert pp.sample_pairs(rows, 4, seed=2) != a  # another seed, another sample


def test_split_sentences_breaks_at_lines_so_headings_stay_apart():
    text = "Statins are tolerated. Most people can take them.\n\n## 12. Lipids\n- first item here"
    assert pp.split_sentences(text) == [
        "Statins are tolerated.",
        "Most people can take them.",
        "## 12.",  # a numbered heading splits like a sentence; ICT's 4-word minimum skips both parts
        "Lipids",
        "- first item here",
    ]


# ---------------------------------------------------------------- reliability, round 2 (issue 26)
def test_cli_unwritable_out_is_one_line_before_any_pair_is_made(tmp_path, capsys, readonly_dir, monkeypatch):
    """Issue 26 item 4: --out in a read-only folder printed a traceback (after the pairs were made)."""
    corpus = _corpus(tmp_path / "corpus.jsonl")
    made = []
    monkeypatch.setattr(pp, "title_pairs", lambda docs: made.append(1) or ([], None))
    for out in (readonly_dir / "pairs.jsonl", readonly_dir / "sub" / "pairs.jsonl"):
        rc, _, err = _run(capsys, "--corpus", corpus, "--method", "title", "--out", out)
        assert rc == 2 and f"cannot write in {readonly_dir}" in err and err.count("\n") == 1, err
    assert made == [] and list(readonly_dir.iterdir()) == []
    with pytest.raises(pp.PseudoPairsError, match=r"cannot write .*pairs.jsonl"):
        monkeypatch.setattr(pp, "check_out", lambda out, overwrite=False: None)  # the folder became read-only
        pp.write_pairs([{"query": "q", "positive": "p"}], readonly_dir / "pairs.jsonl")
    assert list(readonly_dir.iterdir()) == []


def test_cli_llm_sends_emb_api_key_to_the_embeddings_endpoint(tmp_path, capsys, monkeypatch):
    """Issue 26 item 6: every CLI that talks to the course's server sends EMB_API_KEY (or its --*api-key)."""
    corpus = _corpus(tmp_path / "corpus.jsonl")
    args = ["--corpus", corpus, "--method", "llm", "--model", "fake", "--top-k", 1]
    with FakeChat("good", embed_key="sk-embed") as server:
        args += ["--base-url", server.base_url, "--embed-base-url", server.base_url]
        monkeypatch.setenv("EMB_API_KEY", "sk-embed")
        rc, out, err = _run(capsys, *args, "--out", tmp_path / "a.jsonl")
        assert rc == 0 and "kept" in out, err
        monkeypatch.delenv("EMB_API_KEY")
        rc, out, err = _run(capsys, *args, "--out", tmp_path / "b.jsonl", "--embed-api-key", "sk-embed")
        assert rc == 0, err
        rc, _, err = _run(capsys, *args, "--out", tmp_path / "c.jsonl")
        assert rc == 1 and "API key" in err and not (tmp_path / "c.jsonl").exists()
