"""Every notebook: committed without outputs, one parameters cell, lint-clean; the template executed.

Each notebook is executed by its own tests/test_nb_*.py file through the same fixture.
"""

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


def test_template_renders_at_tiny_size(notebook_results):
    """notebooks/_template.ipynb runs through papermill (a copy under the session's runs/executed/)."""
    r = notebook_results("_template", N_QUERIES=10, N_DOCS=60)
    assert r["smoke"] is True and r["n_queries"] == 10 and r["n_docs"] >= 10
    assert set(r["metrics"]) == {"dense", "BM25"}
    c = r["comparison"]
    assert abs(c["mean_b"] - r["metrics"]["dense"]["nDCG@10"]) < 1e-3
    winner = "dense" if c["delta"] > 0 else "BM25"
    expected = f"{winner} wins" if c["p_value"] < 0.05 else "no significant difference"
    assert r["verdict"].startswith(expected), r["verdict"]
