"""Check that pinned requirements install from binary wheels on every platform learners use.

For each target (an operating system, a processor and a Python version) this evaluates the
environment markers of each requirement line for that target (pip would evaluate them for the
machine it runs on), then asks pip's resolver what it would install there, without installing:
`pip install --dry-run --only-binary=:all: --platform TAG... --python-version X.Y`. pip runs
through tools/pip_for_platform.py, so the dependencies' own markers are evaluated for the target
too. A target fails when some package, pinned or pulled in, has no wheel for it.

`make test-platforms` runs it for requirements.txt on macOS (arm64, x86-64), Windows (x86-64) and
Linux (x86-64, arm64) with Python 3.11, 3.12 and 3.13, and for requirements-colab.txt on Colab's
platform (tests/platforms/). It needs the package index; all resolutions share pip's cache.
"""

import json
import re
import subprocess
import tempfile
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import InvalidRequirement, Requirement

COURSE_ROOT = Path(__file__).resolve().parent.parent
PIP_FOR_PLATFORM = COURSE_ROOT / "tools" / "pip_for_platform.py"
PYTHONS = ("3.11", "3.12", "3.13")
# The oldest system each platform is checked for; pip also accepts wheels for older ones.
# macOS: pip adds the older macOS versions and universal2 wheels itself. Linux: glibc 2.28
# (RHEL 8, Debian 10, Ubuntu 20.04 and newer); the manylinux tags are spelled out below.
OLDEST_MACOS_ARM64 = "12_0"
OLDEST_MACOS_X86_64 = "10_15"
OLDEST_GLIBC = 28
COLAB_GLIBC = 35  # Colab runs Ubuntu 22.04


def manylinux_tags(arch: str, glibc_minor: int) -> tuple[str, ...]:
    """Every manylinux tag a Linux with glibc 2.``glibc_minor`` on ``arch`` accepts, newest first.

    >>> manylinux_tags("x86_64", 17)[:2]
    ('manylinux_2_17_x86_64', 'manylinux2014_x86_64')
    >>> manylinux_tags("aarch64", 17)[-2:]
    ('manylinux_2_6_aarch64', 'manylinux_2_5_aarch64')
    """
    legacy = {17: "manylinux2014", 12: "manylinux2010", 5: "manylinux1"}
    tags = []
    for minor in range(glibc_minor, 4, -1):
        tags.append(f"manylinux_2_{minor}_{arch}")
        if minor in legacy and (minor == 17 or arch in ("x86_64", "i686")):
            tags.append(f"{legacy[minor]}_{arch}")
    return tuple(tags)


@dataclass(frozen=True)
class Platform:
    """An operating system on a processor: its wheel tags and its environment-marker values."""

    name: str
    tags: tuple[str, ...]
    sys_platform: str
    platform_system: str
    platform_machine: str
    os_name: str = "posix"


PLATFORMS = (
    Platform("macOS arm64", (f"macosx_{OLDEST_MACOS_ARM64}_arm64",), "darwin", "Darwin", "arm64"),
    Platform("macOS x86-64", (f"macosx_{OLDEST_MACOS_X86_64}_x86_64",), "darwin", "Darwin",
             "x86_64"),
    Platform("Windows x86-64", ("win_amd64",), "win32", "Windows", "AMD64", os_name="nt"),
    Platform("Linux x86-64", manylinux_tags("x86_64", OLDEST_GLIBC), "linux", "Linux", "x86_64"),
    Platform("Linux arm64", manylinux_tags("aarch64", OLDEST_GLIBC), "linux", "Linux", "aarch64"),
)
COLAB = Platform("Colab (Linux x86-64)", manylinux_tags("x86_64", COLAB_GLIBC), "linux", "Linux",
                 "x86_64")


@dataclass(frozen=True)
class Target:
    """One place the course must install: a platform and a Python version ("3.12")."""

    platform: Platform
    python: str

    @property
    def name(self) -> str:
        return f"{self.platform.name}, Python {self.python}"


def learner_targets() -> list[Target]:
    """The 15 platform and Python pairs requirements.txt must install on."""
    return [Target(platform, python) for platform in PLATFORMS for python in PYTHONS]


def platform_named(name: str) -> Platform:
    """The platform called ``name`` (e.g. "macOS arm64"), or a ValueError listing the names."""
    for platform in (*PLATFORMS, COLAB):
        if platform.name == name:
            return platform
    known = ", ".join(platform.name for platform in (*PLATFORMS, COLAB))
    raise ValueError(f"unknown platform {name!r}: choose one of {known}")


def marker_environment(target: Target) -> dict[str, str]:
    """The values of PEP 508 environment markers on ``target`` (CPython, the .0 release)."""
    full_version = f"{target.python}.0"
    return {
        "implementation_name": "cpython",
        "implementation_version": full_version,
        "os_name": target.platform.os_name,
        "platform_machine": target.platform.platform_machine,
        "platform_python_implementation": "CPython",
        "platform_release": "",
        "platform_system": target.platform.platform_system,
        "platform_version": "",
        "python_full_version": full_version,
        "python_version": target.python,
        "sys_platform": target.platform.sys_platform,
    }


