"""The CPU default server: an OpenAI-compatible ``/v1/embeddings`` endpoint over a local model.

Introduced in notebook 01_serve_and_embed. SGLang is the GPU server of the course; on a CPU it is not
usable, so this small FastAPI app stands in with the same API, and the client code does not change.

    EMB_API_KEY=K python -m utils.serving.server --model PATH --host 127.0.0.1 --port 8765 [--truncate]

Endpoints: ``POST /v1/embeddings`` (``input`` as a string or a list of strings, ``dimensions`` =
truncate then L2-normalise, ``encoding_format`` ``float`` | ``base64``, token ``usage``),
``GET /v1/models``, ``GET /health``; a trailing slash is accepted (no redirect), and there is no
``/docs`` or ``/openapi.json``. Every error is OpenAI-style JSON (``{"error": {...}}``): bad input 400
(a text over ``--max-input-chars`` characters included, refused before it is tokenized), a wrong key
401, an unknown model name or path 404, a wrong method 405, a body that does not arrive within
``--body-timeout`` seconds 408, a body over ``--max-body-bytes`` or more than ``--max-inputs`` texts 413,
refused before any work (with ``Expect: 100-continue``, before the client sends the body). A request
uvicorn cannot parse (a bad request line, header or ``Content-Length``) gets the same JSON shape.

Over-long inputs get a 400 naming the token count (the OpenAI contract) unless the request sends
``"truncate": true`` (a JSON boolean) or the server runs with ``--truncate``. Token counting runs off
the event loop, and work queued for a client that has disconnected is dropped (one log line each), so
one large request cannot stall ``/health`` or keep the model busy for nobody. A connection that has not
sent complete request headers within ``--header-timeout`` seconds is closed, an idle kept-alive one after
5 s, so slow or stalled clients cannot hold the server. With ``EMB_PARENT_PID`` set
(``utils.serving.launch`` sets it), the server stops itself when that process (the notebook's kernel) is gone.

Requests that arrive while the model is busy are merged into one forward pass (dynamic batching,
the idea SGLang's scheduler applies at larger scale), so many small concurrent requests still use
the CPU well.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import hmac
import logging
import os
import signal
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import anyio
import numpy as np
import orjson
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from utils.serving.contract import (
    CHARS_PER_TOKEN_BOUND,
    MAX_BODY_BYTES,
    MAX_INPUT_CHARS,
    MAX_INPUTS,
    APIError,
    check_token_limits,
    error_body,
    validate_request,
)
from utils.serving.encoders import Encoder, load_encoder
from utils.serving.qwen3 import truncate_and_normalize

log = logging.getLogger("utils.serving.server")

HEADER_TIMEOUT = 10.0  # seconds for a connection to send complete request headers (--header-timeout)
BODY_TIMEOUT = 30.0  # seconds for the whole request body to arrive (--body-timeout)
KEEP_ALIVE_TIMEOUT = 5.0  # seconds an idle kept-alive connection stays open (uvicorn's timeout_keep_alive)
FORWARD_BATCH = 16  # texts per forward batch within a pass (--forward-batch; see DynamicBatcher)


@dataclass(eq=False)
class _Job:
    texts: list[str]
    truncate: bool
    future: asyncio.Future = field(repr=False)
    done: int = 0  # texts encoded so far
    parts: list[np.ndarray] = field(default_factory=list, repr=False)


class DynamicBatcher:
    """Encodes queued requests in passes of at most ``max_batch`` texts.

    One worker thread owns the model (tokenizers are not safe to share across threads). While it
    encodes, new requests queue up and are taken together in the next pass. A large request is
    encoded ``max_batch`` texts at a time, and a request whose caller has gone (its future
    cancelled, e.g. the client disconnected) is dropped before the next pass.

    Within a pass the model runs ``forward_batch`` texts at a time. A forward batch is padded to its
    longest text, and the encoders sort a pass by length before they split it (sentence-transformers
    does, and so does ``utils.serving.qwen3.Qwen3Encoder``), so smaller forward batches waste less work
    on padding: the medical and legal test corpora (761 documents) sent in requests of 64 to a server on
    one thread took 14.7-15.0 s with forward batches of 16 and 16.6-17.0 s with 64 (2026-12-07, 2-core
    AMD EPYC). The vectors differ by float32 rounding; SGLang pads nothing: it packs the sequences.
    """

    def __init__(self, encoder: Encoder, max_batch: int = 64, forward_batch: int = FORWARD_BATCH) -> None:
        for name, value in (("max_batch", max_batch), ("forward_batch", forward_batch)):
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:  # 0 would spin forever
                raise ValueError(f"{name} must be an integer of at least 1, got {value!r}")
        self.encoder = encoder
        self.max_batch = max_batch
        self.forward_batch = min(forward_batch, max_batch)
        self.queue: asyncio.Queue[_Job] = asyncio.Queue()
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="encode")
        self.task: asyncio.Task | None = None
        self.encoded = 0  # texts encoded since start (shown by /health)
        self.jobs: set[_Job] = set()  # submitted and not yet answered or dropped

    def start(self) -> None:
        self.task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        if self.task:
            self.task.cancel()
        self.pool.shutdown(wait=False, cancel_futures=True)

    async def submit(self, texts: list[str], truncate: bool) -> np.ndarray:
        """Vectors for ``texts``; cancelling the caller cancels the job's future, which drops the job."""
        job = _Job(texts, truncate, asyncio.get_running_loop().create_future())
        self.jobs.add(job)
        try:
            await self.queue.put(job)
            return await job.future
        finally:
            self.jobs.discard(job)

    @property
    def queued_texts(self) -> int:
        """Texts waiting to be encoded for callers that are still there."""
        return sum(len(j.texts) - j.done for j in self.jobs if not j.future.done())

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        active: list[_Job] = []
        while True:
            if not active:
                active.append(await self.queue.get())
            while not self.queue.empty():
                active.append(self.queue.get_nowait())
            active = [j for j in active if not j.future.done()]  # cancelled: the caller has gone
            if not active:
                continue
            takes: list[tuple[_Job, int]] = []
            texts: list[str] = []
            for j in active:
                room = self.max_batch - len(texts)
                if room <= 0:
                    break
                part = j.texts[j.done : j.done + room]
                takes.append((j, len(part)))
                texts += part
            truncate = any(j.truncate for j, _ in takes)  # lengths were checked per request already
            try:
                vecs = await loop.run_in_executor(
                    self.pool, partial(self.encoder.encode, texts, self.forward_batch, truncate, False)
                )
            except Exception as exc:  # hand the failure to every request in this pass
                for j, _ in takes:
                    if not j.future.done():
                        j.future.set_exception(exc)
                active = [j for j in active if not j.future.done()]
                continue
            self.encoded += len(texts)
            start = 0
            for j, n in takes:
                j.parts.append(vecs[start : start + n])
                j.done += n
                start += n
                if j.done == len(j.texts) and not j.future.done():
                    j.future.set_result(np.concatenate(j.parts))
            active = [j for j in active if j.done < len(j.texts) and not j.future.done()]


