"""Loaders, validation errors on broken fixtures, and the properties of the shipped data sets."""

import http.server
import io
import json
import threading
import zipfile
from functools import partial
from pathlib import Path

import pytest

from utils.data.beir import (
    DOMAINS,
    PHENOMENA,
    DataFormatError,
    available_splits,
    fetch_beir,
    general_probe,
    load_beir,
    load_domain,
    read_hard_negatives,
    read_pairs_jsonl,
    read_qrels,
    training_pairs,
)

DATA = Path(__file__).resolve().parent.parent / "data"


def write_beir(folder: Path, corpus=None, queries=None, qrels=None, split="test"):
    folder.mkdir(parents=True, exist_ok=True)
    corpus = (
        corpus
        if corpus is not None
        else [{"_id": "d1", "title": "T1", "text": "one"}, {"_id": "d2", "title": "", "text": "two"}]
    )
    queries = (
        queries
        if queries is not None
        else [{"_id": "q1", "text": "first?"}, {"_id": "q2", "text": "second?"}]
    )
    qrels = qrels if qrels is not None else "query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t1\n"
    (folder / "corpus.jsonl").write_text(
        "\n".join(json.dumps(r) if isinstance(r, dict) else r for r in corpus) + "\n"
    )
    (folder / "queries.jsonl").write_text(
        "\n".join(json.dumps(r) if isinstance(r, dict) else r for r in queries) + "\n"
    )
    (folder / "qrels").mkdir(exist_ok=True)
    (folder / "qrels" / f"{split}.tsv").write_text(qrels)
    return folder


def test_load_valid_folder(tmp_path):
    rs = load_beir(write_beir(tmp_path / "ok"))
    assert rs.doc_ids == ["d1", "d2"] and rs.query_ids == ["q1", "q2"]
    assert rs.corpus["d1"].full_text == "T1. one" and rs.corpus["d2"].full_text == "two"
    assert rs.qrels == {"q1": {"d1": 1}, "q2": {"d2": 1}}
    assert list(training_pairs(rs)) == [("first?", "T1. one"), ("second?", "two")]
    assert available_splits(tmp_path / "ok") == ["test"]


def test_a_document_known_by_its_title_alone_loads_and_embeds_as_its_title(tmp_path):
    """TREC-COVID (BEIR) holds papers with a title and an empty abstract: valid BEIR, embedded as the title."""
    from utils.data.beir import join_title
    from utils.search.embed_corpus import iter_corpus

    corpus = [{"_id": "d1", "title": "T1", "text": "one"}, {"_id": "d2", "title": "Only a title", "text": ""}]
    folder = write_beir(tmp_path / "t", corpus=corpus)
    rs = load_beir(folder)
    assert rs.corpus["d2"].full_text == "Only a title" and rs.corpus["d1"].full_text == "T1. one"
    assert [d.text for d in iter_corpus(folder / "corpus.jsonl")] == ["T1. one", "Only a title"]
    assert join_title(" ", "body") == "body" and join_title("", "") == ""


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"corpus": ['{"_id": "d1", "text": "one"}', "{broken"]}, "corpus.jsonl:2: not valid JSON"),
        ({"corpus": [{"_id": "d1"}]}, "corpus.jsonl:1: missing field 'text'"),
        (
            {"corpus": [{"_id": "d1", "text": "a"}, {"_id": "d1", "text": "b"}]},
            "corpus.jsonl:2: duplicate _id 'd1'",
        ),
        ({"queries": [{"_id": "q1", "text": "  "}]}, "queries.jsonl:1: empty text"),
        ({"corpus": [{"_id": "d1", "title": " ", "text": ""}]}, "corpus.jsonl:1: empty text and title for _id 'd1'"),
        ({"corpus": [{"_id": "d1", "title": 3, "text": "x"}]}, "corpus.jsonl:1: 'title' must be a string"),
        (
            {"qrels": "query-id\tcorpus-id\tscore\nq1\td9\t1\n"},
            "test.tsv:2: corpus-id 'd9' is not in corpus.jsonl",
        ),
        (
            {"qrels": "query-id\tcorpus-id\tscore\nq7\td1\t1\n"},
            "test.tsv:2: query-id 'q7' is not in queries.jsonl",
        ),
        ({"qrels": "query-id\tcorpus-id\tscore\nq1\td1\n"}, "test.tsv:2: expected 3 tab-separated columns"),
        ({"qrels": "query-id\tcorpus-id\tscore\nq1\td1\thigh\n"}, "is not a number"),
        ({"queries": [{"_id": "q1", "text": "x", "tags": "abbreviation"}]}, "'tags' must be a list"),
    ],
)
def test_malformed_files_name_file_and_line(tmp_path, kwargs, message):
    with pytest.raises(DataFormatError, match=message.replace("[", r"\[").replace("(", r"\(")):
        load_beir(write_beir(tmp_path / "bad", **kwargs))


