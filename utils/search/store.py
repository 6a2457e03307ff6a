"""A Milvus collection for retrieval: schema, batched writes, filtered search, reopen, the width check.

Introduced in notebook 05_production_pipeline.

:class:`MilvusStore` wraps ``pymilvus.MilvusClient`` for one collection: a schema with the vector width
and metadata (``domain``, ``source``, ``text``), batched inserts with a progress bar, an HNSW index
request, filtered search, upsert, delete, reopen. The same code runs on Milvus Lite (a local
``something.db`` path) and on a Milvus server (``http://host:19530``). It refuses vectors of the wrong
width with :class:`WidthMismatchError` before Milvus sees them, and a Milvus Lite folder that another
process holds open with :class:`StoreInUseError`.

Diagnostics (clearly separate, since they read Milvus Lite's *private* file layout, which may change
between versions): :func:`lite_index_files` and :func:`index_in_use` say which vector index a Milvus
Lite folder really holds, because ``describe_index`` only echoes the request.

:func:`vectors_per_gib` and :func:`disk_usage` are the sizing arithmetic of the notebook's scaling notes.
Nothing here starts processes or does work at import time.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from utils.search.index import bytes_per_vector

#: Metadata values used in filter expressions must match this (no quotes, no operators).
#: Every collection is created with, and every read asks for, Strong consistency: a count or search right
#: after an insert sees it. A Milvus server's default (pymilvus: Bounded) can miss rows written a moment ago;
#: Milvus Lite is always Strong, so there it changes nothing.
CONSISTENCY = "Strong"

#: gRPC channel options for Milvus Lite. pymilvus pings its server every 10 s, even with no call in flight
#: (``grpc.keepalive_permit_without_calls``); Milvus Lite 3.x serves gRPC in this process with gRPC's
#: default ping policy (at most one ping per 5 minutes without data, two strikes), so a client left idle for
#: a minute or two (notebook 05 while another model embeds a corpus) gets ``GOAWAY too_many_pings`` and its
#: next connection fails with "Fail connecting to server". Pinging only while a call is in flight, and at
#: most every 5 minutes, keeps to the server's policy. A Milvus server is left with pymilvus' defaults.
LITE_GRPC_OPTIONS: dict[str, int] = {
    "grpc.keepalive_time_ms": 300_000,
    "grpc.keepalive_permit_without_calls": 0,
}

_SAFE_VALUE = re.compile(r"^[\w.\-/ ]{1,256}$")


class WidthMismatchError(ValueError):
    """Vectors of one width were sent to a collection built for another."""


class StoreUnreachableError(ConnectionError):
    """No Milvus server answers at an ``http(s)://`` URI (README, "Milvus beyond Lite")."""


class StoreInUseError(RuntimeError):
    """The Milvus Lite folder is held open by another process (Milvus Lite allows one process per folder)."""


class StoreOpenError(OSError):
    """A Milvus Lite path cannot be opened or created (a file is there, or the folder is not writable)."""


