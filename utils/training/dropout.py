"""Dropout masks from numpy's generator on CPUs where torch's own are a scalar loop (the LoRA steps' hot spot).

On a CPU, ``torch.nn.Dropout`` draws its mask with ``bernoulli_``, which takes MKL's vectorised, multi-threaded
generator only when the processor's vendor is Intel (``bernoulli_scalar_kernel`` in PyTorch's
``aten/src/ATen/native/cpu/DistributionKernels.cpp`` checks ``cpuinfo_vendor_intel``). Everywhere else
(AMD, ARM, Apple silicon) it is one Mersenne-Twister draw per element on one thread. A LoRA step on
all-MiniLM-L6-v2 (batch 32, LoRA dropout on the inputs of all 36 linear layers, the model's own hidden
dropout) spent 31% of its time in ``bernoulli_`` on a 2-core AMD EPYC (torch profiler, 2026-12-07).

:func:`fast_dropout` swaps each ``nn.Dropout`` of a model on the CPU for :class:`NumpyDropout` for the length
of a ``with`` block: the same p and the same semantics (a Bernoulli mask, kept values scaled so that the
expectation is unchanged), the mask drawn by numpy's PCG64 as 16-bit integers from a seed taken from torch's
own generator, so ``torch.manual_seed`` (transformers' ``set_seed``) still makes a run repeatable, and
GradCache's and activation checkpointing's replay of torch's RNG state replays the same masks. Written by hand
because no library offers it; on Intel CPUs with MKL and on GPUs nothing is swapped (torch's masks are fast there).

``python -m utils.training.dropout`` measures both in one run (interleaved rounds, median ratios). On the
2-core AMD EPYC above, two runs: a dropout call on 4 million values 3.2-3.4x faster, a LoRA step 1.11-1.18x
(2026-12-07).
"""

from __future__ import annotations

import contextlib
import platform
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import torch

_LEVELS = 1 << 16  # the mask's resolution: keep-probability to 1/65,536


