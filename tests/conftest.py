"""Shared test set-up: a non-interactive plotting backend, the course root on sys.path, and the
test folders that run only when named on the command line."""

import sys
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")
TESTS = Path(__file__).resolve().parent
COURSE_ROOT = TESTS.parent
sys.path.insert(0, str(COURSE_ROOT))
# Plain `pytest` leaves these alone: the browser test needs Playwright and Debian's Chromium
# (`make test-browser`), the Colab floor needs its own Python 3.13 environment (`make test-colab`),
# the website's tests need the built site and its environment (`make test-site`), the platform
# check needs the package index (`make test-platforms`): learners run `pytest` offline. The
# workshop test executes every notebook once more (`make test-workshop`): CI runs it, once.
ONLY_WHEN_NAMED = (TESTS / "browser", TESTS / "colab_floor", TESTS / "website", TESTS / "platforms",
                   TESTS / "workshop")


def named_on_command_line(config: pytest.Config, folder: Path) -> bool:
    """True when a command-line argument is ``folder`` or a path inside it."""
    for arg in config.args:
        path = Path(config.invocation_params.dir, arg.split("::")[0]).resolve()
        if path == folder or folder in path.parents:
            return True
    return False


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    for folder in ONLY_WHEN_NAMED:
        inside = collection_path == folder or folder in collection_path.parents
        if inside and not named_on_command_line(config, folder):
            return True
    return None
