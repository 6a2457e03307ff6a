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


def test_summary_names_a_results_file_it_cannot_read_and_leaves_it(tmp_path):
    save_results(tmp_path, "00_setup", {"mode": "cpu", "dim": 384})
    broken = {"notes.json": b"not json", "latin.json": b'{"a": "caf\xe9"}', "list.json": b"[1, 2]"}
    for name, data in broken.items():
        (tmp_path / "results" / name).write_bytes(data)
    text = summarise(tmp_path, {"00_setup": 12.0})
    assert "| dim | 384 |" in text  # the course's own results are still summarised
    for name, data in broken.items():
        assert f"## {name[:-5]}" in text and f"{name} could not be read as a notebook's results" in text
        assert (tmp_path / "results" / name).read_bytes() == data  # untouched


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
    assert "| [00_setup](notebooks/00_setup.ipynb) · [read it executed](docs/executed/00_setup.ipynb) |" in out and " 12 s " in out and " 1.5 min " in out
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


# --- the runner: keeps going past a failure, says why, skips what has not changed (issue 27) -------------


def _fake_notebook(folder: Path, name: str, code: str) -> Path:
    """A tiny course notebook: a parameters cell, then ``code`` (one cell)."""
    cells = [
        {"cell_type": "markdown", "id": "t", "metadata": {}, "source": f"# {name}: a fake lesson"},
        {"cell_type": "code", "id": "p", "metadata": {"tags": ["parameters"]}, "execution_count": None,
         "outputs": [], "source": "SMOKE = None\nUSE_UPSTREAM = None"},
        {"cell_type": "code", "id": "c", "metadata": {}, "execution_count": None, "outputs": [], "source": code},
    ]
    meta = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    path = folder / f"{name}.ipynb"
    path.write_text(json.dumps({"cells": cells, "metadata": meta, "nbformat": 4, "nbformat_minor": 5}))
    return path


_SAVES = "import os\nfrom utils.course.results import save_results\nsave_results(os.environ['EMB_RUNS_DIR'], {!r}, {{'x': 1}})"
_UNDECIDED = (
    "import os\nfrom utils.course.lessons import LessonChecks\nfrom utils.course.results import save_results\n"
    "checks = LessonChecks()\nchecks.expect('a lesson that holds', 2.0, '>', 1.0)\n"
    "checks.expect('async beats batched', 1.1, '>', 1.0, inconclusive='the machine was busy (spread 1.9x)')\n"
    "checks.verify()\nsave_results(os.environ['EMB_RUNS_DIR'], '00_ok', {'lesson_checks': checks.as_dicts()})"
)
_FAKE_COURSE = {
    "00_ok": _UNDECIDED,
    "01_lesson": (
        "from utils.course.lessons import LessonChecks\nchecks = LessonChecks()\n"
        "checks.expect('batching beats one request per text', 0.9459, '>', 1.2)\n"
        "checks.expect('a lesson that holds', 2.0, '>', 1.0)\nchecks.verify()"
    ),
    "02_reads_01": _SAVES.format("02_reads_01"),
    "03_error": "raise FileNotFoundError('data/x.jsonl is missing: run make setup')",
    "04_after": _SAVES.format("04_after"),
}
_FAKE_INPUTS = {"02_reads_01": {"01_lesson": "USE_UPSTREAM"}}


def _fake_course(tmp_path: Path) -> tuple[Path, Path]:
    folder, runs = tmp_path / "notebooks", tmp_path / "runs"
    folder.mkdir()
    for name, code in _FAKE_COURSE.items():
        _fake_notebook(folder, name, code)
    return folder, runs


