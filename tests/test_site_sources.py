"""How `make site` turns the course's files into the website's sources (tools/build_site.py and
its helpers), tested without the site's environment: links, folded cells, the README's parts,
the references page, the instructor notes."""

import doctest
import re
import shutil

import nbformat
import pytest

from tools import build_site, set_repository, site_markdown, site_references
from tools.build_site import SiteError, hide_hidden_input, site_notebook, site_target
from tools.site_markdown import notebook_sections, rewrite_links
from tools.site_references import CitationError, cited_works, references_page

REPOSITORY = "https://github.com/o/n"
PAGES = {"README.md": "index.md", "INSTRUCTORS.md": "instructors.md",
         "notebooks/01_a.ipynb": "notebooks/01_a.ipynb",
         "notebooks/02_b.ipynb": "notebooks/02_b.ipynb"}


def target(link: str, page: str = "notebooks/01_a.ipynb") -> str:
    return site_target(link, page, PAGES, {"syllabus"}, REPOSITORY)


@pytest.mark.parametrize("module", [build_site, site_markdown, site_references, set_repository])
def test_the_examples_in_the_docstrings_hold(module):
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0


def test_links_lead_to_the_page_that_shows_the_file_or_to_github():
    assert target("../README.md#syllabus") == "../index.md#syllabus"
    assert target("../README.md#tests") == f"{REPOSITORY}#tests"  # not on the home page
    assert target("../README.md") == "../index.md"
    assert target("02_b.ipynb") == "02_b.ipynb"
    assert target("02_b.ipynb#key-takeaways") == "02_b.ipynb#key-takeaways"
    assert target("../INSTRUCTORS.md#schedule") == "../instructors.md#schedule"
    assert target("../data/README.md") == f"{REPOSITORY}/blob/main/data/README.md"
    assert target("#3-reading-the-confusion-matrix") == "#3-reading-the-confusion-matrix"
    assert target("https://doi.org/10.1093/jamia/ocac093") == "https://doi.org/10.1093/jamia/ocac093"
    assert target("notebooks/01_a.ipynb", page="README.md") == "notebooks/01_a.ipynb"
    assert target("#tests", page="README.md") == f"{REPOSITORY}#tests"
    assert target("#syllabus", page="README.md") == "index.md#syllabus"
    assert target("README.md#syllabus", page="INSTRUCTORS.md") == "index.md#syllabus"
    with pytest.raises(SiteError, match="outside the repository"):
        target("../../elsewhere.md")


def test_rewrite_links_changes_link_targets_only():
    text = "[a](../README.md#syllabus), ![figure](x.png) and `[not](code)` [b](02_b.ipynb)"
    assert rewrite_links(text, target) == (
        "[a](../index.md#syllabus), ![figure](x.png) and `[not](code)` [b](02_b.ipynb)"
    )


@pytest.mark.parametrize(("metadata", "tags"), [
    ({"jupyter": {"source_hidden": True}}, ["hide-input"]),
    ({"jupyter": {"source_hidden": True}, "tags": ["hide-input"]}, ["hide-input"]),
    ({"jupyter": {"source_hidden": True}, "tags": ["remove-input"]}, ["remove-input"]),
    ({"jupyter": {"source_hidden": True}, "tags": ["exercise"]}, ["exercise", "hide-input"]),
    ({"tags": ["exercise"]}, ["exercise"]),
    ({}, None),
])
def test_a_cell_hidden_in_jupyterlab_gets_the_hide_input_tag(metadata, tags):
    cell = nbformat.v4.new_code_cell("assert True", metadata=metadata)
    hide_hidden_input(cell)
    assert cell.metadata.get("tags") == tags


def test_the_site_copy_of_a_notebook_relinks_cells_and_printed_markdown_and_folds():
    shown = nbformat.v4.new_output("display_data", data={"text/markdown": "See [02](02_b.ipynb)."})
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("[Course contents](../README.md#syllabus)"),
        nbformat.v4.new_code_cell("Markdown(...)", outputs=[shown],
                                  metadata={"jupyter": {"source_hidden": True}}),
    ])
    site_notebook(notebook, lambda link: target(link).replace("02_b", "02_B"))
    assert notebook.cells[0].source == "[Course contents](../index.md#syllabus)"
    assert notebook.cells[1].outputs[0].data["text/markdown"] == "See [02](02_B.ipynb)."
    assert notebook.cells[1].metadata.tags == ["hide-input"]


