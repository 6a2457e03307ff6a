import http.server
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from utils.serving.launch import (
    ManagedServer,
    ServerStartError,
    cpu_server_command,
    free_port,
    masked_command,
    running_servers,
    server_for,
    server_key,
    sglang_command,
    start_server,
    stop_all,
)
from utils.serving.settings import get_settings


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
    assert cmd[:3] == [sys.executable, "-m", "utils.serving.server"]
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


def test_a_server_is_a_context_manager_that_starts_and_stops(tmp_path):
    """``with server:`` starts it and stops it. A stand-in process (the real CPU server starts and stops
    in test_start_server_reuses_the_running_server_and_replaces_on_request: one model load, not two)."""
    port = free_port()
    cmd = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"]
    with ManagedServer(cmd, f"http://127.0.0.1:{port}/v1", log_path=tmp_path / "logs" / "s.log", health_path="/") as server:
        assert server.running
        pid = server.process.pid
    assert not server.running and pid > 0
    assert (tmp_path / "logs" / "s.log").is_file()


def test_external_server_unreachable_is_clear():
    s = get_settings(mode="openai", base_url="http://127.0.0.1:9/v1", env={})
    with pytest.raises(ServerStartError, match="no server answers"):
        server_for(s).start(timeout=2)


# ---------------------------------------------------------------- helpers for the hardening tests
class _Health(http.server.BaseHTTPRequestHandler):
    """Another process's server: answers every GET with 200 and a JSON body (set per server)."""

    body = b'{"status": "ok"}'

    def do_GET(self):  # noqa: N802 - http.server's naming
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


@pytest.fixture
def other_server():
    """Something else already listening on a loopback port and answering /health."""
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Health)
    srv.RequestHandlerClass = type("H", (_Health,), {"body": json.dumps({"status": "ok", "pid": 1}).encode()})
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield srv.server_address[1]
    srv.shutdown()
    srv.server_close()


SLEEPER = [sys.executable, "-c", "import time; time.sleep(30)"]


def test_port_taken_by_another_process_is_refused(tmp_path, other_server):
    server = ManagedServer(SLEEPER, f"http://127.0.0.1:{other_server}/v1", log_path=tmp_path / "s.log")
    t0 = time.monotonic()
    with pytest.raises(ServerStartError, match=f"port {other_server} .* already in use"):
        server.start(timeout=20)
    assert time.monotonic() - t0 < 2 and server.process is None  # refused before starting anything


def test_health_from_another_process_is_not_taken_for_ours(tmp_path, other_server):
    """Even past the port check (a race), a /health that reports another pid is a failure."""
    server = ManagedServer(SLEEPER, f"http://127.0.0.1:{other_server}/v1", log_path=tmp_path / "s.log")
    with pytest.raises(ServerStartError, match="another process"):
        server.start(timeout=20, check_port=False)
    assert not server.running  # our child was stopped


def test_key_is_masked_in_messages_and_reprs(tmp_path):
    secret = "sk-very-secret-123"
    cmd = [
        sys.executable,
        "-c",
        f"print('loaded with key {secret}'); raise SystemExit(3)",
        "--api-key",
        secret,
    ]
    server = ManagedServer(
        cmd, f"http://127.0.0.1:{free_port()}/v1", log_path=tmp_path / "s.log", secrets=[secret]
    )
    with pytest.raises(ServerStartError) as info:
        server.start(timeout=20)
    for text in (str(info.value), repr(server), server.command_text, server.log_tail()):
        assert secret not in text
    assert "--api-key ***" in str(info.value) and "loaded with key ***" in str(info.value)
    assert masked_command(["x", "--api-key=abc"]) == "x --api-key=***"


def test_cpu_server_gets_its_key_by_environment_not_argv(tmp_path):
    s = get_settings(mode="cpu", api_key="sk-env-only", env={}, runs_dir=tmp_path)
    server = server_for(s, port=0)
    assert "sk-env-only" not in " ".join(server.command)
    assert server.env_overrides["EMB_API_KEY"] == "sk-env-only"
    assert "sk-env-only" not in repr(server)
    assert "--api-key" not in cpu_server_command(None)


