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


# =========================================================================== notebook 07's bookkeeping
# The data the notebook reads, what each text is sent as, the tables, verdict sentences and plots. The
# measures above are the lesson; what follows puts them together for the notebook and its results test.
SMALL_N = 10  #: fewer pairs than this on one side of a comparison: the table marks it (an anecdote, not a rate)


def versions() -> str:
    """The versions that matter here, one line each."""
    import importlib.metadata as md

    out = []
    for pkg in ("openai", "numpy", "scikit-learn", "bm25s", "ir-measures"):
        try:
            out.append(f"  {pkg:<14} {md.version(pkg)}")
        except md.PackageNotFoundError:
            out.append(f"  {pkg:<14} MISSING: run `make setup`")
    return "\n".join(out)


@dataclass(frozen=True)
class ClusterSet:
    """Documents of one domain with one label each (a smoke cut keeps every label)."""

    domain: str
    ids: list[str]
    texts: list[str]
    labels: list[str]


CLUSTER_SETS = {"finance concepts": ("finance", "concepts"), "legal clause families": ("legal", "clause_families")}


def load_cluster_sets(per_label: int | None, seed: int = 0) -> dict[str, ClusterSet]:
    """The finance concepts and legal clause families, at most ``per_label`` documents per label."""
    from utils.data.beir import load_domain

    out = {}
    for name, (domain, file) in CLUSTER_SETS.items():
        labels = load_labels(domain, file)
        corpus = load_domain(domain, "test").corpus
        ids = stratified_sample(sorted(labels), key=labels.get, per_group=per_label, seed=seed)
        out[name] = ClusterSet(domain, ids, [corpus[i].full_text for i in ids], [labels[i] for i in ids])
    return out


@dataclass(frozen=True)
class CrossLingual:
    """Section 3's sets: Chinese queries over the English medical corpus and the same questions in English
    (``zh``, ``en``, sharing qrels), and, when shipped, English renderings of Chinese queries over the
    Chinese corpus and the Chinese queries themselves (``zh_rev``, ``zh_mono``)."""

    zh: RetrievalSet
    en: RetrievalSet
    zh_rev: RetrievalSet | None
    zh_mono: RetrievalSet | None

    def describe(self) -> str:
        rev = (f"{len(self.zh_rev.queries)} queries over {len(self.zh_rev.corpus)} Chinese documents" if self.zh_rev
               else "not shipped (data/medical_zh_xling is missing): section 3 measures Chinese -> English only")
        return (f"Chinese -> English: {len(self.zh.queries)} queries over {len(self.zh.corpus)} English medical "
                f"documents; English -> Chinese: {rev}")


def load_crosslingual_sets(n_queries: int | None, n_docs: int | None, seed: int = 0) -> CrossLingual:
    """Section 3's sets, cut to ``n_queries`` queries and ``n_docs`` documents (every judged document kept)."""
    from utils.data.beir import load_domain

    zh = load_crosslingual("medical_xling", "medical").subset(n_queries, seed=seed, n_docs=n_docs)
    source, en_queries = crosslingual_sources("medical_xling"), load_domain("medical", "test").queries
    # the same questions in English, keyed by the Chinese query ids so that both runs score the same qrels
    en = RetrievalSet("medical (English queries)", "test", zh.corpus,
                      {q: Query(q, en_queries[source[q]].text, en_queries[source[q]].tags) for q in zh.queries}, zh.qrels)
    zh_rev = zh_mono = None
    if (REPO_ROOT / "data" / "medical_zh_xling").is_dir():
        zh_rev = load_crosslingual("medical_zh_xling", "medical_zh").subset(n_queries, seed=seed, n_docs=n_docs)
        src, zh_queries = crosslingual_sources("medical_zh_xling"), load_domain("medical_zh", "test").queries
        zh_mono = RetrievalSet("medical_zh (Chinese queries)", "test", zh_rev.corpus,
                               {q: Query(q, zh_queries[src[q]].text) for q in zh_rev.queries}, zh_rev.qrels)
    return CrossLingual(zh, en, zh_rev, zh_mono)


