"""One command that checks the GPU track: SGLang serving Qwen3-Embedding, as the course uses it.

Introduced in the README's GPU-track section; notebooks 01 and 05 rely on what it checks.

    python -m utils.serving.gpu_check --model models/Qwen3-Embedding-0.6B [--reranker models/Qwen3-Reranker-0.6B]
    python -m utils.serving.gpu_check --tiny      # a tiny random Qwen3 built on the spot: no download needed
    make gpu-check MODEL=models/Qwen3-Embedding-0.6B [RERANKER=...]   (MODEL=tiny for --tiny)

What it does: computes reference vectors in-process with transformers (fp32, on the GPU, then frees
the memory), starts SGLang with :func:`utils.serving.launch.sglang_command` (the course's command), and checks
``/health``; float vs base64 vectors; ``dimensions`` (truncate, then re-normalise); SGLang's bf16
vectors vs the reference (cosine >= 0.99 per text, queries with the Qwen3 instruction); with
``--reranker``, Qwen3-Reranker's order on a few known pairs (:func:`utils.serving.launch.reranker_command`);
and embedding throughput in tokens/s beside an upper bound (the GPU's bf16 FLOP/s over 2 x parameters
FLOPs per token). It prints a table, writes JSON to ``runs/gpu_check/``, and exits 0 when every check
passed, 1 when one failed, 2 when it cannot run (no GPU, no sglang, no model folder).

The checks are functions of a server URL, so ``tests/test_gpu_check.py`` runs the server-agnostic ones
against the CPU server (``utils.serving.server``) on any machine.
"""

from __future__ import annotations

import argparse
import base64
import json
import platform
import random
import re
import shlex
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx
import numpy as np

from utils.paths import REPO_ROOT
from utils.serving.launch import ManagedServer, ServerStartError, free_port, reranker_command, sglang_command
from utils.serving.qwen3 import DEFAULT_TASK, format_query, truncate_and_normalize
from utils.serving.settings import VectorTolerances
from utils.serving.tiny_qwen3 import make_tiny_qwen3

MIN_COSINE = 0.99  # SGLang bf16 vs the fp32 transformers reference, per text
#: The bounds of the float-vs-base64, ``dimensions`` and norm rows: SGLang serves bf16 and normalises in bf16,
#: so |norm - 1| is around 1e-3 on a real GPU (../shared/FACTS.md); 1e-3..1e-6 bounds would fail there.
SGLANG_TOLERANCES = VectorTolerances.for_mode("sglang")
TINY_HIDDEN_SIZE = 512  # 4 heads of 128: the real model's head size, which SGLang's default backends support

#: Published dense (no sparsity) bf16 tensor-core peaks, FLOP/s, from NVIDIA's datasheets. Matched in
#: order against ``torch.cuda.get_device_name()``, as whole words ("L4" is not "L40"); pass
#: ``--peak-tflops`` for a GPU not listed.
PEAK_BF16_FLOPS: tuple[tuple[str, float], ...] = (
    ("H100 PCIe", 756e12), ("H100 NVL", 835e12), ("H100", 989e12), ("H200", 989e12), ("GH200", 989e12),
    ("B200", 2250e12), ("A100", 312e12), ("L40S", 362e12), ("L40", 181e12), ("L4", 121e12), ("A10", 125e12),
)  # fmt: skip

QUERIES = [
    ("medical", "Which drug lowers blood pressure in patients with chronic kidney disease?"),
    ("legal", "Can a party terminate the contract early for a material breach?"),
    ("finance", "How did operating cash flow change compared with last year?"),
]
DOCUMENTS = [
    "ACE inhibitors reduce proteinuria and slow the decline of renal function in hypertensive patients.",
    "Either party may terminate this Agreement upon thirty days' written notice if the other party "
    "materially breaches it and fails to cure the breach within that period.",
    "Net cash provided by operating activities rose 12% to $4.1 billion, driven by higher margins.",
    "The heart pumps blood through the body; the dose of a drug is adjusted for weight and age.",
]

