"""The exercises and the quiz on the course website (tools/build_site.py).

A web page cannot run an exercise's check: after each cell that checks an answer
(``ex.q1.check(...)``, ``quiz.check(1, ...)``), the site's copy of the notebook gets a Markdown
cell that says how to answer (open the notebook in JupyterLab, on Binder or on Colab) and offers,
folded, the hint and the reference solution of an exercise, or the answer of a quiz question and
why. The notebooks themselves are not changed.

The texts come from the helpers' own functions (``ex.q1.hint()``, ``ex.q1.solution()``,
``quiz.answer_feedback``), which need the course's environment (scikit-learn): `make site` runs
in the site's environment, so it asks the course's Python for them, running this file as a
script (`python tools/site_exercises.py < request.json`). Everything else here is standard
library only.
"""

import contextlib
import io
import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

COURSE_ROOT = Path(__file__).resolve().parent.parent
EXERCISE_MODULE = re.compile(r"^from helpers\.exercises import (?P<module>notebook_\d\d) as "
                             r"(?P<alias>\w+)", re.MULTILINE)
CHECK_CALL = re.compile(r"\b(?P<alias>\w+)\.(?P<question>q\d+)\.check\(")
QUIZ_CALL = re.compile(r"\bquiz\.check\(\s*(?P<number>\d+)\s*,")
WHERE_TO_LOOK = re.compile(r"^Where to look: (?P<notebook>.+?) → (?P<section>.+)$")


class HelperTextError(RuntimeError):
    """The course's Python could not give the exercises' texts; the message says why."""


def exercise_checks(cells: list) -> list[tuple[int, str]]:
    """(index of the cell, "notebook_NN.qN") of each cell that checks an exercise's answer
    (its first ``ex.qN.check(`` call: a comment may show another)."""
    modules: dict[str, str] = {}
    found = []
    for index, cell in enumerate(cells):
        if cell.cell_type != "code":
            continue
        modules.update({m["alias"]: m["module"] for m in EXERCISE_MODULE.finditer(cell.source)})
        calls = [call for call in CHECK_CALL.finditer(cell.source) if call["alias"] in modules]
        if calls:
            found.append((index, f"{modules[calls[0]['alias']]}.{calls[0]['question']}"))
    return found


def quiz_checks(cells: list) -> list[tuple[int, int]]:
    """(index of the cell, question number) of each cell that checks a quiz answer (its first
    ``quiz.check(N, ...)`` call: the comment after it shows another)."""
    calls = ((index, QUIZ_CALL.search(cell.source)) for index, cell in enumerate(cells)
             if cell.cell_type == "code")
    return [(index, int(call["number"])) for index, call in calls if call]


def printed(function: Callable[[], None]) -> str:
    """What ``function()`` prints."""
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        function()
    return output.getvalue().strip()


def helper_texts(exercises: list[str], questions: list[int]) -> dict:
    """The texts the helpers give: each exercise's hint and solution, as ``hint()`` and
    ``solution()`` print them, and for each quiz question its answer and the feedback for every
    option. Runs in the course's environment."""
    import importlib

    from helpers import quiz

    texts: dict = {"exercises": {}, "quiz": {}}
    for name in exercises:
        module, question = name.split(".")
        exercise = getattr(importlib.import_module(f"helpers.exercises.{module}"), question)
        texts["exercises"][name] = {"hint": printed(exercise.hint),
                                    "solution": printed(exercise.solution)}
    for number in questions:
        entry = quiz.QUESTIONS[number]
        texts["quiz"][str(number)] = {
            "answer": entry.answer,
            "feedback": {letter: quiz.answer_feedback(number, letter) for letter in entry.options},
        }
    return texts


