"""The real-browser test runs only when named (`make test-browser` runs `pytest tests/browser`).

Plain `pytest`, `make unit` and `make notebooks` leave this folder alone: it needs Playwright and
Debian's Chromium, which requirements.txt does not install.
"""

from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
RESULTS: list[dict] = []


def named_on_command_line(config: pytest.Config) -> bool:
    """True when a command-line argument is this folder or a path inside it."""
    for arg in config.args:
        path = Path(config.invocation_params.dir, arg.split("::")[0]).resolve()
        if path == HERE or HERE in path.parents:
            return True
    return False


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    return True if not named_on_command_line(config) else None


@pytest.fixture(scope="session")
def browser_results() -> list[dict]:
    """One row per notebook run in the browser, printed at the end of the session."""
    return RESULTS


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    if not RESULTS:
        return
    terminalreporter.section("JupyterLab in Chromium: Run All per notebook")
    terminalreporter.write_line("| notebook | run time (s) | figures | screenshot |")
    terminalreporter.write_line("|---|---:|---:|---|")
    for row in RESULTS:
        terminalreporter.write_line(
            f"| {row['notebook']} | {row['seconds']:.1f} | {row['figures']} | {row['screenshot']} |"
        )