#: Known pairs for the reranker: (domain, query, relevant document, unrelated documents).
RERANK_CASES = [
    ("medical", "What is the first-line treatment for type 2 diabetes?",
     "Metformin is the recommended first-line medication for most adults with type 2 diabetes.",
     ["The contract renews automatically each year unless cancelled.", "Quarterly revenue grew by 8%."]),
    ("legal", "Who is liable for damages under the indemnification clause?",
     "Under the indemnification clause the supplier shall hold the buyer harmless for all damages.",
     ["Aspirin thins the blood and lowers the risk of clots.", "The company repurchased shares in Q3."]),
    ("finance", "What was the company's net profit margin in 2023?",
     "In fiscal 2023 the company reported a net profit margin of 14.2% on revenue of $2.3 billion.",
     ["The patient was discharged after three days.", "The court dismissed the appeal."]),
]  # fmt: skip


@dataclass
class CheckResult:
    """One row of the report: ``status`` is ``"pass"``, ``"fail"`` or ``"info"`` (measured, nothing to judge)."""

    name: str
    status: str
    detail: str
    fix: str = ""
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        return self.status == "fail"


@dataclass
class ServerAPI:
    """The HTTP calls the checks make (raw httpx, so nothing between the check and the server)."""

    base_url: str  # ends in /v1
    model: str
    api_key: str | None = None
    timeout: float = 120.0

    @property
    def root(self) -> str:
        url = self.base_url.rstrip("/")
        return url[: -len("/v1")] if url.endswith("/v1") else url

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}

    def _post(self, path: str, body: dict[str, Any]) -> Any:
        r = httpx.post(self.base_url.rstrip("/") + path, json=body, headers=self._headers(), timeout=self.timeout)
        if r.status_code != 200:
            raise RuntimeError(f"POST {path} answered HTTP {r.status_code}: {r.text[:300]}")
        return r.json()

    def embed(
        self, texts: Sequence[str], encoding_format: str = "float", dimensions: int | None = None
    ) -> tuple[np.ndarray, int]:
        """Vectors (rows in input order) and the prompt tokens the server counted."""
        body: dict[str, Any] = {"model": self.model, "input": list(texts), "encoding_format": encoding_format}
        if dimensions is not None:
            body["dimensions"] = dimensions
        out = self._post("/embeddings", body)
        rows = sorted(out["data"], key=lambda d: d["index"])
        if encoding_format == "base64":
            vecs = [np.frombuffer(base64.b64decode(d["embedding"]), dtype="<f4") for d in rows]
        else:
            vecs = [np.asarray(d["embedding"], dtype=np.float32) for d in rows]
        return np.stack(vecs).astype(np.float32), int(out.get("usage", {}).get("prompt_tokens", 0))

    def rerank(self, query: str, documents: Sequence[str], instruct: str | None = None) -> list[dict[str, Any]]:
        """SGLang's ``/v1/rerank`` answer: a list of ``{"index", "score"}``, best first."""
        body: dict[str, Any] = {"model": self.model, "query": query, "documents": list(documents)}
        if instruct:
            body["instruct"] = instruct
        return list(self._post("/rerank", body))


# ----------------------------------------------------------------------------- pure comparisons
def compare_float_base64(
    floats: np.ndarray, decoded: np.ndarray, tolerances: VectorTolerances = SGLANG_TOLERANCES
) -> CheckResult:
    """float and base64 answers must carry the same numbers (base64 is little-endian float32), within
    ``tolerances.element`` (two requests of one text may differ in the last bf16 bits)."""
    name = "float vs base64"
    fix = "the server's base64 encoding is not little-endian float32 of the same vector: report it upstream"
    if floats.shape != decoded.shape:
        return CheckResult(name, "fail", f"shapes differ: {floats.shape} vs {decoded.shape}", fix)
    diff = float(np.max(np.abs(floats - decoded))) if floats.size else 0.0
    status = "pass" if diff <= tolerances.element else "fail"
    detail = f"max |difference| {diff:.1e} over {floats.shape[0]} texts (bound {tolerances.element:g}, {tolerances.why})"
    return CheckResult(name, status, detail, fix, {"max_abs_diff": diff, "bound": tolerances.element})


