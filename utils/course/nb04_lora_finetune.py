"""Notebook 04's course code: the recipe's configuration, scoring a model folder, and the bookkeeping.

Introduced in notebook 04_lora_finetune; notebook 08_pseudo_queries imports :func:`config_for` and
:func:`score_model` from here (one home for both). The notebook keeps what the lesson teaches in its
cells (the LoRA knobs, the training call, the merge check, serving the merged folder); this module
builds the tables, the verdict sentences (each printed from the run's numbers), the plots and the
record handed on to notebook 05.

* :func:`config_for` is the recipe of both notebooks: a ``FinetuneConfig`` from the notebook's knobs;
* :func:`score_model` scores one model folder in-process on every evaluation set, at each width;
* :func:`validation_query_ids` names the train-split queries ``split_pairs`` held out of training;
* :func:`targets_verdict` and :func:`tag_table` name no winner inside the noise and mark small n.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np

from utils.data.beir import PHENOMENA, RetrievalSet
from utils.search.evaluate import METRIC_LABELS, Comparison, by_tag, cached_embed, compare, evaluate_at_dims
from utils.serving.device import best_dtype
from utils.serving.encoders import load_encoder
from utils.training.config import FinetuneConfig, FinetuneResult, split_pairs

if TYPE_CHECKING:
    import pandas as pd

T = TypeVar("T")

#: A per-tag (or per-group) mean over fewer queries than this is marked: read it as an anecdote.
SMALL_N = 10

#: Scores of one model: {set name: {width (None = full): (means, run, per-query table)}}.
Scores = dict[str, dict[int | None, tuple[dict[str, float], Any, Any]]]


# --------------------------------------------------------------------------- recipe and scoring
def quiet_setup() -> None:
    """Notebooks 04 and 08's output settings: whole table cells in saved text outputs, no FutureWarning or
    warmup notices, no weight-loading progress bars (the training progress bar stays)."""
    import warnings

    import pandas as pd
    import transformers

    pd.set_option("display.max_colwidth", 110)
    pd.set_option("display.width", 200)
    warnings.filterwarnings("ignore", category=FutureWarning)
    warnings.filterwarnings("ignore", message=".*warmup.*")
    transformers.utils.logging.disable_progress_bar()


def config_for(query_task: str | None, **knobs: Any) -> FinetuneConfig:
    """The fine-tuning recipe of notebooks 04 and 08: ``FinetuneConfig(**knobs)`` with the query
    instruction of the domain (``None`` for a model without instructions) and the progress bar on."""
    return FinetuneConfig(**{"progress": True, **knobs, "query_task": query_task})


def score_model(
    model_path: str,
    eval_sets: Mapping[str, RetrievalSet],
    tasks: Mapping[str, str | None],
    small_dims: Sequence[int] = (),
    device: str = "cpu",
    memo: dict[str, np.ndarray] | None = None,
) -> tuple[Scores, int]:
    """Every evaluation set scored by one model folder, in-process: ({set: {width: (means, run, table)}},
    native width).

    Widths: ``None`` (full) and each of ``small_dims`` below the native width (truncate, re-normalise).
    ``tasks`` gives each set's query instruction (a set not named there gets none). Each distinct text is
    embedded once per model (:func:`utils.search.evaluate.cached_embed`): the general probe's distractors
    are the domain documents already embedded. The loader is the CPU server's (notebook 04, section 2).
    ``memo`` (text -> vector, for this model only) seeds that cache and receives the new vectors: notebook
    04 saves the base model's (:func:`save_base_vectors`) and notebook 08 starts from them.
    """
    import torch

    enc = load_encoder(model_path, device=device, dtype=best_dtype(device))
    widths = [None] + [d for d in small_dims if d < enc.dim]
    embed = cached_embed(partial(enc.encode, truncate=True), memo)
    out = {name: evaluate_at_dims(rs, embed, widths, tasks.get(name)) for name, rs in eval_sets.items()}
    dim = enc.dim
    del enc, embed
    if device == "cuda":
        torch.cuda.empty_cache()  # leave the GPU memory to training
    return out, dim


BASE_VECTORS = "04_base_vectors.npz"  # under <runs>/cache/


def save_base_vectors(memo: Mapping[str, np.ndarray], runs_dir: Path, model_path: str, device: str,
                      report: dict) -> None:
    """Keep the base model's vectors (text -> vector) for notebook 08, which scores the same base model on
    the same test sets and general probe: ``<runs>/cache/04_base_vectors.npz``, described in ``report``
    (``base_vectors``: the file, the model folder and device they were computed with, the count)."""
    path = Path(runs_dir) / "cache" / BASE_VECTORS
    path.parent.mkdir(parents=True, exist_ok=True)
    texts = list(memo)
    np.savez(path, texts=np.array(texts, dtype=str), vectors=np.stack([memo[t] for t in texts]))
    report["base_vectors"] = {"file": str(path), "model_path": str(model_path), "device": device, "n": len(texts)}


def load_base_vectors(runs_dir: Path, model_path: str, device: str) -> tuple[dict[str, np.ndarray], str]:
    """Notebook 04's base-model vectors when its results say they were computed with this model folder on
    this device (else an empty memo), and a sentence saying which."""
    from utils.course.results import load_results

    none = "no base-model vectors from notebook 04 for this model and device: the base is embedded here"
    try:
        info = load_results(runs_dir, "04_lora_finetune").get("base_vectors") or {}
    except FileNotFoundError:
        info = {}
    except (OSError, ValueError, AttributeError) as exc:  # 04's results unreadable: a cache missed, not an error
        return {}, f"notebook 04's results could not be read ({type(exc).__name__}): the base is embedded here"
    path = Path(info.get("file", ""))
    if not info or (info.get("model_path"), info.get("device")) != (str(model_path), device) or not path.is_file():
        return {}, none
    try:
        with np.load(path) as data:
            memo = dict(zip(data["texts"].tolist(), data["vectors"], strict=True))
    except (OSError, ValueError, KeyError) as exc:
        return {}, f"notebook 04's base-model vectors in {path} could not be read ({exc}): the base is embedded here"
    return memo, (f"reusing notebook 04's {len(memo)} base-model vectors (same model folder, same device): "
                  "only texts it did not embed are embedded here")


def whole(x: float) -> float | int:
    """A count (of epochs, queries) as an int when it is whole: 3, not 3.0."""
    return int(x) if float(x).is_integer() else x


def sample_pairs(rows: list[T], n: int | None, seed: int) -> list[T]:
    """At most ``n`` of ``rows`` (a seeded sample, in their original order); all of them when ``n`` is None.

    Pairs, or documents (the smoke run's training corpus)."""
    if not n or len(rows) <= n:
        return rows
    return [rows[i] for i in sorted(np.random.default_rng(seed).choice(len(rows), n, replace=False))]


def validation_query_ids(
    train_set: RetrievalSet, pairs: Sequence[dict[str, str]], result: FinetuneResult
) -> list[str]:
    """The ids (in ``train_set``) of the queries ``ft.finetune`` held out for validation.

    ``pairs`` are the pairs given to ``ft.finetune`` and ``result`` its ``FinetuneResult``: the split is
    redone with the result's own ``val_fraction`` and ``seed`` (``split_pairs`` is deterministic), and
    the count is checked against the result's ``n_val_queries``, so a mismatch fails here rather than
    silently handing on training queries.
    """
    _, val = split_pairs(pairs, result.config["val_fraction"], result.config["seed"])
    texts = {p["query"] for p in val}
    ids = [qid for qid, q in train_set.queries.items() if q.text in texts]
    if len({train_set.queries[q].text for q in ids}) != len(texts) or len(texts) != result.n_val_queries:
        raise ValueError(
            f"{train_set.name}: the validation split does not match the training run "
            f"({len(texts)} queries redone, {result.n_val_queries} in the run, {len(ids)} ids found); "
            "pass the same pairs that ft.finetune was given."
        )
    return ids


# --------------------------------------------------------------------------- section 1-2: data and base
def data_table(
    train_sets: Mapping[str, RetrievalSet], pairs: Mapping[str, list], test_sets: Mapping[str, RetrievalSet]
) -> pd.DataFrame:
    """Per domain: train queries, training pairs used, test queries, documents (test ones: maybe cut)."""
    import pandas as pd

    rows = {
        d: {
            "train queries": len(rs.queries),
            "training pairs used": len(pairs.get(d, [])),
            "test queries": len(test_sets[d].queries) if d in test_sets else pd.NA,
            "documents": len(rs.corpus),
            "test documents": len(test_sets[d].corpus) if d in test_sets else pd.NA,
        }
        for d, rs in train_sets.items()
    }
    return pd.DataFrame.from_dict(rows, orient="index").astype("Int64")


def base_summary(
    base_eval: Scores, general: RetrievalSet, dims: Sequence[int | None], native_dim: int, report: dict
) -> pd.DataFrame:
    """Print what the base was scored on, record the general probe in ``report``; the base's table."""
    import pandas as pd

    n_near = sum(len(v) for v in general.hard_negatives.values())
    n_distract = len(general.corpus) - len(general.queries) - n_near
    base_general = base_eval["general"][None][0]
    print(f"base model scored on {len(base_eval)} sets at widths {[d or native_dim for d in dims]}")
    print(f"general probe: {len(general.queries)} everyday questions, {len(general.corpus)} documents "
          f"({n_near} near misses, {n_distract} domain distractors); the base scores nDCG@10 "
          f"{base_general['nDCG@10']:.4f}, RR@10 {base_general['RR@10']:.4f}: room to fall")
    report |= {"native_dim": native_dim, "small_dims": [d for d in dims if d],
               "general_probe": {"queries": len(general.queries), "documents": len(general.corpus),
                                 "near_misses": n_near, "distractors": n_distract,
                                 "base_ndcg": base_general["nDCG@10"]}}
    table = {name: {f"nDCG@10 @{d or native_dim}": r[d][0]["nDCG@10"] for d in dims} for name, r in base_eval.items()}
    return pd.DataFrame(table).T.round(4)


# --------------------------------------------------------------------------- section 4: training
def examples_table(results: Mapping[str, FinetuneResult], width: int = 110) -> pd.DataFrame:
    """One training triplet per domain (query, positive, mined negative), texts cut at ``width``."""
    import pandas as pd

    def cut(v: str) -> str:
        return v[:width] + ("..." if len(v) > width else "")

    rows = [{"domain": d, **{k: cut(v) for k, v in r.examples[0].items()}} for d, r in results.items()]
    return pd.DataFrame(rows).set_index("domain")


def training_table(results: Mapping[str, FinetuneResult], device: str, report: dict) -> pd.DataFrame:
    """Print the guard's decision per domain and the training speed; record them; the table."""
    import pandas as pd

    rows = {
        d: {"train pairs": r.n_train_pairs, "val queries": r.n_val_queries, "mined negatives": r.n_mined_negatives,
            "val nDCG@10 base": round(r.base_val_ndcg, 4), "val nDCG@10 best": round(r.best_val_ndcg, 4),
            "best epoch": whole(r.best_epoch), "kept base": r.kept_base, "train s": round(r.train_seconds, 1),
            "pairs/s": round(r.pairs_per_s, 1), "trainable %": round(100 * r.trainable_params / r.total_params, 2)}
        for d, r in results.items()
    }
    for d, r in results.items():
        print(f"{d}: {r.decision}")
    pairs_per_s = float(np.mean([r.pairs_per_s for r in results.values()]))
    print(f"training speed: {pairs_per_s:.1f} pairs/s on {device} (mean over domains; a pair = query + positive + negative)")
    if any(r.dropout_masks == "numpy" for r in results.values()):  # utils/training/dropout.py says why
        print("dropout masks drawn by numpy: torch's own are a one-element-at-a-time loop on this CPU (not Intel's); "
              "python -m utils.training.dropout measures the difference")
    report |= {"domains": list(results), "pairs_per_s": pairs_per_s,
               "best_epoch": {d: r.best_epoch for d, r in results.items()},
               "training": {d: {k: v for k, v in r.as_dict().items() if k not in ("loss_history", "examples")}
                            for d, r in results.items()}}
    return pd.DataFrame.from_dict(rows, orient="index")


def plot_curves(results: Mapping[str, FinetuneResult], matryoshka: bool) -> None:
    """Training loss per step and validation nDCG@10 per epoch (epoch 0: the base), one line per domain."""
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(11, 3.5))
    for d, r in results.items():
        axes[0].plot([h["epoch"] for h in r.loss_history], [h["loss"] for h in r.loss_history], label=d)
        axes[1].plot([h["epoch"] for h in r.val_history], [h["nDCG@10"] for h in r.val_history], marker="o", label=d)
    loss_label = "training loss" + (" (sum over Matryoshka widths)" if matryoshka else "")
    axes[0].set(xlabel="epoch", ylabel=loss_label, title="InfoNCE loss per step")
    axes[1].set(xlabel="epoch (0 = base model)", ylabel="validation nDCG@10", title="held-out training queries")
    for ax in axes:
        ax.legend()
    plt.tight_layout()
    plt.show()


