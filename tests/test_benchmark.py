"""tools/benchmark.py: its inputs are checked, its ratios and target marks are right, it times each
cell, its memory reading works on this machine; the reference workload it runs is complete,
starts as the course's notebooks do, and is never collected by pytest."""

import ast
import importlib.util
import os
import runpy
import subprocess
import sys
import tomllib
from pathlib import Path

import nbformat
import pytest
from IPython.core.inputtransformer2 import TransformerManager
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

COURSE_ROOT = Path(__file__).resolve().parent.parent
SCRIPT = COURSE_ROOT / "tools" / "benchmark.py"
REFERENCE = COURSE_ROOT / "tools" / "bench_reference"
COURSE_NOTEBOOKS = sorted((COURSE_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
REFERENCE_NOTEBOOKS = sorted(REFERENCE.glob("[0-9][0-9]_*.ipynb"))
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")


def load_benchmark():
    spec = importlib.util.spec_from_file_location("benchmark", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


benchmark = load_benchmark()


def run_benchmark(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *arguments], capture_output=True, text=True, check=False
    )


def timing(seconds: float):
    return benchmark.Timing(seconds, seconds, seconds)


def row(course: float, reference: float, slowest: float, memory: float = 250.0,
        optional: float = 1.0):
    return benchmark.Row("NN_notebook", timing(course), optional, timing(reference), slowest,
                         memory)


def write_notebook(path: Path, *sources: str) -> Path:
    cells = [new_markdown_cell("# A notebook")] + [new_code_cell(source) for source in sources]
    nbformat.write(new_notebook(cells=cells), path)
    return path


# Bad input


def test_zero_repeats_is_refused_with_a_message():
    finished = run_benchmark("--repeat", "0", "notebooks/01_accuracy_trap.ipynb")
    assert finished.returncode == 2
    assert "--repeat must be 1 or more" in finished.stderr


def test_no_notebooks_is_refused_with_a_message():
    finished = run_benchmark()
    assert finished.returncode == 2
    assert "no notebooks given: name the course's notebooks, e.g. notebooks/*.ipynb" in (
        finished.stderr)


def test_a_missing_reference_notebook_is_named(tmp_path):
    for number in ("01", "02"):
        write_notebook(tmp_path / f"{number}_reference.ipynb", "pass")
    finished = run_benchmark("--reference", str(tmp_path), *map(str, COURSE_NOTEBOOKS[:3]))
    assert finished.returncode == 2
    assert f"no reference notebook for {COURSE_NOTEBOOKS[2].name}" in finished.stderr
    assert f"{tmp_path} needs a 03_*.ipynb" in finished.stderr


def test_an_empty_reference_folder_is_refused(tmp_path):
    finished = run_benchmark("--reference", str(tmp_path), str(COURSE_NOTEBOOKS[0]))
    assert finished.returncode == 2
    assert f"{tmp_path} holds no reference notebooks" in finished.stderr


def test_a_notebook_that_does_not_exist_or_has_no_number_is_refused(tmp_path):
    references = benchmark.reference_notebooks(REFERENCE)
    with pytest.raises(benchmark.BenchmarkInputError, match="no such notebook"):
        benchmark.pair_with_references([tmp_path / "01_gone.ipynb"], references)
    unnumbered = write_notebook(tmp_path / "accuracy_trap.ipynb", "pass")
    with pytest.raises(benchmark.BenchmarkInputError, match="must start with its two-digit"):
        benchmark.pair_with_references([unnumbered], references)


def test_a_notebook_that_fails_is_named(tmp_path):
    (tmp_path / "reference").mkdir()
    write_notebook(tmp_path / "reference" / "01_reference.ipynb", "pass")
    failing = write_notebook(tmp_path / "01_failing.ipynb", "1 / 0")
    finished = run_benchmark("--repeat", "1", "--reference", str(tmp_path / "reference"),
                             str(failing))
    assert finished.returncode == 1
    assert f"{failing} stopped with an error" in finished.stderr
    assert "ZeroDivisionError" in finished.stderr

def test_two_reference_notebooks_with_one_number_are_refused(tmp_path):
    for name in ("01_a.ipynb", "01_b.ipynb"):
        write_notebook(tmp_path / name, "pass")
    with pytest.raises(benchmark.BenchmarkInputError, match="two reference notebooks numbered 01"):
        benchmark.reference_notebooks(tmp_path)


# Ratios, targets, order


def test_each_notebook_is_divided_by_its_reference_and_by_the_slowest_one():
    checked = row(course=13.0, reference=4.0, slowest=10.0)
    assert checked.ratio_to_reference == 3.25
    assert checked.ratio_to_slowest_reference == 1.3
    assert checked.within_target  # 1.3 × the slowest reference is still within


def test_a_notebook_misses_its_target_by_time_or_by_memory():
    assert not row(course=13.1, reference=4.0, slowest=10.0).within_target
    assert row(course=5.0, reference=4.0, slowest=10.0, memory=400).within_target
    assert not row(course=5.0, reference=4.0, slowest=10.0, memory=401).within_target


def test_the_total_is_the_sum_of_medians_and_its_ratio_is_marked():
    rows = [row(course=6.0, reference=5.0, slowest=7.0), row(course=6.0, reference=5.0,
                                                             slowest=7.0)]
    total = benchmark.Total.of(rows)
    assert (total.course, total.optional_seconds, total.reference) == (12.0, 2.0, 10.0)
    assert total.ratio == 1.2 and total.within_target
    assert not benchmark.Total(12.1, 2.0, 10.0).within_target


def test_the_table_marks_each_line():
    rows = [row(course=6.0, reference=5.0, slowest=10.0), row(course=14.0, reference=10.0,
                                                              slowest=10.0)]
    lines = benchmark.results_table(rows, benchmark.Total.of(rows))
    assert lines[2].endswith("| 1.0 | 5.0 (5.0–5.0) | 1.20 | 0.60 | 250 | yes |")
    assert lines[3].endswith("| 1.40 | 1.40 | 250 | NO |")
    assert lines[4] == "| all (sum of medians) | 20.0 | 2.0 | 15.0 | 1.33 | | | NO |"


def test_the_median_and_range_of_runs():
    assert str(benchmark.Timing.of([3.0, 9.0, 4.0])) == "4.0 (3.0–9.0)"


def test_reference_and_course_notebooks_alternate_in_every_repeat():
    references = {"01": Path("ref/01_a.ipynb"), "02": Path("ref/02_b.ipynb"),
                  "03": Path("ref/03_c.ipynb")}
    pairs = {Path("nb/03_z.ipynb"): references["03"], Path("nb/01_x.ipynb"): references["01"]}
    order = benchmark.schedule(references, pairs, repeat=2)
    once = [references["01"], Path("nb/01_x.ipynb"), references["02"], references["03"],
            Path("nb/03_z.ipynb")]
    assert order == once + once


def test_the_slowest_reference_is_taken_over_all_reference_notebooks(tmp_path):
    course = write_notebook(tmp_path / "01_x.ipynb", "pass")
    runs = {path: [benchmark.Run(seconds, 100.0, {})] for path, seconds in
            [(Path("ref/01_a.ipynb"), 2.0), (course, 3.0), (Path("ref/02_b.ipynb"), 8.0)]}
    (only,) = benchmark.rows_of({course: Path("ref/01_a.ipynb")}, runs)
    assert (only.reference.median, only.slowest_reference) == (2.0, 8.0)


@pytest.mark.parametrize("strict", [False, True])
def test_a_missed_target_is_reported_and_fails_only_with_strict(tmp_path, strict, monkeypatch,
                                                                capsys):
    (tmp_path / "reference").mkdir()
    write_notebook(tmp_path / "reference" / "01_reference.ipynb", "pass")
    slow = write_notebook(tmp_path / "01_slow.ipynb", "slow()")
    seconds = {"01_reference.ipynb": 2.0, "01_slow.ipynb": 4.0}  # the course twice as slow
    monkeypatch.setattr(benchmark, "execute", lambda path: benchmark.Run(
        seconds[path.name], 100.0, {1: seconds[path.name] - 1.0}))
    arguments = ["--repeat", "1", "--reference", str(tmp_path / "reference"), str(slow)]
    status = benchmark.main([*arguments, *(["--strict"] if strict else [])])
    printed = capsys.readouterr().out
    assert status == (1 if strict else 0)
    assert "| 01_slow | " in printed and printed.count("| NO |") == 2
    assert "| 01_slow | " in printed.split("slowest cells")[1]
    assert f"interleaved with the reference notebooks of {tmp_path / 'reference'};" in printed


def test_the_default_reference_is_named_as_the_seed_drafts_code(monkeypatch):
    monkeypatch.chdir(COURSE_ROOT)  # as `make bench` runs it, with a relative --reference
    named = benchmark.describe(Path("tools") / "bench_reference")
    assert named == "the reference notebooks (the seed draft's code)"


def test_the_optional_part_runs_from_going_further_to_the_next_section(tmp_path):
    cells = [new_markdown_cell("# Title"), new_code_cell("core()"),
             new_markdown_cell("Text\n\n## Going further (optional)"), new_code_cell("a()"),
             new_markdown_cell("### A. A subsection"), new_code_cell("b()"),
             new_markdown_cell("## Appendix"), new_code_cell("after()")]
    path = tmp_path / "01_x.ipynb"
    nbformat.write(new_notebook(cells=cells), path)
    assert benchmark.optional_cells(path) == {3, 4, 5}
    runs = [benchmark.Run(9.0, 100.0, {1: 5.0, 3: 1.0, 5: 2.0, 7: 4.0}),
            benchmark.Run(9.0, 100.0, {1: 5.0, 3: 2.0, 5: 2.0, 7: 4.0}),
            benchmark.Run(9.0, 100.0, {1: 5.0, 3: 9.0, 5: 2.0, 7: 4.0})]
    assert benchmark.optional_seconds(path, runs) == 4.0  # the median of 3, 4 and 11


def test_a_notebook_without_an_optional_part_has_none(tmp_path):
    path = write_notebook(tmp_path / "01_x.ipynb", "core()")
    assert benchmark.optional_seconds(path, [benchmark.Run(2.0, 100.0, {1: 1.5})]) == 0


# Slowest cells


def test_slowest_cells_are_ranked_by_their_median_over_the_runs(tmp_path):
    path = write_notebook(tmp_path / "01_x.ipynb", "fast()", "slow()", "x = 1  | a bar")
    runs = [benchmark.Run(9.0, 100.0, {1: 0.1, 2: 5.0, 3: 1.0}),
            benchmark.Run(9.0, 100.0, {1: 0.3, 2: 1.0, 3: 1.2}),
            benchmark.Run(9.0, 100.0, {1: 0.2, 2: 1.1, 3: 0.9})]
    cells = benchmark.slowest_cells({path: runs}, count=2)
    notebook = nbformat.read(path, as_version=4)
    assert [(cell.cell, cell.first_line, cell.seconds) for cell in cells] == [
        (notebook.cells[2].id, "slow()", 1.1), (notebook.cells[3].id, "x = 1  | a bar", 1.0)]
    assert benchmark.cells_table(cells)[3] == f"| 01_x | {notebook.cells[3].id} | `x = 1  \\| a " \
                                             "bar` | 1.00 |"


def test_a_long_first_line_is_shortened_and_blank_lines_are_skipped():
    line = benchmark.first_line("\n\n" + "x" * 100 + "\nsecond line")
    assert line == "x" * (benchmark.FIRST_LINE_WIDTH - 1) + "…"


def test_a_real_execution_times_each_code_cell(tmp_path):
    path = write_notebook(tmp_path / "01_sleep.ipynb", "x = 1", "import time\ntime.sleep(0.5)")
    run = benchmark.execute(path)
    assert set(run.cell_seconds) == {1, 2}  # the code cells, by their index in the notebook
    assert run.cell_seconds[2] >= 0.5 > run.cell_seconds[1]
    assert run.seconds > sum(run.cell_seconds.values())
    (slowest,) = benchmark.slowest_cells({path: [run]}, count=1)
    assert slowest.first_line == "import time"


def test_peak_memory_of_this_process_is_read_from_proc():
    peak_memory_mb = runpy.run_path(str(SCRIPT))["peak_memory_mb"]  # not run as __main__
    assert 10 < peak_memory_mb(os.getpid()) < 24_000


# The reference workload


def test_every_course_notebook_has_its_reference_notebook():
    references = benchmark.reference_notebooks(REFERENCE)
    pairs = benchmark.pair_with_references(COURSE_NOTEBOOKS, references)
    assert sorted(pairs.values()) == REFERENCE_NOTEBOOKS


@pytest.mark.parametrize("path", REFERENCE_NOTEBOOKS, ids=lambda path: path.name)
def test_reference_notebooks_are_committed_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert (cell.outputs, cell.execution_count) == ([], None), (
                f"{path.name} has outputs: clear them (Edit > Clear Outputs of All Cells).")


def first_code_cell(path: Path) -> str:
    return next(cell.source for cell in nbformat.read(path, as_version=4).cells
                if cell.cell_type == "code")


def imported_modules(source: str) -> list[str]:
    modules = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            modules.append(node.module)
    return modules


def test_reference_notebooks_share_one_setup_cell_that_imports_helpers_first():
    setups = {first_code_cell(path) for path in REFERENCE_NOTEBOOKS}
    assert len(setups) == 1, "the reference notebooks' first code cells differ: make them equal."
    (setup,) = setups
    libraries = [module for module in imported_modules(setup) if module not in ("sys", "pathlib")]
    assert libraries[0] == "helpers"


def thread_settings_after(cell_source: str, folder: Path) -> list[str | None]:
    """The thread variables after running a setup cell from ``folder``, in a fresh Python."""
    code = TransformerManager().transform_cell(cell_source)
    code += f"\nprint([os.environ.get(name) for name in {THREAD_VARIABLES!r}])\n"
    environment = {name: value for name, value in os.environ.items()
                   if name not in THREAD_VARIABLES}
    finished = subprocess.run([sys.executable, "-c", "import os\n" + code], cwd=folder,
                              env=environment, capture_output=True, text=True, timeout=120,
                              check=True)
    return ast.literal_eval(finished.stdout.strip().splitlines()[-1])


def test_reference_notebooks_start_with_the_course_thread_settings():
    course = thread_settings_after(first_code_cell(COURSE_NOTEBOOKS[0]), COURSE_NOTEBOOKS[0].parent)
    reference = thread_settings_after(first_code_cell(REFERENCE_NOTEBOOKS[0]), REFERENCE)
    assert reference == course
    assert None not in course  # the course sets both variables


def test_pytest_never_collects_the_reference_notebooks():
    testpaths = tomllib.loads((COURSE_ROOT / "pyproject.toml").read_text())["tool"]["pytest"][
        "ini_options"]["testpaths"]
    assert all(not REFERENCE.is_relative_to(COURSE_ROOT / folder) for folder in testpaths)
    finished = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", str(REFERENCE.parent)],
        cwd=COURSE_ROOT, capture_output=True, text=True, timeout=300, check=False,
    )
    assert "bench_reference" not in finished.stdout, finished.stdout
    assert finished.returncode in (0, 5), finished.stdout + finished.stderr  # 5: nothing collected