def compare_dimensions(
    full: np.ndarray, short: np.ndarray, dim: int, tolerances: VectorTolerances = SGLANG_TOLERANCES
) -> CheckResult:
    """``dimensions=dim`` must equal truncating the full vector to ``dim`` and re-normalising it: cosine at
    least ``tolerances.cosine`` and |norm - 1| at most ``tolerances.norm``."""
    name = f"dimensions={dim}"
    fix = (
        "start SGLang with --json-model-override-args '{\"is_matryoshka\": true}' (utils.serving.launch.sglang_command "
        "adds it); without it `dimensions` is refused, and a server that truncates without re-normalising "
        "breaks cosine scores"
    )
    if short.ndim != 2 or short.shape[1] != dim:
        return CheckResult(name, "fail", f"got width {short.shape[-1]}, asked for {dim}", fix)
    expected = truncate_and_normalize(full, dim)
    cos = np.sum(expected * short, axis=1) / np.maximum(np.linalg.norm(short, axis=1), 1e-12)
    norms = np.linalg.norm(short, axis=1)
    worst_norm = float(np.max(np.abs(norms - 1.0)))
    ok = bool(np.all(cos >= tolerances.cosine)) and worst_norm <= tolerances.norm
    detail = (
        f"width {dim}; min cosine to truncate+renormalise {float(cos.min()):.4f} (need >= {tolerances.cosine:g}); "
        f"max |norm - 1| {worst_norm:.1e} (bound {tolerances.norm:g}, {tolerances.why})"
    )
    return CheckResult(name, "pass" if ok else "fail", detail, fix, {"min_cosine": float(cos.min()), "max_norm_error": worst_norm})


def compare_reference(served: np.ndarray, reference: np.ndarray, labels: Sequence[str]) -> CheckResult:
    """Per-text cosine between the server's vectors and the in-process reference must be >= 0.99."""
    name = "vectors vs transformers reference"
    fix = (
        "the server embeds differently from transformers: check it serves the same folder, pools the last "
        "token (SGLang does for Qwen3), runs bf16 not fp16 (--dtype bfloat16), and that queries are sent "
        "with the Qwen3 instruction (utils.serving.qwen3.format_query)"
    )
    if served.shape != reference.shape:
        return CheckResult(name, "fail", f"shapes differ: served {served.shape}, reference {reference.shape}", fix)
    cos = np.sum(served * reference, axis=1) / np.maximum(
        np.linalg.norm(served, axis=1) * np.linalg.norm(reference, axis=1), 1e-12
    )
    worst = int(np.argmin(cos))
    ok = bool(np.all(cos >= MIN_COSINE))
    detail = f"min cosine {float(cos[worst]):.4f} ({labels[worst]}), mean {float(cos.mean()):.4f} over {len(cos)} texts (need >= {MIN_COSINE})"
    return CheckResult(name, "pass" if ok else "fail", detail, fix, {"cosines": [round(float(c), 5) for c in cos]})


def rerank_order(answers: Sequence[Sequence[dict[str, Any]]], relevant: Sequence[int], labels: Sequence[str]) -> CheckResult:
    """Each known query must put its relevant document first, with scores in [0, 1]."""
    name = "reranker order"
    fix = (
        "start the reranker with utils.serving.launch.reranker_command: WITHOUT --is-embedding and with "
        "utils/serving/templates/qwen3_reranker.jinja (its log names the template); check the folder is Qwen3-Reranker"
    )
    wrong, scores = [], []
    for answer, want, label in zip(answers, relevant, labels, strict=True):
        ranked = sorted(answer, key=lambda a: -float(a["score"]))
        scores += [float(a["score"]) for a in ranked]
        if not ranked or int(ranked[0]["index"]) != want:
            wrong.append(label)
    in_range = all(0.0 <= s <= 1.0 for s in scores)
    ok = not wrong and in_range
    detail = f"{len(answers) - len(wrong)}/{len(answers)} queries put the relevant document first"
    if wrong:
        detail += f" (wrong: {', '.join(wrong)})"
    if not in_range:
        detail += "; scores outside [0, 1]"
    return CheckResult(name, "pass" if ok else "fail", detail, fix, {"scores": scores, "wrong": wrong})


