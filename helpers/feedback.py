"""The wording of in-notebook feedback, shared by the quiz and the exercises.

Five kinds of message, each a plain string: an answer that is right, one that is close (a number
rounded or cut too early), one that is wrong, one not given yet, and a learner's slip (an unknown
question, a malformed answer). Checkers print them with :func:`show`, in lines short enough for a
narrow column; they never raise for a learner's mistake, so a wrong answer never shows a
traceback.

Numbers are judged the same way in every exercise: :func:`near` accepts an answer within a
tolerance, and :func:`rounded_too_early` recognises one that is the right value rounded or cut to
too few decimals, which :func:`too_few_decimals` answers without blaming the method.
"""

import math
import textwrap
from collections.abc import Mapping, Sequence

import numpy as np

RIGHT = "✅ Right."
CLOSE = "🤏 Close."
WRONG = "❌ Not quite."
NOT_ANSWERED = "✏️ Not answered yet."
SLIP = "🤔 Hmm."
LINE_WIDTH = 76  # a printed line fits a column of about 80 characters, emoji included
TOLERANCE = 0.005  # how far a number may be from the expected one and still count as right


def where_to_look(notebook_title: str, section: str) -> str:
    """Name a section as JupyterLab's table of contents shows it.

    Examples
    --------
    >>> where_to_look("01 · The accuracy trap", "3. Reading the confusion matrix")
    'Where to look: 01 · The accuracy trap → 3. Reading the confusion matrix'
    """
    return f"Where to look: {notebook_title} → {section}"


def message(headline: str, *lines: str) -> str:
    """Join a headline and its explanation lines, skipping empty ones.

    Examples
    --------
    >>> print(message(RIGHT, "Recall ignores the negatives.", ""))
    ✅ Right. Recall ignores the negatives.
    """
    parts = [line for line in lines if line]
    return "\n".join([" ".join([headline, *parts[:1]]), *parts[1:]])


def wrapped(text: str, width: int = LINE_WIDTH) -> str:
    """``text`` with every line longer than ``width`` broken at spaces into shorter lines.

    Examples
    --------
    >>> print(wrapped("Where to look: 03 · Logistic regression → 4. How far the intercept moves",
    ...               width=40))
    Where to look: 03 · Logistic regression
    → 4. How far the intercept moves
    """
    lines = text.splitlines()
    return "\n".join(
        "\n".join(textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False))
        or line
        for line in lines
    )


def show(text: str) -> None:
    """Print a feedback message in short lines (see :func:`wrapped`)."""
    print(wrapped(text))


def right(why: str, where: str = "") -> str:
    """Feedback for a correct answer: the headline, why it is right, where the course says so."""
    return message(RIGHT, why, where)


def close(why: str, where: str = "") -> str:
    """Feedback for an answer that is right but for its precision: what to give instead."""
    return message(CLOSE, why, where)


def wrong(why: str, where: str = "") -> str:
    """Feedback for a wrong answer: why that answer fails, and where to look it up."""
    return message(WRONG, why, where)


def not_answered(how: str) -> str:
    """Feedback for an answer still at its placeholder (``None``): how to answer."""
    return message(NOT_ANSWERED, how)


def slip(problem: str) -> str:
    """Feedback for a learner's slip, such as an unknown question or option: what to do instead."""
    return message(SLIP, problem)


def is_number(answer) -> bool:
    """True for an int, a float or a numpy number; False for a bool, a string or anything else."""
    return isinstance(answer, (int, float, np.number)) and not isinstance(answer, bool)


def near(answer, expected: float, tolerance: float = TOLERANCE) -> bool:
    """True when ``answer`` is a number within ``tolerance`` of ``expected``."""
    return is_number(answer) and abs(answer - expected) <= tolerance


def shown(answer) -> str:
    """An answer as a message quotes it: numbers to 3 decimals, anything else as written."""
    return f"{answer:.3f}" if is_number(answer) else repr(answer)


def decimals_needed(tolerance: float = TOLERANCE) -> int:
    """How many decimals an answer needs for rounding or cutting to stay within ``tolerance``.

    Examples
    --------
    >>> decimals_needed(0.005), decimals_needed(0.02)
    (3, 2)
    """
    return max(1, math.ceil(-math.log10(tolerance)))


def rounded_too_early(answer, expected: float, tolerance: float = TOLERANCE) -> bool:
    """True when ``answer`` misses ``expected`` only because it was rounded or cut to too few
    decimals, e.g. 0.31 or 0.3 for 0.316 (a rounding to 0 is not counted: 0 is an answer of its
    own).

    Examples
    --------
    >>> rounded_too_early(0.31, 0.316), rounded_too_early(0.3, 0.316)
    (True, True)
    >>> rounded_too_early(0.32, 0.316), rounded_too_early(0.4, 0.316)  # right, and wrong
    (False, False)
    """
    if not is_number(answer) or near(answer, expected, tolerance):
        return False
    for decimals in range(1, decimals_needed(tolerance)):
        scale = 10**decimals
        shortened = (round(expected * scale) / scale, math.trunc(expected * scale) / scale)
        if any(value != 0 and math.isclose(answer, value, abs_tol=1e-9) for value in shortened):
            return True
    return False


def sort_numbers(
    given: Mapping[str, object], expected: Mapping[str, float], tolerance: float = TOLERANCE
) -> tuple[list[str], list[str]]:
    """The names of the answers that miss their expected value: (rounded too early, wrong).

    Examples
    --------
    >>> sort_numbers({"recall": 0.31, "precision": 0.9}, {"recall": 0.316, "precision": 0.5})
    (['recall'], ['precision'])
    """
    missed = [name for name, answer in given.items()
              if not near(answer, expected[name], tolerance)]
    rounded = [name for name in missed if rounded_too_early(given[name], expected[name], tolerance)]
    return rounded, [name for name in missed if name not in rounded]


def too_few_decimals(names: Sequence[str], tolerance: float = TOLERANCE) -> str:
    """What to say about answers that are right but rounded or cut too early.

    Examples
    --------
    >>> print(wrapped(too_few_decimals(["recall"])))
    recall looks right but rounded or cut too early. Give at least 3 decimals,
    or assign the calculation itself: Python keeps every digit.
    """
    verb = "looks" if len(names) == 1 else "look"
    listed = " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
    return (
        f"{listed} {verb} right but rounded or cut too early. Give at least "
        f"{decimals_needed(tolerance)} decimals, or assign the calculation itself: Python keeps "
        "every digit."
    )
