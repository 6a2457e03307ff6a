"""utils.course.timing: inputs of their own per call, interleaved rounds, and verdicts that say
"inconclusive" rather than guess when a busy machine made the rounds disagree.

No test here measures real time: a fake clock and simulated loads stand in for the machine. The tests of
``busy_cpu`` start real busy loops for a second or two and check the processes, not a speed.
"""

import asyncio
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

from utils.course.timing import (
    Rounds,
    busy_cpu,
    deal,
    faster_or_slower,
    half_the_cores,
    interleaved_rounds,
    judge,
)

RERUN = "python -m utils.course --only 01"


# ---------------------------------------------------------------- deal
def test_deal_gives_every_call_items_of_its_own_with_the_same_mix_of_lengths():
    texts = [f"text {i} " + "x" * (i % 97) for i in range(2000)] + ["text 0 "]  # one duplicate
    out = deal(texts, {"single": 10, "batched": 50}, rounds=6)
    assert set(out) == {"single", "batched"} and all(len(out[k]) == 6 for k in out)
    assert all(len(r) == 10 for r in out["single"]) and all(len(r) == 50 for r in out["batched"])
    used = [t for rounds in out.values() for r in rounds for t in r]
    assert len(used) == len(set(used)) == 6 * 60, "no text is given twice"
    mean_len = [statistics.mean(map(len, r)) for k in out for r in out[k]]
    assert max(mean_len) - min(mean_len) < 0.1 * statistics.mean(mean_len), mean_len
    # the picked texts span the whole range of lengths, shortest and longest included
    assert min(map(len, used)) == min(map(len, texts)) and max(map(len, used)) == max(map(len, texts))


def test_deal_says_how_many_it_needs():
    with pytest.raises(ValueError, match="need 30 distinct items, and there are 20"):
        deal([str(i) for i in range(20)] * 2, {"a": 5, "b": 10}, rounds=2)
    with pytest.raises(ValueError, match="at least 1"):
        deal(["a", "b"], {"a": 0}, rounds=1)


# ---------------------------------------------------------------- interleaved_rounds
class FakeClock:
    """Time advances only when a variant 'works' (by the seconds it asks for)."""

    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now

    def work(self, seconds):
        self.now += seconds


def test_rounds_alternate_order_skip_the_warmup_and_await_async_variants():
    clock, calls = FakeClock(), []

    def slow(items):
        calls.append(("slow", tuple(items)))
        clock.work(0.1 * len(items))

    async def fast(items):  # an async variant: its time counts only once awaited
        await asyncio.sleep(0)
        calls.append(("fast", tuple(items)))
        clock.work(0.01 * len(items))

    inputs = deal([f"t{i}" for i in range(100)], {"slow": 4, "fast": 8}, rounds=4)
    rounds = asyncio.run(interleaved_rounds({"slow": slow, "fast": fast}, inputs, warmup=1, clock=clock))
    assert isinstance(rounds, Rounds) and rounds.n == 3
    # round 0, the warm-up, ran slow then fast
    assert rounds.order == [["fast", "slow"], ["slow", "fast"], ["fast", "slow"]]
    assert [c[0] for c in calls] == ["slow", "fast", "fast", "slow", "slow", "fast", "fast", "slow"]
    assert calls[0][1] == tuple(inputs["slow"][0]) and calls[-1][1] == tuple(inputs["slow"][3])
    assert rounds.counts == {"slow": [4, 4, 4], "fast": [8, 8, 8]}
    assert rounds.rate("slow") == pytest.approx([10.0] * 3)
    assert rounds.rate("fast") == pytest.approx([100.0] * 3)
    assert rounds.ratio("fast", "slow") == pytest.approx([10.0] * 3)
    assert rounds.median_rate("fast") == pytest.approx(100.0)
    assert set(rounds.as_dict()) == {"seconds", "counts", "order"}


def test_rounds_need_equal_rounds_and_something_to_time():
    with pytest.raises(ValueError, match="same number of rounds"):
        asyncio.run(interleaved_rounds({"a": len, "b": len}, {"a": [[1]] * 3, "b": [[1]] * 2}))
    with pytest.raises(ValueError, match="leave none to time"):
        asyncio.run(interleaved_rounds({"a": len}, {"a": [[1]]}, warmup=1))


# ---------------------------------------------------------------- judge
def test_rounds_that_agree_decide_and_rounds_that_disagree_do_not():
    ok = judge([2.0, 2.1, 2.2, 2.05, 1.95], ">", 1.2)
    assert ok.outcome == "passed" and ok.decided and ok.median == pytest.approx(2.05)
    assert ok.reason(RERUN) == ""
    bad = judge([0.9, 0.92, 0.95, 0.91, 0.93], ">", 1.2)
    assert bad.outcome == "failed", "every round below the bound, close together: a real failure"
    busy = judge([0.9, 1.5, 2.1, 1.3, 0.95], ">", 1.2)
    assert busy.outcome == "inconclusive" and busy.spread == pytest.approx(2.1 / 0.9)
    why = busy.reason(RERUN)
    assert why.startswith("inconclusive: the machine was busy (spread 2.33x)") and why.endswith(RERUN)
    # every round above the bound, but spread wider than the median's distance from it: not decided either
    wide = judge([1.3, 1.6, 3.5, 1.5, 1.4], ">", 1.2)
    assert wide.low > 1.2 and wide.outcome == "inconclusive"
    assert judge([0.5, 0.52, 0.55], "<", 0.8).outcome == "passed"
    d = ok.as_dict()
    assert d["outcome"] == "passed" and d["ratios"] == [2.0, 2.1, 2.2, 2.05, 1.95]
    assert d["spread"] == pytest.approx(2.2 / 1.95)
    assert ok.rounds_text() == "median 2.05x, 5 rounds from 1.95 to 2.20"


