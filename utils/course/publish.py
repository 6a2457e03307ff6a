"""Publish the executed course for readers who browse before they run: ``python -m utils.course.publish``.

``make publish`` (after a full ``make course``) copies each executed notebook of the run from
``runs/executed/`` into ``docs/executed/`` (issue 29), cleaned for reading on a code host:

* its source cells must equal ``notebooks/NN_*.ipynb``'s (a copy from an older source is refused:
  re-run the course), and it must be a full-size run without an error output (smoke copies and failed
  runs are refused);
* progress bars settled to their final text (:mod:`utils.course.saved_outputs`), widget views and the
  saved widget state dropped (a code host cannot render them; the settled ``text/plain`` stays), plots
  re-encoded as PNGs of at most :data:`MAX_IMAGE_WIDTH` pixels, papermill's timing metadata dropped;
* no machine path, user name, host name or key in any output: the repository root, the virtualenv,
  site-packages, the home folder and temporary folders become neutral placeholders (``<repo>``,
  ``<venv>``, ``<site-packages>``, ``~``, ``<tmp>``), the user and host names ``<user>`` and ``<host>``,
  and anything that looks like a key ``<key>`` (:func:`scrub`);
* a first cell that says when, from which commit and on what machine (cores, memory, GPU or none)
  the copy was executed, and links the notebook itself.

The folder holds only what this tool wrote: a file there without the published marker is never
overwritten. ``tests/test_published.py`` fails when a published copy's sources drift from its
notebook's, when it holds an error output, a machine path or a key, or when the folder outgrows
:data:`MAX_FOLDER_BYTES`.
"""

from __future__ import annotations

import argparse
import base64
import copy
import getpass
import io
import json
import os
import re
import socket
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path
from typing import Any

from utils.course.run import notebooks
from utils.course.saved_outputs import WIDGET_STATE, WIDGET_VIEW, settle_progress
from utils.paths import REPO_ROOT

#: The published copies' folder, relative to the repository root.
PUBLISHED = Path("docs") / "executed"
#: The marker in a published copy's metadata: only files that carry it may be replaced.
MARKER = "published_copy"
MAX_IMAGE_WIDTH = 900
MAX_FOLDER_BYTES = 15 * 2**20
#: Strings that look like keys: OpenAI-style, Hugging Face, GitHub, AWS, a bearer token, an API-key assignment.
KEY_PATTERNS = (
    r"\bsk-[A-Za-z0-9_-]{16,}",
    r"\bhf_[A-Za-z0-9]{20,}",
    r"\bgh[pousr]_[A-Za-z0-9]{20,}",
    r"\bAKIA[0-9A-Z]{16}\b",
    r"\b[Bb]earer\s+[A-Za-z0-9._~+/-]{12,}=*",
    r"\b(?:[Aa][Pp][Ii][_-]?[Kk][Ee][Yy]|token|secret|password)\b\s*[=:]\s*['\"]?(?!<key>|\*\*\*|None\b)[A-Za-z0-9._~+/-]{8,}['\"]?",
)
_KEY_RE = re.compile("|".join(f"(?:{p})" for p in KEY_PATTERNS))


class PublishError(ValueError):
    """An executed copy cannot be published; the message says why and what to do."""


def _text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def machine_strings() -> list[tuple[str, str]]:
    """(string, placeholder) pairs to replace, longest first, so ``<repo>`` wins over ``~``."""
    pairs: dict[str, str] = {}
    for path, label in (
        (REPO_ROOT, "<repo>"),
        (sys.prefix, "<venv>"),
        (sysconfig.get_paths().get("purelib", ""), "<site-packages>"),
        (sysconfig.get_paths().get("platlib", ""), "<site-packages>"),
        (tempfile.gettempdir(), "<tmp>"),
        (Path.home(), "~"),
    ):
        text = str(path)
        if len(text) > 1:
            pairs[text] = label
            pairs[str(Path(text).resolve())] = label
    user, host = getpass.getuser(), socket.gethostname()
    out = sorted(pairs.items(), key=lambda kv: -len(kv[0]))
    out += [(s, label) for s, label in ((user, "<user>"), (host, "<host>")) if len(s) >= 3]
    return out


def scrub(text: str, strings: list[tuple[str, str]] | None = None) -> str:
    """``text`` with machine paths, user and host names and key-like strings replaced by placeholders."""
    for value, label in strings if strings is not None else machine_strings():
        if label in ("<user>", "<host>"):
            text = re.sub(rf"(?<![A-Za-z0-9_-]){re.escape(value)}(?![A-Za-z0-9_-])", label, text)
        else:
            text = text.replace(value, label)
    text = re.sub(r"/tmp/[^\s'\"<>)]*", "<tmp>", text)
    return _KEY_RE.sub("<key>", text)


