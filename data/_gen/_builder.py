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
(``--out DIR`` writes elsewhere). Document and query ids follow declaration order
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
from dataclasses import dataclass, field
from pathlib import Path

# The phenomenon tags of data/README.md (utils.data.PHENOMENA; tests/test_data_generators.py checks they match).
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
    def write(self, out: Path | str | None = None) -> Path:
        """Validate, then write corpus.jsonl, queries.jsonl, qrels/<split>.tsv and hard_negatives.tsv under ``out``."""
        self.validate()
        out = Path(out) if out is not None else DATA_DIR / self.name
        (out / "qrels").mkdir(parents=True, exist_ok=True)
        doc_id = {k: f"{self.prefix}-d{i:04d}" for i, k in enumerate(self.docs, 1)}
        queries = [(f"{self.prefix}-q{i:04d}", q) for i, q in enumerate(self.queries, 1)]
        _write_lines(
            out / "corpus.jsonl",
            (_json({"_id": doc_id[d.key], "title": d.title, "text": d.text}) for d in self.docs.values()),
        )
        _write_lines(
            out / "queries.jsonl",
            (_json({"_id": i, "text": q.text, "tags": list(q.tags)}) for i, q in queries),
        )
        for split in self.splits:
            rows = (f"{i}\t{doc_id[k]}\t1" for i, q in queries if q.split == split for k in q.pos)
            _write_lines(out / "qrels" / f"{split}.tsv", rows, header="query-id\tcorpus-id\tscore")
        if any(q.neg for q in self.queries):
            rows = (f"{i}\t{doc_id[k]}" for i, q in queries for k in q.neg)
            _write_lines(out / "hard_negatives.tsv", rows, header="query-id\tcorpus-id")
        return out

    def summary(self) -> str:
        """Counts per split and per tag, as printed after writing."""
        lines = [f"{self.name}: docs={len(self.docs)} queries={len(self.queries)}"]
        for split in self.splits:
            qs = [q for q in self.queries if q.split == split]
            tags = Counter(t for q in qs for t in q.tags)
            lines.append(f"  {split:5s} {len(qs):4d} queries  " + " ".join(f"{t}={tags[t]}" for t in TAGS))
        return "\n".join(lines)

    def main(self, argv: list[str] | None = None) -> int:
        """The generator's command line: ``python data/_gen/<name>.py [--out DIR]``."""
        p = argparse.ArgumentParser(
            description=f"Write the {self.name} BEIR files (default: data/{self.name}/)."
        )
        p.add_argument("--out", type=Path, default=DATA_DIR / self.name, help="folder to write into")
        a = p.parse_args(argv)
        try:
            out = self.write(a.out)
        except DataError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        print(self.summary())
        print(f"wrote {out}")
        return 0


def _json(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False)


def _write_lines(path: Path, lines, header: str | None = None) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        if header is not None:
            f.write(header + "\n")
        for line in lines:
            f.write(line + "\n")