def overview(clusters: Mapping[str, ClusterSet], pairs: Sequence[MatchPair]) -> pd.DataFrame:
    """Items, labels and the smallest label of every clustering and matching set (whole counts as integers)."""
    import pandas as pd

    rows = [{"set": n, "items": len(c.ids), "labels": len(set(c.labels)),
             "smallest label": int(pd.Series(c.labels).value_counts().min())} for n, c in clusters.items()]
    for d in DOMAINS:
        mine = [p.label for p in pairs if p.domain == d]
        if mine:
            rows.append({"set": f"matching: {d}", "items": len(mine), "labels": 2,
                         "smallest label": int(pd.Series(mine).value_counts().min())})
    return pd.DataFrame(rows).set_index("set").astype(int)


def model_inputs(clusters: Mapping[str, ClusterSet], pairs: Sequence[MatchPair], xl: CrossLingual,
                 qwen: bool) -> dict[str, list[str]]:
    """Every text the notebook embeds, by key, as it is sent: for Qwen3, clustering and matching texts carry their
    task's instruction on both sides (symmetric tasks) and every query the English medical task; documents get none.
    The CPU model is not instruction-tuned and gets every text as it is."""
    from utils.serving.instructions import task_for

    out = {f"cluster: {n}": symmetric_texts(c.texts, CLUSTER_TASKS[c.domain] if qwen else None) for n, c in clusters.items()}
    for d in DOMAINS:
        mine = [p for p in pairs if p.domain == d]
        for side in ("a", "b") if mine else ():
            out[f"match {side}: {d}"] = symmetric_texts([getattr(p, side) for p in mine], MATCH_TASKS[d] if qwen else None)
    task = task_for("medical") if qwen else None
    out |= {"zh -> en: en queries": symmetric_texts(xl.en.query_texts, task),
            "zh -> en: zh queries": symmetric_texts(xl.zh.query_texts, task), "zh -> en: documents": xl.zh.doc_texts}
    if xl.zh_rev is not None:
        out |= {"en -> zh: zh queries": symmetric_texts(xl.zh_mono.query_texts, task),
                "en -> zh: en queries": symmetric_texts(xl.zh_rev.query_texts, task), "en -> zh: documents": xl.zh_rev.doc_texts}
    return out


# --------------------------------------------------------------------------- clustering: tables, the adapter
def cluster_table(scores: Mapping[tuple[str, str], ClusterScores]) -> pd.DataFrame:
    """Means and sds over the seeds per (set, method); the seed count as a whole number."""
    import pandas as pd

    table = pd.DataFrame({k: s.summary() for k, s in scores.items()}).T
    table.index.names = ["set", "method"]
    return table.astype({"seeds": int})


def adapter_plan(finetuned: Any, domain: str, use_finetuned: bool, runs_dir: str | Path) -> tuple[str, str | None]:
    """Whether notebook 04's model for ``domain`` is measured, in words, and its folder (``None``: not measured)."""
    if not use_finetuned:
        return "not used: USE_FINETUNED is False", None
    if domain not in finetuned.models:
        return f"not measured: notebook 04 did not train {domain}", None
    if finetuned.kept_base[domain]:
        return f"not measured: notebook 04 kept the base model for {domain} (no adapter epoch beat it on validation)", None
    path = str(finetuned.model_path(runs_dir, domain))
    return f"measured: notebook 04's {domain} model ({path})", path


def training_positives(domain: str) -> set[str]:
    """The documents judged relevant for ``domain``'s train queries: notebook 04's training positives."""
    from utils.data.beir import load_domain

    return {doc for rel in load_domain(domain, "train").qrels.values() for doc, grade in rel.items() if grade > 0}


