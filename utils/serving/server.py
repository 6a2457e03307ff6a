"""The CPU default server: an OpenAI-compatible ``/v1/embeddings`` endpoint over a local model.

Introduced in notebook 01_serve_and_embed. SGLang is the GPU server of the course; on a CPU it is not
usable, so this small FastAPI app stands in with the same API, and the client code does not change.

    EMB_API_KEY=K python -m utils.serving.server --model PATH --host 127.0.0.1 --port 8765 [--truncate]

Endpoints: ``POST /v1/embeddings`` (``input`` as a string or a list of strings, ``dimensions`` =
truncate then L2-normalise, ``encoding_format`` ``float`` | ``base64``, token ``usage``),
``GET /v1/models``, ``GET /health``. Every error is OpenAI-style JSON (``{"error": {...}}``): bad
input 400, a wrong key 401, an unknown model name or path 404, a wrong method 405, a body over
``--max-body-bytes`` or more than ``--max-inputs`` texts 413, refused before any work.

Over-long inputs get a 400 naming the token count (the OpenAI contract) unless the request sends
``"truncate": true`` (a JSON boolean) or the server runs with ``--truncate``. Token counting runs off
the event loop, and work queued for a client that has disconnected is dropped, so one large request
cannot stall ``/health`` or keep the model busy for nobody. With ``EMB_PARENT_PID`` set (``utils.serving.launch``
sets it), the server stops itself when that process (the notebook's kernel) is gone.

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

from utils.serving.contract import (
    CHARS_PER_TOKEN_BOUND,
    MAX_BODY_BYTES,
    MAX_INPUTS,
    APIError,
    check_token_limits,
    error_body,
    validate_request,
)
from utils.serving.encoders import Encoder, load_encoder
from utils.serving.qwen3 import truncate_and_normalize

log = logging.getLogger("utils.serving.server")


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
    """

    def __init__(self, encoder: Encoder, max_batch: int = 64) -> None:
        self.encoder = encoder
        self.max_batch = max_batch
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
                    self.pool, partial(self.encoder.encode, texts, self.max_batch, truncate, False)
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