def test_the_runner_goes_on_past_a_failure_and_the_summary_names_it(tmp_path, monkeypatch, capsys):
    """Real papermill on tiny notebooks: a failed lesson (name, measured value, bound), a skip for a
    missing input, an error, and the notebooks after them still run; the summary and exit code say so."""
    from utils.course import run as course

    monkeypatch.setenv("EMB_RUNS_DIR", str(tmp_path))  # run_course sets it; restored after the test
    folder, runs = _fake_course(tmp_path)
    only = ["00", "01", "02", "04"]  # 03_error's kind of failure: test_an_error_is_reported_with_its_first_line
    outcomes = course.run_course(runs, only=only, folder=folder, root=REPO, inputs=_FAKE_INPUTS, heartbeat=0)
    by = {o.notebook: o for o in outcomes}
    assert {n: o.status for n, o in by.items()} == {
        "00_ok": "passed", "01_lesson": "failed", "02_reads_01": "skipped", "04_after": "passed",
    }
    lesson = by["01_lesson"]
    assert lesson.failed_checks == [
        {"lesson": "batching beats one request per text", "measured": 0.9459, "op": ">", "bound": 1.2,
         "margin": pytest.approx(0.9459 - 1.2), "passed": False, "why": "", "inconclusive": "", "outcome": "failed"}
    ]
    assert lesson.detail == "failed lesson: batching beats one request per text: measured 0.9459, needs > 1.2"
    assert "01_lesson, which failed in this run" in by["02_reads_01"].detail
    assert (runs / "results" / "04_after.json").is_file() and (runs / "executed" / "04_after.ipynb").is_file()

    assert course.report(runs, outcomes, "cpu", False) == 1
    summary = (runs / "summary.md").read_text()
    assert "2 passed (1 with an inconclusive check: 00_ok), 1 failed (01_lesson), 1 skipped (02_reads_01)." in summary
    assert "| 00_ok | passed | inconclusive: async beats batched: the machine was busy (spread 1.9x) |" in summary
    row = next(line for line in summary.splitlines() if line.startswith("| 01_lesson |"))
    assert "| failed | failed lesson: batching beats one request per text: measured 0.9459, needs > 1.2 |" in row
    assert "| 02_reads_01 | skipped |" in summary and "## 04_after" in summary
    assert "| 01_lesson | failed |" in capsys.readouterr().out
    timings = json.loads((runs / "timings.json").read_text())["cpu"]
    assert set(timings) == {"00_ok", "04_after"}, "only notebooks that passed get a time"


def test_a_rerun_skips_what_passed_and_has_not_changed(tmp_path, monkeypatch, capsys):
    import papermill

    from utils.course import run as course

    ran: list[str] = []

    def fake_execute(src, out, parameters, **kwargs):
        name = Path(src).stem
        ran.append(name)
        Path(out).write_text(Path(src).read_text())
        if name == "03_error":
            raise RuntimeError("still broken")
        if name != "01_lesson":
            (Path(out).parent.parent / "results").mkdir(exist_ok=True)
            (Path(out).parent.parent / "results" / f"{name}.json").write_text("{}")

    monkeypatch.setattr(papermill, "execute_notebook", fake_execute)
    monkeypatch.setenv("EMB_RUNS_DIR", str(tmp_path))
    folder, runs = _fake_course(tmp_path)
    inputs = {"04_after": {"00_ok": "USE_UPSTREAM"}}
    kw = dict(folder=folder, root=REPO, inputs=inputs, heartbeat=0)

    def statuses(outcomes):
        return {o.notebook: o.status for o in outcomes}

    course.run_course(runs, **kw)
    assert ran == list(_FAKE_COURSE)
    ran.clear()
    second = course.run_course(runs, **kw)
    assert ran == ["03_error"], "only the notebook that failed runs again"
    assert statuses(second)["00_ok"] == "unchanged" and statuses(second)["04_after"] == "unchanged"
    assert "nothing it depends on has changed (--rerun runs it again)" in capsys.readouterr().out
    # a changed notebook runs again, and so does the one that reads its results
    nb = json.loads((folder / "00_ok.ipynb").read_text())
    nb["cells"][2]["source"] += "\n# edited"
    (folder / "00_ok.ipynb").write_text(json.dumps(nb))
    ran.clear()
    third = course.run_course(runs, **kw)
    assert ran == ["00_ok", "03_error", "04_after"] and statuses(third)["01_lesson"] == "unchanged"
    ran.clear()
    course.run_course(runs, start="03", **kw)
    assert ran == ["03_error"]
    ran.clear()
    course.run_course(runs, start="03", rerun=True, **kw)
    assert ran == ["03_error", "04_after"]
    ran.clear()
    (runs / "executed" / "04_after.ipynb").unlink()  # its executed copy gone: not "unchanged" any more
    course.run_course(runs, only=["04"], **kw)
    assert ran == ["04_after"]
    ran.clear()
    course.run_course(runs, only=["00"], smoke=True, **kw)  # other parameters: another fingerprint
    assert ran == ["00_ok"]
    # an input whose notebook failed in an earlier run counts as missing, even if its results file exists
    ran.clear()
    (runs / "results" / "03_error.json").write_text("{}")
    [skipped] = course.run_course(runs, only=["04"], **{**kw, "inputs": {"04_after": {"03_error": "USE_UPSTREAM"}}})
    assert ran == [] and skipped.status == "skipped" and "03_error, whose last run failed" in skipped.detail


