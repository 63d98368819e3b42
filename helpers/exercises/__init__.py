"""Exercises with offline feedback, two per notebook, one module per notebook.

In a notebook: ``from helpers.exercises import notebook_01 as ex``, then ``ex.q1.check(answer)``,
``ex.q1.hint()`` and ``ex.q1.solution()``. To see how the answers of a notebook are checked, open
its module, e.g. ``helpers/exercises/notebook_03.py``: each exercise's reference solution is a
function there, ``solution()`` prints its source, and ``check`` accepts what it returns.
Checkers print feedback (see :mod:`helpers.feedback`); a learner's mistake never raises.
"""

from . import notebook_01, notebook_02, notebook_03, notebook_04, notebook_05

__all__ = ["notebook_01", "notebook_02", "notebook_03", "notebook_04", "notebook_05"]
