"""How long a notebook takes a self-study learner, by the method the README states (Syllabus).

Usage: python tools/reading_time.py [notebooks/NN_name.ipynb ...]   (default: every notebook)
       python tools/reading_time.py --write    (writes the section table of INSTRUCTORS.md)
       python tools/reading_time.py --check    (exit 1 if that table or a title cell is stale)

The method, applied to the committed notebook:
- prose: the words of the Markdown cells and of the prose the notebook writes from its run (the
  Markdown outputs of folded cells), at WORDS_PER_MINUTE;
- lesson code: MINUTES_PER_CODE_CELL for each code cell that is not folded away (read it, run
  it, read what it prints), plus MINUTES_PER_FIGURE for each figure;
- MINUTES_PER_EXERCISE for each exercise and MINUTES_PER_QUIZ_QUESTION for each quiz question;
- the "with Try-its" time adds MINUTES_PER_TRY_IT for each Try-it prompt (each bullet of a
  "Try it" block) and the sections marked "(optional)", which the core path skips.
Times are rounded up to the next 5 minutes; the title cell of each notebook states them, and
INSTRUCTORS.md lists the core path's minutes section by section (between its `section-times`
markers), for planning a workshop.
"""

import argparse
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

COURSE_ROOT = Path(__file__).resolve().parent.parent
# Adults read English non-fiction silently at about 238 words a minute (Brysbaert 2019, Journal
# of Memory and Language 109, 104047); studying technical prose with formulas, numbers and code to
# run is far slower: a new learner who read every cell of this course measured about 100.
WORDS_PER_MINUTE = 100
MINUTES_PER_CODE_CELL = 1.5  # read it, run it, read what it prints
MINUTES_PER_FIGURE = 1.0
MINUTES_PER_EXERCISE = 10
MINUTES_PER_QUIZ_QUESTION = 2.0
MINUTES_PER_TRY_IT = 8
HEADING = re.compile(r"^(#{1,6}) (.*)$", flags=re.MULTILINE)
INSTRUCTORS = COURSE_ROOT / "INSTRUCTORS.md"
TABLE_START = "<!-- section-times:start: written by tools/reading_time.py --write, do not edit -->"
TABLE_END = "<!-- section-times:end -->"
TITLE_TIME = re.compile(
    r"\*\*Time:\*\* about (\d+) minutes for the core path, (\d+) with the Try-it prompts"
)


@dataclass
class Minutes:
    """A notebook's estimated minutes, for the core path and with the Try-it prompts."""

    core: float
    with_try_its: float

    def rounded(self) -> tuple[int, int]:
        """Both times rounded up to the next 5 minutes."""
        return (5 * math.ceil(self.core / 5), 5 * math.ceil(self.with_try_its / 5))


def is_folded(cell) -> bool:
    return cell.metadata.get("jupyter", {}).get("source_hidden") is True


def words(text: str) -> int:
    """Words a reader reads: code spans, links' addresses and table rules left out."""
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"^\|?[-| :]+\|?$", "", text, flags=re.MULTILINE)
    return len(re.findall(r"[A-Za-z0-9][\w'’.-]*", text))


def markdown_outputs(cell) -> str:
    return "\n".join(
        output.get("data", {}).get("text/markdown", "") for output in cell.get("outputs", [])
    )


def figures(cell) -> int:
    return sum("image/png" in output.get("data", {}) for output in cell.get("outputs", []))


def try_it_prompts(markdown: str) -> int:
    """The prompts of the "Try it" blocks in a Markdown cell: each top-level bullet, else one."""
    count = 0
    for block in re.split(r"^### Try it\s*$", markdown, flags=re.MULTILINE)[1:]:
        block = HEADING.split(block)[0]  # up to the next heading
        bullets = len(re.findall(r"^- ", block, flags=re.MULTILINE))
        count += bullets or 1
    return count


def cell_minutes(cell) -> float:
    """Minutes of one cell on the core path."""
    if cell.cell_type == "markdown":
        source = cell.source
        if "### Try it" in source:  # the prompts are counted apart
            source = "\n".join(re.split(r"^### Try it\s*$", source, flags=re.MULTILINE)[:1])
        return words(source) / WORDS_PER_MINUTE
    minutes = words(markdown_outputs(cell)) / WORDS_PER_MINUTE + figures(cell) * MINUTES_PER_FIGURE
    if "ex.q" in cell.source and ".check(" in cell.source:
        return minutes + MINUTES_PER_EXERCISE
    if "quiz.show(" in cell.source:
        return minutes + MINUTES_PER_QUIZ_QUESTION
    if cell.source.lstrip().startswith("quiz.check(") or is_folded(cell):
        return minutes
    return minutes + MINUTES_PER_CODE_CELL


