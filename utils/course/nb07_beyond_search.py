"""Beyond search: clustering by business logic and matching pairs, scored with scikit-learn.

Introduced in notebook 07_beyond_search. Two tasks that are not search but run on the same vectors:

* **Clustering**: k-means with the true number of labels, over several seeds (k-means depends on its
  start), scored by V-measure and the adjusted Rand index against the labels; a TF-IDF baseline
  through the same k-means and a random-assignment baseline; which pairs of labels end up in the same
  clusters most often (:func:`confused_pairs`).
* **Matching**: the cosine of a pair's two vectors as its score; average precision; the F1-best
  threshold chosen on a train split and applied to test (:func:`fit_threshold`); what F1 a domain gets
  with another domain's threshold (:func:`threshold_transfer`); a breakdown by pair kind.

Qwen3-Embedding treats both as symmetric tasks: the instruction goes on *both* sides
(:func:`symmetric_texts`), as the Qwen team's evaluation does for clustering and STS.

The data it reads (the loaders at the end of this module): three kinds of file, all written by
the generators in ``data/_gen/`` and described in data/README.md:

- ``data/<domain>/<name>.tsv`` (``corpus-id<TAB><label>``, with that header): one label per
  document, for clustering (``data/finance/concepts.tsv``, ``data/legal/clause_families.tsv``);
- ``data/matching/pairs.jsonl``: labelled pairs of passages for matching (paraphrase and
  cross-reference positives, near-miss and unrelated negatives), split into train and test;
- ``data/<name>/queries.jsonl`` + ``qrels/test.tsv`` without a corpus: queries in one language
  over another folder's corpus (``data/medical_xling``: Chinese queries, English medical corpus).

Every loader validates what it reads and raises :class:`utils.data.beir.DataFormatError` naming the
file and line, as utils.data.beir does.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np

from utils.data.beir import (
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
from utils.paths import REPO_ROOT
from utils.serving.qwen3 import format_query

if TYPE_CHECKING:
    import pandas as pd
    from scipy.sparse import spmatrix

T = TypeVar("T")

#: Clustering task descriptions for Qwen3 (English, in the style of the "Identify the ..." prompts of
#: the Qwen team's clustering evaluation), written for this course. Put on both sides.
CLUSTER_TASKS: Mapping[str, str] = {
    "finance": "Identify the financial concept, such as liquidity, solvency, profitability or valuation, "
    "that a passage of financial reporting or analysis is about",
    "legal": "Identify the clause family, such as indemnity, termination or confidentiality, that a contract clause belongs to",
}

#: Matching task descriptions for Qwen3 (symmetric, like STS: on both texts of a pair), written for this course.
MATCH_TASKS: Mapping[str, str] = {
    "legal": "Retrieve contract clauses that have the same legal effect as the given clause",
    "medical": "Retrieve medical statements that say the same as the given statement",
    "finance": "Retrieve financial statements that say the same as the given statement",
}


def symmetric_texts(texts: Sequence[str], task: str | None) -> list[str]:
    """Every text as a Qwen3 query with ``task`` (``Instruct: {task}\\nQuery:{text}``): a symmetric task
    puts the instruction on both sides. ``task=None`` returns the texts unchanged (for models that are
    not instruction-tuned)."""
    return [format_query(t, task) for t in texts] if task else list(texts)


def stratified_sample(items: Sequence[T], key: Callable[[T], Hashable], per_group: int | None, seed: int = 0) -> list[T]:
    """At most ``per_group`` items of each group (``key(item)``), a fixed random sample, in the input
    order: a smoke-sized cut that keeps every label (and, for pairs, every domain, split and label).
    ``per_group=None`` keeps everything."""
    if per_group is None:
        return list(items)
    if per_group < 1:
        raise ValueError(f"per_group must be at least 1 (or None for everything), got {per_group}")
    groups: dict[Hashable, list[int]] = {}
    for i, item in enumerate(items):
        groups.setdefault(key(item), []).append(i)
    rng = random.Random(seed)
    keep = {i for idx in groups.values() for i in (rng.sample(idx, per_group) if len(idx) > per_group else idx)}
    return [item for i, item in enumerate(items) if i in keep]


# ------------------------------------------------------------------------------------------ clustering
@dataclass(frozen=True)
class ClusterScores:
    """V-measure and adjusted Rand index of one clustering method, one value per seed."""

    method: str
    v_measure: list[float]
    ari: list[float]
    assignments: list[list[int]] = field(repr=False, default_factory=list)

    @property
    def v_mean(self) -> float:
        return float(np.mean(self.v_measure))

    @property
    def ari_mean(self) -> float:
        return float(np.mean(self.ari))

    def summary(self) -> dict[str, float]:
        """Means and standard deviations over the seeds (what a table shows)."""
        return {"V-measure": self.v_mean, "V-measure sd": float(np.std(self.v_measure)),
                "ARI": self.ari_mean, "ARI sd": float(np.std(self.ari)), "seeds": len(self.v_measure)}

    def as_dict(self) -> dict[str, Any]:
        """For the results JSON: the per-seed values and their means (no assignments)."""
        d = asdict(self)
        d.pop("assignments")
        return {**d, "v_mean": self.v_mean, "ari_mean": self.ari_mean}


def _check_labels(labels: Sequence[str], n_rows: int) -> int:
    if len(labels) != n_rows:
        raise ValueError(f"{len(labels)} labels for {n_rows} rows: give one label per embedded text")
    k = len(set(labels))
    if k < 2:
        raise ValueError(f"need at least 2 distinct labels to cluster, got {k}")
    return k


def _score(method: str, labels: Sequence[str], assignments: list[np.ndarray]) -> ClusterScores:
    from sklearn.metrics import adjusted_rand_score, v_measure_score

    return ClusterScores(
        method,
        [float(v_measure_score(labels, a)) for a in assignments],
        [float(adjusted_rand_score(labels, a)) for a in assignments],
        [a.tolist() for a in assignments],
    )


def kmeans_scores(
    vectors: np.ndarray | spmatrix, labels: Sequence[str], seeds: Sequence[int] = (0, 1, 2, 3, 4),
    method: str = "embeddings", k: int | None = None,
) -> ClusterScores:
    """k-means (scikit-learn, ``k`` = the number of distinct labels unless given) once per seed, each
    scored by V-measure and ARI against ``labels``. Rows should be L2-normalised (then Euclidean
    k-means follows cosine similarity)."""
    from sklearn.cluster import KMeans

    k = k or _check_labels(labels, vectors.shape[0])
    if len(labels) != vectors.shape[0]:
        raise ValueError(f"{len(labels)} labels for {vectors.shape[0]} rows: give one label per embedded text")
    if not seeds:
        raise ValueError("give at least one seed")
    runs = [KMeans(n_clusters=k, n_init=1, random_state=s).fit_predict(vectors) for s in seeds]
    return _score(method, labels, runs)


def tfidf_vectors(texts: Sequence[str]) -> spmatrix:
    """The bag-of-words baseline: TF-IDF rows (English stop words, sublinear term frequency), L2-normalised."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(list(texts))


