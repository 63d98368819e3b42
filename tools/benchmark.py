"""Time the course's notebooks against a fixed reference workload in the same run; report ratios.

Each notebook runs in a fresh kernel, as "Restart kernel and run all" does. The reference
notebooks (tools/bench_reference/: the seed draft's code, one notebook per course notebook, see
README.md there) run in the same invocation, interleaved with the course's (reference 01, course
01, reference 02, course 02, ... in every repeat), so that a machine slower today, or busy for a
minute, slows both alike. The targets are ratios to that reference, not seconds (a notebook's
optional part, the cells under its "## Going further" heading, counts; its share is reported):
- the course's notebooks in all at most TOTAL_RATIO_TARGET times the reference notebooks in all;
- no course notebook over NOTEBOOK_RATIO_TARGET times the slowest reference notebook;
- at most MEMORY_TARGET_MB of peak memory per kernel (its resident high-water mark; the worker
  processes a notebook may start are not counted).
Each notebook runs --repeat times (3 by default): medians are reported, with their range. The
slowest cells of the course follow (median seconds of each cell over the repeats), then the exit
status is 0 whatever the figures (a report, not a test), or 1 with --strict if a target is missed.

Usage: python tools/benchmark.py [--repeat N] [--strict] [--reference FOLDER] notebooks/*.ipynb
Run it under `taskset -c 0` to see one CPU, as on Binder (`make bench` does both).
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

COURSE_ROOT = Path(__file__).resolve().parent.parent
REFERENCE_FOLDER = COURSE_ROOT / "tools" / "bench_reference"
TOTAL_RATIO_TARGET = 1.2  # the course in all, over the reference in all
NOTEBOOK_RATIO_TARGET = 1.3  # each course notebook, over the slowest reference notebook
MEMORY_TARGET_MB = 400  # peak resident memory of each course notebook's kernel
SLOWEST_CELLS_SHOWN = 10
FIRST_LINE_WIDTH = 70
NOTEBOOK_NUMBER = re.compile(r"^(\d\d)_")
# A notebook's optional part starts at a heading of level 1 or 2 that begins with this, and ends
# at the next heading of level 1 or 2, or with the notebook.
OPTIONAL_PART = "Going further"
SECTION_HEADING = re.compile(r"^#{1,2} (.*)$", re.MULTILINE)


class BenchmarkInputError(ValueError):
    """The notebooks or the reference folder given cannot be benchmarked as asked."""


@dataclass(frozen=True)
class Run:
    """One execution of a notebook: wall seconds, the kernel's peak memory, seconds per cell."""

    seconds: float
    peak_memory_mb: float
    cell_seconds: dict[int, float]


@dataclass(frozen=True)
class Timing:
    """The median of several runs' seconds, with their range."""

    median: float
    low: float
    high: float

    @classmethod
    def of(cls, seconds: list[float]) -> "Timing":
        return cls(statistics.median(seconds), min(seconds), max(seconds))

    def __str__(self) -> str:
        return f"{self.median:.1f} ({self.low:.1f}–{self.high:.1f})"


@dataclass(frozen=True)
class Row:
    """One course notebook against its reference notebook and the slowest reference notebook."""

    notebook: str
    course: Timing
    optional_seconds: float  # median seconds of the cells of its optional part
    reference: Timing
    slowest_reference: float
    peak_memory_mb: float

    @property
    def ratio_to_reference(self) -> float:
        return self.course.median / self.reference.median

    @property
    def ratio_to_slowest_reference(self) -> float:
        return self.course.median / self.slowest_reference

    @property
    def within_target(self) -> bool:
        return (self.ratio_to_slowest_reference <= NOTEBOOK_RATIO_TARGET
                and self.peak_memory_mb <= MEMORY_TARGET_MB)


@dataclass(frozen=True)
class Total:
    """The course's notebooks in all against their reference notebooks in all."""

    course: float
    optional_seconds: float
    reference: float

    @classmethod
    def of(cls, rows: list[Row]) -> "Total":
        return cls(sum(row.course.median for row in rows),
                   sum(row.optional_seconds for row in rows),
                   sum(row.reference.median for row in rows))

    @property
    def ratio(self) -> float:
        return self.course / self.reference

    @property
    def within_target(self) -> bool:
        return self.ratio <= TOTAL_RATIO_TARGET


@dataclass(frozen=True)
class CellTime:
    """One cell of a course notebook and its median seconds over the runs."""

    notebook: str
    cell: str
    first_line: str
    seconds: float


