"""How the course starts Jupyter kernels: over Unix-domain sockets where it can, with CurveZMQ keys where Jupyter can.

Two things went wrong with the defaults (plain TCP on 127.0.0.1):

- **A race for ports.** jupyter_client picks a kernel's five TCP ports by binding port 0 and closing the socket;
  the kernel binds them a second or two later. Another process that asks the system for a free port in between
  can be given one of them, and the kernel dies at start with "Address already in use" (jupyter_client issue
  487; its ``LocalPortCache`` guards against this within one process only). ``make test`` starts kernels in two
  workers at once, and a fresh-clone run lost notebook 01's kernel so on 2026-12-07. Over **IPC** (Unix-domain
  sockets, files in a private folder) there are no ports to lose: the course's papermill runs use IPC where the
  system has it and the socket paths fit (a Unix socket path holds at most 104-108 bytes), and TCP otherwise.
- **Plain text.** ipykernel 7.4 warns on every start of a kernel whose TCP sockets carry code and outputs in plain
  text ("Kernel is running over TCP without encryption ..."). jupyter_client 8.10 hands the kernel CurveZMQ keys
  when its kernel manager's ``transport_encryption`` is ``"auto"`` and the kernelspec declares
  ``supported_encryption: ["curve"]`` (ipykernel's does); the course turns that on where it is available, over
  either transport.

Used by:

- :func:`papermill_kwargs`: the extra arguments of one ``papermill.execute_notebook`` call (the course runner and
  the notebook tests): its kernel's IPC sockets live in a folder of this process under the system's temporary
  folder (mode 700, removed when the process exits), named per call;
- :func:`lab_args`: the command-line flags of ``jupyter lab`` (``make lab`` and the browser test), printed by
  ``python -m utils.course.kernels --lab-args``: IPC when the Jupyter runtime folder, where the server puts each
  kernel's sockets beside its connection file, is short enough.

Where pyzmq lacks IPC (Windows) or CurveZMQ, or jupyter_client predates ``transport_encryption``, that part is
left out and kernels start as before. Only the course's own kernels are affected; a Jupyter you start yourself
keeps its configuration.
"""

from __future__ import annotations

import argparse
import atexit
import itertools
import os
import shutil
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

#: the kernel manager's policy: keys are provisioned when the kernelspec says the kernel supports them
POLICY = "auto"
#: the longest Unix-domain socket path used: sun_path holds 108 bytes on Linux and 104 on macOS, NUL included
MAX_SOCKET_PATH = 100
#: what jupyter_client appends to a kernel's IPC prefix: "-" and the channel's number (1-5, more if files exist)
_SUFFIX = "-99"
#: what the Jupyter server puts after its runtime folder: "/kernel-<uuid>-ipc" (jupyter_client's default prefix)
_SERVER_PREFIX = "/kernel-00000000-0000-0000-0000-000000000000-ipc"
_calls = itertools.count(1)


def encryption_available() -> bool:
    """True when jupyter_client has ``KernelManager.transport_encryption`` and pyzmq has CurveZMQ."""
    try:
        import zmq
        from jupyter_client.manager import KernelManager
    except ImportError:
        return False
    return "transport_encryption" in KernelManager.class_trait_names() and bool(zmq.has("curve"))


def ipc_available() -> bool:
    """True on a POSIX system whose pyzmq can bind Unix-domain sockets (``ipc://``)."""
    try:
        import zmq
    except ImportError:
        return False
    return os.name == "posix" and bool(zmq.has("ipc"))


def fits(prefix: str | Path) -> bool:
    """True when every socket path jupyter_client derives from the IPC ``prefix`` fits a Unix socket address."""
    return len(os.fsencode(str(prefix))) + len(_SUFFIX) <= MAX_SOCKET_PATH


@cache
def _ipc_folder() -> Path:
    """This process's folder for kernel sockets (mode 700), removed when the process exits."""
    folder = Path(tempfile.mkdtemp(prefix="emb-kernels-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)  # only what this process created
    return folder


def ipc_prefix() -> str | None:
    """A fresh IPC prefix for one kernel (its sockets are ``<prefix>-1`` ... ``-5``), or None where IPC cannot be used."""
    if not ipc_available() or not fits(Path(tempfile.gettempdir()) / "emb-kernels-xxxxxxxx" / "k999"):
        return None
    prefix = str(_ipc_folder() / f"k{next(_calls)}")  # one per call: two kernels never share a name
    return prefix if fits(prefix) else None


def kernel_manager_config() -> dict[str, str]:
    """The ``KernelManager`` settings of one course kernel: transport and prefix, encryption policy (any may be absent)."""
    config: dict[str, str] = {}
    prefix = ipc_prefix()
    if prefix is not None:
        config.update(transport="ipc", ip=prefix)
    if encryption_available():
        config["transport_encryption"] = POLICY
    return config


def papermill_kwargs() -> dict[str, Any]:
    """Keyword arguments for one ``papermill.execute_notebook`` call: a kernel-manager config, or nothing."""
    config = kernel_manager_config()
    if not config:
        return {}
    from traitlets.config import Config

    return {"config": Config({"KernelManager": config})}


def lab_args(runtime_dir: str | Path | None = None) -> list[str]:
    """Flags for ``jupyter lab`` (its server's kernel managers are KernelManager subclasses), or none.

    ``runtime_dir``: the Jupyter runtime folder the server will use (default: ``jupyter --runtime-dir``, which
    honours ``JUPYTER_RUNTIME_DIR``); IPC is asked for only when the sockets' paths there fit.
    """
    args = []
    if ipc_available():
        if runtime_dir is None:
            from jupyter_core.paths import jupyter_runtime_dir

            runtime_dir = jupyter_runtime_dir()
        if fits(f"{Path(runtime_dir).resolve()}{_SERVER_PREFIX}"):
            args.append("--KernelManager.transport=ipc")
    if encryption_available():
        args.append(f"--KernelManager.transport_encryption={POLICY}")
    return args


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m utils.course.kernels", description=__doc__.split("\n\n")[0])
    parser.add_argument("--lab-args", action="store_true", help="print the flags for `jupyter lab` (one line)")
    args = parser.parse_args(argv)
    if args.lab_args:
        print(" ".join(lab_args()))
    else:
        transport = "IPC (Unix-domain sockets)" if ipc_prefix() else "TCP on 127.0.0.1"
        keys = "with CurveZMQ keys" if encryption_available() else "without encryption (not available here)"
        print(f"course kernels: {transport}, {keys}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