def random_scores(labels: Sequence[str], seeds: Sequence[int] = (0, 1, 2, 3, 4)) -> ClusterScores:
    """The chance baseline: each item put in one of k clusters uniformly at random, once per seed.
    V-measure is not chance-corrected, so this is above 0 (more so with few items per label); ARI is about 0."""
    k = _check_labels(labels, len(labels))
    return _score("random", labels, [np.random.default_rng(s).integers(0, k, len(labels)) for s in seeds])


def confused_pairs(labels: Sequence[str], scores: ClusterScores, top: int | None = None) -> pd.DataFrame:
    """Which two labels the clustering mixes most: for each pair of labels (a, b), the share of the
    (a-item, b-item) pairs that share a cluster, averaged over the seeds (0: always apart, 1: always
    together). From the contingency matrix (scikit-learn), most confused first."""
    import pandas as pd
    from sklearn.metrics.cluster import contingency_matrix

    classes = sorted(set(labels))
    if not scores.assignments:
        raise ValueError(f"{scores.method}: no assignments recorded")
    shares: dict[tuple[str, str], list[float]] = {p: [] for p in combinations(classes, 2)}
    sizes = {c: sum(1 for x in labels if x == c) for c in classes}
    for assignment in scores.assignments:
        table = contingency_matrix(labels, assignment)  # rows: classes in sorted order
        for (i, a), (j, b) in combinations(enumerate(classes), 2):
            shares[(a, b)].append(float(table[i] @ table[j]) / (sizes[a] * sizes[b]))
    rows = [{"label a": a, "label b": b, "pairs together": float(np.mean(v)),
             "items a": sizes[a], "items b": sizes[b]} for (a, b), v in shares.items()]
    frame = pd.DataFrame(rows).sort_values("pairs together", ascending=False, kind="stable").reset_index(drop=True)
    return frame.head(top) if top else frame


