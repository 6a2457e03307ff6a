"""Embed texts through any OpenAI-compatible server (SGLang, the CPU server, vLLM, OpenAI itself).

Introduced in notebook 01_serve_and_embed, used by every later notebook.

What it adds to the bare ``openai`` client, and why:

* one pooled ``httpx`` client for all calls (no new TCP connection per request);
* batching (one request per ``batch_size`` texts instead of one per text);
* bounded-concurrency async (:meth:`EmbeddingClient.aembed`), so a server with batching of its own
  (SGLang) stays busy without being flooded;
* retries with exponential backoff on connection errors, 408/409/429 and 5xx: the ``openai``
  client's own ``max_retries`` does this, so it is used rather than rewritten;
* clear errors for an unreachable server, a wrong model name, an empty text or bad ``dimensions``;
  every failure is one of this module's error classes (all :class:`EmbeddingError`), with one
  sentence that says what happened and what to do: :class:`ServerUnreachableError`,
  :class:`EmbeddingTimeoutError`, :class:`ServerError` (5xx after the retries),
  :class:`ModelNotFoundError`, :class:`RequestRejectedError` (a 4xx; also a ``ValueError``) and
  :class:`BadResponseError` (a reply that is not JSON, has too few or duplicate rows, or NaN values).
"""

from __future__ import annotations

import asyncio
import base64
import re
from collections.abc import Sequence

import httpx
import numpy as np
import openai


class EmbeddingError(RuntimeError):
    """Base class for the client's errors."""


class ServerUnreachableError(EmbeddingError):
    """No server answered at the base URL."""


class ModelNotFoundError(EmbeddingError):
    """The server does not serve the requested model name."""


class EmbeddingTimeoutError(EmbeddingError, TimeoutError):
    """The server accepted the connection but did not answer in time."""


class ServerError(EmbeddingError):
    """The server failed (HTTP 5xx) on every attempt."""


class RequestRejectedError(EmbeddingError, ValueError):
    """The server refused the request as invalid (HTTP 4xx other than 401/404)."""


class BadResponseError(EmbeddingError):
    """The server answered 200 with something that is not a valid embeddings reply."""


# blank = nothing but whitespace, control characters (NUL...) and invisible format characters; the
# CPU server applies the same rule (it is repeated here, as the client shares no code with servers)
_VISIBLE = re.compile(
    r"[^\s\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]"
)


def _check_texts(texts: Sequence[str]) -> list[str]:
    if isinstance(texts, str):
        raise TypeError("pass a list of texts (use embed_one for a single string)")
    out = list(texts)
    for i, t in enumerate(out):
        if not isinstance(t, str):
            raise TypeError(f"texts[{i}] is {type(t).__name__}, not a string")
        if _VISIBLE.search(t) is None:
            raise ValueError(
                f"texts[{i}] is empty or blank (only whitespace, NUL or zero-width characters); embedding it "
                "would return a meaningless vector. Remove it first."
            )
    return out


def _check_dimensions(dimensions: int | None) -> None:
    if dimensions is None:
        return
    if not isinstance(dimensions, (int, np.integer)) or isinstance(dimensions, bool):
        raise TypeError(f"dimensions must be an integer, got {dimensions!r}")
    if dimensions < 1:
        raise ValueError(
            f"dimensions must be at least 1 (Qwen3 supports 32 up to its width); got {dimensions}"
        )


