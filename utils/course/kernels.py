"""How the course starts Jupyter kernels: with their sockets encrypted (CurveZMQ) where the installed Jupyter can.

ipykernel 7.4 warns on every start of a kernel whose ZeroMQ sockets carry code and outputs in plain text
("Kernel is running over TCP without encryption ..."), and jupyter_client 8.10 can hand the kernel CurveZMQ keys
when its kernel manager's ``transport_encryption`` is ``"auto"`` and the kernelspec declares
``supported_encryption: ["curve"]`` (ipykernel's does). The course turns that on where it is available:

- :func:`papermill_kwargs`: the extra arguments of ``papermill.execute_notebook`` (the course runner and the
  notebook tests);
- :func:`lab_args`: the command-line flags of ``jupyter lab`` (``make lab`` and the browser test), printed by
  ``python -m utils.course.kernels --lab-args``.

Where jupyter_client predates the setting, or pyzmq was built without CurveZMQ, both are empty and kernels start
as before (plain TCP on 127.0.0.1, which older ipykernels do not warn about). Only the course's own kernels are
affected; a Jupyter you start yourself keeps its configuration.
"""

from __future__ import annotations

import argparse
from typing import Any

#: the kernel manager's policy: keys are provisioned when the kernelspec says the kernel supports them
POLICY = "auto"


def encryption_available() -> bool:
    """True when jupyter_client has ``KernelManager.transport_encryption`` and pyzmq has CurveZMQ."""
    try:
        import zmq
        from jupyter_client.manager import KernelManager
    except ImportError:
        return False
    return "transport_encryption" in KernelManager.class_trait_names() and bool(zmq.has("curve"))


def papermill_kwargs() -> dict[str, Any]:
    """Keyword arguments for ``papermill.execute_notebook``: a kernel-manager config, or nothing."""
    if not encryption_available():
        return {}
    from traitlets.config import Config

    return {"config": Config({"KernelManager": {"transport_encryption": POLICY}})}


def lab_args() -> list[str]:
    """Flags for ``jupyter lab`` (its server's kernel managers are KernelManager subclasses), or none."""
    return [f"--KernelManager.transport_encryption={POLICY}"] if encryption_available() else []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m utils.course.kernels", description=__doc__.split("\n\n")[0])
    parser.add_argument("--lab-args", action="store_true", help="print the flags for `jupyter lab` (one line)")
    args = parser.parse_args(argv)
    if args.lab_args:
        print(" ".join(lab_args()))
    else:
        state = "available: kernels get CurveZMQ keys" if encryption_available() else "not available: plain TCP"
        print(f"kernel transport encryption {state}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
