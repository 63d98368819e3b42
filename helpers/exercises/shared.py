"""What every notebook's exercises share: the :class:`Exercise` with its ``check``, ``hint`` and
``solution``, and the course's data split the checks use. How numbers are compared and quoted is
in :mod:`helpers.feedback`."""

import inspect
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from sklearn.model_selection import train_test_split

from .. import feedback
from ..datasets import make_imbalanced


@dataclass(frozen=True)
class Exercise:
    """One exercise: what to fill in, how to check it, a hint, and the reference solution.

    ``checker`` takes the learner's answers (in the order of ``answers``) and returns a feedback
    message; ``reference`` computes the reference answers from notebook variables named by its
    parameters (see :func:`context`).
    """

    answers: tuple[str, ...]
    checker: Callable[..., str]
    hint_text: str
    reference: Callable[..., object]
    where: tuple[str, str]

    def feedback_for(self, *answers) -> str:
        """The message :meth:`check` prints for these answers."""
        if len(answers) != len(self.answers):
            names = ", ".join(self.answers)
            return feedback.slip(f"check() takes {len(self.answers)} answer(s): {names}.")
        if any(answer is None for answer in answers):
            pairs = zip(self.answers, answers, strict=True)
            missing = [name for name, answer in pairs if answer is None]
            return feedback.not_answered(
                f"Replace None in {', '.join(missing)} with your answer and run the cell again. "
                "Stuck? Run .hint()."
            )
        try:
            return self.checker(*answers)
        except Exception as error:  # a learner's answer may fail in any way: explain, don't raise
            return feedback.wrong(
                f"Your answer raised {type(error).__name__}: {error}",
                feedback.where_to_look(*self.where),
            )

    def check(self, *answers) -> None:
        """Print whether the answers are right, what is off, and where to look."""
        feedback.show(self.feedback_for(*answers))

    def hint(self) -> None:
        """Print a hint."""
        feedback.show(
            feedback.message("💡 Hint:", self.hint_text, feedback.where_to_look(*self.where))
        )

    def solution(self) -> None:
        """Print the reference solution: the code whose answer ``check`` accepts."""
        source = textwrap.dedent(inspect.getsource(self.reference))
        print(f"Reference solution (it uses your notebook's variables):\n\n{source}")

    def reference_answers(self, notebook_variables: dict) -> tuple:
        """Run the reference solution on the given notebook variables; return its answers."""
        names = inspect.signature(self.reference).parameters
        result = self.reference(**{name: notebook_variables[name] for name in names})
        return result if isinstance(result, tuple) else (result,)


@cache
def context() -> dict:
    """The notebooks' one-in-ten data and its stratified 75/25 split (random_state=42)."""
    X, y = make_imbalanced()
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.25, stratify=y, random_state=42
    )
    return {"X_train": X_train, "X_test": X_test, "y_train": y_train, "y_test": y_test}