def adapter_comparison(name: str, base: np.ndarray, adapter: np.ndarray, cs: ClusterSet, seeds: Sequence[int],
                       tol: float) -> dict[str, Any]:
    """The base model and notebook 04's adapter, clustered on the documents of ``cs`` that were *not* the adapter's
    training positives (the same documents, the same k-means seeds), with the seed spread as the only noise."""
    seen = training_positives(cs.domain)
    keep = [i for i, doc in enumerate(cs.ids) if doc not in seen]
    labels = [cs.labels[i] for i in keep]
    b, a = kmeans_scores(base[keep], labels, seeds), kmeans_scores(adapter[keep], labels, seeds)
    return {"set": name, "documents": len(cs.ids), "unseen": len(keep), "seeds": len(seeds), "base": b.v_mean,
            "adapter": a.v_mean, "delta": a.v_mean - b.v_mean,
            "seed_sd": max(float(np.std(b.v_measure)), float(np.std(a.v_measure))), "tol": tol}


def adapter_line(c: Mapping[str, Any]) -> str:
    """The adapter-on-clustering sentence from :func:`adapter_comparison`'s numbers. "Beyond" the seed spread is
    all it can say: one sample of documents, no test across documents, so it never says "helps"."""
    spread = max(c["seed_sd"], c["tol"])
    where = (f"{c['set']}: on the {c['unseen']} of {c['documents']} documents that were never notebook 04's training "
             "positives (every corpus document may still have been a mined hard negative)")
    change = (f"V-measure base {c['base']:.3f} -> adapter {c['adapter']:.3f} ({c['delta']:+.3f}); the larger of the "
              f"k-means seed sd over {c['seeds']} seeds and TIE_TOL is {spread:.3f}")
    if abs(c["delta"]) <= spread:
        return f"{where}, {change}: no change beyond the seed spread"
    return (f"{where}, {change}: the adapter scores {'higher' if c['delta'] > 0 else 'lower'} by more than the seed "
            "spread, which is the only noise measured here (one sample of documents, no test across documents): a "
            "change on these documents, not evidence about clustering in general")


def clustering_verdicts(scores: Mapping[tuple[str, str], ClusterScores], confused: Mapping[str, pd.DataFrame],
                        adapter: Mapping[str, Mapping[str, Any]], status: Mapping[str, str], tol: float) -> list[str]:
    """Which representation clusters by the labels better, the most mixed pair of labels, and the adapter."""
    out = []
    for name in confused:
        summ = {m: scores[(name, m)].summary() for m in ("embeddings", "TF-IDF", "random")}
        out.append(cluster_verdict(name, summ["embeddings"], summ["TF-IDF"], summ["random"], tol))
        top = confused[name].iloc[0]
        out.append(f"{name}: the embeddings mix {top['label a']} and {top['label b']} most "
                   f"({top['pairs together']:.0%} of their document pairs share a cluster)")
        out.append(adapter_line(adapter[name]) if name in adapter else f"{name}: adapter {status[name]}")
    return out


# --------------------------------------------------------------------------- matching: tables and the whole-table verdict
def pair_split(pairs: Sequence[MatchPair], cos: Mapping[str, np.ndarray]) -> Callable[[str, str], tuple[list[int], np.ndarray]]:
    """``split_of(domain, split) -> (labels, cosines)`` of one domain's pairs in one split."""
    by_domain = {d: [p for p in pairs if p.domain == d] for d in cos}

    def split_of(domain: str, split: str) -> tuple[list[int], np.ndarray]:
        idx = [i for i, p in enumerate(by_domain[domain]) if p.split == split]
        return [by_domain[domain][i].label for i in idx], cos[domain][idx]

    return split_of


def match_table(match: Mapping[str, MatchResult]) -> pd.DataFrame:
    """One row per domain: pair counts as whole numbers, base rate, AP, threshold and F1s."""
    import pandas as pd

    return pd.DataFrame({d: r.as_dict() for d, r in match.items()}).T.drop(columns="domain").infer_objects()


