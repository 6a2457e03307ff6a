"""The CPU default server: an OpenAI-compatible ``/v1/embeddings`` endpoint over a local model.

Introduced in notebook 01_serve_and_embed. SGLang is the GPU server of the course; on a CPU it is not
usable, so this small FastAPI app stands in with the same API, and the client code does not change.

    python -m utils.server --model PATH --host 127.0.0.1 --port 8765 [--api-key K] [--truncate]

Endpoints: ``POST /v1/embeddings`` (``input`` as a string or a list of strings, ``dimensions`` =
truncate then L2-normalise, ``encoding_format`` ``float`` | ``base64``, token ``usage``),
``GET /v1/models``, ``GET /health``. Bad input gets an OpenAI-style JSON error with HTTP 400, a
wrong key 401, an unknown model name 404.

Requests that arrive while the model is busy are merged into one forward pass (dynamic batching,
the idea SGLang's scheduler applies at larger scale), so many small concurrent requests still use
the CPU well.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import logging
import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import orjson
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from utils.encoders import Encoder, load_encoder
from utils.qwen3 import truncate_and_normalize

log = logging.getLogger("utils.server")


class APIError(Exception):
    """An error returned to the caller as OpenAI-style JSON."""

    def __init__(self, status: int, message: str, code: str, param: str | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.code, self.param = status, message, code, param


@dataclass
class _Job:
    texts: list[str]
    truncate: bool
    future: asyncio.Future = field(repr=False)


class DynamicBatcher:
    """Collects queued requests into one ``encode`` call of at most ``max_batch`` texts.

    One worker thread owns the model (tokenizers are not safe to share across threads). While it
    encodes, new requests queue up and are taken together in the next pass.
    """

    def __init__(self, encoder: Encoder, max_batch: int = 64) -> None:
        self.encoder = encoder
        self.max_batch = max_batch
        self.queue: asyncio.Queue[_Job] = asyncio.Queue()
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="encode")
        self.task: asyncio.Task | None = None

    def start(self) -> None:
        self.task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        if self.task:
            self.task.cancel()
        self.pool.shutdown(wait=False, cancel_futures=True)

    async def submit(self, texts: list[str], truncate: bool) -> np.ndarray:
        fut = asyncio.get_running_loop().create_future()
        await self.queue.put(_Job(texts, truncate, fut))
        return await fut

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            jobs = [await self.queue.get()]
            size = len(jobs[0].texts)
            while not self.queue.empty() and size < self.max_batch:
                job = self.queue.get_nowait()
                jobs.append(job)
                size += len(job.texts)
            texts = [t for j in jobs for t in j.texts]
            truncate = any(j.truncate for j in jobs)  # lengths were checked per request already
            try:
                vecs = await loop.run_in_executor(
                    self.pool, partial(self.encoder.encode, texts, self.max_batch, truncate, False)
                )
            except Exception as exc:  # hand the failure to every waiting request
                for j in jobs:
                    if not j.future.done():
                        j.future.set_exception(exc)
                continue
            start = 0
            for j in jobs:
                if not j.future.done():
                    j.future.set_result(vecs[start : start + len(j.texts)])
                start += len(j.texts)


def _error_body(err: APIError) -> dict[str, Any]:
    return {
        "error": {
            "message": err.message,
            "type": "invalid_request_error",
            "param": err.param,
            "code": err.code,
        }
    }


def validate_request(
    body: Any, served_name: str, dim: int, max_tokens: int, counts_fn, allow_truncate: bool
) -> dict[str, Any]:
    """Check an embeddings request; return ``texts``, ``dimensions``, ``encoding_format``, ``truncate``, ``tokens``.

    Raises :class:`APIError` with a message that says what to change.
    """
    if not isinstance(body, dict):
        raise APIError(400, "the request body must be a JSON object", "invalid_body")
    if "input" not in body:
        raise APIError(400, "'input' is required: a string or a list of strings", "missing_input", "input")
    model = body.get("model")
    if model is not None and model != served_name:
        raise APIError(
            404,
            f"model {model!r} is not served here; this server serves {served_name!r} (see GET /v1/models)",
            "model_not_found",
            "model",
        )
    raw = body["input"]
    texts = [raw] if isinstance(raw, str) else raw
    if not isinstance(texts, list):
        raise APIError(400, "'input' must be a string or a list of strings", "invalid_input", "input")
    if not texts:
        raise APIError(400, "'input' is an empty list; send at least one text", "empty_input", "input")
    for i, t in enumerate(texts):
        if not isinstance(t, str):
            kind = "token ids" if isinstance(t, (int, list)) else type(t).__name__
            raise APIError(
                400, f"input[{i}] is {kind}; this server takes strings only", "invalid_input", "input"
            )
        if not t.strip():
            raise APIError(
                400, f"input[{i}] is empty or blank; remove it or send real text", "empty_input", "input"
            )
    dims = body.get("dimensions")
    if dims is not None:
        if not isinstance(dims, int) or isinstance(dims, bool):
            raise APIError(
                400, f"'dimensions' must be an integer, got {dims!r}", "invalid_dimensions", "dimensions"
            )
        if dims < 1 or dims > dim:
            raise APIError(
                400,
                f"'dimensions' must be between 1 and {dim} (the model's width); got {dims}",
                "invalid_dimensions",
                "dimensions",
            )
    fmt = body.get("encoding_format") or "float"
    if fmt not in ("float", "base64"):
        raise APIError(
            400,
            f"'encoding_format' must be 'float' or 'base64', got {fmt!r}",
            "invalid_encoding_format",
            "encoding_format",
        )
    truncate = bool(body.get("truncate", False)) or allow_truncate
    counts = counts_fn(texts)
    too_long = [i for i, n in enumerate(counts) if n > max_tokens]
    if too_long and not truncate:
        i = too_long[0]
        raise APIError(
            400,
            f"input[{i}] has {counts[i]} tokens, over the model's limit of {max_tokens}; shorten it, send "
            '"truncate": true, or start the server with --truncate',
            "input_too_long",
            "input",
        )
    if too_long:
        log.warning("truncating %d input(s) to %d tokens", len(too_long), max_tokens)
    return {
        "texts": texts,
        "dimensions": dims,
        "encoding_format": fmt,
        "truncate": truncate,
        "tokens": sum(min(n, max_tokens) for n in counts),
        "truncated": len(too_long),
    }


def create_app(
    model_path: str | Path,
    model_name: str | None = None,
    api_key: str | None = None,
    device: str = "cpu",
    dtype: str = "float32",
    max_batch: int = 64,
    allow_truncate: bool = False,
):
    """Build the FastAPI app. The model loads when the app starts (``/health`` answers 200 after)."""
    from transformers import AutoTokenizer

    from utils.encoders import model_kind

    kind = model_kind(model_path)  # fails early, with a clear message, for a wrong folder
    served = model_name or Path(model_path).name
    state: dict[str, Any] = {}

    async def lifespan(app: FastAPI):
        t0 = time.perf_counter()
        encoder = load_encoder(model_path, device=device, dtype=dtype)
        # a separate tokenizer for counting, so the event loop never shares one with the encode thread
        counter = AutoTokenizer.from_pretrained(str(model_path))
        eos = counter.eos_token_id

        def count(texts: list[str]) -> list[int]:
            ids = counter(texts, add_special_tokens=True, truncation=False)["input_ids"]
            if kind == "qwen3":  # the encoder appends EOS when the tokenizer does not
                return [len(x) + (0 if x and x[-1] == eos else 1) for x in ids]
            return [len(x) for x in ids]

        batcher = DynamicBatcher(encoder, max_batch=max_batch)
        batcher.start()
        state.update(encoder=encoder, count=count, batcher=batcher, created=int(time.time()))
        log.info("loaded %s (%s, %d dims) in %.1fs", served, kind, encoder.dim, time.perf_counter() - t0)
        yield
        await batcher.stop()

    app = FastAPI(title="Workbook CPU embedding server", lifespan=lifespan)

    @app.exception_handler(APIError)
    async def _api_error(_: Request, err: APIError):
        return JSONResponse(_error_body(err), status_code=err.status)

    def _check_key(request: Request) -> None:
        if api_key is None:
            return
        if request.headers.get("authorization", "") != f"Bearer {api_key}":
            raise APIError(
                401, "missing or wrong API key: send 'Authorization: Bearer <key>'", "invalid_api_key"
            )

    pid = os.getpid()

    @app.get("/health")
    async def health():
        # the pid lets utils.launch tell its own server from another process on the same port
        return {"status": "ok", "model": served, "pid": pid}

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
        try:
            body = orjson.loads(await request.body())
        except orjson.JSONDecodeError as exc:
            raise APIError(400, f"the request body is not valid JSON: {exc}", "invalid_json") from exc
        encoder: Encoder = state["encoder"]
        req = validate_request(body, served, encoder.dim, encoder.max_tokens, state["count"], allow_truncate)
        vecs = await state["batcher"].submit(req["texts"], req["truncate"])
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


def main(argv: list[str] | None = None) -> None:
    """Command line: ``python -m utils.server --model PATH --host 127.0.0.1 --port 8765``."""
    from utils.settings import CPU_MODEL_NAME, default_cpu_model_path

    p = argparse.ArgumentParser(prog="python -m utils.server", description=__doc__.split("\n\n")[0])
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
        "--truncate",
        action="store_true",
        help="cut over-long inputs (with a logged warning) instead of a 400",
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
    )
    uvicorn.run(app, host=a.host, port=a.port, log_level=a.log_level, access_log=False)


if __name__ == "__main__":
    main()
