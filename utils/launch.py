"""Start and stop the embedding server as a subprocess: SGLang on a GPU, the CPU server otherwise.

Introduced in notebook 01_serve_and_embed. The only module in ``utils`` that starts processes.

    with start_server(settings) as server:      # waits for /health, log kept in a file
        ...                                     # server.base_url is ready to call
    # stopped here (SIGTERM, then SIGKILL)

If the process exits or never becomes healthy, :class:`ServerStartError` quotes the log's tail.
"""

from __future__ import annotations

import atexit
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import httpx

from utils.settings import REPO_ROOT, Settings


class ServerStartError(RuntimeError):
    """The server process died or did not become healthy in time. The message holds its log tail."""


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that is free right now on ``host``."""
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def _sglang_base(model_path: str, host: str, port: int) -> list[str]:
    """``python -m sglang.launch_server --model-path DIR --host H --port P`` (sglang 0.5.23's flags)."""
    return [
        sys.executable,
        "-m",
        "sglang.launch_server",
        "--model-path",
        model_path,
        "--host",
        host,
        "--port",
        str(port),
    ]


def sglang_command(
    model_path: str,
    host: str = "127.0.0.1",
    port: int = 30000,
    served_model_name: str | None = None,
    api_key: str | None = None,
    matryoshka: bool = True,
    extra_args: Sequence[str] = (),
    dp_size: int = 1,
    tp_size: int = 1,
) -> list[str]:
    """The SGLang command line for serving an embedding model (notebook 01; the README quotes it).

    ``--is-embedding`` switches SGLang to embeddings (``/v1/embeddings`` is always on; there is no
    ``--enable-openai-compatibility`` flag). Qwen3's config has no ``is_matryoshka``, so the override
    is what makes the ``dimensions`` parameter work (SGLang then truncates and re-normalises).
    ``--dtype bfloat16`` is explicit because fp16 can give NaNs with Qwen3-Embedding. SGLang reads
    its key only from ``--api-key``, so the key is visible to local users in the process list.
    ``tests/test_launch_commands.py`` checks that the README's command is this one.

    On several GPUs (README, "At scale"): ``dp_size`` runs that many replicas of the model behind one
    port (``--dp-size``: throughput, for a model that fits one GPU); ``tp_size`` splits each replica
    across that many GPUs (``--tp-size``: only for a model that does not fit one). They use
    ``dp_size * tp_size`` GPUs. Flag names as in sglang 0.5.23 (``sglang/srt/arg_groups/fields/parallel.py``).
    """
    for name, size in (("dp_size", dp_size), ("tp_size", tp_size)):
        if not isinstance(size, int) or isinstance(size, bool) or size < 1:
            raise ValueError(f"{name} must be a whole number of GPUs, at least 1; got {size!r}")
    cmd = _sglang_base(model_path, host, port) + ["--is-embedding", "--dtype", "bfloat16"]
    if tp_size > 1:
        cmd += ["--tp-size", str(tp_size)]
    if dp_size > 1:
        cmd += ["--dp-size", str(dp_size)]
    if served_model_name:
        cmd += ["--served-model-name", served_model_name]
    if api_key:
        cmd += ["--api-key", api_key]
    if matryoshka:
        cmd += ["--json-model-override-args", json.dumps({"is_matryoshka": True})]
    return cmd + list(extra_args)


#: The Qwen3-Reranker chat template shipped with the course (the sglang wheel ships none). An absolute
#: path, so the command works whatever the server's working directory is.
QWEN3_RERANKER_TEMPLATE = Path(__file__).resolve().parent / "templates" / "qwen3_reranker.jinja"


def reranker_command(
    model_path: str,
    chat_template: str | Path | None = None,
    host: str = "127.0.0.1",
    port: int = 30010,
    served_model_name: str | None = None,
    api_key: str | None = None,
    trust_remote_code: bool = False,
    extra_args: Sequence[str] = (),
) -> list[str]:
    """The SGLang command for Qwen3-Reranker (introduced in notebook 05_production_pipeline).

    Qwen3-Reranker is a decoder-only yes/no scorer, not a cross-encoder: SGLang serves it WITHOUT
    ``--is-embedding`` and scores the next token ("yes" vs "no") of a prompt built from the Qwen3
    reranker chat template. ``chat_template=None`` uses the template shipped with the course
    (:data:`QWEN3_RERANKER_TEMPLATE`, an absolute path); without one SGLang answers ``/v1/rerank``
    with HTTP 400, and with a path that does not exist it stops at start-up, so a missing file is
    refused here. A relative path is looked up from the current directory, then from the repository
    root; the command carries the absolute path (the server runs in the repository root).
    ``--disable-radix-cache`` follows SGLang's documented launch command for this model.
    ``trust_remote_code`` is off by default: Qwen3-Reranker is a plain ``Qwen3ForCausalLM`` with no
    custom code, so enable it only for a checkpoint that ships its own modelling code.
    ``api_key`` makes the server require ``Authorization: Bearer KEY`` on ``/v1/rerank``.
    """
    template = Path(chat_template) if chat_template is not None else QWEN3_RERANKER_TEMPLATE
    candidates = [template] if template.is_absolute() else [Path.cwd() / template, REPO_ROOT / template]
    found = [c.resolve() for c in candidates if c.is_file()]
    if not found:
        raise FileNotFoundError(
            f"reranker chat template {str(chat_template)!r} not found (looked at {', '.join(map(str, candidates))}). "
            f"Pass chat_template=None to use the one shipped with the course ({QWEN3_RERANKER_TEMPLATE})."
        )
    cmd = _sglang_base(model_path, host, port) + ["--chat-template", str(found[0]), "--disable-radix-cache"]
    if trust_remote_code:
        cmd.append("--trust-remote-code")
    if served_model_name:
        cmd += ["--served-model-name", served_model_name]
    if api_key:
        cmd += ["--api-key", api_key]
    return cmd + list(extra_args)


def cpu_server_command(
    model_path: str | None,
    host: str = "127.0.0.1",
    port: int = 8765,
    served_model_name: str | None = None,
    api_key: str | None = None,
    extra_args: Sequence[str] = (),
) -> list[str]:
    """The command line of the CPU default server (``python -m utils.server``)."""
    cmd = [sys.executable, "-m", "utils.server", "--host", host, "--port", str(port)]
    if model_path:
        cmd += ["--model", model_path]
    if served_model_name:
        cmd += ["--served-model-name", served_model_name]
    if api_key:
        cmd += ["--api-key", api_key]
    return cmd + list(extra_args)


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


class ManagedServer:
    """A server subprocess with a log file, a health wait and a clean stop. Use as a context manager."""

    def __init__(
        self,
        command: Sequence[str],
        base_url: str,
        log_path: str | Path | None = None,
        health_path: str = "/health",
        env: dict[str, str] | None = None,
    ) -> None:
        self.command = list(command)
        self.base_url = base_url.rstrip("/")
        root = self.base_url[: -len("/v1")] if self.base_url.endswith("/v1") else self.base_url
        self.health_url = root + health_path
        self.log_path = (
            Path(log_path) if log_path else Path(tempfile.mkstemp(prefix="embed-server-", suffix=".log")[1])
        )
        self.env = env
        self.process: subprocess.Popen | None = None
        self._log = None

    def start(self, timeout: float = 120.0) -> ManagedServer:
        """Start the process and wait until ``/health`` answers 200 (or raise :class:`ServerStartError`)."""
        env = dict(os.environ if self.env is None else self.env)
        env["PYTHONPATH"] = str(REPO_ROOT) + os.pathsep + env.get("PYTHONPATH", "")
        env.setdefault("HF_HUB_OFFLINE", "1")
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            self.command,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=str(REPO_ROOT),
            start_new_session=True,
        )
        # the server runs in its own session, so a crashed notebook would leave it behind: stop it at exit
        atexit.register(self.stop)
        self.wait_healthy(timeout)
        return self

    def wait_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                code = self.process.returncode
                self._close_log()
                raise ServerStartError(
                    f"the server exited with code {code} before it was healthy.\ncommand: {' '.join(self.command)}\n"
                    f"log ({self.log_path}), last lines:\n{_tail(self.log_path)}"
                )
            try:
                if httpx.get(self.health_url, timeout=2.0).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.25)
        tail = _tail(self.log_path)
        self.stop()
        raise ServerStartError(
            f"the server did not answer {self.health_url} within {timeout:.0f}s.\nlog ({self.log_path}), last lines:\n{tail}"
        )

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, grace: float = 10.0) -> None:
        """SIGTERM the process group, then SIGKILL after ``grace`` seconds."""
        if self.process is not None and self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(grace)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(self.process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.process.wait(5)
        self._close_log()

    def _close_log(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None

    def log_tail(self, lines: int = 30) -> str:
        return _tail(self.log_path, lines)

    def __enter__(self) -> ManagedServer:
        if self.process is None:
            self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


class ExternalServer:
    """A server the course did not start (``openai`` mode): checks it answers, stops nothing."""

    def __init__(self, base_url: str, api_key: str | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.command: list[str] = []

    def start(self, timeout: float = 10.0) -> ExternalServer:
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        try:
            r = httpx.get(self.base_url + "/models", headers=headers, timeout=timeout)
        except httpx.HTTPError as exc:
            raise ServerStartError(
                f"no server answers at {self.base_url} ({exc}); start it, or fix EMB_BASE_URL."
            ) from exc
        if r.status_code >= 400:
            raise ServerStartError(f"{self.base_url}/models answered HTTP {r.status_code}: {r.text[:300]}")
        return self

    running = True

    def stop(self) -> None:
        """Nothing to stop: the server belongs to someone else."""

    def __enter__(self) -> ExternalServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def server_for(
    settings: Settings,
    port: int | None = None,
    log_path: str | Path | None = None,
    extra_args: Sequence[str] = (),
) -> ManagedServer | ExternalServer:
    """The server the settings ask for, not yet started. ``port=0`` picks a free port."""
    if settings.mode == "openai":
        return ExternalServer(settings.base_url, settings.api_key)
    p = settings.port if port is None else (port or free_port(settings.host))
    url = f"http://{settings.host}:{p}/v1"
    log = log_path or settings.runs_dir / "logs" / f"{settings.mode}-server-{p}.log"
    if settings.mode == "sglang":
        cmd = sglang_command(
            settings.model_path or "",
            settings.host,
            p,
            settings.model_name,
            settings.api_key,
            extra_args=extra_args,
        )
    else:
        cmd = cpu_server_command(
            settings.model_path,
            settings.host,
            p,
            settings.model_name,
            settings.api_key,
            extra_args=extra_args,
        )
    return ManagedServer(cmd, url, log_path=log)


def start_server(
    settings: Settings, port: int | None = None, timeout: float | None = None, **kwargs
) -> ManagedServer | ExternalServer:
    """Start (or, in ``openai`` mode, check) the server for the settings and return it, healthy.

    SGLang loads and captures CUDA graphs for a minute or more; the CPU server takes a few seconds.
    """
    server = server_for(settings, port=port, **kwargs)
    if timeout is None:
        timeout = 600.0 if settings.mode == "sglang" else 120.0
    return server.start(timeout=timeout)