# --------------------------------------------------------------------------- section 5: test
def test_tables(
    base_eval: Scores, ft_eval: Mapping[str, Scores], results: Mapping[str, FinetuneResult],
    test_sets: Mapping[str, RetrievalSet], dims: Sequence[int | None], native_dim: int, report: dict,
) -> tuple[pd.DataFrame, dict[str, Comparison]]:
    """Base against fine-tuned on the test queries: the metric table (long form) and a paired test per
    domain at full and at the smallest width (``"{domain}@{width}"``); both recorded in ``report``."""
    import pandas as pd

    rows, comparisons = [], {}
    for d in results:
        for dim in dims:
            base_m, ft_m = base_eval[d][dim][0], ft_eval[d][d][dim][0]
            for m in ("nDCG@10", "R@10", "RR@10"):
                rows.append({"domain": d, "width": dim or native_dim, "metric": METRIC_LABELS[m],
                             "base": base_m[m], "fine-tuned": ft_m[m]})
        for dim in (None, dims[-1]):
            comparisons[f"{d}@{dim or native_dim}"] = compare(
                test_sets[d].qrels, base_eval[d][dim][1], ft_eval[d][d][dim][1], "nDCG@10")
    table = pd.DataFrame(rows)
    table["delta"] = table["fine-tuned"] - table["base"]
    report["metrics"] = {d: {str(dim or native_dim): {"base": base_eval[d][dim][0], "finetuned": ft_eval[d][d][dim][0]}
                             for dim in dims} for d in results}
    report["scored_in_process"] = True  # base and fine-tuned: the same in-process path (sections 2 and 5)
    report["comparisons"] = {k: c.as_dict() for k, c in comparisons.items()}
    return table, comparisons


