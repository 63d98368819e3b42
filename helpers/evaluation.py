"""Score binary classifiers with the metrics that matter on imbalanced data, and compare them on
the same cross-validation folds."""

from collections.abc import Mapping

import numpy as np
import pandas as pd
from imblearn.metrics import geometric_mean_score, specificity_score
from scipy import stats
from sklearn.exceptions import NotFittedError
from sklearn.metrics import (
    accuracy_score,
    average_precision_score,
    brier_score_loss,
    confusion_matrix,
    f1_score,
    log_loss,
    precision_score,
    recall_score,
    roc_auc_score,
)
from sklearn.model_selection import RepeatedStratifiedKFold, cross_validate
from sklearn.utils.parallel import Parallel, delayed
from sklearn.utils.validation import check_is_fitted

# Scorer names that score the positive (minority) class, label 1, plus two ranking metrics.
CV_SCORING = ["recall", "precision", "f1", "average_precision", "roc_auc"]
N_SPLITS = 5

METRICS = [
    "accuracy",
    "precision",
    "recall",
    "specificity",
    "f1",
    "g_mean",
    "roc_auc",
    "average_precision",
    "tn",
    "fp",
    "fn",
    "tp",
]
PROBABILITY_METRICS = ["mean predicted probability", "Brier score", "log loss"]
FOLD_COLUMNS = ["model", "metric", "repeat", "fold", "score"]
DIFFERENCE_COLUMNS = ["mean", "std_error", "low", "high", "p_value"]


def check_binary_target(y) -> np.ndarray:
    """Return ``y`` as an array after checking it holds both labels 0 and 1 and nothing else."""
    y = np.asarray(y)
    labels = set(np.unique(y).tolist())
    if not labels <= {0, 1}:
        raise ValueError(
            f"y must hold the labels 0 (negative) and 1 (positive), got {sorted(labels, key=str)}. "
            "Encode the class you want to detect as 1, e.g. y = (y == 'pos').astype(int)."
        )
    if len(labels) < 2:
        raise ValueError(
            f"y holds only the label {labels.pop()}: every metric here needs both classes. "
            "Use a stratified split (stratify=y) so each part keeps some positives and negatives."
        )
    return y


def check_same_rows(X, y) -> None:
    """Raise a clear error when the features and the labels do not describe the same rows."""
    if len(X) != len(y):
        raise ValueError(
            f"X has {len(X)} rows but y has {len(y)} labels: pass the features and the labels of "
            "the same rows (e.g. X_test with y_test)."
        )


def check_models(models: Mapping[str, object], caller: str) -> None:
    """Raise a clear error when ``models`` is not a non-empty ``{name: model}`` dict."""
    if not isinstance(models, Mapping) or not models:
        raise ValueError(
            f"{caller}() needs at least one model, as a dict such as {{'LR baseline': model}}."
        )


def positive_scores(model, X) -> np.ndarray:
    """Scores for the positive class: ``predict_proba(X)[:, 1]``, else ``decision_function(X)``."""
    try:
        check_is_fitted(model)
    except NotFittedError:
        raise NotFittedError(
            f"{type(model).__name__} is not fitted yet: call model.fit(X_train, y_train) first."
        ) from None
    if hasattr(model, "predict_proba"):
        return model.predict_proba(X)[:, 1]
    if hasattr(model, "decision_function"):
        return model.decision_function(X)
    raise TypeError(
        f"{type(model).__name__} has neither predict_proba nor decision_function, so ROC-AUC and "
        "average precision cannot be computed. Use a classifier that scores its predictions."
    )


