"""Build the course website in build/site/ from the committed notebooks, without running them.

`make site` runs this in the site's environment (.venv-site, from requirements-site.txt). It
assembles a Sphinx source folder, build/site-src/, then runs Sphinx on it with website/conf.py,
warnings as errors. The folder holds:
- index.md, glossary.md: website/'s pages; the home page gets the toctree that orders the site;
- _readme/NAME.md: the README's text between `<!-- site:start NAME -->` and
  `<!-- site:end NAME -->`, for the home page's {include}s;
- instructors.md: INSTRUCTORS.md, when the repository has one;
- notebooks/NN_*.ipynb: the committed notebooks with their outputs, in which
  - a cell hidden in JupyterLab (metadata `jupyter.source_hidden`) gets the `hide-input` tag,
    and its fold is labelled by the cell's `# @title` line ("Check: ...");
  - a cell whose printed lines line up in columns gets the `aligned-output` tag (it scrolls
    sideways when too wide; other printed lines wrap);
  - a link to the README, to INSTRUCTORS.md or to another notebook points to its page on the
    site; a link to any other file of the repository points to that file on GitHub;
  - the first use of each glossary term links to its entry, and the sections the glossary
    names as teaching a term get an index entry for it (a search for the term finds them);
  - each cell that checks an exercise or a quiz answer is followed by a Markdown cell: how to
    answer in the notebook, and, folded, the hint and the solution, or the answer and why
    (tools/site_exercises.py: the helpers' own texts, from the course's Python);
- references.md: website/references.md, then every work and page the notebooks cite
  (tools/site_references.py, website/references.toml).
The committed files are only read.

Usage: python tools/build_site.py [--out build/site] [--course-python .venv/bin/python]
"""

import argparse
import os
import posixpath
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

COURSE_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(COURSE_ROOT))

from tools.set_repository import (  # noqa: E402
    BRANCH,
    binder_url,
    colab_url,
    configured_repository,
    owner_and_name,
)
from tools.site_exercises import (  # noqa: E402
    HelperTextError,
    exercise_checks,
    exercise_help,
    fetch_helper_texts,
    quiz_checks,
    quiz_help,
)
from tools.site_markdown import (  # noqa: E402
    GlossaryEntry,
    glossary_entries,
    heading_anchors,
    headings,
    link_first_uses,
    notebook_sections,
    rewrite_links,
    with_index_entries,
)
from tools.site_references import CitationError, references_page  # noqa: E402

WEBSITE = COURSE_ROOT / "website"
SOURCE = COURSE_ROOT / "build" / "site-src"
OUT = COURSE_ROOT / "build" / "site"
DOCTREES = COURSE_ROOT / "build" / "site-doctrees"
README_SECTION = re.compile(
    r"<!-- site:start (?P<name>[\w-]+) -->\n(?P<text>.*?)<!-- site:end (?P=name) -->", re.DOTALL
)
INCLUDED = re.compile(r"^```\{include\}\s+_readme/(?P<name>[\w-]+)\.md\s*$", re.MULTILINE)
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
# Tags with which myst-nb hides or removes a cell's code; those with a fold to label.
HIDING_TAGS = {"hide-input", "remove-input", "hide-cell", "remove-cell"}
FOLDING_TAGS = {"hide-input", "hide-cell"}
# A folded cell's first line, as Colab reads it: `# @title Its title`, maybe with form options.
CELL_TITLE = re.compile(r"^# @title\s+(?P<title>.*?)\s*(?:\{[^}]*\})?\s*$")
UNTITLED_FOLD = "The code"
# Printed lines that line up in columns (a table): a gap of three spaces or more within a line.
COLUMNS = re.compile(r"\S {3,}\S")
ALIGNED_TAG = "aligned-output"
# The course's Python, which can run the helpers (the site's environment has no scikit-learn).
COURSE_PYTHON = Path(os.environ.get("COURSE_PYTHON", COURSE_ROOT / ".venv" / "bin" / "python"))
# The home page's section on running the course on one's own machine (from the README).
RUN_LOCALLY = "run-it-on-your-machine"
HOW_TO_ANSWER = (
    "✏️ **Your turn, in the notebook.** This page cannot run code: open the notebook in "
    "[JupyterLab]({lab}), on [Binder]({binder}) or on [Colab]({colab}), {what} and run the cell. "
    "It tells you whether you are right."
)
ANSWERS = {
    "exercise": "replace `None` with your answer",
    "quiz": "replace `None` with the letter of your answer in quotes",
}


class SiteError(ValueError):
    """The course's files cannot make the website as they are; the message says what to do."""


