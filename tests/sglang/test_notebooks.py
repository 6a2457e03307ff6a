"""Notebooks 00 and 01 end to end in ``EMB_MODE=sglang`` at smoke size, through ``python -m utils.course``:
their own cells start SGLang (``utils.serving.launch.start_server``) with the course's command, plus the
CPU-only additions passed through the environment (``cpu_engine.course_env_for_cpu``).

The model path is given relative to the caller's directory, as README step 4 does
(``EMB_MODEL=models/Qwen3-Embedding-0.6B``), while papermill runs the kernels in ``notebooks/``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.sglang.cpu_engine import course_env_for_cpu


@pytest.fixture(scope="module")
def course_run(tiny_model, tmp_path_factory):
    runs = tmp_path_factory.mktemp("runs")
    env = {
        **os.environ,
        **course_env_for_cpu(),
        "EMB_MODE": "sglang",
        "EMB_MODEL": tiny_model.name,  # relative to the caller's directory (cwd below), not to notebooks/
        "EMB_RUNS_DIR": str(runs),
        "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""),
    }
    env.pop("EMB_BASE_URL", None)
    cmd = [sys.executable, "-m", "utils.course", "--smoke", "--only", "00", "01", "--runs-dir", str(runs)]
    run = subprocess.run(cmd, cwd=tiny_model.parent, env={**env, "PYTHONPATH": env["PYTHONPATH"]},
                         capture_output=True, text=True, timeout=2400)
    print(run.stdout[-4000:])
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-5000:]
    return runs


def _results(runs: Path, name: str) -> dict:
    return json.loads((runs / "results" / f"{name}.json").read_text())


def _failed(checks: list[dict]) -> list[dict]:
    """Checks that failed; one a notebook marks inconclusive (a timing on a busy machine) is printed with its reason."""
    for c in checks:
        if c.get("outcome") == "inconclusive":
            print(f"inconclusive on this run: {c['lesson']}: {c.get('inconclusive', '')}")
    return [c for c in checks if c.get("outcome", "passed" if c["passed"] else "failed") == "failed"]


@pytest.mark.timeout(2700)
def test_notebook_00_embeds_through_sglang(course_run, tiny_model):
    r = _results(course_run, "00_setup")
    assert r["mode"] == "sglang" and r["model"] == tiny_model.name
    assert r["dim"] == 64 and r["served_models"] == [tiny_model.name]
    assert r["lesson_checks"] and not _failed(r["lesson_checks"]), r["lesson_checks"]


@pytest.mark.timeout(2700)
def test_notebook_01_serves_and_benchmarks_sglang(course_run):
    r = _results(course_run, "01_serve_and_embed")
    assert r["mode"] == "sglang" and r["native_dim"] == 64
    assert r["lesson_checks"] and not _failed(r["lesson_checks"]), r["lesson_checks"]