def test_the_home_page_gets_the_readme_parts_between_markers_or_a_clear_error():
    index = "# Home\n\n```{include} _readme/intro.md\n```\n\n```{include} _readme/run.md\n```\n"
    readme = "# T\n<!-- site:start intro -->\nHello.\n<!-- site:end intro -->\nRest.\n"
    with pytest.raises(SiteError, match="<!-- site:start run -->"):
        build_site.home_readme_sections(index, readme)
    readme += "<!-- site:start run -->\n## Run\nmake lab\n<!-- site:end run -->\n"
    assert build_site.home_readme_sections(index, readme) == {
        "intro": "Hello.\n", "run": "## Run\nmake lab\n"}


def test_the_readme_has_every_part_the_home_page_shows():
    index = (build_site.WEBSITE / "index.md").read_text()
    shown = build_site.home_readme_sections(index, set_repository.README.read_text())
    assert {"intro", "syllabus", "run"} <= shown.keys()
    assert "## Syllabus" in shown["syllabus"]


def test_sections_start_at_headings_but_not_at_comments_in_code_blocks():
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# 01 · Title\nIntro.\n## 1. First\nText (Chawla 2002)"),
        nbformat.v4.new_markdown_cell("```python\n# not a heading\n```\n### Try it\nMore."),
        nbformat.v4.new_markdown_cell("### Try it\nAgain."),
    ])
    sections = [(s.title, s.anchor) for s in notebook_sections(notebook)]
    assert sections == [("01 · Title", "01--title"), ("1. First", "1-first"),
                        ("1. First", "1-first"), ("Try it", "try-it"), ("Try it", "try-it-1")]


@pytest.mark.parametrize(("text", "expected"), [
    ("(NIDDK, Smith et al. 1988; see", [("smith-1988", "Smith et al. 1988")]),
    ("(Synthetic Minority Over-sampling TEchnique, Chawla et al. 2002)",
     [("chawla-2002", "Chawla et al. 2002")]),
    ("(van den Goorbergh et al., JAMIA 2022,", [("van-den-goorbergh-2022",
                                               "van den Goorbergh et al., JAMIA 2022")]),
    ("(random under-sampling, Chen, Liaw & Breiman 2004).",
     [("chen-2004", "Chen, Liaw & Breiman 2004")]),
    ("(Carriero et al., Statistics in Medicine 2025,",
     [("carriero-2025", "Carriero et al., Statistics in Medicine 2025")]),
    ("(Saito & Rehmsmeier, PLoS ONE 2015)", [("saito-2015", "Saito & Rehmsmeier, PLoS ONE 2015")]),
    ("the rule (Elkan, IJCAI 2001) says", [("elkan-2001", "Elkan, IJCAI 2001")]),
    ("scikit-learn pull request 31529", [("scikit-learn-pr-31529",
                                          "scikit-learn pull request 31529")]),
    ("[doi:10.1093/jamia/ocac093](https://doi.org/10.1093/jamia/ocac093)",
     [("doi:10.1093/jamia/ocac093", "10.1093/jamia/ocac093")] * 2),
    ("[arXiv:2404.19494](https://arxiv.org/abs/2404.19494)",
     [("arxiv:2404.19494", "arXiv:2404.19494"), ("arxiv:2404.19494", "arxiv.org/abs/2404.19494")]),
    ("measured in (January 2026) on 2 cores & 3 threads", []),
])
def test_citations_are_found_in_the_ways_the_notebooks_write_them(text, expected):
    assert cited_works(text) == expected


def test_every_author_year_citation_in_the_notebooks_is_found():
    """Independent of the finder's patterns: any "et al." or "&" followed by a year."""
    for path in build_site.course_notebooks():
        notebook = nbformat.read(path, as_version=4)
        for section in notebook_sections(notebook):
            text = " ".join(section.text.split())
            for match in re.finditer(r"(?:et al\.|&)[^()]{0,40}?\b((?:19|20)\d\d)\b", text):
                found = [key for key, _ in cited_works(text) if key.endswith(match[1])]
                assert found, f"{path.name}: {text[max(match.start() - 60, 0):match.end()]!r}"


def references(works: str, cells: list[str], tmp_path):
    (tmp_path / "references.toml").write_text(works)
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(c) for c in cells])
    pages = {"notebooks/01_a.ipynb": list(notebook_sections(notebook))}
    return references_page("# References", pages, {"notebooks/01_a.ipynb": "01 · A"},
                           tmp_path / "references.toml")


CHAWLA = """[[work]]
key = "chawla-2002"
cited_as = "Chawla et al. 2002"
reference = "SMOTE."
link = "https://doi.org/10.1613/jair.953"
"""