def f1_difference_interval(labels: Sequence[int], scores: Sequence[float], t_a: float, t_b: float,
                           n_boot: int = 2000, seed: int = 0, level: float = 0.95) -> tuple[float, float]:
    """A paired bootstrap interval for F1 at ``t_a`` minus F1 at ``t_b`` on the same pairs (``-inf``: every pair a
    match): resample the pairs with replacement ``n_boot`` times. An interval that holds 0 names no winner."""
    y, s = _as_arrays(labels, scores)
    rng = np.random.default_rng(seed)
    diffs = []
    for _ in range(n_boot):
        i = rng.integers(0, len(y), len(y))
        if y[i].sum() == 0:
            continue  # no positive in the resample: F1 is undefined for both
        diffs.append(_f1(y[i], s[i] >= t_a) - _f1(y[i], s[i] >= t_b))
    lo, hi = np.quantile(diffs, [(1 - level) / 2, 1 - (1 - level) / 2]) if diffs else (0.0, 0.0)
    return float(lo), float(hi)


def _f1(y: np.ndarray, pred: np.ndarray) -> float:
    tp = int((pred & (y == 1)).sum())
    return 2 * tp / (int(pred.sum()) + int((y == 1).sum())) if tp else 0.0


def threshold_comparisons(match: Mapping[str, MatchResult], tests: Mapping[str, tuple[Sequence[int], np.ndarray]],
                          n_boot: int = 2000, seed: int = 0) -> dict[str, dict[str, dict[str, float]]]:
    """The whole transfer table with its noise: for each test domain (outer key) and each rule (inner key: another
    domain's threshold, or ``"all pairs a match"``), test F1 and its difference to the domain's own threshold
    with a paired bootstrap 95% interval; and the own threshold's F1 and test n."""
    out: dict[str, dict[str, dict[str, float]]] = {}
    for d, (y, s) in tests.items():
        own = match[d].threshold
        rules = {src: r.threshold for src, r in match.items() if src != d} | {"all pairs a match": -np.inf}
        out[d] = {"own": {"f1": f1_at(y, s, own), "n": len(y), "positives": int(sum(y)), "threshold": own}}
        for rule, t in rules.items():
            lo, hi = f1_difference_interval(y, s, t, own, n_boot, seed)
            f1 = f1_at(y, s, t)
            out[d][rule] = {"f1": f1, "delta": f1 - out[d]["own"]["f1"], "lo": lo, "hi": hi}
    return out


def threshold_table(comparisons: Mapping[str, Mapping[str, Mapping[str, float]]]) -> pd.DataFrame:
    """Rows (test domain, rule): test F1, the difference to the own threshold and its 95% interval."""
    import pandas as pd

    rows = {}
    for d, rules in comparisons.items():
        n = rules["own"]["n"]
        rows[(d, "own threshold")] = {"test pairs": n, "F1": rules["own"]["f1"], "Δ F1 vs own": 0.0,
                                      "95% interval": "", "verdict": ""}
        for rule, c in rules.items():
            if rule != "own":
                label = rule if rule == "all pairs a match" else f"{rule}'s threshold"
                rows[(d, label)] = {"test pairs": n, "F1": c["f1"], "Δ F1 vs own": c["delta"],
                                    "95% interval": f"[{c['lo']:+.3f}, {c['hi']:+.3f}]", "verdict": _side(c)}
    table = pd.DataFrame(rows).T
    table.index.names = ["test domain", "rule"]
    return table.astype({"test pairs": int, "F1": float, "Δ F1 vs own": float})


def _side(c: Mapping[str, float]) -> str:
    return "higher than own" if c["lo"] > 0 else "lower than own" if c["hi"] < 0 else "within noise"


