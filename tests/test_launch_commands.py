"""utils.serving.launch's SGLang command builders (sglang_command, reranker_command), the Qwen3-Reranker
template shipped with the course, and the README's GPU-track text that must agree with them.

Written against sglang 0.5.23 and huggingface_hub 1.33 (no GPU here): the template is rendered the
way sglang 0.5.23 loads it (template_manager.py) and fills it (serving_rerank.py)."""

import re
import shlex
import sys
from pathlib import Path

import jinja2
import pytest
from jinja2.sandbox import ImmutableSandboxedEnvironment

from utils.paths import REPO_ROOT
from utils.serving.launch import QWEN3_RERANKER_TEMPLATE, reranker_command, sglang_command

README = (REPO_ROOT / "README.md").read_text()

# The Qwen3-Reranker model card's prompt: prefix, "<Instruct>: ...\n<Query>: ...\n<Document>: ...", suffix.
CARD_PREFIX = (
    "<|im_start|>system\nJudge whether the Document meets the requirements based on the Query and the "
    'Instruct provided. Note that the answer can only be "yes" or "no".<|im_end|>\n<|im_start|>user\n'
)
CARD_SUFFIX = "<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n"
CARD_DEFAULT_TASK = "Given a web search query, retrieve relevant passages that answer the query"


def _render_like_sglang(path: Path, query: str, document: str, instruct: str | None) -> str:
    """sglang 0.5.23: read the file, strip newlines at both ends, turn literal "\\n" into newlines, then
    render in a sandbox with both messages as role "user" and `instruct` only when given."""
    text = "".join(path.open().readlines()).strip("\n").replace("\\n", "\n")
    env = ImmutableSandboxedEnvironment(loader=jinja2.BaseLoader(), autoescape=False, undefined=jinja2.Undefined)
    kwargs = {"messages": [{"role": "user", "content": query}, {"role": "user", "content": document}]}
    if instruct:
        kwargs["instruct"] = instruct
    return env.from_string(text).render(**kwargs)


def test_reranker_template_is_shipped_and_recognised_by_sglang():
    assert QWEN3_RERANKER_TEMPLATE.is_absolute() and QWEN3_RERANKER_TEMPLATE.is_file()
    assert QWEN3_RERANKER_TEMPLATE.is_relative_to(REPO_ROOT / "utils")
    # the phrase sglang's _is_qwen3_reranker_template looks for (case-insensitive)
    assert 'answer can only be "yes" or "no"' in QWEN3_RERANKER_TEMPLATE.read_text().lower()
    pyproject = (REPO_ROOT / "pyproject.toml").read_text()  # installed with the package, not only in a checkout
    assert re.search(r'\[tool\.setuptools\.package-data\]\s*\n"utils\.serving" = \["templates/\*\.jinja"\]', pyproject)


@pytest.mark.parametrize("instruct", [None, "Given a medical question, retrieve passages that answer it"])
def test_reranker_template_renders_the_model_card_prompt(instruct):
    q, d = "Which drug lowers blood pressure?", "ACE inhibitors lower blood pressure."
    got = _render_like_sglang(QWEN3_RERANKER_TEMPLATE, q, d, instruct)
    want = f"{CARD_PREFIX}<Instruct>: {instruct or CARD_DEFAULT_TASK}\n<Query>: {q}\n<Document>: {d}{CARD_SUFFIX}"
    assert got == want


def test_reranker_command_points_at_the_shipped_template():
    cmd = reranker_command("models/Qwen3-Reranker-0.6B", port=30010)
    assert cmd[1:3] == ["-m", "sglang.launch_server"] and "--is-embedding" not in cmd
    assert cmd[cmd.index("--chat-template") + 1] == str(QWEN3_RERANKER_TEMPLATE)
    assert "--disable-radix-cache" in cmd and cmd[cmd.index("--port") + 1] == "30010"


def test_reranker_command_trust_remote_code_is_opt_in():
    assert "--trust-remote-code" not in reranker_command("m")
    assert "--trust-remote-code" in reranker_command("m", trust_remote_code=True)


def test_reranker_command_takes_an_api_key():
    cmd = reranker_command("m", api_key="secret", served_model_name="Qwen3-Reranker")
    assert cmd[cmd.index("--api-key") + 1] == "secret"
    assert "--api-key" not in reranker_command("m")


