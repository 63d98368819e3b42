import math
import re

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.dummy import DummyClassifier
from sklearn.ensemble import RandomForestClassifier
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import LogisticRegression
from sklearn.svm import LinearSVC

from helpers import (
    CV_SCORING,
    compare,
    compare_probabilities,
    constant_prediction_scores,
    cross_validate_models,
    evaluate,
    fold_by_fold_difference,
    format_mean_std,
    make_imbalanced,
    paired_differences,
    positive_class_scores,
    summarize_cv,
    summarize_folds,
)
from helpers.evaluation import FOLD_COLUMNS, METRICS

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


def test_a_do_nothing_model_has_zero_recall_and_an_undefined_precision():
    model = DummyClassifier(strategy="most_frequent").fit(X_ROWS, Y_TRUE)
    result = evaluate(model, X_ROWS, Y_TRUE)
    assert result["accuracy"] == pytest.approx(5 / 8)
    assert result["recall"] == 0 and result["f1"] == 0
    assert math.isnan(result["precision"])  # no alarm raised: 0 / 0
    assert result["roc_auc"] == 0.5


def test_positive_class_scores_uses_decision_function_when_there_are_no_probabilities():
    model = LinearSVC().fit(X_ROWS, Y_TRUE)
    assert np.array_equal(positive_class_scores(model, X_ROWS), model.decision_function(X_ROWS))


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
    with pytest.raises(ValueError, match="as a dict"):
        compare([FixedModel()], X_ROWS, Y_TRUE)


def test_compare_probabilities_matches_the_formulas():
    table = compare_probabilities({"fixed": FixedModel()}, X_ROWS, Y_TRUE)
    assert list(table.columns) == ["mean predicted probability", "Brier score", "log loss"]
    assert table.loc["fixed", "mean predicted probability"] == pytest.approx(SCORES.mean())
    assert table.loc["fixed", "Brier score"] == pytest.approx(np.mean((SCORES - Y_TRUE) ** 2))
    log_loss = -np.mean(Y_TRUE * np.log(SCORES) + (1 - Y_TRUE) * np.log(1 - SCORES))
    assert table.loc["fixed", "log loss"] == pytest.approx(log_loss)


def test_a_constant_prevalence_model_scores_p_times_1_minus_p_and_the_entropy_of_p():
    prior = DummyClassifier(strategy="prior").fit(X_ROWS, Y_TRUE)
    table = compare_probabilities({"Constant": prior}, X_ROWS, Y_TRUE)
    p = 3 / 8
    assert table.loc["Constant", "Brier score"] == pytest.approx(p * (1 - p))
    entropy = -p * np.log(p) - (1 - p) * np.log(1 - p)
    assert table.loc["Constant", "log loss"] == pytest.approx(entropy)


def test_constant_prediction_scores_are_the_references_of_compare_probabilities():
    prior = DummyClassifier(strategy="prior").fit(X_ROWS, Y_TRUE)  # the same share: 3 / 8
    table = compare_probabilities({"Constant": prior}, X_ROWS, Y_TRUE)
    reference = constant_prediction_scores(Y_TRUE)
    pd.testing.assert_series_equal(reference, table.loc["Constant"], check_names=False)
    p = 3 / 8
    assert list(reference) == pytest.approx(
        [p, p * (1 - p), -p * math.log(p) - (1 - p) * math.log(1 - p)]
    )


def test_constant_prediction_scores_need_both_classes():
    with pytest.raises(ValueError, match="only the label 0"):
        constant_prediction_scores(np.zeros(8, dtype=int))


def test_compare_probabilities_needs_probabilities():
    with pytest.raises(TypeError, match="'labels only' has no predict_proba"):
        compare_probabilities({"labels only": LabelsOnlyModel()}, X_ROWS, Y_TRUE)
    with pytest.raises(ValueError, match="X has 8 rows but y has 7"):
        compare_probabilities({"fixed": FixedModel()}, X_ROWS, Y_TRUE[:7])


