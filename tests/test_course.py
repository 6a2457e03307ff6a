import json
import os
from pathlib import Path

import pytest

from utils.course.results import save_results
from utils.course.run import format_duration, main, notebooks, readme_table, record_timings, summarise

REPO = Path(__file__).resolve().parent.parent


def test_notebooks_in_reading_order():
    names = [p.stem for p in notebooks()]
    assert names == sorted(names) and names[0] == "00_setup"


def test_summary_lists_each_notebook(tmp_path):
    save_results(tmp_path, "00_setup", {"mode": "cpu", "dim": 384})
    save_results(tmp_path, "02_x", {"per_domain": {"medical": {"nDCG@10": 0.51234}}})
    text = summarise(tmp_path, {"00_setup": 12.0})
    assert "## 00_setup (12 s)" in text and "| dim | 384 |" in text
    assert "per_domain.medical.nDCG@10 | 0.5123" in text
    assert "No results" in summarise(tmp_path / "empty")
    json.loads((tmp_path / "results" / "02_x.json").read_text())


def test_underscore_notebooks_are_not_part_of_the_course(tmp_path):
    for name in ("00_a.ipynb", "01_b.ipynb", "_template.ipynb", "_scratch.ipynb"):
        (tmp_path / name).write_text("{}")
    assert [p.name for p in notebooks(tmp_path)] == ["00_a.ipynb", "01_b.ipynb"]
    assert "_template" not in [p.stem for p in notebooks()]


def test_format_duration():
    assert [format_duration(s) for s in (11.2, 59.6, 65, 95, 570)] == [
        "11 s",
        "1 min",
        "1 min",
        "1.5 min",
        "9.5 min",
    ]


README = """# Course

| notebook | goal | CPU default | GPU (SGLang, Qwen3-0.6B) |
|---|---|---|---|
| [00_a](notebooks/00_a.ipynb) | check things | 11 s | not yet measured |
| [01_b](notebooks/01_b.ipynb) | serve things | 2 min | not yet measured |

CPU times: one `make course` run (about 15 minutes in all) on a 2-core machine with 24 GiB of memory,
2026-11-27. More text.
"""


def _nb(folder, name, title):
    cell = {"cell_type": "markdown", "metadata": {}, "source": [f"# {title}\n", "\n", "Body."]}
    (folder / name).write_text(
        json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
    )


def test_readme_table_from_timings(tmp_path):
    for name, title in (
        ("00_a", "00 · A: check things"),
        ("01_b", "01 · B: serve"),
        ("02_c", "02 · C: a new lesson"),
    ):
        _nb(tmp_path, f"{name}.ipynb", title)
    _nb(tmp_path, "_template.ipynb", "NN · Title: the template")
    timings = {
        "cpu": {
            "00_a": {"seconds": 8.4, "date": "2026-12-01", "cpus": 4, "memory_gib": 16},
            "01_b": {"seconds": 300.0, "date": "2026-12-02", "cpus": 4, "memory_gib": 16},
        },
        "sglang": {"02_c": {"seconds": 42.0, "date": "2026-12-02", "cpus": 4, "gpu": "H100"}},
        "cpu-smoke": {"00_a": {"seconds": 1.0, "date": "2026-12-03", "cpus": 4}},
        "openai": {"01_b": {"seconds": 5.0, "date": "2026-12-03", "cpus": 4}},
    }
    text = readme_table(README, timings, folder=tmp_path)
    assert "| [00_a](notebooks/00_a.ipynb) | check things | 8 s | not yet measured |" in text
    assert "| [01_b](notebooks/01_b.ipynb) | serve things | 5 min | not yet measured |" in text
    assert "| [02_c](notebooks/02_c.ipynb) | a new lesson | not yet measured | 42 s |" in text
    assert "_template" not in text
    assert (
        "(about 5 minutes in all) on a 4-core machine with 16 GiB of memory,\n2026-12-02. More text." in text
    )
    assert text.count("| [") == 3 and text.endswith("More text.\n")


