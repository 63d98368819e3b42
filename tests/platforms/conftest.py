"""Every resolution of the platform check (`make test-platforms`), run at once, and a summary."""

import os
import time
from pathlib import Path

import pytest

from tools import resolve_platforms as platforms

COURSE_ROOT = Path(__file__).resolve().parents[2]
# The pip that resolves for other platforms: .venv-platforms, built from requirements-platforms.txt.
PIP_PYTHON = os.environ.get("PLATFORM_PIP_PYTHON", str(COURSE_ROOT / ".venv-platforms/bin/python"))
WORKERS = 6
RUN: dict = {}
LABELS = {"control": "control, must fail: xgboost-cpu alone on macOS arm64, Python 3.13"}


def jobs() -> dict[str, tuple[platforms.Target, list[str]]]:
    """Every resolution the tests look at, by name: the 15 learner targets, Colab, and a control
    that must fail (xgboost-cpu, which has no macOS wheel)."""
    learner = platforms.read_requirements((COURSE_ROOT / "requirements.txt").read_text())
    colab = platforms.read_requirements((COURSE_ROOT / "requirements-colab.txt").read_text())
    found = {target.name: (target, platforms.requirements_for(learner, target))
             for target in platforms.learner_targets()}
    colab_target = platforms.Target(platforms.COLAB, "3.13")
    found["colab"] = (colab_target, platforms.requirements_for(colab, colab_target))
    mac = platforms.Target(platforms.platform_named("macOS arm64"), "3.13")
    found["control"] = (mac, ["xgboost-cpu==3.2.0"])
    return found


@pytest.fixture(scope="session")
def resolutions() -> dict[str, platforms.Resolution]:
    """What pip would install for each job, resolved in parallel (network and disk bound)."""
    if not Path(PIP_PYTHON).is_file():
        pytest.fail(f"{PIP_PYTHON} is missing: run `make test-platforms`, which creates it.")
    named = jobs()
    started = time.perf_counter()
    results = platforms.resolve_all(list(named.values()), PIP_PYTHON, workers=WORKERS)
    RUN["seconds"] = time.perf_counter() - started
    RUN["results"] = dict(zip(named, results, strict=True))
    return RUN["results"]


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    if not RUN:
        return
    terminalreporter.section("Resolved from binary wheels, per platform and Python")
    terminalreporter.write_line("| target | packages | xgboost wheel | seconds | result |")
    terminalreporter.write_line("|---|---:|---|---:|---|")
    for name, result in RUN["results"].items():
        xgboost = result.installs.get("xgboost") or result.installs.get("xgboost-cpu")
        wheel = xgboost[1] if xgboost else "-"
        outcome = "resolves" if result.failure is None else result.failure.splitlines()[0]
        label = LABELS.get(name, result.target.name)
        terminalreporter.write_line(
            f"| {label} | {len(result.installs)} | {wheel} | {result.seconds:.1f} | {outcome} |"
        )
    terminalreporter.write_line(
        f"{len(RUN['results'])} resolutions, {WORKERS} at a time: {RUN['seconds']:.0f} s"
    )