class _ClientGone(Exception):
    """The client disconnected while its request waited."""


async def _wait_for_disconnect(request: Request) -> None:
    """Return when the client disconnects (call after the body is read; no polling).

    After the body, uvicorn's ``receive`` blocks until the connection is lost (``http.disconnect``) or
    the response is complete; the caller cancels this task once its answer is ready.
    """
    while (await request.receive())["type"] != "http.disconnect":
        pass


async def _unless_disconnected(
    watch: asyncio.Task, awaitable: Any, gone: threading.Event | None = None
) -> Any:
    """Await ``awaitable``, cancelling it (which drops queued work) if ``watch`` sees the client go.

    ``gone`` is set too, for work in a thread that checks it.
    """
    task = asyncio.ensure_future(awaitable)
    await asyncio.wait({task, watch}, return_when=asyncio.FIRST_COMPLETED)
    if task.done():
        return task.result()
    task.cancel()
    if gone is not None:
        gone.set()
    raise _ClientGone


async def read_body(request: Request, limit: int, timeout: float = BODY_TIMEOUT) -> bytes:
    """The request body, or a 413 once it passes ``limit`` bytes (by Content-Length, before reading).

    An over-size body is read and discarded (up to a cap) so that the client, still sending, gets the
    413 instead of a broken pipe; nothing of it is parsed or kept. A client that sent
    ``Expect: 100-continue`` is answered 413 at once, before it sends the body. A body that has not
    arrived within ``timeout`` seconds is a 408, and the connection is closed (a slow or stalled client
    cannot hold it). A client that disconnects mid-body raises ``_ClientGone``.
    """
    declared = request.headers.get("content-length")
    size = 0
    try:
        too_big = declared is not None and int(declared) > limit
    except ValueError as exc:
        raise APIError(400, f"bad Content-Length header {declared!r}", "invalid_body") from exc
    close = {"Connection": "close"}

    def over() -> APIError:
        shown = int(declared) if declared is not None else size
        return APIError(
            413,
            f"the request body is {'at least ' if declared is None else ''}{shown} bytes, over this "
            f"server's limit of {limit} bytes (--max-body-bytes); send fewer or shorter texts per request",
            "request_too_large",
            headers=close,
        )

    if too_big and request.headers.get("expect", "").lower() == "100-continue":
        raise over()  # uvicorn sends "100 Continue" only when the body is first read: it never is
    chunks: list[bytes] = []
    try:
        async with asyncio.timeout(timeout):
            async for chunk in request.stream():
                size += len(chunk)
                if too_big or size > limit:
                    too_big, chunks = True, []
                    if size > limit + 64 * 1024 * 1024:
                        break  # stop reading; the connection is closed after the answer
                else:
                    chunks.append(chunk)
    except TimeoutError:
        raise APIError(
            408,
            f"the request body did not arrive within {timeout:g} s (--body-timeout; {size} bytes came); "
            "the connection is closed: send the whole body at once",
            "request_timeout",
            headers=close,
        ) from None
    except ClientDisconnect:
        raise _ClientGone from None
    if too_big:
        raise over()
    return b"".join(chunks)