def cluster_verdict(name: str, emb: Mapping[str, float], tfidf: Mapping[str, float], rnd: Mapping[str, float],
                    tol: float) -> str:
    """One sentence on which clustering wins on V-measure: embeddings, TF-IDF, or no clear winner
    within ``tol``; each argument is a :meth:`ClusterScores.summary` (or a dict with ``V-measure``)."""
    e, t, r = emb["V-measure"], tfidf["V-measure"], rnd["V-measure"]
    gap = e - t
    if abs(gap) <= tol:
        who = f"embeddings and TF-IDF are within {tol:.2f} of each other"
    else:
        who = f"{'embeddings beat' if gap > 0 else 'TF-IDF beats'} {'TF-IDF' if gap > 0 else 'embeddings'} by {abs(gap):.3f}"
    return (f"{name}: V-measure embeddings {e:.3f}, TF-IDF {t:.3f}, random {r:.3f}: {who}; "
            f"embeddings are {e - r:+.3f} above random")


# ------------------------------------------------------------------------------------------- matching
def pair_cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cosine of row i of ``a`` with row i of ``b`` (rows re-normalised, so any scale is fine)."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"pair vectors differ in shape: {a.shape} vs {b.shape}")
    na, nb = np.linalg.norm(a, axis=1), np.linalg.norm(b, axis=1)
    if (na == 0).any() or (nb == 0).any():
        raise ValueError("a zero vector has no cosine: check the embedding of empty texts")
    return np.einsum("ij,ij->i", a, b) / (na * nb)


def _as_arrays(labels: Sequence[int], scores: Sequence[float]) -> tuple[np.ndarray, np.ndarray]:
    y, s = np.asarray(labels, dtype=int), np.asarray(scores, dtype=float)
    if y.shape != s.shape or y.ndim != 1:
        raise ValueError(f"labels {y.shape} and scores {s.shape} must be 1-D and of the same length")
    if not set(np.unique(y)) <= {0, 1}:
        raise ValueError("labels must be 0 or 1")
    return y, s


def average_precision(labels: Sequence[int], scores: Sequence[float]) -> float:
    """Average precision (scikit-learn): the area under precision-recall, ranking by score. A random
    ranking scores about the positive rate (:func:`base_rate`)."""
    from sklearn.metrics import average_precision_score

    y, s = _as_arrays(labels, scores)
    if y.sum() == 0:
        raise ValueError("average precision needs at least one positive pair")
    return float(average_precision_score(y, s))


def base_rate(labels: Sequence[int]) -> float:
    """Share of positives: what average precision a random ranking gets on average."""
    return float(np.mean(np.asarray(labels, dtype=int)))


def f1_at(labels: Sequence[int], scores: Sequence[float], threshold: float) -> float:
    """F1 of "a match when score >= threshold" (scikit-learn; 0 when nothing is predicted)."""
    from sklearn.metrics import f1_score

    y, s = _as_arrays(labels, scores)
    return float(f1_score(y, (s >= threshold).astype(int), zero_division=0))