def test_a_decided_verdict_has_every_round_on_its_side():
    """The property the method rests on, over many random sets of rounds."""
    rng = random.Random(0)
    for _ in range(2000):
        ratios = [rng.lognormvariate(0, rng.choice([0.05, 0.3, 1.0])) for _ in range(rng.choice([3, 5, 7]))]
        v = judge(ratios, ">", rng.uniform(0.5, 2.0))
        if v.decided:
            assert all((r > v.bound) == v.holds for r in ratios), (ratios, v.bound)


def simulate(true_ratio, rng, rounds=5, load=None):
    """Per-round ratios of A over B, each call slowed by what else the machine runs (``load``)."""
    load = load or (lambda: 1.0)
    return [true_ratio * load() / load() for _ in range(rounds)]  # B's slowdown over A's


@pytest.mark.parametrize("true_ratio", [0.8, 1.0, 1.5, 3.0])
def test_a_busy_machine_gives_a_right_verdict_or_none_never_a_wrong_one(true_ratio):
    """Load bursts (a call slowed 1.5-6x, a third of the time) against the claim "A over B > 1.2"."""
    rng = random.Random(1)

    def bursts():
        return rng.uniform(1.5, 6.0) if rng.random() < 0.35 else rng.uniform(1.0, 1.1)

    outcomes = [judge(simulate(true_ratio, rng, load=bursts), ">", 1.2).outcome for _ in range(500)]
    right = "passed" if true_ratio > 1.2 else "failed"
    assert set(outcomes) <= {right, "inconclusive"}, outcomes
    assert outcomes.count("inconclusive") > 0, "the bursts are meant to leave some rounds undecided"


@pytest.mark.parametrize("true_ratio", [0.8, 1.5, 3.0])
def test_a_quiet_machine_decides(true_ratio):
    rng = random.Random(2)
    quiet = lambda: rng.uniform(1.0, 1.04)  # noqa: E731
    outcomes = {judge(simulate(true_ratio, rng, load=quiet), ">", 1.2).outcome for _ in range(200)}
    assert outcomes == {"passed" if true_ratio > 1.2 else "failed"}


def test_faster_or_slower_and_bad_input():
    assert faster_or_slower([1.5, 1.6, 1.55]) == "faster"
    assert faster_or_slower([0.6, 0.62, 0.61]) == "slower"
    assert faster_or_slower([0.9, 1.1, 1.0]) == "no clear difference"
    assert faster_or_slower([1.0, 1.0, 1.0]) == "no clear difference"
    with pytest.raises(ValueError, match="at least 3 rounds"):
        judge([2.0, 2.0], ">", 1.2)
    with pytest.raises(ValueError, match="op must be"):
        judge([2.0] * 3, "==", 1.2)
    with pytest.raises(ValueError, match="positive and finite"):
        judge([2.0, 0.0, 1.0], ">", 1.2)


# ---------------------------------------------------------------- busy_cpu
def _group(pgid: int) -> dict[int, tuple[str, int]]:
    """The live processes of a process group: pid -> (state, CPU ticks used); zombies left out."""
    out = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":  # fields: state, ppid, pgrp, ..., utime at 11
            out[int(stat.parent.name)] = (fields[0], int(fields[11]) + int(fields[12]))
    return out


def _gone(pgid: int, within_s: float = 10.0) -> bool:
    deadline = time.monotonic() + within_s
    while _group(pgid) and time.monotonic() < deadline:
        time.sleep(0.1)
    return not _group(pgid)


needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").is_file(), reason="reads /proc (Linux)")


def test_busy_cpu_off_starts_nothing():
    for off in (False, 0):
        with busy_cpu(off) as busy:
            assert busy.loops == 0 and busy.pid is None
        assert busy.as_dict() == {"loops": 0, "spun_throughout": None, "seconds": None}
    for bad in (-1, "yes", 1.5, None):
        with pytest.raises(ValueError, match="loops must be True, False or a whole number >= 0"):
            with busy_cpu(bad):
                pass


@needs_proc
def test_busy_cpu_spins_the_loops_it_names_and_kills_them_at_the_end():
    with busy_cpu(2) as busy:
        assert busy.spun_throughout is None  # not decided while the block runs
        deadline = time.monotonic() + 10
        while len(_group(busy.pid)) < 2 and time.monotonic() < deadline:  # the second loop is forked
            time.sleep(0.05)
        first = _group(busy.pid)
        time.sleep(1.0)
        later = _group(busy.pid)
        assert len(first) == len(later) == 2, (first, later)
        assert all(later[pid][1] > first[pid][1] for pid in first), "each loop used CPU time"
    assert busy.loops == 2 and busy.spun_throughout is True and busy.seconds >= 1.0
    assert _gone(busy.pid), _group(busy.pid)
    with busy_cpu(True) as busy:
        assert busy.loops == half_the_cores() >= 1
    assert _gone(busy.pid)


@needs_proc
def test_busy_cpu_stops_on_an_error_and_when_its_starter_dies():
    with pytest.raises(RuntimeError, match="in the block"):
        with busy_cpu(1) as busy:
            raise RuntimeError("in the block")
    assert busy.spun_throughout is True and _gone(busy.pid)
    # a kernel killed inside the block runs no finally: the loops notice their parent is gone and stop
    code = (
        "import os, sys, time\n"
        "from utils.course.timing import busy_cpu\n"
        "block = busy_cpu(2)\n"  # kept: a context manager collected early would run its finally
        "busy = block.__enter__()\n"
        "time.sleep(0.5)\n"
        "print(busy.pid, flush=True)\n"
        "os._exit(0)\n"
    )
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert _gone(int(out.stdout.split()[0])), "a busy loop outlived the process that started it"
