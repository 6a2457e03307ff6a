"""Run the whole course headless and summarise its results: ``python -m utils.course``.

What ``make course`` calls. Each notebook runs with papermill (executed copies go to
``runs/executed/``, which git ignores, with their progress bars saved as final text by
:mod:`utils.course.saved_outputs`); then ``runs/summary.md`` collects the key results that each
notebook wrote to ``runs/results/<notebook>.json``, and ``runs/timings.json`` records how long each
took, on which machine and in which mode. ``python -m utils.course --readme-table`` turns those
timings into the README's notebook table (``--write-readme`` rewrites README.md), so the table's
CPU and GPU columns come from a run, never from memory. Notebooks whose name starts with ``_``
(``notebooks/_template.ipynb``) are not part of the course. See CONTRIBUTING.md.

A failed notebook does not stop the run (a notebook that needs its results is skipped, saying why);
the run ends with a table of outcomes (:mod:`utils.course.progress`), and a notebook that passed
before is not re-run while nothing it depends on has changed (:mod:`utils.course.fingerprint`).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from utils.course.kernels import papermill_kwargs
from utils.course.progress import (
    PASSED,
    SKIPPED,
    UNCHANGED,
    Heartbeat,
    Outcome,
    expected_times,
    failure_outcome,
    format_minutes,
    outcome_table,
    passed_outcome,
    verdict_line,
)
from utils.course.saved_outputs import settle_file
from utils.paths import REPO_ROOT


def notebooks(folder: Path | None = None) -> list[Path]:
    """The course's notebooks in reading order (``NN_slug.ipynb``; ``_template.ipynb`` and other ``_*`` are not)."""
    return sorted((folder or REPO_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def _flatten(prefix: str, value: Any, out: dict[str, Any], depth: int = 0) -> None:
    if isinstance(value, dict) and depth < 3:
        for k, v in value.items():
            _flatten(f"{prefix}.{k}" if prefix else str(k), v, out, depth + 1)
    elif isinstance(value, (int, float, str, bool)) or value is None:
        out[prefix] = value


def summarise(runs_dir: Path, timings: dict[str, float] | None = None, outcomes: list[Outcome] | None = None) -> str:
    """A Markdown summary: the run's outcome table (when given), then every notebook's JSON results
    (scalars, up to three levels deep)."""
    lines = ["# Course run summary", ""]
    if outcomes is not None:
        lines += [verdict_line(outcomes), "", outcome_table(outcomes), "", "## Key results", ""]
    results = sorted((runs_dir / "results").glob("*.json"))
    if not results:
        return "\n".join(lines + ["No results found: did the notebooks run?", ""])
    for path in results:
        try:  # a file in results/ that no notebook wrote (or a broken one) is named, not fatal to the summary
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            data = exc
        if not isinstance(data, dict):
            why = f"{type(data).__name__}: {data}" if isinstance(data, Exception) else "not a JSON object"
            lines += [f"## {path.stem}", "", f"{path} could not be read as a notebook's results ({why}); left as "
                      "it is. If a notebook of the course wrote it, run that notebook again.", ""]
            continue
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


def smoke_parameters(notebook: str) -> dict[str, Any]:
    """The papermill parameters of a smoke run of ``notebook`` (its stem): ``SMOKE=True`` and nothing else.

    Each notebook's smoke sizes live in one place, its cell right after the ``parameters`` cell, so
    ``make course-smoke``, the tests and a reader passing ``-p SMOKE True`` run the same sizes.
    """
    return {"SMOKE": True}


def run_course(
    runs_dir: Path,
    smoke: bool = False,
    only: list[str] | None = None,
    timeout: int = 3600,
    *,
    start: str | None = None,
    rerun: bool = False,
    folder: Path | None = None,
    root: Path | None = None,
    inputs: dict[str, dict[str, str]] | None = None,
    heartbeat: float = 60.0,
    expected: dict[str, tuple[float, str]] | None = None,
    settings: Any = None,
) -> list[Outcome]:
    """Execute the notebooks in order with papermill and return one :class:`Outcome` per notebook.

    A failure does not stop the run: every later notebook whose inputs exist still runs, and one whose
    input is another notebook's results record (:data:`~utils.course.fingerprint.NOTEBOOK_INPUTS`) is
    skipped, saying why, when that record is missing or its notebook failed in this run. A notebook that
    passed before is skipped as "unchanged" while its fingerprint (:mod:`utils.course.fingerprint`) is
    the same, unless ``rerun``. ``only``: notebook prefixes; ``start``: the first notebook (``"05"``).
    ``folder``/``root``/``inputs`` default to the course's own (tests pass tiny notebooks). While a
    notebook runs, a line every ``heartbeat`` seconds (0: none) gives its elapsed and ``expected`` time.
    """
    import papermill as pm

    from utils.course import fingerprint as fp
    from utils.course.lessons import FAILURES_ENV
    from utils.course.results import FinetuneRecord, IndexChoice, ResultsError, load_record, results_path

    root = root or REPO_ROOT
    os.environ["EMB_RUNS_DIR"] = str(runs_dir)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if os.environ.get("EMB_MODEL"):  # the kernels run in notebooks/: resolve against the caller's directory now
        from utils.serving.settings import resolve_model_path

        os.environ["EMB_MODEL"] = resolve_model_path(os.environ["EMB_MODEL"])
    executed = runs_dir / "executed"
    executed.mkdir(parents=True, exist_ok=True)
    state_path = runs_dir / "course_state.json"
    state: dict[str, Any] = json.loads(state_path.read_text()) if state_path.is_file() else {}
    records = {cls.NOTEBOOK: cls for cls in (IndexChoice, FinetuneRecord)}
    expected = expected or {}
    is_smoke = smoke or bool(getattr(settings, "smoke", False))
    chosen = [
        nb for nb in notebooks(folder)
        if (not only or any(nb.stem.startswith(o) for o in only)) and (not start or nb.stem >= start)
    ]
    outcomes: dict[str, Outcome] = {}
    for i, nb in enumerate(chosen, 1):
        name = nb.stem
        parameters = smoke_parameters(name) if smoke else {}
        guess = expected.get(name)
        hint = f"expected ~{format_minutes(guess[0])}, from {guess[1]}" if guess else "no expected time yet"
        print(f"==> [{i}/{len(chosen)}] {nb.name} ({hint})", flush=True)
        missing = ""
        needed = fp.inputs_needed(name, parameters, is_smoke, inputs)
        for upstream in needed:
            if upstream in outcomes and not outcomes[upstream].ok:
                missing = f"needs the results of {upstream}, which {outcomes[upstream].status} in this run"
            elif "failed_at" in state.get(upstream, {}):
                missing = f"needs the results of {upstream}, whose last run failed ({state[upstream]['failed_at']}): run it again first"
            elif upstream in records and settings is not None:
                try:
                    load_record(runs_dir, upstream, records[upstream], mode=settings.mode,
                                model=settings.model_name, allow_smoke=is_smoke)
                except ResultsError as exc:
                    missing = f"needs the results of {upstream}: {exc}"
            elif not results_path(runs_dir, upstream).is_file():
                missing = f"needs the results of {upstream}: none at {results_path(runs_dir, upstream)}; run it first"
            if missing:
                break
        if missing:
            outcomes[name] = Outcome(name, SKIPPED, None, missing)
            print(f"    skipped: {missing}", flush=True)
            continue
        upstream_runs = json.dumps({u: state.get(u) for u in needed}, sort_keys=True)  # a re-run upstream re-runs this
        key = fp.fingerprint(nb, parameters, root, [results_path(runs_dir, u) for u in needed], extra=upstream_runs)
        before = state.get(name, {})
        out = executed / nb.name
        if (
            not rerun
            and before.get("fingerprint") == key
            and out.is_file()
            and (not before.get("results") or results_path(runs_dir, name).is_file())
        ):
            when = before.get("passed_at", "an earlier run")
            outcomes[name] = Outcome(name, UNCHANGED, before.get("seconds"), f"passed {when}; unchanged since, not re-run")
            print(f"    skipped: passed {when} and nothing it depends on has changed (--rerun runs it again)", flush=True)
            continue
        failures = runs_dir / "lesson_failures" / f"{name}.json"
        failures.parent.mkdir(parents=True, exist_ok=True)
        failures.unlink(missing_ok=True)
        os.environ[FAILURES_ENV] = str(failures)
        t0 = time.perf_counter()
        try:
            with Heartbeat(name, guess[0] if guess else None, out, every=heartbeat):
                pm.execute_notebook(
                    str(nb), str(out), parameters=parameters, cwd=str(nb.parent), kernel_name="python3",
                    execution_timeout=timeout, progress_bar=False, log_output=False, **papermill_kwargs(),
                )
            outcome = passed_outcome(name, time.perf_counter() - t0, results_path(runs_dir, name))
        except Exception as exc:  # papermill raises PapermillExecutionError with the failing cell
            outcome = failure_outcome(name, exc, time.perf_counter() - t0, failures)
        finally:
            os.environ.pop(FAILURES_ENV, None)
            if out.is_file():  # progress bars as their final text, not frozen at 0% (a failed run's copy too)
                settle_file(out)
        outcomes[name] = outcome
        took = format_minutes(outcome.seconds or 0) + (f" (expected ~{format_minutes(guess[0])})" if guess else "")
        if outcome.ok:
            state[name] = {"fingerprint": key, "passed_at": time.strftime("%Y-%m-%d %H:%M"),
                           "seconds": round(outcome.seconds or 0, 1), "results": results_path(runs_dir, name).is_file()}
            print(f"    {name} passed in {took} -> {out}", flush=True)
        else:
            state[name] = {"failed_at": time.strftime("%Y-%m-%d %H:%M")}
            print(f"    {name} FAILED after {took}: {outcome.detail}\n    executed copy: {out}", flush=True)
        state_path.write_text(json.dumps(state, indent=2, sort_keys=True))
    return list(outcomes.values())


def machine() -> dict[str, Any]:
    """What the timings were measured on: CPU cores, memory and, if there is one, the GPU."""
    info: dict[str, Any] = {"cpus": os.cpu_count() or 1, "platform": platform.platform(terse=True)}
    try:
        kib = next(int(x.split()[1]) for x in open("/proc/meminfo") if x.startswith("MemTotal:"))
        info["memory_gib"] = round(kib / 2**20)
    except (OSError, StopIteration, ValueError):
        pass
    smi = shutil.which("nvidia-smi")
    if smi:
        r = subprocess.run([smi, "--query-gpu=name", "--format=csv,noheader"], capture_output=True, text=True)
        if r.returncode == 0 and r.stdout.strip():
            info["gpu"] = r.stdout.strip().splitlines()[0]
    return info


def record_timings(runs_dir: Path, timings: dict[str, float], mode: str, smoke: bool) -> Path:
    """Merge this run's seconds per notebook into ``runs/timings.json``, kept per run kind.

    The kind is the mode, with ``-smoke`` for smoke runs (``{"cpu": {"00_setup": {...}}, "cpu-smoke": ...}``),
    so a smoke or GPU run never overwrites the CPU timings; a ``--only`` run updates its rows.
    """
    path = runs_dir / "timings.json"
    data = json.loads(path.read_text()) if path.is_file() else {}
    kind = data.setdefault(mode + ("-smoke" if smoke else ""), {})
    when = time.strftime("%Y-%m-%d")
    for name, seconds in timings.items():
        kind[name] = {"seconds": round(seconds, 1), "date": when, **machine()}
    path.write_text(json.dumps(data, indent=2, sort_keys=True))
    return path


def format_duration(seconds: float) -> str:
    """README style: "11 s" under a minute, else minutes to the half ("1.5 min", "9.5 min")."""
    if seconds < 59.5:
        return f"{seconds:.0f} s"
    minutes = round(seconds / 30) / 2
    return f"{minutes:g} min"


_TABLE_HEAD = "| notebook | goal |"


def _title(nb: Path) -> str:
    """The goal for a new README row: the notebook's title after "NN · Name:"."""
    source = json.loads(nb.read_text(encoding="utf-8"))["cells"][0]["source"]
    first = ("".join(source) if isinstance(source, list) else source).splitlines()[0]
    return first.split(":", 1)[1].strip() if ":" in first else first.lstrip("# ").strip()


def readme_table(
    readme: str, timings: dict[str, dict[str, dict[str, Any]]], folder: Path | None = None
) -> str:
    """The README with its notebook table refreshed from ``runs/timings.json`` (see ``record_timings``).

    Full-size ``cpu`` timings fill the "CPU default" column and ``sglang`` timings the GPU column;
    smoke runs and ``openai`` mode (someone else's server) are never used. A notebook missing from
    the table gets a row (goal: its title); the "CPU times:" caption is rewritten from the CPU run.
    """
    columns = {2: timings.get("cpu", {}), 3: timings.get("sglang", {})}
    if not any(columns.values()):
        raise ValueError(
            f"no full-size cpu or sglang timings (found {sorted(timings) or 'none'}): run `make course` "
            "(full size, cpu or sglang mode) before refreshing the README table"
        )
    lines = readme.splitlines()
    try:
        start = next(i for i, line in enumerate(lines) if line.startswith(_TABLE_HEAD))
    except StopIteration:
        raise ValueError(f"README has no notebook table (a line starting {_TABLE_HEAD!r})") from None
    end = start + 2
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    rows = {re.search(r"\[([^\]]+)\]", line).group(1): line for line in lines[start + 2 : end]}
    for nb in notebooks(folder):
        if nb.stem not in rows:
            rows[nb.stem] = (
                f"| [{nb.stem}](notebooks/{nb.name}) | {_title(nb)} | not yet measured | not yet measured |"
            )
    for col, entries in columns.items():
        for name, t in entries.items():
            if name in rows:
                cells = rows[name].strip("|").split("|")
                cells[col] = f" {format_duration(t['seconds'])} "
                rows[name] = "|" + "|".join(cells) + "|"
    lines[start + 2 : end] = [rows[k] for k in sorted(rows)]
    text = "\n".join(lines) + ("\n" if readme.endswith("\n") else "")
    cpu = list(columns[2].values())
    if cpu:
        total = sum(t["seconds"] for t in cpu) / 60
        memory = f" with {cpu[0]['memory_gib']} GiB of memory" if "memory_gib" in cpu[0] else ""
        caption = (
            f"CPU times: one `make course` run (about {total:.0f} minutes in all) on a "
            f"{cpu[0]['cpus']}-core machine{memory},\n{max(t['date'] for t in cpu)}."
        )
        text = re.sub(
            r"CPU times: one `make course` run .*?\d{4}-\d{2}-\d{2}\.", caption, text, count=1, flags=re.S
        )
    return text


def text_copies(out_dir: Path, folder: Path | None = None) -> list[Path]:
    """Percent-format ``.py`` copies of every notebook (the template too) under ``out_dir``, via jupytext.

    For reading and diffing a notebook as text (``make notebooks-text``); the ``.ipynb`` stays the source.
    Notebook-level metadata is left out so that the copies differ only where the cells do.
    """
    import jupytext

    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for nb_path in sorted((folder or REPO_ROOT / "notebooks").glob("*.ipynb")):
        nb = jupytext.read(nb_path)
        nb.metadata.setdefault("jupytext", {})["notebook_metadata_filter"] = "-all"
        path = out_dir / f"{nb_path.stem}.py"
        jupytext.write(nb, path, fmt="py:percent")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m utils.course", description="Run every notebook headless and write runs/summary.md."
    )
    p.add_argument("--runs-dir", default=os.environ.get("EMB_RUNS_DIR", str(REPO_ROOT / "runs")))
    p.add_argument("--smoke", action="store_true", help="tiny sizes, as CI runs them")
    p.add_argument("--only", nargs="*", help="notebook prefixes to run, e.g. 00 01")
    p.add_argument("--from", dest="start", metavar="NN", help="start at notebook NN (e.g. 05); earlier ones are not run")
    p.add_argument(
        "--rerun", action="store_true", help="run every chosen notebook, even one that passed and has not changed since"
    )
    p.add_argument(
        "--heartbeat", type=float, default=60.0, metavar="S",
        help="seconds between the progress lines of a running notebook (0: none; default 60)",
    )
    p.add_argument(
        "--readme-table",
        action="store_true",
        help="run nothing: print README.md's notebook table refreshed from <runs-dir>/timings.json",
    )
    p.add_argument(
        "--write-readme", action="store_true", help="with --readme-table: rewrite README.md in place"
    )
    p.add_argument(
        "--notebooks-text",
        metavar="DIR",
        type=Path,
        help="run nothing: write percent-format .py copies of the notebooks to DIR (jupytext)",
    )
    a = p.parse_args(argv)
    runs = Path(a.runs_dir).resolve()
    if a.notebooks_text:
        for path in text_copies(a.notebooks_text):
            print(path)
        return 0
    if a.readme_table:
        path = runs / "timings.json"
        if not path.is_file():
            print(f"error: no {path}: run `make course` first", file=sys.stderr)
            return 1
        readme = REPO_ROOT / "README.md"
        try:
            text = readme_table(readme.read_text(), json.loads(path.read_text()))
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        table = [line for line in text.splitlines() if line.startswith("|") and "notebooks/" in line]
        print("\n".join(table))
        if a.write_readme:
            readme.write_text(text)
            print(f"updated {readme}")
        return 0
    from utils.serving.settings import get_settings

    settings = get_settings(smoke=True if a.smoke else None)
    kind = settings.mode + ("-smoke" if settings.smoke else "")
    expected = expected_times(runs / "timings.json", kind, REPO_ROOT / "README.md")
    outcomes = run_course(
        runs, smoke=a.smoke, only=a.only, start=a.start, rerun=a.rerun,
        heartbeat=a.heartbeat, expected=expected, settings=settings,
    )
    if not outcomes:
        print(f"error: no notebook matches --only {a.only} / --from {a.start}", file=sys.stderr)
        return 2
    return report(runs, outcomes, settings.mode, settings.smoke)


def report(runs: Path, outcomes: list[Outcome], mode: str, smoke: bool) -> int:
    """After a run: record the passed notebooks' times, write ``runs/summary.md`` (outcome table, then
    key results), print the table; 1 if any notebook failed or was skipped for a missing input, else 0."""
    timings = {o.notebook: o.seconds for o in outcomes if o.status == PASSED and o.seconds is not None}
    if timings:
        record_timings(runs, timings, mode, smoke)
    summary = runs / "summary.md"
    summary.write_text(summarise(runs, {o.notebook: o.seconds for o in outcomes if o.seconds is not None}, outcomes))
    print("\n" + outcome_table(outcomes) + "\n\n" + verdict_line(outcomes) + f" Summary: {summary}", flush=True)
    if any(not o.ok for o in outcomes):
        print(
            f"Executed copies (with the failing cell's output) are under {runs / 'executed'}. After a fix, "
            "`python -m utils.course` again re-runs only what changed or did not pass.",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
