"""Run the whole course headless and summarise its results: ``python -m utils.course``.

What ``make course`` calls. Each notebook runs with papermill (executed copies go to
``runs/executed/``, which git ignores); then ``runs/summary.md`` collects the key results that each
notebook wrote to ``runs/results/<notebook>.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from utils.settings import REPO_ROOT


def notebooks(folder: Path | None = None) -> list[Path]:
    """The course's notebooks in reading order (``NN_slug.ipynb``)."""
    return sorted((folder or REPO_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def _flatten(prefix: str, value: Any, out: dict[str, Any], depth: int = 0) -> None:
    if isinstance(value, dict) and depth < 3:
        for k, v in value.items():
            _flatten(f"{prefix}.{k}" if prefix else str(k), v, out, depth + 1)
    elif isinstance(value, (int, float, str, bool)) or value is None:
        out[prefix] = value


def summarise(runs_dir: Path, timings: dict[str, float] | None = None) -> str:
    """A Markdown summary of every notebook's JSON results (scalars, up to three levels deep)."""
    lines = ["# Course run summary", ""]
    results = sorted((runs_dir / "results").glob("*.json"))
    if not results:
        return "\n".join(lines + ["No results found: did the notebooks run?", ""])
    for path in results:
        data = json.loads(path.read_text())
        name = data.get("notebook", path.stem)
        took = f" ({timings[name]:.0f} s)" if timings and name in timings else ""
        lines += [f"## {name}{took}", "", "| key | value |", "|---|---|"]
        flat: dict[str, Any] = {}
        _flatten("", {k: v for k, v in data.items() if k not in ("notebook",)}, flat)
        for k, v in list(flat.items())[:40]:
            shown = f"{v:.4g}" if isinstance(v, float) else str(v)
            lines.append(f"| {k} | {shown} |")
        if len(flat) > 40:
            lines.append(f"| ... | {len(flat) - 40} more in {path.name} |")
        lines.append("")
    return "\n".join(lines)


def run_course(
    runs_dir: Path, smoke: bool = False, only: list[str] | None = None, timeout: int = 3600
) -> dict[str, float]:
    """Execute the notebooks in order with papermill; returns seconds per notebook. Stops at the first failure."""
    import papermill as pm

    os.environ["EMB_RUNS_DIR"] = str(runs_dir)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    executed = runs_dir / "executed"
    executed.mkdir(parents=True, exist_ok=True)
    timings: dict[str, float] = {}
    for nb in notebooks():
        if only and not any(nb.stem.startswith(o) for o in only):
            continue
        print(f"==> {nb.name}", flush=True)
        t0 = time.perf_counter()
        pm.execute_notebook(
            str(nb),
            str(executed / nb.name),
            parameters={"SMOKE": True} if smoke else {},
            cwd=str(nb.parent),
            kernel_name="python3",
            execution_timeout=timeout,
            progress_bar=True,
        )
        timings[nb.stem] = time.perf_counter() - t0
        print(f"    done in {timings[nb.stem]:.0f} s -> {executed / nb.name}", flush=True)
    return timings


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m utils.course", description="Run every notebook headless and write runs/summary.md."
    )
    p.add_argument("--runs-dir", default=os.environ.get("EMB_RUNS_DIR", str(REPO_ROOT / "runs")))
    p.add_argument("--smoke", action="store_true", help="tiny sizes, as CI runs them")
    p.add_argument("--only", nargs="*", help="notebook prefixes to run, e.g. 00 01")
    a = p.parse_args(argv)
    runs = Path(a.runs_dir).resolve()
    try:
        timings = run_course(runs, smoke=a.smoke, only=a.only)
    except Exception as exc:  # papermill raises PapermillExecutionError with the failing cell
        print(
            f"\nThe course run stopped: {exc}\nThe executed copy under {runs / 'executed'} shows the failing cell.",
            file=sys.stderr,
        )
        return 1
    summary = runs / "summary.md"
    summary.write_text(summarise(runs, timings))
    print(f"\nAll notebooks ran. Key results: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
