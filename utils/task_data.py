"""Data for tasks beyond search: concept labels, matching pairs and cross-lingual queries.

Introduced in notebook 07 (beyond search and beyond English). Three kinds of file, all written by
the generators in ``data/_gen/`` and described in data/README.md:

- ``data/<domain>/<name>.tsv`` (``corpus-id<TAB><label>``, with that header): one label per
  document, for clustering (``data/finance/concepts.tsv``, ``data/legal/clause_families.tsv``);
- ``data/matching/pairs.jsonl``: labelled pairs of passages for matching (paraphrase and
  cross-reference positives, near-miss and unrelated negatives), split into train and test;
- ``data/<name>/queries.jsonl`` + ``qrels/test.tsv`` without a corpus: queries in one language
  over another folder's corpus (``data/medical_xling``: Chinese queries, English medical corpus).

Every loader validates what it reads and raises :class:`utils.data.DataFormatError` naming the
file and line, as utils.data does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from utils.data import (
    DOMAINS,
    DataFormatError,
    Document,
    Query,
    RetrievalSet,
    domain_dir,
    read_json_lines,
    read_jsonl,
    read_lines,
    read_qrels,
)
from utils.settings import REPO_ROOT

SPLITS = ("train", "test")
#: Kinds of matching pair and the label each one must carry.
KIND_LABEL = {"paraphrase": 1, "reference": 1, "near_miss": 0, "unrelated": 0}
PAIR_FIELDS = ("_id", "domain", "split", "a", "b", "label", "kind")
_LABEL_RE = re.compile(r"^[a-z][a-z0-9_]*$")


def _data_root(data_dir: str | Path | None) -> Path:
    return Path(data_dir) if data_dir else REPO_ROOT / "data"


# --------------------------------------------------------------------------- labels for clustering
def load_labels(domain: str, name: str = "concepts", data_dir: str | Path | None = None) -> dict[str, str]:
    """Document id -> label from ``data/<domain>/<name>.tsv``, every id checked against the corpus.

    ``load_labels("finance")`` gives the finance concepts; ``load_labels("legal", "clause_families")``
    the legal clause families (background documents have none). Labels are lower-case identifiers.
    """
    folder = domain_dir(domain, data_dir)
    path = folder / f"{name}.tsv"
    if not path.is_file():
        known = sorted(p.stem for p in folder.glob("*.tsv")) if folder.is_dir() else []
        raise DataFormatError(
            f"{path} is missing; label files in {folder}: {known or 'none'} (write them with data/_gen/labels.py)."
        )
    doc_ids = {d["_id"] for d in read_jsonl(folder / "corpus.jsonl", ("_id", "text"))}
    labels: dict[str, str] = {}
    first: dict[str, int] = {}
    for lineno, line in read_lines(path):
        if not line.strip():
            continue
        row = line.split("\t")
        if lineno == 1:
            if row[0] != "corpus-id" or len(row) != 2:
                raise DataFormatError(
                    f"{path}:1: expected the header 'corpus-id<TAB>label name', got {line!r}."
                )
            continue
        if len(row) != 2:
            raise DataFormatError(
                f"{path}:{lineno}: expected 2 tab-separated columns (corpus-id, label), got {len(row)}."
            )
        did, label = row[0].strip(), row[1].strip()
        if did not in doc_ids:
            raise DataFormatError(f"{path}:{lineno}: corpus-id {did!r} is not in {folder / 'corpus.jsonl'}.")
        if not _LABEL_RE.match(label):
            raise DataFormatError(
                f"{path}:{lineno}: label {label!r} is not a lower-case identifier (letters, digits, _)."
            )
        if did in first:
            raise DataFormatError(
                f"{path}:{lineno}: {did} is labelled twice (first on line {first[did]}); keep one label per document."
            )
        first[did] = lineno
        labels[did] = label
    if not labels:
        raise DataFormatError(f"{path} has no labels.")
    return labels


# --------------------------------------------------------------------------- matching pairs
@dataclass(frozen=True)
class MatchPair:
    """Two passages and whether they match (1) or not (0); ``kind`` says why (see ``KIND_LABEL``)."""

    id: str
    domain: str
    split: str
    a: str
    b: str
    label: int
    kind: str


def _pair(path: Path, lineno: int, row: object) -> MatchPair:
    where = f"{path}:{lineno}"
    if not isinstance(row, dict):
        raise DataFormatError(f"{where}: expected a JSON object, got {type(row).__name__}.")
    missing = [k for k in PAIR_FIELDS if k not in row]
    if missing:
        raise DataFormatError(f"{where}: missing field(s) {missing} (required: {', '.join(PAIR_FIELDS)}).")
    if row["domain"] not in DOMAINS:
        raise DataFormatError(f"{where}: domain {row['domain']!r} is not one of {DOMAINS}.")
    if row["split"] not in SPLITS:
        raise DataFormatError(f"{where}: split {row['split']!r} is not one of {SPLITS}.")
    if row["kind"] not in KIND_LABEL:
        raise DataFormatError(f"{where}: kind {row['kind']!r} is not one of {tuple(KIND_LABEL)}.")
    label = row["label"]
    if type(label) is not int or label not in (0, 1):
        raise DataFormatError(f"{where}: label {label!r} must be the integer 0 or 1.")
    if label != KIND_LABEL[row["kind"]]:
        raise DataFormatError(
            f"{where}: a {row['kind']!r} pair has label {KIND_LABEL[row['kind']]}, not {label}."
        )
    for side in ("a", "b"):
        if not isinstance(row[side], str) or not row[side].strip():
            raise DataFormatError(f"{where}: field {side!r} must be a non-empty string.")
    if row["a"].strip() == row["b"].strip():
        raise DataFormatError(f"{where}: 'a' and 'b' are the same text.")
    return MatchPair(str(row["_id"]), row["domain"], row["split"], row["a"], row["b"], label, row["kind"])


def read_matching_pairs(path: Path) -> list[MatchPair]:
    """Every pair of a ``pairs.jsonl`` file, validated; a text in both splits is an error (it would leak)."""
    if not path.is_file():
        raise DataFormatError(f"{path} is missing; write it with data/_gen/matching.py.")
    pairs: list[MatchPair] = []
    seen_id: dict[str, int] = {}
    text_split: dict[str, tuple[str, int]] = {}
    for lineno, row in read_json_lines(path):
        pair = _pair(path, lineno, row)
        if pair.id in seen_id:
            raise DataFormatError(
                f"{path}:{lineno}: duplicate _id {pair.id!r} (first on line {seen_id[pair.id]})."
            )
        seen_id[pair.id] = lineno
        for text in (pair.a, pair.b):
            key = " ".join(text.lower().split())
            split, first = text_split.setdefault(key, (pair.split, lineno))
            if split != pair.split:
                raise DataFormatError(
                    f"{path}:{lineno}: text {text[:60]!r}... is in split {pair.split!r} here and in {split!r} "
                    f"on line {first}; a text may appear in one split only."
                )
        pairs.append(pair)
    if not pairs:
        raise DataFormatError(f"{path} has no pairs.")
    return pairs


def load_matching_pairs(
    domain: str | None = None, split: str | None = None, data_dir: str | Path | None = None
) -> list[MatchPair]:
    """The pairs of ``data/matching/pairs.jsonl``, optionally of one domain and/or one split (file order)."""
    if domain is not None and domain not in DOMAINS:
        raise ValueError(f"unknown domain {domain!r}; matching pairs exist for {', '.join(DOMAINS)}.")
    if split is not None and split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; use one of {SPLITS}.")
    pairs = read_matching_pairs(_data_root(data_dir) / "matching" / "pairs.jsonl")
    return [
        p for p in pairs if (domain is None or p.domain == domain) and (split is None or p.split == split)
    ]


# --------------------------------------------------------------------------- cross-lingual queries
def _xling_queries(folder: Path) -> list[dict]:
    rows = read_jsonl(folder / "queries.jsonl", ("_id", "text", "source"))
    for q in rows:
        tags = q.get("tags", [])
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            raise DataFormatError(
                f"{folder / 'queries.jsonl'}:{q['_line']}: 'tags' must be a list of strings."
            )
        if not isinstance(q["source"], str) or not q["source"].strip():
            raise DataFormatError(
                f"{folder / 'queries.jsonl'}:{q['_line']}: 'source' must name the query this one renders."
            )
    return rows


def load_crosslingual(
    name: str = "medical_xling",
    corpus_domain: str = "medical",
    data_dir: str | Path | None = None,
    split: str = "test",
) -> RetrievalSet:
    """Queries and qrels from ``data/<name>/``, corpus from ``data/<corpus_domain>/``: a RetrievalSet
    that utils.evaluate scores like any other. Every judged document must exist in that corpus."""
    root = _data_root(data_dir)
    folder = root / name
    if not folder.is_dir():
        raise DataFormatError(
            f"{folder} is not a folder; expected queries.jsonl and qrels/{split}.tsv inside."
        )
    docs = read_jsonl(domain_dir(corpus_domain, data_dir) / "corpus.jsonl", ("_id", "text"))
    corpus = {d["_id"]: Document(d["_id"], str(d.get("title") or ""), d["text"]) for d in docs}
    queries = {q["_id"]: Query(q["_id"], q["text"], tuple(q.get("tags", []))) for q in _xling_queries(folder)}
    qrels_path = folder / "qrels" / f"{split}.tsv"
    if not qrels_path.is_file():
        raise DataFormatError(
            f"{qrels_path} is missing; {name} has judgements for: "
            f"{sorted(p.stem for p in (folder / 'qrels').glob('*.tsv')) or 'none'}."
        )
    qrels = read_qrels(qrels_path, set(queries), set(corpus))
    qrels = {q: {d: s for d, s in rel.items() if s > 0} for q, rel in qrels.items()}
    qrels = {q: rel for q, rel in qrels.items() if rel}
    kept = {q: queries[q] for q in queries if q in qrels}
    return RetrievalSet(name, split, corpus, kept, qrels, {q: [] for q in kept})


def crosslingual_sources(name: str = "medical_xling", data_dir: str | Path | None = None) -> dict[str, str]:
    """Query id -> id of the query it renders (``source``), to score the same questions monolingually."""
    return {q["_id"]: q["source"] for q in _xling_queries(_data_root(data_dir) / name)}
