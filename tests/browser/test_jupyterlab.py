"""Each notebook, run the way a learner runs it: JupyterLab in a real browser, Run ▸ Run All Cells.

A JupyterLab server (127.0.0.1, with a token) serves a temporary copy of the course whose
notebooks have their outputs cleared (JupyterLab autosaves, and stored outputs would hide a
failure). Headless Chromium, driven by Playwright, opens each notebook, runs all cells from the
Run menu and waits for the kernel to finish. The test fails on any error or warning output, on a
cell left unexecuted, and on a figure that did not render; it saves a full-notebook screenshot to
build/screenshots/ for a person to look at. Run it with `make test-browser`.
"""

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from tools.learner_copies import course_notebooks, write_learner_copies

COURSE_ROOT = Path(__file__).resolve().parents[2]

NOTEBOOKS = course_notebooks()
SCREENSHOTS = COURSE_ROOT / "build" / "screenshots"
JUPYTER_LAB = Path(sys.executable).parent / "jupyter-lab"
SERVER_START_SECONDS = 60
KERNEL_READY_MS = 60_000
RUN_ALL_MS = 300_000
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
# Settings a learner would not change but a test needs: no news pop-up over the screenshots, and
# every cell kept in the page (JupyterLab 4 otherwise leaves off-screen cells out).
USER_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}
# The notebook's kernel has started and is connected (Run All before that asks for a kernel).
KERNEL_READY = """() => {
  const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const kernel = panel && panel.sessionContext && panel.sessionContext.session
    && panel.sessionContext.session.kernel;
  return Boolean(kernel) && kernel.status === "idle" && kernel.connectionStatus === "connected";
}"""
# Done when the kernel is idle and either a cell failed (Run All stops at the first error) or every
# code cell ran and no prompt still shows [*].
RUN_FINISHED = """(panelSelector) => {
  const panel = document.querySelector(panelSelector);
  const indicator = panel && panel.querySelector(".jp-Notebook-ExecutionIndicator");
  if (!indicator || indicator.dataset.status !== "idle") return false;
  const cells = window.jupyterapp.shell.currentWidget.context.model.toJSON().cells
    .filter((cell) => cell.cell_type === "code");
  if (cells.some((cell) => cell.outputs.some((out) => out.output_type === "error"))) return true;
  const prompts = [...panel.querySelectorAll(".jp-InputPrompt")];
  if (prompts.some((prompt) => prompt.textContent.includes("*"))) return false;
  return cells.every((cell) => cell.execution_count !== null);
}"""
RENDERED_FIGURES = """async (panelSelector) => {
  const images = [...document.querySelectorAll(`${panelSelector} .jp-OutputArea-output img`)];
  await Promise.all(images.map((image) => image.decode().catch(() => null)));
  return images.map((image) => image.naturalWidth > 0 && image.naturalHeight > 0);
}"""
IMAGE_TYPES = ("image/png", "image/jpeg", "image/svg+xml")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def image_outputs(cells: list[dict]) -> int:
    return sum(
        any(kind in output.get("data", {}) for kind in IMAGE_TYPES)
        for cell in cells
        if cell["cell_type"] == "code"
        for output in cell["outputs"]
    )


