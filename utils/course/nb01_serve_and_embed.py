"""The bookkeeping of notebook 01_serve_and_embed: benchmark texts, the in-process reference, the error
examples, the benchmark's table, plot and verdict sentences, and the results record.

Introduced in notebook 01_serve_and_embed. The notebook keeps the lesson (the OpenAI client calls,
``dimensions``, the benchmark's variants: one request per text, a new client per request, batching,
base64, async); this module holds what only prints, draws or records. The timing method itself
(interleaved rounds, the median of per-round ratios, "inconclusive") is :mod:`utils.course.timing`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from utils.course.timing import Rounds, faster_or_slower, judge
from utils.paths import REPO_ROOT

if TYPE_CHECKING:
    import pandas as pd

    from utils.course.lessons import LessonChecks
    from utils.serving.client import EmbeddingClient
    from utils.serving.encoders import Encoder
    from utils.serving.settings import Settings, VectorTolerances

NOTEBOOK = "01_serve_and_embed"
NOWHERE = "http://127.0.0.1:9/v1"  # a port nothing listens on (the error example "server not running")
#: the command that re-runs just this notebook (named by an inconclusive timing verdict)
RERUN = "python -m utils.course --only 01"
#: the English sets whose documents and queries the benchmark's sentences come from
BENCHMARK_SETS = ("medical", "legal", "finance", "general", "long_medical", "long_legal", "long_finance")
#: variants whose names start with this send one text per request (and get fewer texts per round)
SINGLE = "one request per text"
BASE = SINGLE  # the table's "x one-per-text" column divides by this variant
#: the ratios the notebook reports: name -> (variant A, variant B), throughput of A over B per round
COMPARISONS = {
    "batched_vs_single": ("batched, base64", SINGLE),
    "pooled_vs_new_client": (SINGLE, "one request per text, new client each"),
    "base64_vs_float": ("batched, base64", "batched, float JSON"),
    "async_vs_batched": ("async, base64", "batched, base64"),
    "float_http_vs_inprocess": ("batched, float JSON", "in-process"),
    "base64_http_vs_inprocess": ("batched, base64", "in-process"),
}


def benchmark_texts(exclude: Sequence[str] = (), data_dir: str | Path | None = None) -> list[str]:
    """Distinct English sentences (20+ characters) of the course's documents and queries, none in ``exclude``.

    Sentences rather than whole documents: there are more of them, and the benchmark gives every call its
    own texts (a server that caches, such as SGLang with its radix cache, must not be timed on a text it has
    seen). A sentence that starts a document is a prefix of it, so whole documents are never mixed in.
    """
    root = Path(data_dir) if data_dir else REPO_ROOT / "data"
    skip, seen = set(exclude), {}
    for name in BENCHMARK_SETS:
        for file in ("corpus.jsonl", "queries.jsonl"):
            path = root / name / file
            if not path.is_file():
                continue
            for line in path.read_text(encoding="utf-8").splitlines():
                if not line.strip():
                    continue
                row = json.loads(line)
                text = ". ".join(t for t in (row.get("title", ""), row["text"]) if t)
                for s in re.split(r"(?<=[.!?])\s+", text):
                    s = s.strip()
                    if len(s) >= 20 and s not in skip:
                        seen.setdefault(s, None)
    return list(seen)


def sizes(variants: Sequence[str], n_single: int, n_batched: int) -> dict[str, int]:
    """Texts per round for each variant: ``n_single`` for the one-request-per-text ones."""
    return {name: n_single if name.startswith(SINGLE) else n_batched for name in variants}


def texts_used(inputs: Mapping[str, Sequence[Sequence[str]]], exclude: Sequence[str] = ()) -> dict[str, int]:
    """How many texts the benchmark sent, how many distinct, and how many it shares with ``exclude``."""
    sent = [t for rounds in inputs.values() for r in rounds for t in r]
    shared = len(set(sent) & set(exclude))
    return {"sent": len(sent), "distinct": len(set(sent)), "shared_with_checks": shared}


def load_reference(settings: Settings) -> Encoder | None:
    """The served model loaded in this kernel (``cpu`` and ``sglang`` modes), or ``None`` saying why."""
    if not settings.model_path or settings.mode not in ("cpu", "sglang"):
        print(f"no in-process reference in {settings.mode} mode: the model folder is the server's, not ours")
        return None
    from transformers.utils import logging as hf_logging

    from utils.serving.device import best_dtype, pick_device
    from utils.serving.encoders import load_encoder

    hf_logging.disable_progress_bar()  # a one-second load: a progress widget would be saved frozen at 0%
    device = pick_device(warn=False)
    try:
        return load_encoder(settings.model_path, device=device, dtype=best_dtype(device))
    except RuntimeError as exc:  # SGLang reserves most GPU memory for itself (--mem-fraction-static)
        print(f"skipped the in-process reference: could not load a second copy of the model ({exc}).")
        return None


def show_errors(client: EmbeddingClient, base_url: str, model: str, native_dim: int) -> dict[str, str]:
    """Four bad calls and the one-line error each gets (printed and returned); none may succeed."""
    from utils.serving.client import EmbeddingClient

    cases = {
        "dimensions too large": lambda: client.embed(["x"], dimensions=native_dim + 1),
        "empty text": lambda: client.embed(["fine", "  "]),
        "wrong model name": lambda: EmbeddingClient(base_url, "no-such-model", max_retries=0).embed(["x"]),
        "server not running": lambda: EmbeddingClient(NOWHERE, model, max_retries=0).embed(["x"]),
    }
    out = {}
    for label, call in cases.items():
        try:
            call()
            out[label] = "no error?!"
        except Exception as exc:  # noqa: BLE001 - every error type is printed on purpose
            out[label] = f"{type(exc).__name__}: {exc}"
        print(f"{label}: {out[label]}")
    return out


def per_round_ratios(rounds: Rounds) -> dict[str, list[float]]:
    """Each comparison of :data:`COMPARISONS` whose two variants ran, as per-round throughput ratios."""
    return {k: rounds.ratio(a, b) for k, (a, b) in COMPARISONS.items() if {a, b} <= set(rounds.seconds)}


def benchmark_table(rounds: Rounds) -> pd.DataFrame:
    """Texts per second per variant (median, lowest and highest round) and the median per-round ratio
    to one request per text and, when it ran, to the in-process call."""
    import pandas as pd

    rows = {}
    for name in rounds.seconds:
        rate = rounds.rate(name)
        row = {"texts/s (median)": np.median(rate), "lowest round": min(rate), "highest round": max(rate)}
        row["x one-per-text"] = np.median(rounds.ratio(name, BASE))
        if "in-process" in rounds.seconds:
            row["x in-process"] = np.median(rounds.ratio(name, "in-process"))
        rows[name] = row
    table = pd.DataFrame(rows).T
    return table.round({c: 1 if c.startswith(("texts", "lowest", "highest")) else 2 for c in table.columns})


def plot(table: pd.DataFrame, title: str) -> None:
    """Median texts per second per variant, with each bar's range of rounds."""
    import matplotlib.pyplot as plt

    med = table["texts/s (median)"]
    err = np.vstack([med - table["lowest round"], table["highest round"] - med])
    colors = ["#c44e52" if name.startswith(SINGLE) else "#4c72b0" for name in table.index]
    fig, ax = plt.subplots(figsize=(7, 3))
    ax.barh(table.index, med, xerr=err, color=colors, capsize=3)
    ax.set_xlabel("texts per second, median of the rounds; whiskers: lowest and highest round")
    ax.set_title(title)
    ax.invert_yaxis()
    fig.tight_layout()
    plt.show()


