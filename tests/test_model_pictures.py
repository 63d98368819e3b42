"""helpers.plot_decision_boundaries (notebook 03)."""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.contour import ContourSet
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import LogisticRegression

from helpers import model_style, plot_decision_boundaries

# Positives to the right of x1 = 2.
X = np.array([[0.0, 0.0], [1.0, 1.0], [1.5, 3.0], [2.5, 0.5], [3.0, 2.0], [4.0, 3.0]])
Y = np.array([0, 0, 0, 1, 1, 1])


class CutAt(ClassifierMixin, BaseEstimator):
    """A fitted stand-in that predicts 1 where the first feature exceeds ``cut``."""

    classes_ = np.array([0, 1])

    def __init__(self, cut=2.0):
        self.cut = cut

    def fit(self, X, y):
        return self

    def __sklearn_is_fitted__(self):
        return True

    def predict(self, X):
        return (np.asarray(X)[:, 0] > self.cut).astype(int)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def contour_sets(ax):
    return [artist for artist in ax.collections if isinstance(artist, ContourSet)]


def test_one_boundary_per_model_in_its_course_colour_with_its_own_dashes_and_a_legend():
    models = {"LR baseline": CutAt(2.0), "LR tuned threshold": CutAt(1.0)}
    ax = plot_decision_boundaries(models, X, Y, title="boundaries", feature_names=("a", "b"))
    contours = contour_sets(ax)
    assert len(contours) == 2
    colours = [plt.matplotlib.colors.to_hex(contour.get_edgecolor()[0]) for contour in contours]
    assert colours == [model_style(name)["color"] for name in models]
    labels = [text.get_text() for text in ax.get_legend().get_texts()]
    assert labels[-2:] == ["LR baseline", "LR tuned threshold"]
    dashes = [contour.get_linestyle()[0] for contour in contours]
    assert dashes[0] != dashes[1]  # not told apart by colour alone
    assert (ax.get_title(), ax.get_xlabel(), ax.get_ylabel()) == ("boundaries", "a", "b")


def test_the_line_sits_where_predict_flips():
    ax = plot_decision_boundaries({"LR baseline": CutAt(2.0)}, X, Y, grid_resolution=201)
    vertices = np.concatenate([path.vertices for path in contour_sets(ax)[0].get_paths()])
    grid_step = (4.0 - 0.0 + 2 * 0.05 * 4.0) / 200
    assert np.all(np.abs(vertices[:, 0] - 2.0) <= grid_step)


def test_a_model_that_predicts_one_class_everywhere_is_named_not_drawn():
    ax = plot_decision_boundaries({"LR baseline": CutAt(100.0)}, X, Y)
    assert contour_sets(ax) == []
    labels = [text.get_text() for text in ax.get_legend().get_texts()]
    assert labels[-1] == "LR baseline (predicts 0 everywhere shown)"


def test_models_fitted_on_a_dataframe_get_its_feature_names():
    frame = pd.DataFrame(X, columns=["glucose", "bmi"])
    model = LogisticRegression().fit(frame, Y)
    with_names = plot_decision_boundaries({"LR baseline": model}, frame, Y)  # warns if unnamed
    assert len(contour_sets(with_names)) == 1


def test_refuses_anything_but_two_features():
    with pytest.raises(ValueError, match="2 features; X has shape \\(6, 3\\)"):
        plot_decision_boundaries({"LR baseline": CutAt()}, np.hstack([X, X[:, :1]]), Y)


def test_refuses_mismatched_rows_and_no_models():
    with pytest.raises(ValueError, match="X has 6 rows but y has 5 labels"):
        plot_decision_boundaries({"LR baseline": CutAt()}, X, Y[:5])
    with pytest.raises(ValueError, match="at least one fitted model"):
        plot_decision_boundaries({}, X, Y)


def test_an_unfitted_model_gets_advice():
    with pytest.raises(NotFittedError, match="'LR baseline' is not fitted yet"):
        plot_decision_boundaries({"LR baseline": LogisticRegression()}, X, Y)


def test_an_unknown_model_name_is_drawn_in_a_fallback_colour():
    ax = plot_decision_boundaries({"my model": CutAt()}, X, Y)
    assert len(contour_sets(ax)) == 1
