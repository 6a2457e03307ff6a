"""utils.serving.gpu_check: the check logic against the CPU server on loopback, the pure comparisons with
crafted inputs, the tiny model it serves, and the command line without a GPU."""

import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import numpy as np
import pytest

from utils.paths import REPO_ROOT
from utils.serving import gpu_check as gc
from utils.serving.launch import ManagedServer, cpu_server_command, free_port, sglang_command
from utils.serving.qwen3 import Qwen3Encoder, truncate_and_normalize
from utils.serving.settings import VectorTolerances


@pytest.fixture(scope="module")
def tiny(tiny_qwen3):
    return tiny_qwen3  # the session's (tests/conftest.py)


@pytest.fixture(scope="module")
def cpu_api(tiny, tmp_path_factory):
    """The CPU server serving the tiny Qwen3 (fp32), as the checks see any OpenAI-compatible server."""
    port = free_port()
    cmd = cpu_server_command(str(tiny), port=port, served_model_name="tiny")
    log = tmp_path_factory.mktemp("logs") / "server.log"
    with ManagedServer(cmd, f"http://127.0.0.1:{port}/v1", log_path=log).start(timeout=120) as server:
        yield gc.ServerAPI(server.base_url, "tiny")


def test_health_passes_on_a_live_server_and_fails_with_a_fix_on_a_dead_port(cpu_api):
    assert gc.check_health(cpu_api).status == "pass"
    dead = gc.check_health(gc.ServerAPI(f"http://127.0.0.1:{free_port()}/v1", "x"))
    assert dead.status == "fail" and "unreachable" in dead.detail and "log" in dead.fix


def test_float_and_base64_agree_on_the_cpu_server(cpu_api):
    texts, _ = gc.reference_inputs()
    r = gc.check_base64(cpu_api, texts)
    assert r.status == "pass", r.detail
    assert r.data["max_abs_diff"] == 0.0


def test_base64_comparison_catches_a_different_vector_and_a_different_shape():
    a = np.eye(3, 8, dtype=np.float32)
    b = a.copy()
    b[1, 1] = 0.9
    assert gc.compare_float_base64(a, b).status == "fail"
    assert gc.compare_float_base64(a, a[:2]).status == "fail"
    assert gc.compare_float_base64(a, a.copy()).status == "pass"


def test_dimensions_truncate_and_renormalise_on_the_cpu_server(cpu_api):
    texts, _ = gc.reference_inputs()
    r = gc.check_dimensions(cpu_api, texts, 16)
    assert r.status == "pass", r.detail


def test_dimensions_comparison_catches_missing_renormalisation_and_wrong_width():
    full = truncate_and_normalize(np.random.default_rng(0).normal(size=(4, 64)), None)
    good = truncate_and_normalize(full, 16)
    assert gc.compare_dimensions(full, good, 16).status == "pass"
    not_renormalised = full[:, :16]
    assert gc.compare_dimensions(full, not_renormalised, 16).status == "fail"
    assert gc.compare_dimensions(full, full, 16).status == "fail"  # the server ignored `dimensions`


def test_dimensions_refused_is_a_failure_with_the_override_as_the_fix(cpu_api):
    r = gc.check_dimensions(cpu_api, ["a b c"], 10_000)  # wider than the model: the server answers 400
    assert r.status == "fail" and "is_matryoshka" in r.fix


def test_reference_check_passes_for_the_same_model_and_fails_for_other_texts(cpu_api, tiny):
    texts, labels = gc.reference_inputs()
    assert texts[0].startswith("Instruct: ") and "\nQuery:" in texts[0]  # queries carry the Qwen3 instruction
    assert not any(t.startswith("Instruct:") for t in texts[len(gc.QUERIES) :])  # documents do not
    reference, n_params = gc.reference_vectors(tiny, texts, "cpu")
    assert n_params > 0
    r = gc.check_reference(cpu_api, texts, reference, labels)
    assert r.status == "pass", r.detail
    shuffled = np.roll(reference, 1, axis=0)  # each text compared with another text's reference
    bad = gc.compare_reference(reference, shuffled, labels)
    assert bad.status == "fail" and "min cosine" in bad.detail and "format_query" in bad.fix


class _FakeReranker(BaseHTTPRequestHandler):
    """SGLang's /v1/rerank answer shape: a list of {index, score}, best first. Scores by word overlap."""

    seen_auth: list = []
    invert = False

    def do_POST(self):  # noqa: N802 - the http.server API
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).seen_auth.append(self.headers.get("Authorization"))
        q = set(body["query"].lower().split())
        scores = [len(q & set(d.lower().split())) / (len(q) + 1) for d in body["documents"]]
        if type(self).invert:
            scores = [1 - s for s in scores]
        out = sorted(({"index": i, "score": s} for i, s in enumerate(scores)), key=lambda a: -a["score"])
        data = json.dumps(out).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture()
