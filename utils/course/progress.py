"""What the course runner says while it runs and when it ends: a heartbeat per notebook, the outcome table.

Used by :mod:`utils.course.run` (``python -m utils.course``). While a notebook runs, a line every minute
gives its elapsed time, the time it is expected to take (from ``runs/timings.json`` of an earlier run of
the same kind, else the README's notebook table) and the cell it is in; once it is well past that time,
one line says so. At the end, a table: each notebook, passed or failed (the failed lesson with its
measured value and bound, or the error), or skipped and why, and its time.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: outcome statuses; "unchanged" is a pass from an earlier run that was not repeated
PASSED, FAILED, SKIPPED, UNCHANGED = "passed", "failed", "skipped", "unchanged"


@dataclass
class Outcome:
    """One notebook's line in the course run's table."""

    notebook: str
    status: str
    seconds: float | None = None
    detail: str = ""
    failed_checks: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status in (PASSED, UNCHANGED)


def format_minutes(seconds: float) -> str:
    """``"45 s"`` under a minute, else minutes with one decimal below ten (``"6.5 min"``), whole above."""
    if seconds < 60:
        return f"{seconds:.0f} s"
    minutes = seconds / 60
    return f"{minutes:.1f} min" if minutes < 10 else f"{minutes:.0f} min"


# --- why a notebook failed ------------------------------------------------------------------------

_CHECK_LINE = re.compile(
    r"^(?:lesson failed: )?(?P<lesson>.+): measured (?P<measured>\S+) (?P<op>[<>]=?) (?P<bound>\S+) "
    r"\(margin \S+\) FAILED"
)


def _number(text: str) -> float | str:
    try:
        return float(text)
    except ValueError:
        return text


def checks_from_text(text: str) -> list[dict[str, Any]]:
    """Failed lesson checks found in an error message (the lines :class:`~utils.course.lessons.Check` writes)."""
    found = []
    for line in text.splitlines():
        m = _CHECK_LINE.match(line.strip())
        if m:
            found.append({"lesson": m["lesson"], "measured": _number(m["measured"]), "op": m["op"], "bound": _number(m["bound"])})
    return found


def describe_check(check: dict[str, Any]) -> str:
    """``"lesson: measured 0.9459, needs > 1.2"``."""

    def show(x: Any) -> str:
        return f"{x:.4g}" if isinstance(x, float) else str(x)

    return f"{check['lesson']}: measured {show(check['measured'])}, needs {check['op']} {show(check['bound'])}"


def failure_outcome(notebook: str, exc: BaseException, seconds: float, failures_file: Path | None) -> Outcome:
    """The outcome of a notebook whose run raised ``exc``.

    A failed lesson is read from the JSON that :mod:`utils.course.lessons` writes (``failures_file``),
    else from the error text; any other error gives its type and first line.
    """
    checks: list[dict[str, Any]] = []
    if failures_file is not None and failures_file.is_file():
        try:
            checks = json.loads(failures_file.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            checks = []
    ename = getattr(exc, "ename", None) or type(exc).__name__
    evalue = str(getattr(exc, "evalue", None) or exc)
    if not checks and ename == "AssertionError":
        checks = checks_from_text(evalue)
    if checks:
        detail = "failed lesson: " + "; ".join(describe_check(c) for c in checks)
    else:
        first = next((line.strip() for line in evalue.splitlines() if line.strip()), "")
        cell = getattr(exc, "exec_count", None)
        where = f" (cell [{cell}])" if cell else ""
        detail = f"{ename}{where}: {first}"[:300]
    return Outcome(notebook, FAILED, seconds, detail, checks)


def inconclusive_checks(results: Any) -> list[dict[str, Any]]:
    """The lesson checks recorded as inconclusive anywhere in a notebook's results (``outcome`` of
    :meth:`~utils.course.lessons.Check.as_dict`): measurements a busy machine could not decide."""
    found: list[dict[str, Any]] = []
    if isinstance(results, dict):
        if results.get("outcome") == "inconclusive" and "lesson" in results:
            return [results]
        for value in results.values():
            found += inconclusive_checks(value)
    elif isinstance(results, list):
        for value in results:
            found += inconclusive_checks(value)
    return found


def passed_outcome(notebook: str, seconds: float, results_file: Path) -> Outcome:
    """A notebook that ran to the end: passed, with any inconclusive check named in the details."""
    try:
        results = json.loads(results_file.read_text(encoding="utf-8")) if results_file.is_file() else {}
    except (OSError, json.JSONDecodeError):
        results = {}
    undecided = inconclusive_checks(results)
    detail = "; ".join(f"inconclusive: {c['lesson']}: {c.get('inconclusive') or 'undecided'}" for c in undecided)
    return Outcome(notebook, PASSED, seconds, detail)


# --- the table --------------------------------------------------------------------------------------


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def outcome_table(outcomes: list[Outcome]) -> str:
    """The Markdown table of a course run: notebook | result | details | time."""
    lines = ["| notebook | result | details | time |", "|---|---|---|---|"]
    for o in outcomes:
        took = format_minutes(o.seconds) if o.seconds is not None else "-"
        lines.append(f"| {o.notebook} | {o.status} | {_cell(o.detail)} | {took} |")
    return "\n".join(lines)


def verdict_line(outcomes: list[Outcome]) -> str:
    """One sentence: how many passed, failed, were skipped (and which failed)."""
    count = {s: [o.notebook for o in outcomes if o.status == s] for s in (PASSED, UNCHANGED, FAILED, SKIPPED)}
    undecided = [o.notebook for o in outcomes if o.status == PASSED and "inconclusive:" in o.detail]
    parts = [f"{len(count[PASSED])} passed"]
    if undecided:
        parts[0] += f" ({len(undecided)} with an inconclusive check: {', '.join(undecided)})"
    if count[UNCHANGED]:
        parts.append(f"{len(count[UNCHANGED])} unchanged since they passed (not re-run)")
    if count[FAILED]:
        parts.append(f"{len(count[FAILED])} failed ({', '.join(count[FAILED])})")
    if count[SKIPPED]:
        parts.append(f"{len(count[SKIPPED])} skipped ({', '.join(count[SKIPPED])})")
    return ", ".join(parts) + "."


# --- expected times -----------------------------------------------------------------------------------

_README_ROW = re.compile(r"^\|\s*\[(?P<name>[^\]]+)\]\([^)]*\)[^|]*\|[^|]*\|\s*(?P<cpu>[^|]+?)\s*\|")


def parse_duration(text: str) -> float | None:
    """Seconds from the README's ``"16 s"`` / ``"8 min"`` / ``"1.5 min"``; None for anything else."""
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(s|min)", text.strip())
    if not m:
        return None
    return float(m[1]) * (60 if m[2] == "min" else 1)