def optional_level(cell) -> int | None:
    """The heading level of an "(optional)" section this Markdown cell opens, if any."""
    for hashes, title in HEADING.findall(cell.source):
        if "(optional)" in title:
            return len(hashes)
    return None


def section_minutes(path: Path) -> dict[str, Minutes]:
    """Minutes of each "## " section of a notebook (the cells before the first one: "Start")."""
    notebook = nbformat.read(path, as_version=4)
    sections = {"Start": Minutes(0.0, 0.0)}
    current = "Start"
    optional_from = None  # heading level of the optional section we are in
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            headings = HEADING.findall(cell.source)
            levels = [len(hashes) for hashes, _ in headings]
            if optional_from is not None and any(level <= optional_from for level in levels):
                optional_from = None
            optional_from = optional_level(cell) or optional_from
            top = [title for hashes, title in headings if len(hashes) == 2]
            if top:
                current = top[0]
                sections.setdefault(current, Minutes(0.0, 0.0))
            sections[current].with_try_its += try_it_prompts(cell.source) * MINUTES_PER_TRY_IT
        minutes = cell_minutes(cell)
        sections[current].with_try_its += minutes
        if optional_from is None:
            sections[current].core += minutes
    return sections


def notebook_minutes(path: Path) -> Minutes:
    """Estimated minutes of a notebook, by the method in this module's docstring."""
    sections = section_minutes(path).values()
    return Minutes(core=sum(part.core for part in sections),
                   with_try_its=sum(part.with_try_its for part in sections))


def section_table(paths: list[Path]) -> str:
    """The Markdown table of every notebook's sections and their core-path minutes."""
    lines = ["| Notebook | Section | Core path (min) | With Try-its (min) |", "|---|---|---:|---:|"]
    for path in paths:
        for title, minutes in section_minutes(path).items():
            lines.append(f"| {path.name[:2]} | {title} | {minutes.core:.0f} | "
                         f"{minutes.with_try_its:.0f} |")
    return "\n".join(lines)


def with_section_table(text: str, table: str) -> str:
    """``text`` with the table between its markers replaced; a clear error without markers."""
    if TABLE_START not in text or TABLE_END not in text:
        raise ValueError(f"INSTRUCTORS.md lacks the markers {TABLE_START!r} and {TABLE_END!r}.")
    before, rest = text.split(TABLE_START, 1)
    after = rest.split(TABLE_END, 1)[1]
    return f"{before}{TABLE_START}\n{table}\n{TABLE_END}{after}"


def stated_minutes(path: Path) -> tuple[int, int] | None:
    """The (core, with Try-its) minutes the notebook's title cell states, if it states them."""
    title = nbformat.read(path, as_version=4).cells[0].source
    found = TITLE_TIME.search(title)
    return (int(found[1]), int(found[2])) if found else None


def course_notebooks() -> list[Path]:
    return sorted((COURSE_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def stale_parts() -> list[str]:
    """What disagrees with the method: title cells, and INSTRUCTORS.md's section table."""
    stale = [path.name for path in course_notebooks()
             if stated_minutes(path) != notebook_minutes(path).rounded()]
    text = INSTRUCTORS.read_text()
    if with_section_table(text, section_table(course_notebooks())) != text:
        stale.append(INSTRUCTORS.name)
    return stale


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--write", action="store_true", help="write INSTRUCTORS.md's table")
    parser.add_argument("--check", action="store_true", help="exit 1 if anything is stale")
    args = parser.parse_args()
    if args.write:
        table = section_table(course_notebooks())
        INSTRUCTORS.write_text(with_section_table(INSTRUCTORS.read_text(), table))
        print(f"wrote the section table of {INSTRUCTORS.name}")
    if args.check:
        stale = stale_parts()
        for name in stale:
            print(f"{name}: times differ from tools/reading_time.py's method")
        return 1 if stale else 0
    paths = args.notebooks or course_notebooks()
    print(f"{'notebook':<36} {'core':>6} {'with Try-its':>13}   stated in the title cell")
    for path in paths:
        if not path.is_file():
            sys.exit(f"No notebook at {path}: name files like notebooks/01_accuracy_trap.ipynb")
        minutes = notebook_minutes(path)
        core, with_try_its = minutes.rounded()
        print(f"{path.name:<36} {core:>6} {with_try_its:>13}   {stated_minutes(path)}"
              f"   (unrounded {minutes.core:.1f}, {minutes.with_try_its:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
