"""utils.course.kernels: the course's kernels run over IPC with CurveZMQ keys where Jupyter can, as before where not."""

from __future__ import annotations

import json
import os
import stat
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
    import json, os, sys
    from pathlib import Path
    import nbformat
    import papermill as pm
    from utils.course.kernels import papermill_kwargs

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(
        "from ipykernel.kernelapp import IPKernelApp\\n"
        "app = IPKernelApp.instance()\\n"
        "print(app.transport, 'curve' if app.curve_secretkey else 'plain', app.ip)"
    )]
    nbformat.write(nb, sys.argv[1])
    kwargs = papermill_kwargs() if sys.argv[3] == "course" else {}
    prefix = kwargs["config"].KernelManager.get("ip") if kwargs else None
    pm.execute_notebook(sys.argv[1], sys.argv[2], kernel_name="python3", progress_bar=False, **kwargs)
    folder = Path(prefix).parent if prefix else None
    left = sorted(p.name for p in folder.iterdir()) if folder else []  # the kernel's sockets, after it stopped
    mode = oct(folder.stat().st_mode & 0o777) if folder else None
    print(json.dumps({"folder": str(folder) if folder else None, "left": left, "mode": mode}))
    """
)


def _execute(tmp_path: Path, how: str) -> tuple[list[str], dict, str]:
    """(the cell's output words, what the child saw of the sockets' folder, its stderr with the kernel's)."""
    out = tmp_path / f"{how}.out.ipynb"
    proc = subprocess.run(
        [sys.executable, "-c", RUN, str(tmp_path / f"{how}.ipynb"), str(out), how],
        capture_output=True, text=True, cwd=str(REPO), timeout=180,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    cell = json.loads(out.read_text())["cells"][0]
    text = [o.get("text", "") for o in cell["outputs"]]  # a stream's text is saved as a list of lines
    output = "".join("".join(t) if isinstance(t, list) else t for t in text).split()
    return output, json.loads(proc.stdout.strip().splitlines()[-1]), proc.stderr


def test_the_course_kernel_runs_over_ipc_with_curve_keys_and_no_plain_text_warning(tmp_path):
    if not (kernels.ipc_available() and kernels.encryption_available()):
        pytest.skip("this pyzmq has no IPC or CurveZMQ, or this jupyter_client has no transport_encryption")
    (transport, keys, prefix), seen, stderr = _execute(tmp_path, "course")
    assert (transport, keys) == ("ipc", "curve")
    assert Path(prefix).parent == Path(seen["folder"]) and seen["mode"] == "0o700"
    assert seen["left"] == [], "the kernel's socket files outlived it"
    assert not Path(seen["folder"]).exists(), "the sockets' folder outlived the process that made it"
    assert "without encryption" not in stderr, stderr


def test_a_kernel_started_without_the_settings_is_plain_tcp_as_before(tmp_path):
    (transport, keys, ip), _, _ = _execute(tmp_path, "plain")
    assert (transport, keys, ip) == ("tcp", "plain", "127.0.0.1")


def test_each_kernel_gets_its_own_socket_names():
    if not kernels.ipc_available():
        pytest.skip("this pyzmq has no IPC")
    first, second = kernels.ipc_prefix(), kernels.ipc_prefix()
    assert first and second and first != second and Path(first).parent == Path(second).parent
    assert stat.S_IMODE(Path(first).parent.stat().st_mode) == 0o700


def test_without_ipc_the_kernel_stays_on_tcp(monkeypatch):
    monkeypatch.setattr(kernels, "ipc_available", lambda: False)
    monkeypatch.setattr(kernels, "encryption_available", lambda: True)
    assert kernels.kernel_manager_config() == {"transport_encryption": "auto"}
    assert kernels.lab_args("/tmp") == ["--KernelManager.transport_encryption=auto"]


def test_a_temporary_folder_too_long_for_a_socket_path_means_tcp(monkeypatch, tmp_path):
    """A Unix socket path holds at most 104-108 bytes: a long TMPDIR (or Jupyter runtime folder) gets TCP, not a dead kernel."""
    monkeypatch.setattr(kernels, "ipc_available", lambda: True)
    long = tmp_path / ("x" * 90)
    monkeypatch.setattr(kernels.tempfile, "gettempdir", lambda: str(long))
    assert kernels.ipc_prefix() is None and "transport" not in kernels.kernel_manager_config()
    assert "--KernelManager.transport=ipc" not in kernels.lab_args(long)
    assert "--KernelManager.transport=ipc" in kernels.lab_args("/tmp/r")
    assert kernels.fits("/" + "a" * 96) and not kernels.fits("/" + "a" * 97)  # 97 + "-99" = MAX_SOCKET_PATH


def test_without_curve_support_no_keys_are_asked_for(monkeypatch):
    import zmq

    monkeypatch.setattr(zmq, "has", lambda feature: False)  # neither CurveZMQ nor IPC
    assert kernels.encryption_available() is False and kernels.ipc_available() is False
    assert kernels.papermill_kwargs() == {} and kernels.lab_args() == []


def test_without_the_trait_no_keys_are_asked_for(monkeypatch):
    from jupyter_client.manager import KernelManager

    monkeypatch.setattr(KernelManager, "class_trait_names", classmethod(lambda cls: ["transport"]))
    monkeypatch.setattr(kernels, "ipc_available", lambda: False)
    assert kernels.encryption_available() is False
    assert kernels.papermill_kwargs() == {} and kernels.lab_args() == []


def test_with_support_the_policy_is_auto(monkeypatch):
    monkeypatch.setattr(kernels, "encryption_available", lambda: True)
    monkeypatch.setattr(kernels, "ipc_available", lambda: True)
    config = kernels.papermill_kwargs()["config"]
    assert config.KernelManager.transport_encryption == "auto" and config.KernelManager.transport == "ipc"
    assert kernels.lab_args("/tmp/r") == ["--KernelManager.transport=ipc", "--KernelManager.transport_encryption=auto"]


def test_cli_prints_the_lab_flags(capsys, monkeypatch):
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", "/tmp/r")
    monkeypatch.setattr(kernels, "encryption_available", lambda: True)
    monkeypatch.setattr(kernels, "ipc_available", lambda: True)
    assert kernels.main(["--lab-args"]) == 0
    assert capsys.readouterr().out.strip() == "--KernelManager.transport=ipc --KernelManager.transport_encryption=auto"
    monkeypatch.setattr(kernels, "encryption_available", lambda: False)
    monkeypatch.setattr(kernels, "ipc_available", lambda: False)
    assert kernels.main(["--lab-args"]) == 0 and capsys.readouterr().out.strip() == ""
    assert kernels.main([]) == 0 and "TCP on 127.0.0.1, without encryption" in capsys.readouterr().out


def test_the_course_runner_asks_for_it(tmp_path, monkeypatch):
    """`python -m utils.course` hands papermill the kernel-manager config (the notebook tests do the same)."""
    import papermill

    from utils.course import run as course

    seen: list[dict] = []
    monkeypatch.setattr(kernels, "encryption_available", lambda: True)
    monkeypatch.setattr(kernels, "ipc_available", lambda: True)
    monkeypatch.setattr(papermill, "execute_notebook", lambda src, out, parameters, **kw: seen.append(kw))
    monkeypatch.setenv("EMB_RUNS_DIR", str(tmp_path))
    course.run_course(tmp_path, smoke=True, only=["00"])
    manager = seen[0]["config"].KernelManager
    assert manager.transport_encryption == "auto" and manager.transport == "ipc"
    assert os.path.isabs(manager.ip)  # never the default "kernel-ipc" in the notebook's folder
