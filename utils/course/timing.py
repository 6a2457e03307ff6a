"""Timing A against B on a machine that may be busy: interleaved rounds, per-round ratios, a verdict
that says "inconclusive" instead of guessing.

Introduced in notebook 01_serve_and_embed. One timing of A and one of B, taken one after the other,
compare whatever else the machine was doing at those two moments as much as A and B. So:

* :func:`interleaved_rounds` runs every variant once per round, in the order given and then reversed,
  alternately (A B C, C B A, ...), so that no variant always runs first and the variants compared with
  each other run next to each other; each call gets inputs of its own (:func:`deal`), never an input
  another call had (a server with a cache, such as SGLang's radix cache, would otherwise be timed on
  cache hits).
* :meth:`Rounds.ratio` gives A's throughput over B's in each round, and :func:`judge` decides a claim
  such as "A is at least 1.2x B" from the median of those per-round ratios, but only when the rounds
  agree: when they spread wider (highest / lowest) than the median sits from the bound, the machine,
  not A or B, decided the rounds, and the verdict is ``"inconclusive"`` with the spread and a command
  that measures again. Such a verdict is neither a pass nor a failure. A ratio that really sits at
  its bound stays inconclusive too: no number of rounds can decide it.

    rounds = await interleaved_rounds({"batched": batched, "single": single}, deal(texts, sizes, 6))
    verdict = judge(rounds.ratio("batched", "single"), ">", 1.2)
    verdict.outcome            # "passed" | "failed" | "inconclusive"
    verdict.reason("python -m utils.course --only 01")

:func:`busy_cpu` makes the machine busy on purpose (busy loops on half the cores while a block runs), to see
what that does to the verdicts: they should turn inconclusive, never wrong.
"""

from __future__ import annotations

import inspect
import math
import operator
import os
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")

#: a judged claim needs at least this many rounds (one or two cannot show whether they agree)
MIN_ROUNDS = 3

_OPS: dict[str, Callable[[float, float], bool]] = {
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
}


def deal(
    items: Sequence[T], sizes: Mapping[str, int], rounds: int, key: Callable[[T], float] = len
) -> dict[str, list[list[T]]]:
    """Give each variant ``sizes[name]`` items of its own in each of ``rounds`` rounds, none twice.

    The items are taken evenly across the range of ``key`` (the text length, by default) and dealt so
    that every (variant, round) gets the same mix of short and long ones. Duplicates in ``items`` are
    dropped first. Raises ``ValueError`` naming how many are needed when there are not enough.
    """
    if rounds < 1 or any(n < 1 for n in sizes.values()):
        raise ValueError(f"rounds and every size must be at least 1 (rounds {rounds}, sizes {dict(sizes)})")
    unique = sorted(dict.fromkeys(items), key=key)
    quota = {(name, r): n for r in range(rounds) for name, n in sizes.items()}
    total = sum(quota.values())
    if total > len(unique):
        raise ValueError(
            f"{rounds} rounds of {dict(sizes)} need {total} distinct items, and there are {len(unique)}: "
            "lower the sizes or the number of rounds"
        )
    picked = [unique[round(i * (len(unique) - 1) / max(total - 1, 1))] for i in range(total)]
    out: dict[str, list[list[T]]] = {name: [[] for _ in range(rounds)] for name in sizes}
    for i, item in enumerate(picked):
        # the slot furthest behind its share of the items dealt so far (largest remainder)
        slot = max(quota, key=lambda s: quota[s] * (i + 1) / total - len(out[s[0]][s[1]]))
        out[slot[0]][slot[1]].append(item)
    return out


@dataclass(frozen=True)
class Rounds:
    """Seconds and items per call, per variant, in each timed round (warm-up rounds left out)."""

    seconds: dict[str, list[float]]
    counts: dict[str, list[int]]
    order: list[list[str]]  # the order the variants ran in, round by round

    @property
    def n(self) -> int:
        return len(self.order)

    def rate(self, name: str) -> list[float]:
        """Items per second of ``name`` in each round."""
        return [c / s for c, s in zip(self.counts[name], self.seconds[name], strict=True)]

    def median_rate(self, name: str) -> float:
        return statistics.median(self.rate(name))

    def ratio(self, a: str, b: str) -> list[float]:
        """``a``'s throughput over ``b``'s in each round (both measured in the same round)."""
        return [x / y for x, y in zip(self.rate(a), self.rate(b), strict=True)]

    def as_dict(self) -> dict[str, Any]:
        return {"seconds": self.seconds, "counts": self.counts, "order": self.order}


