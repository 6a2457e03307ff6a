"""Notebook 09_capstone_your_domain's bookkeeping: the hybrid-weight plot, what to try next, lesson checks, results.

The notebook runs :mod:`utils.adapt` step by step; this module holds what is not the lesson: the plot of
the fusion weight against validation nDCG@10, the sentences that say what to try next (printed from the
run's numbers), the method's lesson checks and the results record that ``tests/test_nb_09_*`` reads.
It takes the notebook's ``Study`` and ``Recommendation`` (:mod:`utils.adapt.study`, :mod:`utils.adapt.report`)
as they are and does not import them: ``utils.adapt`` sits above the course, never below it.
"""

from __future__ import annotations

from typing import Any

from utils.course.lessons import LessonChecks

Study = Recommendation = Any  # utils.adapt's objects, read by attribute


def plot_hybrid_weights(study: Study, ax: Any) -> None:
    """Validation nDCG@10 of weighted RRF for each BM25 weight; the dense run alone and BM25 alone as lines."""
    curve = study.hybrid_curve
    ax.plot(list(curve), list(curve.values()), marker="o", label="weighted RRF (dense + BM25)")
    row = next((r for r in study.rows.values() if r.lever == "hybrid"), None)
    dense = study.hybrid_dense or "base"
    ax.axhline(study.rows[dense].val["nDCG@10"], color="grey", ls="--", lw=1, label=f"{dense} alone")
    ax.axhline(study.rows["BM25"].val["nDCG@10"], color="#ff7f0e", ls=":", lw=1, label="BM25 alone")
    if row is not None:
        ax.axvline(row.price["bm25_weight"], color="#2ca02c", lw=1, label="chosen")
    ax.set(xlabel="BM25 weight (dense gets 1 - it)", ylabel="validation nDCG@10",
           title=f"fusion weight, chosen on {len(study.data.val.queries)} validation queries")
    ax.legend(fontsize=8)


def next_steps(study: Study, rec: Recommendation) -> list[str]:
    """What to try next, each sentence resting on a number of this run."""
    out = []
    rows, ft = study.rows, study.finetune or {}
    if "lora" in study.skipped:
        out.append(f"The fine-tune did not run ({study.skipped['lora']}).")
    elif ft.get("kept_base"):
        out.append(f"The fine-tune's guard kept the base (validation nDCG@10 {ft['best_val_ndcg']:.4f} vs "
                   f"{ft['base_val_ndcg']:.4f} on {ft['n_val_queries']} queries): more or harder training pairs "
                   "(notebook 08's sources), or a larger budget, before fine-tuning again.")
    elif ft:
        c = rows["fine-tuned (LoRA)"].vs_base
        out.append(f"The fine-tune changed test nDCG@10 by {c['delta']:+.4f} (p = {c['p_value']:.2g}) after "
                   f"{ft['epochs_run']:.2g} epochs{' stopped by the budget' if ft.get('stopped_by_time') else ''}: "
                   "more epochs or pairs may buy more (notebook 04).")
    if "BM25" in rows and rows["BM25"].val["nDCG@10"] >= rows["base"].val["nDCG@10"]:
        out.append("BM25 matches or beats the base model on validation: exact words matter in this corpus; keep it "
                   "in the pipeline (hybrid) and look at the queries the model misses.")
    probe = study.probe or {}
    if probe.get("delta") is not None and probe["delta"] < -0.02:
        out.append(f"The fine-tune costs {probe['delta']:+.4f} nDCG@10 on the general probe: serve it only for this domain.")
    n = len(study.data.test.queries)
    if not rec.beats_base:
        out.append(f"The recommended {rec.name} did not beat the base at p < {rec.alpha:g} on {n} test queries: label more queries (a test set of "
                   "a few hundred shows smaller gains), or try a larger model (Qwen3-Embedding on a GPU).")
    cheap = rec.ladder[0]
    if cheap != rec.name:
        out.append(f"The cheapest row, {cheap}, scored {rows[cheap].val['nDCG@10']:.4f} on validation against "
                   f"{rec.val['nDCG@10']:.4f}: widen --tolerance if that gap is noise to you.")
    return out


def lesson_checks(study: Study, rec: Recommendation) -> LessonChecks:
    """The method, checked: roles apart, the choice made by its rule on validation, the verdict its test says."""
    checks = LessonChecks()
    checks.expect("no query is used in two roles (train, validation, test)", study.data.role_overlap(), "<=", 0)
    best_val = max(r.val["nDCG@10"] for r in study.rows.values())
    checks.expect("the recommended pipeline is within the tolerance of the best on validation",
                  rec.val["nDCG@10"], ">=", best_val - rec.tolerance)
    c = rec.vs_base
    if rec.beats_base:
        checks.expect("the recommended pipeline beats the base on test: paired Wilcoxon p", c["p_value"], "<", rec.alpha)
    elif c["delta"] > 0 or c["p_value"] >= rec.alpha:
        checks.expect("the recommended pipeline does not beat the base on test, and the notebook says so: p", c["p_value"], ">=", rec.alpha)
    else:
        checks.expect("the recommended pipeline is worse than the base on test, and the notebook says so: delta",
                      c["delta"], "<=", 0.0)
    return checks


def results_record(study: Study, rec: Recommendation, checks: LessonChecks, settings: Any,
                   command: dict[str, Any]) -> dict[str, Any]:
    """What ``runs/results/09_capstone_your_domain.json`` holds."""
    return {
        "mode": settings.mode, "model": settings.model_name, "smoke": settings.smoke,
        "data": str(study.data.folder), "labels": study.data.labels, "roles": study.data.table(),
        "role_overlap": study.data.role_overlap(), "report_dir": str(study.out),
        "rows": {n: r.as_dict() for n, r in study.rows.items()}, "skipped": dict(study.skipped),
        "hybrid_weights": {f"{k:g}": v for k, v in study.hybrid_curve.items()},
        "ladder": rec.ladder, "recommended": rec.as_dict(), "general_probe": study.probe,
        "finetune": study.finetune, "embedding": study.embedding_counts(), "command": command,
        "next_steps": next_steps(study, rec), "lesson_checks": checks.as_dicts(),
    }
