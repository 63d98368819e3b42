"""Stop with a clear message when the Python running this script is older than the course needs."""

import sys

REQUIRED = (3, 11)

if sys.version_info < REQUIRED:
    found = ".".join(map(str, sys.version_info[:3]))
    sys.exit(
        f"This course needs Python {REQUIRED[0]}.{REQUIRED[1]} or newer, but {sys.executable} is "
        f"Python {found}. Install a newer Python, then run for example: make PYTHON=python3.12 lab"
    )