def evaluate(model, X, y) -> dict[str, float]:
    """Score a fitted binary classifier on (X, y); class 1 is the positive (minority) class.

    Threshold metrics use ``model.predict``; ROC-AUC and average precision use the scores of
    :func:`positive_scores`. Precision is undefined (NaN) when the model raises no alarm at all.

    Returns
    -------
    dict
        accuracy, precision, recall, specificity, f1, g_mean, roc_auc, average_precision and the
        confusion-matrix counts tn, fp, fn, tp.

    Examples
    --------
    >>> from sklearn.dummy import DummyClassifier
    >>> model = DummyClassifier().fit([[0], [1], [2]], [0, 0, 1])
    >>> scores = evaluate(model, [[0], [1], [2]], [0, 0, 1])
    >>> scores["recall"], scores["precision"]
    (0.0, nan)
    """
    y = check_binary_target(y)
    check_same_rows(X, y)
    scores = positive_scores(model, X)
    predicted = model.predict(X)
    tn, fp, fn, tp = confusion_matrix(y, predicted, labels=[0, 1]).ravel()
    return {
        "accuracy": accuracy_score(y, predicted),
        "precision": float(precision_score(y, predicted, zero_division=np.nan)),
        "recall": recall_score(y, predicted),
        "specificity": specificity_score(y, predicted),
        "f1": f1_score(y, predicted),
        "g_mean": geometric_mean_score(y, predicted),
        "roc_auc": roc_auc_score(y, scores),
        "average_precision": average_precision_score(y, scores),
        "tn": int(tn),
        "fp": int(fp),
        "fn": int(fn),
        "tp": int(tp),
    }


def compare(models: Mapping[str, object], X, y) -> pd.DataFrame:
    """Evaluate several fitted models on the same data: one row per model, one column per metric.

    Examples
    --------
    >>> from sklearn.dummy import DummyClassifier
    >>> X, y = [[0], [1], [2], [3]], [0, 0, 1, 1]
    >>> table = compare({"do-nothing": DummyClassifier().fit(X, y)}, X, y)
    >>> table.loc["do-nothing", "accuracy"]
    np.float64(0.5)
    """
    check_models(models, "compare")
    rows = {name: evaluate(model, X, y) for name, model in models.items()}
    return pd.DataFrame.from_dict(rows, orient="index")[METRICS]


def compare_probabilities(models: Mapping[str, object], X, y) -> pd.DataFrame:
    """How good are fitted models' predicted probabilities of class 1 on (X, y)?

    One row per model: the mean predicted probability (compare it with the share of positives,
    ``y.mean()``), the Brier score and the log loss (``sklearn.metrics.brier_score_loss`` and
    ``log_loss``: two proper scoring rules, lower is better). Both scores reward calibration and
    ranking together; a constant prediction of the share of positives p scores p(1 − p) on Brier
    (put ``DummyClassifier(strategy="prior")`` among the models to see it).

    Examples
    --------
    >>> from sklearn.dummy import DummyClassifier
    >>> X, y = [[0], [1], [2], [3]], [0, 0, 0, 1]
    >>> table = compare_probabilities({"prior": DummyClassifier().fit(X, y)}, X, y)
    >>> print(table.round(4).to_string())
           mean predicted probability  Brier score  log loss
    prior                        0.25       0.1875    0.5623
    """
    check_models(models, "compare_probabilities")
    y = check_binary_target(y)
    check_same_rows(X, y)
    rows = {}
    for name, model in models.items():
        if not hasattr(model, "predict_proba"):
            raise TypeError(f"{name!r} has no predict_proba: it gives no probabilities to judge.")
        probability = positive_scores(model, X)
        rows[name] = [
            probability.mean(), brier_score_loss(y, probability), log_loss(y, probability)
        ]
    return pd.DataFrame.from_dict(rows, orient="index", columns=PROBABILITY_METRICS)


def summarize_cv(cv_results: Mapping[str, np.ndarray]) -> pd.DataFrame:
    """Mean and standard deviation (across folds) of each ``test_*`` score of ``cross_validate``.

    Returns
    -------
    pandas.DataFrame
        One row per metric (the ``test_`` prefix removed), columns ``mean`` and ``std``.

    Examples
    --------
    >>> summarize_cv({"fit_time": np.array([0.1, 0.2]), "test_recall": np.array([0.5, 0.7])})
            mean       std
    recall   0.6  0.141421
    """
    scores = {key[5:]: values for key, values in cv_results.items() if key.startswith("test_")}
    if not scores:
        raise ValueError(
            "No test_* scores found: pass the dict that sklearn's cross_validate returns."
        )
    means = [np.mean(values) for values in scores.values()]
    stds = [np.std(values, ddof=1) for values in scores.values()]
    return pd.DataFrame({"mean": means, "std": stds}, index=list(scores))