def _to_array(resp, expected: int, base_url: str) -> np.ndarray:
    """Rows in input order; base64 strings (what ``encoding_format="base64"`` returns) decoded as float32.

    Raises :class:`BadResponseError` unless there is exactly one finite vector of one width per input.
    """
    where = f"the server at {base_url}"
    data = getattr(resp, "data", None)
    if not isinstance(data, list):
        raise BadResponseError(
            f"{where} answered with something that is not an embeddings reply (no 'data' list); check "
            "that EMB_BASE_URL points at an OpenAI-compatible API ending in /v1."
        )
    indices = sorted(d.index for d in data)
    if len(data) != expected:
        raise BadResponseError(
            f"{where} returned {len(data)} vector(s) for {expected} text(s); its reply is incomplete."
        )
    if indices != list(range(expected)):
        dup = sorted({i for i in indices if indices.count(i) > 1})
        raise BadResponseError(
            f"{where} returned rows with indices {dup or indices[:5]} repeated or out of range "
            f"(expected each of 0..{expected - 1} once); its reply cannot be matched to the texts."
        )
    rows = [
        np.frombuffer(base64.b64decode(r.embedding), dtype="<f4")
        if isinstance(r.embedding, str)
        else np.asarray(r.embedding, dtype=np.float32)
        for r in sorted(data, key=lambda d: d.index)
    ]
    widths = {len(r) for r in rows}
    if len(widths) != 1:
        raise BadResponseError(f"{where} returned vectors of different widths {sorted(widths)}.")
    out = np.stack(rows).astype(np.float32)
    bad = np.flatnonzero(~np.isfinite(out).all(axis=1))
    if bad.size:
        raise BadResponseError(
            f"{where} returned NaN or infinite values for {bad.size} text(s) (first: index {bad[0]}); "
            "with Qwen3 this is the fp16 overflow: serve it in bfloat16 or float32."
        )
    return out


def _length_order(texts: list[str]) -> np.ndarray:
    """Indices that sort texts by length (longest first), a cheap proxy for their token counts."""
    return np.argsort([-len(t) for t in texts], kind="stable")


def _restore(rows: np.ndarray, order: np.ndarray) -> np.ndarray:
    """Undo :func:`_length_order`: row ``k`` of ``rows`` belongs to input ``order[k]``."""
    out = np.empty_like(rows)
    out[order] = rows
    return out


