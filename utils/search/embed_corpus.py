"""Embed a large BEIR corpus through OpenAI-compatible servers into Parquet shards, resumably.

The "At scale" section of the README introduces it (it scales notebook 01's client and notebook
05's indexing step). ``python -m utils.search.embed_corpus --data corpus.jsonl --out DIR`` streams the
corpus in batches to one or several servers (``--base-url`` repeated: replicas, used round-robin;
or one URL for SGLang with ``--dp-size`` or its router), with at most ``--concurrency`` requests in
flight, and writes ``DIR/shard-00000.parquet`` ... (columns ``id``, ``text``, ``vector``) plus
``DIR/manifest.json`` (model, width, precision, instruction, and each finished shard with its row
count, first/last id and SHA-256).

A shard is finished only once it is written to a temporary file and renamed into place, and the
manifest (also written by temp file + rename) lists it; a rerun of the same command after a crash
skips finished shards and re-embeds only the rest, so every id ends up exactly once.
``--load-into URI`` then loads the shards into Milvus in batches (:func:`load_into_milvus`).

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
import sys
import time
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

    The embedded text is ``"{title}. {text}"`` (as :class:`utils.data.beir.Document` builds it). Blank
    lines are skipped; a malformed line, a missing ``_id``/``text``, an empty document or a repeated
    id raise :class:`EmbedCorpusError` naming ``file:line``.
    """
    from utils.data.beir import DataFormatError, read_lines

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
            full = f"{title}. {text}" if title else text
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
    with tmp.open("w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def shard_name(index: int) -> str:
    return f"shard-{index:05d}.parquet"


def write_shard(path: Path, ids: list[str], texts: list[str], vectors: np.ndarray) -> None:
    """Write one shard atomically: a temporary file in the same folder, fsync, then rename."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    width = vectors.shape[1]
    flat = pa.array(vectors.reshape(-1))
    table = pa.table(
        {
            "id": pa.array(ids, pa.string()),
            "text": pa.array(texts, pa.string()),
            "vector": pa.FixedSizeListArray.from_arrays(flat, width),
        }
    )
    tmp = path.with_name(f".{path.name}.tmp")
    pq.write_table(table, tmp)
    with tmp.open("rb") as f:
        os.fsync(f.fileno())
    os.replace(tmp, path)


def read_shard(path: str | Path) -> tuple[list[str], list[str], np.ndarray]:
    """``(ids, texts, vectors)`` of one shard; vectors keep the stored dtype."""
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    col = table.column("vector").combine_chunks()
    width = col.type.list_size
    vectors = col.flatten().to_numpy(zero_copy_only=False).reshape(-1, width)
    return table.column("id").to_pylist(), table.column("text").to_pylist(), vectors


# ------------------------------------------------------------------ manifest and output folder
def _settings(model: str, dimensions: int | None, precision: str, instruction: str | None, shard_size: int) -> dict:
    return {
        "model": model,
        "dimensions": dimensions,
        "precision": precision,
        "instruction": instruction,
        "shard_size": shard_size,
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


def prepare_out(out: Path, data: Path, settings: dict) -> dict[str, Any]:
    """Open (or start) the output folder; refuse one that holds anything this tool did not write.

    Returns the manifest; its ``shards`` are the finished shards a rerun keeps (each checked against
    its checksum). A folder from a run with other settings is refused rather than mixed.
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
        if manifest.get("settings") != settings:
            raise EmbedCorpusError(
                f"{out / MANIFEST} was written with {manifest.get('settings')}, not {settings}; "
                "rerun with the same options to resume, or pass a new --out."
            )
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
        return manifest
    out.mkdir(parents=True, exist_ok=True)
    manifest = {"tool": TOOL, "settings": settings, "data_name": data.name, "complete": False, "shards": []}
    _atomic_write_text(out / MANIFEST, json.dumps(manifest, indent=1))
    return manifest


# ------------------------------------------------------------------ embedding
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
        sem = asyncio.Semaphore(self.concurrency)

        async def one(batch: list[str]) -> np.ndarray:
            client = self.clients[self._next % len(self.clients)]
            self._next += 1
            async with sem:
                return await client.aembed(batch, dimensions=dimensions, batch_size=len(batch), max_concurrency=1)

        parts = [texts[s : s + batch_size] for s in range(0, len(texts), batch_size)]
        return np.concatenate(await asyncio.gather(*(one(p) for p in parts)))

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
) -> dict[str, Any]:
    """Embed ``data`` into shards under ``out`` (resuming a previous run there); returns the manifest.

    ``instruction`` is applied to documents in Qwen3's query format (for symmetric tasks such as
    clustering; retrieval documents get none, so the default is ``None``).
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
    settings = _settings(model, dimensions, precision, instruction, shard_size)
    pool = _Pool(base_urls, model, api_key, concurrency, timeout)
    try:
        width = pool.probe(dimensions)  # before anything is written: an unreachable server leaves no trace
        manifest = prepare_out(out, data, settings)
        return asyncio.run(_run(data, out, manifest, pool, width, batch_size, progress))
    finally:
        for c in pool.clients:
            c.close()


async def _run(data: Path, out: Path, manifest: dict, pool: _Pool, width: int, batch_size: int,
               progress: bool) -> dict:
    from tqdm import tqdm

    from utils.serving.qwen3 import format_query

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
                sh = done[index]
                if (chunk[0].id, chunk[-1].id, len(chunk)) != (sh["first_id"], sh["last_id"], sh["count"]):
                    raise EmbedCorpusError(
                        f"{data} changed since shard {index} was written (ids at lines {chunk[0].line}-"
                        f"{chunk[-1].line} differ); pass a new --out."
                    )
                bar.update(len(chunk))
                bar.total = max(bar.total, bar.n)
                continue
            texts = [d.text for d in chunk]
            sent = [format_query(t, s["instruction"]) for t in texts] if s["instruction"] else texts
            vectors = await pool.embed(sent, batch_size, s["dimensions"])
            path = out / shard_name(index)
            write_shard(path, [d.id for d in chunk], texts, encode_precision(vectors, s["precision"]))
            manifest["shards"].append(
                {"index": index, "file": path.name, "count": len(chunk), "first_id": chunk[0].id,
                 "last_id": chunk[-1].id, "sha256": _sha256(path)}
            )
            manifest["shards"].sort(key=lambda sh: sh["index"])
            _atomic_write_text(out / MANIFEST, json.dumps(manifest, indent=1))
            bar.update(len(chunk))
        bar.close()
        manifest["complete"] = True
        manifest["documents"] = sum(sh["count"] for sh in manifest["shards"])
        _atomic_write_text(out / MANIFEST, json.dumps(manifest, indent=1))
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
    p = argparse.ArgumentParser(prog="python -m utils.search.embed_corpus", description=__doc__.split("\n\n")[0])
    p.add_argument("--data", required=True, help="BEIR corpus.jsonl")
    p.add_argument("--out", required=True, help="output folder (new, empty, or a previous run's to resume)")
    p.add_argument("--base-url", action="append", dest="base_urls",
                   help="OpenAI-compatible base URL, e.g. http://127.0.0.1:30000/v1; repeat for replicas "
                        "(default: EMB_BASE_URL or the course settings)")
    p.add_argument("--model", help="served model name (default: the course settings' model name)")
    p.add_argument("--api-key", default=os.environ.get("EMB_API_KEY"))
    p.add_argument("--dimensions", type=int, help="Matryoshka width to ask the server for")
    p.add_argument("--precision", choices=PRECISIONS, default="float32")
    p.add_argument("--instruction", help="task instruction applied to documents (symmetric tasks only)")
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


def main(argv: Sequence[str] | None = None) -> int:
    from utils.serving.client import EmbeddingError

    args = _parser().parse_args(argv)
    base_urls, model = args.base_urls, args.model
    if not base_urls or not model:
        from utils.serving.settings import get_settings

        st = get_settings()
        base_urls = base_urls or [st.base_url]
        model = model or st.model_name
    start = time.perf_counter()
    try:
        manifest = embed_corpus(
            args.data, args.out, base_urls, model, api_key=args.api_key, dimensions=args.dimensions,
            precision=args.precision, instruction=args.instruction, batch_size=args.batch_size,
            concurrency=args.concurrency, shard_size=args.shard_size, timeout=args.timeout,
            progress=not args.no_progress,
        )
        print(f"{manifest['documents']} documents in {len(manifest['shards'])} shards, {manifest['width']}-d "
              f"{manifest['settings']['precision']}, in {args.out} ({time.perf_counter() - start:.1f} s)")
        if args.load_into:
            token = {"token": args.milvus_token} if args.milvus_token else {}
            rows = load_into_milvus(args.out, args.load_into, args.collection, domain=args.domain,
                                    progress=not args.no_progress, **token)
            print(f"{args.load_into} collection {args.collection!r}: {rows} rows")
    except EmbedCorpusError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except EmbeddingError as exc:  # the server failed mid-run: finished shards are kept
        print(f"error: {exc} Rerun the same command to resume from the last finished shard.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