def threshold_verdicts(comparisons: Mapping[str, Mapping[str, Mapping[str, float]]]) -> list[str]:
    """What the WHOLE transfer table says, with n: does a domain's own threshold beat the borrowed ones, and does a
    fitted threshold beat calling every pair a match? A difference whose bootstrap interval holds 0 names no winner."""
    n = ", ".join(f"{d} {r['own']['n']}" for d, r in comparisons.items())
    borrowed = {(src, d): c for d, rules in comparisons.items() for src, c in rules.items()
                if src not in ("own", "all pairs a match")}
    worse = [k for k, c in borrowed.items() if c["hi"] < 0]  # (source, test domain), in the table's order
    higher = [k for k, c in borrowed.items() if c["delta"] > 0]
    sig_higher = [k for k in higher if borrowed[k]["lo"] > 0]
    own_best = [d for d, rules in comparisons.items()
                if all(c["delta"] <= 0 for s, c in rules.items() if s not in ("own", "all pairs a match"))]
    parts = [f"thresholds across domains (test pairs: {n}): a domain's own threshold gives its best test F1 "
             f"(ties included) in {_list(own_best) or 'no domain'}"]
    if higher:
        parts.append("another domain's threshold scores higher on " + ", ".join(
            f"{d} ({src}'s: {comparisons[d][src]['f1']:.3f} vs own {comparisons[d]['own']['f1']:.3f})"
            for src, d in higher))
    if worse:
        parts.append("borrowing is worse beyond the bootstrap noise for " + ", ".join(f"{src}'s threshold on {d}"
                                                                                     for src, d in worse))
    if worse and not higher:
        end = "thresholds do not travel between these domains: choose the threshold per domain"
    elif not worse:
        end = ("no borrowed threshold is worse beyond the bootstrap noise: these pairs do not show that the threshold "
               "must be chosen per domain")
    else:
        end = ("mixed: some borrowed thresholds are worse beyond noise, others score higher"
               + (" beyond noise" if sig_higher else " (within noise)") + ": a per-domain threshold is not reliably "
               "better on these pairs")
    lines = ["; ".join(parts) + f": {end}"]
    verdict = {d: _side(rules["all pairs a match"]) for d, rules in comparisons.items()}
    beats = [d for d, v in verdict.items() if v == "lower than own"]
    loses = [d for d, v in verdict.items() if v == "higher than own"]
    ties = [d for d, v in verdict.items() if v == "within noise"]
    detail = "; ".join(f"{d} {rules['own']['f1']:.3f} vs {rules['all pairs a match']['f1']:.3f}"
                       for d, rules in comparisons.items())
    lines.append(f"a fitted threshold against calling every pair a match (test F1, fitted vs all: {detail}): the "
                 f"fitted threshold is better beyond the bootstrap noise in {len(beats)} of {len(verdict)} domains "
                 f"({_list(beats) or 'none'}), within noise in {_list(ties) or 'none'}, worse in {_list(loses) or 'none'}")
    return lines


def _list(items: Sequence[str]) -> str:
    return ", ".join(items)


def kinds_table(pairs: Sequence[MatchPair], cos: Mapping[str, np.ndarray], match: Mapping[str, MatchResult]) -> pd.DataFrame:
    """Per domain and kind of pair (test split, at the domain's own threshold): pairs and label as whole numbers,
    mean cosine, share judged correctly."""
    import pandas as pd

    split_of = pair_split(pairs, cos)
    frames = {}
    for d in cos:
        kinds = [p.kind for p in pairs if p.domain == d and p.split == "test"]
        frames[d] = by_kind(*split_of(d, "test"), kinds, match[d].threshold)
    return pd.concat(frames, names=["domain"]).astype({"pairs": int, "label": int})


def auc_table(pairs: Sequence[MatchPair], cos: Mapping[str, np.ndarray]) -> pd.DataFrame:
    """Per domain and kind of negative: the AUC of the matching pairs against that kind alone (both splits: no
    threshold is fitted), with how many pairs it rests on; fewer than :data:`SMALL_N` on a side is marked."""
    import pandas as pd

    rows = {}
    for d in cos:
        mine = [p for p in pairs if p.domain == d]
        auc = auc_by_negative_kind([p.label for p in mine], cos[d], [p.kind for p in mine])
        n_pos = sum(p.label for p in mine)
        for kind, value in auc.items():
            n_neg = sum(p.kind == kind for p in mine)
            small = min(n_pos, n_neg) < SMALL_N
            rows[(d, kind)] = {"AUC": value, "matching pairs": n_pos, "negatives": n_neg,
                               "n": f"< {SMALL_N}: an anecdote" if small else ""}
    table = pd.DataFrame(rows).T
    table.index.names = ["domain", "negative kind"]
    return table.astype({"AUC": float, "matching pairs": int, "negatives": int})