def comparisons_table(comparisons: Mapping[str, Comparison]) -> pd.DataFrame:
    """Wins, losses, ties, delta, p and significance per comparison (whole counts as integers)."""
    import pandas as pd

    rows = {k: {"queries": c.wins + c.losses + c.ties, "wins": c.wins, "losses": c.losses, "ties": c.ties,
                "delta": round(c.delta, 4), "p": round(c.p_value, 4), "significant": c.significant}
            for k, c in comparisons.items()}
    return pd.DataFrame.from_dict(rows, orient="index")


def tag_table(
    base_eval: Scores, ft_eval: Mapping[str, Scores], results: Mapping[str, FinetuneResult],
    test_sets: Mapping[str, RetrievalSet], report: dict,
) -> pd.DataFrame:
    """nDCG@10 per phenomenon tag and domain, base and fine-tuned, with the number of queries ``n``;
    a row with fewer than :data:`SMALL_N` queries is marked (``"n < 10: an anecdote"``)."""
    import pandas as pd

    rows = {}
    for d in results:
        rs = test_sets[d]
        b = by_tag(base_eval[d][None][2], rs)
        f = by_tag(ft_eval[d][d][None][2], rs)
        for tag in PHENOMENA:
            if tag in b.index:
                n = sum(tag in rs.queries[q].tags for q in base_eval[d][None][2].index)
                rows[(d, tag)] = {"n": n, "base": b[tag], "fine-tuned": f[tag], "delta": f[tag] - b[tag],
                                  "note": f"n < {SMALL_N}: an anecdote" if n < SMALL_N else ""}
    report["by_tag"] = {f"{d}/{t}": row for (d, t), row in rows.items()}
    table = pd.DataFrame(rows).T
    table.index.names = ["domain", "tag"]
    table["n"] = table["n"].astype(int)
    for col in ("base", "fine-tuned", "delta"):
        table[col] = table[col].astype(float).round(3)
    return table


