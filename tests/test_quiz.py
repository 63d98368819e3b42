"""The quiz answers learners kindly, and every section it points to exists."""

from pathlib import Path

import nbformat
import pytest
from IPython.display import Markdown

from helpers import feedback, quiz

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
REFERENCES = [
    (number, notebook, section)
    for number, question in quiz.QUESTIONS.items()
    for notebook, section in question.where
]


def headings(notebook_file: str) -> list[str]:
    """The Markdown headings of a notebook, without their leading #'s, in order."""
    notebook = nbformat.read(NOTEBOOKS / notebook_file, as_version=4)
    return [
        line.lstrip("#").strip()
        for cell in notebook.cells
        if cell.cell_type == "markdown"
        for line in cell.source.splitlines()
        if line.startswith("#")
    ]


def test_a_right_answer_says_so_explains_why_and_where_to_look():
    message = quiz.answer_feedback(1, "b")
    assert message.startswith(feedback.RIGHT)
    assert quiz.QUESTIONS[1].why["b"] in message
    assert message.endswith(
        "Where to look: 01 · The accuracy trap → "
        "2. One positive in ten: high accuracy, many positives missed"
    )


def test_a_wrong_answer_explains_that_option_and_where_to_look():
    message = quiz.answer_feedback(2, "b")
    assert message.startswith(feedback.WRONG)
    assert quiz.QUESTIONS[2].why["b"] in message
    assert "02 · SMOTE without leakage → 2. The wrong way, measured" in message


def test_a_question_with_two_references_names_both():
    lines = quiz.answer_feedback(5, "a").splitlines()
    assert [line for line in lines if line.startswith("Where to look")] == [
        "Where to look: 05 · Metrics and curves → 6. A decision for every loan",
        "Where to look: 05 · Metrics and curves → 5. Ranking and probabilities: plain or class "
        "weights?",
    ]


@pytest.mark.parametrize("answer", ["B", " b ", "b)"])
def test_answers_ignore_case_spaces_and_a_closing_parenthesis(answer):
    assert quiz.answer_feedback(1, answer).startswith(feedback.RIGHT)


def test_an_unanswered_question_says_not_answered_yet_and_how_to_answer():
    message = quiz.answer_feedback(4, None)
    assert message.startswith(feedback.NOT_ANSWERED)
    assert 'quiz.check(4, "a")' in message and '"a", "b", "c", "d"' in message


@pytest.mark.parametrize("question", [0, 6, -1, "1", 1.0, True, None])
def test_an_unknown_question_lists_the_valid_numbers(question):
    message = quiz.answer_feedback(question, "a")
    assert message.startswith(feedback.SLIP)
    assert f"There is no question {question!r}" in message
    assert "numbered 1, 2, 3, 4, 5" in message


@pytest.mark.parametrize("answer", ["e", "", "ab", 2, ["a"]])
def test_an_unknown_option_lists_the_valid_ones(answer):
    message = quiz.answer_feedback(5, answer)
    assert message.startswith(feedback.SLIP)
    assert f"{answer!r} is not an option of question 5" in message
    assert '"a", "b", "c", "d"' in message


def test_check_prints_the_feedback_and_never_raises_for_a_learner_mistake(capsys):
    for question, answer in [(1, "b"), (1, "a"), (1, None), (9, "a"), (1, "z"), ("x", 3)]:
        assert quiz.check(question, answer) is None
        printed = capsys.readouterr().out
        assert printed == feedback.wrapped(quiz.answer_feedback(question, answer)) + "\n"


def test_show_renders_the_question_and_its_options_as_markdown():
    shown = quiz.show(5)
    assert isinstance(shown, Markdown)
    assert shown.data.startswith("**Question 5 · Decisions with money.**")
    for letter, option in quiz.QUESTIONS[5].options.items():
        assert f"- **{letter})** {option}" in shown.data


def test_show_of_an_unknown_question_prints_a_message_instead_of_failing(capsys):
    assert quiz.show(7) is None
    assert capsys.readouterr().out.startswith(feedback.SLIP + " There is no question 7.")


def test_question_markdown_refuses_an_unknown_question_clearly():
    with pytest.raises(ValueError, match="There is no question 0: they are 1, 2, 3, 4, 5"):
        quiz.question_markdown(0)


@pytest.mark.parametrize("number", list(quiz.QUESTIONS))
def test_every_question_is_complete(number):
    question = quiz.QUESTIONS[number]
    assert list(question.options) == ["a", "b", "c", "d"]
    assert question.answer in question.options
    assert set(question.why) == set(question.options), "explain every option"
    assert question.where and all(
        notebook in quiz.NOTEBOOK_TITLES for notebook, _ in question.where
    )


def test_the_five_questions_ask_about_the_five_notebooks_one_each():
    assert list(quiz.QUESTIONS) == [1, 2, 3, 4, 5]
    first_notebooks = [question.where[0][0][:2] for question in quiz.QUESTIONS.values()]
    assert first_notebooks == ["01", "02", "03", "04", "05"]
    assert len({question.answer for question in quiz.QUESTIONS.values()}) > 1, "vary the answers"


@pytest.mark.parametrize(
    ("number", "notebook", "section"),
    REFERENCES,
    ids=[f"q{ref[0]}-{ref[1][:2]}" for ref in REFERENCES],
)
def test_every_section_the_quiz_points_to_is_a_heading_of_that_notebook(number, notebook, section):
    assert (NOTEBOOKS / notebook).is_file(), f"question {number} points to missing {notebook}"
    found = headings(notebook)
    assert found[0] == quiz.NOTEBOOK_TITLES[notebook], f"{notebook} is titled {found[0]!r}"
    assert section in found, f"question {number}: {notebook} has no heading {section!r}"


def test_feedback_messages_put_the_headline_first_and_skip_empty_lines():
    assert feedback.right("Why.", "Where.") == f"{feedback.RIGHT} Why.\nWhere."
    assert feedback.wrong("Why.") == f"{feedback.WRONG} Why."
    assert feedback.not_answered("How.") == f"{feedback.NOT_ANSWERED} How."
    assert feedback.slip("What.") == f"{feedback.SLIP} What."
    assert feedback.message("Head", "", "one", "", "two") == "Head one\ntwo"
    assert feedback.message("Head") == "Head"


def test_where_to_look_names_a_section_as_the_table_of_contents_shows_it():
    assert feedback.where_to_look("05 · Metrics and curves", "6. A threshold from costs") == (
        "Where to look: 05 · Metrics and curves → 6. A threshold from costs"
    )
