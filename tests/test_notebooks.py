"""The notebooks follow the anatomy in the course guide and keep their committed outputs."""

import re
import tomllib
from pathlib import Path

import nbformat
import pytest

COURSE_ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((COURSE_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
REPOSITORY = tomllib.loads((COURSE_ROOT / "pyproject.toml").read_text())["tool"]["course"][
    "repository"
]
MAX_CODE_LINES = 15
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def read(path: Path):
    return nbformat.read(path, as_version=4)


def markdown_text(notebook) -> str:
    return "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")


def test_notebooks_are_numbered_from_01_without_gaps():
    numbers = [int(path.name[:2]) for path in NOTEBOOKS]
    assert numbers == list(range(1, len(NOTEBOOKS) + 1))


def test_every_notebook_has_the_same_setup_cell_naming_the_course_repository():
    setup_cells = {path.name: read(path).cells[1].source for path in NOTEBOOKS}
    assert len(set(setup_cells.values())) == 1, "setup cells differ: copy the cell of notebook 01"
    setup = next(iter(setup_cells.values()))
    assert setup.startswith("# Setup, the same in every notebook")
    assert f'REPOSITORY = "{REPOSITORY}"' in setup


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_notebook_has_the_course_anatomy(path):
    notebook = read(path)
    title = notebook.cells[0].source
    assert title.startswith(f"# {path.name[:2]} · ")
    for part in ("**You will learn to**", "**Time:**", "**Prerequisites:**"):
        assert part in title, f"{path.name}: the title cell lacks {part}"
    text = markdown_text(notebook)
    assert "## 1. " in text and "## Key takeaways" in text and "### Try it" in text


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_relative_links_point_to_files_that_exist(path):
    targets = LINK.findall(markdown_text(read(path)))
    local = [target for target in targets if not target.startswith("http")]
    assert local, f"{path.name} links to no other part of the course"
    for target in local:
        assert (path.parent / target).exists(), f"{path.name} links to missing {target}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_code_cells_are_short_and_committed_with_error_free_outputs(path):
    code_cells = [cell for cell in read(path).cells if cell.cell_type == "code"]
    for number, cell in enumerate(code_cells[2:], start=3):
        lines = len(cell.source.splitlines())
        assert lines <= MAX_CODE_LINES, f"{path.name}, code cell {number}: {lines} lines"
    for cell in code_cells:
        assert cell.execution_count is not None, f"{path.name} has unexecuted cells"
        assert all(output.output_type != "error" for output in cell.outputs)
        streams = [output for output in cell.outputs if output.output_type == "stream"]
        assert all(output.name != "stderr" for output in streams), f"{path.name} warns"
