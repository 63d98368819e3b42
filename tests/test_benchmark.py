"""tools/benchmark.py: its inputs are checked, and its memory reading works on this machine."""

import os
import runpy
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "tools" / "benchmark.py"


def run_benchmark(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *arguments], capture_output=True, text=True, check=False
    )


def test_zero_repeats_is_refused_with_a_message():
    finished = run_benchmark("--repeat", "0", "notebooks/01_accuracy_trap.ipynb")
    assert finished.returncode == 2
    assert "--repeat must be 1 or more" in finished.stderr


def test_peak_memory_of_this_process_is_read_from_proc():
    peak_memory_mb = runpy.run_path(str(SCRIPT))["peak_memory_mb"]  # not run as __main__
    assert 10 < peak_memory_mb(os.getpid()) < 24_000