def plot_test(main_table: pd.DataFrame, tags: pd.DataFrame, dims: Sequence[int | None], native_dim: int,
              model_name: str) -> None:
    """The change per phenomenon tag (hatched: fewer than 10 queries), then base vs fine-tuned per width."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 3.3))
    order = [t for t in PHENOMENA if t in tags.index.get_level_values("tag")]
    delta = tags["delta"].astype(float).unstack("domain").reindex(order)
    small = tags["n"].unstack("domain").reindex(order) < SMALL_N
    delta.plot.bar(ax=ax, rot=0)
    for j, container in enumerate(ax.containers):
        for i, bar in enumerate(container):
            if bool(small.iloc[i, j]):
                bar.set_hatch("//")
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set(xlabel="phenomenon tag (hatched: fewer than 10 queries)", ylabel="test nDCG@10, fine-tuned - base",
           title="where the adapter helped (> 0) or hurt (< 0)")
    plt.tight_layout()
    plt.show()
    full = main_table[main_table.metric == "nDCG@10"]
    fig, axes = plt.subplots(1, len(dims), figsize=(4 * len(dims), 3.3), sharey=True)
    for ax, dim in zip(np.atleast_1d(axes), dims, strict=True):
        sub = full[full.width == (dim or native_dim)].set_index("domain")[["base", "fine-tuned"]]
        sub.plot.bar(ax=ax, rot=0, color=["#8c8c8c", "#4c72b0"])
        ax.set(title=f"{dim or native_dim} dims", ylabel="test nDCG@10 (axis from 0)", xlabel="")
    plt.suptitle(f"{model_name}: base vs LoRA fine-tuned (held-out test queries)")
    plt.tight_layout()
    plt.show()


# --------------------------------------------------------------------------- section 6: forgetting
def forgetting_table(
    base_eval: Scores, ft_eval: Mapping[str, Scores], results: Mapping[str, FinetuneResult],
    set_names: Sequence[str], report: dict,
) -> pd.DataFrame:
    """Change in nDCG@10 against the base, adapter x test set; prints what the run shows (forgetting,
    gains that transfer suspiciously well) and records the table and the lines in ``report``."""
    import pandas as pd

    table = pd.DataFrame({d: {n: ft_eval[d][n][None][0]["nDCG@10"] - base_eval[n][None][0]["nDCG@10"]
                              for n in set_names} for d in results}).T
    table.index.name = "adapter trained on"
    lines = forgetting_lines(table.to_dict(orient="index"))
    print("\n".join(lines))
    report["forgetting"] = table.to_dict(orient="index")
    report["forgetting_lines"] = lines
    return table


def forgetting_lines(
    forgetting: Mapping[str, Mapping[str, float]], bad: float = -0.02, own: Callable[[str], str] = lambda a: a
) -> list[str]:
    """The sentences that read a forgetting matrix {adapter: {set: change}}; ``own(adapter)`` names the set of
    the adapter's own domain (notebook 04: the adapter's name; 08: the domain before the "/")."""
    off = {(a, n): v for a, row in forgetting.items() for n, v in row.items() if n != own(a)}
    if not off:
        return ["no off-domain set was scored (smoke size trains and scores one domain)"]
    (wd, wn), worst = min(off.items(), key=lambda kv: kv[1])
    (bd, bn), best = max(off.items(), key=lambda kv: kv[1])
    lines = [f"off-diagonal change in nDCG@10: mean {np.mean(list(off.values())):+.4f}; worst {worst:+.4f} "
             f"({wd} adapter on {wn}); largest gain {best:+.4f} ({bd} adapter on {bn})"]
    transfer = {}
    for a, row in forgetting.items():
        gain = row.get(own(a), 0.0)
        big = {n: v for (x, n), v in off.items() if x == a and v > 0.01 and gain > 0 and v >= 0.5 * gain}
        if big:
            n = max(big, key=big.get)
            transfer[a] = (n, big[n], gain)
            lines.append(f"the {a} adapter gains {big[n]:+.4f} on {n}, {big[n] / gain:.0%} of its in-domain "
                         f"{gain:+.4f}: it learned much that transfers.")
    if transfer:
        lines.append("On this course's sets that may be what they share (one author's writing style and question "
                     "templates per domain) more than the domain itself: distrust a gain that transfers this well, "
                     "and check it on data from elsewhere.")
    if worst < bad:
        lines.append(f"forgetting: the {wd} adapter costs {worst:+.4f} on {wn}; weigh that against its in-domain "
                     "gain before shipping it broadly.")
    if not transfer and worst >= bad:
        lines.append(f"off-domain changes stay within {-bad} of the base here, and no off-domain gain reaches "
                     "half an in-domain one.")
    return lines


def plot_forgetting(forgetting: pd.DataFrame) -> None:
    """The forgetting matrix as a heatmap (blue: better than the base, red: worse)."""
    import matplotlib.pyplot as plt

    vmax = max(float(np.abs(forgetting.to_numpy(dtype=float)).max()), 1e-3)
    fig, ax = plt.subplots(figsize=(1.6 * forgetting.shape[1] + 2, 0.8 * forgetting.shape[0] + 1.6))
    im = ax.imshow(forgetting.to_numpy(dtype=float), cmap="RdBu", vmin=-vmax, vmax=vmax, aspect="auto")
    ax.set_xticks(range(forgetting.shape[1]), forgetting.columns)
    ax.set_yticks(range(forgetting.shape[0]), forgetting.index)
    for i in range(forgetting.shape[0]):
        for j in range(forgetting.shape[1]):
            ax.text(j, i, f"{forgetting.iat[i, j]:+.3f}", ha="center", va="center", fontsize=9)
    ax.set(xlabel="test set", ylabel="adapter trained on", title="change in nDCG@10 against the base")
    fig.colorbar(im, ax=ax)
    plt.tight_layout()
    plt.show()


# --------------------------------------------------------------------------- section 7: merge
def merge_table(results: Mapping[str, FinetuneResult]) -> pd.DataFrame:
    """What was shipped per domain and, for a kept adapter, the merge check's cosines."""
    import pandas as pd

    rows = {}
    for d, r in results.items():
        rows[d] = {"shipped": "base (guard)" if r.kept_base else "merged adapter"}
        if r.merge_check is not None:
            rows[d] |= {"cos merged~adapter (min)": round(r.merge_check.cos_merged_adapter_min, 6),
                        "cos merged~base (mean)": round(r.merge_check.cos_merged_base_mean, 4),
                        "check ok": r.merge_check.ok}
    return pd.DataFrame.from_dict(rows, orient="index")


