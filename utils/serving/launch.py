"""Start and stop the embedding server as a subprocess: SGLang on a GPU, the CPU server otherwise.

Introduced in notebook 01_serve_and_embed. The only module in ``utils`` that starts processes.

    server = start_server(settings, port=0)     # waits for /health, log kept in a file
    ...                                         # server.base_url is ready to call
    server = start_server(settings, port=0)     # re-running the cell: the same server, not a second one
    stop_all()                                  # optional: every server still runs until the kernel exits

:func:`start_server` keeps one server per configuration (mode, model, served name, host, API key,
extra arguments) for the life of the Python process: starting the same configuration again returns
the running server if it is alive and healthy, and a server still running when the interpreter (the
notebook's kernel) exits is stopped then (``atexit``). ``with start_server(...) as server:`` stops it
at the end of the block instead.

If the process exits, the port is taken by another process, or it never becomes healthy,
:class:`ServerStartError` says so and quotes the log's tail. API keys are masked in every message;
the CPU server gets its key through the ``EMB_API_KEY`` environment variable, never on its command
line. SGLang takes it as ``--api-key`` (visible to local users in ``ps``) or, since 0.5.23 reads
``--config FILE.yaml``, from a YAML file (a line ``api-key: ...``) that keeps it out of the process list.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from utils.paths import REPO_ROOT
from utils.serving.settings import Settings


class ServerStartError(RuntimeError):
    """The server process died or did not become healthy in time. The message holds its log tail."""


MASK = "***"


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that is free right now on ``host``."""
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def port_in_use(host: str, port: int) -> bool:
    """True when something accepts connections on ``host:port`` or the port cannot be bound there."""
    with socket.socket() as s:
        s.settimeout(0.5)
        if s.connect_ex((host, port)) == 0:
            return True
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does: TIME_WAIT is no obstacle
        try:
            s.bind((host, port))
        except OSError:
            return True
    return False


