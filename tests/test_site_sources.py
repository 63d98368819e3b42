"""How `make site` turns the course's files into the website's sources (tools/build_site.py and
its helpers), tested without the site's environment: links, folded cells and their labels, the
README's parts, the references page, the instructor notes, glossary links and index entries,
and the help under the exercises and the quiz (from the course's Python)."""

import doctest
import re
import shutil

import nbformat
import pytest

from tools import build_site, set_repository, site_exercises, site_markdown, site_references
from tools.build_site import SiteError, hide_hidden_input, site_notebook, site_target
from tools.site_markdown import notebook_sections, rewrite_links
from tools.site_references import CitationError, cited_works, references_page

REPOSITORY = "https://github.com/o/n"
PAGES = {"README.md": "index.md", "INSTRUCTORS.md": "instructors.md",
         "notebooks/01_a.ipynb": "notebooks/01_a.ipynb",
         "notebooks/02_b.ipynb": "notebooks/02_b.ipynb"}


def target(link: str, page: str = "notebooks/01_a.ipynb") -> str:
    return site_target(link, page, PAGES, {"syllabus"}, REPOSITORY)


@pytest.mark.parametrize("module", [build_site, site_exercises, site_markdown, site_references,
                                    set_repository])
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


# Folds labelled by their titles, printed tables kept in columns.

@pytest.mark.parametrize(("source", "tags", "label"), [
    ("# @title Check: recall up\nassert True", ["hide-input"], "Check: recall up"),
    ('# @title Reading the figure { display-mode: "form" }\nx', ["hide-input"],
     "Reading the figure"),
    ("assert True", ["hide-input"], build_site.UNTITLED_FOLD),
    ("# @title Shown\nx = 1", [], None),
])
def test_a_fold_is_labelled_by_its_cell_title(source, tags, label):
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": tags})
    build_site.label_fold(cell)
    prompts = cell.metadata.get("mystnb", {})
    assert prompts.get("code_prompt_show") == label and prompts.get("code_prompt_hide") == label


def test_only_printed_lines_in_columns_keep_their_lines():
    def printing(text: str) -> nbformat.NotebookNode:
        output = nbformat.v4.new_output("stream", name="stdout", text=text)
        return nbformat.v4.new_code_cell("print(...)", outputs=[output])

    table = printing("              pre       rec\n  0       0.97      0.99\n")
    message = printing("✏️ Not answered yet. Replace None in added with your answer.\n")
    for cell in (table, message):
        build_site.tag_aligned_output(cell)
    assert table.metadata.tags == [build_site.ALIGNED_TAG]
    assert "tags" not in message.metadata


# The glossary: linked from each page's first use of a term, indexed where it is taught.

GLOSSARY = site_markdown.glossary_entries((build_site.WEBSITE / "glossary.md").read_text())


def test_the_glossary_entries_are_read_with_their_other_names_and_sections():
    by_term = {term: entry for entry in GLOSSARY for term in entry.terms}
    assert by_term["AP"] is by_term["average precision"]
    assert by_term["calibration"].terms == ("calibration", "calibrated")
    assert len(GLOSSARY) > 30 and all(entry.sections for entry in GLOSSARY[:5])
    assert ("05_metrics_and_curves.ipynb", "3-roc-and-precision-recall-curves") in (
        by_term["chance level"].sections)


def linked(markdown: str, already: set | None = None) -> str:
    return site_markdown.link_first_uses(markdown, GLOSSARY, set() if already is None else already)


def test_the_first_use_of_a_term_links_to_the_glossary_and_later_ones_do_not():
    assert linked("Recall rises. Recall falls.") == (
        "{term}`Recall <recall>` rises. Recall falls.")
    assert linked("the operating points move") == (
        "the {term}`operating points <operating point>` move")
    assert linked("Calibrated, then calibration.") == (
        "{term}`Calibrated <calibrated>`, then calibration.")
    assert linked("average\nprecision") == "{term}`average precision <average precision>`"
    seen: set[int] = set()
    linked("F1 here", seen)
    assert linked("F1 again", seen) == "F1 again"  # once per page, across cells


def test_headings_code_links_and_other_words_stay_as_they_are():
    for text in ["## 3. Recall and precision\n", "`recall_score` and\n```\nrecall\n```\n",
                 "[recall](https://example.org/recall)", "recalled, ap, F1-tuned, Recalls-x",
                 "$recall$ <span title='recall'>x</span>"]:
        assert "{term}" not in linked(text), text
    assert linked("apply the AP") == "apply the {term}`AP <AP>`"  # capitals: only as written


def test_a_term_is_indexed_after_the_heading_of_each_section_that_teaches_it():
    taken: set[str] = set()
    first = site_markdown.with_index_entries("## Try it\nA.", {"try-it-1": ["SMOTE"]}, taken)
    second = site_markdown.with_index_entries("## Try it\nB.", {"try-it-1": ["SMOTE"]}, taken)
    assert first == "## Try it\nA."  # the first "Try it" is #try-it, the second #try-it-1
    assert second == "## Try it\n```{index} !single: SMOTE\n```\nB."