def test_summarize_cv_keeps_only_test_scores():
    table = summarize_cv(
        {"fit_time": np.array([9.0]), "test_f1": np.array([0.2, 0.4]), "train_f1": np.ones(2)}
    )
    assert list(table.index) == ["f1"]
    assert table.loc["f1", "mean"] == pytest.approx(0.3)
    assert table.loc["f1", "std"] == pytest.approx(np.std([0.2, 0.4], ddof=1))


def test_summarize_cv_is_the_pandas_line_of_its_docstring_without_the_prefix():
    from sklearn.model_selection import cross_validate

    X, y = make_imbalanced(n_samples=300, minority_share=0.2)
    cv_results = cross_validate(LogisticRegression(), X, y, scoring=["recall", "roc_auc"])
    by_pandas = pd.DataFrame(cv_results).filter(like="test_").agg(["mean", "std"]).T
    by_pandas.index = by_pandas.index.str.removeprefix("test_")
    pd.testing.assert_frame_equal(summarize_cv(cv_results), by_pandas)


def test_summarize_cv_explains_what_it_needs():
    with pytest.raises(ValueError, match="No test_\\* scores.*cross_validate"):
        summarize_cv({"fit_time": np.array([0.1])})


def test_cross_validate_models_keeps_every_folds_score_of_every_model_and_metric():
    X, y = make_imbalanced(n_samples=300, minority_share=0.2)
    scores = cross_validate_models({"LR baseline": LogisticRegression()}, X, y, n_repeats=2)
    assert list(scores.columns) == FOLD_COLUMNS
    assert len(scores) == 1 * len(CV_SCORING) * 2 * 5
    assert list(scores["metric"].unique()) == CV_SCORING
    assert sorted(set(zip(scores["repeat"], scores["fold"], strict=True))) == [
        (repeat, fold) for repeat in (0, 1) for fold in range(5)
    ]
    auc = scores[scores["metric"] == "roc_auc"]["score"]
    assert auc.mean() > 0.8 and auc.std() > 0


class FailsWithoutRow0(ClassifierMixin, BaseEstimator):
    """A model whose fit fails on the one fold that holds row 0 out (its first feature is -1)."""

    def fit(self, X, y):
        if not (np.asarray(X)[:, 0] == -1).any():
            raise ValueError("this fold cannot be fitted")
        self.classes_ = np.array([0, 1])
        return self

    def predict(self, X):
        return np.zeros(len(X), dtype=int)

    def predict_proba(self, X):
        return np.tile([0.5, 0.5], (len(X), 1))


def test_a_fold_that_fails_to_fit_stops_with_its_error_never_a_silent_nan():
    X, y = make_imbalanced(n_samples=300, minority_share=0.2)
    X[0, 0] = -1
    with pytest.raises(ValueError, match="^this fold cannot be fitted$"):  # its own error
        cross_validate_models({"fails once": FailsWithoutRow0()}, X, y, n_repeats=1)


def test_cross_validate_models_records_each_folds_real_size():
    X, y = make_imbalanced(n_samples=303, minority_share=0.2)  # 303 rows: folds of 75 or 76
    scores = cross_validate_models({"LR": LogisticRegression()}, X, y, n_repeats=2, n_splits=4,
                                   scoring=["recall"])
    assert sorted(set(scores["fold"])) == [0, 1, 2, 3]
    assert (scores["n_train"] + scores["n_test"] == 303).all()
    assert set(scores["n_test"]) == {75, 76}
    assert scores.groupby("repeat")["n_test"].sum().tolist() == [303, 303]  # each row once


def test_cross_validate_models_scores_the_folds_of_repeated_stratified_5_fold():
    from sklearn.model_selection import RepeatedStratifiedKFold, cross_validate

    X, y = make_imbalanced(n_samples=300, minority_share=0.2)
    scores = cross_validate_models({"LR": LogisticRegression()}, X, y, n_repeats=2,
                                   scoring=["roc_auc"], random_state=3)
    splitter = RepeatedStratifiedKFold(n_splits=5, n_repeats=2, random_state=3)
    expected = cross_validate(LogisticRegression(), X, y, cv=splitter, scoring="roc_auc")
    assert scores["score"].to_numpy() == pytest.approx(expected["test_score"])