def _check_lite_path(uri: str) -> None:
    """Raise :class:`StoreOpenError` naming the path and the cause when Milvus Lite could not use ``uri``.

    Milvus Lite keeps its data in a folder at that path; on a file there or a folder it cannot write it
    logs a traceback and says only "Open local milvus failed", with no path.
    """
    path = Path(uri)
    fix = "pass a path in a folder you can write to (e.g. runs/milvus/course.db)."
    if path.exists() and not path.is_dir():
        raise StoreOpenError(
            f"cannot open Milvus Lite data at {uri}: it is a file, but Milvus Lite keeps its data in a folder "
            f"there; {fix}"
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreOpenError(f"cannot create the folder for Milvus Lite data at {uri}: {exc.strerror or exc} "
                             f"({exc.filename or path.parent}); {fix}") from exc
    target = path if path.exists() else path.parent
    if not os.access(target, os.W_OK | os.X_OK):
        raise StoreOpenError(
            f"cannot open Milvus Lite data at {uri}: {target} is not writable (permission denied or a "
            f"read-only file system); {fix}"
        )


@dataclass(frozen=True)
class Hit:
    """One search result: the document id, the score of the last stage that ranked it, and its metadata."""

    id: str
    score: float
    domain: str = ""
    source: str = ""
    text: str = ""


# --------------------------------------------------------------------------- vector store
def _filter_for(domain: str | None, extra: str | None = None) -> str:
    parts = []
    if domain is not None:
        if not _SAFE_VALUE.match(domain):
            raise ValueError(f"domain {domain!r} has characters that are not allowed in a filter value")
        parts.append(f"domain == {json.dumps(domain)}")
    if extra:
        parts.append(f"({extra})")
    return " and ".join(parts)


def disk_usage(path: str | Path) -> int:
    """Bytes used by a file or a folder (Milvus Lite keeps its ``.db`` as a folder of files)."""
    p = Path(path)
    if p.is_file():
        return p.stat().st_size
    return sum(f.stat().st_size for f in p.rglob("*") if f.is_file())


class MilvusStore:
    """One Milvus collection of L2-normalised vectors with ``domain``, ``source`` and ``text`` metadata.

    Introduced in notebook 05_production_pipeline.

    >>> store = MilvusStore("runs/milvus/course.db", "docs", dim=384)       # Milvus Lite: a local path
    >>> store = MilvusStore("http://localhost:19530", "docs", dim=384)      # a Milvus server: same code

    Opening an existing collection checks its width against ``dim`` (:class:`WidthMismatchError`) and
    loads it (a reopened collection must be loaded before it can be searched). ``overwrite=True``
    drops and recreates it. The metric is inner product, which is cosine for normalised vectors.
    """

    def __init__(
        self,
        uri: str | Path,
        collection: str,
        dim: int | None = None,
        *,
        model: str | None = None,
        overwrite: bool = False,
        index_type: str = "HNSW",
        index_params: Mapping[str, Any] | None = None,
        search_params: Mapping[str, Any] | None = None,
        max_text_length: int = 16384,
        token: str = "",
        connect_timeout: float | None = None,
    ) -> None:
        from pymilvus import MilvusClient

        self.uri = str(uri)
        if self.uri.endswith(".db") and self.is_lite:
            _check_lite_path(self.uri)  # one line naming the path, before Milvus Lite logs a traceback
        self.collection = collection
        try:
            kwargs: dict[str, Any] = {"timeout": connect_timeout} if connect_timeout else {}  # wait for a server
            if self.is_lite:
                kwargs["grpc_options"] = dict(LITE_GRPC_OPTIONS)
            self.client = MilvusClient(self.uri, token=token, **kwargs)
        except Exception as exc:  # pymilvus reports a locked Lite folder only as a connection failure
            if self.is_lite and _lite_locked(self.uri) and not _lite_open_here(self.uri):
                raise StoreInUseError(
                    f"the Milvus Lite data at {self.uri} is in use by another process (it holds {self.uri}/LOCK; "
                    "Milvus Lite allows one process per folder). Stop the other process (another notebook kernel?), "
                    "use another path, or run a Milvus server for several processes."
                ) from exc
            if self.uri.startswith(("http://", "https://")):
                raise StoreUnreachableError(
                    f"no Milvus server answers at {self.uri} ({getattr(exc, 'message', exc)}). Start one "
                    "(README, 'Milvus beyond Lite': `bash standalone_embed.sh start` serves http://localhost:19530), "
                    "fix the URI and token, or pass a local path such as runs/milvus/course.db for Milvus Lite."
                ) from exc
            if self.uri.endswith(".db") and self.is_lite:
                raise StoreOpenError(
                    f"cannot open Milvus Lite data at {self.uri}: {getattr(exc, 'message', exc)}"
                ) from exc
            raise
        self.search_params = dict(search_params or {"params": {"ef": 128}})
        if overwrite and self.client.has_collection(collection):
            self.client.drop_collection(collection)
        if self.client.has_collection(collection):
            stored = self._stored_dim()
            if dim is not None and stored != dim:
                raise WidthMismatchError(
                    f"collection {collection!r} at {self.uri} holds {stored}-d vectors, but {dim}-d was asked for. "
                    f"Vectors of different widths (or from different models) cannot be compared: embed at "
                    f"dimensions={stored}, or rebuild the collection for {dim}-d (overwrite=True)."
                )
            stored_model = self._properties().get("embedding_model")
            if model and stored_model and stored_model != model:
                raise ValueError(
                    f"collection {collection!r} was built with model {stored_model!r}, not {model!r}; "
                    "query vectors must come from the model that embedded the documents."
                )
            self.dim = stored
            self.client.load_collection(collection)
        else:
            if dim is None:
                raise ValueError(
                    f"collection {collection!r} does not exist at {self.uri}; pass dim= to create it."
                )
            self.dim = int(dim)
            self._create(
                model, index_type, dict(index_params or {"M": 16, "efConstruction": 200}), max_text_length
            )

    # ------------------------------------------------------------ schema and index
    def _create(
        self, model: str | None, index_type: str, index_params: dict[str, Any], max_text_length: int
    ) -> None:
        from pymilvus import DataType, MilvusClient

        schema = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False)
        schema.add_field("id", DataType.VARCHAR, is_primary=True, max_length=256)
        schema.add_field("vector", DataType.FLOAT_VECTOR, dim=self.dim)
        schema.add_field("domain", DataType.VARCHAR, max_length=64)
        schema.add_field("source", DataType.VARCHAR, max_length=512)
        schema.add_field("text", DataType.VARCHAR, max_length=max_text_length)
        index = self.client.prepare_index_params()
        index.add_index(field_name="vector", index_type=index_type, metric_type="IP", params=index_params)
        props = {"embedding_model": model} if model else {}
        self.client.create_collection(
            self.collection, schema=schema, index_params=index, properties=props, consistency_level=CONSISTENCY
        )

    def _describe(self) -> dict[str, Any]:
        return self.client.describe_collection(self.collection)

    def _stored_dim(self) -> int:
        for f in self._describe()["fields"]:
            if f["name"] == "vector":
                return int(f["params"]["dim"])
        raise ValueError(
            f"collection {self.collection!r} has no 'vector' field; it was not built by MilvusStore."
        )

    def _properties(self) -> dict[str, Any]:
        return dict(self._describe().get("properties") or {})

    def index_info(self) -> dict[str, Any]:
        """The vector index as Milvus describes it (type, metric, rows indexed): what was *requested*."""
        return dict(self.client.describe_index(self.collection, "vector"))

    @property
    def is_lite(self) -> bool:
        """True for Milvus Lite (a local path), False for a server URI (``http://``, ``https://``, ``tcp://``)."""
        return "://" not in self.uri

    # ------------------------------------------------------------ writes
    def _check(self, vectors: np.ndarray | Sequence[Sequence[float]]) -> np.ndarray:
        v = np.asarray(vectors, dtype=np.float32)
        if v.ndim == 1:
            v = v[None, :]
        if v.ndim != 2:
            raise ValueError(f"expected a 2-D array of vectors, got shape {v.shape}")
        if v.shape[1] != self.dim:
            raise WidthMismatchError(
                f"collection {self.collection!r} holds {self.dim}-d vectors but these are {v.shape[1]}-d. "
                f"Embed with the collection's model at dimensions={self.dim} (Matryoshka truncation), "
                "or build a new collection for the new width."
            )
        return v

    def _rows(self, ids, vectors, domains, sources, texts) -> list[dict[str, Any]]:
        v = self._check(vectors)
        n = len(ids)
        cols = {"domains": domains, "sources": sources, "texts": texts}
        for name, col in cols.items():
            if len(col) != n:
                raise ValueError(f"{name} has {len(col)} items but ids has {n}")
        if v.shape[0] != n:
            raise ValueError(f"{v.shape[0]} vectors for {n} ids")
        return [
            {"id": str(i), "vector": v[j].tolist(), "domain": str(d), "source": str(s), "text": str(t)}
            for j, (i, d, s, t) in enumerate(zip(ids, domains, sources, texts, strict=True))
        ]

    def _write(self, op: str, rows: list[dict[str, Any]], batch_size: int, progress: bool) -> int:
        starts: Iterable[int] = range(0, len(rows), batch_size)
        if progress:
            from tqdm import tqdm  # plain text bars: a notebook widget would be saved frozen at 0%

            starts = tqdm(
                starts,
                total=(len(rows) + batch_size - 1) // batch_size,
                desc=f"{op} {self.collection}",
                unit="batch",
            )
        fn = getattr(self.client, op)
        for s in starts:
            fn(self.collection, rows[s : s + batch_size])
        # Seal and index what was written: before a flush, Milvus Lite searches new rows by brute force.
        self.client.flush(self.collection)
        return len(rows)

    def insert(
        self, ids, vectors, domains, sources, texts, batch_size: int = 256, progress: bool = False
    ) -> int:
        """Insert rows in batches (a progress bar with ``progress=True``), then flush. Returns the row count."""
        return self._write("insert", self._rows(ids, vectors, domains, sources, texts), batch_size, progress)

    def upsert(
        self, ids, vectors, domains, sources, texts, batch_size: int = 256, progress: bool = False
    ) -> int:
        """Insert rows, replacing any with the same id (an edited document keeps its id)."""
        return self._write("upsert", self._rows(ids, vectors, domains, sources, texts), batch_size, progress)

    def delete(self, ids: Sequence[str]) -> None:
        """Delete rows by id, then flush."""
        self.client.delete(self.collection, ids=[str(i) for i in ids])
        self.client.flush(self.collection)

    # ------------------------------------------------------------ reads
    def count(self) -> int:
        """Rows in the collection (``count(*)``, which accounts for deletions)."""
        res = self.client.query(self.collection, filter="", output_fields=["count(*)"], consistency_level=CONSISTENCY)
        return int(res[0]["count(*)"])

    def search(
        self,
        query_vectors: np.ndarray,
        k: int = 10,
        domain: str | None = None,
        filter: str | None = None,
        with_text: bool = True,
    ) -> list[list[Hit]]:
        """Top ``k`` rows per query vector by inner product, optionally only those of ``domain``."""
        q = self._check(query_vectors)
        fields = ["domain", "source"] + (["text"] if with_text else [])
        res = self.client.search(
            self.collection,
            data=q.tolist(),
            anns_field="vector",
            limit=int(k),
            filter=_filter_for(domain, filter),
            output_fields=fields,
            search_params=self.search_params,
            consistency_level=CONSISTENCY,
        )
        return [
            [
                Hit(
                    str(h["id"]),
                    float(h["distance"]),
                    h["entity"].get("domain", ""),
                    h["entity"].get("source", ""),
                    h["entity"].get("text", ""),
                )
                for h in row
            ]
            for row in res
        ]

    def get(self, ids: Sequence[str], with_vectors: bool = False) -> dict[str, dict[str, Any]]:
        """Rows by id: ``{id: {"domain", "source", "text"[, "vector"]}}`` (missing ids are absent)."""
        if not ids:
            return {}
        fields = ["domain", "source", "text"] + (["vector"] if with_vectors else [])
        rows = self.client.get(
            self.collection, ids=[str(i) for i in ids], output_fields=fields, consistency_level=CONSISTENCY
        )
        out = {}
        for r in rows:
            r = dict(r)
            if with_vectors:
                r["vector"] = np.asarray(r["vector"], dtype=np.float32)
            out[str(r.pop("id"))] = r
        return out

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> MilvusStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"MilvusStore({self.uri!r}, {self.collection!r}, dim={self.dim})"


