"""utils.course.saved_outputs: an executed notebook's progress bars are saved as their final text, nothing else moves."""

from __future__ import annotations

import copy
import json

import nbformat
import pytest

from utils.course.saved_outputs import (
    WIDGET_STATE,
    WIDGET_VIEW,
    bar_text,
    main,
    settle_progress,
    settle_stream,
)


def _html(value: str) -> dict:
    return {"model_name": "HTMLModel", "state": {"value": value}}


def _bar_state(box: str, left: str, value: float, total: float, right: str) -> dict:
    return {
        box: {
            "model_name": "HBoxModel",
            "state": {"children": [f"IPY_MODEL_{box}l", f"IPY_MODEL_{box}p", f"IPY_MODEL_{box}r"]},
        },
        f"{box}l": _html(left),
        f"{box}p": {"model_name": "FloatProgressModel", "state": {"value": value, "max": total}},
        f"{box}r": _html(right),
    }


def _notebook() -> dict:
    """A notebook as papermill saves it: a widget bar frozen at 0%, a text bar in carriage returns."""
    state = {
        **_bar_state(
            "a", "embedding:\u2007100%", 7.0, 7.0, "\u20077/7\u2007[00:07&lt;00:00,\u2007\u20071.07batch/s]"
        ),
        **_bar_state("b", "train:\u2007\u200740%", 2.0, 5.0, "\u20072/5\u2007[00:04&lt;00:06]"),
        "c": {"model_name": "VBoxModel", "state": {"children": []}},  # a course widget, not a bar
    }

    def widget(mid: str, text: str) -> dict:
        return {
            "output_type": "display_data",
            "metadata": {},
            "data": {WIDGET_VIEW: {"model_id": mid}, "text/plain": [text]},
        }

    def stream(text: str, name: str = "stderr") -> dict:
        return {"output_type": "stream", "name": name, "text": [text]}

    cells = [
        {
            "cell_type": "code",
            "id": "c1",
            "metadata": {},
            "execution_count": 1,
            "source": "x",
            "outputs": [
                widget("a", "embedding:   0%|          | 0/7 [00:00<?, ?batch/s]"),
                widget("b", "train:   0%|          | 0/5 [00:00<?, ?it/s]"),
                widget("c", "VBox(children=(Combobox(value='q'),))"),
                stream("\rinsert:   0%|          | 0/7"),
                stream("\rinsert: 100%|██████████| 7/7"),
                stream("\n"),
                stream("done\n", "stdout"),
                {
                    "output_type": "execute_result",
                    "metadata": {},
                    "execution_count": 1,
                    "data": {"text/plain": ["0.5\r"]},
                },
            ],
        },
        {"cell_type": "markdown", "id": "m1", "metadata": {}, "source": "text\r"},
    ]
    return {
        "cells": cells,
        "metadata": {"widgets": {WIDGET_STATE: {"state": state}}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def test_widget_bars_read_as_their_final_state():
    nb = _notebook()
    settle_progress(nb)
    texts = ["".join(o["data"]["text/plain"]) if "data" in o else o for o in nb["cells"][0]["outputs"][:3]]
    assert texts[0] == "embedding: 100%|██████████| 7/7 [00:07<00:00,  1.07batch/s]"
    # an interrupted bar stays where it stopped
    assert texts[1] == "train:  40%|████      | 2/5 [00:04<00:06]"
    assert texts[2] == "VBox(children=(Combobox(value='q'),))"  # not a tqdm bar: untouched


def test_text_bars_read_as_a_terminal_shows_them():
    nb = _notebook()
    settle_progress(nb)
    outs = nb["cells"][0]["outputs"]
    streams = [(o["name"], o["text"]) for o in outs if o["output_type"] == "stream"]
    assert streams == [("stderr", "insert: 100%|██████████| 7/7\n"), ("stdout", "done\n")]
    assert outs[-1]["data"]["text/plain"] == ["0.5\r"]  # only streams are settled
    assert nb["cells"][1]["source"] == "text\r"
    assert settle_stream("a\rb\r\nc\rd") == "b\nd"


def test_settling_is_idempotent_and_keeps_the_widget_state():
    nb = _notebook()
    state = copy.deepcopy(nb["metadata"])
    assert settle_progress(nb) > 0
    assert settle_progress(nb) == 0 and nb["metadata"] == state


def test_bar_text_is_none_for_anything_else():
    state = _bar_state("a", "x", 1, 1, "y")
    assert bar_text("missing", state) is None
    state["a"]["state"]["children"].pop()
    assert bar_text("a", state) is None


def test_cli_rewrites_the_named_notebook_in_place(tmp_path, capsys):
    path = tmp_path / "run.ipynb"
    nbformat.write(nbformat.from_dict(_notebook()), path)
    assert main([str(path)]) == 0
    assert "output(s) settled" in capsys.readouterr().out
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert "100%" in "".join(saved["cells"][0]["outputs"][0]["data"]["text/plain"])
    mtime = path.stat().st_mtime_ns
    assert main([str(path)]) == 0 and path.stat().st_mtime_ns == mtime  # nothing to settle: not rewritten
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run.ipynb"]  # no temporary file left behind


def test_cli_checks_every_name_before_touching_any(tmp_path):
    path = tmp_path / "run.ipynb"
    nbformat.write(nbformat.from_dict(_notebook()), path)
    before = path.read_bytes()
    assert main([str(path), str(tmp_path / "missing.ipynb")]) == 2
    assert path.read_bytes() == before


@pytest.mark.parametrize("name,content", [("notes.txt", "x"), ("bad.ipynb", "\xff{"), ("half.ipynb", "{")])
def test_cli_refuses_what_is_not_a_notebook(tmp_path, capsys, name, content):
    path = tmp_path / name
    path.write_bytes(content.encode("latin-1"))
    assert main([str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and name in err and err.count("\n") == 1
    assert path.read_bytes() == content.encode("latin-1")