def matching_verdicts(match: Mapping[str, MatchResult], comparisons: Mapping[str, Mapping[str, Mapping[str, float]]],
                      auc: pd.DataFrame, tol: float) -> list[str]:
    """Per domain AP and F1; the whole-table threshold verdicts; per domain how hard near misses are (with n)."""
    out = []
    for d, r in match.items():
        below = ": below chance, the ranking puts non-matches first" if r.ap < r.base_rate else ""
        out.append(f"matching {d}: average precision {r.ap:.3f} against a base rate of {r.base_rate:.3f} "
                   f"({r.ap - r.base_rate:+.3f}{below}); F1 {r.f1_train:.3f} on {r.n_train} train pairs -> "
                   f"{r.f1_test:.3f} on {r.n_test} test pairs at threshold {r.threshold:.3f}")
    out += threshold_verdicts(comparisons)
    for d in match:
        if (d, "near_miss") in auc.index and (d, "unrelated") in auc.index:
            u, nm = auc.loc[(d, "unrelated")], auc.loc[(d, "near_miss")]
            why = ("near misses are no harder than unrelated pairs here" if u["AUC"] - nm["AUC"] <= tol else
                   "near misses are the hard part" + (", and below a coin toss the model finds them more alike than "
                                                      "the matches" if nm["AUC"] < 0.5 else ""))
            small = " (fewer than 10 pairs on a side: an anecdote)" if min(u["negatives"], nm["negatives"],
                                                                            u["matching pairs"]) < SMALL_N else ""
            out.append(f"matching {d}: a matching pair outscores an unrelated pair {u['AUC']:.0%} of the time "
                       f"({u['matching pairs']} matches, {u['negatives']} unrelated), a near miss {nm['AUC']:.0%} of the "
                       f"time ({nm['negatives']} near misses){small}: {why}")
    return out


# --------------------------------------------------------------------------- cross-lingual verdicts
def crosslingual_verdicts(xling: pd.DataFrame, comparisons: Mapping[str, Any], kept: Mapping[str, float],
                          model_kind: str, collapse: float) -> list[str]:
    """How much of its English nDCG@10 each system keeps with Chinese queries, and what to do about it."""
    out = []
    for system, c in comparisons.items():
        en, zh = xling.loc[(system, "English queries"), "nDCG@10"], xling.loc[(system, "Chinese queries"), "nDCG@10"]
        sig = f"a significant loss (p = {c.p_value:.2g})" if c.significant and c.delta < 0 else f"not a significant loss (p = {c.p_value:.2g})"
        out.append(f"{system}: Chinese queries keep {kept[system]:.0%} of English nDCG@10 ({zh:.3f} vs {en:.3f}; {sig})")
    if kept["dense"] < collapse:
        out.append(f"the {model_kind} does not carry Chinese questions to English answers. Without a multilingual model, "
                   f"translate the questions to English first (a machine-translation model or service): the English row "
                   f"({xling.loc[('dense', 'English queries'), 'nDCG@10']:.3f}) is what a perfect translation would "
                   "reach, and a real one should land between the two rows (not measured here)")
    else:
        out.append(f"the {model_kind} carries Chinese questions to English answers: it keeps {kept['dense']:.0%} "
                   f"of its monolingual nDCG@10, where BM25 keeps {kept['BM25']:.0%}")
    return out


# --------------------------------------------------------------------------- plots
_MARKERS = "os^Dv<>PXph*"