def fake_reranker():
    httpd = HTTPServer(("127.0.0.1", 0), _FakeReranker)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    _FakeReranker.seen_auth, _FakeReranker.invert = [], False
    yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    httpd.shutdown()
    httpd.server_close()


def test_rerank_check_reads_sglangs_answer_and_sends_the_key(fake_reranker):
    r = gc.check_rerank(gc.ServerAPI(fake_reranker, "Qwen3-Reranker", api_key="k"))
    assert r.status == "pass", r.detail
    assert _FakeReranker.seen_auth and set(_FakeReranker.seen_auth) == {"Bearer k"}


def test_rerank_check_fails_when_the_order_is_wrong(fake_reranker):
    _FakeReranker.invert = True
    r = gc.check_rerank(gc.ServerAPI(fake_reranker, "Qwen3-Reranker"))
    assert r.status == "fail" and "0/3" in r.detail and "--is-embedding" in r.fix


def test_throughput_on_the_cpu_server_is_reported_beside_the_bound(cpu_api):
    texts = gc.throughput_texts(16, words=20)
    assert len(set(texts)) == 16 and len({t.split()[0] for t in texts}) == 16  # distinct from the first word
    r = gc.check_throughput(cpu_api, texts, batch_size=8, concurrency=2, bound=1e12)
    assert r.status == "pass" and r.data["tokens"] >= 16 * 20 and "% of the" in r.detail
    impossible = gc.check_throughput(cpu_api, texts, batch_size=8, concurrency=2, bound=1.0)
    assert impossible.status == "fail" and "above the bound" in impossible.detail


def test_upper_bound_and_peak_table():
    # Qwen3-Embedding-0.6B: about 0.44e9 parameters outside the embedding table; H100 SXM 989 TFLOP/s
    assert gc.upper_bound_tokens_per_s(989e12, 440_000_000) == pytest.approx(1.124e6, rel=1e-3)
    assert gc.peak_bf16_flops("NVIDIA H100 80GB HBM3") == 989e12
    assert gc.peak_bf16_flops("NVIDIA H100 PCIe") == 756e12
    assert gc.peak_bf16_flops("NVIDIA L40S") == 362e12 and gc.peak_bf16_flops("NVIDIA L4") == 121e12
    assert gc.peak_bf16_flops("Some Future GPU") is None
    assert gc.judge_throughput(1000, 1.0, None).status == "info"


def test_tiny_model_for_sglang_has_a_supported_head_size_and_survives_bf16(tmp_path):
    folder = gc.build_tiny_model(tmp_path / "tiny")
    cfg = json.loads((folder / "config.json").read_text())
    assert cfg["head_dim"] == 128 and cfg["architectures"] == ["Qwen3ForCausalLM"] and cfg["tie_word_embeddings"]
    texts, _ = gc.reference_inputs()
    fp32 = Qwen3Encoder(folder, dtype="float32").encode(texts)
    bf16 = Qwen3Encoder(folder, dtype="bfloat16").encode(texts)
    # the reference check's threshold is reachable for this random model in bf16
    assert np.min(np.sum(fp32 * bf16, axis=1)) >= gc.MIN_COSINE


def test_report_table_and_json(tmp_path):
    results = [
        gc.CheckResult("health", "pass", "HTTP 200 in 3 ms"),
        gc.CheckResult("dimensions=128", "fail", "width 1024", "add the override"),
    ]
    table = gc.format_table(results)
    assert "PASS" in table and "FAIL" in table and "What to do: add the override" in table
    path = gc.write_report(results, {"gpu": "test"}, tmp_path / "gpu_check")
    body = json.loads(path.read_text())
    assert body["passed"] is False and [c["name"] for c in body["checks"]] == ["health", "dimensions=128"]


def test_the_check_starts_sglang_with_the_course_command(monkeypatch, tmp_path, tiny):
    """What main() would start, captured instead of run: it is utils.serving.launch.sglang_command's line."""
    started = []

    def fake_start(command, host, port, log, timeout):
        started.append(command)
        return None, gc.CheckResult("start", "fail", "not started in this test", "")

    monkeypatch.setattr(gc, "cannot_run_reason", lambda: None)
    monkeypatch.setattr(gc, "_start", fake_start)
    monkeypatch.setattr(gc, "reference_vectors", lambda m, t, d: (np.zeros((len(t), 512), np.float32), 1000))
    torch = pytest.importorskip("torch")
    monkeypatch.setattr(torch.cuda, "get_device_name", lambda i=0: "NVIDIA H100 80GB HBM3")
    reranker = tiny  # any model folder: the start is faked
    code = gc.main(["--tiny", "--port", "30123", "--reranker", str(reranker), "--runs-dir", str(tmp_path)])
    assert code == 1
    model = started[0][started[0].index("--model-path") + 1]
    assert started[0] == sglang_command(model, "127.0.0.1", 30123, served_model_name="tiny-qwen3")
    assert "--is-embedding" not in started[1] and started[1][started[1].index("--chat-template") + 1].startswith("/")
    report = json.loads(next((tmp_path / "gpu_check").glob("gpu_check-*.json")).read_text())
    assert report["peak_bf16_flops"] == 989e12 and report["sglang_command"] == started[0]