def _fake_repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    for rel, text in {
        "utils/__init__.py": "",
        "utils/serving/launch.py": "PORT = 1",
        "utils/course/__init__.py": "",
        "utils/course/lessons.py": "X = 1",
        "utils/course/nb05.py": "from . import lessons\nfrom utils.course.results import Y",
        "utils/course/results.py": "Y = 1",
        "utils/course/nb07.py": "Z = 1",
        "data/medical/corpus.jsonl": "{}",
    }.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    (root / "notebooks").mkdir()
    _fake_notebook(root / "notebooks", "05_x", "%matplotlib inline\nfrom utils.course import nb05 as ex\n!ls")
    return root


def test_fingerprint_covers_what_the_notebook_reads_and_not_other_notebooks_modules(tmp_path):
    from utils.course.fingerprint import course_modules, fingerprint

    root = _fake_repo(tmp_path)
    nb = root / "notebooks" / "05_x.ipynb"
    assert [p.name for p in course_modules(nb, root)] == ["__init__.py", "lessons.py", "nb05.py", "results.py"]
    env = {"EMB_MODE": "cpu"}

    def key(**kw):
        return fingerprint(nb, kw.pop("parameters", {}), root, env=kw.pop("env", env), **kw)

    base = key()
    assert key() == base
    (root / "utils/course/nb07.py").write_text("Z = 2")  # another notebook's module
    assert key() == base
    changes = {
        "utils/course/results.py": "Y = 2",  # imported through nb05
        "utils/serving/launch.py": "PORT = 2",  # the library: always counted
        "data/medical/corpus.jsonl": "{} ",
        "notebooks/template.jinja": "new asset",
    }
    for rel, text in changes.items():
        (root / rel).write_text(text)
        assert key() != base, rel
        base = key()
    assert key(parameters={"SMOKE": True}) != base
    assert key(env={"EMB_MODE": "sglang"}) != base and key(env={**env, "EMB_LESSON_FAILURES": "x"}) == base
    assert key(input_files=[root / "data/medical/corpus.jsonl"]) != base
    assert key(extra="upstream re-ran") != base
    _fake_notebook(root / "notebooks", "05_x", "import importlib\nex = importlib.import_module('utils.course.nb05')")
    assert course_modules(nb, root) is None, "unsure: count every course module"


def test_every_notebook_input_is_declared():
    """A notebook that reads another's results record (load_record) must be listed in NOTEBOOK_INPUTS, with
    the parameter that switches the reading on, so the runner can skip it when that record is missing."""
    import re

    from utils.course import results
    from utils.course.fingerprint import NOTEBOOK_INPUTS, inputs_needed

    found: dict[str, set[str]] = {}
    for nb in notebooks():  # the notebook and its course module (utils/course/nbNN_*.py) may read a record
        src = nb.read_text() + "".join(m.read_text() for m in (REPO / "utils" / "course").glob(f"nb{nb.stem[:2]}_*.py"))
        found[nb.stem] = set(re.findall(r'load_record\([^,()]+,\s*\\?"(\d\d_\w+)\\?"', src))
        found[nb.stem] |= {getattr(results, name).NOTEBOOK for name in re.findall(r"load_record\([^,()]+,\s*(\w+)\.NOTEBOOK", src)}
        for switch in NOTEBOOK_INPUTS.get(nb.stem, {}).values():
            assert f"{switch} = None" in src, f"{nb.stem}: no parameter {switch}"
    assert {k: v for k, v in found.items() if v} == {k: set(v) for k, v in NOTEBOOK_INPUTS.items()}
    assert inputs_needed("05_production_pipeline", {}, smoke=False) == [
        "03_dimensions_quantisation_faiss", "04_lora_finetune"]
    assert inputs_needed("05_production_pipeline", {"SMOKE": True}, smoke=True) == []
    assert inputs_needed("07_beyond_search", {"USE_FINETUNED": False}, smoke=False) == []
    assert inputs_needed("07_beyond_search", {"USE_FINETUNED": True}, smoke=True) == ["04_lora_finetune"]