def test_cross_validate_models_uses_the_scoring_it_is_given():
    X, y = make_imbalanced(n_samples=300, minority_share=0.2)
    models = {"LR baseline": LogisticRegression(), "Do-nothing": DummyClassifier()}
    scores = cross_validate_models(models, X, y, n_repeats=1, scoring=["recall", "roc_auc"])
    assert list(scores["model"].unique()) == list(models)
    assert list(scores["metric"].unique()) == ["recall", "roc_auc"]
    do_nothing = scores[scores["model"] == "Do-nothing"].groupby("metric")["score"].mean()
    assert do_nothing["recall"] == 0 and do_nothing["roc_auc"] == 0.5


def test_cross_validate_models_refuses_an_empty_dict_and_a_one_class_target():
    with pytest.raises(ValueError, match="at least one model"):
        cross_validate_models({}, X_ROWS, Y_TRUE)
    with pytest.raises(ValueError, match="only the label 0"):
        cross_validate_models({"LR": LogisticRegression()}, X_ROWS, np.zeros(8, dtype=int))


def test_summarize_folds_gives_mean_and_std_per_model_and_metric_in_order():
    X, y = make_imbalanced(n_samples=300, minority_share=0.2)
    models = {"LR baseline": LogisticRegression(), "Do-nothing": DummyClassifier()}
    scores = cross_validate_models(models, X, y, n_repeats=1, scoring=["roc_auc", "recall"])
    table = summarize_folds(scores)
    assert list(table.index) == list(models)
    assert list(table.columns) == [
        ("roc_auc", "mean"), ("roc_auc", "std"), ("recall", "mean"), ("recall", "std")
    ]
    recall = scores.query("model == 'LR baseline' and metric == 'recall'")["score"]
    assert table.loc["LR baseline", ("recall", "mean")] == pytest.approx(recall.mean())
    assert table.loc["LR baseline", ("recall", "std")] == pytest.approx(recall.std(ddof=1))


def test_summarize_folds_refuses_another_table():
    with pytest.raises(ValueError, match="fold scores of cross_validate_models"):
        summarize_folds(pd.DataFrame({"score": [0.5]}))


def test_format_mean_std_writes_one_cell_per_metric():
    X, y = make_imbalanced(n_samples=300, minority_share=0.2)
    scores = cross_validate_models({"LR baseline": LogisticRegression()}, X, y, n_repeats=1)
    table = summarize_folds(scores)
    text = format_mean_std(table, digits=2)
    assert list(text.columns) == CV_SCORING
    mean, std = table.loc["LR baseline", ("f1", "mean")], table.loc["LR baseline", ("f1", "std")]
    assert text.loc["LR baseline", "f1"] == f"{mean:.2f} ± {std:.2f}"


def test_cross_validate_models_gives_the_same_scores_in_threads():
    X, y = make_imbalanced(n_samples=300, minority_share=0.2)
    models = {
        "Do-nothing": DummyClassifier(),
        "RF baseline": RandomForestClassifier(n_estimators=10, random_state=0),
        "LR baseline": LogisticRegression(),
    }
    scoring = ["recall", "roc_auc"]
    one_by_one = cross_validate_models(models, X, y, n_repeats=2, scoring=scoring, n_jobs=1)
    in_threads = cross_validate_models(models, X, y, n_repeats=2, scoring=scoring, n_jobs=2)
    pd.testing.assert_frame_equal(in_threads, one_by_one)
    do_nothing = in_threads[(in_threads["model"] == "Do-nothing") & (in_threads.metric == "recall")]
    assert (do_nothing["score"] == 0).all()  # rows not mixed up


