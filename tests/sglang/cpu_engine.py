"""The CPU-only additions that let the course's own SGLang commands run on a CPU (the SGLang test tier).

Everything here is what a GPU does NOT need, kept apart from ``utils.serving.launch`` so that the course's
commands stay the GPU commands (``../shared/FACTS.md``, "SGLang 0.5.23 on a CPU machine"):

* :data:`CPU_ONLY_ARGS`: ``--device cpu`` (SGLang's CPU engine) and ``--max-total-tokens 2048`` (without a
  token budget the first launch here reserved 13 GB of RAM for its cache; a GPU sizes it from
  ``--mem-fraction-static``).
* :func:`cpu_only_env`: ``SGLANG_USE_CPU_ENGINE=1`` (without it the rotary embedding imports vLLM) and the
  test stand-in for the unpublished CPU kernel package on ``PYTHONPATH`` (``cpu_kernel/sgl_kernel``).
* :data:`TINY_HIDDEN_SIZE`: the tiny random Qwen3 at hidden size 64 (head size 16), which the CPU engine's
  torch-native attention serves; the GPU check uses head size 128 for the GPU backends.
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Mapping, Sequence
from pathlib import Path

from utils.paths import REPO_ROOT
from utils.serving.launch import ManagedServer

CPU_ONLY_ARGS: tuple[str, ...] = ("--device", "cpu", "--max-total-tokens", "2048")
STAND_IN_KERNEL = Path(__file__).resolve().parent / "cpu_kernel"
TINY_HIDDEN_SIZE = 64
START_TIMEOUT = 900.0  # seconds: ~70 s on 2 busy cores when this was written; CI shares its cores


def cpu_only_env(base: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment variables a CPU SGLang server needs on top of ``base`` (default: this process's)."""
    base = os.environ if base is None else base
    path = os.pathsep.join(p for p in (str(STAND_IN_KERNEL), str(REPO_ROOT), base.get("PYTHONPATH", "")) if p)
    return {"SGLANG_USE_CPU_ENGINE": "1", "PYTHONPATH": path}


def course_env_for_cpu(base: Mapping[str, str] | None = None) -> dict[str, str]:
    """What a course run (``python -m utils.course``) needs so that its notebooks' SGLang runs on the CPU:
    :func:`cpu_only_env`, and :data:`CPU_ONLY_ARGS` through ``EMB_SGLANG_ARGS`` (the settings' extra flags)."""
    return {**cpu_only_env(base), "EMB_SGLANG_ARGS": shlex.join(CPU_ONLY_ARGS)}


def cpu_server(
    command: Sequence[str], host: str, port: int, log_path: Path, secrets: Sequence[str | None] = ()
) -> ManagedServer:
    """A :class:`ManagedServer` for a command built by ``utils.serving.launch`` plus the CPU-only additions."""
    return ManagedServer(
        [*command, *CPU_ONLY_ARGS],
        f"http://{host}:{port}/v1",
        log_path=log_path,
        env_overrides=cpu_only_env(),
        secrets=secrets,
    )
