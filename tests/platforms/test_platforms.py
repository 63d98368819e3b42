"""requirements.txt installs from binary wheels on every platform and Python a learner may have;
requirements-colab.txt on Colab's. Needs the package index: run it with `make test-platforms`.

pip resolves each target without installing (see tools/resolve_platforms.py). The control case
asks for a package that has no macOS wheel, to show that a missing wheel fails with a message
naming the platform and the package.
"""

from pathlib import Path

import pytest

from tools import resolve_platforms as platforms

COURSE_ROOT = Path(__file__).resolve().parents[2]
TARGETS = [target.name for target in platforms.learner_targets()]


def pinned_version(requirements_file: str, name: str) -> str:
    """The version ``name`` is pinned to (``name==X``) in one of the course's requirements files."""
    text = (COURSE_ROOT / requirements_file).read_text()
    pins = {str(requirement.specifier)[2:] for requirement in platforms.read_requirements(text)
            if requirement.name == name and str(requirement.specifier).startswith("==")}
    assert len(pins) == 1, f"{requirements_file} should pin {name} once with =="
    return pins.pop()


@pytest.mark.parametrize("name", TARGETS)
def test_requirements_install_from_wheels(resolutions, name):
    result = resolutions[name]
    if result.failure:
        pytest.fail(result.failure, pytrace=False)
    assert all(wheel.endswith(".whl") for _, wheel in result.installs.values())


@pytest.mark.parametrize("name", TARGETS)
def test_every_target_gets_the_same_xgboost_and_no_nvidia_library(resolutions, name):
    installs = resolutions[name].installs
    xgboost = installs.get("xgboost") or installs.get("xgboost-cpu")
    expected = pinned_version("requirements.txt", "xgboost-cpu")
    assert xgboost and xgboost[0] == expected, f"{name}: XGBoost {xgboost}, not {expected}"
    on_mac = name.startswith("macOS")
    assert ("xgboost" in installs) == on_mac, f"{name}: {sorted(installs)[:5]}..."
    nvidia = [package for package in installs if package.startswith("nvidia")]
    assert not nvidia, f"{name} would download NVIDIA libraries: {nvidia}"


def test_colab_requirements_install_from_wheels(resolutions):
    result = resolutions["colab"]
    if result.failure:
        pytest.fail(result.failure, pytrace=False)
    expected = pinned_version("requirements-colab.txt", "xgboost-cpu")
    assert result.installs["xgboost-cpu"][0] == expected


def test_a_package_without_a_wheel_fails_naming_the_platform_and_the_package(resolutions):
    failure = resolutions["control"].failure
    assert failure is not None, "xgboost-cpu 3.2.0 resolved on macOS: the check cannot fail"
    assert failure.startswith("macOS arm64, Python 3.13: no binary wheel of xgboost-cpu==3.2.0")