# --------------------------------------------------------------------------- bad bytes and bad scores
QRELS_HEAD = "query-id\tcorpus-id\tscore\n"


@pytest.mark.parametrize(
    "qrels, message",
    [
        (QRELS_HEAD + "q1\td1\tinf\n", "test.tsv:2: score 'inf' is not finite"),
        (QRELS_HEAD + "q1\td1\tnan\n", "test.tsv:2: score 'nan' is not finite"),
        (QRELS_HEAD + "q1\td1\t1e400\n", "test.tsv:2: score '1e400' is not finite"),
        (QRELS_HEAD + "q1\td1\t0.5\n", "test.tsv:2: score '0.5' is not an integer"),
        (
            QRELS_HEAD + "q1\td1\t1\nq2\td2\t1\nq1\td1\t2\n",
            "test.tsv:4: duplicate judgement of \\(q1, d1\\), first on line 2",
        ),
        (QRELS_HEAD + "q1\td1\t0\nq2\td2\t0\n", "test.tsv: every score is 0"),
        ("\ufeff" + QRELS_HEAD + "q1\td1\t1\n", "test.tsv:1: starts with a UTF-8 byte-order mark"),
    ],
)
def test_bad_scores_and_duplicates_name_file_and_line(tmp_path, qrels, message):
    with pytest.raises(DataFormatError, match=message):
        load_beir(write_beir(tmp_path / "bad", qrels=qrels))


def test_integer_valued_float_scores_are_accepted(tmp_path):
    rs = load_beir(write_beir(tmp_path / "ok", qrels=QRELS_HEAD + "q1\td1\t1.0\nq2\td2\t2\n"))
    assert rs.qrels == {"q1": {"d1": 1}, "q2": {"d2": 2}}


@pytest.mark.parametrize("name", ["corpus.jsonl", "queries.jsonl", "qrels/test.tsv", "hard_negatives.tsv"])
def test_non_utf8_byte_names_file_and_line(tmp_path, name):
    folder = write_beir(tmp_path / "latin1")
    (folder / "hard_negatives.tsv").write_text("query-id\tcorpus-id\nq1\td2\n")
    path = folder / name
    lines = path.read_bytes().splitlines(keepends=True)
    lines[1] = "\u00e9".encode("latin-1") + lines[1]  # one Latin-1 byte on line 2
    path.write_bytes(b"".join(lines))
    with pytest.raises(
        DataFormatError, match=f"{name.split('/')[-1]}:2: byte 0xe9 at column 1 is not UTF-8"
    ):
        load_beir(folder)


@pytest.mark.parametrize("name", ["corpus.jsonl", "queries.jsonl"])
def test_bom_names_file(tmp_path, name):
    folder = write_beir(tmp_path / "bom")
    path = folder / name
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    with pytest.raises(DataFormatError, match=f"{name}:1: starts with a UTF-8 byte-order mark"):
        load_beir(folder)


def test_hard_negative_duplicates_and_pairs_encoding(tmp_path):
    hn = tmp_path / "hard_negatives.tsv"
    hn.write_text("query-id\tcorpus-id\nq1\td2\nq1\td2\n")
    with pytest.raises(
        DataFormatError, match="hard_negatives.tsv:3: duplicate line \\(q1, d2\\), first on line 2"
    ):
        read_hard_negatives(hn, {"d2"})
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_bytes(b'{"query": "q", "positive": "p"}\n{"query": "caf\xe9", "positive": "p"}\n')
    with pytest.raises(DataFormatError, match="pairs.jsonl:2: byte 0xe9"):
        read_pairs_jsonl(pairs)
    pairs.write_bytes(b'\xef\xbb\xbf{"query": "q", "positive": "p"}\n')
    with pytest.raises(DataFormatError, match="pairs.jsonl:1: starts with a UTF-8 byte-order mark"):
        read_pairs_jsonl(pairs)


