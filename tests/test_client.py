import asyncio
import base64
import http.server
import json
import re
import threading
import time

import numpy as np
import pytest

from utils.serving.client import (
    BadResponseError,
    EmbeddingClient,
    EmbeddingError,
    EmbeddingTimeoutError,
    ModelNotFoundError,
    RequestRejectedError,
    ServerError,
    ServerUnreachableError,
)
from utils.serving.settings import CPU_MODEL_NAME


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
    texts = [
        "short",
        "a much longer text about the limitation of liability clause in a contract",
        "mid length text",
        "x y",
    ]
    sorted_ = cpu_client.embed(texts, batch_size=2)
    plain = cpu_client.embed(texts, batch_size=2, sort_by_length=False)
    np.testing.assert_allclose(sorted_, plain, atol=1e-5)
    np.testing.assert_allclose(sorted_[1], cpu_client.embed_one(texts[1]), atol=1e-5)
    out = asyncio.run(cpu_client.aembed(texts, batch_size=3))
    np.testing.assert_allclose(out, plain, atol=1e-5)


# ---------------------------------------------------------------- errors from a misbehaving server
class _Fake(http.server.BaseHTTPRequestHandler):
    """Answers every POST with the server's ``reply`` = (status, content type, body, delay)."""

    def do_POST(self):  # noqa: N802 - http.server's naming
        self.rfile.read(int(self.headers.get("content-length", 0)))
        status, ctype, body, delay = self.server.reply
        self.server.calls += 1
        time.sleep(delay)
        try:
            self.send_response(status)
            self.send_header("content-type", ctype)
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:  # the client gave up (timeout test)
            pass

    def log_message(self, *args):
        pass


@pytest.fixture
def fake():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Fake)
    srv.calls = 0
    srv.daemon_threads = True
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield srv
    srv.shutdown()
    srv.server_close()


def _rows(*rows, index=None):
    data = [
        {
            "object": "embedding",
            "index": index[i] if index else i,
            "embedding": base64.b64encode(np.asarray(r, dtype="<f4").tobytes()).decode(),
        }
        for i, r in enumerate(rows)
    ]
    return json.dumps(
        {"object": "list", "data": data, "model": "m", "usage": {"prompt_tokens": 1, "total_tokens": 1}}
    ).encode()


def _client(fake, **kw):
    kw.setdefault("max_retries", 0)
    return EmbeddingClient(f"http://127.0.0.1:{fake.server_address[1]}/v1", "m", **kw)


JSON = "application/json"


@pytest.mark.parametrize(
    "reply, error, fragment",
    [
        ((200, JSON, _rows([0.6, 0.8]), 0), BadResponseError, "returned 1 vector(s) for 2 text(s)"),
        ((200, JSON, _rows([0.6, 0.8], [np.nan, 1.0]), 0), BadResponseError, "NaN or infinite values"),
        (
            (200, JSON, _rows([0.6, 0.8], [1.0, 0.0], index=[0, 0]), 0),
            BadResponseError,
            "indices [0] repeated",
        ),
        ((200, JSON, _rows([0.6, 0.8], [1.0, 0.0, 0.0]), 0), BadResponseError, "different widths"),
        ((200, JSON, b"<html>proxy error</html>", 0), BadResponseError, "not an embeddings reply"),
        ((200, "text/html", b"<html>login page</html>", 0), BadResponseError, "not an embeddings reply"),
        (
            (413, JSON, b'{"error": {"message": "too big", "code": "request_too_large"}}', 0),
            RequestRejectedError,
            "HTTP 413): too big",
        ),
        ((404, JSON, b'{"detail": "Not Found"}', 0), ModelNotFoundError, "should end in /v1"),
    ],
)
def test_bad_replies_become_the_clients_own_errors(fake, reply, error, fragment):
    fake.reply = reply
    with _client(fake) as client, pytest.raises(error, match=re.escape(fragment)) as info:
        client.embed(["a text", "another text"], sort_by_length=False)
    assert isinstance(info.value, EmbeddingError) and "\n" not in str(info.value)


def test_5xx_after_retries_is_a_server_error(fake):
    fake.reply = (500, JSON, b'{"error": {"message": "CUDA out of memory"}}', 0)
    with (
        _client(fake, max_retries=1) as client,
        pytest.raises(ServerError, match="HTTP 500 on all 2 attempt") as info,
    ):
        client.embed(["x"])
    assert "CUDA out of memory" in str(info.value) and fake.calls == 2
    with _client(fake) as client, pytest.raises(ServerError):
        asyncio.run(client.aembed(["x"]))


def test_timeout_is_worded_as_a_timeout(fake):
    fake.reply = (200, JSON, _rows([1.0]), 1.5)
    with (
        _client(fake, timeout=0.3) as client,
        pytest.raises(EmbeddingTimeoutError, match="did not answer within 0.3 s") as info,
    ):
        client.embed(["x"])
    assert "cannot reach" not in str(info.value) and isinstance(info.value, TimeoutError)


def test_invisible_text_is_refused_before_sending(fake):
    fake.reply = (200, JSON, _rows([1.0]), 0)
    with _client(fake) as client:
        for text in ["\x00", "\u200b\u200c\ufeff", " \t\n"]:
            with pytest.raises(ValueError, match="empty or blank"):
                client.embed(["ok", text])
        assert fake.calls == 0
        np.testing.assert_allclose(client.embed(["ok"]), [[1.0]])


def test_progress_bar_only_when_there_is_more_than_one_batch(cpu_client, monkeypatch):
    import tqdm.auto

    bars = []
    real = tqdm.auto.tqdm
    monkeypatch.setattr(tqdm.auto, "tqdm", lambda *a, **k: bars.append(k.get("total")) or real(*a, **k))
    texts = [f"text {i}" for i in range(6)]
    one = cpu_client.embed(texts, batch_size=8, progress=True)
    assert bars == []  # a single request: no bar
    three = cpu_client.embed(texts, batch_size=2, progress=True)
    assert bars == [3]
    np.testing.assert_allclose(one, three, atol=1e-5)


def test_a_401_says_whether_a_key_was_sent():
    """Issue 26 item 6: "rejected the API key" was said even when no key had been sent."""
    from tests.fake_chat import EMBED_MODEL, FakeChat

    with FakeChat(embed_key="sk-right") as server:
        with pytest.raises(EmbeddingError, match="no API key was sent.*EMB_API_KEY.*--api-key"):
            EmbeddingClient(server.base_url, EMBED_MODEL, max_retries=0).embed(["x"])
        with pytest.raises(EmbeddingError, match="rejected the API key that was sent"):
            EmbeddingClient(server.base_url, EMBED_MODEL, api_key="sk-wrong", max_retries=0).embed(["x"])
        ok = EmbeddingClient(server.base_url, EMBED_MODEL, api_key="sk-right", max_retries=0).embed(["x"])
        assert ok.shape == (1, 1024)
