"""Notebook 02 in a real browser: JupyterLab on loopback, headless Chromium driven by Playwright; and the HTML
report of ``python -m utils.adapt`` opened in the same browser.

Run it with ``make test-browser`` (``pytest -m browser``). It needs the Debian package ``chromium``
(``apt-get install -y chromium``; Playwright's own browser download is not used) and the PyPI package
``playwright``; without them it is skipped, saying which is missing.

What it does, as a learner would: opens a copy of notebook 02 (smoke size injected as parameters, like
papermill does), Run All, then uses the explorer (types a query, changes the domain, reads the table),
shuts the kernel down and checks that the embedding server the notebook started is gone. Screenshots
go to ``runs/browser/``.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("EMB_CHROMIUM", "/usr/bin/chromium")
SHOTS = REPO / "runs" / "browser"
RUN_ALL_TIMEOUT_S = int(os.environ.get("EMB_BROWSER_RUN_ALL_TIMEOUT", "480"))  # seconds for Run All
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: notebook -> the parameters injected into the browser copy (smoke size)
WIDGET_NOTEBOOKS = {"02_instructions": {"N_QUERIES": 10, "DOMAINS": ["medical", "legal"], "ZH_SLICE": None, "SMOKE": True}}

pytestmark = [pytest.mark.browser, pytest.mark.timeout(RUN_ALL_TIMEOUT_S + 300)]


def _requirements() -> None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("the PyPI package playwright is not installed (pip install -r requirements.txt)")
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"no Chromium at {CHROMIUM}: apt-get install -y chromium (or set EMB_CHROMIUM)")


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _alive(pid: int) -> bool:
    """True if ``pid`` runs and is not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _write_settings(settings_dir: Path) -> None:
    """JupyterLab user settings for the run: every cell rendered (no windowing), no news fetching."""
    files = {
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
        "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false", "checkForUpdates": False},
    }
    for rel, content in files.items():
        path = settings_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(content))