async def interleaved_rounds(
    variants: Mapping[str, Callable[[Any], Any]],
    inputs: Mapping[str, Sequence[Any]],
    warmup: int = 1,
    clock: Callable[[], float] = time.perf_counter,
) -> Rounds:
    """Time ``variants[name](inputs[name][r])`` for every round ``r``, the variants interleaved.

    A variant may return an awaitable (an ``async`` call): it is awaited inside the timing. The first
    ``warmup`` rounds run untimed (first connections, lazy loading). Rounds alternate between the order
    of ``variants`` and its reverse. ``len()`` of each input is the number of items it counts for.
    Await it in a notebook (``rounds = await interleaved_rounds(...)``), ``asyncio.run`` it in a script.
    """
    names = list(variants)
    n_rounds = {len(inputs[name]) for name in names}
    if len(n_rounds) != 1:
        raise ValueError(f"every variant needs the same number of rounds of inputs, got {n_rounds}")
    (total,) = n_rounds
    if total <= warmup:
        raise ValueError(f"{total} rounds of inputs leave none to time after {warmup} warm-up round(s)")
    seconds: dict[str, list[float]] = {name: [] for name in names}
    counts: dict[str, list[int]] = {name: [] for name in names}
    order: list[list[str]] = []
    for r in range(total):
        this_round = names if r % 2 == 0 else names[::-1]
        for name in this_round:
            t0 = clock()
            out = variants[name](inputs[name][r])
            if inspect.isawaitable(out):
                await out
            elapsed = clock() - t0
            if r >= warmup:
                seconds[name].append(elapsed)
                counts[name].append(len(inputs[name][r]))
        if r >= warmup:
            order.append(list(this_round))
    return Rounds(seconds, counts, order)


@dataclass(frozen=True)
class Verdict:
    """The claim ``median(ratios) op bound``, decided only when the rounds agree (see the module)."""

    ratios: tuple[float, ...]
    op: str
    bound: float

    @property
    def n(self) -> int:
        return len(self.ratios)

    @property
    def median(self) -> float:
        return statistics.median(self.ratios)

    @property
    def low(self) -> float:
        return min(self.ratios)

    @property
    def high(self) -> float:
        return max(self.ratios)

    @property
    def spread(self) -> float:
        """Highest over lowest per-round ratio: 1.0 when every round measured the same."""
        return self.high / self.low

    @property
    def distance(self) -> float:
        """How far the median sits from the bound, as a factor (1.0: on the bound)."""
        return max(self.median / self.bound, self.bound / self.median)

    @property
    def decided(self) -> bool:
        """The rounds agree: they spread no wider than the median's distance from the bound.

        Then every round falls on the median's side of the bound.
        """
        return self.spread <= self.distance

    @property
    def holds(self) -> bool:
        """The claim holds for the median (meaningful only when :attr:`decided`)."""
        return _OPS[self.op](self.median, self.bound)

    @property
    def outcome(self) -> str:
        """``"passed"``, ``"failed"`` or ``"inconclusive"``."""
        if not self.decided:
            return "inconclusive"
        return "passed" if self.holds else "failed"

    def rounds_text(self) -> str:
        """``"median 2.31x, 5 rounds from 2.10 to 2.52"``."""
        return f"median {self.median:.2f}x, {self.n} rounds from {self.low:.2f} to {self.high:.2f}"

    def reason(self, rerun: str) -> str:
        """Empty when decided; else "inconclusive: the machine was busy (spread X) ..." naming ``rerun``."""
        if self.decided:
            return ""
        return (
            f"inconclusive: the machine was busy (spread {self.spread:.2f}x): the {self.n} rounds ran from "
            f"{self.low:.2f} to {self.high:.2f}, wider than the median {self.median:.2f} sits from the bound "
            f"{self.bound:g}, so this run cannot decide; re-run just this notebook when the machine is "
            f"quieter: {rerun}"
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "ratios": list(self.ratios),
            "op": self.op,
            "bound": self.bound,
            "median": self.median,
            "low": self.low,
            "high": self.high,
            "spread": self.spread,
            "outcome": self.outcome,
        }