def cpu_vendor(cpuinfo: str | Path = "/proc/cpuinfo") -> str:
    """The CPU's vendor string (``GenuineIntel``, ``AuthenticAMD``, ...), or ``""`` when unknown."""
    path = Path(cpuinfo)
    try:
        for line in path.read_text(errors="replace").splitlines():
            if line.startswith("vendor_id"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    if platform.system() == "Darwin":  # Intel Macs answer; Apple silicon has no such key
        try:
            out = subprocess.run(["sysctl", "-n", "machdep.cpu.vendor"], capture_output=True, text=True, timeout=5)
            return out.stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""
    return "GenuineIntel" if "intel" in platform.processor().lower() else ""


def torch_masks_are_fast(vendor: str | None = None) -> bool:
    """True where torch's CPU ``bernoulli_`` is MKL's vectorised one: an MKL build on an Intel CPU."""
    vendor = cpu_vendor() if vendor is None else vendor
    return bool(torch.backends.mkl.is_available()) and vendor == "GenuineIntel"


class NumpyDropout(torch.nn.Dropout):
    """``nn.Dropout`` with its mask drawn by numpy (see the module's docstring); same ``p``, same semantics.

    A value is kept with probability ``1 - p`` rounded to 1/65,536 (0.899994 for p = 0.1) and scaled by
    the inverse of that probability, so the output's expectation is the input exactly.
    """

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not self.training or self.p == 0.0:
            return x
        if x.device.type != "cpu":  # numpy's masks are for the CPU: elsewhere torch's own (fast on a GPU)
            return torch.nn.functional.dropout(x, self.p, True, self.inplace)
        keep_levels = round((1.0 - self.p) * _LEVELS)
        if keep_levels == 0:
            return torch.zeros_like(x)
        seed = int(torch.randint(0, 2**62, (1,)).item())  # from torch's generator: manual_seed repeats it
        draws = np.random.Generator(np.random.PCG64(seed)).integers(
            -(_LEVELS // 2), _LEVELS // 2, x.numel(), dtype=np.int16
        )
        keep = torch.from_numpy(draws).view(x.shape) < keep_levels - _LEVELS // 2
        mask = keep.to(x.dtype).mul_(_LEVELS / keep_levels)
        return x.mul_(mask) if self.inplace else x * mask


@contextlib.contextmanager
def fast_dropout(model: torch.nn.Module, enabled: bool | None = None) -> Iterator[int]:
    """Within the block, every ``nn.Dropout`` of ``model`` is a :class:`NumpyDropout` with its ``p``; yields how many.

    ``enabled=None``: swap only when the model is on the CPU and torch's masks are slow there
    (:func:`torch_masks_are_fast`). The original modules are put back on leaving, also after an error.
    """
    on_cpu = all(p.device.type == "cpu" for p in model.parameters())
    if enabled is None:
        enabled = on_cpu and not torch_masks_are_fast()
    swapped: list[tuple[Any, str, torch.nn.Module]] = []
    if enabled:
        for parent in list(model.modules()):
            for name, child in list(parent.named_children()):
                if type(child) is torch.nn.Dropout:
                    replacement = NumpyDropout(child.p, child.inplace)
                    replacement.train(child.training)
                    setattr(parent, name, replacement)
                    swapped.append((parent, name, child))
    try:
        yield len(swapped)
    finally:
        for parent, name, child in reversed(swapped):
            child.train(getattr(parent, name).training)
            setattr(parent, name, child)


def benchmark(rounds: int = 9, numel: int = 4_000_000, steps: bool = True, batch: int = 32) -> dict[str, float]:
    """Time torch's masks against numpy's, interleaved in ``rounds``; print and return the median ratios.

    Two measurements: one dropout call on ``numel`` values, and (``steps``) one LoRA training step of
    all-MiniLM-L6-v2 on ``batch`` (query, positive, negative) triplets of the course's medical set, with
    torch's and with numpy's masks. A benchmark: it prints figures and checks nothing.
    """
    import time

    x = torch.randn(numel)
    torch_drop, numpy_drop = torch.nn.Dropout(0.1).train(), NumpyDropout(0.1).train()
    step = _lora_step(batch) if steps else None
    ratios: dict[str, list[float]] = {"mask": [], "step": []}
    # the rounds alternate the order as utils.course.timing.interleaved_rounds does (the training layer may not
    # import the course layer, tests/test_layout.py); a few lines, synchronous, so written here again
    for r in range(rounds):
        order = (0, 1) if r % 2 == 0 else (1, 0)  # alternate which goes first, so neither always runs warm
        t = [0.0, 0.0]
        for i in order:
            t0 = time.perf_counter()
            (torch_drop, numpy_drop)[i](x)
            t[i] = time.perf_counter() - t0
        ratios["mask"].append(t[0] / t[1])
        if step is not None:
            for i in order:
                t0 = time.perf_counter()
                step(bool(i))
                t[i] = time.perf_counter() - t0
            ratios["step"].append(t[0] / t[1])
    out = {k: float(np.median(v)) for k, v in ratios.items() if v}
    print(f"CPU vendor {cpu_vendor() or 'unknown'}; MKL {torch.backends.mkl.is_available()}; torch threads "
          f"{torch.get_num_threads()}; fast_dropout swaps here: {not torch_masks_are_fast()}")
    print(f"one dropout call on {numel:,} values: torch / numpy time = {out['mask']:.2f} (median of {rounds} rounds)")
    if "step" in out:
        print(f"one LoRA step (all-MiniLM-L6-v2, {batch} triplets): torch / numpy masks time = {out['step']:.2f}")
    return out


def _lora_step(batch: int):  # noqa: ANN202 - a closure for the benchmark
    """A LoRA training step of the CPU model on the medical set; ``step(numpy_masks)`` runs one."""
    import random

    from peft import LoraConfig, TaskType
    from sentence_transformers.sentence_transformer.losses import MatryoshkaLoss, MultipleNegativesRankingLoss

    from utils.data.beir import load_domain
    from utils.serving.settings import default_cpu_model_path
    from utils.training.config import load_sentence_transformer, pairs_from_set, target_modules

    model = load_sentence_transformer(default_cpu_model_path(), device="cpu", dtype="float32", max_seq_length=256)
    model.add_adapter(LoraConfig(task_type=TaskType.FEATURE_EXTRACTION, r=16, lora_alpha=32, lora_dropout=0.1,
                                 target_modules=target_modules("bert", "all-linear")))
    model.train()
    rs = load_domain("medical", "train")
    rng = random.Random(0)
    pairs = rng.sample(pairs_from_set(rs), batch)
    columns = [[p["query"] for p in pairs], [p["positive"] for p in pairs], rng.sample(rs.doc_texts, batch)]

    # notebook 04's loss: InfoNCE at temperature 0.05 (scale 20) with the hard negatives, inside MatryoshkaLoss
    loss = MatryoshkaLoss(model, MultipleNegativesRankingLoss(model, scale=20.0), matryoshka_dims=[384, 256, 128, 64])

    def step(numpy_masks: bool) -> None:
        with fast_dropout(model, enabled=numpy_masks):
            loss([model.preprocess(c) for c in columns], None).backward()
        model.zero_grad()

    step(False)  # warm-up
    return step


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=benchmark.__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--quick", action="store_true", help="a smoke run: 2 rounds, a small tensor, 4 triplets")
    a = parser.parse_args()
    if a.quick:
        benchmark(rounds=2, numel=100_000, batch=4)
    else:
        benchmark(rounds=a.rounds)
