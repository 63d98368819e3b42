import re

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LogisticRegression

from helpers import (
    CLASS_COLORS,
    MODEL_COLORS,
    model_color,
    plot_class_balance,
    plot_confusion_matrix,
    plot_cv_comparison,
    plot_points,
    plot_score_distribution,
)

X = np.array([[0.0], [1.0], [2.0], [3.0], [4.0], [5.0]])
Y = np.array([0, 0, 0, 0, 1, 1])


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_every_model_has_its_own_colour():
    assert len(set(MODEL_COLORS.values())) == len(MODEL_COLORS)
    assert model_color("LR + SMOTE") == MODEL_COLORS["LR + SMOTE"]


def test_an_unknown_model_name_lists_the_known_ones():
    expected = re.escape("No course colour for model 'LR+SMOTE'. Known names: 'Do-nothing'")
    with pytest.raises(KeyError, match=expected + ".*'LR \\+ SMOTE'"):
        model_color("LR+SMOTE")


def test_class_balance_labels_counts_and_shares():
    ax = plot_class_balance(Y, title="balance")
    assert [text.get_text() for text in ax.texts] == ["4 (67%)", "2 (33%)"]
    assert ax.get_title() == "balance" and ax.get_ylabel() == "number of rows"
    assert [bar.get_facecolor()[:3] for bar in ax.patches] == [
        plt.matplotlib.colors.to_rgb(CLASS_COLORS[label]) for label in (0, 1)
    ]


def test_confusion_matrix_shows_the_four_counts():
    model = LogisticRegression().fit(X, Y)
    ax = plot_confusion_matrix(model, X, Y, title="matrix")
    counts = sorted(int(text.get_text()) for text in ax.texts)
    assert sum(counts) == len(Y) and len(counts) == 4
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("predicted class", "true class")


def test_score_distribution_normalises_each_class_and_marks_the_threshold():
    model = LogisticRegression().fit(X, Y)
    ax = plot_score_distribution(model, X, Y, threshold=0.3)
    heights_by_class = {}
    for bar in ax.patches:
        heights_by_class.setdefault(bar.get_facecolor()[:3], []).append(bar.get_height())
    assert [sum(heights) for heights in heights_by_class.values()] == pytest.approx([1, 1])
    assert ax.lines[0].get_xdata()[0] == 0.3


def test_plots_refuse_a_target_with_one_class():
    with pytest.raises(ValueError, match="only the label 0"):
        plot_class_balance(np.zeros(5, dtype=int))


def test_cv_comparison_draws_one_coloured_bar_per_model_and_metric():
    columns = pd.MultiIndex.from_product([["recall", "roc_auc"], ["mean", "std"]])
    table = pd.DataFrame(
        [[0.5, 0.1, 0.9, 0.02], [0.8, 0.05, 0.9, 0.03]],
        index=["LR baseline", "LR class weights"],
        columns=columns,
    )
    ax = plot_cv_comparison(table, title="comparison")
    heights = [bar.get_height() for bar in ax.patches]
    assert heights == [0.5, 0.9, 0.8, 0.9]
    colours = {plt.matplotlib.colors.to_hex(bar.get_facecolor()) for bar in ax.patches}
    assert colours == {MODEL_COLORS["LR baseline"], MODEL_COLORS["LR class weights"]}
    assert [text.get_text() for text in ax.get_legend().get_texts()] == list(table.index)


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
