import math

import numpy as np
import pytest
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.dummy import DummyClassifier
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import LogisticRegression
from sklearn.svm import LinearSVC

from helpers import compare, evaluate, positive_scores
from helpers.evaluation import METRICS

# Eight rows: 3 positives. The fixed model below predicts rows 2, 5 and 6 positive:
# TP = 2 (rows 5, 6), FP = 1 (row 2), FN = 1 (row 7), TN = 4.
Y_TRUE = np.array([0, 0, 0, 0, 0, 1, 1, 1])
PREDICTED = np.array([0, 0, 1, 0, 0, 1, 1, 0])
SCORES = np.array([0.1, 0.2, 0.7, 0.3, 0.4, 0.9, 0.8, 0.35])
X_ROWS = np.arange(8).reshape(-1, 1)


class FixedModel(ClassifierMixin, BaseEstimator):
    """A fitted stand-in whose predictions and scores are set by hand."""

    def fit(self, X, y):
        return self

    def __sklearn_is_fitted__(self):
        return True

    def predict(self, X):
        return PREDICTED[np.asarray(X).ravel()]

    def predict_proba(self, X):
        positive = SCORES[np.asarray(X).ravel()]
        return np.column_stack([1 - positive, positive])


class LabelsOnlyModel(ClassifierMixin, BaseEstimator):
    """A fitted model that predicts labels but gives no scores."""

    def fit(self, X, y):
        return self

    def __sklearn_is_fitted__(self):
        return True

    def predict(self, X):
        return np.zeros(len(X), dtype=int)


def test_evaluate_matches_counts_worked_out_by_hand():
    result = evaluate(FixedModel(), X_ROWS, Y_TRUE)
    assert (result["tn"], result["fp"], result["fn"], result["tp"]) == (4, 1, 1, 2)
    assert result["accuracy"] == pytest.approx(6 / 8)
    assert result["precision"] == pytest.approx(2 / 3)
    assert result["recall"] == pytest.approx(2 / 3)
    assert result["specificity"] == pytest.approx(4 / 5)
    assert result["f1"] == pytest.approx(2 / 3)
    assert result["g_mean"] == pytest.approx(math.sqrt(2 / 3 * 4 / 5))
    # Positives score 0.9, 0.8, 0.35; of the 15 positive-negative pairs only (0.35, 0.7) and
    # (0.35, 0.4) are ranked wrongly.
    assert result["roc_auc"] == pytest.approx(13 / 15)
    # Ranked by score: 0.9 (P), 0.8 (P), 0.7 (N), 0.4 (N), 0.35 (P): AP = (1 + 1 + 3/5) / 3.
    assert result["average_precision"] == pytest.approx((1 + 1 + 3 / 5) / 3)


def test_evaluate_returns_every_metric_in_order():
    assert list(evaluate(FixedModel(), X_ROWS, Y_TRUE)) == METRICS


def test_evaluate_of_a_do_nothing_model_has_zero_recall_and_precision():
    model = DummyClassifier(strategy="most_frequent").fit(X_ROWS, Y_TRUE)
    result = evaluate(model, X_ROWS, Y_TRUE)
    assert result["accuracy"] == pytest.approx(5 / 8)
    assert result["recall"] == 0 and result["precision"] == 0
    assert result["roc_auc"] == 0.5


def test_positive_scores_uses_decision_function_when_there_are_no_probabilities():
    model = LinearSVC().fit(X_ROWS, Y_TRUE)
    assert np.array_equal(positive_scores(model, X_ROWS), model.decision_function(X_ROWS))


def test_a_model_without_scores_gets_a_clear_error():
    with pytest.raises(TypeError, match="neither predict_proba nor decision_function"):
        evaluate(LabelsOnlyModel(), X_ROWS, Y_TRUE)


def test_an_unfitted_model_is_told_to_fit_first():
    with pytest.raises(NotFittedError, match=r"LogisticRegression is not fitted.*fit\("):
        evaluate(LogisticRegression(), X_ROWS, Y_TRUE)


def test_one_class_only_is_refused_with_advice():
    with pytest.raises(ValueError, match="only the label 0.*stratify"):
        evaluate(FixedModel(), X_ROWS, np.zeros(8, dtype=int))


def test_mismatched_lengths_are_refused():
    with pytest.raises(ValueError, match="X has 8 rows but y has 7 labels"):
        evaluate(FixedModel(), X_ROWS, Y_TRUE[:7])


@pytest.mark.parametrize(
    "labels", [np.where(Y_TRUE == 1, "pos", "neg"), Y_TRUE + 1, np.where(Y_TRUE == 1, 1, -1)]
)
def test_labels_other_than_0_and_1_are_refused_with_advice(labels):
    with pytest.raises(ValueError, match=r"labels 0 \(negative\) and 1 \(positive\).*Encode"):
        evaluate(FixedModel(), X_ROWS, labels)


def test_compare_gives_one_row_per_model_in_order():
    do_nothing = DummyClassifier().fit(X_ROWS, Y_TRUE)
    table = compare({"fixed": FixedModel(), "do-nothing": do_nothing}, X_ROWS, Y_TRUE)
    assert list(table.index) == ["fixed", "do-nothing"]
    assert list(table.columns) == METRICS
    assert table.loc["fixed", "tp"] == 2 and table.loc["do-nothing", "tp"] == 0


def test_compare_without_models_says_what_to_pass():
    with pytest.raises(ValueError, match="at least one model"):
        compare({}, X_ROWS, Y_TRUE)
