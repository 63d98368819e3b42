import math

import numpy as np
import pandas as pd
import pytest
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.dummy import DummyClassifier
from sklearn.ensemble import RandomForestClassifier
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import LogisticRegression
from sklearn.svm import LinearSVC

from helpers import (
    CV_SCORING,
    compare,
    cross_validate_models,
    evaluate,
    format_mean_std,
    make_imbalanced,
    positive_scores,
    summarize_cv,
)
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


def test_summarize_cv_keeps_only_test_scores():
    table = summarize_cv(
        {"fit_time": np.array([9.0]), "test_f1": np.array([0.2, 0.4]), "train_f1": np.ones(2)}
    )
    assert list(table.index) == ["f1"]
    assert table.loc["f1", "mean"] == pytest.approx(0.3)
    assert table.loc["f1", "std"] == pytest.approx(0.1)


def test_summarize_cv_explains_what_it_needs():
    with pytest.raises(ValueError, match="No test_\\* scores.*cross_validate"):
        summarize_cv({"fit_time": np.array([0.1])})


def test_cross_validate_models_scores_every_model_on_every_metric():
    X, y = make_imbalanced(n_samples=300, minority_share=0.2)
    table = cross_validate_models({"LR baseline": LogisticRegression()}, X, y, n_repeats=2)
    assert list(table.index) == ["LR baseline"]
    assert list(table.columns.get_level_values(0).unique()) == CV_SCORING
    assert table.loc["LR baseline", ("roc_auc", "mean")] > 0.8
    assert (table.xs("std", axis=1, level=1) > 0).all().all()


def test_cross_validate_models_uses_the_scoring_it_is_given():
    X, y = make_imbalanced(n_samples=300, minority_share=0.2)
    models = {"LR baseline": LogisticRegression(), "Do-nothing": DummyClassifier()}
    table = cross_validate_models(models, X, y, n_repeats=1, scoring=["recall", "roc_auc"])
    assert list(table.index) == list(models)
    assert list(table.columns.get_level_values(0).unique()) == ["recall", "roc_auc"]
    assert table.loc["Do-nothing", ("recall", "mean")] == 0
    assert table.loc["Do-nothing", ("roc_auc", "mean")] == 0.5


def test_cross_validate_models_refuses_an_empty_dict_and_a_one_class_target():
    with pytest.raises(ValueError, match="at least one model"):
        cross_validate_models({}, X_ROWS, Y_TRUE)
    with pytest.raises(ValueError, match="only the label 0"):
        cross_validate_models({"LR": LogisticRegression()}, X_ROWS, np.zeros(8, dtype=int))


def test_format_mean_std_writes_one_cell_per_metric():
    X, y = make_imbalanced(n_samples=300, minority_share=0.2)
    table = cross_validate_models({"LR baseline": LogisticRegression()}, X, y, n_repeats=1)
    text = format_mean_std(table, digits=2)
    assert list(text.columns) == CV_SCORING
    mean, std = table.loc["LR baseline", ("f1", "mean")], table.loc["LR baseline", ("f1", "std")]
    assert text.loc["LR baseline", "f1"] == f"{mean:.2f} ± {std:.2f}"


def test_cross_validate_models_gives_the_same_table_in_threads():
    X, y = make_imbalanced(n_samples=300, minority_share=0.2)
    models = {
        "Do-nothing": DummyClassifier(),
        "RF baseline": RandomForestClassifier(n_estimators=10, random_state=0),
        "LR baseline": LogisticRegression(),
    }
    scoring = ["recall", "roc_auc"]  # the do-nothing model has no precision
    one_by_one = cross_validate_models(models, X, y, n_repeats=2, scoring=scoring, n_jobs=1)
    in_threads = cross_validate_models(models, X, y, n_repeats=2, scoring=scoring, n_jobs=2)
    pd.testing.assert_frame_equal(in_threads, one_by_one)
    assert in_threads.loc["Do-nothing", ("recall", "mean")] == 0  # rows not mixed up