def mask_secrets(text: str, secrets: Sequence[str | None]) -> str:
    """``text`` with every secret replaced by ``***`` (for messages, reprs and log tails)."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, MASK)
    return text


def masked_command(command: Sequence[str]) -> str:
    """The command as one string, with the value after ``--api-key`` replaced by ``***``."""
    out = list(command)
    for i, arg in enumerate(out):
        if arg == "--api-key" and i + 1 < len(out):
            out[i + 1] = MASK
        elif arg.startswith("--api-key="):
            out[i] = "--api-key=" + MASK
    return " ".join(out)


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


#: ``--mem-fraction-static`` of each server the course starts. SGLang 0.5.23 sizes a server's static memory
#: (weights + cache pool) as this fraction of the GPU memory that is FREE when it starts (its KV budget is
#: "free after loading - free at start x (1 - fraction)", ``mem_cache/kv_cache_configurator.py``); its own
#: default (about 0.8-0.9) leaves too little for the next notebook's server, notebook 05's reranker or an
#: in-process model. With 0.3 and 0.2 the course's servers share one GPU: on an 80 GB GPU the first
#: embedding server takes 24 GB, a second one 30% of what is left, the reranker 20% of what is left then,
#: each well above Qwen3 0.6B's 1.2 GB of bf16 weights. An 8B model (16 GB) needs a larger fraction:
#: pass ``mem_fraction_static=`` (or ``--mem-fraction-static`` in ``EMB_SGLANG_ARGS``).
EMBEDDING_MEM_FRACTION = 0.3
RERANKER_MEM_FRACTION = 0.2


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
    mem_fraction_static: float | None = EMBEDDING_MEM_FRACTION,
) -> list[str]:
    """The SGLang command line for serving an embedding model (notebook 01; the README quotes it).

    ``--is-embedding`` switches SGLang to embeddings (``/v1/embeddings`` is always on; there is no
    ``--enable-openai-compatibility`` flag). Qwen3's config has no ``is_matryoshka``, so the override
    is what makes the ``dimensions`` parameter work (SGLang then truncates and re-normalises).
    ``--dtype bfloat16`` is explicit because fp16 can give NaNs with Qwen3-Embedding.
    ``--disable-radix-cache``: SGLang keeps its prefix (radix) cache on for decoder embedding models, so
    a text sent again reuses its cached prefix and recomputes only the last token; its vector then
    differs from the first answer in the last bf16 bits, and a benchmark that sends the same texts twice
    measures cache hits. Off, every request computes its texts in full (notebook 01's comparisons and
    benchmark rely on that).
    ``--mem-fraction-static`` (:data:`EMBEDDING_MEM_FRACTION`; ``None`` leaves SGLang's default) lets the
    course's servers share one GPU. The key (``api_key``) goes on the command line as ``--api-key``,
    visible to local users in ``ps``; SGLang 0.5.23 also reads ``--config FILE.yaml`` (a line
    ``api-key: KEY``, spelled like the flag), which keeps it out of the process list.
    ``tests/test_launch_commands.py`` checks that the README's command is this one.

    On several GPUs (README, "At scale"): ``dp_size`` runs that many replicas of the model behind one
    port (``--dp-size``: throughput, for a model that fits one GPU); ``tp_size`` splits each replica
    across that many GPUs (``--tp-size``: only for a model that does not fit one). They use
    ``dp_size * tp_size`` GPUs. Flag names as in sglang 0.5.23 (``sglang/srt/arg_groups/fields/parallel.py``).
    """
    for name, size in (("dp_size", dp_size), ("tp_size", tp_size)):
        if not isinstance(size, int) or isinstance(size, bool) or size < 1:
            raise ValueError(f"{name} must be a whole number of GPUs, at least 1; got {size!r}")
    cmd = _sglang_base(model_path, host, port) + ["--is-embedding", "--dtype", "bfloat16", "--disable-radix-cache"]
    if mem_fraction_static is not None:
        cmd += ["--mem-fraction-static", _fraction(mem_fraction_static)]
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


def _fraction(value: float) -> str:
    """``value`` as SGLang's ``--mem-fraction-static`` takes it, after checking it lies in (0, 1)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < 1:
        raise ValueError(f"mem_fraction_static must be a fraction between 0 and 1 (exclusive); got {value!r}")
    return f"{value:g}"


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
    mem_fraction_static: float | None = RERANKER_MEM_FRACTION,
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
    ``mem_fraction_static`` (:data:`RERANKER_MEM_FRACTION`) lets it start beside the embedding server.
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
    if mem_fraction_static is not None:
        cmd += ["--mem-fraction-static", _fraction(mem_fraction_static)]
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
    extra_args: Sequence[str] = (),
) -> list[str]:
    """The command line of the CPU default server (``python -m utils.serving.server``).

    There is no key argument: the server reads its key from ``EMB_API_KEY`` in its environment
    (:func:`server_for` sets it), so the key never shows in ``ps``.
    """
    cmd = [sys.executable, "-m", "utils.serving.server", "--host", host, "--port", str(port)]
    if model_path:
        cmd += ["--model", model_path]
    if served_model_name:
        cmd += ["--served-model-name", served_model_name]
    return cmd + list(extra_args)


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


