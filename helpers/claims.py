"""Claims about the numbers a notebook prints, checked where the text makes them.

The folded cells after a result call ``helpers.claim(condition, message)``: when the condition
holds, nothing is shown. When it does not, for instance after you changed a parameter in a
"Try it", a short note says which statement no longer holds, and the notebook runs on: your
experiment is not an error.

The environment variable ``COURSE_CHECKS`` chooses what a claim that does not hold does:

- unset, empty or ``notes`` (the default): print a note and go on;
- ``strict``: raise ``AssertionError(message)``, which stops the notebook. Use it when you
  re-run the course to confirm that every statement in its text still holds.
"""

import os
import textwrap

MODE_VARIABLE = "COURSE_CHECKS"
STRICT, NOTES = "strict", "notes"
NOTE_HEADLINE = "📝 Note: the numbers above no longer match what the text says:"
NOTE_ADVICE = (
    "If you changed something above, that is your experiment at work: undo the change, then "
    "restart the kernel and run all cells to see the course's numbers again."
)
LINE_WIDTH = 76  # the notes stay readable in a narrow column


def checks_are_strict() -> bool:
    """True when ``COURSE_CHECKS`` is ``strict``, False when it is unset, empty or ``notes``.

    Raises
    ------
    ValueError
        For any other value, so that a misspelt setting never relaxes the checks silently.
    """
    mode = os.environ.get(MODE_VARIABLE, "").strip().lower()
    if mode not in ("", STRICT, NOTES):
        raise ValueError(
            f"{MODE_VARIABLE}={os.environ[MODE_VARIABLE]!r} is not a known setting: use "
            f"{MODE_VARIABLE}={STRICT} to stop at the first statement that no longer holds, or "
            f"{NOTES} (the same as leaving it unset) to show a note and go on."
        )
    return mode == STRICT


def note_for(message: str) -> str:
    """The note shown when the statement ``message`` no longer holds, in short lines.

    Examples
    --------
    >>> print(note_for("The do-nothing model should find no positive."))
    📝 Note: the numbers above no longer match what the text says:
    The do-nothing model should find no positive.
    If you changed something above, that is your experiment at work: undo the
    change, then restart the kernel and run all cells to see the course's
    numbers again.
    """
    lines = [NOTE_HEADLINE, *textwrap.wrap(message, LINE_WIDTH),
             *textwrap.wrap(NOTE_ADVICE, LINE_WIDTH)]
    return "\n".join(lines)


def claim(condition, message: str) -> None:
    """Check a statement of the text; say so, in plain words, when it no longer holds.

    Parameters
    ----------
    condition : bool
        Whether the statement holds for the numbers just computed (a numpy bool is fine).
    message : str
        The statement in plain words, e.g. "The plain model should find fewer than 70% of
        the positives."

    Returns nothing, so a cell that ends with a claim shows only its note, if any. When the
    statement does not hold, the note is printed (with ``COURSE_CHECKS=strict``,
    ``AssertionError(message)`` is raised instead).

    Examples
    --------
    >>> claim(0.62 < 0.7, "The plain model should miss over 30% of the positives.")
    """
    if not isinstance(message, str) or not message.strip():
        raise TypeError(
            "claim() needs the statement as its second argument, in words, e.g. "
            'claim(recall < 0.7, "The plain model should miss over 30% of the positives.")'
        )
    strict = checks_are_strict()
    held = bool(condition)
    if not held and strict:
        raise AssertionError(message)
    if not held:
        print(note_for(message))