# --------------------------------------------------------------------------- diagnostics (Milvus Lite internals)
def _lite_open_here(uri: str) -> bool:
    """True when this process itself serves the Milvus Lite folder (milvus-lite 3.x's server manager), so its
    ``LOCK`` is held by us and a failure to connect is not "another process"."""
    try:
        from milvus_lite.server_manager import server_manager_instance
    except ImportError:
        return False
    return os.path.abspath(uri) in getattr(server_manager_instance, "_servers", {})


def _lite_locked(uri: str) -> bool:
    """True when another process holds the Milvus Lite folder's ``LOCK`` file (milvus-lite 3.x: ``flock``)."""
    lock = Path(uri) / "LOCK"
    if not lock.is_file():
        return False
    try:
        import fcntl
    except ImportError:  # Windows: milvus-lite uses msvcrt there; do not guess
        return False
    with open(lock, "a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return True
        fcntl.flock(fh, fcntl.LOCK_UN)
    return False


def lite_index_files(store: MilvusStore, wait_s: float = 0.0) -> dict[str, int]:
    """DIAGNOSTIC, Milvus Lite only: the vector-index files the collection's segments hold, by kind.

    Introduced in notebook 05_production_pipeline to check which index Milvus Lite *built*, not just which
    one was asked for (``describe_index`` echoes the request). It reads milvus-lite 3.x's private file
    layout, which is not an API and may change: one ``<segment>.vector.<kind>.idx`` per flushed segment
    (``hnsw`` when FAISS built an HNSW graph, ``brute_force`` or ``flat`` for exact search), built in a
    background thread after each flush (until then that segment is searched exactly), so ``wait_s`` polls
    that long for a file to appear. Returns ``{kind: files}``; empty for a server, an older Milvus Lite
    that keeps its data elsewhere, or nothing flushed and indexed yet.
    """
    if not store.is_lite:
        return {}
    root = Path(store.uri) / "collections" / store.collection
    deadline = time.monotonic() + wait_s
    while True:
        kinds: dict[str, int] = {}
        for f in sorted(root.rglob("*.vector.*.idx")) if root.is_dir() else []:
            kind = f.name[: -len(".idx")].rsplit(".", 1)[-1]
            kinds[kind] = kinds.get(kind, 0) + 1
        if kinds or time.monotonic() >= deadline:
            return kinds
        time.sleep(0.1)


def index_in_use(store: MilvusStore, wait_s: float = 10.0) -> str:
    """DIAGNOSTIC: a one-line answer to "which vector index does a search here use?" (notebook 05).

    For Milvus Lite, read from its segment files by :func:`lite_index_files` (rows not yet flushed are
    always searched exactly); for a server, the index ``describe_index`` reports, which the server builds.
    """
    asked = store.index_info().get("index_type", "?")
    if not store.is_lite:
        return f"{asked} (Milvus server: it builds the requested index)"
    kinds = lite_index_files(store, wait_s=wait_s)
    if not kinds:
        return f"no index files found: exact (FLAT) search, although {asked} was requested"
    built = ", ".join(f"{k.upper()} x {n} segment(s)" for k, n in kinds.items())
    return f"{built} on disk (requested: {asked})"


# --------------------------------------------------------------------------- sizing arithmetic
def vectors_per_gib(dim: int, precision: str = "float32", hnsw_m: int | None = None) -> int:
    """How many vectors fit in one GiB (2**30 bytes) at ``dim`` and ``precision``.

    Introduced in notebook 05_production_pipeline. Raw sizes come from
    :func:`utils.search.index.bytes_per_vector` (notebook 03); with ``hnsw_m``, each vector also pays for its
    HNSW level-0 links, ``2 * M`` 4-byte ids, as in the FAISS wiki's memory formula for
    ``IndexHNSWFlat`` (``d * 4 + M * 2 * 4`` bytes per vector).
    """
    per_vector = bytes_per_vector(dim, precision) + (2 * hnsw_m * 4 if hnsw_m else 0)
    return int(2**30 // per_vector)
