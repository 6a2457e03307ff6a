"""The package's shape (issue 24): two layers, imports that run one way, no cycle, a map that names every package.

The import graph is read from the source (``ast``), including imports inside functions and under
``TYPE_CHECKING``: an import that only runs later still ties two modules together.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

UTILS = Path(__file__).resolve().parent.parent / "utils"
LIBRARY = ("serving", "data", "search", "training")
#: package -> the packages it may import (the dependency direction of ../shared/ARCHITECTURE.md)
ALLOWED = {
    "paths": set(),
    "data": {"paths"},
    "serving": {"paths", "data"},
    "search": {"paths", "data", "serving"},
    "training": {"paths", "data", "serving", "search"},
    "course": {"paths", "data", "serving", "search", "training"},
    "adapt": {"paths", "data", "serving", "search", "training", "course"},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(UTILS.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@functools.cache  # parsed once per session, not once per parametrized test; callers only read it
def import_graph() -> dict[str, frozenset[str]]:
    """Module -> the ``utils`` modules it imports (``from utils.a import b`` counts b when b is a module)."""
    modules = {module_name(p): p for p in UTILS.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "utils":
                for alias in node.names:
                    sub = f"{node.module}.{alias.name}"
                    deps.add(sub if sub in modules else node.module)
            elif isinstance(node, ast.Import):
                deps |= {a.name for a in node.names if a.name.split(".")[0] == "utils"}
        graph[name] = frozenset(d for d in deps if d in modules and d != name and d != "utils")
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for dep in sorted(graph.get(node, ())):
            if state.get(dep) == 1:
                return stack[stack.index(dep):] + [dep]
            if dep not in state and (found := visit(dep)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "utils"


def test_no_import_cycle_between_modules():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


@pytest.mark.parametrize("module", sorted(import_graph()))
def test_imports_run_one_way(module: str):
    """Library packages never import the course; the data layer never imports serving; and so on."""
    own = layer(module)
    if own == "utils":
        return
    bad = sorted(d for d in import_graph()[module] if layer(d) != own and layer(d) not in ALLOWED[own])
    assert not bad, f"{module} ({own}) imports {bad}, against the direction {own} -> {sorted(ALLOWED[own])}"


def test_the_adapt_package_runs_inputs_and_cache_then_study_report_cli():
    graph = import_graph()
    order = ["inputs", "study", "report", "cli"]
    for i, low in enumerate(order):
        for high in order[i + 1:]:
            assert f"utils.adapt.{high}" not in graph[f"utils.adapt.{low}"], f"{low} imports {high}"
    assert "utils.adapt.study" not in graph["utils.adapt.cache"]


def test_the_training_layer_runs_config_train_output_finetune_cli():
    graph = import_graph()
    order = ["config", "train", "output", "finetune", "cli"]
    for i, low in enumerate(order):
        for high in order[i + 1:]:
            assert f"utils.training.{high}" not in graph[f"utils.training.{low}"], f"{low} imports {high}"


def test_no_module_sits_loose_in_utils_except_the_shared_ones():
    loose = sorted(p.stem for p in UTILS.glob("*.py") if p.stem != "__init__")
    assert set(loose) <= {"paths"}, loose
    packages = {p.name for p in UTILS.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert packages == {*LIBRARY, "course", "adapt"}, packages


def test_the_map_names_every_package_and_the_package_imports_nothing():
    text = (UTILS / "__init__.py").read_text()
    for pkg in (*LIBRARY, "course", "adapt"):
        assert f":mod:`utils.{pkg}`" in text
    assert "import " not in text.split('"""')[-1]
    for pkg in (*LIBRARY, "course", "adapt"):
        body = (UTILS / pkg / "__init__.py").read_text().split('"""')[-1]
        assert "import " not in body, f"utils/{pkg}/__init__.py does work at import time"


def test_course_modules_are_named_after_their_notebooks():
    notebooks = {p.stem[:2] for p in (UTILS.parent / "notebooks").glob("[0-9][0-9]_*.ipynb")}
    for p in (UTILS / "course").glob("nb*.py"):
        assert p.stem[2:4] in notebooks, f"{p.name} names no notebook"


def test_no_function_defined_below_a_main_block():
    for path in UTILS.rglob("*.py"):
        body = ast.parse(path.read_text()).body
        mains = [i for i, n in enumerate(body) if isinstance(n, ast.If) and "__main__" in ast.unparse(n.test)]
        if mains:
            assert mains[0] == len(body) - 1, f"{path}: definitions below `if __name__ == '__main__'`"
