"""Badges, links and setup cells agree with the one repository URL in pyproject.toml."""

import re

import nbformat
import pytest

from tools import set_repository as tool

REPOSITORY = tool.configured_repository()
REPO = tool.owner_and_name(REPOSITORY)
NOTEBOOKS = tool.course_notebooks()
FIX = "run `.venv/bin/python tools/set_repository.py`"
ANY_COLAB_OR_BINDER = re.compile(
    r"https://(?:colab\.research\.google\.com/github|mybinder\.org/v2/gh)/[^)\s]+"
)


def test_the_repository_is_a_github_url():
    assert REPO.count("/") == 1


def test_readme_table_has_one_row_with_both_badges_per_notebook():
    readme = tool.README.read_text()
    expected = tool.readme_table(REPO, NOTEBOOKS)
    assert expected in readme, f"README.md's notebook table is out of date: {FIX}"


def test_readme_has_a_binder_badge():
    assert f"[![Binder]({tool.BINDER_BADGE_SVG})]({tool.binder_url(REPO, NOTEBOOKS[0].name)})" in (
        tool.README.read_text()
    )


def test_readme_links_to_the_course_website_at_the_repository_github_pages_address():
    owner, name = REPO.split("/")
    assert tool.site_url(REPO) == f"https://{owner.lower()}.github.io/{name}/"
    readme = tool.README.read_text()
    assert tool.site_link(REPO) in readme, f"README.md's link to the website is out of date: {FIX}"
    assert len(tool.SITE_LINK.findall(readme)) == 1


def test_the_readme_clones_the_repository():
    readme = tool.README.read_text()
    assert tool.CLONE_COMMAND.findall(readme) == [f"git clone {REPOSITORY}"], FIX
    moved = tool.with_clone_command("run `git clone https://github.com/a/b` first",
                                    "https://github.com/Me/fork")
    assert moved == "run `git clone https://github.com/Me/fork` first"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_notebook_title_cell_has_its_colab_badge(path):
    title = nbformat.read(path, as_version=4).cells[0].source
    assert tool.colab_badge(REPO, path.name) in title, f"{path.name}: no Colab badge for {REPO}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_setup_cell_clones_the_repository(path):
    setup = nbformat.read(path, as_version=4).cells[1].source
    assert f'REPOSITORY = "{REPOSITORY}"' in setup, f"{path.name}'s setup cell: {FIX}"


def test_every_colab_and_binder_link_points_into_the_repository():
    texts = {"README.md": tool.README.read_text()}
    for path in NOTEBOOKS:
        cells = nbformat.read(path, as_version=4).cells
        texts[path.name] = "\n".join(cell.source for cell in cells if cell.cell_type == "markdown")
    for name, text in texts.items():
        for link in ANY_COLAB_OR_BINDER.findall(text):
            assert tool.relink(link, REPO) == link, f"{name} links to {link}: {FIX}"
            target = re.search(r"notebooks/([^/?#&]+\.ipynb)$", link)
            assert target and (tool.COURSE_ROOT / "notebooks" / target[1]).is_file(), (
                f"{name}: {link} opens a notebook that does not exist"
            )


def test_the_tool_finds_nothing_to_rewrite():
    new_readme, notebooks = tool.differences(REPOSITORY)
    assert new_readme is None and not notebooks, f"out of date: {FIX}"


def test_citation_names_the_repository():
    assert f'repository-code: "{REPOSITORY}"' in tool.CITATION.read_text().splitlines(), (
        f"CITATION.cff's repository-code is not {REPOSITORY}: {FIX}"
    )
    assert tool.citation_difference(REPOSITORY) is None, f"CITATION.cff is out of date: {FIX}"


# The tool itself, on text only (it never rewrites the course's files here).


def test_owner_and_name_accepts_github_urls_only():
    assert tool.owner_and_name("https://github.com/me/my-fork.git") == "me/my-fork"
    assert tool.owner_and_name("https://github.com/me/my-fork/") == "me/my-fork"
    for wrong in ("https://gitlab.com/me/course", "github.com/me/course", "https://github.com/me"):
        with pytest.raises(ValueError, match="GitHub repository URL"):
            tool.owner_and_name(wrong)


def test_relink_moves_colab_and_binder_links_to_a_fork_and_keeps_the_notebook():
    text = (
        f"{tool.colab_badge(REPO, '02_x.ipynb')} and "
        f"[b]({tool.binder_url(REPO, '03_y.ipynb')}) and https://github.com/{REPO}/issues"
    )
    moved = tool.relink(text, "me/fork")
    assert moved == (
        f"{tool.colab_badge('me/fork', '02_x.ipynb')} and "
        f"[b]({tool.binder_url('me/fork', '03_y.ipynb')}) and https://github.com/{REPO}/issues"
    )


def test_setup_line_is_rewritten_and_a_cell_without_it_is_refused():
    source = 'import sys\nREPOSITORY = "https://github.com/a/b"\nprint(REPOSITORY)'
    assert tool.with_setup_repository(source, "https://github.com/me/fork") == (
        'import sys\nREPOSITORY = "https://github.com/me/fork"\nprint(REPOSITORY)'
    )
    with pytest.raises(ValueError, match="REPOSITORY"):
        tool.with_setup_repository("import sys", "https://github.com/me/fork")


def test_the_website_link_moves_to_a_fork_and_a_readme_without_it_is_refused():
    readme = f"Read the {tool.site_link(REPO)} online."
    assert tool.with_site_link(readme, "Me/fork") == (
        "Read the [course website](https://me.github.io/fork/) online."
    )
    with pytest.raises(ValueError, match="course website"):
        tool.with_site_link("no link here", "me/fork")

def test_citation_line_is_rewritten_and_a_file_without_it_is_refused():
    citation = 'title: "x"\nrepository-code: "https://github.com/a/b"\nlicense: CC-BY-4.0\n'
    assert tool.with_citation_repository(citation, "https://github.com/me/fork") == (
        'title: "x"\nrepository-code: "https://github.com/me/fork"\nlicense: CC-BY-4.0\n'
    )
    with pytest.raises(ValueError, match="repository-code"):
        tool.with_citation_repository('title: "x"\n', "https://github.com/me/fork")


def test_table_replaces_only_the_text_between_its_markers():
    readme = f"intro\n{tool.TABLE_START}\nold rows\n{tool.TABLE_END}\noutro\n"
    assert tool.with_table(readme, "NEW") == "intro\nNEW\noutro\n"
    with pytest.raises(ValueError, match="markers"):
        tool.with_table("no markers here", "NEW")