def best_threshold(labels: Sequence[int], scores: Sequence[float]) -> tuple[float, float]:
    """The threshold with the best F1 on these pairs, and that F1. Candidates are the scores themselves
    (precision-recall curve); ties go to the higher threshold (fewer predicted matches)."""
    from sklearn.metrics import precision_recall_curve

    y, s = _as_arrays(labels, scores)
    if y.sum() == 0:
        raise ValueError("a threshold search needs at least one positive pair")
    precision, recall, thresholds = precision_recall_curve(y, s)
    p, r = precision[:-1], recall[:-1]  # the last point has no threshold
    f1 = np.divide(2 * p * r, p + r, out=np.zeros_like(p), where=(p + r) > 0)
    best = np.flatnonzero(f1 == f1.max())[-1]  # thresholds ascend: the last tie is the highest
    return float(thresholds[best]), float(f1[best])


@dataclass(frozen=True)
class MatchResult:
    """Matching in one domain: AP on test, the threshold chosen on train, F1 at it on train and test,
    and the test F1 of calling every pair a match (the baseline a threshold must beat)."""

    domain: str
    n_train: int
    n_test: int
    base_rate: float
    ap: float
    threshold: float
    f1_train: float
    f1_test: float
    f1_all_match: float

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def fit_threshold(domain: str, train: tuple[Sequence[int], Sequence[float]],
                  test: tuple[Sequence[int], Sequence[float]]) -> MatchResult:
    """Choose the F1-best threshold on ``train`` (labels, scores); report AP and F1 at it on ``test``."""
    threshold, f1_train = best_threshold(*train)
    return MatchResult(domain, len(train[0]), len(test[0]), base_rate(test[0]), average_precision(*test),
                       threshold, f1_train, f1_at(*test, threshold), f1_at(*test, -np.inf))


def auc_by_negative_kind(labels: Sequence[int], scores: Sequence[float], kinds: Sequence[str]) -> dict[str, float]:
    """For each kind of negative pair: the ROC AUC of the positives against those negatives alone, that
    is the chance that a random matching pair scores above a random negative of that kind (0.5: no
    better than a coin; below 0.5: that kind of negative looks *more* alike than the matches do)."""
    from sklearn.metrics import roc_auc_score

    y, s = _as_arrays(labels, scores)
    if len(kinds) != len(y):
        raise ValueError(f"{len(kinds)} kinds for {len(y)} pairs")
    k = np.asarray(kinds)
    if not (y == 1).any():
        raise ValueError("an AUC needs at least one positive pair")
    out = {}
    for kind in sorted(set(k[y == 0])):
        keep = (y == 1) | (k == kind)
        out[str(kind)] = float(roc_auc_score(y[keep], s[keep]))
    return out


def threshold_transfer(results: Mapping[str, MatchResult],
                       tests: Mapping[str, tuple[Sequence[int], Sequence[float]]]) -> pd.DataFrame:
    """Test F1 of each domain (columns) at each domain's train threshold (rows): the diagonal is the
    domain's own threshold, the rest is what reusing another domain's threshold costs."""
    import pandas as pd

    domains = list(results)
    return pd.DataFrame({d: {src: f1_at(*tests[d], results[src].threshold) for src in domains} for d in domains},
                        index=domains).rename_axis("threshold from")


def by_kind(labels: Sequence[int], scores: Sequence[float], kinds: Sequence[str], threshold: float) -> pd.DataFrame:
    """Per pair kind: how many pairs, their label, mean cosine, and the share judged correctly at
    ``threshold`` (a positive kind: found as a match; a negative kind: rejected)."""
    import pandas as pd

    y, s = _as_arrays(labels, scores)
    if len(kinds) != len(y):
        raise ValueError(f"{len(kinds)} kinds for {len(y)} pairs")
    frame = pd.DataFrame({"kind": list(kinds), "label": y, "cosine": s, "correct": (s >= threshold) == (y == 1)})
    out = frame.groupby("kind").agg(pairs=("label", "size"), label=("label", "mean"),
                                    mean_cosine=("cosine", "mean"), correct=("correct", "mean"))
    return out.rename(columns={"mean_cosine": "mean cosine", "correct": "share correct"})


# --------------------------------------------------------------------------- the data of notebook 07
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
    that utils.search.evaluate scores like any other. Every judged document must exist in that corpus."""
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
