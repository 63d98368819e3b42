"""`make learner-copies`: notebooks with outputs cleared, the committed notebooks untouched."""

import hashlib

import nbformat
import pytest

from tools.learner_copies import (
    LIVE_CODING_PLACEHOLDER,
    clear_outputs,
    course_notebooks,
    write_learner_copies,
)


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_copies_have_no_outputs_same_sources_and_leave_notebooks_alone(tmp_path):
    (tmp_path / "helpers").mkdir()
    notebooks = course_notebooks()
    before = {path: digest(path) for path in notebooks}
    written = write_learner_copies(notebooks, tmp_path / "build" / "learner")
    assert [path.name for path in written] == [path.name for path in notebooks]
    for original, copy in zip(notebooks, written, strict=True):
        source, cleared = (nbformat.read(path, as_version=4) for path in (original, copy))
        assert [cell.source for cell in cleared.cells] == [cell.source for cell in source.cells]
        code = [cell for cell in cleared.cells if cell.cell_type == "code"]
        assert all(cell.outputs == [] and cell.execution_count is None for cell in code)
    assert {path: digest(path) for path in notebooks} == before


def test_clear_outputs_keeps_tags_and_drops_timing():
    timing = {"iopub.execute_input": "2026-11-27T20:00:00.000000Z"}
    cell = nbformat.v4.new_code_cell("1 + 1", metadata={"tags": ["keep"], "execution": timing})
    cell.outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "2"})]
    cell.execution_count = 3
    cleared = clear_outputs(nbformat.v4.new_notebook(cells=[cell])).cells[0]
    assert (cleared.outputs, cleared.execution_count) == ([], None)
    assert cleared.metadata == {"tags": ["keep"]}


def test_a_folder_outside_the_course_is_refused(tmp_path):
    with pytest.raises(ValueError, match="not inside a course folder"):
        write_learner_copies(course_notebooks()[:1], tmp_path / "learner")


def test_a_missing_notebook_is_named(tmp_path):
    (tmp_path / "helpers").mkdir()
    with pytest.raises(FileNotFoundError, match="No notebook at"):
        write_learner_copies([tmp_path / "99_missing.ipynb"], tmp_path / "learner")


def test_live_coding_copies_empty_the_lesson_code_and_keep_the_rest(tmp_path):
    (tmp_path / "helpers").mkdir()
    notebooks = course_notebooks()
    written = write_learner_copies(notebooks, tmp_path / "live", live_coding=True)
    for original, copy in zip(notebooks, written, strict=True):
        source, live = (nbformat.read(path, as_version=4) for path in (original, copy))
        pairs = list(zip(source.cells, live.cells, strict=True))
        code = [(before, after) for before, after in pairs if before.cell_type == "code"]
        emptied = [before for before, after in code if after.source == LIVE_CODING_PLACEHOLDER]
        kept = [before for before, after in code if after.source == before.source]
        assert len(emptied) + len(kept) == len(code) and emptied, original.name
        assert code[0][1].source == code[0][0].source  # the setup cell
        assert code[1][1].source == code[1][0].source  # the imports
        for cell in kept[2:]:
            folded = cell.metadata.get("jupyter", {}).get("source_hidden")
            exercise = "helpers.exercises" in cell.source or "ex.q" in cell.source
            assert folded or exercise or "quiz." in cell.source, cell.source[:60]
        assert all("assert " not in cell.source for cell in emptied), "a check was emptied"
        assert [cell.source for cell, _ in pairs if cell.cell_type == "markdown"] == [
            cell.source for _, cell in pairs if cell.cell_type == "markdown"
        ]
        assert all(after.outputs == [] for _, after in code)