def peak_memory_mb(pid: int) -> float:
    """Peak resident memory of a running process, from Linux's /proc/<pid>/status (VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"/proc/{pid}/status has no VmHWM line: is this Linux?")


def execute(path: Path) -> Run:
    """Execute one notebook in a fresh kernel, from its own folder; time it and each cell."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": path.parent}}
    )
    peaks = [0.0]
    started: dict[int, float] = {}
    cell_seconds: dict[int, float] = {}

    def cell_started(cell_index: int, **_) -> None:
        started[cell_index] = time.perf_counter()

    def cell_finished(cell_index: int, **_) -> None:
        cell_seconds[cell_index] = time.perf_counter() - started[cell_index]
        peaks.append(peak_memory_mb(client.km.provisioner.pid))

    client.on_cell_execute = cell_started
    client.on_cell_executed = cell_finished
    start = time.perf_counter()
    # The kernel's own log (a warning about its local connection, each time) would bury the
    # report; the cells' errors still reach this process and stop it, with their traceback.
    client.execute(stderr=subprocess.DEVNULL)
    return Run(time.perf_counter() - start, max(peaks), cell_seconds)


def notebook_number(path: Path) -> str:
    """The two-digit number a notebook's name starts with (``03`` for 03_logistic_regression)."""
    match = NOTEBOOK_NUMBER.match(path.name)
    if match is None:
        raise BenchmarkInputError(
            f"{path}: a notebook's name must start with its two-digit number and an underscore "
            "(as in 01_accuracy_trap.ipynb): the number pairs it with its reference notebook."
        )
    return match.group(1)


def reference_notebooks(folder: Path) -> dict[str, Path]:
    """The reference notebooks in ``folder``, by number."""
    references: dict[str, Path] = {}
    for path in sorted(folder.glob("[0-9][0-9]_*.ipynb")):
        number = notebook_number(path)
        if number in references:
            raise BenchmarkInputError(
                f"{folder} has two reference notebooks numbered {number} "
                f"({references[number].name}, {path.name}): keep one."
            )
        references[number] = path
    if not references:
        raise BenchmarkInputError(
            f"{folder} holds no reference notebooks (NN_name.ipynb): give the folder of the "
            "reference workload with --reference (tools/bench_reference by default)."
        )
    return references


def pair_with_references(notebooks: list[Path], references: dict[str, Path]) -> dict[Path, Path]:
    """Each course notebook with the reference notebook of the same number."""
    if not notebooks:
        raise BenchmarkInputError(
            "no notebooks given: name the course's notebooks, e.g. notebooks/*.ipynb."
        )
    pairs = {}
    for path in notebooks:
        if not path.is_file():
            raise BenchmarkInputError(f"{path}: no such notebook.")
        number = notebook_number(path)
        if number not in references:
            folder = next(iter(references.values())).parent
            raise BenchmarkInputError(
                f"no reference notebook for {path.name}: {folder} needs a {number}_*.ipynb (the "
                "seed draft's code for that notebook, see README.md there)."
            )
        pairs[path] = references[number]
    return pairs


def schedule(references: dict[str, Path], pairs: dict[Path, Path], repeat: int) -> list[Path]:
    """The order of the runs: in each repeat, every reference notebook followed by its course
    notebook(s), so that a change in the machine's speed hits both alike."""
    order = []
    for _ in range(repeat):
        for reference in references.values():
            order.append(reference)
            order.extend(sorted(path for path, paired in pairs.items() if paired == reference))
    return order


def run_all(order: list[Path]) -> dict[Path, list[Run]]:
    """Execute the notebooks in order (progress on stderr); each notebook's runs."""
    runs: dict[Path, list[Run]] = {path: [] for path in order}
    for position, path in enumerate(order, start=1):
        try:
            run = execute(path)
        except CellExecutionError as error:
            raise SystemExit(f"{path} stopped with an error (fix it, then benchmark again):\n"
                             f"{error}") from None
        runs[path].append(run)
        print(f"[{position}/{len(order)}] {path.parent.name}/{path.name}: {run.seconds:.1f} s",
              file=sys.stderr, flush=True)
    return runs


def optional_cells(path: Path) -> set[int]:
    """The indices of a notebook's cells in its optional part (see OPTIONAL_PART)."""
    cells, inside = set(), False
    for index, cell in enumerate(nbformat.read(path, as_version=4).cells):
        headings = SECTION_HEADING.findall(cell.source) if cell.cell_type == "markdown" else []
        if headings:
            inside = headings[-1].startswith(OPTIONAL_PART)
        elif inside:
            cells.add(index)
    return cells


def optional_seconds(path: Path, notebook_runs: list[Run]) -> float:
    """The median over the runs of the seconds spent in the notebook's optional part."""
    optional = optional_cells(path)
    return statistics.median(
        sum(seconds for index, seconds in run.cell_seconds.items() if index in optional)
        for run in notebook_runs
    )


def rows_of(pairs: dict[Path, Path], runs: dict[Path, list[Run]]) -> list[Row]:
    """One row per course notebook; the slowest reference is over every reference notebook run."""
    references = {path for path in runs if path not in pairs}
    slowest = max(Timing.of([run.seconds for run in runs[path]]).median for path in references)
    return [
        Row(notebook=path.stem,
            course=Timing.of([run.seconds for run in runs[path]]),
            optional_seconds=optional_seconds(path, runs[path]),
            reference=Timing.of([run.seconds for run in runs[reference]]),
            slowest_reference=slowest,
            peak_memory_mb=max(run.peak_memory_mb for run in runs[path]))
        for path, reference in sorted(pairs.items())
    ]


