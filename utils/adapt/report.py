"""The recommendation, chosen on validation and reported on test, and the report: Markdown, HTML, JSON, plots.

Part of ``python -m utils.adapt`` (notebook 09). :func:`recommend` takes the rows of a
:class:`utils.adapt.study.Study`, finds the best on the validation queries, and picks the cheapest row
within ``tolerance`` of it (notebook 05's rule, :func:`utils.course.nb05_pipeline.choose_variant`); the
price ladder is index memory, then stages per query, then whether it needs training. It then reads that
row's test numbers and paired test against the base, and writes the sentence that says what they show.
:func:`write_report` writes ``report.md``, a self-contained ``report.html`` (plots inlined as base64 PNG),
``report.json`` and the plots as PNG files.
"""

from __future__ import annotations

import base64
import html
import io
import math
import shlex
import time
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from utils.adapt.cache import write_json
from utils.adapt.study import Study
from utils.course.nb05_pipeline import choose_variant

ALPHA = 0.05
SMALL_N = 50  # fewer test queries than this: the report marks the paired test as resting on few queries


@dataclass
class Recommendation:
    """The chosen pipeline: why (from validation), what it does on test, and how to reproduce and serve it."""

    name: str
    best_on_validation: str
    reason: str
    tolerance: float
    val: dict[str, float]
    test: dict[str, float]
    vs_base: dict[str, Any]
    beats_base: bool  # better than the base on test, paired Wilcoxon p < 0.05
    verdict: str
    commands: dict[str, str] = field(default_factory=dict)
    ladder: list[str] = field(default_factory=list)  # every row, cheapest first, as the rule ranked them
    alpha: float = ALPHA  # the paired test's significance level

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "test_nDCG@10": self.test["nDCG@10"], **asdict(self)}


def price_ladder(study: Study) -> list[str]:
    """Row names from cheapest to dearest: index memory, then stages per query, then training, then order."""
    rows, order = study.rows, list(study.rows)
    return sorted(rows, key=lambda n: (rows[n].price["index_bytes"], rows[n].price.get("stages", 1),
                                       (rows[n].price.get("train_seconds") or 0) > 0, order.index(n)))


def _kb(n: float) -> str:
    return f"{n / 1024:,.0f} KB" if n >= 1024 else f"{n:.0f} bytes"


def verdict_on_test(
    chosen: str, vs_base: Mapping[str, Mapping[str, Any]], n_test: int, tol: float, best_on_val: str | None = None
) -> tuple[bool, str]:
    """Whether the chosen row beats the base on test (paired Wilcoxon p < ``ALPHA``), and the sentence that says so.

    ``vs_base`` holds every row's paired comparison with the base on the test queries. When the chosen row does
    not beat the base but another row does, the sentence names it and why it was not chosen: the choice is made
    on validation (a winner picked on test would not be a test result), where ``best_on_val`` scored best and
    ``tol`` may have let a cheaper row win.
    """
    c = vs_base[chosen]
    beats = c["delta"] > 0 and c["p_value"] < ALPHA
    small = f" (only {n_test} test queries: a small sample)" if n_test < SMALL_N else ""
    said = (f"test nDCG@10 {c['mean_a']:.4f} (base) -> {c['mean_b']:.4f} ({c['delta']:+.4f}; "
            f"{c['wins']} queries better, {c['losses']} worse; Wilcoxon p = {c['p_value']:.2g}){small}")
    if chosen == "base":
        return False, f"Nothing beat the base on validation by more than {tol:g}: the recommendation is the base model itself."
    if beats:
        return True, f"{chosen} beats the base on the {n_test} test queries: {said}."
    verdict = (f"The recommended {chosen} does not beat the base on the test queries at p < {ALPHA:g}: it gives {said}"
               + ("; the gain is within the noise." if c["delta"] > 0 else "; it does not do better than the base here."))
    others = [(n, o) for n, o in vs_base.items() if n not in (chosen, "base") and o["delta"] > 0 and o["p_value"] < ALPHA]
    if others:
        named = "; ".join(f"{n} ({o['delta']:+.4f}, p = {o['p_value']:.2g})" for n, o in others)
        why = (f"the tolerance of {tol:g} let the cheaper {chosen} win over {best_on_val} there (a smaller --tolerance "
               "prefers quality)" if best_on_val and best_on_val != chosen else f"{chosen} scored best there")
        verdict += (f" On test, {named} {'does' if len(others) == 1 else 'do'} beat the base at p < {ALPHA:g}: the "
                    f"choice is made on validation, and {why}; a row picked by its test numbers would leave no test "
                    "result to report.")
    return False, verdict


