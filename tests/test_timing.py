"""utils.course.timing: inputs of their own per call, interleaved rounds, and verdicts that say
"inconclusive" rather than guess when a busy machine made the rounds disagree.

No test here measures real time: a fake clock and simulated loads stand in for the machine.
"""

import asyncio
import random
import statistics

import pytest

from utils.course.timing import Rounds, deal, faster_or_slower, interleaved_rounds, judge

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