def test_start_server_reuses_the_running_server_and_replaces_on_request(tmp_path, monkeypatch):
    """Re-running a notebook's start cell must not start a second process (issue 19)."""
    import utils.serving.launch

    monkeypatch.setattr(utils.serving.launch, "_SERVERS", {})  # so stop_all leaves the session's server alone
    s = get_settings(mode="cpu", model_name="reuse-test", api_key="k-reuse", env={}, runs_dir=tmp_path)
    try:
        first = start_server(s, port=0)
        pid = first.process.pid
        assert first in running_servers()
        # the key reached the server through its environment, and is not on its command line
        assert b"k-reuse" not in Path(f"/proc/{pid}/cmdline").read_bytes()
        assert httpx.get(first.base_url + "/models").status_code == 401
        ok = httpx.get(first.base_url + "/models", headers={"Authorization": "Bearer k-reuse"})
        assert ok.status_code == 200
        again = start_server(s, port=0)
        assert again is first and again.process.pid == pid and again.running
        fresh = start_server(s, port=0, reuse=False)  # replace: the old process is stopped first
        assert fresh is not first and not first.running and fresh.running
        assert [x for x in running_servers() if x in (first, fresh)] == [fresh]
        assert server_key(s) != server_key(get_settings(mode="cpu", env={}))  # the key is in the key
        assert server_for(s, port=0).log_path.parent == tmp_path / "logs" and (tmp_path / "logs").is_dir()
    finally:
        stopped = stop_all()
    assert stopped >= 1 and not fresh.running and fresh not in running_servers()


def test_server_is_stopped_when_the_interpreter_exits(tmp_path):
    """A notebook need not stop its server: the kernel's exit does (atexit), so nothing leaks."""
    port = free_port()
    script = (
        "import sys\n"
        "from utils.serving.launch import ManagedServer\n"
        f"cmd = [sys.executable, '-m', 'http.server', '{port}', '--bind', '127.0.0.1']\n"
        f"s = ManagedServer(cmd, 'http://127.0.0.1:{port}/v1', log_path={str(tmp_path / 's.log')!r}, health_path='/')\n"
        "print(s.start(timeout=30).process.pid)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    pid = int(out.stdout.strip())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_port_in_use_sees_listeners_but_not_time_wait():
    """A server restarted on its own port (reuse=False) must not be refused for old connections."""
    import socket

    from utils.serving.launch import port_in_use

    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]
    client = socket.create_connection(("127.0.0.1", port))
    conn, _ = listener.accept()
    assert port_in_use("127.0.0.1", port)
    conn.close()  # the server side closes first: its port is left in TIME_WAIT
    listener.close()
    client.close()
    assert not port_in_use("127.0.0.1", port)


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status  # a zombie has exited, waiting to be reaped by its new parent


def test_cpu_server_exits_when_its_kernel_is_killed(tmp_path):
    """A kernel killed with SIGKILL runs no exit handler; the server notices its parent is gone and stops."""
    script = (
        "import os, signal\n"
        "from utils.serving.launch import start_server\n"
        "from utils.serving.settings import get_settings\n"
        f"s = get_settings(mode='cpu', model_name='orphan-test', env={{}}, runs_dir={str(tmp_path)!r})\n"
        "print(start_server(s, port=0).process.pid, flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    pid = int(out.stdout.strip())
    deadline = time.monotonic() + 20
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    if _alive(pid):
        os.kill(pid, 9)
        pytest.fail("the server outlived the process that started it")


def test_a_bad_server_flag_stops_the_start_at_once_quoting_the_usage_error(tmp_path):
    """Issue 26 item 7: `--max-batch 0` was accepted; the server then never answered a request."""
    s = get_settings(mode="cpu", env={}, runs_dir=tmp_path)
    started = None
    try:
        with pytest.raises(ServerStartError) as info:
            started = start_server(s, port=0, extra_args=["--max-batch", "0"], timeout=120)
    finally:
        if started is not None:  # before issue 26 it started (and then never answered a request)
            started.stop()
    message = str(info.value)
    assert "exited with code 2" in message and "argument --max-batch: must be at least 1, got 0" in message