def peak_bf16_flops(device_name: str) -> float | None:
    """The published dense bf16 peak of a GPU, by name (see :data:`PEAK_BF16_FLOPS`); ``None`` if unknown.

    A key matches as whole words, so "NVIDIA L40" is not taken for an L4 nor "NVIDIA A10G" for an A10.
    """
    for key, flops in PEAK_BF16_FLOPS:
        if re.search(rf"(?<![\w]){re.escape(key)}(?![\w])", device_name, flags=re.IGNORECASE):
            return flops
    return None


def upper_bound_tokens_per_s(peak_flops: float, n_params: int) -> float:
    """Tokens/s if every FLOP did useful work: a forward pass costs about 2 x parameters FLOPs per token."""
    return peak_flops / (2.0 * n_params)


def judge_throughput(tokens: int, seconds: float, bound: float | None) -> CheckResult:
    """Report tokens/s beside the bound; fail only when the measurement is impossible (0, or above the bound)."""
    name = "throughput"
    rate = tokens / seconds if seconds > 0 else 0.0
    data: dict[str, Any] = {"tokens": tokens, "seconds": round(seconds, 4), "tokens_per_s": round(rate, 1)}
    if rate <= 0:
        return CheckResult(name, "fail", "no tokens counted", "the server reported no usage.prompt_tokens", data)
    if bound is None:
        return CheckResult(
            name, "info", f"{rate:,.0f} tokens/s; upper bound unknown for this GPU", "pass --peak-tflops", data
        )
    data["upper_bound_tokens_per_s"] = round(bound, 1)
    data["fraction_of_bound"] = round(rate / bound, 4)
    detail = f"{rate:,.0f} tokens/s = {100 * rate / bound:.1f}% of the {bound:,.0f} tokens/s bound"
    if rate > bound:
        return CheckResult(
            name, "fail", detail + " (above the bound)", "the token count or the GPU peak is wrong: check --peak-tflops", data
        )
    return CheckResult(
        name, "pass", detail, "far below the bound: use bigger batches, check the GPU is not shared (nvidia-smi)", data
    )


# ----------------------------------------------------------------------------- checks against a server
def check_health(api: ServerAPI) -> CheckResult:
    """``GET /health`` answers 200 (SGLang and the CPU server both serve it, without a key)."""
    fix = "the server is not up: read its log (path above), or start it with utils.serving.launch.sglang_command"
    try:
        t = time.perf_counter()
        r = httpx.get(api.root + "/health", timeout=10.0)
        ms = 1000 * (time.perf_counter() - t)
    except httpx.HTTPError as exc:
        return CheckResult("health", "fail", f"{api.root}/health unreachable: {exc}", fix)
    ok = r.status_code == 200
    return CheckResult("health", "pass" if ok else "fail", f"HTTP {r.status_code} in {ms:.0f} ms", fix)


def _guard(name: str, fix: str, fn, *args) -> CheckResult:
    try:
        return fn(*args)
    except (RuntimeError, httpx.HTTPError, KeyError, ValueError) as exc:
        return CheckResult(name, "fail", f"request failed: {exc}", fix)


def check_base64(
    api: ServerAPI, texts: Sequence[str], tolerances: VectorTolerances = SGLANG_TOLERANCES
) -> CheckResult:
    def run() -> CheckResult:
        floats, _ = api.embed(texts, "float")
        decoded, _ = api.embed(texts, "base64")
        return compare_float_base64(floats, decoded, tolerances)

    return _guard("float vs base64", "the server refused encoding_format=base64", run)


def check_dimensions(
    api: ServerAPI, texts: Sequence[str], dim: int, tolerances: VectorTolerances = SGLANG_TOLERANCES
) -> CheckResult:
    def run() -> CheckResult:
        full, _ = api.embed(texts)
        short, _ = api.embed(texts, dimensions=dim)
        return compare_dimensions(full, short, dim, tolerances)

    return _guard(f"dimensions={dim}", "add --json-model-override-args '{\"is_matryoshka\": true}'", run)


def check_reference(api: ServerAPI, texts: Sequence[str], reference: np.ndarray, labels: Sequence[str]) -> CheckResult:
    def run() -> CheckResult:
        served, _ = api.embed(texts)
        return compare_reference(served, reference, labels)

    return _guard("vectors vs transformers reference", "the embedding request failed", run)


