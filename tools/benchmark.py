"""Execute each notebook in a fresh kernel, as "Restart kernel and run all" does, and report its
wall time and the kernel's peak memory (resident set high-water mark) against the course targets.

Each notebook runs --repeat times (3 by default) and the median time is reported with the range:
on a shared machine one run can be seconds off.

Usage: python tools/benchmark.py [--seconds-target S] [--total-seconds-target S] [--repeat N]
       notebooks/*.ipynb
Run it under `taskset -c 0` to see one CPU, as on Binder (`make bench` does both).
"""

import argparse
import os
import statistics
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

MEMORY_TARGET_MB = 600


def peak_memory_mb(pid: int) -> float:
    """Peak resident memory of a running process, from Linux's /proc/<pid>/status (VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"/proc/{pid}/status has no VmHWM line: is this Linux?")


def run(path: Path) -> tuple[float, float]:
    """Execute one notebook; return (wall seconds, peak kernel memory in MB)."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": path.parent}}
    )
    peaks = [0.0]
    client.on_cell_executed = lambda **_: peaks.append(peak_memory_mb(client.km.provisioner.pid))
    start = time.perf_counter()
    client.execute()
    return time.perf_counter() - start, max(peaks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--seconds-target", type=float, default=15, help="per notebook")
    parser.add_argument("--total-seconds-target", type=float, default=45, help="all notebooks")
    parser.add_argument("--repeat", type=int, default=3, help="runs per notebook (median shown)")
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be 1 or more")
    cores = len(os.sched_getaffinity(0))
    print(f"\n{cores} CPU core(s), {args.repeat} run(s) each; targets: "
          f"<= {args.seconds_target:g} s per notebook, <= {args.total_seconds_target:g} s in all, "
          f"<= {MEMORY_TARGET_MB} MB peak memory\n")
    print("| notebook | wall time (s), median | range (s) | peak memory (MB) | within target |")
    print("|---|---:|---:|---:|---|")
    total = 0.0
    for path in args.notebooks:
        runs = [run(path) for _ in range(args.repeat)]
        times = [seconds for seconds, _ in runs]
        seconds, megabytes = statistics.median(times), max(mb for _, mb in runs)
        total += seconds
        ok = seconds <= args.seconds_target and megabytes <= MEMORY_TARGET_MB
        print(f"| {path.name} | {seconds:.1f} | {min(times):.1f}–{max(times):.1f} | "
              f"{megabytes:.0f} | {'yes' if ok else 'NO'} |")
    within = "yes" if total <= args.total_seconds_target else "NO"
    print(f"| all (sum of medians) | {total:.1f} | | | {within} |")


if __name__ == "__main__":
    main()