def test_reranker_command_refuses_a_template_that_does_not_exist():
    with pytest.raises(FileNotFoundError, match="chat_template=None"):
        reranker_command("m", "examples/chat_template/qwen3_reranker.jinja")  # the old default: not in the repo


def test_reranker_command_resolves_a_relative_template_to_an_absolute_path(tmp_path, monkeypatch):
    rel = QWEN3_RERANKER_TEMPLATE.relative_to(REPO_ROOT)
    monkeypatch.chdir(tmp_path)  # not found from here: read from the repository root
    cmd = reranker_command("m", str(rel))
    assert cmd[cmd.index("--chat-template") + 1] == str(QWEN3_RERANKER_TEMPLATE)
    monkeypatch.chdir(REPO_ROOT / "notebooks")  # a notebook's working directory
    cmd = reranker_command("m", "../" + str(rel))
    assert cmd[cmd.index("--chat-template") + 1] == str(QWEN3_RERANKER_TEMPLATE)
    own = tmp_path / "mine.jinja"
    own.write_text('answer can only be "yes" or "no"')
    assert reranker_command("m", own)[reranker_command("m", own).index("--chat-template") + 1] == str(own)


def _readme_sglang_block() -> list[str]:
    blocks = [b for b in re.findall(r"```bash\n(.*?)```", README, flags=re.S) if "sglang.launch_server" in b]
    assert len(blocks) == 1, "the README should show one SGLang launch command"
    return shlex.split(blocks[0].replace("\\\n", " "))


def test_readme_sglang_command_is_the_builders():
    readme = _readme_sglang_block()
    assert readme[0] == "python"
    model = readme[readme.index("--model-path") + 1]
    built = sglang_command(
        model, port=int(readme[readme.index("--port") + 1]), served_model_name=Path(model).name
    )
    assert built[0] == sys.executable
    assert readme[1:] == built[1:]


def test_readme_model_name_matches_the_served_name():
    readme = _readme_sglang_block()
    served = readme[readme.index("--served-model-name") + 1]
    assert f"EMB_MODEL_NAME={served}" in README


def test_no_deprecated_huggingface_cli_download():
    """huggingface_hub 1.x: `huggingface-cli` prints a deprecation and exits 1; the command is `hf download`."""
    files = [REPO_ROOT / "README.md", REPO_ROOT / "Makefile", REPO_ROOT / "requirements-gpu.txt"]
    files += sorted((REPO_ROOT / "utils").glob("*.py")) + sorted((REPO_ROOT / "notebooks").glob("*.ipynb"))
    offenders = [f.name for f in files if "huggingface-cli download" in f.read_text()]
    assert not offenders, f"use `hf download` instead of `huggingface-cli download` in {offenders}"
    assert "hf download Qwen/Qwen3-Embedding-0.6B --local-dir models/Qwen3-Embedding-0.6B" in README


def test_gpu_requirements_are_stated_as_sglang_0_5_23_needs():
    gpu = README[README.index("## The GPU track") :]
    gpu = gpu[: gpu.index("\n## ", 5)]
    for fact in ("Python >= 3.11", "manylinux_2_34", "CUDA 13", "make gpu-check"):
        assert fact in gpu, fact
    header = (REPO_ROOT / "requirements-gpu.txt").read_text().split("\nsglang==")[0]
    for fact in ("Python >= 3.11", "manylinux_2_34", "CUDA 13"):
        assert fact in header, fact
    assert "sglang==0.5.23" in (REPO_ROOT / "requirements-gpu.txt").read_text()


def test_commands_parse_with_the_installed_sglang():
    """On the GPU environment: SGLang's own parser accepts both commands (skipped where sglang is absent)."""
    server_args = pytest.importorskip("sglang.srt.server_args")
    emb = server_args.prepare_server_args(sglang_command("m", api_key="k", served_model_name="x")[3:])
    assert emb.is_embedding and emb.dtype == "bfloat16" and emb.api_key == "k"
    rr = server_args.prepare_server_args(reranker_command("m", api_key="k")[3:])
    assert not rr.is_embedding and rr.chat_template == str(QWEN3_RERANKER_TEMPLATE) and not rr.trust_remote_code


