"""utils.course.nb07_beyond_search: the shipped labels, matching pairs and cross-lingual queries load and meet their counts;
bad files raise DataFormatError naming the file and line."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import sys
from collections import Counter
from pathlib import Path

import pytest

from utils.course.nb07_beyond_search import (
    KIND_LABEL,
    MatchPair,
    crosslingual_sources,
    load_crosslingual,
    load_labels,
    load_matching_pairs,
)
from utils.data.beir import PHENOMENA, DataFormatError, load_domain

DATA = Path(__file__).resolve().parent.parent / "data"
MIN_PAIRS = {"legal": 150, "medical": 60, "finance": 60}


# --------------------------------------------------------------------------- the shipped files
def test_finance_concepts_cover_every_document():
    labels = load_labels("finance")
    corpus = load_domain("finance", "test").corpus
    assert set(labels) == set(corpus), "every finance document has exactly one concept"
    counts = Counter(labels.values())
    assert 8 <= len(counts) <= 12, counts
    assert min(counts.values()) >= 15, counts


def test_legal_clause_families():
    labels = load_labels("legal", "clause_families")
    counts = Counter(labels.values())
    assert len(counts) == 14, counts
    assert min(counts.values()) >= 10, counts
    assert len(labels) >= 250


@pytest.mark.parametrize("domain", sorted(MIN_PAIRS))
def test_shipped_matching_pairs(domain):
    pairs = load_matching_pairs(domain)
    assert len(pairs) >= MIN_PAIRS[domain]
    assert all(isinstance(p, MatchPair) and p.domain == domain for p in pairs)
    assert 0.35 <= sum(p.label for p in pairs) / len(pairs) <= 0.65, "roughly half positive"
    train, test = load_matching_pairs(domain, "train"), load_matching_pairs(domain, "test")
    assert len(train) + len(test) == len(pairs) and 0.4 <= len(train) / len(pairs) <= 0.6
    assert {p.label for p in test} == {0, 1} and {p.label for p in train} == {0, 1}
    texts = [{t for p in split for t in (p.a, p.b)} for split in (train, test)]
    assert not texts[0] & texts[1], "a text appears in both splits"
    if domain == "legal":
        kinds = Counter(p.kind for p in pairs)
        assert set(kinds) == set(KIND_LABEL), kinds


def test_matching_filters_reject_unknown_values():
    with pytest.raises(ValueError, match="unknown domain"):
        load_matching_pairs("astrology")
    with pytest.raises(ValueError, match="unknown split"):
        load_matching_pairs(split="dev")


def test_shipped_crosslingual_queries():
    rs = load_crosslingual()
    english = load_domain("medical", "test")
    assert len(rs.queries) >= 70 and rs.corpus.keys() == english.corpus.keys()
    sources = crosslingual_sources()
    for qid, q in rs.queries.items():
        src = sources[qid]
        assert src in english.queries, f"{qid} renders {src}, which is not a medical test query"
        assert rs.qrels[qid] == english.qrels[src], f"{qid}: judgements differ from {src}'s"
        assert set(q.tags) <= set(PHENOMENA) and q.tags == english.queries[src].tags
        assert sum("\u4e00" <= ch <= "\u9fff" for ch in q.text) >= 4, q.text
    assert len(set(sources.values())) == len(sources), "one rendering per English query"


def test_shipped_reverse_crosslingual_queries_if_present():
    if not (DATA / "medical_zh_xling").is_dir():
        pytest.skip("data/medical_zh_xling is not shipped")
    rs = load_crosslingual("medical_zh_xling", "medical_zh")
    chinese = load_domain("medical_zh", "test")
    sources = crosslingual_sources("medical_zh_xling")
    assert len(rs.queries) >= 40
    for qid, q in rs.queries.items():
        assert rs.qrels[qid] == chinese.qrels[sources[qid]]
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in q.text), q.text


# --------------------------------------------------------------------------- labels: bad input
def _labels_folder(tmp_path: Path, tsv: str | None) -> Path:
    folder = tmp_path / "finance"
    folder.mkdir(parents=True)
    (folder / "corpus.jsonl").write_text(
        '{"_id": "d1", "title": "", "text": "one"}\n{"_id": "d2", "title": "", "text": "two"}\n'
    )
    if tsv is not None:
        (folder / "concepts.tsv").write_text(tsv)
    return tmp_path


def test_labels_from_a_fixture(tmp_path):
    root = _labels_folder(tmp_path, "corpus-id\tconcept\nd1\tliquidity\nd2\tvaluation\n")
    assert load_labels("finance", data_dir=root) == {"d1": "liquidity", "d2": "valuation"}


@pytest.mark.parametrize(
    "tsv, message",
    [
        (None, "concepts.tsv is missing"),
        ("corpus-id\tconcept\nd1\tliquidity\nd9\tvaluation\n", "concepts.tsv:3: corpus-id 'd9' is not in"),
        ("corpus-id\tconcept\nd1\tliquidity\nd1\tvaluation\n", "concepts.tsv:3: d1 is labelled twice"),
        ("corpus-id\tconcept\nd1\n", "concepts.tsv:2: expected 2 tab-separated columns"),
        (
            "corpus-id\tconcept\nd1\tCash Flow\n",
            "concepts.tsv:2: label 'Cash Flow' is not a lower-case identifier",
        ),
        ("id,concept\nd1,liquidity\n", "concepts.tsv:1: expected the header"),
        ("corpus-id\tconcept\n", "has no labels"),
    ],
)
def test_bad_labels_name_file_and_line(tmp_path, tsv, message):
    root = _labels_folder(tmp_path, tsv)
    with pytest.raises(DataFormatError, match=message):
        load_labels("finance", data_dir=root)


# --------------------------------------------------------------------------- matching pairs: bad input
def _pair(i: int = 1, **change) -> dict:
    row = {
        "_id": f"m-leg-{i:04d}",
        "domain": "legal",
        "split": "train",
        "a": f"clause {i}",
        "b": f"the same clause {i}",
        "label": 1,
        "kind": "paraphrase",
    }
    row.update(change)
    return row


def _pairs_file(tmp_path: Path, lines: list) -> Path:
    (tmp_path / "matching").mkdir(exist_ok=True)
    text = "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n"
    (tmp_path / "matching" / "pairs.jsonl").write_text(text)
    return tmp_path


def test_pairs_from_a_fixture(tmp_path):
    root = _pairs_file(tmp_path, [_pair(1), _pair(2, split="test", label=0, kind="near_miss")])
    pairs = load_matching_pairs(data_dir=root)
    assert pairs[0] == MatchPair(
        "m-leg-0001", "legal", "train", "clause 1", "the same clause 1", 1, "paraphrase"
    )
    assert [p.id for p in load_matching_pairs("legal", "test", data_dir=root)] == ["m-leg-0002"]
    assert load_matching_pairs("medical", data_dir=root) == []


@pytest.mark.parametrize(
    "second, message",
    [
        ("{not json", "pairs.jsonl:2: not valid JSON"),
        ('["a", "b"]', "pairs.jsonl:2: expected a JSON object"),
        (_pair(2, label=2), "pairs.jsonl:2: label 2 must be the integer 0 or 1"),
        (_pair(2, label=True), "pairs.jsonl:2: label True must be the integer 0 or 1"),
        (_pair(2, label=0), "pairs.jsonl:2: a 'paraphrase' pair has label 1, not 0"),
        (_pair(2, kind="synonym"), "pairs.jsonl:2: kind 'synonym' is not one of"),
        (_pair(2, split="dev"), "pairs.jsonl:2: split 'dev' is not one of"),
        (_pair(2, domain="tax"), "pairs.jsonl:2: domain 'tax' is not one of"),
        (_pair(2, b=""), "pairs.jsonl:2: field 'b' must be a non-empty string"),
        (_pair(2, b="clause 2"), "pairs.jsonl:2: 'a' and 'b' are the same text"),
        ({k: v for k, v in _pair(2).items() if k != "kind"}, "pairs.jsonl:2: missing field"),
        (_pair(1, a="other", b="another"), "pairs.jsonl:2: duplicate _id 'm-leg-0001'"),
        (
            _pair(2, split="test", a="Clause  1"),
            "pairs.jsonl:2: text 'Clause  1'.* in split 'test' here and in 'train' on line 1",
        ),
    ],
)
def test_bad_pairs_name_file_and_line(tmp_path, second, message):
    root = _pairs_file(tmp_path, [_pair(1), second])
    with pytest.raises(DataFormatError, match=message):
        load_matching_pairs(data_dir=root)


def test_missing_or_empty_pairs_file(tmp_path):
    with pytest.raises(DataFormatError, match="pairs.jsonl is missing"):
        load_matching_pairs(data_dir=tmp_path)
    with pytest.raises(DataFormatError, match="has no pairs"):
        load_matching_pairs(data_dir=_pairs_file(tmp_path, [""]))
    (tmp_path / "matching" / "pairs.jsonl").write_bytes(json.dumps(_pair()).encode() + b"\n\xe9\n")
    with pytest.raises(DataFormatError, match="pairs.jsonl:2: byte 0xe9"):
        load_matching_pairs(data_dir=tmp_path)


# --------------------------------------------------------------------------- cross-lingual: bad input
def _xling(tmp_path: Path, queries: list | None = None, qrels: str | None = None) -> Path:
    corpus = tmp_path / "medical"
    corpus.mkdir(exist_ok=True)
    (corpus / "corpus.jsonl").write_text(
        '{"_id": "d1", "title": "T", "text": "one"}\n{"_id": "d2", "text": "two"}\n'
    )
    folder = tmp_path / "medical_xling"
    (folder / "qrels").mkdir(parents=True, exist_ok=True)
    queries = (
        queries
        if queries is not None
        else [
            {"_id": "x1", "text": "一个问题", "tags": ["direct"], "source": "q1"},
            {"_id": "x2", "text": "另一个问题", "tags": [], "source": "q2"},
        ]
    )
    (folder / "queries.jsonl").write_text(
        "\n".join(q if isinstance(q, str) else json.dumps(q, ensure_ascii=False) for q in queries) + "\n"
    )
    (folder / "qrels" / "test.tsv").write_text(
        qrels if qrels is not None else "query-id\tcorpus-id\tscore\nx1\td1\t1\nx2\td2\t1\n"
    )
    return tmp_path


def test_crosslingual_from_a_fixture(tmp_path):
    root = _xling(tmp_path)
    rs = load_crosslingual(data_dir=root)
    assert rs.qrels == {"x1": {"d1": 1}, "x2": {"d2": 1}} and rs.doc_ids == ["d1", "d2"]
    assert rs.queries["x1"].tags == ("direct",) and rs.corpus["d1"].full_text == "T. one"
    assert crosslingual_sources(data_dir=root) == {"x1": "q1", "x2": "q2"}


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (
            {"qrels": "query-id\tcorpus-id\tscore\nx1\td9\t1\n"},
            "test.tsv:2: corpus-id 'd9' is not in corpus.jsonl",
        ),
        (
            {"qrels": "query-id\tcorpus-id\tscore\nx7\td1\t1\n"},
            "test.tsv:2: query-id 'x7' is not in queries.jsonl",
        ),
        (
            {"queries": ['{"_id": "x1", "text": "问", "source": "q1"}', "{oops"]},
            "queries.jsonl:2: not valid JSON",
        ),
        ({"queries": [{"_id": "x1", "text": "问"}]}, "queries.jsonl:1: missing field 'source'"),
        (
            {"queries": [{"_id": "x1", "text": "问", "source": "q1", "tags": "direct"}]},
            "queries.jsonl:1: 'tags' must be",
        ),
    ],
)
def test_bad_crosslingual_files_name_file_and_line(tmp_path, kwargs, message):
    root = _xling(tmp_path, **kwargs)
    with pytest.raises(DataFormatError, match=message):
        load_crosslingual(data_dir=root)


def test_crosslingual_missing_parts(tmp_path):
    with pytest.raises(DataFormatError, match="is not a folder"):
        load_crosslingual("nothing_here", data_dir=_xling(tmp_path))
    with pytest.raises(DataFormatError, match="train.tsv is missing"):
        load_crosslingual(data_dir=tmp_path, split="train")
    shutil.rmtree(tmp_path / "medical")
    (tmp_path / "medical").mkdir()
    with pytest.raises(DataFormatError, match="corpus.jsonl is missing"):
        load_crosslingual(data_dir=tmp_path)


# --------------------------------------------------------------------------- the datasheet and the design
def test_datasheet_counts_match_the_labels_and_pairs():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    listed = {m[0]: int(m[1]) for m in re.findall(r"^- `(\w+)` \((\d+)\):", readme, flags=re.M)}
    assert listed == dict(Counter(load_labels("finance").values())), (
        "data/README.md's concept counts are stale"
    )
    pairs = load_matching_pairs()
    for domain in MIN_PAIRS:
        for split in ("train", "test"):
            mine = [p for p in pairs if p.domain == domain and p.split == split]
            row = [sum(p.kind == k for p in mine) for k in KIND_LABEL] + [len(mine)]
            assert f"| {domain} | {split} | " + " | ".join(map(str, row)) + " |" in readme, (domain, split)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


@pytest.mark.parametrize("domain", sorted(MIN_PAIRS))
def test_near_misses_share_more_words_than_paraphrases(domain):
    """The design the datasheet states: near misses overlap their anchor far more than paraphrases do."""

    def overlap(kind: str) -> float:
        js = [
            len(_words(p.a) & _words(p.b)) / len(_words(p.a) | _words(p.b))
            for p in load_matching_pairs(domain)
            if p.kind == kind
        ]
        return sum(js) / len(js)

    assert overlap("near_miss") > overlap("paraphrase") + 0.15
    assert overlap("paraphrase") < 0.3 and overlap("near_miss") > 0.4


# --------------------------------------------------------------------------- the generators' own guards
@pytest.fixture()
def gen(monkeypatch):
    """Import a data/_gen generator as a module (its declarations run; nothing is written)."""
    monkeypatch.syspath_prepend(str(DATA / "_gen"))

    def load(name: str):
        spec = importlib.util.spec_from_file_location(f"gen_{name}", DATA / "_gen" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        monkeypatch.setitem(sys.modules, spec.name, module)
        spec.loader.exec_module(module)
        return module

    return load


def test_matching_generator_keeps_a_text_in_one_group(gen):
    matching = gen("matching")
    pairs = matching.Pairs()
    pairs.group(
        "medical", "Take the tablet at night.", ["Swallow it at bedtime."], ["Take the tablet at noon."]
    )
    pairs.group(
        "medical", "Take the tablet at night.", ["Have it before sleeping."], ["Take it in the morning."]
    )
    with pytest.raises(matching.DataError, match="already used by the group at"):
        pairs.records()
    one = matching.Pairs()
    one.group(
        "medical", "Take the tablet at night.", ["Swallow it at bedtime."], ["Take the tablet at noon."]
    )
    with pytest.raises(matching.DataError, match=r"legal: 0 pairs; at least 150 are needed"):
        one.records()


def test_xling_generator_rejects_a_train_query_as_source(gen):
    xling = gen("medical_xling")
    train_query = next(iter(load_domain("medical", "train").queries))
    with pytest.raises(xling.DataError, match="is not a test query"):
        xling.records("medical", {train_query: "一个训练集的问题"}, "mx")
    with pytest.raises(xling.DataError, match="is not in data/medical/queries.jsonl"):
        xling.records("medical", {"med-q9999": "不存在的问题"}, "mx")
