"""TEST-ONLY stand-in for ``sgl_kernel``, SGLang's compiled kernel package, on a CPU (the SGLang test tier).

What it stands in for: ``sglang-kernel-cpu`` (upstream ``sgl-kernel/pyproject_cpu.toml``), the CPU build of
SGLang's kernels. PyPI publishes only the CUDA build (``sglang-kernel==0.4.10``, sglang 0.5.23's pin), which
fails to import without libcuda; the CPU build is not published and is built from a git checkout, which CI
cannot fetch. Why: with ``--device cpu`` and ``SGLANG_USE_CPU_ENGINE=1``, the embedding path of sglang 0.5.23
calls exactly one kernel function, :func:`assign_req_to_token_pool_cpu` (``sglang/srt/mem_cache/allocation.py``
imports it when the device is the CPU). It is written here in plain torch, from what that call does.

Any other function of the package can be imported (SGLang imports several at start-up) but raises
``NotImplementedError`` naming it when called, so a path that needs another kernel fails loudly instead of
running with a fake. ``tests/sglang/cpu_engine.py`` puts this folder on the
server's ``PYTHONPATH``; nothing outside ``tests/sglang`` sees it, and a GPU machine uses the real package.
"""

from __future__ import annotations

import torch

__version__ = "0.0.0+test-stand-in"


def assign_req_to_token_pool_cpu(
    req_pool_indices: torch.Tensor,
    req_to_token: torch.Tensor,
    start_offset: torch.Tensor,
    end_offset: torch.Tensor,
    out_cache_loc: torch.Tensor,
    pool_len: int,
) -> None:
    """For each request ``i``: ``req_to_token[req_pool_indices[i], start:end] = out_cache_loc[off:off + n]``.

    ``start``/``end`` are ``start_offset[i]``/``end_offset[i]``, ``n = end - start`` and ``off`` advances by
    ``n`` from 0 (the new tokens of all requests lie one after another in ``out_cache_loc``). ``pool_len``
    is the width of ``req_to_token``'s rows (the Triton version's bound check): a slice past it is an error.
    """
    off = 0
    for i in range(int(req_pool_indices.shape[0])):
        start, end = int(start_offset[i]), int(end_offset[i])
        n = end - start
        if n < 0 or end > pool_len:
            raise ValueError(f"request {i}: tokens [{start}, {end}) do not fit a row of {pool_len} slots")
        req_to_token[int(req_pool_indices[i]), start:end] = out_cache_loc[off : off + n].to(req_to_token.dtype)
        off += n


def __getattr__(name: str):  # noqa: ANN202 - module attribute hook (PEP 562)
    """Any other name: a function that raises ``NotImplementedError`` naming it when called.

    SGLang imports several CPU kernels at import time (``from sgl_kernel import ...``) that the embedding
    path never calls; the import must succeed, a call must not.
    """
    if name.startswith("__"):
        raise AttributeError(name)

    def not_implemented(*args: object, **kwargs: object) -> None:
        raise NotImplementedError(
            f"sgl_kernel.{name}: the test stand-in (tests/sglang/cpu_kernel/sgl_kernel) implements only "
            "assign_req_to_token_pool_cpu, the one kernel SGLang 0.5.23's CPU embedding path calls; this "
            "path needs the real CPU kernels (sglang-kernel-cpu, built from source) or a GPU."
        )

    not_implemented.__name__ = not_implemented.__qualname__ = name
    return not_implemented
