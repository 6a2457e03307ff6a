"""Embed a large BEIR corpus through OpenAI-compatible servers into Parquet shards, resumably.

The "At scale" section of the README introduces it (it scales notebook 01's client and notebook
05's indexing step). ``python -m utils.search.embed_corpus --data corpus.jsonl --out DIR`` streams the
corpus in batches to one or several servers (``--base-url`` repeated: replicas, used round-robin;
or one URL for SGLang with ``--dp-size`` or its router), with at most ``--concurrency`` requests in
flight, and writes ``DIR/shard-00000.parquet`` ... (columns ``id``, ``text`` (what was embedded),
``vector`` and ``doc_sha256``, each document's content hash; with ``--chunk`` also ``doc_id``) plus
``DIR/manifest.json`` (model, width, precision, instruction, long-text policy, and each finished shard
with its row and document counts, first/last id, the SHA-256 of the file and of its documents' contents).

A shard is finished only once it is written to a temporary file and renamed into place, and the
manifest (also written by temp file + rename) lists it; a rerun of the same command after a crash
skips finished shards and re-embeds only the rest, so every id ends up exactly once. A rerun whose
corpus changed under a finished shard (an id, or a document's text) is refused with one line naming
the first changed document and its line: nothing is re-embedded or mixed. Nothing is written before
the first shard is finished, so a run refused on bad input leaves no ``--out`` behind.
``--load-into URI`` then loads the shards into Milvus in batches (:func:`load_into_milvus`).

Long documents follow the course's policy (:mod:`utils.data.longtext`): with the served model's
tokenizer (``--tokenizer``; by default the course settings' model folder when ``--model`` is its name)
they are truncated on the client to ``--max-tokens`` (default: the model's limit) with one warning for
the whole run, or split into token windows with ``--chunk SIZE[:OVERLAP]`` (one row per chunk, id
``"<doc id>#<k>"``). Without a tokenizer, documents are sent whole, and one the server refuses as too
long is named by its id and line.

Precisions: ``float32`` (the server's vectors), ``int8`` (``round(v * 127)``: a fixed scale, valid
because the vectors are L2-normalised, so every shard uses the same one) and ``binary`` (sign bits
packed eight to a byte, as sentence-transformers' ``ubinary``). Milvus loading takes float32 shards.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import re
import sys
import time
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

MANIFEST = "manifest.json"
TOOL = "utils.search.embed_corpus"
PRECISIONS = ("float32", "int8", "binary")
INT8_SCALE = 127.0


class EmbedCorpusError(RuntimeError):
    """Bad input or state; the message says what to do. The CLI prints it on one line and exits 2."""


@dataclass(frozen=True)
class Doc:
    id: str
    text: str
    line: int


# ------------------------------------------------------------------ reading
def iter_corpus(path: str | Path) -> Iterator[Doc]:
    """Stream a BEIR ``corpus.jsonl``: one ``{"_id", "title"?, "text"}`` object per line.

    The embedded text is ``"{title}. {text}"``, or the one that is not blank (:func:`utils.data.beir.join_title`). Blank
    lines are skipped; a malformed line, a missing ``_id``/``text``, an empty document or a repeated
    id raise :class:`EmbedCorpusError` naming ``file:line``.
    """
    from utils.data.beir import DataFormatError, join_title, read_lines

    path = Path(path)
    if not path.is_file():
        raise EmbedCorpusError(f"{path}: no such file; pass a BEIR corpus.jsonl with --data.")
    seen: set[str] = set()
    try:
        for lineno, line in read_lines(path):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise EmbedCorpusError(f"{where}: not valid JSON ({exc.msg}); fix or remove the line.") from exc
            if not isinstance(obj, dict):
                raise EmbedCorpusError(f"{where}: expected a JSON object with \"_id\" and \"text\".")
            doc_id, text, title = obj.get("_id"), obj.get("text"), obj.get("title") or ""
            if not isinstance(doc_id, str) or not doc_id.strip():
                raise EmbedCorpusError(f"{where}: \"_id\" is missing or not a non-empty string.")
            if not isinstance(text, str) or not isinstance(title, str):
                raise EmbedCorpusError(f"{where}: \"text\" (and \"title\", if given) must be strings.")
            full = join_title(title, text)
            if not full.strip():
                raise EmbedCorpusError(f"{where}: document {doc_id!r} has no text; remove it or add text.")
            if doc_id in seen:
                raise EmbedCorpusError(f"{where}: id {doc_id!r} appears twice; ids must be unique.")
            seen.add(doc_id)
            yield Doc(doc_id, full, lineno)
    except DataFormatError as exc:
        raise EmbedCorpusError(str(exc)) from exc


def count_lines(path: str | Path) -> int:
    """Non-blank lines (the progress bar's total), counted without parsing."""
    with Path(path).open("rb") as f:
        return sum(1 for raw in f if raw.strip())


def doc_hash(doc: Doc) -> str:
    """A document's content hash (its id and the text that is embedded): what a resume compares."""
    return hashlib.sha256(f"{doc.id}\0{doc.text}".encode()).hexdigest()[:32]


def content_hash(hashes: Sequence[str]) -> str:
    """One shard's content hash: the SHA-256 of its documents' :func:`doc_hash` values, in order."""
    return hashlib.sha256("\n".join(hashes).encode()).hexdigest()


# ------------------------------------------------------------------ vectors and files
def encode_precision(vectors: np.ndarray, precision: str) -> np.ndarray:
    """float32 as is; int8 as ``round(v * 127)``; binary as packed sign bits (``uint8``, width / 8)."""
    if precision == "float32":
        return vectors.astype(np.float32)
    if precision == "int8":
        return np.clip(np.rint(vectors * INT8_SCALE), -127, 127).astype(np.int8)
    if precision == "binary":
        return np.packbits(vectors > 0, axis=1)
    raise ValueError(f"precision must be one of {PRECISIONS}, got {precision!r}")


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _atomic_write_text(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with tmp.open("w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def shard_name(index: int) -> str:
    return f"shard-{index:05d}.parquet"


def write_shard(
    path: Path,
    ids: list[str],
    texts: list[str],
    vectors: np.ndarray,
    doc_hashes: list[str] | None = None,
    doc_ids: list[str] | None = None,
) -> None:
    """Write one shard atomically: a temporary file in the same folder, fsync, then rename.

    ``doc_hashes`` (one per row: its document's :func:`doc_hash`) and ``doc_ids`` (with chunking) are
    extra columns. A failed write (a full disk) removes its temporary file and raises the ``OSError``.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    width = vectors.shape[1]
    flat = pa.array(vectors.reshape(-1))
    columns = {
        "id": pa.array(ids, pa.string()),
        "text": pa.array(texts, pa.string()),
        "vector": pa.FixedSizeListArray.from_arrays(flat, width),
    }
    if doc_hashes is not None:
        columns["doc_sha256"] = pa.array(doc_hashes, pa.string())
    if doc_ids is not None:
        columns["doc_id"] = pa.array(doc_ids, pa.string())
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        pq.write_table(pa.table(columns), tmp)
        with tmp.open("rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def read_shard(path: str | Path) -> tuple[list[str], list[str], np.ndarray]:
    """``(ids, texts, vectors)`` of one shard; vectors keep the stored dtype."""
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    col = table.column("vector").combine_chunks()
    width = col.type.list_size
    vectors = col.flatten().to_numpy(zero_copy_only=False).reshape(-1, width)
    return table.column("id").to_pylist(), table.column("text").to_pylist(), vectors


# ------------------------------------------------------------------ manifest and output folder
def _settings(model: str, dimensions: int | None, precision: str, instruction: str | None, shard_size: int,
              long_text: str = "whole") -> dict:
    """What a resume must repeat. ``long_text``: ``whole`` (sent as is), ``truncate:N`` or ``chunk:SIZE:OVERLAP``."""
    return {
        "model": model,
        "dimensions": dimensions,
        "precision": precision,
        "instruction": instruction,
        "shard_size": shard_size,
        "long_text": long_text,
    }


def read_manifest(out: str | Path) -> dict[str, Any]:
    path = Path(out) / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise EmbedCorpusError(f"{path}: cannot read the manifest ({exc}).") from exc
    if manifest.get("tool") != TOOL:
        raise EmbedCorpusError(f"{path} was not written by {TOOL}; use another --out.")
    return manifest


def _ours(name: str) -> bool:
    bare = name[1:-4] if name.startswith(".") and name.endswith(".tmp") else name
    return bare == MANIFEST or (bare.startswith("shard-") and bare.endswith(".parquet"))


def writable_or_error(out: Path) -> None:
    """Raise :class:`EmbedCorpusError` naming the folder unless ``out`` (or the folder it would be made in) is writable."""
    from utils.paths import writable_folder

    target, writable = writable_folder(out)
    if not writable:
        raise EmbedCorpusError(
            f"--out {out}: cannot write in {target} (permission denied or a read-only file system); "
            "pass an --out folder you can write to."
        )


def prepare_out(out: Path, data: Path, settings: dict) -> dict[str, Any]:
    """Open (or start) the output folder; refuse one that holds anything this tool did not write.

    Returns the manifest; its ``shards`` are the finished shards a rerun keeps (each checked against
    its checksum). A folder from a run with other settings is refused rather than mixed. A new run
    writes nothing here: the folder and manifest appear with the first finished shard.
    """
    if out.exists() and not out.is_dir():
        raise EmbedCorpusError(f"--out {out} is a file; pass a folder.")
    entries = sorted(p.name for p in out.iterdir()) if out.is_dir() else []
    if entries:
        foreign = [n for n in entries if not _ours(n)]
        if foreign or MANIFEST not in entries:
            shown = ", ".join((foreign or entries)[:3])
            raise EmbedCorpusError(
                f"--out {out} already holds files this tool did not write ({shown}); "
                "pass an empty or new folder (nothing there is deleted or overwritten)."
            )
        manifest = read_manifest(out)
        stored = {"long_text": "whole", **manifest.get("settings", {})}  # runs from before issue 26 sent whole texts
        if stored != settings:
            raise EmbedCorpusError(
                f"{out / MANIFEST} was written with {stored}, not {settings}; "
                "rerun with the same options to resume, or pass a new --out."
            )
        manifest["settings"] = stored
        if manifest.get("data_name") != data.name:
            raise EmbedCorpusError(
                f"{out} holds shards of {manifest.get('data_name')!r}, not {data.name!r}; pass a new --out."
            )
        for shard in manifest["shards"]:
            path = out / shard["file"]
            if not path.is_file() or _sha256(path) != shard["sha256"]:
                raise EmbedCorpusError(
                    f"{path} is missing or does not match its checksum in the manifest; "
                    "the folder was changed by hand: start again in a new --out."
                )
        writable_or_error(out)
        return manifest
    writable_or_error(out)
    return {"tool": TOOL, "settings": settings, "data_name": data.name, "complete": False, "shards": []}


def check_unchanged(data: Path, out: Path, index: int, shard: dict, chunk: list[Doc]) -> None:
    """Refuse (naming the first changed document and its line) when ``chunk`` is not what ``shard`` embedded.

    Compares the ids and the per-document content hashes; shards from before issue 26 (no hashes) are
    compared by their stored texts.
    """
    hashes = [doc_hash(d) for d in chunk]
    n_docs = shard.get("documents", shard["count"])
    same = (chunk[0].id, chunk[-1].id, len(chunk)) == (shard["first_id"], shard["last_id"], n_docs)
    if same and shard.get("content_sha256") == content_hash(hashes):
        return
    import pyarrow.parquet as pq

    table = pq.read_table(out / shard["file"])
    names = table.column_names
    ids = table.column("doc_id" if "doc_id" in names else "id").to_pylist()
    if "doc_sha256" in names:
        stored = table.column("doc_sha256").to_pylist()
        current = hashes
    else:  # an older shard: its texts are the documents' texts
        stored, current = table.column("text").to_pylist(), [d.text for d in chunk]
    pairs = [(i, h) for k, (i, h) in enumerate(zip(ids, stored, strict=True)) if k == 0 or ids[k - 1] != i]
    fix = f"the vectors in {out} no longer match it: pass a new --out to embed the new corpus ({out} is left as it is)."
    for doc, now, (old_id, old) in zip(chunk, current, pairs, strict=False):
        if doc.id != old_id:
            raise EmbedCorpusError(
                f"{data}:{doc.line}: id {doc.id!r} is where shard {index} holds {old_id!r}: the corpus changed "
                f"since that shard was written; {fix}"
            )
        if now != old:
            raise EmbedCorpusError(
                f"{data}:{doc.line}: document {doc.id!r} changed since shard {index} embedded it; {fix}"
            )
    if len(chunk) != len(pairs):
        doc = chunk[min(len(chunk), len(pairs)) - 1]
        raise EmbedCorpusError(
            f"{data}:{doc.line}: shard {index} holds {len(pairs)} documents but the corpus now has {len(chunk)} "
            f"there (documents were added or removed); {fix}"
        )
    if not same or "content_sha256" in shard:  # the hash differs, yet no document does: the shard was edited
        raise EmbedCorpusError(f"{out / shard['file']} does not match its manifest entry; start again in a new --out.")


# ------------------------------------------------------------------ embedding
class _Refused(Exception):
    """The server (or the client's own checks) refused the text at ``position`` of one :meth:`_Pool.embed` call."""

    def __init__(self, position: int, detail: str) -> None:
        super().__init__(detail)
        self.position, self.detail = position, detail


class _Pool:
    """Round-robin over replicas (one :class:`utils.serving.client.EmbeddingClient` each), bounded in flight."""

    def __init__(self, base_urls: Sequence[str], model: str, api_key: str | None, concurrency: int,
                 timeout: float) -> None:
        from utils.serving.client import EmbeddingClient

        self.clients = [
            EmbeddingClient(u, model, api_key=api_key, timeout=timeout, max_connections=max(concurrency, 1))
            for u in base_urls
        ]
        self.concurrency = concurrency
        self._next = 0

    def probe(self, dimensions: int | None) -> int:
        """Embed one text on every replica (an unreachable one fails here); returns the width."""
        from utils.serving.client import EmbeddingError

        widths = set()
        for c in self.clients:
            try:
                widths.add(int(c.embed(["width probe"], dimensions=dimensions).shape[1]))
            except (EmbeddingError, ValueError) as exc:
                raise EmbedCorpusError(str(exc).replace("\n", " ")) from exc
        if len(widths) != 1:
            raise EmbedCorpusError(f"the replicas return different widths {sorted(widths)}: serve one model.")
        return widths.pop()

    async def embed(self, texts: list[str], batch_size: int, dimensions: int | None) -> np.ndarray:
        """Vectors for ``texts``; a text the server (or the client's checks) refuses raises :class:`_Refused` with its position."""
        sem = asyncio.Semaphore(self.concurrency)

        async def one(start: int, batch: list[str]) -> np.ndarray:
            client = self.clients[self._next % len(self.clients)]
            self._next += 1
            async with sem:
                try:  # in input order (no length sorting), so "input[i]" in an error is batch position i
                    return await client.aembed(batch, dimensions=dimensions, batch_size=len(batch),
                                               max_concurrency=1, sort_by_length=False)
                except ValueError as exc:  # RequestRejectedError (a 4xx) is a ValueError too
                    m = re.search(r"(?:input|texts)\[(\d+)\] (.*)", str(exc))
                    if m is None:
                        raise
                    raise _Refused(start + int(m.group(1)), m.group(2).split(";")[0]) from exc

        starts = range(0, len(texts), batch_size)
        results = await asyncio.gather(*(one(s, texts[s : s + batch_size]) for s in starts), return_exceptions=True)
        failed = [r for r in results if isinstance(r, BaseException)]
        if failed:  # the earliest refused text in input order, whichever batch came back first
            refused = [r for r in failed if isinstance(r, _Refused)]
            raise min(refused, key=lambda r: r.position) if refused else failed[0]
        return np.concatenate(results)

    async def aclose(self) -> None:
        for c in self.clients:
            await c.aclose()


def _batches(docs: Iterator[Doc], size: int) -> Iterator[list[Doc]]:
    chunk: list[Doc] = []
    for d in docs:
        chunk.append(d)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@dataclass
class LongText:
    """The long-text policy of one run (:mod:`utils.data.longtext`): ``whole``, ``truncate`` or ``chunk``."""

    policy: str = "whole"
    tokenizer: Any = None
    max_tokens: int | None = None
    chunk: Any = None  # a longtext.ChunkSpec
    counts: list[int] | None = None  # tokens per truncated text, for the run's one warning

    @property
    def label(self) -> str:
        if self.policy == "truncate":
            return f"truncate:{self.max_tokens}"
        if self.policy == "chunk":
            return f"chunk:{self.chunk}"
        return "whole"


def long_text_policy(tokenizer: str | Path | None, max_tokens: int | None, chunk: str | None) -> LongText:
    """Build the policy: ``chunk`` (``SIZE[:OVERLAP]``) or, with a tokenizer folder, truncation to ``max_tokens``
    (default: the model's limit); without a tokenizer, texts are sent whole. Bad values raise :class:`EmbedCorpusError`.
    """
    from utils.data import longtext

    if tokenizer is None:
        if chunk is not None or max_tokens is not None:
            raise EmbedCorpusError(
                "--chunk and --max-tokens need the served model's tokenizer: pass --tokenizer DIR (its model folder)."
            )
        return LongText()
    folder = Path(tokenizer)
    if not folder.is_dir():
        raise EmbedCorpusError(f"--tokenizer {tokenizer} is not a folder; pass the served model's folder.")
    if max_tokens is not None and max_tokens < 8:
        raise EmbedCorpusError(f"--max-tokens must be at least 8, got {max_tokens}.")
    from transformers import AutoTokenizer

    try:
        limit = longtext.model_token_limit(folder)
        tok = AutoTokenizer.from_pretrained(str(folder))
    except (OSError, ValueError, KeyError) as exc:
        raise EmbedCorpusError(f"--tokenizer {tokenizer}: cannot load a tokenizer there ({exc}).") from exc
    if max_tokens is not None and max_tokens > limit:
        raise EmbedCorpusError(f"--max-tokens {max_tokens} is over the model's limit of {limit} tokens.")
    limit = max_tokens or limit
    if chunk is None:
        return LongText("truncate", tok, limit, counts=[])
    try:
        spec = longtext.ChunkSpec.parse(chunk)
        spec.check(limit=limit, special=longtext.n_special_tokens(tok))
    except ValueError as exc:
        raise EmbedCorpusError(str(exc)) from exc
    return LongText("chunk", tok, limit, spec)


def embed_corpus(
    data: str | Path,
    out: str | Path,
    base_urls: Sequence[str],
    model: str,
    *,
    api_key: str | None = None,
    dimensions: int | None = None,
    precision: str = "float32",
    instruction: str | None = None,
    batch_size: int = 64,
    concurrency: int = 4,
    shard_size: int = 10_000,
    timeout: float = 120.0,
    progress: bool = True,
    tokenizer: str | Path | None = None,
    max_tokens: int | None = None,
    chunk: str | None = None,
) -> dict[str, Any]:
    """Embed ``data`` into shards under ``out`` (resuming a previous run there); returns the manifest.

    ``instruction`` is applied to documents in Qwen3's query format (for symmetric tasks such as
    clustering; retrieval documents get none, so the default is ``None``). ``tokenizer`` (the served
    model's folder) turns on the long-text policy: truncation to ``max_tokens`` with one ``UserWarning``
    for the run, or ``chunk`` (``"SIZE[:OVERLAP]"``) windows, one row each.
    """
    if precision not in PRECISIONS:
        raise EmbedCorpusError(f"--precision must be one of {', '.join(PRECISIONS)}, got {precision!r}.")
    if batch_size < 1 or concurrency < 1 or shard_size < 1:
        raise EmbedCorpusError("--batch-size, --concurrency and --shard-size must be at least 1.")
    if not base_urls:
        raise EmbedCorpusError("pass at least one --base-url.")
    data, out = Path(data), Path(out)
    if not data.is_file():
        raise EmbedCorpusError(f"{data}: no such file; pass a BEIR corpus.jsonl with --data.")
    if count_lines(data) == 0:
        raise EmbedCorpusError(f"{data} holds no documents (it is empty or blank); pass a corpus with at least one.")
    policy = long_text_policy(tokenizer, max_tokens, chunk)
    settings = _settings(model, dimensions, precision, instruction, shard_size, policy.label)
    manifest = prepare_out(out, data, settings)  # checks only: a new run writes nothing until its first shard
    pool = _Pool(base_urls, model, api_key, concurrency, timeout)
    try:
        width = pool.probe(dimensions)  # before anything is written: an unreachable server leaves no trace
        result = asyncio.run(_run(data, out, manifest, pool, width, batch_size, progress, policy))
    finally:
        for c in pool.clients:
            c.close()
    if policy.counts:
        from utils.data.longtext import truncation_message

        message = truncation_message(policy.counts, policy.max_tokens)
        if message:  # the one warning of the run (the shards were cut quietly)
            warnings.warn(message, UserWarning, stacklevel=2)
    return result


def _prepare_rows(chunk: list[Doc], instruction: str | None, policy: LongText) -> tuple[list[str], list[str], list[str], list[int], list[str] | None]:
    """Rows of one shard: ``(ids, stored texts, texts to send, the document of each row, doc ids or None)``."""
    from utils.data import longtext
    from utils.serving.qwen3 import format_query

    texts = [d.text for d in chunk]
    if policy.policy == "chunk":
        pieces = longtext.chunk_texts(texts, policy.tokenizer, policy.chunk)
        ids = longtext.chunk_ids([d.id for d in chunk], pieces)
        stored, owner = [c.text for c in pieces], [c.doc for c in pieces]
        doc_ids: list[str] | None = [chunk[c.doc].id for c in pieces]
    else:
        ids, stored, owner, doc_ids = [d.id for d in chunk], texts, list(range(len(chunk))), None
    sent = [format_query(t, instruction) for t in stored] if instruction else list(stored)
    if policy.policy == "truncate":
        with warnings.catch_warnings():  # one warning for the whole run, not one per shard
            warnings.simplefilter("ignore", UserWarning)
            cut, counts = longtext.truncate_texts(sent, policy.tokenizer, policy.max_tokens)
        policy.counts += counts
        prefix = len(sent[0]) - len(stored[0]) if sent else 0  # the instruction, when there is one
        stored = [c[prefix:] for c in cut]
        sent = cut
    return ids, stored, sent, owner, doc_ids


async def _run(data: Path, out: Path, manifest: dict, pool: _Pool, width: int, batch_size: int,
               progress: bool, policy: LongText | None = None) -> dict:
    from tqdm import tqdm

    policy = policy or LongText()
    s = manifest["settings"]
    try:
        if manifest.get("width") not in (None, width):
            raise EmbedCorpusError(
                f"the server returns {width}-d vectors but {out / MANIFEST} holds {manifest['width']}-d ones; "
                "serve the same model, or pass a new --out."
            )
        if s["precision"] == "binary" and width % 8:
            raise EmbedCorpusError(f"binary precision needs a width divisible by 8; the vectors are {width}-d.")
        manifest["width"] = width
        done = {sh["index"]: sh for sh in manifest["shards"]}
        total = count_lines(data)
        bar = tqdm(total=total, desc="embedding", unit="doc", disable=not progress, smoothing=0.1)
        for index, chunk in enumerate(_batches(iter_corpus(data), s["shard_size"])):
            if index in done:
                check_unchanged(data, out, index, done[index], chunk)
                bar.update(len(chunk))
                bar.total = max(bar.total, bar.n)
                continue
            ids, stored, sent, owner, doc_ids = _prepare_rows(chunk, s["instruction"], policy)
            try:
                vectors = await pool.embed(sent, batch_size, s["dimensions"])
            except _Refused as exc:
                doc = chunk[owner[exc.position]]
                piece = f" (its chunk {ids[exc.position]!r})" if doc_ids else ""
                hint = (
                    "lower --max-tokens to the server's limit" if policy.policy != "whole" else
                    "pass --tokenizer DIR (the served model's folder) to truncate over-long documents with one "
                    "warning, or also --chunk SIZE[:OVERLAP] to embed them in pieces"
                )
                raise EmbedCorpusError(
                    f"{data}:{doc.line}: document {doc.id!r}{piece} was refused by the server: it {exc.detail}; "
                    f"{hint}. Finished shards are kept: rerun to resume."
                ) from exc
            path = out / shard_name(index)
            hashes = [doc_hash(d) for d in chunk]
            try:
                out.mkdir(parents=True, exist_ok=True)
                write_shard(path, ids, stored, encode_precision(vectors, s["precision"]),
                            [hashes[i] for i in owner], doc_ids)
                manifest["shards"].append(
                    {"index": index, "file": path.name, "count": len(ids), "documents": len(chunk),
                     "first_id": chunk[0].id, "last_id": chunk[-1].id, "sha256": _sha256(path),
                     "content_sha256": content_hash(hashes)}
                )
                manifest["shards"].sort(key=lambda sh: sh["index"])
                _atomic_write_text(out / MANIFEST, json.dumps(manifest, indent=1))
            except OSError as exc:
                kept = len([sh for sh in manifest["shards"] if sh["index"] != index])
                raise EmbedCorpusError(
                    f"cannot write {exc.filename or path}: {exc.strerror or exc}; {kept} finished shard(s) are kept "
                    f"in {out}: free space (or fix the permissions) and rerun the same command to resume."
                ) from exc
            bar.update(len(chunk))
        bar.close()
        manifest["complete"] = True
        manifest["documents"] = sum(sh.get("documents", sh["count"]) for sh in manifest["shards"])
        manifest["rows"] = sum(sh["count"] for sh in manifest["shards"])
        try:
            _atomic_write_text(out / MANIFEST, json.dumps(manifest, indent=1))
        except OSError as exc:
            raise EmbedCorpusError(
                f"cannot write {out / MANIFEST}: {exc.strerror or exc}; every shard is written: free space and "
                "rerun the same command to mark the run complete."
            ) from exc
        return manifest
    finally:
        await pool.aclose()


# ------------------------------------------------------------------ Milvus
def load_into_milvus(
    out: str | Path,
    uri: str,
    collection: str,
    *,
    domain: str = "",
    overwrite: bool = False,
    batch_size: int = 1000,
    progress: bool = True,
    **store_kwargs: Any,
) -> int:
    """Load a finished run's float32 shards into a Milvus collection via :class:`utils.search.store.MilvusStore`.

    ``uri`` is a Milvus Lite path (``runs/milvus/x.db``) or a server (``http://host:19530``). Rows are
    upserted shard by shard in batches of ``batch_size``, so a rerun after a crash adds no duplicates.
    Each shard's checksum is checked first. Returns the collection's row count.
    """
    from tqdm import tqdm

    from utils.search.store import MilvusStore, StoreUnreachableError

    out = Path(out)
    manifest = read_manifest(out)
    if not manifest.get("complete"):
        raise EmbedCorpusError(f"{out} holds an unfinished run; rerun the embedding command first to finish it.")
    if manifest["settings"]["precision"] != "float32":
        raise EmbedCorpusError(
            f"{out} holds {manifest['settings']['precision']} vectors; MilvusStore loads float32 shards "
            "(embed with --precision float32)."
        )
    try:
        store = MilvusStore(uri, collection, dim=manifest["width"], model=manifest["settings"]["model"],
                            overwrite=overwrite, **store_kwargs)
    except StoreUnreachableError as exc:
        raise EmbedCorpusError(str(exc)) from exc
    try:
        for shard in tqdm(manifest["shards"], desc=f"loading {collection}", unit="shard", disable=not progress):
            path = out / shard["file"]
            if _sha256(path) != shard["sha256"]:
                raise EmbedCorpusError(f"{path} does not match its checksum in the manifest; re-embed into a new --out.")
            ids, texts, vectors = read_shard(path)
            n = len(ids)
            store.upsert(ids, vectors, [domain] * n, [shard["file"]] * n, texts, batch_size=batch_size)
        return store.count()
    finally:
        store.close()


# ------------------------------------------------------------------ CLI
def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m utils.search.embed_corpus",
        description=__doc__.split("\n\n")[0] + " A rerun of the same command resumes after the last finished "
        "shard; a corpus changed under a finished shard is refused (one line naming the first changed id and "
        "line); bad input, an unwritable --out or a full disk stop with one error line and exit 2, leaving "
        "no --out behind when no shard was finished.",
    )
    p.add_argument("--data", required=True, help="BEIR corpus.jsonl (at least one document)")
    p.add_argument("--out", required=True, help="output folder (new, empty, or a previous run's to resume)")
    p.add_argument("--base-url", action="append", dest="base_urls",
                   help="OpenAI-compatible base URL, e.g. http://127.0.0.1:30000/v1; repeat for replicas "
                        "(default: EMB_BASE_URL or the course settings)")
    p.add_argument("--model", help="served model name (default: the course settings' model name)")
    p.add_argument("--api-key", default=os.environ.get("EMB_API_KEY"),
                   help="the server's key (default: EMB_API_KEY, which `ps` does not show)")
    p.add_argument("--dimensions", type=int, help="Matryoshka width to ask the server for")
    p.add_argument("--precision", choices=PRECISIONS, default="float32")
    p.add_argument("--instruction", help="task instruction applied to documents (symmetric tasks only)")
    p.add_argument("--tokenizer", metavar="DIR",
                   help="the served model's folder: over-long documents are truncated on the client with one "
                        "warning (default: the course settings' model folder when --model is its name; 'none' "
                        "sends documents whole, as runs before issue 26 did: resume those with it)")
    p.add_argument("--max-tokens", type=int, help="truncate to this many tokens (default: the model's limit)")
    p.add_argument("--chunk", metavar="SIZE[:OVERLAP]",
                   help="embed documents as token windows instead (one row per chunk, id '<doc id>#<k>')")
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--concurrency", type=int, default=4, help="requests in flight across all replicas")
    p.add_argument("--shard-size", type=int, default=10_000, help="documents per Parquet shard")
    p.add_argument("--timeout", type=float, default=120.0, help="seconds per request")
    p.add_argument("--no-progress", action="store_true")
    p.add_argument("--load-into", metavar="URI", help="then load the shards into Milvus (Lite path or http://host:19530)")
    p.add_argument("--milvus-token", default=os.environ.get("MILVUS_TOKEN", ""),
                   help="--load-into a server that needs a login: USER:PASSWORD or an API key (default: $MILVUS_TOKEN)")
    p.add_argument("--collection", default="corpus", help="Milvus collection for --load-into")
    p.add_argument("--domain", default="", help="domain field for the Milvus rows")
    return p


def _default_tokenizer(model: str) -> str | None:
    """The course settings' model folder when ``model`` is the name it is served under, else ``None``."""
    from utils.serving.settings import SettingsError, get_settings

    try:
        st = get_settings()
    except SettingsError:
        return None
    if st.model_path and st.model_name == model and Path(st.model_path).is_dir():
        return st.model_path
    return None


def main(argv: Sequence[str] | None = None) -> int:
    from utils.serving.client import EmbeddingError
    from utils.serving.settings import SettingsError

    args = _parser().parse_args(argv)
    start = time.perf_counter()
    try:
        base_urls, model = args.base_urls, args.model
        if not base_urls or not model:
            from utils.serving.settings import get_settings

            st = get_settings()
            base_urls = base_urls or [st.base_url]
            model = model or st.model_name
        tokenizer = None if args.tokenizer == "none" else (args.tokenizer or _default_tokenizer(model))
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", UserWarning)
            try:
                manifest = embed_corpus(
                    args.data, args.out, base_urls, model, api_key=args.api_key, dimensions=args.dimensions,
                    precision=args.precision, instruction=args.instruction, batch_size=args.batch_size,
                    concurrency=args.concurrency, shard_size=args.shard_size, timeout=args.timeout,
                    progress=not args.no_progress, tokenizer=tokenizer, max_tokens=args.max_tokens,
                    chunk=args.chunk,
                )
            finally:
                for w in caught:  # one line each: the long-text policy's truncation warning
                    print(f"warning: {w.message}", file=sys.stderr)
        rows = f" ({manifest['rows']} chunks)" if manifest["settings"]["long_text"].startswith("chunk") else ""
        print(f"{manifest['documents']} documents{rows} in {len(manifest['shards'])} shards, {manifest['width']}-d "
              f"{manifest['settings']['precision']}, in {args.out} ({time.perf_counter() - start:.1f} s)")
        if args.load_into:
            token = {"token": args.milvus_token} if args.milvus_token else {}
            rows = load_into_milvus(args.out, args.load_into, args.collection, domain=args.domain,
                                    progress=not args.no_progress, **token)
            print(f"{args.load_into} collection {args.collection!r}: {rows} rows")
    except (EmbedCorpusError, SettingsError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except EmbeddingError as exc:  # the server failed mid-run: finished shards are kept
        print(f"error: {exc} Rerun the same command to resume from the last finished shard.", file=sys.stderr)
        return 1
    except OSError as exc:  # a file that cannot be read or written: one line, not a traceback
        print(f"error: {exc.filename or ''}: {exc.strerror or exc}".replace(": : ", ": "), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