def read_requirements(text: str, source: str = "requirements") -> list[Requirement]:
    """The requirements in a requirements file's ``text``: one per line, comments ignored.

    Options (``-r``, ``--index-url`` ...) are refused: the check would not see what they add.
    """
    requirements = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = re.sub(r"(^|\s)#.*$", "", line).strip()
        if not line:
            continue
        if line.startswith("-"):
            raise ValueError(f"{source}, line {number}: {line!r} is a pip option; "
                             "this check reads plain requirement lines only: write them out.")
        try:
            requirements.append(Requirement(line))
        except InvalidRequirement as error:
            raise ValueError(f"{source}, line {number}: {line!r} is not a requirement: "
                             f"{error}") from error
    return requirements


def applies_to(requirement: Requirement, target: Target) -> bool:
    """True when the requirement's marker (if any) holds on ``target``."""
    marker: Marker | None = requirement.marker
    return marker is None or marker.evaluate(marker_environment(target) | {"extra": ""})


def without_marker(requirement: Requirement) -> str:
    """The requirement as pip reads it once its marker is known to hold: ``name[extras]==1.0``.

    >>> without_marker(Requirement('xgboost==3.2.0; sys_platform == "darwin"'))
    'xgboost==3.2.0'
    """
    extras = f"[{','.join(sorted(requirement.extras))}]" if requirement.extras else ""
    if requirement.url:
        return f"{requirement.name}{extras} @ {requirement.url}"
    return f"{requirement.name}{extras}{requirement.specifier}"


def requirements_for(requirements: Iterable[Requirement], target: Target) -> list[str]:
    """The requirement lines that apply on ``target``, markers removed."""
    return [without_marker(requirement) for requirement in requirements
            if applies_to(requirement, target)]


def pip_arguments(target: Target, requirements: list[str], report: Path) -> list[str]:
    """pip's arguments to resolve ``requirements`` for ``target`` from wheels, installing nothing.

    ``--target`` is required by pip with ``--platform``; nothing is written there (``--dry-run``).
    """
    platforms = [argument for tag in target.platform.tags for argument in ("--platform", tag)]
    return ["install", "--dry-run", "--ignore-installed", "--only-binary=:all:",
            "--disable-pip-version-check", "--quiet", *platforms,
            "--python-version", target.python, "--implementation", "cp",
            "--target", str(report.parent / "target"), "--report", str(report), *requirements]


PIP_NO_MATCH = re.compile(
    r"(?:No matching distribution found for|Could not find a version that satisfies the "
    r"requirement) (\S+)"
)


def packages_without_wheel(pip_output: str) -> list[str]:
    """The requirements pip says it found no fitting distribution for, in order, once each."""
    found = []
    for name in PIP_NO_MATCH.findall(pip_output):
        if name not in found:
            found.append(name)
    return found


def error_lines(pip_output: str) -> list[str]:
    """pip's ERROR lines and the resolver's conflict explanation, without warnings."""
    lines = [line.strip() for line in pip_output.splitlines()]
    return [line for line in lines if line and not line.startswith("WARNING")][-12:]


def failure_message(target: Target, pip_output: str) -> str:
    """What did not resolve: the target, the package without a wheel, and what pip said."""
    tags = ", ".join(target.platform.tags[:3]) + (", ..." if len(target.platform.tags) > 3 else "")
    missing = packages_without_wheel(pip_output)
    if missing:
        headline = (f"{target.name}: no binary wheel of {', '.join(missing)} for this platform "
                    f"(wheel tags {tags}).")
    else:
        headline = f"{target.name}: pip could not resolve the requirements from binary wheels."
    advice = ("Change the pin, or give this platform its own line with an environment marker "
              "(as requirements.txt does for xgboost). pip said:")
    return "\n".join([headline, advice, *error_lines(pip_output)])


@dataclass
class Resolution:
    """What pip would install on one target, or why it cannot."""

    target: Target
    seconds: float
    installs: dict[str, tuple[str, str]] = field(default_factory=dict)  # name: (version, file)
    failure: str | None = None


def installs_from_report(report: dict) -> dict[str, tuple[str, str]]:
    """{normalized name: (version, wheel file name)} from pip's JSON installation report."""
    installs = {}
    for item in report["install"]:
        name = re.sub(r"[-_.]+", "-", item["metadata"]["name"]).lower()
        wheel = item["download_info"]["url"].rsplit("/", 1)[-1]
        installs[name] = (item["metadata"]["version"], wheel)
    return installs


def resolve(target: Target, requirements: list[str], pip_python: str) -> Resolution:
    """Ask pip (run by ``pip_python``) what it would install for ``target``."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="resolve-") as folder:
        report = Path(folder) / "report.json"
        command = [pip_python, str(PIP_FOR_PLATFORM), json.dumps(marker_environment(target)),
                   *pip_arguments(target, requirements, report)]
        result = subprocess.run(command, capture_output=True, text=True)
        seconds = time.perf_counter() - started
        if result.returncode != 0:
            return Resolution(target, seconds,
                              failure=failure_message(target, result.stdout + result.stderr))
        return Resolution(target, seconds, installs_from_report(json.loads(report.read_text())))


def resolve_all(jobs: list[tuple[Target, list[str]]], pip_python: str,
                workers: int = 6) -> list[Resolution]:
    """Resolve every (target, requirements) job, ``workers`` at a time, in the jobs' order."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(resolve, target, requirements, pip_python)
                   for target, requirements in jobs]
        return [future.result() for future in futures]
