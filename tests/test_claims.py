"""helpers.claim: a statement that no longer holds is a note for the learner, who may be
experimenting, and an error when the course is checked (COURSE_CHECKS=strict, set by the root
conftest.py for every pytest run)."""

import os
from pathlib import Path

import nbformat
import numpy as np
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from helpers import claim
from helpers.claims import LINE_WIDTH, MODE_VARIABLE, NOTE_HEADLINE

STATEMENT = "The plain model should find fewer than 70% of the positives."


def test_every_pytest_run_checks_strictly():
    assert os.environ[MODE_VARIABLE] == "strict"


def test_in_strict_mode_a_statement_that_fails_raises_its_message():
    with pytest.raises(AssertionError) as raised:
        claim(0.8 < 0.7, STATEMENT)
    assert str(raised.value) == STATEMENT


@pytest.mark.parametrize("mode", [None, "", "notes", " Notes "])
def test_in_the_learners_mode_a_statement_that_fails_prints_a_note_and_goes_on(
    mode, monkeypatch, capsys
):
    if mode is None:
        monkeypatch.delenv(MODE_VARIABLE)
    else:
        monkeypatch.setenv(MODE_VARIABLE, mode)
    assert not claim(np.float64(0.8) < 0.7, STATEMENT)  # a numpy bool works too
    printed = capsys.readouterr()
    assert printed.err == ""  # never on stderr, which looks like an error
    lines = printed.out.splitlines()
    assert lines[0] == NOTE_HEADLINE and lines[1] == STATEMENT
    assert "undo the" in printed.out and "restart the kernel" in printed.out
    assert all(len(line) <= LINE_WIDTH for line in lines)


@pytest.mark.parametrize("mode", ["strict", "notes"])
def test_a_statement_that_holds_is_silent_in_both_modes(mode, monkeypatch, capsys):
    monkeypatch.setenv(MODE_VARIABLE, mode)
    assert claim(0.6 < 0.7, STATEMENT) is None  # nothing for a notebook cell to echo
    assert capsys.readouterr() == ("", "")


def test_a_long_statement_is_wrapped_into_short_lines(monkeypatch, capsys):
    monkeypatch.setenv(MODE_VARIABLE, "notes")
    claim(False, " ".join([STATEMENT] * 4))
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) > 4 and max(len(line) for line in lines) <= LINE_WIDTH


@pytest.mark.parametrize("value", ["1", "true", "strcit"])
def test_an_unknown_setting_is_an_error_that_names_the_two_settings(value, monkeypatch):
    monkeypatch.setenv(MODE_VARIABLE, value)
    with pytest.raises(ValueError, match=f"COURSE_CHECKS='{value}' is not a known setting.*strict"):
        claim(True, STATEMENT)


@pytest.mark.parametrize("message", [None, "", "   ", 3])
def test_a_claim_without_a_statement_in_words_is_refused(message):
    with pytest.raises(TypeError, match="statement as its second argument"):
        claim(True, message)


def test_a_table_is_not_a_condition():
    with pytest.raises(ValueError, match="ambiguous"):
        claim(np.array([True, False]), STATEMENT)


# A learner's experiment: notebook 04's Try-it "let the forest's leaves stay impure" adds
# min_samples_leaf=5 to the class-weighted forest. Two claims of the text then no longer hold
# (every leaf of a weighted tree is pure; class weights do not raise recall).
NOTEBOOK_04 = Path(__file__).resolve().parent.parent / "notebooks" / "04_tree_models.ipynb"
TRY_IT_BEFORE = 'class_weight="balanced_subsample", n_jobs=1, random_state=42'
TRY_IT_AFTER = 'class_weight="balanced_subsample", n_jobs=1, random_state=42, min_samples_leaf=5'


def run_the_try_it(mode: str, monkeypatch) -> nbformat.NotebookNode:
    """Notebook 04 with the Try-it's change, run from the top in ``mode`` (kernels inherit the
    environment)."""
    notebook = nbformat.read(NOTEBOOK_04, as_version=4)
    (cell,) = [cell for cell in notebook.cells if TRY_IT_BEFORE in cell.source]
    cell.source = cell.source.replace(TRY_IT_BEFORE, TRY_IT_AFTER)
    monkeypatch.setenv(MODE_VARIABLE, mode)
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOK_04.parent)}}).execute()
    return notebook


def test_a_learners_experiment_gets_notes_and_the_notebook_runs_to_its_end(monkeypatch):
    notebook = run_the_try_it("notes", monkeypatch)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    outputs = [output for cell in code for output in cell.outputs]
    notes = [output.text for output in outputs
             if output.output_type == "stream" and NOTE_HEADLINE in output.text]
    assert all(cell.execution_count is not None for cell in code)  # Run All reached the end
    assert not [output for output in outputs if output.output_type == "error"]
    assert not [output for output in outputs
                if output.output_type == "stream" and output.name == "stderr"]
    assert any("Every leaf of every weighted tree should hold one class only." in note
               for note in notes)
    assert any("Class weights should not raise the forest's recall." in note for note in notes)


def test_the_same_experiment_fails_loudly_when_the_course_is_checked(monkeypatch):
    with pytest.raises(CellExecutionError) as raised:
        run_the_try_it("strict", monkeypatch)
    assert raised.value.ename == "AssertionError"
    assert raised.value.evalue == "Class weights should not raise the forest's recall."
