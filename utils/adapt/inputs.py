"""The reader's folder, read and split: which queries train, which choose, which report; the report folder's guard.

Part of ``python -m utils.adapt`` (notebook 09). Any BEIR folder works:

* labelled: ``qrels/train.tsv`` (optional ``dev.tsv``, ``test.tsv``). The **test** queries are ``test.tsv``'s
  (or, without it, a share of train's); the **validation** queries, which choose every weight and the
  recommended pipeline, are ``dev.tsv``'s (or a share split off train, else off test); the fine-tune
  trains on what is left of train, and its own guard splits off a share of those (the CLI's default). No
  query plays two roles (:meth:`AdaptData.role_overlap` counts them).
* corpus only: a sentence of each document (the inverse cloze task of notebook 08,
  :func:`utils.training.pseudo_pairs.ict_pairs`) becomes a pseudo-query whose relevant document is its
  source; documents are split three ways, so every number the report gives comes from pseudo-queries
  (the report says so). With test labels and no train split, the fine-tune trains on pseudo-pairs only.

Bad input raises :class:`utils.data.beir.DataFormatError` with one line naming the file and what to do:
malformed or non-UTF-8 files, an empty corpus, qrels that name no document of the corpus.
"""

from __future__ import annotations

import hashlib
import random
import sys
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from utils.data.beir import (
    DataFormatError,
    Document,
    Query,
    RetrievalSet,
    available_splits,
    load_beir,
    read_jsonl,
    read_qrels,
)

MARKER = ".utils-adapt"  # the file that says "this folder is a report of python -m utils.adapt"
MIN_QUERIES = 4  # validation and test each need at least this many queries


class ReportDirError(ValueError):
    """The report folder would overwrite something the reader owns."""


@dataclass
class AdaptData:
    """One folder, split by role. ``val`` and ``test`` share the corpus; ``train_pairs`` feed the fine-tune."""

    name: str
    folder: Path
    corpus: dict[str, Document]
    val: RetrievalSet
    test: RetrievalSet
    train_pairs: list[dict[str, str]]
    labels: str  # "labelled" | "pseudo" (every query a pseudo-query) | "labelled, pseudo training pairs"
    roles: dict[str, str] = field(default_factory=dict)  # role -> where its queries came from
    notes: list[str] = field(default_factory=list)
    train_query_ids: set[str] = field(default_factory=set)
    sizes: dict[str, int] = field(default_factory=dict)  # the smoke cuts asked for (flag -> value), to reproduce

    @property
    def pseudo(self) -> bool:
        return self.labels == "pseudo"

    def role_overlap(self) -> int:
        """Queries that play two roles (train, validation, test): 0 by construction; the notebook checks it."""
        val, test = set(self.val.queries), set(self.test.queries)
        train_texts = {p["query"] for p in self.train_pairs}
        val_texts = {q.text for q in self.val.queries.values()}
        test_texts = {q.text for q in self.test.queries.values()}
        return len(val & test) + len(self.train_query_ids & (val | test)) + len(train_texts & (val_texts | test_texts))

    def fingerprint(self) -> str:
        """Changes when the corpus, the queries or their roles change (names the fine-tuned model folder)."""
        h = hashlib.sha256()
        for d in self.corpus.values():
            h.update(f"{d.id}\t{d.full_text}\n".encode())
        for p in self.train_pairs:
            h.update(f"{p['query']}\t{p['positive']}\n".encode())
        for rs in (self.val, self.test):
            h.update(",".join(sorted(rs.queries)).encode())
        return h.hexdigest()[:12]

    def table(self) -> list[dict[str, object]]:
        """One row per role: queries, judged pairs, where they came from."""
        return [
            {"role": "fine-tune (train)", "queries": len({p["query"] for p in self.train_pairs}),
             "pairs": len(self.train_pairs), "from": self.roles.get("train", "")},
            {"role": "validation (chooses)", "queries": len(self.val.queries),
             "pairs": sum(len(r) for r in self.val.qrels.values()), "from": self.roles.get("val", "")},
            {"role": "test (reports)", "queries": len(self.test.queries),
             "pairs": sum(len(r) for r in self.test.qrels.values()), "from": self.roles.get("test", "")},
        ]


# --------------------------------------------------------------------------- the report folder
def check_report_dir(out: str | Path, data: str | Path, model: str | Path | None = None) -> Path:
    """Refuse a report folder that would touch what the reader owns; create it (with its marker) if allowed.

    Allowed: a folder that does not exist, an empty one, or a previous report of this tool (it holds
    :data:`MARKER`; a re-run resumes there). Refused: a file, a folder with other contents, the data
    folder or the model folder (or a folder inside or around either).
    """
    out = Path(out).expanduser()
    for what, other in (("data", data), ("model", model)):
        if other is None or not Path(other).exists():
            continue
        a, b = out.resolve(), Path(other).resolve()
        if a == b or b in a.parents or a in b.parents:
            raise ReportDirError(f"--out {out} is, holds or sits inside the {what} folder {other}; choose a new folder.")
    if out.exists() and not out.is_dir():
        raise ReportDirError(f"--out {out} is a file; choose a folder (nothing was changed).")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise ReportDirError(
            f"--out {out} already holds files that python -m utils.adapt did not write; choose a new or empty "
            "folder (nothing was changed)."
        )
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("written by python -m utils.adapt; a re-run may replace what is in this folder\n")
    return out