class ManagedServer:
    """A server subprocess with a log file, a health wait and a clean stop. Use as a context manager.

    ``env_overrides`` are set in (a value of ``None`` removes) the child's environment; ``secrets``
    are masked as ``***`` wherever this object prints the command or the log.
    """

    def __init__(
        self,
        command: Sequence[str],
        base_url: str,
        log_path: str | Path | None = None,
        health_path: str = "/health",
        env: dict[str, str] | None = None,
        env_overrides: Mapping[str, str | None] | None = None,
        secrets: Sequence[str | None] = (),
    ) -> None:
        self.command = list(command)
        self.base_url = base_url.rstrip("/")
        root = self.base_url[: -len("/v1")] if self.base_url.endswith("/v1") else self.base_url
        self.health_url = root + health_path
        parts = urlsplit(root)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.log_path = (
            Path(log_path) if log_path else Path(tempfile.mkstemp(prefix="embed-server-", suffix=".log")[1])
        )
        self.env = env
        self.env_overrides = dict(env_overrides or {})
        self.secrets = tuple(s for s in secrets if s)
        self.process: subprocess.Popen | None = None
        self._log = None

    def __repr__(self) -> str:
        pid = self.process.pid if self.process is not None else None
        return (
            f"ManagedServer(base_url={self.base_url!r}, pid={pid}, running={self.running}, "
            f"command={self.command_text!r})"
        )

    @property
    def command_text(self) -> str:
        """The command as one line, with the API key masked (safe to print)."""
        return mask_secrets(masked_command(self.command), self.secrets)

    def _masked(self, text: str) -> str:
        return mask_secrets(text, self.secrets)

    def start(self, timeout: float = 120.0, check_port: bool = True) -> ManagedServer:
        """Start the process and wait until ``/health`` answers 200 (or raise :class:`ServerStartError`).

        Refuses at once when ``check_port`` and another process already listens on the port: that
        process would answer ``/health`` and be taken for this server.
        """
        if self.running:
            return self
        if check_port and port_in_use(self.host, self.port):
            raise ServerStartError(
                f"port {self.port} on {self.host} is already in use by another process, so this server "
                "cannot listen there. Stop that process, choose another port, or pass port=0 to pick a free one."
            )
        env = dict(os.environ if self.env is None else self.env)
        env["PYTHONPATH"] = str(REPO_ROOT) + os.pathsep + env.get("PYTHONPATH", "")
        env.setdefault("HF_HUB_OFFLINE", "1")
        for name, value in self.env_overrides.items():
            if value is None:
                env.pop(name, None)
            else:
                env[name] = value
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

    def _exited_error(self) -> ServerStartError:
        code = self.process.returncode if self.process is not None else None
        self._close_log()
        return ServerStartError(
            f"the server exited with code {code} before it was healthy.\ncommand: {self.command_text}\n"
            f"log ({self.log_path}), last lines:\n{self._masked(_tail(self.log_path))}"
        )

    def _answers_health(self) -> bool:
        """True when ``/health`` answers 200 from this process; raises if another process answers."""
        try:
            r = httpx.get(self.health_url, timeout=2.0)
        except httpx.HTTPError:
            return False
        if r.status_code != 200:
            return False
        try:
            pid = r.json().get("pid")
        except (ValueError, AttributeError):
            pid = None  # SGLang's /health has an empty body: the exit check below still applies
        if pid is not None and self.process is not None and pid != self.process.pid:
            self.stop()
            raise ServerStartError(
                f"another process (pid {pid}) answers {self.health_url}, not the server started here "
                f"(pid {self.process.pid}): the port is taken. Stop that process or pass port=0."
            )
        return True

    def wait_healthy(self, timeout: float) -> None:
        """Poll ``/health`` until it answers from this process; the child's exit is a failure even then."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise self._exited_error()
            if self._answers_health():
                time.sleep(0.1)  # a child that is dying (e.g. "address already in use") shows it here
                if self.process is not None and self.process.poll() is not None:
                    raise self._exited_error()
                return
            time.sleep(0.25)
        tail = self._masked(_tail(self.log_path))
        self.stop()
        raise ServerStartError(
            f"the server did not answer {self.health_url} within {timeout:.0f}s.\ncommand: {self.command_text}\n"
            f"log ({self.log_path}), last lines:\n{tail}"
        )

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def healthy(self) -> bool:
        """True when the process is alive and its own ``/health`` answers 200."""
        try:
            return self.running and self._answers_health()
        except ServerStartError:
            return False

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
        atexit.unregister(self.stop)
        for key in [k for k, v in _SERVERS.items() if v is self]:
            del _SERVERS[key]
        self._close_log()

    def _close_log(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None

    def log_tail(self, lines: int = 30) -> str:
        """The last lines of the server's log, API key masked."""
        return self._masked(_tail(self.log_path, lines))

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

    def __repr__(self) -> str:
        return f"ExternalServer(base_url={self.base_url!r}, api_key={MASK if self.api_key else None!r})"

    def start(self, timeout: float = 10.0) -> ExternalServer:
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        try:
            r = httpx.get(self.base_url + "/models", headers=headers, timeout=timeout)
        except httpx.HTTPError as exc:
            raise ServerStartError(
                f"no server answers at {self.base_url} ({exc}); start it, or fix EMB_BASE_URL."
            ) from exc
        if r.status_code >= 400:
            raise ServerStartError(
                f"{self.base_url}/models answered HTTP {r.status_code}: "
                + mask_secrets(r.text[:300], [self.api_key])
            )
        return self

    running = True

    def healthy(self) -> bool:
        return True

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
    """The server the settings ask for, not yet started. ``port=0`` picks a free port.

    The CPU server gets the API key as ``EMB_API_KEY`` in its environment (not on its command line);
    SGLang gets ``--api-key``. Either way the key is masked in messages. SGLang also gets the settings'
    ``sglang_args`` (``EMB_SGLANG_ARGS``, e.g. ``--mem-fraction-static 0.5``) before ``extra_args``.
    """
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
            extra_args=(*settings.sglang_args, *extra_args),
        )
        return ManagedServer(cmd, url, log_path=log, secrets=[settings.api_key])
    cmd = cpu_server_command(
        settings.model_path, settings.host, p, settings.model_name, extra_args=extra_args
    )
    return ManagedServer(
        cmd,
        url,
        log_path=log,
        # the key by environment (``ps`` shows argv); the parent pid so the server exits with the kernel
        env_overrides={"EMB_API_KEY": settings.api_key, "EMB_PARENT_PID": str(os.getpid())},
        secrets=[settings.api_key],
    )


