"""The built course website (`make test-site`): every notebook with its figures and numbers,
folded check cells labelled by their titles, alt text, links and anchors that resolve, nothing
loaded from other sites, launch buttons, the exercises' and the quiz's help, glossary links from
the notebooks, the glossary and the references."""

import importlib
import inspect
import json
import re
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest

from tests.website.html_page import Page, parse, read_page
from tools import set_repository
from tools.build_site import CELL_TITLE, COURSE_ROOT, course_notebooks, readme_sections
from tools.site_exercises import exercise_checks, printed, quiz_checks, unwrapped
from tools.site_markdown import glossary_entries
from tools.site_references import cited_works

NOTEBOOKS = course_notebooks()
REPO = set_repository.owner_and_name(set_repository.configured_repository())
IMAGE_TYPES = ("image/png", "image/jpeg", "image/svg+xml")
NUMBER = re.compile(r"\d+(?:\.\d+)?")
ASSERT_STATEMENT = re.compile(r"^\s*(assert\b|helpers\.claim\()", re.MULTILINE)
PROSE_FROM_THE_RUN = re.compile(r"\bMarkdown\(\s*f[\"']")
# <link rel="..."> that make the browser load something (canonical, for one, does not).
LOADING_RELS = {"stylesheet", "preload", "modulepreload", "icon", "manifest", "prefetch"}
IMAGE_FILE = re.compile(r"\.(?:png|jpe?g|svg|gif)$", re.IGNORECASE)
# The terms the glossary must define (the notebooks teach them).
GLOSSARY_TERMS = [
    "recall", "precision", "specificity", "F1", "prevalence", "operating point", "ROC-AUC",
    "average precision", "calibration", "Brier score", "log loss", "proper scoring rule", "SMOTE",
    "class weights", "decision threshold", "data leakage", "cross-validation",
    "nested cross-validation", "confusion matrix", "accuracy", "G-mean", "balanced accuracy",
    "macro average", "chance level", "reliability curve", "scale_pos_weight", "k_neighbors",
    "sampling_strategy", "balanced random forest", "stratified split",
]


def page_of(path: Path) -> str:
    return f"notebooks/{path.stem}.html"


