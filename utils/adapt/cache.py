"""Embeddings cached on disk, keyed by model and text, so a re-run (or one more lever) embeds nothing twice.

Part of ``python -m utils.adapt`` (notebook 09). One SQLite file (Python's standard library) holds a row per
(model key, SHA-256 of the text): the float32 vector. Every batch is committed as soon as it is embedded,
so Ctrl-C loses at most the batch in flight and the next run starts where this one stopped.

A model's key (:func:`model_key`) names what decides its vectors: for a local folder its resolved path,
``config.json`` and the size and time of its weight files, and the token limit in use; for a server its
URL and served name. Vectors of two models are never mixed.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

WEIGHT_SUFFIXES = (".safetensors", ".bin", ".pt", ".gguf")


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def model_key(model: str | Path | None, max_tokens: int | None = None, base_url: str | None = None,
              served_name: str | None = None) -> str:
    """A short id for "these vectors": a local model folder (with its token limit) or a served model."""
    h = hashlib.sha256()
    if base_url:
        h.update(f"server|{base_url.rstrip('/')}|{served_name}|{max_tokens}".encode())
    else:
        folder = Path(str(model)).resolve()
        h.update(f"folder|{folder}|{max_tokens}".encode())
        for p in sorted(folder.rglob("*")):
            if p.name == "config.json" or p.name == "sentence_bert_config.json":
                h.update(p.read_bytes())
            elif p.suffix in WEIGHT_SUFFIXES:
                st = p.stat()
                h.update(f"{p.relative_to(folder)}|{st.st_size}|{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


class EmbeddingCache:
    """``(model key, text) -> float32 vector`` in one SQLite file; also the measured throughput per model."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(self.path))
        self.db.execute("CREATE TABLE IF NOT EXISTS vectors (model TEXT, key TEXT, vec BLOB, PRIMARY KEY (model, key))")
        self.db.execute("CREATE TABLE IF NOT EXISTS speed (model TEXT PRIMARY KEY, tokens REAL, seconds REAL)")
        self.db.commit()

    def close(self) -> None:
        self.db.close()

    def get(self, model: str, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """The cached vectors of ``texts`` for ``model``, by text key (missing ones absent)."""
        keys = list(dict.fromkeys(text_key(t) for t in texts))
        out: dict[str, np.ndarray] = {}
        for i in range(0, len(keys), 500):
            part = keys[i:i + 500]
            rows = self.db.execute(
                f"SELECT key, vec FROM vectors WHERE model = ? AND key IN ({','.join('?' * len(part))})",
                [model, *part],
            )
            out.update({k: np.frombuffer(v, dtype=np.float32) for k, v in rows})
        return out

    def put(self, model: str, texts: Sequence[str], vecs: np.ndarray) -> None:
        rows = [(model, text_key(t), np.asarray(v, dtype=np.float32).tobytes()) for t, v in zip(texts, vecs, strict=True)]
        self.db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)", rows)
        self.db.commit()

    def add_speed(self, model: str, tokens: float, seconds: float) -> None:
        """Add one measured stretch of embedding (``tokens`` in ``seconds``) to the model's record."""
        self.db.execute(
            "INSERT INTO speed VALUES (?, ?, ?) ON CONFLICT(model) DO UPDATE SET "
            "tokens = tokens + excluded.tokens, seconds = seconds + excluded.seconds",
            (model, float(tokens), float(seconds)),
        )
        self.db.commit()

    def tokens_per_second(self, model: str) -> float | None:
        """The model's embedding throughput measured so far (any run), or ``None`` if never measured."""
        row = self.db.execute("SELECT tokens, seconds FROM speed WHERE model = ?", (model,)).fetchone()
        return row[0] / row[1] if row and row[1] > 0 else None


class CachedEmbedder:
    """``embed(texts) -> vectors`` through an :class:`EmbeddingCache`: only texts it has not seen are embedded.

    ``encode`` embeds a list of texts (an in-process encoder or a server client); ``count_tokens`` (optional)
    counts what the model reads of each text, for the throughput record. The missing texts go in batches of
    ``batch_size`` with a progress bar named ``desc``; each batch is committed at once (resumable).
    """

    def __init__(self, encode: Callable[[list[str]], np.ndarray], cache: EmbeddingCache, key: str,
                 count_tokens: Callable[[list[str]], list[int]] | None = None, batch_size: int = 64,
                 progress: bool = True) -> None:
        self.encode, self.cache, self.key = encode, cache, key
        self.count_tokens, self.batch_size, self.progress = count_tokens, batch_size, progress
        self.computed = 0  # texts embedded (not found in the cache) by this object
        self.reused = 0

    def __call__(self, texts: Sequence[str], desc: str = "embedding") -> np.ndarray:
        texts = list(texts)
        found = self.cache.get(self.key, texts)
        todo = [t for t in dict.fromkeys(texts) if text_key(t) not in found]
        self.reused += len(texts) - sum(1 for t in texts if text_key(t) not in found)
        if todo:
            todo.sort(key=len)  # similar lengths batch together: less padding
            starts = range(0, len(todo), self.batch_size)
            bar = None
            if self.progress:
                from tqdm.auto import tqdm

                bar = tqdm(total=len(todo), desc=f"{desc} ({len(todo)} new, {len(texts) - len(todo)} cached)",
                           unit="text", leave=True)
            for s in starts:
                batch = todo[s:s + self.batch_size]
                t0 = time.perf_counter()
                vecs = np.asarray(self.encode(batch), dtype=np.float32)
                seconds = time.perf_counter() - t0
                if len(vecs) != len(batch):
                    raise ValueError(f"the encoder returned {len(vecs)} vectors for {len(batch)} texts")
                self.cache.put(self.key, batch, vecs)
                tokens = sum(self.count_tokens(batch)) if self.count_tokens else len(batch)
                self.cache.add_speed(self.key, tokens, seconds)
                found.update({text_key(t): v for t, v in zip(batch, vecs, strict=True)})
                self.computed += len(batch)
                if bar is not None:
                    bar.update(len(batch))
            if bar is not None:
                bar.close()
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([found[text_key(t)] for t in texts])


def write_json(path: str | Path, data: object) -> None:
    """Write JSON through a temporary sibling, so an interrupted run never leaves half a file."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)
