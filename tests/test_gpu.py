"""The CUDA paths of the course, run only where a CUDA GPU is present (skipped on the CPU-only CI).

A session with a GPU runs, in the GPU environment (`make gpu-setup`):
`.venv-gpu/bin/python -m pytest tests/test_gpu.py -v` (a minute, no downloads).
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


def test_faiss_is_the_gpu_build_and_builds_a_gpu_index():
    """`make gpu-setup` must end with GPU FAISS: milvus-lite pulls in faiss-cpu, which writes the same `faiss/`
    package; installed last it leaves `import faiss` without GPUs (or failing). No skip here: on a GPU machine
    a CPU-only faiss is the defect this test exists for."""
    import faiss

    assert faiss.get_num_gpus() > 0, (
        "faiss sees no GPU: faiss-cpu (pulled in by milvus-lite) overwrote faiss-gpu-cu12; run "
        "`.venv-gpu/bin/pip install --force-reinstall --no-deps 'faiss-gpu-cu12>=1.12,<2'` (make gpu-setup does)"
    )
    from utils.search.index import build_index

    rng = np.random.default_rng(0)
    x = rng.standard_normal((5000, 64)).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    index = build_index(x, "Flat", use_gpu=True)
    _, ids = index.search(x[:10], 1)
    assert ids[:, 0].tolist() == list(range(10))


def test_milvus_lite_works_beside_gpu_faiss(tmp_path):
    """The same environment keeps a working Milvus Lite (notebook 05) after the GPU FAISS reinstall."""
    from utils.search.store import MilvusStore

    rng = np.random.default_rng(1)
    x = rng.standard_normal((20, 16)).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    with MilvusStore(str(tmp_path / "lite.db"), "gpu_env", dim=16) as store:
        store.upsert([f"d{i}" for i in range(20)], x, ["medical"] * 20, ["s"] * 20, ["t"] * 20)
        assert store.count() == 20
        assert store.search(x[:1], k=1)[0][0].id == "d0"