async def _unless_disconnected(
    request: Request, awaitable: Any, gone: threading.Event | None = None, poll: float = 0.2
) -> Any:
    """Await ``awaitable``, cancelling it (which drops queued work) if the client disconnects.

    ``gone`` is set too, for work in a thread that checks it.
    """
    task = asyncio.ensure_future(awaitable)
    while True:
        done, _ = await asyncio.wait({task}, timeout=poll)
        if done:
            return task.result()
        if await request.is_disconnected():
            task.cancel()
            if gone is not None:
                gone.set()
            raise _ClientGone


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, or a 413 once it passes ``limit`` bytes (by Content-Length, before reading).

    An over-size body is read and discarded (up to a cap) so that the client, still sending, gets the
    413 instead of a broken pipe; nothing of it is parsed or kept.
    """
    declared = request.headers.get("content-length")
    size = 0
    try:
        too_big = declared is not None and int(declared) > limit
    except ValueError as exc:
        raise APIError(400, f"bad Content-Length header {declared!r}", "invalid_body") from exc
    chunks: list[bytes] = []
    async for chunk in request.stream():
        size += len(chunk)
        if too_big or size > limit:
            too_big, chunks = True, []
            if size > limit + 64 * 1024 * 1024:
                break  # stop reading; the connection is closed after the answer
        else:
            chunks.append(chunk)
    if too_big:
        shown = int(declared) if declared is not None else size
        raise APIError(
            413,
            f"the request body is {'at least ' if declared is None else ''}{shown} bytes, over this "
            f"server's limit of {limit} bytes (--max-body-bytes); send fewer or shorter texts per request",
            "request_too_large",
        )
    return b"".join(chunks)


def create_app(
    model_path: str | Path,
    model_name: str | None = None,
    api_key: str | None = None,
    device: str = "cpu",
    dtype: str = "float32",
    max_batch: int = 64,
    allow_truncate: bool = False,
    max_inputs: int = MAX_INPUTS,
    max_body_bytes: int = MAX_BODY_BYTES,
):
    """Build the FastAPI app. The model loads when the app starts (``/health`` answers 200 after).

    ``allow_truncate`` is the ``--truncate`` flag (off by default: over-long input is a 400);
    ``max_inputs`` and ``max_body_bytes`` bound one request (413 before any work).
    """
    from transformers import AutoTokenizer

    from utils.serving.encoders import model_kind

    kind = model_kind(model_path)  # fails early, with a clear message, for a wrong folder
    served = model_name or Path(model_path).name
    state: dict[str, Any] = {}

    async def lifespan(app: FastAPI):
        t0 = time.perf_counter()
        encoder = load_encoder(model_path, device=device, dtype=dtype)
        # a separate tokenizer for counting, so the event loop never shares one with the encode thread
        counter = AutoTokenizer.from_pretrained(str(model_path))
        eos = counter.eos_token_id

        head = encoder.max_tokens * CHARS_PER_TOKEN_BOUND

        def exact(texts: list[str], gone: threading.Event | None = None) -> list[int]:
            out: list[int] = []
            for s in range(0, len(texts), 32):  # small calls: the tokenizer holds the GIL while it runs
                if gone is not None and gone.is_set():
                    raise _ClientGone
                ids = counter(texts[s : s + 32], add_special_tokens=True, truncation=False)["input_ids"]
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
        # model, and anyio's backend (Request.is_disconnected imports it; that took 2 s on a busy CPU)
        count(["warm up"])
        encoder.encode(["warm up"], 1, False, False)
        with anyio.CancelScope() as scope:
            scope.cancel()
            await anyio.sleep(0)
        batcher = DynamicBatcher(encoder, max_batch=max_batch)
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

    app = FastAPI(title="Workbook CPU embedding server", lifespan=lifespan)

    @app.exception_handler(APIError)
    async def _api_error(_: Request, err: APIError):
        return JSONResponse(error_body(err), status_code=err.status)

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
    async def models(request: Request):
        _check_key(request)
        return {
            "object": "list",
            "data": [
                {"id": served, "object": "model", "created": state.get("created", 0), "owned_by": "workbook"}
            ],
        }

    @app.post("/v1/embeddings")
    async def embeddings(request: Request):
        _check_key(request)
        raw = await read_body(request, max_body_bytes)
        try:
            body = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise APIError(400, f"the request body is not valid JSON: {exc}", "invalid_json") from exc
        del raw
        encoder: Encoder = state["encoder"]
        req = validate_request(body, served, encoder.dim, max_inputs)
        loop = asyncio.get_running_loop()
        try:
            gone = threading.Event()
            counts, partial = await _unless_disconnected(
                request, loop.run_in_executor(state["counting"], state["count"], req["texts"], gone), gone
            )
            req = check_token_limits(req, counts, encoder.max_tokens, allow_truncate, partial)
            vecs = await _unless_disconnected(request, state["batcher"].submit(req["texts"], req["truncate"]))
        except _ClientGone:
            log.info("client disconnected: dropped its request of %d text(s)", len(req["texts"]))
            return Response(status_code=499)
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


def main(argv: list[str] | None = None) -> None:
    """Command line: ``python -m utils.serving.server --model PATH --host 127.0.0.1 --port 8765``."""
    from utils.serving.settings import CPU_MODEL_NAME, default_cpu_model_path

    p = argparse.ArgumentParser(prog="python -m utils.serving.server", description=__doc__.split("\n\n")[0])
    p.add_argument("--model", default=None, help="model folder (default: the bundled all-MiniLM-L6-v2)")
    p.add_argument(
        "--served-model-name", default=None, help="name clients send as `model` (default: folder name)"
    )
    p.add_argument("--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1, loopback only)")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument(
        "--api-key",
        default=os.environ.get("EMB_API_KEY"),
        help="require 'Authorization: Bearer KEY' (better: set EMB_API_KEY, which `ps` does not show)",
    )
    p.add_argument("--dtype", default="float32", choices=["float32", "bfloat16"])
    p.add_argument("--device", default="cpu")
    p.add_argument("--max-batch", type=int, default=64, help="most texts encoded in one forward pass")
    p.add_argument(
        "--max-inputs",
        type=int,
        default=MAX_INPUTS,
        help=f"most texts in one request, more is a 413 (default {MAX_INPUTS})",
    )
    p.add_argument(
        "--max-body-bytes",
        type=int,
        default=MAX_BODY_BYTES,
        help=f"largest request body, larger is a 413 (default {MAX_BODY_BYTES})",
    )
    p.add_argument(
        "--truncate",
        action="store_true",
        help="cut over-long inputs (with a logged warning) instead of a 400; off by default, and a "
        'request\'s own "truncate": false still gets the 400',
    )
    p.add_argument("--log-level", default="info")
    a = p.parse_args(argv)
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
        allow_truncate=a.truncate,
        max_inputs=a.max_inputs,
        max_body_bytes=a.max_body_bytes,
    )
    if os.environ.get("EMB_PARENT_PID"):
        exit_with_parent(int(os.environ["EMB_PARENT_PID"]))
    uvicorn.run(app, host=a.host, port=a.port, log_level=a.log_level, access_log=False)


if __name__ == "__main__":
    main()
