"""A notebook's lesson asserts, each recorded with its measured value, bound and margin.

Introduced in notebook 01_serve_and_embed; used by 02. A lesson assert is only worth having if it
could fail when the lesson were false, so each one states what it measured and by how much it passed:

    checks = LessonChecks()
    checks.expect("batching beats one request per text", ratio, ">", 1.2)
    display(checks.table())        # every check, its margin, passed or not
    checks.verify()                # AssertionError naming every failed lesson
    save_results(..., {"lesson_checks": checks.as_dicts()})

A check whose measurement cannot decide (timings on a busy machine: :mod:`utils.course.timing`) is
recorded with ``inconclusive="why, and the command that measures again"``: it is neither passed nor
failed, and :meth:`LessonChecks.verify` does not fail on it.
"""

from __future__ import annotations

import json
import math
import operator
import os
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

_OPS: dict[str, Callable[[float, float], bool]] = {
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
}

#: When set (``python -m utils.course`` sets it per notebook), a failing check is also written to this
#: file as JSON (a list of :meth:`Check.as_dict`), so the course runner can name the failed lesson,
#: its measured value and its bound without parsing the error text.
FAILURES_ENV = "EMB_LESSON_FAILURES"


def plain_number(x: float) -> str:
    """``x`` without an exponent, at least four decimals and four significant digits: 0.1234, 31, 0.00001."""
    if not math.isfinite(x):
        return str(x)
    if x == int(x) and abs(x) < 1e12:
        return str(int(x))
    digits = max(4, 3 - math.floor(math.log10(abs(x))))
    return f"{x:.{min(digits, 12)}f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class Check:
    """One lesson assert: ``measured op bound``. ``margin`` is how far inside the bound it landed
    (negative when it failed), in the measured quantity's units."""

    lesson: str
    measured: float
    op: str
    bound: float
    inconclusive: str = ""  # why the measurement cannot decide (then neither passed nor failed)

    @property
    def margin(self) -> float:
        return self.measured - self.bound if self.op in (">", ">=") else self.bound - self.measured

    @property
    def passed(self) -> bool:
        if self.inconclusive or not math.isfinite(self.measured):
            return False
        return _OPS[self.op](self.measured, self.bound)

    @property
    def outcome(self) -> str:
        """``"passed"``, ``"failed"`` or ``"inconclusive"``."""
        return "inconclusive" if self.inconclusive else "passed" if self.passed else "failed"

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "margin": self.margin, "passed": self.passed, "outcome": self.outcome}

    def __str__(self) -> str:
        verdict = {"passed": "ok", "failed": "FAILED"}.get(self.outcome, self.inconclusive)
        measured = f"measured {self.measured:.4g} {self.op} {self.bound:.4g} (margin {self.margin:+.4g})"
        return f"{self.lesson}: {measured} {verdict}"


class LessonChecks:
    """Collects :class:`Check` records; :meth:`verify` fails on any that did not hold."""

    def __init__(self) -> None:
        self.checks: list[Check] = []

    def expect(self, lesson: str, measured: float, op: str, bound: float, inconclusive: str = "") -> Check:
        """Record ``measured op bound`` for ``lesson`` (does not raise: call :meth:`verify`).

        ``inconclusive``: why this run's measurement cannot decide (recorded, never a failure).
        """
        c = check(lesson, measured, op, bound, inconclusive)
        self.checks.append(c)
        return c

    def as_dicts(self) -> list[dict[str, Any]]:
        """What the results JSON stores: lesson, measured, op, bound, inconclusive, margin, passed,
        outcome."""
        return [c.as_dict() for c in self.checks]

    def table(self) -> pd.DataFrame:
        """One row per check, the numbers written out for reading (never in scientific notation)."""
        return checks_table(self.checks)

    def verify(self) -> None:
        """Raise ``AssertionError`` listing every check that failed (none recorded is an error too).

        Inconclusive checks do not fail; each is listed in the table and the results record.
        """
        if not self.checks:
            raise AssertionError("no lesson was checked")
        verify_checks(self.checks)


def check(lesson: str, measured: float, op: str, bound: float, inconclusive: str = "") -> Check:
    """One lesson assert, ``measured op bound``, not yet enforced (:func:`verify_checks` does that)."""
    if op not in _OPS:
        raise ValueError(f"op must be one of {sorted(_OPS)}, got {op!r}")
    if not lesson.strip():
        raise ValueError("name the lesson the check asserts")
    return Check(lesson, float(measured), op, float(bound), inconclusive)


def verify_checks(checks: Sequence[Check]) -> None:
    """Raise ``AssertionError`` listing every check that failed (used by notebook 03 section by section)."""
    failed = [c for c in checks if c.outcome == "failed"]  # an inconclusive check is not a failure
    if failed:
        report_failures(failed)
        raise AssertionError("the lesson no longer holds:\n" + "\n".join(str(c) for c in failed))


def report_failures(failed: Sequence[Check], why: str = "") -> None:
    """Write ``failed`` as JSON to the file named by ``$EMB_LESSON_FAILURES``, if it is set (see FAILURES_ENV)."""
    path = os.environ.get(FAILURES_ENV)
    if path:
        with open(path, "w", encoding="utf-8") as f:
            json.dump([{**c.as_dict(), "why": why} for c in failed], f)


def checks_table(checks: Sequence[Check]) -> pd.DataFrame:
    """The checks as a table: lesson, measured, op, bound, margin, outcome (plain numbers)."""
    import pandas as pd

    columns = ["lesson", "measured", "op", "bound", "margin", "outcome"]
    frame = pd.DataFrame([c.as_dict() for c in checks], columns=columns)
    for col in ("measured", "bound", "margin"):
        frame[col] = frame[col].map(plain_number)
    return frame.set_index("lesson")


def lesson_check(lesson: str, measured: float, op: str, bound: float, why: str = "") -> dict[str, Any]:
    """Assert one lesson now and return its record for the results JSON (``why`` added).

    Introduced in notebook 04_lora_finetune; raises ``AssertionError`` with the measured value,
    the bound and ``why`` when the lesson does not hold.
    """
    c = check(lesson, measured, op, bound)
    if not c.passed:
        report_failures([c], why)
        raise AssertionError(f"lesson failed: {c}. {why}".strip())
    return {**c.as_dict(), "why": why}