# --------------------------------------------------------------------------- reading and splitting
def _split(ids: Sequence[str], fraction: float, seed: int, minimum: int = MIN_QUERIES) -> tuple[list[str], list[str]]:
    """``(kept, split off)``: a seeded share ``fraction`` of ``ids`` (at least ``minimum``) split off."""
    ids = sorted(ids)
    random.Random(seed).shuffle(ids)
    n = min(len(ids) - 1, max(minimum, round(fraction * len(ids))))
    return sorted(ids[n:]), sorted(ids[:n])


def _cut(ids: list[str], n: int | None, seed: int) -> list[str]:
    return sorted(random.Random(seed).sample(ids, n)) if n is not None and n < len(ids) else ids


def _subset(rs: RetrievalSet, qids: Sequence[str], corpus: dict[str, Document], name: str) -> RetrievalSet:
    qids = [q for q in qids if q in rs.qrels and any(d in corpus for d in rs.qrels[q])]
    return RetrievalSet(name, rs.split, corpus, {q: rs.queries[q] for q in qids},
                        {q: {d: g for d, g in rs.qrels[q].items() if d in corpus} for q in qids})


def _check_overlap(folder: Path, split: str, doc_ids: set[str]) -> None:
    """One clear line when a split's qrels name no document of the corpus (two sets mixed up)."""
    path = folder / "qrels" / f"{split}.tsv"
    if not path.is_file():
        path = folder / "qrels.tsv"
    qrels = read_qrels(path)
    named = {d for rel in qrels.values() for d in rel}
    if not named & doc_ids:
        raise DataFormatError(
            f"{path}: none of its {len(named)} corpus-ids is in corpus.jsonl (no overlap between qrels and corpus); "
            "are they from the same data set?"
        )


def load_for_adapt(folder: str | Path, val_fraction: float = 0.25, test_fraction: float = 0.3,
                   max_docs: int | None = None, max_val: int | None = None, max_test: int | None = None,
                   max_train_pairs: int | None = None, seed: int = 0) -> AdaptData:
    """Read ``folder`` (validated) and give each query one role; see the module doc. ``max_*`` cut for smoke runs."""
    data = _load(Path(folder).expanduser(), val_fraction, test_fraction, max_docs, max_val, max_test, max_train_pairs, seed)
    flags = {"--max-docs": max_docs, "--max-val-queries": max_val, "--max-test-queries": max_test,
             "--max-train-pairs": max_train_pairs}
    data.sizes = {k: v for k, v in flags.items() if v is not None}
    if val_fraction != 0.25:
        data.sizes["--val-fraction"] = val_fraction
    if seed:
        data.sizes["--seed"] = seed
    return data