def test_readme_table_refuses_smoke_only_timings_and_a_missing_table(tmp_path):
    smoke = {"cpu-smoke": {"00_a": {"seconds": 3.0, "date": "2026-12-01", "cpus": 2}}}
    with pytest.raises(ValueError, match="no full-size cpu or sglang timings"):
        readme_table(README, smoke, folder=tmp_path)
    with pytest.raises(ValueError, match="no notebook table"):
        readme_table("# nothing here\n", {"cpu": {"00_a": {"seconds": 1.0}}}, folder=tmp_path)


def test_record_timings_merges_and_the_cli_prints_the_table(tmp_path, capsys):
    record_timings(tmp_path, {"00_setup": 10.0, "01_serve_and_embed": 100.0}, "cpu", False)
    record_timings(tmp_path, {"00_setup": 12.0}, "cpu", False)
    record_timings(tmp_path, {"00_setup": 2.0}, "cpu", True)
    data = json.loads((tmp_path / "timings.json").read_text())
    assert (
        data["cpu"]["00_setup"]["seconds"] == 12.0 and data["cpu"]["01_serve_and_embed"]["seconds"] == 100.0
    )
    assert data["cpu-smoke"]["00_setup"]["seconds"] == 2.0 and data["cpu"]["00_setup"]["cpus"] >= 1
    assert main(["--runs-dir", str(tmp_path), "--readme-table"]) == 0
    out = capsys.readouterr().out
    assert "| [00_setup](notebooks/00_setup.ipynb) |" in out and " 12 s " in out and " 1.5 min " in out
    assert main(["--runs-dir", str(tmp_path / "none"), "--readme-table"]) == 1


def test_text_copies_round_trip_every_notebook(tmp_path):
    import jupytext

    from utils.course.run import text_copies

    written = text_copies(tmp_path / "text")
    sources = sorted((REPO / "notebooks").glob("*.ipynb"))
    assert [p.stem for p in written] == [p.stem for p in sources] and "_template" in [p.stem for p in written]
    for copy, src in zip(written, sources, strict=True):
        text = copy.read_text()
        assert text.startswith("# %% [markdown]"), "percent format, without a metadata header"
        back, orig = jupytext.read(copy), jupytext.read(src)
        assert [(c.cell_type, c.source) for c in back.cells] == [(c.cell_type, c.source) for c in orig.cells]
        assert ["parameters"] in [c.metadata.get("tags") for c in back.cells]


def test_smoke_run_passes_each_notebooks_sizes(tmp_path, monkeypatch):
    """`make course-smoke` and the tests run the same sizes: SMOKE=True alone; the sizes live in each notebook."""
    import papermill

    from utils.course import run as course

    seen: dict[str, dict] = {}

    def fake_execute(src, out, parameters, **kwargs):
        seen[Path(src).stem] = parameters

    monkeypatch.setattr(papermill, "execute_notebook", fake_execute)
    monkeypatch.setenv("EMB_RUNS_DIR", str(tmp_path))  # run_course sets it; restored after the test
    course.run_course(tmp_path, smoke=True, only=["01", "02", "05"])
    assert seen["01_serve_and_embed"] == {"SMOKE": True}  # its smoke sizes live in the notebook
    assert seen["02_instructions"] == {"SMOKE": True}  # its smoke size lives in the notebook
    assert seen["05_production_pipeline"]["SMOKE"] is True
    course.run_course(tmp_path, smoke=False, only=["01"])
    assert seen["01_serve_and_embed"] == {}


def test_course_run_hands_the_kernels_an_absolute_model_path(tmp_path, monkeypatch):
    """The kernels run in notebooks/: a relative EMB_MODEL is made absolute against the caller's directory first."""
    import papermill

    from utils.course import run as course

    seen = []
    monkeypatch.setattr(papermill, "execute_notebook", lambda *a, **k: seen.append(os.environ.get("EMB_MODEL")))
    (tmp_path / "models" / "m").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("EMB_MODEL", "models/m")
    monkeypatch.setenv("EMB_RUNS_DIR", str(tmp_path))
    course.run_course(tmp_path / "runs", only=["00"])
    assert seen == [str(tmp_path / "models" / "m")]
