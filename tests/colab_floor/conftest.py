"""Results of the Colab-floor test (`make test-colab`), summarised at the end of the session."""

import pytest

RESULTS: list[dict] = []


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
