"""What a notebook's run depends on, as one hash, and which other notebooks' results it reads.

Used by the course runner (``python -m utils.course``, :mod:`utils.course.run`): a notebook that passed
is not run again while its fingerprint is unchanged, and a notebook whose input (another notebook's
results record) is missing is skipped with the reason. The fingerprint is conservative: when in doubt
it covers more, so an unneeded re-run is possible but a stale "unchanged" should not be. It covers

- the notebook file and the papermill parameters of the run;
- the whole library (every file under ``utils/`` outside ``utils/course/``: the notebooks start
  servers and trainings by module name, which no import scan would see), the course modules the
  notebook imports (followed through their own imports; all of ``utils/course/`` when a cell cannot
  be parsed), every file under ``data/`` and the notebooks folder's other files;
- the installed packages and their versions, the Python version, the ``EMB_*`` environment variables;
- the results file of every notebook it reads in this run (see :data:`NOTEBOOK_INPUTS`).
"""

from __future__ import annotations

import ast
import functools
import hashlib
import importlib.metadata
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

#: notebook -> {notebook whose results record it reads: the parameter that switches the reading on}.
#: The parameter left at None means "on at full size, off at smoke size" (the notebooks' convention).
#: ``tests/test_course.py`` checks that every ``load_record`` call of a notebook is listed here.
NOTEBOOK_INPUTS: dict[str, dict[str, str]] = {
    "05_production_pipeline": {
        "03_dimensions_quantisation_faiss": "USE_INDEX_CHOICE",
        "04_lora_finetune": "USE_FINETUNED",
    },
    "07_beyond_search": {"04_lora_finetune": "USE_FINETUNED"},
}

#: Set by the runner itself for each notebook, so not part of what a run depends on.
_RUNNER_ENV = {"EMB_LESSON_FAILURES"}


def inputs_needed(
    notebook: str, parameters: dict[str, Any], smoke: bool, inputs: dict[str, dict[str, str]] | None = None
) -> list[str]:
    """The notebooks whose results ``notebook`` reads in a run with these parameters."""
    table = NOTEBOOK_INPUTS if inputs is None else inputs
    needed = []
    for upstream, switch in table.get(notebook, {}).items():
        value = parameters.get(switch)
        if value is True or (value is None and not smoke):
            needed.append(upstream)
    return needed


def _code_cells(nb_path: Path) -> list[str]:
    cells = json.loads(nb_path.read_text(encoding="utf-8"))["cells"]
    sources = []
    for cell in cells:
        if cell.get("cell_type") == "code":
            src = cell["source"]
            sources.append("".join(src) if isinstance(src, list) else src)
    return sources


def _imported(tree: ast.AST, package: str) -> set[str]:
    """Dotted names ``tree`` imports (``from a import b`` gives ``a`` and ``a.b``); relative ones resolved
    against ``package``."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - (node.level - 1)]
                base = ".".join(parts + ([base] if base else []))
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def _module_file(name: str, root: Path) -> Path | None:
    path = root.joinpath(*name.split("."))
    for candidate in (path.with_suffix(".py"), path / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def course_modules(nb_path: Path, root: Path) -> list[Path] | None:
    """The files of ``utils.course`` that the notebook's code imports, directly or through each other.

    ``None`` when unsure (a cell that does not parse as Python, or a dynamic import): then the caller
    counts every course module. Shell (``!``) and magic (``%``) lines are left out before parsing.
    """
    course_dir = root / "utils" / "course"
    todo: list[tuple[str, str]] = []
    for src in _code_cells(nb_path):
        code = "\n".join(line for line in src.splitlines() if not line.lstrip().startswith(("%", "!")))
        if "import_module" in code or "__import__" in code:
            return None
        todo.append((code, ""))
    found: set[Path] = {course_dir / "__init__.py"}
    while todo:
        code, package = todo.pop()
        try:
            tree = ast.parse(code)
        except SyntaxError:
            return None
        for name in _imported(tree, package):
            if name != "utils.course" and not name.startswith("utils.course."):
                continue
            path = _module_file(name, root)
            if path is None or path in found:
                continue
            found.add(path)
            text = path.read_text(encoding="utf-8")
            if "import_module" in text or "__import__" in text:
                return None
            pkg = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
            todo.append((text, pkg))
    return sorted(p for p in found if p.is_file())


def _files(folder: Path, skip: Iterable[Path] = ()) -> list[Path]:
    skipped = [s.resolve() for s in skip]
    out = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts or path.suffix == ".pyc":
            continue
        if any(path.resolve().is_relative_to(s) for s in skipped):
            continue
        out.append(path)
    return out


@functools.cache  # read once per run: packages do not change while the course runs
def environment() -> tuple[str, ...]:
    """The Python version and every installed distribution as ``name==version``, sorted."""
    dists = {f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions()}
    return (sys.version.split()[0], *sorted(dists))


def fingerprint(
    nb_path: Path,
    parameters: dict[str, Any],
    root: Path,
    input_files: Iterable[Path] = (),
    env: dict[str, str] | None = None,
    extra: str = "",
) -> str:
    """The hash of everything a run of ``nb_path`` depends on (see the module docstring).

    ``root`` is the repository root (``utils/``, ``data/`` under it); ``input_files`` are the results
    files of the notebooks it reads in this run; ``env`` defaults to ``os.environ``; ``extra`` is hashed
    too (the runner passes what it knows of those notebooks' last runs).
    """
    h = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        h.update(f"{label}\0{len(data)}\0".encode())
        h.update(data)

    add("notebook", nb_path.read_bytes())
    add("parameters", json.dumps(parameters, sort_keys=True, default=str).encode())
    env = os.environ if env is None else env
    add("env", json.dumps(sorted((k, v) for k, v in env.items() if k.startswith("EMB_") and k not in _RUNNER_ENV)).encode())
    add("packages", "\n".join(environment()).encode())
    course_dir = root / "utils" / "course"
    course = course_modules(nb_path, root)
    files = _files(root / "utils", skip=[course_dir]) + (course if course is not None else _files(course_dir))
    files += _files(root / "data")
    files += [p for p in _files(nb_path.parent) if p.suffix != ".ipynb"]
    for path in files:
        add(f"file:{path.relative_to(root) if path.is_relative_to(root) else path}", path.read_bytes())
    for path in input_files:
        add(f"input:{path.name}", path.read_bytes() if path.is_file() else b"<missing>")
    add("extra", extra.encode())
    return h.hexdigest()