def _check_positive(**values: float) -> None:
    """Raise ``ValueError`` naming the first setting that is not a positive number."""
    for name, value in values.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
            raise ValueError(f"{name} must be a positive number, got {value!r}")


def create_app(
    model_path: str | Path,
    model_name: str | None = None,
    api_key: str | None = None,
    device: str = "cpu",
    dtype: str = "float32",
    max_batch: int = 64,
    forward_batch: int = FORWARD_BATCH,
    allow_truncate: bool = False,
    max_inputs: int = MAX_INPUTS,
    max_body_bytes: int = MAX_BODY_BYTES,
    max_input_chars: int = MAX_INPUT_CHARS,
    body_timeout: float = BODY_TIMEOUT,
):
    """Build the FastAPI app. The model loads when the app starts (``/health`` answers 200 after).

    ``allow_truncate`` is the ``--truncate`` flag (off by default: over-long input is a 400);
    ``max_inputs`` and ``max_body_bytes`` bound one request (413 before any work), ``max_input_chars``
    one text (400 before it is tokenized); ``body_timeout`` is the deadline for a request body (408).
    A setting that is not a positive number is a ``ValueError`` here, before the model loads.
    """
    from transformers import AutoTokenizer

    from utils.serving.encoders import model_kind

    _check_positive(
        max_batch=max_batch,
        forward_batch=forward_batch,
        max_inputs=max_inputs,
        max_body_bytes=max_body_bytes,
        max_input_chars=max_input_chars,
        body_timeout=body_timeout,
    )

    kind = model_kind(model_path)  # fails early, with a clear message, for a wrong folder
    served = model_name or Path(model_path).name
    state: dict[str, Any] = {}

    async def lifespan(app: FastAPI):
        t0 = time.perf_counter()
        encoder = load_encoder(model_path, device=device, dtype=dtype)
        # a separate tokenizer for counting, so the event loop never shares one with the encode thread
        counter = AutoTokenizer.from_pretrained(str(model_path))
        eos = counter.eos_token_id
        # the Rust tokenizer itself (same ids as counter(..., truncation=False)): it releases the GIL while
        # it works and skips transformers' Python wrapper, 4x less time per call, so the event loop (and
        # /health) waits less for the GIL under many concurrent requests
        backend = getattr(counter, "backend_tokenizer", None)
        if backend is not None:
            backend.no_truncation()
            backend.no_padding()

        def ids_of(texts: list[str]) -> list[list[int]]:
            if backend is not None:
                return [e.ids for e in backend.encode_batch(texts, add_special_tokens=True)]
            return counter(texts, add_special_tokens=True, truncation=False)["input_ids"]

        head = encoder.max_tokens * CHARS_PER_TOKEN_BOUND

        def exact(texts: list[str], gone: threading.Event | None = None) -> list[int]:
            out: list[int] = []
            for s in range(0, len(texts), 32):  # small calls: stop soon after the client has gone
                if gone is not None and gone.is_set():
                    raise _ClientGone
                ids = ids_of(texts[s : s + 32])
                if kind == "qwen3":  # the encoder appends EOS when the tokenizer does not
                    out += [len(x) + (0 if x and x[-1] == eos else 1) for x in ids]
                else:
                    out += [len(x) for x in ids]
            return out

        def count(texts: list[str], gone: threading.Event | None = None) -> tuple[list[int], set[int]]:
            """Token counts; a very long text is counted on its head only (a lower bound, in ``partial``).

            Stops (raising ``_ClientGone``) when ``gone`` is set: the client has disconnected.
            """
            counts = exact([t[:head] for t in texts], gone)
            partial = {i for i, t in enumerate(texts) if len(t) > head}
            for i in [i for i in partial if counts[i] <= encoder.max_tokens + 16]:
                counts[i] = exact([texts[i]])[0]  # rare: many characters per token; count all of it
                partial.discard(i)
            return counts, partial

        # warm up what the first request would otherwise load while /health waits: the tokenizer, the
        # model, and anyio's backend (starlette imports it on first use; that took 2 s on a busy CPU)
        count(["warm up"])
        encoder.encode(["warm up"], 1, False, False)
        with anyio.CancelScope() as scope:
            scope.cancel()
            await anyio.sleep(0)
        batcher = DynamicBatcher(encoder, max_batch=max_batch, forward_batch=forward_batch)
        batcher.start()
        # token counting gets its own thread (and tokenizer), so the event loop keeps answering /health
        counting = ThreadPoolExecutor(max_workers=1, thread_name_prefix="count")
        state.update(
            encoder=encoder,
            count=count,
            counting=counting,
            batcher=batcher,
            created=int(time.time()),
        )
        log.info("loaded %s (%s, %d dims) in %.1fs", served, kind, encoder.dim, time.perf_counter() - t0)
        yield
        await batcher.stop()
        counting.shutdown(wait=False, cancel_futures=True)

    # no /docs, /redoc or /openapi.json (they would be served without the key); no 307 redirect for a
    # trailing slash (clients do not all follow it for a POST): each route is registered with and without
    app = FastAPI(
        title="Workbook CPU embedding server",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        redirect_slashes=False,
    )

    @app.exception_handler(APIError)
    async def _api_error(_: Request, err: APIError):
        return JSONResponse(error_body(err), status_code=err.status, headers=err.headers)

    @app.exception_handler(Exception)
    async def _internal_error(_: Request, exc: Exception):  # a bug: logged (with traceback) by uvicorn
        return JSONResponse(
            error_body(APIError(500, f"internal error: {type(exc).__name__}: {exc}", "internal_error")), 500
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        if exc.status_code == 404:
            msg, code = (
                f"no such endpoint: {request.url.path} (this server has /v1/embeddings, /v1/models, /health)",
                "not_found",
            )
        elif exc.status_code == 405:
            msg, code = f"{request.method} is not allowed on {request.url.path}", "method_not_allowed"
        else:
            msg, code = str(exc.detail), "http_error"
        return JSONResponse(
            error_body(APIError(exc.status_code, msg, code)), exc.status_code, headers=exc.headers
        )

    def _check_key(request: Request) -> None:
        if api_key is None:
            return
        sent = request.headers.get("authorization", "").encode()
        if not hmac.compare_digest(sent, f"Bearer {api_key}".encode()):  # constant time
            raise APIError(
                401, "missing or wrong API key: send 'Authorization: Bearer <key>'", "invalid_api_key"
            )

    pid = os.getpid()

    @app.get("/health")
    @app.get("/health/", include_in_schema=False)
    async def health():
        # the pid lets utils.serving.launch tell its own server from another process on the same port
        batcher = state.get("batcher")
        return {
            "status": "ok",
            "model": served,
            "pid": pid,
            "queued_texts": batcher.queued_texts if batcher else 0,
            "encoded_texts": batcher.encoded if batcher else 0,
        }

    @app.get("/v1/models")
    @app.get("/v1/models/", include_in_schema=False)
    async def models(request: Request):
        _check_key(request)
        return {
            "object": "list",
            "data": [
                {"id": served, "object": "model", "created": state.get("created", 0), "owned_by": "workbook"}
            ],
        }

    @app.post("/v1/embeddings")
    @app.post("/v1/embeddings/", include_in_schema=False)
    async def embeddings(request: Request):
        _check_key(request)
        try:
            raw = await read_body(request, max_body_bytes, body_timeout)
        except _ClientGone:
            log.info("client disconnected while sending its request body: dropped it")
            return Response(status_code=499)
        try:
            body = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise APIError(400, f"the request body is not valid JSON: {exc}", "invalid_json") from exc
        del raw
        encoder: Encoder = state["encoder"]
        req = validate_request(body, served, encoder.dim, max_inputs, max_input_chars)
        loop = asyncio.get_running_loop()
        watch = asyncio.ensure_future(_wait_for_disconnect(request))
        try:
            gone = threading.Event()
            counts, partial = await _unless_disconnected(
                watch, loop.run_in_executor(state["counting"], state["count"], req["texts"], gone), gone
            )
            req = check_token_limits(req, counts, encoder.max_tokens, allow_truncate, partial)
            vecs = await _unless_disconnected(watch, state["batcher"].submit(req["texts"], req["truncate"]))
        except _ClientGone:
            log.info("client disconnected: dropped its request of %d text(s)", len(req["texts"]))
            return Response(status_code=499)
        finally:
            watch.cancel()
        if req["dimensions"] is not None:
            vecs = truncate_and_normalize(vecs, req["dimensions"])
        vecs = np.ascontiguousarray(vecs, dtype="<f4")
        if req["encoding_format"] == "base64":
            data = [
                {"object": "embedding", "index": i, "embedding": base64.b64encode(v.tobytes()).decode()}
                for i, v in enumerate(vecs)
            ]
        else:
            data = [{"object": "embedding", "index": i, "embedding": v} for i, v in enumerate(vecs)]
        payload = {
            "object": "list",
            "data": data,
            "model": served,
            "usage": {"prompt_tokens": req["tokens"], "total_tokens": req["tokens"]},
        }
        headers = {"X-Truncated-Inputs": str(req["truncated"])} if req["truncated"] else None
        return Response(
            orjson.dumps(payload, option=orjson.OPT_SERIALIZE_NUMPY),
            media_type="application/json",
            headers=headers,
        )

    return app


def protocol_class(header_timeout: float = HEADER_TIMEOUT) -> type:
    """uvicorn's h11 protocol with a deadline for request headers and OpenAI-style JSON for unparsable requests.

    uvicorn closes an idle kept-alive connection after ``timeout_keep_alive`` but has no deadline for a
    connection that never completes its request headers (a new one that sends nothing, or a few bytes
    at a time): this one closes it after ``header_timeout`` seconds, one log line each. A request that
    h11 cannot parse (a bad request line, header or ``Content-Length``) gets a JSON 400, not plain text.
    """
    from uvicorn.protocols.http.h11_impl import H11Protocol

    _check_positive(header_timeout=header_timeout)

    class Protocol(H11Protocol):
        _header_timer: asyncio.TimerHandle | None = None

        def _arm_header_timer(self) -> None:
            self._cancel_header_timer()
            self._header_timer = self.loop.call_later(header_timeout, self._on_header_timeout)

        def _cancel_header_timer(self) -> None:
            if self._header_timer is not None:
                self._header_timer.cancel()
                self._header_timer = None

        def _on_header_timeout(self) -> None:
            self._header_timer = None
            waiting = self.cycle is None or self.cycle.response_complete  # no request in progress
            if waiting and not self.transport.is_closing():
                log.info(
                    "closed a connection that sent no complete request within %g s (--header-timeout)",
                    header_timeout,
                )
                self.transport.close()

        def connection_made(self, transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._arm_header_timer()

        def data_received(self, data: bytes) -> None:
            cycle = self.cycle
            super().data_received(data)
            if self.cycle is not cycle:  # a request's headers are complete: the app takes over
                self._cancel_header_timer()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if not self.transport.is_closing() and (self.cycle is None or self.cycle.response_complete):
                self._arm_header_timer()  # the next request's headers get the same deadline

        def connection_lost(self, exc: Exception | None) -> None:
            self._cancel_header_timer()
            super().connection_lost(exc)

        def send_400_response(self, msg: str) -> None:
            import h11

            body = orjson.dumps(
                error_body(
                    APIError(
                        400,
                        "invalid HTTP request: the request line, a header or Content-Length could not be "
                        "parsed; send a valid HTTP/1.1 request",
                        "invalid_http",
                    )
                )
            )
            headers = [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ]
            try:
                for event in (
                    h11.Response(status_code=400, headers=headers, reason=b"Bad Request"),
                    h11.Data(data=body),
                    h11.EndOfMessage(),
                ):
                    self.transport.write(self.conn.send(event))
            except h11.LocalProtocolError:  # a response was already under way: just close
                pass
            self.transport.close()

    return Protocol


def uvicorn_config(
    app: Any, host: str, port: int, header_timeout: float = HEADER_TIMEOUT, log_level: str = "info", **kwargs: Any
):
    """The ``uvicorn.Config`` :func:`main` serves with: the header deadline, JSON 400s, the keep-alive timeout."""
    import uvicorn

    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level=log_level,
        access_log=False,
        http=protocol_class(header_timeout),
        timeout_keep_alive=KEEP_ALIVE_TIMEOUT,
        **kwargs,
    )


def exit_with_parent(parent_pid: int, every: float = 1.0) -> threading.Thread:
    """Stop this server (SIGTERM to itself) once ``parent_pid`` is no longer its parent.

    ``utils.serving.launch`` sets ``EMB_PARENT_PID`` to the notebook kernel's pid, so a kernel that dies without
    running its exit handlers (killed, crashed) still leaves no server behind.
    """

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(every)
        log.warning("the process that started this server (pid %d) is gone: stopping", parent_pid)
        os.kill(os.getpid(), signal.SIGTERM)

    thread = threading.Thread(target=watch, name="exit-with-parent", daemon=True)
    thread.start()
    return thread


def _number(kind: type, low: float, high: float | None = None):
    """An argparse type: a ``kind`` (int or float) from ``low`` to ``high``; anything else is a usage error."""

    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"expected {'a whole number' if kind is int else 'a number'}, got {text!r}"
            ) from None
        if value != value or value < low or (high is not None and value > high):  # value != value: NaN
            span = f"from {low:g} to {high:g}" if high is not None else f"at least {low:g}"
            raise argparse.ArgumentTypeError(f"must be {span}, got {text}")
        return value

    return parse


