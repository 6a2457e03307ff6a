"""utils.course.kernels: the course's kernels get CurveZMQ keys where Jupyter can, and start as before where not."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from utils.course import kernels

REPO = Path(__file__).resolve().parent.parent

#: a child process runs papermill, so that the kernel's own stderr (inherited from it) can be read here
RUN = textwrap.dedent(
    """
    import sys
    import nbformat
    import papermill as pm
    from utils.course.kernels import papermill_kwargs

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(
        "from ipykernel.kernelapp import IPKernelApp\\n"
        "print('curve' if IPKernelApp.instance().curve_secretkey else 'plain')"
    )]
    nbformat.write(nb, sys.argv[1])
    kwargs = papermill_kwargs() if sys.argv[3] == "course" else {}
    pm.execute_notebook(sys.argv[1], sys.argv[2], kernel_name="python3", progress_bar=False, **kwargs)
    """
)


def _execute(tmp_path: Path, how: str) -> tuple[str, str]:
    """(the cell's output, the child's stderr with the kernel's) of a one-cell notebook run ``how``."""
    out = tmp_path / f"{how}.out.ipynb"
    proc = subprocess.run(
        [sys.executable, "-c", RUN, str(tmp_path / f"{how}.ipynb"), str(out), how],
        capture_output=True, text=True, cwd=str(REPO), timeout=180,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    cell = json.loads(out.read_text())["cells"][0]
    text = [o.get("text", "") for o in cell["outputs"]]  # a stream's text is saved as a list of lines
    return "".join("".join(t) if isinstance(t, list) else t for t in text).strip(), proc.stderr


def test_the_course_kernel_gets_curve_keys_and_no_plain_text_warning(tmp_path):
    if not kernels.encryption_available():
        pytest.skip("this jupyter_client has no transport_encryption, or pyzmq has no CurveZMQ")
    output, stderr = _execute(tmp_path, "course")
    assert output == "curve"
    assert "without encryption" not in stderr, stderr


def test_a_kernel_started_without_the_setting_is_plain_as_before(tmp_path):
    output, _ = _execute(tmp_path, "plain")
    assert output == "plain"


def test_without_curve_support_nothing_is_added(monkeypatch):
    import zmq

    monkeypatch.setattr(zmq, "has", lambda feature: False)
    assert kernels.encryption_available() is False
    assert kernels.papermill_kwargs() == {} and kernels.lab_args() == []


def test_without_the_trait_nothing_is_added(monkeypatch):
    from jupyter_client.manager import KernelManager

    monkeypatch.setattr(KernelManager, "class_trait_names", classmethod(lambda cls: ["transport"]))
    assert kernels.encryption_available() is False
    assert kernels.papermill_kwargs() == {} and kernels.lab_args() == []


def test_with_support_the_policy_is_auto(monkeypatch):
    monkeypatch.setattr(kernels, "encryption_available", lambda: True)
    config = kernels.papermill_kwargs()["config"]
    assert config.KernelManager.transport_encryption == "auto"
    assert kernels.lab_args() == ["--KernelManager.transport_encryption=auto"]


def test_cli_prints_the_lab_flags(capsys, monkeypatch):
    monkeypatch.setattr(kernels, "encryption_available", lambda: True)
    assert kernels.main(["--lab-args"]) == 0
    assert capsys.readouterr().out.strip() == "--KernelManager.transport_encryption=auto"
    monkeypatch.setattr(kernels, "encryption_available", lambda: False)
    assert kernels.main(["--lab-args"]) == 0 and capsys.readouterr().out.strip() == ""
    assert kernels.main([]) == 0 and "plain TCP" in capsys.readouterr().out


def test_the_course_runner_asks_for_it(tmp_path, monkeypatch):
    """`python -m utils.course` hands papermill the kernel-manager config (the notebook tests do the same)."""
    import papermill

    from utils.course import run as course

    seen: list[dict] = []
    monkeypatch.setattr(kernels, "encryption_available", lambda: True)
    monkeypatch.setattr(papermill, "execute_notebook", lambda src, out, parameters, **kw: seen.append(kw))
    monkeypatch.setenv("EMB_RUNS_DIR", str(tmp_path))
    course.run_course(tmp_path, smoke=True, only=["00"])
    assert seen and seen[0]["config"].KernelManager.transport_encryption == "auto"