def check_rerank(api: ServerAPI, cases: Sequence[tuple[str, str, str, Sequence[str]]] = RERANK_CASES) -> CheckResult:
    """Ask the reranker about each known case; the relevant document is put last so order is not a giveaway."""

    def run() -> CheckResult:
        answers, relevant, labels = [], [], []
        for domain, query, good, bad in cases:
            docs = [*bad, good]
            answers.append(api.rerank(query, docs))
            relevant.append(len(docs) - 1)
            labels.append(domain)
        return rerank_order(answers, relevant, labels)

    return _guard("reranker order", "the /v1/rerank request failed: is the server a reranker?", run)


def throughput_texts(n: int, words: int = 100, seed: int = 0) -> list[str]:
    """``n`` distinct texts of ``words`` words (distinct from the first word, so no prefix cache helps)."""
    rng = random.Random(seed)
    vocab = (" ".join(DOCUMENTS) + " " + " ".join(q for _, q in QUERIES)).lower().replace(",", "").split()
    return [f"{i} " + " ".join(rng.choice(vocab) for _ in range(words - 1)) for i in range(n)]


def check_throughput(
    api: ServerAPI, texts: Sequence[str], batch_size: int, concurrency: int, bound: float | None
) -> CheckResult:
    """Embed a fixed set of texts in batches, ``concurrency`` requests in flight; tokens from the server's usage."""

    def run() -> CheckResult:
        api.embed([f"warm-up {t}" for t in texts[:batch_size]])  # not timed; other prefixes, so no cache hits later
        batches = [texts[i : i + batch_size] for i in range(0, len(texts), batch_size)]
        t = time.perf_counter()
        with ThreadPoolExecutor(concurrency) as pool:
            tokens = sum(n for _, n in pool.map(api.embed, batches))
        result = judge_throughput(tokens, time.perf_counter() - t, bound)
        result.data.update(texts=len(texts), batch_size=batch_size, concurrency=concurrency)
        return result

    return _guard("throughput", "the embedding request failed", run)


def server_checks(
    api: ServerAPI,
    reference: np.ndarray,
    dimensions: int = 128,
    n_throughput_texts: int = 1024,
    batch_size: int = 64,
    concurrency: int = 4,
    bound: float | None = None,
) -> list[CheckResult]:
    """The embedding server's rows, in order: health, float vs base64, ``dimensions``, the reference, throughput.

    ``reference`` holds the in-process vectors of :func:`reference_inputs`' texts. What :func:`main` runs on
    a GPU, and what the SGLang test tier (``tests/sglang/``) runs against SGLang on a CPU.
    """
    texts, labels = reference_inputs()
    return [
        check_health(api),
        check_base64(api, texts),
        check_dimensions(api, texts, min(dimensions, reference.shape[1])),
        check_reference(api, texts, reference, labels),
        check_throughput(api, throughput_texts(n_throughput_texts), batch_size, concurrency, bound),
    ]


# ----------------------------------------------------------------------------- inputs, reference, report
def reference_inputs(task: str = DEFAULT_TASK) -> tuple[list[str], list[str]]:
    """The texts the reference check sends: queries WITH the Qwen3 instruction, documents without."""
    texts = [format_query(q, task) for _, q in QUERIES] + list(DOCUMENTS)
    labels = [f"query ({d})" for d, _ in QUERIES] + [f"document {i}" for i in range(len(DOCUMENTS))]
    return texts, labels


def reference_vectors(model_path: str | Path, texts: Sequence[str], device: str) -> tuple[np.ndarray, int]:
    """fp32 in-process vectors (utils.serving.qwen3.Qwen3Encoder) and the model's parameters without the embedding table."""
    from utils.serving.qwen3 import Qwen3Encoder

    enc = Qwen3Encoder(model_path, device=device, dtype="float32")
    vecs = enc.encode(texts, batch_size=8)
    total = sum(p.numel() for p in enc.model.parameters())
    n_params = int(total - enc.model.get_input_embeddings().weight.numel())
    del enc
    if device.startswith("cuda"):
        import torch

        torch.cuda.empty_cache()  # SGLang sizes its cache from the free memory
    return vecs, n_params