@pytest.fixture
def lab(tmp_path, request):
    """JupyterLab on a free loopback port with a token, serving a copy of the widget notebooks."""
    _requirements()
    import nbformat
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    from utils.course.kernels import lab_args

    root = tmp_path / "notebooks"
    root.mkdir()
    for name, params in WIDGET_NOTEBOOKS.items():
        nb = load_notebook_node(str(REPO / "notebooks" / f"{name}.ipynb"))
        nb = parameterize_notebook(nb, params)  # the same injected cell papermill writes
        nbformat.write(nb, str(root / f"{name}.ipynb"))
    _write_settings(tmp_path / "lab-settings")
    token = secrets.token_hex(16)
    port = _free_port()
    # the runtime folder holds each kernel's IPC sockets (utils.course.kernels): a short path, as a Unix socket needs
    runtime = Path(tempfile.mkdtemp(prefix="emb-lab-"))
    request.addfinalizer(lambda: shutil.rmtree(runtime, ignore_errors=True))
    env = dict(os.environ)
    env.update(
        {
            "PYTHONPATH": str(REPO) + os.pathsep + env.get("PYTHONPATH", ""),
            "EMB_MODE": "cpu",
            "EMB_SMOKE": "1",
            "EMB_RUNS_DIR": str(tmp_path / "runs"),
            "HF_HUB_OFFLINE": "1",
            "TOKENIZERS_PARALLELISM": "false",
            "JUPYTER_CONFIG_DIR": str(tmp_path / "jupyter-config"),
            "JUPYTER_RUNTIME_DIR": str(runtime),
            "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "lab-settings"),
            "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "lab-workspaces"),
            "MPLBACKEND": "module://matplotlib_inline.backend_inline",
        }
    )
    log = open(tmp_path / "jupyterlab.log", "w")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyter",
            "lab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            *lab_args(runtime),  # IPC and CurveZMQ keys where Jupyter can, as `make lab` starts it
            *(["--allow-root"] if os.geteuid() == 0 else []),  # CI containers run as root
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
        cwd=str(root),
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        if proc.poll() is not None:
            pytest.fail(f"JupyterLab exited with {proc.returncode}:\n{(tmp_path / 'jupyterlab.log').read_text()[-3000:]}")
        try:
            if httpx.get(f"{base}/api/status", params={"token": token}, timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            pytest.fail("JupyterLab did not answer within 90 s")
        time.sleep(0.5)
    try:
        yield {"base": base, "token": token, "root": root, "log": tmp_path / "jupyterlab.log", "tmp": tmp_path,
               "runtime": runtime}
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        log.close()


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def _explorer_state(page) -> dict:
    return page.evaluate(
        """() => {
        const table = document.querySelector('.course-explorer .explorer-results');
        const rows = table ? [...table.querySelectorAll('tr')].slice(2).map(r => [...r.querySelectorAll('td')].map(td => td.innerText)) : [];
        const box = document.querySelector('.course-explorer input[list]');
        const err = document.querySelector('.course-explorer .explorer-error');
        const note = document.querySelector('.course-explorer .explorer-note');
        const selects = [...document.querySelectorAll('.course-explorer select')].map(s => s.selectedIndex >= 0 ? s.options[s.selectedIndex].text : '');
        const ids = [...document.querySelectorAll('.course-explorer .explorer-results td.doc-id')];
        return {rows, query: box ? box.value : null, error: err ? err.innerText : null,
                note: note ? note.innerText : null, selects,
                idsWrap: ids.some(td => { const r = document.createRange(); r.selectNodeContents(td); return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size > 1; }),
                titleAlign: [...document.querySelectorAll('.course-explorer .explorer-results td.doc-title')].map(td => getComputedStyle(td).textAlign)};
    }"""
    )


def _wait_for(page, predicate, timeout_s: float, what: str) -> dict:
    deadline = time.monotonic() + timeout_s
    state = _explorer_state(page)
    while not predicate(state):
        if time.monotonic() > deadline:
            _shot(page, "02_instructions-timeout")
            pytest.fail(f"timed out waiting for {what}; explorer state: {state}")
        page.wait_for_timeout(250)
        state = _explorer_state(page)
    return state


def test_notebook_02_explorer_after_run_all(lab):
    from playwright.sync_api import sync_playwright

    from utils.course.kernels import lab_args

    base, token = lab["base"], lab["token"]
    with sync_playwright() as pw:
        ctx = pw.chromium.launch_persistent_context(
            user_data_dir=str(lab["tmp"] / "chromium-profile"),  # a fresh profile
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_FLAGS,
            viewport={"width": 1400, "height": 1000},
        )
        try:
            page = ctx.new_page()
            page.set_default_timeout(60_000)
            page.goto(f"{base}/lab/tree/02_instructions.ipynb?token={token}")
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90_000)
            page.wait_for_timeout(2000)
            if page.locator(".jp-Dialog .jp-mod-accept").count():  # a kernel chooser, if JupyterLab asks
                page.locator(".jp-Dialog .jp-mod-accept").click()
            # the kernel is connected and idle (the indicator also reads "idle" before any kernel exists)
            page.wait_for_function(
                """() => { const t = [...document.querySelectorAll('.jp-StatusBar-TextItem')].map(e => e.innerText).join('|');
                           return t.includes('Idle') && !t.includes('No Kernel'); }""",
                timeout=120_000,
            )

            # Run All, from the menu a learner uses
            page.click("li.lm-MenuBar-item:has-text('Run')")
            page.click("li.lm-Menu-item[data-command='runmenu:run-all']")
            page.wait_for_function(
                "() => { const p = document.querySelector('.jp-CodeCell .jp-InputPrompt'); return p && /\\[(\\*|1)\\]/.test(p.innerText); }",
                timeout=60_000,
            )
            last = page.locator(".jp-OutputArea-output:has-text('server is still running at')")
            try:
                last.wait_for(timeout=RUN_ALL_TIMEOUT_S * 1000)
            except Exception:
                _shot(page, "02_instructions-run-all-failed")
                errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").all_inner_texts()
                pytest.fail(f"Run All did not reach the last section within {RUN_ALL_TIMEOUT_S}s; stderr outputs: {errors[-3:]}")
            # the summary cell below it ran too, and no cell raised
            page.locator(".jp-OutputArea-output:has-text('For all-MiniLM-L6-v2')").last.wait_for(timeout=60_000)
            assert page.locator(".jp-OutputArea-output:has-text('Traceback')").count() == 0
            text = last.inner_text()
            url = re.search(r"http://127\.0\.0\.1:(\d+)/v1", text)
            assert url, text
            health = httpx.get(f"http://127.0.0.1:{url.group(1)}/health", timeout=5).json()
            server_pid = int(health["pid"])
            assert _alive(server_pid)
            # the kernel's connection file: Unix-domain sockets where lab_args asked for them (no TCP ports to lose)
            connection = [json.loads(f.read_text()) for f in lab["runtime"].glob("kernel-*.json")]
            wanted = "ipc" if "--KernelManager.transport=ipc" in lab_args(lab["runtime"]) else "tcp"
            assert [c["transport"] for c in connection] == [wanted], connection

            # the explorer, after Run All
            page.locator(".course-explorer").first.wait_for(timeout=60_000)
            explorer = page.locator(".course-explorer input[list]")
            explorer.scroll_into_view_if_needed()
            state = _wait_for(page, lambda s: len(s["rows"]) >= 1, 60, "the explorer's first table")
            page.locator(".course-explorer .explorer-results").first.scroll_into_view_if_needed()
            _shot(page, "02_instructions-after-run-all")
            assert state["error"] is None, state["error"]
            assert not state["idsWrap"], "document ids must stay on one line"
            assert set(state["titleAlign"]) <= {"left", "start"}, state["titleAlign"]

            # type a query: the table updates without a button
            explorer.fill("")
            explorer.type("how long to stop metformin before surgery with contrast", delay=20)
            state = _wait_for(
                page, lambda s: s["note"] and "not one of the domain's test queries" in s["note"], 60, "a typed query's table"
            )
            assert state["error"] is None and state["rows"] and state["rows"][0][1].startswith("med-")
            _shot(page, "02_instructions-typed-query")

            # change the domain: the query and instruction follow, the table shows the legal corpus
            page.locator(".course-explorer select").first.select_option("legal")
            state = _wait_for(
                page, lambda s: s["rows"] and all(r[1].startswith("leg-") for r in s["rows"]), 60, "the legal table"
            )
            assert state["error"] is None, state["error"]
            assert "metformin" not in state["query"], "the query resets to the legal default"
            assert state["note"].startswith("Relevant"), state["note"]
            assert state["selects"][0] == "legal" and state["selects"][1].startswith("legal:"), state["selects"]
            _shot(page, "02_instructions-legal")

            # shut the kernel down from the menu; the notebook's server must go with it
            page.click("li.lm-MenuBar-item:has-text('Kernel')")
            page.click("li.lm-Menu-item[data-command='kernelmenu:shutdown']")
            accept = page.locator(".jp-Dialog .jp-mod-accept")
            if accept.count():
                accept.click()
            deadline = time.monotonic() + 60
            while _alive(server_pid) and time.monotonic() < deadline:
                time.sleep(0.5)
            _shot(page, "02_instructions-kernel-shut-down")
            assert not _alive(server_pid), f"the embedding server (pid {server_pid}) outlived its kernel"
            deadline = time.monotonic() + 60
            kernels = httpx.get(f"{base}/api/kernels", params={"token": token}, timeout=5).json()
            while kernels and time.monotonic() < deadline:  # "Terminating" for a moment
                time.sleep(0.5)
                kernels = httpx.get(f"{base}/api/kernels", params={"token": token}, timeout=5).json()
            assert kernels == [], kernels
            if lab_args():  # the kernel ran with CurveZMQ keys: ipykernel did not warn about plain-text sockets
                assert "without encryption" not in lab["log"].read_text(errors="replace")
        finally:
            ctx.close()



