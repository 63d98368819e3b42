"""Run pip with environment markers evaluated for another platform (used by resolve_platforms.py).

Usage: python tools/pip_for_platform.py '<marker environment as JSON>' install --dry-run ...

pip's `--platform` and `--python-version` choose which wheels fit the target, but pip still
evaluates environment markers (`; sys_platform == "darwin"`) for the machine it runs on, in the
requirements it is given and in every dependency's metadata. Resolving for a Mac on Linux then
wants xgboost's `nvidia-nccl-cu12; platform_system == "Linux"` and misses ipykernel's
`appnope; platform_system == "Darwin"`. pip has no option for this, so this script replaces the
one function of pip's vendored `packaging` that supplies the marker values, then runs pip.
It relies on pip's internals: requirements-platforms.txt pins the pip it was written against.
"""

import json
import sys


def main() -> None:
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    environment = json.loads(sys.argv[1])
    try:
        from pip._internal.cli.main import main as pip_main
        from pip._vendor.packaging import markers
    except ImportError as error:
        sys.exit(f"{error}: this pip has another layout; install requirements-platforms.txt.")
    if not callable(getattr(markers, "default_environment", None)):
        sys.exit("pip's vendored packaging has no default_environment(): install the pip pinned "
                 "in requirements-platforms.txt.")
    markers.default_environment = lambda: dict(environment)
    sys.exit(pip_main(sys.argv[2:]))


if __name__ == "__main__":
    main()
