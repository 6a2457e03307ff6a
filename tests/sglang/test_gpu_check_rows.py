"""Every row of ``python -m utils.serving.gpu_check`` that needs no GPU, against the real SGLang on a CPU:
health, float vs base64, ``dimensions``, SGLang's vectors vs the in-process transformers reference
(throughput is reported, not judged: there is no GPU peak to bound it), and the API key's contract."""

from __future__ import annotations

import numpy as np
import pytest

from tests.sglang.conftest import API_KEY
from utils.serving import gpu_check as gc
from utils.serving.client import EmbeddingClient, EmbeddingError
from utils.serving.settings import VectorTolerances


@pytest.fixture(scope="module")
def rows(embedding_server, tiny_model):
    texts, _ = gc.reference_inputs()
    reference, _ = gc.reference_vectors(tiny_model, texts, "cpu")
    api = gc.ServerAPI(embedding_server.base_url, "tiny-qwen3", api_key=API_KEY)
    results = gc.server_checks(api, reference, dimensions=32, n_throughput_texts=64, batch_size=16, concurrency=2)
    print("\n" + gc.format_table(results))
    return {r.name.split("=")[0]: r for r in results}


@pytest.mark.parametrize("row", ["health", "float vs base64", "dimensions", "vectors vs transformers reference"])
def test_gpu_check_row_passes_on_sglang(rows, row):
    assert rows[row].status == "pass", f"{row}: {rows[row].detail}"


def test_dimensions_row_states_the_bf16_bound_and_sglang_is_off_by_more_than_float32_allows(rows):
    """SGLang normalises in bf16: the norm error exceeds the float32 bound, and stays inside the bf16 one."""
    data = rows["dimensions"].data
    assert "bf16" in rows["dimensions"].detail
    assert data["max_norm_error"] <= VectorTolerances.for_mode("sglang").norm
    print(f"max |norm - 1| of SGLang's dimensions=32 vectors: {data['max_norm_error']:.1e}")


def test_throughput_is_reported_not_judged(rows):
    r = rows["throughput"]
    assert r.status == "info" and r.data["tokens"] > 0 and r.data["tokens_per_s"] > 0, r.detail


def test_the_key_is_required_and_the_course_client_sends_it(embedding_server):
    texts = ["the patient dose", "contract clause"]
    with EmbeddingClient(embedding_server.base_url, "tiny-qwen3", api_key=API_KEY, max_retries=0) as client:
        vecs = client.embed(texts)
    assert vecs.shape[0] == 2 and np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-2)
    for key in (None, "wrong-key"):
        with EmbeddingClient(embedding_server.base_url, "tiny-qwen3", api_key=key, max_retries=0) as client:
            with pytest.raises(EmbeddingError, match="401|key"):
                client.embed(texts)
