"""tools/check_python.py stops an old Python with a message that says what to do."""

import runpy
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "tools" / "check_python.py"


def test_an_old_python_gets_a_clear_message(monkeypatch):
    monkeypatch.setattr(sys, "version_info", (3, 10, 12, "final", 0))
    with pytest.raises(SystemExit) as stopped:
        runpy.run_path(str(SCRIPT))
    message = str(stopped.value.code)
    assert "needs Python 3.11 or newer" in message and "Python 3.10.12" in message
    assert "make PYTHON=" in message


def test_this_python_passes():
    runpy.run_path(str(SCRIPT))  # the pinned environment's Python is new enough