# --------------------------------------------------------------------------- section 8: q/v or all linear
def targets_verdict(domain: str, al: float, qv: float, c: Comparison, param_ratio: float, time_ratio: float) -> str:
    """The q/v-vs-all-linear sentence: a winner only when the paired test over the test queries says so."""
    head = (f"{domain}: all linear {al:.4f} vs q/v only {qv:.4f} test nDCG@10 ({al - qv:+.4f}) with "
            f"{param_ratio:.1f}x the trainable parameters and {time_ratio:.1f}x the training time; ")
    n = c.wins + c.losses + c.ties
    if c.significant:
        winner = "all linear" if al > qv else "q/v only"
        return head + f"{winner} is better on test (paired Wilcoxon over {n} queries, p = {c.p_value:.3g})"
    return head + (f"no winner: the difference is within the noise (paired Wilcoxon over {n} queries, "
                   f"p = {c.p_value:.3g}; one domain, one seed)")


def targets_comparison(
    domain: str, qv: FinetuneResult | None, qv_eval: tuple | None, al: FinetuneResult,
    al_eval: tuple, qrels: Mapping[str, Mapping[str, int]], report: dict,
) -> pd.DataFrame | None:
    """Section 8's table (q/v only against all linear on ``domain``) and its verdict, printed and recorded;
    ``None`` when the comparison was not run."""
    import pandas as pd

    if qv is None:
        report["targets_comparison"] = None
        return None
    c = compare(qrels, qv_eval[1], al_eval[1], "nDCG@10")  # B = all linear, A = q/v only
    rows = {name: {"trainable params": r.trainable_params, "val nDCG@10 best": round(r.best_val_ndcg, 4),
                   "kept base": r.kept_base, "test nDCG@10": round(m[0]["nDCG@10"], 4), "train s": round(r.train_seconds, 1)}
            for name, r, m in [("q/v only", qv, qv_eval), ("all linear", al, al_eval)]}
    ratios = {"params": al.trainable_params / qv.trainable_params, "time": al.train_seconds / qv.train_seconds}
    verdict = targets_verdict(domain, al_eval[0]["nDCG@10"], qv_eval[0]["nDCG@10"], c, ratios["params"], ratios["time"])
    print(verdict)
    report["targets_comparison"] = {"table": rows, "comparison": c.as_dict(), "ratios": ratios, "verdict": verdict}
    return pd.DataFrame.from_dict(rows, orient="index")


