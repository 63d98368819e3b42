"""The wording of in-notebook feedback, shared by the quiz and the exercises.

Four kinds of message, each a plain string: an answer that is right, one that is wrong, one not
given yet, and a learner's slip (an unknown question, a malformed answer). Checkers print them;
they never raise for a learner's mistake, so a wrong answer never shows a traceback.
"""

RIGHT = "✅ Right."
WRONG = "❌ Not quite."
NOT_ANSWERED = "✏️ Not answered yet."
SLIP = "🤔 Hmm."


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


def right(why: str, where: str = "") -> str:
    """Feedback for a correct answer: the headline, why it is right, where the course says so."""
    return message(RIGHT, why, where)


def wrong(why: str, where: str = "") -> str:
    """Feedback for a wrong answer: why that answer fails, and where to look it up."""
    return message(WRONG, why, where)


def not_answered(how: str) -> str:
    """Feedback for an answer still at its placeholder (``None``): how to answer."""
    return message(NOT_ANSWERED, how)


def slip(problem: str) -> str:
    """Feedback for a learner's slip, such as an unknown question or option: what to do instead."""
    return message(SLIP, problem)
