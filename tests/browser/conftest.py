"""Results of the real-browser test (`make test-browser`), summarised at the end of the session."""

import pytest

from tests.chromium import browser  # noqa: F401 (the headless Chromium fixture)

RESULTS: list[dict] = []


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