def _load(folder: Path, val_fraction: float, test_fraction: float, max_docs: int | None, max_val: int | None,
          max_test: int | None, max_train_pairs: int | None, seed: int) -> AdaptData:
    if not folder.is_dir():
        raise DataFormatError(f"{folder} is not a folder; expected a BEIR folder with corpus.jsonl (and queries.jsonl, qrels/).")
    docs = read_jsonl(folder / "corpus.jsonl", ("_id", "text"))
    corpus = {d["_id"]: Document(d["_id"], str(d.get("title") or ""), d["text"]) for d in docs}
    splits = [s for s in available_splits(folder) if s in ("train", "dev", "test")]
    others = sorted(set(available_splits(folder)) - set(splits))
    if others and not splits:
        raise DataFormatError(f"{folder / 'qrels'} holds {others}; name the splits train.tsv, dev.tsv and test.tsv.")
    notes = []
    if not splits:
        return _pseudo_everything(folder, corpus, max_docs, max_val, max_test, max_train_pairs, seed)
    sets = {}
    with warnings.catch_warnings(record=True) as caught:  # judgements of unknown ids (NFCorpus, ArguAna): noted
        warnings.simplefilter("always")
        for s in splits:
            _check_overlap(folder, s, set(corpus))
            sets[s] = load_beir(folder, s)
    for w in caught:
        if issubclass(w.category, UserWarning):
            notes.append(str(w.message))
            print(f"note: {w.message}", file=sys.stderr)
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    full = {q: sets[s].queries[q] for s in sets for q in sets[s].queries}
    roles, train_ids = {}, sorted(sets["train"].queries) if "train" in sets else []
    if "test" in sets:
        test_ids, roles["test"] = sorted(sets["test"].queries), "qrels/test.tsv"
        test_src = sets["test"]
    else:
        train_ids, test_ids = _split(train_ids, test_fraction, seed)
        roles["test"], test_src = "split off qrels/train.tsv", sets["train"]
    if "dev" in sets:
        val_ids, roles["val"], val_src = sorted(sets["dev"].queries), "qrels/dev.tsv", sets["dev"]
    elif len(train_ids) >= 2 * MIN_QUERIES:
        train_ids, val_ids = _split(train_ids, val_fraction, seed + 1)
        roles["val"], val_src = "split off qrels/train.tsv", sets["train"]
    else:
        test_ids, val_ids = _split(test_ids, val_fraction, seed + 1)
        roles["val"], val_src = "split off the test queries", test_src
        roles["test"] += " (less the validation queries)"
    for role, ids in (("validation", val_ids), ("test", test_ids)):
        if len(ids) < MIN_QUERIES:
            raise DataFormatError(
                f"{folder}: only {len(ids)} {role} queries; add judged queries (at least {2 * MIN_QUERIES} in all)."
            )
    val_ids, test_ids = _cut(val_ids, max_val, seed), _cut(test_ids, max_test, seed)
    train_ids = _cut(train_ids, max_train_pairs, seed)
    judged = [val_src.qrels[q] for q in val_ids] + [test_src.qrels[q] for q in test_ids]
    judged += [sets["train"].qrels[q] for q in train_ids] if "train" in sets else []
    corpus = {d: corpus[d] for d in _keep_docs(corpus, judged, max_docs, seed)}
    if max_docs is not None and len(corpus) < len(docs):
        notes.append(f"smoke size: the corpus is cut to {len(corpus)} of {len(docs)} documents (scores run higher than on the whole)")
    pairs = [{"query": full[q].text, "positive": corpus[d].full_text}
             for q in train_ids for d, g in sets["train"].qrels[q].items() if g > 0 and d in corpus]
    labels = "labelled"
    if pairs:
        roles["train"] = f"qrels/train.tsv less the validation{' and test' if 'test' not in sets else ''} queries"
    else:
        pairs, report = _ict(list(corpus.values()), seed)
        labels = "labelled, pseudo training pairs"
        roles["train"] = f"pseudo-queries (inverse cloze, notebook 08): {report.summary()}"
        train_ids = []
    if max_train_pairs is not None and len(pairs) > max_train_pairs:
        pairs = random.Random(seed).sample(pairs, max_train_pairs)
    return AdaptData(folder.name, folder, corpus, _subset(val_src, val_ids, corpus, "validation"),
                     _subset(test_src, test_ids, corpus, "test"), pairs, labels, roles, notes, set(train_ids))


def _keep_docs(corpus: dict[str, Document], judged: list[dict[str, int]], max_docs: int | None, seed: int) -> list[str]:
    """Every judged document, plus random others up to ``max_docs`` (all when ``None``), in corpus order."""
    if max_docs is None or max_docs >= len(corpus):
        return list(corpus)
    must = {d for rel in judged for d in rel if d in corpus}
    others = sorted(set(corpus) - must)
    extra = set(random.Random(seed).sample(others, max(0, min(len(others), max_docs - len(must)))))
    return [d for d in corpus if d in must or d in extra]


def _ict(docs: list[Document], seed: int):
    from utils.training.pseudo_pairs import PseudoPairsError, ict_pairs

    try:
        return ict_pairs(docs, per_doc=1, seed=seed)
    except PseudoPairsError as exc:
        raise DataFormatError(f"no labelled queries and no pseudo-queries either: {exc}") from exc


def _pseudo_everything(folder: Path, corpus: dict[str, Document], max_docs: int | None, max_val: int | None,
                       max_test: int | None, max_train_pairs: int | None, seed: int) -> AdaptData:
    """Corpus only: one inverse-cloze pseudo-query per document, documents split into train, validation, test."""
    if max_docs is not None and max_docs < len(corpus):
        corpus = {d: corpus[d] for d in _keep_docs(corpus, [], max_docs, seed)}
    pairs, report = _ict(list(corpus.values()), seed)
    by_doc = {p["doc_id"]: p for p in pairs}
    rest, test_docs = _split(list(by_doc), 0.3, seed)
    train_docs, val_docs = _split(rest, 0.25, seed + 1)
    if len(train_docs) < 2:
        raise DataFormatError(f"{folder}: only {len(by_doc)} documents yield a pseudo-query; the tool needs at least 10.")
    val_docs, test_docs = _cut(val_docs, max_val, seed), _cut(test_docs, max_test, seed)

    def as_set(docs: list[str], name: str) -> RetrievalSet:
        queries = {f"pseudo-{d}": Query(f"pseudo-{d}", by_doc[d]["query"]) for d in docs}
        return RetrievalSet(name, "pseudo", corpus, queries, {f"pseudo-{d}": {d: 1} for d in docs})

    train = [{"query": by_doc[d]["query"], "positive": by_doc[d]["positive"]} for d in train_docs]
    if max_train_pairs is not None and len(train) > max_train_pairs:
        train = random.Random(seed).sample(train, max_train_pairs)
    how = f"inverse cloze (notebook 08): {report.summary()}"
    notes = ["no qrels: every query is a pseudo-query (a sentence of its own document), so every number here "
             "comes from pseudo-queries and is optimistic for real queries"]
    return AdaptData(folder.name, folder, corpus, as_set(val_docs, "validation"), as_set(test_docs, "test"), train,
                     "pseudo", {"train": how, "val": how, "test": how}, notes, set())