def test_adapt_report_opens_without_errors(tmp_path, tiny_qwen3):
    """The HTML report of ``python -m utils.adapt`` (issue 28) in headless Chromium: no console or page error, no
    request beyond the file itself, both plots decoded from their inlined base64, every row and the recommendation shown."""
    _requirements()
    from playwright.sync_api import sync_playwright

    from tests.test_adapt import write_folder
    from utils.adapt import cli

    out = tmp_path / "report"
    argv = ["--data", str(write_folder(tmp_path / "data")), "--out", str(out), "--model", str(tiny_qwen3),
            "--levers", "bm25,base,int8,binary", "--quiet"]
    assert cli.main(argv) == 0
    report = json.loads((out / "report.json").read_text())
    errors, requests = [], []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("request", lambda r: requests.append(r.url))
            page.goto((out / "report.html").as_uri())
            page.wait_for_load_state("load")
            images = page.evaluate("() => [...document.images].map(i => [i.complete, i.naturalWidth])")
            assert len(images) == 2 and all(done and width > 0 for done, width in images), images
            assert page.locator("#rows tr").count() == len(report["rows"]) + 1
            assert report["recommended"]["name"] in page.locator("#recommended").inner_text()
            _shot(page, "adapt-report")
        finally:
            browser.close()
    assert not errors, errors
    assert all(u.startswith(("file:", "data:")) for u in requests), requests