def build_tiny_model(folder: str | Path, hidden_size: int = TINY_HIDDEN_SIZE) -> Path:
    """A tiny random Qwen3 that SGLang can serve: head size 128, and the real model's architecture name.

    :func:`utils.serving.tiny_qwen3.make_tiny_qwen3` writes a bare ``Qwen3Model``; the released Qwen3-Embedding
    folders declare ``Qwen3ForCausalLM`` (SGLang pools its last token under ``--is-embedding``), so the
    config says that too, with tied embeddings (the bare model has no LM head to load). Its tokenizer is a
    byte-level BPE trained on the spot, like Qwen3's (SGLang's tokenizer manager needs a real one).
    ``hidden_size`` 64 (head size 16) serves on SGLang's CPU engine (the SGLang test tier).
    """
    folder = make_tiny_qwen3(folder, hidden_size=hidden_size, byte_level_bpe=True)
    cfg_path = Path(folder) / "config.json"
    cfg = json.loads(cfg_path.read_text())
    cfg.update(architectures=["Qwen3ForCausalLM"], tie_word_embeddings=True)
    cfg_path.write_text(json.dumps(cfg, indent=2))
    return Path(folder)


def format_table(results: Sequence[CheckResult]) -> str:
    """The report as a fixed-width table, then what to do for each failed check."""
    rows = [("check", "result", "measured")] + [(r.name, r.status.upper(), r.detail) for r in results]
    w0, w1 = max(len(r[0]) for r in rows), max(len(r[1]) for r in rows)
    lines = [f"{a:<{w0}}  {b:<{w1}}  {c}" for a, b, c in rows]
    lines.insert(1, "-" * (w0 + w1 + 4 + max(len(r[2]) for r in rows)))
    for r in results:
        if r.failed:
            lines.append(f"\n{r.name} FAILED. What to do: {r.fix}")
    return "\n".join(lines)


