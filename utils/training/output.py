"""What fine-tuning writes: the merged model, the merge check, and an output folder that is never clobbered.

Introduced in notebook 04_lora_finetune (through :func:`utils.training.finetune.finetune`); the folders it
writes are served again in 05.

* :func:`merge_adapter` loads the base fresh, applies the saved LoRA adapter with PEFT and
  ``merge_and_unload``s it; :func:`check_merge` verifies the classic trap (Qwen3-Embedding issues
  #70, #167): the merged vectors must match the adapter model's and differ from the base model's.
* **Nothing lost to an unwritable folder** (:func:`check_output_room`, called by :func:`check_output_dir`):
  before any training, the folder ``out`` goes in must be writable and have room for a model the size of
  the base; a write that still fails at the end raises :class:`OutputWriteError` saying what was kept.
* **Nothing destroyed** (:func:`check_output_dir`, :func:`staging_dir`, :func:`publish`): a run
  writes into a hidden temporary sibling of ``out`` and renames it into place only at the end, so a
  crash leaves the previous output intact and never a half-written model. An existing folder is
  replaced only when it holds a previous output of this tool (its :data:`MARKER` file,
  ``finetune.json``) *and* the caller allows it (``--overwrite``); anything else is refused. The old
  output is renamed aside first and deleted only once the new one is in place. ``out`` may not be
  the base model folder, lie inside it, or contain it.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import sys
import tempfile
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from utils.paths import writable_folder
from utils.training.config import MergeCheck, encode, load_sentence_transformer

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

#: The file every output folder of :func:`utils.training.finetune.finetune` holds (the run's record). Its
#: presence is what allows ``--overwrite`` to replace the folder.
MARKER = "finetune.json"


class OutputExistsError(ValueError):
    """``--out`` cannot be written without destroying something this tool did not create."""


class OutputWriteError(OSError):
    """``--out`` cannot be written: its folder is not writable or too full, or a write at the end failed."""


# --------------------------------------------------------------------------- the output folder
def is_previous_output(path: str | Path) -> bool:
    """True when ``path`` is a folder written by :func:`utils.training.finetune.finetune` (it holds :data:`MARKER`)."""
    marker = Path(path) / MARKER
    if not marker.is_file():
        return False
    try:
        record = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(record, dict) and "decision" in record and "base_path" in record


def check_output_dir(out: str | Path, model: str | Path, overwrite: bool = False) -> None:
    """Raise :class:`OutputExistsError` unless writing ``out`` destroys nothing it should not.

    Allowed: ``out`` missing, an empty folder, or (with ``overwrite``) a previous output of this tool.
    Refused: ``out`` is a file; a non-empty folder that is not a previous output; ``out`` equal to,
    inside, or containing the base ``model`` folder. Then :func:`check_output_room` (an
    :class:`OutputWriteError`). Call it before loading the model.
    """
    _check_not_destructive(out, model, overwrite)
    check_output_room(out, model)


def model_size_bytes(model: str | Path) -> int:
    """Bytes of the files in a model folder (what a merged model of the same dtype needs, about)."""
    return sum(f.stat().st_size for f in Path(model).rglob("*") if f.is_file())


def check_output_room(out: str | Path, model: str | Path, margin: float = 1.1) -> None:
    """Raise :class:`OutputWriteError` unless ``out`` can be written: the folder it goes in (the nearest that
    exists) is writable and has ``margin`` times the base model's size free (the output is a merged model
    of the base's size, staged beside ``out``). Checked before training, so no training is lost to it.
    """
    parent, writable = writable_folder(Path(out).resolve().parent)  # the output is staged beside ``out``
    if not writable:
        raise OutputWriteError(
            f"--out {out}: cannot write in {parent} (permission denied or a read-only file system); "
            "choose a folder you can write to. Nothing was trained."
        )
    need = int(model_size_bytes(model) * margin)
    free = shutil.disk_usage(parent).free
    if free < need:
        raise OutputWriteError(
            f"--out {out}: {parent} has {_size(free)} free, but the output (a model the size of the base, "
            f"{_size(need)} with a {margin - 1:.0%} margin) needs more; free space or choose another folder. "
            "Nothing was trained."
        )


def _size(n: float) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GiB"


def _check_not_destructive(out: str | Path, model: str | Path, overwrite: bool) -> None:
    out_r, model_r = Path(out).resolve(), Path(model).resolve()
    if out_r == model_r or model_r in out_r.parents:
        raise OutputExistsError(f"--out {out} is the base model folder or inside it; choose another folder.")
    if out_r in model_r.parents:
        raise OutputExistsError(f"--out {out} contains the base model {model}; choose another folder.")
    if not out_r.exists():
        return
    if not out_r.is_dir():
        raise OutputExistsError(f"--out {out} is a file, not a folder; choose a folder path.")
    if not any(out_r.iterdir()):
        return
    if not is_previous_output(out_r):
        raise OutputExistsError(
            f"--out {out} is a non-empty folder that this tool did not write (no {MARKER}); "
            "it is left untouched: choose a new or empty folder."
        )
    if not overwrite:
        raise OutputExistsError(
            f"--out {out} holds a previous fine-tuning output; pass --overwrite (overwrite=True) to replace it."
        )


def staging_dir(out: str | Path) -> Path:
    """A new hidden temporary sibling of ``out`` (same file system, so :func:`publish` is a rename)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{out.name}.partial-", dir=out.parent))