def first_line(source: str) -> str:
    """The first non-empty line of a cell, shortened to fit a table."""
    line = next((line.strip() for line in source.splitlines() if line.strip()), "")
    if len(line) > FIRST_LINE_WIDTH:
        line = line[:FIRST_LINE_WIDTH - 1] + "…"
    return line


def slowest_cells(runs: dict[Path, list[Run]], count: int = SLOWEST_CELLS_SHOWN) -> list[CellTime]:
    """The ``count`` slowest cells of the given notebooks, by their median seconds over the runs."""
    cells = []
    for path, notebook_runs in runs.items():
        notebook = nbformat.read(path, as_version=4)
        for index in notebook_runs[0].cell_seconds:
            cell = notebook.cells[index]
            seconds = statistics.median(run.cell_seconds[index] for run in notebook_runs)
            cells.append(CellTime(path.stem, cell.get("id", str(index)), first_line(cell.source),
                                  seconds))
    return sorted(cells, key=lambda cell: cell.seconds, reverse=True)[:count]


def mark(within: bool) -> str:
    return "yes" if within else "NO"


def results_table(rows: list[Row], total: Total) -> list[str]:
    """The per-notebook results and the total, as Markdown table lines."""
    lines = [
        "| notebook | course (s) | of which optional (s) | reference (s) | × its reference "
        "| × slowest reference | peak memory (MB) | within target |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    lines += [
        f"| {row.notebook} | {row.course} | {row.optional_seconds:.1f} | {row.reference} | "
        f"{row.ratio_to_reference:.2f} | "
        f"{row.ratio_to_slowest_reference:.2f} | {row.peak_memory_mb:.0f} | "
        f"{mark(row.within_target)} |"
        for row in rows
    ]
    lines.append(f"| all (sum of medians) | {total.course:.1f} | {total.optional_seconds:.1f} | "
                 f"{total.reference:.1f} | {total.ratio:.2f} | | | {mark(total.within_target)} |")
    return lines


def cells_table(cells: Iterable[CellTime]) -> list[str]:
    """The slowest cells as Markdown table lines."""
    lines = ["| notebook | cell | first line | seconds |", "|---|---|---|---:|"]
    for cell in cells:
        code = cell.first_line.replace("|", r"\|")  # a bar would end the table's column
        lines.append(f"| {cell.notebook} | {cell.cell} | `{code}` | {cell.seconds:.2f} |")
    return lines


def describe(reference_folder: Path) -> str:
    """How the report names the reference notebooks."""
    if reference_folder.resolve() == REFERENCE_FOLDER:
        return "the reference notebooks (the seed draft's code)"
    return f"the reference notebooks of {reference_folder}"


def report(rows: list[Row], total: Total, cells: list[CellTime], repeat: int,
           reference_folder: Path) -> str:
    """The whole report, in Markdown."""
    slowest = rows[0].slowest_reference
    header = [
        f"{len(os.sched_getaffinity(0))} CPU core(s); {repeat} run(s) of each notebook, "
        f"interleaved with {describe(reference_folder)}; medians (range).",
        f"Targets: the course in all <= {TOTAL_RATIO_TARGET:g} × the reference in all; each "
        f"notebook <= {NOTEBOOK_RATIO_TARGET:g} × the slowest reference notebook ({slowest:.1f} s "
        f"here); <= {MEMORY_TARGET_MB} MB peak memory per kernel. Optional: the cells under "
        f"'{OPTIONAL_PART}' (median seconds), counted in the course's time.",
        "",
    ]
    course_cells = sum(cell.seconds for cell in cells)
    footer = [
        "",
        f"The {len(cells)} slowest cells of the course (median seconds; {course_cells:.1f} s of "
        f"the course's {total.course:.1f} s):",
        "",
    ]
    return "\n".join(header + results_table(rows, total) + footer + cells_table(cells))


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="the course's notebooks")
    parser.add_argument("--repeat", type=int, default=3, help="runs per notebook (median shown)")
    parser.add_argument("--reference", type=Path, default=REFERENCE_FOLDER,
                        help="folder of the reference notebooks (default: %(default)s)")
    parser.add_argument("--strict", action="store_true",
                        help="exit with status 1 when a target is missed")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be 1 or more")
    try:
        args.references = reference_notebooks(args.reference)
        args.pairs = pair_with_references(args.notebooks, args.references)
    except BenchmarkInputError as error:
        parser.error(str(error))
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_arguments(argv)
    runs = run_all(schedule(args.references, args.pairs, args.repeat))
    rows = rows_of(args.pairs, runs)
    total = Total.of(rows)
    cells = slowest_cells({path: runs[path] for path in args.pairs})
    print("\n" + report(rows, total, cells, args.repeat, args.reference) + "\n")
    missed = not total.within_target or not all(row.within_target for row in rows)
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
