"""The shared builder behind every generator in data/_gen/: declare documents and queries, validate, write BEIR.

A generator script declares its data set in one style and ends with ``D.main()``::

    from _builder import Dataset

    D = Dataset("finance", prefix="fin")
    D.topic("ebitda")
    D.doc("ebitda_def", "Operating profit before depreciation as a margin", "Earnings before ...")
    D.query("train", "what does an EBITDA margin tell you", "abbreviation",
            pos=["ebitda_def"], neg=["ebitda_capex", "adj_ebitda"])

    if __name__ == "__main__":
        raise SystemExit(D.main())

``python data/_gen/finance.py`` then checks every invariant below and writes ``data/finance/``
(``--out ROOT`` writes ``ROOT/finance/`` instead). Generators that derive sets from others, with ids
of their own, call ``write_beir`` (the same checks of the BEIR records, the same writer) and
``main`` (the same ``--out ROOT``) directly. Document and query ids follow declaration order
(``fin-d0001``, ``fin-q0001``, ...), so regenerating is deterministic and byte-for-byte stable.

Invariants checked (an error names the file and line of the offending declaration):
unique document keys and query texts (case-insensitive); known splits; tags from ``TAGS``;
at least one positive; ``min_negatives`` (default 1) to ``max_negatives`` hard negatives, none of
them a positive (``hard_negatives.tsv`` is written when any query has one); every key
declared; no document positive in two splits; optional per-set checks (title length, sentences
per document, minimum queries per tag). Standard library only: it runs without the course's venv.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

# The phenomenon tags of data/README.md (utils.data.beir.PHENOMENA; tests/test_data_generators.py checks they match).
TAGS = ("abbreviation", "lay_wording", "hard_negative", "negation", "numbers", "direct")
DATA_DIR = Path(__file__).resolve().parent.parent


class DataError(ValueError):
    """A declaration breaks an invariant; the message names the generator file and line."""


@dataclass(frozen=True)
class Doc:
    key: str
    title: str
    text: str
    topic: str
    where: str  # "file:line" of the declaration


@dataclass(frozen=True)
class Query:
    split: str
    text: str
    tags: tuple[str, ...]
    pos: tuple[str, ...]
    neg: tuple[str, ...]
    topic: str
    where: str


def _caller() -> str:
    frame = sys._getframe(2)
    return f"{frame.f_code.co_filename}:{frame.f_lineno}"


def _keys(value: str | list[str] | tuple[str, ...]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


@dataclass
class Dataset:
    """One BEIR data set under construction: ``doc()`` and ``query()`` declare, ``write()`` validates and writes."""

    name: str
    prefix: str
    splits: tuple[str, ...] = ("train", "test")
    min_negatives: int = 1  # 0: hard negatives optional (a set without them writes no hard_negatives.tsv)
    max_negatives: int = 3
    title_words: tuple[int, int] | None = None  # (min, max) words per title, if checked
    max_sentences: int | None = None  # sentences per document text, if checked
    min_per_tag: int = 0  # queries per tag over the whole set, if checked
    docs: dict[str, Doc] = field(default_factory=dict)
    queries: list[Query] = field(default_factory=list)
    _topic: str = ""

    def topic(self, name: str) -> None:
        """Label the documents and queries declared next (for reading and for the printed summary)."""
        self._topic = name

    def doc(self, key: str, title: str, text: str) -> None:
        """Declare a document; its id is its position among the documents (``<prefix>-dNNNN``)."""
        where = _caller()
        if key in self.docs:
            raise DataError(f"{where}: document key {key!r} is already declared at {self.docs[key].where}")
        self.docs[key] = Doc(key, title, text, self._topic, where)

    def query(
        self,
        split: str,
        text: str,
        tags: str,
        *,
        pos: str | list[str],
        neg: str | list[str] = (),
    ) -> None:
        """Declare a query: ``tags`` space-separated, ``pos`` relevant document keys, ``neg`` near-miss keys."""
        self.queries.append(
            Query(split, text, tuple(tags.split()), _keys(pos), _keys(neg), self._topic, _caller())
        )

    # ------------------------------------------------------------------ validation
    def validate(self) -> None:
        """Raise DataError at the first broken invariant (see the module docstring)."""
        seen: dict[str, str] = {}
        for d in self.docs.values():
            if not d.text.strip():
                raise DataError(f"{d.where}: document {d.key!r} needs a text")
            if self.title_words:
                lo, hi = self.title_words
                if not lo <= len(d.title.split()) <= hi:
                    raise DataError(
                        f"{d.where}: title of {d.key!r} should have {lo} to {hi} words: {d.title!r}"
                    )
            if self.max_sentences:
                n = len(re.findall(r"[.!?](\s|$)", d.text))
                if not 1 <= n <= self.max_sentences:
                    raise DataError(f"{d.where}: {d.key!r} has {n} sentences; keep 1 to {self.max_sentences}")
        positives: dict[str, set[str]] = {}
        for q in self.queries:
            if q.split not in self.splits:
                raise DataError(f"{q.where}: split {q.split!r} is not one of {self.splits}")
            low = q.text.lower()
            if low in seen:
                raise DataError(f"{q.where}: query text {q.text!r} is already declared at {seen[low]}")
            seen[low] = q.where
            bad = [t for t in q.tags if t not in TAGS]
            if not q.tags or bad:
                raise DataError(f"{q.where}: tags {bad or q.tags} are not from {TAGS}")
            if not q.pos:
                raise DataError(f"{q.where}: query {q.text!r} needs at least one relevant document")
            if not self.min_negatives <= len(q.neg) <= self.max_negatives:
                raise DataError(
                    f"{q.where}: query {q.text!r} needs {self.min_negatives} to {self.max_negatives} hard negatives"
                )
            for k in q.pos + q.neg:
                if k not in self.docs:
                    raise DataError(
                        f"{q.where}: {k!r} is not a declared document key (declare it with doc())"
                    )
            both = set(q.pos) & set(q.neg)
            if both or len(set(q.neg)) < len(q.neg):
                raise DataError(
                    f"{q.where}: hard negatives must be distinct and not relevant: {sorted(both)}"
                )
            for k in q.pos:
                positives.setdefault(k, set()).add(q.split)
        leaked = sorted(k for k, s in positives.items() if len(s) > 1)
        if leaked:
            raise DataError(
                f"{self.name}: documents relevant in more than one split (make them one split's): {leaked}"
            )
        if self.min_per_tag:
            counts = Counter(t for q in self.queries for t in q.tags)
            short = {t: counts[t] for t in TAGS if counts[t] < self.min_per_tag}
            if short:
                raise DataError(f"{self.name}: fewer than {self.min_per_tag} queries for tags {short}")

    # ------------------------------------------------------------------ writing
    def records(
        self,
    ) -> tuple[list[dict], list[dict], dict[str, list[tuple[str, str]]], list[tuple[str, str]]]:
        """The BEIR records with their ids: corpus, queries, qrels rows per split, hard-negative rows."""
        doc_id = {k: f"{self.prefix}-d{i:04d}" for i, k in enumerate(self.docs, 1)}
        queries = [(f"{self.prefix}-q{i:04d}", q) for i, q in enumerate(self.queries, 1)]
        corpus = [{"_id": doc_id[d.key], "title": d.title, "text": d.text} for d in self.docs.values()]
        query_rows = [{"_id": i, "text": q.text, "tags": list(q.tags)} for i, q in queries]
        qrels = {s: [(i, doc_id[k]) for i, q in queries if q.split == s for k in q.pos] for s in self.splits}
        negatives = [(i, doc_id[k]) for i, q in queries for k in q.neg]
        return corpus, query_rows, qrels, negatives

    def write(self, folder: Path | str | None = None) -> Path:
        """Validate, then write the BEIR files into ``folder`` (default ``data/<name>/``)."""
        self.validate()
        folder = Path(folder) if folder is not None else DATA_DIR / self.name
        return write_beir(folder, *self.records())

    def summary(self) -> str:
        """Counts per split and per tag, as printed after writing."""
        lines = [f"{self.name}: docs={len(self.docs)} queries={len(self.queries)}"]
        for split in self.splits:
            qs = [q for q in self.queries if q.split == split]
            tags = Counter(t for q in qs for t in q.tags)
            lines.append(f"  {split:5s} {len(qs):4d} queries  " + " ".join(f"{t}={tags[t]}" for t in TAGS))
        return "\n".join(lines)

    def main(self, argv: list[str] | None = None) -> int:
        """The generator's command line: ``python data/_gen/<name>.py [--out ROOT]`` writes ``ROOT/<name>/``."""

        def build(root: Path) -> list[str]:
            return [self.summary(), f"wrote {self.write(root / self.name)}"]

        return main(build, argv, f"Validate the {self.name} set and write its BEIR files.")


