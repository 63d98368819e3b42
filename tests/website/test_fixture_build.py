"""The site's build on a small notebook made here (`make test-site`): what the course's notebooks
will carry, folded cells labelled by their titles, alt text and the folded blocks of the
exercises' help, reaches the HTML; and a broken link stops the build."""

import base64
import os
import subprocess
from pathlib import Path

import nbformat
import pytest

from tests.website.html_page import read_page
from tools.build_site import COURSE_ROOT, WEBSITE, site_notebook

SITE_PYTHON = Path(os.environ.get("SITE_PYTHON", COURSE_ROOT / ".venv-site" / "bin" / "python"))
# A 1 x 1 PNG.
PIXEL = base64.b64encode(bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000" "1f15c4890000000d49444154789c63"
    "f8cfc0f01f0005000201a5d6ba5b0000000049454e44ae426082"
)).decode()
PYTHON = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
          "language_info": {"name": "python", "pygments_lexer": "ipython3"}}
ALT = "A bar chart: 500 negatives and 268 positives."


def figure_cell(metadata: dict) -> nbformat.NotebookNode:
    output = nbformat.v4.new_output("display_data", data={"image/png": PIXEL, "text/plain": "<F>"})
    return nbformat.v4.new_code_cell("plt.show()", metadata=metadata, outputs=[output])


def fixture_notebook() -> nbformat.NotebookNode:
    """A title, a check cell folded in JupyterLab only (no tag), a cell of prose from the run
    folded with the tag too, a figure with alt text in its metadata, one without, and a folded
    hint (the `details` directive of website/conf.py)."""
    checked = nbformat.v4.new_output("stream", name="stdout", text="checked: 2\n")
    prose = nbformat.v4.new_output("display_data", data={"text/markdown": "The mean is **0.25**."})
    return nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Fixture\n\nA notebook made by the test."),
        nbformat.v4.new_code_cell(
            "# @title Check the claim\nassert 1 + 1 == 2\nprint('checked: 2')", outputs=[checked],
            metadata={"jupyter": {"source_hidden": True}}),
        nbformat.v4.new_code_cell(
            '# @title Write the sentence\nMarkdown(f"The mean is **{0.25}**.")', outputs=[prose],
            metadata={"jupyter": {"source_hidden": True}, "cellView": "form",
                      "tags": ["hide-input"]}),
        figure_cell({"mystnb": {"image": {"alt": ALT}}}),
        figure_cell({}),
        nbformat.v4.new_markdown_cell(
            "````{details} Hint\nCount the **rows**.\n\n```python\nlen(y)\n```\n````"),
    ], metadata=PYTHON)


def build(source: Path, out: Path) -> subprocess.CompletedProcess:
    if not SITE_PYTHON.is_file():
        pytest.fail(f"No site environment at {SITE_PYTHON}: run `make test-site`")
    command = [str(SITE_PYTHON), "-m", "sphinx", "--builder", "html", "--fail-on-warning",
               "--keep-going", "--quiet", "--conf-dir", str(WEBSITE), str(source), str(out)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def write_source(folder: Path, index: str) -> Path:
    folder.mkdir()
    nbformat.write(site_notebook(fixture_notebook(), relink=lambda target: target),
                   folder / "fixture.ipynb")
    (folder / "index.md").write_text(index + "\n```{toctree}\nfixture\n```\n")
    return folder


@pytest.fixture(scope="module")
def fixture_page(tmp_path_factory):
    root = tmp_path_factory.mktemp("fixture-site")
    result = build(write_source(root / "src", "# Home"), root / "out")
    assert result.returncode == 0, result.stderr
    return read_page(root / "out" / "fixture.html")


def test_a_cell_folded_in_jupyterlab_shows_its_output_but_not_its_code(fixture_page):
    check, prose = fixture_page.cells[0], fixture_page.cells[1]
    assert check.code_folded and "assert 1 + 1 == 2" in check.code
    assert "checked: 2" in check.output_text
    assert prose.code_folded and "The mean is 0.25." in prose.output_text


def test_a_fold_is_labelled_by_its_cell_title(fixture_page):
    check, prose = fixture_page.cells[0], fixture_page.cells[1]
    assert (check.fold_label, prose.fold_label) == ("Check the claim", "Write the sentence")
    assert "Show code cell" not in fixture_page.text


def test_the_details_directive_folds_markdown_under_its_summary(fixture_page):
    (fold,) = [fold for fold in fixture_page.folds if "course-details" in fold.classes]
    assert fold.summary == "Hint"
    html = fixture_page.path.read_text()
    block = html[html.index('<details class="course-details">'):html.index("</details>", html.index(
        '<details class="course-details">'))]
    assert "<strong>rows</strong>" in block and 'class="highlight-python' in block


def test_a_figure_gets_the_alt_text_of_its_cell_metadata(fixture_page):
    figures = [image for image in fixture_page.images if image.in_output]
    assert len(figures) == 2
    assert figures[0].alt == ALT
    # Without the metadata, myst-nb's alt text is the image's file name: no text alternative.
    assert figures[1].alt == figures[1].src


def test_a_link_to_a_missing_section_stops_the_build(tmp_path):
    source = write_source(tmp_path / "src", "# Home\n\n[gone](fixture.ipynb#no-such-section)")
    result = build(source, tmp_path / "out")
    assert result.returncode != 0
    assert "no-such-section" in result.stderr
