"""Point the Colab and Binder badges and the notebooks' setup cells at the course's repository.

The repository URL lives in one place: `repository` under [tool.course] in pyproject.toml.
This script writes everything derived from it:
- the README's notebook table (between the `notebooks-table` markers) with a Colab and a Binder
  badge per notebook, one row per notebooks/NN_*.ipynb;
- every Colab or Binder link in the README and in the notebooks' Markdown cells;
- the `REPOSITORY = "..."` line of every notebook's setup cell;
- the README's link to the course website, which GitHub Pages serves at
  https://OWNER.github.io/NAME/ (the site workflow, .github/workflows/site.yml, publishes it);
- the `repository-code` line of CITATION.cff.

Usage, after forking: change `repository` in pyproject.toml, then
    python tools/set_repository.py           # rewrite what differs
    python tools/set_repository.py --check   # only report (exit 1 if anything differs)
Run it again after adding a notebook: its row in the README table is written the same way.
A notebook is written only when one of its cells changes; its outputs are never touched.
"""

import argparse
import re
import sys
import tomllib
from pathlib import Path

import nbformat

COURSE_ROOT = Path(__file__).resolve().parent.parent
README = COURSE_ROOT / "README.md"
CITATION = COURSE_ROOT / "CITATION.cff"
BRANCH = "main"
TABLE_START = "<!-- notebooks-table:start: written by tools/set_repository.py, do not edit -->"
TABLE_END = "<!-- notebooks-table:end -->"
COLAB_BADGE_SVG = "https://colab.research.google.com/assets/colab-badge.svg"
BINDER_BADGE_SVG = "https://mybinder.org/badge_logo.svg"
GITHUB_URL = re.compile(r"https://github\.com/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(?:\.git)?/?")
# Links to one notebook of some repository: the notebook's name is kept, the repository replaced.
COLAB_LINK = re.compile(
    r"https://colab\.research\.google\.com/github/[^/\s)]+/[^/\s)]+/blob/[^/\s)]+/notebooks/"
    r"(?P<name>[^/\s)?#]+\.ipynb)"
)
BINDER_LINK = re.compile(
    r"https://mybinder\.org/v2/gh/[^/\s)]+/[^/\s)?]+/[^/\s)?]+\?urlpath=lab/tree/notebooks/"
    r"(?P<name>[^/\s)?#&]+\.ipynb)"
)
SETUP_LINE = re.compile(r'^REPOSITORY = "[^"\n]*"$', flags=re.MULTILINE)
SITE_LINK_TEXT = "course website"
SITE_LINK = re.compile(rf"\[{SITE_LINK_TEXT}\]\([^)\s]*\)")
CITATION_LINE = re.compile(r"^repository-code: .*$", flags=re.MULTILINE)
CLONE_COMMAND = re.compile(r"git clone https://github\.com/[^\s`]+")


def configured_repository(pyproject: Path = COURSE_ROOT / "pyproject.toml") -> str:
    """The repository URL from pyproject.toml's [tool.course] table."""
    try:
        return tomllib.loads(pyproject.read_text())["tool"]["course"]["repository"]
    except KeyError as error:
        raise KeyError(
            f'{pyproject} needs `repository = "https://github.com/OWNER/NAME"` under [tool.course]'
        ) from error


def owner_and_name(repository: str) -> str:
    """``OWNER/NAME`` of a GitHub repository URL; Colab and Binder open notebooks from GitHub.

    >>> owner_and_name("https://github.com/imbalanced-course/imbalanced-course")
    'imbalanced-course/imbalanced-course'
    """
    match = GITHUB_URL.fullmatch(repository)
    if match is None:
        raise ValueError(
            f"repository = {repository!r} is not a GitHub repository URL such as "
            "https://github.com/OWNER/NAME: Colab's and Binder's badges open notebooks from GitHub."
        )
    return f"{match[1]}/{match[2]}"


def colab_url(repo: str, name: str) -> str:
    """Where Colab opens notebook ``name`` of ``repo`` (OWNER/NAME) on the main branch."""
    return f"https://colab.research.google.com/github/{repo}/blob/{BRANCH}/notebooks/{name}"


def binder_url(repo: str, name: str) -> str:
    """Where Binder opens notebook ``name`` of ``repo`` (OWNER/NAME) in JupyterLab."""
    return f"https://mybinder.org/v2/gh/{repo}/{BRANCH}?urlpath=lab/tree/notebooks/{name}"


def site_url(repo: str) -> str:
    """The address where GitHub Pages serves the website of ``repo`` (OWNER/NAME).

    >>> site_url("imbalanced-course/imbalanced-course")
    'https://imbalanced-course.github.io/imbalanced-course/'
    >>> site_url("Me/me.github.io")  # a user's own site is served at the root
    'https://me.github.io/'
    """
    owner, name = repo.split("/")
    host = f"{owner.lower()}.github.io"
    return f"https://{host}/" if name.lower() == host else f"https://{host}/{name}/"


def site_link(repo: str) -> str:
    """The README's Markdown link to the course website."""
    return f"[{SITE_LINK_TEXT}]({site_url(repo)})"


def with_site_link(readme: str, repo: str) -> str:
    """``readme`` with its link to the course website pointing to ``repo``'s GitHub Pages."""
    if not SITE_LINK.search(readme):
        raise ValueError(
            f"README.md has no link `[{SITE_LINK_TEXT}](...)`: put one where the README tells "
            "readers about the website, then run this script again."
        )
    return SITE_LINK.sub(site_link(repo), readme)


def with_clone_command(readme: str, repository: str) -> str:
    """``readme`` with its `git clone ...` command cloning ``repository``."""
    return CLONE_COMMAND.sub(f"git clone {repository}", readme)