def course_notebooks(course_root: Path = COURSE_ROOT) -> list[Path]:
    """The course's notebooks, in order: notebooks/NN_*.ipynb."""
    return sorted((course_root / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def site_pages(course_root: Path = COURSE_ROOT) -> dict[str, str]:
    """{file of the repository: its page in the site's sources}, for the files the site shows."""
    pages = {"README.md": "index.md"}
    if (course_root / "INSTRUCTORS.md").is_file():
        pages["INSTRUCTORS.md"] = "instructors.md"
    pages.update({f"notebooks/{path.name}": f"notebooks/{path.name}"
                  for path in course_notebooks(course_root)})
    return pages


def readme_sections(readme: str) -> dict[str, str]:
    """{name: text} of the README's parts between `<!-- site:start NAME -->` and its end."""
    return {match["name"]: match["text"] for match in README_SECTION.finditer(readme)}


def home_readme_sections(index: str, readme: str) -> dict[str, str]:
    """The README parts the home page includes; a clear error if one lacks its markers."""
    sections = readme_sections(readme)
    wanted = INCLUDED.findall(index)
    missing = [name for name in wanted if name not in sections]
    if missing:
        raise SiteError(
            "website/index.md shows parts of README.md that have lost their markers: put "
            + ", ".join(f"`<!-- site:start {n} -->` ... `<!-- site:end {n} -->`" for n in missing)
            + " (each marker on a line of its own) around them in README.md"
        )
    return {name: sections[name] for name in wanted}


def site_target(target: str, page: str, pages: dict[str, str], home_anchors: set[str],
                repository: str) -> str:
    """Where a link ``target`` in repository file ``page`` points on the site.

    >>> pages = {"README.md": "index.md", "notebooks/01_a.ipynb": "notebooks/01_a.ipynb"}
    >>> site_target("../README.md#syllabus", "notebooks/01_a.ipynb", pages, {"syllabus"},
    ...             "https://github.com/o/n")
    '../index.md#syllabus'
    >>> site_target("../data/README.md", "notebooks/01_a.ipynb", pages, set(),
    ...             "https://github.com/o/n")
    'https://github.com/o/n/blob/main/data/README.md'
    """
    if EXTERNAL.match(target) or (target.startswith("#") and page != "README.md"):
        return target
    path, _, fragment = target.partition("#")
    file = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
    anchor = f"#{fragment}" if fragment else ""
    if file.startswith("../"):
        raise SiteError(f"{page} links to {target}, outside the repository: link to a web page")
    if file == "README.md" and fragment and fragment not in home_anchors:
        return f"{repository}{anchor}"  # a README section the home page leaves out: on GitHub
    if file in pages:
        here = posixpath.dirname(pages[page]) or "."
        return posixpath.relpath(pages[file], here) + anchor
    return f"{repository}/blob/{BRANCH}/{file}{anchor}"


def hide_hidden_input(cell: nbformat.NotebookNode) -> None:
    """Tag a code cell that JupyterLab shows collapsed (`jupyter.source_hidden`) `hide-input`."""
    tags = cell.metadata.setdefault("tags", [])
    if cell.metadata.get("jupyter", {}).get("source_hidden") and not HIDING_TAGS & set(tags):
        tags.append("hide-input")
    if not tags:
        del cell.metadata["tags"]


def label_fold(cell: nbformat.NotebookNode) -> None:
    """Label a folded cell's fold with the cell's title (``# @title Check: ...``), shown whether
    the fold is open or closed, in place of myst-nb's "Show code cell source"."""
    if not FOLDING_TAGS & set(cell.metadata.get("tags", [])):
        return
    first_line = cell.source.splitlines()[0] if cell.source else ""
    title = CELL_TITLE.match(first_line)
    label = title["title"] if title and title["title"] else UNTITLED_FOLD
    cell.metadata.setdefault("mystnb", {}).update(code_prompt_show=label, code_prompt_hide=label)


def tag_aligned_output(cell: nbformat.NotebookNode) -> None:
    """Tag `aligned-output` a code cell that prints lines lined up in columns: on the site they
    scroll sideways when too wide, where other printed lines wrap."""
    printed = "".join(output.get("text", "") for output in cell.get("outputs", [])
                      if output.get("output_type") == "stream")
    if COLUMNS.search(printed):
        cell.metadata.setdefault("tags", []).append(ALIGNED_TAG)


def site_notebook(notebook: nbformat.NotebookNode, relink) -> nbformat.NotebookNode:
    """The notebook as the site shows it: hidden inputs tagged and their folds labelled,
    column-aligned printed output tagged, ``relink`` applied to the targets of the links in its
    Markdown cells and in the Markdown its cells print."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = rewrite_links(cell.source, relink)
        elif cell.cell_type == "code":
            hide_hidden_input(cell)
            label_fold(cell)
            tag_aligned_output(cell)
            for output in cell.get("outputs", []):
                if "text/markdown" in output.get("data", {}):
                    output.data["text/markdown"] = rewrite_links(output.data["text/markdown"],
                                                                 relink)
    return notebook


def toctree(pages: dict[str, str]) -> str:
    """The home page's hidden toctrees: the notebooks in order, then the reference pages."""
    notebooks = [page.removesuffix(".ipynb") for page in pages.values() if page.endswith(".ipynb")]
    reference = ["glossary", "references"] + (["instructors"] if "INSTRUCTORS.md" in pages else [])
    return "\n".join(
        f"\n```{{toctree}}\n:hidden:\n:caption: {caption}\n\n" + "\n".join(entries) + "\n```"
        for caption, entries in (("Notebooks", notebooks), ("Reference", reference))
    ) + "\n"


def short_title(notebook: nbformat.NotebookNode, path: Path) -> str:
    """The notebook's number and title, from its first heading ("01 · The accuracy trap")."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for _level, title in headings(cell.source):
                return title
    return path.stem


def relinker_for(course_root: Path, pages: dict[str, str], home_anchors: set[str]):
    """A function of a repository file's path, giving the link rewriter for that file."""
    repository = configured_repository(course_root / "pyproject.toml")

    def relinker(page: str):
        return lambda target: site_target(target, page, pages, home_anchors, repository)

    return relinker


def with_glossary(notebook: nbformat.NotebookNode, page: str,
                  entries: list[GlossaryEntry]) -> None:
    """Link the first use of each glossary term in the notebook's Markdown cells to the
    glossary, and index each term before the headings of the sections that teach it."""
    file = posixpath.basename(page)
    terms_at: dict[str, list[str]] = {}
    for entry in entries:
        for notebook_file, anchor in entry.sections:
            if notebook_file == file:
                terms_at.setdefault(anchor, []).extend(t for t in entry.terms if "," not in t)
    linked: set[int] = set()
    taken: set[str] = set()
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = with_index_entries(link_first_uses(cell.source, entries, linked),
                                             terms_at, taken)


def helper_texts_for(notebooks: dict[str, nbformat.NotebookNode], course_python: Path) -> dict:
    """The hints, solutions and quiz answers the notebooks' check cells need."""
    exercises = [name for notebook in notebooks.values()
                 for _index, name in exercise_checks(notebook.cells)]
    questions = [number for notebook in notebooks.values()
                 for _index, number in quiz_checks(notebook.cells)]
    if not exercises and not questions:
        return {"exercises": {}, "quiz": {}}
    return fetch_helper_texts(course_python, exercises, questions)


def section_linker(notebooks: dict[str, nbformat.NotebookNode], titles: dict[str, str]):
    """A function of a notebook's title and a section's heading, as the feedback names them,
    giving the link to that section from a notebook page (None if there is no such section)."""
    anchors = {
        titles[page]: dict(heading_anchors([cell.source for cell in notebook.cells
                                            if cell.cell_type == "markdown"]))
        for page, notebook in notebooks.items()
    }
    pages = {titles[page]: posixpath.basename(page) for page in notebooks}

    def section_link(title: str, section: str) -> str | None:
        anchor = anchors.get(title, {}).get(section)
        return f"{pages[title]}#{anchor}" if anchor else None

    return section_link


def how_to_answer(page: str, repository: str, home_anchors: set[str]) -> dict[str, str]:
    """What the site says under an exercise or quiz cell of ``page``: answer in the notebook."""
    repo, name = owner_and_name(repository), posixpath.basename(page)
    lab = "../index.md" + (f"#{RUN_LOCALLY}" if RUN_LOCALLY in home_anchors else "")
    return {kind: HOW_TO_ANSWER.format(lab=lab, binder=binder_url(repo, name),
                                       colab=colab_url(repo, name), what=what)
            for kind, what in ANSWERS.items()}


def with_answer_help(notebook: nbformat.NotebookNode, texts: dict, how: dict[str, str],
                     section_link) -> None:
    """After each cell that checks an exercise or a quiz answer, a Markdown cell: how to answer
    in the notebook, and, folded, the hint and solution, or the answer and why."""
    helps = {index: exercise_help(texts["exercises"][name], how["exercise"], section_link)
             for index, name in exercise_checks(notebook.cells)}
    helps |= {index: quiz_help(number, texts["quiz"][str(number)], how["quiz"], section_link)
              for index, number in quiz_checks(notebook.cells)}
    for index in sorted(helps, reverse=True):
        notebook.cells.insert(index + 1, nbformat.v4.new_markdown_cell(helps[index]))


def write_notebooks(source: Path, course_root: Path, relinker, home_anchors: set[str],
                    course_python: Path):
    """Write the site's copy of each notebook; return each page's sections and short title."""
    notebooks, sections, titles = {}, {}, {}
    for path in course_notebooks(course_root):
        page = f"notebooks/{path.name}"
        notebooks[page] = site_notebook(nbformat.read(path, as_version=4), relinker(page))
        sections[page] = list(notebook_sections(notebooks[page]))
        titles[page] = short_title(notebooks[page], path)
    entries = glossary_entries((WEBSITE / "glossary.md").read_text())
    texts = helper_texts_for(notebooks, course_python)
    section_link = section_linker(notebooks, titles)
    repository = configured_repository(course_root / "pyproject.toml")
    for page, notebook in notebooks.items():
        with_glossary(notebook, page, entries)
        with_answer_help(notebook, texts, how_to_answer(page, repository, home_anchors),
                         section_link)
        nbformat.write(notebook, source / page)
    return sections, titles


def assemble(source: Path = SOURCE, course_root: Path = COURSE_ROOT,
             course_python: Path = COURSE_PYTHON) -> None:
    """Write the site's Sphinx sources into ``source`` (emptied first)."""
    pages = site_pages(course_root)
    index = (WEBSITE / "index.md").read_text()
    shown = home_readme_sections(index, (course_root / "README.md").read_text())
    home_anchors = {anchor for _title, anchor in heading_anchors(list(shown.values()))}
    relinker = relinker_for(course_root, pages, home_anchors)
    if source.exists():
        shutil.rmtree(source)
    (source / "_readme").mkdir(parents=True)
    (source / "notebooks").mkdir()
    for name, text in shown.items():
        (source / "_readme" / f"{name}.md").write_text(rewrite_links(text, relinker("README.md")))
    (source / "index.md").write_text(index + toctree(pages))
    shutil.copy(WEBSITE / "glossary.md", source / "glossary.md")
    if "INSTRUCTORS.md" in pages:
        instructors = (course_root / "INSTRUCTORS.md").read_text()
        (source / "instructors.md").write_text(
            rewrite_links(instructors, relinker("INSTRUCTORS.md")))
    sections, titles = write_notebooks(source, course_root, relinker, home_anchors, course_python)
    intro = (WEBSITE / "references.md").read_text()
    (source / "references.md").write_text(
        references_page(intro, sections, titles, WEBSITE / "references.toml"))


def run_sphinx(source: Path, out: Path, doctrees: Path = DOCTREES) -> int:
    """Sphinx's HTML build of ``source`` into ``out`` (emptied first), warnings as errors."""
    for folder in (out, doctrees):
        if folder.exists():
            shutil.rmtree(folder)
    command = [sys.executable, "-m", "sphinx", "--builder", "html", "--fail-on-warning",
               "--keep-going", "--fresh-env", "--quiet", "--conf-dir", str(WEBSITE),
               "--doctree-dir", str(doctrees), str(source), str(out)]
    return subprocess.run(command, check=False).returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="the site's folder (emptied first)")
    parser.add_argument("--course-python", type=Path, default=COURSE_PYTHON,
                        help="the course's Python, which runs the helpers (default: "
                             "$COURSE_PYTHON, else .venv/bin/python)")
    args = parser.parse_args()
    try:
        assemble(SOURCE, course_python=args.course_python)
    except (SiteError, CitationError, HelperTextError) as error:
        sys.exit(f"make site: {error}")
    if run_sphinx(SOURCE, args.out.resolve()) != 0:
        sys.exit("make site: Sphinx's warnings above stop the build (warnings are errors here). "
                 f"They name files in {SOURCE.relative_to(COURSE_ROOT)}/, assembled from: "
                 "website/ (index.md, glossary.md, references.md), notebooks/ (links rewritten), "
                 "README.md (_readme/) and INSTRUCTORS.md. A link to a notebook section that was "
                 "renamed is fixed in website/glossary.md.")
    index = args.out.resolve() / "index.html"
    print(f"The course website: {index}\nPreview it with `python3 -m http.server -d {index.parent}`"
          " and open http://localhost:8000/")


if __name__ == "__main__":
    main()
