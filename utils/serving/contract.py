"""The CPU server's request contract: limits, validation and the over-long-input rule.

Introduced in notebook 01_serve_and_embed with ``utils.serving.server``, which applies these checks before any
work; they are apart from the app so that the contract reads (and is tested) on its own. Every refusal
is an :class:`APIError` that the server turns into an OpenAI-style error body.
"""

from __future__ import annotations

import logging
import re
from typing import Any

log = logging.getLogger("utils.serving.server")

MAX_INPUTS = 2048  # OpenAI's own limit of inputs per embeddings request
MAX_BODY_BYTES = 8 * 1024 * 1024
# characters per input: a longer text is refused (400) before it is tokenized. Token limits alone do not
# bound the work: a 7,000,000-character text of 3 tokens took 28.7 s to count (issue 26). 200,000
# characters is about 50,000 English tokens, over Qwen3's 32K context, so no text a model can read is refused.
MAX_INPUT_CHARS = 200_000
# a text longer than max_tokens * this many characters is counted on that head only: if the head alone
# is over the limit, so is the text (a 7 MB string took 35 s to count in full on 2 busy cores)
CHARS_PER_TOKEN_BOUND = 8
# a text is blank when it has nothing but whitespace, control characters (NUL...) and invisible format
# characters (zero-width space/joiners, BOM, soft hyphen, bidi marks): embedding it means nothing
_VISIBLE = re.compile(
    r"[^\s\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]"
)


def is_blank(text: str) -> bool:
    """True for an empty text, or one of only whitespace, NUL/control or zero-width characters."""
    return _VISIBLE.search(text) is None


class APIError(Exception):
    """An error returned to the caller as OpenAI-style JSON."""

    def __init__(
        self,
        status: int,
        message: str,
        code: str,
        param: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.message, self.code, self.param = status, message, code, param
        self.headers = headers  # e.g. ``Connection: close`` when the body was not read to its end


def error_body(err: APIError) -> dict[str, Any]:
    return {
        "error": {
            "message": err.message,
            "type": "invalid_request_error",
            "param": err.param,
            "code": err.code,
        }
    }


def _kind(value: Any) -> str:
    """What a non-string input is, in words: token ids only when it is an int or a list of ints."""
    if isinstance(value, int) and not isinstance(value, bool):
        return "a token id (an integer)"
    if isinstance(value, list) and value and all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        return "a list of token ids"
    if isinstance(value, list):
        inner = sorted({type(v).__name__ for v in value})
        return f"a list (of {', '.join(inner)})" if inner else "an empty list"
    return "null" if value is None else f"a {type(value).__name__}"


def validate_request(
    body: Any,
    served_name: str,
    dim: int,
    max_inputs: int = MAX_INPUTS,
    max_input_chars: int = MAX_INPUT_CHARS,
) -> dict[str, Any]:
    """Check an embeddings request; return ``texts``, ``dimensions``, ``encoding_format``, ``truncate``.

    Cheap checks only (no tokenizer): token limits are checked by :func:`check_token_limits`; a text
    over ``max_input_chars`` characters is refused here, before it is tokenized.
    ``truncate`` is ``True``/``False`` when the request sent a JSON boolean, ``None`` when it did not.
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
    if len(texts) > max_inputs:
        raise APIError(
            413,
            f"'input' has {len(texts)} texts, over this server's limit of {max_inputs} per request "
            "(--max-inputs); split them into several requests",
            "too_many_inputs",
            "input",
        )
    for i, t in enumerate(texts):
        if not isinstance(t, str):
            raise APIError(
                400, f"input[{i}] is {_kind(t)}; this server takes strings only", "invalid_input", "input"
            )
        if len(t) > max_input_chars:
            raise APIError(
                400,
                f"input[{i}] has {len(t)} characters, over this server's limit of {max_input_chars} per "
                "input (--max-input-chars); shorten it or split it into several texts",
                "input_too_long",
                "input",
            )
        if is_blank(t):
            raise APIError(
                400,
                f"input[{i}] is empty or blank (only whitespace, NUL or zero-width characters); "
                "remove it or send real text",
                "empty_input",
                "input",
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
    fmt = body.get("encoding_format")
    fmt = "float" if fmt is None else fmt  # absent or null: the default; "" or 0 is an error, not a default
    if not isinstance(fmt, str) or fmt not in ("float", "base64"):
        raise APIError(
            400,
            f"'encoding_format' must be 'float' or 'base64', got {fmt!r}",
            "invalid_encoding_format",
            "encoding_format",
        )
    truncate = body.get("truncate")
    if truncate is not None and not isinstance(truncate, bool):
        raise APIError(
            400,
            f"'truncate' must be a JSON boolean (true or false), got {truncate!r}",
            "invalid_truncate",
            "truncate",
        )
    return {"texts": texts, "dimensions": dims, "encoding_format": fmt, "truncate": truncate}


def check_token_limits(
    req: dict[str, Any],
    counts: list[int],
    max_tokens: int,
    allow_truncate: bool,
    partial: set[int] | None = None,
) -> dict[str, Any]:
    """Refuse over-long inputs (400 naming the count) unless truncation was asked for; add ``tokens``.

    The request's ``truncate`` wins over the server's ``--truncate`` (``allow_truncate``), so a client
    can insist on the 400 with ``"truncate": false``. ``partial``: inputs counted on their head only
    (the count is a lower bound); when truncating, they are cut to that head before encoding.
    """
    partial = partial or set()
    truncate = allow_truncate if req["truncate"] is None else req["truncate"]
    too_long = [i for i, n in enumerate(counts) if n > max_tokens]
    if too_long and not truncate:
        i = too_long[0]
        raise APIError(
            400,
            f"input[{i}] has {'more than ' if i in partial else ''}{counts[i]} tokens, over the model's "
            f"limit of {max_tokens}; shorten it, send "
            '"truncate": true, or start the server with --truncate',
            "input_too_long",
            "input",
        )
    texts = req["texts"]
    if too_long:
        log.warning("truncating %d input(s) to %d tokens", len(too_long), max_tokens)
        if partial:  # the encoder would tokenize all of a huge text before cutting it: cut it here
            head = max_tokens * CHARS_PER_TOKEN_BOUND
            texts = [t[:head] if i in partial else t for i, t in enumerate(texts)]
    return {
        **req,
        "texts": texts,
        "truncate": bool(truncate),
        "tokens": sum(min(n, max_tokens) for n in counts),
        "truncated": len(too_long),
    }
