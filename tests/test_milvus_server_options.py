"""What a Milvus *server* needs that Milvus Lite does not (issue 25, defect 8): Strong consistency on every
collection and read (a server's default, Bounded, can miss rows inserted a moment before; Lite is always
Strong, so the calls are recorded here), and a login token for ``embed_corpus --load-into``."""

from __future__ import annotations

import numpy as np
import pymilvus
import pytest

from utils.search import embed_corpus as ec
from utils.search.store import MilvusStore


@pytest.fixture
def recorded(monkeypatch):
    """Every MilvusClient call's keyword arguments, by method name (the client itself is Milvus Lite's)."""
    calls: dict[str, list[dict]] = {}
    real = pymilvus.MilvusClient

    class Recording(real):
        def __getattribute__(self, name):
            attr = super().__getattribute__(name)
            if name in ("create_collection", "search", "query", "get") and callable(attr):
                def wrapped(*args, **kwargs):
                    calls.setdefault(name, []).append(kwargs)
                    return attr(*args, **kwargs)
                return wrapped
            return attr

    monkeypatch.setattr(pymilvus, "MilvusClient", Recording)
    return calls


def test_collections_are_created_and_read_with_strong_consistency(recorded, tmp_path):
    x = np.eye(4, 8, dtype=np.float32)
    with MilvusStore(str(tmp_path / "lite.db"), "docs", dim=8) as store:
        store.upsert(["a", "b", "c", "d"], x, ["medical"] * 4, ["s"] * 4, ["t"] * 4)
        assert store.count() == 4  # right after the insert
        assert store.search(x[:1], k=1)[0][0].id == "a"
        assert set(store.get(["b"])) == {"b"}
    for method in ("create_collection", "search", "query", "get"):
        assert recorded.get(method), f"{method} was not called"
        levels = {kw.get("consistency_level") for kw in recorded[method]}
        assert levels == {"Strong"}, f"{method}: {levels}"


def test_load_into_takes_a_token_for_a_server_with_a_login(monkeypatch, tmp_path, capsys):
    seen = {}

    def fake_embed(data, out, base_urls, model, **kwargs):
        return {"documents": 1, "rows": 1, "shards": [{}], "width": 8,
                "settings": {"precision": "float32", "long_text": "truncate"}}

    def fake_load(out, uri, collection, **kwargs):
        seen.update(uri=uri, **kwargs)
        return 1

    monkeypatch.setattr(ec, "embed_corpus", fake_embed)
    monkeypatch.setattr(ec, "load_into_milvus", fake_load)
    monkeypatch.delenv("MILVUS_TOKEN", raising=False)
    args = ["--data", "c.jsonl", "--out", str(tmp_path / "o"), "--base-url", "http://127.0.0.1:9/v1", "--model", "m",
            "--load-into", "http://milvus:19530"]
    assert ec.main([*args, "--milvus-token", "root:Milvus"]) == 0
    assert seen["uri"] == "http://milvus:19530" and seen["token"] == "root:Milvus"
    seen.clear()
    monkeypatch.setenv("MILVUS_TOKEN", "from-env")
    assert ec.main(args) == 0 and seen["token"] == "from-env"
    assert "from-env" not in capsys.readouterr().out  # the token is never printed