def test_a_missing_model_folder_stops_with_the_download_command(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(gc, "cannot_run_reason", lambda: None)
    assert gc.main(["--model", str(tmp_path / "nothing-here")]) == 2
    assert "hf download Qwen/Qwen3-Embedding-0.6B" in capsys.readouterr().err
    assert gc.main(["--tiny", "--reranker", str(tmp_path / "no-reranker")]) == 2
    assert "hf download Qwen/Qwen3-Reranker-0.6B" in capsys.readouterr().err


def _run_cli(*args):
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "CUDA_VISIBLE_DEVICES": ""}
    return subprocess.run(
        [sys.executable, "-m", "utils.serving.gpu_check", *args], capture_output=True, text=True, env=env, cwd=REPO_ROOT, timeout=120
    )


def test_cli_help_and_the_no_gpu_exit():
    helped = _run_cli("--help")
    assert helped.returncode == 0 and "--reranker" in helped.stdout and "--tiny" in helped.stdout
    no_gpu = _run_cli("--tiny")
    assert no_gpu.returncode == 2, no_gpu.stderr
    assert "needs an NVIDIA GPU" in no_gpu.stderr and "Traceback" not in no_gpu.stderr


def _bf16_normalised(x: np.ndarray) -> np.ndarray:
    """What SGLang 0.5.23 returns: the vector normalised in the model dtype (bf16), sent as float32."""
    import torch

    t = torch.nn.functional.normalize(torch.from_numpy(x).to(torch.bfloat16), dim=-1)
    return t.float().numpy()


def test_bf16_vectors_pass_the_rows_with_the_bf16_bounds_they_state():
    """A real GPU's bf16 answers have |norm - 1| around 1e-3: the `dimensions` row must pass them (it failed with
    the old 1e-3 norm bound), and every row names the bound it used."""
    rng = np.random.default_rng(0)
    full = _bf16_normalised(rng.normal(size=(32, 1024)).astype(np.float32))
    short = _bf16_normalised(full[:, :128].copy())
    assert np.abs(np.linalg.norm(short, axis=1) - 1).max() > 1e-3  # what bf16 really gives
    r = gc.compare_dimensions(full, short, 128)
    assert r.status == "pass", r.detail
    assert "bound 0.01" in r.detail and "bf16" in r.detail
    assert gc.compare_dimensions(full, short, 128, VectorTolerances.for_mode("cpu")).status == "fail"
    b = gc.compare_float_base64(short, short.copy())
    assert b.status == "pass" and b.data["bound"] == gc.SGLANG_TOLERANCES.element


def test_flop_table_matches_whole_names_so_an_l40_is_not_an_l4():
    assert gc.peak_bf16_flops("NVIDIA L40") == 181e12
    assert gc.peak_bf16_flops("NVIDIA L4") == 121e12
    assert gc.peak_bf16_flops("NVIDIA L40S") == 362e12
    assert gc.peak_bf16_flops("NVIDIA H100 80GB HBM3") == 989e12 and gc.peak_bf16_flops("NVIDIA H100 PCIe") == 756e12
    assert gc.peak_bf16_flops("NVIDIA A100-SXM4-80GB") == 312e12 and gc.peak_bf16_flops("NVIDIA GH200 480GB") == 989e12
    assert gc.peak_bf16_flops("NVIDIA A10G") is None  # another chip than the A10: no guessed peak


def test_tiny_model_for_sglang_has_a_byte_level_tokenizer_with_single_yes_and_no(tmp_path):
    from transformers import AutoTokenizer

    folder = gc.build_tiny_model(tmp_path / "tiny", hidden_size=64)
    cfg = json.loads((folder / "config.json").read_text())
    assert cfg["architectures"] == ["Qwen3ForCausalLM"] and cfg["hidden_size"] == 64 and cfg["tie_word_embeddings"]
    tok = AutoTokenizer.from_pretrained(folder)
    ids = tok("Wörter the patient dose")["input_ids"]
    assert ids[-1] == tok.eos_token_id == 0 and tok.unk_token_id is None
    assert tok.decode(ids[:-1]) == "Wörter the patient dose"  # byte-level: any text round-trips
    assert len(tok.encode("yes", add_special_tokens=False)) == len(tok.encode("no", add_special_tokens=False)) == 1