def read_notebook(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def shown_code_cells(notebook: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    """The code cells myst-nb renders (a `remove-cell` tag leaves one out)."""
    return [cell for cell in notebook.cells if cell.cell_type == "code"
            and "remove-cell" not in cell.metadata.get("tags", [])]


def numbers_in_outputs(notebook: nbformat.NotebookNode, path: Path) -> Counter:
    """The numbers the notebook prints: streams, Markdown and HTML (tables) it shows."""
    found: Counter = Counter()
    for cell in shown_code_cells(notebook):
        for output in cell.outputs:
            if output.output_type == "stream":
                found.update(NUMBER.findall(output.text))
            data = output.get("data", {})
            if "text/markdown" in data:
                shown = re.sub(r"\]\([^)]*\)", "]", data["text/markdown"])  # not link targets
                found.update(NUMBER.findall(shown))
            elif "text/html" in data:
                found.update(NUMBER.findall(parse(data["text/html"], path).text))
    return found


def notebook_markdown(notebook: nbformat.NotebookNode) -> str:
    """The notebook's Markdown cells and the Markdown its cells print."""
    texts = [cell.source for cell in notebook.cells if cell.cell_type == "markdown"]
    texts += [output.data["text/markdown"] for cell in shown_code_cells(notebook)
              for output in cell.outputs if "text/markdown" in output.get("data", {})]
    return "\n".join(texts)


def resolve(page: Path, url: str, site: Path) -> tuple[Path, str] | None:
    """The file and fragment a link of ``page`` leads to inside ``site``; None if external."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
    if target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_each_notebook_page_holds_its_figures(path, pages):
    page = pages[page_of(path)]
    figures = [image for image in page.images if image.in_output]
    expected = sum(any(kind in output.get("data", {}) for kind in IMAGE_TYPES)
                   for cell in shown_code_cells(read_notebook(path)) for output in cell.outputs)
    assert expected > 0, f"{path.name} has no figure: is it the right notebook?"
    assert len(figures) == expected, f"{page_of(path)}: {len(figures)} figures, {expected} in it"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_each_notebook_page_shows_every_number_the_notebook_printed(path, pages):
    printed = numbers_in_outputs(read_notebook(path), path)
    outputs = "".join(cell.output_text for cell in pages[page_of(path)].cells)
    shown = Counter(NUMBER.findall(outputs))
    missing = printed - shown
    assert sum(printed.values()) > 20, f"{path.name}: too few printed numbers to be the course's"
    assert not missing, f"{page_of(path)} lacks printed numbers: {dict(missing)}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_cells_folded_in_jupyterlab_are_folded_on_the_site(path, pages):
    cells = shown_code_cells(read_notebook(path))
    shown = [cell for cell in pages[page_of(path)].cells if cell.has_code]
    assert len(shown) == len(cells), f"{page_of(path)}: {len(shown)} code cells, {len(cells)} in it"
    for number, (cell, html) in enumerate(zip(cells, shown, strict=True), start=1):
        hidden = cell.metadata.get("jupyter", {}).get("source_hidden", False)
        hidden = hidden or "hide-input" in cell.metadata.get("tags", [])
        assert html.code_folded == hidden, (
            f"{page_of(path)}, code cell {number}: code {'shown' if hidden else 'folded'}, "
            f"but it is {'folded' if hidden else 'shown'} in the notebook"
        )


# Needs the collapsed-cell metadata in the notebooks: {"jupyter": {"source_hidden": true}}.
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_check_cells_and_prose_from_the_run_show_output_but_not_code(path, pages):
    shown = [cell for cell in pages[page_of(path)].cells if cell.has_code]
    visible = [
        f"cell {number}: {cell.code.strip().splitlines()[0][:70]}"
        for number, cell in enumerate(shown, start=1)
        if not cell.code_folded
        and (ASSERT_STATEMENT.search(cell.code) or PROSE_FROM_THE_RUN.search(cell.code))
    ]
    assert not visible, (
        f"{page_of(path)} shows the code of cells that only check a claim or write prose (give "
        'them {"jupyter": {"source_hidden": true}} or the hide-input tag):\n' + "\n".join(visible)
    )


# Needs the collapsed-cell metadata in the notebooks: {"jupyter": {"source_hidden": true}}.
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_the_setup_cell_is_folded(path, pages):
    setup = [cell for cell in pages[page_of(path)].cells if 'REPOSITORY = "' in cell.code]
    assert len(setup) == 1, f"{page_of(path)}: {len(setup)} setup cells"
    assert setup[0].code_folded, f"{page_of(path)} shows the setup cell's code: fold it"


# Needs alt text in each figure cell's metadata: {"mystnb": {"image": {"alt": "..."}}}.
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_every_figure_has_a_text_alternative(path, pages):
    figures = [image for image in pages[page_of(path)].images if image.in_output]
    lacking = [image.src for image in figures
               if not (image.alt or "").strip() or IMAGE_FILE.search(image.alt.strip())
               or Path(image.alt.strip()).name == Path(image.src).name]
    assert not lacking, (
        f"{page_of(path)}: {len(lacking)} of {len(figures)} figures have no text alternative "
        '(give the figure\'s cell the metadata {"mystnb": {"image": {"alt": "..."}}})'
    )


def test_every_internal_link_and_anchor_resolves(site, pages):
    broken = []
    for name, page in pages.items():
        for link in page.links:
            target = resolve(page.path, link.url, site)
            if target is None or link.url.startswith(("mailto:", "javascript:")):
                continue
            file, fragment = target
            if site.resolve() not in (file, *file.parents):
                broken.append(f"{name}: {link.url} leaves the site")
            elif not file.is_file():
                broken.append(f"{name}: {link.url} (no file {file.relative_to(site.resolve())})")
            elif fragment and file.suffix == ".html" and fragment not in target_ids(file, pages,
                                                                                     site):
                broken.append(f"{name}: {link.url} (no id {fragment!r} in {file.name})")
    checked = sum(len(page.links) for page in pages.values())
    assert checked > 500, f"only {checked} links in the site: is it the course's?"
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken[:40])


def target_ids(file: Path, pages: dict[str, Page], site: Path) -> set[str]:
    relative = file.relative_to(site.resolve()).as_posix()
    return (pages[relative] if relative in pages else read_page(file)).ids


def test_the_pages_need_nothing_from_other_sites(site, pages):
    """Scripts, style sheets and fonts come with the site; only images (badges) may be remote."""
    remote = [f"{name}: <{tag} {rel}> {url}"
              for name, page in pages.items() for tag, rel, url in page.resources
              if urlsplit(url).netloc and tag != "img"
              and (tag != "link" or LOADING_RELS & set(rel.lower().split()))]
    for sheet in site.rglob("*.css"):
        remote += [f"{sheet.relative_to(site)}: {url}" for url in
                   re.findall(r"(?:url\(|@import\s+)[\"']?((?:https?:)?//[^\"')\s]+)",
                              sheet.read_text(encoding="utf-8", errors="replace"))]
    assert not remote, "loaded from other sites:\n" + "\n".join(remote)


def test_the_sidebar_lists_the_notebooks_in_order_then_glossary_and_references(pages):
    sidebar = [link.url for link in pages["index.html"].links if link.in_sidebar]
    expected = [page_of(path) for path in NOTEBOOKS] + ["glossary.html", "references.html"]
    if (COURSE_ROOT / "INSTRUCTORS.md").is_file():
        expected.append("instructors.html")
    assert [url for url in sidebar if url in expected] == expected, sidebar


@pytest.mark.parametrize("index", range(len(NOTEBOOKS)), ids=lambda i: NOTEBOOKS[i].name)
def test_each_notebook_page_links_to_the_previous_and_next_page(index, pages):
    page = pages[page_of(NOTEBOOKS[index])]
    previous = [link.url for link in page.links if "left-prev" in link.classes]
    following = [link.url for link in page.links if "right-next" in link.classes]
    before = f"{NOTEBOOKS[index - 1].stem}.html" if index else "../index.html"
    after = (f"{NOTEBOOKS[index + 1].stem}.html" if index + 1 < len(NOTEBOOKS)
             else "../glossary.html")
    assert previous == [before] and following == [after], (previous, following)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_launch_buttons_open_the_notebook_on_colab_and_binder(path, pages):
    urls = {link.url for link in pages[page_of(path)].links}
    assert set_repository.colab_url(REPO, path.name) in urls
    assert set_repository.binder_url(REPO, path.name) in urls


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_links_to_the_readme_syllabus_lead_to_the_home_page_syllabus(path, pages):
    sources = "\n".join(cell.source for cell in read_notebook(path).cells)
    expected = sources.count("../README.md#syllabus")
    found = [link.url for link in pages[page_of(path)].links
             if link.url == "../index.html#syllabus"]
    assert expected > 0 and len(found) == expected, f"{page_of(path)}: {found}"
    assert "syllabus" in pages["index.html"].ids


def test_the_home_page_shows_the_readme_syllabus_with_its_times(pages):
    syllabus = readme_sections((COURSE_ROOT / "README.md").read_text())["syllabus"]
    times = re.findall(r"\|\s*(\d+ min)\s*\|", syllabus)
    home = pages["index.html"]
    assert len(times) == len(NOTEBOOKS)
    assert all(time in home.text for time in times)
    linked = {link.url for link in home.links if not link.in_sidebar}
    assert {page_of(path) for path in NOTEBOOKS} <= linked


def test_the_glossary_defines_the_course_terms_and_links_each_to_a_notebook_section(pages):
    glossary = pages["glossary.html"]
    anchors = {term: f"term-{term}" for term in GLOSSARY_TERMS}
    missing = [term for term, anchor in anchors.items()
               if anchor not in glossary.ids and anchor.replace(" ", "-") not in glossary.ids]
    assert not missing, f"glossary.html defines no {missing}"
    into_sections = [link.url for link in glossary.links
                     if link.url.startswith("notebooks/") and "#" in link.url]
    assert len(into_sections) >= len(GLOSSARY_TERMS), into_sections


def test_the_references_page_lists_every_work_and_page_the_notebooks_cite(pages):
    references = pages["references.html"]
    hrefs = {link.url for link in references.links}
    for path in NOTEBOOKS:
        markdown = notebook_markdown(read_notebook(path))
        for url in re.findall(r"\]\((https?://[^)\s]+)\)", markdown):
            if not re.match(r"https://(colab\.research\.google\.com|mybinder\.org)/", url):
                assert url in hrefs, f"references.html does not link to {url}, cited in {path.name}"
        for key, written in cited_works(markdown):
            if ":" not in key:
                assert f"ref-{key}" in references.ids, f"{written!r} ({path.name}) is not listed"


def test_the_instructor_notes_are_a_page_exactly_when_instructors_md_exists(site, pages):
    if (COURSE_ROOT / "INSTRUCTORS.md").is_file():
        assert "instructors.html" in pages
    else:
        assert not (site / "instructors.html").exists()


def test_the_search_index_covers_every_notebook(site):
    index = (site / "searchindex.js").read_text()
    for path in NOTEBOOKS:
        assert f'"notebooks/{path.stem}"' in index, f"{path.name} is not in the search index"


def titles_of_folded_cells(notebook: nbformat.NotebookNode) -> list[str]:
    """The `# @title` of each code cell folded in JupyterLab, in order."""
    return [CELL_TITLE.match(cell.source.splitlines()[0])["title"]
            for cell in shown_code_cells(notebook)
            if cell.metadata.get("jupyter", {}).get("source_hidden")]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_each_fold_is_labelled_by_its_cell_title_never_show_code_cell_source(path, pages):
    page = pages[page_of(path)]
    labels = [cell.fold_label for cell in page.cells if cell.code_folded]
    assert labels == titles_of_folded_cells(read_notebook(path)), page_of(path)
    assert "Show code cell" not in page.text, f"{page_of(path)} shows myst-nb's generic label"


def plain(text: str) -> str:
    """``text`` with its spaces collapsed and the quotes Sphinx curls made straight again."""
    return " ".join(text.split()).translate(str.maketrans("‘’“”", "''\"\""))


def exercises_checked(path: Path) -> list[str]:
    return [name for _index, name in exercise_checks(read_notebook(path).cells)]


def course_details(page: Page) -> list[str]:
    """The summaries of the site's folded blocks (hints, solutions, quiz answers)."""
    return [fold.summary.strip() for fold in page.folds if "course-details" in fold.classes]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_each_exercise_says_how_to_answer_and_folds_its_hint_and_solution(path, pages):
    page = pages[page_of(path)]
    exercises = exercises_checked(path)
    questions = [number for _index, number in quiz_checks(read_notebook(path).cells)]
    assert exercises, f"{path.name} checks no exercise: is it the course's notebook?"
    assert page.text.count("Your turn, in the notebook.") == len(exercises) + len(questions)
    expected = ["Hint", "Solution"] * len(exercises) + [
        f"Answer to question {number}, and why" for number in questions]
    assert sorted(course_details(page)) == sorted(expected), page_of(path)
    for name in exercises:
        module, question = name.split(".")
        exercise = getattr(importlib.import_module(f"helpers.exercises.{module}"), question)
        hint = plain(" ".join(unwrapped(printed(exercise.hint))))
        assert hint in plain(page.text), f"{page_of(path)} lacks the hint of {name}"
        assert inspect.getsource(exercise.reference).splitlines()[0] in page.text


def test_the_quiz_answers_name_the_right_option_and_why(pages):
    from helpers import quiz

    with_quiz = [path for path in NOTEBOOKS if quiz_checks(read_notebook(path).cells)]
    assert len(with_quiz) == 1
    text = plain(pages[page_of(with_quiz[0])].text)
    for number, question in quiz.QUESTIONS.items():
        why = plain(question.why[question.answer])
        assert f"{question.answer}) ✅ Right. {why}" in text, f"question {number}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_glossary_terms_link_to_the_glossary_from_their_first_use_only(path, pages):
    page = pages[page_of(path)]
    glossary = [link.url for link in page.links if link.url.startswith("../glossary.html#term-")]
    assert len(glossary) >= 5, f"{page_of(path)}: {len(glossary)} links to the glossary"
    repeated = [url for url, count in Counter(glossary).items() if count > 1]
    assert not repeated, f"{page_of(path)} links these terms more than once: {repeated}"
    targets = {url.split("#")[1] for url in glossary}
    assert targets <= pages["glossary.html"].ids


def search_index(site: Path) -> dict:
    """The site's search index (searchindex.js: ``Search.setIndex({...})``)."""
    text = (site / "searchindex.js").read_text()
    return json.loads(text[text.index("(") + 1:text.rindex(")")])


def test_the_sections_that_teach_a_term_are_indexed_for_the_search(site):
    index = search_index(site)
    entries = glossary_entries((COURSE_ROOT / "website" / "glossary.md").read_text())
    taught = [entry for entry in entries if entry.sections]
    assert len(taught) > 20
    for entry in taught:
        found = index["indexentries"].get(entry.terms[0].lower(), [])
        pages = {index["docnames"][document] for document, _anchor, _main in found}
        expected = {f"notebooks/{Path(file).stem}" for file, _anchor in entry.sections}
        assert expected <= pages, f"a search for {entry.terms[0]!r} misses {expected - pages}"
