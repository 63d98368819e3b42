"""The half day of INSTRUCTORS.md works: each notebook runs from top to bottom with only the
sections the plan keeps, its folded checks included (`make test-workshop`; it executes the five
notebooks, so plain `pytest` leaves it to CI)."""

import re

import nbformat
import pytest
from nbclient import NotebookClient

from tests.test_instructors import NOTEBOOKS, schedule


@pytest.mark.parametrize("number", sorted(NOTEBOOKS))
def test_each_notebook_runs_with_the_half_days_sections_only(number):
    sections = next(sections for _, block, sections, _ in schedule("### A half day")
                    if block.startswith(number))
    kept = {part.strip() for part in sections.split(",")}
    notebook = nbformat.read(NOTEBOOKS[number], as_version=4)
    cells, section = [], "Start"
    for cell in notebook.cells:
        heading = re.search(r"^## (.*)$", cell.source, flags=re.MULTILINE)
        if cell.cell_type == "markdown" and heading:
            section = heading[1]
        if section in ("Start", "Key takeaways") or section.split(".")[0] in kept:
            cells.append(cell)
    notebook.cells = cells
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOKS[number].parent)}}).execute()
