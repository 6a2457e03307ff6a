"""Pick the compute device: CUDA, then Apple MPS, then CPU (with a warning, not a failure).

Introduced in notebook 00_setup.
"""

from __future__ import annotations

import warnings


def pick_device(prefer: str | None = None, warn: bool = True) -> str:
    """Return ``"cuda"``, ``"mps"`` or ``"cpu"``.

    ``prefer`` forces a device (``"cpu"`` is always honoured; ``"cuda"``/``"mps"`` raise a clear
    error when that device is missing). Without it, the best available device is chosen and a
    warning is issued when that is the CPU, because the GPU track of the course will then not run.
    """
    import torch

    if prefer is not None:
        prefer = prefer.lower()
        if prefer == "cpu":
            return "cpu"
        if prefer == "cuda" and not torch.cuda.is_available():
            raise RuntimeError(
                "device 'cuda' was requested but torch sees no CUDA GPU (torch.cuda.is_available() is False)."
            )
        if prefer == "mps" and not (hasattr(torch.backends, "mps") and torch.backends.mps.is_available()):
            raise RuntimeError("device 'mps' was requested but this machine has no Apple MPS backend.")
        if prefer not in ("cuda", "mps"):
            raise ValueError(f"unknown device {prefer!r}; use 'cuda', 'mps' or 'cpu'.")
        return prefer
    if torch.cuda.is_available():
        return "cuda"
    if hasattr(torch.backends, "mps") and torch.backends.mps.is_available():
        return "mps"
    if warn:
        warnings.warn(
            "No GPU found: running on the CPU. The course's CPU default works; the GPU track "
            "(SGLang, bf16 Qwen3, GPU FAISS) needs a CUDA GPU.",
            stacklevel=2,
        )
    return "cpu"


def best_dtype(device: str) -> str:
    """The dtype the course uses on a device: bf16 on CUDA (``cuda`` or ``cuda:N``; fp16 can give NaNs with
    Qwen3), else fp32."""
    return "bfloat16" if device.split(":")[0] == "cuda" else "float32"