def verdict_sentences(ratios: Mapping[str, Sequence[float]], concurrency: int) -> list[str]:
    """One sentence per comparison, each word ("faster", "slower", "no clear difference") from the rounds."""
    said = {
        "batched_vs_single": "Batched base64 requests against one request per text",
        "pooled_vs_new_client": "One pooled client against a new client per request (one text each)",
        "base64_vs_float": "base64 transport against float JSON (batched)",
        "async_vs_batched": f"Async with {concurrency} batches in flight against batches one after the other",
        "float_http_vs_inprocess": "Batched float JSON over HTTP against the model called in this kernel",
        "base64_http_vs_inprocess": "Batched base64 over HTTP against the model called in this kernel",
    }
    lines = []
    for key, r in ratios.items():
        word = faster_or_slower(r)
        line = f"{said[key]}: {word} ({judge(r, '>', 1.0).rounds_text()})"
        if key.endswith("_vs_inprocess") and word == "faster":
            line += "; in this run the in-process call was not an upper bound on throughput"
        lines.append(line + ".")
    return lines


def results_record(
    settings: Settings,
    checks: LessonChecks,
    rounds: Rounds,
    tol: VectorTolerances,
    **numbers: Any,
) -> dict[str, Any]:
    """What ``runs/results/01_serve_and_embed.json`` holds: the run's settings, per-round throughputs and
    ratios, their verdicts, the vector checks' numbers and bounds, and every lesson check."""
    ratios = per_round_ratios(rounds)
    return {
        "mode": settings.mode,
        "model": settings.model_name,
        "smoke": settings.smoke,
        **numbers,
        "tolerances": {"norm": tol.norm, "element": tol.element, "cosine": tol.cosine, "why": tol.why},
        "rounds": rounds.n,
        "texts_per_s": {name: rounds.rate(name) for name in rounds.seconds},
        "timings": rounds.as_dict(),
        "ratios": ratios,
        "words": {k: faster_or_slower(r) for k, r in ratios.items()},
        "lesson_checks": checks.as_dicts(),
    }
