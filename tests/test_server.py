"""The CPU default server: real process on loopback (session fixture) and the app in-process for auth."""

import asyncio
import base64
import json
import threading
import time
from pathlib import Path

import httpx
import numpy as np
import pytest

from utils.serving.settings import CPU_MODEL_NAME, default_cpu_model_path

ROOT = Path(__file__).resolve().parents[1]


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
    # two requests, one computation: equal on one machine; 1e-6 still catches a float16 encoding (errors ~1e-5)
    np.testing.assert_allclose(np.frombuffer(base64.b64decode(b), dtype="<f4"), f, atol=1e-6)


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

    from utils.serving.server import create_app

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


def test_serves_a_qwen3_folder_with_last_token_pooling(tiny_qwen3):
    from fastapi.testclient import TestClient

    from utils.serving.qwen3 import Qwen3Encoder
    from utils.serving.server import create_app

    folder = tiny_qwen3
    with TestClient(create_app(folder)) as tc:
        r = tc.post(
            "/v1/embeddings", json={"input": ["the heart dose", "cash flow"], "dimensions": 32}
        ).json()
    served = np.array([d["embedding"] for d in r["data"]])
    local = Qwen3Encoder(folder).encode(["the heart dose", "cash flow"])[:, :32]
    local /= np.linalg.norm(local, axis=1, keepdims=True)
    np.testing.assert_allclose(served, local, atol=1e-5)
    assert r["model"] == folder.name  # served under its folder's name


# ---------------------------------------------------------------- hardening (issue 12)
def _root(server):
    return server.base_url[: -len("/v1")]


@pytest.mark.parametrize(
    "body, code, fragment",
    [
        ({"input": ["ok", "\x00\x00"]}, "empty_input", "input[1] is empty or blank"),
        ({"input": "\u200b\u200d\ufeff \u2060"}, "empty_input", "zero-width"),
        ({"input": "x", "truncate": "no"}, "invalid_truncate", "JSON boolean"),
        ({"input": "x", "truncate": 1}, "invalid_truncate", "JSON boolean"),
    ],
)
def test_invisible_input_and_non_boolean_truncate_are_400(cpu_server, body, code, fragment):
    r = post(cpu_server, body)
    assert r.status_code == 400, r.text
    err = r.json()["error"]
    assert err["code"] == code and fragment in err["message"]


def test_no_truncate_string_does_not_truncate(cpu_server):
    r = post(cpu_server, {"input": "word " * 400, "truncate": "no"})
    assert r.status_code == 400 and "X-Truncated-Inputs" not in r.headers


def test_unknown_path_and_wrong_method_use_the_openai_error_shape(cpu_server):
    r = httpx.get(cpu_server.base_url + "/nope")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    r = httpx.get(cpu_server.base_url + "/embeddings")
    assert r.status_code == 405 and r.json()["error"]["code"] == "method_not_allowed"
    assert "detail" not in r.json()


def test_a_10_mb_body_and_30000_inputs_are_refused_at_once(cpu_server):
    """Refused with 413 in under a second, before any parsing or token counting (bounded, loopback)."""
    with httpx.Client(timeout=30) as c:
        t0 = time.perf_counter()
        r = c.post(cpu_server.base_url + "/embeddings", json={"input": "a " * 5_000_000})
        big = time.perf_counter() - t0
        assert r.status_code == 413 and r.json()["error"]["code"] == "request_too_large", r.text
        assert "--max-body-bytes" in r.json()["error"]["message"]

        def chunks():  # no Content-Length: counted while read
            for _ in range(20):
                yield b"x" * 1_000_000

        r = c.post(cpu_server.base_url + "/embeddings", content=chunks())
        assert r.status_code == 413 and "at least" in r.json()["error"]["message"]

        t0 = time.perf_counter()
        r = c.post(cpu_server.base_url + "/embeddings", json={"input": ["x"] * 30_000})
        many = time.perf_counter() - t0
        assert r.status_code == 413 and r.json()["error"]["code"] == "too_many_inputs", r.text
        assert (
            "30000 texts" in r.json()["error"]["message"] and "--max-inputs" in r.json()["error"]["message"]
        )
        t0 = time.perf_counter()  # under the character limit, far over the token limit: counted on its head
        r = c.post(cpu_server.base_url + "/embeddings", json={"input": "word " * 39_000})
        long_one = time.perf_counter() - t0
        assert r.status_code == 400 and "has more than" in r.json()["error"]["message"], r.text
    assert big < 1.0 and many < 1.0 and long_one < 1.0, (big, many, long_one)
    assert httpx.get(_root(cpu_server) + "/health").status_code == 200


