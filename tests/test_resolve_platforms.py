"""The offline half of the platform check: markers, requirement lines, pip's arguments and errors.
The resolutions themselves need the package index: tests/platforms/, `make test-platforms`."""

from pathlib import Path

import pytest
from packaging.requirements import Requirement

from tools import resolve_platforms as platforms

COURSE_ROOT = Path(__file__).resolve().parent.parent
MAC_ARM = platforms.Target(platforms.platform_named("macOS arm64"), "3.12")
MAC_INTEL = platforms.Target(platforms.platform_named("macOS x86-64"), "3.11")
WINDOWS = platforms.Target(platforms.platform_named("Windows x86-64"), "3.13")
LINUX = platforms.Target(platforms.platform_named("Linux x86-64"), "3.11")
LINUX_ARM = platforms.Target(platforms.platform_named("Linux arm64"), "3.12")


def learner_requirements() -> list[Requirement]:
    return platforms.read_requirements((COURSE_ROOT / "requirements.txt").read_text())


def test_fifteen_targets_five_platforms_three_pythons():
    targets = platforms.learner_targets()
    assert len({target.name for target in targets}) == 15
    assert {target.python for target in targets} == {"3.11", "3.12", "3.13"}
    assert {target.platform.name for target in targets} == {
        "macOS arm64", "macOS x86-64", "Windows x86-64", "Linux x86-64", "Linux arm64"}


def test_an_unknown_platform_is_refused_with_the_known_names():
    with pytest.raises(ValueError, match="unknown platform 'macOS m1'.*macOS arm64"):
        platforms.platform_named("macOS m1")


@pytest.mark.parametrize(("target", "expected"), [
    (MAC_ARM, {"sys_platform": "darwin", "platform_machine": "arm64", "os_name": "posix"}),
    (MAC_INTEL, {"platform_system": "Darwin", "platform_machine": "x86_64"}),
    (WINDOWS, {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt",
               "platform_machine": "AMD64", "python_version": "3.13"}),
    (LINUX_ARM, {"sys_platform": "linux", "platform_machine": "aarch64",
                 "python_full_version": "3.12.0"}),
], ids=lambda value: getattr(value, "name", ""))
def test_marker_environment_describes_the_target(target, expected):
    environment = platforms.marker_environment(target)
    assert environment.items() >= expected.items()


def test_a_line_whose_marker_excludes_the_platform_is_left_out():
    requirements = platforms.read_requirements(
        'numpy==2.4.6\nappnope==0.1.4; sys_platform == "darwin"\n'
        'pywinpty==2.0.15 ; os_name == "nt"  # Windows only\n'
        'tomli==2.2.1; python_version < "3.12"\n'
    )
    assert platforms.requirements_for(requirements, MAC_ARM) == ["numpy==2.4.6", "appnope==0.1.4"]
    assert platforms.requirements_for(requirements, WINDOWS) == ["numpy==2.4.6", "pywinpty==2.0.15"]
    assert platforms.requirements_for(requirements, LINUX) == ["numpy==2.4.6", "tomli==2.2.1"]


def test_extras_stay_and_markers_go():
    requirement = Requirement('jupyterlab[test,docs]>=4; platform_machine == "arm64"')
    assert platforms.without_marker(requirement) == "jupyterlab[docs,test]>=4"


def test_comments_and_blank_lines_are_skipped_and_options_refused():
    text = "# a comment\n\nnumpy==2.4.6  # pinned\n"
    assert [str(req) for req in platforms.read_requirements(text)] == ["numpy==2.4.6"]
    with pytest.raises(ValueError, match="line 2: '-r other.txt' is a pip option"):
        platforms.read_requirements("numpy\n-r other.txt\n", "requirements.txt")
    with pytest.raises(ValueError, match="line 1: 'numpy===' is not a requirement"):
        platforms.read_requirements("numpy===\n", "requirements.txt")


