import base64
import io
import itertools
from pathlib import Path

import matplotlib.pyplot as plt
import nbformat
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex, to_rgb
from matplotlib.lines import Line2D
from matplotlib.text import Text
from nbclient import NotebookClient
from PIL import Image
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.tree import DecisionTreeClassifier

from helpers import (
    CLASS_COLORS,
    OKABE_ITO,
    model_color,
    model_style,
    plot_class_balance,
    plot_confusion_matrix,
    plot_decision_boundaries,
    plot_paired_differences,
    plot_points,
    plot_reliability_curves,
    plot_roc_pr,
    plot_score_distribution,
)
from helpers.evaluation import DIFFERENCE_COLUMNS
from helpers.plots import (
    BASELINE_COLORS,
    FAMILY_LINESTYLES,
    FIGURE_DPI,
    GREY,
    METHOD_STYLES,
    model_styles,
)

COURSE_ROOT = Path(__file__).resolve().parent.parent
# The website's text column, and its small print (code and outputs), in CSS pixels.
COLUMN_PX = 688
SMALL_PRINT_PX = 14
X = np.array([[0.0], [1.0], [2.0], [3.0], [4.0], [5.0]])
Y = np.array([0, 0, 0, 0, 1, 1])

# Colour-vision deficiencies simulated with the matrices of Machado, Oliveira & Fernandes (IEEE
# TVCG 2009) at full severity, applied to linear RGB.
SIMULATIONS = {
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                   [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                     [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
                   [0.004733, 0.691367, 0.303900]],
}
SRGB_TO_XYZ = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722],
                        [0.0193, 0.1192, 0.9505]])
D65_WHITE = np.array([0.95047, 1.0, 1.08883])
MIN_DELTA_E = 15  # CIE76 distance; the palette this replaced had pairs at 11 (red/green)


def cielab(linear_rgb: np.ndarray) -> np.ndarray:
    t = SRGB_TO_XYZ @ linear_rgb / D65_WHITE
    f = np.where(t > (6 / 29) ** 3, np.cbrt(t), t / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def seen_with(deficiency: str, color: str) -> np.ndarray:
    srgb = np.asarray(to_rgb(color))
    linear = np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)
    return cielab(np.clip(np.asarray(SIMULATIONS[deficiency]) @ linear, 0, 1))


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_the_cielab_conversion_gives_known_values():
    assert cielab(np.ones(3)) == pytest.approx([100, 0, 0], abs=0.05)
    assert cielab(np.array([1.0, 0, 0])) == pytest.approx([53.24, 80.09, 67.20], abs=0.1)


@pytest.mark.parametrize("deficiency", SIMULATIONS)
def test_every_pair_of_course_colours_stays_apart_with_colour_blindness(deficiency):
    colours = {*OKABE_ITO.values(), GREY, *CLASS_COLORS.values(), *BASELINE_COLORS.values()}
    for first, second in itertools.combinations(sorted(colours), 2):
        distance = np.linalg.norm(seen_with(deficiency, first) - seen_with(deficiency, second))
        assert distance >= MIN_DELTA_E, f"{first} and {second}: ΔE {distance:.1f} ({deficiency})"


def test_the_simulation_would_catch_a_red_green_pair():
    red, green = "#a63603", "#006d2c"  # the two hues the old palette confused
    distance = np.linalg.norm(seen_with("protanopia", red) - seen_with("protanopia", green))
    assert distance < MIN_DELTA_E


def test_each_way_of_handling_imbalance_has_its_own_colour_and_marker_and_each_family_a_line():
    looks = {style for method, style in METHOD_STYLES.items() if method != "scale_pos_weight"}
    assert len({color for color, _ in looks}) == len({marker for _, marker in looks})
    assert len(set(FAMILY_LINESTYLES.values()) - {"--"}) == 2  # RF and Balanced RF share dashes
    assert model_style("LR + SMOTE")["color"] == model_style("RF + SMOTE")["color"]
    assert model_style("LR + SMOTE")["linestyle"] != model_style("RF + SMOTE")["linestyle"]
    assert model_style("XGB tuned threshold")["linestyle"] == ":"  # drawn over its baseline
    baselines = [model_style(f"{family} baseline") for family in ("LR", "RF", "XGB")]
    assert len({(style["linestyle"], style["marker"]) for style in baselines}) == 3
    assert len({style["marker"] for style in baselines}) == 3
    assert model_style("XGB scale_pos_weight") == {
        "color": OKABE_ITO["reddish purple"], "linestyle": "-.", "marker": "^"
    }


def test_an_unknown_model_name_gets_a_fallback_colour_not_an_error():
    first = model_color("LR weights 1:3")
    assert first == model_color("LR weights 1:3")  # the same name, the same colour
    assert first in OKABE_ITO.values()
    assert model_style("my model")["linestyle"] == "-"
    assert model_style("")["linestyle"] == "-"