@pytest.fixture(scope="module")
def site_source(tmp_path_factory):
    """The site's sources, as `make site` assembles them from this course."""
    source = tmp_path_factory.mktemp("site") / "src"
    build_site.assemble(source)
    return source


def test_every_glossary_term_taught_in_a_notebook_is_indexed_in_its_site_copy(site_source):
    for path in build_site.course_notebooks():
        copy = nbformat.read(site_source / "notebooks" / path.name, as_version=4)
        text = "\n".join(cell.source for cell in copy.cells if cell.cell_type == "markdown")
        for entry in GLOSSARY:
            if any(notebook == path.name for notebook, _anchor in entry.sections):
                assert f"```{{index}} !single: {entry.terms[0]}\n" in text, (
                    path.name, entry.terms[0])
        assert text.count("{term}`") >= 5, f"{path.name}: few glossary links"


# The exercises and the quiz on the site: how to answer, the hint, the solution, the answer.

def test_every_exercise_of_the_helpers_is_checked_in_a_notebook_and_so_helped_on_the_site():
    import helpers.exercises

    defined = {f"{module}.{name}" for module in helpers.exercises.__all__
               for name in vars(getattr(helpers.exercises, module)) if re.fullmatch(r"q\d+", name)}
    checked = {name for path in build_site.course_notebooks()
               for _index, name in site_exercises.exercise_checks(
                   nbformat.read(path, as_version=4).cells)}
    assert defined and checked == defined


def test_the_quiz_cells_are_found_once_each_despite_their_example_comment():
    from helpers import quiz

    cells = [nbformat.v4.new_code_cell(f'quiz.check({n}, None)  # e.g. quiz.check({n}, "a")')
             for n in quiz.QUESTIONS]
    assert site_exercises.quiz_checks(cells) == list(enumerate(quiz.QUESTIONS))


def test_the_helper_texts_come_from_the_course_python_as_the_helpers_print_them(capsys):
    from helpers import quiz
    from helpers.exercises import notebook_01

    texts = site_exercises.fetch_helper_texts(build_site.COURSE_PYTHON, ["notebook_01.q1"], [3])
    notebook_01.q1.hint()
    notebook_01.q1.solution()
    printed = capsys.readouterr().out
    exercise = texts["exercises"]["notebook_01.q1"]
    assert printed == exercise["hint"] + "\n" + exercise["solution"] + "\n\n"
    assert texts["quiz"]["3"]["answer"] == quiz.QUESTIONS[3].answer
    assert texts["quiz"]["3"]["feedback"]["a"] == quiz.answer_feedback(3, "a")


def test_without_the_course_python_the_build_says_what_to_do(tmp_path):
    with pytest.raises(site_exercises.HelperTextError, match="make .venv/.installed"):
        site_exercises.fetch_helper_texts(tmp_path / "python", ["notebook_01.q1"], [])


def section_link(title: str, section: str) -> str | None:
    return "01_a.ipynb#3-reading" if section == "3. Reading" else None


def test_the_help_under_an_exercise_says_how_to_answer_and_folds_hint_and_solution():
    texts = {"hint": "💡 Hint: Count the\nrows.\nWhere to look: 01 · A → 3. Reading",
             "solution": "Reference solution:\n\ndef f(y):\n    return len(y)\n"}
    markdown = site_exercises.exercise_help(texts, "✏️ Answer in the notebook.", section_link)
    assert markdown == (
        "✏️ Answer in the notebook.\n\n"
        "```{details} Hint\n💡 Hint: Count the rows.\n\n"
        "Where to look: [01 · A → 3. Reading](01_a.ipynb#3-reading)\n```\n\n"
        "````{details} Solution\nReference solution:\n\n"  # a longer fence round the code's
        "```python\ndef f(y):\n    return len(y)\n```\n````\n"
    )


def test_the_help_under_a_quiz_question_gives_the_answer_why_and_why_not_the_others():
    texts = {"answer": "b", "feedback": {
        "a": "❌ Not quite. Too high.\nWhere to look: 01 · A → 3. Reading",
        "b": "✅ Right. Just so.\nWhere to look: 01 · A → 3. Reading"}}
    markdown = site_exercises.quiz_help(2, texts, "✏️ Answer in the notebook.", section_link)
    assert markdown.startswith("✏️ Answer in the notebook.\n\n```{details} Answer to question 2")
    assert "**b)** ✅ Right. Just so.\n\nWhere to look: [01 · A → 3. Reading](01_a" in markdown
    assert "- **a)** ❌ Not quite. Too high.\n" in markdown


def test_each_check_cell_of_the_site_copy_is_followed_by_its_help(site_source):
    for path in build_site.course_notebooks():
        cells = nbformat.read(site_source / "notebooks" / path.name, as_version=4).cells
        checks = site_exercises.exercise_checks(cells) + site_exercises.quiz_checks(cells)
        assert checks, f"{path.name} checks no answer"
        for index, _name in checks:
            help_cell = cells[index + 1]
            assert help_cell.cell_type == "markdown" and "Your turn, in the notebook." in (
                help_cell.source), f"{path.name}, cell {index}"
            assert "open the notebook in [JupyterLab](../index.md#" in help_cell.source
