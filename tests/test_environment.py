"""The environment files agree, every requirement is bounded and commented, and the LoRA path installs."""

import re
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement

REPO = Path(__file__).resolve().parent.parent


def requirement_lines(path):
    lines = []
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or line.startswith("-"):
            continue
        lines.append(line)
    return lines


def names_in_requirements(path):
    return {Requirement(line.split("#")[0].strip()).name.lower() for line in requirement_lines(path)}


def names_in_environment_yml():
    text = (REPO / "environment.yml").read_text()
    pip_block = text.split("- pip:", 1)[1]
    specs = [m.split("#")[0].strip() for m in re.findall(r"^\s+- (.+)$", pip_block, flags=re.M)]
    return {Requirement(s).name.lower() for s in specs if not s.startswith("-")}


def test_environment_yml_mirrors_requirements():
    assert names_in_environment_yml() == names_in_requirements(REPO / "requirements.txt")


@pytest.mark.parametrize("path", ["requirements.txt", "requirements-gpu.txt"])
def test_every_requirement_is_bounded_and_commented(path):
    for line in requirement_lines(REPO / path):
        spec, _, comment = line.partition("#")
        req = Requirement(spec.strip())
        assert req.specifier, f"{path}: {req.name} has no version bound"
        assert comment.strip(), f"{path}: {req.name} needs a comment saying which notebooks use it"


def test_cpu_torch_is_pinned():
    assert "torch==2.13.0" in (REPO / "requirements.txt").read_text()


def test_installed_versions_satisfy_requirements():
    for line in requirement_lines(REPO / "requirements.txt"):
        req = Requirement(line.split("#")[0].strip())
        version = metadata.version(req.name)
        assert req.specifier.contains(version, prereleases=True), (
            f"{req.name} {version} does not satisfy {req.specifier}"
        )


def test_lora_adapter_can_be_added():
    """Catches the transformers/peft mismatch (transformers 5.24 needs an unreleased peft) on a fresh install."""
    from peft import LoraConfig, TaskType
    from sentence_transformers import SentenceTransformer

    from utils.serving.settings import default_cpu_model_path

    model = SentenceTransformer(default_cpu_model_path(), device="cpu")
    model.add_adapter(
        LoraConfig(
            task_type=TaskType.FEATURE_EXTRACTION, r=4, lora_alpha=8, target_modules=["query", "value"]
        )
    )
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    assert 0 < trainable < 100_000


def test_make_setup_byte_compiled_the_virtualenv():
    """`make setup` byte-compiles `.venv`: where PYTHONDONTWRITEBYTECODE is set (CI), Python writes no .pyc of
    its own, and every kernel, server and test process then compiled torch and transformers from source
    (imports 10.8 s per process instead of 4.3; CONTRIBUTING, "Byte-compiled virtualenvs")."""
    import importlib.util
    import sys

    if Path(sys.prefix).resolve() != (REPO / ".venv").resolve():
        pytest.skip("not running in the repository's .venv (`make setup` builds that one)")
    import torch
    import transformers

    for module in (torch, transformers):
        cached = Path(importlib.util.cache_from_source(module.__file__))
        assert cached.is_file(), f"{cached} is missing: rebuild the environment with `rm -rf .venv && make setup`"