class EmbeddingClient:
    """A reusable embedding client. Create one per server and reuse it; close it at the end.

    >>> client = EmbeddingClient("http://127.0.0.1:8765/v1", model="all-MiniLM-L6-v2")
    >>> vecs = client.embed(["first text", "second text"], dimensions=128)
    """

    def __init__(
        self,
        base_url: str,
        model: str,
        api_key: str | None = None,
        batch_size: int = 64,
        max_concurrency: int = 4,
        timeout: float = 60.0,
        max_retries: int = 3,
        max_connections: int = 16,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.batch_size = batch_size
        self.max_concurrency = max_concurrency
        limits = httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections)
        self._limits, self._timeout, self._max_retries = limits, timeout, max_retries
        self._http = httpx.Client(limits=limits, timeout=timeout)
        # The key is sent only when set; a local server without a key accepts any placeholder.
        self._key = api_key or "not-needed"
        self.sync = openai.OpenAI(
            base_url=self.base_url,
            api_key=self._key,
            http_client=self._http,
            max_retries=max_retries,
            timeout=timeout,
        )
        self._ahttp: httpx.AsyncClient | None = None
        self._aio: openai.AsyncOpenAI | None = None
        self._aio_loop: asyncio.AbstractEventLoop | None = None

    @property
    def aio(self) -> openai.AsyncOpenAI:
        """The async OpenAI client, with its own pooled connections, bound to the running event loop."""
        loop = asyncio.get_running_loop()
        if self._aio is None or self._aio_loop is not loop:
            self._ahttp = httpx.AsyncClient(limits=self._limits, timeout=self._timeout)
            self._aio = openai.AsyncOpenAI(
                base_url=self.base_url,
                api_key=self._key,
                http_client=self._ahttp,
                max_retries=self._max_retries,
                timeout=self._timeout,
            )
            self._aio_loop = loop
        return self._aio

    @classmethod
    def from_settings(cls, settings, base_url: str | None = None, **kwargs) -> EmbeddingClient:
        """A client for :func:`utils.serving.settings.get_settings`' server (``base_url`` of a started server wins)."""
        return cls(base_url or settings.base_url, settings.model_name, api_key=settings.api_key, **kwargs)

    # ---------------------------------------------------------------- errors
    def _translate(self, exc: Exception) -> Exception:
        """One of this module's errors, with one sentence that says what to do, for ``exc``."""
        where = f"the embedding server at {self.base_url}"
        tries = f"{self._max_retries + 1} attempt(s)"
        if isinstance(exc, openai.APITimeoutError):  # a subclass of APIConnectionError: test it first
            return EmbeddingTimeoutError(
                f"{where} did not answer within {self._timeout:g} s ({tries}); it may be overloaded or the "
                "batch too large: lower batch_size, raise timeout=, or check the server's log."
            )
        if isinstance(exc, openai.APIConnectionError):
            return ServerUnreachableError(
                f"cannot reach {where}: {exc.__cause__ or exc}. "
                "Start it (notebook 01 shows how, or `python -m utils.serving.server`) or fix EMB_BASE_URL."
            )
        if isinstance(exc, openai.APIResponseValidationError) or isinstance(exc, ValueError):
            body = getattr(exc, "doc", None) or getattr(getattr(exc, "response", None), "text", "") or ""
            begins = f"; it begins {str(body)[:60]!r}" if body else ""
            return BadResponseError(
                f"{where} answered with something that is not an embeddings reply ({exc}{begins}); "
                "check that EMB_BASE_URL points at an OpenAI-compatible API ending in /v1."
            )
        detail, code = "", None
        if isinstance(exc, openai.APIStatusError):
            err = exc.body.get("error", exc.body) if isinstance(exc.body, dict) else None
            err = err if isinstance(err, dict) else {}
            detail, code = err.get("message") or exc.message, err.get("code")
        if isinstance(exc, openai.NotFoundError):
            if code == "not_found" or "model" not in str(detail).lower():
                return ModelNotFoundError(
                    f"{where} has no embeddings endpoint there (HTTP 404: {detail}); "
                    "the base URL should end in /v1."
                )
            try:
                served = [m.id for m in self.sync.models.list().data]
            except Exception:  # noqa: BLE001 - the listing is only a hint
                served = []
            return ModelNotFoundError(
                f"{where} does not serve model {self.model!r}"
                + (f"; it serves {served}." if served else ".")
                + " Use that name (EMB_MODEL_NAME) or start the server with the model you want."
            )
        if isinstance(exc, openai.AuthenticationError):
            sent = "the API key that was sent" if self._key != "not-needed" else "the request: no API key was sent"
            return EmbeddingError(
                f"{where} rejected {sent} (HTTP 401); set EMB_API_KEY to the server's key (a command's "
                "--api-key does the same)."
            )
        if isinstance(exc, openai.APIStatusError) and exc.status_code >= 500:
            return ServerError(
                f"{where} failed with HTTP {exc.status_code} on all {tries} ({detail}); "
                "see the server's log (server.log_tail() for a server the course started)."
            )
        if isinstance(exc, openai.APIStatusError):
            return RequestRejectedError(f"the server rejected the request (HTTP {exc.status_code}): {detail}")
        if isinstance(exc, EmbeddingError):
            return exc
        return EmbeddingError(f"embedding request to {self.base_url} failed: {exc}")

    # ---------------------------------------------------------------- sync
    def _request(self, batch: list[str], dimensions: int | None, encoding_format: str) -> np.ndarray:
        kwargs = {"dimensions": dimensions} if dimensions is not None else {}
        try:
            resp = self.sync.embeddings.create(
                model=self.model, input=batch, encoding_format=encoding_format, **kwargs
            )
        except (openai.OpenAIError, ValueError) as exc:  # ValueError: a 200 whose body is not JSON
            raise self._translate(exc) from exc
        return _to_array(resp, len(batch), self.base_url)

    def embed(
        self,
        texts: Sequence[str],
        dimensions: int | None = None,
        batch_size: int | None = None,
        encoding_format: str = "base64",
        progress: bool = False,
        sort_by_length: bool = True,
    ) -> np.ndarray:
        """Embed ``texts`` in batches; returns float32 ``(len(texts), dim)`` in input order.

        ``encoding_format="base64"`` (the ``openai`` client's own default) sends raw float32 bytes and
        is decoded by the client; ``"float"`` sends JSON numbers, slower to encode and parse.
        ``sort_by_length`` batches texts of similar length together (then restores the order), so the
        server pads less: sentence-transformers does the same inside ``encode``. ``progress`` shows a
        bar only when there is more than one batch (one request has nothing to show progress of).
        """
        texts = _check_texts(texts)
        _check_dimensions(dimensions)
        size = batch_size or self.batch_size
        order = _length_order(texts) if sort_by_length else np.arange(len(texts))
        ordered = [texts[i] for i in order]
        starts = range(0, len(texts), size)
        if progress and len(starts) > 1:
            from tqdm.auto import tqdm

            starts = tqdm(starts, total=len(starts), desc="embedding", unit="batch")
        chunks = [self._request(ordered[s : s + size], dimensions, encoding_format) for s in starts]
        if not chunks:
            return np.zeros((0, 0), dtype=np.float32)
        return _restore(np.concatenate(chunks), order)

    def embed_one(self, text: str, dimensions: int | None = None) -> np.ndarray:
        """One text, one request: the simplest call, and the slowest way to embed many texts."""
        return self.embed([text], dimensions=dimensions, batch_size=1)[0]

    # ---------------------------------------------------------------- async
    async def _arequest(
        self, batch: list[str], dimensions: int | None, encoding_format: str, sem: asyncio.Semaphore
    ) -> np.ndarray:
        kwargs = {"dimensions": dimensions} if dimensions is not None else {}
        async with sem:
            try:
                resp = await self.aio.embeddings.create(
                    model=self.model, input=batch, encoding_format=encoding_format, **kwargs
                )
            except (openai.OpenAIError, ValueError) as exc:  # ValueError: a 200 whose body is not JSON
                raise self._translate(exc) from exc
        return _to_array(resp, len(batch), self.base_url)

    async def aembed(
        self,
        texts: Sequence[str],
        dimensions: int | None = None,
        batch_size: int | None = None,
        max_concurrency: int | None = None,
        encoding_format: str = "base64",
        sort_by_length: bool = True,
    ) -> np.ndarray:
        """Like :meth:`embed`, with up to ``max_concurrency`` batches in flight at once (order kept)."""
        texts = _check_texts(texts)
        _check_dimensions(dimensions)
        size = batch_size or self.batch_size
        order = _length_order(texts) if sort_by_length else np.arange(len(texts))
        ordered = [texts[i] for i in order]
        sem = asyncio.Semaphore(max_concurrency or self.max_concurrency)
        tasks = [
            self._arequest(ordered[s : s + size], dimensions, encoding_format, sem)
            for s in range(0, len(texts), size)
        ]
        chunks = await asyncio.gather(*tasks)
        if not chunks:
            return np.zeros((0, 0), dtype=np.float32)
        return _restore(np.concatenate(chunks), order)

    # ---------------------------------------------------------------- misc
    def models(self) -> list[str]:
        """Names the server serves (``GET /v1/models``)."""
        try:
            return [m.id for m in self.sync.models.list().data]
        except openai.OpenAIError as exc:
            raise self._translate(exc) from exc

    def native_dim(self) -> int:
        """Width of the model's vectors, found by embedding one short text."""
        return int(self.embed_one("dimension probe").shape[0])

    def close(self) -> None:
        """Close the pooled connections (in a running event loop, the async pool closes in the background)."""
        self._http.close()
        if self._ahttp is None:
            return
        try:
            asyncio.get_running_loop().create_task(self._ahttp.aclose())
        except RuntimeError:
            if self._aio_loop is not None and not self._aio_loop.is_closed():
                self._aio_loop.run_until_complete(self._ahttp.aclose())
        self._ahttp = self._aio = None

    async def aclose(self) -> None:
        self._http.close()
        if self._ahttp is not None:
            await self._ahttp.aclose()
        self._ahttp = self._aio = None

    def __enter__(self) -> EmbeddingClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