def test_judgements_of_unknown_ids_are_left_out_with_one_warning(tmp_path):
    """NFCorpus's test qrels name queries its queries.jsonl lacks (beir-cellar/beir#202), ArguAna's a document
    its corpus lacks (#172): the set still loads, the lines are counted in one warning, nothing else is lost."""
    qrels = "query-id\tcorpus-id\tscore\nq1\td1\t1\nPLAIN-2\td1\t1\nq2\td2\t1\nq2\tcon03b\t1\nPLAIN-3\td2\t2\n"
    folder = write_beir(tmp_path / "b", qrels=qrels)
    with pytest.warns(UserWarning) as caught:
        rs = load_beir(folder)
    assert rs.qrels == {"q1": {"d1": 1}, "q2": {"d2": 1}} and rs.query_ids == ["q1", "q2"]
    (message,) = [str(w.message) for w in caught]
    assert "3 judgement(s) left out: 2 name a query-id that is not there and 1 names a corpus-id" in message
    assert "test.tsv:3: query-id 'PLAIN-2' is not in queries.jsonl" in message
    assert "test.tsv:5: corpus-id 'con03b' is not in corpus.jsonl" in message


def test_read_qrels_without_id_checks(tmp_path):
    path = tmp_path / "q.tsv"
    path.write_text("q1\td1\t1\nq1\td2\t0\n")  # no header
    assert read_qrels(path) == {"q1": {"d1": 1, "d2": 0}}


# --------------------------------------------------------------------------- the general probe
def test_general_probe_is_a_valid_set():
    rs = general_probe()
    assert rs.name == "general" and len(rs.queries) >= 30 and len(rs.corpus) == 4 * len(rs.queries)
    assert all(len(rel) == 1 for rel in rs.qrels.values())
    assert rs.queries["g-q01"].text == "why is the sky blue" and rs.qrels["g-q01"] == {"g-d01": 1}
    # three near misses per question, none of them relevant to any question (data/README.md, "General probe")
    assert all(len(rs.hard_negatives[q]) == 3 for q in rs.queries)
    relevant = {d for rel in rs.qrels.values() for d in rel}
    assert not relevant & {d for negs in rs.hard_negatives.values() for d in negs}


def test_general_probe_with_distractors():
    base = general_probe()
    own = base.corpus["g-d00"].text
    rs = general_probe(["a contract clause", "a contract clause", own, "a dose of aspirin"])
    assert len(rs.queries) == len(base.queries)
    assert len(rs.corpus) == len(base.corpus) + 2  # duplicates and probe passages are not added twice
    distractor_ids = set(rs.corpus) - set(base.corpus)
    assert distractor_ids == {"g-x00000", "g-x00001"}
    assert {rs.corpus[d].full_text for d in distractor_ids} == {"a contract clause", "a dose of aspirin"}


def test_subset_keeps_judged_documents():
    rs = load_domain("legal", "test")
    small = rs.subset(10, seed=1, n_docs=40)
    assert len(small.queries) == 10 and set(small.qrels) == set(small.queries)
    assert 10 <= len(small.corpus) <= max(40, 10 + sum(len(v) for v in small.hard_negatives.values()))
    for q, rel in small.qrels.items():
        assert set(rel) <= set(small.corpus) and set(small.hard_negatives[q]) <= set(small.corpus)
    assert rs.subset(None).queries == rs.queries and rs.subset(10, seed=1).query_ids == small.query_ids


def test_missing_split_and_folder(tmp_path):
    with pytest.raises(DataFormatError, match="available splits are \\['test'\\]"):
        load_beir(write_beir(tmp_path / "ok"), split="train")
    with pytest.raises(DataFormatError, match="is not a folder"):
        load_beir(tmp_path / "none")
    with pytest.raises(ValueError, match="unknown domain"):
        load_domain("astrology")


def test_single_qrels_file_layout(tmp_path):
    folder = write_beir(tmp_path / "flat")
    (folder / "qrels" / "test.tsv").rename(folder / "qrels.tsv")
    (folder / "qrels").rmdir()
    assert len(load_beir(folder).queries) == 2


