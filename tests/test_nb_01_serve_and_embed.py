"""Notebook 01_serve_and_embed, executed once at smoke size WITH ITS BENCHMARK BESIDE BUSY LOOPS: its results
JSON keeps its contract, and its timing verdicts are right or inconclusive, never wrong.

The notebook runs with ``BUSY_CPU=True``: while its benchmark rounds run, busy loops spin on half the cores
(``utils.course.timing.busy_cpu``), beside `make test`'s other worker (issue 27: a reader's laptop is rarely
idle). The loops spin during the rounds only, not while the kernel, the server and the reference model load,
so they take no more from the other worker than the lesson needs.
Its two timing lessons (batching beats one request per text, a pooled client beats a new client per
request) hold on an idle machine; beside the loops each must come out "passed" or "inconclusive", never
"failed" (the notebook would stop), and the verdicts are recomputed here from the saved per-round
timings. No test asserts a speed."""

from __future__ import annotations

import os
from types import SimpleNamespace

import pytest

from utils.course import nb01_serve_and_embed as nb01
from utils.course.timing import faster_or_slower, half_the_cores, judge
from utils.serving.settings import VectorTolerances

TIMING_LESSONS = {
    "batched_vs_single": "batched / one request per text",
    "pooled_vs_new_client": "pooled client / new client per request",
}
VECTOR_CHECKS = ("dimensions = truncate, then normalise", "float JSON = base64 = async vectors")


#: `make test`'s workers give each kernel and server one torch thread (tests/conftest.py); notebook 01 runs its
#: server with the machine's threads, as `make course` does: on one thread batching has little to win (a
#: batch of 64 is 64 single texts' work), and "batched > 1.2x one request per text" was rightly measured false
#: there (1.00x, rounds 0.95-1.13), which says nothing about the lesson a reader runs
THREAD_VARS = ("OMP_NUM_THREADS", "MKL_NUM_THREADS")


@pytest.fixture(scope="module")
def r(notebook_results):
    saved = {var: os.environ.pop(var, None) for var in THREAD_VARS}
    try:
        # SMOKE=True and BUSY_CPU only: the smoke sizes live in the notebook
        return notebook_results("01_serve_and_embed", BUSY_CPU=True)
    finally:
        os.environ.update({var: value for var, value in saved.items() if value is not None})


def test_the_benchmark_ran_beside_busy_loops(r):
    busy = r["busy_cpu"]
    assert busy["loops"] == half_the_cores() and busy["spun_throughout"] is True, busy
    # the loops spun through the timed rounds: at least as long as the rounds' own seconds
    assert busy["seconds"] >= sum(sum(s) for s in r["timings"]["seconds"].values()), busy


def test_structure_and_sizes(r):
    assert r["notebook"] == "01_serve_and_embed" and r["smoke"] is True
    if r["mode"] == "cpu":
        assert r["native_dim"] == 384
    counts = r["timings"]["counts"]
    assert set(counts) >= {"one request per text", "batched, base64", "async, base64"}
    for name, per_round in counts.items():
        want = r["n_single"] if name.startswith(nb01.SINGLE) else r["n_texts"]
        assert per_round == [want] * r["rounds"], name
    assert r["rounds"] >= 3 and len(r["timings"]["order"]) == r["rounds"]


def test_every_call_got_texts_of_its_own(r):
    """Issue 25: no text twice (SGLang's radix cache would turn a repeat into a cache hit)."""
    used = r["texts_used"]
    per_round = sum(
        r["n_single"] if n.startswith(nb01.SINGLE) else r["n_texts"] for n in r["timings"]["counts"]
    )
    assert used["sent"] == used["distinct"] == (r["rounds"] + 1) * per_round  # + the warm-up round
    assert used["shared_with_checks"] == 0


def test_rates_and_ratios_are_the_rounds(r):
    t = r["timings"]
    for name, seconds in t["seconds"].items():
        assert r["texts_per_s"][name] == pytest.approx(
            [c / s for c, s in zip(t["counts"][name], seconds, strict=True)]
        )
    for key, (a, b) in nb01.COMPARISONS.items():
        if key in r["ratios"]:
            want = [x / y for x, y in zip(r["texts_per_s"][a], r["texts_per_s"][b], strict=True)]
            assert r["ratios"][key] == pytest.approx(want)
            assert r["words"][key] == faster_or_slower(want)
    assert {"batched_vs_single", "pooled_vs_new_client", "async_vs_batched", "base64_vs_float"} <= set(
        r["ratios"]
    )


def test_timing_verdicts_are_recomputed_and_never_wrong(r):
    checks = {c["lesson"].split(" (throughput")[0]: c for c in r["lesson_checks"]}
    for key, lesson in TIMING_LESSONS.items():
        c = checks[lesson]
        v = judge(r["ratios"][key], c["op"], c["bound"])
        assert c["measured"] == pytest.approx(v.median) and c["outcome"] == v.outcome
        assert c["inconclusive"] == v.reason(nb01.RERUN)
        assert c["outcome"] in ("passed", "inconclusive"), f"a wrong verdict beside busy loops: {c}"
        if c["outcome"] == "inconclusive":
            assert c["inconclusive"].startswith("inconclusive: the machine was busy (spread ")
            assert "python -m utils.course --only 01" in c["inconclusive"]


def test_vector_checks_use_the_modes_tolerances(r):
    """Issue 25: the bounds come from VectorTolerances (float32 on the CPU server, bf16 on SGLang)."""
    tol = VectorTolerances.for_settings(SimpleNamespace(mode=r["mode"]))
    assert r["tolerances"]["element"] == tol.element and r["tolerances"]["why"] == tol.why
    for prefix in VECTOR_CHECKS:
        (c,) = [c for c in r["lesson_checks"] if c["lesson"].startswith(prefix)]
        assert c["bound"] == tol.element and c["outcome"] == "passed", c
    dims = next(c for c in r["lesson_checks"] if c["lesson"].startswith(VECTOR_CHECKS[0]))
    assert dims["measured"] == pytest.approx(r["dimensions_max_diff"])
    # issue 30: the CPU server calls truncate_and_normalize itself, so there the check is a sanity check
    assert ("sanity check" in dims["lesson"]) == (r["mode"] == "cpu") == ("sanity" in r["dimensions_kind"])
    transport = next(c for c in r["lesson_checks"] if c["lesson"].startswith(VECTOR_CHECKS[1]))
    assert transport["measured"] == pytest.approx(r["transport_max_diff"])


def test_every_other_check_passed_and_every_bad_call_failed(r):
    timing = set(TIMING_LESSONS.values())
    others = [c for c in r["lesson_checks"] if c["lesson"].split(" (throughput")[0] not in timing]
    assert len(others) >= 2 and all(c["outcome"] == "passed" and c["margin"] >= 0 for c in others), others
    assert len(r["errors"]) == 4 and not any(e.startswith("no error") for e in r["errors"].values())