# ---------------------------------------------------------------------- BEIR files, for any generator
def check_beir(
    corpus: list[dict],
    queries: list[dict],
    qrels: dict[str, list[tuple[str, str]]],
    hard_negatives: list[tuple[str, str]] | None = None,
    tags: tuple[str, ...] = TAGS,
) -> None:
    """Raise DataError unless the records form a valid BEIR set.

    Unique document and query ids, a text for every document, tags from ``tags``, every query
    judged in some split, and every qrels or hard-negative row naming a known query and document.
    Derived sets with their own ids and tags (data/_gen/long_documents.py) call this directly.
    """
    doc_ids = [d["_id"] for d in corpus]
    query_ids = [q["_id"] for q in queries]
    for kind, ids in (("document", doc_ids), ("query", query_ids)):
        dup = sorted(k for k, n in Counter(ids).items() if n > 1)
        if dup:
            raise DataError(f"duplicate {kind} ids: {dup[:5]}")
    empty = [d["_id"] for d in corpus if not str(d.get("text", "")).strip()]
    if empty:
        raise DataError(f"documents without text: {empty[:5]}")
    for q in queries:
        bad = [t for t in q.get("tags", []) if t not in tags]
        if bad:
            raise DataError(f"query {q['_id']}: tags {bad} are not from {tags}")
    known_docs, known_queries = set(doc_ids), set(query_ids)
    rows = [(f"qrels/{s}.tsv", r) for s, rs in qrels.items() for r in rs]
    rows += [("hard_negatives.tsv", r) for r in hard_negatives or []]
    for where, (qid, did) in rows:
        if qid not in known_queries or did not in known_docs:
            raise DataError(f"{where}: row {qid} {did} names an unknown query or document")
    unjudged = sorted(known_queries - {qid for rs in qrels.values() for qid, _ in rs})
    if unjudged:
        raise DataError(f"queries without a relevant document in any split: {unjudged[:5]}")


