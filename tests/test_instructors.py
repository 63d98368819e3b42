"""INSTRUCTORS.md agrees with the notebooks: its schedules add up and use the times of
tools/reading_time.py, and it has a note for every Try-it prompt and exercise."""

import math
import re
from datetime import datetime, timedelta

import nbformat
import pytest

from tools import reading_time as method

NOTES = method.INSTRUCTORS.read_text()
NOTEBOOKS = {path.name[:2]: path for path in method.course_notebooks()}
CLOCK = re.compile(r"^\d\d:\d\d$")


def schedule(heading: str) -> list[tuple[str, str, str, str]]:
    """The rows (time, block, sections, minutes) of the first table after ``heading``."""
    assert heading in NOTES, f'INSTRUCTORS.md lost its "{heading}" section'
    text = NOTES.split(heading, 1)[1].split("\n#", 1)[0]
    cells = [[cell.strip() for cell in line.strip().strip("|").split("|")]
             for line in text.splitlines() if line.startswith("|")]
    return [(row[0], row[1], row[2] if len(row) == 4 else "", row[-1])
            for row in cells if CLOCK.match(row[0])]


def kept_minutes(path, sections: str) -> int:
    """Core-path minutes of the listed sections, with the start and the key takeaways, rounded
    up to 5 as the schedule does."""
    numbers = {number.strip() for number in sections.split(",")}
    minutes = sum(part.core for title, part in method.section_minutes(path).items()
                  if title in ("Start", "Key takeaways") or title.split(".")[0] in numbers)
    return 5 * math.ceil(minutes / 5)


@pytest.mark.parametrize("heading", ["### A full day", "### A half day"])
def test_each_block_starts_when_the_one_before_it_ends(heading):
    rows = schedule(heading)
    assert len(rows) > 5, f"{heading}: its table was not found"
    clock = [datetime.strptime(time, "%H:%M") for time, *_ in rows]
    for (time, block, _, minutes), start, following in zip(rows, clock, clock[1:], strict=False):
        assert start + timedelta(minutes=int(minutes)) == following, f"{heading}: {time} {block}"
    assert rows[-1][1] == "End" and rows[-1][3] == ""


def test_the_full_day_gives_each_notebook_its_core_path_time():
    rows = {block[:2]: int(minutes) for _, block, _, minutes in schedule("### A full day")
            if block[:2] in NOTEBOOKS}
    assert rows == {number: method.notebook_minutes(path).rounded()[0]
                    for number, path in NOTEBOOKS.items()}


def test_the_half_day_gives_each_notebook_the_time_of_the_sections_it_keeps():
    rows = [(block[:2], sections, int(minutes)) for _, block, sections, minutes
            in schedule("### A half day") if block[:2] in NOTEBOOKS]
    assert [number for number, *_ in rows] == sorted(NOTEBOOKS)
    for number, sections, minutes in rows:
        assert minutes == kept_minutes(NOTEBOOKS[number], sections), (
            f"half day, notebook {number}: the minutes of sections {sections} changed; "
            "take them from the section table (tools/reading_time.py --write)")


def notes_of(number: str) -> str:
    found = re.search(rf"^### {number} .*?(?=^### |^## )", NOTES, flags=re.MULTILINE | re.DOTALL)
    assert found, f"INSTRUCTORS.md has no notes for notebook {number} (a '### {number} ...' part)"
    return found[0]


@pytest.mark.parametrize("number", sorted(NOTEBOOKS))
def test_every_try_it_prompt_and_exercise_has_a_note(number):
    notebook = nbformat.read(NOTEBOOKS[number], as_version=4)
    prompts = sum(method.try_it_prompts(cell.source) for cell in notebook.cells
                  if cell.cell_type == "markdown")
    exercises = sum("ex.q" in cell.source and ".check(" in cell.source
                    for cell in notebook.cells if cell.cell_type == "code")
    notes = notes_of(number)
    assert len(re.findall(r"^- \*\*Try it:", notes, flags=re.MULTILINE)) == prompts, (
        f"notebook {number} has {prompts} Try-it prompts: one '- **Try it: ...' note each")
    assert re.findall(r"^- \*\*Exercise (\d)", notes, flags=re.MULTILINE) == [
        str(n) for n in range(1, exercises + 1)]

