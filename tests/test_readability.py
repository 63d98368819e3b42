"""The committed notebooks read well where they are shown (JupyterLab, Colab, the website): every
figure fits the website's text column at the size it is shown and is sharp on high-density
screens, and no visible code line needs sideways scrolling.

Code cells are counted from 1, as in tests/test_notebooks.py; a folded cell
(``"jupyter": {"source_hidden": true}``) shows no code, so its lines may be longer.
"""

import base64
import io
import re
from pathlib import Path

import nbformat
import pytest
from PIL import Image

COURSE_ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((COURSE_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
# The website's text column, in CSS pixels: a wider figure is shrunk, and its text with it.
COLUMN_PX = 688
# Image pixels per CSS pixel: a high-density ("retina") screen has two.
MIN_DENSITY = 2
# Characters of code that fit the website's code box at 1280 px (79 at 14 px) without scrolling.
MAX_LINE = 79
# An SVG's size: a number and its unit; CSS pixels per unit.
SVG_SIZE = re.compile(r"<svg\b[^>]*?\bwidth=\"(?P<number>[\d.]+)(?P<unit>pt|px)?\"")
CSS_PX_PER = {"pt": 96 / 72, "px": 1, None: 1}
WIDTH_ADVICE = (
    "draw it at most 6.6 inches wide (figsize=(6.6, ...), the course's default; several panels "
    "in rows rather than side by side), legends inside the figure, then re-run the notebook"
)
DENSITY_ADVICE = (
    "re-run the notebook: `import helpers` in its setup cell draws figures at twice the "
    "resolution (retina PNG), shown at their drawn size"
)


def code_cells(path: Path) -> list:
    return [cell for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code"]


def is_folded(cell) -> bool:
    return cell.metadata.get("jupyter", {}).get("source_hidden") is True


def figures(path: Path):
    """(code cell number, width shown in CSS pixels, image pixels per CSS pixel) of each figure
    the notebook shows: PNG or JPEG (shown at the width its metadata gives, else at one image
    pixel per CSS pixel) and SVG (its own size; a vector image is sharp at any density)."""
    for number, cell in enumerate(code_cells(path), start=1):
        for output in cell.get("outputs", []):
            data, metadata = output.get("data", {}), output.get("metadata", {})
            for kind in ("image/png", "image/jpeg"):
                if kind in data:
                    pixels = Image.open(io.BytesIO(base64.b64decode(data[kind]))).size[0]
                    shown = metadata.get(kind, {}).get("width", pixels)
                    yield number, float(shown), pixels / float(shown)
            if "image/svg+xml" in data:
                size = SVG_SIZE.search(data["image/svg+xml"])
                shown = float(size["number"]) * CSS_PX_PER[size["unit"]] if size else 0.0
                yield number, shown, float("inf")


def report(path: Path, problems: list[str]) -> str:
    return f"{path.name}: {len(problems)} to fix\n" + "\n".join(problems)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_every_figure_fits_the_text_column_as_shown(path):
    shown = list(figures(path))
    assert shown, f"{path.name} shows no figure: is it the course's notebook?"
    too_wide = [f"code cell {number}: a figure {width:.0f} px wide as shown, over the "
                f"{COLUMN_PX}-px column: {WIDTH_ADVICE}"
                for number, width, _density in shown if width > COLUMN_PX]
    assert not too_wide, report(path, too_wide)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_every_figure_is_sharp_on_high_density_screens(path):
    blurry = [f"code cell {number}: a figure of {density:.2f} image pixels per pixel shown "
              f"(needs {MIN_DENSITY}): {DENSITY_ADVICE}"
              for number, _width, density in figures(path) if density < MIN_DENSITY - 0.01]
    assert not blurry, report(path, blurry)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_visible_code_lines_fit_without_sideways_scrolling(path):
    long_lines = [
        f"code cell {number}, line {line_number} ({len(line)} characters): {line.strip()[:50]}…"
        for number, cell in enumerate(code_cells(path), start=1) if not is_folded(cell)
        for line_number, line in enumerate(cell.source.splitlines(), start=1)
        if len(line) > MAX_LINE
    ]
    assert not long_lines, (
        report(path, long_lines) + f"\nWrap these at {MAX_LINE} characters (`ruff format` with "
        f"line-length = {MAX_LINE} does it), then re-run the notebook."
    )


def test_the_checks_measure_what_a_reader_sees(tmp_path):
    """A retina figure of 660 px passes; the same figure at one pixel per pixel, or 961 px wide
    as shown, fails; a folded cell's long line is not shown, a visible one is."""
    def png(width: int) -> str:
        image = io.BytesIO()
        Image.new("RGB", (width, 10)).save(image, format="PNG")
        return base64.b64encode(image.getvalue()).decode()

    def figure(pixels: int, shown: int | None):
        metadata = {"image/png": {"width": shown}} if shown else {}
        return nbformat.v4.new_output("display_data", data={"image/png": png(pixels)},
                                      metadata=metadata)

    long_line = "x = " + "1 + " * 30 + "1"
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("plt.show()", outputs=[figure(1320, 660)]),
        nbformat.v4.new_code_cell("plt.show()", outputs=[figure(660, None), figure(961, None)]),
        nbformat.v4.new_code_cell(long_line, metadata={"jupyter": {"source_hidden": True}}),
        nbformat.v4.new_code_cell(long_line),
    ])
    path = tmp_path / "01_fixture.ipynb"
    nbformat.write(notebook, path)
    assert list(figures(path)) == [(1, 660.0, 2.0), (2, 660.0, 1.0), (2, 961.0, 1.0)]
    with pytest.raises(AssertionError, match="code cell 2: a figure 961 px wide"):
        test_every_figure_fits_the_text_column_as_shown(path)
    with pytest.raises(AssertionError, match=r"01_fixture.ipynb: 2 to fix\n\s*code cell 2: a "):
        test_every_figure_is_sharp_on_high_density_screens(path)
    with pytest.raises(AssertionError, match=r"1 to fix\n\s*code cell 4, line 1 \(125 characters"):
        test_visible_code_lines_fit_without_sideways_scrolling(path)
