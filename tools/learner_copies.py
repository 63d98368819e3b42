"""Write learner copies of the notebooks, outputs cleared, for live coding in a workshop.

Usage: python tools/learner_copies.py [--out build/learner] [notebooks/NN_name.ipynb ...]
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


def write_learner_copies(notebooks: list[Path], out: Path) -> list[Path]:
    """Write each notebook with outputs cleared into ``out``; return the paths written."""
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
        target = out / path.name
        nbformat.write(notebook, target)
        written.append(target)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: all course notebooks")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="default: build/learner")
    args = parser.parse_args()
    for target in write_learner_copies(args.notebooks or course_notebooks(), args.out):
        print(f"wrote {target}")


if __name__ == "__main__":
    main()
