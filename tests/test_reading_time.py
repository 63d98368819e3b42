"""The stated times follow the method of tools/reading_time.py: in each notebook's title cell, in
the README's syllabus and in INSTRUCTORS.md; and the method counts what it says it counts."""

import re

import nbformat
import pytest

from tools import reading_time as method

NOTEBOOKS = method.course_notebooks()
README = (method.COURSE_ROOT / "README.md").read_text()
RERUN = "run .venv/bin/python tools/reading_time.py and state the times it prints"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_the_title_cell_states_the_times_the_method_gives(path):
    assert method.stated_minutes(path) == method.notebook_minutes(path).rounded(), (
        f"{path.name}'s title cell: {RERUN}")


def test_the_readme_syllabus_states_the_same_times():
    row = re.compile(r"^\| (\d\d) \| \[.*\| (\d+) min \| (\d+) min \|$", flags=re.MULTILINE)
    rows = row.findall(README)
    stated = {number: (int(core), int(with_try_its)) for number, core, with_try_its in rows}
    expected = {path.name[:2]: method.notebook_minutes(path).rounded() for path in NOTEBOOKS}
    assert stated == expected, f"README.md's syllabus table: {RERUN}"


def test_instructors_section_table_is_up_to_date():
    assert method.stale_parts() == [], "run .venv/bin/python tools/reading_time.py --write"


def notebook(tmp_path, *cells):
    path = tmp_path / "01_example.ipynb"
    book = nbformat.v4.new_notebook()
    book.cells = list(cells)
    nbformat.write(book, path)
    return path


def test_words_leave_out_link_addresses_and_table_rules():
    assert method.words("Read [the guide](https://example.org/a-long/address) now.") == 4
    assert method.words("| a | b |\n|---|---:|\n| c | d |") == 4
    assert method.words("recall's 0.5 cut-off") == 3


def test_each_bullet_of_a_try_it_block_is_a_prompt_and_a_paragraph_is_one():
    bullets = ("### Try it\nIntro.\n\n- one\n- two\n  still two\n\n"
               "## 5. Exercises\n\n- not a prompt\n")
    assert method.try_it_prompts(bullets) == 2
    assert method.try_it_prompts("### Try it\nChange `x` and rerun.\n") == 1
    assert method.try_it_prompts("## 2. Section\n- a bullet, no Try it\n") == 0


def test_code_cells_figures_exercises_and_quiz_questions_take_their_minutes():
    figure = nbformat.v4.new_output("display_data", data={"image/png": "", "text/plain": "F"})
    plotted = nbformat.v4.new_code_cell("plt.show()", outputs=[figure])
    assert method.cell_minutes(plotted) == method.MINUTES_PER_CODE_CELL + method.MINUTES_PER_FIGURE
    exercise = nbformat.v4.new_code_cell("ex.q1.check(None)")
    assert method.cell_minutes(exercise) == method.MINUTES_PER_EXERCISE
    assert method.cell_minutes(nbformat.v4.new_code_cell("quiz.show(1)")) == (
        method.MINUTES_PER_QUIZ_QUESTION)
    prose = nbformat.v4.new_output("display_data", data={"text/markdown": "word " * 150})
    folded = nbformat.v4.new_code_cell("# @title Reading", outputs=[prose],
                                       metadata={"jupyter": {"source_hidden": True}})
    assert method.cell_minutes(folded) == pytest.approx(150 / method.WORDS_PER_MINUTE)


def test_try_its_and_optional_sections_count_only_with_the_try_its(tmp_path):
    path = notebook(
        tmp_path,
        nbformat.v4.new_markdown_cell("## 1. Lesson\n" + "word " * 150),
        nbformat.v4.new_code_cell("fit()"),
        nbformat.v4.new_markdown_cell("### Try it\n- change a\n- change b\n"),
        nbformat.v4.new_markdown_cell("## 2. Going further (optional)\n" + "word " * 300),
        nbformat.v4.new_code_cell("more()"),
        nbformat.v4.new_markdown_cell("## 3. Exercises"),
        nbformat.v4.new_code_cell("ex.q1.check(None)"),
    )
    sections = method.section_minutes(path)
    lesson_words = (2 + 150) / method.WORDS_PER_MINUTE
    assert sections["1. Lesson"].core == pytest.approx(lesson_words + method.MINUTES_PER_CODE_CELL)
    assert sections["1. Lesson"].with_try_its == pytest.approx(
        sections["1. Lesson"].core + 2 * method.MINUTES_PER_TRY_IT)
    assert sections["2. Going further (optional)"].core == 0
    assert sections["2. Going further (optional)"].with_try_its == pytest.approx(
        (4 + 300) / method.WORDS_PER_MINUTE + method.MINUTES_PER_CODE_CELL)
    assert sections["3. Exercises"].core == pytest.approx(
        2 / method.WORDS_PER_MINUTE + method.MINUTES_PER_EXERCISE)


def test_times_round_up_to_five_minutes():
    assert method.Minutes(50.6, 66.0).rounded() == (55, 70)
    assert method.Minutes(55.0, 70.0).rounded() == (55, 70)


def test_a_title_cell_without_times_states_none(tmp_path):
    path = notebook(tmp_path, nbformat.v4.new_markdown_cell("# 01 · Example\n\nNo times here."))
    assert method.stated_minutes(path) is None


def test_the_section_table_needs_its_markers_and_replaces_only_what_lies_between():
    text = f"# Notes\n{method.TABLE_START}\nold\n{method.TABLE_END}\nAfter.\n"
    assert method.with_section_table(text, "new") == (
        f"# Notes\n{method.TABLE_START}\nnew\n{method.TABLE_END}\nAfter.\n")
    with pytest.raises(ValueError, match="lacks the markers"):
        method.with_section_table("# Notes without markers\n", "new")


def test_a_missing_notebook_is_refused_with_the_expected_name(tmp_path, monkeypatch):
    monkeypatch.setattr("sys.argv", ["reading_time.py", str(tmp_path / "nothing.ipynb")])
    with pytest.raises(SystemExit, match="No notebook at .*nothing.ipynb"):
        method.main()
