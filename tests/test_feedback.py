"""The shared wording of feedback: short printed lines, and numbers judged alike in every
exercise (an answer rounded or cut too early is told so, never that its method is wrong)."""

import pytest

from helpers import feedback


@pytest.mark.parametrize(
    ("answer", "expected", "tolerance", "rounded"),
    [
        (0.31, 0.3158, 0.005, True),  # cut to 2 decimals
        (0.3, 0.3158, 0.005, True),  # rounded to 1 decimal
        (0.28, 2 / 7, 0.005, True),  # cut
        (0.29, 2 / 7, 0.005, False),  # rounded to 2 decimals: within the tolerance, right
        (0.4, 0.3158, 0.005, False),  # wrong
        (0.0, 0.0206, 0.01, False),  # 0 is an answer of its own, not a rounding
        ("0.31", 0.3158, 0.005, False),  # text is not a number
        (True, 1.0, 0.005, False),
        (-0.31, -0.3158, 0.005, True),
    ],
)
def test_an_answer_rounded_or_cut_too_early_is_recognised(answer, expected, tolerance, rounded):
    assert feedback.rounded_too_early(answer, expected, tolerance) is rounded


def test_the_decimals_to_give_keep_a_rounded_answer_within_the_tolerance():
    for tolerance in (0.05, 0.02, 0.01, 0.005, 0.001):
        decimals = feedback.decimals_needed(tolerance)
        assert 10**-decimals <= tolerance  # even cutting (not rounding) stays close enough


def test_numbers_are_sorted_into_rounded_too_early_and_wrong():
    given = {"recall": 0.6, "specificity": 0.96, "precision": 0.31, "f1": 0.9}
    expected = {"recall": 0.6, "specificity": 0.9598, "precision": 0.3158, "f1": 0.4}
    assert feedback.sort_numbers(given, expected) == (["precision"], ["f1"])


def test_the_close_message_says_how_many_decimals_and_names_each_answer():
    text = feedback.too_few_decimals(["specificity", "precision"])
    assert text.startswith("specificity and precision look right but rounded or cut too early")
    assert "at least 3 decimals" in text
    assert "at least 2 decimals" in feedback.too_few_decimals(["x"], tolerance=0.02)


def test_wrapped_lines_are_short_and_keep_every_word_and_line_break():
    text = "✅ Right. " + "a fairly long explanation " * 8 + "\nWhere to look: 01 → 2. Here"
    lines = feedback.wrapped(text).splitlines()
    assert all(len(line) <= feedback.LINE_WIDTH for line in lines)
    assert " ".join(lines).split() == text.split()
    assert lines[-1] == "Where to look: 01 → 2. Here"
    assert feedback.wrapped("") == "" and feedback.wrapped("a\n\nb") == "a\n\nb"


def test_show_prints_the_wrapped_message(capsys):
    feedback.show("word " * 40)
    printed = capsys.readouterr()
    assert printed.err == "" and len(printed.out.splitlines()) > 1