def api(base: str, token: str, path: str, method: str = "GET"):
    request = urllib.request.Request(
        f"{base}{path}", method=method, headers={"Authorization": f"token {token}"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read()
    return json.loads(body) if body else None


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on a temporary copy of the course; yields (base URL, token)."""
    root = tmp_path_factory.mktemp("course")
    for folder in ("helpers", "data", "notebooks"):  # the notebooks' images and files too
        shutil.copytree(COURSE_ROOT / folder, root / folder,
                        ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
    write_learner_copies(NOTEBOOKS, root / "notebooks")  # overwrites them, outputs cleared
    home = tmp_path_factory.mktemp("jupyter")
    for name, settings in USER_SETTINGS.items():
        path = home / "settings" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(settings))
    env = os.environ | {
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_DATA_DIR": str(home / "data"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
        "IPYTHONDIR": str(home / "ipython"),
    }
    token, port = secrets.token_hex(16), free_port()
    base = f"http://127.0.0.1:{port}"
    command = [
        str(JUPYTER_LAB), "--no-browser", "--allow-root", "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
        "--LabApp.expose_app_in_browser=True",
    ]
    log = (home / "server.log").open("w")
    # The jupyter-lab process itself, not a shell around it: its PID is the one we stop.
    server = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + SERVER_START_SECONDS
        while True:
            try:
                api(base, token, "/api/status")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not start: see {home / 'server.log'}")
                time.sleep(0.25)
        yield base, token
    finally:
        os.kill(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.kill(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_run_all_in_jupyterlab_without_errors_and_with_every_figure(
    path, lab, browser, browser_results
):
    base, token = lab
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        page.goto(f"{base}/lab/tree/notebooks/{path.name}?reset&token={token}")
        page.wait_for_function(KERNEL_READY, timeout=KERNEL_READY_MS, polling=250)
        page.evaluate("() => { window.jupyterapp.shell.collapseLeft(); }")
        start = time.perf_counter()
        page.locator(".lm-MenuBar-item", has_text="Run").first.click()
        page.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click()
        try:
            page.wait_for_function(RUN_FINISHED, arg=PANEL, timeout=RUN_ALL_MS, polling=250)
        except Exception:
            save_screenshot(page, path)
            raise
        seconds = time.perf_counter() - start
        cells = page.evaluate(
            "() => window.jupyterapp.shell.currentWidget.context.model.toJSON().cells"
        )
        rendered = page.evaluate(RENDERED_FIGURES, PANEL)
        screenshot = save_screenshot(page, path)
    finally:
        context.close()
        for kernel in api(base, token, "/api/kernels"):
            api(base, token, f"/api/kernels/{kernel['id']}", method="DELETE")
    browser_results.append({"notebook": path.name, "seconds": seconds, "figures": sum(rendered),
                            "screenshot": screenshot.relative_to(COURSE_ROOT)})

    problems = []
    for number, cell in enumerate(cells, start=1):
        if cell["cell_type"] != "code":
            continue
        for output in cell["outputs"]:
            if output["output_type"] == "error":
                problems.append(f"cell {number}: {output['ename']}: {output['evalue']}")
            if output["output_type"] == "stream" and output["name"] == "stderr":
                problems.append(f"cell {number} wrote to stderr: {''.join(output['text'])[:300]}")
    if not problems:  # Run All stops at an error: unexecuted cells after one are no news
        unexecuted = [n for n, cell in enumerate(cells, start=1)
                      if cell["cell_type"] == "code" and cell["execution_count"] is None]
        problems += [f"cell {number} did not run" for number in unexecuted]
    assert not problems, f"{path.name} in JupyterLab (see {screenshot}):\n" + "\n".join(problems)

    figures = image_outputs(cells)
    assert len(rendered) == figures and all(rendered), (
        f"{path.name}: {sum(rendered)} of {figures} figures rendered as images (see {screenshot})"
    )
    committed = nbformat.read(path, as_version=4)["cells"]
    if all(cell.get("execution_count") for cell in committed if cell["cell_type"] == "code"):
        assert figures == image_outputs(committed), (
            f"{path.name}: {figures} figures in the browser, {image_outputs(committed)} committed"
        )


def save_screenshot(page, path: Path) -> Path:
    """A screenshot of the whole notebook: the window grown to the notebook's full height."""
    height = page.evaluate(
        """(panelSelector) => {
          const outer = document.querySelector(`${panelSelector} .jp-WindowedPanel-outer`);
          return outer.getBoundingClientRect().top + outer.scrollHeight + 40;
        }""",
        PANEL,
    )
    page.set_viewport_size({"width": 1400, "height": min(int(height), 30_000)})
    page.evaluate(
        "(panelSelector) => { document.querySelector(`${panelSelector} .jp-WindowedPanel-outer`)"
        ".scrollTop = 0; }",
        PANEL,
    )
    page.wait_for_timeout(500)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"{path.stem}.png"
    page.screenshot(path=target, full_page=True)
    return target
