"""Retrieval data in the BEIR layout: the course's shipped domains, any BEIR folder, public sets online.

Introduced in notebook 02_instructions; used by 03-05 and by ``python -m utils.search.evaluate`` /
``python -m utils.training.cli``.

A BEIR folder holds ``corpus.jsonl`` (``_id``, ``title``, ``text``), ``queries.jsonl`` (``_id``,
``text``, optional ``tags``) and ``qrels/<split>.tsv`` (``query-id``, ``corpus-id``, ``score``, with a
header) or a single ``qrels.tsv``. Every loader validates what it reads and raises
:class:`DataFormatError` naming the file and line.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import random
import shutil
import tempfile
import warnings
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from utils.paths import REPO_ROOT

DOMAINS = ("medical", "legal", "finance")
EXTRA_SLICES = ("medical_zh",)
PHENOMENA = ("abbreviation", "lay_wording", "hard_negative", "negation", "numbers", "direct")

#: Public BEIR sets for readers who are online: zip URL and MD5 as published in the BEIR repository's README.
BEIR_BASE_URL = "https://public.ukp.informatik.tu-darmstadt.de/thakur/BEIR/datasets/{name}.zip"
BEIR_MD5 = {
    "scifact": "5f7d1de60b170fc8027bb7898e2efca1",
    "nfcorpus": "a89dba18a62ef92f7d323ec890a0d38d",
    "fiqa": "17918ed23cd04fb15047f73e6c3bd9d9",
}


class DataFormatError(ValueError):
    """A data file is malformed. The message names the file and line and says what to fix."""


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    text: str

    @property
    def full_text(self) -> str:
        """Title and text, as the course embeds documents (:func:`join_title`)."""
        return join_title(self.title, self.text)


def join_title(title: str, text: str) -> str:
    """A document as the course embeds it: ``"{title}. {text}"``, or whichever of the two is not blank.

    Public BEIR sets hold documents with a title and an empty text (TREC-COVID's papers without an abstract):
    they are embedded as their title alone, by every reader of ``corpus.jsonl`` in the course.
    """
    if title.strip() and text.strip():
        return f"{title}. {text}"
    return text if text.strip() else title


@dataclass(frozen=True)
class Query:
    id: str
    text: str
    tags: tuple[str, ...] = ()


@dataclass
class RetrievalSet:
    """One domain (or BEIR folder) and split: the corpus, the split's queries and their judgements."""

    name: str
    split: str
    corpus: dict[str, Document]
    queries: dict[str, Query]
    qrels: dict[str, dict[str, int]]
    hard_negatives: dict[str, list[str]] = field(default_factory=dict)

    @property
    def doc_ids(self) -> list[str]:
        return list(self.corpus)

    @property
    def doc_texts(self) -> list[str]:
        return [d.full_text for d in self.corpus.values()]

    @property
    def query_ids(self) -> list[str]:
        return list(self.queries)

    @property
    def query_texts(self) -> list[str]:
        return [q.text for q in self.queries.values()]

    def subset(self, n_queries: int | None, seed: int = 0, n_docs: int | None = None) -> RetrievalSet:
        """A smaller set for smoke runs: at most ``n_queries`` queries (a fixed random sample) and, with
        ``n_docs``, a corpus cut to the kept queries' relevant documents and hard negatives plus random
        other documents up to ``n_docs`` (never fewer than the judged ones). Scores on a cut corpus are
        higher than on the full one: use it for speed, not for reporting.
        """
        rng = random.Random(seed)
        keep = sorted(self.queries)
        if n_queries is not None and n_queries < len(keep):
            keep = sorted(rng.sample(keep, n_queries))
        corpus = self.corpus
        if n_docs is not None and n_docs < len(self.corpus):
            must = {d for q in keep for d in self.qrels[q]} | {
                d for q in keep for d in self.hard_negatives.get(q, [])
            }
            others = sorted(set(self.corpus) - must)
            extra = set(rng.sample(others, max(0, min(len(others), n_docs - len(must)))))
            corpus = {d: doc for d, doc in self.corpus.items() if d in must or d in extra}
        return RetrievalSet(
            self.name,
            self.split,
            corpus,
            {q: self.queries[q] for q in keep},
            {q: self.qrels[q] for q in keep},
            {q: [d for d in self.hard_negatives.get(q, []) if d in corpus] for q in keep},
        )

    def __repr__(self) -> str:
        return f"RetrievalSet({self.name!r}, split={self.split!r}, docs={len(self.corpus)}, queries={len(self.queries)})"


# --------------------------------------------------------------------------- readers
def read_lines(path: Path) -> Iterator[tuple[int, str]]:
    """``(line number, text)`` for each line of a UTF-8 file, decoded line by line.

    A byte-order mark, or bytes that are not UTF-8, raise :class:`DataFormatError` naming the file
    and line (a raw ``UnicodeDecodeError`` names neither). Line endings are stripped.
    """
    with path.open("rb") as f:
        for lineno, raw in enumerate(f, 1):
            if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raise DataFormatError(
                    f"{path}:1: starts with a UTF-8 byte-order mark (BOM); save the file as UTF-8 without BOM."
                )
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise DataFormatError(
                    f"{path}:{lineno}: byte 0x{raw[exc.start]:02x} at column {exc.start + 1} is not UTF-8; "
                    "re-encode the file as UTF-8."
                ) from exc
            yield lineno, text.rstrip("\r\n")


def read_json_lines(path: Path) -> Iterator[tuple[int, object]]:
    """(line number, parsed value) for each non-blank line of a JSONL file; bad JSON names file and line."""
    for lineno, line in read_lines(path):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataFormatError(
                f"{path}:{lineno}: not valid JSON ({exc.msg}); each line must be one JSON object."
            ) from exc
        yield lineno, value


def read_jsonl(path: Path, required: tuple[str, ...]) -> list[dict]:
    """Records of a BEIR ``corpus.jsonl`` / ``queries.jsonl``: unique string ``_id``, a string ``text``, not blank
    unless the record has a non-blank ``title`` (a document known by its title alone, as in TREC-COVID)."""
    if path.is_dir():
        raise DataFormatError(f"{path} is a folder; pass the .jsonl file inside it.")
    if not path.is_file():
        raise DataFormatError(
            f"{path} is missing; a BEIR folder needs corpus.jsonl, queries.jsonl and qrels/."
        )
    rows, seen = [], set()
    for lineno, row in read_json_lines(path):
        if not isinstance(row, dict):
            raise DataFormatError(f"{path}:{lineno}: expected a JSON object, got {type(row).__name__}.")
        for key in required:
            if key not in row:
                raise DataFormatError(
                    f"{path}:{lineno}: missing field {key!r} (required: {', '.join(required)})."
                )
        row["_id"] = str(row["_id"])
        if row["_id"] in seen:
            raise DataFormatError(f"{path}:{lineno}: duplicate _id {row['_id']!r}.")
        seen.add(row["_id"])
        title = row.get("title")
        if title is not None and not isinstance(title, str):
            raise DataFormatError(f"{path}:{lineno}: 'title' must be a string for _id {row['_id']!r}.")
        if not isinstance(row.get("text"), str) or not (row["text"].strip() or (title or "").strip()):
            raise DataFormatError(
                f"{path}:{lineno}: empty text{' and title' if 'title' in row else ''} for _id {row['_id']!r}."
            )
        row["_line"] = lineno
        rows.append(row)
    if not rows:
        raise DataFormatError(f"{path} has no records.")
    return rows


_read_jsonl = read_jsonl  # the former private name


def _tsv(line: str) -> list[str]:
    return next(csv.reader([line], delimiter="\t"), [])


def _score(path: Path, lineno: int, text: str) -> int:
    """A qrels score: an integer (``1``, ``2``, ``1.0``), finite; anything else names the file and line."""
    try:
        value = float(text)
    except ValueError as exc:
        raise DataFormatError(f"{path}:{lineno}: score {text!r} is not a number.") from exc
    if not math.isfinite(value):
        raise DataFormatError(f"{path}:{lineno}: score {text!r} is not finite; use an integer grade.")
    if value != int(value):
        raise DataFormatError(f"{path}:{lineno}: score {text!r} is not an integer; use integer grades.")
    return int(value)


def read_qrels(
    path: Path, query_ids: set[str] | None = None, doc_ids: set[str] | None = None
) -> dict[str, dict[str, int]]:
    """Read a BEIR qrels TSV (``query-id  corpus-id  score``, header optional) and check every id resolves.

    Scores must be finite integers; a (query, document) pair may appear once; at least one score must
    be positive (all-zero judgements would make every metric undefined).

    A judgement whose query-id is not in ``query_ids`` or whose corpus-id is not in ``doc_ids`` is left out
    with one ``UserWarning`` that counts them and names the first of each kind: public BEIR sets hold a few
    (NFCorpus's test qrels name queries that its queries.jsonl lacks, beir-cellar/beir#202; ArguAna's name a
    document its corpus lacks, beir-cellar/beir#172). BEIR's own scorer keeps such a document in the ideal
    ranking, so nDCG here can come out slightly higher than a published figure. When no judgement is left,
    the first unknown id is an error, as it means the files do not belong together.
    """
    if not path.is_file():
        raise DataFormatError(f"{path} is missing.")
    qrels: dict[str, dict[str, int]] = {}
    first_line: dict[tuple[str, str], int] = {}
    unknown: dict[str, list[str]] = {"query-id": [], "corpus-id": []}  # "path:line: ... is not in ..." per kind
    for lineno, line in read_lines(path):
        row = _tsv(line)
        if not row or not "".join(row).strip():
            continue
        if lineno == 1 and row[0].strip().lower() in ("query-id", "query_id", "qid"):
            continue
        if len(row) < 3:
            raise DataFormatError(
                f"{path}:{lineno}: expected 3 tab-separated columns (query-id, corpus-id, score), got {len(row)}."
            )
        qid, did = row[0].strip(), row[1].strip()
        value = _score(path, lineno, row[2].strip())
        if (qid, did) in first_line:
            raise DataFormatError(
                f"{path}:{lineno}: duplicate judgement of ({qid}, {did}), first on line {first_line[qid, did]}; "
                "keep one line per pair."
            )
        first_line[qid, did] = lineno
        if query_ids is not None and qid not in query_ids:
            unknown["query-id"].append(f"{path}:{lineno}: query-id {qid!r} is not in queries.jsonl")
            continue
        if doc_ids is not None and did not in doc_ids:
            unknown["corpus-id"].append(f"{path}:{lineno}: corpus-id {did!r} is not in corpus.jsonl")
            continue
        qrels.setdefault(qid, {})[did] = value
    if any(unknown.values()):
        first = [found[0] for found in unknown.values() if found]
        if not qrels:
            raise DataFormatError(f"{first[0]}, and no judgement names both a known query and a known document: "
                                  "are the qrels from the same data set as queries.jsonl and corpus.jsonl?")
        counts = " and ".join(f"{len(found)} name{'s' if len(found) == 1 else ''} a {kind} that is not there"
                              for kind, found in unknown.items() if found)
        warnings.warn(
            f"{path}: {sum(map(len, unknown.values()))} judgement(s) left out: {counts} (first: "
            + "; ".join(first)
            + "). Public BEIR sets hold a few such lines (NFCorpus, ArguAna); BEIR's scorer keeps a missing document "
            "in the ideal ranking, so nDCG here can be slightly higher than a published figure.",
            UserWarning,
            stacklevel=2,
        )
    if not qrels:
        raise DataFormatError(f"{path} has no judgements.")
    if not any(v > 0 for rel in qrels.values() for v in rel.values()):
        raise DataFormatError(
            f"{path}: every score is 0 or below, so no document is relevant; relevant pairs need a score >= 1."
        )
    return qrels


def read_hard_negatives(path: Path, doc_ids: set[str]) -> dict[str, list[str]]:
    """Read ``hard_negatives.tsv`` (``query-id  corpus-id``); missing file -> empty."""
    out: dict[str, list[str]] = {}
    if not path.is_file():
        return out
    seen: dict[tuple[str, str], int] = {}
    for lineno, line in read_lines(path):
        row = _tsv(line)
        if not row or (lineno == 1 and row[0] == "query-id"):
            continue
        if len(row) < 2:
            raise DataFormatError(f"{path}:{lineno}: expected 2 tab-separated columns (query-id, corpus-id).")
        if row[1] not in doc_ids:
            raise DataFormatError(f"{path}:{lineno}: corpus-id {row[1]!r} is not in corpus.jsonl.")
        if (row[0], row[1]) in seen:
            raise DataFormatError(
                f"{path}:{lineno}: duplicate line ({row[0]}, {row[1]}), first on line {seen[row[0], row[1]]}."
            )
        seen[row[0], row[1]] = lineno
        out.setdefault(row[0], []).append(row[1])
    return out


def available_splits(folder: str | Path) -> list[str]:
    """Splits present in a BEIR folder (``qrels/<split>.tsv``; a bare ``qrels.tsv`` counts as ``test``)."""
    folder = Path(folder)
    splits = sorted(p.stem for p in (folder / "qrels").glob("*.tsv")) if (folder / "qrels").is_dir() else []
    if not splits and (folder / "qrels.tsv").is_file():
        splits = ["test"]
    return splits


def load_beir(folder: str | Path, split: str = "test", name: str | None = None) -> RetrievalSet:
    """Load any BEIR-format folder and split, validated. Queries without judgements are dropped from the split."""
    folder = Path(folder)
    if not folder.is_dir():
        raise DataFormatError(
            f"{folder} is not a folder; expected corpus.jsonl, queries.jsonl and qrels/<split>.tsv inside."
        )
    docs = read_jsonl(folder / "corpus.jsonl", ("_id", "text"))
    queries = read_jsonl(folder / "queries.jsonl", ("_id", "text"))
    corpus = {d["_id"]: Document(d["_id"], str(d.get("title") or ""), d["text"]) for d in docs}
    qmap = {}
    for q in queries:
        tags = q.get("tags", [])
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            raise DataFormatError(
                f"{folder / 'queries.jsonl'}:{q['_line']}: 'tags' must be a list of strings."
            )
        qmap[q["_id"]] = Query(q["_id"], q["text"], tuple(tags))
    qrels_path = folder / "qrels" / f"{split}.tsv"
    if not qrels_path.is_file():
        if (folder / "qrels.tsv").is_file() and split == "test":
            qrels_path = folder / "qrels.tsv"
        else:
            raise DataFormatError(
                f"no judgements for split {split!r} in {folder}: available splits are {available_splits(folder) or 'none'}."
            )
    qrels = read_qrels(qrels_path, set(qmap), set(corpus))
    qrels = {q: {d: s for d, s in rel.items() if s > 0} for q, rel in qrels.items()}
    qrels = {q: rel for q, rel in qrels.items() if rel}
    negs = read_hard_negatives(folder / "hard_negatives.tsv", set(corpus))
    split_queries = {q: qmap[q] for q in qmap if q in qrels}
    return RetrievalSet(
        name or folder.name, split, corpus, split_queries, qrels, {q: negs.get(q, []) for q in split_queries}
    )


def domain_dir(domain: str, data_dir: str | Path | None = None) -> Path:
    base = Path(data_dir) if data_dir else REPO_ROOT / "data"
    known = DOMAINS + EXTRA_SLICES
    if domain not in known and not (base / domain).is_dir():
        raise ValueError(f"unknown domain {domain!r}; the course ships {', '.join(known)}.")
    return base / domain


def load_domain(domain: str, split: str = "test", data_dir: str | Path | None = None) -> RetrievalSet:
    """One of the course's shipped domains (``medical``, ``legal``, ``finance``, ``medical_zh``)."""
    return load_beir(domain_dir(domain, data_dir), split, name=domain)


def general_probe(distractors: Sequence[str] = (), data_dir: str | Path | None = None) -> RetrievalSet:
    """The general-knowledge probe ``data/general`` (split ``test``), for forgetting checks in notebook 04.

    Everyday questions, one relevant passage each and three near misses (passages on the question's
    subject that do not answer it, listed as its hard negatives): the base model does not ace it, so a
    model that loses everyday distinctions can fall (data/README.md, "General probe"). ``distractors``
    (for instance the domain corpora) join the corpus as documents relevant to no query (ids
    ``g-x00000``...): a model that drifts towards a domain then ranks that domain's documents above the
    everyday answer. Duplicates, and texts equal to a probe passage, are dropped.
    """
    rs = load_beir(domain_dir("general", data_dir), "test", name="general")
    own = set(rs.doc_texts)
    extra = [t for t in dict.fromkeys(distractors) if t not in own]
    rs.corpus.update({f"g-x{i:05d}": Document(f"g-x{i:05d}", "", t) for i, t in enumerate(extra)})
    return rs


# --------------------------------------------------------------------------- training pairs
def training_pairs(
    rs: RetrievalSet, with_negatives: bool = False
) -> Iterator[tuple[str, str] | tuple[str, str, str]]:
    """``(query, positive)`` pairs, or ``(query, positive, negative)`` with each listed hard negative."""
    for qid, rel in rs.qrels.items():
        for did in rel:
            if with_negatives and rs.hard_negatives.get(qid):
                for neg in rs.hard_negatives[qid]:
                    if neg not in rel:
                        yield rs.queries[qid].text, rs.corpus[did].full_text, rs.corpus[neg].full_text
            else:
                yield rs.queries[qid].text, rs.corpus[did].full_text


def read_pairs_jsonl(path: str | Path) -> list[dict[str, str]]:
    """Read training pairs: one ``{"query", "positive"[, "negative"]}`` object per line, validated."""
    path = Path(path)
    if path.is_dir():
        raise DataFormatError(f"{path} is a folder; pass the pairs JSONL file inside it.")
    if not path.is_file():
        raise DataFormatError(f"{path} does not exist.")
    out = []
    for lineno, line in read_lines(path):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataFormatError(f"{path}:{lineno}: not valid JSON ({exc.msg}).") from exc
        if not isinstance(row, dict):
            raise DataFormatError(f"{path}:{lineno}: expected an object with 'query' and 'positive'.")
        for key in ("query", "positive"):
            if key not in row:
                raise DataFormatError(f"{path}:{lineno}: field {key!r} is missing.")
            if not isinstance(row[key], str):
                raise DataFormatError(
                    f"{path}:{lineno}: field {key!r} must be a string, got {type(row[key]).__name__} {row[key]!r}."
                )
            if not row[key].strip():
                raise DataFormatError(f"{path}:{lineno}: field {key!r} is empty.")
        if "negative" in row and (not isinstance(row["negative"], str) or not row["negative"].strip()):
            raise DataFormatError(
                f"{path}:{lineno}: field 'negative' must be a non-empty string when present."
            )
        out.append({k: row[k] for k in ("query", "positive", "negative") if k in row})
    if not out:
        raise DataFormatError(f"{path} has no pairs.")
    return out


# --------------------------------------------------------------------------- online (readers only)
def _md5(path: Path) -> str:
    h = hashlib.md5()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fetch_beir(
    name: str,
    cache_dir: str | Path | None = None,
    url: str | None = None,
    md5: str | None = None,
    timeout: float = 60.0,
) -> Path:
    """Download and unpack a public BEIR set (e.g. ``scifact``, ``nfcorpus``, ``fiqa``) into a cache; returns its folder.

    For readers who are online. The archive's MD5 is checked against the published one before it is
    unpacked; a cached copy is reused. Tests call it with a local ``url`` and never touch the network.
    """
    import httpx
    from tqdm.auto import tqdm

    cache = Path(cache_dir) if cache_dir else Path.home() / ".cache" / "qwen3-workbook" / "beir"
    target = cache / name
    if (target / "corpus.jsonl").is_file():
        return target
    url = url or BEIR_BASE_URL.format(name=name)
    expected = md5 or BEIR_MD5.get(name)
    if expected is None:
        raise ValueError(f"no published checksum for {name!r}; pass md5= (known: {', '.join(BEIR_MD5)}).")
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache) as tmp:
        archive = Path(tmp) / f"{name}.zip"
        try:
            with httpx.stream("GET", url, timeout=timeout, follow_redirects=True) as r:
                r.raise_for_status()
                total = int(r.headers.get("content-length", 0)) or None
                with (
                    archive.open("wb") as f,
                    tqdm(total=total, unit="B", unit_scale=True, desc=f"download {name}") as bar,
                ):
                    for chunk in r.iter_bytes(1 << 16):
                        f.write(chunk)
                        bar.update(len(chunk))
        except httpx.HTTPError as exc:
            raise ConnectionError(
                f"could not download {url}: {exc}. Are you online? The shipped domains need no network."
            ) from exc
        got = _md5(archive)
        if got != expected:
            raise DataFormatError(
                f"checksum mismatch for {url}: expected md5 {expected}, got {got}. The download is corrupt or the file changed."
            )
        with zipfile.ZipFile(archive) as zf:
            zf.extractall(tmp)
        found = [p.parent for p in Path(tmp).rglob("corpus.jsonl")]
        if not found:
            raise DataFormatError(f"{url} holds no corpus.jsonl; it is not a BEIR archive.")
        if target.exists():
            shutil.rmtree(target)
        shutil.move(str(found[0]), str(target))
    load_beir(target, available_splits(target)[-1] if available_splits(target) else "test")  # validate once
    return target
