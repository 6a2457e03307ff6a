import asyncio

import numpy as np
import pytest

from utils.client import EmbeddingClient, ModelNotFoundError, ServerUnreachableError
from utils.settings import CPU_MODEL_NAME


def test_batched_equals_one_by_one(cpu_client):
    texts = [f"sentence {i} about renal dosing" for i in range(10)]
    batched = cpu_client.embed(texts, batch_size=4)
    single = np.stack([cpu_client.embed_one(t) for t in texts])
    assert batched.shape == (10, 384) and batched.dtype == np.float32
    np.testing.assert_allclose(batched, single, atol=1e-5)


def test_float_and_base64_agree_and_dimensions(cpu_client):
    texts = ["alpha beta", "gamma delta"]
    np.testing.assert_allclose(
        cpu_client.embed(texts, encoding_format="float"), cpu_client.embed(texts), atol=1e-6
    )
    small = cpu_client.embed(texts, dimensions=48)
    assert small.shape == (2, 48)
    np.testing.assert_allclose(np.linalg.norm(small, axis=1), 1.0, atol=1e-5)


def test_async_keeps_order(cpu_client):
    texts = [f"text {i}" for i in range(25)]
    out = asyncio.run(cpu_client.aembed(texts, batch_size=3, max_concurrency=4))
    np.testing.assert_allclose(out, cpu_client.embed(texts), atol=1e-5)
    # a second event loop works too (the async pool is bound per loop)
    again = asyncio.run(cpu_client.aembed(texts[:2]))
    assert again.shape == (2, 384)


def test_clear_errors(cpu_server, cpu_client):
    with pytest.raises(ValueError, match="empty or blank"):
        cpu_client.embed(["ok", ""])
    with pytest.raises(TypeError, match="list of texts"):
        cpu_client.embed("a string")
    with pytest.raises(ValueError, match="at least 1"):
        cpu_client.embed(["x"], dimensions=0)
    with pytest.raises(ValueError, match="between 1 and 384"):
        cpu_client.embed(["x"], dimensions=999)
    with pytest.raises(ModelNotFoundError, match=CPU_MODEL_NAME):
        EmbeddingClient(cpu_server.base_url, "wrong-name", max_retries=0).embed(["x"])
    with pytest.raises(ServerUnreachableError, match="cannot reach"):
        EmbeddingClient("http://127.0.0.1:9/v1", "m", max_retries=0, timeout=2).embed(["x"])
    assert cpu_client.models() == [CPU_MODEL_NAME]
    assert cpu_client.native_dim() == 384


def test_length_sorting_keeps_input_order(cpu_client):
    texts = ["short", "a much longer text about the limitation of liability clause in a contract", "mid length text", "x y"]
    sorted_ = cpu_client.embed(texts, batch_size=2)
    plain = cpu_client.embed(texts, batch_size=2, sort_by_length=False)
    np.testing.assert_allclose(sorted_, plain, atol=1e-5)
    np.testing.assert_allclose(sorted_[1], cpu_client.embed_one(texts[1]), atol=1e-5)
    out = asyncio.run(cpu_client.aembed(texts, batch_size=3))
    np.testing.assert_allclose(out, plain, atol=1e-5)
