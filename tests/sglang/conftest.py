"""The SGLang test tier (``make test-sglang``): the real ``sglang.launch_server`` 0.5.23 on a CPU.

Collected only where ``sglang`` is importable (``.venv-sglang``, built by ``make test-sglang`` from
requirements-sglang.txt); in the course's environment (``make test``) this folder is ignored. Every test
here carries the ``sglang`` marker. The servers are started with ``utils.serving.launch``'s commands plus the
CPU-only additions of ``cpu_engine.py``, and serve a tiny random Qwen3 built on the spot (no download).
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

from tests.sglang.cpu_engine import START_TIMEOUT, TINY_HIDDEN_SIZE, cpu_server
from utils.serving.launch import free_port, sglang_command

if importlib.util.find_spec("sglang") is None:  # the course's environment: nothing to run here
    collect_ignore_glob = ["test_*.py"]

API_KEY = "tier-test-key"  # a key for the servers the tier starts: --api-key on both kinds of server


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.sglang)


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory) -> Path:
    """The tiny random Qwen3 gpu_check builds (byte-level BPE, Qwen3ForCausalLM), at the CPU engine's size."""
    from utils.serving.gpu_check import build_tiny_model

    return build_tiny_model(tmp_path_factory.mktemp("model") / "tiny-qwen3", hidden_size=TINY_HIDDEN_SIZE)


@pytest.fixture(scope="session")
def logs_dir(tmp_path_factory) -> Path:
    path = os.environ.get("EMB_TEST_RUNS_DIR")
    folder = Path(path) / "sglang-logs" if path else tmp_path_factory.mktemp("sglang-logs")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def start_embedding_server(model: Path, logs: Path, name: str, api_key: str | None = API_KEY):
    """SGLang as the course starts it (``sglang_command``) plus the CPU-only additions; healthy on return."""
    port = free_port()
    command = sglang_command(str(model), "127.0.0.1", port, served_model_name=name, api_key=api_key)
    return cpu_server(command, "127.0.0.1", port, logs / f"{name}-{port}.log", secrets=[api_key]).start(
        timeout=START_TIMEOUT
    )


@pytest.fixture(scope="session")
def embedding_server(tiny_model, logs_dir):
    """One SGLang embedding server for the session, started with ``--api-key``."""
    server = start_embedding_server(tiny_model, logs_dir, "tiny-qwen3")
    yield server
    server.stop()