def recommend(study: Study, tolerance: float | None = None) -> Recommendation:
    """The best row on validation, or the cheapest within ``tolerance`` of it; its test numbers and verdict."""
    tol = study.opts.tolerance if tolerance is None else tolerance
    rows = study.rows
    ladder = price_ladder(study)
    choice = choose_variant({n: r.val["nDCG@10"] for n, r in rows.items()}, {n: float(ladder.index(n)) for n in rows},
                            tol, unit="on the price ladder")
    chosen, best = rows[choice.variant], rows[choice.best]
    n_val = len(study.data.val.queries)
    if choice.variant == choice.best:
        reason = (f"{chosen.name} has the best validation nDCG@10 ({chosen.val['nDCG@10']:.4f} on {n_val} queries) and "
                  f"no cheaper row came within the tolerance of {tol:g}")
    else:
        reason = (f"{best.name} has the best validation nDCG@10 ({best.val['nDCG@10']:.4f} on {n_val} queries); "
                  f"{chosen.name} came within the tolerance of {tol:g} ({chosen.val['nDCG@10']:.4f}) at a lower price: "
                  f"{_kb(chosen.price['index_bytes'])} of index memory and {chosen.price.get('stages', 1)} stage(s) "
                  f"against {_kb(best.price['index_bytes'])} and {best.price.get('stages', 1)}")
    beats, verdict = verdict_on_test(chosen.name, {n: r.vs_base for n, r in rows.items()}, len(study.data.test.queries),
                                     tol, best.name)
    if study.data.pseudo:
        verdict += " These numbers come from pseudo-queries (see the warning above)."
    return Recommendation(chosen.name, best.name, reason, tol, chosen.val, chosen.test, chosen.vs_base, beats, verdict,
                          commands(study, chosen.name), ladder)


# --------------------------------------------------------------------------- commands
def _py(cmd: list[str]) -> str:
    return shlex.join(["python", *cmd[1:]])


def command_line(study: Study) -> str:
    """The ``python -m utils.adapt`` command that reproduces this study."""
    from utils.serving.settings import SettingsError, default_cpu_model_path

    o, d = study.opts, study.data
    try:
        default = default_cpu_model_path()
    except SettingsError:
        default = None
    cmd = ["python", "-m", "utils.adapt", "--data", str(d.folder), "--out", str(study.out)]
    model = None if o.model == default and not o.base_url else o.model  # the command's default needs no flag
    for flag, value in (("--model", model), ("--base-url", o.base_url), ("--served-model", o.served_model),
                        ("--max-tokens", o.max_tokens), ("--task", o.task), ("--reranker-url", o.reranker_url),
                        ("--reranker-model", o.reranker_model)):
        if value is not None:
            cmd += [flag, str(value)]
    cmd += ["--budget-minutes", f"{o.budget_minutes:g}", "--tolerance", f"{o.tolerance:g}"]
    for flag, value in d.sizes.items():
        cmd += [flag, str(value)]
    return shlex.join(cmd)