# --------------------------------------------------------------------------- section 9: verdicts, record
def gain_margin(smoke: bool, is_qwen3: bool) -> float:
    """The bound the mean test gain must beat: a smoke run only checks the guard did no harm beyond noise;
    Qwen3 (a strong model, less room) must not get worse; the CPU model must gain more than 0.02."""
    if smoke:
        return -0.02
    return -1e-9 if is_qwen3 else 0.02


def outcome_lines(
    results: Mapping[str, FinetuneResult], deltas: Mapping[str, float],
    served_deltas: Mapping[str, Mapping[str, float]], serve_tol: float,
) -> dict[str, str]:
    """One line per domain: what the guard shipped, the test change, the merge check, served vs in-process."""
    outcome = {}
    for d, r in results.items():
        served = (f"served vs in-process: largest difference {max(abs(v) for v in served_deltas[d].values()):.1e} "
                  f"(tolerance {serve_tol:g})")
        if r.kept_base:
            outcome[d] = (f"guard kept the base (validation nDCG@10 best {r.best_val_ndcg:.4f} vs base "
                          f"{r.base_val_ndcg:.4f}); shipped folder = a copy of the base, test change "
                          f"{deltas[d]:+.4f}; {served}")
        else:
            mc = r.merge_check
            outcome[d] = (f"adapter kept (epoch {r.best_epoch:g}); test change {deltas[d]:+.4f}; merged folder "
                          f"{'reproduced' if mc.matches_adapter else 'did NOT reproduce'} the adapter model "
                          f"(min cosine {mc.cos_merged_adapter_min:.6f}) and "
                          f"{'differed' if mc.differs_from_base else 'did NOT differ'} from the base "
                          f"(mean cosine {mc.cos_merged_base_mean:.4f}); {served}")
    return outcome