def test_class_balance_labels_counts_and_shares():
    ax = plot_class_balance(Y, title="balance")
    assert [text.get_text() for text in ax.texts] == ["4 (67%)", "2 (33%)"]
    assert ax.get_title() == "balance" and ax.get_ylabel() == "number of rows"
    assert [bar.get_facecolor()[:3] for bar in ax.patches] == [
        to_rgb(CLASS_COLORS[label]) for label in (0, 1)
    ]


def test_confusion_matrix_shows_each_count_with_its_share_of_the_row():
    model = DummyClassifier(strategy="constant", constant=1).fit(X, Y)
    ax = plot_confusion_matrix(model, X, Y, title="matrix")
    texts = [text.get_text() for text in ax.texts]
    assert texts == ["0\n(0% of row)", "4\n(100% of row)", "0\n(0% of row)", "2\n(100% of row)"]
    assert ax.images[0].get_array().tolist() == [[0, 1], [0, 1]]  # shaded by the row share
    assert (ax.get_xlabel(), ax.get_ylabel(), ax.get_title()) == (
        "predicted class", "true class", "matrix"
    )


def test_score_distribution_normalises_each_class_and_marks_the_threshold():
    model = LogisticRegression().fit(X, Y)
    ax = plot_score_distribution(model, X, Y, threshold=0.3, bins=10)
    (negatives,) = ax.containers
    assert sum(bar.get_height() for bar in negatives) == pytest.approx(1)
    assert len(negatives) == 10
    outline = ax.patches[-1]  # the positives: an outline over the negatives
    assert outline.get_fill() is False and to_hex(outline.get_edgecolor()) == CLASS_COLORS[1]
    assert ax.lines[0].get_xdata()[0] == 0.3


def test_plots_refuse_a_target_with_one_class():
    with pytest.raises(ValueError, match="only the label 0"):
        plot_class_balance(np.zeros(5, dtype=int))


def differences_table(models=("LR + SMOTE",), metrics=("recall", "roc_auc")) -> pd.DataFrame:
    """A table as helpers.paired_differences returns it: recall clearly up, the rest unclear."""
    rows = {}
    for model, metric in itertools.product(models, metrics):
        mean = 0.3 if metric == "recall" else 0.01
        rows[model, metric] = dict(zip(DIFFERENCE_COLUMNS, [mean, 0.02, mean - 0.04, mean + 0.04,
                                                            0.01], strict=True))
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index = pd.MultiIndex.from_tuples(table.index, names=["model", "metric"])
    return table


def test_paired_differences_draw_a_dot_and_an_interval_per_fix_and_metric():
    table = differences_table()
    recall_ax, roc_auc_ax = plot_paired_differences(table, title="fixes")
    assert [ax.get_title() for ax in (recall_ax, roc_auc_ax)] == ["recall", "ROC-AUC"]
    assert recall_ax.get_xlim() == roc_auc_ax.get_xlim()  # one scale for every metric
    assert [label.get_text() for label in recall_ax.get_yticklabels()] == ["LR + SMOTE"]
    dot = recall_ax.collections[-1]
    assert dot.get_offsets()[0][0] == pytest.approx(table.loc[("LR + SMOTE", "recall"), "mean"])
    interval = recall_ax.collections[0].get_segments()[0]
    assert interval[:, 0] == pytest.approx(table.loc[("LR + SMOTE", "recall"), ["low", "high"]])
    assert to_hex(dot.get_facecolor()[0]) == "#000000"  # interval excludes 0: filled
    assert to_hex(roc_auc_ax.collections[-1].get_facecolor()[0]) == "#ffffff"  # contains 0


def test_paired_differences_put_two_panels_in_a_row_and_the_key_in_a_spare_one():
    metrics = ["recall", "precision", "f1", "roc_auc", "average_precision"]
    axes = plot_paired_differences(differences_table(["RF + SMOTE", "XGB + SMOTE"], metrics))
    assert len(axes) == 5
    lefts = sorted({round(ax.get_position().x0, 3) for ax in axes})
    assert len(lefts) == 2  # two columns of panels, three rows
    spare = [ax for ax in axes[0].figure.axes if not ax.axison]
    labels = [text.get_text() for text in spare[0].get_legend().get_texts()]
    assert labels == ["interval excludes 0", "interval contains 0"]


def test_paired_differences_refuse_another_table():
    with pytest.raises(ValueError, match="paired_differences returns"):
        plot_paired_differences(pd.DataFrame({"mean": [0.1]}))


