"""helpers.plot_roc_pr: ROC and precision-recall curves side by side, in the course colours."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import LogisticRegression
from sklearn.tree import DecisionTreeClassifier

from helpers import model_style, plot_roc_pr

X = np.array([[0.0], [1.0], [2.0], [3.0], [4.0], [5.0], [6.0], [7.0]])
Y = np.array([0, 0, 0, 1, 0, 0, 1, 1])


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture
def models():
    return {
        "LR baseline": LogisticRegression().fit(X, Y),
        "RF + SMOTE": DecisionTreeClassifier(max_depth=1, random_state=0).fit(X, Y),
    }


def curves(ax):
    """The model curves of a panel: labelled lines that are neither chance level nor markers."""
    return [
        line for line in ax.get_lines() if not line.get_label().startswith(("_", "Chance", "where"))
    ]


def test_one_curve_per_model_in_its_course_colour_on_both_panels(models):
    roc_ax, pr_ax = plot_roc_pr(models, X, Y)
    for ax in (roc_ax, pr_ax):
        drawn = curves(ax)
        assert [line.get_label().split(" (")[0] for line in drawn] == list(models)
        styles = [model_style(name) for name in models]
        assert [to_hex(line.get_color()) for line in drawn] == [style["color"] for style in styles]
        assert [line.get_linestyle() for line in drawn] == [style["linestyle"] for style in styles]
    assert roc_ax.get_title() == "ROC curves" and pr_ax.get_title() == "Precision-recall curves"
    assert pr_ax.get_xlabel() == "recall" and pr_ax.get_ylabel() == "precision"


def test_legends_name_each_model_with_its_score_and_the_chance_level(models):
    roc_ax, pr_ax = plot_roc_pr(models, X, Y)
    roc_labels = [text.get_text() for text in roc_ax.get_legend().get_texts()]
    pr_labels = [text.get_text() for text in pr_ax.get_legend().get_texts()]
    assert roc_labels[0].startswith("LR baseline (AUC = ")
    assert pr_labels[0].startswith("LR baseline (AP = ")
    assert any(label.startswith("Chance level") for label in roc_labels)
    assert "where predict cuts" in pr_labels


def test_the_precision_recall_chance_level_is_the_share_of_positives(models):
    _, pr_ax = plot_roc_pr(models, X, Y)
    chance = [line for line in pr_ax.get_lines() if line.get_label().startswith("Chance")]
    assert len(chance) == 1
    assert np.allclose(chance[0].get_ydata(), Y.mean())


def test_dots_mark_where_predict_cuts(models):
    roc_ax, pr_ax = plot_roc_pr({"LR baseline": models["LR baseline"]}, X, Y)
    predicted = models["LR baseline"].predict(X)
    tp = np.sum((predicted == 1) & (Y == 1))
    fp = np.sum((predicted == 1) & (Y == 0))
    marker = model_style("LR baseline")["marker"]
    def dots(ax):
        return [line for line in ax.get_lines() if line.get_marker() == marker
                and line.get_linestyle() == "None" and len(line.get_xdata())]

    assert (dots(roc_ax)[0].get_xdata()[0], dots(roc_ax)[0].get_ydata()[0]) == (fp / 5, tp / 3)
    point = dots(pr_ax)[0]
    assert (point.get_xdata()[0], point.get_ydata()[0]) == (tp / 3, tp / (tp + fp))


def test_each_model_s_legend_entry_shows_the_marker_of_its_operating_point(models):
    roc_ax, _ = plot_roc_pr(models, X, Y)
    handles = roc_ax.get_legend().legend_handles[: len(models)]
    assert [handle.get_marker() for handle in handles] == [
        model_style(name)["marker"] for name in models
    ]
    curve = roc_ax.get_lines()[0]
    assert list(curve.get_markevery()) == []  # no marker along the curve itself


def test_dots_can_be_left_out(models):
    roc_ax, _ = plot_roc_pr(models, X, Y, mark_predictions=False)
    assert not [line for line in roc_ax.get_lines() if line.get_marker() == "o"]


def test_draws_on_given_axes(models):
    fig, axes = plt.subplots(2, 1)
    returned = plot_roc_pr(models, X, Y, axes=axes)
    assert list(returned) == list(axes)


def test_needs_at_least_one_model():
    with pytest.raises(ValueError, match="at least one fitted model"):
        plot_roc_pr({}, X, Y)


def test_an_unknown_model_name_is_drawn_in_a_fallback_colour(models):
    roc_ax, _ = plot_roc_pr({"my model": models["LR baseline"]}, X, Y)
    assert [line.get_label().split(" (")[0] for line in curves(roc_ax)] == ["my model"]


def test_an_unfitted_model_gets_a_clear_error():
    with pytest.raises(NotFittedError, match="call model.fit"):
        plot_roc_pr({"LR baseline": LogisticRegression()}, X, Y)


def test_refuses_one_class_mismatched_lengths_and_wrong_axes(models):
    with pytest.raises(ValueError, match="only the label 0"):
        plot_roc_pr(models, X, np.zeros(len(X), dtype=int))
    with pytest.raises(ValueError, match="X has 8 rows but y has 7 labels"):
        plot_roc_pr(models, X, Y[:7])
    with pytest.raises(ValueError, match="axes must be two Axes"):
        plot_roc_pr(models, X, Y, axes=plt.subplots(1, 3)[1])