def cross_validate_models(
    models: Mapping[str, object],
    X,
    y,
    n_repeats: int = 3,
    scoring: list[str] | None = None,
    random_state: int = 42,
    n_jobs: int | None = None,
) -> pd.DataFrame:
    """Score every model on the same folds: repeated stratified 5-fold cross-validation.

    The same protocol as ``cross_validate(model, X, y, cv=RepeatedStratifiedKFold(n_splits=5,
    n_repeats=n_repeats, random_state=random_state), scoring=scoring)``, run for each model
    (unfitted; pipelines welcome, resamplers inside them), keeping every fold's score so that
    models can be compared fold by fold (:func:`paired_differences`).

    ``n_jobs=-1`` fits the ``len(models) * 5 * n_repeats`` models in parallel, one per CPU core:
    worth it for tree ensembles (then give the models ``n_jobs=1``), not for small logistic
    regressions. The scores are the same either way.

    Returns
    -------
    pandas.DataFrame
        The fold scores, one row per model, metric and fold: columns ``model``, ``metric``,
        ``repeat`` (0, 1, ...), ``fold`` (0 to 4) and ``score``. :func:`summarize_folds` turns it
        into mean ± std per model.
    """
    check_models(models, "cross_validate_models")
    y = check_binary_target(y)
    scoring = scoring or CV_SCORING
    splitter = RepeatedStratifiedKFold(
        n_splits=N_SPLITS, n_repeats=n_repeats, random_state=random_state
    )
    splits = list(splitter.split(X, y))
    one_fold_results = Parallel(n_jobs=n_jobs, prefer="threads")(
        delayed(cross_validate)(model, X, y, cv=[split], scoring=scoring)
        for model in models.values()
        for split in splits
    )
    rows = []
    for position, name in enumerate(models):
        folds = one_fold_results[position * len(splits) : (position + 1) * len(splits)]
        for number, result in enumerate(folds):
            repeat, fold = divmod(number, N_SPLITS)
            rows += [
                (name, metric, repeat, fold, result[f"test_{metric}"][0]) for metric in scoring
            ]
    return pd.DataFrame(rows, columns=FOLD_COLUMNS)


def check_fold_scores(fold_scores: pd.DataFrame) -> None:
    """Raise a clear error when ``fold_scores`` is not a table of :func:`cross_validate_models`."""
    if not isinstance(fold_scores, pd.DataFrame) or list(fold_scores.columns) != FOLD_COLUMNS:
        raise ValueError(
            f"Expected the fold scores of cross_validate_models (columns {FOLD_COLUMNS}); pass "
            "that table as it is."
        )


def summarize_folds(fold_scores: pd.DataFrame) -> pd.DataFrame:
    """Mean and standard deviation across folds, per model and metric.

    Returns
    -------
    pandas.DataFrame
        One row per model (in the order of the fold scores); columns are (metric, ``mean`` |
        ``std``) pairs. :func:`format_mean_std` makes it readable.
    """
    check_fold_scores(fold_scores)
    models = list(dict.fromkeys(fold_scores["model"]))
    metrics = list(dict.fromkeys(fold_scores["metric"]))
    summary = fold_scores.groupby(["model", "metric"], sort=False)["score"].agg(["mean", "std"])
    table = summary.unstack("metric").swaplevel(axis=1)
    columns = pd.MultiIndex.from_product([metrics, ["mean", "std"]])
    return table.loc[models, columns].rename_axis(index=None, columns=[None, None])


def format_mean_std(table: pd.DataFrame, digits: int = 3) -> pd.DataFrame:
    """Turn a :func:`summarize_folds` table into readable "mean ± std" text, one per metric.

    Examples
    --------
    >>> columns = pd.MultiIndex.from_tuples([("recall", "mean"), ("recall", "std")])
    >>> format_mean_std(pd.DataFrame([[0.51234, 0.0456]], index=["LR"], columns=columns))
               recall
    LR  0.512 ± 0.046
    """
    metrics = table.columns.get_level_values(0).unique()
    return pd.DataFrame(
        {
            metric: [
                f"{mean:.{digits}f} ± {std:.{digits}f}"
                for mean, std in zip(table[metric, "mean"], table[metric, "std"], strict=True)
            ]
            for metric in metrics
        },
        index=table.index,
    )