def commands(study: Study, name: str) -> dict[str, str]:
    """How to reproduce the study and serve the recommended pipeline: model folder, server, store, search."""
    from utils.serving.launch import cpu_server_command, reranker_command, sglang_command

    row, rep = study.rows[name], study.rep_of.get(name)
    lineage = name
    while rep is None and "->" in lineage:  # a reranked row: its first stage
        lineage = lineage.split(" -> ")[0]
        rep = study.rep_of.get(lineage)
    out = {"reproduce": command_line(study)}
    if row.lever == "bm25":
        out["search"] = "BM25 only: utils.search.retrieval.BM25Index(ids, texts).search(query) (no model to serve)"
        return out
    if rep is None and row.lever in ("hybrid", "int8", "binary"):
        rep = study.rep_of.get(study.best_dense_rep()[0])
    lora = rep is not None and rep.model == "lora" and not (study.finetune or {}).get("kept_base")
    folder = (study.finetune or {}).get("model_path") if lora else study.opts.model
    if folder:
        out["model_folder"] = str(folder)
        out["serve_cpu"] = _py(cpu_server_command(str(folder)))
        if study.handle("base").is_qwen3:
            out["serve_sglang"] = _py(sglang_command(str(folder)))
        ev = ["python", "-m", "utils.search.evaluate", "--model", str(folder), "--data", str(study.data.folder)]
        if rep is not None and rep.chunked:
            lim = study.handle("base").limit
            ev += ["--chunk", f"{lim}:{lim // 4}"]
        if rep is not None and rep.instruction:
            ev += ["--task", study.task()]
        out["evaluate"] = shlex.join(ev)
    elif study.opts.base_url:
        out["serve"] = f"the model already served at {study.opts.base_url}"
    precision = {"int8": "int8", "binary": "binary"}.get(row.lever, "float32")
    out["store"] = shlex.join(["python", "-m", "utils.search.embed_corpus", "--data",
                               str(study.data.folder / "corpus.jsonl"), "--out", "STORE_DIR", "--base-url",
                               "http://127.0.0.1:8765/v1", "--precision", precision])
    if rep is not None and rep.chunked:
        out["store"] += ("  # then store chunks, not whole documents: utils.data.longtext.chunk_texts + chunk_ids, "
                         "SearchPipeline(..., chunked=True)")
    if row.lever == "hybrid":
        out["search"] = (f"utils.search.retrieval.SearchPipeline(embed, store, bm25=BM25Index(ids, texts), "
                         f"bm25_weight={row.price['bm25_weight']:g})")
    if row.lever == "rerank":
        out["serve_reranker"] = _py(reranker_command("models/Qwen3-Reranker-0.6B"))
    return out


# --------------------------------------------------------------------------- plots
def _figure_png(draw) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7.5, 4.2), dpi=110)
    FigureCanvasAgg(fig)
    draw(fig)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def quality_vs_cost_png(study: Study, rec: Recommendation) -> bytes:
    """Test nDCG@10 against index memory (log scale), one point per row; the base as a dashed line."""
    def draw(fig):
        ax = fig.add_subplot(1, 1, 1)
        base = study.rows["base"].test["nDCG@10"]
        for name, r in study.rows.items():
            x = max(r.price["index_bytes"], 1) / 1024
            mark = "*" if name == rec.name else "o"
            ax.scatter([x], [r.test["nDCG@10"]], marker=mark, s=160 if mark == "*" else 40,
                       color="#d62728" if name == rec.name else "#1f77b4", zorder=3)
            ax.annotate(name, (x, r.test["nDCG@10"]), textcoords="offset points", xytext=(5, 4), fontsize=7)
        ax.axhline(base, color="grey", ls="--", lw=1, label="base")
        ax.set_xscale("log")
        ax.margins(x=0.25)  # room for the labels of the rightmost points
        ax.set(xlabel="index memory (KB, log scale)", ylabel="test nDCG@10",
               title=f"quality against cost ({len(study.data.test.queries)} test queries; star: recommended)")
        ax.legend(loc="lower right", fontsize=8)
    return _figure_png(draw)


def wins_losses_png(study: Study) -> bytes:
    """Per row, the test queries it ranks better (right) and worse (left) than the base, with the p-value."""
    rows = [r for n, r in study.rows.items() if n != "base"]

    def draw(fig):
        ax = fig.add_subplot(1, 1, 1)
        names = [r.name for r in rows]
        y = list(range(len(rows)))
        ax.barh(y, [r.vs_base["wins"] for r in rows], color="#2ca02c", label="better than base")
        ax.barh(y, [-r.vs_base["losses"] for r in rows], color="#d62728", label="worse than base")
        for i, r in enumerate(rows):
            ax.annotate(f"p = {r.vs_base['p_value']:.2g}", (r.vs_base["wins"], i), xytext=(4, -3),
                        textcoords="offset points", fontsize=7)
        ax.axvline(0, color="black", lw=0.8)
        ax.set_yticks(y, names, fontsize=7)
        ax.invert_yaxis()
        ax.set(xlabel="test queries (ties not shown)", title="per-query wins and losses against the base (nDCG@10)")
        ax.legend(loc="lower right", fontsize=8)
    return _figure_png(draw)


# --------------------------------------------------------------------------- the report
def _fmt(v: Any, digits: int = 4) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "-"
    if isinstance(v, float):
        return f"{v:.{digits}f}"
    return str(v)