def verdict_lines(
    comparisons: Mapping[str, Comparison], domains: Sequence[str], native_dim: int, mean_delta: float, target: float
) -> list[str]:
    """One verdict per domain (full width: change, wins, losses, p, significant or not with n), then the total."""
    lines, sig = [], []
    for d in domains:
        c = comparisons[f"{d}@{native_dim}"]
        n = c.wins + c.losses + c.ties
        lines.append(f"{d}: test nDCG@10 {c.delta:+.4f} at full width, {c.wins} queries better and {c.losses} "
                     f"worse, p = {c.p_value:.3g}: "
                     + ("significant at 0.05" if c.significant else f"NOT significant at 0.05 with {n} queries"))
        if c.significant:
            sig.append(d)
    lines.append(f"significant gains in {len(sig)} of {len(domains)} domains ({', '.join(sig) or 'none'}); mean "
                 f"change {mean_delta:+.4f} (course goal +{target}: {'met' if mean_delta >= target else 'not met'})")
    return lines


def summarise(
    results: Mapping[str, FinetuneResult], comparisons: Mapping[str, Comparison], deltas: Mapping[str, float],
    served_deltas: Mapping[str, Mapping[str, float]], serve_tol: float, native_dim: int, target: float,
    report: dict,
) -> None:
    """Print the per-domain outcome lines and the verdicts; record them with what was shipped."""
    mean_delta = float(np.mean(list(deltas.values())))
    outcome = outcome_lines(results, deltas, served_deltas, serve_tol)
    verdicts = verdict_lines(comparisons, list(results), native_dim, mean_delta, target)
    print("\n".join([f"{d}: {line}" for d, line in outcome.items()] + verdicts))
    report |= {"outcome": outcome, "verdicts": verdicts, "kept_base": {d: bool(r.kept_base) for d, r in results.items()},
               "merge_check_ok": {d: None if r.merge_check is None else r.merge_check.ok for d, r in results.items()},
               "merged_models": {d: r.model_path for d, r in results.items() if not r.kept_base},
               "shipped_models": {d: r.model_path for d, r in results.items()}}


def make_record(
    results: Mapping[str, FinetuneResult], train_sets: Mapping[str, RetrievalSet], pairs: Mapping[str, list],
    matryoshka_dims: list[int], settings: Any, report: dict,
) -> Any:
    """The record notebook 05 reads: shipped folders, the guard's decisions, the Matryoshka widths and each
    domain's validation query ids (recorded in ``report`` as well)."""
    from utils.course.results import FinetuneRecord

    val_ids = {d: validation_query_ids(train_sets[d], pairs[d], r) for d, r in results.items()}
    report["val_query_ids"] = val_ids
    return FinetuneRecord(models={d: r.model_path for d, r in results.items()},
                          kept_base={d: bool(r.kept_base) for d, r in results.items()},
                          matryoshka_dims=matryoshka_dims, val_query_ids=val_ids,
                          mode=settings.mode, model=settings.model_name, smoke=settings.smoke)