def build_parser() -> argparse.ArgumentParser:
    """The command line; every numeric flag is checked here, so a bad value stops the server at start-up."""
    p = argparse.ArgumentParser(
        prog="python -m utils.serving.server",
        usage="%(prog)s [--model PATH] [--host 127.0.0.1] [--port 8765] [options]",
        description=__doc__.split("\n\n")[0]
        + " Every numeric flag is checked at start-up: a bad value exits at once with a usage error.",
    )
    p.add_argument("--model", default=None, help="model folder (default: the bundled all-MiniLM-L6-v2)")
    p.add_argument(
        "--served-model-name", default=None, help="name clients send as `model` (default: folder name)"
    )
    p.add_argument("--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1, loopback only)")
    p.add_argument("--port", type=_number(int, 1, 65535), default=8765, help="TCP port, 1-65535 (default 8765)")
    p.add_argument(
        "--api-key",
        default=os.environ.get("EMB_API_KEY"),
        help="require 'Authorization: Bearer KEY' (better: set EMB_API_KEY, which `ps` does not show)",
    )
    p.add_argument("--dtype", default="float32", choices=["float32", "bfloat16"])
    p.add_argument("--device", default="cpu")
    p.add_argument(
        "--max-batch", type=_number(int, 1), default=64, help="most texts taken into one pass of the model (>= 1)"
    )
    p.add_argument(
        "--forward-batch",
        type=_number(int, 1),
        default=FORWARD_BATCH,
        help=f"texts per forward batch within a pass, sorted by length first (>= 1, default {FORWARD_BATCH})",
    )
    p.add_argument(
        "--max-inputs",
        type=_number(int, 1),
        default=MAX_INPUTS,
        help=f"most texts in one request, more is a 413 (default {MAX_INPUTS})",
    )
    p.add_argument(
        "--max-body-bytes",
        type=_number(int, 1),
        default=MAX_BODY_BYTES,
        help=f"largest request body, larger is a 413 (default {MAX_BODY_BYTES})",
    )
    p.add_argument(
        "--max-input-chars",
        type=_number(int, 1),
        default=MAX_INPUT_CHARS,
        help=f"longest text in characters, longer is a 400 before it is tokenized (default {MAX_INPUT_CHARS})",
    )
    p.add_argument(
        "--header-timeout",
        type=_number(float, 0.001),
        default=HEADER_TIMEOUT,
        help=f"seconds a connection has to send complete request headers; then it is closed (default {HEADER_TIMEOUT:g})",
    )
    p.add_argument(
        "--body-timeout",
        type=_number(float, 0.001),
        default=BODY_TIMEOUT,
        help=f"seconds a request body has to arrive in full; then a 408 and the connection is closed "
        f"(default {BODY_TIMEOUT:g})",
    )
    p.add_argument(
        "--truncate",
        action="store_true",
        help="cut over-long inputs (with a logged warning) instead of a 400; off by default, and a "
        'request\'s own "truncate": false still gets the 400',
    )
    p.add_argument(
        "--log-level", default="info", type=str.lower, choices=["critical", "error", "warning", "info", "debug"]
    )
    return p