# Paired comparison: the corrected resampled t-test of Nadeau & Bengio (2003), in its repeated
# k-fold form (Bouckaert & Frank, 2004), with the fold sizes read from the fold table.
A_SCORES = [0.80, 0.75, 0.90, 0.85, 0.70]
B_SCORES = [0.70, 0.72, 0.80, 0.80, 0.66]


def fold_table(a=A_SCORES, b=B_SCORES, n_train=400, n_test=100) -> pd.DataFrame:
    """Two models' scores on the same folds, as cross_validate_models returns them."""
    sizes = np.broadcast_to(n_train, len(a)), np.broadcast_to(n_test, len(a))
    rows = [
        (model, metric, 0, fold, score + (0.1 if metric == "recall" else 0.0),
         sizes[0][fold], sizes[1][fold])
        for model, scores in (("fix", a), ("base", b))
        for fold, score in enumerate(scores)
        for metric in ("recall", "roc_auc")
    ]
    return pd.DataFrame(rows, columns=FOLD_COLUMNS)


def test_the_fold_size_aware_paired_difference_matches_a_hand_computation():
    result = fold_by_fold_difference(fold_table(), "fix", "base", "roc_auc")
    differences = np.array([0.10, 0.03, 0.10, 0.05, 0.04])
    variance = np.sum((differences - differences.mean()) ** 2) / 4
    std_error = math.sqrt((1 / 5 + 100 / 400) * variance)  # n_test / n_train from the table
    t_95 = stats.t.ppf(0.975, df=4)
    assert list(result.index) == ["mean", "std_error", "low", "high", "p_value"]
    assert result["mean"] == pytest.approx(0.064)
    assert result["std_error"] == pytest.approx(std_error)
    assert result["low"] == pytest.approx(0.064 - t_95 * std_error)
    assert result["high"] == pytest.approx(0.064 + t_95 * std_error)
    assert result["p_value"] == pytest.approx(2 * stats.t.sf(0.064 / std_error, df=4))


def test_folds_of_unequal_size_use_their_mean_test_to_train_ratio():
    n_train, n_test = np.array([400, 400, 401, 401, 400]), np.array([101, 101, 100, 100, 101])
    result = fold_by_fold_difference(fold_table(n_train=n_train, n_test=n_test), "fix", "base",
                                     "roc_auc")
    differences = np.array([0.10, 0.03, 0.10, 0.05, 0.04])
    ratio = np.mean(n_test / n_train)
    variance = differences.var(ddof=1)
    assert result["std_error"] == pytest.approx(math.sqrt((1 / 5 + ratio) * variance))


def test_the_correction_grows_with_the_share_of_rows_held_out():
    two_folds = fold_table(n_train=250, n_test=250)
    ten_folds = fold_table(n_train=450, n_test=50)
    wide = fold_by_fold_difference(two_folds, "fix", "base", "recall")
    narrow = fold_by_fold_difference(ten_folds, "fix", "base", "recall")
    assert wide["std_error"] > narrow["std_error"]


def test_the_correction_widens_the_interval_of_the_naive_paired_t_test():
    corrected = fold_by_fold_difference(fold_table(), "fix", "base", "roc_auc")
    naive = stats.ttest_rel(A_SCORES, B_SCORES)
    assert corrected["p_value"] > naive.pvalue
    narrower = fold_by_fold_difference(fold_table(), "fix", "base", "roc_auc", confidence=0.5)
    assert narrower["high"] - narrower["low"] < corrected["high"] - corrected["low"]


def test_fold_by_fold_difference_is_antisymmetric():
    forward = fold_by_fold_difference(fold_table(), "fix", "base", "roc_auc")
    backward = fold_by_fold_difference(fold_table(), "base", "fix", "roc_auc")
    assert backward["mean"] == pytest.approx(-forward["mean"])
    assert backward["low"] == pytest.approx(-forward["high"])
    assert backward["p_value"] == pytest.approx(forward["p_value"])