def row_table(study: Study) -> tuple[list[str], list[list[str]]]:
    """The report's table: header and one row of strings per pipeline."""
    head = ["pipeline", "val nDCG@10", "test nDCG@10", "test Recall@10", "vs base (test)", "wins/losses", "p",
            "index memory", "index time", "doc tokens", "training"]
    body = []
    for r in study.rows.values():
        p = r.price
        body.append([r.name, _fmt(r.val["nDCG@10"]), _fmt(r.test["nDCG@10"]), _fmt(r.test["Recall@10"]),
                     f"{r.vs_base['delta']:+.4f}", f"{r.vs_base['wins']}/{r.vs_base['losses']}",
                     f"{r.vs_base['p_value']:.2g}", _kb(p["index_bytes"]),
                     "-" if p.get("index_seconds") is None else f"{p['index_seconds']:.1f} s",
                     "-" if p.get("doc_tokens") is None else f"{p['doc_tokens']:,}",
                     f"{p['train_seconds']:.0f} s" if p.get("train_seconds") else "-"])
    return head, body


def header_lines(study: Study) -> list[str]:
    """What was measured, on what, and the warnings a reader must see first."""
    d, o = study.data, study.opts
    lines = [f"Data: {d.folder} ({len(d.corpus)} documents); labels: {d.labels}."]
    lines += [f"{role['role']}: {role['queries']} queries, {role['pairs']} judged pairs ({role['from']})." for role in d.table()]
    lines.append(f"Model: {o.model or o.base_url}{' via ' + o.base_url if o.base_url and o.model else ''}; "
                 f"budget {o.budget_minutes:g} minutes; this run took {study.elapsed() / 60:.1f} minutes.")
    lines += d.notes
    if d.pseudo:
        lines.append("WARNING: every query here is a pseudo-query, so every number comes from pseudo-queries. "
                     + pseudo_guard_note())
    return lines


def pseudo_guard_note() -> str:
    """How optimistic notebook 08 measured a pseudo-query guard to be, from its results file if it has run."""
    import json
    import os

    from utils.paths import REPO_ROOT

    path = Path(os.environ.get("EMB_RUNS_DIR") or REPO_ROOT / "runs") / "results" / "08_pseudo_queries.json"
    try:
        guard = json.loads(path.read_text())["guard"]
        deltas = [row["test delta"] for row in guard["table"].values()]
        return (f"Notebook 08 measured such a guard on the course's data ({path}): adapters gained "
                f"{guard['mean_pseudo_val_gain']:+.4f} nDCG@10 on held-out pseudo-queries against "
                f"{sum(deltas) / len(deltas):+.4f} on real test queries, and the pseudo guard agreed with the test set "
                f"in {guard['agree_pseudo']} of {guard['n_runs']} runs.")
    except (OSError, KeyError, ValueError, TypeError, ZeroDivisionError):
        return ("Notebook 08 measures how optimistic such a guard is; run it (make course) to have that "
                "measurement quoted here.")


def other_lines(study: Study) -> list[str]:
    lines = [f"{lever}: skipped, {why}." for lever, why in study.skipped.items()]
    for r in study.rows.values():
        lines += [f"{r.name}: {n}" for n in r.notes]
    probe = study.probe
    if probe and "skipped" not in probe:
        lines.append(
            f"Forgetting (general probe, {probe['queries']} everyday questions among {probe['documents']} passages, "
            f"the corpus's documents as distractors): nDCG@10 {probe['base']:.4f} for the base -> "
            f"{probe['fine-tuned']:.4f} fine-tuned ({probe['delta']:+.4f}; {probe['wins']} better, {probe['losses']} "
            f"worse; p = {probe['p_value']:.2g})"
            + (". The base is near the probe's ceiling: a loss shows, a gain cannot." if probe["near_ceiling"] else "."))
    elif probe:
        lines.append(probe["skipped"])
    lines.append("Times are measured on this machine during this run (index time: the documents' tokens at the "
                 "model's measured embedding throughput); compare them with each other, not with another machine.")
    return lines