def findings(nb: dict[str, Any], strings: list[tuple[str, str]] | None = None) -> list[str]:
    """What a published copy must not hold: error outputs, machine strings, key-like strings."""
    problems = []
    strings = strings if strings is not None else machine_strings()
    for i, cell in enumerate(nb.get("cells", [])):
        for out in cell.get("outputs", []) or []:
            if out.get("output_type") == "error":
                problems.append(f"cell {i}: an error output ({out.get('ename')})")
            for text in _output_texts(out):
                if _KEY_RE.search(text):
                    problems.append(f"cell {i}: something that looks like a key")
                for value, label in strings:
                    if label in ("<user>", "<host>"):
                        hit = re.search(rf"(?<![A-Za-z0-9_-]){re.escape(value)}(?![A-Za-z0-9_-])", text)
                    else:
                        hit = value in text
                    if hit:
                        problems.append(f"cell {i}: a machine string ({label})")
                if re.search(r"/tmp/[^\s'\"<>)]", text):
                    problems.append(f"cell {i}: a temporary path")
    return sorted(set(problems))


def _output_texts(out: dict[str, Any]) -> list[str]:
    texts = []
    if "text" in out:
        texts.append(_text(out["text"]))
    for mime, value in (out.get("data") or {}).items():
        if mime.startswith("text/") or mime.endswith("json"):
            texts.append(_text(value) if not isinstance(value, dict) else json.dumps(value))
    if out.get("output_type") == "error":
        texts += [out.get("evalue", ""), *out.get("traceback", [])]
    return texts


def sources(nb: dict[str, Any]) -> list[tuple[str, str]]:
    """(cell type, source) of every code and markdown cell, papermill's injected cell and our header left out."""
    out = []
    for cell in nb.get("cells", []):
        tags = cell.get("metadata", {}).get("tags", [])
        if "injected-parameters" in tags or MARKER in cell.get("metadata", {}):
            continue
        if cell.get("cell_type") in ("code", "markdown"):
            out.append((cell["cell_type"], _text(cell.get("source", ""))))
    return out


def _shrink_png(data: str) -> str:
    """A base64 PNG no wider than :data:`MAX_IMAGE_WIDTH` pixels, optimised (returned unchanged if it grows)."""
    from PIL import Image

    raw = base64.b64decode(data)
    img = Image.open(io.BytesIO(raw))
    if img.width > MAX_IMAGE_WIDTH:
        img = img.resize((MAX_IMAGE_WIDTH, round(img.height * MAX_IMAGE_WIDTH / img.width)), Image.LANCZOS)
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return base64.b64encode(buf.getvalue()).decode() if buf.tell() < len(raw) else _text(data).replace("\n", "")


def was_smoke(nb: dict[str, Any]) -> bool:
    """True when papermill ran the copy with ``SMOKE`` set (CI's tiny sizes)."""
    params = nb.get("metadata", {}).get("papermill", {}).get("parameters", {}) or {}
    return bool(params.get("SMOKE"))


def header_cell(name: str, run: dict[str, Any]) -> dict[str, Any]:
    """The first cell of a published copy: what ran, when, from which commit, on what machine."""
    gpu = run.get("gpu") or "no GPU"
    text = (
        f"> **Executed copy** of [`notebooks/{name}.ipynb`](../../notebooks/{name}.ipynb), published by "
        f"`make publish` from a full `make course` run on {run['date']} at commit `{run['commit']}`, "
        f"{run['mode_line']}, on a machine with {run['cpus']} CPU cores, {run['memory_gib']} GiB of memory "
        f"and {gpu}. Its outputs are that run's; paths, user and host names are replaced by placeholders. "
        "To run it yourself, open the notebook itself (README, Quick start)."
    )
    return {"cell_type": "markdown", "id": "published-header", "metadata": {MARKER: True}, "source": text}


def clean(nb: dict[str, Any], name: str, run: dict[str, Any], strings: list[tuple[str, str]]) -> dict[str, Any]:
    """A publishable copy of the executed notebook ``nb`` (see the module's docstring); ``nb`` is left as is."""
    nb = copy.deepcopy(nb)
    settle_progress(nb)
    nb["metadata"].pop("widgets", None)
    nb["metadata"].pop("papermill", None)
    nb["metadata"][MARKER] = {"notebook": name, "commit": run["commit"], "date": run["date"]}
    cells = []
    for cell in nb["cells"]:
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            continue
        cell.get("metadata", {}).pop("papermill", None)
        cell.get("metadata", {}).pop("execution", None)
        outputs = []
        for out in cell.get("outputs", []) or []:
            data = out.get("data")
            if data is not None:
                data.pop(WIDGET_VIEW, None)
                data.pop(WIDGET_STATE, None)
                if not data:
                    continue
                if "image/png" in data:
                    data["image/png"] = _shrink_png(_text(data["image/png"]))
                for mime in list(data):
                    if mime.startswith("text/") or mime.endswith("json"):
                        data[mime] = scrub(_text(data[mime]), strings) if not isinstance(data[mime], dict) else data[mime]
            if "text" in out:
                out["text"] = scrub(_text(out["text"]), strings)
            outputs.append(out)
        if cell["cell_type"] == "code":
            cell["outputs"] = outputs
        cells.append(cell)
    nb["cells"] = [header_cell(name, run), *cells]
    return nb


