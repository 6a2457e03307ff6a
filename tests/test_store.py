"""utils.search.store: Milvus Lite end to end on a temporary folder, the width check, a second process, sizing."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from utils.search.store import (
    MilvusStore,
    StoreInUseError,
    StoreOpenError,
    WidthMismatchError,
    disk_usage,
    index_in_use,
    lite_index_files,
    vectors_per_gib,
)


def unit_rows(n: int, dim: int, seed: int = 0) -> np.ndarray:
    v = np.random.default_rng(seed).normal(size=(n, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "test.db")


@pytest.fixture
def store(db):
    vecs = unit_rows(40, 16)
    s = MilvusStore(db, "docs", dim=16, model="toy")
    ids = [f"d{i}" for i in range(40)]
    s.insert(
        ids,
        vecs,
        ["a" if i % 2 else "b" for i in range(40)],
        ["src"] * 40,
        [f"text {i}" for i in range(40)],
        batch_size=7,
    )
    s.vecs = vecs  # the test keeps its own copy
    yield s
    s.close()


# ----------------------------------------------------------------------------- Milvus Lite
def test_insert_count_and_exact_top1(store):
    assert store.count() == 40
    hits = store.search(store.vecs[:3], k=5)
    assert [h[0].id for h in hits] == ["d0", "d1", "d2"]
    assert hits[0][0].score == pytest.approx(1.0, abs=1e-4)
    assert all(len(h) == 5 for h in hits)
    assert hits[1][0].text == "text 1" and hits[1][0].domain == "a" and hits[1][0].source == "src"
    info = store.index_info()
    assert info["index_type"] == "HNSW" and info["metric_type"] == "IP"


def test_index_actually_built_is_read_from_disk(store, db):
    # describe_index echoes the request; the segment files say what Milvus Lite built
    kinds = lite_index_files(store, wait_s=10)  # built in the background after the flush
    assert store.is_lite and sum(kinds.values()) >= 1
    assert set(kinds) <= {"hnsw", "brute_force", "flat"}
    line = index_in_use(store)
    assert "requested: HNSW" in line and any(k.upper() in line for k in kinds)
    # a FLAT request is reported as such (no HNSW file appears for it)
    with MilvusStore(db, "flat_docs", dim=16, index_type="FLAT", index_params={}) as flat:
        flat.insert(["x", "y"], unit_rows(2, 16, seed=3), ["a", "a"], ["s", "s"], ["t", "t"])
        assert "hnsw" not in lite_index_files(flat, wait_s=1)
        assert [h.id for h in flat.search(unit_rows(2, 16, seed=3)[:1], k=1)[0]] == ["x"]
    server_like = object.__new__(MilvusStore)
    server_like.uri = "http://localhost:19530"
    assert not server_like.is_lite and lite_index_files(server_like) == {}


def test_filtered_search_returns_only_that_domain(store):
    for dom in ("a", "b"):
        hits = store.search(store.vecs[0], k=10, domain=dom)[0]
        assert len(hits) == 10
        assert {h.domain for h in hits} == {dom}
    assert store.search(store.vecs[0], k=5, domain="nope")[0] == []
    with pytest.raises(ValueError, match="not allowed"):
        store.search(store.vecs[0], k=5, domain='a" or domain != "')


def test_upsert_and_delete(store):
    new = unit_rows(1, 16, seed=9)
    store.upsert(["d3"], new, ["a"], ["edited"], ["new text"])
    assert store.count() == 40
    got = store.get(["d3"], with_vectors=True)["d3"]
    assert got["text"] == "new text" and got["source"] == "edited"
    assert np.allclose(got["vector"], new[0], atol=1e-6)
    assert store.search(new, k=1)[0][0].id == "d3"
    store.delete(["d3", "d4"])
    assert store.count() == 38
    assert "d3" not in store.get(["d3", "d5"])
    assert all(h.id not in ("d3", "d4") for h in store.search(store.vecs[3:5], k=40)[0])


def test_reopen_finds_the_same_data(store, db):
    before = [[h.id for h in row] for row in store.search(store.vecs[:4], k=5, domain="a")]
    store.close()
    again = MilvusStore(db, "docs")  # width read from the collection
    try:
        assert again.dim == 16 and again.count() == 40
        after = [[h.id for h in row] for row in again.search(store.vecs[:4], k=5, domain="a")]
        assert after == before
    finally:
        again.close()
    assert disk_usage(db) > 40 * 16 * 4


def test_width_mismatch_is_a_clear_error(store, db):
    with pytest.raises(WidthMismatchError, match="16-d vectors but these are 8-d"):
        store.insert(["x"], unit_rows(1, 8), ["a"], ["s"], ["t"])
    with pytest.raises(WidthMismatchError, match="dimensions=16"):
        store.search(unit_rows(2, 12), k=3)
    with pytest.raises(WidthMismatchError, match="holds 16-d vectors, but 32-d"):
        MilvusStore(db, "docs", dim=32)
    with pytest.raises(ValueError, match="built with model 'toy'"):
        MilvusStore(db, "docs", dim=16, model="another")
    with pytest.raises(ValueError, match="pass dim="):
        MilvusStore(db, "missing")


def test_overwrite_and_bad_rows(store, db):
    with pytest.raises(ValueError, match="domains has 1 items"):
        store.insert(["x", "y"], unit_rows(2, 16), ["a"], ["s", "s"], ["t", "t"])
    fresh = MilvusStore(db, "docs", dim=8, overwrite=True)
    try:
        assert fresh.dim == 8 and fresh.count() == 0
    finally:
        fresh.close()




_HOLDER = """
import sys, time
from utils.search.store import MilvusStore
s = MilvusStore(sys.argv[1], "held", dim=4)
print("open", flush=True)
time.sleep(120)
"""


def test_second_process_on_the_same_lite_folder_is_a_clear_error(tmp_path):
    db = str(tmp_path / "held.db")
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, db], stdout=subprocess.PIPE, text=True, cwd=str(Path(__file__).parent.parent)
    )
    try:
        assert holder.stdout.readline().strip() == "open", "the holder process did not open the folder"
        t = time.perf_counter()
        with pytest.raises(StoreInUseError, match="in use by another process"):
            MilvusStore(db, "held", dim=4)
        assert time.perf_counter() - t < 60
    finally:
        holder.kill()
        holder.wait(timeout=30)
    with MilvusStore(db, "held", dim=4) as again:  # once the holder is gone, the folder opens
        assert again.count() == 0


def test_lite_client_pings_only_within_the_lite_servers_ping_policy(db, monkeypatch):
    """pymilvus pings every 10 s even when idle; Milvus Lite's in-process gRPC server allows one ping per
    5 minutes without data, so an idle client got GOAWAY too_many_pings and notebook 05's next collection
    failed to connect (seen at full size, where a client idles while another model embeds)."""
    import grpc

    seen, real = [], grpc.insecure_channel

    def spy(target, options=None, *args, **kwargs):
        seen.append(dict(options or []))
        return real(target, options, *args, **kwargs)

    monkeypatch.setattr(grpc, "insecure_channel", spy)
    with MilvusStore(db, "docs", dim=4):
        pass
    assert seen, "no gRPC channel was opened"
    for opts in seen:
        assert opts["grpc.keepalive_permit_without_calls"] == 0
        assert opts["grpc.keepalive_time_ms"] >= 300_000


def test_a_failure_in_the_process_that_holds_the_folder_is_not_blamed_on_another(db, monkeypatch):
    import pymilvus

    with MilvusStore(db, "docs", dim=4):  # this process now serves the folder and holds its LOCK
        def refuse(*args, **kwargs):
            raise RuntimeError("Fail connecting to server")

        monkeypatch.setattr(pymilvus, "MilvusClient", refuse)
        with pytest.raises(StoreOpenError, match="Fail connecting to server") as info:
            MilvusStore(db, "other", dim=4)
        assert not isinstance(info.value, StoreInUseError)


def test_sizing_arithmetic():
    assert vectors_per_gib(1024, "float32") == 2**30 // 4096 == 262144
    assert vectors_per_gib(1024, "int8") == 2**30 // 1024
    assert vectors_per_gib(1024, "binary") == 2**30 // 128
    assert vectors_per_gib(384, "float32", hnsw_m=16) == 2**30 // (384 * 4 + 128)
    with pytest.raises(ValueError, match="precision must be one of"):
        vectors_per_gib(64, "int3")


def test_unusable_lite_paths_are_one_line_naming_the_path_and_cause(tmp_path, readonly_dir, capfd):
    """Issue 26 item 4: a file at the path or a read-only folder said "Open local milvus failed", no path."""
    a_file = tmp_path / "notes.db"
    a_file.write_text("mine")
    cases = [
        (a_file, "it is a file"),
        (readonly_dir / "x.db", "is not writable"),
        (readonly_dir / "sub" / "x.db", "cannot create the folder"),
    ]
    for path, cause in cases:
        with pytest.raises(StoreOpenError) as info:
            MilvusStore(str(path), "docs", dim=4)
        message = str(info.value)
        assert f"Milvus Lite data at {path}" in message and cause in message and "\n" not in message, message
    assert a_file.read_text() == "mine" and list(readonly_dir.iterdir()) == []
    assert "Traceback" not in capfd.readouterr().err  # Milvus Lite never got to log one