def main(argv: list[str] | None = None) -> None:
    """Command line: ``python -m utils.serving.server --model PATH --host 127.0.0.1 --port 8765``."""
    from utils.serving.settings import CPU_MODEL_NAME, default_cpu_model_path

    a = build_parser().parse_args(argv)
    import uvicorn

    logging.basicConfig(level=a.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if not a.api_key:
        a.api_key = None  # an empty EMB_API_KEY means no key
    model = a.model or default_cpu_model_path()
    name = a.served_model_name or (CPU_MODEL_NAME if a.model is None else None)
    app = create_app(
        model,
        model_name=name,
        api_key=a.api_key,
        device=a.device,
        dtype=a.dtype,
        max_batch=a.max_batch,
        forward_batch=a.forward_batch,
        allow_truncate=a.truncate,
        max_inputs=a.max_inputs,
        max_body_bytes=a.max_body_bytes,
        max_input_chars=a.max_input_chars,
        body_timeout=a.body_timeout,
    )
    if os.environ.get("EMB_PARENT_PID"):
        exit_with_parent(int(os.environ["EMB_PARENT_PID"]))
    server = uvicorn.Server(uvicorn_config(app, a.host, a.port, a.header_timeout, a.log_level))
    server.run()
    if not server.started:  # as uvicorn.run does: a failed start-up (e.g. the port is taken) exits non-zero
        sys.exit(3)


if __name__ == "__main__":
    main()