def test_the_references_page_lists_each_work_with_the_sections_citing_it(tmp_path):
    page = references(CHAWLA, ["# 01 · A\n## 1. SMOTE\nSMOTE (Chawla et al. 2002).",
                               "## 2. Again\n[the paper](https://doi.org/10.1613/jair.953), "
                               "[docs](https://imbalanced-learn.org/stable/)"], tmp_path)
    assert "(ref-chawla-2002)=\n**Chawla et al. 2002.** SMOTE." in page
    assert ("Cited in [01 · A › 1. SMOTE](notebooks/01_a.ipynb#1-smote); "
            "[01 · A › 2. Again](notebooks/01_a.ipynb#2-again).") in page
    assert "- <https://imbalanced-learn.org/stable/>: [01 · A › 2. Again]" in page


def test_a_citation_without_its_work_or_a_work_no_one_cites_stops_the_build(tmp_path):
    with pytest.raises(CitationError, match='cites \'Elkan, IJCAI 2001\'.*key = "elkan-2001"'):
        references(CHAWLA, ["## 1. X\nSee (Chawla et al. 2002) and (Elkan, IJCAI 2001)."],
                   tmp_path)
    with pytest.raises(CitationError, match="a link that contains '10.1234/x'"):
        references(CHAWLA, ["## 1. X\n(Chawla et al. 2002), doi:10.1234/x"], tmp_path)
    with pytest.raises(CitationError, match='key = "chawla-2002" any more: remove it'):
        references(CHAWLA, ["## 1. X\nNothing cited."], tmp_path)


@pytest.fixture
def course_copy(tmp_path):
    """The files `make site` reads, copied, so a test can add INSTRUCTORS.md."""
    root = tmp_path / "course"
    shutil.copytree(build_site.COURSE_ROOT / "notebooks", root / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    for name in ("README.md", "pyproject.toml"):
        shutil.copy(build_site.COURSE_ROOT / name, root / name)
    return root


def test_the_instructor_notes_become_a_page_only_when_instructors_md_exists(course_copy):
    build_site.assemble(course_copy / "src", course_copy)
    assert not (course_copy / "src" / "instructors.md").exists()
    assert "instructors" not in (course_copy / "src" / "index.md").read_text()

    (course_copy / "INSTRUCTORS.md").write_text(
        "# Instructor notes\n\nSee the [syllabus](README.md#syllabus), "
        "[notebook 01](notebooks/01_accuracy_trap.ipynb) and "
        "[the tool](tools/learner_copies.py).\n")
    build_site.assemble(course_copy / "src", course_copy)
    repository = set_repository.configured_repository()
    assert (course_copy / "src" / "instructors.md").read_text() == (
        "# Instructor notes\n\nSee the [syllabus](index.md#syllabus), "
        f"[notebook 01](notebooks/01_accuracy_trap.ipynb) and "
        f"[the tool]({repository}/blob/main/tools/learner_copies.py).\n")
    index = (course_copy / "src" / "index.md").read_text()
    assert index.endswith("glossary\nreferences\ninstructors\n```\n")


def test_the_site_sources_leave_the_committed_notebooks_as_they_are(course_copy):
    before = {path.name: path.read_bytes() for path in (course_copy / "notebooks").iterdir()}
    build_site.assemble(course_copy / "src", course_copy)
    after = {path.name: path.read_bytes() for path in (course_copy / "notebooks").iterdir()}
    assert after == before
    copies = sorted(path.name for path in (course_copy / "src" / "notebooks").iterdir())
    assert copies == sorted(before)


def test_the_pages_workflow_builds_with_make_site_and_publishes_its_folder():
    workflow = (build_site.COURSE_ROOT / ".github" / "workflows" / "site.yml").read_text()
    folder = build_site.OUT.relative_to(build_site.COURSE_ROOT).as_posix()
    assert "run: make site" in workflow
    assert f"path: {folder}\n" in workflow
    assert re.search(r"branches: \[main\]", workflow) and set_repository.BRANCH == "main"
    for permission in ("pages: write", "id-token: write", "uses: actions/deploy-pages@"):
        assert permission in workflow


@pytest.mark.parametrize("page", sorted((build_site.COURSE_ROOT / "website").glob("*.md")),
                         ids=lambda page: page.name)
def test_the_website_pages_link_to_sections_the_notebooks_have(page):
    """A renamed notebook section breaks `make site`; this finds it in `make test` already."""
    anchors = {}
    for path in build_site.course_notebooks():
        cells = nbformat.read(path, as_version=4).cells
        markdown = [cell.source for cell in cells if cell.cell_type == "markdown"]
        anchors[path.name] = {anchor for _title, anchor in site_markdown.heading_anchors(markdown)}
    links = re.findall(r"\]\(notebooks/([^)#]+\.ipynb)#([^)\s]+)\)", page.read_text())
    broken = [f"{name}#{anchor}" for name, anchor in links if anchor not in anchors.get(name, ())]
    assert not broken, f"website/{page.name} links to sections no notebook has: {broken}"