def run_info(runs_dir: Path, repo: Path = REPO_ROOT) -> dict[str, Any]:
    """Date, commit, mode and machine of the course run in ``runs_dir`` (from ``timings.json`` and git)."""
    timings_path = runs_dir / "timings.json"
    if not timings_path.is_file():
        raise PublishError(f"no {timings_path}: run `make course` (full size) first.")
    cpu = json.loads(timings_path.read_text()).get("cpu", {})
    if not cpu:
        raise PublishError(f"{timings_path} has no full-size cpu run: run `make course` first.")
    first = next(iter(cpu.values()))
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=repo, capture_output=True, text=True
    ).stdout.strip()
    return {
        "date": max(t["date"] for t in cpu.values()),
        "commit": commit or "unknown",
        "mode_line": "CPU default (all-MiniLM-L6-v2)",
        "cpus": first.get("cpus", os.cpu_count()),
        "memory_gib": first.get("memory_gib", "?"),
        "gpu": first.get("gpu"),
    }


def publish(
    runs_dir: Path, out_dir: Path | None = None, notebooks_dir: Path | None = None, allow_smoke: bool = False
) -> list[Path]:
    """Write a published copy of every course notebook executed in ``runs_dir``; returns the files written.

    Every copy is checked before any file is written: a missing copy, a smoke copy, a failed run, sources
    that differ from the notebook's, or a file in ``out_dir`` that this tool did not write stop the whole
    publish with a :class:`PublishError`.
    """
    import nbformat

    out_dir = out_dir or REPO_ROOT / PUBLISHED
    run = run_info(runs_dir)
    strings = machine_strings()
    staged: list[tuple[Path, dict[str, Any]]] = []
    for nb_path in notebooks(notebooks_dir):
        executed = runs_dir / "executed" / nb_path.name
        if not executed.is_file():
            raise PublishError(f"no executed copy {executed}: run `make course` first.")
        nb = json.loads(executed.read_text(encoding="utf-8"))
        if was_smoke(nb) and not allow_smoke:
            raise PublishError(f"{executed} is a smoke run: publish a full-size `make course` run.")
        if sources(nb) != sources(json.loads(nb_path.read_text(encoding="utf-8"))):
            raise PublishError(
                f"{executed} was executed from an older {nb_path.name}: re-run it (`python -m utils.course "
                f"--only {nb_path.stem[:2]}`), then publish."
            )
        clean_nb = clean(nb, nb_path.stem, run, strings)
        problems = findings(clean_nb, strings)
        if problems:
            raise PublishError(f"{executed} cannot be published: " + "; ".join(problems))
        target = out_dir / nb_path.name
        if target.exists() and MARKER not in json.loads(target.read_text(encoding="utf-8")).get("metadata", {}):
            raise PublishError(f"{target} was not written by this tool: move it away first.")
        staged.append((target, clean_nb))
    if not staged:
        raise PublishError("no course notebooks found.")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for target, nb in staged:
        nbformat.validate(nbformat.from_dict(nb))
        tmp = target.with_name(f".{target.name}.publishing")
        tmp.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(tmp, target)
        written.append(target)
    total = sum(p.stat().st_size for p in out_dir.glob("*.ipynb"))
    if total > MAX_FOLDER_BYTES:
        raise PublishError(f"{out_dir} holds {total / 2**20:.1f} MiB (limit {MAX_FOLDER_BYTES / 2**20:.0f}): shrink the plots.")
    return written


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m utils.course.publish", description=__doc__.split("\n")[0])
    p.add_argument("--runs-dir", default=os.environ.get("EMB_RUNS_DIR", str(REPO_ROOT / "runs")))
    p.add_argument("--out", default=str(REPO_ROOT / PUBLISHED), help="folder of the published copies")
    a = p.parse_args(argv)
    t0 = time.perf_counter()
    try:
        written = publish(Path(a.runs_dir).resolve(), Path(a.out))
    except PublishError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for path in written:
        print(f"{path}  ({path.stat().st_size / 1024:.0f} KiB)")
    print(f"published {len(written)} notebooks in {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