def test_a_missing_record_skips_the_notebook_that_reads_it(tmp_path, monkeypatch, capsys):
    """At full size 05 reads 03's and 04's records: with none in the runs folder it is skipped, saying why."""
    import papermill

    from utils.course import run as course
    from utils.serving.settings import get_settings

    monkeypatch.setattr(papermill, "execute_notebook", lambda *a, **k: pytest.fail("nothing should run"))
    monkeypatch.setenv("EMB_RUNS_DIR", str(tmp_path))
    settings = get_settings(mode="cpu", env={})
    [outcome] = course.run_course(tmp_path, only=["05"], heartbeat=0, settings=settings)
    assert outcome.status == "skipped" and "03_dimensions_quantisation_faiss" in outcome.detail
    assert "run notebooks/03_dimensions_quantisation_faiss.ipynb first" in outcome.detail
    assert course.report(tmp_path, [outcome], "cpu", False) == 1


def test_expected_times_and_the_heartbeat(tmp_path):
    from utils.course.progress import Heartbeat, expected_times, heartbeat_line, parse_duration

    readme = tmp_path / "README.md"
    readme.write_text(README)
    assert parse_duration("1.5 min") == 90 and parse_duration("11 s") == 11 and parse_duration("not yet") is None
    assert expected_times(tmp_path / "none.json", "cpu", readme) == {"00_a": (11.0, "README"), "01_b": (120.0, "README")}
    assert expected_times(tmp_path / "none.json", "cpu-smoke", readme) == {}, "the README's times are full-size CPU"
    linked = tmp_path / "LINKED.md"  # a row that also links the published copy (issue 29) still parses
    linked.write_text(README.replace("(notebooks/00_a.ipynb) |", "(notebooks/00_a.ipynb) · [read it executed](docs/executed/00_a.ipynb) |"))
    assert expected_times(tmp_path / "none.json", "cpu", linked) == {"00_a": (11.0, "README"), "01_b": (120.0, "README")}
    record_timings(tmp_path, {"01_b": 100.0}, "cpu", False)
    times = expected_times(tmp_path / "timings.json", "cpu", readme)
    assert times["01_b"][0] == 100.0 and times["01_b"][1].startswith("timings.json, 20")
    assert heartbeat_line("04_lora_finetune", 360, 480, "cell 23 of 41") == (
        "04_lora_finetune: 6.0 min, expected ~8.0 min (cell 23 of 41)")
    late = heartbeat_line("04_lora_finetune", 13 * 60, 480)
    assert late.startswith("04_lora_finetune: 13 min, expected ~8.0 min -- WELL PAST the expected time")
    assert "no expected time yet" in heartbeat_line("09_new", 60, None)

    executed = tmp_path / "x.ipynb"
    _fake_notebook(tmp_path, "x", "1")
    nb = json.loads(executed.read_text())
    nb["cells"][1]["metadata"]["papermill"] = {"start_time": "2026-12-06T10:00:00"}
    executed.write_text(json.dumps(nb))
    lines: list[str] = []
    with Heartbeat("x", 0.01, executed, every=0.05, say=lines.append):
        import time

        time.sleep(0.3)
    assert lines and "x: 0 s, expected ~0 s (cell 1 of 2)" in lines[0]


def test_an_error_is_reported_with_its_first_line_and_a_lesson_from_its_text(tmp_path):
    from papermill.exceptions import PapermillExecutionError

    from utils.course.progress import checks_from_text, failure_outcome

    exc = PapermillExecutionError(3, 7, "raise ...", "FileNotFoundError", "data/x.jsonl is missing\nmore", [])
    o = failure_outcome("03_error", exc, 2.0, tmp_path / "no-such.json")
    assert o.status == "failed" and o.detail == "FileNotFoundError (cell [7]): data/x.jsonl is missing"
    # no JSON (a notebook run outside the runner's environment): the failed check is read from the message
    text = "the lesson no longer holds:\nbatched / one request per text (throughput): measured 0.9459 > 1.2 (margin -0.2541) FAILED"
    o = failure_outcome("01", PapermillExecutionError(1, 2, "", "AssertionError", text, []), 1.0, None)
    assert o.detail == "failed lesson: batched / one request per text (throughput): measured 0.9459, needs > 1.2"
    assert checks_from_text("lesson failed: a: b: measured 3 <= 2 (margin -1) FAILED. why")[0]["lesson"] == "a: b"


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