def paired_difference(
    scores_a, scores_b, *, n_train: int, n_test: int, confidence: float = 0.95
) -> pd.Series:
    """How much better (or worse) model a scored than model b on the same folds, with a
    corrected confidence interval.

    Fold by fold, ``d = a − b``. Folds share most of their training rows, so the differences
    are not independent and their plain standard error is too small. Nadeau and Bengio's
    correction (Machine Learning, 2003; the corrected resampled t-test) widens it:
    ``std_error = sqrt((1/J + n_test/n_train) · s²)``, with J folds and s² the sample variance
    of d (ddof=1). The interval is ``mean ± t · std_error`` with Student's t at J − 1 degrees
    of freedom; ``p_value`` is the two-sided p-value of "no difference".

    Parameters
    ----------
    scores_a, scores_b : sequences of the same length
        The two models' scores on the same folds, in the same order.
    n_train, n_test : int
        Rows used to fit and to score in one fold (e.g. 1800 and 450 for 5 folds of 2250 rows).
    confidence : float
        The interval's coverage, strictly between 0 and 1.

    Returns
    -------
    pandas.Series
        ``mean``, ``std_error``, ``low``, ``high``, ``p_value``.

    Examples
    --------
    >>> paired_difference([0.8, 0.7, 0.9], [0.6, 0.6, 0.7], n_train=80, n_test=20).round(3)
    mean         0.167
    std_error    0.044
    low         -0.023
    high         0.356
    p_value      0.063
    dtype: float64
    """
    a, b = np.asarray(scores_a, dtype=float), np.asarray(scores_b, dtype=float)
    if a.ndim != 1 or a.shape != b.shape:
        raise ValueError(
            f"The two models need one score per fold, on the same folds: got {a.shape} and "
            f"{b.shape} scores. Pass the two columns of one fold-score table."
        )
    if len(a) < 2:
        raise ValueError(f"A spread needs at least two folds; got {len(a)}.")
    if n_train <= 0 or n_test <= 0:
        raise ValueError(
            f"n_train and n_test count rows and must be positive; got {n_train} and {n_test}."
        )
    if not 0 < confidence < 1:
        raise ValueError(f"confidence is a probability, e.g. 0.95; got {confidence}.")
    differences = a - b
    folds = len(differences)
    mean = differences.mean()
    std_error = np.sqrt((1 / folds + n_test / n_train) * differences.var(ddof=1))
    if std_error == 0:  # identical differences on every fold: no spread to measure
        p_value = 1.0 if mean == 0 else 0.0
        return pd.Series([mean, 0.0, mean, mean, p_value], index=DIFFERENCE_COLUMNS)
    t_quantile = stats.t.ppf((1 + confidence) / 2, df=folds - 1)
    p_value = 2 * stats.t.sf(abs(mean) / std_error, df=folds - 1)
    values = [mean, std_error, mean - t_quantile * std_error, mean + t_quantile * std_error]
    return pd.Series([*values, p_value], index=DIFFERENCE_COLUMNS)


def paired_differences(
    fold_scores: pd.DataFrame,
    baseline_of: Mapping[str, str],
    *,
    n_train: int,
    n_test: int,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """:func:`paired_difference` of each model against its baseline, for every metric.

    Parameters
    ----------
    fold_scores : pandas.DataFrame
        What :func:`cross_validate_models` returns.
    baseline_of : dict
        ``{model: the baseline it is compared with}``, e.g. ``{"LR + SMOTE": "LR baseline"}``.

    Returns
    -------
    pandas.DataFrame
        One row per (model, metric), columns ``mean``, ``std_error``, ``low``, ``high``,
        ``p_value``; :func:`helpers.plot_paired_differences` draws it.
    """
    check_fold_scores(fold_scores)
    known = set(fold_scores["model"])
    unknown = sorted({*baseline_of, *baseline_of.values()} - known)
    if not baseline_of or unknown:
        raise ValueError(
            f"baseline_of must map models of the fold scores to their baselines; unknown: "
            f"{unknown or 'none given'}. Known models: {sorted(known)}."
        )
    rows = {}
    for metric, scores in fold_scores.groupby("metric", sort=False):
        by_model = scores.pivot(index=["repeat", "fold"], columns="model", values="score")
        for model, baseline in baseline_of.items():
            rows[model, metric] = paired_difference(
                by_model[model], by_model[baseline],
                n_train=n_train, n_test=n_test, confidence=confidence,
            )
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index = pd.MultiIndex.from_tuples(table.index, names=["model", "metric"])
    return table.loc[list(baseline_of)]