def fetch_helper_texts(python: Path, exercises: list[str], questions: list[int]) -> dict:
    """:func:`helper_texts`, run by ``python``, the course's environment."""
    if not Path(python).is_file():
        raise HelperTextError(
            f"The website shows each exercise's hint and solution, which the course's helpers "
            f"give; they need the course's environment, and there is no Python at {python}: run "
            "`make .venv/.installed` first (or pass --course-python)."
        )
    request = json.dumps({"exercises": exercises, "questions": questions})
    result = subprocess.run([str(python), __file__], input=request, capture_output=True,
                            text=True, check=False, cwd=COURSE_ROOT)
    if result.returncode != 0:
        raise HelperTextError(
            f"{python} could not give the exercises' texts (helpers.exercises, helpers.quiz):\n"
            f"{result.stderr.strip()}"
        )
    return json.loads(result.stdout)


def unwrapped(text: str) -> list[str]:
    """The paragraphs of a printed message: its lines joined again, a "Where to look:" line
    starting a paragraph of its own.

    >>> unwrapped("💡 Hint: count the\\nrows.\\nWhere to look: 01 · A\\n→ 3. B")
    ['💡 Hint: count the rows.', 'Where to look: 01 · A → 3. B']
    """
    paragraphs: list[str] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        if line.startswith("Where to look:") or not paragraphs:
            paragraphs.append(line.strip())
        else:
            paragraphs[-1] += " " + line.strip()
    return paragraphs


def linked_places(paragraph: str, section_link: Callable[[str, str], str | None]) -> str:
    """A "Where to look: NOTEBOOK → SECTION" paragraph as a link to that section, when
    ``section_link(notebook title, section)`` knows it; other paragraphs as they are."""
    place = WHERE_TO_LOOK.match(paragraph)
    target = place and section_link(place["notebook"], place["section"])
    if not target:
        return paragraph
    return f"Where to look: [{place['notebook']} → {place['section']}]({target})"


def details(summary: str, body: str) -> str:
    """A folded block of the site (the `details` directive of website/conf.py)."""
    fence = "`" * (max((len(run) for run in re.findall(r"`{3,}", body)), default=2) + 1)
    return f"{fence}{{details}} {summary}\n{body.strip()}\n{fence}\n"


def solution_markdown(solution: str) -> str:
    """What ``solution()`` prints, its code as a Python block."""
    intro, _, code = solution.partition("\n\n")
    return f"{intro}\n\n```python\n{code.strip()}\n```" if code else f"```text\n{intro}\n```"


def exercise_help(texts: dict, how_to_answer: str,
                  section_link: Callable[[str, str], str | None]) -> str:
    """The Markdown the site shows under an exercise's check cell."""
    hint = "\n\n".join(linked_places(p, section_link) for p in unwrapped(texts["hint"]))
    return "\n".join([how_to_answer, "", details("Hint", hint),
                      details("Solution", solution_markdown(texts["solution"]))])


def quiz_help(number: int, texts: dict, how_to_answer: str,
              section_link: Callable[[str, str], str | None]) -> str:
    """The Markdown the site shows under a quiz question's check cell: how to answer, and,
    folded, the right option, why, where to read about it, and why each other option is not."""
    right = texts["answer"]
    paragraphs = [linked_places(p, section_link) for p in unwrapped(texts["feedback"][right])]
    others = [f"- **{letter})** {unwrapped(feedback)[0]}"
              for letter, feedback in texts["feedback"].items() if letter != right]
    body = "\n\n".join([f"**{right})** {paragraphs[0]}", *paragraphs[1:],
                        "The other options:", "\n".join(others)])
    return "\n".join([how_to_answer, "", details(f"Answer to question {number}, and why", body)])


def main() -> None:
    """Read {"exercises": [...], "questions": [...]} on stdin; print :func:`helper_texts`."""
    sys.path.insert(0, str(COURSE_ROOT))
    request = json.load(sys.stdin)
    json.dump(helper_texts(request["exercises"], request["questions"]), sys.stdout)


if __name__ == "__main__":
    main()