def to_json(study: Study, rec: Recommendation) -> dict[str, Any]:
    d = study.data
    return {
        "tool": "utils.adapt", "version": 1, "written_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "data": {"folder": str(d.folder), "name": d.name, "documents": len(d.corpus), "labels": d.labels,
                 "pseudo": d.pseudo, "roles": d.table(), "notes": d.notes, "role_overlap": d.role_overlap()},
        "model": study.opts.model, "base_url": study.opts.base_url, "budget_minutes": study.opts.budget_minutes,
        "elapsed_s": study.elapsed(), "tolerance": rec.tolerance,
        "rows": [r.as_dict() for r in study.rows.values()],
        "skipped": [{"lever": k, "reason": v} for k, v in study.skipped.items()],
        "hybrid_weights": {f"{k:g}": v for k, v in study.hybrid_curve.items()},
        "general_probe": study.probe, "finetune": study.finetune, "embedding": study.embedding_counts(),
        "recommended": rec.as_dict(),
    }


def write_report(study: Study, rec: Recommendation) -> dict[str, Path]:
    """Write report.md, report.html (self-contained), report.json and the plots into the study's folder."""
    out = study.out
    pngs = {"quality_vs_cost.png": quality_vs_cost_png(study, rec), "wins_losses.png": wins_losses_png(study)}
    for name, data in pngs.items():
        (out / name).write_bytes(data)
    head, body = row_table(study)
    title = f"Adapting retrieval to {study.data.name}: what each lever does"
    cmds = [f"- {k}: `{v}`" for k, v in rec.commands.items()]
    md = [f"# {title}", "", *[f"{line}  " for line in header_lines(study)], "",
          "## Every lever against the base", "",
          "| " + " | ".join(head) + " |", "|" + "---|" * len(head), *["| " + " | ".join(r) + " |" for r in body], "",
          "Paired test: Wilcoxon signed-rank over the test queries' nDCG@10 (two-sided, ties dropped).", "",
          *[f"- {line}" for line in other_lines(study)], "",
          "## Recommendation", "", f"**{rec.name}**. Chosen on the validation queries: {rec.reason}.", "",
          f"On test: {rec.verdict}", "", "## Reproduce and serve", "", *cmds, "",
          "![quality against cost](quality_vs_cost.png)", "", "![wins and losses](wins_losses.png)", ""]
    paths = {"md": out / "report.md", "html": out / "report.html", "json": out / "report.json"}
    paths["md"].write_text("\n".join(md), encoding="utf-8")
    paths["html"].write_text(render_html(study, rec, title, head, body, pngs), encoding="utf-8")
    write_json(paths["json"], to_json(study, rec))
    return paths


def render_html(study: Study, rec: Recommendation, title: str, head: list[str], body: list[list[str]],
                pngs: dict[str, bytes]) -> str:
    """One HTML page, no outside resource: the table, the recommendation, the commands, the plots inlined."""
    e = html.escape
    rows = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in r) + "</tr>" for r in body)
    imgs = "".join(f'<figure><img alt="{e(n)}" src="data:image/png;base64,{base64.b64encode(b).decode()}">'
                   f"<figcaption>{e(n)}</figcaption></figure>" for n, b in pngs.items())
    items = "".join(f"<li>{e(line)}</li>" for line in other_lines(study))
    cmds = "".join(f"<dt>{e(k)}</dt><dd><code>{e(v)}</code></dd>" for k, v in rec.commands.items())
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{e(title)}</title>
<style>body{{font-family:sans-serif;max-width:1100px;margin:2em auto;line-height:1.4}}
table{{border-collapse:collapse;font-size:13px}}td,th{{border:1px solid #ccc;padding:3px 6px;text-align:right}}
td:first-child,th:first-child{{text-align:left}}.rec{{background:#f3f8ee;padding:.6em 1em;border-left:4px solid #2ca02c}}
code{{font-size:12px;word-break:break-all}}img{{max-width:100%}}</style></head>
<body><h1>{e(title)}</h1>
<p>{"<br>".join(e(line) for line in header_lines(study))}</p>
<h2>Every lever against the base</h2>
<table id="rows"><tr>{"".join(f"<th>{e(h)}</th>" for h in head)}</tr>{rows}</table>
<p>Paired test: Wilcoxon signed-rank over the test queries' nDCG@10 (two-sided, ties dropped).</p>
<ul>{items}</ul>
<h2>Recommendation</h2>
<div class="rec" id="recommended"><p><b>{e(rec.name)}</b>. Chosen on the validation queries: {e(rec.reason)}.</p>
<p>On test: {e(rec.verdict)}</p></div>
<h2>Reproduce and serve</h2><dl>{cmds}</dl>
{imgs}
</body></html>
"""
