"""At scale (README): SGLang's data/tensor-parallel flags and MilvusStore's error for a server that does not answer."""

from __future__ import annotations

import socket
import time

import pytest

from utils.serving.launch import sglang_command


def test_sglang_single_gpu_command_unchanged():
    cmd = sglang_command("models/Qwen3-Embedding-0.6B")
    assert "--dp-size" not in cmd and "--tp-size" not in cmd


def test_sglang_data_parallel():
    cmd = sglang_command("models/Qwen3-Embedding-0.6B", dp_size=4)
    i = cmd.index("--dp-size")
    assert cmd[i + 1] == "4" and "--tp-size" not in cmd
    assert cmd[:3] == sglang_command("models/Qwen3-Embedding-0.6B")[:3] and "--is-embedding" in cmd


def test_sglang_tensor_and_data_parallel():
    cmd = sglang_command("models/Qwen3-Embedding-8B", dp_size=2, tp_size=2, extra_args=["--mem-fraction-static", "0.8"])
    assert cmd[cmd.index("--tp-size") + 1] == "2" and cmd[cmd.index("--dp-size") + 1] == "2"
    assert cmd[-2:] == ["--mem-fraction-static", "0.8"]  # extra arguments still come last


@pytest.mark.parametrize("bad", [0, -1, 1.5, "2", True])
def test_sglang_parallel_sizes_validated(bad):
    with pytest.raises(ValueError, match="dp_size must be a whole number"):
        sglang_command("m", dp_size=bad)
    with pytest.raises(ValueError, match="tp_size must be a whole number"):
        sglang_command("m", tp_size=bad)


def closed_port() -> int:
    """A loopback port nobody listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_milvus_server_uri_that_does_not_answer():
    from utils.search.store import MilvusStore, StoreUnreachableError

    uri = f"http://127.0.0.1:{closed_port()}"
    start = time.monotonic()
    with pytest.raises(StoreUnreachableError) as info:
        MilvusStore(uri, "docs", dim=8, connect_timeout=5)
    assert time.monotonic() - start < 30
    message = str(info.value)
    assert uri in message and "standalone_embed.sh" in message and "Milvus Lite" in message
    assert isinstance(info.value, ConnectionError)


def test_embed_corpus_load_into_unreachable_server_exits_2(tmp_path, capsys):
    import json

    from utils.search import embed_corpus as ec

    out = tmp_path / "out"
    out.mkdir()
    manifest = {"tool": ec.TOOL, "settings": {"model": "m", "dimensions": None, "precision": "float32",
                "instruction": None, "shard_size": 10}, "data_name": "c.jsonl", "complete": True,
                "shards": [], "width": 8, "documents": 0}
    (out / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(ec.EmbedCorpusError, match="no Milvus server answers"):
        ec.load_into_milvus(out, f"http://127.0.0.1:{closed_port()}", "docs", progress=False, connect_timeout=5)


def test_parallel_flags_parse_with_the_installed_sglang():
    """On the GPU environment: SGLang's own argument parser reads both sizes (skipped where sglang is absent)."""
    import argparse

    server_args = pytest.importorskip("sglang.srt.server_args")
    parser = argparse.ArgumentParser()
    server_args.ServerArgs.add_cli_args(parser)
    args = parser.parse_args(sglang_command("m", dp_size=2, tp_size=4)[3:])
    assert (args.dp_size, args.tp_size) == (2, 4)


def test_readme_at_scale_names_the_flags_the_command_uses():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    section = readme[readme.index("## At scale") :]
    section = section[: section.index("\n## ", 5)]
    cmd = sglang_command("m", dp_size=2, tp_size=2)
    for flag in ("--dp-size", "--tp-size"):
        assert flag in cmd and flag in section
    assert "make gpu-check" in section and "python -m utils.search.embed_corpus" in section
