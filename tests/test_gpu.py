"""The CUDA paths of the course, run only where a CUDA GPU is present (skipped on the CPU-only CI).

A session with a GPU runs: `python -m pytest tests/test_gpu.py -v` (a minute, no downloads).
"""

import numpy as np
import pytest
import torch

from utils.serving.device import best_dtype, pick_device
from utils.serving.qwen3 import Qwen3Encoder
from utils.serving.tiny_qwen3 import make_tiny_qwen3

pytestmark = pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU (the GPU track)")


def test_device_helper_picks_cuda_and_bf16():
    assert pick_device() == "cuda"
    assert best_dtype("cuda") == "bfloat16"


def test_bf16_qwen3_on_cuda_matches_fp32_on_cpu(tmp_path):
    folder = make_tiny_qwen3(tmp_path / "tiny")
    texts = ["the patient dose", "contract clause on liability", "cash flow margin for the party", "a"]
    gpu = Qwen3Encoder(folder, device="cuda", dtype="bfloat16").encode(texts, batch_size=4)
    cpu = Qwen3Encoder(folder, device="cpu", dtype="float32").encode(texts, batch_size=4)
    assert np.isfinite(gpu).all()
    cos = (gpu * cpu).sum(axis=1)
    assert (cos > 0.99).all(), cos
    right = Qwen3Encoder(folder, device="cuda", dtype="bfloat16", padding_side="right").encode(
        texts, batch_size=4
    )
    assert ((gpu * right).sum(axis=1) > 0.99).all()


def test_faiss_gpu_index_when_available():
    faiss = pytest.importorskip("faiss")
    if faiss.get_num_gpus() == 0:
        pytest.skip("faiss has no GPU support here (install faiss-gpu-cu12 from requirements-gpu.txt)")
    from utils.search.index import build_index

    rng = np.random.default_rng(0)
    x = rng.standard_normal((5000, 64)).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    index = build_index(x, "Flat", use_gpu=True)
    _, ids = index.search(x[:10], 1)
    assert ids[:, 0].tolist() == list(range(10))
