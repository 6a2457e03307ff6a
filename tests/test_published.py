"""The published executed course (issue 29): utils.course.publish, and the copies committed under docs/executed/."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import pytest

from utils.course import publish as pub
from utils.course.run import notebooks
from utils.paths import REPO_ROOT

PUBLISHED = REPO_ROOT / pub.PUBLISHED


def _png(width: int) -> str:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (width, width // 2), (200, 30, 30)).save(buf, format="PNG")
    return base64.b64encode(buf.getvalue()).decode()


def _notebook(cells: list[dict], smoke: bool = False) -> dict:
    return {
        "cells": cells,
        "metadata": {"papermill": {"parameters": {"SMOKE": True} if smoke else {}}, "widgets": {"x": 1}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def _code(source: str, outputs: list[dict] | None = None, i: int = 0) -> dict:
    return {"cell_type": "code", "id": f"c{i}", "metadata": {}, "source": source, "outputs": outputs or [],
            "execution_count": None}


def _setup(tmp_path: Path, executed_cells: list[dict], source_cells: list[dict] | None = None, smoke: bool = False):
    nbs, runs = tmp_path / "notebooks", tmp_path / "runs"
    (runs / "executed").mkdir(parents=True)
    nbs.mkdir()
    src = _notebook(source_cells or [dict(c, outputs=[]) for c in executed_cells])
    src["metadata"] = {}
    (nbs / "00_demo.ipynb").write_text(json.dumps(src))
    (runs / "executed" / "00_demo.ipynb").write_text(json.dumps(_notebook(executed_cells, smoke)))
    (runs / "timings.json").write_text(json.dumps({"cpu": {"00_demo": {
        "seconds": 3.0, "date": "2026-12-06", "cpus": 2, "memory_gib": 24}}}))
    return nbs, runs, tmp_path / "docs" / "executed"


def test_a_clean_copy_is_scrubbed_shrunk_and_headed(tmp_path):
    out = [
        {"output_type": "stream", "name": "stdout",
         "text": f"model at {REPO_ROOT}/runs/models/x and {Path.home()}/y, key sk-abcdefghijklmnopqrstu\n"},
        {"output_type": "display_data", "metadata": {}, "data": {"image/png": _png(2000), "text/plain": "<Figure>"}},
        {"output_type": "display_data", "metadata": {},
         "data": {pub.WIDGET_VIEW: {"model_id": "m"}, "text/plain": "embedding: 100%"}},
    ]
    nbs, runs, dest = _setup(tmp_path, [_code("print(1)", out)])
    [path] = pub.publish(runs, dest, nbs)
    nb = json.loads(path.read_text())
    assert nb["cells"][0]["id"] == "published-header" and "2026-12-06" in "".join(nb["cells"][0]["source"])
    assert "2 CPU cores" in nb["cells"][0]["source"] and "no GPU" in nb["cells"][0]["source"]
    text = nb["cells"][1]["outputs"][0]["text"]
    assert str(REPO_ROOT) not in text and "<repo>/runs/models/x" in text and "~/y" in text
    assert "sk-abc" not in text and "<key>" in text
    from PIL import Image

    png = base64.b64decode(nb["cells"][1]["outputs"][1]["data"]["image/png"])
    assert Image.open(io.BytesIO(png)).width == pub.MAX_IMAGE_WIDTH
    assert pub.WIDGET_VIEW not in nb["cells"][1]["outputs"][2]["data"]
    assert "widgets" not in nb["metadata"] and "papermill" not in nb["metadata"]
    assert pub.findings(nb) == []
    assert pub.sources(nb) == pub.sources(json.loads((nbs / "00_demo.ipynb").read_text()))


@pytest.mark.parametrize(
    ("case", "message"),
    [("smoke", "smoke run"), ("drift", "older 00_demo.ipynb"), ("error", "error output"), ("foreign", "not written")],
)
def test_refusals_write_nothing(tmp_path, case, message):
    cells = [_code("print(1)")]
    source = None
    if case == "drift":
        source = [_code("print(2)")]
    if case == "error":
        cells = [_code("1/0", [{"output_type": "error", "ename": "ZeroDivisionError", "evalue": "", "traceback": []}])]
    nbs, runs, dest = _setup(tmp_path, cells, source, smoke=case == "smoke")
    if case == "foreign":
        dest.mkdir(parents=True)
        (dest / "00_demo.ipynb").write_text('{"metadata": {}}')
    with pytest.raises(pub.PublishError, match=message):
        pub.publish(runs, dest, nbs)
    assert case == "foreign" or not dest.exists()
    if case == "foreign":
        assert (dest / "00_demo.ipynb").read_text() == '{"metadata": {}}'


def test_findings_see_paths_user_host_and_keys():
    strings = [("/home/alice/work", "<repo>"), ("alice", "<user>"), ("box7", "<host>")]
    nb = _notebook([_code("x", [{"output_type": "stream", "name": "stdout",
                                 "text": "/home/alice/work/a on box7 as alice, /tmp/abc, hf_" + "a" * 30}])])
    got = " ".join(pub.findings(nb, strings))
    for label in ("<repo>", "<user>", "<host>", "temporary path", "key"):
        assert label in got
    assert pub.scrub("api_key = 'abcdefghijkl' token: None EMB_API_KEY=***", []) == "<key> token: None EMB_API_KEY=***"


def test_main_says_what_to_do_without_a_run(tmp_path, capsys):
    assert pub.main(["--runs-dir", str(tmp_path), "--out", str(tmp_path / "o")]) == 2
    assert "make course" in capsys.readouterr().err


# --------------------------------------------------------------------------- the committed copies
def _published() -> list[Path]:
    return sorted(PUBLISHED.glob("*.ipynb")) if PUBLISHED.is_dir() else []


def test_every_notebook_has_a_published_copy_once_the_course_is_published():
    if not PUBLISHED.is_dir():
        pytest.skip("docs/executed/ does not exist yet: `make course && make publish` writes it")
    assert {p.name for p in _published()} == {p.name for p in notebooks()}


@pytest.mark.parametrize("path", _published(), ids=lambda p: p.stem)
def test_published_copy_matches_its_notebook_and_holds_nothing_private(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    source = json.loads((REPO_ROOT / "notebooks" / path.name).read_text(encoding="utf-8"))
    assert pub.sources(nb) == pub.sources(source), (
        f"{path.name} differs from notebooks/{path.name}: re-run it and `make publish`"
    )
    assert pub.findings(nb) == []


def test_the_published_folder_stays_small():
    assert sum(p.stat().st_size for p in _published()) <= pub.MAX_FOLDER_BYTES