def test_pairs_jsonl_validation(tmp_path):
    good = tmp_path / "p.jsonl"
    good.write_text('{"query": "q", "positive": "p"}\n{"query": "q2", "positive": "p2", "negative": "n2"}\n')
    assert read_pairs_jsonl(good)[1] == {"query": "q2", "positive": "p2", "negative": "n2"}
    bad = tmp_path / "b.jsonl"
    bad.write_text('{"query": "q", "positive": "p"}\n{"query": "q"}\n')
    with pytest.raises(DataFormatError, match="b.jsonl:2: field 'positive'"):
        read_pairs_jsonl(bad)


def test_fetch_beir_from_a_local_server(tmp_path):
    """The online loader, exercised on a loopback HTTP server with a fixture archive (no internet)."""
    src = write_beir(tmp_path / "src" / "tinyset")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for p in src.rglob("*"):
            if p.is_file():
                zf.write(p, p.relative_to(src.parent))
    serve_dir = tmp_path / "www"
    serve_dir.mkdir()
    (serve_dir / "tinyset.zip").write_bytes(buf.getvalue())
    import hashlib

    md5 = hashlib.md5(buf.getvalue()).hexdigest()
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(serve_dir))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/tinyset.zip"
        with pytest.raises(DataFormatError, match="checksum mismatch"):
            fetch_beir("tinyset", cache_dir=tmp_path / "cache", url=url, md5="0" * 32)
        folder = fetch_beir("tinyset", cache_dir=tmp_path / "cache", url=url, md5=md5)
        assert len(load_beir(folder).queries) == 2
        assert (
            fetch_beir("tinyset", cache_dir=tmp_path / "cache", url="http://127.0.0.1:9/none.zip", md5=md5)
            == folder
        )  # cached
    finally:
        httpd.shutdown()


# ---------------------------------------------------------------- the shipped data
@pytest.mark.parametrize("domain", DOMAINS)
def test_shipped_domain_properties(domain):
    train, test = load_domain(domain, "train"), load_domain(domain, "test")
    assert len(train.corpus) >= 300
    assert len(train.queries) >= 120 and len(test.queries) >= 60
    assert len(train.queries) + len(test.queries) >= 180
    assert not set(train.queries) & set(test.queries)
    train_pos = {d for rel in train.qrels.values() for d in rel}
    test_pos = {d for rel in test.qrels.values() for d in rel}
    assert not train_pos & test_pos, "a test query's relevant document is a train positive"
    for rs in (train, test):
        assert all(rs.qrels.get(q) for q in rs.queries), "every query has a relevant document"
        for q in rs.queries.values():
            assert q.tags and set(q.tags) <= set(PHENOMENA), (q.id, q.tags)
        for q, negs in rs.hard_negatives.items():
            assert not set(negs) & set(rs.qrels[q]), f"{q}: a hard negative is also relevant"
    # every query is in a split; each phenomenon appears in both splits
    all_queries = {
        json.loads(line)["_id"]
        for line in (DATA / domain / "queries.jsonl").read_text().splitlines()
        if line.strip()
    }
    assert all_queries == set(train.queries) | set(test.queries)
    for tag in PHENOMENA[:-1]:
        assert any(tag in q.tags for q in train.queries.values()), f"{tag} missing from train"
        assert any(tag in q.tags for q in test.queries.values()), f"{tag} missing from test"


def test_no_paraphrase_between_train_and_test():
    """Cheap guard: no test query shares 80% of its words with a train query."""
    for domain in DOMAINS:
        train = [set(q.text.lower().split()) for q in load_domain(domain, "train").queries.values()]
        for q in load_domain(domain, "test").queries.values():
            words = set(q.text.lower().split())
            for t in train:
                overlap = len(words & t) / max(1, min(len(words), len(t)))
                assert overlap < 0.8 or min(len(words), len(t)) < 4, (
                    f"{domain}: {q.text!r} looks like a train query"
                )


def test_chinese_slice():
    rs = load_domain("medical_zh", "test")
    assert len(rs.queries) >= 40
    assert all(rs.qrels[q] for q in rs.queries)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in rs.query_texts[0])
