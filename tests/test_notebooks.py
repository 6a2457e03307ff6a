"""Every notebook: committed without outputs, one parameters cell, lint-clean; the template executed.

Each notebook is executed by its own tests/test_nb_*.py file through the same fixture.
"""

import ast
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks():
    names = [p.stem for p in NOTEBOOKS]
    assert names[:2] == ["00_setup", "01_serve_and_embed"], names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_without_outputs_and_with_one_parameters_cell(path):
    nb = nbformat.read(str(path), as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs, f"{path.name}: a cell has outputs; strip them before committing"
            assert cell.execution_count is None, f"{path.name}: execution counts must be cleared"
    params = [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(params) == 1, f"{path.name}: needs exactly one cell tagged 'parameters'"
    src = params[0].source
    for name in ("MODE", "MODEL", "SMOKE"):
        assert f"{name} = " in src, f"{path.name}: the parameters cell must define {name}"
    for line in src.splitlines():
        if "#" in line and "=" in line.split("#", 1)[1]:
            pytest.fail(f"{path.name}: papermill cannot parse a parameter comment containing '=': {line!r}")
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    for heading in ("Summary", "Exercises", "What's next"):
        assert heading in text, f"{path.name}: missing a '{heading}' section"


def test_ruff_is_clean():
    r = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "utils", "tests", "notebooks", "data"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stdout + r.stderr


#: knobs of a parameters cell that are not sizes (None there means "from the environment")
NOT_SIZES = {"MODE", "MODEL", "BASE_URL", "SMOKE"}


def one_form_problems(path: Path) -> list[str]:
    """What keeps a notebook from the one form the template shows (issue 24): LessonChecks, not a bare
    assert; the server only inside `with start_server(...)`; smoke sizes in the cell right after the
    `parameters` cell; a results record with the lesson checks; the three counts."""
    nb = nbformat.read(str(path), as_version=4)
    cells = [c for c in nb.cells if c.cell_type == "code"]
    code = "\n".join(c.source for c in cells)
    problems = []
    for c in cells:
        tree = ast.parse("async def _cell():\n" + "\n".join("    " + line for line in c.source.splitlines()))
        if any(isinstance(node, ast.Assert) for node in ast.walk(tree)):
            problems.append(f"a bare assert in cell {c.get('id')}: check the lesson with LessonChecks")
    if "LessonChecks(" not in code and not re.search(r"^checks(, \w+)? = \w+\.lesson_checks\(", code, flags=re.M):
        problems.append("no LessonChecks() (or a course module's lesson_checks returning one)")
    for needed in ("checks.verify()", "save_results("):  # its results test reads the checks
        if needed not in code:
            problems.append(f"no {needed}")
    loose = []
    for c in cells:
        tree = ast.parse("async def _cell():\n" + "\n".join("    " + line for line in c.source.splitlines()))
        in_with = {id(item.context_expr) for node in ast.walk(tree) if isinstance(node, (ast.With, ast.AsyncWith))
                   for item in node.items}
        lines = c.source.splitlines()
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "start_server":
                line = lines[node.lineno - 2]
                if id(node) not in in_with and "# not in a `with` block:" not in line:  # a stated exception only
                    loose.append(line.strip())
    if loose:  # a notebook that serves nothing itself (09 calls utils.adapt, which serves) has nothing to check
        problems.append(f"the server must start in a `with start_server(...)` block: {loose}")
    index = next(i for i, c in enumerate(cells) if "parameters" in c.metadata.get("tags", []))
    sizes = {name for name, comment in re.findall(r"^([A-Z_]+) = None\b.*?#(.*)$", cells[index].source, flags=re.M)
             if "smoke" in comment.lower()} - NOT_SIZES  # a knob whose comment gives a smoke size
    after = cells[index + 1].source
    if sizes and "smoke" not in after:
        problems.append("the cell after `parameters` must set the smoke sizes (settings.smoke)")
    problems += [f"size {name} is not set in the cell after `parameters`" for name in sorted(sizes) if name not in after]
    lines = [line for c in cells for line in c.source.splitlines() if line.strip()]
    longest = max(len([line for line in c.source.splitlines() if line.strip()]) for c in cells)
    if len(lines) > 200 or longest > 25 or max(map(len, lines)) > 110:
        problems.append(f"{len(lines)} code lines (<= 200), a cell of {longest} (<= 25), widest {max(map(len, lines))}")
    return problems


@pytest.mark.parametrize("name", ["_template", *(p.stem for p in sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb")))])
def test_the_template_shows_the_one_form(name):
    """The template and every notebook keep the one form (issue 24); see one_form_problems."""
    assert one_form_problems(REPO / "notebooks" / f"{name}.ipynb") == []


def test_the_form_check_catches_what_the_old_template_had(tmp_path):
    """A bare assert, a server started by hand and smoke sizes elsewhere are each reported."""
    nb = nbformat.read(str(REPO / "notebooks" / "_template.ipynb"), as_version=4)
    for c in nb.cells:
        c.source = c.source.replace("checks.verify()", "assert all(checks)").replace(
            "with start_server(settings, port=0) as server:", "server = start_server(settings, port=0)\nif True:"
        )
    params = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    after = nb.cells[params + 1].source.splitlines()
    nb.cells[params + 1].source = "\n".join("n_docs = 150" if x.startswith("n_docs =") else x for x in after)
    nbformat.write(nb, str(tmp_path / "old.ipynb"))
    problems = "\n".join(one_form_problems(tmp_path / "old.ipynb"))
    assert "bare assert" in problems and "no checks.verify()" in problems
    assert "with start_server" in problems and "size N_DOCS" in problems


def test_template_renders_at_tiny_size(notebook_results):
    """notebooks/_template.ipynb runs through papermill (a copy under the session's runs/executed/)."""
    r = notebook_results("_template", N_QUERIES=10, N_DOCS=60)
    assert r["smoke"] is True and r["n_queries"] == 10 and r["n_docs"] >= 10
    checks = {c["lesson"]: c for c in r["lesson_checks"]}
    assert len(checks) == 2 and all(c["outcome"] == "passed" and c["op"] == ">=" for c in checks.values())
    for name in ("dense", "BM25"):
        (c,) = [c for lesson, c in checks.items() if lesson.startswith(name + " ")]
        assert c["measured"] == pytest.approx(r["metrics"][name]["nDCG@10"])
    assert set(r["metrics"]) == {"dense", "BM25"}
    c = r["comparison"]
    assert abs(c["mean_b"] - r["metrics"]["dense"]["nDCG@10"]) < 1e-3
    winner = "dense" if c["delta"] > 0 else "BM25"
    expected = f"{winner} wins" if c["p_value"] < 0.05 else "no significant difference"
    assert r["verdict"].startswith(expected), r["verdict"]


def test_each_notebook_is_executed_from_its_own_test_file_only():
    """`make test` gives each test file to one of two workers (pytest-xdist, --dist loadfile), and a worker
    caches the notebooks it executed: a notebook asked for from two files would run twice (05 did)."""
    tests = Path(__file__).resolve().parent
    asked: dict[str, set[str]] = {}
    for path in tests.glob("test_*.py"):
        for name in re.findall(r"notebook_results\(\s*[\"']([^\"']+)[\"']", path.read_text(encoding="utf-8")):
            asked.setdefault(name, set()).add(path.name)
    assert "05_production_pipeline" in asked and "_template" in asked  # the search finds what it should
    wrong = {n: sorted(files) for n, files in asked.items()
             if files != {f"test_nb_{n}.py"} and not (n.startswith("_") and len(files) == 1)}
    assert not wrong, f"execute each notebook from tests/test_nb_<name>.py alone: {wrong}"
