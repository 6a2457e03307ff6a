"""A pytest plugin: CPU and wall seconds per test, to compare test times on a busy machine (CONTRIBUTING.md).

    .venv/bin/python -m pytest -p tests.cpu_times --cpu-times before.jsonl tests/test_x.py

writes one JSON line per test: ``{"test", "cpu", "wall"}``. ``cpu`` counts this process and the child
processes it has reaped (servers, kernels, command lines run by the test); a session fixture's server
is counted when it stops, at the end. On a machine that other work slows down, wall time says little,
while CPU seconds change much less: compare a test's CPU before and after a change, as a ratio.
"""

from __future__ import annotations

import json
import resource
import time

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--cpu-times", metavar="FILE", help="append CPU and wall seconds per test to FILE (JSON lines)")


def _cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None):
    path = item.config.getoption("--cpu-times")
    cpu, wall = _cpu(), time.perf_counter()
    yield
    if path:
        with open(path, "a", encoding="utf-8") as f:
            row = {"test": item.nodeid, "cpu": round(_cpu() - cpu, 2), "wall": round(time.perf_counter() - wall, 2)}
            f.write(json.dumps(row) + "\n")
