"""The Colab floor: every notebook runs, without error, under Google Colab's versions.

`make test-colab` runs this in .venv-colab: Python 3.13 with requirements-colab.txt (Colab's
scikit-learn, imbalanced-learn, xgboost, numpy, pandas and matplotlib). Each notebook is executed
from a copy with outputs cleared, in a fresh kernel, from the notebooks/ folder. Outputs may
differ slightly from the committed ones (other library versions), so they are not compared; an
error fails the test, and so does a figure missing compared with the committed notebook. Warnings
(stderr) are listed in the summary: a learner on Colab would see them.
"""

import re
import sys
import time
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import nbformat
import pytest

from tools.learner_copies import clear_outputs, course_notebooks

COURSE_ROOT = Path(__file__).resolve().parents[2]

NOTEBOOKS = course_notebooks()
REQUIREMENTS = COURSE_ROOT / "requirements-colab.txt"
PIN = re.compile(r"^([A-Za-z0-9_.-]+)==([^\s;#]+)", flags=re.MULTILINE)
CELL_TIMEOUT_SECONDS = 300
IMAGE_TYPES = ("image/png", "image/jpeg", "image/svg+xml")
ANSI_COLOUR = re.compile(r"\x1b\[[0-9;]*m")


def image_outputs(notebook) -> int:
    return sum(
        any(kind in output.get("data", {}) for kind in IMAGE_TYPES)
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
    )


def first_warning_line(text: str) -> str:
    """The line of a stderr output that names the warning, shortened."""
    lines = [line.strip() for line in text.splitlines() if line.strip()] or [""]
    return next((line for line in lines if "Warning" in line), lines[0])[:200]


def test_this_environment_has_colabs_versions():
    assert sys.version_info[:2] == (3, 13), (
        f"The Colab floor needs Python 3.13 (Colab's), this is {sys.version.split()[0]}: "
        "run it with `make test-colab`, which builds .venv-colab"
    )
    wrong = {}
    for name, pinned in PIN.findall(REQUIREMENTS.read_text()):
        try:
            installed = version(name)
        except PackageNotFoundError:
            installed = "missing"
        if installed != pinned:
            wrong[name] = f"{installed} instead of {pinned}"
    assert not wrong, f"Not the versions of requirements-colab.txt: {wrong}; run `make test-colab`"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_notebook_runs_under_colab_versions(path, colab_results, tmp_path, monkeypatch):
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    # A kernel of this environment only, whatever the user's Jupyter and IPython settings.
    for variable, folder in [("JUPYTER_DATA_DIR", "data"), ("JUPYTER_CONFIG_DIR", "config"),
                             ("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython")]:
        monkeypatch.setenv(variable, str(tmp_path / folder))
    committed = nbformat.read(path, as_version=4)
    notebook = clear_outputs(nbformat.read(path, as_version=4))
    client = NotebookClient(
        notebook, timeout=CELL_TIMEOUT_SECONDS, kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    start = time.perf_counter()
    failure = None
    try:
        client.execute()
    except CellExecutionError as error:
        failure = ANSI_COLOUR.sub("", str(error))
    if failure:
        pytest.fail(f"{path.name} fails under Colab's versions:\n{failure}", pytrace=False)
    seconds = time.perf_counter() - start
    kernel_python = notebook.metadata.get("language_info", {}).get("version", "")
    assert kernel_python.startswith("3.13"), f"the kernel ran Python {kernel_python}, not 3.13"
    stderr = [
        f"cell {number}: {first_warning_line(output.text)}"
        for number, cell in enumerate(notebook.cells, start=1)
        if cell.cell_type == "code"
        for output in cell.outputs
        if output.output_type == "stream" and output.name == "stderr"
    ]
    colab_results.append({"notebook": path.name, "seconds": seconds, "stderr": stderr})
    executed = all(cell.execution_count for cell in committed.cells if cell.cell_type == "code")
    if executed:
        assert image_outputs(notebook) == image_outputs(committed), (
            f"{path.name}: {image_outputs(notebook)} figures under Colab's versions, "
            f"{image_outputs(committed)} committed"
        )