def test_reliability_curves_draw_each_model_in_its_style():
    X_many = np.linspace(0, 5, 60).reshape(-1, 1)
    y_many = (np.arange(60) % 3 == 0).astype(int)
    models = {"LR baseline": LogisticRegression().fit(X_many, y_many)}
    ax = plot_reliability_curves(models, X_many, y_many, n_bins=3)
    curve = [line for line in ax.get_lines() if line.get_label().startswith("LR baseline")][0]
    assert to_hex(curve.get_color()) == model_color("LR baseline")
    assert curve.get_marker() == model_style("LR baseline")["marker"]
    assert ax.get_ylabel() == "share of positives (per bin)"


def test_points_are_coloured_by_class_and_synthetic_points_are_hollow():
    X_2d = np.column_stack([X.ravel(), X.ravel() ** 2])
    ax = plot_points(X_2d, Y, synthetic=[[4.5, 20.0]], title="points")
    negatives, positives, synthetic = ax.collections
    assert len(negatives.get_offsets()) == 4 and len(positives.get_offsets()) == 2
    assert synthetic.get_facecolor().size == 0 or synthetic.get_facecolor()[0][3] == 0
    assert [text.get_text() for text in ax.get_legend().get_texts()] == [
        "negative (0)", "positive (1)", "synthetic (1)"
    ]


def test_points_refuse_more_than_two_features():
    with pytest.raises(ValueError, match="draws 2 features.*shape \\(6, 3\\).*pick 2 columns"):
        plot_points(np.ones((6, 3)), Y)


# The course's figures, as every helper draws them: the column's width, readable text, legends
# beside the data, and series told apart by more than colour.

X_2D = np.column_stack([np.arange(12.0), (np.arange(12) % 4) * 1.5])
Y_12 = np.array([0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 1])
# The models of notebook 05's ROC and precision-recall figure, and one the course does not know.
COURSE_MODELS = ["LR baseline", "LR + SMOTE", "LR tuned threshold", "RF baseline", "XGB baseline",
                 "my own model"]


def fitted_models(names, X=X_2D, y=Y_12) -> dict:
    return {name: DecisionTreeClassifier(max_depth=depth, random_state=0).fit(X, y)
            for depth, name in enumerate(names, start=1)}


FIGURES = {
    "class balance": lambda: plot_class_balance(Y_12),
    "confusion matrix": lambda: plot_confusion_matrix(
        LogisticRegression().fit(X_2D, Y_12), X_2D, Y_12, title="LR baseline"),
    "score distribution": lambda: plot_score_distribution(
        LogisticRegression().fit(X_2D, Y_12), X_2D, Y_12, title="LR baseline: probabilities"),
    "paired differences": lambda: plot_paired_differences(differences_table(
        ["RF + SMOTE", "RF class weights", "Balanced RF", "XGB scale_pos_weight", "XGB + SMOTE",
         "XGB tuned threshold"], ["recall", "precision", "f1", "roc_auc", "average_precision"]),
        title="Change from the family's baseline, fold by fold (95% interval)")[0],
    "points": lambda: plot_points(X_2D, Y_12, synthetic=[[2.0, 1.0]], title="Before SMOTE"),
    "roc and precision-recall": lambda: plot_roc_pr(fitted_models(COURSE_MODELS), X_2D, Y_12)[0],
    "reliability": lambda: plot_reliability_curves(
        fitted_models(["RF baseline", "XGB baseline", "Balanced RF"]), X_2D, Y_12, n_bins=3),
    "decision boundaries": lambda: plot_decision_boundaries(
        fitted_models(["LR baseline", "LR + SMOTE", "LR class weights", "LR tuned threshold"]),
        X_2D, Y_12, title="Where each model starts to say 'positive'"),
}


def drawn(figure_name: str):
    """The figure of one helper, laid out as it is shown."""
    figure = FIGURES[figure_name]().figure
    figure.canvas.draw()
    return figure


@pytest.mark.parametrize("figure_name", FIGURES)
def test_a_helper_figure_fits_the_text_column_as_jupyter_shows_it(figure_name):
    figure = drawn(figure_name)
    saved = io.BytesIO()
    figure.savefig(saved, format="png", dpi=FIGURE_DPI, bbox_inches="tight")  # as Jupyter does
    width = Image.open(saved).size[0]
    assert width <= COLUMN_PX, f"{figure_name}: {width} px wide, the column has {COLUMN_PX}"


@pytest.mark.parametrize("figure_name", FIGURES)
def test_no_text_of_a_helper_figure_is_smaller_than_the_small_print_beside_it(figure_name):
    figure = drawn(figure_name)
    shown = [text for text in figure.findobj(Text) if text.get_visible() and text.get_text()]
    small = {text.get_text(): round(text.get_fontsize() * FIGURE_DPI / 72, 1) for text in shown
             if text.get_fontsize() * FIGURE_DPI / 72 < SMALL_PRINT_PX}
    assert len(shown) > 3
    assert not small, f"{figure_name}: text smaller than {SMALL_PRINT_PX} px: {small}"


