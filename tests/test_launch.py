import json
import sys

import pytest

from utils.launch import (
    ManagedServer,
    ServerStartError,
    cpu_server_command,
    free_port,
    server_for,
    sglang_command,
)
from utils.settings import get_settings


def test_sglang_command_has_the_right_flags():
    cmd = sglang_command("models/Qwen3-Embedding-0.6B", port=30001, served_model_name="q", api_key="k")
    assert cmd[1:3] == ["-m", "sglang.launch_server"]
    assert "--is-embedding" in cmd and "--enable-openai-compatibility" not in cmd
    assert cmd[cmd.index("--dtype") + 1] == "bfloat16"
    assert cmd[cmd.index("--host") + 1] == "127.0.0.1"
    assert json.loads(cmd[cmd.index("--json-model-override-args") + 1]) == {"is_matryoshka": True}
    assert cmd[cmd.index("--api-key") + 1] == "k" and cmd[cmd.index("--port") + 1] == "30001"


def test_cpu_command_binds_loopback():
    cmd = cpu_server_command(None, port=1234)
    assert cmd[:3] == [sys.executable, "-m", "utils.server"]
    assert cmd[cmd.index("--host") + 1] == "127.0.0.1"


def test_dead_server_error_quotes_the_log(tmp_path):
    cmd = [sys.executable, "-c", "import sys; print('boom: model folder missing'); sys.exit(3)"]
    server = ManagedServer(cmd, f"http://127.0.0.1:{free_port()}/v1", log_path=tmp_path / "s.log")
    with pytest.raises(ServerStartError, match="boom: model folder missing") as info:
        server.start(timeout=20)
    assert "exited with code 3" in str(info.value)


def test_never_healthy_times_out_and_stops(tmp_path):
    cmd = [sys.executable, "-c", "import time; print('stuck'); time.sleep(60)"]
    server = ManagedServer(cmd, f"http://127.0.0.1:{free_port()}/v1", log_path=tmp_path / "s.log")
    with pytest.raises(ServerStartError, match="did not answer"):
        server.start(timeout=2)
    assert not server.running


def test_cpu_server_starts_and_stops(tmp_path):
    s = get_settings(mode="cpu", env={}, runs_dir=tmp_path)
    with server_for(s, port=0) as server:
        assert server.running
        pid = server.process.pid
    assert not server.running and pid > 0
    assert (tmp_path / "logs").is_dir()


def test_external_server_unreachable_is_clear():
    s = get_settings(mode="openai", base_url="http://127.0.0.1:9/v1", env={})
    with pytest.raises(ServerStartError, match="no server answers"):
        server_for(s).start(timeout=2)