# The servers start_server has running in this process, by configuration. This is the one piece of
# module state in utils: a server outlives the notebook cell that started it (it lives until the kernel
# exits), so re-running that cell has to find it again instead of starting a second process.
_SERVERS: dict[tuple, ManagedServer] = {}


def server_key(settings: Settings, extra_args: Sequence[str] = ()) -> tuple:
    """What makes two servers the same: mode, model, served name, host, API key (hashed), extra arguments."""
    key_hash = hashlib.sha256(settings.api_key.encode()).hexdigest() if settings.api_key else None
    return (
        settings.mode,
        settings.model_path,
        settings.model_name,
        settings.host,
        key_hash,
        (*settings.sglang_args, *extra_args) if settings.mode == "sglang" else tuple(extra_args),
    )


def start_server(
    settings: Settings,
    port: int | None = None,
    timeout: float | None = None,
    reuse: bool = True,
    log_path: str | Path | None = None,
    extra_args: Sequence[str] = (),
) -> ManagedServer | ExternalServer:
    """Start (or, in ``openai`` mode, check) the server for the settings and return it, healthy.

    ``port``: ``None`` uses ``settings.port`` (8765 by default, ``EMB_PORT``), ``0`` picks a free port
    (what the notebooks do). At most one server runs per configuration (:func:`server_key`): with
    ``reuse=True`` a second call returns the server already running for the same configuration when
    its process is alive and ``/health`` answers (and ``port`` is 0, ``None``-equal or its own port);
    otherwise, and always with ``reuse=False``, that server is stopped and a new one started in its
    place. The server lives until :meth:`ManagedServer.stop`, :func:`stop_all` or the interpreter's
    exit (``atexit``), so a notebook's last cell need not stop it.

    SGLang loads and captures CUDA graphs for a minute or more; the CPU server takes a few seconds.
    """
    if timeout is None:
        timeout = 600.0 if settings.mode == "sglang" else 120.0
    if settings.mode == "openai":
        return ExternalServer(settings.base_url, settings.api_key).start(timeout=min(timeout, 10.0))
    key = server_key(settings, extra_args)
    wanted = settings.port if port is None else port
    old = _SERVERS.get(key)
    if old is not None:
        if reuse and wanted in (0, old.port) and old.healthy():
            return old
        old.stop()
    for attempt in range(3):
        server = server_for(settings, port=port, log_path=log_path, extra_args=extra_args)
        assert isinstance(server, ManagedServer)
        if port == 0 and attempt < 2 and port_in_use(server.host, server.port):
            continue  # taken between free_port() and now: pick another
        break
    server.start(timeout=timeout)
    _SERVERS[key] = server
    return server


def running_servers() -> list[ManagedServer]:
    """The servers :func:`start_server` has running in this process."""
    return [s for s in _SERVERS.values() if s.running]


def stop_all() -> int:
    """Stop every server :func:`start_server` started in this process; returns how many were running."""
    servers = list(_SERVERS.values())
    for server in servers:
        server.stop()
    return sum(1 for s in servers if s.process is not None)
