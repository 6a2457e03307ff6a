"""The GPU environment's set-up and commands, checked on the CPU machine (issue 25's defects 2, 6, 9, 10):
what ``make gpu-setup`` would run, what ``make gpu-check`` does without the GPU environment, what
requirements-gpu.txt holds for the GPU reader's tests, and the notes the router and `make lab` need."""

from __future__ import annotations

import json
import re
import subprocess

from utils.paths import REPO_ROOT

GPU_REQUIREMENTS = (REPO_ROOT / "requirements-gpu.txt").read_text()


def _make(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", *args], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)


def _requirement_names(text: str) -> set[str]:
    return {re.split(r"[<>=!~\[; ]", line, maxsplit=1)[0].lower() for line in text.splitlines() if line and line[0].isalnum()}


def test_gpu_setup_puts_the_gpu_faiss_back_after_milvus_lites_faiss_cpu(tmp_path):
    """milvus-lite requires faiss-cpu, which shares the `faiss/` package with faiss-gpu-cu12 and pip installs
    last; the set-up must end with faiss-gpu-cu12 reinstalled (without its dependencies) on top of it."""
    assert {"milvus-lite", "faiss-gpu-cu12"} <= _requirement_names(GPU_REQUIREMENTS)
    run = _make("-n", "gpu-setup", f"GPU_VENV={tmp_path / 'venv'}")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    install_all = next(i for i, line in enumerate(lines) if "pip install -r requirements-gpu.txt" in line)
    regpu = [i for i, line in enumerate(lines) if "--force-reinstall --no-deps" in line and "faiss-gpu-cu12" in line]
    assert regpu and regpu[-1] > install_all, run.stdout
    assert not any("faiss-cpu" in line and "install" in line for line in lines[regpu[-1]:]), run.stdout
    # the grep in the recipe finds the pinned line, so the reinstall uses requirements-gpu.txt's range
    assert re.search(r"^faiss-gpu-cu12>=", GPU_REQUIREMENTS, re.M)


def test_gpu_requirements_hold_what_the_gpu_readers_tests_need():
    """The README asks GPU readers to run tests/test_gpu.py in the GPU environment: pytest must be there, and
    pytest-timeout, since pyproject.toml sets a per-test `timeout` (an unknown option without the plugin)."""
    names = _requirement_names(GPU_REQUIREMENTS)
    assert {"pytest", "pytest-timeout"} <= names
    assert re.search(r"^timeout = \d+", (REPO_ROOT / "pyproject.toml").read_text(), re.M)


def test_gpu_check_without_the_gpu_environment_says_to_create_it_and_never_uses_the_cpu_one(tmp_path):
    """Before, `make gpu-check` fell back to .venv (CPU torch, no sglang) and reported "needs an NVIDIA GPU"
    even on an H100; it must name the missing GPU environment and how to make it."""
    run = _make("gpu-check", f"GPU_VENV={tmp_path / 'no-gpu-venv'}")
    assert run.returncode == 2
    assert "make gpu-setup" in run.stderr and str(tmp_path / "no-gpu-venv") in run.stderr, run.stderr
    assert "needs an NVIDIA GPU" not in run.stderr + run.stdout
    dry = _make("-n", "gpu-check", f"GPU_VENV={tmp_path / 'no-gpu-venv'}")
    assert ".venv/bin/python -m utils.serving.gpu_check" not in dry.stdout


def test_make_lab_passes_a_relative_model_path_as_an_absolute_one():
    """JupyterLab runs kernels in notebooks/, so EMB_MODEL=models/X must reach them as REPO_ROOT/models/X."""
    run = _make("-n", "lab", "EMB_MODEL=models/Qwen3-Embedding-0.6B")
    assert f'EMB_MODEL="{REPO_ROOT / "models" / "Qwen3-Embedding-0.6B"}"' in run.stdout, run.stdout
    assert "EMB_MODEL" not in _make("-n", "lab").stdout.splitlines()[-1]


def _texts_with(needle: str) -> list[tuple[str, str]]:
    """(where, text) of every notebook cell and README section that mentions ``needle``."""
    found = []
    for nb in sorted((REPO_ROOT / "notebooks").glob("*.ipynb")):
        for i, cell in enumerate(json.loads(nb.read_text())["cells"]):
            text = "".join(cell["source"])
            if needle in text:
                found.append((f"{nb.name} cell {i}", text))
    for section in re.split(r"\n(?=#+ )", (REPO_ROOT / "README.md").read_text()):
        if needle in section:
            found.append(("README " + section.splitlines()[0], section))
    return found


def test_the_router_command_says_which_package_brings_it():
    """`python -m sglang_router.launch_router` is the separate package sglang-router (sglang 0.5.23 does not
    depend on it): wherever the command is shown, the install line is shown with it."""
    shown = _texts_with("sglang_router")
    assert shown, "the router command is shown somewhere (notebook 05)"
    missing = [where for where, text in shown if "pip install sglang-router" not in text]
    assert not missing, missing


def test_sglang_tier_requirements_share_the_gpu_files_pins():
    text = (REPO_ROOT / "requirements-sglang.txt").read_text()
    assert re.search(r"^-c requirements-gpu\.txt$", text, re.M)
    pinned = re.search(r"transformers (\d+\.\d+\.\d+)", GPU_REQUIREMENTS).group(1)
    assert re.search(rf"^transformers=={re.escape(pinned)}$", text, re.M)
    assert not re.search(r"^sglang", text, re.M)  # installed --no-deps by the Makefile, at the GPU file's pin
    recipe = (REPO_ROOT / "Makefile").read_text().split("\n$(SGLANG_VENV)/.installed:", 1)[1].split("\n\n", 1)[0]
    assert "--no-deps" in recipe and "^sglang==" in recipe and "requirements-gpu.txt" in recipe
    assert "--no-cache-dir" not in recipe  # pip's cache is reused: the ~7 GB download happens once per machine


def test_ci_runs_the_sglang_tier_after_make_test():
    ci = (REPO_ROOT / ".ci" / "run").read_text()
    assert "make test " in ci and "make test-sglang" in ci
    assert ci.index("make test-sglang") > ci.index("make test ")