def publish(staged: str | Path, out: str | Path) -> Path:
    """Move the finished ``staged`` folder to ``out``; a previous output there is renamed aside, then deleted.

    Only folders that passed :func:`check_output_dir` reach this point: missing, empty, or written by
    this tool. If the final rename fails, the previous output is put back.
    """
    staged, out = Path(staged), Path(out)
    if out.is_dir() and not any(out.iterdir()):
        out.rmdir()  # an empty folder holds nothing to lose
    old = None
    if out.exists():
        if not is_previous_output(out):  # re-checked: something else may have appeared meanwhile
            raise OutputExistsError(
                f"{out} changed during the run and is not a previous output; left untouched."
            )
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
        os.replace(out, old / out.name)
    try:
        os.replace(staged, out)
    except OSError:
        if old is not None:
            os.replace(old / out.name, out)
            old.rmdir()
        raise
    if old is not None:
        shutil.rmtree(old)  # the previous output of this tool, now replaced
    return out


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MiB (``getrusage``; KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


# --------------------------------------------------------------------------- merge and check
def base_dtype(model_path: str | Path) -> str:
    """The base folder's weight dtype (``float32`` or ``bfloat16``; anything else counts as ``float32``)."""
    cfg = json.loads((Path(model_path) / "config.json").read_text())
    dtype = cfg.get("dtype") or cfg.get("torch_dtype") or "float32"
    return dtype if dtype in ("float32", "bfloat16") else "float32"


def merge_adapter(
    base_path: str | Path, adapter_dir: str | Path, out_dir: str | Path, max_seq_length: int = 256
) -> Path:
    """Load the base model fresh, apply the saved adapter with PEFT, ``merge_and_unload``, save a plain folder.

    The adapter is loaded onto the *same module tree* that was trained (the transformer inside the
    sentence-transformers model), the step where issues #70/#167 lost adapters silently. The merge is
    done in float32 and saved in the base's dtype; Qwen3 folders keep the base's ``architectures`` so
    that SGLang picks the same model class as for the base.
    """
    import torch
    from peft import PeftModel

    base_path, out_dir = Path(base_path), Path(out_dir)
    model = load_sentence_transformer(base_path, device="cpu", dtype="float32", max_seq_length=max_seq_length)
    module = model[0]
    with warnings.catch_warnings():  # PEFT reads transformers' deprecated `is_gradient_checkpointing`: a
        # FutureWarning in every reader's output that is PEFT's to fix, not the reader's
        warnings.filterwarnings("ignore", message=".*is_gradient_checkpointing.*", category=FutureWarning)
        module.model = PeftModel.from_pretrained(module.model, str(adapter_dir)).merge_and_unload()
    if base_dtype(base_path) == "bfloat16":
        model.to(torch.bfloat16)
    out_dir.mkdir(parents=True, exist_ok=True)
    model.save(str(out_dir))
    base_cfg = json.loads((base_path / "config.json").read_text())
    if "architectures" in base_cfg:
        cfg_path = out_dir / "config.json"
        cfg = json.loads(cfg_path.read_text())
        cfg["architectures"] = base_cfg["architectures"]
        cfg_path.write_text(json.dumps(cfg, indent=2))
    return out_dir


def check_merge(
    adapter_model: SentenceTransformer,
    merged_path: str | Path,
    base_path: str | Path,
    texts: Sequence[str],
    device: str = "cpu",
) -> MergeCheck:
    """Compare the merged folder (loaded the way the server loads it) with the adapter model and the base.

    The merged model must reproduce the adapter model (cosine ~1; looser in bf16) and must differ from
    the base far more than from the adapter. An "unchanged" result is the classic LoRA trap.
    """
    from utils.serving.encoders import load_encoder

    dtype = base_dtype(base_path) if device.split(":")[0] == "cuda" else "float32"
    with warnings.catch_warnings():  # all three models read the same first max_seq_length tokens: cutting is the point
        warnings.filterwarnings("ignore", message="truncated .* text", category=UserWarning)
        merged = load_encoder(merged_path, device=device, dtype=dtype).encode(list(texts), truncate=True)
        base = load_encoder(base_path, device=device, dtype=dtype).encode(list(texts), truncate=True)
    adapter = encode(adapter_model, texts)
    cos_ma = (merged * adapter).sum(axis=1)
    cos_mb = (merged * base).sum(axis=1)
    tol = 5e-3 if (dtype == "bfloat16" or base_dtype(base_path) == "bfloat16") else 1e-4
    dist_ma = float(np.mean(1 - cos_ma))
    dist_mb = float(np.mean(1 - cos_mb))
    return MergeCheck(
        cos_merged_adapter_min=float(cos_ma.min()),
        cos_merged_base_mean=float(cos_mb.mean()),
        match_tolerance=tol,
        matches_adapter=bool(cos_ma.min() >= 1 - tol),
        differs_from_base=bool(dist_mb > max(10 * dist_ma, 1e-6)),
    )