def write_beir(
    folder: Path | str,
    corpus: list[dict],
    queries: list[dict],
    qrels: dict[str, list[tuple[str, str]]],
    hard_negatives: list[tuple[str, str]] | None = None,
    tags: tuple[str, ...] = TAGS,
) -> Path:
    """Check the records (``check_beir``), then write corpus.jsonl, queries.jsonl, qrels/<split>.tsv and,
    if there are any, hard_negatives.tsv into ``folder``, in the order given (UTF-8, ``\\n`` line ends)."""
    check_beir(corpus, queries, qrels, hard_negatives, tags)
    folder = Path(folder)
    (folder / "qrels").mkdir(parents=True, exist_ok=True)
    _write_lines(folder / "corpus.jsonl", (_json(d) for d in corpus))
    _write_lines(folder / "queries.jsonl", (_json(q) for q in queries))
    for split, rows in qrels.items():
        lines = (f"{qid}\t{did}\t1" for qid, did in rows)
        _write_lines(folder / "qrels" / f"{split}.tsv", lines, header="query-id\tcorpus-id\tscore")
    if hard_negatives:
        lines = (f"{qid}\t{did}" for qid, did in hard_negatives)
        _write_lines(folder / "hard_negatives.tsv", lines, header="query-id\tcorpus-id")
    return folder


def main(build: Callable[[Path], list[str]], argv: list[str] | None = None, description: str = "") -> int:
    """A generator's command line: ``--out ROOT`` (default data/); ``build(root)`` writes ``root/<set>/``
    for each set it owns and returns lines to print. A DataError is printed without a traceback."""
    p = argparse.ArgumentParser(description=description)
    p.add_argument(
        "--out", type=Path, default=DATA_DIR, help="data root to write <set>/ folders into (default: data/)"
    )
    a = p.parse_args(argv)
    try:
        lines = build(a.out)
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print("\n".join(lines))
    return 0


def _json(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False)


def _write_lines(path: Path, lines: Iterable[str], header: str | None = None) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        if header is not None:
            f.write(header + "\n")
        for line in lines:
            f.write(line + "\n")
