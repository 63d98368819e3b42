"""The Colab-floor test runs only when named (`make test-colab` runs `pytest tests/colab_floor` in
.venv-colab, Python 3.13 with Colab's library versions). Plain `pytest`, `make unit` and
`make notebooks` leave this folder alone.
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
def colab_results() -> list[dict]:
    """One row per notebook executed, printed at the end of the session."""
    return RESULTS


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    if not RESULTS:
        return
    terminalreporter.section("Colab floor: each notebook executed under Colab's versions")
    terminalreporter.write_line("| notebook | run time (s) | warnings (stderr) |")
    terminalreporter.write_line("|---|---:|---|")
    for row in RESULTS:
        warnings = "; ".join(row["stderr"]) or "none"
        terminalreporter.write_line(f"| {row['notebook']} | {row['seconds']:.1f} | {warnings} |")