def test_requirements_txt_pins_one_xgboost_version_xgboost_on_macs_xgboost_cpu_elsewhere():
    versions = set()
    for target in platforms.learner_targets():
        lines = platforms.requirements_for(learner_requirements(), target)
        xgboost = [line.split("==") for line in lines if line.startswith("xgboost")]
        on_mac = target.platform.sys_platform == "darwin"
        assert [name for name, _ in xgboost] == ["xgboost" if on_mac else "xgboost-cpu"], target
        versions.update(version for _, version in xgboost)
    assert len(versions) == 1, f"xgboost and xgboost-cpu pinned to different versions: {versions}"


def test_requirements_txt_differs_between_platforms_only_in_xgboost():
    per_target = [platforms.requirements_for(learner_requirements(), target)
                  for target in platforms.learner_targets()]
    others = {tuple(line for line in lines if not line.startswith("xgboost"))
              for lines in per_target}
    assert len(others) == 1


def test_manylinux_tags_run_from_the_newest_glibc_down_with_the_legacy_names():
    tags = platforms.manylinux_tags("x86_64", 28)
    assert tags[0] == "manylinux_2_28_x86_64" and tags[-1] == "manylinux1_x86_64"
    assert {"manylinux2014_x86_64", "manylinux2010_x86_64", "manylinux_2_17_x86_64"} <= set(tags)
    arm = platforms.manylinux_tags("aarch64", 28)
    assert "manylinux2014_aarch64" in arm and "manylinux2010_aarch64" not in arm


def test_pip_is_asked_for_binary_wheels_for_the_target_without_installing(tmp_path):
    arguments = platforms.pip_arguments(MAC_ARM, ["numpy==2.4.6"], tmp_path / "report.json")
    assert arguments[:2] == ["install", "--dry-run"]
    assert "--only-binary=:all:" in arguments and "--ignore-installed" in arguments
    assert arguments[arguments.index("--platform") + 1] == "macosx_12_0_arm64"
    assert arguments[arguments.index("--python-version") + 1] == "3.12"
    assert arguments[arguments.index("--report") + 1] == str(tmp_path / "report.json")
    assert arguments[-1] == "numpy==2.4.6"


PIP_NO_WHEEL = (
    "WARNING: Location 'file:///opt/pypi/simple/xgboost-cpu/' is ignored\n"
    "ERROR: Could not find a version that satisfies the requirement xgboost-cpu==3.2.0 "
    "(from versions: none)\n"
    "ERROR: No matching distribution found for xgboost-cpu==3.2.0\n"
)


def test_a_missing_wheel_is_reported_with_the_platform_and_the_package():
    message = platforms.failure_message(MAC_ARM, PIP_NO_WHEEL)
    headline = message.splitlines()[0]
    assert headline == ("macOS arm64, Python 3.12: no binary wheel of xgboost-cpu==3.2.0 for this "
                        "platform (wheel tags macosx_12_0_arm64).")
    assert "ERROR: No matching distribution found for xgboost-cpu==3.2.0" in message
    assert "WARNING" not in message


def test_another_pip_failure_still_names_the_platform():
    message = platforms.failure_message(LINUX, "ERROR: ResolutionImpossible: a conflict\n")
    assert message.startswith("Linux x86-64, Python 3.11: pip could not resolve")
    assert "ResolutionImpossible" in message


def test_installs_are_read_from_pips_report_with_normalized_names():
    report = {"install": [
        {"metadata": {"name": "Jinja2", "version": "3.1.6"},
         "download_info": {"url": "https://files.example/jinja2-3.1.6-py3-none-any.whl"}},
        {"metadata": {"name": "xgboost_cpu", "version": "3.2.0"},
         "download_info": {"url": "https://x/xgboost_cpu-3.2.0-py3-none-win_amd64.whl"}},
    ]}
    assert platforms.installs_from_report(report) == {
        "jinja2": ("3.1.6", "jinja2-3.1.6-py3-none-any.whl"),
        "xgboost-cpu": ("3.2.0", "xgboost_cpu-3.2.0-py3-none-win_amd64.whl"),
    }