def test_make_test_also_runs_the_gpu_tracks_transformers():
    """`make test` ends with test-compat, built with the transformers sglang pins (requirements-gpu.txt)."""
    makefile = (REPO_ROOT / "Makefile").read_text()
    test_recipe = makefile.split("\ntest: ", 1)[1].split("\n\n", 1)[0]
    assert "test-compat" in test_recipe
    pinned = re.search(r"^sglang==.*pins .*transformers (\d+\.\d+\.\d+)", (REPO_ROOT / "requirements-gpu.txt").read_text(), re.M)
    assert pinned and re.search(rf"^COMPAT_TRANSFORMERS \?= {re.escape(pinned.group(1))}$", makefile, re.M)


def test_sglangs_own_code_recognises_and_renders_the_template():
    """On the GPU environment: sglang's detection and rendering give the model card's prompt (skipped without sglang)."""
    rerank = pytest.importorskip("sglang.srt.entrypoints.openai.serving_rerank")
    loaded = "".join(QWEN3_RERANKER_TEMPLATE.open().readlines()).strip("\n").replace("\\n", "\n")  # as template_manager
    assert rerank._is_qwen3_reranker_template(loaded) and not rerank._is_qwen3_vl_reranker_template(loaded)
    got = rerank._render_jinja_chat_template(loaded, query="q?", document="d.", instruct=None)
    assert got == f"{CARD_PREFIX}<Instruct>: {CARD_DEFAULT_TASK}\n<Query>: q?\n<Document>: d.{CARD_SUFFIX}"


def test_embedding_servers_run_without_the_radix_cache_and_say_why():
    """SGLang keeps its prefix cache on for decoder embedding models: a repeated text reuses its cached prefix,
    so its vector is not bit-identical and a benchmark that repeats texts measures cache hits."""
    assert "--disable-radix-cache" in sglang_command("m")
    assert "radix" in sglang_command.__doc__ and "cache hits" in sglang_command.__doc__
    block = " ".join(_readme_sglang_block())
    assert "--disable-radix-cache" in block
    gpu = README[README.index("## The GPU track") :]
    assert re.search(r"`--disable-radix-cache`[^.]*(cache|repeated)", gpu), "the README says why"


def test_each_server_has_a_default_memory_fraction_that_lets_the_course_share_one_gpu():
    """Each SGLang server reserves most of the GPU by default; the next notebook's server, notebook 05's reranker
    or an in-process model then fails to start. Two embedding servers and a reranker must fit one GPU."""
    from utils.serving.launch import EMBEDDING_MEM_FRACTION, RERANKER_MEM_FRACTION

    emb, rr = sglang_command("m"), reranker_command("m")
    assert float(emb[emb.index("--mem-fraction-static") + 1]) == EMBEDDING_MEM_FRACTION
    assert float(rr[rr.index("--mem-fraction-static") + 1]) == RERANKER_MEM_FRACTION
    # SGLang 0.5.23 takes each fraction of the memory free at its start: what is left after three servers
    left = (1 - EMBEDDING_MEM_FRACTION) ** 2 * (1 - RERANKER_MEM_FRACTION)
    assert left >= 0.35, f"only {left:.0%} of the GPU left for in-process models"
    assert "--mem-fraction-static" not in sglang_command("m", mem_fraction_static=None)
    assert sglang_command("m", mem_fraction_static=0.5)[sglang_command("m").index("--mem-fraction-static") + 1] == "0.5"
    with pytest.raises(ValueError, match="between 0 and 1"):
        sglang_command("m", mem_fraction_static=1.5)
    assert "--mem-fraction-static" in README[README.index("## The GPU track") :]


def test_readme_says_sglang_also_reads_the_key_from_a_config_file():
    """sglang 0.5.23's launch_server reads `--config FILE.yaml` (server_args.py), which keeps the key out of `ps`."""
    gpu = README[README.index("## The GPU track") :]
    gpu = gpu[: gpu.index("\n## ", 5)]
    assert "reads it only from its command line" not in gpu
    assert "--config" in gpu and "`api-key: KEY`" in gpu  # the flag's spelling: sglang turns a key K into --K


def test_sglang_reads_the_key_from_a_config_file(tmp_path):
    """On the SGLang environment: the README's --config form gives the server its key (skipped without sglang)."""
    server_args = pytest.importorskip("sglang.srt.server_args")
    config = tmp_path / "sglang.yaml"
    config.write_text("api-key: from-the-file\n")  # as the README writes it (`api_key:` becomes --api_key: refused)
    args = server_args.prepare_server_args([*sglang_command("m", served_model_name="x")[3:], "--config", str(config)])
    assert args.api_key == "from-the-file" and args.disable_radix_cache and args.mem_fraction_static == 0.3