def colab_badge(repo: str, name: str) -> str:
    """The Markdown badge in each notebook's title cell, opening it on Colab."""
    return f"[![Open In Colab]({COLAB_BADGE_SVG})]({colab_url(repo, name)})"


def binder_badge(repo: str, name: str) -> str:
    """The Markdown badge opening notebook ``name`` on Binder."""
    return f"[![Binder]({BINDER_BADGE_SVG})]({binder_url(repo, name)})"


def notebook_title(path: Path) -> str:
    """The title after "# NN · " in the notebook's first cell, or its file name if it has none."""
    cells = nbformat.read(path, as_version=4).cells
    first_line = cells[0].source.splitlines()[0] if cells and cells[0].source else ""
    match = re.fullmatch(r"#\s*\d\d\s*·\s*(.+)", first_line.strip())
    return match[1].strip() if match else path.stem


def readme_table(repo: str, notebooks: list[Path]) -> str:
    """The README's notebook table with its markers: one row and two badges per notebook."""
    rows = [
        f"| {path.name[:2]} | [{notebook_title(path)}](notebooks/{path.name}) | "
        f"{colab_badge(repo, path.name)} | {binder_badge(repo, path.name)} |"
        for path in notebooks
    ]
    return "\n".join([TABLE_START, "| # | Notebook | Colab | Binder |", "|---|---|---|---|",
                      *rows, TABLE_END])


def relink(text: str, repo: str) -> str:
    """``text`` with every Colab and Binder notebook link pointing into ``repo``."""
    text = COLAB_LINK.sub(lambda match: colab_url(repo, match["name"]), text)
    return BINDER_LINK.sub(lambda match: binder_url(repo, match["name"]), text)


def with_table(readme: str, table: str) -> str:
    """``readme`` with the text between the table markers (included) replaced by ``table``."""
    start, end = readme.find(TABLE_START), readme.find(TABLE_END)
    if start < 0 or end < start:
        raise ValueError(
            f"README.md lacks the markers of the notebook table: put the two lines\n{TABLE_START}"
            f"\n{TABLE_END}\nwhere the table belongs, then run this script again."
        )
    return readme[:start] + table + readme[end + len(TABLE_END):]


def with_setup_repository(source: str, repository: str) -> str:
    """The setup cell ``source`` with its ``REPOSITORY = "..."`` line naming ``repository``."""
    if not SETUP_LINE.search(source):
        raise ValueError('the setup cell has no `REPOSITORY = "..."` line: copy notebook 01\'s')
    return SETUP_LINE.sub(f'REPOSITORY = "{repository}"', source)


def with_citation_repository(citation: str, repository: str) -> str:
    """CITATION.cff's text with its ``repository-code`` line naming ``repository``."""
    if not CITATION_LINE.search(citation):
        raise ValueError('CITATION.cff has no `repository-code: "..."` line: add one, then run '
                         "this script again.")
    return CITATION_LINE.sub(f'repository-code: "{repository}"', citation)


def citation_difference(repository: str | None = None) -> str | None:
    """CITATION.cff's text naming ``repository``, or None when it already does."""
    citation = CITATION.read_text()
    new = with_citation_repository(citation, repository or configured_repository())
    return new if new != citation else None


def updated_notebook(path: Path, repository: str) -> nbformat.NotebookNode | None:
    """The notebook with its links and setup cell set to ``repository``, or None if unchanged."""
    notebook = nbformat.read(path, as_version=4)
    repo = owner_and_name(repository)
    changed = False
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "markdown":
            new = relink(cell.source, repo)
        elif index == 1 and cell.cell_type == "code":
            new = with_setup_repository(cell.source, repository)
        else:
            continue
        changed |= new != cell.source
        cell.source = new
    return notebook if changed else None


def course_notebooks() -> list[Path]:
    return sorted((COURSE_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def differences(repository: str | None = None) -> tuple[str | None, dict[Path, object]]:
    """(new README text or None, {notebook path: new notebook}) for what does not match yet."""
    repository = repository or configured_repository()
    repo = owner_and_name(repository)
    readme = README.read_text()
    new_readme = with_table(readme, readme_table(repo, course_notebooks()))
    new_readme = relink(with_site_link(new_readme, repo), repo)
    new_readme = with_clone_command(new_readme, repository)
    notebooks = {path: updated_notebook(path, repository) for path in course_notebooks()}
    return (new_readme if new_readme != readme else None,
            {path: notebook for path, notebook in notebooks.items() if notebook is not None})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report only; exit 1 on a mismatch")
    args = parser.parse_args()
    repository = configured_repository()
    new_readme, notebooks = differences(repository)
    new_citation = citation_difference(repository)
    stale = ([README] if new_readme is not None else []) + list(notebooks)
    stale += [CITATION] if new_citation is not None else []
    if args.check:
        for path in stale:
            print(f"{path.relative_to(COURSE_ROOT)} does not match {repository}")
        if stale:
            sys.exit("Run `python tools/set_repository.py` to rewrite them.")
        print(f"README.md, CITATION.cff and {len(course_notebooks())} notebooks point to "
              f"{repository}")
        return
    if new_readme is not None:
        README.write_text(new_readme)
    if new_citation is not None:
        CITATION.write_text(new_citation)
    for path, notebook in notebooks.items():
        nbformat.write(notebook, path)
    for path in stale:
        print(f"rewrote {path.relative_to(COURSE_ROOT)}")
    print(f"README.md, CITATION.cff and {len(course_notebooks())} notebooks point to {repository}")


if __name__ == "__main__":
    main()
