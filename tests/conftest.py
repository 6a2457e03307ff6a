"""Shared fixtures: a CPU server on loopback, and notebooks executed once per session at smoke size."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from utils.course.kernels import papermill_kwargs
from utils.course.saved_outputs import settle_file

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = REPO / "notebooks"
NOTEBOOK_TIMEOUT = int(os.environ.get("EMB_NOTEBOOK_TIMEOUT", "900"))  # seconds per notebook

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
if os.environ.get("PYTEST_XDIST_WORKER"):  # `make test` runs two workers: one thread each, and each child
    for _var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS"):  # (kernel, server) inherits it; two threads per
        os.environ.setdefault(_var, "1")  # worker on two cores made torch spin: 08 took 5x as long


@pytest.fixture(scope="session")
def runs_dir(tmp_path_factory) -> Path:
    """Where the test session's notebooks write results (kept apart from the reader's runs/)."""
    path = os.environ.get("EMB_TEST_RUNS_DIR")
    if path:
        Path(path).mkdir(parents=True, exist_ok=True)
        return Path(path)
    return tmp_path_factory.mktemp("runs")


@pytest.fixture(scope="session")
def cpu_server():
    """The CPU default server on a free loopback port, for the whole session."""
    from utils.serving.launch import start_server
    from utils.serving.settings import get_settings

    settings = get_settings(mode="cpu", env={})
    server = start_server(settings, port=0)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def cpu_client(cpu_server):
    from utils.serving.client import EmbeddingClient
    from utils.serving.settings import CPU_MODEL_NAME

    client = EmbeddingClient(cpu_server.base_url, CPU_MODEL_NAME, max_retries=0)
    yield client
    client.close()


_executed: dict[str, dict] = {}


def execute_notebook(name: str, runs_dir: Path, **parameters) -> dict:
    """Run notebooks/<name>.ipynb with papermill at smoke size (once per session); return its JSON results."""
    if name in _executed:
        return _executed[name]
    import papermill as pm

    src = NOTEBOOKS / f"{name}.ipynb"
    assert src.is_file(), f"{src} is missing"
    out = runs_dir / "executed" / f"{name}.ipynb"
    out.parent.mkdir(parents=True, exist_ok=True)
    env_backup = dict(os.environ)
    os.environ.update(
        {"EMB_RUNS_DIR": str(runs_dir), "EMB_SMOKE": "1", "EMB_MODE": os.environ.get("EMB_TEST_MODE", "cpu")}
    )
    try:
        pm.execute_notebook(
            str(src),
            str(out),
            parameters={"SMOKE": True, **parameters},
            cwd=str(NOTEBOOKS),
            kernel_name="python3",
            execution_timeout=NOTEBOOK_TIMEOUT,
            progress_bar=False,
            log_output=False,
            **papermill_kwargs(),  # IPC sockets with CurveZMQ keys where Jupyter can, as `make course` runs them
        )
    finally:
        os.environ.clear()
        os.environ.update(env_backup)
        if out.is_file():
            settle_file(out)  # as `make course` saves it: progress bars as their final text
    path = runs_dir / "results" / f"{name}.json"
    assert path.is_file(), f"{name} ran but wrote no results to {path}"
    _executed[name] = json.loads(path.read_text())
    return _executed[name]


@pytest.fixture(scope="session")
def notebook_results(runs_dir):
    """``notebook_results("02_instructions")`` executes the notebook once and returns its JSON."""

    def run(name: str, **parameters) -> dict:
        return execute_notebook(name, runs_dir, **parameters)

    return run


def pytest_configure(config):
    # make `import utils` work without an install too
    sys.path.insert(0, str(REPO))


def pytest_report_header(config):
    """The CPU as torch sees it: float32 sums depend on the vector width and thread count (issue 27)."""
    try:
        import torch
    except ImportError:
        return "torch: not installed"
    return (
        f"torch {torch.__version__}: CPU capability {torch.backends.cpu.get_cpu_capability()}, "
        f"{torch.get_num_threads()} threads, {os.cpu_count()} CPUs"
    )


def pytest_collection_modifyitems(config, items):
    """Tiers in one place: every test that executes a notebook is marked ``notebooks``.

    That is any test in a ``tests/test_nb_*.py`` file or any test using the ``notebook_results``
    fixture; ``make test-fast`` deselects them (``-m "not notebooks and not browser"``).
    """
    for item in items:
        if item.path.name.startswith("test_nb_") or "notebook_results" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.notebooks)
    # the longest first, so that two workers finish together (seconds at smoke size, idle, 2 cores; CONTRIBUTING)
    items.sort(key=lambda item: -_LONG.get(item.path.stem.removeprefix("test_nb_"), 0))


#: the slowest test files' seconds (a notebook's: its execution at smoke size), measured 2026-12-07 (afternoon) in
#: `make test`'s two workers on an idle 2-core machine; the rest take a few seconds each
_LONG = {"01_serve_and_embed": 86, "08_pseudo_queries": 86, "test_browser": 80, "02_instructions": 72,
         "03_dimensions_quantisation_faiss": 65, "04_lora_finetune": 62, "test_embed_corpus": 45,
         "09_capstone_your_domain": 42, "05_production_pipeline": 37, "06_long_documents": 31, "07_beyond_search": 30,
         "test_launch": 22, "test_finetune_ddp": 20, "test_bench_finetune": 14, "test_notebooks": 14, "test_adapt": 10,
         "00_setup": 8}


def _tree_digest(folder: Path) -> dict[str, str]:
    import hashlib

    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def tiny_qwen3(tmp_path_factory):
    """A tiny random Qwen3 folder (utils.serving.tiny_qwen3.make_tiny_qwen3), built once per test session.

    Shared, so read it only: a test that must change a model copies it first (checked at the end).
    """
    from utils.serving.tiny_qwen3 import make_tiny_qwen3

    folder = make_tiny_qwen3(tmp_path_factory.mktemp("tiny") / "qwen3")
    before = _tree_digest(folder)
    yield folder
    assert _tree_digest(folder) == before, f"a test changed the shared tiny model in {folder}: copy it first"


@pytest.fixture
def readonly_dir(tmp_path):
    """A folder no one can write in, root included: mode 555, and ``chattr +i`` when the mode is not enough.

    Skipped (saying why) only where neither works, e.g. as root on a file system without chattr.
    """
    folder = tmp_path / "readonly"
    folder.mkdir()
    folder.chmod(0o555)
    immutable = False
    if os.access(folder, os.W_OK):  # root ignores the mode bits
        immutable = subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode == 0
    if os.access(folder, os.W_OK):
        folder.chmod(0o755)
        pytest.skip("cannot make a read-only folder here (running as root and chattr +i failed)")
    try:
        yield folder
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], check=False)
        folder.chmod(0o755)
