"""Make an executed notebook's progress bars readable as text: ``python -m utils.course.saved_outputs NB.ipynb``.

A notebook run headless (papermill, ``make course``) saves each tqdm bar twice over: as a widget
whose final state (``100%``, ``7/7 [00:07<00:00]``) lands in the notebook's metadata, and as a
``text/plain`` copy taken when the bar was *created*, so any text view (GitHub's diff, an editor,
``nbconvert --to markdown``, the tests) shows it frozen at ``0%|``. Text bars (plain ``tqdm``, used
where a widget would not help) are saved as a string of carriage-return updates instead.

:func:`settle_progress` rewrites both from what the run itself recorded: a widget bar's
``text/plain`` is rebuilt from its saved widget state (the same text tqdm prints in a terminal), and
consecutive stream outputs are joined and reduced to what a terminal would show after the carriage
returns. Widgets themselves, and every other output, are left untouched, so JupyterLab shows the
same notebook. ``utils.course.run`` (``make course``) and the tests call it on every executed copy;
run the command on notebooks you execute with papermill yourself. It rewrites the files you name
in place, and only those.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import sys
from pathlib import Path
from typing import Any

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
BAR_WIDTH = 10  # tqdm's bar width in a notebook's text fallback


def _text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _plain(widget_html: str) -> str:
    """An ``HTMLModel`` value of a tqdm bar as terminal text (tqdm escapes ``<`` and uses figure spaces)."""
    return html.unescape(widget_html).replace("\u2007", " ")


def bar_text(model_id: str, state: dict[str, Any]) -> str | None:
    """The terminal text of the tqdm bar whose widget is ``model_id``; ``None`` when it is not one.

    tqdm's notebook bar is an ``HBox`` of three children: an ``HTML`` (description and percentage),
    a ``FloatProgress`` (value and max) and an ``HTML`` (counts, times and rate).
    """
    box = state.get(model_id)
    if not box or box.get("model_name") != "HBoxModel":
        return None
    kids = [state.get(str(c).removeprefix("IPY_MODEL_")) for c in box.get("state", {}).get("children", [])]
    names = [k.get("model_name") if k else None for k in kids]
    if names != ["HTMLModel", "FloatProgressModel", "HTMLModel"]:
        return None
    left, progress, right = (k["state"] for k in kids)  # type: ignore[index]
    prefix = _plain(left.get("value", ""))
    percent = re.search(r"(\d+)%\s*$", prefix)  # the text's own figure: the bar must agree with it
    total, value = float(progress.get("max") or 0), float(progress.get("value") or 0)
    share = int(percent.group(1)) / 100 if percent else (value / total if total > 0 else 0.0)
    filled = round(BAR_WIDTH * min(max(share, 0.0), 1.0))
    bar = "█" * filled + " " * (BAR_WIDTH - filled)
    return f"{prefix}|{bar}|{_plain(right.get('value', ''))}".strip()


def settle_stream(text: str) -> str:
    """What a terminal shows for ``text``: on each line, only what follows its last carriage return."""
    lines = text.split("\n")
    return "\n".join(line.rstrip("\r").rsplit("\r", 1)[-1] for line in lines)


def settle_progress(nb: dict[str, Any]) -> int:
    """Rewrite ``nb`` (a notebook as JSON) in place as described above; returns how many outputs changed."""
    state = nb.get("metadata", {}).get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    changed = 0
    for cell in nb.get("cells", []):
        outputs = cell.get("outputs")
        if not outputs:
            continue
        merged: list[dict[str, Any]] = []
        for out in outputs:
            data = out.get("data", {})
            view = data.get(WIDGET_VIEW)
            if view and "text/plain" in data:
                text = bar_text(str(view.get("model_id", "")), state)
                if text is not None and text != _text(data["text/plain"]):
                    data["text/plain"] = text
                    changed += 1
            if out.get("output_type") == "stream":
                prev = merged[-1] if merged else None
                if (
                    prev is not None
                    and prev.get("output_type") == "stream"
                    and prev.get("name") == out.get("name")
                ):
                    prev["text"] = _text(prev["text"]) + _text(out["text"])
                    changed += 1
                    continue
                out["text"] = _text(out["text"])
            merged.append(out)
        for out in merged:
            if out.get("output_type") == "stream" and "\r" in out["text"]:
                out["text"] = settle_stream(out["text"])
                changed += 1
        cell["outputs"] = merged
    return changed


def settle_file(path: Path) -> int:
    """:func:`settle_progress` on the notebook at ``path``, rewritten in place only if something changed."""
    import nbformat

    nb = nbformat.read(path, as_version=nbformat.NO_CONVERT)
    changed = settle_progress(nb)
    if changed:  # through a temporary sibling: a crash mid-write never leaves a half-written notebook
        tmp = path.with_name(f".{path.name}.settling")
        tmp.write_text(nbformat.writes(nb), encoding="utf-8")
        os.replace(tmp, path)
    return changed


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m utils.course.saved_outputs", description=__doc__.split("\n")[0])
    p.add_argument("notebooks", nargs="+", type=Path, help="executed notebooks to rewrite in place")
    a = p.parse_args(argv)
    for path in a.notebooks:  # every name checked before any file is touched
        if path.suffix != ".ipynb" or not path.is_file():
            print(f"error: {path} is not a notebook file (.ipynb)", file=sys.stderr)
            return 2
    for path in a.notebooks:
        try:
            n = settle_file(path)
        except (UnicodeDecodeError, ValueError) as exc:  # nbformat's NotJSONError is a ValueError
            print(f"error: {path} is not a notebook that can be read: {exc}", file=sys.stderr)
            return 2
        print(f"{path}: {n} output(s) settled")
    return 0


if __name__ == "__main__":
    sys.exit(main())