def style(i: int) -> dict[str, Any]:
    """Colour and marker of the ``i``-th label: ten colours times twelve markers, so that no two of up to 120 labels
    share both, and labels ten apart (same colour) differ in marker."""
    import matplotlib.pyplot as plt

    return {"color": plt.cm.tab10(i % 10), "marker": _MARKERS[(i + i // 10) % len(_MARKERS)]}


def plot_projections(clusters: Mapping[str, ClusterSet], vectors: Mapping[str, np.ndarray]) -> Any:
    """The first two principal components of each set's embeddings and TF-IDF vectors, one style per label."""
    import matplotlib.pyplot as plt
    from sklearn.decomposition import PCA

    fig, axes = plt.subplots(len(clusters), 2, figsize=(11.5, 4.6 * len(clusters)), squeeze=False)
    for row, (name, cs) in zip(axes, clusters.items(), strict=True):
        names = sorted(set(cs.labels))
        for ax, (title, x) in zip(row, [("embeddings", vectors[name]), ("TF-IDF", tfidf_vectors(cs.texts).toarray())],
                                  strict=True):
            xy = PCA(n_components=2, random_state=0).fit_transform(x)
            for i, lab in enumerate(names):
                m = np.array(cs.labels) == lab
                ax.scatter(xy[m, 0], xy[m, 1], s=22, label=lab, alpha=0.85, **style(i))
            ax.set(title=f"{name}: {title} (PCA)", xticks=[], yticks=[])
        row[1].legend(fontsize=7.5, loc="center left", bbox_to_anchor=(1.0, 0.5))
    fig.tight_layout()
    return fig


def plot_pair_histograms(pairs: Sequence[MatchPair], cos: Mapping[str, np.ndarray], match: Mapping[str, MatchResult]) -> Any:
    """Test-pair cosines per kind (one colour per kind in every panel, the same bins), the train threshold dashed;
    the count axis in whole pairs."""
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    kinds = sorted({p.kind for p in pairs})
    colour = {k: plt.cm.tab10(i) for i, k in enumerate(kinds)}
    bins = np.linspace(min(c.min() for c in cos.values()), 1.0, 25)
    fig, axes = plt.subplots(1, len(cos), figsize=(4.2 * len(cos), 3.4), sharey=True, squeeze=False)
    for ax, d in zip(axes[0], cos, strict=True):
        mine = [p for p in pairs if p.domain == d]
        for kind in kinds:
            values = [cos[d][i] for i, p in enumerate(mine) if p.split == "test" and p.kind == kind]
            if values:
                ax.hist(values, bins=bins, histtype="step", lw=1.8, color=colour[kind], label=kind)
        ax.axvline(match[d].threshold, color="black", lw=1, ls="--")
        ax.set(title=f"{d}: test pairs (dashed: train threshold)", xlabel="cosine")
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes[0][0].set_ylabel("pairs")
    fig.legend([plt.Line2D([0], [0], color=colour[k], lw=1.8) for k in kinds], kinds, loc="center left",
               bbox_to_anchor=(1.0, 0.5), fontsize=8)
    fig.tight_layout()
    return fig


# --------------------------------------------------------------------------- the results record
def results_record(
    settings: Any, seeds: Sequence[int], tie_tol: float, clusters: Mapping[str, ClusterSet],
    scores: Mapping[tuple[str, str], ClusterScores], confused: Mapping[str, pd.DataFrame],
    adapter: Mapping[str, Mapping[str, Any]], adapter_status: Mapping[str, str], match: Mapping[str, MatchResult],
    threshold_cmp: Mapping[str, Any], kinds: pd.DataFrame, auc: pd.DataFrame, xl: CrossLingual, xling: pd.DataFrame,
    xcmp: Mapping[str, Any], kept: Mapping[str, float], reverse: pd.DataFrame | None, verdict_lines: Sequence[str],
    checks: Any, sanity: Any,
) -> dict[str, Any]:
    """Notebook 07's key results for its JSON file (read by tests/test_nb_07_beyond_search.py)."""
    from utils.serving.instructions import task_for

    qwen = settings.is_qwen3
    return {
        "mode": settings.mode, "model": settings.model_name, "smoke": settings.smoke, "is_qwen3": qwen,
        "instructions": {"clustering": dict(CLUSTER_TASKS) if qwen else None,
                         "matching": dict(MATCH_TASKS) if qwen else None,
                         "cross_lingual": task_for("medical") if qwen else None},
        "seeds": list(seeds), "tie_tol": tie_tol,
        "clustering": {name: {m: s.as_dict() | {"summary": s.summary()} for (n, m), s in scores.items() if n == name}
                       for name in clusters},
        "cluster_sizes": {name: {"items": len(c.ids), "labels": len(set(c.labels))} for name, c in clusters.items()},
        "confused_pairs": {name: t.to_dict(orient="records") for name, t in confused.items()},
        "adapter": dict(adapter_status), "adapter_comparison": {k: dict(v) for k, v in adapter.items()},
        "matching": {d: r.as_dict() for d, r in match.items()},
        "threshold_comparisons": {d: dict(v) for d, v in threshold_cmp.items()},
        "threshold_transfer": {src: {d: (threshold_cmp[d]["own"]["f1"] if src == d else threshold_cmp[d][src]["f1"])
                                     for d in threshold_cmp} for src in threshold_cmp},
        "matching_by_kind": {d: kinds.loc[d].to_dict(orient="index") for d in dict.fromkeys(kinds.index.get_level_values(0))},
        "matching_auc": {d: {kind: auc.loc[(d, kind)].to_dict() for kind in auc.loc[d].index}
                         for d in dict.fromkeys(auc.index.get_level_values(0))},
        "cross_lingual": {"n_queries": len(xl.zh.queries), "n_docs": len(xl.zh.corpus),
                          "metrics": {f"{s} / {q}": row for (s, q), row in xling.to_dict(orient="index").items()},
                          "kept": dict(kept), "comparison": {s: c.as_dict() for s, c in xcmp.items()},
                          "reverse": None if reverse is None else
                          {f"{s} / {q}": row for (s, q), row in reverse.to_dict(orient="index").items()}},
        "verdicts": list(verdict_lines), "lesson_checks": checks.as_dicts(), "sanity_checks": sanity.as_dicts(),
    }


def reverse_direction(xl: CrossLingual, vecs: Mapping[str, np.ndarray], settings: Any) -> tuple[pd.DataFrame | None, str]:
    """English renderings of Chinese medical queries over the Chinese corpus, against the Chinese queries
    themselves, dense and BM25 (no lesson is asserted on it): the table and its sentence."""
    import pandas as pd

    from utils.search.evaluate import bm25_run, evaluate_run, search_dense

    if xl.zh_rev is None:
        return None, "data/medical_zh_xling is not shipped: no reverse direction measured"
    mono, rev, docs = xl.zh_mono, xl.zh_rev, vecs["en -> zh: documents"]
    runs = {("dense", "Chinese queries (monolingual)"): search_dense(vecs["en -> zh: zh queries"], docs, mono.query_ids,
                                                                     mono.doc_ids),
            ("dense", "English queries"): search_dense(vecs["en -> zh: en queries"], docs, rev.query_ids, rev.doc_ids),
            ("BM25", "Chinese queries (monolingual)"): bm25_run(mono), ("BM25", "English queries"): bm25_run(rev)}
    table = pd.DataFrame({k: evaluate_run(rev.qrels, run) for k, run in runs.items()}).T
    table.index.names = ["system", "queries"]
    r_en, r_zh = table.loc[("dense", "English queries"), "nDCG@10"], table.loc[("dense", "Chinese queries (monolingual)"), "nDCG@10"]
    weak = "" if settings.is_qwen3 else f" ({settings.model_name} is English-only: even the monolingual Chinese row is a weak baseline)"
    return table, (f"English -> Chinese, dense: English queries reach nDCG@10 {r_en:.3f} on the Chinese corpus, "
                   f"the Chinese queries themselves {r_zh:.3f}{weak}")