def test_the_same_difference_on_every_fold_has_no_spread_even_after_rounding():
    same = fold_by_fold_difference(fold_table([0.9, 0.8, 0.7], [0.9, 0.8, 0.7]), "fix", "base",
                                   "recall")
    assert (same["mean"], same["std_error"], same["low"], same["high"], same["p_value"]) == (
        0, 0, 0, 0, 1
    )
    a, b = [0.3, 0.8, 0.45], [0.1, 0.6, 0.25]  # differences of 0.2 that float rounding tells apart
    assert np.ptp(np.array(a) - np.array(b)) > 0
    shifted = fold_by_fold_difference(fold_table(a, b), "fix", "base", "roc_auc")
    assert shifted["std_error"] == 0 and shifted["p_value"] == 0
    assert shifted["low"] == shifted["high"] == shifted["mean"] == pytest.approx(0.2)


def test_a_real_fold_table_needs_no_sizes_by_hand():
    X, y = make_imbalanced(n_samples=300, minority_share=0.2)
    weighted = LogisticRegression(class_weight="balanced")
    models = {"LR": LogisticRegression(), "LR weighted": weighted}
    scores = cross_validate_models(models, X, y, n_repeats=2, scoring=["recall"])
    result = fold_by_fold_difference(scores, "LR weighted", "LR", "recall")
    recall = scores.pivot(index=["repeat", "fold"], columns="model", values="score")
    differences = recall["LR weighted"] - recall["LR"]
    std_error = math.sqrt((1 / 10 + 60 / 240) * differences.var(ddof=1))  # 5 folds of 300 rows
    assert result["std_error"] == pytest.approx(std_error)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("fixx", "base", "recall"),
         "Unknown model: ['fixx']. The fold scores hold ['base', 'fix']"),
        (("fix", "base", "f1"),
         "Unknown metric: ['f1']. The fold scores hold ['recall', 'roc_auc']"),
    ],
)
def test_fold_by_fold_difference_names_what_it_does_not_know(arguments, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        fold_by_fold_difference(fold_table(), *arguments)


def test_models_scored_on_other_folds_are_refused():
    missing_fold = fold_table().drop(index=0)  # "fix" lost its first recall fold
    with pytest.raises(ValueError, match="not scored on the same folds"):
        fold_by_fold_difference(missing_fold, "fix", "base", "recall")
    other_sizes = fold_table()
    other_sizes.loc[other_sizes["model"] == "fix", "n_test"] = 50
    with pytest.raises(ValueError, match="not scored on the same folds"):
        fold_by_fold_difference(other_sizes, "fix", "base", "recall")


def test_one_fold_and_a_confidence_outside_0_1_are_refused():
    with pytest.raises(ValueError, match="at least two folds"):
        fold_by_fold_difference(fold_table([0.1], [0.2]), "fix", "base", "recall")
    with pytest.raises(ValueError, match="confidence is a probability"):
        fold_by_fold_difference(fold_table(), "fix", "base", "recall", confidence=95)


def test_a_table_without_fold_sizes_is_refused_with_advice():
    without_sizes = fold_table().drop(columns=["n_train", "n_test"])
    with pytest.raises(ValueError, match="fold scores of cross_validate_models"):
        fold_by_fold_difference(without_sizes, "fix", "base", "recall")


def test_paired_differences_compare_each_model_with_its_baseline_metric_by_metric():
    table = paired_differences(fold_table(), {"fix": "base"})
    assert list(table.index) == [("fix", "recall"), ("fix", "roc_auc")]
    expected = fold_by_fold_difference(fold_table(), "fix", "base", "roc_auc")
    pd.testing.assert_series_equal(table.loc[("fix", "roc_auc")], expected, check_names=False)


def test_paired_differences_name_the_unknown_models():
    expected = re.escape("Unknown model: ['fixx']. The fold scores hold ['base', 'fix']")
    with pytest.raises(ValueError, match=expected):
        paired_differences(fold_table(), {"fixx": "base"})
    with pytest.raises(ValueError, match="none given"):
        paired_differences(fold_table(), {})
