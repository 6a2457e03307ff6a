"""The CPU default server: real process on loopback (session fixture) and the app in-process for auth."""

import asyncio
import base64

import httpx
import numpy as np
import pytest

from utils.settings import CPU_MODEL_NAME, default_cpu_model_path


def post(server, body, **kw):
    return httpx.post(server.base_url + "/embeddings", json=body, timeout=60, **kw)


def test_health_and_models(cpu_server):
    root = cpu_server.base_url[: -len("/v1")]
    assert httpx.get(root + "/health").json()["status"] == "ok"
    models = httpx.get(cpu_server.base_url + "/models").json()
    assert [m["id"] for m in models["data"]] == [CPU_MODEL_NAME]


def test_string_and_list_input_with_usage(cpu_server):
    one = post(cpu_server, {"input": "hello world", "model": CPU_MODEL_NAME}).json()
    many = post(cpu_server, {"input": ["hello world", "second text"]}).json()
    assert len(one["data"]) == 1 and len(many["data"]) == 2
    assert [d["index"] for d in many["data"]] == [0, 1]
    assert len(one["data"][0]["embedding"]) == 384
    np.testing.assert_allclose(one["data"][0]["embedding"], many["data"][0]["embedding"], atol=1e-5)
    assert one["usage"]["prompt_tokens"] == one["usage"]["total_tokens"] == 4  # [CLS] hello world [SEP]


def test_vectors_match_in_process_model(cpu_server):
    from sentence_transformers import SentenceTransformer

    texts = ["Metformin lowers glucose.", "Force majeure excuses delay."]
    served = np.array([d["embedding"] for d in post(cpu_server, {"input": texts}).json()["data"]])
    local = SentenceTransformer(default_cpu_model_path(), device="cpu").encode(
        texts, normalize_embeddings=True
    )
    np.testing.assert_allclose(served, local, atol=1e-5)


def test_dimensions_truncate_then_normalise(cpu_server):
    full = np.array(post(cpu_server, {"input": "abc def"}).json()["data"][0]["embedding"])
    cut = np.array(post(cpu_server, {"input": "abc def", "dimensions": 64}).json()["data"][0]["embedding"])
    assert cut.shape == (64,)
    np.testing.assert_allclose(cut, full[:64] / np.linalg.norm(full[:64]), atol=1e-5)


def test_base64_equals_float(cpu_server):
    f = post(cpu_server, {"input": ["x y z"], "encoding_format": "float"}).json()["data"][0]["embedding"]
    b = post(cpu_server, {"input": ["x y z"], "encoding_format": "base64"}).json()["data"][0]["embedding"]
    np.testing.assert_allclose(np.frombuffer(base64.b64decode(b), dtype="<f4"), f, atol=1e-7)


@pytest.mark.parametrize(
    "body, code, fragment",
    [
        ({"input": "x", "dimensions": 0}, "invalid_dimensions", "between 1 and 384"),
        ({"input": "x", "dimensions": 385}, "invalid_dimensions", "between 1 and 384"),
        ({"input": "x", "dimensions": "64"}, "invalid_dimensions", "integer"),
        ({"input": []}, "empty_input", "empty list"),
        ({"input": ["ok", ""]}, "empty_input", "input[1]"),
        ({"input": ["ok", 3]}, "invalid_input", "strings only"),
        ({"input": [[1, 2, 3]]}, "invalid_input", "token ids"),
        ({"model": CPU_MODEL_NAME}, "missing_input", "'input' is required"),
        ({"input": "x", "encoding_format": "int8"}, "invalid_encoding_format", "float"),
        ({"input": "word " * 400}, "input_too_long", "over the model's limit of 256"),
    ],
)
def test_bad_input_gets_400_with_openai_error(cpu_server, body, code, fragment):
    r = post(cpu_server, body)
    assert r.status_code == 400, r.text
    err = r.json()["error"]
    assert err["code"] == code and fragment in err["message"]


def test_wrong_model_is_404_and_bad_json_400(cpu_server):
    r = post(cpu_server, {"input": "x", "model": "gpt-4"})
    assert r.status_code == 404 and r.json()["error"]["code"] == "model_not_found"
    r = httpx.post(
        cpu_server.base_url + "/embeddings",
        content=b"{not json",
        headers={"content-type": "application/json"},
    )
    assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_json"


def test_truncation_only_when_asked(cpu_server):
    r = post(cpu_server, {"input": "word " * 400, "truncate": True})
    assert r.status_code == 200
    assert r.headers["X-Truncated-Inputs"] == "1"
    assert r.json()["usage"]["prompt_tokens"] == 256


def test_burst_of_200_concurrent_requests(cpu_server):
    """Bounded load test on loopback: 200 requests at once, no errors, correct order of vectors."""

    async def burst():
        async with httpx.AsyncClient(timeout=120, limits=httpx.Limits(max_connections=200)) as c:
            reqs = [
                c.post(cpu_server.base_url + "/embeddings", json={"input": [f"text number {i}"]})
                for i in range(200)
            ]
            return await asyncio.gather(*reqs)

    responses = asyncio.run(burst())
    assert [r.status_code for r in responses] == [200] * 200
    v7 = np.array(responses[7].json()["data"][0]["embedding"])
    again = np.array(post(cpu_server, {"input": ["text number 7"]}).json()["data"][0]["embedding"])
    np.testing.assert_allclose(v7, again, atol=1e-5)


def test_api_key_required_when_set():
    from fastapi.testclient import TestClient

    from utils.server import create_app

    app = create_app(default_cpu_model_path(), model_name="m", api_key="secret")
    with TestClient(app) as tc:
        assert tc.post("/v1/embeddings", json={"input": "x"}).status_code == 401
        assert (
            tc.post(
                "/v1/embeddings", json={"input": "x"}, headers={"Authorization": "Bearer wrong"}
            ).status_code
            == 401
        )
        ok = tc.post("/v1/embeddings", json={"input": "x"}, headers={"Authorization": "Bearer secret"})
        assert ok.status_code == 200 and len(ok.json()["data"][0]["embedding"]) == 384
        assert tc.get("/health").status_code == 200  # health needs no key


def test_serves_a_qwen3_folder_with_last_token_pooling(tmp_path):
    from fastapi.testclient import TestClient

    from utils.qwen3 import Qwen3Encoder, make_tiny_qwen3
    from utils.server import create_app

    folder = make_tiny_qwen3(tmp_path / "tiny")
    with TestClient(create_app(folder)) as tc:
        r = tc.post(
            "/v1/embeddings", json={"input": ["the heart dose", "cash flow"], "dimensions": 32}
        ).json()
    served = np.array([d["embedding"] for d in r["data"]])
    local = Qwen3Encoder(folder).encode(["the heart dose", "cash flow"])[:, :32]
    local /= np.linalg.norm(local, axis=1, keepdims=True)
    np.testing.assert_allclose(served, local, atol=1e-5)
    assert r["model"] == "tiny"
