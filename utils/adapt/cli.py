"""The command line of ``python -m utils.adapt`` (notebook 09).

    python -m utils.adapt --data BEIR_DIR --out REPORT_DIR [--model M] [--base-url URL] [--budget-minutes N]

Bad input ends with one ``error: ...`` line and exit status 2, before anything is written: a data file
that is malformed, not UTF-8 or empty, qrels that name no document of the corpus (file and line, from
:class:`utils.data.beir.DataFormatError`), a flag out of range, or a report folder that holds files this
tool did not write. Ctrl-C ends with exit status 130 and a line saying how to resume: the embeddings
computed so far are cached in ``REPORT_DIR/cache`` and a finished fine-tune is reused.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from utils.adapt.inputs import ReportDirError, check_report_dir, load_for_adapt
from utils.adapt.study import LEVERS, Options
from utils.data.beir import DataFormatError


def build_parser() -> argparse.ArgumentParser:
    d = Options()
    p = argparse.ArgumentParser(
        prog="python -m utils.adapt",
        description="Measure every lever of the course on a BEIR folder against one base, recommend a pipeline "
        "(chosen on validation queries, reported on test) and write REPORT_DIR/report.md, report.html, report.json.",
    )
    p.add_argument("--data", required=True, help="BEIR folder: corpus.jsonl [queries.jsonl, qrels/train|dev|test.tsv]")
    p.add_argument("--out", required=True, help="report folder: new, empty, or a previous report to resume")
    p.add_argument("--model", default=None, help="local model folder (default: the CPU default all-MiniLM-L6-v2)")
    p.add_argument("--base-url", default=None, help="embed the base model through this OpenAI-compatible server")
    p.add_argument("--served-model", default=None, help="model name at --base-url (default: the first it serves)")
    p.add_argument("--api-key", default=os.environ.get("EMB_API_KEY"), help="key for --base-url and --reranker-url")
    p.add_argument("--max-tokens", type=int, default=None, help="a lower token limit than the model's")
    p.add_argument("--task", default=None, help="Qwen3 query instruction (default: the web-search task)")
    p.add_argument("--budget-minutes", type=float, default=d.budget_minutes,
                   help="time budget for the run; the fine-tune's training stops within it (default 30)")
    p.add_argument("--tolerance", type=float, default=d.tolerance,
                   help="validation nDCG@10 within which the cheaper pipeline is recommended (default 0.01)")
    p.add_argument("--levers", default=",".join(LEVERS), help=f"comma-separated subset of {','.join(LEVERS)}")
    p.add_argument("--reranker-url", default=None, help="a Qwen3-Reranker served by SGLang (/v1/rerank)")
    p.add_argument("--reranker-model", default=None)
    p.add_argument("--val-fraction", type=float, default=0.25, help="share of train queries held out to choose")
    p.add_argument("--max-docs", type=int, default=None, help="cut the corpus (smoke runs; judged documents kept)")
    p.add_argument("--max-val-queries", type=int, default=None)
    p.add_argument("--max-test-queries", type=int, default=None)
    p.add_argument("--max-train-pairs", type=int, default=None)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--device", default=None, help="cuda, mps or cpu (default: the best available)")
    p.add_argument("--quiet", action="store_true", help="no progress bars")
    return p


def check_flags(a: argparse.Namespace) -> str | None:
    """The first flag error found before anything loads; ``None`` when all is well."""
    levers = [x.strip() for x in a.levers.split(",") if x.strip()]
    unknown = sorted(set(levers) - set(LEVERS))
    if unknown or not levers:
        return f"--levers takes a comma-separated subset of {','.join(LEVERS)}; got {a.levers!r}."
    if not a.budget_minutes > 0:
        return f"--budget-minutes must be above 0, got {a.budget_minutes:g}."
    if not a.tolerance >= 0:
        return f"--tolerance must be 0 or more, got {a.tolerance:g}."
    if not 0 < a.val_fraction < 1:
        return f"--val-fraction must be between 0 and 1, got {a.val_fraction:g}."
    for flag in ("max_tokens", "max_docs", "max_val_queries", "max_test_queries", "max_train_pairs"):
        value = getattr(a, flag)
        if value is not None and value < (8 if flag == "max_tokens" else 1):
            return f"--{flag.replace('_', '-')} must be at least {8 if flag == 'max_tokens' else 1}, got {value}."
    if a.model and not Path(a.model).is_dir():
        return f"--model {a.model} is not a folder; download the model or fix the path."
    return None


def options_from(a: argparse.Namespace) -> Options:
    model = a.model
    if model is None and not a.base_url:
        from utils.serving.settings import default_cpu_model_path

        model = default_cpu_model_path()
    return Options(model=model, base_url=a.base_url, served_model=a.served_model, api_key=a.api_key,
                   max_tokens=a.max_tokens, task=a.task, budget_minutes=a.budget_minutes, tolerance=a.tolerance,
                   levers=tuple(x.strip() for x in a.levers.split(",") if x.strip()), reranker_url=a.reranker_url,
                   reranker_model=a.reranker_model, device=a.device, seed=a.seed, progress=not a.quiet)


def main(argv: list[str] | None = None) -> int:
    started = time.perf_counter()
    a = build_parser().parse_args(argv)
    problem = check_flags(a)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    try:
        data = load_for_adapt(a.data, val_fraction=a.val_fraction, max_docs=a.max_docs, max_val=a.max_val_queries,
                              max_test=a.max_test_queries, max_train_pairs=a.max_train_pairs, seed=a.seed)
        opts = options_from(a)
        out = check_report_dir(a.out, a.data, opts.model)
    except (DataFormatError, ReportDirError) as exc:
        print(f"error: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 2
    from utils.adapt.report import recommend, write_report
    from utils.adapt.study import Study
    from utils.search.retrieval import RerankError
    from utils.serving.client import EmbeddingError

    study = Study.open(data, out, opts, started)
    try:
        study.measure_all()
        rec = recommend(study)
        paths = write_report(study, rec)
    except KeyboardInterrupt:
        print(f"\ninterrupted: the embeddings computed so far are cached in {out / 'cache'}; run the same command "
              "again to resume.", file=sys.stderr)
        return 130
    except (EmbeddingError, RerankError, DataFormatError) as exc:
        print(f"error: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 2
    finally:
        study.close()
    print(study.table().round(4).to_string())
    for lever, why in study.skipped.items():
        print(f"skipped {lever}: {why}")
    print(f"\nrecommended: {rec.name} ({rec.reason})")
    print(rec.verdict)
    print(f"report: {paths['md']}  {paths['html']}  {paths['json']}")
    return 0
