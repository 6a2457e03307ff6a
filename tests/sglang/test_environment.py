"""The tier's environment and the kernel stand-in: requirements-sglang.txt keeps up with sglang's own pins,
and the stand-in does what the Triton kernel it replaces on a CPU does, and nothing else."""

from __future__ import annotations

import importlib.metadata as md
import re

import pytest
import torch
from packaging.requirements import Requirement

from tests.sglang.cpu_engine import STAND_IN_KERNEL
from utils.paths import REPO_ROOT


@pytest.fixture
def sgl_kernel(monkeypatch):
    """The stand-in, imported the way the CPU servers get it (its folder first on the path)."""
    import importlib

    monkeypatch.syspath_prepend(str(STAND_IN_KERNEL))
    return importlib.import_module("sgl_kernel")


def _skipped_as_gpu_only() -> set[str]:
    text = (REPO_ROOT / "requirements-sglang.txt").read_text()
    names = " ".join(line.split(":", 1)[1] for line in text.splitlines() if line.startswith("# gpu-only:"))
    return {_canon(n) for n in names.split()}


def _canon(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_runtime_dependency_of_sglang_is_installed_at_its_pin_or_listed_as_gpu_only():
    """A new sglang pin (or a new dependency) fails here, naming it, until requirements-sglang.txt follows."""
    skipped = _skipped_as_gpu_only()
    assert "sglang-kernel" in skipped and "flashinfer-python" in skipped
    problems = []
    for line in md.requires("sglang") or []:
        req = Requirement(line)
        if req.marker is not None and not req.marker.evaluate({"extra": ""}):
            continue  # an extra, or another platform
        name = _canon(req.name)
        try:
            version = md.version(req.name)
        except md.PackageNotFoundError:
            if name not in skipped:
                problems.append(f"{req} is not installed and not listed as '# gpu-only:'")
            continue
        if name in skipped:
            problems.append(f"{req.name} is listed as gpu-only but installed ({version})")
        elif req.specifier and not req.specifier.contains(version, prereleases=True):
            problems.append(f"{req.name} {version} does not satisfy sglang's {req}")
    assert not problems, "\n".join(problems)


def test_sglang_is_the_gpu_environments_version():
    pinned = re.search(r"^sglang==(\S+)", (REPO_ROOT / "requirements-gpu.txt").read_text(), re.M).group(1)
    assert md.version("sglang") == pinned


def _triton_reference(req_pool_indices, req_to_token, start, end, out_cache_loc):
    """What sglang's Triton kernel assign_req_to_token_pool does, written as a plain loop over requests."""
    want = req_to_token.clone()
    off = 0
    for i, row in enumerate(req_pool_indices.tolist()):
        s, e = int(start[i]), int(end[i])
        for j in range(e - s):
            want[row, s + j] = out_cache_loc[off + j]
        off += e - s
    return want


def test_stand_in_kernel_writes_each_requests_new_slots_into_its_row(sgl_kernel):
    assert "stand-in" in sgl_kernel.__version__
    req_to_token = torch.zeros((4, 10), dtype=torch.int32)
    req_pool_indices = torch.tensor([2, 0, 3])
    start, end = torch.tensor([0, 3, 5]), torch.tensor([4, 5, 10])  # 4, 2 and 5 new tokens
    out_cache_loc = torch.arange(100, 111, dtype=torch.int64)
    want = _triton_reference(req_pool_indices, req_to_token, start, end, out_cache_loc)
    sgl_kernel.assign_req_to_token_pool_cpu(req_pool_indices, req_to_token, start, end, out_cache_loc, 10)
    assert torch.equal(req_to_token, want)
    assert req_to_token[2, :4].tolist() == [100, 101, 102, 103] and req_to_token[3, 5:].tolist() == [106, 107, 108, 109, 110]
    with pytest.raises(ValueError, match="do not fit"):
        sgl_kernel.assign_req_to_token_pool_cpu(req_pool_indices, req_to_token, start, end + 1, out_cache_loc, 10)


def test_stand_in_kernel_refuses_every_other_function_by_name(sgl_kernel):
    copy_all_layer_kv_cache_cpu = sgl_kernel.copy_all_layer_kv_cache_cpu  # SGLang imports it at start-up only

    with pytest.raises(NotImplementedError, match=r"sgl_kernel\.copy_all_layer_kv_cache_cpu: the test stand-in"):
        copy_all_layer_kv_cache_cpu(None)
    with pytest.raises(NotImplementedError, match=r"sgl_kernel\.rmsnorm: the test stand-in"):
        sgl_kernel.rmsnorm()
    assert not hasattr(sgl_kernel, "__path_hooks__")  # dunder names stay ordinary missing attributes
    assert not hasattr(torch.ops.sgl_kernel, "convert_weight_packed")  # so SGLang takes its torch-native path
