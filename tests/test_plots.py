import itertools

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex, to_rgb
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression

from helpers import (
    CLASS_COLORS,
    OKABE_ITO,
    model_color,
    model_style,
    paired_difference,
    plot_class_balance,
    plot_confusion_matrix,
    plot_cv_comparison,
    plot_paired_differences,
    plot_points,
    plot_reliability_curves,
    plot_score_distribution,
)
from helpers.plots import FAMILY_LINESTYLES, GREY, METHOD_STYLES

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
    colours = {*OKABE_ITO.values(), GREY, *CLASS_COLORS.values()}
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


def test_cv_comparison_draws_one_bar_per_model_and_metric_in_its_colour_and_hatch():
    columns = pd.MultiIndex.from_product([["recall", "roc_auc"], ["mean", "std"]])
    table = pd.DataFrame(
        [[0.5, 0.1, 0.9, 0.02], [0.8, 0.05, 0.9, 0.03]],
        index=["LR baseline", "LR class weights"],
        columns=columns,
    )
    ax = plot_cv_comparison(table, title="comparison")
    assert [bar.get_height() for bar in ax.patches] == [0.5, 0.9, 0.8, 0.9]
    colours = [to_hex(bar.get_facecolor()) for bar in ax.patches]
    assert colours == [model_color("LR baseline")] * 2 + [model_color("LR class weights")] * 2
    assert ax.patches[0].get_hatch() != ax.patches[2].get_hatch()
    assert [text.get_text() for text in ax.get_legend().get_texts()] == list(table.index)
    assert [tick.get_text() for tick in ax.get_xticklabels()] == ["recall", "ROC-AUC"]


def differences_table() -> pd.DataFrame:
    rows = {
        ("LR + SMOTE", "recall"): paired_difference([0.9, 0.8, 0.85], [0.5, 0.45, 0.5],
                                                    n_train=80, n_test=20),
        ("LR + SMOTE", "roc_auc"): paired_difference([0.9, 0.8, 0.85], [0.91, 0.79, 0.85],
                                                     n_train=80, n_test=20),
    }
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