@pytest.mark.parametrize("figure_name", FIGURES)
def test_legends_sit_beside_the_data_and_inside_the_figure(figure_name):
    figure = drawn(figure_name)
    frame = figure.bbox
    for ax in figure.axes:
        legend = ax.get_legend()
        if legend is None:
            continue
        box = legend.get_window_extent()
        if ax.axison:
            assert not box.overlaps(ax.get_window_extent()), f"{figure_name}: legend over data"
            for label in [ax.xaxis.label, *ax.get_xticklabels()]:
                if label.get_text():
                    assert not box.overlaps(label.get_window_extent()), (
                        f"{figure_name}: the legend covers {label.get_text()!r}")
        assert frame.x0 - 1 <= box.x0 and box.x1 <= frame.x1 + 1, f"{figure_name}: legend cut"
        assert frame.y0 - 1 <= box.y0 and box.y1 <= frame.y1 + 1, f"{figure_name}: legend cut"


def legend_lines(ax) -> dict[str, Line2D]:
    """The legend entries of ``ax`` that are lines with a line or a marker, by their label."""
    legend = ax.get_legend()
    return {text.get_text(): handle for text, handle in zip(
        legend.get_texts(), legend.legend_handles, strict=True) if isinstance(handle, Line2D)}


def look(line: Line2D) -> tuple:
    dashes = line.get_linestyle() if line.get_linestyle() not in ("None", "") else None
    return dashes, line._dash_pattern if dashes else None, line.get_marker()


@pytest.mark.parametrize("figure_name", ["roc and precision-recall", "reliability",
                                         "decision boundaries"])
def test_every_two_lines_of_a_helper_figure_differ_in_colour_and_in_dashes_or_marker(
        figure_name):
    figure = drawn(figure_name)
    lines = legend_lines(figure.axes[0])
    assert len(lines) >= 3
    for (first, one), (second, other) in itertools.combinations(lines.items(), 2):
        assert to_hex(one.get_color()) != to_hex(other.get_color()), (first, second)
        assert look(one) != look(other), f"{figure_name}: {first} and {second} look alike"


def test_the_baselines_of_the_three_families_differ_in_colour_and_marker():
    baselines = [model_style(f"{family} baseline") for family in ("LR", "RF", "XGB")]
    assert len({style["color"] for style in baselines}) == 3
    assert len({style["marker"] for style in baselines}) == 3


@pytest.mark.parametrize("markers_shown", [True, False])
@pytest.mark.parametrize("names", [
    COURSE_MODELS,
    ["LR baseline", "LR + SMOTE", "LR class weights", "LR tuned threshold"],
    ["RF + SMOTE", "XGB + SMOTE", "RF class weights", "XGB scale_pos_weight"],
    ["model a", "model b", "model c", "model d", "model e", "model f"],
])
def test_in_one_figure_no_two_models_share_a_colour_or_a_look(names, markers_shown):
    styles = model_styles(names, markers_shown=markers_shown)
    assert list(styles) == names
    assert len({style["color"] for style in styles.values()}) == len(names)
    looks = {(style["linestyle"], style["marker"] if markers_shown else None)
             for style in styles.values()}
    assert len(looks) == len(names)


def test_a_model_keeps_its_course_style_unless_another_of_the_figure_has_it():
    styles = model_styles(["LR baseline", "LR + SMOTE", "RF baseline"], markers_shown=False)
    assert styles["LR baseline"] == model_style("LR baseline")
    assert styles["RF baseline"] == model_style("RF baseline")
    assert styles["LR + SMOTE"]["color"] == model_style("LR + SMOTE")["color"]
    assert styles["LR + SMOTE"]["linestyle"] not in {"-", "--"}  # solid and dashed are taken


def test_in_jupyter_a_figure_is_an_image_of_twice_its_resolution_shown_at_its_drawn_size():
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import helpers\nimport matplotlib.pyplot as plt"),
        nbformat.v4.new_code_cell("fig, ax = plt.subplots()\nax.plot([0, 1])\nplt.show()"),
    ])
    NotebookClient(notebook, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(COURSE_ROOT)}}).execute()
    (figure,) = notebook.cells[1].outputs
    shown_width = figure.metadata["image/png"]["width"]
    pixels = Image.open(io.BytesIO(base64.b64decode(figure.data["image/png"])))
    assert pixels.size[0] in (2 * shown_width, 2 * shown_width + 1)
    assert shown_width <= COLUMN_PX
