"""helpers.claim: a statement that no longer holds is a note for the learner, who may be
experimenting, and an error when the course is checked (COURSE_CHECKS=strict, set by the root
conftest.py for every pytest run)."""

import os

import numpy as np
import pytest

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
    assert claim(np.float64(0.8) < 0.7, STATEMENT) is False  # a numpy bool works too
    printed = capsys.readouterr()
    assert printed.err == ""  # never on stderr, which looks like an error
    lines = printed.out.splitlines()
    assert lines[0] == NOTE_HEADLINE and lines[1] == STATEMENT
    assert "undo the" in printed.out and "restart the kernel" in printed.out
    assert all(len(line) <= LINE_WIDTH for line in lines)


@pytest.mark.parametrize("mode", ["strict", "notes"])
def test_a_statement_that_holds_is_silent_in_both_modes(mode, monkeypatch, capsys):
    monkeypatch.setenv(MODE_VARIABLE, mode)
    assert claim(0.6 < 0.7, STATEMENT) is True
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
