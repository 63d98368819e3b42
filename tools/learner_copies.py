"""Write learner copies of the notebooks for a workshop.

Usage: python tools/learner_copies.py [--live-coding] [--out FOLDER] [notebooks/NN_name.ipynb ...]
- run-along copies (default, into build/learner/): every cell as committed, outputs cleared;
- live-coding copies (--live-coding, into build/live-coding/): the lesson's code cells are
  emptied, for learners to write with the instructor; the prose, the setup and import cells, the
  folded check cells, the exercises and the quiz are kept.
With no notebook named, copies every notebooks/NN_*.ipynb. The committed notebooks are only read.
An existing copy is overwritten: name one notebook to reset just that learner copy.
The output folder must lie inside a course folder (one with `helpers/`): the copies' setup cell
looks for `helpers/` in the folders above them.
"""

import argparse
from pathlib import Path

import nbformat

COURSE_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = COURSE_ROOT / "build" / "learner"
LIVE_CODING_OUT = COURSE_ROOT / "build" / "live-coding"
LIVE_CODING_PLACEHOLDER = "# Live coding: write this cell with your instructor."


def course_notebooks() -> list[Path]:
    """The course's notebooks, in order: notebooks/NN_*.ipynb."""
    return sorted((COURSE_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def clear_outputs(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Empty every code cell's outputs and execution count, as "Clear All Outputs" does.

    Also drops per-cell execution timing metadata; the cells' sources and tags stay as they are.
    """
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
            cell.metadata.pop("execution", None)
    return notebook


def is_lesson_code(cell, position: int) -> bool:
    """A code cell of the lesson itself: not the setup or import cell (the first two code
    cells), not a folded check cell, not an exercise or a quiz question."""
    if cell.cell_type != "code" or position < 2:
        return False
    folded = cell.metadata.get("jupyter", {}).get("source_hidden", False)
    exercise = "helpers.exercises" in cell.source or "ex.q" in cell.source
    return not (folded or exercise or "quiz." in cell.source)


def empty_lesson_code(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Replace the source of every lesson code cell with a placeholder, for live coding."""
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    for position, cell in enumerate(code_cells):
        if is_lesson_code(cell, position):
            cell.source = LIVE_CODING_PLACEHOLDER
    return notebook


def write_learner_copies(
    notebooks: list[Path], out: Path, live_coding: bool = False
) -> list[Path]:
    """Write each notebook with outputs cleared into ``out``, its lesson code emptied too if
    ``live_coding``; return the paths written."""
    out = out.resolve()
    if not any((folder / "helpers").is_dir() for folder in (out, *out.parents)):
        raise ValueError(
            f"{out} is not inside a course folder (none of its parents has helpers/): the copies "
            "could not import the course's helpers. Choose a folder inside the course."
        )
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for path in notebooks:
        if not path.is_file():
            raise FileNotFoundError(f"No notebook at {path}: name files like notebooks/01_*.ipynb")
        if path.resolve().parent == out:
            raise ValueError(f"{path} is already in {out}: name the committed notebook instead")
        notebook = clear_outputs(nbformat.read(path, as_version=4))
        if live_coding:
            notebook = empty_lesson_code(notebook)
        target = out / path.name
        nbformat.write(notebook, target)
        written.append(target)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: all course notebooks")
    parser.add_argument("--live-coding", action="store_true",
                        help="empty the lesson's code cells (default folder: build/live-coding)")
    parser.add_argument("--out", type=Path, help="default: build/learner or build/live-coding")
    args = parser.parse_args()
    out = args.out or (LIVE_CODING_OUT if args.live_coding else DEFAULT_OUT)
    notebooks = args.notebooks or course_notebooks()
    for target in write_learner_copies(notebooks, out, live_coding=args.live_coding):
        print(f"wrote {target}")


if __name__ == "__main__":
    main()