def judge(ratios: Sequence[float], op: str, bound: float) -> Verdict:
    """Decide ``median(ratios) op bound`` from per-round ratios (:meth:`Rounds.ratio`): a :class:`Verdict`."""
    if op not in _OPS:
        raise ValueError(f"op must be one of {sorted(_OPS)}, got {op!r}")
    values = tuple(float(x) for x in ratios)
    if len(values) < MIN_ROUNDS:
        raise ValueError(f"a timing verdict needs at least {MIN_ROUNDS} rounds, got {len(values)}")
    if not all(math.isfinite(x) and x > 0 for x in values) or not (math.isfinite(bound) and bound > 0):
        raise ValueError(f"ratios and bound must be positive and finite, got {values} and {bound}")
    return Verdict(values, op, float(bound))


def faster_or_slower(ratios: Sequence[float]) -> str:
    """``"faster"``, ``"slower"`` or ``"no clear difference"``: A against B (ratios A/B) around 1."""
    v = judge(ratios, ">", 1.0)
    if not v.decided or v.median == 1.0:
        return "no clear difference"
    return "faster" if v.holds else "slower"


#: :func:`busy_cpu`'s process: it forks until ``argv[1]`` loops spin, and each loop stops by itself once the
#: process that started it (``argv[2]`` for the first) is gone: a kernel killed inside the block leaves no loop behind
_BUSY_LOOP = """
import os, sys
parent = int(sys.argv[2])
for _ in range(int(sys.argv[1]) - 1):
    me = os.getpid()
    if os.fork() == 0:
        parent = me
        break
while os.getppid() == parent:
    for _ in range(100_000):
        pass
"""


@dataclass
class BusyCPU:
    """What :func:`busy_cpu` ran: ``loops`` busy processes (0: none) in the process group ``pid``;
    ``spun_throughout``: the group was still spinning when the block ended, and ``seconds``: for how long
    it spun (both ``None`` while the block runs, or when no loop was asked for)."""

    loops: int
    pid: int | None = None
    spun_throughout: bool | None = None
    seconds: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"loops": self.loops, "spun_throughout": self.spun_throughout, "seconds": self.seconds}


def half_the_cores() -> int:
    """Half this machine's cores, at least one: the busy loops :func:`busy_cpu` runs for ``True``."""
    return max(1, (os.cpu_count() or 2) // 2)


@contextmanager
def busy_cpu(loops: int | bool) -> Iterator[BusyCPU]:
    """Keep ``loops`` CPU-bound processes spinning while the block runs: a busy laptop, on purpose.

    ``True`` means :func:`half_the_cores`; ``False`` or ``0`` runs nothing. The loops are one process
    group, killed when the block ends (on an error too), and each loop also stops when the process
    that started it is gone. Notebook 01 times its benchmark inside such a block when ``BUSY_CPU`` is
    true (its test does so: the timing verdicts must come out right or inconclusive, never wrong).
    """
    if not isinstance(loops, int) or loops < 0:  # bool is an int
        raise ValueError(f"busy_cpu: loops must be True, False or a whole number >= 0, got {loops!r}")
    n = half_the_cores() if loops is True else int(loops)
    state = BusyCPU(n)
    if n == 0:
        yield state
        return
    proc = subprocess.Popen(  # no pipe of ours held open by a loop
        [sys.executable, "-c", _BUSY_LOOP, str(n), str(os.getpid())],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    state.pid = proc.pid
    t0 = time.perf_counter()
    try:
        yield state
    finally:
        state.spun_throughout = proc.poll() is None
        state.seconds = round(time.perf_counter() - t0, 3)
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # the group: the process and the loops it forked
        except ProcessLookupError:
            pass
        proc.wait()