def expected_times(timings_path: Path, kind: str, readme: Path | None = None) -> dict[str, tuple[float, str]]:
    """Notebook -> (expected seconds, where that figure comes from), for runs of ``kind`` (``cpu``, ``cpu-smoke``...).

    From ``timings.json`` (what ``record_timings`` wrote for that kind); for a full-size ``cpu`` run, the
    README's "CPU default" column fills in notebooks that file lacks.
    """
    out: dict[str, tuple[float, str]] = {}
    if kind == "cpu" and readme is not None and readme.is_file():
        for line in readme.read_text(encoding="utf-8").splitlines():
            m = _README_ROW.match(line)
            if m and (seconds := parse_duration(m["cpu"])) is not None:
                out[m["name"]] = (seconds, "README")
    if timings_path.is_file():
        try:
            data = json.loads(timings_path.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            data = {}
        for name, entry in data.get(kind, {}).items():
            if isinstance(entry, dict) and isinstance(entry.get("seconds"), (int, float)):
                out[name] = (float(entry["seconds"]), f"{timings_path.name}, {entry.get('date', 'undated')}")
    return out


def well_past(elapsed: float, expected: float) -> bool:
    """Past 1.5x the expected time and at least 2 minutes over it."""
    return elapsed > max(1.5 * expected, expected + 120)


def cell_position(executed: Path) -> str:
    """``"cell 12 of 40"`` from the copy papermill saves as it goes (saved at each cell's start); "" if unreadable."""
    try:
        cells = json.loads(executed.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError, TypeError):
        return ""
    code = [c for c in cells if c.get("cell_type") == "code"]
    started = [i for i, c in enumerate(code) if c.get("metadata", {}).get("papermill", {}).get("start_time")]
    return f"cell {started[-1] + 1} of {len(code)}" if started else ""


def heartbeat_line(notebook: str, elapsed: float, expected: float | None, where: str = "") -> str:
    """``"04_lora_finetune: 6 min, expected ~8 min (cell 23 of 41)"``, with a warning once well past it."""
    line = f"{notebook}: {format_minutes(elapsed)}"
    line += f", expected ~{format_minutes(expected)}" if expected else ", no expected time yet"
    if where:
        line += f" ({where})"
    if expected and well_past(elapsed, expected):
        line += (
            " -- WELL PAST the expected time: the machine may be busy (see `uptime`) or a cell may be stuck;"
            " the cell timeout stops it"
        )
    return line


class Heartbeat:
    """Prints :func:`heartbeat_line` every ``every`` seconds from a thread, while a ``with`` block runs."""

    def __init__(
        self,
        notebook: str,
        expected: float | None,
        executed: Path,
        every: float = 60.0,
        say: Callable[[str], None] = print,
    ) -> None:
        self.notebook, self.expected, self.executed, self.every, self.say = notebook, expected, executed, every, say
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, daemon=True)
        self.start = time.perf_counter()

    def _beat(self) -> None:
        while not self._stop.wait(self.every):
            elapsed = time.perf_counter() - self.start
            self.say("    " + heartbeat_line(self.notebook, elapsed, self.expected, cell_position(self.executed)))

    def __enter__(self) -> Heartbeat:
        self.start = time.perf_counter()
        if self.every > 0:
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