def test_health_answers_during_a_large_request_and_dropped_work_stops(cpu_server):
    """/health stays fast while a large request is counted and encoded; a client that gives up is dropped.

    Bounded and on loopback: 2,048 texts of ~240 tokens (minutes of work on 2 cores), abandoned after
    2.5 s. Latency is judged by the median probe and by most probes, as a busy shared CPU can delay
    any one of them.
    """
    root = _root(cpu_server)
    filler = "about the renal dosing of metformin in older patients "
    texts = [f"document {i} " + filler * 20 for i in range(2048)]
    result: dict = {}

    def big_request():
        try:
            httpx.post(cpu_server.base_url + "/embeddings", json={"input": texts}, timeout=2.5)
        except httpx.TimeoutException as exc:  # the client gives up and closes the connection
            result["gave_up"] = exc

    before = httpx.get(root + "/health").json()["encoded_texts"]
    thread = threading.Thread(target=big_request)
    thread.start()
    latencies = []
    with httpx.Client() as c:
        while thread.is_alive():
            t0 = time.perf_counter()
            assert c.get(root + "/health").status_code == 200
            latencies.append(time.perf_counter() - t0)
            time.sleep(0.1)
    thread.join()
    assert "gave_up" in result, "the large request finished too soon to test dropping"
    print("health latencies (ms):", [round(x * 1000) for x in latencies])
    fast = [x for x in latencies if x < 0.1]
    assert len(latencies) >= 5 and sorted(latencies)[len(latencies) // 2] < 0.1, latencies
    assert len(fast) >= 0.7 * len(latencies) and max(latencies) < 5.0, latencies
    # the pass in flight (at most --max-batch texts) may still finish, slowly on a busy CPU; then nothing
    # more is encoded. Wait until two reads 1.5 s apart agree (at most 20 s: dropping must stop the work).
    h1, deadline = httpx.get(root + "/health").json(), time.monotonic() + 20
    while True:
        time.sleep(1.5)
        h2 = httpx.get(root + "/health").json()
        if h2["encoded_texts"] == h1["encoded_texts"] or time.monotonic() > deadline:
            break
        h1 = h2
    assert h2["queued_texts"] == 0 and h2["encoded_texts"] == h1["encoded_texts"], (h1, h2)
    assert h2["encoded_texts"] - before < len(texts)  # it did not encode the whole request for nobody
    ok = post(cpu_server, {"input": ["still serving"]})  # and the server is free for the next caller
    assert ok.status_code == 200


def test_truncate_flag_is_off_by_default_and_a_request_can_refuse_it():
    from fastapi.testclient import TestClient

    from utils.serving.server import create_app

    with TestClient(create_app(default_cpu_model_path(), model_name="m", allow_truncate=True)) as tc:
        assert tc.post("/v1/embeddings", json={"input": "word " * 400}).status_code == 200
        refused = tc.post("/v1/embeddings", json={"input": "word " * 400, "truncate": False})
        assert refused.status_code == 400 and "402 tokens" in refused.json()["error"]["message"]
    from utils.serving.server import main

    with pytest.raises(SystemExit):
        main(["--help"])


def test_batcher_drops_a_cancelled_job_and_encodes_in_passes():
    from utils.serving.server import DynamicBatcher

    class Slow:
        dim, max_tokens = 2, 10

        def __init__(self):
            self.calls = []

        def encode(self, texts, batch_size, truncate, check):
            self.calls.append(len(texts))
            time.sleep(0.05)
            return np.ones((len(texts), 2), dtype=np.float32)

    async def run():
        enc = Slow()
        b = DynamicBatcher(enc, max_batch=4)
        b.start()
        doomed = asyncio.ensure_future(b.submit(["t"] * 40, False))
        await asyncio.sleep(0.08)  # one or two passes of 4
        doomed.cancel()
        ok = await b.submit(["a", "b", "c", "d", "e"], False)
        await b.stop()
        return enc.calls, ok

    calls, ok = asyncio.run(run())
    assert ok.shape == (5, 2) and max(calls) <= 4
    assert sum(calls) < 40 + 5  # the cancelled job was not encoded to the end


# ---------------------------------------------------------------- reliability, round 2 (issue 26)
def _raw(server, data: bytes, wait: float = 10.0) -> bytes:
    """Send raw bytes to the server and read until it closes the connection (or ``wait`` seconds pass)."""
    import socket
    from urllib.parse import urlsplit

    parts = urlsplit(server.base_url)
    with socket.create_connection((parts.hostname, parts.port), timeout=wait) as s:
        s.sendall(data)
        got = b""
        try:
            while chunk := s.recv(65536):
                got += chunk
        except TimeoutError:
            pass
    return got


def _json_of(raw: bytes) -> dict:
    import json

    head, _, body = raw.partition(b"\r\n\r\n")
    assert b"application/json" in head.lower(), raw[:300]
    return json.loads(body)


@pytest.mark.parametrize(
    "body, code, fragment",
    [
        ({"input": "x", "encoding_format": ""}, "invalid_encoding_format", "got ''"),
        ({"input": "x", "encoding_format": 0}, "invalid_encoding_format", "got 0"),
        ({"input": [["a"]]}, "invalid_input", "input[0] is a list (of str)"),
        ({"input": ["ok", 7]}, "invalid_input", "a token id (an integer)"),
        ({"input": "x" + " " * 7_000_000}, "input_too_long", "7000001 characters"),
    ],
)
def test_contract_details_round_2(cpu_server, body, code, fragment):
    """Issue 26 items 9, 12, 13: "" and 0 are not a format; [["a"]] is not token ids; a huge text is refused
    by its characters before it is tokenized (7,000,000 characters of 3 tokens took 28.7 s before)."""
    r = post(cpu_server, body)
    assert r.status_code == 400, r.text
    err = r.json()["error"]
    assert err["code"] == code and fragment in err["message"], err
    if code == "invalid_input":
        assert "token ids" not in err["message"] or "token id" in fragment


def test_trailing_slash_and_no_docs_without_the_key(cpu_server):
    """Issue 26 item 12: POST /v1/embeddings/ is served (no bare 307); /docs, /redoc, /openapi.json are off."""
    r = httpx.post(cpu_server.base_url + "/embeddings/", json={"input": "x"}, follow_redirects=False)
    assert r.status_code == 200 and len(r.json()["data"]) == 1, r.text
    assert httpx.get(cpu_server.base_url + "/models/").status_code == 200
    for path in ("/docs", "/redoc", "/openapi.json"):
        r = httpx.get(_root(cpu_server) + path)
        assert r.status_code == 404 and r.json()["error"]["code"] == "not_found", (path, r.text)


def test_unparsable_requests_get_a_json_400(cpu_server):
    """Issue 26 item 12: a bad Content-Length or request line gets the OpenAI error shape, not plain text."""
    bad_length = b"POST /v1/embeddings HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n"
    bad_line = b"GARBAGE\r\n\r\n"
    for raw in (bad_length, bad_line):
        got = _raw(cpu_server, raw)
        assert got.startswith(b"HTTP/1.1 400"), got[:200]
        assert _json_of(got)["error"]["code"] == "invalid_http"


def test_expect_100_continue_with_a_too_large_body_gets_413_before_the_body(cpu_server):
    """Issue 26 item 12: the client is told 413 instead of "100 Continue", so it never sends 50 MB."""
    got = _raw(
        cpu_server,
        b"POST /v1/embeddings HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: 52428800\r\nExpect: 100-continue\r\n\r\n",
        wait=5.0,
    )
    assert got.startswith(b"HTTP/1.1 413"), got[:200]
    assert b"100 Continue" not in got
    assert _json_of(got)["error"]["code"] == "request_too_large"


def test_a_client_gone_mid_body_is_one_log_line(cpu_server):
    """Issue 26 item 11: a disconnect while sending the body was a 59-line traceback per client."""
    from pathlib import Path

    log = Path(cpu_server.log_path)
    before = log.read_text().splitlines()
    for _ in range(2):
        _raw(
            cpu_server,
            b"POST /v1/embeddings HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b'Content-Length: 1000\r\n\r\n{"input": "half a bo',
            wait=0.3,
        )  # the socket closes with 980 bytes unsent
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        new = log.read_text().splitlines()[len(before) :]
        if sum("disconnected" in line for line in new) >= 2:
            break
        time.sleep(0.2)
    new = log.read_text().splitlines()[len(before) :]
    assert sum("disconnected while sending its request body" in line for line in new) == 2, new
    assert not any("Traceback" in line or "Exception" in line for line in new), new
    assert post(cpu_server, {"input": "still serving"}).status_code == 200


def test_numeric_flags_are_checked_at_start_up(monkeypatch, capsys):
    """Issue 26 item 7: `--max-batch 0` was accepted and the batch loop then spun without answering."""
    import uvicorn

    from utils.serving.server import DynamicBatcher, create_app, main

    def started(*args, **kwargs):
        raise AssertionError("the server started with a bad flag")

    monkeypatch.setattr(uvicorn, "run", started)
    monkeypatch.setattr(uvicorn.Server, "run", started)
    for flags, fragment in [
        (["--max-batch", "0"], "argument --max-batch: must be at least 1, got 0"),
        (["--max-inputs", "-3"], "argument --max-inputs: must be at least 1"),
        (["--forward-batch", "0"], "argument --forward-batch: must be at least 1, got 0"),
        (["--max-body-bytes", "ten"], "argument --max-body-bytes: expected a whole number, got 'ten'"),
        (["--max-input-chars", "0"], "argument --max-input-chars: must be at least 1"),
        (["--port", "99999"], "argument --port: must be from 1 to 65535, got 99999"),
        (["--port", "0"], "argument --port: must be from 1 to 65535"),
        (["--body-timeout", "0"], "argument --body-timeout"),
        (["--header-timeout", "nan"], "argument --header-timeout"),
    ]:
        with pytest.raises(SystemExit) as exit_info:
            main(flags)
        err = capsys.readouterr().err
        assert exit_info.value.code == 2 and fragment in err, (flags, err)
        assert err.count("\n") <= 2, err  # the usage line and the error line
    with pytest.raises(ValueError, match="max_batch must be"):
        create_app(default_cpu_model_path(), max_batch=0)
    with pytest.raises(ValueError, match="max_batch must be"):
        DynamicBatcher(object(), max_batch=0)
    with pytest.raises(ValueError, match="forward_batch must be"):
        create_app(default_cpu_model_path(), forward_batch=0)
    for bad in (0, 2.5, True):
        with pytest.raises(ValueError, match="forward_batch must be"):
            DynamicBatcher(object(), forward_batch=bad)


def test_a_pass_runs_the_model_in_forward_batches():
    """A pass of up to max_batch texts reaches the encoder with forward_batch as its batch size (never above max_batch)."""
    from utils.serving.server import DynamicBatcher

    seen = []

    class Recorder:
        def encode(self, texts, batch_size, truncate, check):
            seen.append((len(texts), batch_size))
            return np.ones((len(texts), 2), dtype=np.float32)

    async def run(**kw):
        b = DynamicBatcher(Recorder(), **kw)
        b.start()
        out = await b.submit([f"t{i}" for i in range(40)], False)
        await b.stop()
        return out

    assert asyncio.run(run(max_batch=16)).shape == (40, 2)
    assert seen == [(16, 16), (16, 16), (8, 16)]  # passes of max_batch, each in forward batches of 16 (the default)
    seen.clear()
    asyncio.run(run(max_batch=8, forward_batch=32))
    assert seen == [(8, 8)] * 5  # a forward batch is never larger than the pass


def test_forward_batches_change_the_vectors_by_float32_rounding_only():
    """The CPU model's vectors of the same texts in one batch of 64 and in length-sorted batches of 16 agree."""
    from utils.serving.encoders import load_encoder

    texts = [json.loads(line)["text"] for line in (ROOT / "data/medical/corpus.jsonl").read_text().splitlines()[:64]]
    enc = load_encoder(default_cpu_model_path())
    one, sorted16 = enc.encode(texts, 64), enc.encode(texts, 16)
    np.testing.assert_allclose(sorted16, one, atol=1e-6)


@pytest.fixture
def short_timeout_server(tiny_qwen3):
    """The tiny Qwen3 served in-process by uvicorn with the CLI's protocol, 0.5 s header and 1 s body deadlines."""
    import uvicorn

    from utils.serving.launch import free_port
    from utils.serving.server import create_app, uvicorn_config

    port = free_port()
    app = create_app(tiny_qwen3, model_name="tiny", body_timeout=1.0)
    server = uvicorn.Server(uvicorn_config(app, "127.0.0.1", port, header_timeout=0.5, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the in-process server did not start"

    class Handle:
        base_url = f"http://127.0.0.1:{port}/v1"

    yield Handle
    server.should_exit = True
    thread.join(timeout=10)


def test_slow_and_stalled_clients_cannot_hold_the_server(short_timeout_server):
    """Issue 26 item 10: slow headers, a trickled body and stalled bodies were all still open after 70 s.

    Deadlines here are 0.5 s (headers) and 1 s (body); every stalled connection must be closed within a
    few seconds while /health keeps answering. Bounded: at most ~5 s, on loopback.
    """
    import socket
    from urllib.parse import urlsplit

    srv = short_timeout_server
    parts = urlsplit(srv.base_url)
    addr = (parts.hostname, parts.port)

    def closed_within(sock: socket.socket, seconds: float) -> bytes | None:
        """What the server sent before closing, or None if it was still open after ``seconds``."""
        sock.settimeout(0.2)
        got, deadline = b"", time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                chunk = sock.recv(65536)
            except TimeoutError:
                continue
            if not chunk:
                return got
            got += chunk
        return None

    idle = socket.create_connection(addr)  # sends nothing at all
    slow_headers = socket.create_connection(addr)
    slow_headers.sendall(b"POST /v1/embeddings HTTP/1.1\r\nHost: x\r\n")  # and never the blank line
    stalled = []
    for _ in range(20):  # bodies that stop after 10 of 100 bytes
        s = socket.create_connection(addr)
        s.sendall(b"POST /v1/embeddings HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"input\":")
        stalled.append(s)
    trickle = socket.create_connection(addr)
    trickle.sendall(b"POST /v1/embeddings HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n")
    trickle.settimeout(0.2)
    got_trickle, deadline = b"", time.monotonic() + 4
    while time.monotonic() < deadline:  # one byte every 0.2 s: the body deadline still ends it
        try:
            trickle.sendall(b" ")
            chunk = trickle.recv(65536)
            if not chunk:
                break
            got_trickle += chunk
        except TimeoutError:
            continue
        except OSError:
            break
    assert httpx.get(srv.base_url[: -len("/v1")] + "/health", timeout=5).status_code == 200
    try:
        assert closed_within(idle, 3) is not None, "an idle connection was kept open"
        assert closed_within(slow_headers, 3) is not None, "slow headers kept the connection open"
        for s in stalled:
            got = closed_within(s, 3)
            assert got is not None, "a stalled body kept the connection open"
            assert got.startswith(b"HTTP/1.1 408") and _json_of(got)["error"]["code"] == "request_timeout"
        assert got_trickle.startswith(b"HTTP/1.1 408"), got_trickle[:200]
        assert _json_of(got_trickle)["error"]["code"] == "request_timeout"
    finally:
        for s in [idle, slow_headers, trickle, *stalled]:
            s.close()
    ok = httpx.post(srv.base_url + "/embeddings", json={"input": "after the slow clients"}, timeout=30)
    assert ok.status_code == 200
