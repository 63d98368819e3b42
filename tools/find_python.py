"""Print the path of a Python interpreter of a given minor version, or stop with advice.

Usage: python tools/find_python.py 3.13
Tries, in order: $COLAB_PYTHON if set, pyenv's `PYENV_VERSION=<minor>.0 python<minor>`,
`python<minor>` on PATH, then any pyenv version <minor>.* under `pyenv root`. `make test-colab`
uses it to build .venv-colab with Colab's Python.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

PROBE = "import sys; print(sys.executable); print('%d.%d' % sys.version_info[:2])"


def version_of(command: list[str], env: dict[str, str] | None = None) -> tuple[str, str] | None:
    """(real executable, "X.Y") of a Python command, or None if it does not run."""
    try:
        result = subprocess.run(
            [*command, "-c", PROBE], capture_output=True, text=True, timeout=30,
            env=None if env is None else os.environ | env,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    lines = result.stdout.split()
    return (lines[0], lines[1]) if result.returncode == 0 and len(lines) == 2 else None


def candidates(minor: str) -> list[tuple[list[str], dict[str, str] | None]]:
    found = []
    if os.environ.get("COLAB_PYTHON"):
        found.append(([os.environ["COLAB_PYTHON"]], None))
    found.append(([f"python{minor}"], {"PYENV_VERSION": f"{minor}.0"}))
    found.append(([f"python{minor}"], None))
    if shutil.which("pyenv"):
        root = subprocess.run(["pyenv", "root"], capture_output=True, text=True).stdout.strip()
        for folder in sorted(Path(root, "versions").glob(f"{minor}.*"), reverse=True):
            found.append(([str(folder / "bin" / f"python{minor}")], None))
    return found


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    minor = sys.argv[1]
    named = os.environ.get("COLAB_PYTHON")
    if named and (version_of([named]) or ("", "none"))[1] != minor:
        sys.exit(f"COLAB_PYTHON={named} is not a working Python {minor}.")
    for command, env in candidates(minor):
        answer = version_of(command, env)
        if answer and answer[1] == minor:
            print(answer[0])
            return
    sys.exit(
        f"No Python {minor} found (tried $COLAB_PYTHON, PYENV_VERSION={minor}.0 python{minor}, "
        f"python{minor} on PATH and pyenv's versions). The Colab floor needs Colab's Python "
        f"{minor}: install it (e.g. `pyenv install {minor}`) or name it with "
        f"`make test-colab COLAB_PYTHON=/path/to/python{minor}`."
    )


if __name__ == "__main__":
    main()
