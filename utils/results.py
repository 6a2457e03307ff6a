"""Each notebook's key results as a JSON file: written by the notebook, read by the tests and the run summary.

Introduced in notebook 00_setup. A plain JSON sidecar (scrapbook is unmaintained).
"""

from __future__ import annotations

import json
import math
import time
from pathlib import Path
from typing import Any

import numpy as np


def _clean(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, np.ndarray):
        return _clean(value.tolist())
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, Path):
        return str(value)
    return value


def results_path(runs_dir: str | Path, notebook: str) -> Path:
    """``<runs_dir>/results/<notebook>.json``."""
    return Path(runs_dir) / "results" / f"{notebook}.json"


def save_results(runs_dir: str | Path, notebook: str, results: dict[str, Any]) -> Path:
    """Write ``results`` (numpy values converted, NaN -> null) with a timestamp; returns the path."""
    path = results_path(runs_dir, notebook)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {"notebook": notebook, "written_at": time.strftime("%Y-%m-%dT%H:%M:%S"), **_clean(results)}
    path.write_text(json.dumps(payload, indent=2, sort_keys=False))
    return path


def load_results(runs_dir: str | Path, notebook: str) -> dict[str, Any]:
    """Read a notebook's results; a clear error if the notebook has not been run."""
    path = results_path(runs_dir, notebook)
    if not path.is_file():
        raise FileNotFoundError(f"no results at {path}: run notebooks/{notebook}.ipynb first (make course).")
    return json.loads(path.read_text())
