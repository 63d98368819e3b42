"""The notebooks' setup cell finds the course, and turns an XGBoost that cannot load into one
sentence that says what to do."""

import os
import subprocess
import sys
from pathlib import Path

import nbformat
from IPython.core.inputtransformer2 import TransformerManager

COURSE_ROOT = Path(__file__).resolve().parent.parent
SETUP = nbformat.read(COURSE_ROOT / "notebooks" / "01_accuracy_trap.ipynb", as_version=4).cells[1]
# A stand-in for an installed XGBoost whose compiled library cannot load, as on a Mac without
# the OpenMP runtime (XGBoostError is a ValueError).
BROKEN_XGBOOST = '''
class XGBoostError(ValueError):
    pass

raise XGBoostError(
    "XGBoost Library (libxgboost.dylib) could not be loaded. Likely causes: OpenMP runtime is "
    "not installed (libomp.dylib for Mac OSX)."
)
'''


def run_setup(tmp_path: Path, fake_xgboost: str | None, then: str = "",
              **environment_changes: str) -> subprocess.CompletedProcess:
    """Run the setup cell as Python from notebooks/, with an optional fake xgboost package,
    then the code ``then``."""
    code = TransformerManager().transform_cell(SETUP.source)
    code += "\nprint('course root:', COURSE_ROOT, os.environ['OMP_NUM_THREADS'])\n" + then
    path = [str(tmp_path)] if fake_xgboost is not None else []
    if fake_xgboost is not None:
        (tmp_path / "xgboost").mkdir()
        (tmp_path / "xgboost" / "__init__.py").write_text(fake_xgboost)
    program = f"import sys; sys.path[:0] = {path!r}; exec(compile({code!r}, 'setup', 'exec'))"
    environment = {name: value for name, value in os.environ.items()
                   if name not in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")}
    environment |= environment_changes
    return subprocess.run([sys.executable, "-c", program], cwd=COURSE_ROOT / "notebooks",
                          capture_output=True, text=True, timeout=120, env=environment)


def test_the_setup_cell_finds_the_course_and_imports_helpers_first(tmp_path):
    result = run_setup(tmp_path, fake_xgboost=None)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"course root: {COURSE_ROOT} 1"  # one thread per library


def test_after_the_setup_cell_a_check_cell_calls_helpers_claim_without_an_import(tmp_path):
    check = 'helpers.claim(1 > 2, "One should exceed two.")\nprint("ran on")\n'
    learner = run_setup(tmp_path, fake_xgboost=None, then=check, COURSE_CHECKS="notes")
    assert learner.returncode == 0, learner.stderr
    assert "One should exceed two." in learner.stdout and learner.stdout.endswith("ran on\n")
    checked = run_setup(tmp_path, fake_xgboost=None, then=check, COURSE_CHECKS="strict")
    assert checked.stderr.strip().splitlines()[-1] == "AssertionError: One should exceed two."


def test_an_xgboost_that_cannot_load_its_library_gets_one_sentence_of_advice(tmp_path):
    result = run_setup(tmp_path, fake_xgboost=BROKEN_XGBOOST)
    last_line = result.stderr.strip().splitlines()[-1]
    assert result.returncode != 0
    assert last_line.startswith("ImportError: XGBoost is installed but its library did not load")
    assert "brew install libomp" in last_line and "restart the kernel" in last_line
    assert "libxgboost.dylib" not in result.stderr  # the long original message is not repeated


def test_a_missing_xgboost_says_how_to_install_the_course(tmp_path):
    result = run_setup(tmp_path, fake_xgboost="raise ModuleNotFoundError('No module xgboost')")
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("ModuleNotFoundError: XGBoost is not installed here")
    assert "make lab" in last_line



def test_on_colab_the_setup_cell_installs_the_versions_the_colab_floor_tests():
    pins = dict(line.split("==") for line in (COURSE_ROOT / "requirements-colab.txt").read_text()
                .splitlines() if "==" in line and not line.startswith("#"))
    assert f'"imbalanced-learn=={pins["imbalanced-learn"]}"' in SETUP.source
    assert f'"xgboost=={pins["xgboost-cpu"]}"' in SETUP.source  # Colab's xgboost, same release
