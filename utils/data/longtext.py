"""One policy for text longer than the model reads: truncate with one warning, or chunk and score by the best chunk.

Introduced in notebook 06_long_documents; used by ``utils.serving.encoders`` (the warning), ``python -m
utils.search.evaluate`` (``--max-tokens``, ``--chunk SIZE[:OVERLAP]``) and, through
:func:`doc_hits_from_chunk_hits`, by a search pipeline over chunked documents.

* **Truncation** (the default everywhere): over-long text is cut to the limit, and one warning line
  says how many texts were cut and by how much (:func:`truncation_message`), the convention of
  sentence-transformers, which cuts at ``max_seq_length`` (this module also says so).
  :func:`truncate_texts` does it on the client side, with the model's own tokenizer, so it works in
  front of any server.
* **Chunking**: :func:`chunk_texts` splits each text into token windows of the model's own tokenizer
  (``SIZE`` tokens a chunk, special tokens included, so ``SIZE`` may equal the model's limit;
  ``OVERLAP`` tokens shared by neighbours), never inside a word, and keeps each chunk's character
  offsets so a hit can show its passage. :func:`document_scores` turns query-chunk scores into
  query-document scores: the best chunk (``max``, the default), the ``mean`` of the chunks, the
  ``first`` chunk only, or the sum of the ``top3`` chunks (any ``topK``).

Everything takes a Hugging Face *fast* tokenizer (``model.tokenizer`` of a sentence-transformers model,
or ``AutoTokenizer.from_pretrained(model_folder)``); nothing here loads a model.
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

AGGREGATIONS = ("max", "mean", "first", "top3")


# --------------------------------------------------------------------------- truncation
def model_token_limit(model_path: str | Path, cap: int = 8192) -> int:
    """The tokens a local model folder reads per text: sentence-transformers' ``max_seq_length``, else the
    transformers context (``max_position_embeddings``) capped at ``cap`` (8192: Qwen3's own evaluation length).
    """
    folder = Path(model_path)
    st = folder / "sentence_bert_config.json"
    if st.is_file():
        return int(json.loads(st.read_text())["max_seq_length"])
    cfg = folder / "config.json"
    if not cfg.is_file():
        raise FileNotFoundError(
            f"{folder} has neither sentence_bert_config.json nor config.json; is it a model folder?"
        )
    return min(cap, int(json.loads(cfg.read_text()).get("max_position_embeddings", cap)))


def truncation_message(counts: Sequence[int], limit: int) -> str | None:
    """The one warning line for ``counts`` (tokens per text) against ``limit``; ``None`` when nothing is cut."""
    over = [n for n in counts if n > limit]
    if not over:
        return None
    cut = sum(n - limit for n in over)
    return (
        f"truncated {len(over)} of {len(counts)} text(s) to {limit} tokens: the longest had {max(over)} tokens, "
        f"{cut} tokens ({cut / max(sum(counts), 1):.0%} of all input tokens) were not read; "
        "use chunking (--chunk SIZE[:OVERLAP]) to read them"
    )


def warn_truncation(counts: Sequence[int], limit: int, stacklevel: int = 3) -> int:
    """Issue :func:`truncation_message` as one ``UserWarning`` if anything is cut; returns how many texts were cut."""
    message = truncation_message(counts, limit)
    if message:
        warnings.warn(message, UserWarning, stacklevel=stacklevel)
    return sum(n > limit for n in counts)


def n_special_tokens(tokenizer: Any) -> int:
    """How many special tokens the tokenizer adds to one text (2 for BERT's [CLS]/[SEP], 1 for Qwen3's EOS)."""
    return len(tokenizer("", add_special_tokens=True)["input_ids"])


def _encodings(tokenizer: Any, texts: Sequence[str]) -> Any:
    if not getattr(tokenizer, "is_fast", False):
        raise TypeError("utils.data.longtext needs a fast (Rust) Hugging Face tokenizer for character offsets.")
    return tokenizer(
        list(texts), add_special_tokens=False, truncation=False, return_offsets_mapping=True, verbose=False
    )


def truncate_texts(texts: Sequence[str], tokenizer: Any, max_tokens: int) -> tuple[list[str], list[int]]:
    """Cut each text after the token that fills ``max_tokens`` (special tokens included), with one warning.

    Returns the cut texts and each original text's token count. The cut falls on a token boundary, so
    the model reads exactly the first tokens it would have read with its own truncation.
    """
    special = n_special_tokens(tokenizer)
    keep = max_tokens - special
    if keep < 1:
        raise ValueError(f"max_tokens={max_tokens} leaves no room next to {special} special token(s).")
    enc = _encodings(tokenizer, texts)
    out, counts = [], []
    for text, offsets in zip(texts, enc["offset_mapping"], strict=True):
        counts.append(len(offsets) + special)
        out.append(text[: offsets[keep - 1][1]] if len(offsets) > keep else text)
    warn_truncation(counts, max_tokens)
    return out, counts


# --------------------------------------------------------------------------- chunking
@dataclass(frozen=True)
class ChunkSpec:
    """``SIZE[:OVERLAP]``: tokens the model reads per chunk (special tokens included) and tokens shared by neighbours."""

    size: int
    overlap: int = 0

    @classmethod
    def parse(cls, text: str) -> ChunkSpec:
        """``"128"`` or ``"128:32"``; a clear ``ValueError`` for anything else."""
        m = re.fullmatch(r"\s*(\d+)\s*(?::\s*(\d+)\s*)?", str(text))
        if not m:
            raise ValueError(f"--chunk expects SIZE or SIZE:OVERLAP in tokens (e.g. 128:32), got {text!r}.")
        spec = cls(int(m.group(1)), int(m.group(2) or 0))
        spec.check()
        return spec

    def check(self, limit: int | None = None, special: int = 0) -> None:
        """Raise ``ValueError`` unless ``0 <= overlap < size - special`` and ``size <= limit``."""
        if self.size < 8:
            raise ValueError(f"chunk size must be at least 8 tokens, got {self.size}.")
        if limit is not None and self.size > limit:
            raise ValueError(
                f"chunk size {self.size} is over the model's limit of {limit} tokens; choose {limit} or less."
            )
        if not 0 <= self.overlap < self.size - special:
            raise ValueError(
                f"chunk overlap must be at least 0 and below the chunk's {self.size - special} text tokens, got {self.overlap}."
            )

    def __str__(self) -> str:
        return f"{self.size}:{self.overlap}"


@dataclass(frozen=True)
class Chunk:
    """One window of text ``doc``: characters ``start:end`` of that text, ``n_tokens`` tokens (special ones excluded)."""

    doc: int
    start: int
    end: int
    n_tokens: int
    text: str


def _word_starts(enc: Any, i: int, n: int) -> list[bool]:
    """True where token ``j`` of text ``i`` starts a new word (so a window may begin or end there)."""
    words = enc.word_ids(i)
    return [j == 0 or words[j] is None or words[j] != words[j - 1] for j in range(n)]


def chunk_texts(texts: Sequence[str], tokenizer: Any, spec: ChunkSpec) -> list[Chunk]:
    """Split every text into token windows of ``spec``; chunks of one text are contiguous and in order.

    Windows start and end on word boundaries (a word longer than a window is the only exception), so
    each chunk's text tokenizes to at most ``spec.size`` tokens with the special tokens added.
    """
    special = n_special_tokens(tokenizer)
    spec.check(special=special)
    budget = spec.size - special
    enc = _encodings(tokenizer, texts)
    chunks: list[Chunk] = []
    for i, text in enumerate(texts):
        offsets = enc["offset_mapping"][i]
        n = len(offsets)
        if n == 0:
            chunks.append(Chunk(i, 0, len(text), 0, text))
            continue
        starts = _word_starts(enc, i, n)
        s = 0
        while True:
            e = min(s + budget, n)
            if e < n:  # end on a word boundary if the window holds one
                back = e
                while back > s + 1 and not starts[back]:
                    back -= 1
                e = back if starts[back] and back > s else e
            chunks.append(
                Chunk(i, offsets[s][0], offsets[e - 1][1], e - s, text[offsets[s][0] : offsets[e - 1][1]])
            )
            if e >= n:
                break
            nxt = max(e - spec.overlap, s + 1)
            while nxt > s + 1 and not starts[nxt]:  # start on a word boundary too
                nxt -= 1
            s = nxt if starts[nxt] else e
    return chunks


def chunk_bounds(chunks: Sequence[Chunk], n_docs: int) -> np.ndarray:
    """``bounds[d]:bounds[d + 1]`` are the positions of document ``d``'s chunks in ``chunks``."""
    docs = np.array([c.doc for c in chunks], dtype=np.int64)
    if len(docs) and (np.diff(docs) < 0).any():
        raise ValueError(
            "chunks must be grouped by document, in document order (as chunk_texts returns them)."
        )
    counts = np.bincount(docs, minlength=n_docs)
    if (counts == 0).any():
        raise ValueError(f"document {int(np.argmin(counts))} has no chunk.")
    return np.concatenate([[0], np.cumsum(counts)])


def document_scores(
    chunk_scores: np.ndarray, chunks: Sequence[Chunk], n_docs: int, how: str = "max"
) -> tuple[np.ndarray, np.ndarray]:
    """Query-document scores from query-chunk scores, and each document's best chunk (position in ``chunks``).

    ``how``: ``max`` (best chunk), ``mean``, ``first`` (what truncation sees), or ``topK`` (sum of the
    ``K`` best chunks, fewer when a document has fewer). Shapes: ``(queries, len(chunks))`` in,
    ``(queries, n_docs)`` out, twice.
    """
    scores = np.asarray(chunk_scores, dtype=np.float32)
    bounds = chunk_bounds(chunks, n_docs)
    starts = bounds[:-1]
    best_local = np.zeros((scores.shape[0], n_docs), dtype=np.int64)
    for d in range(n_docs):
        best_local[:, d] = bounds[d] + np.argmax(scores[:, bounds[d] : bounds[d + 1]], axis=1)
    if how == "max":
        out = np.maximum.reduceat(scores, starts, axis=1)
    elif how == "mean":
        out = np.add.reduceat(scores, starts, axis=1) / np.diff(bounds)[None, :]
    elif how == "first":
        out = scores[:, starts]
    elif re.fullmatch(r"top\d+", how) and int(how[3:]) >= 1:
        k = int(how[3:])
        out = np.zeros((scores.shape[0], n_docs), dtype=np.float32)
        for d in range(n_docs):
            part = np.sort(scores[:, bounds[d] : bounds[d + 1]], axis=1)[:, ::-1]
            out[:, d] = part[:, :k].sum(axis=1)
    else:
        raise ValueError(f"how must be one of max, mean, first or topK (e.g. top3), got {how!r}.")
    return out.astype(np.float32), best_local


def embed_chunks(
    texts: Sequence[str],
    embed: Callable[[list[str]], np.ndarray],
    tokenizer: Any,
    spec: ChunkSpec,
    context: Callable[[Chunk], str] | None = None,
) -> tuple[list[Chunk], np.ndarray]:
    """Chunk ``texts`` and embed every chunk (``context(chunk)`` is prepended when given); returns chunks and vectors."""
    chunks = chunk_texts(texts, tokenizer, spec)
    inputs = [context(c) + c.text if context else c.text for c in chunks]
    return chunks, np.asarray(embed(inputs), dtype=np.float32)


def heading_before(text: str, offset: int) -> str:
    """The last Markdown heading (``# ...``, ``## ...``) that starts before ``offset`` in ``text``; ``""`` if none."""
    found = ""
    for m in re.finditer(r"^#{1,6}[ \t]+(.+?)[ \t]*$", text, flags=re.M):
        if m.start() > offset:
            break
        found = m.group(1)
    return found


# --------------------------------------------------------------------------- hits and passages
@dataclass(frozen=True)
class DocHit:
    """A document found through its chunks: the score, and the best chunk's passage and character offsets."""

    doc: int
    score: float
    start: int
    end: int
    passage: str


def doc_hits_from_chunk_hits(
    hits: Sequence[tuple[int, float]], chunks: Sequence[Chunk], k: int = 10, how: str = "max"
) -> list[DocHit]:
    """Turn chunk hits (``(position in chunks, score)``, e.g. from a vector index) into the ``k`` best documents.

    A document scores by its best retrieved chunk (``max``) or by the sum of its retrieved chunks
    (``sum``); each hit carries the best chunk's passage and offsets, so a RAG prompt or a result page
    can show (and highlight) it.
    """
    if how not in ("max", "sum"):
        raise ValueError(f"how must be 'max' or 'sum' for chunk hits, got {how!r}.")
    best: dict[int, tuple[float, int]] = {}
    total: dict[int, float] = {}
    for pos, score in hits:
        c = chunks[int(pos)]
        if c.doc not in best or score > best[c.doc][0]:
            best[c.doc] = (float(score), int(pos))
        total[c.doc] = total.get(c.doc, 0.0) + float(score)
    ranked = sorted(best, key=lambda d: -(best[d][0] if how == "max" else total[d]))[:k]
    out = []
    for d in ranked:
        c = chunks[best[d][1]]
        out.append(DocHit(d, best[d][0] if how == "max" else total[d], c.start, c.end, c.text))
    return out


def chunk_ids(doc_ids: Sequence[str], chunks: Sequence[Chunk]) -> list[str]:
    """A stable id per chunk for a vector store, ``"<doc id>#<k>"`` (k counts from 0 within the document).

    Store one row per chunk under these ids; map a search's chunk ids back to positions with
    ``{cid: i for i, cid in enumerate(ids)}`` and pass ``(position, score)`` pairs to
    :func:`doc_hits_from_chunk_hits`.
    """
    out, seen = [], {}
    for c in chunks:
        k = seen.get(c.doc, 0)
        seen[c.doc] = k + 1
        out.append(f"{doc_ids[c.doc]}#{k}")
    return out


def highlight(text: str, start: int, end: int, width: int = 160, mark: tuple[str, str] = ("[[", "]]")) -> str:
    """``text`` around ``start:end`` with the passage marked, at most ``width`` characters of context each side."""
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    return (
        ("..." if start > width else "")
        + left
        + mark[0]
        + text[start:end]
        + mark[1]
        + right
        + ("..." if end + width < len(text) else "")
    )
