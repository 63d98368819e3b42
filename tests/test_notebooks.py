"""The notebooks follow the anatomy in the course guide and keep their committed outputs; the
learner meets the lesson, with the checks of its claims folded away."""

import ast
import importlib
import pkgutil
import pydoc
import re
import tomllib
from pathlib import Path

import nbformat
import pytest

COURSE_ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((COURSE_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
REPOSITORY = tomllib.loads((COURSE_ROOT / "pyproject.toml").read_text())["tool"]["course"][
    "repository"
]
MAX_CODE_LINES = 15
MAX_FOLDED_LINES = 20  # a folded cell that writes a paragraph from the run
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")
SETUP_TITLE = "# @title Setup: run this cell first"
FOLDED = {"cellView": "form", "jupyter": {"source_hidden": True}}
# Words about how the course is made or tested, which a learner must never meet.
BACKSTAGE = re.compile(
    r"\bdraft\b|\bnbval\b|(?-i:\bCI\b)|\bBLAS\b|\bthreads?\b|Python's lock|\bGIL\b|"
    r"the tests\b|test suite|\bpytest\b",
    flags=re.IGNORECASE,
)


def read(path: Path):
    return nbformat.read(path, as_version=4)


def markdown_text(notebook) -> str:
    return "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")


def is_folded(cell) -> bool:
    """Code hidden in JupyterLab (and on the website), a titled form on Colab."""
    metadata = cell.metadata
    return (
        metadata.get("jupyter", {}).get("source_hidden") is True
        and metadata.get("cellView") == FOLDED["cellView"]
        and "hide-input" in metadata.get("tags", [])
        and cell.source.startswith("# @title ")
    )


def claims_of(source: str) -> list[ast.Call]:
    """The ``helpers.claim(...)`` calls in a cell's code."""
    return [
        node for node in ast.walk(ast.parse(python_of(source)))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
        and node.func.attr == "claim" and getattr(node.func.value, "id", "") == "helpers"
    ]


def is_check_or_prose_cell(cell) -> bool:
    """A cell that checks a claim of the text (helpers.claim), or writes prose from the run."""
    tree = ast.parse(python_of(cell.source))
    last = tree.body[-1] if tree.body else None
    writes_prose = (
        isinstance(last, ast.Expr)
        and isinstance(last.value, ast.Call)
        and getattr(last.value.func, "id", "") == "Markdown"
    )
    return bool(claims_of(cell.source)) or writes_prose


def words_of(message: ast.expr) -> list[str]:
    """The words a claim's message spells out: its literal text, f-string fields left out."""
    if isinstance(message, ast.Constant) and isinstance(message.value, str):
        return message.value.split()
    if isinstance(message, ast.JoinedStr):
        return " ".join(words for part in message.values for words in
                        ([part.value] if isinstance(part, ast.Constant) else [])).split()
    return []


def python_of(source: str) -> str:
    """The cell's code with IPython's ! and % lines turned into Python, as IPython does."""
    from IPython.core.inputtransformer2 import TransformerManager

    return TransformerManager().transform_cell(source)


def code_cells(path: Path) -> list:
    return [cell for cell in read(path).cells if cell.cell_type == "code"]


def learner_visible_text(path: Path) -> str:
    """Markdown, outputs, and the code of cells that are not folded away."""
    notebook = read(path)
    parts = [cell.source for cell in notebook.cells
             if cell.cell_type == "markdown" or not is_folded(cell)]
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            parts.append(output.get("text", ""))
            parts += [str(value) for kind, value in output.get("data", {}).items()
                      if kind.startswith("text/")]
    return "\n".join(parts)


def test_notebooks_are_numbered_from_01_without_gaps():
    numbers = [int(path.name[:2]) for path in NOTEBOOKS]
    assert numbers == list(range(1, len(NOTEBOOKS) + 1))


def test_every_notebook_has_the_same_folded_setup_cell_naming_the_course_repository():
    setup_cells = {path.name: read(path).cells[1] for path in NOTEBOOKS}
    assert len({cell.source for cell in setup_cells.values()}) == 1, (
        "setup cells differ: copy the cell of notebook 01"
    )
    for name, cell in setup_cells.items():
        assert cell.source.startswith(SETUP_TITLE), f"{name}: the setup cell lacks its title"
        assert is_folded(cell), f"{name}: fold the setup cell (code hidden, output shown)"
    assert f'REPOSITORY = "{REPOSITORY}"' in cell.source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_notebook_has_the_course_anatomy(path):
    notebook = read(path)
    title = notebook.cells[0].source
    assert title.startswith(f"# {path.name[:2]} · ")
    for part in ("**You will learn to**", "**Time:**", "**Prerequisites:**"):
        assert part in title, f"{path.name}: the title cell lacks {part}"
    text = markdown_text(notebook)
    assert "## 1. " in text and "## Key takeaways" in text and "### Try it" in text


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_relative_links_point_to_files_that_exist(path):
    targets = LINK.findall(markdown_text(read(path)))
    local = [target for target in targets if not target.startswith("http")]
    assert local, f"{path.name} links to no other part of the course"
    for target in local:
        assert (path.parent / target).exists(), f"{path.name} links to missing {target}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_code_cells_are_short_and_committed_with_error_free_outputs(path):
    code_cells = [cell for cell in read(path).cells if cell.cell_type == "code"]
    for number, cell in enumerate(code_cells[2:], start=3):
        lines = len(cell.source.splitlines())
        limit = MAX_FOLDED_LINES if is_folded(cell) else MAX_CODE_LINES
        assert lines <= limit, f"{path.name}, code cell {number}: {lines} lines"
    for cell in code_cells:
        assert cell.execution_count is not None, f"{path.name} has unexecuted cells"
        assert all(output.output_type != "error" for output in cell.outputs)
        streams = [output for output in cell.outputs if output.output_type == "stream"]
        assert all(output.name != "stderr" for output in streams), f"{path.name} warns"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_check_cells_and_prose_from_the_run_are_folded_and_teaching_cells_are_not(path):
    for number, cell in enumerate(code_cells(path)[1:], start=2):
        if is_check_or_prose_cell(cell):
            assert is_folded(cell), f"{path.name}, code cell {number}: fold it (a check or prose)"
        else:
            assert not is_folded(cell), f"{path.name}, code cell {number}: a lesson cell is folded"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_every_claim_says_in_plain_words_which_statement_it_checks(path):
    for number, cell in enumerate(code_cells(path), start=1):
        for call in claims_of(cell.source):
            where = f"{path.name}, code cell {number}: `{ast.unparse(call)[:70]}…`"
            assert len(call.args) == 2 and not call.keywords, (
                f"{where}: call helpers.claim(condition, message)"
            )
            assert len(words_of(call.args[1])) >= 3, (
                f"{where}: the message must be a string (or f-string) that says in words which "
                "statement of the text no longer holds"
            )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_no_assert_stops_a_learners_experiment(path):
    """A statement that no longer holds is a note for the learner (helpers.claim), an error only
    when the course is checked: no notebook asserts or raises AssertionError itself."""
    for number, cell in enumerate(code_cells(path), start=1):
        tree = ast.parse(python_of(cell.source))
        asserts = [node for node in ast.walk(tree) if isinstance(node, ast.Assert)]
        raises = [node for node in ast.walk(tree) if isinstance(node, ast.Raise)
                  and "AssertionError" in ast.unparse(node)]
        assert not asserts + raises, (
            f"{path.name}, code cell {number}: `{ast.unparse((asserts + raises)[0])[:60]}…`: "
            "use helpers.claim(condition, message), which shows a note to a learner who "
            "changed something and raises only with COURSE_CHECKS=strict"
        )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_the_committed_outputs_were_made_with_every_claim_holding(path):
    from helpers.claims import NOTE_HEADLINE

    for number, cell in enumerate(code_cells(path), start=1):
        for output in cell.outputs:
            assert NOTE_HEADLINE not in output.get("text", ""), (
                f"{path.name}, code cell {number} printed a note: a claim did not hold when the "
                "outputs were made. Fix it, then re-execute with COURSE_CHECKS=strict."
            )
            shown = output.get("data", {}).get("text/plain", "")
            assert not (claims_of(cell.source) and shown in ("True", "False")), (
                f"{path.name}, code cell {number} shows what its last claim returned: end that "
                "line with a semicolon"
            )


def test_the_rules_for_claims_are_enforced():
    code = ('helpers.claim(x > 1, "The model should find most positives.")\n'
            'helpers.claim(y, f"{name} is fine")\nprint(claim(z, "m"))')
    assert [len(words_of(call.args[1])) for call in claims_of(code)] == [6, 2]
    check = nbformat.v4.new_code_cell('helpers.claim(ok, "It holds here.")')
    assert is_check_or_prose_cell(check)
    assert not is_check_or_prose_cell(nbformat.v4.new_code_cell("model.fit(X, y)"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_a_learner_meets_the_subject_not_how_the_course_is_made(path):
    found = BACKSTAGE.findall(learner_visible_text(path))
    assert not found, f"{path.name} talks about how the course is made or tested: {found}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_every_figure_has_a_text_alternative(path):
    for number, cell in enumerate(code_cells(path), start=1):
        images = [output for output in cell.outputs if "image/png" in output.get("data", {})]
        if images:
            alt = cell.metadata.get("mystnb", {}).get("image", {}).get("alt", "")
            assert len(alt.split()) >= 5, f"{path.name}, code cell {number}: describe the figure"


def helper_modules() -> list[str]:
    """Every module of the helpers package, the exercises' modules included."""
    import helpers

    found = pkgutil.walk_packages(helpers.__path__, prefix="helpers.")
    return ["helpers", *sorted(module.name for module in found)]


def learner_pages() -> dict[str, str]:
    """What a learner reads besides the notebooks: the README up to its contributors' part, the
    website's own pages, and the helpers' documentation as help() shows it."""
    readme = (COURSE_ROOT / "README.md").read_text()
    assert "## For contributors" in readme, "README.md: keep the learners' part first"
    pages = {"README.md (learners' part)": readme.split("## For contributors", 1)[0]}
    for page in sorted((COURSE_ROOT / "website").glob("*.md")):
        pages[f"website/{page.name}"] = page.read_text()
    for module in helper_modules():
        imported = importlib.import_module(module)
        pages[f"help({module})"] = pydoc.render_doc(imported, renderer=pydoc.plaintext)
    return pages


@pytest.mark.parametrize(("name", "text"), learner_pages().items(), ids=list(learner_pages()))
def test_the_readme_website_and_helpers_docs_meet_the_subject_too(name, text):
    found = BACKSTAGE.findall(text)
    assert not found, f"{name} talks about how the course is made or tested: {found}"


def test_the_backstage_words_are_caught():
    assert BACKSTAGE.findall("as the draft did; it uses two threads and BLAS")
    assert not BACKSTAGE.findall("the test set, tested positive, drafted")