def write_report(results: Sequence[CheckResult], meta: dict[str, Any], out_dir: str | Path) -> Path:
    """``out_dir/gpu_check-<UTC time>.json`` with the environment and every row."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"gpu_check-{time.strftime('%Y%m%d-%H%M%S', time.gmtime())}.json"
    body = {**meta, "passed": not any(r.failed for r in results), "checks": [asdict(r) for r in results]}
    path.write_text(json.dumps(body, indent=2))
    return path


def _environment() -> dict[str, Any]:
    import importlib.metadata as md

    env: dict[str, Any] = {"python": platform.python_version()}
    for pkg in ("sglang", "torch", "transformers", "flashinfer-python"):
        try:
            env[pkg] = md.version(pkg)
        except md.PackageNotFoundError:
            env[pkg] = None
    return env


def _start(command: list[str], host: str, port: int, log: Path, timeout: float) -> tuple[ManagedServer | None, CheckResult | None]:
    server = ManagedServer(command, f"http://{host}:{port}/v1", log_path=log)
    try:
        return server.start(timeout=timeout), None
    except ServerStartError as exc:
        fix = f"read the log {log}; a start-up error there names the flag or the file at fault"
        return None, CheckResult("start: " + Path(command[command.index("--model-path") + 1]).name, "fail", str(exc).splitlines()[0], fix)


# ----------------------------------------------------------------------------- command line
def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="python -m utils.serving.gpu_check",
        description="Start SGLang with the course's command on a GPU and check it (needs an NVIDIA GPU and sglang).",
    )
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--model", help="a local Qwen3-Embedding folder (hf download Qwen/Qwen3-Embedding-0.6B --local-dir DIR)")
    which.add_argument("--tiny", action="store_true", help="build and serve a tiny random Qwen3 (no download)")
    p.add_argument("--reranker", help="a local Qwen3-Reranker folder: also check the reranker")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0, help="0: a free port")
    p.add_argument("--dimensions", type=int, default=128, help="width for the `dimensions` check")
    p.add_argument("--throughput-texts", type=int, default=1024, help="texts in the throughput batch (100 words each)")
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--concurrency", type=int, default=4, help="requests in flight during the throughput check")
    p.add_argument("--peak-tflops", type=float, help="the GPU's dense bf16 TFLOP/s, when it is not in the built-in table")
    p.add_argument("--sglang-args", default="", help='extra SGLang flags, e.g. "--attention-backend triton"')
    p.add_argument("--timeout", type=float, default=900.0, help="seconds to wait for each server to become healthy")
    p.add_argument("--runs-dir", default=str(REPO_ROOT / "runs"), help="the report goes to RUNS_DIR/gpu_check/")
    return p.parse_args(argv)


def cannot_run_reason() -> str | None:
    """Why this machine cannot run the check (no CUDA GPU, no sglang), or ``None``."""
    import importlib.util

    try:
        import torch
    except ImportError:
        return "torch is not installed: install the GPU environment (requirements-gpu.txt)."
    if not torch.cuda.is_available():
        return (
            "utils.serving.gpu_check needs an NVIDIA GPU with CUDA (torch.cuda.is_available() is False here). "
            "It checks SGLang on the GPU track; on a CPU the course runs with `make course` and is tested by `make test`."
        )
    if importlib.util.find_spec("sglang") is None:
        return "sglang is not installed: create the GPU environment (README, 'The GPU track', step 1)."
    return None


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    reason = cannot_run_reason()
    if reason:
        print(reason, file=sys.stderr)
        return 2
    workdir = Path(tempfile.mkdtemp(prefix="gpu-check-"))  # the tiny model, removed at the end
    try:
        return _run(args, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _run(args: argparse.Namespace, workdir: Path) -> int:
    import torch

    model = build_tiny_model(workdir / "tiny-qwen3") if args.tiny else Path(args.model)
    for folder, repo in ((model, "Qwen3-Embedding-0.6B"), (Path(args.reranker) if args.reranker else None, "Qwen3-Reranker-0.6B")):
        if folder is not None and not (folder / "config.json").is_file():
            hint = f"`hf download Qwen/{repo} --local-dir models/{repo}`"
            print(f"{folder} is not a model folder (no config.json): download it first, e.g. {hint}.", file=sys.stderr)
            return 2

    out_dir = Path(args.runs_dir) / "gpu_check"
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
    device_name = torch.cuda.get_device_name(0)
    peak = args.peak_tflops * 1e12 if args.peak_tflops else peak_bf16_flops(device_name)
    texts, labels = reference_inputs()
    print(f"GPU: {device_name}; reference vectors with transformers (fp32) from {model} ...", flush=True)
    reference, n_params = reference_vectors(model, texts, "cuda")
    bound = upper_bound_tokens_per_s(peak, n_params) if peak else None

    name = model.name
    port = args.port or free_port(args.host)
    command = sglang_command(str(model), args.host, port, served_model_name=name, extra_args=shlex.split(args.sglang_args))
    meta: dict[str, Any] = {
        "gpu": device_name,
        "peak_bf16_flops": peak,
        "model": str(model),
        "tiny": bool(args.tiny),
        "parameters_without_embeddings": n_params,
        "environment": _environment(),
        "sglang_command": command,
    }
    print("starting:", " ".join(shlex.quote(c) for c in command), flush=True)
    results: list[CheckResult] = []
    server, failure = _start(command, args.host, port, out_dir / f"sglang-{stamp}.log", args.timeout)
    if failure:
        results.append(failure)
    else:
        api = ServerAPI(server.base_url, name)
        try:
            results += server_checks(
                api, reference, args.dimensions, args.throughput_texts, args.batch_size, args.concurrency, bound
            )
        finally:
            server.stop()

    if args.reranker:
        rport = free_port(args.host)
        rcmd = reranker_command(args.reranker, None, args.host, rport, served_model_name="Qwen3-Reranker",
                                extra_args=shlex.split(args.sglang_args))
        meta["reranker_command"] = rcmd
        print("starting:", " ".join(shlex.quote(c) for c in rcmd), flush=True)
        rserver, failure = _start(rcmd, args.host, rport, out_dir / f"reranker-{stamp}.log", args.timeout)
        if failure:
            results.append(failure)
        else:
            try:
                results.append(check_rerank(ServerAPI(rserver.base_url, "Qwen3-Reranker")))
            finally:
                rserver.stop()

    print()
    print(format_table(results))
    path = write_report(results, meta, out_dir)
    print(f"\nreport: {path}")
    return 1 if any(r.failed for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
